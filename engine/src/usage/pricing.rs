//! Imported usage priced with the catalog, and set against the bill.
//!
//! A model name maps to a price only by a general rule, never a guess:
//! - Claude: the family (haiku, sonnet, opus) and the version (`3-5`, `4-5`, `4.6`) read
//!   from the name, a trailing date dropped, must equal a catalog tier's;
//! - others (OpenAI): the longest id of `OTHER_PRICES` that the name starts with, the rest
//!   being nothing or a snapshot date (`gpt-4o-mini-2024-07-18` is `gpt-4o-mini`).
//!
//! A name that fits neither is listed as not priced, with its tokens.
//! Prices are per million tokens, at the catalog's date (said with every total).

use super::{Tokens, UsageImport, UsageRecord};
use crate::catalog::TIERS;
use serde::{Deserialize, Serialize};

/// A price list for one model, per million tokens.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Price {
    pub id: String,
    pub name: String,
    pub input: f64,
    pub output: f64,
    pub cache_read: f64,
    pub cache_write_5m: f64,
    pub cache_write_1h: f64,
    pub batch_discount: f64,
    /// (input tokens of one request above which, input ×, output ×).
    pub long_context: Option<(f64, f64, f64)>,
    /// 1 small, 2 mid, 3 frontier; `None` where the catalog does not rate the model.
    pub quality: Option<u8>,
    pub source: String,
    pub as_of: String,
}

/// OpenAI's standard-tier prices for the models its exports most often name. Cache
/// writes are not billed apart; batch is half price.
struct Other {
    id: &'static str,
    input: f64,
    cache_read: f64,
    output: f64,
}

const OPENAI_SOURCE: &str =
    "openai.com/api/pricing (standard tier), cross-checked with pydantic/genai-prices";
const OPENAI_AS_OF: &str = "2025-08-07";

const OTHER_PRICES: &[Other] = &[
    Other {
        id: "gpt-4o",
        input: 2.50,
        cache_read: 1.25,
        output: 10.00,
    },
    // The first gpt-4o snapshot kept its launch price.
    Other {
        id: "gpt-4o-2024-05-13",
        input: 5.00,
        cache_read: 5.00,
        output: 15.00,
    },
    Other {
        id: "gpt-4o-mini",
        input: 0.15,
        cache_read: 0.075,
        output: 0.60,
    },
    Other {
        id: "gpt-4.1",
        input: 2.00,
        cache_read: 0.50,
        output: 8.00,
    },
    Other {
        id: "gpt-4.1-mini",
        input: 0.40,
        cache_read: 0.10,
        output: 1.60,
    },
    Other {
        id: "gpt-4.1-nano",
        input: 0.10,
        cache_read: 0.025,
        output: 0.40,
    },
    Other {
        id: "gpt-5",
        input: 1.25,
        cache_read: 0.125,
        output: 10.00,
    },
    Other {
        id: "gpt-5-mini",
        input: 0.25,
        cache_read: 0.025,
        output: 2.00,
    },
    Other {
        id: "gpt-5-nano",
        input: 0.05,
        cache_read: 0.005,
        output: 0.40,
    },
];

/// Family and version of a Claude model name: `claude-3-5-haiku-20241022` and
/// `claude-haiku-3.5` are both `("haiku", 3, 5)`.
fn claude_key(name: &str) -> Option<(&'static str, u32, u32)> {
    let lower = name.to_ascii_lowercase();
    // `claude-...`, or a cloud's `anthropic.claude-...`.
    if !lower.starts_with("claude") && !lower.starts_with("anthropic.claude") {
        return None;
    }
    let family = ["haiku", "sonnet", "opus"]
        .into_iter()
        .find(|f| lower.contains(f))?;
    let numbers: Vec<u32> = lower
        .split(['-', '.', '@', '_', ':'])
        // A snapshot date (20241022) or a revision (v1) is not a version.
        .filter(|p| !p.is_empty() && p.len() <= 2 && p.bytes().all(|b| b.is_ascii_digit()))
        .filter_map(|p| p.parse().ok())
        .collect();
    let major = *numbers.first()?;
    Some((family, major, numbers.get(1).copied().unwrap_or(0)))
}

