//! Links this browser knows, kept in its localStorage (the server never lists them):
//! scenarios' edit keys it created, and the workspaces it opened, so the home page can
//! offer them again. Browser-only; no-ops on the server.

/// Which keys: scenarios' edit keys, or workspaces (token -> name).
#[derive(Clone, Copy)]
pub enum Store {
    Scenarios,
    Workspaces,
    /// Scenario id -> the token of the workspace this browser saw it listed in.
    Homes,
}

impl Store {
    #[cfg(feature = "hydrate")]
    fn name(self) -> &'static str {
        match self {
            Store::Scenarios => "breakeven.edit-keys",
            Store::Workspaces => "breakeven.workspaces",
            Store::Homes => "breakeven.scenario-workspaces",
        }
    }
}

/// Remembers a workspace this browser opened (token -> name).
pub fn remember_workspace(w: &crate::dto::WorkspaceInfo) {
    remember_in(Store::Workspaces, &w.token, &w.name)
}

/// Remembers that these scenarios are in workspace `token` (seen listed there, or made
/// there), so their editors can link back to the workspace's pages in this browser.
pub fn remember_homes<'a>(ids: impl IntoIterator<Item = &'a str>, token: &str) {
    #[cfg(feature = "hydrate")]
    {
        let mut all = known_in(Store::Homes);
        let before = all.len();
        let mut changed = false;
        for id in ids {
            changed |= all.insert(id.to_string(), token.to_string()).as_deref() != Some(token);
        }
        if changed || all.len() != before {
            if let (Some(s), Ok(text)) = (storage(), serde_json::to_string(&all)) {
                let _ = s.set_item(Store::Homes.name(), &text);
            }
        }
    }
    #[cfg(not(feature = "hydrate"))]
    {
        let _ = (ids.into_iter().count(), token);
    }
}

/// The workspace (token, name) scenario `id` is in, when this browser saw it listed
/// there and still holds that workspace's link; else `None` (an edit link shared alone
/// reaches no further than its scenario).
pub fn home_of(id: &str) -> Option<(String, String)> {
    let token = known_in(Store::Homes).remove(id)?;
    let name = known_in(Store::Workspaces).remove(&token)?;
    Some((token, name))
}

/// Forgets a workspace in this browser only (the workspace itself stays).
pub fn forget_workspace(token: &str) {
    #[cfg(feature = "hydrate")]
    {
        let mut all = known_in(Store::Workspaces);
        all.remove(token);
        if let (Some(s), Ok(text)) = (storage(), serde_json::to_string(&all)) {
            let _ = s.set_item(Store::Workspaces.name(), &text);
        }
        // Its scenarios' way back to it goes too: the token is kept nowhere here.
        let mut homes = known_in(Store::Homes);
        homes.retain(|_, t| t != token);
        if let (Some(s), Ok(text)) = (storage(), serde_json::to_string(&homes)) {
            let _ = s.set_item(Store::Homes.name(), &text);
        }
    }
    #[cfg(not(feature = "hydrate"))]
    {
        let _ = token;
    }
}

#[cfg(feature = "hydrate")]
fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok()?
}

/// id -> edit key.
pub fn known() -> std::collections::BTreeMap<String, String> {
    known_in(Store::Scenarios)
}

pub fn remember(id: &str, key: &str) {
    remember_in(Store::Scenarios, id, key)
}

/// id -> key, for either store.
pub fn known_in(store: Store) -> std::collections::BTreeMap<String, String> {
    #[cfg(feature = "hydrate")]
    {
        storage()
            .and_then(|s| s.get_item(store.name()).ok().flatten())
            .and_then(|t| crate::dto::json::from_text(&t).ok())
            .unwrap_or_default()
    }
    #[cfg(not(feature = "hydrate"))]
    {
        let _ = store;
        Default::default()
    }
}

pub fn remember_in(store: Store, id: &str, key: &str) {
    #[cfg(feature = "hydrate")]
    {
        let mut all = known_in(store);
        all.insert(id.to_string(), key.to_string());
        if let (Some(s), Ok(text)) = (storage(), serde_json::to_string(&all)) {
            let _ = s.set_item(store.name(), &text);
        }
    }
    #[cfg(not(feature = "hydrate"))]
    {
        let _ = (store, id, key);
    }
}

/// Full page load of `path` (after creating a scenario, its editor is a fresh page).
pub fn go(path: &str) {
    #[cfg(feature = "hydrate")]
    {
        if let Some(w) = web_sys::window() {
            let _ = w.location().set_href(path);
        }
    }
    #[cfg(not(feature = "hydrate"))]
    {
        let _ = path;
    }
}
