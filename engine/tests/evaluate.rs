//! Hand-computed examples on whole scenarios, and snapshots of the explanations.

use engine::internals::Held;
use engine::scenario::*;
use engine::CrossingKind;
use engine::OptionRef;
use engine::{evaluate_document, templates, validate, Options};

fn eval(s: Scenario) -> engine::Evaluation {
    evaluate_document(s, Options::default()).expect("valid scenario")
}

#[test]
fn article_template_api_cost_is_hand_computed() {
    let e = eval(templates::haiku_vs_4090());
    // 500,000 x (800 x 0.80 + 400 x 4.00) / 1e6 = $1,120 (Haiku 3.5); Haiku 4.5: 500,000 x (0.8 + 2.0)/1000 = $1,400.
    assert!((e.api[0].monthly.value - 1120.0).abs() < 1e-9);
    assert!((e.api[1].monthly.value - 1400.0).abs() < 1e-9);
    // $/1K output: 1120 / (200M / 1000) = 0.0056.
    assert!((e.api[0].per_1k_output.value - 0.0056).abs() < 1e-12);
}

/// Every price and share the API formula weighs is among its explanation's inputs: the
/// cache-write price with its catalog source, and a task's shares where they weigh.
#[test]
fn an_api_cost_explains_every_price_and_share_it_weighs() {
    let mut s = templates::haiku_vs_4090();
    let names = |e: &engine::Evaluation| -> Vec<String> {
        e.api[0]
            .monthly
            .inputs
            .iter()
            .map(|i| i.name.to_string())
            .collect()
    };
    let e = eval(s.clone());
    assert!(
        !names(&e)
            .iter()
            .any(|n| n.starts_with("cache-write") || n.ends_with("cache-write share")),
        "no cache writes: nothing of them weighs"
    );
    s.task_types[0].cache_write_share = 0.1;
    s.task_types[0].cached_input_share = 0.5;
    let e = eval(s.clone());
    let write = e.api[0]
        .monthly
        .inputs
        .iter()
        .find(|i| i.name == "cache-write price")
        .expect("cache-write price listed");
    assert_eq!(write.value, s.api_tiers[0].cache_write_per_mtok);
    assert!(write.source.is_some(), "with its source");
    let task = &s.task_types[0].name;
    for what in ["cache-write share", "cached input share"] {
        assert!(
            names(&e).contains(&format!("{task}: {what}")),
            "{what}: {:?}",
            names(&e)
        );
    }
}

#[test]
fn article_template_self_hosted_cost_is_hand_computed() {
    let e = eval(templates::haiku_vs_4090());
    let r = &e.selfhosted[0];
    // Typed 80 tok/s, 400-token answers: 5 s per request. 500,000 calls over 720 h =
    // 0.1929 calls/s x 5 s / 0.5 utilisation = 1.93 -> 2 replicas.
    assert_eq!(r.replicas.as_ref().map(|x| x.value), Some(2.0));
    // GPU time 2 x 0.44 x 720 = 633.6; people: maintenance 3 x 150 = 450, upgrades
    // 1 x 1 x 8 x 150 / 12 = 100. Setup 3 x 8 x 150 = 3,600 is one-off, apart.
    assert!((r.breakdown.gpu_time - 633.6).abs() < 1e-9);
    assert!((r.breakdown.people_maintenance - 450.0).abs() < 1e-9);
    assert!((r.breakdown.people_upgrades - 100.0).abs() < 1e-9);
    assert!((r.monthly.as_ref().map_or(0.0, |m| m.value) - 1183.6).abs() < 1e-9);
    assert!((r.setup.as_ref().map_or(0.0, |m| m.value) - 3600.0).abs() < 1e-9);
    assert!(
        (r.breakdown.total() - 1183.6).abs() < 1e-9,
        "the breakdown is steady state"
    );
}

#[test]
fn batched_estimate_is_many_times_single_user_speed() {
    let e = eval(templates::haiku_vs_4090());
    let typed = e.selfhosted[0].throughput.as_ref().expect("typed").value;
    let est = e.selfhosted[1]
        .throughput
        .as_ref()
        .expect("estimated")
        .value;
    assert_eq!(typed, 80.0);
    assert!(
        est > 5.0 * typed,
        "a batched server makes many times the single-user speed: {est}"
    );
    // ... and never above the hardware's bound at perfect efficiency.
    assert!(e.selfhosted[1].warnings.is_empty());
}

