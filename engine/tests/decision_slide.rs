//! The decision slide on the article's templates: the recommendation is the one-pager's,
//! and every input said to flip the answer does: the monthly saving has one sign just
//! below the value where it flips and the other just above, and that value lies in the
//! input's range.

use engine::report::decision::{slide, summarise};
use engine::Param;
use engine::{evaluate, templates, validate, Options};

fn saving(s: &engine::Scenario) -> f64 {
    // The tornado's base: the monthly saving at the scenario's own inputs.
    engine::curves::tornado(&validate(s.clone()).expect("valid"), 0).0
}

#[test]
fn every_flip_flips_where_it_says() {
    let mut seen = 0;
    for s in [templates::haiku_vs_4090(), templates::sonnet_vs_2xa100()] {
        let v = validate(s.clone()).expect("valid");
        let e = evaluate(&v, Options::default());
        assert!(slide(&v, &e, 0).flips.is_empty(), "n = 0: no flip listed");
        let d = slide(&v, &e, 3);
        assert_eq!(d.summary, summarise(&s, &e));
        assert!(d.tried > 5, "inputs tried: {}", d.tried);
        assert!(d.flips.len() <= 3);
        let base = d.saving.expect("a saving today");
        for f in &d.flips {
            let (lo, hi) = (f.low.min(f.high), f.low.max(f.high));
            assert!((lo..=hi).contains(&f.flips_at), "{f:?}");
            // The ends straddle today's sign at one end.
            assert!(
                f.saving_at_low.is_some_and(|x| (x > 0.0) != (base > 0.0))
                    || f.saving_at_high.is_some_and(|x| (x > 0.0) != (base > 0.0)),
                "{f:?}"
            );
            let p = Param::parse(&f.path, &s).expect("a parameter");
            // Its values carry the input's unit, the one the tornado's range shows.
            let (k, unit) = p.unit();
            assert_eq!(f.flips_at_text, p.value_text(f.flips_at));
            assert_eq!(f.value_text, p.value_text(f.value));
            assert_eq!(f.range_text, p.range_text(f.low, f.high));
            for t in [&f.flips_at_text, &f.value_text, &f.range_text] {
                assert!(k > 0.0 && t.ends_with(unit), "{t}");
            }
            let step = (hi - lo) * 1e-4;
            let at = |x: f64| {
                let mut t = s.clone();
                p.set(&mut t, x);
                saving(&t)
            };
            let (below, above) = (at(f.flips_at - step), at(f.flips_at + step));
            assert!(
                (below > 0.0) != (above > 0.0),
                "{}: saving {below} just below {} and {above} just above",
                f.label,
                f.flips_at
            );
            seen += 1;
        }
    }
    assert!(
        seen >= 1,
        "the templates have at least one input that flips the answer"
    );
}

/// The recommendation states the IRR beside the NPV it explains, as the workbook, the
/// editor and the printout do, and says "over 1,000%" for an astronomical one.
#[test]
fn the_recommendation_names_the_irr() {
    for s in [templates::haiku_vs_4090(), templates::sonnet_vs_2xa100()] {
        let v = validate(s.clone()).expect("valid");
        let e = evaluate(&v, Options::default());
        let d = slide(&v, &e, 3);
        let b = e.projection.baseline_tier.expect("a baseline tier");
        let (_, config) = engine::report::decision::decided_pair(&e).expect("a pair");
        let a = e
            .finance
            .appraisals
            .iter()
            .find(|a| a.tier == b && a.config == config)
            .expect("the pair's appraisal");
        match a.irr_per_year {
            Some(r) => {
                // In words: "over 1,000%", not "> 1,000%".
                let irr = engine::finance::irr_text(r).replace("> ", "over ");
                assert!(!d.summary.recommendation.contains("of >"));
                assert!(
                    d.summary
                        .recommendation
                        .contains(&format!("an internal rate of return of {irr} a year")),
                    "{}",
                    d.summary.recommendation
                );
            }
            None => assert!(!d.summary.recommendation.contains("internal rate")),
        }
    }
}

