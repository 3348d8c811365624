//! `/w/{token}/usage`: a team's real API usage in (exports and logs, several at once),
//! read together into a measured workload and set against the bill, then into a new
//! scenario or over a scenario's workload.

use crate::components::upload::UploadZone;
use crate::dto::{Access, StoredUsage};
use crate::usage_fns::{list_usage_files, read_usage};
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

mod actions;
mod backtest;
mod files;
mod preview;
mod unavailable;
use actions::Actions;
use files::FileList;
use preview::Preview;

#[component]
pub fn UsagePage() -> impl IntoView {
    let params = use_params_map();
    let token = Memo::new(move |_| params.read().get("ws").unwrap_or_default());
    let access = move || Access::Workspace {
        token: token.get_untracked(),
    };
    let version = RwSignal::new(0u32);
    // The files read together: those uploaded here, or ticked in the list.
    let selected = RwSignal::new(Vec::<String>::new());
    // Calls a month typed for groups whose file counts none.
    let calls: unavailable::TypedCalls = RwSignal::new(Default::default());
    let bad: unavailable::BadCalls = RwSignal::new(Default::default());
    let files = crate::dto::json::resource(
        move || (token.get(), version.get()),
        |(t, _)| list_usage_files(Access::Workspace { token: t }),
    );
    let preview = crate::dto::json::resource(
        move || (token.get(), selected.get(), calls.get()),
        |(t, ids, calls)| async move {
            if ids.is_empty() {
                return None;
            }
            Some(read_usage(Access::Workspace { token: t }, ids, calls).await)
        },
    );
    let uploaded = Callback::new(move |u: StoredUsage| {
        selected.update(|s| {
            if !s.contains(&u.id) {
                s.push(u.id.clone());
            }
        });
        version.update(|v| *v += 1);
    });
    view! {
        <section class="page usage">
            <h1>"Usage"</h1>
            <p class="lead">
                "Upload what your team already sends to the API, so the workload is measured, not typed: calls a month, tokens per call, cache and batch shares, peak and growth per model, priced with the catalog and set against the bill."
            </p>
            <p class="fineprint" data-testid="usage-privacy">
                "Kept: counts, times, model names and grouping keys. Never logged or shown: the text of a prompt or an answer. The original file is kept only when you tick \"keep the original\"; only this workspace's key reads it back, and deleting the file deletes it."
            </p>
            <UploadZone on_uploaded=uploaded access=Some(access()) test_id="usage-upload" />
            <Transition fallback=|| {
                view! { <p>"Loading..."</p> }
            }>
                {move || Suspend::new(async move {
                    match files.await {
                        Err(e) => {
                            view! {
                                <p class="notice warn" role="alert">
                                    {e.explain()}
                                </p>
                            }
                                .into_any()
                        }
                        Ok(rows) if rows.is_empty() => {
                            view! {
                                <p class="empty">"No usage files yet. Drop an export above."</p>
                            }
                                .into_any()
                        }
                        Ok(rows) => {
                            view! {
                                <FileList
                                    rows=rows
                                    selected=selected
                                    token=token.get_untracked()
                                    version=version
                                />
                            }
                                .into_any()
                        }
                    }
                })}
            </Transition>
            <Transition fallback=|| {
                view! { <p>"Reading..."</p> }
            }>
                {move || Suspend::new(async move {
                    match preview.await {
                        None => {
                            view! { <p class="empty">"Tick the files to read together."</p> }
                                .into_any()
                        }
                        Some(Err(e)) => {
                            view! {
                                <p class="notice warn" role="alert">
                                    {e.explain()}
                                </p>
                            }
                                .into_any()
                        }
                        Some(Ok(p)) => {
                            forget_stale(&p.workload, calls, bad);
                            let ids = selected.get_untracked();
                            let any = !p.workload.task_types.is_empty();
                            let has_load = p.has_load;
                            view! {
                                <Preview preview=p calls=calls bad=bad />
                                {any
                                    .then(|| {
                                        view! {
                                            <Actions
                                                token=token.get_untracked()
                                                ids=ids
                                                calls=calls
                                                bad=bad
                                                has_load=has_load
                                            />
                                        }
                                    })}
                            }
                                .into_any()
                        }
                    }
                })}
            </Transition>
        </section>
    }
}

/// Typed counts and texts whose group is no longer among the files read (a file
/// unticked) are dropped: a text nobody can see must not hold the workload back.
fn forget_stale(
    w: &engine::usage::file::Workload,
    calls: unavailable::TypedCalls,
    bad: unavailable::BadCalls,
) {
    if !w.typed_left_out.is_empty() {
        calls.update(|c| c.retain(|k, _| !w.typed_left_out.contains(k)));
    }
    let asks = |k: &String| {
        w.unavailable
            .iter()
            .any(|u| &u.group == k && u.calls_typable)
    };
    if bad.with_untracked(|b| b.keys().any(|k| !asks(k))) {
        bad.update(|b| b.retain(|k, _| asks(k)));
    }
}
