//! vLLM: `vllm bench serve` / `benchmark_serving.py --save-result` JSON (also sweep runs,
//! `summary.json` arrays and `--append-result` JSON lines), `bench throughput` and `bench
//! latency` JSON, the nightly `benchmark_results.json` table, and pasted console output.
//! Sections 1a-1f of `engine/tests/bench-samples/FORMATS.md`; section numbers below refer
//! to it. SGLang's JSON lines (s.2) use the same keys and are read by `read_serving` too.

use super::common::{hardware_hint, records, single_object, wrong_format};
use super::lean::{parse_number, Lean};
use super::units::count;
use super::{Format, ImportError, Run, Stat};

/// vLLM serve JSON and SGLang JSON lines: every record with a serving key is a run,
/// numbered when the file holds several.
pub(super) fn read_serving(format: Format, values: &[Lean]) -> Result<Vec<Run>, ImportError> {
    let records = records(values);
    let n = records.len();
    let numbered = |i: usize, label: String| {
        if n > 1 {
            format!("#{} {label}", i + 1).trim().to_string()
        } else {
            label
        }
    };
    let key_ok = |r: &Lean| {
        r.has("output_throughput")
            || r.has("mean_ttft_ms")
            || r.has("median_ttft_ms")
            || r.has("completed")
    };
    if !records.iter().any(|r| key_ok(r)) {
        return Err(wrong_format(
            format,
            "no output_throughput, completed or *_ttft_ms key",
        ));
    }
    Ok(records
        .iter()
        .enumerate()
        .filter(|(_, r)| key_ok(r))
        .map(|(i, r)| {
            let mut run = serving(r, format);
            run.label = numbered(i, run.label);
            run
        })
        .collect())
}

/// s.1e: one object.
pub(super) fn read_throughput(values: &[Lean]) -> Result<Vec<Run>, ImportError> {
    single_object(
        values,
        Format::VllmThroughput,
        &["elapsed_time", "tokens_per_second"],
        vllm_throughput,
    )
}

/// s.1f: one object.
pub(super) fn read_latency(values: &[Lean]) -> Result<Vec<Run>, ImportError> {
    single_object(values, Format::VllmLatency, &["avg_latency"], vllm_latency)
}

/// s.1c: an array of table rows, one run per row.
pub(super) fn read_table(values: &[Lean]) -> Result<Vec<Run>, ImportError> {
    let records = records(values);
    if !records
        .iter()
        .all(|r| r.has("Output Tput (tok/s)") || r.has("Test name"))
    {
        return Err(wrong_format(
            Format::VllmTable,
            "rows lack the \"Test name\" / \"Output Tput (tok/s)\" columns",
        ));
    }
    Ok(records.iter().map(|r| vllm_table(r)).collect())
}

fn per_request(total: Option<f64>, completed: Option<u64>) -> Option<f64> {
    match (total, completed) {
        (Some(t), Some(c)) if c > 0 => Some(t / c as f64),
        _ => None,
    }
}

fn stat_ms(v: &Lean, m: &str) -> Stat {
    Stat {
        mean: v.n(&format!("mean_{m}_ms")),
        p50: v
            .n(&format!("median_{m}_ms"))
            .or_else(|| v.n(&format!("p50_{m}_ms"))),
        p99: v.n(&format!("p99_{m}_ms")),
    }
}

/// vLLM serve JSON (s.1a, 1b) and SGLang JSON lines (s.2): the same family of keys.
fn serving(v: &Lean, format: Format) -> Run {
    let mut notes = Vec::new();
    let completed = count(v.n("completed"));
    let failed = count(v.n("failed"));
    let configured = v.n("max_concurrency");
    let concurrency = configured.or_else(|| {
        let observed = v.n("concurrency").filter(|_| format == Format::Sglang);
        if observed.is_some() {
            notes.push("no concurrency limit was set; concurrency is SGLang's mean number of requests in flight".to_string());
        } else if v.at("max_concurrency").is_some() {
            notes.push("no concurrency limit was set (max_concurrency null)".to_string());
        }
        observed
    });
    let rate = v.get("request_rate");
    let mut label = match (v.s("label"), rate) {
        (Some(l), _) => l,
        (None, Some(r)) if r.is_infinite() => "all requests at once".to_string(),
        (None, Some(r)) => r.num().map(|x| format!("{x} req/s")).unwrap_or_default(),
        (None, None) => String::new(),
    };
    if let Some(c) = configured {
        label = format!("{label}, concurrency {c}")
            .trim_start_matches(", ")
            .to_string();
    }
    if let Some(run) = v.n("run_number") {
        label = format!("{label}, run {run}")
            .trim_start_matches(", ")
            .to_string();
    }
    if format == Format::Sglang {
        if let (Some(i), Some(o)) = (v.n("random_input_len"), v.n("random_output_len")) {
            label = format!("{label}, random {i:.0} in / {o:.0} out")
                .trim_start_matches(", ")
                .to_string();
        }
    }
    let duration = v.n("duration");
    if duration.is_none() && !v.has("output_throughput") {
        notes.push(
            "the file has no duration and no throughput (an old vLLM layout): latencies only"
                .to_string(),
        );
    }
    if v.has("request_goodput:") {
        notes.push("read the old vLLM key \"request_goodput:\" (with the colon typo)".to_string());
    }
    if v.has("spec_decode_acceptance_rate") {
        notes.push("speculative decoding: ITL is per streamed chunk and exceeds TPOT".to_string());
    }
    Run {
        label,
        model: v.s("model_id").or_else(|| v.s("model")),
        hardware: hardware_hint(v),
        concurrency,
        input_tokens: per_request(v.n("total_input_tokens"), completed),
        output_tokens: per_request(v.n("total_output_tokens"), completed),
        output_tokens_per_s: v.n("output_throughput"),
        total_tokens_per_s: v
            .n("total_token_throughput")
            .or_else(|| v.n("total_throughput")),
        requests_per_s: v.n("request_throughput"),
        duration_s: duration,
        ttft_ms: stat_ms(v, "ttft"),
        tpot_ms: stat_ms(v, "tpot"),
        itl_ms: stat_ms(v, "itl"),
        e2e_ms: if v.has("mean_e2el_ms") {
            stat_ms(v, "e2el")
        } else {
            stat_ms(v, "e2e_latency")
        },
        completed,
        failed,
        notes,
    }
}

