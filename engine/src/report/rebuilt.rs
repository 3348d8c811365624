//! Each option's monthly cost taken apart in words, so a printed page lets a reader
//! rebuild it by hand: the parts that add up to it and the inputs behind them (GPU price,
//! replicas, hours a month, the idle overhead's share, the people's hours and rate), and
//! a configuration's one-off setup, paid in month 1 on top of it.

use super::decision::{code_of, money_in};
use crate::explain::{Explained, Input};
use crate::{fmt_num, Breakdown, Evaluation};
use serde::{Deserialize, Serialize};

/// One option's cost, rebuilt.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CostLine {
    pub option: String,
    /// The monthly cost, in the evaluation's currency.
    pub monthly: f64,
    /// The parts that add up to it (none of them zero), in the same currency.
    pub parts: Vec<(String, f64)>,
    /// "= GPU time €3,299 + idle overhead €660 ...; from GPU price 2.49 USD/GPU-hour, ..."
    pub text: String,
}

/// Every option that has a cost: the API tiers, then the configurations that can serve.
pub fn cost_lines(e: &Evaluation) -> Vec<CostLine> {
    let tiers = 0..e.api.len();
    let configs = 0..e.selfhosted.len();
    lines_of(e, tiers, configs)
}

/// The two options the recommendation weighs (the baseline tier and the cheapest
/// configuration compared with it), or none: what a one-page summary rebuilds.
pub fn decided_cost_lines(e: &Evaluation) -> Vec<CostLine> {
    match super::decision::decided_pair(e) {
        Some((b, k)) => lines_of(e, b..b + 1, k..k + 1),
        None => Vec::new(),
    }
}

fn lines_of(
    e: &Evaluation,
    tiers: std::ops::Range<usize>,
    configs: std::ops::Range<usize>,
) -> Vec<CostLine> {
    let code = code_of(e);
    let tiers = e
        .api
        .get(tiers)
        .unwrap_or_default()
        .iter()
        .map(|a| line(&a.name, &a.monthly, &a.breakdown, None, code));
    let configs = e
        .selfhosted
        .get(configs)
        .unwrap_or_default()
        .iter()
        .filter_map(|s| {
            let m = s.monthly.as_ref()?;
            Some(line(&s.name, m, &s.breakdown, s.setup.as_ref(), code))
        });
    let mut lines: Vec<CostLine> = tiers.chain(configs).collect();
    // The prices are in USD at their sources; the step to the page's money is said.
    if let Some(c) = &e.currency {
        for l in &mut lines {
            l.text.push_str(&format!(
                " USD prices and rates × {} {} per USD.",
                c.per_usd, c.code
            ));
        }
    }
    lines
}

fn line(
    option: &str,
    monthly: &Explained,
    b: &Breakdown,
    setup: Option<&Explained>,
    code: &str,
) -> CostLine {
    let money = |x: f64| money_in(x, code);
    let parts: Vec<(String, f64)> = [
        ("GPU time", b.gpu_time),
        ("idle overhead", b.overhead),
        ("power", b.power),
        ("hardware", b.hardware),
        ("facility", b.facility),
        ("people: maintenance", b.people_maintenance),
        ("people: model upgrades", b.people_upgrades),
        ("input tokens", b.api_input),
        ("output tokens", b.api_output),
    ]
    .into_iter()
    .filter(|(_, v)| *v != 0.0)
    .map(|(n, v)| (n.to_string(), v))
    .collect();
    let sum = parts
        .iter()
        .map(|(n, v)| format!("{n} {}", money(*v)))
        .collect::<Vec<_>>()
        .join(" + ");
    let mut text = format!("{} a month", money(monthly.value));
    if !sum.is_empty() {
        text.push_str(&format!(" = {sum}"));
    }
    let from = inputs(&monthly.inputs);
    if !from.is_empty() {
        text.push_str(&format!("; from {from}"));
    }
    text.push('.');
    if let Some(s) = setup.filter(|s| s.value > 0.0) {
        // Its inputs are the factors of a product (days × hours a day × rate).
        let product = s
            .inputs
            .iter()
            .filter(|i| !i.computed && i.name != "exchange rate")
            .map(|i| value(i.value, &i.unit))
            .collect::<Vec<_>>()
            .join(" × ");
        text.push_str(&format!(
            " One-off setup {} ({product}), paid once, in month 1.",
            money(s.value),
        ));
    }
    CostLine {
        option: option.to_string(),
        monthly: monthly.value,
        parts,
        text,
    }
}

