//! What a report says about an evaluation, beside the numbers themselves: the three
//! headline figures finance asks for first, every sourced assumption once, and the
//! inputs that differ between two scenarios.

use crate::{Evaluation, Scenario};
use serde::{Deserialize, Serialize};

/// The three numbers finance asks for first.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Headline {
    /// Cheapest option at the current volume and its monthly cost.
    pub cheapest: String,
    pub cheapest_cost: f64,
    /// What the cheapest option saves per month against the next-best of the other
    /// kind (self-hosted vs API or the reverse).
    pub saving: Option<(String, f64)>,
    /// Where the best self-hosted option first beats the baseline tier.
    pub break_even_calls: Option<f64>,
    pub break_even_pair: Option<(String, String)>,
    pub payback_month: Option<u32>,
}

/// Whether a "cheapest of all" range that ends at `to` calls/month really ends there,
/// or only reaches the limit searched (`searched`): then it is stated as "and above".
pub fn open_ended(to: f64, searched: f64) -> bool {
    searched > 0.0 && to >= searched * (1.0 - 1e-9)
}

pub fn headline(e: &Evaluation) -> Option<Headline> {
    use crate::hybrid::OptionRef;
    let c = e.cheapest.as_ref()?;
    let best_self = e
        .selfhosted
        .iter()
        .enumerate()
        .filter_map(|(k, s)| s.monthly.as_ref().map(|m| (k, m.value)))
        .min_by(|a, b| a.1.total_cmp(&b.1));
    let best_api = e
        .api
        .iter()
        .enumerate()
        .map(|(j, a)| (j, a.monthly.value))
        .min_by(|a, b| a.1.total_cmp(&b.1));
    let saving = match c.option {
        OptionRef::Tier(_) => {
            best_self.map(|(k, v)| (e.selfhosted[k].name.clone(), v - c.monthly_cost))
        }
        OptionRef::Config(_) => best_api.map(|(j, v)| (e.api[j].name.clone(), v - c.monthly_cost)),
    };
    let baseline = e.projection.baseline_tier;
    let pair = match (baseline, best_self) {
        (Some(b), Some((k, _))) => e.break_even.iter().find(|p| p.tier == b && p.config == k),
        _ => None,
    };
    Some(Headline {
        cheapest: c.name.clone(),
        cheapest_cost: c.monthly_cost,
        saving,
        break_even_calls: pair.and_then(|p| p.crossings.first().map(|x| x.calls_per_month)),
        break_even_pair: pair.map(|p| {
            (
                e.api[p.tier].name.clone(),
                e.selfhosted[p.config].name.clone(),
            )
        }),
        payback_month: best_self
            .and_then(|(k, _)| e.projection.configs.get(k)?.as_ref()?.payback_month),
    })
}

/// Every sourced input of the evaluation (catalog and typed prices), once each:
/// the assumptions footnote of the presentation and the printout.
pub fn assumptions(e: &Evaluation) -> Vec<(String, String, String)> {
    let mut out: Vec<(String, String, String)> = Vec::new();
    let mut push = |x: &crate::explain::Explained, owner: &str| {
        for i in &x.inputs {
            if let Some(src) = &i.source {
                let row = (
                    format!("{owner}: {}", i.name),
                    format!("{} {}", crate::explain::fmt_num(i.value), i.unit),
                    src.to_string(),
                );
                if !out.contains(&row) {
                    out.push(row);
                }
            }
        }
    };
    for a in &e.api {
        push(&a.monthly, &a.name);
    }
    for s in &e.selfhosted {
        if let Some(m) = &s.monthly {
            push(m, &s.name);
        }
        if let Some(t) = &s.throughput {
            push(t, &s.name);
        }
    }
    out
}

/// An input whose value differs between the two sides.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct InputDiff {
    pub path: String,
    /// A human label when the path is a numeric input ("Haiku 3.5: output price").
    pub label: Option<String>,
    pub a: String,
    pub b: String,
}

fn flatten(
    prefix: &str,
    v: &serde_json::Value,
    out: &mut std::collections::BTreeMap<String, String>,
) {
    match v {
        serde_json::Value::Object(m) => {
            for (k, x) in m {
                let p = if prefix.is_empty() {
                    k.clone()
                } else {
                    format!("{prefix}.{k}")
                };
                flatten(&p, x, out);
            }
        }
        serde_json::Value::Array(items) => {
            for (i, x) in items.iter().enumerate() {
                flatten(&format!("{prefix}[{i}]"), x, out);
            }
            if items.is_empty() {
                out.insert(prefix.to_string(), "(none)".into());
            }
        }
        serde_json::Value::String(s) => {
            out.insert(prefix.to_string(), s.clone());
        }
        serde_json::Value::Null => {
            out.insert(prefix.to_string(), "–".into());
        }
        other => {
            out.insert(prefix.to_string(), other.to_string());
        }
    }
}

