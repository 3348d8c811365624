//! The value left in bought hardware and the after-tax view (engine::finance::tax), on
//! the article's RTX 4090 template with the 4090 bought instead of rented.

use engine::scenario::{Hosting, OnPremPricing, ReplicaMode, Scenario, TaxSchedule, TaxView};
use engine::{evaluate_document, templates, Evaluation, Options};
use proptest::prelude::*;

/// Two RTX 4090 replicas bought in month 1 at $2,000 + $1,500 server, written down over
/// 36 months to 10%, over a 24-month horizon.
fn bought() -> Scenario {
    let mut s = templates::haiku_vs_4090();
    s.horizon_months = 24;
    let g = &mut s.gpu_configs[0];
    g.replica_mode = ReplicaMode::Fixed;
    g.replicas = 2;
    g.reserve_replicas = 0;
    g.hosting = Hosting::OnPrem(OnPremPricing {
        gpu_price_usd: 2000.0,
        gpu_price_typed: true,
        ..OnPremPricing::default()
    });
    s
}

fn eval(s: Scenario) -> Evaluation {
    evaluate_document(s, Options::default()).unwrap_or_else(|e| panic!("{e:?}"))
}

fn first(e: &Evaluation) -> &engine::finance::Appraisal {
    e.finance
        .appraisals
        .iter()
        .find(|a| a.config == 0)
        .expect("compared")
}

#[test]
fn the_value_left_is_the_book_value_credited_in_the_last_month() {
    let off = eval(bought());
    let mut s = bought();
    s.credit_value_left = true;
    let on = eval(s);
    // Book value per replica after 24 of 36 months: 3,500 − (3,500 − 350) × 24/36 = 1,400.
    let cp = on.projection.configs[0].as_ref().expect("usable");
    assert!(
        (cp.value_left - 2.0 * 1400.0).abs() < 1e-9,
        "{}",
        cp.value_left
    );
    assert_eq!(cp.purchases[0], 7000.0);
    let (a, b) = (first(&off), first(&on));
    assert_eq!(b.value_left, 2800.0);
    let r = on.finance.monthly_rate;
    let by_hand = a.npv.value + 2800.0 / (1.0 + r).powi(23);
    assert!(
        (b.npv.value - by_hand).abs() < 1e-6,
        "{} vs {by_hand}",
        b.npv.value
    );
    assert!((b.undiscounted - a.undiscounted - 2800.0).abs() < 1e-6);
    assert!(b.npv.formula.contains("is credited"), "{}", b.npv.formula);
    assert!(a.npv.formula.contains("not credited"), "{}", a.npv.formula);
    assert!(a.after_tax.is_none());
}

#[test]
fn after_tax_npv_by_hand_with_immediate_expensing() {
    let mut s = bought();
    s.tax = Some(TaxView {
        rate: 0.3,
        schedule: TaxSchedule::Immediate,
        years: 1.0,
    });
    let e = eval(s);
    let a = first(&e);
    let j = a.tier;
    let cp = e.projection.configs[0].as_ref().expect("usable");
    let r = e.finance.monthly_rate;
    // Immediate expensing deducts the hardware with everything else: each month's
    // saving is simply taxed at 30%.
    let by_hand: f64 = e.projection.tiers[j]
        .monthly
        .iter()
        .zip(&cp.cash.monthly)
        .enumerate()
        .map(|(t, (api, c))| (api - c) * 0.7 / (1.0 + r).powi(t as i32))
        .sum();
    let after = a.after_tax.as_ref().expect("a tax view");
    assert!(
        (after.value - by_hand).abs() < 1e-6,
        "{} vs {by_hand}",
        after.value
    );
    assert!(
        after.formula.contains("immediate expensing"),
        "{}",
        after.formula
    );
    assert!(after
        .inputs
        .iter()
        .any(|i| i.name == "tax rate" && i.value == 0.3));
}

#[test]
fn a_bad_tax_view_is_refused_at_its_field() {
    for (rate, years, path) in [
        (-0.1, 5.0, "tax.rate"),
        (1.0, 5.0, "tax.rate"),
        (0.2, 0.0, "tax.years"),
        (f64::NAN, 5.0, "tax.rate"),
    ] {
        let mut s = bought();
        s.tax = Some(TaxView {
            rate,
            schedule: TaxSchedule::StraightLine,
            years,
        });
        let Err(errors) = evaluate_document(s, Options::default()) else {
            panic!("{rate} {years}: accepted");
        };
        assert!(
            errors.0.iter().any(|f| f.path == path),
            "{rate} {years}: {errors:?}"
        );
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]
    /// At a tax rate of 0 the after-tax NPV is the NPV; with a positive rate, deducting the
    /// hardware sooner is worth at least as much (immediate ≥ straight line).
    #[test]
    fn tax_properties(rate in 0.01..0.6f64, years in 1.0..10.0f64, hurdle in 0.0..0.5f64) {
        let mut s = bought();
        s.discount_rate_per_year = hurdle;
        s.tax = Some(TaxView { rate: 0.0, schedule: TaxSchedule::StraightLine, years });
        let zero = eval(s.clone());
        let a = first(&zero);
        let after = a.after_tax.as_ref().expect("tax view").value;
        prop_assert!((after - a.npv.value).abs() < 1e-6 * a.npv.value.abs().max(1.0));
        s.tax = Some(TaxView { rate, schedule: TaxSchedule::Immediate, years });
        let now = first(&eval(s.clone())).after_tax.as_ref().expect("tax view").value;
        s.tax = Some(TaxView { rate, schedule: TaxSchedule::StraightLine, years });
        let later = first(&eval(s)).after_tax.as_ref().expect("tax view").value;
        prop_assert!(now >= later - 1e-6, "{} < {}", now, later);
    }
}
