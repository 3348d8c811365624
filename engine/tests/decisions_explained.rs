//! Hybrid routing's figures explain themselves: each plan's monthly cost and the
//! escalation's, as parts that add up to the figure shown.

use engine::scenario::*;
use engine::OptionRef;
use engine::{evaluate_document, templates, Explained, Options};

fn eval(s: Scenario) -> engine::Evaluation {
    evaluate_document(s, Options::default()).expect("valid scenario")
}

/// Easy work on the GPU, hard work on Sonnet (the routing test's scenario in
/// `evaluate.rs`).
fn mixed() -> Scenario {
    let mut s = templates::haiku_vs_4090();
    s.api_tiers.push(
        engine::catalog::tier("claude-sonnet-4.6")
            .expect("tier")
            .to_tier(),
    );
    s.task_types[0].calls_per_month = 5_000_000.0;
    s.task_types.push(TaskType {
        name: "Hard reasoning".into(),
        calls_per_month: 100_000.0,
        quality_floor: 2,
        ..TaskType::default()
    });
    s
}

/// The figure rebuilt from its inputs: every "calls" input times the price per call
/// after it, plus every configuration's money parts (fixed costs, replicas' cost,
/// variable cost, the escalated calls' cost).
fn rebuilt(x: &Explained) -> f64 {
    let mut total = 0.0;
    let mut calls = f64::NAN;
    for i in &x.inputs {
        if i.unit == "calls/month" {
            calls = i.value;
        } else if i.name.ends_with("price per call") {
            total += calls * i.value;
        } else if i.unit.ends_with("/month") && !i.name.contains("in USD") {
            total += i.value;
        }
    }
    total
}

#[test]
fn a_plan_s_cost_is_the_sum_of_its_explained_parts() {
    let e = eval(mixed());
    let best = e.hybrid.best.as_ref().expect("a plan");
    assert!(matches!(best.assignment[0], OptionRef::Config(_)));
    let x = best.explained.as_ref().expect("explained");
    assert_eq!(x.value, best.monthly_cost);
    let sum = rebuilt(x);
    assert!(
        (sum - best.monthly_cost).abs() < 1e-6 * best.monthly_cost,
        "{sum} vs {}\n{}",
        best.monthly_cost,
        x.render()
    );
    // The Sonnet task's price per call is there by name, and the configuration's replicas.
    let names: Vec<&str> = x.inputs.iter().map(|i| i.name.as_ref()).collect();
    assert!(
        names
            .iter()
            .any(|n| n.starts_with("Hard reasoning on Claude Sonnet")),
        "{names:?}"
    );
    assert!(
        names.iter().any(|n| n.contains("replicas for")),
        "{names:?}"
    );
    // The all-API plan too: its parts are calls × price per call only.
    let api = e.hybrid.all_api.as_ref().expect("all-API plan");
    let x = api.explained.as_ref().expect("explained");
    assert!((rebuilt(x) - api.monthly_cost).abs() < 1e-6 * api.monthly_cost);
    assert!(!x.inputs.iter().any(|i| i.unit == "replicas"));
}

#[test]
fn the_escalation_s_cost_is_the_sum_of_its_explained_parts() {
    let e = eval(mixed());
    let esc = e.hybrid.escalation.as_ref().expect("escalation");
    let x = esc.explained.as_ref().expect("explained");
    // The tier's part is one computed money figure: leave the price-per-call rows out.
    let parts: f64 = x
        .inputs
        .iter()
        .filter(|i| i.unit == "USD/month")
        .map(|i| i.value)
        .sum();
    assert!(
        (parts - esc.monthly_cost).abs() < 1e-6 * esc.monthly_cost,
        "{parts} vs {}\n{}",
        esc.monthly_cost,
        x.render()
    );
    let share = x
        .inputs
        .iter()
        .find(|i| i.name.contains("escalated"))
        .expect("the share");
    assert!((share.value - esc.share * 100.0).abs() < 1e-9);
}

/// In another currency the explanation is of the converted figure, in that currency.
#[test]
fn a_plan_s_explanation_follows_the_currency() {
    let mut s = mixed();
    s.currency = Some(Currency {
        code: "EUR".into(),
        per_usd: 0.5,
        as_of: "2026-11-30".into(),
        source: "ECB reference rate".into(),
    });
    let usd = eval(mixed());
    let e = eval(s);
    let best = e.hybrid.best.as_ref().expect("a plan");
    let x = best.explained.as_ref().expect("explained");
    assert!((x.value - best.monthly_cost).abs() < 1e-9);
    assert!(
        (best.monthly_cost - 0.5 * usd.hybrid.best.as_ref().expect("plan").monthly_cost).abs()
            < 1e-6
    );
    assert_eq!(x.unit, "EUR/month");
    let esc = e.hybrid.escalation.as_ref().expect("escalation");
    assert_eq!(esc.explained.as_ref().expect("explained").unit, "EUR/month");
}

