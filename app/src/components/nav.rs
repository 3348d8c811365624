use leptos::prelude::*;
use leptos_router::hooks::use_location;

/// The workspace token a path is inside (`/w/{token}/...`), if any.
fn workspace_of(path: &str) -> Option<String> {
    let rest = path.strip_prefix("/w/")?;
    let token = rest.split('/').next().unwrap_or_default();
    (!token.is_empty()).then(|| token.to_string())
}

/// The scenario a path is about (`/s/{id}/...`), if any.
fn scenario_of(path: &str) -> Option<String> {
    let rest = path.strip_prefix("/s/")?;
    let id = rest.split('/').next().unwrap_or_default();
    (!id.is_empty()).then(|| id.to_string())
}

/// The workspace links, with the workspace's name first where known.
fn workspace_links(t: String, name: Option<String>) -> impl IntoView {
    view! {
        {name.map(|n| view! { <span class="topnav-home">{n}": "</span> })}
        <a href=format!("/w/{t}")>"Scenarios"</a>
        <a href=format!("/w/{t}/benchmarks")>"Benchmarks"</a>
        <a href=format!("/w/{t}/usage")>"Usage"</a>
        <a href=format!("/w/{t}/catalog")>"Catalog"</a>
        <a href="/">"Workspaces"</a>
    }
}

#[component]
pub fn TopBar() -> impl IntoView {
    let location = use_location();
    // A scenario's pages link to its workspace's when this browser holds that
    // workspace's link (read once the page runs: the server never knows it).
    let home = RwSignal::new(None::<(String, String)>);
    Effect::new(move |_| {
        let found = scenario_of(&location.pathname.get()).and_then(|id| super::keys::home_of(&id));
        home.set(found);
    });
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
                {move || match (workspace_of(&location.pathname.get()), home.get()) {
                    (Some(t), _) => workspace_links(t, None).into_any(),
                    (None, Some((t, name))) => workspace_links(t, Some(name)).into_any(),
                    (None, None) => {
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
        assert_eq!(super::scenario_of("/s/x1/history").as_deref(), Some("x1"));
        assert_eq!(super::scenario_of("/v/x1"), None);
    }
}
