//! Imported usage, priced with the catalog, set against what a cost report billed:
//! both totals over the time both cover, the residual, and its likely reasons.

use super::covered::{file_span, inside, logs_of_part_days, merged, share_inside, span};
use super::pricing::GroupCost;
use super::CostRecord;
use serde::{Deserialize, Serialize};

/// Usage priced with the catalog against what one provider's cost reports billed.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Reconciliation {
    /// Whose bill: "OpenAI" or "Anthropic".
    pub provider: String,
    /// Unix seconds: the first and last moment both the usage and the bill cover.
    pub start: i64,
    pub end: i64,
    /// Seconds both cover between `start` and `end` (less than `end - start` when the
    /// bill's days or the usage's leave gaps).
    #[serde(default)]
    pub common_s: i64,
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
    pub name: String,
    pub format: super::UsageFormat,
    pub start: i64,
    pub end: i64,
    pub priced: Vec<GroupCost>,
    pub costs: Vec<CostRecord>,
    pub keys: Vec<String>,
    /// What it holds that a bill prices apart or may not share.
    #[serde(flatten)]
    pub apart: super::billed_apart::Apart,
}

impl Reconciliation {
    /// No usage could be priced: there is nothing to set against the bill.
    pub fn nothing_priced(&self) -> bool {
        self.priced_usd == 0.0 && !self.unpriced.is_empty()
    }
}

fn is_token_item(item: &str) -> bool {
    let l = item.to_ascii_lowercase();
    ["input", "output", "cache", "token"]
        .iter()
        .any(|w| l.contains(w))
}

const PROVIDERS: [&str; 2] = ["OpenAI", "Anthropic"];

/// The provider whose bill a format's usage is on; `None` for a gateway's log, which may
/// hold any provider's traffic.
fn provider_of_format(f: super::UsageFormat) -> Option<&'static str> {
    use super::UsageFormat as F;
    match f {
        F::OpenaiUsage | F::OpenaiCosts | F::OpenaiRequests | F::CodexCli => Some("OpenAI"),
        F::AnthropicUsage | F::AnthropicCost | F::ClaudeCode | F::AnthropicMessages => {
            Some("Anthropic")
        }
        F::LitellmSpendLogs | F::LangfuseDaily | F::LitellmDaily | F::RequestCsv => None,
        // Google's bill: no cost file of it is read to set it against.
        F::GeminiCli => None,
    }
}

/// The provider whose bill a group's traffic is on: its file's, for a provider's own
/// export; for a gateway's log, the provider its model name routes to ("anthropic/…",
/// "openai/…", or a bare Claude or OpenAI name), and none for a cloud's route
/// ("bedrock/…", "azure/…", "anthropic.claude-…"), which another bill carries.
fn provider_of_group(g: &GroupCost, format: super::UsageFormat) -> Option<&'static str> {
    if let Some(p) = provider_of_format(format) {
        return Some(p);
    }
    let name = g.group.trim().to_ascii_lowercase();
    match name.split_once('/') {
        Some(("anthropic", _)) => Some("Anthropic"),
        Some(("openai", _)) => Some("OpenAI"),
        Some(_) => None,
        None if name.starts_with("claude") => Some("Anthropic"),
        None => g
            .price
            .as_ref()
            .filter(|p| !p.id.starts_with("claude"))
            .map(|_| "OpenAI"),
    }
}

/// The usage priced against each provider's cost reports, over the time both cover:
/// one reconciliation per provider with both a bill and usage of that provider that share
/// time. A bill is set only against its own provider's usage (an OpenAI bill never against
/// Claude tokens), and only the days its rows cover count (two bills of January and August
/// do not cover the months between).
pub fn reconcile(files: &[FileForReconciling]) -> Vec<Reconciliation> {
    PROVIDERS
        .iter()
        .filter_map(|p| reconcile_one(p, files))
        .collect()
}

