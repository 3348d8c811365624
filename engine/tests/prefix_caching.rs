//! Prefix caching on a self-hosted configuration: a request prefills only the share of
//! its prompt the workload does not repeat (the share the API's cache reads); off, every
//! prompt is computed whole and a workload that repeats most of its prompts says so.

use engine::scenario::Scenario;
use engine::{templates, Evaluation, Options};

/// An agent's workload: long prompts, 89% of them read from the API's cache.
fn agent(caching: bool, ttft_ms: Option<f64>) -> Scenario {
    let mut s = templates::sonnet_vs_2xa100();
    let t = &mut s.task_types[0];
    t.input_tokens = 56_289.0;
    t.output_tokens = 400.0;
    t.cached_input_share = 0.8944;
    t.cache_write_share = 0.04;
    t.ttft_p95_ms = ttft_ms;
    s.gpu_configs[0].prefix_caching = caching;
    s
}

fn eval(s: Scenario) -> Evaluation {
    engine::evaluate(&engine::validate(s).expect("valid"), Options::default())
}

fn monthly(e: &Evaluation) -> f64 {
    e.selfhosted[0].monthly.as_ref().expect("priced").value
}

#[test]
fn with_prefix_caching_a_request_prefills_only_what_the_cache_does_not_hold() {
    let (off, on) = (eval(agent(false, None)), eval(agent(true, None)));
    // The uncached tenth of a 56k prompt: fewer replica-seconds a request, so it costs less.
    assert!(
        monthly(&on) < monthly(&off),
        "{} vs {}",
        monthly(&on),
        monthly(&off)
    );
    let th = on.selfhosted[0].throughput.as_ref().expect("explained");
    let computed = th
        .inputs
        .iter()
        .find(|i| i.name.starts_with("prompt tokens computed at prefill"))
        .unwrap_or_else(|| panic!("not listed: {:?}", th.inputs));
    assert!(
        (computed.value - 56_289.0 * (1.0 - 0.8944)).abs() < 1e-6,
        "{}",
        computed.value
    );
    // Off, the explanation does not claim it.
    let th_off = off.selfhosted[0].throughput.as_ref().expect("explained");
    assert!(!th_off
        .inputs
        .iter()
        .any(|i| i.name.starts_with("prompt tokens computed")));
    // Nothing else moves: the API's cost is the same.
    assert_eq!(on.api[0].monthly.value, off.api[0].monthly.value);
}

#[test]
fn a_time_to_first_token_target_counts_the_cached_prefix_too() {
    // Five seconds to the first token: 56k tokens computed whole cannot meet it on two
    // A100s (a floor of about 23 s); the tenth left after the prefix cache can (2.4 s).
    let off = eval(agent(false, Some(5_000.0)));
    let on = eval(agent(true, Some(5_000.0)));
    assert!(
        off.selfhosted[0].unusable.is_some(),
        "{:?}",
        off.selfhosted[0].warnings
    );
    assert!(
        on.selfhosted[0].unusable.is_none(),
        "{:?}",
        on.selfhosted[0].unusable
    );
}

#[test]
fn a_workload_that_repeats_its_prompts_says_when_the_configuration_computes_them_whole() {
    let said = |e: &Evaluation| {
        e.selfhosted[0]
            .warnings
            .iter()
            .any(|w| w.contains("Turn on prefix caching"))
    };
    assert!(said(&eval(agent(false, None))));
    assert!(!said(&eval(agent(true, None))));
    // A workload that repeats little: nothing to say.
    let mut s = agent(false, None);
    s.task_types[0].cached_input_share = 0.1;
    assert!(!said(&eval(s)));
}

#[test]
fn a_document_without_the_switch_reads_as_off() {
    let mut v = serde_json::to_value(agent(true, None)).expect("json");
    v["gpu_configs"][0]
        .as_object_mut()
        .expect("object")
        .remove("prefix_caching");
    let s: Scenario = serde_json::from_value(v).expect("reads");
    assert!(!s.gpu_configs[0].prefix_caching);
}

