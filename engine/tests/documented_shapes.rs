//! The four importers that have no real sample (GenAI-Perf JSON and CSV, llama-bench
//! CSV, the article's script) read against hand-built fixtures in `tests/fixtures/`
//! (see its README). Each fixture follows the layout documented in
//! `bench-samples/FORMATS.md`; every expected value below is copied from the fixture
//! by hand, with the unit conversion to the importer's units (s, ms, tok/s) written
//! out. None is copied from parser output.

use engine::bench::{import, Format, Imported, Run, Stat};
use std::path::Path;

fn fixture(name: &str, format: Format, runs: usize) -> Imported {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name);
    let file = std::fs::File::open(&path).unwrap_or_else(|e| panic!("{name}: {e}"));
    let imported = import(name, file, None).unwrap_or_else(|e| panic!("{name}: {e}"));
    assert_eq!(imported.format, format, "{name}: detected format");
    assert_eq!(imported.runs.len(), runs, "{name}: runs");
    assert!(
        imported.refused.is_empty(),
        "{name}: refused {:?}",
        imported.refused
    );
    imported
}

#[track_caller]
fn close(got: Option<f64>, want: f64) {
    let g = got.unwrap_or_else(|| panic!("missing value, wanted {want}"));
    assert!(
        (g - want).abs() <= want.abs() * 1e-9 + 1e-9,
        "got {g}, wanted {want}"
    );
}

#[track_caller]
fn stat(got: &Stat, mean: f64, p50: f64, p99: f64) {
    close(got.mean, mean);
    close(got.p50, p50);
    close(got.p99, p99);
}

fn by_label<'a>(runs: &'a [Run], label: &str) -> &'a Run {
    runs.iter().find(|r| r.label == label).unwrap_or_else(|| {
        panic!(
            "no run labelled {label}: {:?}",
            runs.iter().map(|r| &r.label).collect::<Vec<_>>()
        )
    })
}

/// FORMATS.md s.5 JSON. Time metrics are already `"unit": "ms"`.
/// GenAI-Perf's `inter_token_latency` is (latency − TTFT) / (OSL − 1): vLLM's TPOT.
#[test]
fn genai_perf_json() {
    let i = fixture("profile_export_genai_perf.json", Format::GenaiPerfJson, 1);
    let r = &i.runs[0];
    assert_eq!(r.label, "profile");
    // input_config.model is a list (`--model` has nargs="+"): its first entry.
    assert_eq!(r.model.as_deref(), Some("meta-llama/Llama-3.1-8B-Instruct"));
    assert_eq!(r.hardware, None, "the file names no GPU");
    close(r.concurrency, 8.0); // input_config.concurrency
    close(r.output_tokens_per_s, 580.426371); // output_token_throughput.avg, tokens/sec
    close(r.requests_per_s, 2.279746); // request_throughput.avg, requests/sec
    assert_eq!(r.total_tokens_per_s, None, "GenAI-Perf writes no total");
    assert_eq!(
        r.duration_s, None,
        "GenAI-Perf writes no benchmark_duration"
    );
    close(r.input_tokens, 549.8125); // input_sequence_length.avg
    close(r.output_tokens, 254.60625); // output_sequence_length.avg

    // avg, p50, p99 of each metric; already ms, so no conversion.
    stat(&r.ttft_ms, 41.273846, 39.842671, 63.906215);
    stat(&r.tpot_ms, 13.674219, 13.611907, 15.303376); // inter_token_latency
    assert!(r.itl_ms.is_empty(), "no per-chunk latency in GenAI-Perf");
    stat(&r.e2e_ms, 3508.609417, 3489.201553, 4512.446305); // request_latency
    assert_eq!(r.completed, Some(160)); // request_count.avg
    assert_eq!(r.failed, None, "the file has no error count");
}

/// FORMATS.md s.5 CSV: CRLF, descending percentiles, `f"{v:,.2f}"` values with
/// quoted thousands separators, a `Metric,Value` section, then GPU telemetry.
#[test]
fn genai_perf_csv() {
    let i = fixture("profile_export_genai_perf.csv", Format::GenaiPerfCsv, 1);
    let r = &i.runs[0];
    assert_eq!(r.label, "profile");
    assert_eq!(r.model, None, "the CSV names no model");
    assert_eq!(r.concurrency, None, "the CSV records no concurrency");
    close(r.output_tokens_per_s, 1318.09); // "1,318.09" (tokens/sec)
    close(r.requests_per_s, 2.58); // Request Throughput (per sec)
    assert_eq!(r.total_tokens_per_s, None);
    assert_eq!(r.duration_s, None);
    close(r.input_tokens, 2047.63); // "2,047.63"
    close(r.output_tokens, 511.28);
    // Rows are "(ms)": × 1. Columns avg, p50, p99 picked out of the descending order.
    stat(&r.ttft_ms, 1184.52, 1102.83, 2711.06);
    stat(&r.tpot_ms, 21.99, 21.74, 27.10); // "Inter Token Latency (ms)"
    assert!(r.itl_ms.is_empty(), "no Inter Chunk Latency row");
    stat(&r.e2e_ms, 12406.77, 12351.06, 15004.12);
    assert_eq!(r.completed, Some(387)); // Request Count (count) 387.00
    assert_eq!(r.failed, None);
}

