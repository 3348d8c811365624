//! Breakeven's web app: Leptos pages and components, server functions, and (under
//! `ssr`) the database layer they call.
#![recursion_limit = "512"]

#[cfg(feature = "ssr")]
pub mod assets;
pub mod bench_fns;
#[cfg(feature = "ssr")]
pub mod charts;
pub mod components;
#[cfg(feature = "ssr")]
pub mod compute;
#[cfg(feature = "ssr")]
pub mod db;
pub mod dto;
pub mod error;
pub mod format;
#[cfg(feature = "ssr")]
pub mod hydration;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod results;
pub mod revision_fns;
pub mod server_fns;
pub mod split;
#[cfg(feature = "ssr")]
pub mod tokens;
pub mod typed;
pub mod usage_fns;

use leptos::prelude::*;
use leptos_meta::{provide_meta_context, MetaTags, Title};
use leptos_router::components::{Route, Router, Routes};
use leptos_router::{ParamSegment, SsrMode, StaticSegment};

/// Content-Security-Policy of a page: scripts only from this site and the per-response
/// nonce (the hydration script), WebAssembly allowed, no framing except presentation mode.
pub fn page_csp(nonce: &str, present: bool) -> String {
    let frame = if present { "*" } else { "'none'" };
    format!(
        "default-src 'self'; script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; \
         connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors {frame}"
    )
}

#[cfg(feature = "ssr")]
fn page_security_headers() {
    use axum::http::{header, HeaderValue};
    let (Some(ro), Some(nonce)) = (
        use_context::<leptos_axum::ResponseOptions>(),
        leptos::nonce::use_nonce(),
    ) else {
        return;
    };
    let present = use_context::<axum::http::request::Parts>()
        .is_some_and(|p| p.uri.path().ends_with("/present"));
    let csp = page_csp(&nonce, present);
    if let Ok(v) = HeaderValue::from_str(&csp) {
        ro.insert_header(header::CONTENT_SECURITY_POLICY, v);
    }
    if !present {
        ro.insert_header(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    }
}

/// The stylesheet's address (content-hashed in a release build).
fn css_href() -> String {
    #[cfg(feature = "ssr")]
    return assets::css_href();
    #[cfg(not(feature = "ssr"))]
    "/pkg/breakeven.css".to_string()
}

pub fn shell(options: LeptosOptions) -> impl IntoView {
    #[cfg(feature = "ssr")]
    page_security_headers();
    view! {
        <!DOCTYPE html>
        <html lang="en">
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <link rel="icon" href="/favicon.ico" />
                <link rel="stylesheet" id="leptos" href=css_href() />
                <Scripts options />
                <MetaTags />
            </head>
            <body>
                <App />
            </body>
        </html>
    }
}

/// The page's client (`split.rs`): at once, or on a read-only page at the first
/// interaction (`hydration.rs`).
#[component]
fn Scripts(options: LeptosOptions) -> impl IntoView {
    let _ = options;
    #[cfg(feature = "ssr")]
    {
        let path = use_context::<axum::http::request::Parts>()
            .map(|p| p.uri.path().to_string())
            .unwrap_or_default();
        let (js, wasm) = assets::client_files(split::client_for(&path));
        if hydration::deferred(&path) {
            return view! { <hydration::HydrateOnInteraction js wasm /> }.into_any();
        }
        view! { <hydration::HydrateNow js wasm /> }.into_any()
    }
    #[cfg(not(feature = "ssr"))]
    ().into_any()
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    view! {
        <Title text="Breakeven: LLM inference cost planning" />
        <Router>
            <components::nav::TopBar />
            <main id="main">
                <Routes fallback=|| view! { <pages::not_found::NotFound /> }>
                    <Route path=StaticSegment("") view=pages::routed::HomePage />
                    // Async: the whole page waits for its data, so a missing scenario is a real 404.
                    <Route path=StaticSegment("catalog") view=pages::routed::CatalogPage />
                    <Route
                        path=(StaticSegment("w"), ParamSegment("ws"))
                        view=pages::routed::WorkspacePage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=(StaticSegment("w"), ParamSegment("ws"), StaticSegment("benchmarks"))
                        view=pages::routed::BenchmarksPage
                    />
                    <Route
                        path=(StaticSegment("w"), ParamSegment("ws"), StaticSegment("catalog"))
                        view=pages::routed::CatalogPage
                    />
                    <Route
                        path=(StaticSegment("w"), ParamSegment("ws"), StaticSegment("usage"))
                        view=pages::routed::UsagePage
                    />
                    <Route
                        path=(
                            StaticSegment("w"),
                            ParamSegment("ws"),
                            StaticSegment("benchmarks"),
                            ParamSegment("run"),
                        )
                        view=pages::routed::BenchRunPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=(
                            StaticSegment("s"),
                            ParamSegment("id"),
                            StaticSegment("benchmarks"),
                            ParamSegment("run"),
                        )
                        view=pages::routed::BenchRunPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=StaticSegment("compare")
                        view=pages::routed::ComparePage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=(StaticSegment("s"), ParamSegment("id"), StaticSegment("compare"))
                        view=pages::routed::ComparePage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=(StaticSegment("s"), ParamSegment("id"))
                        view=pages::routed::EditorPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=(StaticSegment("s"), ParamSegment("id"), StaticSegment("history"))
                        view=pages::routed::HistoryPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=(StaticSegment("v"), ParamSegment("token"))
                        view=pages::routed::ViewPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=(StaticSegment("f"), ParamSegment("frozen"))
                        view=pages::routed::ViewPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=(StaticSegment("v"), ParamSegment("token"), StaticSegment("present"))
                        view=pages::routed::PresentPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=(StaticSegment("v"), ParamSegment("token"), StaticSegment("print"))
                        view=pages::routed::PrintPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=(StaticSegment("f"), ParamSegment("frozen"), StaticSegment("present"))
                        view=pages::routed::PresentPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=(StaticSegment("f"), ParamSegment("frozen"), StaticSegment("print"))
                        view=pages::routed::PrintPage
                        ssr=SsrMode::Async
                    />
                </Routes>
            </main>
        </Router>
    }
}

#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    split::follow_other_links();
    components::results::close_explanations_outside();
    leptos::mount::hydrate_body(App);
    // A marker the browser tests (and curious people) can see: the wasm ran.
    if let Some(body) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.body())
    {
        let _ = body.set_attribute("data-hydrated", "true");
    }
}
