//! What a usage file holds that the catalog's token prices do not price, or that its bill
//! may not share: requests on another service tier than the standard one, server tools
//! (web searches and fetches) billed per use, and the models its records name.

use super::reconcile::FileForReconciling;
use super::UsageImport;
use serde::{Deserialize, Serialize};

/// What a usage file holds that a bill prices apart or may not share, kept with the file
/// (and with what the bill is set against).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Apart {
    /// The service tiers other than the standard one its records name ("priority",
    /// "flex", "scale"): billed at other rates than the catalog's. `None` for a file kept
    /// before they were looked for (its grouping keys then say only whether it has tiers).
    #[serde(default)]
    pub other_tiers: Option<Vec<String>>,
    /// Server tools used (web searches, fetches), billed per use and not per token.
    #[serde(default)]
    pub server_tools: Vec<(String, f64)>,
    /// The models its records name (at most 16), set against a bill's.
    #[serde(default)]
    pub models: Vec<String>,
}

impl Apart {
    pub(crate) fn of(u: &UsageImport) -> Apart {
        Apart {
            other_tiers: Some(other_service_tiers(u)),
            server_tools: u.server_tools.clone(),
            models: record_models(u),
        }
    }
}

/// At most this many tiers, tools or models kept per file.
const MAX_KEPT: usize = 16;

/// Pushes `item` unless it is there already or `list` is full.
pub(crate) fn push_unique(list: &mut Vec<String>, item: &str) {
    if list.len() < MAX_KEPT && !list.iter().any(|x| x == item) {
        list.push(item.to_string());
    }
}

/// Adds `n` uses of `name` (a new name only while `list` is not full).
pub(crate) fn add_count(list: &mut Vec<(String, f64)>, name: &str, n: f64) {
    match list.iter().position(|(t, _)| t == name) {
        Some(i) => list[i].1 += n,
        None if list.len() < MAX_KEPT => list.push((name.to_string(), n)),
        None => {}
    }
}

/// A usage object's `server_tool_use` counts (positive, finite), each named by its
/// field's first 60 characters.
pub(crate) fn server_tool_counts(usage: &serde_json::Value) -> Vec<(String, f64)> {
    usage
        .get("server_tool_use")
        .and_then(serde_json::Value::as_object)
        .map(|used| {
            used.iter()
                .filter_map(|(k, v)| {
                    let n = v.as_f64().filter(|n| n.is_finite() && *n > 0.0)?;
                    Some((k.chars().take(60).collect(), n))
                })
                .collect()
        })
        .unwrap_or_default()
}

/// The service tiers the records name other than the standard one (`standard`, OpenAI's
/// `default` and `auto`) and `batch` (priced as batch traffic), each cut at 40 characters.
fn other_service_tiers(u: &UsageImport) -> Vec<String> {
    let mut tiers: Vec<String> = Vec::new();
    for r in &u.records {
        for (_, v) in r.keys.iter().filter(|(k, _)| &**k == "service_tier") {
            let t: String = v.trim().to_ascii_lowercase().chars().take(40).collect();
            if !["standard", "default", "auto", "batch", ""].contains(&t.as_str()) {
                push_unique(&mut tiers, &t);
            }
        }
    }
    tiers
}

/// The models the records name (at most 16), for setting against a bill's.
fn record_models(u: &UsageImport) -> Vec<String> {
    let mut models: Vec<String> = Vec::new();
    for m in u.records.iter().filter_map(|r| r.model.as_deref()) {
        push_unique(&mut models, m);
    }
    models
}

