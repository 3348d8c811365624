//! Properties that must hold for every scenario, not only the examples.

use engine::breakeven::{self, CrossingKind};
use engine::model::Model;
use engine::params::Param;
use engine::scenario::*;
use engine::{templates, validate};
use proptest::prelude::*;

#[allow(clippy::too_many_arguments)]
fn scenario(
    calls: f64,
    inp: f64,
    out: f64,
    hourly: f64,
    tok_s: Option<f64>,
    peak: f64,
    util: f64,
    people: f64,
    reserve: u32,
) -> Scenario {
    let mut s = templates::haiku_vs_4090();
    s.task_types[0].calls_per_month = calls;
    s.task_types[0].input_tokens = inp;
    s.task_types[0].output_tokens = out;
    s.task_types[0].peak_to_average = peak;
    let g = &mut s.gpu_configs[1];
    g.hosting = Hosting::Cloud(CloudPricing {
        hourly_usd: hourly,
        ..CloudPricing::default()
    });
    g.throughput = match tok_s {
        Some(t) => ThroughputSource::Typed {
            output_tokens_per_s: t,
        },
        None => ThroughputSource::Estimated,
    };
    g.target_utilisation = util;
    g.people.engineer_usd_per_hour = people;
    g.reserve_replicas = reserve;
    s
}