/// Every input path whose value differs (or exists on one side only), in document order.
pub fn diff_inputs(a: &Scenario, b: &Scenario) -> Vec<InputDiff> {
    let mut fa = std::collections::BTreeMap::new();
    let mut fb = std::collections::BTreeMap::new();
    flatten("", &serde_json::to_value(a).unwrap_or_default(), &mut fa);
    flatten("", &serde_json::to_value(b).unwrap_or_default(), &mut fb);
    let mut paths: Vec<&String> = fa.keys().chain(fb.keys()).collect();
    paths.sort();
    paths.dedup();
    // An entry (`gpu_configs[1]`) that exists on one side only is one row, not one per field.
    let entry_of = |p: &str| p.find(']').map(|i| p[..=i].to_string());
    let whole = |side: &std::collections::BTreeMap<String, String>, e: &str| {
        side.get(&format!("{e}.name"))
            .cloned()
            .map(|n| format!("\u{201c}{n}\u{201d}"))
            .unwrap_or_else(|| "present".into())
    };
    let mut out: Vec<InputDiff> = Vec::new();
    for p in paths.into_iter().filter(|p| fa.get(*p) != fb.get(*p)) {
        if let Some(e) = entry_of(p) {
            let in_a = fa.keys().any(|k| k.starts_with(&e));
            let in_b = fb.keys().any(|k| k.starts_with(&e));
            if in_a != in_b {
                if !out.iter().any(|d| d.path == e) {
                    let (va, vb) = if in_a {
                        (whole(&fa, &e), "(absent)".to_string())
                    } else {
                        ("(absent)".to_string(), whole(&fb, &e))
                    };
                    out.push(InputDiff {
                        path: e.clone(),
                        label: Some(format!("{e} (whole entry)")),
                        a: va,
                        b: vb,
                    });
                }
                continue;
            }
        }
        out.push(InputDiff {
            path: p.clone(),
            label: crate::params::Param::parse(p, a).map(|x| x.label(a)),
            a: fa.get(p).cloned().unwrap_or_else(|| "(absent)".into()),
            b: fb.get(p).cloned().unwrap_or_else(|| "(absent)".into()),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headline_of_the_article_case() {
        let mut s = crate::templates::haiku_vs_4090();
        s.task_types[0].calls_per_month = 2_000_000.0;
        let e = crate::evaluate_document(s, Default::default()).expect("valid");
        let h = headline(&e).expect("numbers");
        assert_eq!(h.cheapest, "RTX 4090 + Llama 3.1 8B (estimated, batched)");
        let (vs, saving) = h.saving.expect("saving");
        assert_eq!(vs, "Claude Haiku 3.5");
        assert!((saving - (e.api[0].monthly.value - h.cheapest_cost)).abs() < 1e-9);
        assert!(h.break_even_calls.is_some_and(|c| c < 2_000_000.0));
        assert!(h.payback_month.is_some());
        let a = assumptions(&e);
        assert!(
            a.iter().any(|r| r.2.contains("2025-06-22")),
            "Haiku 3.5 price source and date"
        );
        assert!(
            a.iter()
                .any(|r| r.2.contains("measured Llama 3.1 8B run on one H100 SXM")),
            "efficiency calibration source"
        );
    }

    #[test]
    fn only_changed_inputs_are_listed() {
        let a = crate::templates::template("haiku-vs-4090").unwrap_or_default();
        let mut b = a.clone();
        assert!(diff_inputs(&a, &b).is_empty());
        b.api_tiers[0].output_per_mtok = 5.0;
        b.task_types[0].name = "Renamed".into();
        let d = diff_inputs(&a, &b);
        assert_eq!(d.len(), 2, "{d:?}");
        let price = d
            .iter()
            .find(|x| x.path == "api_tiers[0].output_per_mtok")
            .map(|x| (x.a.as_str(), x.b.as_str(), x.label.is_some()));
        assert_eq!(price, Some(("4.0", "5.0", true)));
        assert!(d
            .iter()
            .any(|x| x.path == "task_types[0].name" && x.b == "Renamed"));
    }
}

#[cfg(test)]
mod open_ended_tests {
    use super::open_ended;

    #[test]
    fn a_range_reaching_the_search_limit_has_no_end() {
        assert!(open_ended(50_000_000.0, 50_000_000.0));
        assert!(
            open_ended(49_999_999.99, 50_000_000.0),
            "rounding at the limit"
        );
        assert!(!open_ended(1_200_000.0, 50_000_000.0));
        assert!(!open_ended(0.0, 0.0), "nothing searched: nothing is open");
    }

    /// The evaluation says how far it searched, and every range lies within it.
    #[test]
    fn the_evaluation_states_how_far_it_searched() {
        let doc = crate::templates::template("sonnet-vs-2xa100").expect("template");
        let v = crate::validate(doc).expect("valid");
        let e = crate::evaluate(&v, crate::Options::default());
        let base = e.volume.calls_per_month;
        assert!(
            e.cheapest_searched_to >= 100.0 * base * (1.0 - 1e-9),
            "{}",
            e.cheapest_searched_to
        );
        for ranges in &e.cheapest_overall {
            for [from, to] in ranges {
                assert!(from < to && *to <= e.cheapest_searched_to * (1.0 + 1e-9));
            }
        }
    }
}
