//! Time value of money (engine::finance): hand-computed figures on the article's
//! templates and properties over any cash flows.

use engine::finance::{irr_monthly, monthly_rate, npv};
use engine::{evaluate_document, templates, Options};
use proptest::prelude::*;

/// Savings of an option with an up-front outlay that later months earn back: month 1
/// negative, then positive months.
fn outlay_then_savings() -> impl Strategy<Value = Vec<f64>> {
    (1.0..1e6f64, prop::collection::vec(1.0..1e5f64, 1..120)).prop_map(|(outlay, later)| {
        let mut flows = vec![-outlay];
        flows.extend(later);
        flows
    })
}

proptest! {
    #[test]
    fn npv_at_rate_zero_is_the_undiscounted_sum(flows in prop::collection::vec(-1e6..1e6f64, 1..120)) {
        let sum: f64 = flows.iter().sum();
        let scale = flows.iter().map(|f| f.abs()).sum::<f64>().max(1.0);
        prop_assert!((npv(&flows, 0.0) - sum).abs() <= 1e-9 * scale);
    }

    #[test]
    fn npv_falls_as_the_rate_rises_when_savings_come_later(flows in outlay_then_savings(), a in 0.0..0.5f64, b in 0.0..0.5f64) {
        let (lo, hi) = if a < b { (a, b) } else { (b, a) };
        prop_assume!(hi - lo > 1e-6);
        prop_assert!(npv(&flows, monthly_rate(hi)) < npv(&flows, monthly_rate(lo)));
    }

    #[test]
    fn irr_is_the_rate_where_npv_is_zero(flows in outlay_then_savings()) {
        match irr_monthly(&flows) {
            Ok(r) => {
                let scale = flows.iter().map(|f| f.abs()).sum::<f64>();
                prop_assert!(npv(&flows, r).abs() <= 1e-6 * scale, "npv at irr {} = {}", r, npv(&flows, r));
            }
            // There is none when the savings never earn the outlay back, or when the return
            // is beyond 1,000 a month (100,000%): the NPV is still positive there.
            Err(why) if why.contains("100,000%") => prop_assert!(npv(&flows, 1_000.0) > 0.0, "{}", why),
            Err(why) => prop_assert!(flows.iter().sum::<f64>() < 0.0, "{}", why),
        }
    }
}

/// The article's RTX 4090 against Haiku 3.5 over 24 months at 10%: the evaluation's NPV is
/// the projection's cash difference discounted by hand, and at 0% it is the plain sum.
#[test]
fn the_templates_npv_is_the_projection_discounted() {
    for rate in [0.0, 0.10, 0.35] {
        let mut s = templates::haiku_vs_4090();
        s.discount_rate_per_year = rate;
        let e = evaluate_document(s, Options::default()).unwrap_or_else(|e| panic!("{e:?}"));
        let j = e.projection.baseline_tier.expect("a baseline tier");
        let a = e
            .finance
            .appraisals
            .iter()
            .find(|a| a.tier == j && a.config == 0)
            .expect("config 0 against the baseline");
        let tier = &e.projection.tiers[j].monthly;
        let cash = &e.projection.configs[0]
            .as_ref()
            .expect("usable")
            .cash
            .monthly;
        let r = (1.0f64 + rate).powf(1.0 / 12.0) - 1.0;
        let by_hand: f64 = tier
            .iter()
            .zip(cash)
            .enumerate()
            .map(|(t, (a, c))| (a - c) / (1.0 + r).powi(t as i32))
            .sum();
        assert!(
            (a.npv.value - by_hand).abs() < 1e-6,
            "{rate}: {} vs {by_hand}",
            a.npv.value
        );
        let sum: f64 = tier.iter().zip(cash).map(|(a, c)| a - c).sum();
        assert!((a.undiscounted - sum).abs() < 1e-6);
        if rate == 0.0 {
            assert!((a.npv.value - a.undiscounted).abs() < 1e-6);
        }
    }
}

#[test]
fn a_negative_or_absurd_hurdle_rate_is_refused_at_its_field() {
    for bad in [-0.05, 1.5, f64::NAN] {
        let mut s = templates::haiku_vs_4090();
        s.discount_rate_per_year = bad;
        let Err(errors) = evaluate_document(s, Options::default()) else {
            panic!("{bad}: accepted");
        };
        assert!(
            errors.0.iter().any(|f| f.path == "discount_rate_per_year"),
            "{bad}: {errors:?}"
        );
    }
}

