//! Tests of `diff.rs`: a throughput's change of source as one line.

/// A run attached where the throughput was estimated is one line, first, in words: not a
/// line per point of its sweep and fact of the run before it.
#[test]
fn a_throughput_source_change_is_one_line_first() {
    use crate::scenario::{SweepPoint, ThroughputSource};
    let a = crate::templates::sonnet_vs_2xa100();
    let mut b = a.clone();
    b.task_types[0].calls_per_month += 1.0;
    let point = SweepPoint {
        label: "c".into(),
        model: None,
        in_flight: Some(7.88),
        output_tokens_per_s: 2_048.0,
        ttft_ms: 40.0,
        tpot_ms: 13.64,
        stat: "median".into(),
    };
    b.gpu_configs[0].throughput = ThroughputSource::Benchmark {
        run_id: "r3".into(),
        output_tokens_per_s: 2_048.0,
        input_tokens: 513.0,
        output_tokens: 507.0,
        concurrency: 8.0,
        label: "#3 (sglang.jsonl)".into(),
        run_gpu: Some("h200".into()),
        run_gpus: Some(4),
        sweep: vec![point.clone(), point],
        run_facts: None,
    };
    let d = super::diff_inputs(&a, &b);
    let rows: Vec<&super::InputDiff> = d
        .iter()
        .filter(|x| x.path.contains(".throughput"))
        .collect();
    assert_eq!(rows.len(), 1, "{d:?}");
    assert_eq!(rows[0].a, "estimated from the GPU's and model's specs");
    // Measured on other hardware than the configuration's: said.
    assert_eq!(
        rows[0].b,
        "benchmark #3 (sglang.jsonl), 2,048 tok/s measured on 4x NVIDIA H200 SXM 141 GB"
    );
    // With the workload's change, among the first: before any setting.
    assert!(
        d.iter().position(|x| x.path.contains(".throughput")) < Some(2),
        "{d:?}"
    );
}

/// Configurations in another order (a comparison of two scenarios): each row is about one
/// configuration on both sides, by name.
#[test]
fn a_throughput_row_follows_its_configuration_by_name() {
    use crate::scenario::ThroughputSource;
    let bench = |id: &str, label: &str| ThroughputSource::Benchmark {
        run_id: id.into(),
        output_tokens_per_s: 1_000.0,
        input_tokens: 500.0,
        output_tokens: 500.0,
        concurrency: 8.0,
        label: label.into(),
        run_gpu: None,
        run_gpus: None,
        sweep: Vec::new(),
        run_facts: None,
    };
    let mut a = crate::templates::sonnet_vs_2xa100();
    let mut w = a.gpu_configs[0].clone();
    w.name = "W".into();
    w.throughput = bench("r2", "#2");
    let mut x = a.gpu_configs[0].clone();
    x.name = "X".into();
    x.throughput = ThroughputSource::Estimated;
    a.gpu_configs = vec![w.clone(), x.clone()];
    let mut b = a.clone();
    x.throughput = bench("r3", "#3");
    b.gpu_configs = vec![x, w];
    let d = super::diff_inputs(&a, &b);
    let rows: Vec<&super::InputDiff> = d
        .iter()
        .filter(|r| r.path.contains(".throughput"))
        .collect();
    assert_eq!(rows.len(), 1, "{d:?}");
    assert_eq!(rows[0].a, "estimated from the GPU's and model's specs");
    assert!(rows[0].b.starts_with("benchmark #3"), "{:?}", rows[0]);
}
