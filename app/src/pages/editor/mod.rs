//! `/s/{id}?key=...`: the editor. Inputs on one side, live numbers from the server's
//! engine on the other; saves name the revision they were based on.

use crate::components::charts::{use_live, ChartPanel};
use crate::components::fields::PendingText;
use crate::components::form::ScenarioForm;
use crate::components::keys;
use crate::components::results::Results;
use crate::components::unsaved;
use crate::dto::{Loaded, Shown};
use crate::error::AppError;
use crate::pages::not_found::LoadError;
use crate::server_fns::{load_for_edit, save_scenario};
use leptos::either::Either;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::{use_params_map, use_query_map};

mod conflict;
mod draft;
mod marked;
mod share;
use conflict::conflict_notice;
use draft::DraftNotice;
use share::ShareLinks;

#[component]
pub fn EditorPage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let args = move || {
        (
            params.read().get("id").unwrap_or_default(),
            query.read().get("key").unwrap_or_default(),
        )
    };
    let loaded = crate::dto::json::resource(args, |(id, key)| load_for_edit(id, key));
    view! {
        <Suspense fallback=|| {
            view! { <p class="page">"Loading the scenario..."</p> }
        }>
            {move || Suspend::new(async move {
                match loaded.await {
                    Ok(l) => {
                        let copied = query.read_untracked().get("copied").is_some();
                        Either::Left(view! { <Editor loaded=l key=args().1 copied=copied /> })
                    }
                    Err(e) => Either::Right(view! { <LoadError err=e /> }),
                }
            })}
        </Suspense>
    }
}

#[derive(Clone, Debug, PartialEq)]
enum Status {
    Clean,
    Dirty,
    Saving,
    Saved(i64),
    /// A save refused: someone saved `current` after this page opened `base`. Why
    /// "Save my edit as a copy" failed, if it did, is said in the same notice.
    Conflict {
        base: i64,
        current: i64,
        copy_failed: Option<String>,
    },
    Failed(String),
}

