//! Hand-computed examples for the pricing paths the article templates leave at their
//! defaults: prompt-cache reads and writes, the batch discount, long-context
//! multipliers, the yearly API price change, active-window and scale-to-zero billing,
//! spot prices, idle overhead and reserve replicas. Every expected value is worked out
//! in the comment above it from the cost model's formulas (README, "Where the numbers
//! come from") and the inputs, not copied from
//! the engine's output.

use engine::scenario::*;
use engine::{evaluate_document, templates, Evaluation, Options};

fn eval(s: Scenario) -> Evaluation {
    evaluate_document(s, Options::default()).expect("valid scenario")
}

/// `actual` equals `expected` to 1e-6 relative (absolute 1e-12 around zero).
#[track_caller]
fn close(actual: f64, expected: f64, what: &str) {
    let tol = 1e-6 * expected.abs().max(1e-6);
    assert!(
        (actual - expected).abs() <= tol,
        "{what}: got {actual}, expected {expected}"
    );
}

fn no_people() -> PeopleCosts {
    PeopleCosts {
        setup_days: 0.0,
        maintenance_hours_per_month: 0.0,
        upgrades_per_year: 0.0,
        ..PeopleCosts::default()
    }
}

fn monthly(e: &Evaluation, k: usize) -> f64 {
    e.selfhosted[k].monthly.as_ref().expect("usable").value
}

fn replicas(e: &Evaluation, k: usize) -> f64 {
    e.selfhosted[k].replicas.as_ref().expect("usable").value
}

/// The article's workload (500,000 calls of 800 in / 400 out, 720 h) priced on the API
/// tiers only: Haiku 3.5 ($0.80 / $4.00, cache read $0.08, cache write $1.00, batch 50%)
/// and Haiku 4.5 ($1.00 / $5.00, $0.10, $1.25, 50%).
fn article_api_only() -> Scenario {
    let mut s = templates::haiku_vs_4090();
    s.gpu_configs.clear();
    s
}

#[test]
fn prompt_cache_read_and_write_shares() {
    let mut s = article_api_only();
    s.task_types[0].cached_input_share = 0.5;
    s.task_types[0].cache_write_share = 0.25;
    let e = eval(s);
    // Haiku 3.5: uncached share 1 - 0.5 - 0.25 = 0.25.
    // Input per call = 800 x (0.25 x 0.80 + 0.5 x 0.08 + 0.25 x 1.00) / 1e6
    //                = 800 x 0.49 / 1e6 = $0.000392; x 500,000 = $196.
    // Output: 500,000 x 400 x 4.00 / 1e6 = $800. Total $996.
    close(e.api[0].breakdown.api_input, 196.0, "Haiku 3.5 input");
    close(e.api[0].breakdown.api_output, 800.0, "Haiku 3.5 output");
    close(e.api[0].monthly.value, 996.0, "Haiku 3.5 monthly");
    // Haiku 4.5: 800 x (0.25 x 1.00 + 0.5 x 0.10 + 0.25 x 1.25) / 1e6 = 800 x 0.6125 / 1e6
    // = $0.00049 x 500,000 = $245; output 500,000 x 400 x 5 / 1e6 = $1,000. Total $1,245.
    close(e.api[1].monthly.value, 1245.0, "Haiku 4.5 monthly");
    // $/1K output: 996 / (200M / 1000) = $0.00498.
    close(
        e.api[0].per_1k_output.value,
        0.00498,
        "Haiku 3.5 per 1K output",
    );
}

