//! Benchmark tables as they come back from a spreadsheet: a row of totals added under the
//! runs, a classic Mac's line ends. Each made here from a fixture and read against it.

use engine::bench::import;

fn fixture(name: &str) -> String {
    let p = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{p}: {e}"))
}

/// A row of "Total" (the sum of the runs above) or "Average" is not a run: left out and
/// said, in every table of one run a row.
#[test]
fn a_row_of_totals_under_the_runs_is_not_a_run() {
    for name in ["llama-bench.csv", "guidellm-benchmarks.csv"] {
        let t = fixture(name);
        let base = import(name, t.as_bytes(), None).expect("reads");
        let width = t.lines().last().expect("a run").split(',').count();
        let mut totals = format!("{}\n", t.trim_end());
        for word in ["Total", "Average:"] {
            let mut cells = vec![word.to_string()];
            cells.extend((1..width).map(|i| {
                if i % 3 == 0 {
                    "1000".into()
                } else {
                    String::new()
                }
            }));
            totals.push_str(&cells.join(","));
            totals.push('\n');
        }
        let with = import(name, totals.as_bytes(), None).expect("reads");
        assert_eq!(with.runs.len(), base.runs.len(), "{name}");
        for word in ["Total", "Average:"] {
            assert!(
                with.refused
                    .iter()
                    .any(|r| r.contains(&format!("\u{201c}{word}\u{201d}"))),
                "{name}: {:?}",
                with.refused
            );
        }
    }
}

/// Lines ending in a lone CR ("CSV (Macintosh)"): the same runs, and said.
#[test]
fn a_classic_macs_line_ends_read_as_lines() {
    let t = fixture("llama-bench.csv");
    let base = import("llama-bench.csv", t.as_bytes(), None).expect("reads");
    let mac = t.replace('\n', "\r");
    let r = import("llama-bench.csv", mac.as_bytes(), None).expect("reads");
    assert_eq!(r.runs.len(), base.runs.len());
    assert_eq!(
        r.runs[0].output_tokens_per_s,
        base.runs[0].output_tokens_per_s
    );
    assert!(
        r.runs[0].notes.iter().any(|n| n.contains("lone CR")),
        "{:?}",
        r.runs[0].notes
    );
}

/// Two llmperf summaries one after another (`cat a.json b.json`): two runs, each said to
/// be its document; not the first alone.
#[test]
fn summaries_joined_in_one_file_are_each_a_run() {
    let dir = format!(
        "{}/tests/bench-samples/llmperf/llmperf-leaderboard/summary",
        env!("CARGO_MANIFEST_DIR")
    );
    let read = |n: &str| std::fs::read_to_string(format!("{dir}/{n}")).expect(n);
    let (a, b) = (read("groq_70b.json"), read("anyscale_70b.json"));
    let one = |t: &str| import("x.json", t.as_bytes(), None).expect("reads").runs;
    let both = one(&format!("{a}\n{b}"));
    assert_eq!(both.len(), 2);
    assert_eq!(both[0].output_tokens_per_s, one(&a)[0].output_tokens_per_s);
    assert_eq!(both[1].output_tokens_per_s, one(&b)[0].output_tokens_per_s);
    assert!(
        both[1].notes.iter().any(|n| n.contains("document 2 of 2")),
        "{:?}",
        both[1].notes
    );
}

/// AIPerf's per-request records twice in one file (the same `x_request_id`s): one run's
/// figures, and said. A second run's records after ten idle minutes: said, not blended
/// in silence.
#[test]
fn aiperf_records_repeated_or_after_a_pause_are_said() {
    let t = fixture("profile_export.jsonl");
    let base = import("profile_export.jsonl", t.as_bytes(), None)
        .expect("reads")
        .runs;
    let twice = import("p.jsonl", format!("{t}{t}").as_bytes(), None)
        .expect("reads")
        .runs;
    assert_eq!(twice[0].completed, base[0].completed);
    assert_eq!(twice[0].output_tokens_per_s, base[0].output_tokens_per_s);
    assert!(
        twice[0]
            .notes
            .iter()
            .any(|n| n.contains("repeat a request id")),
        "{:?}",
        twice[0].notes
    );
    // The same records 600 s later, with new ids.
    let later: String = t
        .lines()
        .map(|l| {
            let mut v: serde_json::Value = serde_json::from_str(l).expect("json");
            let m = &mut v["metadata"];
            for k in ["request_start_ns", "request_end_ns"] {
                let at = m[k].as_u64().expect("ns");
                m[k] = serde_json::json!(at + 600_000_000_000);
            }
            m["x_request_id"] = serde_json::json!(format!("later-{}", m["x_request_id"]));
            format!("{v}\n")
        })
        .collect();
    let two = import("p.jsonl", format!("{t}{later}").as_bytes(), None)
        .expect("reads")
        .runs;
    assert!(
        two[0]
            .warnings
            .iter()
            .any(|w| w.contains("may join two runs")),
        "{:?}",
        two[0].warnings
    );
    assert!(!base[0]
        .warnings
        .iter()
        .any(|w| w.contains("may join two runs")));
    // One slow run (four requests, one every 95 s): idle between requests, and one run.
    let slow: String = t
        .lines()
        .filter(|l| l.contains("\"benchmark_phase\":\"profiling\""))
        .take(4)
        .enumerate()
        .map(|(i, l)| {
            let mut v: serde_json::Value = serde_json::from_str(l).expect("json");
            let m = &mut v["metadata"];
            for k in ["request_start_ns", "request_end_ns"] {
                let at = m[k].as_u64().expect("ns");
                m[k] = serde_json::json!(at + i as u64 * 95_000_000_000);
            }
            format!("{v}\n")
        })
        .collect();
    let one = import("p.jsonl", slow.as_bytes(), None)
        .expect("reads")
        .runs;
    assert!(
        !one[0]
            .warnings
            .iter()
            .any(|w| w.contains("may join two runs")),
        "{:?}",
        one[0].warnings
    );
}