#[component]
fn Editor(
    loaded: Loaded,
    key: String,
    /// Opened right after "make a copy": say that this is a new scenario.
    copied: bool,
) -> impl IntoView {
    let id = loaded.id.clone();
    let doc = RwSignal::new(loaded.document.clone());
    let shown = RwSignal::new(Shown::loaded(&loaded));
    let results_html = RwSignal::new(loaded.panel());
    let base = RwSignal::new(loaded.revision);
    let status = RwSignal::new(Status::Clean);
    // Fields holding text that is not a number: the results leave those edits out,
    // and Save refuses until they are fixed.
    let pending = PendingText::default();
    provide_context(pending);
    // This edit link's reach into its workspace: its runs and catalog entries, and
    // copies made from it.
    let access = crate::dto::Access::Scenario {
        id: id.clone(),
        key: key.clone(),
    };
    let copy_into = StoredValue::new(access.clone());
    {
        let (id, key) = (id.clone(), key.clone());
        Effect::new(move |_| keys::remember(&id, &key));
    }
    // An edit not yet saved: leaving asks first, and the edit is kept as a draft in
    // this browser until it is saved.
    let unsaved = RwSignal::new(false);
    // Bumped when a restored draft replaces the document: the form is drawn again.
    let form_version = RwSignal::new(0u32);
    unsaved::warn_before_leaving(move || unsaved.get_untracked());
    let draft_id = StoredValue::new(id.clone());
    // A draft this browser kept of an earlier, unsaved edit, offered once loaded.
    let found_draft = RwSignal::new(None::<unsaved::Draft>);
    {
        let (id, current) = (id.clone(), loaded.document.clone());
        Effect::new(move |_| {
            found_draft.set(unsaved::offered(&id, &current));
        });
    }
    // The document as the server last stored it: an edit that returns to it leaves
    // nothing to save.
    let saved_doc = StoredValue::new(loaded.document.clone());
    // The revision that document is: an edit back to it is that revision again (a draft
    // restored from an older one set `base` back).
    let saved_rev = StoredValue::new(loaded.revision);
    // Whether the document is the saved one again; if so, it builds on that revision.
    let back_to_saved = move || {
        let same = doc.with_untracked(|d| saved_doc.with_value(|s| d == s));
        if same {
            base.set(saved_rev.get_value());
        }
        same
    };
    // Live numbers and chart: every edit asks the server's engine again.
    let on_edit = Callback::new(move |_| {
        let same = back_to_saved();
        // Set only when it changes: every keystroke comes here, and what shows the status
        // need not be drawn again for the same one.
        let next = if same { Status::Clean } else { Status::Dirty };
        // A save on its way decides the status when it returns; a conflict stays until it
        // is resolved.
        if status.with_untracked(|s| {
            *s != next && !matches!(s, Status::Saving | Status::Conflict { .. })
        }) {
            status.set(next);
        }
        if unsaved.get_untracked() == same {
            unsaved.set(!same);
        }
        if same {
            unsaved::drop_draft(&draft_id.get_value());
        } else {
            unsaved::keep(
                &draft_id.get_value(),
                base.get_untracked(),
                &doc.get_untracked(),
            );
        }
    });
    // Text that was not a number is fixed or cleared: a refusal to save it no longer
    // holds; say what there is to save now.
    Effect::new(move |_| {
        if pending.is_empty() && matches!(status.get_untracked(), Status::Failed(_)) {
            status.set(if back_to_saved() {
                Status::Clean
            } else {
                Status::Dirty
            });
        }
    });
    let (chart, chart_opts, busy, live_error) =
        use_live(doc, (shown, results_html), on_edit, loaded.chart.clone());
    let save = {
        let (id, key) = (id.clone(), key.clone());
        move || {
            let (id, key) = (id.clone(), key.clone());
            if !pending.is_empty() {
                let labels = doc.with_untracked(|d| pending.named_labels(d));
                status.set(Status::Failed(format!(
                    "not saved: {} not a number ({}): {} first",
                    if labels.len() == 1 {
                        "this field holds text that is"
                    } else {
                        "these fields hold text that is"
                    },
                    labels.join(", "),
                    // Clearing is no answer where the field needs a value.
                    if labels.len() == 1 {
                        "type a number there"
                    } else {
                        "type numbers there"
                    }
                )));
                // The first such field is brought into view with the focus (a long form,
                // a phone's screen).
                #[cfg(feature = "hydrate")]
                if let Some(el) = pending.first_path().and_then(|p| {
                    document().get_element_by_id(&crate::components::fields::field_id(&p))
                }) {
                    use wasm_bindgen::JsCast;
                    el.scroll_into_view();
                    if let Ok(h) = el.dyn_into::<web_sys::HtmlElement>() {
                        let _ = h.focus();
                    }
                }
                return;
            }
            // Nothing differs from the last save: no new revision that changes nothing
            // (a conflict still goes to the server, which answers it again).
            if !matches!(status.get_untracked(), Status::Conflict { .. }) && back_to_saved() {
                status.set(Status::Clean);
                unsaved.set(false);
                unsaved::drop_draft(&draft_id.get_value());
                return;
            }
            let sent = doc.get_untracked();
            status.set(Status::Saving);
            spawn_local(async move {
                match save_scenario(id, key, base.get_untracked(), sent.clone()).await {
                    Ok(rev) => {
                        base.set(rev);
                        saved_doc.set_value(sent.clone());
                        saved_rev.set_value(rev);
                        if doc.with_untracked(|d| *d == sent) {
                            status.set(Status::Saved(rev));
                            unsaved.set(false);
                            unsaved::drop_draft(&draft_id.get_value());
                        } else {
                            // Edited while the save was on its way: that edit is not
                            // saved yet, and its draft now builds on this revision.
                            status.set(Status::Dirty);
                            unsaved.set(true);
                            unsaved::keep(&draft_id.get_value(), rev, &doc.get_untracked());
                        }
                    }
                    Err(AppError::Conflict { base, current }) => status.set(Status::Conflict {
                        base,
                        current,
                        copy_failed: None,
                    }),
                    Err(AppError::Invalid(errs)) => {
                        shown.set(Shown::Invalid(errs.clone()));
                        let why = doc.with_untracked(|d| marked::refusal(&errs, d));
                        status.set(Status::Failed(why));
                    }
                    Err(e) => status.set(Status::Failed(format!("not saved: {e}"))),
                }
            });
        }
    };
    // Ctrl+S (Cmd+S) saves, wherever the focus is.
    #[cfg(feature = "hydrate")]
    {
        let save = save.clone();
        let keys = window_event_listener(leptos::ev::keydown, move |ev| {
            if (ev.ctrl_key() || ev.meta_key()) && ev.key().eq_ignore_ascii_case("s") {
                ev.prevent_default();
                if status.get_untracked() != Status::Saving {
                    save();
                }
            }
        });
        on_cleanup(move || keys.remove());
    }
    let view_token = loaded.view_token.clone();
    let view_path = format!("/v/{}", loaded.view_token);
    let edit_path = format!("/s/{id}?key={key}");
    view! {
        <div class="page editor">
            // Sticky: the name, the headline figure and Save stay in view while editing
            // anything below.
            <div class="editor-head sticky-head">
                <h1>{move || doc.with(|d| d.name.clone())}</h1>
                <span class="head-figure" data-testid="head-cheapest">
                    {move || {
                        if !pending.is_empty() {
                            return Some("Not updated: a field is not a number".to_string());
                        }
                        shown
                            .with(|s| match s {
                                Shown::Ok(g) => {
                                    g.cheapest
                                        .as_ref()
                                        .map(|(name, cost)| {
                                            format!(
                                                "Cheapest: {name} at {}/month{}",
                                                crate::format::money_in(*cost, &g.currency),
                                                match g.caveats {
                                                    0 => String::new(),
                                                    1 => " (1 caveat)".into(),
                                                    n => format!(" ({n} caveats)"),
                                                },
                                            )
                                        })
                                }
                                Shown::Invalid(_) => Some("Fix the marked fields".into()),
                            })
                    }}
                </span>
                <div class="save-bar">
                    <button
                        type="button"
                        class="primary"
                        data-testid="save"
                        aria-keyshortcuts="Control+S"
                        title="Save (Ctrl+S)"
                        on:click=move |_| save()
                        disabled=move || status.get() == Status::Saving
                    >
                        "Save"
                    </button>
                    <span class="status" role="status" aria-live="polite" data-testid="save-status">
                        {move || match status.get() {
                            Status::Clean
                            | Status::Saved(_)
                            | Status::Dirty if !pending.is_empty() => {
                                "Unsaved changes (a field is not a number)".to_string()
                            }
                            Status::Clean => format!("Saved revision {}", base.get()),
                            Status::Dirty => "Unsaved changes".to_string(),
                            Status::Saving => "Saving...".to_string(),
                            Status::Saved(r) => format!("Saved revision {r}"),
                            Status::Conflict { .. } => "Not saved (conflict)".to_string(),
                            Status::Failed(m) => m,
                        }}
                    </span>
                </div>
            </div>
            {conflict_notice(conflict::Editing {
                status,
                doc,
                unsaved,
                draft_id,
                copy_into,
                latest: StoredValue::new(edit_path.clone()),
                id: StoredValue::new(id.clone()),
                key: StoredValue::new(key.clone()),
                saved_doc,
                saved_rev,
                base,
                form_version,
                reapplied: RwSignal::new(None),
            })}
            <DraftNotice
                found=found_draft
                doc=doc
                base=base
                unsaved=unsaved
                status=status
                form_version=form_version
                draft_id=draft_id
            />
            {copied
                .then(|| {
                    view! {
                        <p class="notice" role="status" data-testid="copied-notice">
                            "This is a new scenario, a copy: it has its own edit and view links below. The original is unchanged, and links to it still show the original."
                        </p>
                    }
                })}
            <ShareLinks id=id.clone() key=key.clone() view_path=view_path.clone() revision=base />
            {move || {
                live_error
                    .get()
                    .map(|e| {
                        view! {
                            <p class="notice warn" role="alert">
                                {e}
                            </p>
                        }
                    })
            }}
            {move || {
                (!pending.is_empty())
                    .then(|| {
                        view! {
                            <p class="notice warn" role="alert" data-testid="pending-text">
                                {format!(
                                    "The numbers below leave out your edit of {}: it is not a number. Saving is refused until it is fixed.",
                                    pending.labels().join(", "),
                                )}
                            </p>
                        }
                    })
            }}
            <div class="split">
                {move || {
                    form_version.track();
                    view! { <ScenarioForm doc=doc shown=shown access=access.clone() /> }
                }} <div class="answers">
                    <ChartPanel
                        chart=chart
                        opts=chart_opts
                        exports=format!("/v/{}", view_token)
                        shown=shown
                    />
                    <Results shown=shown html=results_html busy=busy doc=doc />
                    {engine::templates::from_article(&loaded.document)
                        .then(|| view! { <crate::components::article::ArticleCheck /> })}
                </div>
            </div>
        </div>
    }
}