/// The README's worked example, by hand. The article's RTX 4090 (typed 80 tok/s) against
/// Claude Haiku 4.5 at 10% a year over 24 months: Haiku costs $216.40 a month more than
/// the 4090's steady $1,183.60, and the 4090 pays its $3,600 setup in month 1. Savings:
/// month 1 = 216.4 − 3,600 = −3,383.6; months 2..24 = +216.4.
/// NPV = −3,600 + 216.4 × Σₜ₌₀..₂₃ vᵗ, v = 1.1^(−1/12): Σ = (1 − 1.1⁻²) / (1 − v) ≈ 21.938,
/// so NPV ≈ $1,147.41; undiscounted −3,383.6 + 23 × 216.4 = $1,593.60; payback month 17
/// (−3,383.6 + 15 × 216.4 < 0 ≤ −3,383.6 + 16 × 216.4).
#[test]
fn readme_worked_example() {
    let e = evaluate_document(templates::haiku_vs_4090(), Options::default())
        .unwrap_or_else(|e| panic!("{e:?}"));
    let j = e
        .api
        .iter()
        .position(|a| a.name == "Claude Haiku 4.5")
        .expect("Haiku 4.5 in the template");
    let a = e
        .finance
        .appraisals
        .iter()
        .find(|a| a.tier == j && a.config == 0)
        .expect("compared");
    let v = 1.1f64.powf(-1.0 / 12.0);
    let annuity = (1.0 - 1.1f64.powi(-2)) / (1.0 - v);
    let by_hand = -3600.0 + 216.4 * annuity;
    assert!(
        (a.npv.value - by_hand).abs() < 1e-6,
        "{} vs {by_hand}",
        a.npv.value
    );
    assert!((a.npv.value - 1147.41).abs() < 0.01);
    assert!((a.undiscounted - 1593.6).abs() < 1e-6);
    assert_eq!(a.payback_month, Some(17));
    assert_eq!(a.discounted_payback_month, Some(18));
    // 3.4903% a month is 50.9% a year.
    assert!((a.irr_per_year.unwrap_or(0.0) - 0.509).abs() < 0.0005);
    // IRR: the monthly rate m with −3,600 + 216.4 × (1 − (1+m)^−24) / (1 − (1+m)^−1) = 0.
    let m = (1.0 + a.irr_per_year.expect("an outlay earned back")).powf(1.0 / 12.0) - 1.0;
    let x = 1.0 / (1.0 + m);
    let at_irr = -3600.0 + 216.4 * (1.0 - x.powi(24)) / (1.0 - x);
    assert!(at_irr.abs() < 1e-6, "{at_irr}");
}

/// Every IRR and payback month the finance table shows explains itself: the payback's
/// running total turns non-negative in its month and not before, and an IRR written
/// "> 1,000%" says why.
#[test]
fn the_irr_and_the_paybacks_explain_themselves() {
    let mut seen = 0;
    for s in [templates::haiku_vs_4090(), templates::sonnet_vs_2xa100()] {
        let e = evaluate_document(s, Options::default()).expect("valid");
        for a in &e.finance.appraisals {
            let value = |x: &engine::Explained, name: &str| {
                x.inputs
                    .iter()
                    .find(|i| i.name == name)
                    .map(|i| i.value)
                    .unwrap_or_else(|| panic!("{name}: {}", x.render()))
            };
            for (month, ex) in [
                (a.payback_month, &a.payback_explained),
                (a.discounted_payback_month, &a.discounted_payback_explained),
            ] {
                assert_eq!(month.is_some(), ex.is_some());
                let (Some(m), Some(ex)) = (month, ex) else {
                    continue;
                };
                seen += 1;
                assert_eq!(ex.value, f64::from(m));
                assert!(value(ex, &format!("running total, month {m}")) >= -1e-9);
                if m > 1 {
                    assert!(value(ex, &format!("running total, month {}", m - 1)) < 0.0);
                }
            }
            assert_eq!(a.irr_per_year.is_some(), a.irr_explained.is_some());
            if let (Some(r), Some(ex)) = (a.irr_per_year, &a.irr_explained) {
                assert_eq!(ex.value, r);
                assert_eq!(
                    ex.formula.contains("> 1,000%"),
                    r > engine::finance::IRR_SHOWN_UP_TO,
                    "{}",
                    ex.formula
                );
                assert!(value(ex, "flow, month 1").is_finite());
            }
        }
    }
    assert!(seen > 0, "some payback was explained");
}
