//! `/w/{token}`: a workspace, for its members: its scenarios (newest first, searchable,
//! with view and edit links), "new" from the article's templates, and the links to its
//! benchmarks and catalog.

use crate::components::keys;
use crate::components::search::{no_match, SearchBox};
use crate::dto::WorkspaceInfo;
use crate::pages::not_found::LoadError;
use crate::server_fns::{create_from_template, list_scenarios, open_workspace};
use leptos::either::Either;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_params_map;

#[component]
pub fn WorkspacePage() -> impl IntoView {
    let params = use_params_map();
    let token = move || params.read().get("ws").unwrap_or_default();
    let info = crate::dto::json::resource(token, open_workspace);
    view! {
        <Suspense fallback=|| {
            view! { <p class="page">"Loading the workspace..."</p> }
        }>
            {move || Suspend::new(async move {
                match info.await {
                    Ok(w) => Either::Left(view! { <Workspace info=w /> }),
                    Err(e) => Either::Right(view! { <LoadError err=e /> }),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Workspace(info: WorkspaceInfo) -> impl IntoView {
    let token = StoredValue::new(info.token.clone());
    {
        let info = info.clone();
        Effect::new(move |_| keys::remember_workspace(&info));
    }
    let debounced = RwSignal::new(String::new());
    let list = crate::dto::json::resource(
        move || debounced.get(),
        move |q| list_scenarios(token.get_value(), q),
    );
    let creating = RwSignal::new(None::<String>);
    // View tokens ticked for comparison, oldest tick first.
    let picked = RwSignal::new(Vec::<String>::new());
    let create = move |template: &'static str| {
        creating.set(Some("Creating...".into()));
        spawn_local(async move {
            match create_from_template(token.get_value(), template.to_string()).await {
                Ok(c) => {
                    keys::remember(&c.id, &c.edit_key);
                    keys::remember_homes([c.id.as_str()], &token.get_value());
                    keys::go(&c.edit_path());
                }
                Err(e) => creating.set(Some(e.to_string())),
            }
        });
    };
    view! {
        <section class="page workspace" data-testid="workspace">
            <h1>{info.name.clone()}</h1>
            <p class="lead">
                "This workspace's scenarios, benchmark runs and catalog entries. Its link is its key: everyone who has it can see and change everything here, so share it only with your team."
            </p>
            <crate::components::share::CopyLink
                label="Workspace link"
                path=info.path()
                test_id="copy-workspace"
            />
            <div class="new">
                <h2>"New scenario"</h2>
                <div class="templates">
                    {engine::templates::TEMPLATES
                        .iter()
                        .map(|t| {
                            let id = t.id;
                            view! {
                                <button
                                    type="button"
                                    class="primary"
                                    data-testid=format!("new-{id}")
                                    on:click=move |_| create(id)
                                >
                                    {t.name}
                                </button>
                            }
                        })
                        .collect_view()}
                </div>
                <p role="status" class="status">
                    {move || creating.get()}
                </p>
            </div>
            <SearchBox
                id="search"
                label="Search by name"
                placeholder="e.g. Haiku"
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
                                        "scenarios",
                                        "No scenarios yet. Start from a template above.",
                                    )}
                                </p>
                            }
                                .into_any()
                        }
                        Ok(rows) => {
                            keys::remember_homes(
                                rows.iter().map(|r| r.id.as_str()),
                                &token.get_value(),
                            );
                            view! {
                                <table class="list" data-testid="scenario-list">
                                    <thead>
                                        <tr>
                                            <th scope="col">"Compare"</th>
                                            <th scope="col">"Name"</th>
                                            <th scope="col">"Revision"</th>
                                            <th scope="col">"Updated (UTC)"</th>
                                            <th scope="col">"Links"</th>
                                        </tr>
                                    </thead>
                                    <tbody>
                                        {rows
                                            .into_iter()
                                            .map(|r| {
                                                let edit = format!("/s/{}?key={}", r.id, r.edit_key);
                                                let token = r.view_token.clone();
                                                let t2 = token.clone();
                                                view! {
                                                    <tr>
                                                        <td>
                                                            <input
                                                                type="checkbox"
                                                                aria-label=format!("Compare {}", r.name)
                                                                data-testid="compare-pick"
                                                                prop:checked=move || picked.with(|p| p.contains(&t2))
                                                                on:change=move |ev| {
                                                                    let on = event_target_checked(&ev);
                                                                    let t = token.clone();
                                                                    picked
                                                                        .update(|p| {
                                                                            p.retain(|x| *x != t);
                                                                            if on {
                                                                                p.push(t);
                                                                            }
                                                                            while p.len() > 2 {
                                                                                p.remove(0);
                                                                            }
                                                                        });
                                                                }
                                                            />
                                                        </td>
                                                        <td>
                                                            <a href=format!("/v/{}", r.view_token)>{r.name}</a>
                                                        </td>
                                                        <td class="n">{r.revision}</td>
                                                        <td>{crate::format::utc_minute(&r.updated_at)}</td>
                                                        <td>
                                                            <a href=format!("/v/{}", r.view_token)>"View"</a>
                                                            " · "
                                                            <a href=edit>"Edit"</a>
                                                        </td>
                                                    </tr>
                                                }
                                            })
                                            .collect_view()}
                                    </tbody>
                                </table>
                            }
                                .into_any()
                        }
                    }
                })}
            </Transition>
            <p class="compare-bar">
                {move || match picked.get().as_slice() {
                    [a, b] => {
                        view! {
                            <a
                                class="button-link primary"
                                data-testid="compare-link"
                                href=format!("/compare?a={a}&b={b}")
                            >
                                "Compare the two ticked scenarios"
                            </a>
                        }
                            .into_any()
                    }
                    _ => {
                        view! {
                            <span class="fineprint">
                                "Tick two scenarios to compare them side by side."
                            </span>
                        }
                            .into_any()
                    }
                }}
            </p>
        </section>
    }
}