#[test]
fn seventy_b_on_two_a100s_fits_and_is_estimated() {
    let e = eval(templates::sonnet_vs_2xa100());
    let r = &e.selfhosted[0];
    assert_eq!(r.fits, Some(true), "{:?}", r.fit);
    assert!(r.unusable.is_none());
    // 2 x 2.49 x 720 = 3585.6 of GPU time per replica.
    let replicas = r.replicas.as_ref().expect("usable").value;
    assert!((r.breakdown.gpu_time - 3585.6 * replicas).abs() < 1e-6);
}

#[test]
fn a_config_that_does_not_fit_says_by_how_much_and_is_left_out() {
    let mut s = templates::sonnet_vs_2xa100();
    s.gpu_configs[0].gpus_per_replica = 1;
    s.gpu_configs[0].precision = Precision::Bf16;
    let e = eval(s);
    let r = &e.selfhosted[0];
    assert_eq!(r.fits, Some(false));
    assert!(
        r.unusable
            .as_deref()
            .is_some_and(|u| u.contains("does not fit by 70.6 GB")),
        "{:?}",
        r.unusable
    );
    assert!(e.break_even[0].statement.contains("cannot serve"));
    assert!(e
        .curves
        .series
        .iter()
        .all(|c| c.option != OptionRef::Config(0)));
}

#[test]
fn break_even_statement_and_crossings_agree() {
    let e = eval(templates::haiku_vs_4090());
    let pair = &e.break_even[1]; // Haiku 3.5 vs the estimated (batched) 4090
    let first = pair.crossings.first().expect("a crossing");
    assert_eq!(first.kind, CrossingKind::SelfBecomesCheaper);
    assert!((first.api_cost - first.self_cost).abs() <= 1e-4 * first.api_cost);
    assert!(
        pair.statement
            .contains("becomes cheaper than Claude Haiku 3.5"),
        "{}",
        pair.statement
    );
}

#[test]
fn invalid_inputs_name_their_field() {
    let mut s = templates::haiku_vs_4090();
    s.task_types[0].calls_per_month = f64::NAN;
    s.api_tiers[1].output_per_mtok = -1.0;
    if let Hosting::Cloud(c) = &mut s.gpu_configs[1].hosting {
        c.hourly_usd = 0.0;
    }
    s.gpu_configs[0].target_utilisation = 1.5;
    let err = validate(s).expect_err("invalid");
    let msgs: Vec<String> = err.0.iter().map(|e| e.to_string()).collect();
    assert!(
        msgs.contains(&"task_types[0].calls_per_month: must be a number".to_string()),
        "{msgs:?}"
    );
    assert!(
        msgs.contains(&"api_tiers[1].output_per_mtok: cannot be negative".to_string()),
        "{msgs:?}"
    );
    assert!(
        msgs.contains(&"gpu_configs[1].hosting.hourly_usd: must be above 0".to_string()),
        "{msgs:?}"
    );
    assert!(
        msgs.contains(
            &"gpu_configs[0].target_utilisation: must be from 0.01 (1%) to 1".to_string()
        ),
        "{msgs:?}"
    );
}

#[test]
fn a_negative_count_gets_one_message_and_zero_calls_get_the_workload_message() {
    let messages = |calls: &[f64]| {
        let mut s = templates::haiku_vs_4090();
        let t = s.task_types[0].clone();
        s.task_types = calls
            .iter()
            .map(|&c| TaskType {
                calls_per_month: c,
                ..t.clone()
            })
            .collect();
        validate(s)
            .expect_err("invalid")
            .0
            .iter()
            .map(|e| e.to_string())
            .collect::<Vec<_>>()
    };
    assert_eq!(
        messages(&[-5.0]),
        ["task_types[0].calls_per_month: cannot be negative"]
    );
    assert_eq!(
        messages(&[0.0, 0.0]),
        ["task_types[0].calls_per_month: the workload needs some calls: total calls per month must be above 0"]
    );
}

