//! The live answers: each option's monthly cost and break-even, every number explained.
//!
//! The server lays the numbers out (`crate::results`, as HTML, as it draws the chart): an
//! edit's answer replaces them in one step, and the browser carries neither the code
//! that lays them out nor the whole evaluation. The browser keeps the field messages, the
//! headline and the currency ([`Shown`]).

use crate::dto::Shown;
use leptos::prelude::*;

#[component]
pub fn Results(
    #[prop(into)] shown: Signal<Shown>,
    /// The numbers as the server laid them out: set as they come (the page's own HTML
    /// holds the first ones, which hydration leaves as they are).
    #[prop(into)]
    html: Signal<String>,
    #[prop(into)] busy: Signal<bool>,
    /// The document, to name a field as the editor does rather than by its path.
    #[prop(optional)]
    doc: Option<RwSignal<engine::Scenario>>,
) -> impl IntoView {
    let invalid = move || shown.with(|s| matches!(s, Shown::Invalid(_)));
    // A field holding text that is not a number: the numbers are of the last value that
    // was, so they are dimmed and say so, as the chart does.
    let pending = use_context::<crate::components::fields::PendingText>();
    let stale = move || pending.is_some_and(|p| !p.is_empty());
    // A page drawn in the browser has no panel yet: ask for it once it is mounted.
    let panel = NodeRef::<leptos::html::Div>::new();
    let missing = use_context::<crate::components::charts::NumbersMissing>();
    Effect::new(move |_| {
        let empty = panel.get().is_some_and(|p| p.child_element_count() == 0);
        if empty
            && html.with_untracked(String::is_empty)
            && shown.with_untracked(|s| matches!(s, Shown::Ok(_)))
        {
            if let Some(m) = missing {
                m.0.set(true);
            }
        }
    });
    // The first numbers are the page's own HTML (hydration leaves them as they are);
    // later ones are swapped in keeping what the reader had open and focused.
    let first = html.get_untracked();
    let applied = StoredValue::new(first.clone());
    Effect::new(move |_| {
        html.with(|h| {
            if applied.with_value(|a| a == h) {
                return;
            }
            if let Some(p) = panel.get_untracked() {
                swap(&p, h);
            }
            applied.set_value(h.clone());
        })
    });
    view! {
        <section
            class="results"
            aria-labelledby="results-h"
            aria-busy=move || busy.get().to_string()
        >
            <h2 id="results-h">
                "Results" <span class="busy" class:on=move || busy.get()>
                    " updating..."
                </span>
            </h2>
            {move || {
                stale()
                    .then(|| {
                        view! {
                            <p class="chart-stale" role="status" data-testid="numbers-stale">
                                {move || {
                                    if invalid() {
                                        "The numbers wait for the field that is not a number: fix it to compute them."
                                    } else {
                                        "These numbers are of the last inputs that could be computed: fix the field that is not a number to update them."
                                    }
                                }}
                            </p>
                        }
                    })
            }}
            {move || {
                let now_text = |path: &str| {
                    pending.is_some_and(|p| p.0.with(|m| m.contains_key(path)))
                };
                shown
                    .with(|s| match s {
                        Shown::Invalid(errs) => Some(errs.clone()),
                        Shown::Ok(_) => None,
                    })
                    .map(|errs| {
                        errs.into_iter().filter(|e| !now_text(&e.path)).collect::<Vec<_>>()
                    })
                    .filter(|errs| !errs.is_empty())
                    .map(|errs| {
                        // A field that now holds text that is not a number says so itself: what
                        // was refused of its earlier value ("cannot be negative") is not listed.
                        view! {
                            <div class="notice warn" role="status" data-testid="invalid">
                                <p>
                                    "Some inputs need attention before the numbers can be computed:"
                                </p>
                                <ul>
                                    {errs
                                        .into_iter()
                                        .map(|e| {
                                            view! {
                                                <li>
                                                    <strong>
                                                        {match doc {
                                                            Some(d) => d.with(|d| engine::report::label_of(&e.path, d)),
                                                            None => e.path.clone(),
                                                        }}
                                                    </strong>
                                                    ": "
                                                    {e.message}
                                                </li>
                                            }
                                        })
                                        .collect_view()}
                                </ul>
                            </div>
                        }
                    })
            }}
            <div
                class="numbers"
                class:stale=stale
                node_ref=panel
                hidden=invalid
                inner_html=move || first.clone()
                on:keydown=close_on_escape
            ></div>
        </section>
    }
}

