use leptos::prelude::*;
use leptos_router::hooks::use_location;

/// The workspace token a path is inside (`/w/{token}/...`), if any.
fn workspace_of(path: &str) -> Option<String> {
    let rest = path.strip_prefix("/w/")?;
    let token = rest.split('/').next().unwrap_or_default();
    (!token.is_empty()).then(|| token.to_string())
}

#[component]
pub fn TopBar() -> impl IntoView {
    let location = use_location();
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
                {move || match workspace_of(&location.pathname.get()) {
                    Some(t) => {
                        view! {
                            <a href=format!("/w/{t}")>"Scenarios"</a>
                            <a href=format!("/w/{t}/benchmarks")>"Benchmarks"</a>
                            <a href=format!("/w/{t}/usage")>"Usage"</a>
                            <a href=format!("/w/{t}/catalog")>"Catalog"</a>
                            <a href="/">"Workspaces"</a>
                        }
                            .into_any()
                    }
                    None => {
                        view! {
                            <a href="/">"Workspaces"</a>
                            <a href="/catalog">"Catalog"</a>
                        }
                            .into_any()
                    }
                }}
            </nav>
        </header>
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_workspace_path_names_its_token() {
        assert_eq!(
            super::workspace_of("/w/abc/benchmarks").as_deref(),
            Some("abc")
        );
        assert_eq!(super::workspace_of("/w/abc").as_deref(), Some("abc"));
        assert_eq!(super::workspace_of("/s/abc"), None);
        assert_eq!(super::workspace_of("/w/"), None);
    }
}
