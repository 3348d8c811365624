//! Two clients, one per group of pages, so a page loads only the code it runs.
//!
//! - **The editor's client** (`editor.<hash>.wasm`): a scenario's editor and its read-only
//!   pages (the view and frozen links, the presentation, the printout), which share the
//!   form, the chart panel and the results.
//! - **The site's client** (`breakeven.<hash>.wasm`): everything else (the start page,
//!   workspaces, catalogs, benchmarks, usage, compare, history).
//!
//! The server names the page's client ([`client_for`]). A link to a page of the other
//! group is followed by the browser, not the router ([`follow_other_links`]), so each
//! client only ever shows its own pages. Both share one route table: in a client, the
//! other group's pages are [`Elsewhere`], which loads the address from the server should
//! it ever be reached (the back button past a page of the other group is a full load
//! anyway).

use leptos::prelude::*;

/// Which client a page loads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Client {
    Editor,
    Site,
}

/// A scenario's pages, told apart by their path: the editor's client holds them all.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ScenarioPage {
    Editor,
    View,
    Frozen,
    Present,
    Print,
}

impl ScenarioPage {
    /// The scenario page at `path` (no query, no fragment), if it is one.
    pub fn at(path: &str) -> Option<Self> {
        let parts: Vec<&str> = path.trim_matches('/').split('/').collect();
        match parts.as_slice() {
            [_, ""] | [_, "", _] => None,
            ["s", _] => Some(Self::Editor),
            ["v", _] => Some(Self::View),
            ["f", _] => Some(Self::Frozen),
            ["v" | "f", _, "present"] => Some(Self::Present),
            ["v" | "f", _, "print"] => Some(Self::Print),
            _ => None,
        }
    }

    /// Read-only: complete as the server renders it, so its client can wait for the
    /// reader's first gesture (`hydration.rs`).
    pub fn read_only(self) -> bool {
        self != Self::Editor
    }
}

/// The client of the page at `path` (no query, no fragment).
pub fn client_for(path: &str) -> Client {
    match ScenarioPage::at(path) {
        Some(_) => Client::Editor,
        None => Client::Site,
    }
}

/// Whether `path` is a page (else a file or an API answer: an export, a download, which
/// the router must leave to the browser).
pub fn a_page(path: &str) -> bool {
    !path.starts_with("/api/")
        && !path.starts_with("/pkg/")
        && !path.rsplit('/').next().unwrap_or_default().contains('.')
}

/// This build's client: `None` on the server.
pub const THIS: Option<Client> = if cfg!(not(feature = "hydrate")) || cfg!(feature = "ssr") {
    None
} else if cfg!(feature = "editor_client") {
    Some(Client::Editor)
} else {
    Some(Client::Site)
};

/// The client's base name: its files are `<name>.<hash>.js` and `<name>.<hash>.wasm`.
pub fn file_stem(c: Client) -> &'static str {
    match c {
        Client::Editor => "editor",
        Client::Site => "breakeven",
    }
}

/// A page of the other group, in a client that does not hold it: the browser loads it.
/// Reached only if the router is asked for such a page (a link the click listener did not
/// see); the page the server sent first is always this client's own, so if that one is
/// not (a stale or mixed deploy), it says so instead of reloading for ever.
#[component]
pub fn Elsewhere() -> impl IntoView {
    #[cfg(feature = "hydrate")]
    {
        let loc = leptos_router::hooks::use_location();
        let to = format!(
            "{}{}{}",
            loc.pathname.get_untracked(),
            Some(loc.search.get_untracked())
                .filter(|s| !s.is_empty())
                .map(|s| format!("?{s}"))
                .unwrap_or_default(),
            loc.hash.get_untracked()
        );
        if let Some(w) = web_sys::window() {
            let l = w.location();
            let here = format!(
                "{}{}{}",
                l.pathname().unwrap_or_default(),
                l.search().unwrap_or_default(),
                l.hash().unwrap_or_default()
            );
            if !FIRST_PAGE.with(|f| f.borrow().as_deref() == Some(to.as_str())) {
                // The router may have put the address in the history already.
                let _ = if here == to {
                    l.replace(&to)
                } else {
                    l.assign(&to)
                };
            }
        }
    }
    view! {
        <section class="page narrow">
            <p role="status">"Loading this page..."</p>
        </section>
    }
}