#[test]
fn on_prem_costs_are_hand_computed() {
    let mut s = templates::haiku_vs_4090();
    s.hours_per_month = 730.0;
    s.gpu_configs.truncate(1);
    s.gpu_configs[0].replica_mode = ReplicaMode::Fixed;
    s.gpu_configs[0].replicas = 1;
    s.gpu_configs[0].people = PeopleCosts {
        setup_days: 0.0,
        maintenance_hours_per_month: 0.0,
        upgrades_per_year: 0.0,
        ..PeopleCosts::default()
    };
    s.gpu_configs[0].hosting = Hosting::OnPrem(OnPremPricing {
        gpu_price_usd: 2000.0,
        server_price_usd: 1000.0,
        installation_usd: 0.0,
        amortisation_months: 36.0,
        residual_share: 0.1,
        cost_of_capital: 0.06,
        maintenance_share_per_year: 0.12,
        gpu_power_share: 1.0,
        server_base_watts: 0.0,
        usd_per_kwh: 0.10,
        pue: 1.0,
        facility_usd_per_month: 0.0,
        gpu_price_typed: true,
        gpu_price_for: String::new(),
    });
    let e = eval(s.clone());
    let b = e.selfhosted[0].breakdown;
    // Power: 450 W x 730 h = 328.5 kWh x $0.10 = $32.85.
    assert!((b.power - 32.85).abs() < 1e-9);
    // Amortised (3000 - 300)/36 = 75; capital 0.06 x (3000 + 300)/2 / 12 = 8.25; maintenance 0.12 x 3000 / 12 = 30.
    assert!(
        (b.hardware - (75.0 + 8.25 + 30.0)).abs() < 1e-9,
        "{}",
        b.hardware
    );
    // The explanation lists every input of those two sums, so a reader (and the
    // one-pager, which prints it) can work them again; the TDP is the catalog's.
    let ex = e.selfhosted[0].monthly.as_ref().expect("monthly");
    let v = |name: &str| listed(ex, name);
    let purchase = v("GPUs per replica") * v("GPU purchase price") + v("server per replica");
    let left = purchase * v("value left after the write-off");
    let rebuilt = (purchase - left) / v("written off over")
        + v("cost of capital") * (purchase + left) / 2.0 / 12.0
        + v("hardware maintenance") * purchase / 12.0;
    assert!((rebuilt - v("hardware")).abs() < 1e-9, "{rebuilt}");
    let kwh = (v("GPUs per replica") * v("GPU TDP") * v("GPU power at load")
        + v("server base power"))
        / 1000.0
        * v("hours per month")
        * v("PUE");
    assert!((kwh * v("electricity") - v("power")).abs() < 1e-9);
    assert!(ex
        .inputs
        .iter()
        .any(|i| i.name == "GPU TDP" && i.source.is_some() && i.as_of.is_some()));
    // The marginal lens treats the purchase as spent: only maintenance stays.
    s.cost_lens = CostLens::Marginal;
    let m = eval(s.clone());
    assert!((m.selfhosted[0].breakdown.hardware - 30.0).abs() < 1e-9);
    // ... and its explanation still lists what maintenance is a share of, and nothing
    // written off.
    let ex = m.selfhosted[0].monthly.as_ref().expect("monthly");
    let v = |name: &str| listed(ex, name);
    let purchase = v("GPUs per replica") * v("GPU purchase price") + v("server per replica");
    assert!((v("hardware maintenance") * purchase / 12.0 - v("hardware")).abs() < 1e-9);
    assert!(!ex.inputs.iter().any(|i| i.name == "written off over"));
    // Projection as cash: purchase in month 1.
    let p = m.projection.configs[0].as_ref().expect("usable");
    assert!(
        (p.cash.monthly[0] - p.accrual.monthly[0]).abs() < 1e-9,
        "marginal: nothing to buy"
    );
    // With growth, the replicas bought after month 1 are not already spent: each is
    // paid its purchase (3,000) when bought, amortised (75 + 8.25 a month) and worth its
    // book value at the end; the replicas of month 1 stay spent.
    s.task_types[0].monthly_growth = 0.25;
    s.gpu_configs[0].replica_mode = ReplicaMode::AsNeeded;
    let m = eval(s.clone());
    let p = m.projection.configs[0].as_ref().expect("usable");
    assert_eq!(p.purchases[0], 0.0);
    let later = (1..p.replicas.len())
        .find(|&i| p.replicas[i] > p.replicas[i - 1])
        .expect("growth buys a replica");
    let bought = p.replicas[later] - p.replicas[later - 1];
    assert!(
        (p.purchases[later] - 3_000.0 * bought).abs() < 1e-6,
        "{:?}",
        p.purchases
    );
    let steady = p.accrual.monthly[later];
    // The break-even chart prices a volume that needs more replicas than the scenario's
    // own with the added ones bought: 75 + 8.25 a month each on top of running them.
    let model = engine::internals::Model::build(&validate(s.clone()).expect("valid"));
    let sh = &model.selfhosted[0];
    let owned = sh.needed(1.0);
    let at = (owned + 1.5) / sh.demand_base;
    assert_eq!(sh.needed(at), owned + 2.0);
    let running =
        sh.fixed_total + sh.replica_total * (owned + 2.0 + sh.reserves) + sh.var_base * at;
    assert!((sh.cost_at(at) - running - 2.0 * (75.0 + 8.25)).abs() < 1e-6);
    // Below the scenario's volume nothing is bought.
    let below = 0.5 / sh.demand_base;
    let running_below =
        sh.fixed_total + sh.replica_total * (sh.needed(below) + sh.reserves) + sh.var_base * below;
    assert!((sh.cost_at(below) - running_below).abs() < 1e-9);
    s.cost_lens = CostLens::FullyLoaded;
    let full = eval(s);
    let f = full.projection.configs[0].as_ref().expect("usable");
    // Fully loaded amortises every replica; marginal only those above month 1's.
    assert!(
        (f.accrual.monthly[later] - steady - p.replicas[0] * (75.0 + 8.25)).abs() < 1e-6,
        "{} {}",
        f.accrual.monthly[later],
        steady
    );
    assert!(p.value_left > 0.0 && p.value_left < f.value_left);
}

