//! Properties that must hold for every scenario, not only the examples.
//!
//! [`any_scenario`] reaches the whole model: one to four task types (cache reads and
//! writes, batch shares, long prompts past a tier's long-context threshold, quality
//! floors, growth, peaks); catalog and custom API tiers (every cache, batch and
//! long-context price); one to three GPU configurations on any catalog or custom GPU and
//! any catalog model (indices into the catalogs' real lengths), at every precision,
//! hosted in the cloud (on-demand, spot, reserved; always-on, active window,
//! scale-to-zero with a runtime buffer) or on-prem (purchase, installation, residual
//! value, cost of capital, maintenance, power, PUE, facility), with estimated, typed or
//! benchmarked throughput, fixed or as-needed replicas and reserves; both cost lenses.
//! Every generated scenario is valid by construction (the first property checks that).

use engine::catalog::{GpuEntry, GPUS, MODELS, TIERS};
use engine::internals as breakeven;
use engine::internals::Model;
use engine::scenario::*;
use engine::CrossingKind;
use engine::Param;
use engine::{templates, validate, Options};
use proptest::prelude::*;
use proptest::sample::Index;

/// A share that is often exactly zero (the default) and otherwise anywhere in [0, 1].
fn share() -> impl Strategy<Value = f64> {
    prop_oneof![1 => Just(0.0), 3 => 0.0..=1.0f64]
}

fn task_type() -> impl Strategy<Value = TaskType> {
    (
        prop_oneof![1 => Just(0.0), 9 => 1.0e3..5.0e7f64],
        // Mostly chat-sized prompts; some past the 200k long-context threshold.
        prop_oneof![8 => 0.0..8000.0f64, 1 => 150_000.0..300_000.0f64],
        1.0..2000.0f64,
        (share(), 0.0..=1.0f64, share()),
        (1u8..=3, -0.5..=2.0f64, 1.0..4.0f64),
    )
        .prop_map(
            |(calls, input, output, (cached, write_part, batch), (floor, growth, peak))| TaskType {
                name: "task".into(),
                calls_per_month: calls,
                input_tokens: input,
                output_tokens: output,
                cached_input_share: cached,
                // Reads and writes together never exceed the whole input.
                cache_write_share: (1.0 - cached) * write_part,
                batch_share: batch,
                quality_floor: floor,
                monthly_growth: growth,
                peak_to_average: peak,
                measured: Vec::new(),
                ..TaskType::default()
            },
        )
}

fn api_tier() -> impl Strategy<Value = ApiTier> {
    let custom = (
        (0.0..20.0f64, 0.0..100.0f64),
        // Cache reads are usually cheaper than input (every Claude tier); sometimes not.
        (0.0..1.2f64, 0.0..2.0f64, 0.0..=1.0f64),
        (
            proptest::option::of(100.0..250_000.0f64),
            1.0..=10.0f64,
            1.0..=10.0f64,
        ),
        1u8..=3,
    )
        .prop_map(
            |((input, output), (read_x, write_x, batch), (threshold, li, lo), quality)| ApiTier {
                name: "Custom tier".into(),
                input_per_mtok: input,
                output_per_mtok: output,
                cache_read_per_mtok: input * read_x,
                cache_write_per_mtok: input * write_x,
                batch_discount: batch,
                long_context_threshold: threshold,
                long_context_input_multiplier: li,
                long_context_output_multiplier: lo,
                quality,
                ..ApiTier::default()
            },
        );
    prop_oneof![(0..TIERS.len()).prop_map(|i| TIERS[i].to_tier()), custom,]
}

fn custom_gpu(i: usize) -> impl Strategy<Value = GpuEntry> {
    (
        8.0..200.0f64,
        100.0..8000.0f64,
        20.0..2000.0f64,
        proptest::option::of(1.0..2.5f64),
        0.0..1000.0f64,
        proptest::option::of(0.0..40_000.0f64),
    )
        .prop_map(move |(vram, bw, bf16, fp8_x, tdp, price)| GpuEntry {
            id: format!("team-gpu-{i}").into(),
            name: format!("Team GPU {i}").into(),
            vram_gb: vram,
            bandwidth_gbs: bw,
            bf16_tflops: bf16,
            fp8_tflops: fp8_x.map(|x| bf16 * x),
            tdp_w: tdp,
            purchase_usd: price,
            source: "custom catalog".into(),
            as_of: "2026-11-27".into(),
        })
}