/// s.1e: `tokens_per_second` is prompt + output.
fn vllm_throughput(v: &Lean) -> Run {
    let completed = count(v.n("num_requests"));
    Run {
        label: "offline throughput".into(),
        total_tokens_per_s: v.n("tokens_per_second"),
        requests_per_s: v.n("requests_per_second"),
        duration_s: v.n("elapsed_time"),
        completed,
        notes: vec!["vLLM's throughput JSON saves total (prompt + output) tokens/s only; output tokens/s is printed to the console, not saved; no model id in the file".into()],
        ..Run::default()
    }
}

/// s.1f: seconds per whole batch.
fn vllm_latency(v: &Lean) -> Run {
    let pct = |p: &str| v.n(&format!("percentiles.{p}")).map(|s| s * 1000.0);
    Run {
        label: "batch latency".into(),
        e2e_ms: Stat { mean: v.n("avg_latency").map(|s| s * 1000.0), p50: pct("50"), p99: pct("99") },
        completed: v.at("latencies").and_then(Lean::arr).map(|l| l.len() as u64),
        notes: vec!["latency of one whole batch per iteration; the file has no token counts, batch size or model id, so no throughput".into()],
        ..Run::default()
    }
}

/// s.1c: display-string keys.
fn vllm_table(r: &Lean) -> Run {
    let st = |m: &str| Stat {
        mean: r.n(&format!("Mean {m} (ms)")),
        p50: r.n(&format!("Median {m} (ms)")),
        p99: r.n(&format!("P99 {m} (ms)")),
    };
    Run {
        label: r.s("Test name").unwrap_or_default(),
        hardware: r.s("GPU"),
        completed: count(r.n("# of req.")),
        requests_per_s: r.n("Tput (req/s)"),
        output_tokens_per_s: r.n("Output Tput (tok/s)"),
        total_tokens_per_s: r.n("Total Tput (tok/s)"),
        ttft_ms: st("TTFT"),
        tpot_ms: st("TPOT"),
        itl_ms: st("ITL"),
        notes: vec!["derived table: no token counts per request".into()],
        ..Run::default()
    }
}

/// s.1d: blocks between `Serving Benchmark Result` and a line of `=`.
pub(super) fn read_console(text: &str) -> Result<Vec<Run>, ImportError> {
    let mut runs = Vec::new();
    let mut lines = text.lines().peekable();
    let mut model: Option<String> = None;
    while let Some(line) = lines.next() {
        if let Some(i) = line.find("--model=") {
            model = line[i + 8..].split_whitespace().next().map(str::to_string);
        }
        if !line.contains("Serving Benchmark Result") {
            continue;
        }
        let mut v: Vec<(String, f64)> = Vec::new();
        for l in lines.by_ref() {
            let t = l.trim();
            if t.starts_with("====") {
                break;
            }
            if let Some((k, val)) = t.rsplit_once(':') {
                if let Some(x) = parse_number(val) {
                    v.push((k.trim().to_ascii_lowercase(), x));
                }
            }
        }
        let get = |k: &str| {
            v.iter()
                .find(|(key, _)| key == k)
                .map(|(_, x)| *x)
                .filter(|x| x.is_finite())
        };
        let completed = get("successful requests").map(|x| x as u64);
        let st = |m: &str| Stat {
            mean: get(&format!("mean {m} (ms)")),
            p50: get(&format!("median {m} (ms)")),
            p99: get(&format!("p99 {m} (ms)")),
        };
        let per = |t: Option<f64>| match (t, completed) {
            (Some(t), Some(c)) if c > 0 => Some(t / c as f64),
            _ => None,
        };
        let concurrency = get("maximum request concurrency");
        runs.push(Run {
            label: format!("block {}", runs.len() + 1),
            model: model.clone(),
            concurrency,
            input_tokens: per(get("total input tokens")),
            output_tokens: per(get("total generated tokens")),
            output_tokens_per_s: get("output token throughput (tok/s)"),
            // Old vLLM printed "Total Token throughput", new "Total token throughput" (s.1d).
            total_tokens_per_s: get("total token throughput (tok/s)"),
            requests_per_s: get("request throughput (req/s)"),
            duration_s: get("benchmark duration (s)"),
            ttft_ms: st("ttft"),
            tpot_ms: st("tpot"),
            itl_ms: st("itl"),
            e2e_ms: st("e2el"),
            completed,
            failed: get("failed requests").map(|x| x as u64),
            notes: vec!["console values are rounded to 2 decimals".into()],
            ..Run::default()
        });
    }
    if runs.is_empty() {
        return Err(wrong_format(
            Format::VllmConsole,
            "no \"Serving Benchmark Result\" block",
        ));
    }
    Ok(runs)
}
