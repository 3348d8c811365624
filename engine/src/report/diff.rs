//! The inputs that differ between two scenarios (or two revisions of one), as a reader
//! of the editor would name them: entries matched by identity (a tier by its catalog
//! entry or name, a configuration or task type by name, else by position), numbers written as the editor
//! writes them, the editor's labels, and no bookkeeping fields (sources, dates, flags).

use super::diff_values::{absent_parent, shown, throughput_change, without_effect};
use super::pairing::pair_entries;
use crate::explain::fmt_num;
use crate::Scenario;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::BTreeMap;

/// An input whose value differs between the two sides.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct InputDiff {
    pub path: String,
    /// What the editor calls it ("Claude Haiku 3.5: output price").
    pub label: Option<String>,
    pub a: String,
    pub b: String,
}

impl InputDiff {
    /// "Hours per month: 720 → 730": the history's and the re-apply's line. An entry
    /// added or removed is its label alone ("Task type “Chat” removed"), not its name
    /// again beside a dash.
    pub fn line(&self) -> String {
        if self.path.ends_with(']') && (self.a == "–" || self.b == "–") {
            if let Some(l) = &self.label {
                return l.clone();
            }
        }
        format!(
            "{}: {} → {}",
            self.label.as_deref().unwrap_or(&self.path),
            self.a,
            self.b
        )
    }
}

/// Fields that record where a value came from or how it was entered, not an input:
/// they change with the inputs they describe and are never listed on their own.
const BOOKKEEPING: &[&str] = &[
    "catalog_id",
    "source",
    "as_of",
    "price_source",
    "price_as_of",
    "quoted_for",
    "typed",
    "name_typed",
    "gpu_price_for",
    "gpu_price_typed",
    "template",
    "schema_version",
    "version",
    "run_id",
];

pub(super) fn is_bookkeeping(path: &str) -> bool {
    // The exchange rate's date and source are what finance checks the rate against:
    // inputs, listed when they change.
    if path.starts_with("currency.") {
        return false;
    }
    let last = path.rsplit('.').next().unwrap_or(path);
    let last = last.split('[').next().unwrap_or(last);
    BOOKKEEPING.contains(&last)
}

/// The lists whose entries are matched by identity, and the entry's noun.
const LISTS: &[(&str, &str)] = &[
    ("task_types", "Task type"),
    ("api_tiers", "API tier"),
    ("gpu_configs", "Configuration"),
];

/// `b`'s entries of each list moved to the index of the entry of `a` they match
/// ([`pair_entries`]); an entry of `a` with no match leaves a hole (null), and `b`'s unmatched
/// entries follow.
fn align(a: &Value, b: &mut Value) {
    for (list, _) in LISTS {
        let (Some(xa), Some(xb)) = (
            a.get(list).and_then(Value::as_array),
            b.get(list).and_then(Value::as_array).cloned(),
        ) else {
            continue;
        };
        let out: Vec<Value> = pair_entries(list, xa, &xb)
            .into_iter()
            .map(|(_, j)| j.map_or(Value::Null, |j| xb[j].clone()))
            .collect();
        b[*list] = Value::Array(out);
    }
}

/// The value at a flattened path ("gpu_configs[1].hosting.pue"), if any.
pub(super) fn value_at<'a>(v: &'a Value, path: &str) -> Option<&'a Value> {
    path.split('.').try_fold(v, |v, part| {
        let (key, indices) = part.split_once('[').unwrap_or((part, ""));
        let mut v = if key.is_empty() { v } else { v.get(key)? };
        for i in indices.split('[').filter(|x| !x.is_empty()) {
            v = v.get(i.trim_end_matches(']').parse::<usize>().ok()?)?;
        }
        Some(v)
    })
}

pub(super) fn flatten(prefix: &str, v: &Value, out: &mut BTreeMap<String, String>) {
    match v {
        Value::Object(m) => {
            for (k, x) in m {
                let p = if prefix.is_empty() {
                    k.clone()
                } else {
                    format!("{prefix}.{k}")
                };
                flatten(&p, x, out);
            }
        }
        Value::Array(items) => {
            for (i, x) in items.iter().enumerate() {
                // A hole left by `align`: the entry is absent on this side.
                if !x.is_null() {
                    flatten(&format!("{prefix}[{i}]"), x, out);
                }
            }
            if items.is_empty() {
                out.insert(prefix.to_string(), "(none)".into());
            }
        }
        Value::String(s) => {
            // A blanked field is a change too: say so, never an empty cell.
            let shown = if s.trim().is_empty() {
                "(empty)".to_string()
            } else {
                s.clone()
            };
            out.insert(prefix.to_string(), shown);
        }
        Value::Number(n) => {
            out.insert(
                prefix.to_string(),
                n.as_f64().map(fmt_num).unwrap_or_default(),
            );
        }
        Value::Bool(b) => {
            out.insert(prefix.to_string(), if *b { "yes" } else { "no" }.into());
        }
        Value::Null => {
            out.insert(prefix.to_string(), "–".into());
        }
    }
}

