//! Latency targets decide capacity: whole scenarios, properties and the explanations.

use engine::internals::{estimate, Replica};
use engine::latency::{self, Binding, Shape, Targets};
use engine::scenario::*;
use engine::{catalog, evaluate_document, templates, Options};
use proptest::prelude::*;

fn eval(s: Scenario) -> engine::Evaluation {
    evaluate_document(s, Options::default()).expect("valid scenario")
}

fn with_targets(ttft: Option<f64>, tpot: Option<f64>) -> Scenario {
    let mut s = templates::sonnet_vs_2xa100();
    s.task_types[0].ttft_p95_ms = ttft;
    s.task_types[0].tpot_p95_ms = tpot;
    s
}

fn replicas(e: &engine::Evaluation) -> f64 {
    e.selfhosted[0]
        .replicas
        .as_ref()
        .map_or(f64::NAN, |r| r.value)
}

#[test]
fn sonnet_vs_two_a100s_moves_with_its_targets() {
    let none = eval(with_targets(None, None));
    let line = &none.selfhosted[0].serving[0];
    assert_eq!(line.binding, Binding::Utilisation);
    println!("no target: {} | {}", line.text, line.why);
    let tight = eval(with_targets(Some(1000.0), Some(30.0)));
    let r = &tight.selfhosted[0];
    assert!(r.unusable.is_none(), "{:?}", r.unusable);
    let line = &r.serving[0];
    println!("1000/30: {} | {}", line.text, line.why);
    assert_eq!(line.binding, Binding::Tpot);
    assert!(line.tpot_p95_ms <= 30.0 * (1.0 + 1e-5));
    assert!(
        replicas(&tight) > replicas(&none),
        "{} vs {}",
        replicas(&tight),
        replicas(&none)
    );
    assert!(
        r.monthly.as_ref().map(|m| m.value) > none.selfhosted[0].monthly.as_ref().map(|m| m.value)
    );
    // The row says what sizes the replicas: not the throughput at full load, but what the
    // targets allow of it, the serving line's tok/s per replica; with no target, nothing.
    assert!(none.selfhosted[0].latency_allowed.is_none());
    let full = r.throughput.as_ref().expect("throughput").value;
    let allowed = r.latency_allowed.as_ref().expect("the targets bind").value;
    assert!(allowed < full * 0.6, "{allowed} of {full}");
    assert!(
        (allowed - line.output_tok_s).abs() / line.output_tok_s < 0.02,
        "{allowed} vs {}",
        line.output_tok_s
    );
    // A fixed number of replicas is sized by nothing: the row says nothing of it.
    let mut fixed = with_targets(Some(1000.0), Some(30.0));
    fixed.gpu_configs[0].replica_mode = ReplicaMode::Fixed;
    fixed.gpu_configs[0].replicas = 3;
    assert!(eval(fixed).selfhosted[0].latency_allowed.is_none());
    // A 300 ms TTFT is below what an 800-token prefill of 70B takes on two A100s.
    let floor = eval(with_targets(Some(300.0), Some(30.0)));
    let why = floor.selfhosted[0]
        .unusable
        .clone()
        .expect("below the floor");
    println!("300/30: {why}");
    assert!(
        why.contains("time to first token target of 300 ms is below this hardware's floor"),
        "{why}"
    );
}

/// A target that sizes the replicas moves the saving: the sensitivity chart swings it
/// (±25%) with its range in ms, and a target left empty is no input.
#[test]
fn a_binding_target_is_among_what_moves_the_saving() {
    let bars = |s: Scenario| {
        engine::curves::tornado(&engine::validate(s).expect("valid"), 40)
            .1
            .into_iter()
            .map(|b| b.label)
            .collect::<Vec<_>>()
    };
    // 40 ms: three replicas at 30 ms, one at 50 ms (28 ms is this hardware's floor).
    let tight = bars(with_targets(Some(1000.0), Some(40.0)));
    assert!(
        tight
            .iter()
            .any(|l| l.contains("p95 time-per-output-token target (30 .. 50 ms)")),
        "{tight:?}"
    );
    // 30 ms: 22.5 ms is below the 28 ms floor, where no configuration serves: the bar
    // keeps its high end and says so, never left out as the input that moves it most.
    let floor = bars(with_targets(Some(1000.0), Some(30.0)));
    assert!(
        floor[0].contains("p95 time-per-output-token target (22.5 .. 37.5 ms; at 22.5 ms none can be self-hosted)"),
        "{floor:?}"
    );
    let none = bars(with_targets(None, None));
    assert!(!none.iter().any(|l| l.contains("target")), "{none:?}");
}

