//! Speed targets (issue 3), on this 2-core machine:
//! full evaluation of 3 tiers x 6 configurations (256-point curves, break-evens,
//! 24-month projection) <= 50 us; sensitivity over 20 inputs <= 2 ms;
//! 10,000-sample uncertainty <= 20 ms.
//! Run: `cargo bench -p engine --bench evaluate`.

use criterion::{black_box, criterion_group, criterion_main, Criterion};
use engine::params::Param;
use engine::scenario::*;
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
    c.bench_function("evaluate 3 tiers x 6 configs", |b| {
        b.iter(|| engine::evaluate(black_box(&v), Default::default()))
    });
    let params: Vec<Param> = Param::all(v.get()).into_iter().take(20).collect();
    assert_eq!(params.len(), 20);
    c.bench_function("sensitivity 20 inputs", |b| {
        b.iter(|| engine::sensitivity::sensitivity(black_box(&v), &params))
    });
    c.bench_function("model build", |b| {
        b.iter(|| engine::model::Model::build(black_box(&v)))
    });
    let scales: Vec<f64> = (0..32).map(|i| i as f64 * 0.1).collect();
    c.bench_function("uncertainty 10000 samples", |b| {
        b.iter(|| engine::sensitivity::uncertainty(black_box(&v), 10_000, &scales, 1))
    });
}

criterion_group! {
    name = group;
    config = Criterion::default().sample_size(20).measurement_time(std::time::Duration::from_secs(3));
    targets = benches
}
criterion_main!(group);
