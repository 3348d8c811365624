//! A configuration's throughput from a benchmark run: pick a stored run, or drop a
//! file here and its first usable run is attached. The conversion is stated.

use super::Ctx;
use crate::bench_fns::list_benchmark_runs;
use crate::components::upload::UploadZone;
use crate::dto::{BenchRunRow, BenchUpload};
use engine::fmt_num;
use engine::scenario::ThroughputSource;
use leptos::prelude::*;

pub(super) fn picker(ctx: Ctx, k: usize) -> impl IntoView {
    let runs = LocalResource::new(move || {
        let access = ctx.access.get_value();
        async move {
            match access {
                Some(a) => list_benchmark_runs(a, String::new()).await,
                None => Ok(Vec::new()),
            }
        }
    });
    // The runs are read in the browser only. Read while the server renders (inside the
    // page's Suspense), a LocalResource tells the boundary it can never resolve there,
    // and the streamed page could end at its "Loading..." (a race, seen on about half
    // the view pages of a scenario with a benchmark attached). The server's HTML and
    // the first render in the browser both show what the scenario alone says; once
    // mounted, the runs fill in.
    let mounted = RwSignal::new(false);
    Effect::new(move |_| mounted.set(true));
    let rows = move || -> Option<Vec<BenchRunRow>> {
        if mounted.get() {
            runs.get().and_then(Result::ok)
        } else {
            None
        }
    };
    let message = RwSignal::new(None::<String>);
    let attach_one = move |row: &BenchRunRow, points: Vec<engine::latency::sweep::SweepPoint>| {
        match row.source() {
            Ok(mut src) => {
                if let ThroughputSource::Benchmark { sweep, .. } = &mut src {
                    *sweep = points;
                }
                ctx.doc.update(|d| {
                    // The run's hardware as its file states it, where it is not this
                    // configuration's: the engine scales the measurement and says so.
                    let seen = row.as_attached();
                    let stated = d
                        .gpu_configs
                        .get(k)
                        .map(|g| engine::bench::fit::stated_hardware(&seen, d, g));
                    if let (
                        ThroughputSource::Benchmark {
                            run_gpu, run_gpus, ..
                        },
                        Some((a, b)),
                    ) = (&mut src, stated)
                    {
                        // Recorded even when it is the configuration's, so a later change
                        // of the configuration's GPU scales the run instead of re-labelling it.
                        let g = d.gpu_configs.get(k);
                        *run_gpu = a.or_else(|| g.map(|g| g.gpu.clone()));
                        *run_gpus = b.or_else(|| g.map(|g| g.gpus_per_replica));
                    }
                    d.use_throughput(k, src);
                });
                message.set(None);
            }
            Err(why) => message.set(Some(why)),
        }
    };
    // `file_rows`: stored runs, among them those of the run's file: the runs of one model
    // and shape at other loads come along as its sweep (the targets then pick a load on
    // it). `picked`: the user chose this run, and it is attached; else (a file just
    // uploaded) the sweep's highest-throughput run is.
    let attach = move |row: &BenchRunRow, file_rows: &[BenchRunRow], picked: bool| {
        let (same, sw) = file_sweep(row, file_rows);
        // The sweep's highest-throughput run, by its index in the file.
        let top = sw
            .points
            .iter()
            .zip(&sw.runs)
            .max_by(|a, b| a.0.output_tokens_per_s.total_cmp(&b.0.output_tokens_per_s))
            .and_then(|(_, i)| same.get(*i).copied())
            .filter(|_| sw.points.len() > 1 && !picked)
            .unwrap_or(row);
        // A run the user picks is the most the plan asks of the hardware: the sweep's
        // heavier loads stay out, so the targets pick at or below it.
        let most = top.run.output_tokens_per_s.unwrap_or(f64::INFINITY);
        let sweep = sw
            .points
            .into_iter()
            .filter(|p| !picked || p.output_tokens_per_s <= most)
            .collect();
        attach_one(top, sweep);
        top.id.clone()
    };
    let current = move || {
        ctx.doc
            .with(|d| match d.gpu_configs.get(k).map(|g| &g.throughput) {
                Some(ThroughputSource::Benchmark {
                    run_id,
                    output_tokens_per_s,
                    input_tokens,
                    output_tokens,
                    concurrency,
                    label,
                    sweep,
                    ..
                }) => Some((
                    run_id.clone(),
                    *output_tokens_per_s,
                    *input_tokens,
                    *output_tokens,
                    *concurrency,
                    label.clone(),
                    sweep.len(),
                )),
                _ => None,
            })
    };
    let usable = super::run_filter::usable_runs(ctx, k, rows);
    let usable = move || usable.get();
    let on_uploaded = Callback::new(move |u: BenchUpload| {
        runs.refetch();
        match u.runs.iter().find(|r| r.source().is_ok()) {
            Some(row) => {
                attach(row, &u.runs, false);
            }
            None => message.set(Some(format!("{} has no run with output tokens/s and a request shape; see its page under Benchmarks", u.file_name))),
        }
    });
    // How the attached run may not measure this configuration: model, precision, GPU,
    // GPUs per replica, concurrency (engine::bench::fit), one warning each.
    let fit = move || -> Vec<String> {
        let Some((id, ..)) = current() else {
            return Vec::new();
        };
        let Some(row) = rows().unwrap_or_default().into_iter().find(|r| r.id == id) else {
            return Vec::new();
        };
        ctx.doc.with(|d| {
            d.gpu_configs
                .get(k)
                .map(|g| engine::bench::fit::mismatches(&row.as_attached(), d, g))
                .unwrap_or_default()
        })
    };
    // The attached run's load: as its file states it, else worked out by Little's law
    // from its rate and latency (stated as such), else said to be unknown. Until the
    // runs load, the value kept in the scenario.
    let concurrency_text = move |id: &str, c: f64| {
        let row = rows().and_then(|rows| rows.into_iter().find(|r| r.id == id));
        match row {
            Some(r) if r.run.concurrency.is_none() => match r.run.little_in_flight() {
                Some(n) => format!(
                    "about {} requests in flight (not stated: rate × mean end-to-end latency)",
                    fmt_num(n.round().max(1.0))
                ),
                None => "concurrency not stated".to_string(),
            },
            Some(_) => format!("concurrency {}", fmt_num(c)),
            // The run is not listed (older than the list, or not readable here): the load
            // recorded when it was attached, stated or worked out.
            None if c > 0.0 => {
                let n = c.round().max(1.0);
                format!(
                    "about {} request{} in flight (as recorded when the run was attached)",
                    fmt_num(n),
                    if n == 1.0 { "" } else { "s" }
                )
            }
            None => "concurrency not stated".to_string(),
        }
    };
    // The file's runs of the same model and shape at a heavier load than the attached
    // run: left out of its sweep (the attached run is the most the plan asks).
    let heavier = move |id: &str, tps: f64| -> usize {
        let rows = rows().unwrap_or_default();
        rows.iter().find(|r| r.id == id).map_or(0, |row| {
            let (_, sw) = file_sweep(row, &rows);
            sw.points
                .iter()
                .filter(|p| p.output_tokens_per_s > tps)
                .count()
        })
    };
    let attached = Memo::new(move |_| current().map(|c| c.0));
    // Narrows the run list as the user types (every word, in any order, anywhere in the
    // run's model, label, hardware, file or format); the attached run stays listed.
    let filter = RwSignal::new(String::new());
    view! {
        <div class="measured" data-testid=format!("measured-{k}")>
            {move || match current() {
                Some((id, tps, input, output, c, label, swept)) => {
                    view! {
                        <p class="measured-now" data-testid="measured-now">
                            "Measured: "
                            <strong>{fmt_num(tps)}" output tok/s"</strong>
                            " at "
                            {fmt_num(input)}
                            " in / "
                            {fmt_num(output)}
                            " out tokens per request, "
                            {concurrency_text(&id, c)}
                            " ("
                            {match ctx.access.get_value() {
                                Some(crate::dto::Access::Scenario { id: sid, key }) => {
                                    view! {
                                        <a href=format!(
                                            "/s/{sid}/benchmarks/{id}?key={key}",
                                        )>{label}</a>
                                    }
                                        .into_any()
                                }
                                _ => view! { <span>{label}</span> }.into_any(),
                            }}
                            "). "
                            "Seconds per request are converted to each task type's shape with the estimator's ratio of request costs; open the throughput explanation in the results for the numbers."
                            {
                                let left = heavier(&id, tps);
                                let why = "the run attached is the most the plan asks of the hardware";
                                let left_out = match left {
                                    0 => String::new(),
                                    1 => format!("1 run of higher throughput is left out: {why}"),
                                    n => {
                                        format!("{n} runs of higher throughput are left out: {why}")
                                    }
                                };
                                let text = if swept > 1 {
                                    let left_out = if left_out.is_empty() {
                                        left_out
                                    } else {
                                        format!(" ({left_out})")
                                    };
                                    format!(
                                        " Sweep: {swept} runs of this model and request shape from the same file, up to the one attached{left_out}; latency targets pick the highest load that meets them.",
                                    )
                                } else if left > 0 {
                                    format!(
                                        " The file's other runs of this model and request shape: {left_out}.",
                                    )
                                } else {
                                    String::new()
                                };
                                (!text.is_empty())
                                    .then(|| {
                                        view! {
                                            <span class="sweep-note" data-testid=format!("sweep-{k}")>
                                                {text}
                                            </span>
                                        }
                                    })
                            }
                        </p>
                    }
                        .into_any()
                }
                None => {
                    view! {
                        <p class="hint">
                            "No run attached yet: the previous throughput source is used until you pick one."
                        </p>
                    }
                        .into_any()
                }
            }}
            {move || attached.get().map(|_| super::run_hardware::fields(ctx, k))}
            {move || {
                let warnings = fit();
                (!warnings.is_empty())
                    .then(|| {
                        view! {
                            <ul class="notice warn run-fit" data-testid=format!("run-fit-{k}")>
                                {warnings
                                    .into_iter()
                                    .map(|w| view! { <li>{w}</li> })
                                    .collect_view()}
                            </ul>
                        }
                    })
            }}
            {(!ctx.read_only)
                .then(|| {
                    view! {
                        {super::run_filter::filter_box(k, filter, usable)}
                        <label class="run-pick">
                            "Run "
                            <select
                                aria-label="Benchmark run"
                                data-testid=format!("run-select-{k}")
                                on:change=move |ev| {
                                    let id = event_target_value(&ev);
                                    let all = runs
                                        .get_untracked()
                                        .and_then(Result::ok)
                                        .unwrap_or_default();
                                    if let Some(row) = usable().into_iter().find(|r| r.id == id) {
                                        attach(&row, &all, true);
                                    }
                                }
                            >
                                <option value="">"choose a stored run..."</option>
                                {move || {
                                    let wanted = filter.get();
                                    usable()
                                        .into_iter()
                                        .filter(|r| {
                                            attached.with(|a| a.as_deref() == Some(r.id.as_str()))
                                                || super::run_filter::matches(r, &wanted)
                                        })
                                        .map(|r| {
                                            let selected = attached
                                                .with(|a| a.as_deref() == Some(r.id.as_str()));
                                            let text = format!(
                                                "{} · {} tok/s",
                                                r.short_label(),
                                                r.run.output_tokens_per_s.map(fmt_num).unwrap_or_default(),
                                            );
                                            view! {
                                                <option value=r.id.clone() selected=selected>
                                                    {text}
                                                </option>
                                            }
                                        })
                                        .collect_view()
                                }}
                            </select>
                        </label>
                        {move || {
                            let n = runs.get().and_then(Result::ok).map_or(0, |r| r.len());
                            (n >= crate::dto::RUNS_LISTED)
                                .then(|| {
                                    view! {
                                        <p class="fineprint" data-testid=format!("runs-capped-{k}")>
                                            {format!(
                                                "The newest {} runs are offered here; an older run is found on the workspace's Benchmarks page, or upload its file again.",
                                                crate::dto::RUNS_LISTED,
                                            )}
                                        </p>
                                    }
                                })
                        }}
                        <UploadZone
                            access=ctx.access.get_value()
                            compact=true
                            test_id=format!("upload-config-{k}")
                            on_uploaded=on_uploaded
                        />
                    }
                })}
            {move || {
                message
                    .get()
                    .map(|m| {
                        view! {
                            <p class="notice warn" role="alert">
                                {m}
                            </p>
                        }
                    })
            }}
        </div>
    }
}

/// The runs of `row`'s file among `rows`, and `row`'s sweep among them.
fn file_sweep<'a>(
    row: &BenchRunRow,
    rows: &'a [BenchRunRow],
) -> (Vec<&'a BenchRunRow>, engine::bench::sweep::Sweep) {
    let same: Vec<&BenchRunRow> = rows.iter().filter(|r| r.file_id == row.file_id).collect();
    let runs: Vec<engine::bench::Run> = same.iter().map(|r| r.run.clone()).collect();
    let sw = same
        .iter()
        .position(|r| r.id == row.id)
        .map(|i| engine::bench::sweep::sweep(&runs, i))
        .unwrap_or_default();
    (same, sw)
}