/// The value of the input `name` an explanation lists; a test fails where it is missing.
fn listed(ex: &engine::Explained, name: &str) -> f64 {
    ex.inputs
        .iter()
        .find(|i| i.name == name)
        .map(|i| i.value)
        .unwrap_or_else(|| panic!("{name} is not listed: {}", ex.render()))
}

#[test]
fn projection_growth_and_payback() {
    let mut s = templates::haiku_vs_4090();
    s.task_types[0].monthly_growth = 0.10;
    s.task_types[0].calls_per_month = 2_000_000.0;
    let e = eval(s);
    let p = &e.projection;
    assert_eq!(p.months, 24);
    assert!((p.calls[1] / p.calls[0] - 1.1).abs() < 1e-12);
    // Cumulative is the running sum.
    let t = &p.tiers[0];
    assert!((t.cumulative[23] - t.monthly.iter().sum::<f64>()).abs() < 1e-6);
    let c = p.configs[1].as_ref().expect("usable");
    // Setup paid in cash in month 1 and accrued over 3 months.
    assert!((c.cash.monthly[0] - c.accrual.monthly[0] - (3600.0 - 1200.0)).abs() < 1e-6);
    let pay = c.payback_month.expect("pays back at 2M calls growing 10%");
    assert!(
        c.cash.cumulative[pay as usize - 1]
            <= p.tiers[p.baseline_tier.expect("baseline")].cumulative[pay as usize - 1]
    );
    if pay > 1 {
        assert!(
            c.cash.cumulative[pay as usize - 2]
                > p.tiers[p.baseline_tier.expect("baseline")].cumulative[pay as usize - 2]
        );
    }
}

#[test]
fn hybrid_routes_easy_work_to_the_gpu_and_hard_work_to_the_api() {
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
    let e = eval(s);
    let best = e.hybrid.best.as_ref().expect("a plan");
    assert!(
        matches!(best.assignment[0], OptionRef::Config(_)),
        "{:?}",
        best.assignment
    );
    assert_eq!(
        best.assignment[1],
        OptionRef::Tier(2),
        "only Sonnet meets the floor"
    );
    assert!(e.hybrid.saving_vs_all_api.expect("all-api plan") > 0.0);
    assert!(
        e.hybrid.all_self.is_none(),
        "no GPU config reaches quality 2"
    );
    let esc = e.hybrid.escalation.as_ref().expect("escalation");
    assert_eq!(esc.tier, 2);
}