#[test]
fn loose_targets_are_no_targets() {
    let none = eval(with_targets(None, None));
    let loose = eval(with_targets(Some(600_000.0), Some(10_000.0)));
    assert_eq!(replicas(&none), replicas(&loose));
    assert_eq!(
        none.selfhosted[0].monthly.as_ref().map(|m| m.value),
        loose.selfhosted[0].monthly.as_ref().map(|m| m.value)
    );
}

#[test]
fn a_target_on_a_field_is_refused_when_not_positive() {
    let mut s = with_targets(Some(0.0), Some(f64::NAN));
    s.task_types[0].ttft_p95_ms = Some(-5.0);
    let e = engine::validate(s).expect_err("refused");
    let paths: Vec<&str> = e.0.iter().map(|f| f.path.as_str()).collect();
    assert!(paths.contains(&"task_types[0].ttft_p95_ms"), "{paths:?}");
    assert!(paths.contains(&"task_types[0].tpot_p95_ms"), "{paths:?}");
}

/// Catalog GPU and model pairs that fit at bf16 or int8 on 1, 2 or 4 GPUs.
fn hardware() -> impl Strategy<Value = (usize, usize, u32, Precision)> {
    (
        0..catalog::GPUS.len(),
        0..catalog::MODELS.len(),
        prop_oneof![Just(1u32), Just(2), Just(4)],
        prop_oneof![
            Just(Precision::Bf16),
            Just(Precision::Int8),
            Just(Precision::Q4)
        ],
    )
}