/// The editor's labels of the scenario's own fields (those outside a list).
fn general_label(path: &str) -> Option<&'static str> {
    use crate::scenario::paths::general as g;
    Some(match path {
        g::NAME => "Scenario name",
        g::NOTES => "Notes",
        g::HOURS_PER_MONTH => "Hours per month",
        g::HORIZON_MONTHS => "Projection horizon (months)",
        g::API_PRICE_CHANGE_PER_YEAR => "API price change per year",
        g::DISCOUNT_RATE_PER_YEAR => "Hurdle rate (for the NPV)",
        g::COST_LENS => "Cost lens",
        g::ESCALATE_SHARE => "Escalated to the API (share of calls)",
        g::CREDIT_VALUE_LEFT => "Hardware value left at the horizon",
        g::CURRENCY_CODE => "Currency shown",
        g::CURRENCY_PER_USD => "Exchange rate (per US dollar)",
        g::CURRENCY_AS_OF => "Rate as of",
        g::CURRENCY_SOURCE => "Rate source",
        g::TAX_RATE => "Tax rate",
        g::TAX_SCHEDULE => "Tax view",
        g::TAX_YEARS => "Tax life of hardware (years)",
        _ => return None,
    })
}

/// "gpu_configs[1].people.setup_days" -> "Configuration “RTX 4090 …”: people: setup days".
pub(super) fn readable(path: &str, names: &BTreeMap<String, String>) -> String {
    if let Some(l) = general_label(path) {
        return l.to_string();
    }
    // Field names in the editor's words: "GPUs per replica", "USD", "kWh".
    let words = |s: &str| {
        s.split('_')
            .map(|w| match w {
                "gpu" => "GPU",
                "gpus" => "GPUs",
                "usd" => "USD",
                "kwh" => "kWh",
                "mtok" => "Mtok",
                "ttft" => "TTFT",
                "tpot" => "TPOT",
                "vram" => "VRAM",
                "gb" => "GB",
                w => w,
            })
            .collect::<Vec<_>>()
            .join(" ")
    };
    for (list, noun) in LISTS {
        if let Some(rest) = path.strip_prefix(&format!("{list}[")) {
            let close = rest.find(']').unwrap_or(rest.len());
            let entry = &path[..list.len() + 1 + close + 1];
            let name = names
                .get(&format!("{entry}.name"))
                .map(|n| format!("{noun} \u{201c}{n}\u{201d}"))
                .unwrap_or_else(|| format!("{noun} {}", &rest[..close]));
            let field = rest[close..]
                .trim_start_matches(']')
                .trim_start_matches('.');
            return if field.is_empty() {
                name
            } else {
                format!(
                    "{name}: {}",
                    field.split('.').map(words).collect::<Vec<_>>().join(": ")
                )
            };
        }
    }
    path.split('.').map(words).collect::<Vec<_>>().join(": ")
}

/// What the editor calls the field at `path` of `s` ("Configuration “RTX 4090 …”: GPU
/// price"), for messages that would otherwise show a path.
pub fn label_of(path: &str, s: &Scenario) -> String {
    if let Some(p) = crate::params::Param::parse(path, s) {
        return p.label(s);
    }
    let mut flat = BTreeMap::new();
    flatten("", &serde_json::to_value(s).unwrap_or_default(), &mut flat);
    let names: BTreeMap<String, String> = flat
        .into_iter()
        .filter(|(k, _)| k.ends_with(".name"))
        .collect();
    readable(path, &names)
}

/// Every input that differs (or exists on one side only): first the model's main inputs
/// (the workload, the prices, throughput and people: what the sensitivity varies), then
/// the scenario's own fields (its name, exchange rate with its date and source, hurdle
/// rate, horizon), then entries added or removed, then the rest. The first group is in
/// the editor's order (workload, tiers, configurations); each in document order within.
pub fn diff_inputs(a: &Scenario, b: &Scenario) -> Vec<InputDiff> {
    let mut out = diff_in_document_order(a, b);
    use crate::scenario::paths::general as g;
    let rank = |d: &InputDiff| {
        let p = d.path.as_str();
        // The scenario's own numbers move every figure too (the exchange rate, the
        // hurdle rate, the horizon); its name, notes and the rate's date and source do not.
        // The rate's date and source stay beside the rate.
        let own = general_label(p).is_some() && p != g::NOTES;
        // A throughput's source moves the figures as a typed throughput does.
        if crate::params::Param::parse(p, a).is_some()
            || crate::params::Param::parse(p, b).is_some()
            || p.ends_with(".throughput")
        {
            // In the editor's order: the workload, the tiers, the configurations.
            let list = ["task_types[", "api_tiers[", "gpu_configs["];
            (
                0,
                list.iter()
                    .position(|l| p.starts_with(l))
                    .unwrap_or(list.len()),
            )
        } else if own {
            (1, 0)
        } else if d.path.ends_with(']') {
            (2, 0)
        } else {
            (3, 0)
        }
    };
    out.sort_by_key(rank);
    out
}

