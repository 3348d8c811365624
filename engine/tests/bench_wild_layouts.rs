//! Real benchmark files of layouts the importers had not read (a second trial on files
//! outside the shared samples, 2026-12-07; sources in `fixtures/wild/README.md`). The
//! expected figures are the files' own, counted with Python.

use engine::bench::{import, ImportError, Imported, Run};

fn wild(name: &str) -> Vec<u8> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/wild")
        .join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn read(name: &str) -> Imported {
    import(name, wild(name).as_slice(), None).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn near(a: Option<f64>, b: f64, tol: f64) -> bool {
    a.is_some_and(|a| (a - b).abs() <= tol)
}

/// AIPerf's per-request records of October 2025 name TTFT `ttft` and time a request by
/// its own `min_request_timestamp` / `max_response_timestamp` metrics: the run's TTFT,
/// throughput and duration were empty, without a word.
#[test]
fn aiperf_per_request_records_of_2025_give_their_ttft_and_throughput() {
    let i = read("aiperf_2025-10_profile_export_per_request_cancellation.jsonl");
    let r = &i.runs[0];
    assert_eq!(r.completed, Some(89));
    assert!(near(r.ttft_ms.mean, 2343.22, 0.01), "{:?}", r.ttft_ms);
    assert!(near(r.ttft_ms.p50, 2369.32, 0.01), "{:?}", r.ttft_ms);
    assert!(near(r.duration_s, 9.3178, 0.001), "{:?}", r.duration_s);
    assert!(
        near(r.output_tokens_per_s, 2320.72, 0.05),
        "{:?}",
        r.output_tokens_per_s
    );
    assert!(
        near(r.requests_per_s, 9.552, 0.001),
        "{:?}",
        r.requests_per_s
    );
}

/// A per-request file with no times at all says what it cannot give.
#[test]
fn per_request_records_without_times_say_why_there_is_no_throughput() {
    let line = r#"{"metadata":{"x_request_id":"a","benchmark_phase":"profiling"},"metrics":{"output_sequence_length":{"value":10,"unit":"tokens"},"request_latency":{"value":100.0,"unit":"ms"}},"error":null}"#;
    let i = import("profile_export.jsonl", line.as_bytes(), None).expect("a record");
    let r = &i.runs[0];
    assert_eq!(r.output_tokens_per_s, None);
    assert!(
        r.notes
            .iter()
            .any(|n| n.contains("no record has its request's start and end times")),
        "{:?}",
        r.notes
    );
}

/// ik_llama.cpp's `tg64@pp128` tests (64 tokens generated after a 128-token prompt):
/// the depth is the prompt, and two settings (fa=0, fa=1) that measured the same 34.04
/// t/s are two runs, not a file joined to itself.
#[test]
fn llama_bench_depth_tests_and_runs_alike_in_figures_are_all_read() {
    let i = read("llama-bench_ik_llama.cpp_2025-03_md_tg64@ppN_42rows.md");
    assert_eq!(i.runs.len(), 42, "{:?}", i.refused);
    assert!(i.refused.is_empty(), "{:?}", i.refused);
    let at = |label: &str| -> &Run {
        i.runs
            .iter()
            .find(|r| r.label.starts_with(label))
            .unwrap_or_else(|| panic!("{label}"))
    };
    let r = at("tg64@pp8192, threads=32 type_k=q8_0 fa=0 mla=1");
    assert_eq!(r.input_tokens, Some(8192.0));
    assert_eq!(r.output_tokens, Some(64.0));
    assert_eq!(r.output_tokens_per_s, Some(25.58));
    let same: Vec<&str> = i
        .runs
        .iter()
        .filter(|r| r.output_tokens_per_s == Some(34.04))
        .map(|r| r.label.as_str())
        .collect();
    assert_eq!(same.len(), 2, "{same:?}");
}

/// The same file twice (joined to itself) still reads once.
#[test]
fn a_llama_bench_table_joined_to_itself_is_still_read_once() {
    let one = wild("llama-bench_ik_llama.cpp_2025-03_md_tg64@ppN_42rows.md");
    let mut two = one.clone();
    two.extend_from_slice(b"\n\n");
    two.extend_from_slice(&one);
    let i = import("twice.md", two.as_slice(), None).expect("reads");
    assert_eq!(i.runs.len(), 42);
    assert_eq!(i.refused.len(), 42, "{:?}", &i.refused[..2]);
}

/// llama-bench's first layout (August 2023): `n_prompt` and `n_gen` columns, no `test`.
#[test]
fn llama_bench_first_layout_without_a_test_column_is_read() {
    let i = read("llama-bench_2023-08_first_layout_n_prompt_n_gen_pr2626.md");
    assert_eq!(i.runs.len(), 3);
    let tg = i
        .runs
        .iter()
        .find(|r| r.label.starts_with("tg128"))
        .expect("tg");
    assert_eq!(tg.output_tokens_per_s, Some(128.65));
    let pp = i
        .runs
        .iter()
        .find(|r| r.label.starts_with("pp512,"))
        .expect("pp");
    assert_eq!(pp.total_tokens_per_s, Some(2153.5));
    assert_eq!(pp.output_tokens_per_s, None);
    let both = i
        .runs
        .iter()
        .find(|r| r.label.starts_with("pp512+tg128"))
        .expect("pp+tg");
    assert_eq!(both.total_tokens_per_s, Some(449.72));
    assert_eq!(both.output_tokens_per_s, None);
}

/// Two `/api/chat` answers inside a terminal session pasted into notes, each followed
/// by zsh's `%`: found and read, the rest of the text said to be unread.
#[test]
fn ollama_answers_found_inside_a_pasted_terminal_session_are_read() {
    let i = read("ollama_2026_api_chat_curl_zsh_transcript_qwen3.5.md");
    assert_eq!(i.runs.len(), 2);
    assert!(near(
        i.runs[0].output_tokens_per_s,
        978.0 / 77.819193917,
        1e-6
    ));
    assert!(near(
        i.runs[1].output_tokens_per_s,
        23.0 / 1.670221332,
        1e-6
    ));
    assert!(i
        .runs
        .iter()
        .all(|r| r.model.as_deref() == Some("qwen3.5:9b")));
    assert!(i.runs[0]
        .notes
        .iter()
        .any(|n| n.contains("found in the text")));
}

/// SGLang's bench_one_batch_server records (two, each in its own ```json fence): one
/// static batch each, the batch size its concurrency; not vLLM's serving result.
#[test]
fn sglang_one_batch_records_are_read_as_batches() {
    let i = read("sglang_0.5.13_bench_one_batch_server_jsonl_in_md_dsv4flash.md");
    assert_eq!(i.format, engine::bench::Format::Sglang);
    assert_eq!(i.runs.len(), 2);
    let (a, b) = (&i.runs[0], &i.runs[1]);
    assert_eq!(a.concurrency, Some(1016.0));
    // 1016 requests x 8192 tokens over the batch's 2688.91 s; the file's 3412.91 is the
    // decoding steps' rate (its latency less the 250.2 s before the first token).
    assert!(near(
        a.output_tokens_per_s,
        1016.0 * 8192.0 / 2688.9099,
        1e-6
    ));
    assert!(
        a.notes.iter().any(|n| n.contains("3412.91")),
        "{:?}",
        a.notes
    );
    assert_eq!(
        (a.input_tokens, a.output_tokens),
        (Some(1024.0), Some(8192.0))
    );
    assert_eq!(a.duration_s, Some(2688.9099));
    assert_eq!(b.concurrency, Some(146.0));
    assert!(near(
        b.output_tokens_per_s,
        146.0 * 8192.0 / 2727.7809,
        1e-6
    ));
    // last_ttft (250 s) is no request's TTFT at that load.
    assert_eq!(a.ttft_ms.mean, None);
}

/// SGLang's bench_offline_throughput block, each line tagged by mpirun
/// (`[1,0]<stdout>:`), in a markdown page that starts with `[toc]` (no JSON).
#[test]
fn sglang_offline_throughput_is_read_from_a_tagged_console() {
    let i = read("sglang_0.5_offline_throughput_mpi_prefixed_apac2025.md");
    assert_eq!(i.runs.len(), 1, "{:?}", i.refused);
    let r = &i.runs[0];
    assert_eq!(r.output_tokens_per_s, Some(2254.91));
    assert_eq!(r.requests_per_s, Some(11.6));
    assert_eq!(r.duration_s, Some(172.37));
    assert_eq!(r.completed, Some(2000));
    assert_eq!(r.concurrency, None);
    assert_eq!(r.model.as_deref(), Some("deepseek-ai/DeepSeek-R1"));
    assert!(r
        .framework
        .as_deref()
        .is_some_and(|f| f.starts_with("SGLang")));
}

/// GenAI-Perf's console: the model its log names ("Profiling these models: X") and the
/// concurrency perf_analyzer ran at; the export it points to is GenAI-Perf's own.
#[test]
fn genai_perf_console_gives_its_model_and_concurrency() {
    for (file, model) in [
        (
            "genai-perf_2025-05_console_qwen3-14b_issue393.txt",
            "Qwen/Qwen3-14B",
        ),
        (
            "genai-perf_2024-10_console_lowercase_labels_triton_openai_readme.txt",
            "llama-3.1-8b-instruct",
        ),
    ] {
        let i = read(file);
        let r = &i.runs[0];
        assert_eq!(r.model.as_deref(), Some(model), "{file}");
        assert_eq!(r.concurrency, Some(1.0), "{file}: {:?}", r.notes);
        assert!(
            r.notes
                .iter()
                .any(|n| n.contains("profile_export_genai_perf.json")),
            "{:?}",
            r.notes
        );
        assert!(
            !r.notes.iter().any(|n| n.contains("names no model")),
            "{:?}",
            r.notes
        );
    }
    let old = read("genai-perf_2024-10_console_lowercase_labels_triton_openai_readme.txt");
    assert_eq!(old.runs[0].output_tokens_per_s, Some(45.84));
}

/// A report's header names the hardware (`**Hardware:** DGX Spark NVIDIA GB10 128GB`);
/// SGLang's client calling its OpenAI API (`Backend: sglang-oai`) is SGLang.
#[test]
fn a_console_report_gives_its_hardware_and_sglang_clients_their_framework() {
    let v = read("vllm_2026_bench_serve_console_p50p90p95_e2el_gemma4_gb10.md");
    assert_eq!(
        v.runs[0].hardware.as_deref(),
        Some("DGX Spark NVIDIA GB10 128GB")
    );
    assert_eq!(v.runs[0].output_tokens_per_s, Some(50.83));
    let s = read("sglang_2025_bench_serving_console_sglang-oai_c512.md");
    assert!(s.runs[0]
        .framework
        .as_deref()
        .is_some_and(|f| f.starts_with("SGLang")));
}

/// A JSON file with a mistake on its first line still gets its JSON error; a text that
/// merely starts with a bracket is read as text.
#[test]
fn a_bracket_at_the_start_is_json_only_when_it_reads_as_json() {
    let e = import(
        "x.json",
        &b"{\"model\": \"a\",, \"eval_count\": 3}"[..],
        None,
    )
    .expect_err("a JSON mistake");
    assert!(matches!(e, ImportError::Malformed { .. }), "{e}");
    let e = import("notes.md", &b"[toc]\n\n# Notes\n\nnothing here\n"[..], None)
        .expect_err("no run in it");
    assert!(matches!(e, ImportError::Unrecognised(_)), "{e}");
}