/// Latency targets are no ranged input, so the slide says what the answer is without them:
/// on the Sonnet vs 2x A100 template, 1 s / 30 ms targets take three replicas where one
/// served, and dropping them changes the cheaper option; with no target, nothing is said.
#[test]
fn the_slide_says_whether_the_latency_targets_decide_it() {
    let s = templates::sonnet_vs_2xa100();
    let v = validate(s.clone()).expect("valid");
    let plain = slide(&v, &evaluate(&v, Options::default()), 3);
    assert_eq!(plain.without_targets, None);
    let mut tight = s.clone();
    tight.task_types[0].ttft_p95_ms = Some(1000.0);
    tight.task_types[0].tpot_p95_ms = Some(30.0);
    let v = validate(tight.clone()).expect("valid");
    let d = slide(&v, &evaluate(&v, Options::default()), 3);
    let with = d.saving.expect("a saving");
    let said = d.without_targets.expect("targets set");
    // Today's saving with the targets and without them, as the tornado's base gives them.
    assert!((with - saving(&tight)).abs() < 1e-6);
    assert!(
        (with > 0.0) != (saving(&s) > 0.0),
        "the targets flip it: {with} vs {}",
        saving(&s)
    );
    assert!(
        said.starts_with("The p95 latency targets decide it"),
        "{said}"
    );
    // A target below what the hardware can do (a 300 ms TTFT: an 800-token prefill of 70B
    // takes longer on two A100s) leaves no configuration to compare: said so.
    let mut floor = s.clone();
    floor.task_types[0].ttft_p95_ms = Some(300.0);
    let v = validate(floor).expect("valid");
    let d = slide(&v, &evaluate(&v, Options::default()), 3);
    assert_eq!(d.saving, None);
    let said = d.without_targets.expect("a target set");
    assert!(
        said.starts_with("The p95 latency targets rule out every configuration"),
        "{said}"
    );
    // Loose targets (far above what the hardware does) bind nowhere: said so, not as
    // "a saving of $X instead of $X".
    let mut loose = s.clone();
    loose.task_types[0].ttft_p95_ms = Some(600_000.0);
    let v = validate(loose).expect("valid");
    let d = slide(&v, &evaluate(&v, Options::default()), 3);
    let said = d.without_targets.expect("a target set");
    assert!(
        said.starts_with("The p95 latency targets do not bind") && !said.contains("instead of"),
        "{said}"
    );
}

/// A target that leaves the decided pair's saving as it is but rules out another
/// configuration (its floor above the target) names it, not "the targets do not bind".
#[test]
fn targets_that_rule_out_another_configuration_say_so() {
    let mut s = templates::sonnet_vs_2xa100();
    let mut slow = s.gpu_configs[0].clone();
    slow.name = "Slow one".into();
    // Two L40S: decode is slower than on two A100s (a time per token floor of ~66 ms).
    slow.gpu = "l40s".into();
    if let engine::scenario::Hosting::Cloud(c) = &mut slow.hosting {
        c.hourly_usd *= 3.0;
    }
    s.gpu_configs.push(slow);
    let found = [35.0, 40.0, 45.0, 50.0, 55.0, 60.0]
        .into_iter()
        .find_map(|ms| {
            let mut t = s.clone();
            t.task_types[0].tpot_p95_ms = Some(ms);
            let v = validate(t).expect("valid");
            let e = evaluate(&v, Options::default());
            let out = e.selfhosted[1]
                .unusable
                .as_deref()
                .is_some_and(|u| u.contains("target of"));
            let said = slide(&v, &e, 3).without_targets?;
            (out && e.selfhosted[0].unusable.is_none() && !said.contains("instead of"))
                .then_some(said)
        })
        .expect("a target between the two floors that leaves the saving as it is");
    assert_eq!(
        found,
        "The p95 latency targets do not change this saving; they rule out Slow one (its floor is above a target)."
    );
}

