//! Keys this browser knows, kept in its localStorage so the scenario list can offer
//! "Edit" and the catalog "Delete" without the server ever listing keys.
//! Browser-only; no-ops on the server.

/// Which keys: scenarios' edit keys, or custom catalog entries' delete keys.
#[derive(Clone, Copy)]
pub enum Store {
    Scenarios,
    CatalogEntries,
}

impl Store {
    #[cfg(feature = "hydrate")]
    fn name(self) -> &'static str {
        match self {
            Store::Scenarios => "breakeven.edit-keys",
            Store::CatalogEntries => "breakeven.catalog-keys",
        }
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
            .and_then(|t| serde_json::from_str(&t).ok())
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
