//! `/`: lists nothing of anyone's. It creates a workspace, and offers the workspaces
//! this browser has opened (remembered in the browser, never listed by the server) and,
//! when the operator named one, the team's default workspace.

use crate::components::keys::{self, known_in, Store};
use crate::server_fns::{create_workspace, default_workspace};
use leptos::prelude::*;
use leptos::task::spawn_local;

#[component]
pub fn HomePage() -> impl IntoView {
    let name = RwSignal::new(String::new());
    let status = RwSignal::new(None::<String>);
    // Filled after hydration so server and browser render alike first.
    let known = RwSignal::new(std::collections::BTreeMap::<String, String>::new());
    Effect::new(move |_| known.set(known_in(Store::Workspaces)));
    let team = crate::dto::json::resource(|| (), |_| default_workspace());
    let create = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        status.set(Some("Creating...".into()));
        spawn_local(async move {
            match create_workspace(name.get_untracked()).await {
                Ok(w) => {
                    keys::remember_workspace(&w);
                    keys::go(&w.path());
                }
                Err(e) => status.set(Some(e.to_string())),
            }
        });
    };
    view! {
        <section class="page home">
            <h1>"Breakeven"</h1>
            <p class="lead">
                "Plan what LLM inference costs: the Claude API tiers against open models on rented or bought GPUs, with the hidden costs, from measured benchmarks. Your team's scenarios live in a workspace whose link is its key."
            </p>
            <Transition fallback=|| ()>
                {move || Suspend::new(async move {
                    team.await
                        .ok()
                        .flatten()
                        .map(|w| {
                            view! {
                                <div class="card" data-testid="team-workspace">
                                    <h2>"Your team's workspace"</h2>
                                    <a class="button-link primary" href=w.path()>
                                        {format!("Open {}", w.name)}
                                    </a>
                                </div>
                            }
                        })
                })}
            </Transition>
            <div class="card">
                <h2>"Workspaces this browser has opened"</h2>
                {move || {
                    let rows = known.get();
                    if rows.is_empty() {
                        view! {
                            <p class="empty" data-testid="no-workspaces">
                                "None yet. Create one below, or open the workspace link a teammate sent you."
                            </p>
                        }
                            .into_any()
                    } else {
                        view! {
                            <ul class="workspaces" data-testid="known-workspaces">
                                {rows
                                    .into_iter()
                                    .map(|(token, wname)| {
                                        let t = token.clone();
                                        view! {
                                            <li>
                                                <a href=format!("/w/{token}")>{wname.clone()}</a>
                                                " "
                                                <button
                                                    type="button"
                                                    class="link"
                                                    aria-label=format!("Forget {wname} in this browser")
                                                    on:click=move |_| {
                                                        keys::forget_workspace(&t);
                                                        known.set(known_in(Store::Workspaces));
                                                    }
                                                >
                                                    "forget here"
                                                </button>
                                            </li>
                                        }
                                    })
                                    .collect_view()}
                            </ul>
                        }
                            .into_any()
                    }
                }}
            </div>
            <form class="card new-workspace" on:submit=create>
                <h2>"New workspace"</h2>
                <label>
                    "Team or project name "
                    <input
                        type="text"
                        maxlength="120"
                        placeholder="e.g. Support bot"
                        data-testid="workspace-name"
                        prop:value=move || name.get()
                        on:input=move |ev| name.set(event_target_value(&ev))
                    />
                </label>
                <button type="submit" class="primary" data-testid="create-workspace">
                    "Create a workspace"
                </button>
                <p role="status" class="status">
                    {move || status.get()}
                </p>
            </form>
            <p class="fineprint">
                "The public catalog of prices and GPUs is under "<a href="/catalog">"Catalog"</a>
                ". A view link someone sent you opens one scenario, read-only."
            </p>
        </section>
    }
}
