//! The notice of a save refused because someone saved after this page opened: keep the
//! edit as a copy, or drop it and open the latest revision.

use super::Status;
use crate::components::fields::PendingText;
use crate::components::{keys, unsaved};
use crate::dto::Access;
use crate::server_fns::create_copy;
use engine::Scenario;
use leptos::prelude::*;
use leptos::task::spawn_local;

/// A plain function, not a component: a component's props builder costs the client
/// ~3 KB brotli here.
pub(super) fn conflict_notice(
    status: RwSignal<Status>,
    doc: RwSignal<Scenario>,
    unsaved: RwSignal<bool>,
    draft_id: StoredValue<String>,
    // Where the copy goes: this edit link's workspace.
    copy_into: StoredValue<Access>,
    // The edit link, which opens the latest revision.
    latest: String,
) -> impl IntoView {
    let pending = expect_context::<PendingText>();
    // Why the copy failed is said inside this notice, which stays: the conflict is not
    // resolved until the edit is saved somewhere or dropped.
    let copy_error = move |why: Option<String>| {
        status.update(|s| {
            if let Status::Conflict { copy_failed, .. } = s {
                *copy_failed = why;
            }
        })
    };
    let save_copy = move |_| {
        if !pending.is_empty() {
            copy_error(Some(format!(
                "The copy was not saved: fix the field(s) holding text that is not a number ({}).",
                pending.labels().join(", ")
            )));
            return;
        }
        copy_error(None);
        spawn_local(async move {
            let mut d = doc.get_untracked();
            // The suffix must not push the name past its length cap.
            let keep = engine::validate::limits::NAME_CHARS - " (my copy)".len();
            d.name = format!(
                "{} (my copy)",
                d.name.chars().take(keep).collect::<String>()
            );
            match create_copy(d, copy_into.get_value()).await {
                Ok(c) => {
                    keys::remember(&c.id, &c.edit_key);
                    // The edit lives on in the copy: leaving needs no prompt.
                    unsaved.set(false);
                    unsaved::drop_draft(&draft_id.get_value());
                    keys::go(&format!("{}&copied=1", c.edit_path()));
                }
                Err(e) => copy_error(Some(format!("The copy was not saved: {e}"))),
            }
        });
    };
    move || match status.get() {
        Status::Conflict {
            base,
            current,
            copy_failed,
        } => Some(view! {
            <div class="notice conflict" role="alert" data-testid="conflict">
                <p>
                    <strong>"Your edit was not saved."</strong>
                    {format!(
                        " Someone saved revision {current} of this scenario after you opened revision {base}. Saving now would overwrite their work, so nothing was written. Your edit is still here.",
                    )}
                </p>
                <button type="button" class="primary" data-testid="save-copy" on:click=save_copy>
                    "Save my edit as a copy"
                </button>
                " "
                <a href=latest.clone()>"Discard my edit and open the latest revision"</a>
                <p class="field-error" data-testid="copy-error">
                    {copy_failed}
                </p>
            </div>
        }),
        _ => None,
    }
}
