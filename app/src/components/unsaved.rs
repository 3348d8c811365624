//! Unsaved edits are not lost: leaving the page asks first (the browser's own prompt
//! when the tab closes or reloads, a confirm for links inside the app), and every edit
//! is kept as a draft in this browser's localStorage until it is saved, so a crash or a
//! closed tab can restore it. Browser-only; no-ops on the server.

use engine::Scenario;
use serde::{Deserialize, Serialize};

/// An unsaved edit of one scenario, kept in this browser.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Draft {
    /// The revision the edit started from.
    pub base: i64,
    pub document: Scenario,
    /// When it was kept (ms since 1970, the browser's clock).
    pub at_ms: f64,
    /// The storage key it was found under (not stored).
    #[serde(skip)]
    pub from: String,
    /// How many other drafts of the scenario this browser keeps, when found (not stored).
    #[serde(skip)]
    pub others: usize,
}

/// Every draft of scenario `id` starts so: one per tab (`.{tab}` follows), and the one
/// key of earlier builds, kept readable.
#[cfg(feature = "hydrate")]
fn prefix(id: &str) -> String {
    format!("breakeven.draft.{id}")
}

/// This tab's own name, kept in its sessionStorage (a reload keeps it; another tab has
/// its own): each tab keeps its own draft of a scenario, so two tabs' unsaved edits never
/// overwrite each other.
#[cfg(feature = "hydrate")]
fn tab() -> String {
    // Read once a page: where sessionStorage refuses a write, every edit still keeps
    // one draft, not a new one each time.
    thread_local! {
        static TAB: std::cell::OnceCell<String> = const { std::cell::OnceCell::new() };
    }
    TAB.with(|t| t.get_or_init(tab_from_session).clone())
}

#[cfg(feature = "hydrate")]
fn tab_from_session() -> String {
    const KEY: &str = "breakeven.tab";
    let session = web_sys::window().and_then(|w| w.session_storage().ok().flatten());
    if let Some(t) = session
        .as_ref()
        .and_then(|s| s.get_item(KEY).ok().flatten())
    {
        return t;
    }
    let t = format!("{:012x}", (js_sys::Math::random() * 2f64.powi(48)) as u64);
    if let Some(s) = session {
        let _ = s.set_item(KEY, &t);
    }
    t
}

#[cfg(feature = "hydrate")]
fn key(id: &str) -> String {
    format!("{}.{}", prefix(id), tab())
}

#[cfg(feature = "hydrate")]
fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok()?
}

/// Keeps `document` as this tab's draft of scenario `id` (a full storage is ignored: the
/// prompt before leaving still guards the edit).
pub fn keep(id: &str, base: i64, document: &Scenario) {
    #[cfg(feature = "hydrate")]
    {
        let d = Draft {
            base,
            document: document.clone(),
            at_ms: js_sys::Date::now(),
            from: String::new(),
            others: 0,
        };
        if let (Some(s), Ok(text)) = (storage(), serde_json::to_string(&d)) {
            let _ = s.set_item(&key(id), &text);
        }
    }
    #[cfg(not(feature = "hydrate"))]
    {
        let _ = (id, base, document);
    }
}

/// The drafts this browser kept of scenario `id`, every tab's, the newest first (an
/// unreadable one is dropped).
pub fn find_all(id: &str) -> Vec<Draft> {
    #[cfg(feature = "hydrate")]
    {
        let Some(s) = storage() else {
            return Vec::new();
        };
        let (exact, own) = (prefix(id), format!("{}.", prefix(id)));
        let keys: Vec<String> = (0..s.length().unwrap_or(0))
            .filter_map(|i| s.key(i).ok().flatten())
            .filter(|k| *k == exact || k.starts_with(&own))
            .collect();
        let mut out: Vec<Draft> = keys
            .into_iter()
            .filter_map(|k| {
                let text = s.get_item(&k).ok().flatten()?;
                match crate::dto::json::from_text::<Draft>(&text) {
                    Ok(mut d) => {
                        d.from = k;
                        Some(d)
                    }
                    Err(_) => {
                        let _ = s.remove_item(&k);
                        None
                    }
                }
            })
            .collect();
        out.sort_by(|a, b| b.at_ms.total_cmp(&a.at_ms));
        out
    }
    #[cfg(not(feature = "hydrate"))]
    {
        let _ = id;
        Vec::new()
    }
}

