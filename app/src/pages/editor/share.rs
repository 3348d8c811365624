//! The editor's links to share: edit, view, and frozen at the current revision, each
//! whole with a Copy button; the view page and the history.

use crate::components::share::CopyLink;
use crate::server_fns::freeze_revision;
use leptos::prelude::*;

#[component]
pub(super) fn ShareLinks(
    id: String,
    key: String,
    view_path: String,
    /// The revision the editor stands on: the frozen link follows it.
    revision: RwSignal<i64>,
) -> impl IntoView {
    // The frozen link of the revision the editor stands on, once made.
    let frozen = RwSignal::new(None::<(i64, String)>);
    let failed = RwSignal::new(None::<String>);
    let freeze = {
        let (id, key) = (id.clone(), key.clone());
        move |_| {
            let (id, key, rev) = (id.clone(), key.clone(), revision.get_untracked());
            leptos::task::spawn_local(async move {
                match freeze_revision(id, key, rev).await {
                    Ok(t) => {
                        failed.set(None);
                        frozen.set(Some((rev, t)));
                    }
                    Err(e) => failed.set(Some(format!("no frozen link: {e}"))),
                }
            });
        }
    };
    view! {
        <div class="share" data-testid="share">
            <CopyLink
                label="Edit link (whoever has it can change this scenario)"
                path=format!("/s/{id}?key={key}")
                test_id="copy-edit"
            />
            <CopyLink
                label="View link (read-only, always the latest revision)"
                path=view_path.clone()
                test_id="copy-view"
            />
            {move || {
                let rev = revision.get();
                match frozen.get().filter(|(r, _)| *r == rev) {
                    Some((_, token)) => {
                        view! {
                            <CopyLink
                                label=format!(
                                    "Frozen at revision {rev} (read-only, this revision only, never changes)",
                                )
                                path=format!("/f/{token}")
                                test_id="copy-frozen"
                            />
                        }
                            .into_any()
                    }
                    None => {
                        view! {
                            <p class="links">
                                <button
                                    type="button"
                                    class="secondary"
                                    data-testid="freeze"
                                    on:click=freeze.clone()
                                >
                                    {format!("Make a link frozen at revision {rev}")}
                                </button>
                                " for the revision finance approves: it shows that revision only, whatever is saved later. "
                                <span role="status">{move || failed.get()}</span>
                            </p>
                        }
                            .into_any()
                    }
                }
            }}
            <p class="links">
                <a href=view_path data-testid="view-link">
                    "Open the view page"
                </a>
                " · "
                <a href=format!("/s/{id}/history?key={key}")>"History"</a>
            </p>
        </div>
    }
}