#[test]
fn explanations_snapshot() {
    let e = eval(templates::haiku_vs_4090());
    let text = [
        e.api[0].monthly.render(),
        e.selfhosted[0].monthly.as_ref().expect("usable").render(),
        e.selfhosted[0].setup.as_ref().expect("usable").render(),
        e.selfhosted[1].replicas.as_ref().expect("usable").render(),
        e.selfhosted[1]
            .throughput
            .as_ref()
            .expect("estimate")
            .render(),
    ]
    .join("\n");
    insta::assert_snapshot!(text);
}

/// On the volume chart the volume is held at each x. With two task types a range on one
/// type's calls moves the mix: the band spreads, but only as far as the mix can move it
/// (the calls scaled back to the total), never as far as the extra volume would.
#[test]
fn a_calls_range_moves_the_mix_in_the_volume_band_not_the_volume() {
    let mut s = templates::haiku_vs_4090();
    let mut long = s.task_types[0].clone();
    long.name = "Long reports".into();
    long.calls_per_month = 100_000.0;
    long.input_tokens = 8_000.0;
    long.output_tokens = 2_000.0;
    s.task_types.push(long);
    let total = 600_000.0;
    let range = InputRange {
        path: "task_types[1].calls_per_month".into(),
        low: 50_000.0,
        high: 200_000.0,
    };
    // The tier's cost at the total volume with the long type at `b` calls of `b + 500k`.
    let api_at_mix = |b: f64| {
        let mut m = s.clone();
        m.task_types[0].calls_per_month = total * 500_000.0 / (500_000.0 + b);
        m.task_types[1].calls_per_month = total * b / (500_000.0 + b);
        eval(m).api[0].monthly.value
    };
    let (lo, hi) = (api_at_mix(50_000.0), api_at_mix(200_000.0));
    let mut ranged = s.clone();
    ranged.ranges.push(range.clone());
    let v = validate(ranged).expect("valid");
    let u = engine::internals::uncertainty_at_volume(&v, 2000, &[1.0], 7, Held::Calls)
        .expect("a mix range is in the band");
    let tier = &u.bands[0];
    assert!(
        tier.p10[0] < tier.p90[0],
        "the mix spreads the band: {tier:?}"
    );
    assert!(
        lo - 1e-6 <= tier.p10[0] && tier.p90[0] <= hi + 1e-6,
        "within what the mix can do ({lo} .. {hi}), the volume held: {tier:?}"
    );
    // One task type: its calls are the volume itself, held at x, so no band.
    let mut one = templates::haiku_vs_4090();
    one.ranges.push(InputRange {
        path: "task_types[0].calls_per_month".into(),
        low: 300_000.0,
        high: 900_000.0,
    });
    let v = validate(one).expect("valid");
    assert!(engine::internals::uncertainty_at_volume(&v, 200, &[1.0], 7, Held::Calls).is_none());
}

