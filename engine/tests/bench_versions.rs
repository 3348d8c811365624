//! Benchmark files of tool versions other than the samples': early AIPerf, SGLang with
//! per-request details. Expected values copied from the files (tests/fixtures/README.md).

use engine::bench::import;

fn fixture(name: &str) -> Vec<u8> {
    let p = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&p).unwrap_or_else(|e| panic!("{p}: {e}"))
}

#[test]
fn early_and_current_aiperf_give_the_same_ttft_and_concurrency() {
    for name in [
        "aiperf-0.1.1_profile_export_aiperf.json",
        "aiperf-2025-10_profile_export_aiperf.json",
    ] {
        let imp = import(name, fixture(name).as_slice(), None).expect(name);
        let r = &imp.runs[0];
        assert_eq!(r.ttft_ms.mean, Some(85.5), "{name}");
        assert_eq!(r.ttft_ms.p50, Some(80.1), "{name}");
        assert_eq!(r.ttft_ms.p99, Some(190.2), "{name}");
        // input_config.loadgen.concurrency, as the tool was told.
        assert_eq!(r.concurrency, Some(8.0), "{name}");
        assert_eq!(r.model.as_deref(), Some("Qwen/Qwen3-0.6B"), "{name}");
    }
}

#[test]
fn sglangs_per_request_errors_count_as_failed_and_say_what_failed() {
    let name = "sglang_output_details.jsonl";
    let imp = import(name, fixture(name).as_slice(), None).expect("reads");
    let r = &imp.runs[0];
    assert_eq!(r.completed, Some(8));
    assert_eq!(r.failed, Some(2), "{:?}", r.notes);
    // The traceback's last line, not "Traceback (most recent call last):".
    assert_eq!(
        r.errors,
        ["ValueError: Bad status: 503 Service Unavailable"],
        "{:?}",
        r.errors
    );
}

#[test]
fn a_guidellm_csv_sweep_gives_each_row_its_own_streams() {
    let name = "guidellm-0.4_concurrent_sweep.csv";
    let imp = import(name, fixture(name).as_slice(), None).expect("reads");
    let caps: Vec<String> = imp.runs.iter().map(cap).collect();
    assert_eq!(caps, ["1", "4", "16"], "{:?}", imp.runs[1].notes);
    // Sorted in a spreadsheet: each row keeps its streams by its Run Index.
    let name = "guidellm-0.4_concurrent_sweep_sorted.csv";
    let imp = import(name, fixture(name).as_slice(), None).expect("reads");
    let sorted: Vec<(String, Option<f64>)> =
        imp.runs.iter().map(|r| (cap(r), r.concurrency)).collect();
    assert_eq!(
        sorted,
        [
            ("16".to_string(), Some(15.2)),
            ("1".to_string(), Some(0.99)),
            ("4".to_string(), Some(3.9)),
        ]
    );
}

fn cap(r: &engine::bench::Run) -> String {
    r.notes
        .iter()
        .find_map(|n| n.split("the strategy's cap was ").nth(1))
        .unwrap_or("none")
        .to_string()
}