fn cloud() -> impl Strategy<Value = Hosting> {
    (
        0.05..10.0f64,
        prop_oneof![
            Just(PriceKind::OnDemand),
            Just(PriceKind::Spot),
            Just(PriceKind::Reserved)
        ],
        prop_oneof![
            Just(Billing::AlwaysOn),
            Just(Billing::ActiveWindow),
            Just(Billing::ScaleToZero)
        ],
        0.5..=24.0f64,
        0.0..=2.0f64,
    )
        .prop_map(|(hourly, kind, billing, active, buffer)| {
            Hosting::Cloud(CloudPricing {
                hourly_usd: hourly,
                price_kind: kind,
                billing,
                active_hours_per_day: active,
                runtime_buffer: buffer,
                ..CloudPricing::default()
            })
        })
}

fn on_prem() -> impl Strategy<Value = Hosting> {
    (
        (100.0..40_000.0f64, 0.0..20_000.0f64, 0.0..5_000.0f64),
        (1.0..=240.0f64, 0.0..=1.0f64, 0.0..=0.3f64, 0.0..=0.3f64),
        (0.0..=1.5f64, 0.0..2000.0f64, 0.0..0.5f64, 1.0..=3.0f64),
        0.0..2000.0f64,
    )
        .prop_map(
            |(
                (gpu, server, install),
                (months, residual, capital, maint),
                (power, base_w, kwh, pue),
                facility,
            )| {
                Hosting::OnPrem(OnPremPricing {
                    gpu_price_usd: gpu,
                    server_price_usd: server,
                    installation_usd: install,
                    amortisation_months: months,
                    residual_share: residual,
                    cost_of_capital: capital,
                    maintenance_share_per_year: maint,
                    gpu_power_share: power,
                    server_base_watts: base_w,
                    usd_per_kwh: kwh,
                    pue,
                    facility_usd_per_month: facility,
                    gpu_price_typed: true,
                    gpu_price_for: String::new(),
                })
            },
        )
}

fn throughput() -> impl Strategy<Value = ThroughputSource> {
    prop_oneof![
        Just(ThroughputSource::Estimated),
        (1.0..5000.0f64).prop_map(|t| ThroughputSource::Typed {
            output_tokens_per_s: t
        }),
        (
            1.0..20_000.0f64,
            0.0..8000.0f64,
            1.0..2000.0f64,
            1.0..256.0f64
        )
            .prop_map(|(t, i, o, c)| ThroughputSource::Benchmark {
                run_id: "run".into(),
                output_tokens_per_s: t,
                input_tokens: i,
                output_tokens: o,
                concurrency: c,
                label: "bench".into(),
                run_gpu: None,
                run_gpus: None,
                sweep: Vec::new(),
                run_facts: None,
            }),
    ]
}

fn people() -> impl Strategy<Value = PeopleCosts> {
    (
        prop_oneof![1 => Just(0.0), 3 => 0.0..300.0f64],
        (0.0..10.0f64, 0.0..=24.0f64, 1.0..=36.0f64),
        (0.0..20.0f64, 0.0..12.0f64, 0.0..5.0f64),
    )
        .prop_map(
            |(rate, (days, hours, months), (maint, upgrades, upgrade_days))| PeopleCosts {
                engineer_usd_per_hour: rate,
                setup_days: days,
                hours_per_day: hours,
                setup_amortisation_months: months,
                maintenance_hours_per_month: maint,
                upgrades_per_year: upgrades,
                days_per_upgrade: upgrade_days,
            },
        )
}