/// On the tokens axis the output tokens are held at each x: a mix that shifts calls to a
/// type with longer answers means fewer calls for the same tokens. The band's tier cost
/// stays within what the mix can do at the held tokens, and it differs from the band
/// that holds calls (a band holding calls would put more tokens than x under the point).
#[test]
fn the_tokens_axis_band_holds_output_tokens_not_calls() {
    let mut s = templates::haiku_vs_4090();
    let mut long = s.task_types[0].clone();
    long.name = "Long reports".into();
    long.calls_per_month = 100_000.0;
    long.output_tokens = 4.0 * s.task_types[0].output_tokens;
    s.task_types.push(long);
    let per = |s: &engine::Scenario| {
        s.task_types
            .iter()
            .map(|t| t.calls_per_month * t.output_tokens)
            .sum::<f64>()
    };
    let tokens = per(&s);
    // The tier's cost with the long type at `b` calls, the calls scaled so the output
    // tokens are `tokens`.
    let api_at_mix = |b: f64| {
        let mut m = s.clone();
        m.task_types[1].calls_per_month = b;
        let k = tokens / per(&m);
        for t in &mut m.task_types {
            t.calls_per_month *= k;
        }
        eval(m).api[0].monthly.value
    };
    let (a, b) = (api_at_mix(50_000.0), api_at_mix(200_000.0));
    let (lo, hi) = (a.min(b), a.max(b));
    let mut ranged = s.clone();
    ranged.ranges.push(InputRange {
        path: "task_types[1].calls_per_month".into(),
        low: 50_000.0,
        high: 200_000.0,
    });
    let v = validate(ranged).expect("valid");
    let on_tokens =
        engine::internals::uncertainty_at_volume(&v, 2000, &[1.0], 7, Held::OutputTokens)
            .expect("a mix range is in the band");
    let on_calls = engine::internals::uncertainty_at_volume(&v, 2000, &[1.0], 7, Held::Calls)
        .expect("a mix range is in the band");
    let tier = &on_tokens.bands[0];
    assert!(tier.p10[0] < tier.p90[0], "{tier:?}");
    assert!(
        lo - 1e-6 <= tier.p10[0] && tier.p90[0] <= hi + 1e-6,
        "within what the mix can do at the held tokens ({lo} .. {hi}): {tier:?}"
    );
    assert_ne!(
        tier, &on_calls.bands[0],
        "holding tokens is not holding calls"
    );
    // One task type, a range on its output length: on the calls axis it moves the cost at
    // each x; on the tokens axis too (fewer, longer answers for the same tokens).
    let mut one = templates::haiku_vs_4090();
    let out = one.task_types[0].output_tokens;
    one.ranges.push(InputRange {
        path: "task_types[0].output_tokens".into(),
        low: out / 2.0,
        high: out * 2.0,
    });
    let v = validate(one).expect("valid");
    let t = engine::internals::uncertainty_at_volume(&v, 500, &[1.0], 7, Held::OutputTokens)
        .expect("an output range is in the band");
    let c = engine::internals::uncertainty_at_volume(&v, 500, &[1.0], 7, Held::Calls)
        .expect("an output range is in the band");
    assert!(t.bands[0].p10[0] < t.bands[0].p90[0], "{:?}", t.bands[0]);
    assert_ne!(t.bands[0], c.bands[0]);
}

#[test]
fn sensitivity_sorted_and_uncertainty_band_ordered() {
    let mut s = templates::haiku_vs_4090();
    s.ranges.push(InputRange {
        path: "gpu_configs[1].hosting.hourly_usd".into(),
        low: 0.34,
        high: 0.74,
    });
    s.ranges.push(InputRange {
        path: "task_types[0].calls_per_month".into(),
        low: 300_000.0,
        high: 900_000.0,
    });
    let v = validate(s).expect("valid");
    let rows = engine::internals::sensitivity(&v, &engine::Param::all(v.get()));
    assert!(rows
        .windows(2)
        .all(|w| w[0].saving_swing >= w[1].saving_swing));
    let hourly = rows
        .iter()
        .find(|r| r.path == "gpu_configs[1].hosting.hourly_usd")
        .expect("row");
    assert_eq!(
        (hourly.low, hourly.high),
        (0.34, 0.74),
        "uses the given range"
    );
    let u = engine::internals::uncertainty(&v, 2000, &[0.5, 1.0, 2.0], 7);
    assert_eq!(u.samples, 2000);
    for b in &u.bands {
        for i in 0..3 {
            assert!(b.p10[i] <= b.p50[i] && b.p50[i] <= b.p90[i]);
        }
    }
    let [p10, p50, p90] = u.saving.expect("saving distribution");
    assert!(
        p10 < p50 && p50 < p90,
        "the ranges spread the saving: {p10} {p50} {p90}"
    );
}

#[test]
fn a_custom_gpu_from_the_scenario_is_used_with_its_own_source() {
    let mut s = engine::templates::template("haiku-vs-4090").expect("template");
    let mut gpu = engine::catalog::gpu("rtx-4090").expect("4090").clone();
    gpu.id = "team-4090-oc".into();
    gpu.name = "Our overclocked 4090".into();
    gpu.bandwidth_gbs *= 1.5;
    gpu.source = "custom catalog: measured by the infra team".into();
    gpu.as_of = "2026-11-27".into();
    let base = engine::evaluate(
        &engine::validate(s.clone()).expect("valid"),
        engine::Options::default(),
    );
    s.custom_gpus.push(gpu);
    let k = s
        .gpu_configs
        .iter()
        .position(|g| matches!(g.throughput, engine::scenario::ThroughputSource::Estimated))
        .expect("an estimated configuration");
    s.gpu_configs[k].gpu = "team-4090-oc".into();
    let e = engine::evaluate(
        &engine::validate(s.clone()).expect("valid"),
        engine::Options::default(),
    );
    let tp = |e: &engine::Evaluation| e.selfhosted[k].throughput.clone().expect("throughput");
    assert!(
        tp(&e).value > tp(&base).value,
        "more bandwidth, more decode throughput"
    );
    assert!(tp(&e)
        .inputs
        .iter()
        .any(|i| i.source.as_deref() == Some("custom catalog: measured by the infra team")));
    // An id that shadows the built-in catalog is refused at the field.
    s.custom_gpus[0].id = "rtx-4090".into();
    let err = engine::validate(s).expect_err("shadowing id");
    assert!(
        err.0.iter().any(|f| f.path == "custom_gpus[0].id"),
        "{:?}",
        err.0
    );
}