/// `name` without a trailing snapshot date ("-20251001", "-2024-07-18").
pub(crate) fn without_snapshot_date(name: &str) -> &str {
    for len in [11, 9] {
        let Some(at) = name.len().checked_sub(len).filter(|&a| a > 0) else {
            continue;
        };
        if !name.is_char_boundary(at) {
            continue;
        }
        let (head, tail) = name.split_at(at);
        if tail.bytes().filter(u8::is_ascii_digit).count() == 8 && is_snapshot_date(tail) {
            return head;
        }
    }
    name
}

fn is_snapshot_date(rest: &str) -> bool {
    rest.is_empty()
        || (rest.starts_with('-')
            && rest.len() > 1
            && rest[1..].bytes().all(|b| b.is_ascii_digit() || b == b'-'))
}

/// The quality level of a Claude model the catalog does not price (a newer snapshot or
/// version), from its family: Haiku 1, Sonnet 2, Opus 3. `None` for other names.
pub fn family_quality(model: &str) -> Option<(u8, &'static str)> {
    let model = model.trim().rsplit('/').next().unwrap_or("");
    match claude_key(model)?.0 {
        "haiku" => Some((1, "Haiku")),
        "sonnet" => Some((2, "Sonnet")),
        _ => Some((3, "Opus")),
    }
}

/// The price of a model name, or `None` (listed as not priced).
pub fn price_for(model: &str) -> Option<Price> {
    // A gateway's provider prefix (`anthropic/`, `openai/`) is not part of the name.
    let model = model.trim().rsplit('/').next().unwrap_or("");
    if let Some(key) = claude_key(model) {
        let t = TIERS.iter().find(|t| claude_key(t.id) == Some(key))?;
        return Some(Price {
            id: t.id.into(),
            name: t.name.into(),
            input: t.input,
            output: t.output,
            cache_read: t.cache_read,
            cache_write_5m: t.cache_write_5m,
            // A 1-hour cache write costs twice the input price (Anthropic's pricing page).
            cache_write_1h: 2.0 * t.input,
            batch_discount: t.batch_discount,
            long_context: t.long_context,
            quality: Some(t.quality),
            source: t.source.into(),
            as_of: t.as_of.into(),
        });
    }
    let lower = model.to_ascii_lowercase();
    let o = OTHER_PRICES
        .iter()
        .filter(|o| lower.strip_prefix(o.id).is_some_and(is_snapshot_date))
        .max_by_key(|o| o.id.len())?;
    Some(Price {
        id: o.id.into(),
        name: o.id.into(),
        input: o.input,
        output: o.output,
        cache_read: o.cache_read,
        cache_write_5m: o.input,
        cache_write_1h: o.input,
        batch_discount: 0.5,
        long_context: None,
        quality: None,
        source: OPENAI_SOURCE.into(),
        as_of: OPENAI_AS_OF.into(),
    })
}

/// Dollars by token class.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ClassCost {
    pub uncached_input: f64,
    pub cache_read: f64,
    pub cache_write: f64,
    pub output: f64,
}

impl ClassCost {
    pub fn total(&self) -> f64 {
        self.uncached_input + self.cache_read + self.cache_write + self.output
    }
}

/// One group's usage priced.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct GroupCost {
    pub group: String,
    /// `None`: no price for this model; `reason` says why.
    pub price: Option<Price>,
    pub cost: Option<ClassCost>,
    pub tokens: Tokens,
    pub reason: Option<String>,
    /// Records whose long-context premium could not be told (a report not grouped by
    /// `context_window` for a tier that bills one).
    pub long_context_unknown: bool,
}

fn record_cost(p: &Price, r: &UsageRecord, per_request: bool) -> (ClassCost, bool) {
    let t = &r.tokens;
    let (mut xi, mut xo, mut unknown) = (1.0, 1.0, false);
    if let Some((threshold, pi, po)) = p.long_context {
        let window = r
            .keys
            .iter()
            .find(|(k, _)| &**k == "context_window")
            .map(|(_, v)| &**v);
        let long = match window {
            Some(w) => w.starts_with("200k"),
            None if per_request => t.input_total() > threshold,
            None => {
                unknown = true;
                false
            }
        };
        if long {
            (xi, xo) = (pi, po);
        }
    }
    let batch = if r.batch == Some(true) {
        1.0 - p.batch_discount
    } else {
        1.0
    };
    let m = batch / 1e6;
    (
        ClassCost {
            uncached_input: t.uncached_input * p.input * xi * m,
            cache_read: t.cache_read * p.cache_read * xi * m,
            cache_write: (t.cache_write_5m * p.cache_write_5m
                + t.cache_write_1h * p.cache_write_1h)
                * xi
                * m,
            output: t.output * p.output * xo * m,
        },
        unknown,
    )
}