/// The reasons a bill may differ from the usage for what the usage files hold (each with
/// its share of time inside the bill): requests on other service tiers, Anthropic's
/// Priority Tier spend missing from its cost report, models on one side only, and server
/// tool uses (over the time compared: about, when a file is partly outside it).
pub(super) fn reasons<'a>(
    provider: &str,
    files: &[(&'a FileForReconciling, f64)],
    bill_models: impl Iterator<Item = &'a str>,
    prorated: bool,
) -> Vec<String> {
    let mut reasons = Vec::new();
    let mut tiers: Vec<String> = Vec::new();
    // A file kept before tiers were looked for says only whether it has them.
    let mut some_tier = false;
    for (f, _) in files {
        match &f.apart.other_tiers {
            Some(ts) => ts.iter().for_each(|t| push_unique(&mut tiers, t)),
            None => some_tier |= f.keys.iter().any(|k| k == "service_tier"),
        }
    }
    if !tiers.is_empty() {
        reasons.push(format!(
            "requests on the {} service tier{} are billed at other rates than the standard prices used here",
            crate::report::and_list(&tiers),
            if tiers.len() > 1 { "s" } else { "" }
        ));
    } else if some_tier {
        reasons.push("requests on a priority or flex service tier are billed at other rates than the standard prices used here".into());
    }
    // Priority Tier spend is never in Anthropic's cost report: a reason where the usage
    // has priority requests, or does not say its tiers.
    let tiers_said = files
        .iter()
        .all(|(f, _)| f.apart.other_tiers.is_some() && f.keys.iter().any(|k| k == "service_tier"));
    if provider == "Anthropic" && (tiers.iter().any(|t| t == "priority") || !tiers_said) {
        reasons.push("Priority Tier spend is billed another way and never appears in Anthropic's cost report".into());
    }
    reasons.extend(model_mismatch(
        bill_models,
        files
            .iter()
            .flat_map(|(f, _)| f.apart.models.iter().map(String::as_str)),
    ));
    let mut tools: Vec<(String, f64)> = Vec::new();
    for (f, part) in files {
        for (name, n) in &f.apart.server_tools {
            add_count(&mut tools, name, n * part);
        }
    }
    if !tools.is_empty() {
        reasons.push(format!(
            "the usage holds {}{}, billed per use and not per token: the priced figure leaves them out",
            if prorated { "about " } else { "" },
            server_tool_uses(&tools)
        ));
    }
    reasons
}

/// Server tool uses in words: "10 web searches and 1 web fetch".
pub(crate) fn server_tool_uses(tools: &[(String, f64)]) -> String {
    let words: Vec<String> = tools
        .iter()
        .map(|(name, n)| {
            let n = n.round();
            let (one, many) = match name.as_str() {
                "web_search_requests" => ("web search", "web searches"),
                "web_fetch_requests" => ("web fetch", "web fetches"),
                "code_execution_requests" => ("code execution", "code executions"),
                other => return format!("{} of {other}", plural(n, "use", "uses")),
            };
            plural(n, one, many)
        })
        .collect();
    crate::report::and_list(&words)
}

fn plural(n: f64, one: &str, many: &str) -> String {
    format!(
        "{} {}",
        crate::fmt_num(n),
        if n == 1.0 { one } else { many }
    )
}

/// The note a file with server tool uses gets.
pub(crate) fn server_tools_note(tools: &[(String, f64)]) -> Option<String> {
    (!tools.is_empty()).then(|| {
        format!(
            "{} (server tool use): billed per use, not per token, so the token prices here leave them out",
            server_tool_uses(tools)
        )
    })
}

/// A model as a bill and a usage file can both name it: its catalog price's id, else its
/// name without a provider prefix ("anthropic/") or a snapshot date ("-20251001").
fn model_key(name: &str) -> String {
    if let Some(p) = super::pricing::price_for(name) {
        return p.id;
    }
    let n = name
        .trim()
        .rsplit('/')
        .next()
        .unwrap_or("")
        .to_ascii_lowercase();
    super::pricing::without_snapshot_date(&n).to_string()
}

/// Where the bill's rows name models and the usage's records do not match them: the
/// models on one side only, said ("the bill's rows name claude-opus-5, which the usage
/// does not; …"). `None` when either side names no model or both name the same ones.
pub(crate) fn model_mismatch<'a>(
    bill: impl Iterator<Item = &'a str>,
    usage: impl Iterator<Item = &'a str>,
) -> Option<String> {
    // Each side's models by key, with the first name seen for each.
    fn keyed<'a>(names: impl Iterator<Item = &'a str>) -> Vec<(String, &'a str)> {
        let mut side: Vec<(String, &str)> = Vec::new();
        for n in names {
            let k = model_key(n);
            if !side.iter().any(|(x, _)| *x == k) && side.len() < 50 {
                side.push((k, n));
            }
        }
        side
    }
    let (billed, used) = (keyed(bill), keyed(usage));
    if billed.is_empty() || used.is_empty() {
        return None;
    }
    let only = |a: &[(String, &str)], b: &[(String, &str)]| -> Vec<String> {
        a.iter()
            .filter(|(k, _)| !b.iter().any(|(kb, _)| kb == k))
            .map(|(_, n)| n.to_string())
            .take(6)
            .collect()
    };
    let (bill_only, usage_only) = (only(&billed, &used), only(&used, &billed));
    let mut parts = Vec::new();
    if !bill_only.is_empty() {
        parts.push(format!(
            "the bill's rows name {}, which the usage does not",
            crate::report::and_list(&bill_only)
        ));
    }
    if !usage_only.is_empty() {
        parts.push(format!(
            "the usage names {}, which the bill's rows do not",
            crate::report::and_list(&usage_only)
        ));
    }
    (!parts.is_empty()).then(|| {
        format!(
            "{}: the two may not count the same traffic",
            parts.join("; ")
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tool_uses_are_said_in_words() {
        let t = [
            ("web_search_requests".to_string(), 10.0),
            ("web_fetch_requests".to_string(), 1.0),
            ("map_tiles".to_string(), 3.0),
            ("maps".to_string(), 1.0),
        ];
        assert_eq!(
            server_tool_uses(&t),
            "10 web searches, 1 web fetch, 3 uses of map_tiles and 1 use of maps"
        );
        assert_eq!(server_tools_note(&[]), None);
        let mut list = Vec::new();
        add_count(&mut list, "a", 1.0);
        add_count(&mut list, "a", 2.0);
        assert_eq!(list, [("a".to_string(), 3.0)]);
    }

    #[test]
    fn models_are_compared_without_prefixes_and_dates() {
        let same = model_mismatch(
            ["claude-haiku-4-5-20251001", "acme-7b"].into_iter(),
            ["anthropic/claude-haiku-4-5", "acme-7b-20250101"].into_iter(),
        );
        assert_eq!(same, None);
        let apart = model_mismatch(
            ["claude-opus-5"].into_iter(),
            ["claude-opus-4-6"].into_iter(),
        )
        .expect("a mismatch");
        assert!(
            apart.contains("the bill's rows name claude-opus-5, which the usage does not"),
            "{apart}"
        );
        assert!(
            apart.contains("the usage names claude-opus-4-6, which the bill's rows do not"),
            "{apart}"
        );
        // Either side naming no model compares nothing.
        assert_eq!(
            model_mismatch(std::iter::empty(), ["x-1"].into_iter()),
            None
        );
        assert_eq!(
            model_mismatch(["x-1"].into_iter(), std::iter::empty()),
            None
        );
    }
}
