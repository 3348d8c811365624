//! vLLM: `vllm bench serve` / `benchmark_serving.py --save-result` JSON (also sweep runs,
//! `summary.json` arrays and `--append-result` JSON lines), `bench throughput` and `bench
//! latency` JSON, the nightly `benchmark_results.json` table, and pasted console output.
//! Sections 1a-1f of `engine/tests/bench-samples/FORMATS.md`; section numbers below refer
//! to it. SGLang's JSON lines (s.2) use the same keys and are read by `read_serving` too.

use super::common::{hardware_hint, records, single_object, wrong_format};
use super::facts::{backend_framework, stated_framework};
use super::lean::Lean;
use super::units::{count, summarise};
use super::{ConcurrencyBasis, Format, ImportError, Run, Stat};

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
    let mut warnings = Vec::new();
    let mut completed = count(v.n("completed"));
    let mut failed = count(v.n("failed"));
    let configured = v.n("max_concurrency");
    // SGLang saves the measured mean of requests in flight as "concurrency" (s.2).
    let measured = v.n("concurrency").filter(|_| format == Format::Sglang);
    let (concurrency, basis) = match (measured, configured) {
        (Some(m), Some(c)) => {
            notes.push(format!(
                "concurrency is the measured mean in flight ({m:.2}); the configured limit was {c}"
            ));
            (Some(m), Some(ConcurrencyBasis::Measured))
        }
        (Some(m), None) => {
            notes.push("no concurrency limit was set; concurrency is SGLang's measured mean of requests in flight".to_string());
            (Some(m), Some(ConcurrencyBasis::Measured))
        }
        (None, Some(c)) => (Some(c), Some(ConcurrencyBasis::Configured)),
        (None, None) => {
            if v.at("max_concurrency").is_some() {
                notes.push("no concurrency limit was set (max_concurrency null)".to_string());
            }
            (None, None)
        }
    };
    let rate = v.get("request_rate");
    let mut label = match (v.s("label"), rate) {
        (Some(l), _) => l,
        (None, Some(r)) if r.is_infinite() => "all requests at once".to_string(),
        (None, Some(r)) => r.num().map(|x| format!("{x} req/s")).unwrap_or_default(),
        (None, None) => String::new(),
    };
    let mut add = |part: String| {
        label = format!("{label}, {part}")
            .trim_start_matches(", ")
            .to_string();
    };
    if let Some(c) = configured {
        add(format!("concurrency {c}"));
    }
    if let Some(run) = v.n("run_number") {
        add(format!("run {run}"));
    }
    if format == Format::Sglang {
        // The random lengths are written whatever the dataset: they name only a random run.
        match (
            v.s("dataset_name").as_deref(),
            v.n("random_input_len"),
            v.n("random_output_len"),
        ) {
            // With a range ratio below 1 the lengths are drawn from ratio x len to len:
            // "up to" (a ratio of 0 gives a mean of about half).
            (Some("random") | None, Some(i), Some(o)) => match v.n("random_range_ratio") {
                Some(r) if r < 1.0 => add(format!("random up to {i:.0} in / {o:.0} out")),
                _ => add(format!("random {i:.0} in / {o:.0} out")),
            },
            (Some(d), _, _) => add(format!("{d} dataset")),
            _ => {}
        }
    }
    // A user's --metadata naming the deployment tells runs of one file apart.
    for key in ["deployment", "setup", "variant", "config_name", "tag"] {
        if let Some(d) = v.s(key) {
            add(d);
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
    // Prompts without a result (s.1a: completed + failed = num_prompts; files from before
    // the "failed" key leave the failed ones out of every count).
    if let (Some(sent), Some(done)) = (count(v.n("num_prompts")), completed) {
        let known = done + failed.unwrap_or(0);
        if sent > known {
            let lost = sent - known;
            notes.push(format!(
                "{sent} prompts were sent (num_prompts) but the file counts {done} completed{}: the other {lost} did not complete and are counted as failed",
                failed.map(|f| format!(" and {f} failed")).unwrap_or_default()
            ));
            failed = Some(failed.unwrap_or(0) + lost);
        }
    }
    // No failed count, but an error per request (SGLang's --output-details, vLLM's
    // --save-detailed; "" for a success) that agrees with the completed count: the
    // requests with an error failed.
    if let (None, Some(errs)) = (failed, v.get("errors").and_then(Lean::arr)) {
        let n = errs
            .iter()
            .filter(|e| e.str().is_some_and(|m| !m.trim().is_empty()))
            .count() as u64;
        if completed.is_none_or(|c| c + n == errs.len() as u64) {
            if n > 0 {
                notes.push(format!("the file counts no failed requests: {n} of its {} per-request errors are not empty, counted as failed", errs.len()));
            }
            failed = Some(n);
        }
    }
    // An error list too long to read (past the reading budget): its failures are not known.
    if let (None, Some(Lean::Big(n))) = (failed, v.get("errors")) {
        notes.push(format!("the file counts no failed requests, and its per-request error list ({n} entries, one per request, empty for a success) is too long to read: the failures are not known"));
    }
    if let Some(note) = super::vllm_totals::other_percentiles(v) {
        notes.push(note);
    }
    let mut ttft = stat_ms(v, "ttft");
    let mut e2e = if v.has("mean_e2el_ms") {
        stat_ms(v, "e2el")
    } else {
        stat_ms(v, "e2e_latency")
    };
    // Prompt tokens are totals over every completed request, those that returned nothing too.
    let input_tokens = per_request(v.n("total_input_tokens"), completed);
    // vLLM 0.3-0.4 wrote it "request_inthroughput" (sic).
    let mut requests_per_s = v
        .n("request_throughput")
        .or_else(|| v.n("request_inthroughput"));
    let mut errors = super::common::error_messages(v);
    if let Some(empty) = zero_output(v).filter(|z| completed.is_none_or(|c| z.count <= c)) {
        let n = empty.count;
        completed = completed.map(|c| c.saturating_sub(n));
        failed = Some(failed.unwrap_or(0) + n);
        if errors.len() < 3 {
            errors.push(format!("{n} request(s) returned no output tokens"));
        }
        let mut note = format!("{n} request(s) counted as completed returned no output tokens; they are counted as failed");
        let mut kept_in = Vec::new();
        match empty.ttft {
            Some(t) => {
                ttft = t;
                note.push_str("; TTFT is recomputed from the per-request times without them");
            }
            None => kept_in.push("TTFT"),
        }
        match empty.e2e {
            Some(t) => {
                e2e = t;
                note.push_str("; E2E is recomputed from the per-request latencies without them");
            }
            None => kept_in.push("E2E"),
        }
        if let (Some(c), Some(d)) = (completed, duration.filter(|d| *d > 0.0)) {
            requests_per_s = Some(c as f64 / d);
            note.push_str("; requests/s is the successful requests over the duration");
        }
        if !kept_in.is_empty() {
            warnings.push(format!(
                "{} include the {n} request(s) that returned nothing (the file has no per-request times to leave them out)",
                kept_in.join(" and ")
            ));
        }
        notes.push(note);
    }
    // vLLM's client defaults to backend "vllm", which speaks the OpenAI API: it names
    // no server. SGLang's "sglang" backend speaks SGLang's own API: it does.
    let default = (format == Format::VllmServe).then_some("vllm");
    let framework = stated_framework(v).or_else(|| backend_framework(v, default));
    if framework.is_none() && v.s("backend").as_deref() == default {
        notes.push("the client's backend is \"vllm\", its default, which speaks the OpenAI API: the file does not say which server answered".to_string());
    }
    let (output_tokens_per_s, total_per_s) = super::vllm_totals::rates(v, duration, &mut notes);
    Run {
        label,
        model: v.s("model_id").or_else(|| v.s("model")),
        hardware: hardware_hint(v),
        concurrency,
        concurrency_basis: basis,
        input_tokens,
        // SGLang's older files (and forks of its client) say total_generated_tokens.
        output_tokens: per_request(
            v.n("total_output_tokens")
                .or_else(|| v.n("total_generated_tokens")),
            completed,
        ),
        output_tokens_per_s,
        total_tokens_per_s: total_per_s,
        requests_per_s,
        duration_s: duration,
        ttft_ms: ttft,
        tpot_ms: stat_ms(v, "tpot"),
        itl_ms: stat_ms(v, "itl"),
        e2e_ms: e2e,
        completed,
        failed,
        notes,
        warnings,
        errors,
        framework,
        model_from_name: false,
        measured_at: None,
    }
}

struct ZeroOutput {
    count: u64,
    /// TTFT and E2E over the successful requests that returned tokens, when per-request
    /// times exist (`ttfts`; `latencies` in newer vLLM), in seconds in the file.
    ttft: Option<Stat>,
    e2e: Option<Stat>,
}

/// Successful requests (no error) with no output tokens, from the per-request arrays.
/// Without the `errors` array a 0 may be a failed request already counted as failed, so
/// nothing is counted.
fn zero_output(v: &Lean) -> Option<ZeroOutput> {
    let outs = v.get("output_lens").and_then(Lean::arr)?;
    let errs = v
        .get("errors")
        .and_then(Lean::arr)
        .filter(|e| e.len() == outs.len())?;
    let ok = |i: usize| {
        errs.get(i).is_some_and(|e| {
            matches!(e, Lean::Null) || e.str().is_some_and(|m| m.trim().is_empty())
        })
    };
    let zero = (0..outs.len())
        .filter(|i| ok(*i) && outs[*i].num() == Some(0.0))
        .count() as u64;
    if zero == 0 {
        return None;
    }
    let without = |key: &str| {
        v.get(key)
            .and_then(Lean::arr)
            .filter(|t| t.len() == outs.len())
            .map(|t| {
                let xs = (0..outs.len())
                    .filter(|i| ok(*i) && outs[*i].num().is_some_and(|o| o > 0.0))
                    .filter_map(|i| t[i].num())
                    .collect();
                summarise(xs, 1000.0)
            })
    };
    Some(ZeroOutput {
        count: zero,
        ttft: without("ttfts"),
        e2e: without("latencies"),
    })
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