/// Every group of an import priced, grouped as `summarise_by` groups it.
pub fn price_import(u: &UsageImport, key: Option<&str>) -> Vec<GroupCost> {
    // One call a record (a row of an agent's several calls, Cursor's, is not one: its
    // tokens are no one call's context).
    let per_request = u
        .records
        .iter()
        .all(|r| r.start == r.end && r.requests == Some(1.0));
    let mut out: Vec<GroupCost> = Vec::new();
    let mut index = std::collections::HashMap::new();
    // Per group: what its records of no known price hold (mixed groups only).
    let mut left: Vec<(Vec<String>, f64)> = Vec::new();
    let mut priced: Vec<bool> = Vec::new();
    let all_empty = u.records.iter().all(UsageRecord::is_empty);
    for r in u.records.iter().filter(|r| all_empty || !r.is_empty()) {
        let group = super::summary::group_of(r, key);
        let i = match index.get(&group) {
            Some(&i) => i,
            None => {
                index.insert(group.clone(), out.len());
                let price = r.model.as_deref().and_then(price_for);
                let reason = match (&price, &r.model) {
                    (Some(_), _) => None,
                    (None, None) => Some("the file does not name the model (a report must be grouped by model to be priced)".to_string()),
                    (None, Some(m)) => Some(format!("no price for \u{201c}{m}\u{201d} in the catalog")),
                };
                out.push(GroupCost {
                    group,
                    // Set to none at the end if no record of the group was priced.
                    cost: Some(ClassCost::default()),
                    price,
                    tokens: Tokens::default(),
                    reason,
                    long_context_unknown: false,
                });
                left.push((Vec::new(), 0.0));
                priced.push(false);
                out.len() - 1
            }
        };
        let g = &mut out[i];
        g.tokens.add(&r.tokens);
        // A group by another key may mix models: price each record by its own.
        let price = match r.model.as_deref().and_then(price_for) {
            Some(p) => p,
            None => {
                let (names, tokens) = &mut left[i];
                // "" stands for records that name no model.
                let name = r.model.as_deref().unwrap_or("").to_string();
                if !names.contains(&name) {
                    names.push(name);
                }
                *tokens += r.tokens.input_total() + r.tokens.output;
                continue;
            }
        };
        priced[i] = true;
        let (c, unknown) = record_cost(&price, r, per_request);
        g.long_context_unknown |= unknown;
        if let Some(acc) = g.cost.as_mut() {
            acc.uncached_input += c.uncached_input;
            acc.cache_read += c.cache_read;
            acc.cache_write += c.cache_write;
            acc.output += c.output;
        }
    }
    for (g, ((names, tokens), priced)) in out.iter_mut().zip(left.into_iter().zip(priced)) {
        if !priced {
            g.cost = None;
        } else if !names.is_empty() {
            let named: Vec<String> = names
                .iter()
                .filter(|n| !n.is_empty())
                .map(|n| format!("\u{201c}{n}\u{201d}"))
                .collect();
            let mut why = Vec::new();
            if !named.is_empty() {
                let more = named.len().saturating_sub(3);
                why.push(format!(
                    "no price in the catalog for {}{}",
                    named[..named.len().min(3)].join(", "),
                    if more > 0 {
                        format!(" and {more} more")
                    } else {
                        String::new()
                    }
                ));
            }
            if names.iter().any(String::is_empty) {
                why.push("some records name no model".to_string());
            }
            g.reason = Some(format!(
                "{} tokens left out of the cost: {}",
                crate::fmt::fmt_num(tokens),
                why.join("; ")
            ));
        }
    }
    out
}

#[cfg(test)]
#[path = "pricing_tests.rs"]
mod tests;
