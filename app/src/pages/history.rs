//! `/s/{id}/history?key=...`: every revision; restoring one writes a new revision.

use crate::pages::not_found::LoadError;
use crate::server_fns::{restore_revision, scenario_history};
use leptos::either::Either;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::{use_params_map, use_query_map};

#[component]
pub fn HistoryPage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let args = move || {
        (
            params.read().get("id").unwrap_or_default(),
            query.read().get("key").unwrap_or_default(),
        )
    };
    let refresh = RwSignal::new(0u32);
    let message = RwSignal::new(None::<String>);
    let list = Resource::new(
        move || (args(), refresh.get()),
        |((id, key), _)| scenario_history(id, key),
    );
    let restore = move |rev: i64| {
        let (id, key) = args();
        spawn_local(async move {
            match restore_revision(id, key, rev).await {
                Ok(new) => {
                    message.set(Some(format!(
                        "Restored revision {rev} as the new revision {new}."
                    )));
                    refresh.update(|n| *n += 1);
                }
                Err(e) => message.set(Some(format!("Not restored: {e}"))),
            }
        });
    };
    view! {
        <section class="page narrow">
            <h1>"History"</h1>
            <p>
                <a href=move || {
                    let (id, key) = args();
                    format!("/s/{id}?key={key}")
                }>"Back to the editor"</a>
            </p>
            <p role="status" data-testid="history-status">
                {move || message.get()}
            </p>
            <Transition fallback=|| {
                view! { <p>"Loading..."</p> }
            }>
                {move || Suspend::new(async move {
                    match list.await {
                        Err(e) => Either::Left(view! { <LoadError err=e /> }),
                        Ok(revs) => {
                            let newest = revs.first().map(|r| r.revision).unwrap_or(0);
                            Either::Right(
                                view! {
                                    <table class="list" data-testid="history">
                                        <thead>
                                            <tr>
                                                <th scope="col">"Revision"</th>
                                                <th scope="col">"Name"</th>
                                                <th scope="col">"Saved (UTC)"</th>
                                                <th scope="col">""</th>
                                            </tr>
                                        </thead>
                                        <tbody>
                                            {revs
                                                .into_iter()
                                                .map(|r| {
                                                    let rev = r.revision;
                                                    view! {
                                                        <tr>
                                                            <td class="n">
                                                                {rev}{r.restored_from.map(|f| format!(" (restores {f})"))}
                                                            </td>
                                                            <td>{r.name}</td>
                                                            <td>{crate::format::utc_second(&r.saved_at)}</td>
                                                            <td>
                                                                {(rev != newest)
                                                                    .then(|| {
                                                                        let (id, key) = args();
                                                                        view! {
                                                                            <a
                                                                                class="button-link"
                                                                                data-testid=format!("compare-{rev}")
                                                                                href=format!("/s/{id}/compare?key={key}&a={rev}&b={newest}")
                                                                            >
                                                                                {format!("Compare with {newest}")}
                                                                            </a>
                                                                            " "
                                                                            <button
                                                                                type="button"
                                                                                class="secondary"
                                                                                on:click=move |_| restore(rev)
                                                                            >
                                                                                {format!("Restore revision {rev}")}
                                                                            </button>
                                                                        }
                                                                    })}
                                                            </td>
                                                        </tr>
                                                    }
                                                })
                                                .collect_view()}
                                        </tbody>
                                    </table>
                                },
                            )
                        }
                    }
                })}
            </Transition>
        </section>
    }
}
