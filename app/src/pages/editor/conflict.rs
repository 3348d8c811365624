//! The notice of a save refused because someone saved after this page opened: re-apply
//! the edit on the latest revision (`engine::report::reapply`), keep it as a copy, or
//! drop it and open the latest revision.

use super::Status;
use crate::components::fields::PendingText;
use crate::components::{keys, unsaved};
use crate::dto::Access;
use crate::revision_fns::reapply_edit;
use crate::server_fns::create_copy;
use engine::Scenario;
use leptos::prelude::*;
use leptos::task::spawn_local;

/// What the notice works on: the editor's state.
#[derive(Clone, Copy)]
pub(super) struct Editing {
    pub status: RwSignal<Status>,
    pub doc: RwSignal<Scenario>,
    pub unsaved: RwSignal<bool>,
    pub draft_id: StoredValue<String>,
    /// Where the copy goes: this edit link's workspace.
    pub copy_into: StoredValue<Access>,
    /// The edit link, which opens the latest revision.
    pub latest: StoredValue<String>,
    pub id: StoredValue<String>,
    pub key: StoredValue<String>,
    /// The revision the edit started from, its document, and the revision a save builds on.
    pub saved_doc: StoredValue<Scenario>,
    pub saved_rev: StoredValue<i64>,
    pub base: RwSignal<i64>,
    /// Bumped to draw the form again when the document is replaced.
    pub form_version: RwSignal<u32>,
    /// After a re-apply: the revision it is laid over, what it changes there and which of
    /// those fields the other save changed too.
    pub reapplied: RwSignal<Option<Reapplied>>,
}

/// The revision an edit was laid over, what it changes there, and the fields both changed.
#[derive(Clone)]
pub(super) struct Reapplied {
    on: i64,
    applied: Vec<String>,
    both: Vec<String>,
}

/// A plain function, not a component: a component's props builder costs the client
/// ~3 KB brotli here.
pub(super) fn conflict_notice(e: Editing) -> impl IntoView {
    let Editing {
        status,
        doc,
        unsaved,
        draft_id,
        copy_into,
        ..
    } = e;
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
    // Neither action takes a field holding text that is not a number: it says so, in its
    // own words, and does nothing.
    let refused = move |what: &str| {
        let refused = !pending.is_empty();
        copy_error(refused.then(|| {
            format!(
                "{what}: fix the field(s) holding text that is not a number ({}).",
                pending.labels().join(", ")
            )
        }));
        refused
    };
    let save_copy = move |_| {
        if refused("The copy was not saved") {
            return;
        }
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
    // The latest revision with this edit laid over it: shown unsaved, to check and save.
    let reapply = move |_| {
        if refused("Not re-applied") {
            return;
        }
        spawn_local(async move {
            let mine = doc.get_untracked();
            // The revision the refused save built on (a restored draft's may be older
            // than the one this page loaded).
            let from = match status.get_untracked() {
                Status::Conflict { base, .. } => base,
                _ => e.base.get_untracked(),
            };
            match reapply_edit(e.id.get_value(), e.key.get_value(), from, mine).await {
                Ok(r) => {
                    e.reapplied.set(Some(Reapplied {
                        on: r.revision,
                        applied: r.applied,
                        both: r.both,
                    }));
                    e.saved_doc.set_value(r.latest);
                    e.saved_rev.set_value(r.revision);
                    e.base.set(r.revision);
                    doc.set(r.document);
                    e.form_version.update(|v| *v += 1);
                    unsaved.set(true);
                    unsaved::keep(&draft_id.get_value(), r.revision, &doc.get_untracked());
                    status.set(Status::Dirty);
                }
                Err(err) => copy_error(Some(format!("Your edit could not be re-applied: {err}"))),
            }
        });
    };
    let reapplied_notice = move || {
        let Reapplied { on, applied, both } = e.reapplied.get()?;
        // Until it is saved: a save moves the base past `on`.
        (e.base.get() == on
            && matches!(status.get(), Status::Dirty | Status::Failed(_) | Status::Saving))
        .then(|| {
            view! {
                <div class="notice" role="status" data-testid="reapplied">
                    <p>
                        <strong>{format!("Your edit is laid over revision {on}.")}</strong>
                        " Check it, then Save: it is not saved yet. What it changes there:"
                    </p>
                    <ul>{applied.into_iter().map(|a| view! { <li>{a}</li> }).collect_view()}</ul>
                    {(!both.is_empty())
                        .then(|| {
                            view! {
                                <p data-testid="reapplied-both">
                                    "Fields the other save changed too (your value is the one kept): "
                                    {both.join("; ")}
                                </p>
                            }
                        })}
                </div>
            }
        })
    };
    let conflict = move || match status.get() {
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
                <button type="button" class="primary" data-testid="reapply" on:click=reapply>
                    {format!("Re-apply my edit on revision {current}")}
                </button>
                " "
                <button type="button" data-testid="save-copy" on:click=save_copy>
                    "Save my edit as a copy"
                </button>
                " "
                <a href=e.latest.get_value()>"Discard my edit and open the latest revision"</a>
                <p class="field-error" data-testid="copy-error">
                    {copy_failed}
                </p>
            </div>
        }),
        _ => None,
    };
    view! {
        {conflict}
        {reapplied_notice}
    }
}
