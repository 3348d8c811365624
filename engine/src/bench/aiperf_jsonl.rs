//! AIPerf per-request records, `profile_export.jsonl`: one object per request,
//! `{metadata, metrics: {tag: {value, unit}}, error}`. Shape from the tool's code
//! (ai-dynamo/aiperf 0.3-0.13; `engine/tests/fixtures/SHAPES-new.md` s.1; no real file
//! was available). The file has no model, no configured concurrency and no duration:
//! duration and the measured concurrency come from the requests' own timestamps.

use super::common::{records, wrong_format};
use super::lean::Lean;
use super::units::{ms_scale, nominal_rate, summarise};
use super::{ConcurrencyBasis, Format, ImportError, Run, Stat};

/// Most per-chunk gaps pooled for the inter-chunk latency.
const MAX_CHUNKS: usize = 2_000_000;

/// A record of the per-request export.
pub(super) fn is_record(v: &Lean) -> bool {
    v.get("metrics").is_some_and(Lean::is_obj)
        && v.get("metadata").is_some_and(|m| {
            m.has("request_start_ns") || m.has("benchmark_phase") || m.has("x_request_id")
        })
}

fn metric(r: &Lean, tag: &str) -> Option<f64> {
    let m = r.at(&format!("metrics.{tag}"))?;
    let scale = match m.s("unit").as_deref() {
        Some("tokens") | Some("count") | None => 1.0,
        unit => ms_scale(unit.map(str::to_string)),
    };
    m.n("value").map(|x| x * scale)
}