#[test]
fn files_that_cannot_be_read_say_why() {
    // All failed: llmperf's error-code tally is the reason given, not "does not say why".
    let name = "llmperf_all_errored_summary.json";
    let e = import(name, fixture(name).as_slice(), None);
    let why = match e {
        Ok(imp) => imp.runs[0].refusal().unwrap_or_default(),
        Err(e) => e.to_string(),
    };
    assert!(why.contains("{-100.0: 40}"), "{why}");
    assert!(!why.contains("does not say why"), "{why}");
    // llama-bench's SQL: named, with the formats to use instead.
    let name = "llama-bench.sql";
    let e = import(name, fixture(name).as_slice(), None).expect_err("refused");
    assert!(
        e.to_string().contains("-o sql") && e.to_string().contains("-o json"),
        "{e}"
    );
    // One Latin-1 byte in a JSON file: where, and what to do; not "a binary file".
    let mut latin = br#"{"backend": "vllm", "model_id": "caf"#.to_vec();
    latin.push(0xE9);
    latin.extend_from_slice(br#"", "completed": 10, "output_throughput": 100.0}"#);
    let e = import("r.json", latin.as_slice(), None).expect_err("refused");
    assert!(
        e.to_string()
            .contains("the byte at offset 36 (0xE9) is not UTF-8"),
        "{e}"
    );
}

#[test]
fn vllm_0_4s_misspelt_rate_is_read() {
    let v = r#"{"backend": "vllm", "model_id": "meta-llama/Llama-2-7b-chat-hf", "num_prompts": 100, "duration": 42.5, "completed": 100, "total_input_tokens": 35084, "total_output_tokens": 17067, "request_inthroughput": 2.3529411764705883, "input_throughput": 825.5058823529412, "output_throughput": 401.5764705882353, "mean_ttft_ms": 203.7, "median_ttft_ms": 204.1, "p99_ttft_ms": 344.9, "mean_tpot_ms": 31.2, "median_tpot_ms": 30.9, "p99_tpot_ms": 40.1}"#;
    let imp = import("vllm-0.4.json", v.as_bytes(), None).expect("reads");
    assert_eq!(imp.runs[0].requests_per_s, Some(2.3529411764705883));
    assert!(
        !imp.runs[0]
            .notes
            .iter()
            .any(|n| n.contains("no achieved rate")),
        "{:?}",
        imp.runs[0].notes
    );
}

#[test]
fn a_vllm_run_with_other_percentiles_says_which_it_has() {
    let v = r#"{"backend": "vllm", "model_id": "meta-llama/Llama-3.1-8B-Instruct", "num_prompts": 100, "duration": 20.0, "completed": 100, "total_input_tokens": 50000, "total_output_tokens": 20000, "request_throughput": 5.0, "output_throughput": 1000.0, "mean_ttft_ms": 40.0, "median_ttft_ms": 38.0, "p90_ttft_ms": 60.0, "p99.9_ttft_ms": 90.0, "mean_tpot_ms": 12.0, "median_tpot_ms": 11.0, "p90_tpot_ms": 15.0, "p99.9_tpot_ms": 20.0}"#;
    let r = &import("custom.json", v.as_bytes(), None)
        .expect("reads")
        .runs[0];
    assert_eq!(r.ttft_ms.p99, None);
    assert!(
        r.notes
            .iter()
            .any(|n| n.contains("p90, p99.9") && n.contains("p99 is left empty")),
        "{:?}",
        r.notes
    );
}

#[test]
fn console_captures_take_the_model_and_limits_from_the_printed_arguments() {
    let name = "sglang_console.txt";
    let r = &import(name, fixture(name).as_slice(), None)
        .expect("reads")
        .runs[0];
    assert_eq!(r.model.as_deref(), Some("meta-llama/Llama-3.1-8B-Instruct"));
    assert_eq!(r.concurrency, Some(62.87), "the measured mean in flight");
    assert!(
        r.notes
            .iter()
            .any(|n| n.contains("configured limit was 64")),
        "{:?}",
        r.notes
    );
    assert_eq!(r.e2e_ms.mean, Some(7629.12));
    assert_eq!(r.e2e_ms.p50, Some(7701.55));
    assert!(
        r.framework
            .as_deref()
            .is_some_and(|f| f.starts_with("SGLang")),
        "{:?}",
        r.framework
    );
    let name = "vllm_console_namespace.txt";
    let r = &import(name, fixture(name).as_slice(), None)
        .expect("reads")
        .runs[0];
    assert_eq!(r.model.as_deref(), Some("Qwen/Qwen3-32B"));
    assert_eq!(r.concurrency, Some(16.0));
    // Without the printed "Maximum request concurrency" line, the arguments give it.
    let text = String::from_utf8(fixture(name)).expect("utf-8");
    let kept: String = text
        .lines()
        .filter(|l| !l.contains("Maximum request concurrency"))
        .map(|l| format!("{l}\n"))
        .collect();
    assert!(kept.len() + 20 < text.len(), "the line was there");
    let r = &import(name, kept.as_bytes(), None).expect("reads").runs[0];
    assert_eq!(r.concurrency, Some(16.0));
}

#[test]
fn an_ollama_stream_reads_its_last_chunk_and_says_so_plainly() {
    let name = "ollama_api_chat_stream.ndjson";
    let imp = import(name, fixture(name).as_slice(), None).expect("reads");
    assert_eq!(imp.runs.len(), 1);
    let r = &imp.runs[0];
    assert_eq!(r.model.as_deref(), Some("qwen2.5:7b"));
    assert!(r.output_tokens_per_s.is_some_and(|x| x > 0.0));
    let said = r.notes.join(" ");
    assert!(said.contains("read from line 5 of the file"), "{said}");
    assert!(!said.contains("a script wrapped"), "{said}");
}