fn diff_in_document_order(a: &Scenario, b: &Scenario) -> Vec<InputDiff> {
    let va = serde_json::to_value(a).unwrap_or_default();
    let mut vb = serde_json::to_value(b).unwrap_or_default();
    align(&va, &mut vb);
    let mut fa = BTreeMap::new();
    let mut fb = BTreeMap::new();
    flatten("", &va, &mut fa);
    flatten("", &vb, &mut fb);
    let mut paths: Vec<&String> = fa.keys().chain(fb.keys()).collect();
    paths.sort();
    paths.dedup();
    // An entry (`gpu_configs[1]`) that exists on one side only is one row, not one per field.
    let entry_of = |p: &str| p.find(']').map(|i| p[..=i].to_string());
    let whole = |side: &BTreeMap<String, String>, e: &str| {
        side.get(&format!("{e}.name"))
            .cloned()
            .map(|n| format!("\u{201c}{n}\u{201d}"))
            .unwrap_or_else(|| "present".into())
    };
    // Every row of an entry is labelled with one name, A's (as `Param::label` names it);
    // an entry only in B by B's.
    let names: BTreeMap<String, String> = fb
        .iter()
        .chain(fa.iter())
        .filter(|(k, _)| k.ends_with(".name"))
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    let mut out: Vec<InputDiff> = Vec::new();
    for p in paths
        .into_iter()
        .filter(|p| fa.get(*p) != fb.get(*p) && !is_bookkeeping(p) && !without_effect(p, &va, &vb))
    {
        if let Some(e) = entry_of(p) {
            let in_a = fa.keys().any(|k| k.starts_with(&e));
            let in_b = fb.keys().any(|k| k.starts_with(&e));
            if in_a != in_b {
                if !out.iter().any(|d| d.path == e) {
                    let (va, vb, what) = if in_a {
                        (whole(&fa, &e), "–".to_string(), "removed")
                    } else {
                        ("–".to_string(), whole(&fb, &e), "added")
                    };
                    out.push(InputDiff {
                        path: e.clone(),
                        label: Some(format!("{} {what}", readable(&e, &names))),
                        a: va,
                        b: vb,
                    });
                }
                continue;
            }
        }
        // A currency set where there was none: US dollars before it; a field of it left
        // empty is no change worth a line.
        let side = |f: &BTreeMap<String, String>| match f.get(p) {
            None if p == crate::scenario::paths::general::CURRENCY_CODE => Some("USD".to_string()),
            v => v.cloned(),
        };
        let (mut sa, mut sb) = (side(&fa), side(&fb));
        // A flag is left out of a document while it is off: "no", not "(absent)".
        let flag = |v: &Value| value_at(v, p).is_some_and(Value::is_boolean);
        match (&sa, &sb) {
            (None, Some(_)) if flag(&vb) => sa = Some("no".into()),
            (Some(_), None) if flag(&va) => sb = Some("no".into()),
            _ => {}
        }
        let blank = |v: &Option<String>| v.as_deref().is_none_or(|x| x == "(empty)" || x == "–");
        if sa == sb || (blank(&sa) && blank(&sb)) {
            continue;
        }
        // One line for a group of fields: a throughput whose source changed (estimated to
        // a benchmark run), or fields set where there was none within a task type, tier or
        // configuration (a commitment: "none → term months 12, replicas 2, …").
        let grouped = throughput_change(p, &va, &vb).or_else(|| absent_parent(p, &va, &vb, a, b));
        if let Some((q, was, now)) = grouped {
            if !out.iter().any(|d| d.path == q) {
                out.push(InputDiff {
                    label: Some(readable(&q, &names)),
                    path: q,
                    a: was,
                    b: now,
                });
            }
            continue;
        }
        out.push(InputDiff {
            path: p.clone(),
            label: Some(
                crate::params::Param::parse(p, a)
                    .map(|x| x.label(a))
                    .unwrap_or_else(|| readable(p, &names)),
            ),
            a: sa.map_or_else(|| "(absent)".into(), |v| shown(p, &v, a)),
            b: sb.map_or_else(|| "(absent)".into(), |v| shown(p, &v, b)),
        });
    }
    out
}

#[cfg(test)]
#[path = "diff_tests.rs"]
mod tests;

#[cfg(test)]
#[path = "diff_throughput_tests.rs"]
mod throughput_tests;