/// Advice on a figure the hardware cannot reach carries that caveat beside the sentence;
/// advice on a figure with none carries no caveat.
#[test]
fn the_advice_to_self_host_carries_its_figures_caveat() {
    // The slide's summary of `s`: its sentence and its caveats.
    let advice = |s: &engine::Scenario| {
        let v = validate(s.clone()).expect("valid");
        let e = evaluate(&v, Options::default());
        slide(&v, &e, 3).summary
    };
    let mut s = templates::haiku_vs_4090();
    s.task_types[0].calls_per_month = 2_000_000.0;
    let d = advice(&s);
    assert!(
        d.recommendation.starts_with("Self-host"),
        "{}",
        d.recommendation
    );
    assert!(d.caveats.is_empty(), "{:?}", d.caveats);
    s.gpu_configs[0].throughput = engine::scenario::ThroughputSource::Typed {
        output_tokens_per_s: 1.0e6,
    };
    let d = advice(&s);
    assert!(
        d.recommendation.starts_with("Self-host"),
        "{}",
        d.recommendation
    );
    assert!(
        d.caveats
            .iter()
            .any(|c| c.starts_with("a claim the hardware cannot reach: typed throughput 1,000,000 tok/s is above the physical bound")),
        "{:?}",
        d.caveats
    );
    // Advice to stay on the API weighs the same figure: its caveat goes with it too.
    s.task_types[0].calls_per_month = 1_000.0;
    let d = advice(&s);
    assert!(
        d.recommendation.starts_with("Stay on"),
        "{}",
        d.recommendation
    );
    assert!(
        d.caveats
            .iter()
            .any(|c| c.contains("above the physical bound")),
        "{:?}",
        d.caveats
    );
}

/// A latency target whose low end is below the hardware's floor (no saving there) still
/// flips the answer at its high end, where a looser target lets two A100s serve more: the
/// slide names it, never "nothing flips it" beside a chart whose bar crosses zero.
#[test]
fn a_target_with_no_saving_at_one_end_still_flips_at_the_other() {
    let mut s = templates::sonnet_vs_2xa100();
    s.task_types[0].ttft_p95_ms = Some(1000.0);
    s.task_types[0].tpot_p95_ms = Some(30.0);
    let v = validate(s.clone()).expect("valid");
    let e = evaluate(&v, Options::default());
    let d = slide(&v, &e, 5);
    let base = d.saving.expect("a saving today");
    assert!(base < 0.0, "the API is cheaper with a 30 ms target: {base}");
    let f = d
        .flips
        .iter()
        .find(|f| f.path == "task_types[0].tpot_p95_ms")
        .unwrap_or_else(|| panic!("the target flips it: {:?}", d.flips));
    assert_eq!(f.saving_at_low, None, "22.5 ms is below the floor");
    assert!(f.saving_at_high.is_some_and(|x| x > 0.0), "{f:?}");
    assert!(f.flips_at > 30.0 && f.flips_at < 37.5, "{f:?}");
}

