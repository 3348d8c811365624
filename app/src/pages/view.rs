//! `/v/{token}`: read-only, the latest revision; `/f/{token}`: a link frozen at one
//! revision (the one finance approved), which reaches that revision and nothing else. No save control here, and the server refuses
//! writes without the edit key anyway. "Make my own copy" copies the shown revision into
//! a workspace this browser knows.

use crate::components::charts::{use_live, ChartPanel};
use crate::components::form::ScenarioForm;
use crate::components::results::Results;
use crate::pages::not_found::LoadError;
use crate::server_fns::{load_for_view, load_frozen};
use leptos::either::Either;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

#[component]
pub fn ViewPage() -> impl IntoView {
    let params = use_params_map();
    let loaded = crate::dto::json::resource(
        move || {
            let p = params.read();
            (p.get("token"), p.get("frozen"))
        },
        |(token, frozen)| async move {
            match frozen {
                Some(f) => load_frozen(f).await,
                None => load_for_view(token.unwrap_or_default(), true).await,
            }
        },
    );
    view! {
        <Suspense fallback=|| {
            view! { <p class="page">"Loading..."</p> }
        }>
            {move || Suspend::new(async move {
                match loaded.await {
                    Ok(l) => {
                        let doc = RwSignal::new(l.document.clone());
                        let shown = RwSignal::new(crate::dto::Shown::loaded(&l));
                        let html = RwSignal::new(l.panel());
                        let (chart, chart_opts, busy, _) = use_live(
                            doc,
                            (shown, html),
                            Callback::new(|_| ()),
                            l.chart.clone(),
                        );
                        let frozen_token = params.read_untracked().get("frozen");
                        let frozen = frozen_token.is_some();
                        let base = match frozen_token {
                            Some(t) => format!("/f/{t}"),
                            None => format!("/v/{}", l.view_token),
                        };
                        let copy_doc = StoredValue::new(l.document.clone());
                        Either::Left(
                            // A frozen link's exports are of its revision, by its own token.
                            view! {
                                <div class="page editor view-only">
                                    <div class="editor-head">
                                        <h1>{l.name.clone()}</h1>
                                        <span class="badge" data-testid="read-only">
                                            {if frozen {
                                                "Frozen · revision "
                                            } else {
                                                "View only · revision "
                                            }}
                                            {l.revision}
                                        </span>
                                    </div>
                                    {(frozen && l.latest_revision != l.revision)
                                        .then(|| {
                                            view! {
                                                <p class="notice" data-testid="frozen-note">
                                                    {format!(
                                                        "This link shows revision {} as it was saved, and always will. The scenario has changed since (it is now at revision {}); ask its owner for the live view link to see the latest.",
                                                        l.revision,
                                                        l.latest_revision,
                                                    )}
                                                </p>
                                            }
                                        })}
                                    <CopyToWorkspace doc=copy_doc />
                                    <div class="split">
                                        <ScenarioForm doc=doc shown=shown read_only=true />
                                        <div class="answers">
                                            <ChartPanel
                                                chart=chart
                                                opts=chart_opts
                                                exports=base
                                                shown=shown
                                            />
                                            <Results shown=shown html=html busy=busy doc=doc />
                                            {engine::templates::from_article(&l.document)
                                                .then(|| {
                                                    view! { <crate::components::article::ArticleCheck /> }
                                                })}
                                        </div>
                                    </div>
                                </div>
                            },
                        )
                    }
                    Err(e) => Either::Right(view! { <LoadError err=e /> }),
                }
            })}
        </Suspense>
    }
}

/// "Make my own copy": the shown document becomes a new scenario in a workspace this
/// browser has opened; its editor opens with a notice that it is a new scenario. The
/// button is in the server's HTML (the page hydrates on first interaction); the
/// workspaces this browser knows are read from its storage once the client runs.
#[component]
fn CopyToWorkspace(doc: StoredValue<engine::Scenario>) -> impl IntoView {
    use crate::components::keys::{self, known_in, Store};
    let known = RwSignal::new(Vec::<(String, String)>::new());
    Effect::new(move |_| known.set(known_in(Store::Workspaces).into_iter().collect()));
    let into = RwSignal::new(String::new());
    let status = RwSignal::new(None::<String>);
    let no_workspace = RwSignal::new(false);
    let busy = RwSignal::new(false);
    let copy = move |_| {
        if busy.get_untracked() {
            return;
        }
        // Read from storage again: a click that loaded the client can come before the
        // effect that fills `known` has run. With several workspaces, that click shows
        // the choice instead of picking one.
        if known.with_untracked(Vec::is_empty) {
            let stored: Vec<(String, String)> = known_in(Store::Workspaces).into_iter().collect();
            if stored.len() > 1 {
                known.set(stored);
                return;
            }
        }
        let token = match into.get_untracked() {
            t if t.is_empty() => known_in(Store::Workspaces).into_iter().next().map(|w| w.0),
            t => Some(t),
        };
        let Some(token) = token else {
            no_workspace.set(true);
            return;
        };
        busy.set(true);
        let mut d = doc.get_value();
        let keep = engine::validate::limits::NAME_CHARS - " (my copy)".len();
        d.name = format!(
            "{} (my copy)",
            d.name.chars().take(keep).collect::<String>()
        );
        leptos::task::spawn_local(async move {
            let into = crate::dto::Access::Workspace { token };
            match crate::server_fns::create_copy(d, into).await {
                Ok(c) => {
                    keys::remember(&c.id, &c.edit_key);
                    keys::go(&format!("{}&copied=1", c.edit_path()));
                }
                Err(e) => {
                    busy.set(false);
                    status.set(Some(format!("The copy was not made: {e}")));
                }
            }
        });
    };
    view! {
        <div class="copy-to" data-testid="copy-to-workspace">
            {move || {
                let rows = known.get();
                (rows.len() > 1)
                    .then(|| {
                        view! {
                            <label>
                                "Copy into "
                                <select on:change=move |ev| {
                                    into.set(event_target_value(&ev))
                                }>
                                    {rows
                                        .into_iter()
                                        .map(|(t, n)| view! { <option value=t>{n}</option> })
                                        .collect_view()}
                                </select>
                            </label>
                            " "
                        }
                    })
            }}
            <button
                type="button"
                data-testid="make-copy"
                on:click=copy
                prop:disabled=move || busy.get()
            >
                {move || match known.with(|k| k.first().map(|w| w.1.clone())) {
                    Some(n) if known.with(|k| k.len() == 1) => format!("Make my own copy in {n}"),
                    _ => "Make my own copy".to_string(),
                }}
            </button>
            {move || {
                no_workspace
                    .get()
                    .then(|| {
                        view! {
                            <p class="fineprint" data-testid="copy-needs-workspace">
                                "This browser has no workspace open. "
                                <a href="/">"Open or create a workspace"</a>
                                ", then come back to this link to make your own copy."
                            </p>
                        }
                    })
            }}
            <span role="status" class="fineprint">
                {move || status.get()}
            </span>
        </div>
    }
}