pub(super) fn read(values: &[Lean]) -> Result<Vec<Run>, ImportError> {
    let all = records(values);
    if !all.iter().any(|r| is_record(r)) {
        return Err(wrong_format(
            Format::AiperfJsonl,
            "no line has AIPerf's {metadata, metrics} per-request shape",
        ));
    }
    // `benchmark_phase` (0.3 on) or `credit_phase` (2025 releases).
    let phase = |r: &Lean| {
        r.s("metadata.benchmark_phase")
            .or_else(|| r.s("metadata.credit_phase"))
    };
    // A request's id again: the same file joined to itself, counted once.
    let mut ids = std::collections::HashSet::new();
    let mut repeated = 0usize;
    let profiling: Vec<&Lean> = all
        .iter()
        .copied()
        .filter(|r| is_record(r) && phase(r).is_none_or(|p| p == "profiling"))
        .filter(|r| {
            let again = r
                .s("metadata.x_request_id")
                .is_some_and(|id| !ids.insert(id));
            repeated += usize::from(again);
            !again
        })
        .collect();
    let records_n = all.iter().filter(|r| is_record(r)).count();
    let mut notes = Vec::new();
    if repeated > 0 {
        notes.push(format!("{repeated} record(s) repeat a request id met before (x_request_id: the file joined to itself?): counted once"));
    }
    if records_n > profiling.len() + repeated {
        notes.push(format!(
            "{} line(s) outside the profiling phase (warmup) are left out",
            records_n - profiling.len() - repeated
        ));
    }
    if all.len() > records_n {
        notes.push(format!(
            "{} line(s) are not AIPerf request records and were skipped",
            all.len() - records_n
        ));
    }
    let failed_record = |r: &Lean| !matches!(r.get("error"), None | Some(Lean::Null));
    let mut errors: Vec<String> = Vec::new();
    let mut empty = 0;
    let mut cancelled = 0;
    let mut ok: Vec<&Lean> = Vec::new();
    // Cancelled on purpose by the benchmark (--request-cancellation-rate): not the
    // server's failure.
    let on_purpose = |r: &Lean| {
        matches!(
            r.get("metadata").and_then(|m| m.get("was_cancelled")),
            Some(Lean::Bool(true))
        ) || r.s("error.type").as_deref() == Some("RequestCancellationError")
    };
    for r in &profiling {
        if on_purpose(r) {
            cancelled += 1;
        } else if failed_record(r) {
            let e = r.get("error").unwrap_or(&Lean::Null);
            let code = e.n("code").map(|c| format!("{c:.0} ")).unwrap_or_default();
            let kind = e.s("type").map(|t| format!("{t}: ")).unwrap_or_default();
            let msg: String = e
                .s("message")
                .unwrap_or_default()
                .chars()
                .take(120)
                .collect();
            let line = format!("{code}{kind}{msg}").trim().to_string();
            if errors.len() < 3 && !errors.contains(&line) {
                errors.push(line);
            }
        } else if metric(r, "output_sequence_length") == Some(0.0) {
            empty += 1;
        } else {
            ok.push(r);
        }
    }
    if cancelled > 0 {
        notes.push(format!("{cancelled} request(s) were cancelled on purpose by the benchmark's cancellation setting: not failures, and not in the figures"));
    }
    if empty > 0 {
        notes.push(format!("{empty} request(s) without an error returned no output tokens; they are counted as failed"));
    }
    let col = |tag: &str| {
        ok.iter()
            .filter_map(|r| metric(r, tag))
            .collect::<Vec<f64>>()
    };
    let mean = |xs: &[f64]| (!xs.is_empty()).then(|| xs.iter().sum::<f64>() / xs.len() as f64);
    let osl = col("output_sequence_length");
    let isl = col("input_sequence_length");
    // Wall time: first start to last end over the profiling requests (ns since epoch).
    let spans: Vec<(f64, f64)> = profiling.iter().filter_map(|r| span(r)).collect();
    let duration = match (
        spans.iter().map(|s| s.0).reduce(f64::min),
        spans.iter().map(|s| s.1).reduce(f64::max),
    ) {
        (Some(a), Some(b)) if b > a => Some((b - a) / 1e9),
        _ => None,
    };
    let mut warnings = Vec::new();
    // Idle for over a minute, a quarter of the span and ten times the usual time
    // between two requests' starts (a slow request rate idles between them too).
    let spacing = typical_spacing(&spans);
    let long = |g: &f64| {
        duration.is_some_and(|d| *g > 60.0 && *g > d / 4.0)
            && spacing.is_some_and(|s| *g > 10.0 * s)
    };
    if let Some(gap) = idle_gap(&spans).filter(long) {
        warnings.push(format!("no request was in flight for {gap:.0} s in the middle of the file: it may join two runs; throughput and concurrency here are over the whole span, that idle time included. Upload each run's file on its own"));
    }
    let timed: Vec<(f64, f64)> = ok
        .iter()
        .filter_map(|r| {
            Some((
                metric(r, "output_sequence_length")?,
                metric(r, "request_latency")? / 1000.0,
            ))
        })
        .collect();
    let nominal = nominal_rate(&timed);
    if let Some(rate) = nominal {
        warnings.push(format!("every request took exactly its output tokens / {rate:.3} tokens/s: nominal timings from a stand-in server, not measurements; no throughput is derived from them"));
    }
    let (out_tps, req_s, concurrency) = match (duration, nominal) {
        (Some(d), None) => {
            notes.push("duration is the span from the first request's start to the last request's end (request_start_ns and request_end_ns, or min_request_timestamp and max_response_timestamp); output tokens/s and requests/s are the successful requests' totals over it".into());
            notes.push(
                "concurrency is measured: the requests' summed time in flight over that span"
                    .into(),
            );
            let busy: f64 = spans.iter().map(|(s, e)| (e - s) / 1e9).sum();
            (
                Some(osl.iter().sum::<f64>() / d),
                Some(ok.len() as f64 / d),
                Some(busy / d),
            )
        }
        (None, _) => {
            notes.push("no record has its request's start and end times (request_start_ns and request_end_ns, or min_request_timestamp and max_response_timestamp): the run's duration, throughput, request rate and concurrency are not known from this file; upload the run's aggregate export (profile_export_aiperf.json) for them".into());
            (None, None, None)
        }
        _ => (None, None, None),
    };
    let mut chunks = Vec::new();
    let unkept = ok
        .iter()
        .filter(|r| {
            matches!(
                r.at("metrics.inter_chunk_latency.value"),
                Some(Lean::Big(_))
            )
        })
        .count();
    if unkept > 0 {
        notes.push(format!("the inter-chunk latency leaves out {unkept} request(s) whose chunk gaps were past the reading budget of the file"));
    }
    for r in &ok {
        if let Some(list) = r
            .at("metrics.inter_chunk_latency.value")
            .and_then(Lean::arr)
        {
            if chunks.len() + list.len() > MAX_CHUNKS {
                notes.push(format!("more than {MAX_CHUNKS} chunk gaps: the inter-chunk latency uses the first ones"));
                break;
            }
            chunks.extend(list.iter().filter_map(Lean::num));
        }
    }
    notes.push("AIPerf's \"inter_token_latency\" is (latency − TTFT) / (tokens − 1), i.e. vLLM's TPOT; stored as TPOT. The per-request file names no model: pick it when you use the run".into());
    let ms = |tag: &str| summarise(col(tag), 1.0);
    Ok(vec![Run {
        label: "per-request records".into(),
        concurrency,
        concurrency_basis: concurrency.map(|_| ConcurrencyBasis::Measured),
        input_tokens: mean(&isl),
        output_tokens: mean(&osl),
        output_tokens_per_s: out_tps,
        requests_per_s: req_s,
        duration_s: duration.filter(|_| nominal.is_none()),
        // `ttft` in 2025 releases.
        ttft_ms: if ok
            .iter()
            .any(|r| metric(r, "time_to_first_token").is_some())
        {
            ms("time_to_first_token")
        } else {
            ms("ttft")
        },
        tpot_ms: ms("inter_token_latency"),
        itl_ms: if chunks.is_empty() {
            Stat::default()
        } else {
            summarise(chunks, 1.0)
        },
        e2e_ms: ms("request_latency"),
        completed: Some(ok.len() as u64),
        failed: Some((profiling.len() - ok.len() - cancelled) as u64),
        notes,
        warnings,
        errors,
        ..Run::default()
    }])
}

