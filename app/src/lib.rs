//! Breakeven's web app: Leptos pages and components, server functions, and (under
//! `ssr`) the database layer they call.
#![recursion_limit = "512"]

#[cfg(feature = "ssr")]
pub mod bench_db;
#[cfg(feature = "ssr")]
pub mod catalog_db;
#[cfg(feature = "ssr")]
pub mod charts;
pub mod components;
#[cfg(feature = "ssr")]
pub mod db;
pub mod error;
pub mod pages;
pub mod server_fns;
pub mod types;

use leptos::prelude::*;
use leptos_meta::{provide_meta_context, MetaTags, Stylesheet, Title};
use leptos_router::components::{Route, Router, Routes};
use leptos_router::{ParamSegment, SsrMode, StaticSegment};

pub fn shell(options: LeptosOptions) -> impl IntoView {
    view! {
        <!DOCTYPE html>
        <html lang="en">
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <link rel="icon" href="/favicon.ico"/>
                <HydrationScripts options/>
                <MetaTags/>
            </head>
            <body>
                <App/>
            </body>
        </html>
    }
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    view! {
        <Stylesheet id="leptos" href="/pkg/breakeven.css"/>
        <Title text="Breakeven: LLM inference cost planning"/>
        <Router>
            <components::nav::TopBar/>
            <main id="main">
                <Routes fallback=|| view! { <pages::not_found::NotFound/> }>
                    <Route path=StaticSegment("") view=pages::home::HomePage/>
                    // Async: the whole page waits for its data, so a missing scenario is a real 404.
                    <Route path=StaticSegment("benchmarks") view=pages::benchmarks::BenchmarksPage/>
                    <Route path=StaticSegment("catalog") view=pages::catalog::CatalogPage/>
                    <Route path=StaticSegment("compare") view=pages::compare::ComparePage ssr=SsrMode::Async/>
                    <Route path=(StaticSegment("s"), ParamSegment("id"), StaticSegment("compare")) view=pages::compare::ComparePage ssr=SsrMode::Async/>
                    <Route path=(StaticSegment("benchmarks"), ParamSegment("id")) view=pages::benchmarks::BenchRunPage ssr=SsrMode::Async/>
                    <Route path=(StaticSegment("s"), ParamSegment("id")) view=pages::editor::EditorPage ssr=SsrMode::Async/>
                    <Route path=(StaticSegment("s"), ParamSegment("id"), StaticSegment("history")) view=pages::history::HistoryPage ssr=SsrMode::Async/>
                    <Route path=(StaticSegment("v"), ParamSegment("token")) view=pages::view::ViewPage ssr=SsrMode::Async/>
                    <Route path=(StaticSegment("v"), ParamSegment("token"), StaticSegment("present")) view=pages::present::PresentPage ssr=SsrMode::Async/>
                    <Route path=(StaticSegment("v"), ParamSegment("token"), StaticSegment("print")) view=pages::print::PrintPage ssr=SsrMode::Async/>
                </Routes>
            </main>
        </Router>
    }
}

#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_body(App);
    // A marker the browser tests (and curious people) can see: the wasm ran.
    if let Some(body) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.body())
    {
        let _ = body.set_attribute("data-hydrated", "true");
    }
}
