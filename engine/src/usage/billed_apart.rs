//! What a usage file holds that the catalog's token prices do not price: requests on
//! another service tier than the standard one, and server tools (web searches and
//! fetches) billed per use.

use super::UsageImport;

/// The service tiers the records name other than the standard one (`standard`,
/// OpenAI's `default`) and `batch` (priced as batch traffic), at most eight.
pub(crate) fn other_service_tiers(u: &UsageImport) -> Vec<String> {
    let mut tiers: Vec<String> = Vec::new();
    for r in &u.records {
        for (k, v) in r.keys.iter() {
            let t = v.trim().to_ascii_lowercase();
            if &**k == "service_tier"
                && !["standard", "default", "batch", ""].contains(&t.as_str())
                && !tiers.contains(&t)
                && tiers.len() < 8
            {
                tiers.push(t);
            }
        }
    }
    tiers
}

/// Server tool uses in words: "10 web searches and 2 web fetches".
pub(crate) fn server_tool_uses(tools: &[(String, f64)]) -> String {
    let words: Vec<String> = tools
        .iter()
        .map(|(name, n)| {
            let (one, many) = match name.as_str() {
                "web_search_requests" => ("web search", "web searches"),
                "web_fetch_requests" => ("web fetch", "web fetches"),
                "code_execution_requests" => ("code execution", "code executions"),
                other => (other, other),
            };
            let n = n.round();
            let word = if n == 1.0 { one } else { many };
            if word == name {
                format!("{} uses of {word}", crate::fmt_num(n))
            } else {
                format!("{} {word}", crate::fmt_num(n))
            }
        })
        .collect();
    crate::report::and_list(&words)
}

/// A model as a bill and a usage file can both name it: its catalog price's id, else its
/// name without a provider prefix ("anthropic/") or a date suffix ("-20251001").
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
    match n.rsplit_once('-') {
        Some((head, date)) if date.len() == 8 && date.bytes().all(|b| b.is_ascii_digit()) => {
            head.to_string()
        }
        _ => n,
    }
}

/// Where the bill's rows name models and the usage's do not match them: the models on
/// one side only, said ("the bill's rows name claude-opus-5, which the usage does not;
/// …"). `None` when the bill names no model or both name the same ones.
pub(crate) fn model_mismatch<'a>(
    bill: impl Iterator<Item = &'a str>,
    usage: impl Iterator<Item = (&'a str, Option<&'a str>)>,
) -> Option<String> {
    // Each side's models by key, with the first name seen for each.
    fn add(side: &mut Vec<(String, String)>, key: String, name: &str) {
        if !side.iter().any(|(k, _)| *k == key) && side.len() < 50 {
            side.push((key, name.to_string()));
        }
    }
    let mut billed = Vec::new();
    for m in bill {
        add(&mut billed, model_key(m), m);
    }
    if billed.is_empty() {
        return None;
    }
    let mut used = Vec::new();
    for (group, price_id) in usage {
        add(
            &mut used,
            price_id.map_or_else(|| model_key(group), str::to_string),
            group,
        );
    }
    let only = |a: &[(String, String)], b: &[(String, String)]| -> Vec<String> {
        a.iter()
            .filter(|(k, _)| !b.iter().any(|(kb, _)| kb == k))
            .map(|(_, n)| n.clone())
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

/// The note a file with server tool uses gets.
pub(crate) fn server_tools_note(tools: &[(String, f64)]) -> Option<String> {
    (!tools.is_empty()).then(|| {
        format!(
            "{} (server tool use): billed per use, not per token, so the token prices here leave them out",
            server_tool_uses(tools)
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
        ];
        assert_eq!(
            server_tool_uses(&t),
            "10 web searches, 1 web fetch and 3 uses of map_tiles"
        );
        assert_eq!(server_tools_note(&[]), None);
    }

    #[test]
    fn models_are_compared_without_prefixes_and_dates() {
        let same = model_mismatch(
            ["claude-haiku-4-5-20251001", "acme-7b"].into_iter(),
            [
                ("anthropic/claude-haiku-4-5", None),
                ("acme-7b-20250101", None),
            ]
            .into_iter(),
        );
        assert_eq!(same, None);
        let apart = model_mismatch(
            ["claude-opus-5"].into_iter(),
            [("claude-opus-4-6", None)].into_iter(),
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
        // A bill that names no model compares nothing.
        assert_eq!(
            model_mismatch(std::iter::empty(), [("x-1", None)].into_iter()),
            None
        );
    }
}