#[test]
fn batch_discount_applies_to_the_batch_eligible_share_of_calls() {
    let mut s = article_api_only();
    s.task_types[0].batch_share = 0.4;
    s.api_tiers[1].batch_discount = 0.3;
    let e = eval(s.clone());
    // Haiku 3.5, 50% discount on 40% of the calls: 1,120 x (1 - 0.4 x 0.5) = 1,120 x 0.8 = $896.
    close(
        e.api[0].monthly.value,
        896.0,
        "Haiku 3.5, batch 40% at -50%",
    );
    // Input and output are both discounted: 320 x 0.8 = 256 and 800 x 0.8 = 640.
    close(e.api[0].breakdown.api_input, 256.0, "Haiku 3.5 batch input");
    close(
        e.api[0].breakdown.api_output,
        640.0,
        "Haiku 3.5 batch output",
    );
    // Haiku 4.5 with its discount edited to 30%: 1,400 x (1 - 0.4 x 0.3) = 1,400 x 0.88 = $1,232.
    close(
        e.api[1].monthly.value,
        1232.0,
        "Haiku 4.5, batch 40% at -30%",
    );

    // Batch and cache together: the cached price of the previous test ($996) x 0.8 = $796.8.
    s.task_types[0].cached_input_share = 0.5;
    s.task_types[0].cache_write_share = 0.25;
    let e = eval(s);
    close(
        e.api[0].monthly.value,
        796.8,
        "Haiku 3.5, cached and batched",
    );
}

#[test]
fn long_context_multipliers_apply_above_the_threshold_only() {
    // Claude Sonnet 4.5 bills requests above 200,000 input tokens at 2x input and 1.5x
    // output ($3 / $15 per Mtok otherwise).
    let tier = engine::catalog::tier("claude-sonnet-4.5")
        .expect("tier")
        .to_tier();
    assert_eq!(tier.long_context_threshold, Some(200_000.0));
    assert_eq!(
        (
            tier.long_context_input_multiplier,
            tier.long_context_output_multiplier
        ),
        (2.0, 1.5)
    );
    let task = |name: &str, input: f64| TaskType {
        name: name.into(),
        calls_per_month: 1_000.0,
        input_tokens: input,
        output_tokens: 1_000.0,
        ..TaskType::default()
    };
    let one_task = |t: TaskType| Scenario {
        task_types: vec![t],
        api_tiers: vec![tier.clone()],
        ..Scenario::default()
    };
    // Above: 1,000 x (250,000 x 3 x 2 + 1,000 x 15 x 1.5) / 1e6 = 1,000 x (1.5 + 0.0225) = $1,522.5.
    let e = eval(one_task(task("long", 250_000.0)));
    close(e.api[0].monthly.value, 1522.5, "250k-token prompts");
    close(
        e.api[0].breakdown.api_input,
        1500.0,
        "250k-token prompts, input",
    );
    close(
        e.api[0].breakdown.api_output,
        22.5,
        "250k-token prompts, output",
    );
    // Exactly at the threshold is not above it: 1,000 x (200,000 x 3 + 1,000 x 15) / 1e6 = $615.
    let e = eval(one_task(task("at threshold", 200_000.0)));
    close(e.api[0].monthly.value, 615.0, "200k-token prompts");
    // Below: 1,000 x (150,000 x 3 + 1,000 x 15) / 1e6 = $465.
    let e = eval(one_task(task("short", 150_000.0)));
    close(e.api[0].monthly.value, 465.0, "150k-token prompts");
    // The premium multiplies the cached part too: half the 250k prompt read from cache at
    // $0.30: 250,000 x (0.5 x 3 + 0.5 x 0.30) x 2 / 1e6 = $0.825 + output $0.0225 = $0.8475
    // per call, x 1,000 = $847.5.
    let mut t = task("long, cached", 250_000.0);
    t.cached_input_share = 0.5;
    let e = eval(one_task(t));
    close(
        e.api[0].monthly.value,
        847.5,
        "250k-token prompts, half cached",
    );
    // Two task types on one tier: each is judged on its own size: 1,522.5 + 465 = $1,987.5.
    let mut s = one_task(task("long", 250_000.0));
    s.task_types.push(task("short", 150_000.0));
    let e = eval(s);
    close(e.api[0].monthly.value, 1987.5, "long and short tasks");
}

