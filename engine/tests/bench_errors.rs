//! Bad benchmark files get one clear file-level message each.

use engine::bench::{import, Format, ImportError, MAX_TEXT_BYTES};

fn err(name: &str, bytes: &[u8], format: Option<Format>) -> ImportError {
    match import(name, bytes, format) {
        Ok(i) => panic!("{name}: expected an error, imported {} runs", i.runs.len()),
        Err(e) => e,
    }
}

const SERVE: &str =
    include_str!("bench-samples/vllm/er0080-vllm-benchmarking-v0.25.1/bench_serve_v0.25.1.json");

#[test]
fn empty_and_whitespace_files() {
    assert_eq!(err("a.json", b"", None), ImportError::Empty);
    assert_eq!(err("a.json", b"  \n\t\n", None), ImportError::Empty);
}

#[test]
fn binary_files() {
    let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR";
    assert_eq!(err("chart.png", png, None), ImportError::Binary);
    let gzip = [0x1f_u8, 0x8b, 0x08, 0x00, 0xff, 0xfe, 0x80, 0x81];
    // A compressed result says so, and what to do.
    let e = err("r.json.gz", &gzip, None).to_string();
    assert!(e.contains("gzip-compressed") && e.contains("unpack"), "{e}");
    let e = err("results.zip", b"PK\x03\x04\x14\0\0\0", None).to_string();
    assert!(e.contains("zip archive"), "{e}");
}

#[test]
fn truncated_json_names_the_place() {
    let cut = &SERVE[..SERVE.len() / 2];
    let e = err("cut.json", cut.as_bytes(), None);
    assert!(matches!(e, ImportError::Truncated { .. }), "{e:?}");
    assert!(e.to_string().contains("line "), "{e}");
    // In words, not the JSON reader's ("EOF while parsing a list").
    let e = err("cut.json", b"[1, 2, {\"a\": [1, 2", None).to_string();
    assert!(
        e.contains("it stops inside a list: a [ is never closed"),
        "{e}"
    );
    assert!(!e.contains("EOF"), "{e}");
}

/// A JSON-lines file whose last line is cut off (a benchmark killed while it appended)
/// keeps its complete runs and says which record was skipped; cut in its first record, it
/// is still refused.
#[test]
fn a_cut_off_last_line_keeps_the_complete_runs() {
    const SGLANG: &str =
        include_str!("bench-samples/sglang/h200-benchmarks/llama_3_3_70b_online_output.jsonl");
    let whole = import("run.jsonl", SGLANG.as_bytes(), None).expect("whole");
    let cut = &SGLANG[..SGLANG.trim_end().len() - 150];
    let read = import("run.jsonl", cut.as_bytes(), None).expect("the complete lines");
    assert_eq!(read.runs.len(), whole.runs.len() - 1);
    assert_eq!(read.runs[..], whole.runs[..whole.runs.len() - 1]);
    let lines = SGLANG.trim_end().lines().count();
    assert!(
        read.refused
            .iter()
            .any(|r| r.contains(&format!("from line {lines}")) && r.contains("cut off")),
        "{:?}",
        read.refused
    );
    let first = SGLANG.lines().next().expect("a line");
    let e = err("run.jsonl", &first.as_bytes()[..first.len() / 2], None);
    assert!(matches!(e, ImportError::Truncated { .. }), "{e:?}");
}

#[test]
fn malformed_json_names_the_place() {
    let e = err(
        "bad.json",
        br#"{"output_throughput": 12.5,, "completed": 3}"#,
        None,
    );
    assert!(matches!(e, ImportError::Malformed { .. }), "{e:?}");
    assert!(e.to_string().contains("line 1, column"), "{e}");
}

