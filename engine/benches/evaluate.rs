//! Speed targets (issue 3), on this 2-core machine:
//! full evaluation of 3 tiers x 6 configurations (256-point curves, break-evens,
//! 24-month projection) <= 50 us; sensitivity over 20 inputs <= 2 ms;
//! 10,000-sample uncertainty <= 20 ms.
//! Run: `cargo bench -p engine --bench evaluate`.

use criterion::{black_box, criterion_group, criterion_main, Criterion};
use engine::scenario::*;
use engine::Param;
use engine::{catalog, templates, validate};

fn big_scenario() -> Scenario {
    let mut s = templates::haiku_vs_4090();
    s.api_tiers = ["claude-haiku-4.5", "claude-sonnet-4.6", "claude-opus-4.6"]
        .iter()
        .map(|id| catalog::tier(id).expect("tier").to_tier())
        .collect();
    let combos = [
        ("rtx-4090", "llama-3.1-8b", 1, Precision::Bf16, 0.74),
        ("l40s", "qwen-2.5-7b", 1, Precision::Bf16, 1.09),
        ("h100-sxm", "llama-3.1-8b", 1, Precision::Fp8, 3.49),
        ("a100-80gb", "llama-3.1-70b", 2, Precision::Int8, 1.59),
        ("h100-sxm", "llama-3.3-70b", 2, Precision::Fp8, 3.49),
        ("h200", "qwen-2.5-72b", 1, Precision::Fp8, 4.59),
    ];
    s.gpu_configs = combos
        .iter()
        .map(|(gpu, model, n, p, price)| GpuConfig {
            name: format!("{gpu} {model}"),
            gpu: gpu.to_string(),
            model: model.to_string(),
            gpus_per_replica: *n,
            precision: *p,
            hosting: Hosting::Cloud(CloudPricing {
                hourly_usd: *price,
                ..CloudPricing::default()
            }),
            ..GpuConfig::default()
        })
        .collect();
    s.task_types[0].calls_per_month = 3_000_000.0;
    s.ranges = vec![
        InputRange {
            path: "task_types[0].calls_per_month".into(),
            low: 1_000_000.0,
            high: 6_000_000.0,
        },
        InputRange {
            path: "gpu_configs[2].hosting.hourly_usd".into(),
            low: 2.5,
            high: 4.5,
        },
        InputRange {
            path: "api_tiers[0].output_per_mtok".into(),
            low: 4.0,
            high: 5.0,
        },
    ];
    s
}

fn benches(c: &mut Criterion) {
    let v = validate(big_scenario()).expect("valid");
    let e = engine::evaluate(&v, Default::default());
    assert!(
        e.selfhosted.iter().all(|r| r.unusable.is_none()),
        "every configuration serves: {:?}",
        e.selfhosted.iter().map(|r| &r.unusable).collect::<Vec<_>>()
    );
    assert_eq!(e.curves.calls.len(), 256);
    // Every save and every view validates the document first (the load mix runs it
    // about twice per request).
    let doc = big_scenario();
    c.bench_function("validate 3 tiers x 6 configs", |b| {
        b.iter(|| validate(black_box(doc.clone())))
    });
    c.bench_function("evaluate 3 tiers x 6 configs", |b| {
        b.iter(|| engine::evaluate(black_box(&v), Default::default()))
    });
    let params: Vec<Param> = Param::all(v.get()).into_iter().take(20).collect();
    assert_eq!(params.len(), 20);
    c.bench_function("sensitivity 20 inputs", |b| {
        b.iter(|| engine::internals::sensitivity(black_box(&v), &params))
    });
    c.bench_function("model build", |b| {
        b.iter(|| engine::internals::Model::build(black_box(&v)))
    });
    let scales: Vec<f64> = (0..32).map(|i| i as f64 * 0.1).collect();
    c.bench_function("uncertainty 10000 samples", |b| {
        b.iter(|| engine::internals::uncertainty(black_box(&v), 10_000, &scales, 1))
    });
}

/// The largest document validation lets through (`engine::validate::limits`): every
/// count at its cap, every name at its length cap, the most curve points. Its times
/// bound what one request can cost (README, Guarantees).
pub fn worst_valid_scenario() -> Scenario {
    use engine::validate::limits;
    let base = big_scenario();
    let mut s = base.clone();
    s.name = "N".repeat(limits::NAME_CHARS);
    s.notes = "n".repeat(limits::NOTES_CHARS);
    s.task_types = (0..limits::TASK_TYPES)
        .map(|i| TaskType {
            name: format!("{i:0>200}"),
            calls_per_month: 10_000.0 * (i + 1) as f64,
            input_tokens: 500.0 + 40.0 * i as f64,
            output_tokens: 100.0 + 10.0 * i as f64,
            cached_input_share: 0.3,
            cache_write_share: 0.1,
            cache_write_1h_share: 0.5,
            batch_share: 0.2,
            quality_floor: 1 + (i % 3) as u8,
            monthly_growth: 0.02,
            peak_to_average: 1.5,
            measured: Vec::new(),
            // Every task with both targets: the latency search runs for each one.
            ttft_p95_ms: Some(2000.0),
            tpot_p95_ms: Some(60.0),
        })
        .collect();
    let tiers: Vec<ApiTier> = engine::catalog::TIERS.iter().map(|t| t.to_tier()).collect();
    s.api_tiers = (0..limits::API_TIERS)
        .map(|i| tiers[i % tiers.len()].clone())
        .collect();
    s.gpu_configs = (0..limits::GPU_CONFIGS)
        .map(|i| base.gpu_configs[i % base.gpu_configs.len()].clone())
        .collect();
    s.ranges = (0..limits::RANGES)
        .map(|i| InputRange {
            path: format!("task_types[{i}].calls_per_month"),
            low: 5_000.0,
            high: 20_000.0 * (i + 1) as f64,
        })
        .collect();
    s
}

fn worst(c: &mut Criterion) {
    let v = validate(worst_valid_scenario()).expect("the worst valid document is valid");
    let opts = engine::Options {
        curve_points: engine::validate::limits::CURVE_POINTS,
        curve_max_calls: None,
    };
    c.bench_function("worst valid document: evaluate (1024 points)", |b| {
        b.iter(|| engine::evaluate(black_box(&v), opts))
    });
    let params: Vec<Param> = Param::all(v.get());
    c.bench_function("worst valid document: sensitivity, every input", |b| {
        b.iter(|| engine::internals::sensitivity(black_box(&v), &params))
    });
    let scales: Vec<f64> = (0..64).map(|i| i as f64 * 0.1).collect();
    c.bench_function("worst valid document: uncertainty 10000 samples", |b| {
        b.iter(|| engine::internals::uncertainty(black_box(&v), 10_000, &scales, 1))
    });
}

criterion_group! {
    name = worst_case;
    config = Criterion::default().sample_size(10).measurement_time(std::time::Duration::from_secs(5));
    targets = worst
}

criterion_group! {
    name = group;
    config = Criterion::default().sample_size(20).measurement_time(std::time::Duration::from_secs(3));
    targets = benches
}
criterion_main!(group, worst_case);