#[test]
fn yearly_api_price_change_in_the_projection() {
    let mut s = article_api_only();
    s.api_price_change_per_year = -0.2;
    s.horizon_months = 36;
    let e = eval(s.clone());
    let t = &e.projection.tiers[0];
    assert_eq!(t.monthly.len(), 36);
    // Haiku 3.5 costs $1,120 a month at the article's volume. Prices fall 20% a year,
    // stepping at each anniversary: months 1-12 at 1,120, months 13-24 at 1,120 x 0.8 =
    // 896, months 25-36 at 1,120 x 0.64 = 716.8.
    close(t.monthly[0], 1120.0, "month 1");
    close(t.monthly[11], 1120.0, "month 12");
    close(t.monthly[12], 896.0, "month 13");
    close(t.monthly[23], 896.0, "month 24");
    close(t.monthly[24], 716.8, "month 25");
    close(t.monthly[35], 716.8, "month 36");
    // Cumulative: 12 x (1,120 + 896 + 716.8) = 12 x 2,732.8 = $32,793.6.
    close(t.cumulative[35], 32_793.6, "cumulative over 36 months");
    // Haiku 4.5 ($1,400): month 25 at 1,400 x 0.64 = $896.
    close(
        e.projection.tiers[1].monthly[24],
        896.0,
        "Haiku 4.5 month 25",
    );

    // With 10% monthly growth on top: month m has 1.1^(m-1) times the calls.
    // 1.1^11 = 2.853116706110001, 1.1^12 = 3.138428376721, 1.1^24 = 9.849732675807611.
    s.task_types[0].monthly_growth = 0.1;
    let e = eval(s);
    let t = &e.projection.tiers[0];
    // Month 12: 1,120 x 2.853116706110001 = $3,195.490710843201.
    close(t.monthly[11], 3_195.490_710_843_201, "month 12 with growth");
    // Month 13: 1,120 x 3.138428376721 x 0.8 = $2,812.0318255420160.
    close(t.monthly[12], 2_812.031_825_542_016, "month 13 with growth");
    // Month 25: 1,120 x 9.849732675807611 x 0.64 = $7,060.288382018895.
    close(t.monthly[24], 7_060.288_382_018_895, "month 25 with growth");
}

/// The article's first configuration (typed 80 tok/s = 5 s per 400-token request, one
/// RTX 4090 per replica) without people costs, at 500,000 calls over 720 h.
fn article_typed_4090() -> Scenario {
    let mut s = templates::haiku_vs_4090();
    s.gpu_configs.truncate(1);
    s.gpu_configs[0].people = no_people();
    s
}

fn cloud_mut(s: &mut Scenario) -> &mut CloudPricing {
    match &mut s.gpu_configs[0].hosting {
        Hosting::Cloud(c) => c,
        Hosting::OnPrem(_) => panic!("expected a cloud configuration"),
    }
}

#[test]
fn active_window_billing() {
    let mut s = article_typed_4090();
    s.gpu_configs[0].target_utilisation = 0.6;
    s.gpu_configs[0].idle_overhead = 0.1;
    let c = cloud_mut(&mut s);
    c.billing = Billing::ActiveWindow;
    c.active_hours_per_day = 8.0;
    // The runtime buffer is billed only under scale-to-zero (CloudPricing docs), so it must not change an active-window bill.
    c.runtime_buffer = 0.5;
    let e = eval(s);
    // Window: 8 h/day x 720 h / 24 = 240 h a month, and all the load falls in it.
    // Demand: 500,000 x 5 s / (240 h x 3600 s) = 2.8935 busy replicas / 0.6 = 4.82 -> 5.
    // (Always-on it would be 2,500,000 / 2,592,000 / 0.6 = 1.61 -> 2.)
    assert_eq!(replicas(&e, 0), 5.0);
    // GPU time: 5 x 1 GPU x $0.44 x 240 h = $528; idle overhead 10% = $52.8; total $580.8.
    close(e.selfhosted[0].breakdown.gpu_time, 528.0, "GPU time");
    close(e.selfhosted[0].breakdown.overhead, 52.8, "idle overhead");
    close(monthly(&e, 0), 580.8, "active-window monthly");
}

