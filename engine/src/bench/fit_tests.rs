//! Tests of `fit.rs`: mismatches and the hardware a run's file names.
use super::*;

fn run(model: Option<&str>, hardware: Option<&str>, label: &str) -> Run {
    Run {
        label: label.into(),
        model: model.map(str::to_string),
        hardware: hardware.map(str::to_string),
        concurrency: Some(16.0),
        ..Run::default()
    }
}

fn a100_70b_int8() -> (Scenario, GpuConfig) {
    let s = crate::templates::template("sonnet-vs-2xa100").expect("template");
    let mut c = s.gpu_configs[0].clone();
    c.model = "llama-3.1-70b".into();
    c.gpu = "a100-80gb".into();
    c.precision = Precision::Int8;
    c.gpus_per_replica = 2;
    (s, c)
}

/// The review's case: a Llama 3.3 70B tensor-parallel-8 run on unknown hardware,
/// attached to 2x A100 Llama 3.1 70B int8, warns on model, precision, hardware.
#[test]
fn another_model_on_unknown_hardware_is_called_out() {
    let (s, c) = a100_70b_int8();
    let r = run(
        Some("meta-llama/Llama-3.3-70B-Instruct"),
        None,
        "tp8 qps inf",
    );
    let m = mismatches(&r, &s, &c);
    assert!(
        m.iter()
            .any(|x| x.contains("Llama-3.3-70B") && x.contains("Llama 3.1 70B")),
        "{m:?}"
    );
    assert!(
        m.iter().any(|x| x.contains("does not record its hardware")),
        "{m:?}"
    );
    assert!(m.iter().any(|x| x.contains("8 GPUs per replica")), "{m:?}");
    assert!(
        m.iter().any(|x| x.contains("does not state its precision")),
        "{m:?}"
    );
}

#[test]
fn a_run_of_the_same_setup_raises_nothing() {
    let (s, c) = a100_70b_int8();
    let r = run(
        Some("meta-llama/Llama-3.1-70B-Instruct-INT8"),
        Some("2x A100-SXM4-80GB"),
        "c16",
    );
    assert_eq!(mismatches(&r, &s, &c), Vec::<String>::new());
}

#[test]
fn precision_gpu_and_count_mismatches_are_named() {
    let (s, c) = a100_70b_int8();
    let r = run(Some("Llama-3.1-70B-FP8"), Some("H100 x4"), "");
    let m = mismatches(&r, &s, &c);
    assert!(
        m.iter().any(|x| x.contains("fp8") && x.contains("int8")),
        "{m:?}"
    );
    assert!(
        m.iter()
            .any(|x| x.contains("H100 x4") && x.contains("A100")),
        "{m:?}"
    );
    assert!(m.iter().any(|x| x.contains("4 GPUs per replica")), "{m:?}");
    let mut open = run(Some("Llama-3.1-70B int8"), Some("2x A100"), "");
    open.concurrency = None;
    assert!(mismatches(&open, &s, &c)
        .iter()
        .any(|x| x.contains("requests were in flight")));
    // Rate and latency stated: the load is worked out (16 req/s × 77.8 s), not taken as 1.
    open.requests_per_s = Some(16.0);
    open.e2e_ms.mean = Some(77_800.0);
    assert_eq!(open.little_in_flight().map(f64::round), Some(1245.0));
    let m = mismatches(&open, &s, &c);
    assert!(
        m.iter()
            .any(|x| x.contains("about 1,245 requests in flight")),
        "{m:?}"
    );
    assert!(!m.iter().any(|x| x.contains("concurrency 1")), "{m:?}");
}

#[test]
fn gpu_counts_are_read_in_the_usual_spellings() {
    assert_eq!(stated_gpus("8x H100"), Some(8));
    assert_eq!(stated_gpus("H100 x8"), Some(8));
    assert_eq!(stated_gpus("tp=4"), Some(4));
    assert_eq!(stated_gpus("TP2 c16"), Some(2));
    assert_eq!(stated_gpus("4 GPUs"), Some(4));
    assert_eq!(stated_gpus("NVIDIA H100 80GB HBM3"), None);
    assert_eq!(stated_gpus("c16 qps inf"), None);
    assert_eq!(stated_gpus("8 x H100"), Some(8));
    assert_eq!(stated_gpus("H100x8"), Some(8));
    assert_eq!(stated_gpus("2x A100-SXM4-80GB"), Some(2));
    assert_eq!(stated_gpus("4 x NVIDIA GeForce RTX 4090"), Some(4));
    assert_eq!(stated_gpus("output tp4"), Some(4));
    // A card's model number is not a count (a new user's vLLM file said this).
    assert_eq!(stated_gpus("NVIDIA GeForce RTX 4090"), None);
    assert_eq!(stated_gpus("RTX4090"), None);
    assert_eq!(stated_gpus("NVIDIA RTX A6000"), None);
    assert_eq!(stated_gpus("NVIDIA A100-SXM4-80GB"), None);
    assert_eq!(stated_gpus("AMD Instinct MI300X"), None);
    assert_eq!(stated_gpus("1 GPU"), Some(1));
    assert_eq!(stated_gpus("AMD Radeon RX 7900 XTX"), None);
    assert_eq!(stated_gpus("RX 6800 XT"), None);
    assert_eq!(stated_gpus("GTX 980 GPU"), None);
    assert_eq!(stated_gpus("RTX 4090 GPU"), None);
    assert_eq!(stated_gpus("2 x RX 7900 XTX"), Some(2));
    // More than a run can have is no count (a scenario could not hold it).
    assert_eq!(stated_gpus("4096 GPUs"), None);
}

