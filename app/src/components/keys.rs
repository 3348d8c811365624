//! Edit keys this browser knows, kept in its localStorage so the scenario list can
//! offer "Edit" without the server ever listing keys. Browser-only; no-ops on the server.

#[cfg(feature = "hydrate")]
const STORAGE_KEY: &str = "breakeven.edit-keys";

#[cfg(feature = "hydrate")]
fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok()?
}

/// id -> edit key.
pub fn known() -> std::collections::BTreeMap<String, String> {
    #[cfg(feature = "hydrate")]
    {
        storage()
            .and_then(|s| s.get_item(STORAGE_KEY).ok().flatten())
            .and_then(|t| serde_json::from_str(&t).ok())
            .unwrap_or_default()
    }
    #[cfg(not(feature = "hydrate"))]
    {
        Default::default()
    }
}

pub fn remember(id: &str, key: &str) {
    #[cfg(feature = "hydrate")]
    {
        let mut all = known();
        all.insert(id.to_string(), key.to_string());
        if let (Some(s), Ok(text)) = (storage(), serde_json::to_string(&all)) {
            let _ = s.set_item(STORAGE_KEY, &text);
        }
    }
    #[cfg(not(feature = "hydrate"))]
    {
        let _ = (id, key);
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