/// A GPU configuration and the index of its GPU among catalog + custom GPUs (resolved
/// once the scenario's custom GPUs are known).
fn gpu_config() -> impl Strategy<Value = (GpuConfig, Index)> {
    (
        (any::<Index>(), 0..MODELS.len(), 0usize..4, 1u32..=8),
        (
            prop_oneof![Just(ReplicaMode::AsNeeded), Just(ReplicaMode::Fixed)],
            1u32..=20,
            0u32..=3,
        ),
        prop_oneof![cloud(), on_prem()],
        throughput(),
        (0.05..=1.0f64, 0.0..=3.0f64, proptest::option::of(1u8..=3)),
        people(),
        (
            proptest::option::of(0.05..=1.0f64),
            proptest::option::of(0.05..=1.0f64),
            1u32..=1024,
        ),
    )
        .prop_map(
            |(
                (gpu, model, prec, n),
                (mode, replicas, reserves),
                hosting,
                throughput,
                (util, idle, quality),
                people,
                (e_bw, e_c, max_batch),
            )| {
                let g = GpuConfig {
                    name: "config".into(),
                    gpu: String::new(),
                    model: MODELS[model].id.into(),
                    precision: [
                        Precision::Bf16,
                        Precision::Fp8,
                        Precision::Int8,
                        Precision::Q4,
                    ][prec],
                    gpus_per_replica: n,
                    replica_mode: mode,
                    replicas,
                    reserve_replicas: reserves,
                    hosting,
                    throughput,
                    target_utilisation: util,
                    idle_overhead: idle,
                    quality,
                    people,
                    efficiency_bw: e_bw,
                    efficiency_compute: e_c,
                    max_batch,
                    // Both ways, as the batch cap falls.
                    prefix_caching: max_batch % 2 == 0,
                    name_typed: true,
                };
                (g, gpu)
            },
        )
}

prop_compose! {
    fn any_scenario()(
        mut tasks in proptest::collection::vec(task_type(), 1..=4),
        tiers in proptest::collection::vec(api_tier(), 1..=3),
        custom_gpus in (0usize..=2).prop_flat_map(|n| (0..n).map(custom_gpu).collect::<Vec<_>>()),
        configs in proptest::collection::vec(gpu_config(), 1..=3),
        hours in prop_oneof![Just(720.0), Just(730.0), 1.0..=744.0f64],
        horizon in 1u32..=120,
        price_change in -0.95..=5.0f64,
        lens in prop_oneof![Just(CostLens::FullyLoaded), Just(CostLens::Marginal)],
        escalate in 0.0..=1.0f64,
    ) -> Scenario {
        if tasks.iter().all(|t| t.calls_per_month == 0.0) {
            tasks[0].calls_per_month = 1.0e3; // the workload needs some calls
        }
        let gpu_ids: Vec<String> = GPUS
            .iter()
            .map(|g| g.id.to_string())
            .chain(custom_gpus.iter().map(|g| g.id.to_string()))
            .collect();
        let gpu_configs = configs
            .into_iter()
            .map(|(mut g, i)| {
                g.gpu = gpu_ids[i.index(gpu_ids.len())].clone();
                g
            })
            .collect();
        Scenario {
            hours_per_month: hours,
            horizon_months: horizon,
            api_price_change_per_year: price_change,
            cost_lens: lens,
            task_types: tasks,
            api_tiers: tiers,
            gpu_configs,
            escalate_share: escalate,
            custom_gpus,
            ..Scenario::default()
        }
    }
}

fn model_of(s: Scenario) -> Model {
    Model::build(&validate(s).unwrap_or_else(|e| panic!("generated scenario is invalid: {e}")))
}

fn close(a: f64, b: f64, rel: f64) -> bool {
    (a - b).abs() <= rel * a.abs().max(b.abs()).max(1.0)
}

