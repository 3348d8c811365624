//! The usage files of a workspace: tick to read together, download a kept original,
//! delete.

use crate::dto::{Access, StoredUsage};
use crate::usage_fns::delete_usage_file;
use leptos::prelude::*;

#[component]
pub(super) fn FileList(
    rows: Vec<StoredUsage>,
    selected: RwSignal<Vec<String>>,
    token: String,
    version: RwSignal<u32>,
) -> impl IntoView {
    let failed = RwSignal::new(None::<String>);
    let remove = {
        let token = token.clone();
        Action::new(move |id: &String| {
            let (access, id) = (
                Access::Workspace {
                    token: token.clone(),
                },
                id.clone(),
            );
            async move { (id.clone(), delete_usage_file(access, id).await) }
        })
    };
    Effect::new(move |_| {
        if let Some((id, r)) = remove.value().get() {
            match r {
                Ok(()) => {
                    failed.set(None);
                    selected.update(|s| s.retain(|x| *x != id));
                    version.update(|v| *v += 1);
                }
                Err(e) => failed.set(Some(e.explain())),
            }
        }
    });
    view! {
        {move || {
            failed
                .get()
                .map(|m| {
                    view! {
                        <p class="notice warn" role="alert">
                            {m}
                        </p>
                    }
                })
        }}
        <div class="table-wrap">
            <table class="list usage-files" data-testid="usage-files">
                <thead>
                    <tr>
                        <th scope="col">"Read"</th>
                        <th scope="col">"File"</th>
                        <th scope="col">"Format"</th>
                        <th scope="col">"Period"</th>
                        <th scope="col" class="n">
                            "Rows read"
                        </th>
                        <th scope="col">"Uploaded (UTC)"</th>
                        <th scope="col">"Original"</th>
                        <th scope="col">
                            <span class="visually-hidden">"Delete"</span>
                        </th>
                    </tr>
                </thead>
                <tbody>
                    {rows
                        .into_iter()
                        .map(|r| {
                            let id = r.id.clone();
                            let checked = {
                                let id = id.clone();
                                move || selected.read().contains(&id)
                            };
                            let f = r.file;
                            let original = r
                                .original_kept
                                .then(|| format!("/w/{token}/usage/{}/original", r.id));
                            let (del_id, del_name) = (r.id.clone(), f.file_name.clone());
                            view! {
                                <tr>
                                    <td>
                                        <input
                                            type="checkbox"
                                            aria-label=format!("Read {}", f.file_name)
                                            prop:checked=checked
                                            on:change=move |_| {
                                                selected
                                                    .update(|s| {
                                                        match s.iter().position(|x| *x == id) {
                                                            Some(i) => {
                                                                s.remove(i);
                                                            }
                                                            None => s.push(id.clone()),
                                                        }
                                                    })
                                            }
                                        />
                                    </td>
                                    <td>{f.file_name.clone()}</td>
                                    <td>{f.format_name.clone()}</td>
                                    <td>
                                        {f
                                            .period
                                            .as_ref()
                                            .map(|p| crate::format::day_span(p.start_s, p.end_s))
                                            .unwrap_or_else(|| "–".into())}
                                    </td>
                                    <td class="n">{f.records + f.cost_rows}</td>
                                    <td>{crate::format::utc_minute(&r.uploaded_at)}</td>
                                    <td>
                                        {match original {
                                            Some(href) => {
                                                view! {
                                                    <a href=href download="" data-testid="usage-original">
                                                        "download"
                                                    </a>
                                                }
                                                    .into_any()
                                            }
                                            None => {
                                                view! { <span class="muted">"not kept"</span> }.into_any()
                                            }
                                        }}
                                    </td>
                                    <td>
                                        <button
                                            type="button"
                                            class="linklike"
                                            data-testid="usage-delete"
                                            aria-label=format!("Delete {del_name}")
                                            on:click=move |_| {
                                                #[cfg(feature = "hydrate")]
                                                {
                                                    let ask = format!(
                                                        "Delete {del_name}? Its counts (and its original, if kept) go; scenarios made from it keep their numbers.",
                                                    );
                                                    if !window().confirm_with_message(&ask).unwrap_or(false) {
                                                        return;
                                                    }
                                                }
                                                remove.dispatch(del_id.clone());
                                            }
                                        >
                                            "delete"
                                        </button>
                                    </td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        </div>
    }
}
