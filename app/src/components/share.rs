//! A link to share, shown whole (an absolute URL once the page runs in a browser) with
//! a "Copy" button.

use leptos::prelude::*;

/// The page's origin (`https://host`), in the browser; empty on the server.
pub fn origin() -> String {
    #[cfg(feature = "hydrate")]
    {
        web_sys::window()
            .and_then(|w| w.location().origin().ok())
            .unwrap_or_default()
    }
    #[cfg(not(feature = "hydrate"))]
    {
        String::new()
    }
}

/// Writes `text` to the clipboard; false when the browser refuses.
#[cfg(feature = "hydrate")]
fn copy(text: &str) -> bool {
    use wasm_bindgen::JsCast;
    let Some(w) = web_sys::window() else {
        return false;
    };
    let navigator = js_sys::Reflect::get(&w, &"navigator".into()).ok();
    let clipboard = navigator.and_then(|n| js_sys::Reflect::get(&n, &"clipboard".into()).ok());
    let write = clipboard.as_ref().and_then(|c| {
        js_sys::Reflect::get(c, &"writeText".into())
            .ok()?
            .dyn_into::<js_sys::Function>()
            .ok()
    });
    match (clipboard, write) {
        (Some(c), Some(f)) => f.call1(&c, &text.into()).is_ok(),
        _ => false,
    }
}

#[component]
pub fn CopyLink(
    #[prop(into)] label: String,
    /// The link's path (`/v/...`); shown with the page's origin in front.
    #[prop(into)]
    path: String,
    #[prop(into)] test_id: String,
) -> impl IntoView {
    let full = RwSignal::new(path.clone());
    Effect::new(move |_| full.set(format!("{}{}", origin(), path)));
    let said = RwSignal::new(None::<&'static str>);
    let on_copy = move |_| {
        #[cfg(feature = "hydrate")]
        said.set(Some(if copy(&full.get_untracked()) {
            "Copied."
        } else {
            "Select the link and copy it."
        }));
    };
    view! {
        <div class="copy-link" data-testid=test_id>
            <label>
                {label.clone()}
                <input type="text" readonly aria-label=label prop:value=move || full.get() />
            </label>
            <button type="button" on:click=on_copy>
                "Copy"
            </button>
            <span role="status" class="fineprint">
                {move || said.get()}
            </span>
        </div>
    }
}