/// A vLLM result with no failed count and a per-request error list longer than the
/// reader keeps: its failures are said to be unknown, not left empty in silence.
#[test]
fn an_error_list_too_long_to_read_says_the_failures_are_unknown() {
    let p = format!(
        "{}/tests/bench-samples/vllm/zhangxinyuehfad-vllm-benchmarks-2025-02/serving_llama8B_tp1_sharegpt_qps_inf.json",
        env!("CARGO_MANIFEST_DIR")
    );
    let mut v: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&p).expect("sample")).expect("json");
    let o = v.as_object_mut().expect("an object");
    o.remove("failed");
    o.insert("errors".into(), serde_json::json!(vec![""; 5000]));
    let r = import("serving.json", v.to_string().as_bytes(), None).expect("reads");
    assert_eq!(r.runs[0].failed, None);
    assert!(
        r.runs[0]
            .notes
            .iter()
            .any(|n| n.contains("too long to read")),
        "{:?}",
        r.runs[0].notes
    );
}

/// Two GuideLLM CSVs joined (`cat a.csv b.csv`), of versions whose columns differ: each
/// part is read by its own three header rows, not the second with the first's columns.
#[test]
fn guidellm_csvs_joined_are_each_read_by_their_own_header() {
    let (a, b) = (
        fixture("guidellm-benchmarks.csv"),
        fixture("guidellm-0.4_concurrent_sweep.csv"),
    );
    let one = |t: &str| import("g.csv", t.as_bytes(), None).expect("reads").runs;
    let (ra, rb) = (one(&a), one(&b));
    let both = one(&format!("{}\n{}", a.trim_end(), b));
    assert_eq!(both.len(), ra.len() + rb.len());
    for (got, want) in both.iter().zip(ra.iter().chain(&rb)) {
        assert_eq!(
            got.output_tokens_per_s, want.output_tokens_per_s,
            "{}",
            got.label
        );
        assert_eq!(got.concurrency, want.concurrency, "{}", got.label);
    }
    assert!(both[0]
        .notes
        .iter()
        .any(|n| n.contains("2 GuideLLM CSVs joined")));
    let labels: std::collections::HashSet<&str> = both.iter().map(|r| r.label.as_str()).collect();
    assert_eq!(labels.len(), both.len(), "labels apart");
}

/// An Ollama stream cut before its last chunk (the one with the counts): said so, not
/// "the format was not recognised".
#[test]
fn an_ollama_stream_cut_before_its_last_chunk_says_so() {
    let t = fixture("ollama_api_chat_stream.ndjson");
    let cut: String = t
        .lines()
        .filter(|l| !l.contains("\"done\": true"))
        .map(|l| format!("{l}\n"))
        .collect();
    let e = import("chat.ndjson", cut.as_bytes(), None)
        .expect_err("refused")
        .to_string();
    assert!(e.contains("Ollama stream cut before its last chunk"), "{e}");
}

/// A result file joined to itself (`cat r.csv r.csv`): its runs once, and said; the
/// header line in the middle is not read as a run.
#[test]
fn a_benchmark_file_joined_to_itself_gives_its_runs_once() {
    let t = fixture("llama-bench.csv");
    let once = import("b.csv", t.as_bytes(), None).expect("reads");
    let twice = import("b.csv", format!("{t}{t}").as_bytes(), None).expect("reads");
    assert_eq!(twice.runs.len(), once.runs.len());
    assert!(
        twice.refused.iter().any(|r| r.contains("the header again")),
        "{:?}",
        twice.refused
    );
    assert!(
        twice.refused.iter().any(|r| r.contains("counted once")),
        "{:?}",
        twice.refused
    );
    assert!(
        !twice.refused.iter().any(|r| r.contains("pp0")),
        "{:?}",
        twice.refused
    );
}