#[test]
fn scale_to_zero_billing_with_a_runtime_buffer() {
    let mut s = article_typed_4090();
    s.gpu_configs[0].gpus_per_replica = 2;
    s.gpu_configs[0].idle_overhead = 0.2;
    let c = cloud_mut(&mut s);
    c.billing = Billing::ScaleToZero;
    c.runtime_buffer = 0.2;
    let e = eval(s);
    // Busy time only, plus the 20% buffer: per call 2 GPUs x $0.44 x 5 s / 3600 x 1.2;
    // x 500,000 calls = 0.88 x 2,500,000 / 3600 x 1.2 = $733.33... (= 2,200 / 3).
    // No always-on GPU time is billed, so the idle overhead has nothing to apply to:
    // the buffer is scale-to-zero's idle allowance.
    close(
        e.selfhosted[0].breakdown.gpu_time,
        2200.0 / 3.0,
        "busy GPU time + buffer",
    );
    close(e.selfhosted[0].breakdown.overhead, 0.0, "idle overhead");
    close(monthly(&e, 0), 2200.0 / 3.0, "scale-to-zero monthly");
    // Double the volume, double the bill: there is no per-replica step.
    let mut s2 = article_typed_4090();
    s2.gpu_configs[0].gpus_per_replica = 2;
    s2.task_types[0].calls_per_month = 1_000_000.0;
    let c = cloud_mut(&mut s2);
    c.billing = Billing::ScaleToZero;
    c.runtime_buffer = 0.2;
    close(
        monthly(&eval(s2), 0),
        4400.0 / 3.0,
        "scale-to-zero at 1M calls",
    );
}

#[test]
fn spot_price_from_the_catalog() {
    let spot = engine::catalog::cloud_prices_for("rtx-4090")
        .find(|p| p.provider == "RunPod")
        .and_then(|p| p.spot)
        .expect("RunPod lists a spot price for the RTX 4090");
    assert_eq!(spot, 0.34, "catalog: RunPod RTX 4090 spot $0.34/h");
    let mut s = article_typed_4090();
    let c = cloud_mut(&mut s);
    c.price_kind = PriceKind::Spot;
    c.hourly_usd = spot;
    let e = eval(s);
    // Still 2 replicas (1.93 busy at 0.5 utilisation); 2 x $0.34 x 720 h = $489.6; the
    // template's config has no idle overhead and people costs are off.
    assert_eq!(replicas(&e, 0), 2.0);
    close(e.selfhosted[0].breakdown.gpu_time, 489.6, "spot GPU time");
    close(monthly(&e, 0), 489.6, "spot monthly");
    // The explanation names the price it used.
    let m = e.selfhosted[0].monthly.as_ref().expect("usable");
    assert!(
        m.inputs
            .iter()
            .any(|i| i.name == "GPU price" && i.value == 0.34),
        "{:?}",
        m.inputs
    );
}

#[test]
fn idle_overhead_on_gpu_time() {
    let mut s = templates::haiku_vs_4090();
    s.gpu_configs.truncate(1);
    s.gpu_configs[0].idle_overhead = 0.35;
    let e = eval(s);
    // GPU time 2 x 0.44 x 720 = $633.6; overhead 35% = $221.76. With the article's
    // steady people costs (maintenance 450 + upgrades 100 = 550; setup is one-off):
    // 633.6 + 221.76 + 550 = $1,405.36.
    close(e.selfhosted[0].breakdown.gpu_time, 633.6, "GPU time");
    close(e.selfhosted[0].breakdown.overhead, 221.76, "idle overhead");
    close(monthly(&e, 0), 1405.36, "monthly with 35% overhead");
    // $/1K output: 1,405.36 / (200M / 1000) = $0.0070268.
    close(
        e.selfhosted[0]
            .per_1k_output
            .as_ref()
            .expect("usable")
            .value,
        0.007_026_8,
        "per 1K output",
    );
}