/// A request's start and end (ns since epoch): `metadata.request_start_ns` and
/// `request_end_ns` (0.3 on), else the record's own `min_request_timestamp` and
/// `max_response_timestamp` metrics (2025 releases).
fn span(r: &Lean) -> Option<(f64, f64)> {
    let meta = (
        r.n("metadata.request_start_ns"),
        r.n("metadata.request_end_ns"),
    );
    let (s, e) = match meta {
        (Some(s), Some(e)) => (s, e),
        _ => (
            r.n("metrics.min_request_timestamp.value")?,
            r.n("metrics.max_response_timestamp.value")?,
        ),
    };
    (e >= s).then_some((s, e))
}

/// The median time, in seconds, from one request's start to the next (ns spans).
fn typical_spacing(spans: &[(f64, f64)]) -> Option<f64> {
    let mut starts: Vec<f64> = spans.iter().map(|s| s.0).collect();
    starts.sort_by(f64::total_cmp);
    let mut gaps: Vec<f64> = starts.windows(2).map(|w| (w[1] - w[0]) / 1e9).collect();
    gaps.sort_by(f64::total_cmp);
    gaps.get(gaps.len() / 2).copied()
}

/// The longest time, in seconds, between requests in flight (ns spans).
fn idle_gap(spans: &[(f64, f64)]) -> Option<f64> {
    let mut sorted = spans.to_vec();
    sorted.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut reach = sorted.first()?.1;
    let mut gap = 0.0f64;
    for (start, end) in sorted {
        gap = gap.max(start - reach);
        reach = reach.max(end);
    }
    Some(gap / 1e9)
}
