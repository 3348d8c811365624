//! One benchmark run: its numbers, its file, the scenarios using it, its siblings.

use super::delete::{DeleteFile, Deleted};
use super::{route_access, RunLinks, RunTable};
use crate::bench_fns::benchmark_run;
use crate::dto::Access;
use crate::dto::DeletedFile;
use crate::format::opt;
use crate::pages::not_found::LoadError;
use engine::bench::Stat;
use leptos::either::Either;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

fn stat_row(name: &'static str, what: &'static str, s: &Stat) -> impl IntoView {
    view! {
        <tr>
            <th scope="row">{name}<span class="fineprint">" "{what}</span></th>
            <td class="n">{opt(s.mean)}</td>
            <td class="n">{opt(s.p50)}</td>
            <td class="n">{opt(s.p99)}</td>
        </tr>
    }
}

#[component]
pub fn BenchRunPage() -> impl IntoView {
    let params = use_params_map();
    let access = route_access();
    let detail = crate::dto::json::resource(
        move || {
            let p = params.read();
            (access.get(), p.get("run").unwrap_or_default())
        },
        |(a, id)| benchmark_run(a, id),
    );
    // Set when this page deleted the run's file: the page then says so, and no more.
    let deleted = RwSignal::new(None::<DeletedFile>);
    // Another run's page drawn by the same component (the browser's Back) shows that run.
    Effect::new(move |_| {
        params.track();
        deleted.set(None);
    });
    let page = move || {
        view! {
            <Suspense fallback=|| {
                view! { <p class="page">"Loading..."</p> }
            }>
                {move || Suspend::new(async move {
                    match detail.await {
                        Err(e) => {
                            let back = back_of(&access.get_untracked());
                            Either::Right(
                                view! { <LoadError err=e back=(back.0, back.1.to_string()) /> },
                            )
                        }
                        Ok(d) => {
                            let r = d.row.run.clone();
                            let source = d.row.source();
                            let a = access.get_untracked();
                            let links = RunLinks::of(&a);
                            let (back, back_label) = back_of(&a);
                            let original = match &a {
                                Access::Workspace { token } => {
                                    format!(
                                        "/api/benchmark-files/{}/original?workspace={token}",
                                        d.row.file_id,
                                    )
                                }
                                Access::Scenario { .. } => String::new(),
                            };
                            Either::Left(
                                view! {
                                    <section class="page run" data-testid="run-page">
                                        <p>
                                            <a href=back>{back_label}</a>
                                        </p>
                                        <h1>
                                            {if r.model.is_some() {
                                                r.model_said()
                                            } else {
                                                "Unknown model".into()
                                            }} <span class="sub">{format!(" · {}", r.label)}</span>
                                        </h1>
                                        <dl class="facts">
                                            <dt>"Hardware"</dt>
                                            <dd>
                                                {r
                                                    .hardware
                                                    .clone()
                                                    .unwrap_or_else(|| "not recorded in the file".into())}
                                            </dd>
                                            <dt>"Served by"</dt>
                                            <dd data-testid="run-framework">
                                                {r
                                                    .framework
                                                    .clone()
                                                    .unwrap_or_else(|| {
                                                        format!(
                                                            "not stated in the file ({} is a client: it can measure any OpenAI-compatible server)",
                                                            d.row.format,
                                                        )
                                                    })}
                                            </dd>
                                            <dt>"File"</dt>
                                            <dd>
                                                {d.row.file_name.clone()}" ("{d.row.format.clone()}", "
                                                {crate::components::upload::human_size(d.size_bytes as f64)}
                                                ") "
                                                {(d.original_kept && !original.is_empty())
                                                    .then(|| {
                                                        view! { <a href=original>"download original"</a> }
                                                    })}
                                                {(!d.original_kept)
                                                    .then_some("original not kept: over the stored-size cap")}
                                            </dd>
                                            <dt>"Measured"</dt>
                                            <dd data-testid="run-measured-at">
                                                {match r.measured_at.clone() {
                                                    Some(at) => format!("{at} (as the file states it)"),
                                                    None => "the file states no time".to_string(),
                                                }}
                                            </dd>
                                            <dt>"Uploaded (UTC)"</dt>
                                            <dd>{crate::format::utc_second(&d.row.uploaded_at)}</dd>
                                        </dl>
                                        {(!r.warnings.is_empty())
                                            .then(|| {
                                                view! {
                                                    <div class="notice warn" data-testid="run-warnings">
                                                        <p>
                                                            <strong>"Check before you use this run:"</strong>
                                                        </p>
                                                        <ul>
                                                            {r
                                                                .warnings
                                                                .iter()
                                                                .map(|w| view! { <li>{w.clone()}</li> })
                                                                .collect_view()}
                                                        </ul>
                                                    </div>
                                                }
                                            })}
                                        <h2>"Throughput and shape"</h2>
                                        <table class="list metrics" data-testid="run-metrics">
                                            <tbody>
                                                <tr>
                                                    <th scope="row">"Output tokens/s"</th>
                                                    <td class="n" data-testid="run-output-tps">
                                                        {opt(r.output_tokens_per_s)}
                                                    </td>
                                                </tr>
                                                <tr>
                                                    <th scope="row">"Total tokens/s (prompt + output)"</th>
                                                    <td class="n">{opt(r.total_tokens_per_s)}</td>
                                                </tr>
                                                <tr>
                                                    <th scope="row">"Requests/s"</th>
                                                    <td class="n">{opt(r.requests_per_s)}</td>
                                                </tr>
                                                <tr>
                                                    <th scope="row">
                                                        "Concurrency"
                                                        <span class="fineprint" data-testid="run-concurrency-basis">
                                                            {r
                                                                .concurrency_basis
                                                                .map(|b| format!(" {}", b.describe()))
                                                                .unwrap_or_default()}
                                                        </span>
                                                    </th>
                                                    <td class="n">{opt(r.concurrency)}</td>
                                                </tr>
                                                <tr>
                                                    <th scope="row">"Prompt tokens per request (mean)"</th>
                                                    <td class="n">{opt(r.input_tokens)}</td>
                                                </tr>
                                                <tr>
                                                    <th scope="row">"Output tokens per request (mean)"</th>
                                                    <td class="n">{opt(r.output_tokens)}</td>
                                                </tr>
                                                <tr>
                                                    <th scope="row">"Duration (s)"</th>
                                                    <td class="n">{opt(r.duration_s)}</td>
                                                </tr>
                                                <tr>
                                                    <th scope="row">"Requests completed / failed"</th>
                                                    <td class="n">
                                                        {format!(
                                                            "{} / {}",
                                                            r
                                                                .completed
                                                                .map(|c| c.to_string())
                                                                .unwrap_or_else(|| "–".into()),
                                                            r
                                                                .failed
                                                                .map(|c| c.to_string())
                                                                .unwrap_or_else(|| "–".into()),
                                                        )}
                                                    </td>
                                                </tr>
                                            </tbody>
                                        </table>
                                        <h2>"Latency (ms)"</h2>
                                        <table class="list metrics">
                                            <thead>
                                                <tr>
                                                    <th scope="col">"Metric"</th>
                                                    <th scope="col" class="n">
                                                        "Mean"
                                                    </th>
                                                    <th scope="col" class="n">
                                                        "p50"
                                                    </th>
                                                    <th scope="col" class="n">
                                                        "p99"
                                                    </th>
                                                </tr>
                                            </thead>
                                            <tbody>
                                                {stat_row("TTFT", "time to first token", &r.ttft_ms)}
                                                {stat_row(
                                                    "TPOT",
                                                    "time per output token after the first",
                                                    &r.tpot_ms,
                                                )}
                                                {stat_row("ITL", "gap between streamed chunks", &r.itl_ms)}
                                                {stat_row("E2E", "whole request", &r.e2e_ms)}
                                            </tbody>
                                        </table>
                                        <h2>"How it was read"</h2>
                                        <p class="fineprint">
                                            "Units are normalised: seconds, milliseconds and nanoseconds in the file become seconds for durations and milliseconds for latencies."
                                        </p>
                                        <ul class="notes">
                                            {(r.notes.is_empty() && r.warnings.is_empty())
                                                .then(|| {
                                                    view! {
                                                        <li>
                                                            "Every value above was read directly from the file; nothing was inferred."
                                                        </li>
                                                    }
                                                })}
                                            {r
                                                .notes
                                                .iter()
                                                .map(|n| view! { <li>{n.clone()}</li> })
                                                .collect_view()}
                                            {r
                                                .errors
                                                .iter()
                                                .map(|e| {
                                                    view! {
                                                        <li>"Error recorded for failed requests: "{e.clone()}</li>
                                                    }
                                                })
                                                .collect_view()}
                                            {d
                                                .refused
                                                .iter()
                                                .map(|n| {
                                                    view! {
                                                        <li>"Not imported from this file: "{n.clone()}</li>
                                                    }
                                                })
                                                .collect_view()}
                                        </ul>
                                        <h2>"Use in a scenario"</h2>
                                        {match source {
                                            Ok(_) => {
                                                view! {
                                                    <p>
                                                        "In a GPU configuration, set " <em>"Throughput from"</em>
                                                        " to " <em>"a benchmark run"</em>
                                                        " and pick this run. Its seconds per request are converted to each task type's request shape with the estimator's cost ratio, and checked against the physical bound for the GPU, model and precision."
                                                    </p>
                                                }
                                                    .into_any()
                                            }
                                            Err(why) => {
                                                view! {
                                                    <p class="notice warn">
                                                        "This run cannot set a configuration's throughput: "{why}
                                                    </p>
                                                }
                                                    .into_any()
                                            }
                                        }}
                                        <h3>"Scenarios using it"</h3>
                                        {if d.used_by.is_empty() {
                                            view! {
                                                <p class="empty" data-testid="used-by-none">
                                                    "None yet."
                                                </p>
                                            }
                                                .into_any()
                                        } else {
                                            view! {
                                                <ul data-testid="used-by">
                                                    {d
                                                        .used_by
                                                        .iter()
                                                        .map(|u| {
                                                            view! {
                                                                <li>
                                                                    <a href=format!("/v/{}", u.view_token)>{u.name.clone()}</a>
                                                                    {u
                                                                        .edit_path
                                                                        .clone()
                                                                        .map(|href| {
                                                                            view! {
                                                                                " · "
                                                                                <a href=href>"edit"</a>
                                                                            }
                                                                        })}
                                                                </li>
                                                            }
                                                        })
                                                        .collect_view()}
                                                </ul>
                                            }
                                                .into_any()
                                        }}
                                        {(!d.siblings.is_empty())
                                            .then(|| {
                                                view! {
                                                    <h3>"Other runs in this file"</h3>
                                                    <RunTable
                                                        rows=d.siblings.clone()
                                                        links=links.clone()
                                                        searched=true
                                                    />
                                                }
                                            })}
                                        {match &a {
                                            Access::Workspace { token } => {
                                                Some(
                                                    view! {
                                                        <h2>"This file"</h2>
                                                        <DeleteFile
                                                            token=token.clone()
                                                            file_id=d.row.file_id.clone()
                                                            file_name=d.row.file_name.clone()
                                                            runs=d.siblings.len() + 1
                                                            all_listed=d.siblings.len() < crate::dto::SIBLINGS_LISTED
                                                            original_kept=d.original_kept
                                                            in_use=!d.used_by.is_empty()
                                                            on_deleted=Callback::new(move |gone| {
                                                                deleted.set(Some(gone))
                                                            })
                                                        />
                                                    },
                                                )
                                            }
                                            Access::Scenario { .. } => None,
                                        }}
                                    </section>
                                },
                            )
                        }
                    }
                })}
            </Suspense>
        }
    };
    move || match deleted.get() {
        Some(gone) => {
            Either::Left(view! { <Deleted gone=gone back=back_of(&access.get_untracked()) /> })
        }
        None => Either::Right(page()),
    }
}

/// Where a run's page leads back to, by the access its link grants.
fn back_of(a: &Access) -> (String, &'static str) {
    match a {
        Access::Workspace { token } => (format!("/w/{token}/benchmarks"), "← All benchmarks"),
        Access::Scenario { id, key } => (format!("/s/{id}?key={key}"), "← Back to the scenario"),
    }
}
