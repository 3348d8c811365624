//! `/s/{id}/history?key=...`: every revision with what changed and its headline number;
//! any two can be compared, any one viewed read-only; restoring one writes a new revision.

use crate::pages::not_found::LoadError;
use crate::server_fns::{freeze_revision, restore_revision, scenario_history};
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
    let list = crate::dto::json::resource(
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
    // An old revision, read-only: through its frozen link.
    let view_rev = move |rev: i64| {
        let (id, key) = args();
        spawn_local(async move {
            match freeze_revision(id, key, rev).await {
                Ok(token) => crate::components::keys::go(&format!("/f/{token}")),
                Err(e) => message.set(Some(format!("Cannot show revision {rev}: {e}"))),
            }
        });
    };
    // Any two revisions, compared.
    let pick_a = RwSignal::new(None::<i64>);
    let pick_b = RwSignal::new(None::<i64>);
    view! {
        // The full width: a revision's changes read on a line each, not wrapped in three.
        <section class="page">
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
                            let numbers: Vec<i64> = revs.iter().map(|r| r.revision).collect();
                            let options = move |chosen: i64| {
                                numbers
                                    .iter()
                                    .map(|n| {
                                        view! {
                                            <option value=n.to_string() selected=*n == chosen>
                                                {format!("revision {n}")}
                                            </option>
                                        }
                                    })
                                    .collect_view()
                            };
                            let oldest = revs.last().map(|r| r.revision).unwrap_or(0);
                            let picker = (revs.len() > 1)
                                .then(|| {
                                    let (id, key) = args();
                                    view! {
                                        <p class="compare-any" data-testid="compare-any">
                                            <label>
                                                "Compare "
                                                <select on:change=move |ev| {
                                                    pick_a.set(event_target_value(&ev).parse().ok())
                                                }>{options.clone()(oldest)}</select>
                                            </label>
                                            <label>
                                                " with "
                                                <select on:change=move |ev| {
                                                    pick_b.set(event_target_value(&ev).parse().ok())
                                                }>{options(newest)}</select>
                                            </label>
                                            " "
                                            <a
                                                class="button-link"
                                                data-testid="compare-any-link"
                                                href=move || {
                                                    format!(
                                                        "/s/{id}/compare?key={key}&a={}&b={}",
                                                        pick_a.get().unwrap_or(oldest),
                                                        pick_b.get().unwrap_or(newest),
                                                    )
                                                }
                                            >
                                                "Compare"
                                            </a>
                                        </p>
                                    }
                                });
                            Either::Right(
                                view! {
                                    {picker}
                                    <table class="list" data-testid="history">
                                        <thead>
                                            <tr>
                                                <th scope="col">"Revision"</th>
                                                <th scope="col">"Name"</th>
                                                <th scope="col">"What changed"</th>
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
                                                            <td data-testid=format!(
                                                                "changes-{rev}",
                                                            )>
                                                                {changes_list(&r.changes, r.changed, rev == 1)}
                                                                {r
                                                                    .headline
                                                                    .clone()
                                                                    .map(|h| view! { <p class="fineprint">{h}</p> })}
                                                            </td>
                                                            <td>
                                                                {crate::format::utc_second(&r.saved_at)}
                                                                {(!r.author.is_empty())
                                                                    .then(|| format!(" by {}", r.author))}
                                                            </td>
                                                            <td>
                                                                <button
                                                                    type="button"
                                                                    class="secondary"
                                                                    data-testid=format!("view-{rev}")
                                                                    on:click=move |_| view_rev(rev)
                                                                >
                                                                    "View"
                                                                </button>
                                                                " "
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

/// Changes shown at first: the main inputs come first (the engine orders them).
const SHOWN: usize = 4;

/// A revision's changes: the first few, then the others behind "and N more", which opens
/// to list them (those beyond what the server named are counted).
fn changes_list(changes: &[String], changed: usize, first: bool) -> impl IntoView {
    let li = |c: &String| view! { <li>{c.clone()}</li> };
    // The first revision has nothing before it to differ from: said, not left blank.
    let created = (first && changes.is_empty()).then(|| {
        view! { <p class="fineprint">"The scenario as first saved"</p> }
    });
    let shown = changes.iter().take(SHOWN).map(li).collect_view();
    let rest: Vec<String> = changes.iter().skip(SHOWN).cloned().collect();
    let unnamed = changed.saturating_sub(changes.len());
    let more = (!rest.is_empty() || unnamed > 0).then(|| {
        let count = rest.len() + unnamed;
        view! {
            <details class="more-changes">
                <summary>{format!("and {count} more")}</summary>
                <ul class="changes">
                    {rest.iter().map(li).collect_view()}
                    {(unnamed > 0)
                        .then(|| view! { <li>{format!("{unnamed} more, not listed")}</li> })}
                </ul>
            </details>
        }
    });
    view! {
        {created}
        <ul class="changes">{shown}</ul>
        {more}
    }
}