/// The sentence says what the NPV counts beyond savings (a bought configuration's value
/// left, when credited), and why no configuration can be compared when none can serve.
#[test]
fn the_recommendation_says_the_credit_in_its_npv_and_why_nothing_compares() {
    use engine::scenario::{Hosting, OnPremPricing};
    let mut s = templates::sonnet_vs_2xa100();
    for g in &mut s.gpu_configs {
        g.hosting = Hosting::OnPrem(OnPremPricing {
            gpu_price_usd: 12_000.0,
            ..OnPremPricing::default()
        });
    }
    s.credit_value_left = true;
    let v = validate(s.clone()).expect("valid");
    let e = evaluate(&v, Options::default());
    let text = summarise(v.get(), &e).recommendation;
    let (b, k) = engine::report::decision::decided_pair(&e).expect("a pair");
    let a = e
        .finance
        .appraisals
        .iter()
        .find(|a| a.tier == b && a.config == k)
        .expect("appraisal");
    assert!(a.value_left > 0.0);
    assert!(
        text.contains(&format!(
            "counting the hardware's book value left at month {}",
            s.horizon_months
        )),
        "{text}"
    );
    s.credit_value_left = false;
    let v = validate(s.clone()).expect("valid");
    let text = summarise(v.get(), &evaluate(&v, Options::default())).recommendation;
    assert!(!text.contains("book value left"), "{text}");

    // Every configuration refused (a model larger than its GPUs' memory): the reason is
    // each configuration's, not "cannot be compared" alone.
    let mut s = templates::sonnet_vs_2xa100();
    for g in &mut s.gpu_configs {
        g.gpus_per_replica = 1;
        g.gpu = "rtx-4090".into();
        g.model = "llama-3.1-70b".into();
    }
    let v = validate(s).expect("valid");
    let e = evaluate(&v, Options::default());
    let why = e.selfhosted[0].unusable.clone().expect("does not fit");
    let text = summarise(v.get(), &e).recommendation;
    assert!(text.starts_with("Stay on "), "{text}");
    assert!(text.contains(&why), "{text}");
    // Each configuration's reason, three at most, then how many more.
    let mut s = v.get().clone();
    let first = s.gpu_configs[0].clone();
    while s.gpu_configs.len() < 5 {
        s.gpu_configs.push(first.clone());
    }
    let v = validate(s).expect("valid");
    let e = evaluate(&v, Options::default());
    let text = summarise(v.get(), &e).recommendation;
    assert_eq!(text.matches(&why).count(), 3, "{text}");
    assert!(text.contains("; and 2 more)"), "{text}");
}

/// What the headline rests on and does not show is said after the advice: the NPV after
/// tax, the marginal lens, and a commitment that ends inside the horizon.
#[test]
fn the_advice_says_the_tax_view_the_lens_and_a_commitments_end() {
    use engine::scenario::{Billing, Commitment, CostLens, Hosting, TaxView};
    let mut s = templates::haiku_vs_4090();
    s.horizon_months = 24;
    s.tax = Some(TaxView::default());
    s.cost_lens = CostLens::Marginal;
    for g in &mut s.gpu_configs {
        if let Hosting::Cloud(c) = &mut g.hosting {
            c.billing = Billing::AlwaysOn;
            c.commitment = Some(Commitment {
                term_months: 12,
                replicas: 1,
                discount: 0.3,
                upfront_share: 0.0,
            });
        }
    }
    let v = validate(s.clone()).expect("valid");
    let e = evaluate(&v, Options::default());
    let said = summarise(&s, &e).recommendation;
    // Rented GPUs: no hardware to deduct or to own.
    assert!(
        said.contains("After tax at 25% (no hardware bought): $"),
        "{said}"
    );
    assert!(
        said.contains("On the marginal lens: the setup counts as already spent."),
        "{said}"
    );
    // Bought: deducted on its schedule, and owned.
    let mut owned = s.clone();
    owned.gpu_configs[1].hosting = Hosting::OnPrem(Default::default());
    let v = validate(owned.clone()).expect("valid");
    let e = evaluate(&v, Options::default());
    let said_owned = summarise(&owned, &e).recommendation;
    assert!(
        said_owned.contains("(hardware deducted in a straight line over 5 years)")
            && said_owned.contains("the hardware owned at the start"),
        "{said_owned}"
    );
    assert!(
        said.contains("commitment's 12 months: from month 13, $"),
        "{said}"
    );
    assert!(
        said.contains("It has 1 replica committed for 12 months at 30% off."),
        "{said}"
    );
    // Growth moves the NPV: said with what it makes of month 1's calls.
    let mut growing = templates::haiku_vs_4090();
    growing.horizon_months = 24;
    growing.task_types[0].monthly_growth = 0.05;
    let v = validate(growing.clone()).expect("valid");
    let said = summarise(&growing, &evaluate(&v, Options::default())).recommendation;
    let factor = engine::fmt_num((1.05f64.powi(23) * 100.0).round() / 100.0);
    assert_eq!(factor, "3.07");
    assert!(
        said.contains(&format!(
            "The NPV counts the calls growing 5% a month: {factor}x month 1's by month 24."
        )),
        "{said}"
    );
    growing.task_types[0].monthly_growth = -0.05;
    let v = validate(growing.clone()).expect("valid");
    let said = summarise(&growing, &evaluate(&v, Options::default())).recommendation;
    assert!(
        said.contains("The NPV counts the calls shrinking 5% a month: "),
        "{said}"
    );
    // Without them, none of it.
    let plain = templates::haiku_vs_4090();
    let v = validate(plain.clone()).expect("valid");
    let said = summarise(&plain, &evaluate(&v, Options::default())).recommendation;
    assert!(
        !said.contains("After tax")
            && !said.contains("marginal")
            && !said.contains("commitment")
            && !said.contains("growing"),
        "{said}"
    );
}