#[test]
fn reserve_replicas_with_several_task_types() {
    let mut s = templates::haiku_vs_4090();
    s.gpu_configs.truncate(1);
    s.gpu_configs[0].idle_overhead = 0.2;
    s.gpu_configs[0].reserve_replicas = 2;
    s.task_types.push(TaskType {
        name: "Long reports".into(),
        calls_per_month: 200_000.0,
        input_tokens: 2_000.0,
        output_tokens: 1_000.0,
        peak_to_average: 2.0,
        ..TaskType::default()
    });
    let e = eval(s.clone());
    // Typed 80 tok/s: 5 s per 400-token answer, 12.5 s per 1,000-token one. At 0.5 target
    // utilisation over 720 h (2,592,000 s):
    //   workflow: 500,000 x 1 x 5 / 2,592,000 / 0.5 = 1.92901
    //   reports:  200,000 x 2 x 12.5 / 2,592,000 / 0.5 = 3.85802
    // sum 5.78704 -> 6 serving replicas, + 2 reserves = 8.
    assert_eq!(replicas(&e, 0), 8.0);
    // GPU time 8 x 0.44 x 720 = $2,534.4; overhead 20% = $506.88; steady people costs
    // $550 -> $3,591.28.
    close(e.selfhosted[0].breakdown.gpu_time, 2534.4, "GPU time");
    close(e.selfhosted[0].breakdown.overhead, 506.88, "overhead");
    close(monthly(&e, 0), 3591.28, "monthly with reserves");

    // Fixed 4 replicas + 2 reserves = 6, whatever the load: 6 x 316.8 = 1,900.8 of GPU
    // time, x 1.2 = 2,280.96, + 550 = $2,830.96. 4 replicas cover 4 / 5.787 = 69% of
    // the peak, and the result says so.
    s.gpu_configs[0].replica_mode = ReplicaMode::Fixed;
    s.gpu_configs[0].replicas = 4;
    let e = eval(s);
    assert_eq!(replicas(&e, 0), 6.0);
    close(monthly(&e, 0), 2830.96, "fixed 4 + 2 reserves");
    assert!(
        e.selfhosted[0]
            .warnings
            .iter()
            .any(|w| w.contains("cannot carry the peak") && w.contains("69%")),
        "{:?}",
        e.selfhosted[0].warnings
    );
}

#[test]
fn on_prem_reserves_carry_hardware_power_and_facility() {
    let mut s = article_typed_4090();
    s.hours_per_month = 730.0;
    let g = &mut s.gpu_configs[0];
    g.replica_mode = ReplicaMode::Fixed;
    g.replicas = 1;
    g.reserve_replicas = 2;
    g.hosting = Hosting::OnPrem(OnPremPricing {
        gpu_price_usd: 2000.0,
        server_price_usd: 1000.0,
        installation_usd: 300.0,
        amortisation_months: 36.0,
        residual_share: 0.1,
        cost_of_capital: 0.06,
        maintenance_share_per_year: 0.12,
        gpu_power_share: 1.0,
        server_base_watts: 50.0,
        usd_per_kwh: 0.10,
        pue: 1.5,
        facility_usd_per_month: 40.0,
        gpu_price_typed: true,
        gpu_price_for: String::new(),
    });
    let e = eval(s.clone());
    // Per replica: purchase 2,000 + 1,000 + 300 installation = 3,300; the residual is on
    // the hardware only: 0.1 x 3,000 = 300.
    //   amortised (3,300 - 300) / 36 = 83.3333; capital 0.06 x (3,300 + 300) / 2 / 12 = 9;
    //   maintenance on the GPUs and the server, not the installation: 0.12 x 3,000 / 12
    //   = 30: hardware 122.3333.
    //   power (450 W x 1.0 + 50 W) = 0.5 kW x 730 h x PUE 1.5 x $0.10 = 54.75.
    //   facility 40.
    // 1 serving + 2 reserves = 3 replicas: hardware 367, power 164.25, facility 120,
    // total 3 x 217.08333 = $651.25.
    let b = e.selfhosted[0].breakdown;
    assert_eq!(replicas(&e, 0), 3.0);
    close(b.hardware, 367.0, "hardware");
    close(b.power, 164.25, "power");
    close(b.facility, 120.0, "facility");
    close(b.gpu_time, 0.0, "no hourly GPU time on-prem");
    close(monthly(&e, 0), 651.25, "on-prem monthly");
    // Marginal lens: purchase and installation already spent; maintenance stays.
    // 3 x (30 + 54.75 + 40) = $374.25.
    s.cost_lens = CostLens::Marginal;
    let e = eval(s);
    close(
        e.selfhosted[0].breakdown.hardware,
        90.0,
        "marginal hardware",
    );
    close(monthly(&e, 0), 374.25, "marginal monthly");
}

