//! `/w/{token}/benchmarks`: a workspace's runs (upload, list); `/w/{token}/benchmarks/{id}`
//! and, from an editor, `/s/{id}/benchmarks/{run}?key=...`: one run.

use crate::bench_fns::list_benchmark_runs;
use crate::components::search::{no_match, SearchBox};
use crate::components::upload::UploadZone;
use crate::dto::Access;
use crate::dto::{BenchRunRow, BenchUpload};
use crate::format::opt;
use engine::bench::Run;
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

mod delete;
mod run;
pub use run::BenchRunPage;

/// Where run links of a page point: `{base}/{run id}{suffix}`.
#[derive(Clone, Debug, PartialEq)]
struct RunLinks {
    base: String,
    suffix: String,
}

impl RunLinks {
    fn of(access: &Access) -> RunLinks {
        match access {
            Access::Workspace { token } => RunLinks {
                base: format!("/w/{token}/benchmarks"),
                suffix: String::new(),
            },
            Access::Scenario { id, key } => RunLinks {
                base: format!("/s/{id}/benchmarks"),
                suffix: format!("?key={key}"),
            },
        }
    }
    fn run(&self, id: &str) -> String {
        format!("{}/{id}{}", self.base, self.suffix)
    }
}

/// The access a page's route grants: `/w/{ws}/...` or `/s/{id}/...?key=`.
fn route_access() -> Memo<Access> {
    let params = use_params_map();
    let query = use_query_map();
    Memo::new(move |_| match params.read().get("ws") {
        Some(token) => Access::Workspace { token },
        None => Access::Scenario {
            id: params.read().get("id").unwrap_or_default(),
            key: query.read().get("key").unwrap_or_default(),
        },
    })
}

fn shape(r: &Run) -> String {
    match (r.input_tokens, r.output_tokens) {
        (None, None) => "–".into(),
        (i, o) => format!("{} / {}", opt(i), opt(o)),
    }
}

#[component]
pub fn BenchmarksPage() -> impl IntoView {
    let access = route_access();
    let debounced = RwSignal::new(String::new());
    let version = RwSignal::new(0u32);
    let list = crate::dto::json::resource(
        move || (access.get(), debounced.get(), version.get()),
        |(a, q, _)| list_benchmark_runs(a, q),
    );
    let uploaded = Callback::new(move |_: BenchUpload| version.update(|v| *v += 1));
    view! {
        <section class="page benchmarks">
            <h1>"Benchmarks"</h1>
            <p class="lead">
                "Upload what your serving stack measured, so a configuration's throughput is measured, not guessed. Each run keeps its model, hardware, concurrency, request shape, throughput and latencies, with the original file."
            </p>
            <UploadZone on_uploaded=uploaded access=access.get_untracked() />
            <SearchBox
                id="bench-search"
                label="Search runs"
                placeholder="model, GPU, file name"
                debounced=debounced
            />
            <Transition fallback=|| {
                view! { <p>"Loading..."</p> }
            }>
                {move || Suspend::new(async move {
                    match list.await {
                        Err(e) => {
                            view! {
                                <p class="notice warn" role="alert">
                                    {e.to_string()}
                                </p>
                            }
                                .into_any()
                        }
                        Ok(rows) if rows.is_empty() => {
                            view! {
                                <p class="empty">
                                    {no_match(
                                        &debounced.get_untracked(),
                                        "runs",
                                        "No runs yet. Drop a result file above.",
                                    )}
                                </p>
                            }
                                .into_any()
                        }
                        Ok(rows) => {
                            view! {
                                <RunTable
                                    rows=rows
                                    links=RunLinks::of(&access.get_untracked())
                                    searched=!debounced.get_untracked().trim().is_empty()
                                />
                            }
                                .into_any()
                        }
                    }
                })}
            </Transition>
        </section>
    }
}

/// Runs shown per file before the rest are folded (a llama-bench file can list 80).
const RUNS_SHOWN_PER_FILE: usize = 6;

/// The rows grouped by the file they came from, in the order the files first appear
/// (newest first); within a file, the runs with an output throughput (those a
/// configuration can take) before the others, each in the file's order.
fn by_file(rows: Vec<BenchRunRow>) -> Vec<Vec<BenchRunRow>> {
    let mut files: Vec<Vec<BenchRunRow>> = Vec::new();
    for r in rows {
        match files.iter_mut().find(|f| f[0].file_id == r.file_id) {
            Some(f) => f.push(r),
            None => files.push(vec![r]),
        }
    }
    for f in &mut files {
        f.sort_by_key(|r| r.source().is_err());
    }
    files
}