/// Of two configurations, the advice weighs the one finance would pick: the higher NPV at
/// the hurdle rate, not the one cheaper by the month. A bought server amortised over 48
/// months costs less a month than renting, but over a 24-month horizon its price, paid up
/// front, is worth less than renting's saving.
#[test]
fn the_advice_weighs_the_configuration_of_highest_npv() {
    use engine::scenario::{Hosting, OnPremPricing};
    let mut s = templates::sonnet_vs_2xa100();
    s.horizon_months = 24;
    s.credit_value_left = false;
    let mut bought = s.gpu_configs[0].clone();
    bought.name = "Bought 2x A100".into();
    bought.hosting = Hosting::OnPrem(OnPremPricing {
        gpu_price_usd: 70_000.0,
        amortisation_months: 48.0,
        ..OnPremPricing::default()
    });
    s.gpu_configs.push(bought);
    let v = validate(s).expect("valid");
    let e = evaluate(&v, Options::default());
    let b = e.projection.baseline_tier.expect("a baseline");
    let monthly = |k: usize| e.selfhosted[k].monthly.as_ref().expect("usable").value;
    let npv = |k: usize| {
        e.finance
            .appraisals
            .iter()
            .find(|a| a.tier == b && a.config == k)
            .expect("appraised")
            .npv
            .value
    };
    // The case this is about: the cheaper by the month is the one worth less.
    let cheaper = if monthly(0) < monthly(1) { 0 } else { 1 };
    let other = 1 - cheaper;
    assert!(
        npv(other) > npv(cheaper),
        "monthly {} vs {}, NPV {} vs {}",
        monthly(0),
        monthly(1),
        npv(0),
        npv(1)
    );
    let (_, k) = engine::report::decision::decided_pair(&e).expect("a pair");
    assert_eq!(k, other);
    let text = summarise(v.get(), &e).recommendation;
    assert!(text.contains(&e.selfhosted[other].name), "{text}");
}

/// Every configuration's fixed replicas full at today's volume: the advice stays on the
/// API and says why.
#[test]
fn the_advice_says_fixed_replicas_are_full() {
    use engine::scenario::ReplicaMode;
    let mut s = templates::sonnet_vs_2xa100();
    for g in &mut s.gpu_configs {
        g.replica_mode = ReplicaMode::Fixed;
        g.replicas = 1;
    }
    for t in &mut s.task_types {
        t.calls_per_month *= 50.0;
    }
    let v = validate(s).expect("valid");
    let e = evaluate(&v, Options::default());
    assert!(e.selfhosted[0].capacity_calls.expect("fixed") < e.volume.calls_per_month);
    let text = summarise(v.get(), &e).recommendation;
    assert!(text.starts_with("Stay on "), "{text}");
    assert!(text.contains("its fixed replicas are full at"), "{text}");
}

/// The article's Sonnet template holds Claude Sonnet 3.5 (its 2025 price list) and
/// Sonnet 4.6 at the same prices: what self-hosting is measured against, and what the
/// recommendation names, is the current tier. A dearer current tier leaves the old one.
#[test]
fn of_two_tiers_at_one_price_the_current_one_is_compared_with() {
    let s = templates::sonnet_vs_2xa100();
    let names: Vec<&str> = s.api_tiers.iter().map(|t| t.name.as_str()).collect();
    assert_eq!(names, ["Claude Sonnet 3.5", "Claude Sonnet 4.6"]);
    let e = evaluate(&validate(s.clone()).expect("valid"), Options::default());
    assert_eq!(e.projection.baseline_tier, Some(1));
    let r = summarise(&s, &e).recommendation;
    assert!(r.contains("less than Claude Sonnet 4.6"), "{r}");
    let mut dearer = s;
    dearer.api_tiers[1].output_per_mtok = 16.0;
    let e = evaluate(&validate(dearer).expect("valid"), Options::default());
    assert_eq!(e.projection.baseline_tier, Some(0));
}

