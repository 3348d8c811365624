//! Imported usage, priced with the catalog, set against what a cost report billed:
//! both totals over the time both cover, the residual, and its likely reasons.

use super::pricing::GroupCost;
use super::CostRecord;
use serde::{Deserialize, Serialize};

/// Usage priced with the catalog against what a cost report billed.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Reconciliation {
    /// Unix seconds: the days both the usage and the bill cover.
    pub start: i64,
    pub end: i64,
    pub priced_usd: f64,
    pub billed_usd: f64,
    /// billed − priced.
    pub residual_usd: f64,
    /// residual / billed, when something was billed.
    pub residual_share: Option<f64>,
    /// Groups with no price, and their tokens (input + output).
    pub unpriced: Vec<(String, f64)>,
    /// The likely reasons for the residual, most specific first.
    pub reasons: Vec<String>,
}

/// What is known of one file for reconciliation: its format, its priced groups and
/// its billed amounts (kept as they are stored, so files can be set side by side later).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FileForReconciling {
    pub format: super::UsageFormat,
    pub start: i64,
    pub end: i64,
    pub priced: Vec<GroupCost>,
    pub costs: Vec<CostRecord>,
    pub keys: Vec<String>,
}

fn is_token_item(item: &str) -> bool {
    let l = item.to_ascii_lowercase();
    ["input", "output", "cache", "token"]
        .iter()
        .any(|w| l.contains(w))
}