/// Break-evens respect quality: an 8B model (quality 1) is compared with a small tier,
/// not with a frontier one; a tier under the workload's floor is compared with nothing;
/// the cheapest option is one that meets the floor.
#[test]
fn break_evens_and_the_cheapest_option_respect_quality_floors() {
    let tier = |id: &str| engine::catalog::tier(id).expect("catalog tier").to_tier();
    let mut s = templates::haiku_vs_4090();
    s.api_tiers = vec![tier("claude-haiku-4.5"), tier("claude-opus-4.6")];
    assert_eq!((s.api_tiers[0].quality, s.api_tiers[1].quality), (1, 3));
    let e = eval(s.clone());
    assert_eq!(e.quality_floor, 1);
    // Both configurations run Llama 3.1 8B (quality 1): compared with Haiku, not Opus.
    let compared: Vec<(usize, usize)> = e.break_even.iter().map(|p| (p.tier, p.config)).collect();
    assert_eq!(compared, vec![(0, 0), (0, 1)]);
    assert_eq!(e.not_compared.len(), 2);
    assert!(
        e.not_compared
            .iter()
            .all(|n| n.tier == 1 && n.reason.contains("no substitute")),
        "{:?}",
        e.not_compared
    );

    // A floor of 3 leaves only Opus: no pair is compared and Opus is the cheapest, even
    // though the 8B configurations cost less.
    s.task_types[0].quality_floor = 3;
    let e = eval(s);
    assert_eq!(e.quality_floor, 3);
    assert!(e.break_even.is_empty());
    assert_eq!(e.not_compared.len(), 4);
    assert!(e
        .not_compared
        .iter()
        .any(|n| n.tier == 0 && n.reason.contains("below the workload's quality floor")));
    let cheapest = e.cheapest.clone().expect("Opus meets the floor");
    assert_eq!(cheapest.option, OptionRef::Tier(1));
    let self_cost = e.selfhosted[0].monthly.as_ref().expect("usable").value;
    assert!(
        self_cost < cheapest.monthly_cost,
        "the 8B is cheaper but below the floor"
    );
    assert!(
        e.cheapest_overall.iter().all(|r| r.is_empty()),
        "no configuration meets the floor"
    );
    // The headline weighs no option under the floor either: no saving "against" the 8B
    // configurations, no payback for them.
    let h = engine::report::headline(&e).expect("headline");
    assert_eq!(h.cheapest, e.api[1].name);
    assert_eq!(h.saving, None);
    assert_eq!(h.payback_month, None);
}

/// One Opus call among a thousand a small model serves sets the workload's floor for all
/// the traffic: said, with its share, so nobody reads "Opus is the cheapest" as a price
/// comparison of the whole workload.
#[test]
fn a_floor_set_by_a_small_share_of_the_calls_is_said() {
    let mut s = templates::haiku_vs_4090();
    let e = eval(s.clone());
    assert_eq!(
        e.floor_note, None,
        "one task type: its floor is the workload's"
    );
    let mut rare = s.task_types[0].clone();
    rare.name = "claude-opus-4-1".into();
    rare.calls_per_month = 33.0;
    rare.quality_floor = 3;
    s.task_types.push(rare);
    let e = eval(s.clone());
    assert_eq!(e.quality_floor, 3);
    let note = e.floor_note.expect("said");
    assert!(
        note.starts_with("The quality floor 3 (frontier models) comes from \u{201c}claude-opus-4-1\u{201d} alone, under 0.1% of the calls"),
        "{note}"
    );
    // A floor most of the calls need is not said.
    s.task_types[1].calls_per_month = 500_000.0;
    assert_eq!(eval(s).floor_note, None);
}

