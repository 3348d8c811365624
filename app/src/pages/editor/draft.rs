//! The notice of an edit this browser kept as a draft and never saved: restore or discard.

use super::Status;
use crate::components::unsaved;
use engine::Scenario;
use leptos::prelude::*;

#[component]
pub(super) fn DraftNotice(
    found: RwSignal<Option<unsaved::Draft>>,
    doc: RwSignal<Scenario>,
    base: RwSignal<i64>,
    unsaved: RwSignal<bool>,
    status: RwSignal<Status>,
    form_version: RwSignal<u32>,
    draft_id: StoredValue<String>,
) -> impl IntoView {
    let found_draft = found;
    view! {
        {move || {
            found_draft
                .get()
                .map(|d| {
                    let when = crate::format::local_time_ms(d.at_ms);
                    let behind = d.base != base.get_untracked();
                    let restore = {
                        let d = d.clone();
                        move |_| {
                            doc.set(d.document.clone());
                            base.set(d.base);
                            unsaved.set(true);
                            status.set(Status::Dirty);
                            form_version.update(|v| *v += 1);
                            unsaved::drop_found(&d);
                            unsaved::keep(&draft_id.get_value(), d.base, &d.document);
                            found_draft.set(None);
                        }
                    };
                    // This tab's draft holds it now; the tab that kept it (closed,
                    // or this one before a reload) no longer does.
                    view! {
                        <div class="notice" role="alert" data-testid="draft-found">
                            <p>
                                {format!(
                                    "An edit you did not save ({when}) was kept in this browser.",
                                )}
                                {behind
                                    .then_some(
                                        " It was based on an older revision: saving it will say so, and you can keep it as a copy.",
                                    )}
                                {(d.others > 0)
                                    .then(|| {
                                        format!(
                                            " This browser keeps {} more unsaved edit{} of this scenario (from another tab): offered once this one is restored and saved, or discarded.",
                                            d.others,
                                            if d.others == 1 { "" } else { "s" },
                                        )
                                    })}
                            </p>
                            <button
                                type="button"
                                class="primary"
                                data-testid="draft-restore"
                                on:click=restore
                            >
                                "Restore my edit"
                            </button>
                            " "
                            <button
                                type="button"
                                data-testid="draft-discard"
                                on:click=move |_| {
                                    unsaved::drop_found(&d);
                                    unsaved::drop_draft(&draft_id.get_value());
                                    if unsaved.get_untracked() {
                                        unsaved::keep(
                                            &draft_id.get_value(),
                                            base.get_untracked(),
                                            &doc.get_untracked(),
                                        );
                                    }
                                    found_draft.set(None);
                                }
                            >
                                "Discard it"
                            </button>
                        </div>
                    }
                })
        }}
    }
}
