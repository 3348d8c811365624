//! Real benchmark files found in public repositories and issue threads, outside the
//! shared samples (sources in `fixtures/wild/README.md`). Each test reads one as it was
//! published and checks what a careful reader of the file would: figures that are not
//! measurements are not taken as such, and nothing in the file is misread.

use engine::bench::{import, Imported};

fn wild(name: &str) -> String {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/wild")
        .join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn read(name: &str) -> Imported {
    import(name, wild(name).as_bytes(), None).unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// Groq's batch answers time each completion as its tokens / 750 (13 tokens in
/// 0.017333333 s, 2,020 in 2.693333333 s): a stated speed. No tokens/s is taken from
/// it, and each run says why; the token counts stay.
#[test]
fn a_speed_the_server_states_is_not_taken_as_measured() {
    let i = read("groq_batch_output.jsonl");
    assert!(i.runs.len() >= 3);
    for r in &i.runs {
        assert_eq!(r.output_tokens_per_s, None, "{}", r.label);
        assert_eq!(r.tpot_ms.mean, None);
        assert!(
            r.warnings
                .iter()
                .any(|w| w.contains("completion tokens / 750")),
            "{:?}",
            r.warnings
        );
        assert!(r.output_tokens.is_some_and(|o| o > 0.0));
    }
    assert!(i.runs.iter().any(|r| r.output_tokens == Some(2020.0)));
}

/// AIPerf's example run cancels 10% of its requests on purpose
/// (`--request-cancellation-rate 10`): its 11 RequestCancellationErrors (code 499) are
/// not server failures.
#[test]
fn requests_the_benchmark_cancelled_on_purpose_are_not_failures() {
    let i = read("aiperf_run1_profile_export_aiperf.json");
    let r = &i.runs[0];
    assert_eq!(r.failed, Some(0));
    assert!(r.errors.is_empty(), "{:?}", r.errors);
    assert!(
        r.notes
            .iter()
            .any(|n| n.contains("11 request(s) were cancelled on purpose")
                && n.contains("request_cancellation_rate 10%")),
        "{:?}",
        r.notes
    );
    assert!(
        !r.warnings.iter().any(|w| w.contains("failed")),
        "{:?}",
        r.warnings
    );
    // The same run's CSV counts 11 errors with no cause: it says the cause is not known.
    let c = read("aiperf_run1_profile_export_aiperf.csv");
    let r = &c.runs[0];
    assert_eq!(r.failed, Some(11));
    assert!(
        r.notes.iter().any(|n| n.contains("cancels on purpose")),
        "{:?}",
        r.notes
    );
    assert!(
        r.warnings
            .iter()
            .any(|w| w.contains("does not say why they failed")),
        "{:?}",
        r.warnings
    );
}

/// A recipe page: the model is the `--model` of the benchmark's command, continued over
/// lines with backslashes, not the `model='deepseek-chat',` of Python code further down;
/// a value with a mark pasted after it is read and said.
#[test]
fn the_model_comes_from_the_command_and_a_marked_value_is_read() {
    let i = read("vllm_recipes_DeepSeek-V3_2.md");
    assert_eq!(
        i.runs[0].model.as_deref(),
        Some("deepseek-ai/DeepSeek-V3.2")
    );
    let i = read("vllm_recipes_GLM5.md");
    let r = &i.runs[0];
    assert_eq!(r.model.as_deref(), Some("zai-org/GLM-5.1-FP8"));
    assert_eq!(r.ttft_ms.mean, Some(13395.44));
    assert!(
        r.notes
            .iter()
            .any(|n| n.contains("Mean TTFT (ms): read as 13395.44")),
        "{:?}",
        r.notes
    );
}

/// A client that did not stream: ITL 0.00 everywhere and a median TPOT of -0.00. No time
/// per token is taken, and each run says why; SGLang's older "Total throughput" label
/// is read.
#[test]
fn times_between_tokens_of_an_unstreamed_answer_are_not_taken() {
    let i = read("sglang_dlora_results.md");
    assert_eq!(i.runs.len(), 6);
    let r = &i.runs[0];
    assert_eq!(r.tpot_ms.mean, None);
    assert_eq!(r.itl_ms.p50, None);
    assert!(r
        .warnings
        .iter()
        .any(|w| w.contains("did not receive the answers token by token")));
    assert_eq!(r.total_tokens_per_s, Some(2137.04));
    assert_eq!(r.output_tokens_per_s, Some(831.83));
    assert_eq!(r.ttft_ms.mean, Some(1955.72));
}

/// AIPerf's console tables read as the CSV they mirror: a metric name wrapped over two
/// lines, numbers with thousands commas, and the error summary's count and cause.
#[test]
fn aiperfs_console_tables_are_read() {
    let i = read("aiperf_smoke_profile_export_console.txt");
    let r = &i.runs[0];
    assert_eq!(r.output_tokens_per_s, Some(343_421.9));
    assert_eq!(r.ttft_ms.mean, Some(11_205.91));
    assert_eq!(r.ttft_ms.p99, Some(36_193.82));
    assert_eq!(r.requests_per_s, Some(3_400.22));
    assert_eq!(r.completed, Some(481_414));
    assert_eq!(r.failed, Some(18_586));
    assert!(
        r.errors[0].starts_with(
            "ClientConnectorError: ClientConnectorError(ConnectionKey(host='aiperf-mock-server-rs"
        ),
        "{:?}",
        r.errors
    );
    assert!(r
        .notes
        .iter()
        .any(|n| n.contains("read from the console's tables")));
}

/// Two machines' llama-bench tables in one file, each under its `CPU:` line, one header
/// pasted without its first pipe: all 40 rows, each with its machine; a backend alone
/// (CUDA) is not given as the device.
#[test]
fn every_llama_bench_table_is_read_with_the_machine_above_it() {
    let i = read("llama_bench_2023_two_machines.md");
    assert_eq!(i.runs.len(), 40);
    let on = |m: &str| {
        i.runs
            .iter()
            .filter(|r| r.hardware.as_deref().is_some_and(|h| h.starts_with(m)))
            .count()
    };
    assert_eq!(on("AMD 6800H"), 12);
    assert_eq!(on("Intel(R) Core(TM) i7-8700"), 24);
    assert_eq!(on("Intel(R) UHD Graphics 630"), 4);
    let i = read("llama_bench_pr7199.md");
    for r in &i.runs {
        assert_eq!(r.hardware, None);
        assert!(
            r.notes
                .iter()
                .any(|n| n.contains("backend (CUDA) but not the device")),
            "{:?}",
            r.notes
        );
    }
}

/// An SGLang-derived client names its output total `total_generated_tokens`: the tokens
/// per request are the file's total over its completed requests (173,506 / 797), and no
/// note says the total is missing.
#[test]
fn total_generated_tokens_is_the_output_total() {
    let i = read("sglang_dlora_rate8.jsonl");
    let r = &i.runs[0];
    assert!((r.output_tokens.expect("output") - 173_506.0 / 797.0).abs() < 1e-9);
    assert!(
        !r.notes.iter().any(|n| n.contains("no total_output_tokens")),
        "{:?}",
        r.notes
    );
}

/// `$ ./ollama run orca-mini`: a program run by its path names the model too.
#[test]
fn a_program_run_by_its_path_names_the_model() {
    let i = read("ollama_pr2163_verbose.md");
    assert_eq!(i.runs[0].model.as_deref(), Some("orca-mini"));
}

/// The AIPerf console file turned as the others write it: GenAI-Perf's title and its
/// "Statistic" column, a value a narrow terminal cut ("11,205.…"), and the errors made
/// cancellations the benchmark chose. The table is still read; the cut value is said
/// as left out; cancellations are no failures.
#[test]
fn genai_perfs_console_a_cut_value_and_cancellations() {
    let text = wild("aiperf_smoke_profile_export_console.txt")
        .replace("NVIDIA AIPerf", "NVIDIA GenAI-Perf")
        .replace(
            "┃                                        Metric ┃",
            "┃                                     Statistic ┃",
        )
        .replace(
            "│  11,205.91 │   1.25 │ 119,460.04 │ 36,193.82 │",
            "│  11,205.… │   1.25 │ 119,460.04 │ 36,193.82 │",
        )
        .replace("ClientConnectorError │", "RequestCancellationError │");
    let i = engine::bench::import("console.txt", text.as_bytes(), None).expect("read");
    assert_eq!(i.format, engine::bench::Format::GenaiPerfCsv);
    let r = &i.runs[0];
    assert_eq!(r.ttft_ms.mean, None, "the cut value is not read");
    assert_eq!(r.ttft_ms.p99, Some(36_193.82));
    assert_eq!(r.output_tokens_per_s, Some(343_421.9));
    assert!(
        r.notes
            .iter()
            .any(|n| n.contains("value(s) the terminal cut short")),
        "{:?}",
        r.notes
    );
    assert!(
        r.notes
            .iter()
            .any(|n| n.contains("18586 request(s) were cancelled on purpose")),
        "{:?}",
        r.notes
    );
    assert_ne!(r.failed.unwrap_or(0), 18_586);
}

/// A log that prints each console block and then the run's own result record: the
/// records are read (exact, with their date and hardware), not the rounded console.
#[test]
fn result_records_in_a_log_are_read_before_its_console() {
    let i = read("vllm_bench_automation_README.md");
    assert_eq!(i.runs.len(), 3);
    let r = &i.runs[0];
    assert_eq!(r.output_tokens_per_s, Some(2249.247363167692));
    assert_eq!(r.hardware.as_deref(), Some("4xNVIDIA_L40S"));
    assert!(r.measured_at.is_some());
    assert!(
        r.notes
            .iter()
            .any(|n| n.contains("result record(s) printed in the text")),
        "{:?}",
        r.notes
    );
}
