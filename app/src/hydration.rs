//! Hydration on first interaction for the read-only pages (a shared view link, a frozen
//! link, the presentation, the print page). Their HTML is complete and readable as the
//! server renders it, so the ~600 KB client is fetched only when the reader first
//! presses, types or focuses something, not on every visit. What that first gesture
//! meant is replayed once the client runs: a button's click, a changed field, a key
//! (the presentation's arrow keys). Every other page loads its client as soon as it
//! loads, and what was typed or pressed before the client ran is replayed the same way.

use leptos::prelude::*;

/// Whether the page at `path` is read-only and so hydrates on first interaction.
pub fn deferred(path: &str) -> bool {
    crate::split::ScenarioPage::at(path).is_some_and(crate::split::ScenarioPage::read_only)
}

/// The loader, with the client's file names filled in: it waits for a gesture.
pub fn script(js: &str, wasm: &str) -> String {
    format!("({})({js:?}, {wasm:?});", include_str!("hydration.js"))
}

/// The loader that starts at once.
pub fn script_now(js: &str, wasm: &str) -> String {
    format!(
        "({})({js:?}, {wasm:?}, true);",
        include_str!("hydration.js")
    )
}

/// In place of `HydrationScripts` on a read-only page.
#[component]
pub fn HydrateOnInteraction(js: String, wasm: String) -> impl IntoView {
    let nonce = leptos::nonce::use_nonce();
    view! {
        <script type="module" nonce=nonce>
            {script(&js, &wasm)}
        </script>
    }
}

/// The client at once (in place of Leptos' `HydrationScripts`), with the page's own client
/// (`split.rs`). Until it runs, what is typed or pressed is kept and replayed after.
#[component]
pub fn HydrateNow(js: String, wasm: String) -> impl IntoView {
    let nonce = leptos::nonce::use_nonce();
    let start = script_now(&js, &wasm);
    view! {
        <link rel="modulepreload" href=js.clone() crossorigin="" />
        <link rel="preload" href=wasm r#as="fetch" r#type="application/wasm" crossorigin="" />
        <script type="module" nonce=nonce>
            {start}
        </script>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_read_only_pages_wait_for_an_interaction() {
        for p in [
            "/v/abc",
            "/f/abc",
            "/v/abc/present",
            "/v/abc/print",
            "/v/abc/",
            "/f/abc/present",
            "/f/abc/print",
        ] {
            assert!(deferred(p), "{p}");
        }
        for p in [
            "/",
            "/s/abc",
            "/v/",
            "/v/abc/export.xlsx",
            "/w/abc",
            "/catalog",
            "/s/abc/history",
            "/f/abc/history",
        ] {
            assert!(!deferred(p), "{p}");
        }
    }

    #[test]
    fn the_script_names_the_files_as_js_strings() {
        let s = script("/pkg/a.js", "/pkg/a.wasm");
        assert!(s.ends_with(r#")("/pkg/a.js", "/pkg/a.wasm");"#), "{s}");
        let s = script_now("/pkg/a.js", "/pkg/a.wasm");
        assert!(
            s.ends_with(r#")("/pkg/a.js", "/pkg/a.wasm", true);"#),
            "{s}"
        );
    }
}