/// FORMATS.md s.7 CSV: every value quoted, `avg_ns` in nanoseconds, `avg_ts` in
/// tokens/s, no samples. One stream: concurrency 1.
#[test]
fn llama_bench_csv() {
    let i = fixture("llama-bench.csv", Format::LlamaBenchCsv, 4);
    for r in &i.runs {
        assert_eq!(
            r.model.as_deref(),
            Some("llama 8B Q4_K - Medium"),
            "{}",
            r.label
        );
        // gpu_info and backends, joined as for llama-bench JSON in bench_samples.rs.
        assert_eq!(
            r.hardware.as_deref(),
            Some("NVIDIA GeForce RTX 3090 (CUDA)"),
            "{}",
            r.label
        );
        close(r.concurrency, 1.0);
        assert_eq!(r.requests_per_s, None, "{}", r.label);
        assert!(r.ttft_ms.is_empty() && r.itl_ms.is_empty(), "{}", r.label);
    }
    // Each row's test_time, as in the JSON (2025-05-02T09:14:31Z ... 09:15:02Z).
    let times: Vec<&str> = i
        .runs
        .iter()
        .filter_map(|r| r.measured_at.as_deref())
        .collect();
    assert_eq!(times.len(), 4);
    assert!(times[0].starts_with("2025-05-02 09:14"), "{times:?}");
    assert!(times[3].starts_with("2025-05-02 09:15"), "{times:?}");

    // pp512: n_prompt 512, n_gen 0. A prompt rate is not output tok/s.
    let pp = by_label(&i.runs, "pp512");
    close(pp.total_tokens_per_s, 4661.203418);
    assert_eq!(pp.output_tokens_per_s, None);
    close(pp.input_tokens, 512.0);
    assert_eq!(pp.output_tokens, None);
    close(pp.duration_s, 109_874_512.0 / 1e9); // ns -> s
    close(pp.e2e_ms.mean, 109_874_512.0 / 1e6); // ns -> ms
    assert!(pp.tpot_ms.is_empty());

    // tg128: n_prompt 0, n_gen 128.
    let tg = by_label(&i.runs, "tg128");
    close(tg.output_tokens_per_s, 123.769884);
    assert_eq!(tg.total_tokens_per_s, None);
    close(tg.input_tokens, 0.0);
    close(tg.output_tokens, 128.0);
    close(tg.duration_s, 1_034_201_977.0 / 1e9);
    close(tg.e2e_ms.mean, 1_034_201_977.0 / 1e6);
    close(tg.tpot_ms.mean, 1000.0 / 123.769884); // ms per token = 1000 / tok/s

    // tg128 at depth 4096: the prefilled context counts as prompt.
    let deep = by_label(&i.runs, "tg128 @ d4096");
    close(deep.output_tokens_per_s, 107.780631);
    close(deep.input_tokens, 4096.0); // n_prompt 0 + n_depth 4096
    close(deep.output_tokens, 128.0);
    close(deep.duration_s, 1_187_624_690.0 / 1e9);
    close(deep.tpot_ms.mean, 1000.0 / 107.780631);

    // pp512+tg128 (-pg): avg_ts is (512 + 128) tokens / time, a combined rate.
    let pg = by_label(&i.runs, "pp512+tg128");
    close(pg.total_tokens_per_s, 559.952806);
    assert_eq!(pg.output_tokens_per_s, None);
    close(pg.input_tokens, 512.0);
    close(pg.output_tokens, 128.0);
    close(pg.duration_s, 1_142_955_310.0 / 1e9);
    assert!(pg.tpot_ms.is_empty());
}

/// The article's `benchmark_run()` prints three lines per call; tokens/s is the only
/// measurement, requests go one at a time.
#[test]
fn article_script() {
    let i = fixture("article-script.txt", Format::ArticleScript, 2);
    let first = &i.runs[0];
    assert_eq!(first.label, "run 1");
    close(first.output_tokens_per_s, 84.6);
    close(first.concurrency, 1.0);
    assert!(
        first.notes.iter().any(|n| n.contains("$0.0048")),
        "{:?}",
        first.notes
    );
    let second = &i.runs[1];
    assert_eq!(second.label, "run 2");
    close(second.output_tokens_per_s, 131.2);
    close(second.concurrency, 1.0);
    assert!(
        second.notes.iter().any(|n| n.contains("$0.0029")),
        "{:?}",
        second.notes
    );
    for r in &i.runs {
        // Nothing else is printed, so nothing else may appear.
        assert_eq!(
            (r.model.as_ref(), r.hardware.as_ref()),
            (None, None),
            "{}",
            r.label
        );
        assert_eq!(
            (
                r.input_tokens,
                r.output_tokens,
                r.total_tokens_per_s,
                r.requests_per_s,
                r.duration_s
            ),
            (None, None, None, None, None),
            "{}",
            r.label
        );
        assert!(r.ttft_ms.is_empty() && r.tpot_ms.is_empty() && r.e2e_ms.is_empty());
        assert_eq!((r.completed, r.failed), (None, None));
    }
}