/// The month-m workload: every task's calls grown by (1 + growth)^(m - 1).
fn at_month(s: &Scenario, month: u32) -> Scenario {
    let mut s = s.clone();
    for t in &mut s.task_types {
        t.calls_per_month *= (1.0 + t.monthly_growth).powi(month as i32 - 1);
    }
    s
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn every_generated_scenario_is_valid(s in any_scenario()) {
        if let Err(e) = validate(s) {
            prop_assert!(false, "{e}");
        }
    }

    #[test]
    fn api_cost_is_linear_in_volume(s in any_scenario(), k in 0.0..50.0f64) {
        let m = model_of(s);
        for a in &m.api {
            let lhs = a.cost_at(k);
            let rhs = k * a.cost_at(1.0);
            prop_assert!((lhs - rhs).abs() <= 1e-9 * rhs.abs().max(1.0));
            let calls: Vec<f64> = m.calls.iter().map(|c| c * k).collect();
            prop_assert!((a.cost_for(&calls) - lhs).abs() <= 1e-9 * lhs.abs().max(1.0));
        }
    }

    /// Prompt-cache reads and batch-eligible calls never raise an API bill, on every
    /// tier whose cache-read price is at most its input price (every Claude tier).
    /// Cache writes are billed at a premium (1.25x input on every Claude tier), so a
    /// scenario with writes may cost more than the same one without; writes are held
    /// fixed in the first comparison and zeroed in the second.
    #[test]
    fn cache_reads_and_batch_never_raise_the_api_bill(s in any_scenario()) {
        let strip = |s: &Scenario, writes: bool| {
            let mut s = s.clone();
            for t in &mut s.task_types {
                t.cached_input_share = 0.0;
                t.batch_share = 0.0;
                if !writes {
                    t.cache_write_share = 0.0;
                }
            }
            s
        };
        let mut no_writes = s.clone();
        for t in &mut no_writes.task_types {
            t.cache_write_share = 0.0;
        }
        let with = model_of(s.clone());
        let writes_only = model_of(strip(&s, true));
        let cached = model_of(no_writes);
        let plain = model_of(strip(&s, false));
        for (j, tier) in s.api_tiers.iter().enumerate() {
            if tier.cache_read_per_mtok > tier.input_per_mtok {
                continue;
            }
            let tol = |x: f64| x * (1.0 + 1e-12) + 1e-12;
            prop_assert!(with.api[j].slope <= tol(writes_only.api[j].slope),
                "tier {j}: {} with reads and batch > {} without", with.api[j].slope, writes_only.api[j].slope);
            prop_assert!(cached.api[j].slope <= tol(plain.api[j].slope),
                "tier {j}: {} cached and batched > {} plain", cached.api[j].slope, plain.api[j].slope);
            for (i, (a, b)) in cached.api[j].per_call.iter().zip(&plain.api[j].per_call).enumerate() {
                prop_assert!(a.total() <= tol(b.total()), "tier {j} task {i}");
            }
        }
    }

    #[test]
    fn self_hosted_cost_never_decreases_with_volume(s in any_scenario(), a in 0.0..100.0f64, b in 0.0..100.0f64) {
        let m = model_of(s);
        let (lo, hi) = if a <= b { (a, b) } else { (b, a) };
        for sh in m.selfhosted.iter().filter(|sh| sh.unusable.is_none()) {
            prop_assert!(sh.cost_at(lo) <= sh.cost_at(hi) + 1e-9);
        }
    }

    #[test]
    fn costs_agree_at_every_reported_break_even(s in any_scenario()) {
        let m = model_of(s);
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
    fn more_throughput_never_costs_more(s in any_scenario(), k in any::<Index>(), t in 5.0..3000.0f64, boost in 1.0..10.0f64, scale in 0.0..20.0f64) {
        let k = k.index(s.gpu_configs.len());
        let mut s1 = s.clone();
        s1.gpu_configs[k].throughput = ThroughputSource::Typed { output_tokens_per_s: t };
        let mut s2 = s;
        s2.gpu_configs[k].throughput = ThroughputSource::Typed { output_tokens_per_s: t * boost };
        let m1 = model_of(s1);
        let m2 = model_of(s2);
        prop_assert!(m2.selfhosted[k].cost_at(scale) <= m1.selfhosted[k].cost_at(scale) + 1e-9);
    }

    /// Independent rooflines (decode bound by bandwidth, prefill by compute), not the engine's own `physical_bound`
    /// (which is `estimate` at infinite batch and perfect efficiency, so comparing the
    /// two would test `estimate` against itself).
    #[test]
    fn estimate_never_exceeds_the_hardware_rooflines(gpu in 0..GPUS.len(), model in 0..MODELS.len(), prec in 0usize..4, n in 1u32..9,
                                                     prompt in 0.0..16000.0f64, out in 1.0..4000.0f64, batch in 1.0..512.0f64,
                                                     e_bw in 0.05..=1.0f64, e_c in 0.05..=1.0f64) {
        let g = &GPUS[gpu];
        let m = &MODELS[model];
        let p = [Precision::Bf16, Precision::Fp8, Precision::Int8, Precision::Q4][prec];
        if let Some(e) = engine::internals::estimate(g, m, p, n, prompt, out, batch, e_bw, e_c) {
            let n = f64::from(n);
            // It only estimates what fits: the weights are within the replica's VRAM.
            prop_assert!(m.params_b * p.bytes_per_param() <= n * g.vram_gb);
            // Compute: every output token costs at least 2 x active parameters FLOPs, at
            // the GPU's best dense rate (fp8 where it has one).
            let peak_flops = g.bf16_tflops.max(g.fp8_tflops.unwrap_or(0.0)) * 1e12;
            let compute_bound = n * peak_flops / (2.0 * m.active_params_b * 1e9);
            prop_assert!(e.output_tok_s <= compute_bound * (1.0 + 1e-9), "{} > compute roofline {compute_bound}", e.output_tok_s);
            // Memory: every output token reads its sequence's KV cache (2 x layers x KV
            // heads x head dim x 2 bytes per token of context, mean context prompt +
            // output/2) once.
            let kv = 2.0 * f64::from(m.layers) * f64::from(m.kv_heads) * f64::from(m.head_dim) * 2.0;
            let context = prompt + out / 2.0;
            let kv_bound = n * g.bandwidth_gbs * 1e9 / (context * kv);
            prop_assert!(e.output_tok_s <= kv_bound * (1.0 + 1e-9), "{} > KV roofline {kv_bound}", e.output_tok_s);
            // Per-stream decode never beats reading the active weights once per token.
            let w_active = m.active_params_b * p.bytes_per_param() * 1e9;
            prop_assert!(e.per_stream_tok_s <= n * g.bandwidth_gbs * 1e9 / w_active * (1.0 + 1e-9));
        }
    }

    #[test]
    fn an_unused_input_has_zero_sensitivity(s in any_scenario(), price in 500.0..1000.0f64) {
        // A copy of tier 0 far too dear to be the baseline (generated prices stay under
        // $20/$100 per Mtok): its prices never touch the decision.
        let mut s = s;
        let mut t = s.api_tiers[0].clone();
        t.name = "Unused".into();
        t.input_per_mtok = price;
        t.output_per_mtok = price * 5.0;
        s.api_tiers.push(t);
        let v = validate(s).expect("valid");
        let j = v.get().api_tiers.len() - 1;
        let params = [Param::Tier(j, engine::TierField::Input), Param::Tier(j, engine::TierField::Output)];
        for row in engine::internals::sensitivity(&v, &params) {
            prop_assert_eq!(row.saving_swing, 0.0);
            prop_assert_eq!(row.break_even_swing, 0.0);
        }
    }
}

proptest! {
    // These evaluate the whole scenario (curves, break-evens, routing, projection).
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn every_generated_scenario_evaluates_to_finite_numbers(s in any_scenario()) {
        let e = engine::evaluate(&validate(s).expect("valid"), Options::default());
        for a in &e.api {
            prop_assert!(a.monthly.value.is_finite() && a.monthly.value >= 0.0);
        }
        for r in e.selfhosted.iter().filter_map(|r| r.monthly.as_ref()) {
            prop_assert!(r.value.is_finite() && r.value >= 0.0, "{}", r.value);
        }
        for t in &e.projection.tiers {
            prop_assert!(t.cumulative.iter().all(|x| x.is_finite()));
        }
        for c in e.projection.configs.iter().flatten() {
            prop_assert!(c.accrual.cumulative.iter().chain(&c.cash.cumulative).all(|x| x.is_finite()));
        }
    }

    /// Month 1 of the projection is the monthly cost at the volume as entered; month m is
    /// the steady monthly cost of the same scenario with month m's grown volume (and the
    /// API price change of the years passed), plus the setup's accrual while it lasts.
    #[test]
    fn projection_month_equals_the_monthly_cost_at_that_months_volume(s in any_scenario(), pick in any::<Index>()) {
        let mut s = s;
        // Whole months of setup amortisation: with a fractional count the engine accrues
        // setup / months in every month up to ceil(months), more than the setup costs
        // (reported separately), so month m > 1 is checked on whole months only.
        for g in &mut s.gpu_configs {
            g.people.setup_amortisation_months = g.people.setup_amortisation_months.round();
        }
        let valid = validate(s.clone()).expect("valid");
        let model = Model::build(&valid);
        let e = engine::evaluate(&valid, Options::default());
        let p = &e.projection;
        prop_assert_eq!(p.months, s.horizon_months);
        for (j, a) in e.api.iter().enumerate() {
            prop_assert!(close(p.tiers[j].monthly[0], a.monthly.value, 1e-12), "tier {j}: {} vs {}", p.tiers[j].monthly[0], a.monthly.value);
        }
        let setup_per_month = |k: usize| {
            let pe = &s.gpu_configs[k].people;
            match s.cost_lens {
                CostLens::FullyLoaded => pe.setup_days * pe.hours_per_day * pe.engineer_usd_per_hour / pe.setup_amortisation_months,
                CostLens::Marginal => 0.0,
            }
        };
        for (k, r) in e.selfhosted.iter().enumerate() {
            match (&p.configs[k], &r.monthly, &r.replicas) {
                (Some(c), Some(monthly), Some(replicas)) => {
                    let want = monthly.value + setup_per_month(k);
                    prop_assert!(close(c.accrual.monthly[0], want, 1e-9), "config {k}: {} vs {want}", c.accrual.monthly[0]);
                    prop_assert_eq!(c.replicas[0], replicas.value);
                }
                (None, None, None) => prop_assert!(r.unusable.is_some()),
                _ => prop_assert!(false, "config {k}: projection and monthly disagree on usability"),
            }
        }
        let month = pick.index(s.horizon_months as usize) as u32 + 1;
        // Past validation's 1e12 cap the grown volume is no scenario of its own.
        let Ok(v) = validate(at_month(&s, month)) else { return Ok(()) };
        let em = engine::evaluate(&v, Options::default());
        let price = (1.0 + s.api_price_change_per_year).powi((month as i32 - 1) / 12);
        for (j, a) in em.api.iter().enumerate() {
            let want = a.monthly.value * price;
            prop_assert!(close(p.tiers[j].monthly[month as usize - 1], want, 1e-9), "tier {j} month {month}: {} vs {want}", p.tiers[j].monthly[month as usize - 1]);
        }
        for (k, r) in em.selfhosted.iter().enumerate() {
            let (Some(c), Some(monthly)) = (&p.configs[k], &r.monthly) else { continue };
            let paid_off = f64::from(month) > s.gpu_configs[k].people.setup_amortisation_months;
            // Under the marginal lens the replicas above month 1's were bought, not owned:
            // amortised on top of that month's steady cost.
            let later = model.selfhosted[k].later.extra_capex
                * (c.replicas[month as usize - 1] - c.replicas[0]).max(0.0);
            let want = monthly.value + later + if paid_off { 0.0 } else { setup_per_month(k) };
            let got = c.accrual.monthly[month as usize - 1];
            prop_assert!(close(got, want, 1e-9), "config {k} month {month}: {got} vs {want}");
            prop_assert_eq!(c.replicas[month as usize - 1], r.replicas.as_ref().expect("usable").value);
        }
    }

    /// With every task type growing at one rate, month m's volume is the chart's volume
    /// (1 + g)^(m - 1) of month 1's, and its accrual (past the setup's months, inside a
    /// commitment's term) is the cost the break-even chart draws there: under the marginal
    /// lens, the replicas above month 1's bought, by the projection's count and by the
    /// chart's, two separate paths.
    #[test]
    fn projection_month_is_the_charts_cost_at_that_volume(s in any_scenario(), g in 0.0..0.3f64, pick in any::<Index>()) {
        let mut s = s;
        for t in &mut s.task_types {
            t.monthly_growth = g;
        }
        let Ok(valid) = validate(s.clone()) else { return Ok(()) };
        let model = Model::build(&valid);
        let e = engine::evaluate(&valid, Options::default());
        let month = pick.index(s.horizon_months as usize) + 1;
        let scale = (1.0 + g).powi(month as i32 - 1);
        for (k, sh) in model.selfhosted.iter().enumerate() {
            let Some(c) = &e.projection.configs[k] else { continue };
            let setup_accruing = sh.setup_total > 0.0 && (month as f64 - 1.0) < sh.setup_months;
            let term_over = sh.commit.replicas > 0.0 && month as f64 > sh.commit.term_months;
            // A demand a hair from a whole number of replicas may round either way on the
            // two paths (the same calls, summed in another order).
            let demand = sh.demand_base * scale;
            let on_edge = (demand - demand.round()).abs() < 1e-6 * demand.max(1.0);
            if setup_accruing || term_over || on_edge {
                continue;
            }
            let want = sh.cost_at(scale);
            let got = c.accrual.monthly[month - 1];
            prop_assert!(close(got, want, 1e-9), "config {k} month {month}: {got} vs {want}");
        }
    }

    /// The routed plan is never dearer than serving everything with one option that meets
    /// every task's quality floor, nor than the all-API and all-self-hosted plans.
    #[test]
    fn hybrid_is_never_dearer_than_the_best_single_option(s in any_scenario()) {
        let e = engine::evaluate(&validate(s.clone()).expect("valid"), Options::default());
        let floor = s.task_types.iter().map(|t| t.quality_floor).max().unwrap_or(1);
        let config_quality = |g: &GpuConfig| g.quality.unwrap_or_else(|| engine::catalog::model(&g.model).expect("catalog model").quality);
        let singles: Vec<f64> = s.api_tiers.iter().zip(&e.api)
            .filter(|(t, _)| t.quality >= floor)
            .map(|(_, a)| a.monthly.value)
            .chain(s.gpu_configs.iter().zip(&e.selfhosted)
                .filter(|(g, _)| config_quality(g) >= floor)
                .filter_map(|(_, r)| r.monthly.as_ref().map(|m| m.value)))
            .collect();
        let best = e.hybrid.best.as_ref();
        if let Some(single) = singles.iter().copied().reduce(f64::min) {
            let b = best.expect("a plan exists when one option serves every task");
            // At most 4 tasks x 6 options = 1,296 assignments: searched exhaustively.
            prop_assert!(e.hybrid.exhaustive);
            prop_assert!(b.monthly_cost <= single * (1.0 + 1e-9) + 1e-9, "hybrid {} > single {single}", b.monthly_cost);
        }
        if let Some(b) = best {
            for (i, o) in b.assignment.iter().enumerate() {
                let q = match *o {
                    engine::OptionRef::Tier(j) => s.api_tiers[j].quality,
                    engine::OptionRef::Config(k) => {
                        prop_assert!(e.selfhosted[k].unusable.is_none());
                        config_quality(&s.gpu_configs[k])
                    }
                };
                prop_assert!(q >= s.task_types[i].quality_floor, "task {i} routed below its floor");
            }
            for other in [&e.hybrid.all_api, &e.hybrid.all_self].into_iter().flatten() {
                prop_assert!(b.monthly_cost <= other.monthly_cost * (1.0 + 1e-9) + 1e-9);
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

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
