use leptos::prelude::*;

#[component]
pub fn TopBar() -> impl IntoView {
    view! {
        <a class="skip" href="#main">
            "Skip to content"
        </a>
        <header class="topbar">
            <a class="brand" href="/">
                "Breakeven"
            </a>
            <span class="tagline">"LLM inference: API or self-hosted, in numbers"</span>
            <nav class="topnav" aria-label="Main">
                <a href="/">"Scenarios"</a>
                <a href="/benchmarks">"Benchmarks"</a>
                <a href="/catalog">"Catalog"</a>
            </nav>
        </header>
    }
}