prop_compose! {
    fn any_scenario()(calls in 1.0e3..5.0e7f64, inp in 0.0..8000.0f64, out in 1.0..2000.0f64, hourly in 0.1..10.0f64,
                      tok_s in proptest::option::of(5.0..3000.0f64), peak in 1.0..4.0f64, util in 0.1..1.0f64,
                      people in 0.0..300.0f64, reserve in 0u32..3) -> Scenario {
        scenario(calls, inp, out, hourly, tok_s, peak, util, people, reserve)
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn api_cost_is_linear_in_volume(s in any_scenario(), k in 0.0..50.0f64) {
        let v = validate(s).expect("valid");
        let m = Model::build(&v);
        for a in &m.api {
            let lhs = a.cost_at(k);
            let rhs = k * a.cost_at(1.0);
            prop_assert!((lhs - rhs).abs() <= 1e-9 * rhs.abs().max(1.0));
            let calls: Vec<f64> = m.calls.iter().map(|c| c * k).collect();
            prop_assert!((a.cost_for(&calls) - lhs).abs() <= 1e-9 * lhs.abs().max(1.0));
        }
    }

    #[test]
    fn self_hosted_cost_never_decreases_with_volume(s in any_scenario(), a in 0.0..100.0f64, b in 0.0..100.0f64) {
        let v = validate(s).expect("valid");
        let m = Model::build(&v);
        let (lo, hi) = if a <= b { (a, b) } else { (b, a) };
        for sh in &m.selfhosted {
            prop_assert!(sh.cost_at(lo) <= sh.cost_at(hi) + 1e-9);
        }
    }

    #[test]
    fn costs_agree_at_every_reported_break_even(s in any_scenario()) {
        let v = validate(s).expect("valid");
        let m = Model::build(&v);
        for (j, a) in m.api.iter().enumerate() {
            for (k, sh) in m.selfhosted.iter().enumerate() {
                let p = breakeven::solve(j, k, a, sh);
                prop_assert_eq!(breakeven::first_cheaper(a, sh), p.first_cheaper_scale);
                for (i, c) in p.crossings.iter().enumerate() {
                    // Probe just past (or before) the crossing, but never past the
                    // neighbouring crossing: with thousands of replicas a step can follow
                    // a crossing within 1e-10 of scale.
                    let after = match p.crossings.get(i + 1) {
                        Some(n) => (c.scale * (1.0 + 1e-9)).min((c.scale + n.scale) / 2.0),
                        None => c.scale * (1.0 + 1e-9),
                    };
                    let before = match i.checked_sub(1).map(|k| &p.crossings[k]) {
                        Some(n) => (c.scale * (1.0 - 1e-9)).max((c.scale + n.scale) / 2.0),
                        None => c.scale * (1.0 - 1e-9),
                    };
                    match c.kind {
                        CrossingKind::SelfBecomesCheaper => {
                            let api = a.cost_at(c.scale);
                            let own = sh.cost_at(c.scale);
                            prop_assert!((api - own).abs() <= 1e-4 * api.max(own), "{api} vs {own} at {}", c.scale);
                            // and just above it, self-hosting is the cheaper one
                            prop_assert!(sh.cost_at(after) <= a.cost_at(after) * (1.0 + 1e-6));
                        }
                        CrossingKind::StepMakesSelfDearer => {
                            // just before the step self-hosting was not dearer; just past it, it is.
                            prop_assert!(sh.cost_at(before) <= a.cost_at(before) * (1.0 + 1e-6));
                            prop_assert!(sh.cost_at(after) > a.cost_at(after));
                        }
                    }
                }
                // No crossing missed: on a fine grid, every sign change lies next to a reported one.
                if p.more == 0 && p.unusable.is_none() {
                    let grid: Vec<f64> = (1..400).map(|i| i as f64 * 0.05).collect();
                    for w in grid.windows(2) {
                        let before = sh.cost_at(w[0]) < a.cost_at(w[0]);
                        let after = sh.cost_at(w[1]) < a.cost_at(w[1]);
                        if before != after {
                            prop_assert!(p.crossings.iter().any(|c| c.scale >= w[0] - 1e-9 && c.scale <= w[1] + 1e-9),
                                "sign change in [{}, {}] not reported: {:?}", w[0], w[1], p.crossings);
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn more_throughput_never_costs_more(s in any_scenario(), t in 5.0..3000.0f64, boost in 1.0..10.0f64, scale in 0.0..20.0f64) {
        let mut s1 = s.clone();
        s1.gpu_configs[1].throughput = ThroughputSource::Typed { output_tokens_per_s: t };
        let mut s2 = s;
        s2.gpu_configs[1].throughput = ThroughputSource::Typed { output_tokens_per_s: t * boost };
        let m1 = Model::build(&validate(s1).expect("valid"));
        let m2 = Model::build(&validate(s2).expect("valid"));
        prop_assert!(m2.selfhosted[1].cost_at(scale) <= m1.selfhosted[1].cost_at(scale) + 1e-9);
    }

    #[test]
    fn estimate_never_exceeds_the_bandwidth_bound(gpu in 0usize..12, model in 0usize..12, prec in 0usize..4, n in 1u32..9,
                                                   prompt in 0.0..16000.0f64, out in 1.0..4000.0f64, batch in 1.0..512.0f64) {
        let g = &engine::catalog::GPUS[gpu];
        let m = &engine::catalog::MODELS[model];
        let p = [Precision::Bf16, Precision::Fp8, Precision::Int8, Precision::Q4][prec];
        if let Some(e) = engine::throughput::estimate(g, m, p, n, prompt, out, batch, 0.66, 0.59) {
            let bound = engine::throughput::physical_bound(g, m, p, n, prompt, out).expect("fits if the estimate does");
            prop_assert!(e.output_tok_s <= bound * (1.0 + 1e-9));
            // Per-stream decode never beats reading the active weights once per token.
            let w_active = m.active_params_b * p.bytes_per_param() * 1e9;
            prop_assert!(e.per_stream_tok_s <= f64::from(n) * g.bandwidth_gbs * 1e9 / w_active * (1.0 + 1e-9));
        }
    }

    #[test]
    fn an_unused_input_has_zero_sensitivity(s in any_scenario(), price in 500.0..1000.0f64) {
        // A tier far too dear to be the baseline: its prices never touch the decision.
        let mut s = s;
        let mut t = s.api_tiers[0].clone();
        t.name = "Unused".into();
        t.input_per_mtok = price;
        t.output_per_mtok = price * 5.0;
        s.api_tiers.push(t);
        let v = validate(s).expect("valid");
        let j = v.get().api_tiers.len() - 1;
        let params = [Param::Tier(j, engine::params::TierField::Input), Param::Tier(j, engine::params::TierField::Output)];
        for row in engine::sensitivity::sensitivity(&v, &params) {
            prop_assert_eq!(row.saving_swing, 0.0);
            prop_assert_eq!(row.break_even_swing, 0.0);
        }
    }

    #[test]
    fn no_input_makes_the_engine_panic_or_return_nan(calls in proptest::num::f64::ANY, out in proptest::num::f64::ANY, hourly in proptest::num::f64::ANY) {
        let mut s = templates::haiku_vs_4090();
        s.task_types[0].calls_per_month = calls;
        s.task_types[0].output_tokens = out;
        s.gpu_configs[0].hosting = Hosting::Cloud(CloudPricing { hourly_usd: hourly, ..CloudPricing::default() });
        if let Ok(v) = validate(s) {
            let e = engine::evaluate(&v, Default::default());
            for a in &e.api { prop_assert!(a.monthly.value.is_finite()); }
            for r in e.selfhosted.iter().filter_map(|r| r.monthly.as_ref()) { prop_assert!(r.value.is_finite()); }
        }
    }
}