/// Escape closes the open explanation the focus is in and gives the focus back to its
/// number (one listener for every number the server laid out).
fn close_on_escape(ev: leptos::ev::KeyboardEvent) {
    #[cfg(feature = "hydrate")]
    {
        use wasm_bindgen::JsCast;
        if ev.key() != "Escape" {
            return;
        }
        let details = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .and_then(|el| el.closest("details.explain[open]").ok().flatten());
        if let Some(d) = details {
            ev.prevent_default();
            let _ = d.remove_attribute("open");
            focus_summary(&d);
        }
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = ev;
}

/// An open explanation is a popover over other numbers: a click anywhere outside it, or
/// Escape wherever the focus is, closes it (the panel's own listener gives the focus back
/// when it was inside). One listener on the document for every page's explanations.
#[cfg(feature = "hydrate")]
pub fn close_explanations_outside() {
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::JsCast;
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let close = |doc: &web_sys::Document, keep: Option<&web_sys::Node>| {
        let Ok(open) = doc.query_selector_all("details.explain[open]") else {
            return;
        };
        for i in 0..open.length() {
            let Some(d) = open
                .item(i)
                .and_then(|n| n.dyn_into::<web_sys::Element>().ok())
            else {
                continue;
            };
            if !keep.is_some_and(|k| d.contains(Some(k))) {
                let _ = d.remove_attribute("open");
            }
        }
    };
    let d = doc.clone();
    let on_click = Closure::<dyn FnMut(web_sys::MouseEvent)>::new(move |e: web_sys::MouseEvent| {
        let target = e.target().and_then(|t| t.dyn_into::<web_sys::Node>().ok());
        close(&d, target.as_ref());
    });
    let d = doc.clone();
    let on_key =
        Closure::<dyn FnMut(web_sys::KeyboardEvent)>::new(move |e: web_sys::KeyboardEvent| {
            if e.key() == "Escape" {
                close(&d, None);
            }
        });
    let _ = doc.add_event_listener_with_callback("click", on_click.as_ref().unchecked_ref());
    let _ = doc.add_event_listener_with_callback("keydown", on_key.as_ref().unchecked_ref());
    on_click.forget();
    on_key.forget();
}

/// Replaces the panel's numbers with a new answer's, and opens again the explanations
/// that were open and gives the focus back to the one it was in: an edit must not close
/// what the reader is looking at. An explanation is known by its `data-testid`, or else
/// by its place among the panel's explanations.
#[cfg(feature = "hydrate")]
fn swap(panel: &web_sys::HtmlDivElement, html: &str) {
    use wasm_bindgen::JsCast;
    let all = |p: &web_sys::HtmlDivElement| -> Vec<web_sys::Element> {
        let Ok(list) = p.query_selector_all("details") else {
            return Vec::new();
        };
        (0..list.length())
            .filter_map(|i| {
                list.item(i)
                    .and_then(|n| n.dyn_into::<web_sys::Element>().ok())
            })
            .collect()
    };
    let key = |i: usize, d: &web_sys::Element| {
        d.get_attribute("data-testid")
            .unwrap_or_else(|| format!("#{i}"))
    };
    let active = leptos::prelude::document().active_element();
    let before = all(panel);
    let open: Vec<String> = before
        .iter()
        .enumerate()
        .filter(|(_, d)| d.has_attribute("open"))
        .map(|(i, d)| key(i, d))
        .collect();
    let focused = active.as_ref().and_then(|a| {
        before
            .iter()
            .enumerate()
            .find(|(_, d)| d.contains(Some(a)))
            .map(|(i, d)| key(i, d))
    });
    panel.set_inner_html(html);
    for (i, d) in all(panel).iter().enumerate() {
        let k = key(i, d);
        if open.contains(&k) {
            let _ = d.set_attribute("open", "");
        }
        if focused.as_ref() == Some(&k) {
            focus_summary(d);
        }
    }
}

/// Gives the focus to an explanation's number (its `<summary>`).
#[cfg(feature = "hydrate")]
fn focus_summary(details: &web_sys::Element) {
    use wasm_bindgen::JsCast;
    if let Some(s) = details
        .query_selector("summary")
        .ok()
        .flatten()
        .and_then(|s| s.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = s.focus();
    }
}

#[cfg(not(feature = "hydrate"))]
fn swap(panel: &web_sys::HtmlDivElement, html: &str) {
    let _ = (panel, html);
}