#[cfg(feature = "hydrate")]
thread_local! {
    static FIRST_PAGE: std::cell::RefCell<Option<String>> = const { std::cell::RefCell::new(None) };
}

/// Run once before hydrating: remembers the page the server sent, and has the browser
/// (not the router) follow a click on a link to a page of the other group.
#[cfg(feature = "hydrate")]
pub fn follow_other_links() {
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::JsCast;
    let Some(w) = web_sys::window() else { return };
    let l = w.location();
    let first = format!(
        "{}{}{}",
        l.pathname().unwrap_or_default(),
        l.search().unwrap_or_default(),
        l.hash().unwrap_or_default()
    );
    FIRST_PAGE.with(|f| *f.borrow_mut() = Some(first));
    let Some(this) = THIS else { return };
    // Capture: before the router's own listener decides to handle the click.
    let on_click = Closure::<dyn FnMut(web_sys::MouseEvent)>::new(move |e: web_sys::MouseEvent| {
        let link = e
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .and_then(|el| el.closest("a[href]").ok().flatten());
        let Some(link) = link else { return };
        let href = link.get_attribute("href").unwrap_or_default();
        if !href.starts_with('/') || href.starts_with("//") {
            return;
        }
        let path = href.split(['?', '#']).next().unwrap_or_default();
        if client_for(path) != this || !a_page(path) {
            let rel = link.get_attribute("rel").unwrap_or_default();
            if !rel.split_whitespace().any(|r| r == "external") {
                let _ = link.set_attribute("rel", format!("{rel} external").trim());
            }
        }
    });
    if let Some(d) = w.document() {
        let _ = d.add_event_listener_with_callback_and_bool(
            "click",
            on_click.as_ref().unchecked_ref(),
            true,
        );
    }
    on_click.forget();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_scenarios_editor_and_read_only_pages_load_the_editors_client() {
        for p in [
            "/s/abc",
            "/s/abc/",
            "/v/tok",
            "/f/frozen",
            "/v/tok/present",
            "/v/tok/print",
        ] {
            assert_eq!(client_for(p), Client::Editor, "{p}");
        }
        for p in [
            "/",
            "/catalog",
            "/compare",
            "/w/ws",
            "/w/ws/benchmarks",
            "/w/ws/benchmarks/run",
            "/w/ws/usage",
            "/w/ws/catalog",
            "/s/abc/history",
            "/s/abc/compare",
            "/s/abc/benchmarks/run",
            "/s/",
            "/v/",
            "/f/abc/history",
            "/nowhere",
        ] {
            assert_eq!(client_for(p), Client::Site, "{p}");
        }
    }

    #[test]
    fn a_scenario_page_is_told_by_its_path_and_only_the_editor_is_not_read_only() {
        use ScenarioPage::*;
        for (p, page) in [
            ("/s/abc", Editor),
            ("/v/tok/", View),
            ("/f/frozen", Frozen),
            ("/v/tok/present", Present),
            ("/v/tok/print", Print),
            ("/f/frozen/present", Present),
            ("/f/frozen/print", Print),
        ] {
            assert_eq!(ScenarioPage::at(p), Some(page), "{p}");
            assert_eq!(page.read_only(), page != Editor, "{p}");
        }
        for p in [
            "/v//present",
            "/s/",
            "/f//present",
            "/f/x/history",
            "/v/tok/export.csv",
            "/w/ws",
        ] {
            assert_eq!(ScenarioPage::at(p), None, "{p}");
        }
    }

    #[test]
    fn files_and_api_answers_are_not_pages() {
        for p in ["/s/abc", "/w/ws/benchmarks/run", "/v/tok/present", "/"] {
            assert!(a_page(p), "{p}");
        }
        for p in [
            "/api/benchmarks/abc/original",
            "/v/tok/export.csv",
            "/f/tok/summary.pdf",
            "/v/tok/chart/break-even.svg",
            "/pkg/editor.js",
        ] {
            assert!(!a_page(p), "{p}");
        }
    }
}