/// The draft to offer on a page that shows `current`: the newest that differs from it,
/// with how many more wait after it.
pub fn offered(id: &str, current: &Scenario) -> Option<Draft> {
    let found: Vec<Draft> = find_all(id)
        .into_iter()
        .filter(|d| d.document != *current)
        .collect();
    let others = found.len().saturating_sub(1);
    let newest = found.into_iter().next()?;
    Some(Draft { others, ..newest })
}

/// Drops this tab's draft of scenario `id` (after a save, or when its edit is undone).
pub fn drop_draft(id: &str) {
    #[cfg(feature = "hydrate")]
    if let Some(s) = storage() {
        let _ = s.remove_item(&key(id));
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = id;
}

/// Drops a draft found by [`find_all`], whichever tab kept it (restored here, where this
/// tab's own draft now holds it, or discarded).
pub fn drop_found(d: &Draft) {
    #[cfg(feature = "hydrate")]
    if let (Some(s), false) = (storage(), d.from.is_empty()) {
        let _ = s.remove_item(&d.from);
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = d;
}

/// While `unsaved()` is true, closing or reloading the tab asks first, and a click on a
/// link of this app asks to confirm (a link marked `data-leave-ok` does not ask).
/// The listeners go with the component that set them.
pub fn warn_before_leaving(unsaved: impl Fn() -> bool + Clone + Send + Sync + 'static) {
    #[cfg(feature = "hydrate")]
    {
        use leptos::prelude::*;
        use std::sync::atomic::{AtomicU64, Ordering};
        use wasm_bindgen::closure::Closure;
        use wasm_bindgen::JsCast;
        // When the user has just said "leave" to a link's question, the browser's own
        // question (a link to a page of the other client is a full load) is not asked again.
        let said_leave = std::sync::Arc::new(AtomicU64::new(0));
        let now = || js_sys::Date::now();
        let on_unload = {
            let unsaved = unsaved.clone();
            let said_leave = said_leave.clone();
            window_event_listener(leptos::ev::beforeunload, move |e| {
                // The page unloads at once after the answer: a second later it is stale.
                let just_said =
                    now() - f64::from_bits(said_leave.load(Ordering::Relaxed)) < 1_000.0;
                if unsaved() && !just_said {
                    e.prevent_default();
                    e.set_return_value("You have unsaved changes.");
                }
            })
        };
        // The click listener outlives nothing: once the page is gone it does nothing.
        let alive = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(true));
        let live = alive.clone();
        let click = Closure::<dyn FnMut(web_sys::MouseEvent)>::new(
            move |e: web_sys::MouseEvent| {
                if !live.load(std::sync::atomic::Ordering::Relaxed) {
                    return;
                }
                if !unsaved() || e.default_prevented() || e.button() != 0 {
                    return;
                }
                if e.ctrl_key() || e.meta_key() || e.shift_key() || e.alt_key() {
                    return; // a new tab or window: this page stays
                }
                let link = e
                    .target()
                    .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                    .and_then(|el| el.closest("a[href]").ok().flatten());
                let Some(link) = link else { return };
                if link.has_attribute("data-leave-ok")
                    || link.has_attribute("download")
                    || link.get_attribute("target").is_some_and(|t| t == "_blank")
                {
                    return;
                }
                let href = link.get_attribute("href").unwrap_or_default();
                if href.starts_with('#') || href.starts_with("/api/") {
                    return;
                }
                let leave = web_sys::window()
                .and_then(|w| {
                    w.confirm_with_message(
                        "You have unsaved changes. Leave this page? (They stay as a draft in this browser.)",
                    )
                    .ok()
                })
                .unwrap_or(true);
                if leave {
                    said_leave.store(now().to_bits(), Ordering::Relaxed);
                } else {
                    e.prevent_default();
                    e.stop_immediate_propagation();
                }
            },
        );
        let document = web_sys::window().and_then(|w| w.document());
        if let Some(d) = &document {
            let _ = d.add_event_listener_with_callback_and_bool(
                "click",
                click.as_ref().unchecked_ref(),
                true,
            );
        }
        click.forget();
        on_cleanup(move || {
            on_unload.remove();
            alive.store(false, std::sync::atomic::Ordering::Relaxed);
        });
    }
    #[cfg(not(feature = "hydrate"))]
    {
        let _ = unsaved;
    }
}