/// A fractional amortisation period accrues a part-month at its end, so the accruals
/// add up to the setup cost (the projection once charged a full month's rate in month
/// 3 of a 2.5-month period: $4,320 for $3,600 of setup).
#[test]
fn fractional_setup_amortisation_accrues_the_setup_exactly_once() {
    let mut s = templates::haiku_vs_4090();
    s.gpu_configs.truncate(1);
    s.gpu_configs[0].people.setup_amortisation_months = 2.5;
    let e = eval(s);
    let p = e.projection.configs[0].as_ref().expect("usable");
    // Setup: 3 days x 8 h x $150 = $3,600, over 2.5 months: $1,440 a month in months 1
    // and 2, half of it ($720) in month 3, nothing after. Steady cost (2 replicas x
    // 0.44 x 720 = $633.6, maintenance 3 h x $150 = $450, upgrades 8 h x $150 / 12 =
    // $100) = $1,183.6 a month.
    close(p.accrual.monthly[0], 1_183.6 + 1_440.0, "month 1");
    close(p.accrual.monthly[1], 1_183.6 + 1_440.0, "month 2");
    close(p.accrual.monthly[2], 1_183.6 + 720.0, "month 3");
    close(p.accrual.monthly[3], 1_183.6, "month 4");
    let setup: f64 = p.accrual.monthly.iter().map(|m| m - 1_183.6).sum();
    close(setup, 3_600.0, "setup accrued over the horizon");
}

/// A run measured on other hardware is scaled by the estimator's ratio and says so; a run
/// on hardware the catalog does not know is refused, not used as if it were this GPU's.
#[test]
fn a_run_on_other_hardware_is_scaled_by_the_estimator_or_refused() {
    let bench = |run_gpu: Option<&str>, run_gpus: Option<u32>| ThroughputSource::Benchmark {
        run_id: "r".into(),
        output_tokens_per_s: 2_000.0,
        input_tokens: 800.0,
        output_tokens: 400.0,
        concurrency: 32.0,
        label: "h100 run".into(),
        run_gpu: run_gpu.map(str::to_string),
        run_gpus,
        sweep: Vec::new(),
        run_facts: None,
    };
    let mut s = templates::haiku_vs_4090();
    s.gpu_configs.truncate(1);
    s.gpu_configs[0].throughput = bench(None, None);
    let as_measured = eval(s.clone());
    let tps = |e: &engine::Evaluation| e.selfhosted[0].throughput.as_ref().expect("usable").value;
    // The workload's shape is the run's (800 in / 400 out): the measurement is used as is.
    close(tps(&as_measured), 2_000.0, "same hardware");

    // Measured on an H100 SXM: the RTX 4090 (1,008 GB/s against 3,350) gets the
    // estimator's ratio of the two, well under the H100's figure, with a warning.
    s.gpu_configs[0].throughput = bench(Some("h100-sxm"), None);
    let scaled = eval(s.clone());
    let ratio = tps(&scaled) / 2_000.0;
    assert!(ratio > 0.1 && ratio < 0.7, "4090 / H100 ratio {ratio}");
    assert!(
        scaled.selfhosted[0]
            .warnings
            .iter()
            .any(|w| w.contains("1x NVIDIA H100 SXM 80 GB") && w.contains("scaled")),
        "{:?}",
        scaled.selfhosted[0].warnings
    );
    // Two GPUs in the run's replica against one here: the one-GPU replica is slower.
    s.gpu_configs[0].throughput = bench(None, Some(2));
    assert!(tps(&eval(s.clone())) < 2_000.0);

    // A GPU nobody knows: refused, with the reason.
    s.gpu_configs[0].throughput = bench(Some("mystery-gpu"), None);
    let refused = eval(s);
    let why = refused.selfhosted[0].unusable.as_deref().expect("refused");
    assert!(
        why.contains("cannot be scaled") && why.contains("not in the catalog"),
        "{why}"
    );
}