/// The usage files priced against the cost files, over the days both cover. `None`
/// when there is no usage or no bill, or they share no day.
pub fn reconcile(files: &[FileForReconciling]) -> Option<Reconciliation> {
    use super::UsageFormat as F;
    let usage: Vec<_> = files.iter().filter(|f| !f.priced.is_empty()).collect();
    let bills: Vec<_> = files.iter().filter(|f| !f.costs.is_empty()).collect();
    let u_start = usage.iter().map(|f| f.start).min()?;
    let u_end = usage.iter().map(|f| f.end).max()?;
    let b_start = bills.iter().map(|f| f.start).min()?;
    let b_end = bills.iter().map(|f| f.end).max()?;
    let (start, end) = (u_start.max(b_start), u_end.min(b_end));
    if start >= end {
        return None;
    }
    let mut reasons = Vec::new();
    // The bill over the shared period: a row inside it whole, a row across its edge by
    // the share of its time inside (said).
    let mut cut_rows = false;
    let rows: Vec<(&CostRecord, f64)> = bills
        .iter()
        .flat_map(|f| f.costs.iter())
        .filter_map(|c| {
            let inside = (c.end.min(end) - c.start.max(start)).max(0) as f64;
            let whole = (c.end - c.start).max(1) as f64;
            let part = (inside / whole).min(1.0);
            cut_rows |= part > 0.0 && part < 0.999;
            (part > 0.0).then_some((c, part))
        })
        .collect();
    let billed: f64 = rows.iter().map(|(c, part)| c.usd * part).sum();
    let other: Vec<(&str, f64)> = rows
        .iter()
        .filter_map(|(c, part)| {
            c.item
                .as_deref()
                .filter(|i| !is_token_item(i))
                .map(|i| (i, c.usd * part))
        })
        .fold(Vec::new(), |mut acc: Vec<(&str, f64)>, (i, usd)| {
            match acc.iter_mut().find(|(k, _)| *k == i) {
                Some((_, s)) => *s += usd,
                None => acc.push((i, usd)),
            }
            acc
        });
    // Usage over the shared days: a file's total when it lies inside them, else its
    // share by time (said).
    let mut priced = 0.0;
    let mut unpriced: Vec<(String, f64)> = Vec::new();
    let mut prorated = false;
    for f in &usage {
        let inside = (f.end.min(end) - f.start.max(start)).max(0) as f64;
        let whole = (f.end - f.start).max(1) as f64;
        let part = (inside / whole).min(1.0);
        prorated |= part < 0.999;
        for g in &f.priced {
            match &g.cost {
                Some(c) if g.reason.is_none() => priced += c.total() * part,
                _ => unpriced.push((
                    format!("{}: {}", g.group, g.reason.clone().unwrap_or_default()),
                    (g.tokens.input_total() + g.tokens.output) * part,
                )),
            }
        }
    }
    let residual = billed - priced;
    if !unpriced.is_empty() {
        let tokens: f64 = unpriced.iter().map(|(_, t)| t).sum();
        reasons.push(format!(
            "{} tokens could not be priced: {}",
            crate::fmt_num(tokens.round()),
            unpriced
                .iter()
                .map(|(g, _)| g.as_str())
                .collect::<Vec<_>>()
                .join("; ")
        ));
    }
    if !other.is_empty() {
        let sum: f64 = other.iter().map(|(_, s)| s).sum();
        let mut names: Vec<&str> = other.iter().map(|(i, _)| *i).collect();
        names.truncate(8);
        reasons.push(format!(
            "the bill holds ${sum:.2} of items that are not tokens: {}",
            names.join(", ")
        ));
    }
    if usage.iter().any(|f| f.format == F::OpenaiUsage) {
        reasons.push("OpenAI's completions usage counts only that endpoint; the costs report bills everything else too (embeddings, images, audio, fine-tuning, file search, evals)".into());
    }
    if bills.iter().any(|f| f.format == F::AnthropicCost) {
        reasons.push("Priority Tier spend is billed another way and never appears in Anthropic's cost report".into());
    }
    if usage
        .iter()
        .flat_map(|f| f.priced.iter())
        .any(|g| g.long_context_unknown)
    {
        reasons.push("the usage is not grouped by context_window, so a long-context premium (requests over 200K input tokens) cannot be told apart and was not priced".into());
    }
    let dates: Vec<&str> = usage
        .iter()
        .flat_map(|f| f.priced.iter())
        .filter_map(|g| g.price.as_ref().map(|p| p.as_of.as_str()))
        .collect();
    if let Some(newest) = dates.iter().max() {
        reasons.push(format!(
            "prices are the catalog's as of {newest}; a price change between then and the usage's days shows here"
        ));
    }
    if usage
        .iter()
        .any(|f| f.keys.iter().any(|k| k == "service_tier"))
    {
        reasons.push("requests on a priority or flex service tier are billed at other rates than the standard prices used here".into());
    }
    if prorated || cut_rows {
        reasons.push("the usage and the bill cover different times: only the time both cover is compared, and a file or bill row across its edge counts by the share of its time inside".into());
    }
    Some(Reconciliation {
        start,
        end,
        priced_usd: priced,
        billed_usd: billed,
        residual_usd: residual,
        residual_share: (billed.abs() > 0.0).then(|| residual / billed),
        unpriced,
        reasons,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::usage::pricing::price_import;
    use crate::usage::{Tokens, UsageImport, UsageRecord};

    fn record(model: &str, tokens: Tokens, batch: Option<bool>) -> UsageRecord {
        UsageRecord {
            start: 0,
            end: 0,
            model: Some(model.into()),
            keys: Vec::new().into(),
            requests: Some(1.0),
            tokens,
            batch,
        }
    }

    fn file(
        format: crate::usage::UsageFormat,
        priced: Vec<GroupCost>,
        costs: Vec<CostRecord>,
    ) -> FileForReconciling {
        FileForReconciling {
            format,
            start: 0,
            end: 86_400 * 2,
            priced,
            costs,
            keys: Vec::new(),
        }
    }

    #[test]
    fn reconciliation_states_both_totals_the_residual_and_the_other_items() {
        use crate::usage::UsageFormat as F;
        let mut u = UsageImport::new(F::AnthropicUsage);
        let mut r = record(
            "claude-haiku-4-5",
            Tokens {
                uncached_input: 1e6,
                output: 1e6,
                ..Tokens::default()
            },
            None,
        );
        r.end = 86_400;
        u.records.push(r);
        let priced = price_import(&u, None);
        let cost = |day: i64, usd: f64, item: &str| CostRecord {
            start: day * 86_400,
            end: (day + 1) * 86_400,
            usd,
            item: Some(item.into()),
            model: None,
        };
        let rec = reconcile(&[
            file(F::AnthropicUsage, priced, Vec::new()),
            file(
                F::AnthropicCost,
                Vec::new(),
                vec![
                    cost(0, 5.5, "Claude Haiku 4.5 Usage - Input Tokens"),
                    cost(1, 1.0, "Web search"),
                ],
            ),
        ])
        .expect("both");
        assert!((rec.priced_usd - 6.0).abs() < 1e-9);
        assert!((rec.billed_usd - 6.5).abs() < 1e-9);
        assert!((rec.residual_usd - 0.5).abs() < 1e-9);
        assert!(
            rec.reasons.iter().any(|r| r.contains("Web search")),
            "{:?}",
            rec.reasons
        );
        assert!(rec.reasons.iter().any(|r| r.contains("Priority Tier")));
        // No usage, or no bill: nothing to set side by side.
        assert!(reconcile(&[file(F::AnthropicUsage, Vec::new(), Vec::new())]).is_none());
    }
}