fn reconcile_one(provider: &str, files: &[FileForReconciling]) -> Option<Reconciliation> {
    use super::UsageFormat as F;
    let bills: Vec<_> = files
        .iter()
        .filter(|f| !f.costs.is_empty() && provider_of_format(f.format) == Some(provider))
        .collect();
    // Each usage file with its groups on this provider's bill.
    let usage: Vec<(&FileForReconciling, Vec<&GroupCost>)> = files
        .iter()
        .map(|f| {
            let groups: Vec<&GroupCost> = f
                .priced
                .iter()
                .filter(|g| provider_of_group(g, f.format) == Some(provider))
                .collect();
            (f, groups)
        })
        .filter(|(_, g)| !g.is_empty())
        .collect();
    if bills.is_empty() || usage.is_empty() {
        return None;
    }
    // The bills' rows, each once: two exports of one provider that overlap repeat the
    // rows of their shared days. A row with no time (a start at 0) bills no day.
    // Looked up by key: 20 bills of 5,000 rows each stay linear.
    let mut seen = std::collections::HashSet::new();
    let mut bill_rows: Vec<&CostRecord> = Vec::new();
    let mut repeated = 0usize;
    for c in bills
        .iter()
        .flat_map(|f| f.costs.iter())
        .filter(|c| c.start > 0)
    {
        if seen.insert((c.start, c.end, &c.item, &c.model)) {
            bill_rows.push(c);
        } else {
            repeated += 1;
        }
    }
    let billed_time = merged(bill_rows.iter().map(|c| span(c.start, c.end)).collect());
    let used_time = merged(usage.iter().map(|(f, _)| file_span(f)).collect());
    let common: Vec<(i64, i64)> = used_time
        .iter()
        .flat_map(|&u| inside(u, &billed_time))
        .collect();
    let common_s: i64 = common.iter().map(|(s, e)| e - s).sum();
    let (start, end) = (common.first()?.0, common.last()?.1);
    let mut reasons = Vec::new();
    // The bill over the time the usage covers: a row inside it whole, a row across its
    // edge by the share of its time inside (said).
    let mut cut_rows = false;
    let rows: Vec<(&CostRecord, f64)> = bill_rows
        .iter()
        .copied()
        .filter_map(|c| {
            let part = share_inside(span(c.start, c.end), &used_time);
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
    // Usage over the billed time: a file's total when it lies inside it, else its share
    // by time (said); a file with no billed time is named and left out.
    let mut priced = 0.0;
    let mut unpriced: Vec<(String, f64)> = Vec::new();
    let mut prorated = false;
    let mut outside: Vec<usize> = Vec::new();
    for (i, (f, groups)) in usage.iter().enumerate() {
        let part = share_inside(file_span(f), &billed_time);
        if part <= 0.0 {
            outside.push(i);
            continue;
        }
        prorated |= part < 0.999;
        for g in groups {
            match &g.cost {
                Some(c) if g.reason.is_none() => priced += c.total() * part,
                _ => unpriced.push((
                    format!("{}: {}", g.group, g.reason.clone().unwrap_or_default()),
                    (g.tokens.input_total() + g.tokens.output) * part,
                )),
            }
        }
    }
    let counted: Vec<&(&FileForReconciling, Vec<&GroupCost>)> = usage
        .iter()
        .enumerate()
        .filter(|(i, _)| !outside.contains(i))
        .map(|(_, u)| u)
        .collect();
    let residual = billed - priced;
    // Half a cent: not a residual of rounding.
    if residual > 0.005 {
        reasons.extend(logs_of_part_days(&counted, &billed_time));
    }
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
    if counted.iter().any(|(f, _)| f.format == F::OpenaiUsage) {
        reasons.push("OpenAI's completions usage counts only that endpoint; the costs report bills everything else too (embeddings, images, audio, fine-tuning, file search, evals)".into());
    }
    let groups = || counted.iter().flat_map(|(_, g)| g.iter());
    // A premium not priced makes the bill the larger: no reason where the two agree.
    if residual > 0.005 && groups().any(|g| g.long_context_unknown) {
        reasons.push("the usage is not grouped by context_window, so a long-context premium (requests over 200K input tokens) cannot be told apart and was not priced".into());
    }
    let dates: Vec<&str> = groups()
        .filter_map(|g| g.price.as_ref().map(|p| p.as_of.as_str()))
        .collect();
    if let Some(newest) = dates.iter().max() {
        reasons.push(format!(
            "prices are the catalog's as of {newest}; a price change between then and the usage's days shows here"
        ));
    }
    let parts: Vec<(&FileForReconciling, f64)> = counted
        .iter()
        .map(|(f, _)| (*f, share_inside(file_span(f), &billed_time)))
        .collect();
    reasons.extend(super::billed_apart::reasons(
        provider,
        &parts,
        rows.iter().filter_map(|(c, _)| c.model.as_deref()),
        prorated,
    ));
    if prorated || cut_rows || common.len() > 1 {
        reasons.push("the usage and the bill cover different times: only the time both cover is compared, and a file or bill row across its edge counts by the share of its time inside".into());
    }
    if repeated > 0 {
        reasons.push(format!(
            "{repeated} bill rows appear in more than one cost report (the same day and item): counted once"
        ));
    }
    // A gateway's groups that no bill here carries (a cloud's route, or no provider named).
    let elsewhere: f64 = files
        .iter()
        .filter(|f| provider_of_format(f.format).is_none())
        .filter(|f| share_inside(file_span(f), &billed_time) > 0.0)
        .flat_map(|f| {
            f.priced
                .iter()
                .filter(move |g| provider_of_group(g, f.format).is_none())
        })
        .map(|g| g.tokens.input_total() + g.tokens.output)
        .sum();
    if elsewhere > 0.0 {
        reasons.push(format!(
            "{} tokens of a gateway's log route through another provider's bill (bedrock/, azure/, vertex_ai/ …) or name no provider: not compared",
            crate::fmt_num(elsewhere.round())
        ));
    }
    if !outside.is_empty() {
        reasons.push(format!(
            "not compared, as no day of theirs is on this bill: {}",
            outside
                .iter()
                .map(|&i| usage[i].0.name.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    Some(Reconciliation {
        provider: provider.to_string(),
        start,
        end,
        common_s,
        priced_usd: priced,
        billed_usd: billed,
        residual_usd: residual,
        // Nothing priced: the residual is the whole bill, not a difference.
        residual_share: ((priced != 0.0 || unpriced.is_empty()) && billed.abs() > 0.0)
            .then(|| residual / billed),
        unpriced,
        reasons,
    })
}

#[cfg(test)]
#[path = "reconcile_tests.rs"]
mod tests;
