//! The inputs that differ between two scenarios (or two revisions of one), as a reader
//! of the editor would name them: entries matched by identity (a tier by its catalog
//! entry or name, a configuration or task type by name, else by position), numbers written as the editor
//! writes them, the editor's labels, and no bookkeeping fields (sources, dates, flags).

use super::pairing::{identity, pair_up};
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

/// Fields that record where a value came from or how it was entered, not an input:
/// they change with the inputs they describe and are never listed on their own.
const BOOKKEEPING: &[&str] = &[
    "catalog_id",
    "source",
    "as_of",
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

fn is_bookkeeping(path: &str) -> bool {
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
/// ([`pair_up`]); an entry of `a` with no match leaves a hole (null), and `b`'s unmatched
/// entries follow.
fn align(a: &Value, b: &mut Value) {
    for (list, _) in LISTS {
        let (Some(xa), Some(xb)) = (
            a.get(list).and_then(Value::as_array),
            b.get(list).and_then(Value::as_array).cloned(),
        ) else {
            continue;
        };
        let ia: Vec<String> = xa.iter().map(|e| identity(list, e)).collect();
        let ib: Vec<String> = xb.iter().map(|e| identity(list, e)).collect();
        let out: Vec<Value> = pair_up(&ia, &ib)
            .into_iter()
            .map(|(_, j)| j.map_or(Value::Null, |j| xb[j].clone()))
            .collect();
        b[*list] = Value::Array(out);
    }
}

fn flatten(prefix: &str, v: &Value, out: &mut BTreeMap<String, String>) {
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

/// "gpu_configs[1].people.setup_days" -> "Configuration “RTX 4090 …”: people: setup days".
fn readable(path: &str, names: &BTreeMap<String, String>) -> String {
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

/// A configuration's GPU or model by the name the editor shows ("NVIDIA H100 SXM 80
/// GB", the team's own GPUs too), not its id; any other value as it is.
fn shown(path: &str, v: &str, s: &Scenario) -> String {
    let name = match path.rsplit('.').next() {
        Some("gpu") if path.starts_with("gpu_configs[") => {
            crate::catalog::gpu_in(s, v).map(|g| g.name.to_string())
        }
        Some("model") if path.starts_with("gpu_configs[") => {
            crate::catalog::model(v).map(|m| m.name.to_string())
        }
        _ => None,
    };
    name.unwrap_or_else(|| v.to_string())
}

/// Every input that differs (or exists on one side only), in document order.
pub fn diff_inputs(a: &Scenario, b: &Scenario) -> Vec<InputDiff> {
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
    let names: BTreeMap<String, String> = fa
        .iter()
        .chain(fb.iter())
        .filter(|(k, _)| k.ends_with(".name"))
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    let mut out: Vec<InputDiff> = Vec::new();
    for p in paths
        .into_iter()
        .filter(|p| fa.get(*p) != fb.get(*p) && !is_bookkeeping(p))
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
        out.push(InputDiff {
            path: p.clone(),
            label: Some(
                crate::params::Param::parse(p, a)
                    .map(|x| x.label(a))
                    .unwrap_or_else(|| readable(p, &names)),
            ),
            a: fa
                .get(p)
                .map_or_else(|| "(absent)".into(), |v| shown(p, v, a)),
            b: fb
                .get(p)
                .map_or_else(|| "(absent)".into(), |v| shown(p, v, b)),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_changed_inputs_are_listed_with_the_editors_words() {
        let a = crate::templates::template("haiku-vs-4090").unwrap_or_default();
        let mut b = a.clone();
        assert!(diff_inputs(&a, &b).is_empty());
        b.api_tiers[0].output_per_mtok = 5.0;
        b.task_types[0].calls_per_month = 1_500_000.0;
        let d = diff_inputs(&a, &b);
        assert_eq!(d.len(), 2, "{d:?}");
        let price = d
            .iter()
            .find(|x| x.path == "api_tiers[0].output_per_mtok")
            .expect("price");
        assert_eq!((price.a.as_str(), price.b.as_str()), ("4", "5"));
        assert!(
            price
                .label
                .as_deref()
                .is_some_and(|l| l.contains("output price")),
            "{price:?}"
        );
        let calls = d
            .iter()
            .find(|x| x.path.ends_with("calls_per_month"))
            .expect("calls");
        assert_eq!(
            (calls.a.as_str(), calls.b.as_str()),
            ("500,000", "1,500,000")
        );
        assert!(
            !d.iter()
                .any(|x| x.label.as_deref().unwrap_or("").contains('[')),
            "{d:?}"
        );
    }

    #[test]
    fn a_blanked_field_reads_empty_not_blank() {
        let mut a = crate::templates::template("haiku-vs-4090").unwrap_or_default();
        a.notes = "Budget from the Q3 plan".into();
        let mut b = a.clone();
        b.notes = "  ".into();
        let d = diff_inputs(&a, &b);
        let notes = d.iter().find(|x| x.path == "notes").expect("notes differ");
        assert_eq!(
            (notes.a.as_str(), notes.b.as_str()),
            ("Budget from the Q3 plan", "(empty)")
        );
        // And the other way round.
        let d = diff_inputs(&b, &a);
        assert_eq!(
            d.iter().find(|x| x.path == "notes").map(|x| x.a.as_str()),
            Some("(empty)")
        );
    }

    /// Two scenarios whose tier lists differ in order and content: entries are paired by
    /// identity, never by position (Haiku 3.5 against Haiku 4.5).
    #[test]
    fn entries_pair_by_identity_not_position() {
        let a = crate::templates::template("haiku-vs-4090").unwrap_or_default();
        let mut b = a.clone();
        b.api_tiers.swap(0, 1);
        assert!(diff_inputs(&a, &b).is_empty(), "{:?}", diff_inputs(&a, &b));
        b.api_tiers.remove(0);
        let d = diff_inputs(&a, &b);
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(d[0].b, "–");
        assert!(
            d[0].label
                .as_deref()
                .is_some_and(|l| l.starts_with("API tier “") && l.ends_with(" removed")),
            "{d:?}"
        );
    }

    /// A configuration whose name followed its new GPU is the same configuration: the
    /// history says what changed in it, not that it was removed and another added.
    #[test]
    fn an_entry_renamed_in_place_is_the_same_entry() {
        let a = crate::templates::template("sonnet-vs-2xa100").unwrap_or_default();
        let mut b = a.clone();
        b.use_gpu(0, "h100-sxm", None, &[]);
        b.gpu_configs[0].people.engineer_usd_per_hour = 120.0;
        let d = diff_inputs(&a, &b);
        assert!(
            !d.iter().any(|x| x
                .label
                .as_deref()
                .is_some_and(|l| l.ends_with(" added") || l.ends_with(" removed"))),
            "{d:?}"
        );
        let field = |end: &str| d.iter().find(|x| x.path == format!("gpu_configs[0].{end}"));
        assert_eq!(
            field("gpu").map(|x| (x.a.as_str(), x.b.as_str())),
            Some(("NVIDIA A100 80 GB SXM", "NVIDIA H100 SXM 80 GB")),
            "{d:?}"
        );
        assert!(field("name").is_some_and(|x| x.b.contains("H100")), "{d:?}");
        assert!(field("people.engineer_usd_per_hour").is_some(), "{d:?}");
        // Another configuration added at the end is still a whole new entry.
        b.add_config();
        let d = diff_inputs(&a, &b);
        assert!(
            d.iter().any(|x| x.path == "gpu_configs[1]"
                && x.a == "–"
                && x.label.as_deref().is_some_and(|l| l.ends_with(" added"))),
            "{d:?}"
        );
    }

    #[test]
    fn a_field_path_reads_as_the_editor_names_it() {
        let s = crate::templates::template("haiku-vs-4090").unwrap_or_default();
        let l = label_of("gpu_configs[0].hosting.gpu_price_usd", &s);
        assert!(l.starts_with("Configuration \u{201c}RTX 4090"), "{l}");
        assert!(!l.contains('[') && l.ends_with("GPU price USD"), "{l}");
        let calls = label_of("task_types[0].calls_per_month", &s);
        assert!(!calls.contains('['), "{calls}");
    }

    #[test]
    fn bookkeeping_is_not_an_input() {
        let a = crate::templates::template("haiku-vs-4090").unwrap_or_default();
        let mut b = a.clone();
        b.api_tiers[0].source = "another page".into();
        b.api_tiers[0].as_of = "2030-01-01".into();
        assert!(diff_inputs(&a, &b).is_empty(), "{:?}", diff_inputs(&a, &b));
    }
}
