//! A run attached to a configuration measures its own request shape: a task type far
//! from it (8 times, or an eighth) gets a caveat on every page, since its throughput is
//! the estimator's scaling of the run rather than the run.

use engine::scenario::ThroughputSource;
use engine::{templates, Options};

fn warnings(input: f64, output: f64) -> Vec<String> {
    warnings_of_run(213.0, input, output)
}

fn warnings_of_run(run_input: f64, input: f64, output: f64) -> Vec<String> {
    let mut s = templates::sonnet_vs_2xa100();
    s.gpu_configs[0].throughput = ThroughputSource::Benchmark {
        run_id: "r1".into(),
        output_tokens_per_s: 900.0,
        input_tokens: run_input,
        output_tokens: 212.0,
        concurrency: 32.0,
        label: "vLLM bench serve, 213 in / 212 out".into(),
        run_gpu: None,
        run_gpus: None,
        sweep: Vec::new(),
        run_facts: None,
    };
    for t in &mut s.task_types {
        t.input_tokens = input;
        t.output_tokens = output;
    }
    let v = engine::validate(s).expect("valid");
    let e = engine::evaluate(&v, Options::default());
    e.selfhosted[0].warnings.clone()
}

#[test]
fn a_task_type_far_from_the_runs_shape_is_said_to_be_scaled_not_measured() {
    // An agent's prompts, 264 times the run's.
    let w = warnings(56_289.0, 212.0);
    let said = w
        .iter()
        .find(|w| w.contains("not measured at this shape"))
        .unwrap_or_else(|| panic!("no caveat in {w:?}"));
    assert!(said.contains("56,289"), "{said}");
    assert!(said.contains("264"), "{said}");
    assert!(said.contains("--random-input-len 56289"), "{said}");
    // Short answers of a long run: an eighth is as far.
    assert!(warnings(213.0, 20.0)
        .iter()
        .any(|w| w.contains("not measured at this shape")));
}

#[test]
fn a_task_type_near_the_runs_shape_gets_no_such_caveat() {
    assert!(!warnings(1_000.0, 400.0)
        .iter()
        .any(|w| w.contains("not measured at this shape")));
}

#[test]
fn a_run_of_no_prompt_is_far_from_any_prompt_and_its_ratio_is_not_written_as_n_a() {
    // llama-bench's tg128 decodes without a prompt: it measures no prefill at all.
    let w = warnings_of_run(0.0, 56_289.0, 212.0);
    let said = w
        .iter()
        .find(|w| w.contains("not measured at this shape"))
        .unwrap_or_else(|| panic!("no caveat in {w:?}"));
    assert!(said.contains("(\u{2013} and 1x the run's)"), "{said}");
    assert!(!said.contains("n/a"), "{said}");
    // A task of no prompt either: nothing to say of its prompts.
    assert!(!warnings_of_run(0.0, 0.0, 212.0)
        .iter()
        .any(|w| w.contains("not measured at this shape")));
}