/// A Sonnet task and a Haiku task: the advice measures self-hosting against the API as
/// used (each task type on the cheapest tier within its own floor), not against both on
/// Sonnet (the one tier meeting both floors), and says the Sonnet comparison beside it.
#[test]
fn the_advice_measures_against_each_task_on_its_own_tier() {
    let mut s = templates::sonnet_vs_2xa100();
    s.api_tiers.push(
        engine::catalog::tier("claude-haiku-4.5")
            .expect("in the catalog")
            .to_tier(),
    );
    let mut small = s.task_types[0].clone();
    small.name = "Triage".into();
    small.quality_floor = 1;
    s.task_types[0].quality_floor = 2;
    s.task_types.push(small);
    let e = evaluate(&validate(s.clone()).expect("valid"), Options::default());
    let sum = summarise(&s, &e);
    let r = &sum.recommendation;
    let money = engine::report::decision::money;
    let plan = e
        .hybrid
        .all_api
        .as_ref()
        .expect("an all-API plan")
        .monthly_cost;
    let b = e.projection.baseline_tier.expect("a baseline");
    let tier = e.api[b].monthly.value;
    assert!(plan < tier);
    assert!(
        r.contains("Agent reasoning on Claude Sonnet 4.6, Triage on Claude Haiku 4.5"),
        "{r}"
    );
    assert!(
        r.contains(&format!("({} a month, each task type", money(plan))),
        "{r}"
    );
    assert!(
        r.contains(&format!(
            "Against every task type on Claude Sonnet 4.6 ({} a month)",
            money(tier)
        )),
        "{r}"
    );
    assert!(!r.contains("Hybrid routing"), "{r}");
    assert_eq!(sum.headline[0].0, "Monthly saving vs the API as used");
    // The configuration the advice names, and its monthly cost.
    let k = e
        .selfhosted
        .iter()
        .position(|c| r.contains(&c.name))
        .expect("a configuration named");
    let own = e.selfhosted[k].monthly.as_ref().expect("serves").value;
    assert_eq!(sum.headline[0].1, money(plan - own));
    // No growth and no price change: the plan is below the tier by the same amount every
    // month, so the NPV against it is the tier's NPV less that amount discounted over the
    // horizon.
    let against_tier = e
        .finance
        .appraisals
        .iter()
        .find(|a| a.tier == b && a.config == k)
        .expect("appraised")
        .npv
        .value;
    let r_m = (1.0f64 + s.discount_rate_per_year).powf(1.0 / 12.0) - 1.0;
    let annuity: f64 = (0..s.horizon_months)
        .map(|t| (1.0 + r_m).powi(-(t as i32)))
        .sum();
    let expected = against_tier - (tier - plan) * annuity;
    let pa = e
        .finance
        .against_plan
        .iter()
        .find(|a| a.config == k)
        .expect("against the plan");
    assert!(
        (pa.npv.value - expected).abs() < 0.01,
        "{} vs {expected}",
        pa.npv.value
    );
    assert_eq!(sum.headline[1].1, money(pa.npv.value));
    // The verdict follows the NPV against the plan.
    assert_eq!(
        r.starts_with("Stay on the API as used"),
        pa.npv.value <= 0.0,
        "{r}"
    );
    // One task type: the tier is the API as used; nothing of the kind.
    let one = templates::sonnet_vs_2xa100();
    let e = evaluate(&validate(one.clone()).expect("valid"), Options::default());
    assert!(e.projection.plan.is_none() && e.finance.against_plan.is_empty());
    assert!(!summarise(&one, &e)
        .recommendation
        .contains("the API as used"));
}