/// AIPerf `profile_export.jsonl` (fixture built from the writer's code, 0.13.0 shape; see
/// `fixtures/SHAPES-new.md` s.1): 12 lines, 2 warmup, 10 profiling of which one HTTP 500
/// and one cancelled (499). Expected values computed from the fixture's lines by hand
/// (a Python one-liner over the JSON, listed beside each value).
#[test]
fn aiperf_per_request_records() {
    let i = fixture("profile_export.jsonl", Format::AiperfJsonl, 1);
    let r = &i.runs[0];
    // 8 successful profiling lines; the HTTP 500 is failed; the cancelled one (499,
    // was_cancelled) was the benchmark's own doing: neither.
    assert_eq!((r.completed, r.failed), (Some(8), Some(1)));
    assert!(r
        .notes
        .iter()
        .any(|n| n.starts_with("1 request(s) were cancelled on purpose")));
    // Sum of output_sequence_length over the 8 = 1484; mean 185.5; input mean 529.875.
    close(r.output_tokens, 185.5);
    close(r.input_tokens, 529.875);
    // max(request_end_ns) - min(request_start_ns) over the profiling lines = 4.591073486 s.
    // Nanoseconds since the epoch (1.76e18) exceed f64's 53-bit integer range, so each
    // timestamp is read to within 256 ns: 1e-6 relative is the honest tolerance here.
    let near = |got: Option<f64>, want: f64| {
        let g = got.unwrap_or(f64::NAN);
        assert!((g - want).abs() <= want * 1e-6, "got {g}, wanted {want}");
    };
    near(r.duration_s, 4.591073486);
    near(r.output_tokens_per_s, 1484.0 / 4.591073486);
    // Sum of (end - start) over the 10 profiling lines / the span.
    near(r.concurrency, 3.4781395139271796);
    assert_eq!(
        r.concurrency_basis,
        Some(engine::bench::ConcurrencyBasis::Measured)
    );
    close(r.ttft_ms.mean, 57.83295237499999);
    assert_eq!(r.model, None, "the per-request file names no model");
    assert!(
        r.errors
            .iter()
            .any(|e| e.starts_with("500 Internal Server Error")),
        "{:?}",
        r.errors
    );
    assert_eq!(
        r.errors.len(),
        1,
        "the cancellation is no error: {:?}",
        r.errors
    );
    assert!(r
        .notes
        .iter()
        .any(|n| n.contains("2 line(s) outside the profiling phase")));
    assert!(r
        .warnings
        .iter()
        .any(|w| w.starts_with("1 of 9 requests failed")));
}

/// GuideLLM `benchmarks.csv` (fixture built from the 0.8.1 writer; `fixtures/SHAPES-new.md`
/// s.2): three header rows, three benchmarks. Values read off the second data row
/// (concurrent@4) with Python's csv module, by their three headers.
#[test]
fn guidellm_csv_three_header_rows() {
    let i = fixture("guidellm-benchmarks.csv", Format::GuidellmCsv, 3);
    let labels: Vec<&str> = i.runs.iter().map(|r| r.label.as_str()).collect();
    assert_eq!(
        labels,
        ["#1 synchronous", "#2 concurrent@4", "#3 constant@5.00"]
    );
    let r = &i.runs[1];
    assert_eq!(r.model.as_deref(), Some("meta-llama/Llama-3.1-8B-Instruct"));
    close(r.output_tokens_per_s, 497.8832391890995);
    // Server Throughput / Successful Concurrency / Mean: measured, not the cap of 4.
    close(r.concurrency, 3.803996540332872);
    assert!(r
        .notes
        .iter()
        .any(|n| n.contains("the strategy's cap was 4")));
    assert_eq!((r.completed, r.failed), (Some(39), Some(1)));
    close(r.duration_s, 19.285646200180054);
    // TTFT in ms: Mean, Median, and p99 = 10th entry of the Percentiles list.
    stat(
        &r.ttft_ms,
        43.610933499458504,
        43.358802795410156,
        58.79068374633789,
    );
    // Request latency is in seconds in the file.
    close(r.e2e_ms.mean, 1.8810905493222743 * 1000.0);
    close(r.input_tokens, 549.1794871794872);
    close(r.output_tokens, 246.20512820512818);
}