fn replica(gpu: &GpuEntry, m: usize, n: u32, p: Precision) -> Option<Replica> {
    Replica::new(
        gpu,
        &catalog::MODELS[m],
        p,
        n,
        0.66,
        0.59,
        Some(catalog::link(&gpu.id)),
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn a_tighter_target_never_raises_capacity(
        (g, m, n, p) in hardware(),
        prompt in 10.0..8000.0f64,
        output in 10.0..2000.0f64,
        ttft in 50.0..5000.0f64,
        tpot in 5.0..200.0f64,
        tighten in 0.3..1.0f64,
    ) {
        let Some(r) = replica(&catalog::GPUS[g], m, n, p) else { return Ok(()) };
        let Some(sh) = Shape::of(&r, prompt, output, 256.0) else { return Ok(()) };
        let loose = latency::capacity(&r, &sh, Targets { ttft_ms: Some(ttft), tpot_ms: Some(tpot) });
        let tight = latency::capacity(&r, &sh, Targets { ttft_ms: Some(ttft * tighten), tpot_ms: Some(tpot * tighten) });
        match (loose, tight) {
            (Ok(a), Ok(b)) => prop_assert!(b.at.rate <= a.at.rate * (1.0 + 1e-9)),
            (Err(_), Ok(_)) => prop_assert!(false, "a looser target was refused, a tighter one met"),
            _ => {}
        }
    }

    #[test]
    fn a_faster_gpu_never_lowers_capacity(
        (g, m, n, p) in hardware(),
        prompt in 10.0..8000.0f64,
        output in 10.0..2000.0f64,
        ttft in 50.0..5000.0f64,
        tpot in 5.0..200.0f64,
        (k_bw, k_fl) in (1.0..4.0f64, 1.0..4.0f64),
    ) {
        let base = &catalog::GPUS[g];
        let mut fast = base.clone();
        fast.bandwidth_gbs *= k_bw;
        fast.bf16_tflops *= k_fl;
        fast.fp8_tflops = fast.fp8_tflops.map(|f| f * k_fl);
        let targets = Targets { ttft_ms: Some(ttft), tpot_ms: Some(tpot) };
        let Some(r) = replica(base, m, n, p) else { return Ok(()) };
        let Some(sh) = Shape::of(&r, prompt, output, 256.0) else { return Ok(()) };
        let rf = replica(&fast, m, n, p).expect("same memory, same fit");
        let shf = Shape::of(&rf, prompt, output, 256.0).expect("same room");
        match (latency::capacity(&r, &sh, targets), latency::capacity(&rf, &shf, targets)) {
            (Ok(a), Ok(b)) => prop_assert!(b.at.rate >= a.at.rate * (1.0 - 1e-9), "{} < {}", b.at.rate, a.at.rate),
            (Ok(_), Err(e)) => prop_assert!(false, "the faster GPU misses: {}", e.message()),
            _ => {}
        }
    }

    #[test]
    fn with_no_targets_capacity_is_the_throughput_estimate(
        (g, m, n, p) in hardware(),
        prompt in 10.0..8000.0f64,
        output in 10.0..2000.0f64,
        max_batch in 1u32..512,
    ) {
        let gpu = &catalog::GPUS[g];
        let Some(r) = replica(gpu, m, n, p) else { return Ok(()) };
        let Some(sh) = Shape::of(&r, prompt, output, f64::from(max_batch)) else { return Ok(()) };
        let c = latency::capacity(&r, &sh, Targets::default()).expect("no target to miss");
        let e = estimate(gpu, &catalog::MODELS[m], p, n, prompt, output, f64::from(max_batch), 0.66, 0.59).expect("fits");
        prop_assert!((c.at.rate * e.seconds_per_request - 1.0).abs() < 1e-9);
        prop_assert_eq!(c.share, 1.0);
    }
}

/// What the editor shows under each configuration, for the template with no target,
/// with targets that bind, and with a target below the floor.
#[test]
fn serving_lines_snapshot() {
    let mut out = String::new();
    for (name, ttft, tpot) in [
        ("no target", None, None),
        ("chat preset", Some(500.0), Some(50.0)),
        ("1000 ms / 30 ms", Some(1000.0), Some(30.0)),
        ("300 ms / 30 ms", Some(300.0), Some(30.0)),
    ] {
        let e = eval(with_targets(ttft, tpot));
        let r = &e.selfhosted[0];
        out.push_str(&format!("## {name}\n"));
        if let Some(why) = &r.unusable {
            out.push_str(&format!("unusable: {why}\n"));
        }
        for l in &r.serving {
            out.push_str(&format!("{}\n{}\n", l.text, l.why));
        }
        if let Some(rep) = &r.replicas {
            out.push_str(&format!("replicas: {}\n", rep.value));
        }
    }
    insta::assert_snapshot!(out);
}

fn sglang_sweep() -> (Vec<engine::bench::Run>, engine::bench::sweep::Sweep) {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/bench-samples/sglang/h200-benchmarks/llama_3_3_70b_online_output.jsonl");
    let runs = engine::bench::import(
        "llama_3_3_70b_online_output.jsonl",
        std::fs::File::open(path).expect("sample"),
        None,
    )
    .expect("imports")
    .runs;
    // The 16 req/s random run: the highest throughput of the file.
    let top = runs
        .iter()
        .position(|r| r.label.starts_with("#5"))
        .expect("run 5");
    let sw = engine::bench::sweep::sweep(&runs, top);
    (runs, sw)
}

#[test]
fn a_file_of_runs_becomes_a_sweep_of_one_shape() {
    let (_, sw) = sglang_sweep();
    assert_eq!(sw.points.len(), 5, "{:?}", sw.left_out);
    assert_eq!(sw.left_out.len(), 2);
    assert!(
        sw.left_out
            .iter()
            .all(|w| w.contains("sharegpt dataset': another request shape")),
        "{:?}",
        sw.left_out
    );
    // The file has medians only: the sweep says so.
    assert!(sw.points.iter().all(|p| p.stat == "median"));
}

#[test]
fn a_sweep_picks_the_load_that_meets_the_targets() {
    let (runs, sw) = sglang_sweep();
    let top = runs
        .iter()
        .find(|r| r.label.starts_with("#5"))
        .expect("run 5");
    let mut s = templates::sonnet_vs_2xa100();
    s.task_types[0].input_tokens = top.input_tokens.expect("shape");
    s.task_types[0].output_tokens = top.output_tokens.expect("shape");
    s.task_types[0].tpot_p95_ms = Some(25.0);
    let g = &mut s.gpu_configs[0];
    g.gpu = "h200".into();
    g.gpus_per_replica = 4;
    g.model = "llama-3.3-70b".into();
    g.precision = Precision::Bf16;
    g.target_utilisation = 1.0;
    g.throughput = ThroughputSource::Benchmark {
        run_id: "r5".into(),
        output_tokens_per_s: top.output_tokens_per_s.expect("tok/s"),
        input_tokens: top.input_tokens.expect("in"),
        output_tokens: top.output_tokens.expect("out"),
        concurrency: 1.0,
        label: top.label.clone(),
        run_gpu: None,
        run_gpus: None,
        sweep: sw.points.clone(),
        run_facts: None,
    };
    // The document goes through JSON to the server and back.
    let json = serde_json::to_string(&s).expect("serializes");
    let mut s: Scenario = serde_json::from_str(&json).expect("reads back");
    let e = eval(s.clone());
    // The evaluation goes back to the browser as JSON: no NaN may hide in it.
    let out = serde_json::to_string(&e).expect("serializes");
    let back: engine::Evaluation = serde_json::from_str(&out).expect("the browser reads it");
    assert_eq!(back.selfhosted[0].serving, e.selfhosted[0].serving);
    let line = &e.selfhosted[0].serving[0];
    let chosen = line.chosen.expect("a pick");
    // Median ITL 19.4 ms at 2,048 tok/s, 70.8 ms at 3,515: 25 ms is 10.9% of the way.
    let want = 2047.9 + (25.0 - 19.42) / (70.81 - 19.42) * (3515.2 - 2047.9);
    assert!(
        (chosen.output_tok_s - want).abs() < 2.0,
        "{} vs {want}",
        chosen.output_tok_s
    );
    assert_eq!(line.binding, Binding::Tpot);
    assert_eq!(line.measured.len(), 5);
    assert!(line.text.starts_with("Measured: 2,2"), "{}", line.text);
    // The pick sets the replicas: the share of the attached run's 4,288 tok/s it allows.
    let share = e.selfhosted[0]
        .replicas
        .as_ref()
        .and_then(|r| {
            r.inputs.iter().find(|i| {
                i.name
                    .contains("share of a replica the latency targets allow")
            })
        })
        .map(|i| i.value)
        .expect("the share is in the replicas' explanation");
    assert!(
        (share - chosen.output_tok_s / 4288.1).abs() < 1e-3,
        "{share}"
    );
    // Mixed models in a sweep are refused at its field.
    if let ThroughputSource::Benchmark { sweep, .. } = &mut s.gpu_configs[0].throughput {
        sweep[0].model = Some("meta-llama/Llama-3.1-8B-Instruct".into());
    }
    let err = engine::validate(s).expect_err("mixed models");
    let f = err
        .0
        .iter()
        .find(|f| f.path == "gpu_configs[0].throughput.sweep")
        .expect("at the sweep");
    assert!(f.message.contains("mix models"), "{}", f.message);
}

/// A run measured at another request shape than the task type's: the serving line gives
/// the planned load at both shapes, and the one at the task type's is the share of the
/// replica's converted throughput (what the replicas are sized from).
#[test]
fn a_sweep_planned_at_another_shape_says_the_load_at_the_task_types() {
    let (runs, sw) = sglang_sweep();
    let top = runs
        .iter()
        .find(|r| r.label.starts_with("#5"))
        .expect("run 5");
    let mut s = templates::sonnet_vs_2xa100();
    s.task_types[0].input_tokens = 1_800.0;
    s.task_types[0].output_tokens = 350.0;
    s.task_types[0].tpot_p95_ms = Some(25.0);
    let g = &mut s.gpu_configs[0];
    g.gpu = "h200".into();
    g.gpus_per_replica = 4;
    g.model = "llama-3.3-70b".into();
    g.precision = Precision::Bf16;
    g.target_utilisation = 1.0;
    g.throughput = ThroughputSource::Benchmark {
        run_id: "r5".into(),
        output_tokens_per_s: top.output_tokens_per_s.expect("tok/s"),
        input_tokens: top.input_tokens.expect("in"),
        output_tokens: top.output_tokens.expect("out"),
        concurrency: 1.0,
        label: top.label.clone(),
        run_gpu: None,
        run_gpus: None,
        sweep: sw.points.clone(),
        run_facts: None,
    };
    let attached = top.output_tokens_per_s.expect("tok/s");
    let e = eval(s);
    let r = &e.selfhosted[0];
    let converted = r.throughput.as_ref().expect("explained").value;
    let share = r
        .replicas
        .as_ref()
        .and_then(|x| {
            x.inputs.iter().find(|i| {
                i.name
                    .contains("share of a replica the latency targets allow")
            })
        })
        .map(|i| i.value)
        .expect("the share");
    let line = &r.serving[0];
    let at_runs = engine::fmt_num((share * attached).round());
    let at_task = engine::fmt_num((share * converted).round());
    assert_ne!(at_runs, at_task, "the shapes differ");
    assert!(
        line.text.contains(&format!(
            "planned at {at_runs} tok/s at the runs' request shape, which is {at_task} tok/s at this task type's (1,800 in, 350 out)"
        )),
        "{}",
        line.text
    );
}

/// The 70B on 2 H100s in fp8 with a run measured on 4 H200s at another request shape.
fn scaled(top: &engine::bench::Run, sweep: Vec<SweepPoint>) -> Scenario {
    let mut s = templates::sonnet_vs_2xa100();
    s.task_types[0].input_tokens = 1_800.0;
    s.task_types[0].output_tokens = 350.0;
    let g = &mut s.gpu_configs[0];
    g.gpu = "h100-sxm".into();
    g.gpus_per_replica = 2;
    g.model = "llama-3.3-70b".into();
    g.precision = Precision::Fp8;
    g.throughput = ThroughputSource::Benchmark {
        run_id: "r5".into(),
        output_tokens_per_s: top.output_tokens_per_s.expect("tok/s"),
        input_tokens: top.input_tokens.expect("in"),
        output_tokens: top.output_tokens.expect("out"),
        concurrency: 1.0,
        label: top.label.clone(),
        run_gpu: Some("h200".into()),
        run_gpus: Some(4),
        sweep,
        run_facts: None,
    };
    s
}

/// A run measured on other hardware and another request shape: its throughput's
/// explanation lists both factors, and the figure is rebuilt from what it lists.
#[test]
fn a_scaled_run_explains_both_factors_and_rebuilds() {
    let (runs, sw) = sglang_sweep();
    let top = runs
        .iter()
        .find(|r| r.label.starts_with("#5"))
        .expect("run 5");
    let e = eval(scaled(top, Vec::new()));
    let ex = e.selfhosted[0].throughput.as_ref().expect("explained");
    let find = |prefix: &str| {
        ex.inputs
            .iter()
            .find(|i| i.name.starts_with(prefix))
            .map(|i| i.value)
            .unwrap_or_else(|| panic!("{prefix} is not listed: {}", ex.render()))
    };
    let measured = find("measured seconds per request");
    let hardware = find("hardware scale, 4x NVIDIA H200");
    let shape = find("cost ratio, workload shape");
    assert!(
        hardware > 1.0,
        "2 H100s are slower than 4 H200s: {hardware}"
    );
    let out = top.output_tokens.expect("out") / top.output_tokens_per_s.expect("tok/s");
    assert!((measured - out).abs() < 1e-12);
    let rebuilt = 350.0 / (measured * hardware * shape);
    assert!(
        (rebuilt - ex.value).abs() < 1e-9 * ex.value,
        "{rebuilt} vs {}",
        ex.value
    );
    // The one-pager's assumptions say it was scaled, and from what.
    let rows = engine::report::assumption_groups_with_sizing(&e);
    let basis = rows
        .iter()
        .flat_map(|g| &g.rows)
        .find(|r| r.0 == "throughput per replica")
        .map(|r| r.2.clone())
        .expect("a throughput row");
    assert!(
        basis.contains("scaled from its hardware by the estimator (4x NVIDIA H200 SXM 141 GB to 2x NVIDIA H100 SXM 80 GB)"),
        "{basis}"
    );
    // The run's sweep measured latencies on its own hardware: on other hardware the
    // serving line is the latency model's estimate, not the sweep's.
    let mut s = scaled(top, sw.points.clone());
    s.task_types[0].tpot_p95_ms = Some(25.0);
    let e = eval(s);
    let line = &e.selfhosted[0].serving[0];
    assert!(line.text.starts_with("Serves "), "{}", line.text);
    assert!(line.chosen.is_none());
}
