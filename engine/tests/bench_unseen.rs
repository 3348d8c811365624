//! Benchmark files as users meet them outside the shared samples: terminal captures,
//! tool output wrapped by scripts, runs against another framework, the model named
//! elsewhere, failures hidden inside "completed", configured vs measured load, and
//! refusals. Each file here is BUILT FROM A REAL SHARED SAMPLE (read from
//! `bench-samples/`, unmodified on disk) by the change the test names, and every
//! expected number is copied from that sample.

use engine::bench::{import, ConcurrencyBasis, Format, ImportError, Imported};
use serde_json::{json, Value};

mod support;

fn sample(rel: &str) -> String {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/bench-samples")
        .join(rel);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn json_sample(rel: &str) -> Value {
    serde_json::from_str(&sample(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

fn read(name: &str, text: &str, format: Option<Format>) -> Imported {
    import(name, text.as_bytes(), format).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn refusal(name: &str, text: &str) -> ImportError {
    match import(name, text.as_bytes(), None) {
        Ok(i) => panic!("{name}: expected a refusal, got {} runs", i.runs.len()),
        Err(e) => e,
    }
}

#[track_caller]
fn close(got: Option<f64>, want: f64) {
    let g = got.unwrap_or_else(|| panic!("missing value, wanted {want}"));
    assert!(
        (g - want).abs() <= 1e-9 * want.abs().max(1.0),
        "got {g}, wanted {want}"
    );
}

const PI4: &str = "ollama/dambergn-ollama-benchmarks/data/qwen2.5_7b Raspberry Pi 4.md";
const SERVE: &str = "vllm/er0080-vllm-benchmarking-v0.25.1/bench_serve_v0.25.1.json";
const OLLAMA_RESPONSE: &str =
    "ollama/ollama-bash-lib/2b390a1/demos/ollama_generate_json.extracted-response.json";

/// The sample's metrics block, as `ollama run --verbose` prints it.
fn pi4_metrics() -> String {
    let text = sample(PI4);
    let start = text.find("total duration:").expect("metrics in the sample");
    let end = text[start..]
        .find("```")
        .map(|e| start + e)
        .unwrap_or(text.len());
    text[start..end].to_string()
}

// Class 1: a terminal capture of five runs, with colour and cursor codes, a spinner
// redrawn with carriage returns, a `model_name = ...` line, and `2m21.88s` durations.
#[test]
fn terminal_capture_with_escape_codes_keeps_every_run() {
    let block = pi4_metrics();
    let mut capture = String::from("\u{1b}]0;pi@raspberrypi: ~\u{7}model_name = qwen2.5:7b\r\n");
    for i in 0..5 {
        capture.push_str(&format!(
            "\u{1b}[?25l\u{1b}[1G⠙ \u{1b}[K\r⠹ \u{1b}[K\r\u{1b}[?25h>>> run {i}\r\n"
        ));
        for line in block.lines() {
            // Colour around the key, as some shells' logging does.
            let line = line.replacen("duration:", "duration:\u{1b}[0m", 1);
            capture.push_str(&format!("\u{1b}[2K\u{1b}[1;36m{line}\u{1b}[0m\r\n"));
        }
    }
    // The last run's eval duration in minutes and seconds.
    let capture = capture
        .replacen("7m27.388s", "2m21.88s", 5)
        .replacen("2m21.88s", "7m27.388s", 4);
    let i = read("capture.log", &capture, None);
    assert_eq!(i.format, Format::OllamaVerbose);
    assert_eq!(i.runs.len(), 5, "{:?}", i.refused);
    for r in &i.runs {
        assert_eq!(r.model.as_deref(), Some("qwen2.5:7b"));
        // total duration: 7m54.442550589s; eval count 351 (from the sample).
        close(r.duration_s, 474.442550589);
        close(r.output_tokens, 351.0);
        assert!(
            r.notes.iter().any(|n| n.contains("terminal capture")),
            "{:?}",
            r.notes
        );
    }
    close(i.runs[0].output_tokens_per_s, 351.0 / 447.388);
    close(i.runs[4].output_tokens_per_s, 351.0 / 141.88);
    let labels: Vec<&str> = i.runs.iter().map(|r| r.label.as_str()).collect();
    assert_eq!(labels, ["run 1", "run 2", "run 3", "run 4", "run 5"]);
}

// Class 2: an Ollama response under a script's `response` key, beside the script's own
// fields; and llmperf summaries keyed by concurrency in one object.
#[test]
fn known_records_inside_a_wrapper_are_found() {
    let resp = json_sample(OLLAMA_RESPONSE);
    let wrapped =
        json!({"script": "bench.sh", "gpu": "RTX 4060 Ti 16GB", "prompt_id": 3, "response": resp});
    let text = wrapped.to_string();
    for forced in [None, Some(Format::OllamaApi)] {
        let i = read("bench.json", &text, forced);
        assert_eq!(i.format, Format::OllamaApi);
        let r = &i.runs[0];
        // eval_count 14 in eval_duration 557216256 ns; model tinyllama:latest.
        close(r.output_tokens_per_s, 14.0 / 0.557216256);
        assert_eq!(r.model.as_deref(), Some("tinyllama:latest"));
        assert_eq!(
            r.hardware.as_deref(),
            Some("RTX 4060 Ti 16GB"),
            "the wrapper's gpu field"
        );
        assert!(r.label.starts_with("response"), "{}", r.label);
        assert!(
            r.notes.iter().any(|n| n.contains("read from \"response\"")),
            "{:?}",
            r.notes
        );
    }

    let groq = json_sample("llmperf/llmperf-leaderboard/summary/groq_70b.json");
    let anyscale = json_sample("llmperf/llmperf-leaderboard/summary/anyscale_70b.json");
    let keyed =
        json!({"tool": "llmperf", "results": {"concurrency_5": groq, "concurrency_5_b": anyscale}});
    let i = read("sweep.json", &keyed.to_string(), None);
    assert_eq!(i.format, Format::LlmperfSummary);
    assert_eq!(i.runs.len(), 2);
    assert!(
        i.runs[0].label.starts_with("results.concurrency_5 ·"),
        "{}",
        i.runs[0].label
    );
    close(
        i.runs[0].output_tokens_per_s,
        groq["results_mean_output_throughput_token_per_s"]
            .as_f64()
            .unwrap_or(f64::NAN),
    );
    close(
        i.runs[1].output_tokens_per_s,
        anyscale["results_mean_output_throughput_token_per_s"]
            .as_f64()
            .unwrap_or(f64::NAN),
    );

    // Nothing known anywhere: the refusal says the search looked inside.
    let e = refusal("x.json", r#"{"a": {"b": {"c": 1}}, "d": [1, 2]}"#);
    assert!(matches!(e, ImportError::Unrecognised(_)), "{e:?}");
}

// Class 3: one vLLM-format file with runs against four servers: the client's default
// backend (which names no server), SGLang named by `backend`, a `server_info` holding
// SGLang's server arguments, and a user's `--metadata framework=...`.
#[test]
fn runs_against_other_frameworks_are_told_apart() {
    let base = json_sample(SERVE);
    let mut a = base.clone();
    a["deployment"] = json!("k8s");
    let mut b = base.clone();
    b["backend"] = json!("sglang");
    let mut c = base.clone();
    c["backend"] = json!("openai-chat");
    c["server_info"] =
        json!({"model_path": "facebook/opt-125m", "tp_size": 1, "version": "0.4.6.post1"});
    let mut d = base.clone();
    d["framework"] = json!("tensorrt-llm");
    let text = format!("{a}\n{b}\n{c}\n{d}\n");
    let i = read("mixed.jsonl", &text, None);
    assert_eq!(
        i.format,
        Format::VllmServe,
        "the file's format is the client tool's"
    );
    let fw: Vec<Option<&str>> = i.runs.iter().map(|r| r.framework.as_deref()).collect();
    assert_eq!(
        fw,
        [
            None,
            Some("SGLang (from the client's \"backend\" setting)"),
            Some("SGLang 0.4.6.post1 (from \"server_info\")"),
            Some("TensorRT-LLM (from \"framework\")"),
        ]
    );
    assert!(i.runs[0]
        .notes
        .iter()
        .any(|n| n.contains("does not say which server answered")));
    let labels: Vec<&str> = i.runs.iter().map(|r| r.label.as_str()).collect();
    assert!(
        labels[0].contains("k8s") && labels[0].contains("framework not stated"),
        "{labels:?}"
    );
    assert!(
        labels[1].contains("SGLang") && !labels[1].contains("TensorRT"),
        "{labels:?}"
    );
    assert!(labels[3].contains("TensorRT-LLM"), "{labels:?}");
    assert!(
        labels
            .iter()
            .all(|l| labels.iter().filter(|m| *m == l).count() == 1),
        "{labels:?}"
    );
    // The numbers are each record's own: output_throughput 82.89297074037474.
    for r in &i.runs {
        close(r.output_tokens_per_s, 82.89297074037474);
    }
}

// Class 4: the model named only in nested server info, in the tool's input config, or
// on a text line.
#[test]
fn the_model_is_found_where_the_file_states_it() {
    let mut v = json_sample(SERVE);
    let obj = v.as_object_mut().expect("object");
    obj.remove("model_id");
    obj.remove("tokenizer_id");
    obj.insert(
        "server_info".into(),
        json!({"model_path": "facebook/opt-125m"}),
    );
    let r = &read("s.json", &v.to_string(), None).runs[0];
    assert_eq!(r.model.as_deref(), Some("facebook/opt-125m"));
    assert!(
        r.notes.iter().any(|n| n.contains("server_info.model_path")),
        "{:?}",
        r.notes
    );

    let aiperf = "aiperf/qwen36-vllm-aiperf-benchmark/results/nvfp4/5090/agent/c2/profile_export_aiperf.json";
    let mut v = json_sample(aiperf);
    v["input_config"]["models"] = json!(null);
    v["input_config"]["endpoint"]["model_names"] = json!(["qwen3.6-nvfp4"]);
    let r = &read("a.json", &v.to_string(), None).runs[0];
    assert_eq!(r.model.as_deref(), Some("qwen3.6-nvfp4"));
    assert!(
        r.notes
            .iter()
            .any(|n| n.contains("input_config.endpoint.model_names")),
        "{:?}",
        r.notes
    );

    // A file naming two models cannot say which one a run served.
    let mut v = json_sample(SERVE);
    v.as_object_mut().expect("object").remove("model_id");
    v["tokenizer_id"] = json!(null);
    v["runs"] = json!([{"model": "a-7b"}, {"model": "b-70b"}]);
    let r = &read("s.json", &v.to_string(), None).runs[0];
    assert_eq!(r.model, None);
    assert!(
        r.notes
            .iter()
            .any(|n| n.contains("several models (a-7b, b-70b)")),
        "{:?}",
        r.notes
    );
}

// Class 5: requests that returned nothing, prompts never completed, error counts.
#[test]
fn failures_hidden_inside_completed_are_counted() {
    let rel = "vllm/llm-k8s-benchmark_serving-2025-04/serving_meta-llama-Llama-3.3-70B-Instruct_tp8_pp1_sharegpt_qps_01.json";
    let mut v = json_sample(rel);
    // Three successful requests return no tokens.
    for k in [0usize, 1, 2] {
        v["output_lens"][k] = json!(0);
    }
    let ttfts: Vec<f64> = v["ttfts"]
        .as_array()
        .expect("ttfts")
        .iter()
        .filter_map(Value::as_f64)
        .collect();
    let r = &read("k8s.json", &v.to_string(), None).runs[0];
    assert_eq!((r.completed, r.failed), (Some(197), Some(3)));
    let kept: Vec<f64> = ttfts[3..].to_vec();
    close(
        r.ttft_ms.mean,
        kept.iter().sum::<f64>() / kept.len() as f64 * 1000.0,
    );
    assert!(
        r.warnings
            .iter()
            .any(|w| w.starts_with("3 of 200 requests failed")),
        "{:?}",
        r.warnings
    );
    assert!(!r.notes.is_empty(), "a degraded run never reads as clean");

    // num_prompts 8, completed 6, no `failed` key: 2 never finished.
    let mut v = json_sample(SERVE);
    v["completed"] = json!(6);
    v.as_object_mut().expect("object").remove("failed");
    let r = &read("s.json", &v.to_string(), None).runs[0];
    assert_eq!((r.completed, r.failed), (Some(6), Some(2)));
    assert!(
        r.notes
            .iter()
            .any(|n| n.contains("the other 2 did not complete")),
        "{:?}",
        r.notes
    );

    // llmperf individual responses: zero output tokens without an error code.
    let rel = "llmperf/llmperf-leaderboard/individual/groq_70b.json";
    let mut v = json_sample(rel);
    v[0]["number_output_tokens"] = json!(0);
    let r = &read("ind.json", &v.to_string(), None).runs[0];
    assert_eq!((r.completed, r.failed), (Some(149), Some(1)));

    // AIPerf CSV with an error count row in its Metric,Value section.
    let rel =
        "aiperf/qwen36-vllm-aiperf-benchmark/results/nvfp4/5090/agent/c2/profile_export_aiperf.csv";
    let csv = sample(rel).replacen(
        "Metric,Value\r\n",
        "Metric,Value\r\nError Request Count,4\r\n",
        1,
    );
    assert!(
        csv.contains("Error Request Count,4"),
        "the sample has a Metric,Value section"
    );
    let r = &read("p.csv", &csv, None).runs[0];
    assert_eq!((r.completed, r.failed), (Some(96), Some(4)));
    assert!(
        r.warnings
            .iter()
            .any(|w| w.starts_with("4 of 100 requests failed")),
        "{:?}",
        r.warnings
    );
}

// Class 6: nominal timings and a mock server are flagged.
#[test]
fn nominal_timings_and_mock_servers_are_flagged() {
    let rel = "llmperf/llmperf-leaderboard/individual/groq_70b.json";
    let mut v = json_sample(rel);
    for r in v.as_array_mut().expect("array") {
        let tokens = r["number_output_tokens"].as_f64().unwrap_or(0.0);
        r["end_to_end_latency_s"] = json!(tokens / 50.0);
    }
    let r = &read("mock.json", &v.to_string(), None).runs[0];
    assert!(
        r.warnings.iter().any(|w| w.contains("nominal timings")),
        "{:?}",
        r.warnings
    );
    let real = &read("real.json", &sample(rel), None).runs[0];
    assert!(real.warnings.is_empty(), "{:?}", real.warnings);

    let mut v = json_sample(SERVE);
    v["model_id"] = json!("mock-llm");
    v["base_url"] = json!("http://127.0.0.1:8000");
    let r = &read("m.json", &v.to_string(), None).runs[0];
    assert!(
        r.warnings.iter().any(|w| w.contains("mock or test model")),
        "{:?}",
        r.warnings
    );
    assert!(
        r.warnings.iter().any(|w| w.contains("127.0.0.1")),
        "{:?}",
        r.warnings
    );

    // A sweep of identical TPOT at mean, median and p99 is not a measurement.
    let mut v = json_sample(SERVE);
    for k in ["mean_tpot_ms", "median_tpot_ms", "p99_tpot_ms"] {
        v[k] = json!(20.0);
    }
    let r = &read("flat.json", &v.to_string(), None).runs[0];
    assert!(
        r.warnings
            .iter()
            .any(|w| w.starts_with("TPOT is exactly the same")),
        "{:?}",
        r.warnings
    );
    assert_eq!(r.concurrency_basis, Some(ConcurrencyBasis::Configured));
}

// Class 7: a refusal says what was found, what is missing and what to do.
#[test]
fn refusals_say_what_happened() {
    let mut v = json_sample(
        "vllm/er0080-vllm-benchmarking-v0.25.1/bench_serve_all_requests_failed_v0.25.1.json",
    );
    // The sample says failed 8; its per-request errors, as vLLM saves them, added.
    let mut errors = vec!["HTTP 500: CUDA out of memory"; 5];
    errors.extend(["Connection reset by peer"; 3]);
    v["errors"] = json!(errors);
    v["output_lens"] = json!(vec![0; 8]);
    let e = refusal("f.json", &v.to_string()).to_string();
    assert!(e.contains("all 8 requests failed (0 completed)"), "{e}");
    assert!(
        e.contains("The file records: HTTP 500: CUDA out of memory; Connection reset by peer."),
        "{e}"
    );
    assert_eq!(
        e.matches("CUDA out of memory").count(),
        1,
        "distinct errors: {e}"
    );
    assert!(e.contains("run the benchmark again"), "{e}");
}

// Memory stays bounded on per-request files with long chunk lists: past the file's
// budget of kept array elements, a list keeps only its length, and the run says what
// its inter-chunk latency left out. (Built from the hand-built AIPerf fixture, not a
// shared sample: the per-request format has none.)
#[test]
fn long_chunk_lists_stay_within_the_reading_budget() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/profile_export.jsonl");
    let text = std::fs::read_to_string(path).unwrap_or_default();
    let line = text
        .lines()
        .find(|l| l.contains("\"benchmark_phase\":\"profiling\"") && !l.contains("\"error\""))
        .expect("a successful profiling line");
    let mut v: Value = serde_json::from_str(line).unwrap_or(Value::Null);
    v["metrics"]["inter_chunk_latency"]["value"] = json!(vec![10.0; 4000]);
    // 520 requests, each its own id (the same id again is the same request).
    let body: String = (0..520)
        .map(|i| {
            v["metadata"]["x_request_id"] = json!(format!("request-{i}"));
            format!("{v}\n")
        })
        .collect();
    let r = &read("big.jsonl", &body, None).runs[0];
    assert_eq!(r.completed, Some(520));
    assert!(
        r.notes
            .iter()
            .any(|n| n.contains("leaves out") && n.contains("past the reading budget")),
        "{:?}",
        r.notes
    );
    close(r.itl_ms.mean, 10.0);
}

/// The real console capture pasted into a script as comments (`# ` before every line,
/// as users keep results beside the command), with a concurrency limit set: every
/// block reads as in the plain capture, and the limit printed above each block (not in
/// it) is the run's configured concurrency.
#[test]
fn a_console_capture_kept_as_comments_reads_as_the_capture() {
    let plain = sample("vllm/llm-k8s-benchmark_serving-2025-04/benchmark-script-run.console.txt");
    let limited = plain.replacen(
        "Maximum request concurrency: None",
        "Maximum request concurrency: 32",
        1,
    );
    assert_ne!(limited, plain);
    let commented: String = limited.lines().map(|l| format!("# {l}\n")).collect();
    let want = read("run.txt", &plain, None);
    let got = read("pp_test_res.sh", &commented, Some(Format::VllmConsole));
    assert_eq!(got.runs.len(), want.runs.len());
    for (g, w) in got.runs.iter().zip(&want.runs).skip(1) {
        assert_eq!(g, w);
    }
    let first = &got.runs[0];
    assert_eq!(first.concurrency, Some(32.0));
    assert_eq!(first.concurrency_basis, Some(ConcurrencyBasis::Configured));
    assert_eq!(first.output_tokens_per_s, want.runs[0].output_tokens_per_s);
    // Detected as well, not only when chosen.
    assert_eq!(
        read("pp_test_res.sh", &commented, None).format,
        Format::VllmConsole
    );
}

/// AIPerf's sweep file keeps each point's `parameters` beside its `metrics`: built from
/// the real AIPerf export (its metrics without its own configuration), each point reads
/// with the concurrency its parameters give, as a configured limit, and says so.
#[test]
fn a_sweep_point_takes_its_concurrency_from_its_parameters() {
    let rel = "aiperf/qwen36-vllm-aiperf-benchmark/results/nvfp4/5090/agent/c2/profile_export_aiperf.json";
    let mut metrics = json_sample(rel);
    let obj = metrics.as_object_mut().expect("an object");
    obj.remove("input_config");
    obj.remove("run_info");
    let sweep = json!({
        "aggregation_type": "sweep",
        "metadata": {"sweep_parameters": [{"name": "concurrency", "values": [16, 32]}]},
        "per_combination_metrics": [
            {"parameters": {"concurrency": 16}, "metrics": metrics.clone()},
            {"parameters": {"concurrency": 32}, "metrics": metrics},
        ],
    });
    let want = read("c2.json", &sample(rel), None);
    let got = read("profile_export_aiperf_sweep.json", &sweep.to_string(), None);
    assert_eq!(got.runs.len(), 2);
    for (run, c) in got.runs.iter().zip([16.0, 32.0]) {
        assert_eq!(run.concurrency, Some(c));
        assert_eq!(run.concurrency_basis, Some(ConcurrencyBasis::Configured));
        assert!(
            run.label.contains(&format!("concurrency {c}")),
            "{}",
            run.label
        );
        assert!(run
            .notes
            .iter()
            .any(|n| n.contains("read from the wrapper's fields")));
        assert_eq!(run.output_tokens_per_s, want.runs[0].output_tokens_per_s);
    }
}

/// Only the rate lines of the real Ollama capture, kept by a `grep` in a loop (as
/// users time repeated runs), below the loop's command: each pair is a run with the
/// rate as printed, the model comes from the command inside the loop, and the notes
/// say what the run rests on, not what it lacks.
#[test]
fn ollama_rate_lines_alone_read_with_notes_that_match_them() {
    let full = sample("ollama/dambergn-ollama-benchmarks/data/Llama3.2_1b 4060Ti_16gb.md");
    let rates: Vec<&str> = full
        .lines()
        .filter(|l| {
            l.trim_start().starts_with("prompt eval rate:")
                || l.trim_start().starts_with("eval rate:")
        })
        .collect();
    assert!(rates.len() >= 2, "{rates:?}");
    let text = format!(
        "$ for run in 1 2; do echo \"why?\" | ollama run llama3.2:1b --verbose 2>&1 >/dev/null | grep \"eval rate:\"; done\n{}\n",
        rates.join("\n")
    );
    let got = read("rates.md", &text, None);
    let want = read("full.md", &full, None);
    assert_eq!(got.format, Format::OllamaVerbose);
    let r = &got.runs[0];
    assert_eq!(r.model.as_deref(), Some("llama3.2:1b"));
    close(r.output_tokens_per_s, 130.12);
    // The full capture computes the rate from count / duration; the rate line alone
    // gives it as printed (two decimals).
    assert!((want.runs[0].output_tokens_per_s.expect("rate") - 130.12).abs() < 0.01);
    let notes = r.notes.join(" ");
    assert!(notes.contains("as Ollama printed it"), "{notes}");
    assert!(!notes.contains("eval count / eval duration"), "{notes}");
    assert!(!notes.contains("TTFT approximated"), "{notes}");
    assert!(notes.contains("prompt eval rate"), "{notes}");
}

/// A tool's JSON pasted into notes in a ```json fence, and a CSV with a comment line
/// above its header, are found without choosing the format by hand: built from the
/// real vLLM and AIPerf files, each reads as the file itself.
#[test]
fn fenced_json_and_a_commented_csv_are_detected() {
    let rel = "vllm/er0080-vllm-benchmarking-v0.25.1/bench_serve_v0.25.1.json";
    let json = sample(rel);
    let notes = format!("## Results on the test box\n\nRun with `vllm bench serve`:\n\n```json\n{json}\n```\n\nLooks fine.\n");
    let want = read("serve.json", &json, None);
    let got = read("results.md", &notes, None);
    assert_eq!(got.format, want.format);
    assert_eq!(
        got.runs[0].output_tokens_per_s,
        want.runs[0].output_tokens_per_s
    );
    let csv_rel =
        "aiperf/qwen36-vllm-aiperf-benchmark/results/nvfp4/5090/agent/c2/profile_export_aiperf.csv";
    let csv = sample(csv_rel);
    let commented = format!("# concurrency 2, agent profile\n{csv}");
    let want = read("profile_export_aiperf.csv", &csv, None);
    let got = read("c2.csv", &commented, None);
    assert_eq!(got.format, want.format);
    assert_eq!(
        got.runs[0].output_tokens_per_s,
        want.runs[0].output_tokens_per_s
    );
}

/// A file that states a format version other than the ones these importers were
/// checked on still reads, and says so: built from the real AIPerf export.
#[test]
fn an_unknown_format_version_is_said() {
    let rel = "aiperf/qwen36-vllm-aiperf-benchmark/results/nvfp4/5090/agent/c2/profile_export_aiperf.json";
    let mut v = json_sample(rel);
    assert_eq!(v["schema_version"], "1.3");
    let known = read("c2.json", &v.to_string(), None);
    assert!(known.runs[0]
        .notes
        .iter()
        .all(|n| !n.contains("checked on")));
    v["schema_version"] = json!("9.0");
    let newer = read("c2.json", &v.to_string(), None);
    let notes = newer.runs[0].notes.join(" ");
    assert!(
        notes.contains("schema_version is 9.0; these importers were checked on 1.x"),
        "{notes}"
    );
    assert_eq!(
        newer.runs[0].output_tokens_per_s,
        known.runs[0].output_tokens_per_s
    );
}

/// Groq's usage object times the request (seconds in queue, on the prompt, on the
/// completion). Built from the real OpenAI Batch output's first line with those fields
/// added (its counts kept): the run has the server-side decode rate, TPOT and TTFT;
/// the same line without them stays a token count with no rate.
#[test]
fn a_usage_object_with_server_timing_gives_rates() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/usage-samples/openai-batch-output/kmmlu-rag-gpt-4o-mini_batch_output.jsonl");
    let text = std::fs::read_to_string(&path).expect("the sample");
    let line = text.lines().next().expect("a line");
    let timed = line.replacen(
        r#""usage": {"prompt_tokens": 3351, "completion_tokens": 359,"#,
        r#""usage": {"queue_time": 0.25, "prompt_tokens": 3351, "prompt_time": 0.05, "completion_tokens": 359, "completion_time": 0.5,"#,
        1,
    );
    assert_ne!(timed, line);
    let plain = read("out.jsonl", line, None);
    assert_eq!(plain.runs[0].output_tokens_per_s, None);
    let got = read("out.jsonl", &timed, None);
    let r = &got.runs[0];
    close(r.output_tokens_per_s, 359.0 / 0.5);
    close(r.tpot_ms.mean, 500.0 / 359.0);
    close(r.ttft_ms.mean, 300.0);
    close(r.e2e_ms.mean, 800.0);
    assert!(r.notes[0].contains("timed by the server"), "{:?}", r.notes);
}

/// Moves column `name` of a CSV to the end of every line.
fn move_column_last(text: &str, name: &str) -> String {
    let at = text
        .lines()
        .next()
        .and_then(|h| h.split(',').position(|c| c == name))
        .unwrap_or_else(|| panic!("no column {name}"));
    text.lines()
        .map(|l| {
            let mut cells: Vec<&str> = l.split(',').collect();
            if at < cells.len() {
                let c = cells.remove(at);
                cells.push(c);
            }
            cells.join(",")
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn an_aiperf_or_genai_perf_csv_is_known_by_its_columns_in_any_order() {
    let aiperf = sample(
        "aiperf/qwen36-vllm-aiperf-benchmark/results/nvfp4/5090/agent/c2/profile_export_aiperf.csv",
    );
    for moved in ["avg", "Metric", "p1"] {
        let text = move_column_last(&aiperf, moved);
        let i = read("export.csv", &text, None);
        assert_eq!(i.format, Format::AiperfCsv, "{moved} last");
        close(i.runs[0].output_tokens_per_s, 324.31);
        close(i.runs[0].ttft_ms.p99, 292.50);
    }
}

/// A vLLM result whose `output_throughput` was renamed and whose `total_output_tokens` was
/// deleted: output tokens/s are worked out from what is left, and the notes say how and
/// what is missing.
#[test]
fn a_vllm_result_without_its_throughput_key_works_it_out_and_says_so() {
    const QPS_INF: &str = "vllm/llm-k8s-benchmark_serving-2025-04/serving_meta-llama-Llama-3.3-70B-Instruct_tp8_pp1_sharegpt_qps_inf.json";
    let mut v = json_sample(QPS_INF);
    let o = v.as_object_mut().expect("an object");
    let out = o.remove("output_throughput").expect("output_throughput");
    o.insert("output_tok_per_sec".into(), out);
    let total_out = o
        .remove("total_output_tokens")
        .expect("total_output_tokens");
    let (total, input, duration, rps) = (
        o["total_token_throughput"].as_f64().expect("total"),
        o["total_input_tokens"].as_f64().expect("input"),
        o["duration"].as_f64().expect("duration"),
        o["request_throughput"].as_f64().expect("rate"),
    );
    let i = read("renamed.json", &v.to_string(), None);
    let r = &i.runs[0];
    close(r.output_tokens_per_s, total - input / duration);
    // Output tokens per request then follow from the rates (the review says so).
    close(r.output_tokens, (total - input / duration) / rps);
    let notes = r.notes.join(" | ");
    assert!(
        notes.contains("the file has no total_output_tokens"),
        "{notes}"
    );
    assert!(notes.contains("derived from the rates"), "{notes}");
    assert!(
        notes.contains("total_token_throughput less total_input_tokens over duration"),
        "{notes}"
    );
    // With the totals back, from them.
    v.as_object_mut()
        .expect("object")
        .insert("total_output_tokens".into(), total_out.clone());
    let r = &read("renamed.json", &v.to_string(), None).runs[0];
    close(
        r.output_tokens_per_s,
        total_out.as_f64().expect("n") / duration,
    );
    assert!(r
        .notes
        .join(" ")
        .contains("output tokens/s are total_output_tokens over duration"));
}

#[test]
fn a_spreadsheets_semicolon_csv_reads_as_the_tools_own() {
    // The AIPerf CSV re-saved by a spreadsheet in a comma-decimal locale: `;` between
    // fields, "324,31" for 324.31 (a metric's name keeps its points).
    let rel =
        "aiperf/qwen36-vllm-aiperf-benchmark/results/nvfp4/5090/agent/c2/profile_export_aiperf.csv";
    let text = sample(rel);
    let semi = support::semicolon_decimal_comma(&text);
    assert!(semi.contains(";160,38;"));
    let a = read("profile_export_aiperf.csv", &text, None);
    let b = read("profile_export_aiperf.csv", &semi, None);
    assert_eq!(b.format, Format::AiperfCsv);
    assert_eq!(a.runs.len(), 1);
    assert_eq!(b.runs.len(), 1);
    let (x, y) = (&a.runs[0], &b.runs[0]);
    close(y.output_tokens_per_s, 324.31);
    assert_eq!(x.output_tokens_per_s, y.output_tokens_per_s);
    assert_eq!(x.ttft_ms.p99, y.ttft_ms.p99);
    assert_eq!(x.input_tokens, y.input_tokens);
    assert_eq!(x.completed, y.completed);
    assert!(
        y.notes
            .iter()
            .any(|n| n.contains("semicolons") && n.contains("decimal commas")),
        "{:?}",
        y.notes
    );
}