/// The inputs a reader multiplies: entered and catalog values, and computed counts
/// (replicas); money the engine computed is in the parts, the exchange rate is said
/// once on the page, not per option, and a zero (no reserve replicas) adds nothing.
fn inputs(inputs: &[Input]) -> String {
    inputs
        .iter()
        .filter(|i| i.name != "exchange rate" && i.value != 0.0)
        .filter(|i| !(i.computed && (i.unit.contains("USD") || i.unit.contains("/month"))))
        .map(|i| {
            // "GPUs per replica 2", not "... 2 GPUs": a unit the name says is not repeated;
            // "Chat: 500,000 calls/month", not "Chat: calls 500,000 calls/month".
            let said = i.name.split([' ', ':']).any(|w| w == i.unit);
            let unit = if said { "" } else { &i.unit };
            let lead = unit.split('/').next().unwrap_or_default();
            match i.name.rsplit_once(' ') {
                Some((head, last)) if !lead.is_empty() && last == lead => {
                    format!("{head} {}", value(i.value, unit))
                }
                _ => format!("{} {}", i.name, value(i.value, unit)),
            }
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// "0.2" of "share of GPU time" reads "20% of GPU time"; other units follow the number.
fn value(v: f64, unit: &str) -> String {
    let pct = || format!("{}%", fmt_num((v * 1000.0).round() / 10.0));
    match unit {
        "share" => pct(),
        u if u.starts_with("share ") => format!("{} {}", pct(), &u["share ".len()..]),
        "" => fmt_num(v),
        u => format!("{} {}", fmt_num(v), crate::fmt::unit_for(v, u)),
    }
}

#[cfg(test)]
mod tests {
    use super::cost_lines;
    use crate::{evaluate, templates, validate, Options};

    #[test]
    fn the_parts_add_up_to_each_monthly_cost_and_name_what_it_rests_on() {
        for s in [templates::haiku_vs_4090(), templates::sonnet_vs_2xa100()] {
            let v = validate(s).expect("valid");
            let e = evaluate(&v, Options::default());
            let lines = cost_lines(&e);
            let serving = e.selfhosted.iter().filter(|s| s.monthly.is_some()).count();
            assert_eq!(lines.len(), e.api.len() + serving);
            for l in &lines {
                let sum: f64 = l.parts.iter().map(|p| p.1).sum();
                assert!(
                    (sum - l.monthly).abs() <= 1e-6 * l.monthly.abs().max(1.0),
                    "{}: parts {sum} vs {}",
                    l.option,
                    l.monthly
                );
                assert!(l.parts.iter().all(|p| p.1 != 0.0), "{}", l.option);
            }
        }
        let v = validate(templates::sonnet_vs_2xa100()).expect("valid");
        let e = evaluate(&v, Options::default());
        let lines = cost_lines(&e);
        let gpu = lines
            .iter()
            .find(|l| l.option.contains("A100"))
            .expect("A100");
        for words in [
            "GPU time $",
            "idle overhead $",
            "hours per month 720 h",
            "GPUs per replica 2",
            "idle overhead 20% of GPU time",
            "engineer rate 150 USD/h",
            "One-off setup $3,600 (3 days × 8 h × 150 USD/h)",
        ] {
            assert!(gpu.text.contains(words), "'{words}' not in {}", gpu.text);
        }
        let tier = &lines[0];
        assert!(tier.text.contains("input tokens $"), "{}", tier.text);
        assert!(
            tier.text.contains("output price 15 USD/Mtok"),
            "{}",
            tier.text
        );
        assert!(!tier.text.contains("One-off"), "{}", tier.text);
        // The one-pager's two: the baseline tier and the configuration compared with it.
        let decided = super::decided_cost_lines(&e);
        let (b, k) = crate::report::decision::decided_pair(&e).expect("a pair");
        assert_eq!(decided.len(), 2);
        assert_eq!(decided[0].option, e.api[b].name);
        assert_eq!(decided[1].option, e.selfhosted[k].name);
    }
}