/// Self-hosting that saves against Sonnet for every task type but costs more than the
/// API as used is not advised: the team pays the second.
#[test]
fn self_hosting_that_loses_against_the_api_as_used_is_not_advised() {
    let mut s = templates::sonnet_vs_2xa100();
    s.api_tiers.push(
        engine::catalog::tier("claude-haiku-4.5")
            .expect("in the catalog")
            .to_tier(),
    );
    let mut small = s.task_types[0].clone();
    small.name = "Tagging".into();
    small.quality_floor = 1;
    s.task_types[0].quality_floor = 2;
    s.task_types.push(small);
    for t in &mut s.task_types {
        t.calls_per_month *= VOLUME_SCALE;
    }
    let e = evaluate(&validate(s.clone()).expect("valid"), Options::default());
    let b = e.projection.baseline_tier.expect("a baseline");
    let best_tier_npv = e
        .finance
        .appraisals
        .iter()
        .filter(|a| a.tier == b)
        .map(|a| a.npv.value)
        .fold(f64::MIN, f64::max);
    let best_plan_npv = e
        .finance
        .against_plan
        .iter()
        .map(|a| a.npv.value)
        .fold(f64::MIN, f64::max);
    assert!(
        best_tier_npv > 0.0 && best_plan_npv < 0.0,
        "{best_tier_npv} {best_plan_npv}"
    );
    let r = summarise(&s, &e).recommendation;
    assert!(r.starts_with("Stay on the API as used ($3,360 a month, each task type on the cheapest tier within its own quality floor): "), "{r}");
    assert!(r.contains("a month more than the API as used. The API as used: Agent reasoning on Claude Sonnet 4.6, Tagging on Claude Haiku 4.5."), "{r}");
    // Hand arithmetic: each task type costs $2,520 a month on Sonnet 4.6 ($5,040 for
    // both, the tier's own figure) and a third of that on Haiku 4.5 ($1 / $5 a Mtok
    // against $3 / $15): $2,520 + $840 = $3,360, the plan above.
    assert!(
        r.contains("Against every task type on Claude Sonnet 4.6 ($5,040 a month)"),
        "{r}"
    );
    assert!(r.contains("would save"), "{r}");
    if std::env::var("SHOW").is_ok() {
        eprintln!("{r}");
    }
}

/// Both task types at 30% of the template's volume: self-hosting saves against Sonnet
/// for both, and loses against the API as used.
const VOLUME_SCALE: f64 = 0.3;

/// A bought option's cash leaves at once: the advice says how much, in month 1, where the
/// monthly figures spread it. A rented one says nothing of the kind.
#[test]
fn the_advice_says_what_a_bought_option_pays_up_front() {
    use engine::scenario::{Hosting, OnPremPricing};
    let rented = templates::sonnet_vs_2xa100();
    let e = evaluate(
        &validate(rented.clone()).expect("valid"),
        Options::default(),
    );
    assert!(!summarise(&rented, &e).recommendation.contains("up front"));
    let mut s = rented;
    for g in &mut s.gpu_configs {
        g.hosting = Hosting::OnPrem(OnPremPricing {
            gpu_price_usd: 12_000.0,
            ..OnPremPricing::default()
        });
    }
    let e = evaluate(&validate(s.clone()).expect("valid"), Options::default());
    let text = summarise(&s, &e).recommendation;
    let (_, k) = engine::report::decision::decided_pair(&e).expect("a pair");
    let bought = e.projection.configs[k].as_ref().expect("serves").purchases[0];
    let setup = e.selfhosted[k].setup.as_ref().map_or(0.0, |x| x.value);
    assert!(bought >= 2.0 * 12_000.0, "{bought}");
    let money = engine::report::decision::money;
    assert!(
        text.contains(&format!(
            "{} is paid for up front: {} in month 1 ({} of hardware with its installation, and {} of setup)",
            e.selfhosted[k].name,
            money(bought + setup),
            money(bought),
            money(setup)
        )),
        "{text}"
    );
}