/// Bought hardware with every running cost left at nothing (the defaults) says so on its
/// figure; one running cost set, and it does not.
#[test]
fn bought_hardware_with_no_running_costs_says_so() {
    let mut s = templates::haiku_vs_4090();
    s.gpu_configs[0].hosting = Hosting::OnPrem(OnPremPricing::default());
    let said = |s: &Scenario| {
        eval(s.clone()).selfhosted[0]
            .warnings
            .iter()
            .any(|w| w.contains("no facility cost, no maintenance, no cost of capital"))
    };
    assert!(said(&s));
    if let Hosting::OnPrem(o) = &mut s.gpu_configs[0].hosting {
        o.pue = 1.4;
    }
    assert!(!said(&s));
}

#[test]
fn an_fp8_estimate_lists_the_fp8_tensor_rate_it_runs_at() {
    // 70B in int8 on 2 A100s runs its matmuls in bf16; on 2 H100 SXM in fp8 the prefill runs
    // at the fp8 rate, 1,978.9 TFLOP/s, and the explanation lists that rate, not bf16's.
    let mut s = templates::sonnet_vs_2xa100();
    let bf16 = eval(s.clone());
    let ex = bf16.selfhosted[0].throughput.as_ref().expect("explained");
    assert_eq!(listed(ex, "dense TFLOP/s (bf16 tensor cores)"), 312.0);
    s.gpu_configs[0].gpu = "h100-sxm".into();
    s.gpu_configs[0].precision = Precision::Fp8;
    let e = eval(s.clone());
    let fp8 = e.selfhosted[0]
        .throughput
        .as_ref()
        .expect("explained")
        .clone();
    assert_eq!(listed(&fp8, "dense TFLOP/s (fp8 tensor cores)"), 1978.9);
    // The rate listed is the one used: int8 weights (as many bytes) dequantised to bf16
    // on the same GPUs prefill more slowly.
    s.gpu_configs[0].precision = Precision::Int8;
    let slower = eval(s);
    let slow = slower.selfhosted[0].throughput.as_ref().expect("explained");
    assert_eq!(listed(slow, "dense TFLOP/s (bf16 tensor cores)"), 989.4);
    assert!(
        listed(slow, "prefill per request") > 1.5 * listed(&fp8, "prefill per request"),
        "{} vs {}",
        listed(slow, "prefill per request"),
        listed(&fp8, "prefill per request")
    );
}

#[test]
fn fixed_replicas_are_no_ones_cheapest_past_where_they_are_full() {
    let mut s = templates::sonnet_vs_2xa100();
    s.gpu_configs[0].replica_mode = ReplicaMode::Fixed;
    s.gpu_configs[0].replicas = 2;
    let e = eval(s.clone());
    let full = e.selfhosted[0]
        .capacity_calls
        .expect("fixed replicas fill up");
    let calls: f64 = s.task_types.iter().map(|t| t.calls_per_month).sum();
    // Two replicas at the planned volume: the peak they carry is the capacity's share.
    let util = e.selfhosted[0].utilisation.expect("usable");
    assert!(full > calls, "{full} vs {calls}");
    // Where the configuration is the cheapest of all, the range ends where it is full.
    let ranges = &e.cheapest_overall[0];
    assert!(
        !ranges.is_empty(),
        "two replicas are the cheapest somewhere: {ranges:?}"
    );
    let last = ranges.last().expect("a range")[1];
    assert!(
        (last - full).abs() <= 1e-6 * full,
        "{last} vs {full} (utilisation {util})"
    );
    // Three times past it, the flat cost of two replicas is no one's cheapest, and the
    // results say they cannot carry the peak.
    for t in &mut s.task_types {
        t.calls_per_month *= 3.0 * full / calls;
    }
    let over = eval(s);
    let cheapest = over.cheapest.expect("a cheapest");
    assert_ne!(cheapest.option, OptionRef::Config(0));
    assert!(over.selfhosted[0]
        .warnings
        .iter()
        .any(|w| w.contains("cannot carry the peak")));
    assert!(over.cheapest_overall[0]
        .iter()
        .all(|r| r[1] <= full * 1.0001));
}