#[test]
fn stated_hardware_names_the_runs_gpu_and_count_when_they_differ() {
    let (s, c) = a100_70b_int8();
    let r = run(
        Some("meta-llama/Llama-3.1-70B-Instruct"),
        Some("NVIDIA L40S x4"),
        "",
    );
    assert_eq!(stated_hardware(&r, &s, &c), (Some("l40s".into()), Some(4)));
    // The configuration's own GPU and count state nothing to scale.
    let r = run(
        Some("meta-llama/Llama-3.1-70B-Instruct"),
        Some("2x A100-SXM4-80GB"),
        "",
    );
    assert_eq!(stated_hardware(&r, &s, &c), (None, None));
    let r = run(Some("m"), None, "tp=8");
    assert_eq!(stated_hardware(&r, &s, &c), (None, Some(8)));
}

#[test]
fn the_given_run_hardware_is_what_the_sentences_name() {
    let (s, mut c) = a100_70b_int8();
    let r = run(Some("meta-llama/Llama-3.1-70B-Instruct"), None, "int8");
    assert!(mismatches(&r, &s, &c)
        .iter()
        .any(|m| m.contains("does not record its hardware")));
    c.throughput = crate::scenario::ThroughputSource::Benchmark {
        run_id: "r".into(),
        output_tokens_per_s: 100.0,
        input_tokens: 100.0,
        output_tokens: 100.0,
        concurrency: 16.0,
        label: "l".into(),
        run_gpu: Some("h100-sxm".into()),
        run_gpus: Some(8),
        sweep: Vec::new(),
        run_facts: None,
    };
    let m = mismatches(&r, &s, &c);
    assert!(
        m.iter()
            .any(|m| m.contains("taken as measured on 8x NVIDIA H100 SXM 80 GB")),
        "{m:?}"
    );
    assert!(
        m.iter()
            .any(|m| m.contains("2x NVIDIA A100 80 GB SXM") && m.contains("scaled")),
        "{m:?}"
    );
}

#[test]
fn gpu_names_are_matched_as_words_and_ties_are_not_guessed() {
    let (s, mut c) = a100_70b_int8();
    // "l4" is not inside "L40S": an L4 configuration given an L40S run scales it.
    c.gpu = "l4".into();
    let r = run(Some("m"), Some("NVIDIA L40S"), "");
    assert_eq!(stated_hardware(&r, &s, &c).0.as_deref(), Some("l40s"));
    assert!(mismatches(&r, &s, &c)
        .iter()
        .any(|m| m.contains("The file names the hardware NVIDIA L40S")));
    // "H100 SXM5" names the SXM; a bare "H100" could be PCIe or SXM: no guess.
    c.gpu = "a100-80gb".into();
    let r = run(Some("m"), Some("8xH100 SXM5"), "");
    assert_eq!(
        stated_hardware(&r, &s, &c),
        (Some("h100-sxm".into()), Some(8))
    );
    let r = run(Some("m"), Some("NVIDIA H100 80GB HBM3"), "");
    assert_eq!(stated_hardware(&r, &s, &c).0, None);
    // The configuration's own A100 80GB among the best: nothing to record.
    let r = run(Some("m"), Some("A100-SXM4-80GB"), "");
    assert_eq!(stated_hardware(&r, &s, &c).0, None);
    assert_eq!(hw_tokens("2x A100-SXM4-80GB"), vec!["a100", "sxm4", "80gb"]);
    assert_eq!(hw_tokens("H100x8"), vec!["h100"]);
    assert!(gpu_score(&hw_tokens("RTX 4090"), "rtx-4090").is_some());
}

