//! What a backup must be before a row of it is written.

use super::{bad, Backup, FORMAT, VERSION};
use crate::error::AppError;

/// `n` bytes of random hex, as the server makes ids and keys.
pub(super) fn is_hex(s: &str, bytes: usize) -> bool {
    s.len() == bytes * 2 && s.bytes().all(|c| matches!(c, b'0'..=b'9' | b'a'..=b'f'))
}

/// Every row a backup would write, checked before anything is written: ids and keys
/// of the server's shape, unique; each scenario's revisions numbered 1..n with the
/// current one last; every document loads and passes the engine's validation; every
/// catalog entry parses and passes its checks. The first problem refuses the whole file.
pub fn check(b: &Backup) -> Result<(), AppError> {
    if b.format != FORMAT || b.version != VERSION {
        return Err(bad(&format!("not a {FORMAT} version {VERSION} file")));
    }
    let mut spaces = std::collections::HashSet::new();
    let mut tokens = std::collections::HashSet::new();
    for (i, w) in b.workspaces.iter().enumerate() {
        if !is_hex(&w.id, 16) || !is_hex(&w.token, 24) {
            return Err(bad(&format!(
                "workspace {}: its id or token is not of the server's form (32 and 48 hex digits)",
                i + 1
            )));
        }
        if !spaces.insert(w.id.as_str()) || !tokens.insert(w.token.as_str()) {
            return Err(bad(&format!(
                "workspace {}: its id or token appears twice",
                i + 1
            )));
        }
    }
    let in_a_workspace = |ws: &Option<String>, what: &str| match ws {
        Some(w) if !spaces.contains(w.as_str()) => Err(bad(&format!(
            "{what}: its workspace is not among the backup's workspaces"
        ))),
        _ => Ok(()),
    };
    for (i, f) in b.benchmark_files.iter().enumerate() {
        in_a_workspace(&f.workspace_id, &format!("benchmark file {}", i + 1))?;
    }
    for (i, c) in b.custom_catalog.iter().enumerate() {
        in_a_workspace(&c.workspace_id, &format!("catalog entry {}", i + 1))?;
    }
    let mut usage_ids = std::collections::HashSet::new();
    for (i, u) in b.usage_files.iter().enumerate() {
        let at = format!("usage file {}", i + 1);
        in_a_workspace(&Some(u.workspace_id.clone()), &at)?;
        if !is_hex(&u.id, 12) || !usage_ids.insert(u.id.as_str()) {
            return Err(bad(&format!(
                "{at}: its id is not of the server's form (24 hex digits) or appears twice"
            )));
        }
        if serde_json::from_str::<engine::usage::file::UsageFile>(&u.summary).is_err() {
            return Err(bad(&format!(
                "{at}: its summary is not one this version reads"
            )));
        }
    }
    let mut ids = std::collections::HashSet::new();
    let mut views = std::collections::HashSet::new();
    for (i, s) in b.scenarios.iter().enumerate() {
        let at = format!(
            "scenario {} ({})",
            i + 1,
            s.id.chars().take(40).collect::<String>()
        );
        if !is_hex(&s.id, 16) || !is_hex(&s.view_token, 16) || !is_hex(&s.edit_key, 24) {
            return Err(bad(&format!("{at}: its id, view token or edit key is not of the server's form (32, 32 and 48 hex digits)")));
        }
        in_a_workspace(&s.workspace_id, &at)?;
        if !ids.insert(s.id.as_str()) || !views.insert(s.view_token.as_str()) {
            return Err(bad(&format!("{at}: its id or view token appears twice")));
        }
        if s.revisions.is_empty() {
            return Err(bad(&format!("{at}: it has no revisions")));
        }
        for (k, r) in s.revisions.iter().enumerate() {
            if r.revision != k as i64 + 1 {
                return Err(bad(&format!(
                    "{at}: revision {} is where revision {} belongs (revisions run 1, 2, 3...)",
                    r.revision,
                    k + 1
                )));
            }
            if r.restored_from.is_some_and(|f| f < 1 || f >= r.revision) {
                return Err(bad(&format!(
                    "{at}: revision {} says it restores a revision that does not precede it",
                    r.revision
                )));
            }
            let doc = engine::upgrade::parse_document(&r.document).map_err(|e| {
                bad(&format!(
                    "{at}, revision {}: the document does not load: {e}",
                    r.revision
                ))
            })?;
            // Value checks only: a document saved before today's size caps still restores.
            engine::validate::validate_stored(doc).map_err(|e| {
                bad(&format!(
                    "{at}, revision {}: the document is not valid: {e}",
                    r.revision
                ))
            })?;
        }
        if s.current_revision != s.revisions.len() as i64 {
            return Err(bad(&format!(
                "{at}: its current revision {} is not its last ({})",
                s.current_revision,
                s.revisions.len()
            )));
        }
    }
    for (i, c) in b.custom_catalog.iter().enumerate() {
        if c.edit_key.as_deref().is_some_and(|k| !is_hex(k, 24)) {
            return Err(bad(&format!(
                "catalog entry {}: its key is not of the server's form (48 hex digits)",
                i + 1
            )));
        }
        let data: serde_json::Value = serde_json::from_str(&c.data)
            .map_err(|_| bad(&format!("catalog entry {}: its data is not JSON", i + 1)))?;
        let item: crate::dto::CustomItem = serde_json::from_value(
            serde_json::json!({ "kind": c.kind, "data": data }),
        )
        .map_err(|e| {
            bad(&format!(
                "catalog entry {}: not a catalog entry: {e}",
                i + 1
            ))
        })?;
        let errs = item.check();
        if let Some(first) = errs.first() {
            return Err(bad(&format!("catalog entry {}: {first}", i + 1)));
        }
    }
    Ok(())
}
