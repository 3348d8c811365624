//! Deleting a benchmark file from one of its runs' pages: the workspace's key only, and
//! refused (with the scenarios named) while a saved scenario takes throughput from it.

use crate::bench_fns::delete_benchmark_file;
use crate::dto::{Access, DeletedFile};
use leptos::prelude::*;

/// The button, its confirmation and a refusal. `in_use`: the page lists scenarios that
/// use this run, so there is no button, only what to do first (the server checks every
/// run of the file in any case).
#[component]
pub(super) fn DeleteFile(
    token: String,
    file_id: String,
    file_name: String,
    runs: usize,
    all_listed: bool,
    original_kept: bool,
    in_use: bool,
    on_deleted: Callback<DeletedFile>,
) -> impl IntoView {
    if in_use {
        return view! {
            <p class="fineprint" data-testid="delete-file-in-use">
                {format!(
                    "{file_name} can be deleted once no saved scenario takes its throughput from its runs: in each scenario listed above, pick another run (or an estimate) and save.",
                )}
            </p>
        }
        .into_any();
    }
    let remove = Action::new(move |(token, id): &(String, String)| {
        let (access, id) = (
            Access::Workspace {
                token: token.clone(),
            },
            id.clone(),
        );
        async move { delete_benchmark_file(access, id).await }
    });
    Effect::new(move |_| {
        if let Some(Ok(gone)) = remove.value().get() {
            on_deleted.run(gone);
        }
    });
    // More runs than the page lists: not counted here (the answer counts them).
    let what = match (runs, all_listed) {
        (_, false) => "all its runs".to_string(),
        (1, true) => "its run".to_string(),
        (n, true) => format!("its {n} runs"),
    };
    let label = format!("Delete {file_name} and {what}");
    let original = if original_kept {
        ", with its original"
    } else {
        ""
    };
    let ask = format!(
        "Delete {file_name} and {what}{original}? Scenarios saved with its figures keep them in their history."
    );
    view! {
        <div class="delete-file" data-testid="delete-file">
            {move || {
                remove
                    .value()
                    .get()
                    .and_then(|r| r.err())
                    .map(|e| {
                        view! {
                            <p class="notice warn" role="alert" data-testid="delete-refused">
                                {e.explain()}
                            </p>
                        }
                    })
            }}
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
                    remove.dispatch((token.clone(), file_id.clone()));
                }
            >
                {label}
            </button>
        </div>
    }
    .into_any()
}

/// What a run's page shows once it deleted the run's file.
#[component]
pub(super) fn Deleted(gone: DeletedFile, back: (String, &'static str)) -> impl IntoView {
    let DeletedFile { file_name, runs } = gone;
    view! {
        <section class="page narrow">
            <h1>"File deleted"</h1>
            <p role="status" data-testid="file-deleted">
                {format!(
                    "Deleted {file_name} and {runs} run{}. ",
                    if runs == 1 { "" } else { "s" },
                )}
                <a href=back.0>{back.1}</a>
            </p>
        </section>
    }
}