/// The projection's last row: each tier's cumulative cost rebuilt month by month from
/// the inputs its explanation lists (calls, growth, price per call, the yearly price
/// change), and each configuration's cumulative cash as the sum of its money parts.
#[test]
fn the_projection_s_last_row_is_rebuilt_from_its_explanation() {
    for mut s in [templates::haiku_vs_4090(), templates::sonnet_vs_2xa100()] {
        s.task_types[0].monthly_growth = 0.03;
        s.api_price_change_per_year = -0.1;
        s.horizon_months = 30;
        let name = s.name.clone();
        let e = eval(s);
        let p = &e.projection;
        let n = p.months as usize;
        for (j, x) in p.totals.tiers.iter().enumerate() {
            assert_eq!(x.value, p.tiers[j].cumulative[n - 1]);
            let get = |suffix: &str| {
                x.inputs
                    .iter()
                    .find(|i| i.name.ends_with(suffix))
                    .unwrap_or_else(|| panic!("{name}: no {suffix}\n{}", x.render()))
                    .value
            };
            let (calls, growth, price) = (
                get("calls in month 1"),
                get("monthly growth"),
                get("price per call"),
            );
            let change = get("yearly API price change") / 100.0;
            let months = get("months (N)") as i32;
            let rebuilt: f64 = (0..months)
                .map(|m| calls * (1.0 + growth).powi(m) * price * (1.0 + change).powi(m / 12))
                .sum();
            assert!(
                (rebuilt - x.value).abs() < 1e-6 * x.value,
                "{name}: {rebuilt} vs {}",
                x.value
            );
        }
        // The last month's calls: month 1's grown 29 times by 3%.
        let calls = p.totals.calls.as_ref().expect("the calls");
        assert_eq!(calls.value, p.calls[n - 1]);
        let first = calls.inputs[0].value;
        assert!(
            (calls.value - first * 1.03_f64.powi(29)).abs() < 1e-6 * calls.value,
            "{}",
            calls.render()
        );
        for (k, x) in p.totals.configs.iter().enumerate() {
            let Some(x) = x else { continue };
            let cash = &p.configs[k].as_ref().expect("usable").cash;
            assert_eq!(x.value, cash.cumulative[n - 1]);
            let parts: f64 = x
                .inputs
                .iter()
                .filter(|i| i.unit == "USD")
                .map(|i| i.value)
                .sum();
            assert!(
                (parts - x.value).abs() < 1e-6 * x.value.abs(),
                "{name}: {parts} vs {}\n{}",
                x.value,
                x.render()
            );
        }
    }
}

/// A commitment paid half up front over 12 months, seen over 24 (a horizon shorter than
/// the term is refused): the up-front share and the lower monthly payments even out over
/// the term, so the cash column's parts, each computed on its own (none the remainder),
/// add up to the table's figure with no timing part.
#[test]
fn a_commitment_s_cash_timing_is_its_own_part() {
    use engine::scenario::{Billing, Commitment, Hosting, ReplicaMode};
    let mut s = templates::haiku_vs_4090();
    s.horizon_months = 24;
    let g = &mut s.gpu_configs[0];
    g.replica_mode = ReplicaMode::Fixed;
    g.replicas = 3;
    g.reserve_replicas = 0;
    if let Hosting::Cloud(c) = &mut g.hosting {
        c.billing = Billing::AlwaysOn;
        c.commitment = Some(Commitment {
            term_months: 12,
            replicas: 2,
            discount: 0.4,
            upfront_share: 0.5,
        });
    }
    let e = eval(s);
    let x = e.projection.totals.configs[0].as_ref().expect("usable");
    assert!(
        !x.inputs.iter().any(|i| i.name.starts_with("commitment")),
        "{}",
        x.render()
    );
    // Month 1 pays the up-front half: its cash is above month 2's.
    let cash = &e.projection.configs[0].as_ref().expect("usable").cash;
    assert!(
        cash.monthly[0] > cash.monthly[1] + 1.0,
        "{:?}",
        &cash.monthly[..3]
    );
    let parts: f64 = x
        .inputs
        .iter()
        .filter(|i| i.unit == "USD")
        .map(|i| i.value)
        .sum();
    assert!(
        (parts - x.value).abs() < 1e-6 * x.value.abs(),
        "{parts} vs {}\n{}",
        x.value,
        x.render()
    );
}
