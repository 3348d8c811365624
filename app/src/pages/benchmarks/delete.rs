//! Deleting a benchmark file from one of its runs' pages: the workspace's key only, and
//! refused (with the scenarios named) while a saved scenario takes throughput from it.

use crate::bench_fns::delete_benchmark_file;
use crate::dto::{Access, DeletedFile};
use leptos::prelude::*;

#[component]
pub(super) fn DeleteFile(
    token: String,
    file_id: String,
    file_name: String,
    runs: usize,
    all_listed: bool,
) -> impl IntoView {
    let remove = Action::new(move |(token, id): &(String, String)| {
        let (access, id) = (
            Access::Workspace {
                token: token.clone(),
            },
            id.clone(),
        );
        async move { delete_benchmark_file(access, id).await }
    });
    let back = format!("/w/{token}/benchmarks");
    // More runs than the page lists: not counted here (the answer counts them).
    let what = match (runs, all_listed) {
        (_, false) => "all its runs".to_string(),
        (1, true) => "its run".to_string(),
        (n, true) => format!("its {n} runs"),
    };
    let label = format!("Delete {file_name} and {what}");
    let ask = format!(
        "Delete {file_name} and {what}, with its original? Scenarios saved with its figures keep them in their history."
    );
    view! {
        <div class="delete-file" data-testid="delete-file">
            {move || match remove.value().get() {
                Some(Ok(DeletedFile { file_name, runs })) => {
                    view! {
                        <p class="notice" role="status" data-testid="file-deleted">
                            {format!(
                                "Deleted {file_name} and {runs} run{}. ",
                                if runs == 1 { "" } else { "s" },
                            )}
                            <a href=back.clone()>"← All benchmarks"</a>
                        </p>
                    }
                        .into_any()
                }
                other => {
                    let (token, id, ask) = (token.clone(), file_id.clone(), ask.clone());
                    view! {
                        {other
                            .and_then(|r| r.err())
                            .map(|e| {
                                view! {
                                    <p
                                        class="notice warn"
                                        role="alert"
                                        data-testid="delete-refused"
                                    >
                                        {e.explain()}
                                    </p>
                                }
                            })}
                        <button
                            type="button"
                            class="danger"
                            data-testid="delete-file-button"
                            disabled=move || remove.pending().get()
                            on:click=move |_| {
                                #[cfg(feature = "hydrate")]
                                {
                                    if !window().confirm_with_message(&ask).unwrap_or(false) {
                                        return;
                                    }
                                }
                                #[cfg(not(feature = "hydrate"))]
                                let _ = &ask;
                                remove.dispatch((token.clone(), id.clone()));
                            }
                        >
                            {label.clone()}
                        </button>
                    }
                        .into_any()
                }
            }}
        </div>
    }
}