#[component]
fn RunTable(
    rows: Vec<BenchRunRow>,
    links: RunLinks,
    /// Some of a file's runs only (a search, the run page's others): counts say "listed".
    #[prop(optional)]
    searched: bool,
) -> impl IntoView {
    let capped = rows.len() >= crate::dto::RUNS_LISTED;
    // A search or the cap may list only some of a file's runs: the count says "listed".
    let partial = searched || capped;
    view! {
        {capped
            .then(|| {
                view! {
                    <p class="notice" data-testid="runs-capped">
                        {format!(
                            "The newest {} runs are listed: search by model, hardware, label or file to find older ones.",
                            crate::dto::RUNS_LISTED,
                        )}
                    </p>
                }
            })}
        <div class="table-wrap">
            <table class="list runs" data-testid="run-list">
                <thead>
                    <tr>
                        <th scope="col">"Model"</th>
                        <th scope="col">"Hardware"</th>
                        <th scope="col">"Served by"</th>
                        <th scope="col">"Run"</th>
                        <th scope="col" class="n">
                            "Output tok/s"
                        </th>
                        <th scope="col" class="n">
                            "Concurrency"
                        </th>
                        <th scope="col" class="n">
                            "Tokens in / out"
                        </th>
                        <th scope="col" class="n">
                            "TTFT p50 (ms)"
                        </th>
                    </tr>
                </thead>
                {by_file(rows)
                    .into_iter()
                    .map(|runs| {
                        view! { <FileRuns runs=runs links=links.clone() partial=partial /> }
                    })
                    .collect_view()}
            </table>
        </div>
    }
}

/// One file's runs: a heading row naming the file, then its runs, the ones past
/// `RUNS_SHOWN_PER_FILE` folded behind a button.
#[component]
fn FileRuns(runs: Vec<BenchRunRow>, links: RunLinks, partial: bool) -> impl IntoView {
    let open = RwSignal::new(false);
    let total = runs.len();
    let first = &runs[0];
    let uploaded = (!first.uploaded_at.is_empty()).then(|| {
        format!(
            " · uploaded {} UTC",
            crate::format::utc_minute(&first.uploaded_at)
        )
    });
    let heading = format!(
        "{} · {}{} · {} run{}{}",
        first.file_name,
        first.format,
        uploaded.unwrap_or_default(),
        total,
        if total == 1 { "" } else { "s" },
        if partial { " listed" } else { "" },
    );
    let folded = total.saturating_sub(RUNS_SHOWN_PER_FILE);
    view! {
        <tbody data-testid="run-file">
            <tr class="file-head">
                <th colspan="8" scope="rowgroup">
                    <span>{heading}</span>
                </th>
            </tr>
            {runs
                .into_iter()
                .enumerate()
                .map(|(i, r)| {
                    let hidden = move || i >= RUNS_SHOWN_PER_FILE && !open.get();
                    view! { <RunRow r=r links=links.clone() hidden=hidden /> }
                })
                .collect_view()}
            {(folded > 0)
                .then(|| {
                    view! {
                        <tr class="file-fold">
                            <td colspan="8">
                                <button
                                    type="button"
                                    class="link"
                                    data-testid="run-file-fold"
                                    aria-expanded=move || open.get().to_string()
                                    on:click=move |_| open.update(|o| *o = !*o)
                                >
                                    {move || {
                                        if open.get() {
                                            format!("Show the first {RUNS_SHOWN_PER_FILE} runs only")
                                        } else {
                                            format!(
                                                "Show the other {folded} run{} of this file",
                                                if folded == 1 { "" } else { "s" },
                                            )
                                        }
                                    }}
                                </button>
                            </td>
                        </tr>
                    }
                })}
        </tbody>
    }
}

#[component]
fn RunRow(
    r: BenchRunRow,
    links: RunLinks,
    hidden: impl Fn() -> bool + Send + Sync + 'static,
) -> impl IntoView {
    view! {
        <tr class="run" hidden=hidden>
            <td>
                <a href=links.run(&r.id)>{r.run.model_said()}</a>
            </td>
            <td>{r.run.hardware.clone().unwrap_or_else(|| "–".into())}</td>
            <td>{r.run.framework_name().unwrap_or("–").to_string()}</td>
            <td>
                {r.run.label.clone()}
                {(!r.run.warnings.is_empty())
                    .then(|| {
                        view! {
                            <span
                                class="tag warn"
                                title=r.run.warnings.join("\n")
                                data-testid="run-warning-tag"
                            >
                                " ⚠ see its warnings"
                            </span>
                        }
                    })}
            </td>
            <td class="n">{opt(r.run.output_tokens_per_s)}</td>
            <td class="n">{opt(r.run.concurrency)}</td>
            <td class="n">{shape(&r.run)}</td>
            <td class="n">{opt(r.run.ttft_ms.p50)}</td>
        </tr>
    }
}