#[test]
fn unknown_json_lists_its_keys() {
    let e = err("x.json", br#"{"hello": 1, "world": [1,2]}"#, None);
    assert!(e.to_string().contains("hello, world"), "{e}");
}

#[test]
fn unknown_text() {
    let e = err("notes.txt", b"Dear diary, the GPU was fast today.\n", None);
    assert!(matches!(e, ImportError::Unrecognised(_)), "{e:?}");
}

#[test]
fn forced_wrong_format_says_what_is_missing() {
    let e = err("serve.json", SERVE.as_bytes(), Some(Format::LlmperfSummary));
    assert_eq!(e.to_string(), "this file does not look like llmperf summary: the key \"results_num_completed_requests\" is missing. Leave the format on \"detect automatically\", or upload the file the tool itself wrote");
    let e = err(
        "serve.json",
        SERVE.as_bytes(),
        Some(Format::LlamaBenchMarkdown),
    );
    assert!(matches!(e, ImportError::WrongFormat { .. }), "{e:?}");
}

#[test]
fn forced_right_format_agrees_with_detection() {
    let forced = import("serve.json", SERVE.as_bytes(), Some(Format::VllmServe))
        .unwrap_or_else(|e| panic!("forced: {e}"));
    let detected =
        import("serve.json", SERVE.as_bytes(), None).unwrap_or_else(|e| panic!("detected: {e}"));
    assert_eq!(forced.format, Format::VllmServe);
    assert_eq!(detected.format, Format::VllmServe);
    assert_eq!(forced.runs.len(), 1);
    // Values copied from the file (`output_throughput`, `mean_ttft_ms`, `completed`),
    // so two equally wrong reads cannot agree.
    assert_eq!(forced.runs[0].output_tokens_per_s, Some(82.89297074037474));
    assert_eq!(forced.runs[0].ttft_ms.mean, Some(215.53594200008774));
    assert_eq!(forced.runs[0].completed, Some(8));
    assert_eq!(forced.runs, detected.runs);
    assert_eq!(forced.refused, detected.refused);
}

#[test]
fn oversized_text_is_refused_early() {
    let mut big = b"eval count: 1 token(s)\n".to_vec();
    big.resize(MAX_TEXT_BYTES + 10, b' ');
    assert!(matches!(
        err("big.txt", &big, None),
        ImportError::TooLarge { .. }
    ));
}

#[test]
fn nan_and_infinity_never_become_numbers() {
    let text = r#"{"backend": "vllm", "model_id": "m", "completed": 4, "failed": 0, "duration": NaN, "output_throughput": Infinity, "mean_ttft_ms": 12.0, "request_rate": "inf"}"#;
    let run = import("n.json", text.as_bytes(), None).map(|mut i| i.runs.remove(0));
    let run = run.unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(run.duration_s, None);
    assert_eq!(run.output_tokens_per_s, None);
    assert_eq!(run.ttft_ms.mean, Some(12.0));
    assert_eq!(run.label, "all requests at once");
}

#[test]
fn a_run_with_nothing_measured_is_refused() {
    // The result keys are there but hold nothing: the run is read, then refused.
    let e = err(
        "x.json",
        br#"{"backend": "vllm", "num_prompts": 3, "completed": 3, "output_throughput": null, "mean_ttft_ms": null}"#,
        None,
    );
    assert_eq!(
        e,
        ImportError::NoMeasurement("it holds a request count (3), but it has no throughput, latency or token count. Upload the file the tool writes with its results (not its configuration or log)".into())
    );
    // No result key at all: `num_prompts` makes it look like vLLM serve, but there is no run to read.
    let e = err("x.json", br#"{"backend": "vllm", "num_prompts": 3}"#, None);
    assert_eq!(
        e,
        ImportError::WrongFormat {
            expected: "vLLM bench serve (JSON)",
            reason: "no output_throughput, completed or *_ttft_ms key".into(),
        }
    );
}

#[test]
fn json_lines_mixing_good_and_failed_runs_keep_the_good_ones() {
    let good = SERVE.replace('\n', " ");
    let failed = include_str!("bench-samples/vllm/er0080-vllm-benchmarking-v0.25.1/bench_serve_all_requests_failed_v0.25.1.json");
    let text = format!("{good}\n{failed}\n");
    let i = import("a.jsonl", text.as_bytes(), None).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(i.runs.len(), 1);
    assert_eq!(i.refused.len(), 1);
    assert!(
        i.refused[0].contains("all 8 requests failed (0 completed)"),
        "{}",
        i.refused[0]
    );
}

/// The real sample with its throughput made negative, its duration zero, its token
/// total overflowing and a latency written as the string "NaN": each figure is left
/// out and said, and the rest of the run is read as before.
#[test]
fn impossible_figures_are_left_out_with_a_warning_and_nan_is_named() {
    let edited = SERVE
        .replace(
            "\"output_throughput\": 82.89297074037474",
            "\"output_throughput\": -124.5",
        )
        .replace("\"duration\": 1.5441598830002476", "\"duration\": 0")
        .replace(
            "\"mean_ttft_ms\": 215.53594200008774",
            "\"mean_ttft_ms\": \"NaN\"",
        )
        .replace(
            "\"p99_tpot_ms\": 11.979541883350674",
            "\"p99_tpot_ms\": 1e300",
        );
    assert_ne!(edited, SERVE);
    let i = import("edited.json", edited.as_bytes(), None).expect("still a run");
    let r = &i.runs[0];
    assert_eq!(r.output_tokens_per_s, None);
    assert_eq!(r.duration_s, None);
    assert_eq!(r.tpot_ms.p99, None);
    assert_eq!(r.ttft_ms.mean, None);
    // Untouched figures are as in the sample.
    assert_eq!(r.tpot_ms.p50, Some(11.20450286665194));
    assert_eq!(r.ttft_ms.p99, Some(734.4049174101428));
    let warnings = r.warnings.join(" ");
    assert!(
        warnings.contains("output tok/s read as -124.5 cannot be negative"),
        "{warnings}"
    );
    assert!(
        warnings.contains("duration (s) read as 0 cannot be zero"),
        "{warnings}"
    );
    assert!(
        warnings.contains("TPOT p99 (ms) read as 1e300 is beyond any benchmark run"),
        "{warnings}"
    );
    let notes = r.notes.join(" ");
    assert!(
        notes.contains("NaN or infinity for mean_ttft_ms"),
        "{notes}"
    );
    // "request_rate": "inf" is the tool's "no rate limit", not a missing figure.
    assert!(!notes.contains("request_rate"), "{notes}");
    // The unedited sample gets none of this.
    let clean = import("serve.json", SERVE.as_bytes(), None).expect("reads");
    assert!(!clean.runs[0].warnings.join(" ").contains("left out"));
    assert!(!clean.runs[0].notes.join(" ").contains("NaN"));
}

/// Windows PowerShell 5 writes `>` redirections as UTF-16 with a byte order mark: such a
/// file reads as the UTF-8 it holds, in either byte order.
#[test]
fn a_utf16_file_reads_as_its_text() {
    let utf8 = import("serve.json", SERVE.as_bytes(), None).expect("reads");
    for big_endian in [false, true] {
        let mut bytes = if big_endian {
            vec![0xFE, 0xFF]
        } else {
            vec![0xFF, 0xFE]
        };
        for u in SERVE.encode_utf16() {
            bytes.extend(if big_endian {
                u.to_be_bytes()
            } else {
                u.to_le_bytes()
            });
        }
        let i = import("serve-utf16.json", bytes.as_slice(), None)
            .unwrap_or_else(|e| panic!("big endian {big_endian}: {e}"));
        assert_eq!(i.runs, utf8.runs);
    }
    // A lone surrogate is named, not read as "binary".
    let e = err("bad.json", &[0xFF, 0xFE, 0x00, 0xD8, b'{', 0], None);
    assert!(e.to_string().contains("UTF-16"), "{e}");
}

/// A negative count (here vLLM's `completed`) cannot be read; the run says so rather
/// than show "not stated" with no reason. The real sample has none.
#[test]
fn a_negative_count_is_named_in_a_note() {
    let edited = SERVE.replace("\"completed\": 8", "\"completed\": -8");
    assert_ne!(edited, SERVE);
    let i = import("edited.json", edited.as_bytes(), None).expect("still a run");
    let r = &i.runs[0];
    assert_eq!(r.completed, None);
    let notes = r.notes.join(" ");
    assert!(
        notes.contains("a negative count for completed: a count cannot be negative"),
        "{notes}"
    );
    let clean = import("serve.json", SERVE.as_bytes(), None).expect("reads");
    assert_eq!(clean.runs[0].completed, Some(8));
    assert!(!clean.runs[0].notes.join(" ").contains("negative count"));
}

/// A table of the user's own columns is refused naming them and the tables that are read;
/// a line of prose is no table.
#[test]
fn a_table_of_ones_own_names_its_columns_and_the_tables_read() {
    let e = err(
        "mine.csv",
        b"model,gpu,concurrency,output_tok_s,ttft_ms\nllama,H100,8,1200,90\n",
        None,
    )
    .to_string();
    assert!(
        e.starts_with("the format was not recognised: a table with the columns \u{201c}model\u{201d}, \u{201c}gpu\u{201d}, \u{201c}concurrency\u{201d}"),
        "{e}"
    );
    assert!(
        e.contains("llama-bench's CSV (columns avg_ts and n_prompt)"),
        "{e}"
    );
    let e = err("notes.txt", b"Dear diary, the GPU was fast today.\n", None).to_string();
    assert!(!e.contains("a table with the columns"), "{e}");
}

/// A usage export is told where it goes.
#[test]
fn a_usage_export_is_sent_to_the_usage_page() {
    let bytes = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/usage-samples/anthropic-admin-reports/anthropic-docs_cost-report_example.json"
    ))
    .expect("sample");
    assert!(matches!(
        err("cost.json", &bytes, None),
        ImportError::Unrecognised(_)
    ));
    let hint = engine::usage::usage_instead(&bytes).expect("a usage export");
    assert!(
        hint.starts_with("this is a usage export (Anthropic cost report)"),
        "{hint}"
    );
    assert_eq!(engine::usage::usage_instead(SERVE.as_bytes()), None);
}