/// A model taken from the file's name is said as the name's, never as measured: asked to be
/// checked when it is this configuration's, called out (as the name's) when it is not.
#[test]
fn a_model_from_the_files_name_is_said_as_the_names() {
    let (s, c) = a100_70b_int8();
    let mut r = run(Some("Llama 3.1 70B"), Some("2x A100-SXM4-80GB"), "int8 c16");
    r.model_from_name = true;
    assert_eq!(
        mismatches(&r, &s, &c),
        vec![
            "The file names no model; its name says Llama 3.1 70B: check that it measured it."
                .to_string()
        ]
    );
    r.model = Some("Llama 3.3 70B".into());
    let m = mismatches(&r, &s, &c);
    assert_eq!(m.len(), 1, "{m:?}");
    assert!(m[0].starts_with("The file names no model, but its name says Llama 3.3 70B; this configuration serves Llama 3.1 70B."), "{m:?}");
}

/// An attached run's facts travel with the document: its evaluation (what the view link,
/// the printout and the one-pager show) says how the run may not measure the
/// configuration, as the editor says it beside the run; an attachment without facts
/// (from before they were kept) says nothing new.
#[test]
fn an_attached_runs_misfit_is_in_the_evaluation() {
    let mut s = crate::templates::sonnet_vs_2xa100();
    let attach =
        |facts: Option<crate::scenario::RunFacts>| crate::scenario::ThroughputSource::Benchmark {
            run_id: "r".into(),
            output_tokens_per_s: 900.0,
            input_tokens: 800.0,
            output_tokens: 400.0,
            concurrency: 16.0,
            label: "facebook/opt-125m, c16 (serve.json)".into(),
            run_gpu: None,
            run_gpus: None,
            sweep: Vec::new(),
            run_facts: facts,
        };
    s.gpu_configs[0].throughput = attach(None);
    let before = crate::evaluate_document(s.clone(), Default::default()).expect("valid");
    let plain = before.selfhosted[0].warnings.clone();
    let facts = crate::scenario::RunFacts {
        model: Some("facebook/opt-125m".into()),
        model_from_name: false,
        hardware: None,
        concurrency_stated: Some(true),
    };
    s.gpu_configs[0].throughput = attach(Some(facts.clone()));
    let e = crate::evaluate_document(s.clone(), Default::default()).expect("valid");
    let w = &e.selfhosted[0].warnings;
    assert!(
        w.iter().any(|x| x.starts_with(
            "The run measured facebook/opt-125m; this configuration serves Llama 3.1 70B"
        )),
        "{w:?}"
    );
    assert!(
        w.iter().any(|x| x.contains("does not record its hardware")),
        "{w:?}"
    );
    assert!(w.len() > plain.len());
    assert!(
        plain.iter().all(|x| !x.contains("The run measured")),
        "{plain:?}"
    );
    // The load it recorded: stated (16), said nothing of; worked out, said as such; not
    // known (0), said as unknown.
    let load = |stated: bool, c: f64| {
        let mut s = s.clone();
        let mut f = facts.clone();
        f.concurrency_stated = Some(stated);
        s.gpu_configs[0].throughput = attach(Some(f));
        if let crate::scenario::ThroughputSource::Benchmark { concurrency, .. } =
            &mut s.gpu_configs[0].throughput
        {
            *concurrency = c;
        }
        let e = crate::evaluate_document(s, Default::default()).expect("valid");
        e.selfhosted[0]
            .warnings
            .iter()
            .find(|x| x.contains("in flight"))
            .cloned()
    };
    assert_eq!(load(true, 16.0), None);
    let worked = load(false, 16.4).expect("said");
    assert!(
        worked.contains("about 16 requests in flight (Little's law)"),
        "{worked}"
    );
    let unknown = load(false, 0.0).expect("said");
    assert!(
        unknown.contains("whether its load matches yours is unknown"),
        "{unknown}"
    );
}

#[test]
fn runs_of_the_configurations_model_and_gpu_are_the_closest() {
    let (_, c) = a100_70b_int8();
    let model = "meta-llama/Llama-3.1-70B-Instruct";
    let both = run(Some(model), Some("NVIDIA A100-SXM4-80GB"), "");
    let model_only = run(Some(model), Some("NVIDIA GeForce RTX 4090"), "");
    let neither = run(
        Some("Qwen/Qwen2.5-7B-Instruct"),
        Some("NVIDIA A100-SXM4-80GB"),
        "",
    );
    let unnamed = run(None, None, "");
    assert_eq!(closeness(&both, &c), 2);
    assert_eq!(closeness(&model_only, &c), 1);
    assert_eq!(closeness(&neither, &c), 0);
    assert_eq!(closeness(&unnamed, &c), 0);
}