#[test]
fn prefix_caching_never_makes_an_option_dearer_on_any_catalog_gpu_and_model() {
    // Every pair that fits, a workload that repeats 0%, 50% and 95% of its prompts.
    let mut compared = 0;
    for gpu in engine::catalog::GPUS {
        for model in engine::catalog::MODELS {
            for share in [0.0, 0.5, 0.95] {
                let cost = |caching: bool| {
                    let mut s = agent(caching, None);
                    s.task_types[0].input_tokens = 4_000.0;
                    s.task_types[0].cached_input_share = share;
                    let g = &mut s.gpu_configs[0];
                    g.gpu = gpu.id.to_string();
                    g.model = model.id.into();
                    g.gpus_per_replica = 8;
                    engine::validate(s).ok().and_then(|v| {
                        engine::evaluate(&v, Options::default()).selfhosted[0]
                            .monthly
                            .as_ref()
                            .map(|m| m.value)
                    })
                };
                if let (Some(on), Some(off)) = (cost(true), cost(false)) {
                    compared += 1;
                    assert!(
                        on <= off + 1e-6,
                        "{} {} at {share}: {on} > {off}",
                        gpu.id,
                        model.id
                    );
                    if share == 0.0 {
                        assert_eq!(on, off, "{} {}: nothing to reuse", gpu.id, model.id);
                    }
                }
            }
        }
    }
    assert!(compared > 30, "{compared}");
}

#[test]
fn a_task_with_no_latency_target_whose_first_token_takes_minutes_says_so() {
    let said = |e: &Evaluation| {
        e.selfhosted[0]
            .warnings
            .iter()
            .any(|w| w.contains("has no latency target"))
    };
    // 56k-token prompts computed whole, at 60% of the replica: minutes to the first token.
    let slow = eval(agent(false, None));
    let line = &slow.selfhosted[0].serving[0];
    assert!(line.ttft_p95_ms >= 30_000.0, "{}", line.ttft_p95_ms);
    assert!(said(&slow), "{:?}", slow.selfhosted[0].warnings);
    // A target set: the replicas are sized for it, nothing to say.
    assert!(!said(&eval(agent(false, Some(60_000.0)))));
    // Short prompts: the first token comes in well under that.
    let mut s = agent(false, None);
    s.task_types[0].input_tokens = 800.0;
    assert!(!said(&eval(s)));
}

#[test]
fn a_run_converted_with_prefix_caching_lists_the_tokens_it_prefills() {
    let mut s = agent(true, None);
    s.gpu_configs[0].throughput = engine::scenario::ThroughputSource::Benchmark {
        run_id: "r".into(),
        output_tokens_per_s: 900.0,
        input_tokens: 4_000.0,
        output_tokens: 400.0,
        concurrency: 32.0,
        label: "a run".into(),
        run_gpu: None,
        run_gpus: None,
        sweep: Vec::new(),
        run_facts: None,
    };
    let e = eval(s);
    let th = e.selfhosted[0].throughput.as_ref().expect("explained");
    assert!(
        th.inputs
            .iter()
            .any(|i| i.name.starts_with("prompt tokens computed at prefill")),
        "{:?}",
        th.inputs
    );
}

#[test]
fn a_typed_throughput_with_prefix_caching_is_checked_against_the_bound_with_the_reuse() {
    // 50 tok/s for 56k-token prompts on two A100s: past the hardware's 24 tok/s when
    // every prompt is computed whole, within its 73 when nine tenths come from the cache.
    let typed = |caching: bool| {
        let mut s = agent(caching, None);
        s.gpu_configs[0].throughput = engine::scenario::ThroughputSource::Typed {
            output_tokens_per_s: 50.0,
        };
        eval(s).selfhosted[0].warnings.clone()
    };
    let past = |w: &[String]| {
        w.iter()
            .any(|w| w.contains("a claim the hardware cannot reach"))
    };
    assert!(past(&typed(false)), "{:?}", typed(false));
    assert!(!past(&typed(true)), "{:?}", typed(true));
}

#[test]
fn the_printed_assumptions_say_what_prefix_caching_spares() {
    let said = |e: &Evaluation| {
        engine::report::assumption_groups_with_sizing(e)
            .iter()
            .flat_map(|g| g.rows.clone())
            .any(|(_, _, source)| {
                source.contains("with prefix caching: 5,944 prompt tokens computed")
            })
    };
    assert!(said(&eval(agent(true, None))));
    assert!(!said(&eval(agent(false, None))));
}
