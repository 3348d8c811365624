//! The editor's links to share: edit, view, and frozen at the current revision, each
//! whole with a Copy button; the view page and the history.

use crate::components::share::CopyLink;
use leptos::prelude::*;

#[component]
pub(super) fn ShareLinks(
    id: String,
    key: String,
    view_path: String,
    /// The revision the editor stands on: the frozen link follows it.
    revision: RwSignal<i64>,
) -> impl IntoView {
    let frozen_base = StoredValue::new(view_path.clone());
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
                view! {
                    <CopyLink
                        label=format!("Frozen at revision {rev} (read-only, never changes)")
                        path=format!("{}/r/{rev}", frozen_base.get_value())
                        test_id="copy-frozen"
                    />
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
