//! llmperf (ray-project, `token_benchmark_ray.py --results-dir`): `*_summary.json` and
//! `*_individual_responses.json` (s.3 of `engine/tests/bench-samples/FORMATS.md`).

use super::common::{hardware_hint, records, single_object, wrong_format};
use super::facts::framework_of;
use super::lean::Lean;
use super::units::{count, nominal_rate, summarise};
use super::{ConcurrencyBasis, Format, ImportError, Run, Stat};

/// `*_summary.json`: one object.
pub(super) fn read_summary(values: &[Lean]) -> Result<Vec<Run>, ImportError> {
    single_object(
        values,
        Format::LlmperfSummary,
        &["results_num_completed_requests"],
        llmperf_summary,
    )
}

/// `*_individual_responses.json`: an array of requests, read as one run.
pub(super) fn read_individual(values: &[Lean]) -> Result<Vec<Run>, ImportError> {
    let records = records(values);
    if records.is_empty()
        || !records
            .iter()
            .all(|r| r.has("end_to_end_latency_s") || r.has("error_code"))
    {
        return Err(wrong_format(
            Format::LlmperfIndividual,
            "expected an array of per-request objects with end_to_end_latency_s",
        ));
    }
    Ok(vec![llmperf_individual(&records)])
}

/// s.3: seconds everywhere; rate per minute.
fn llmperf_summary(v: &Lean) -> Run {
    let s = |m: &str| Stat {
        mean: v.n(&format!("results_{m}_mean")).map(|x| x * 1000.0),
        p50: v
            .n(&format!("results_{m}_quantiles_p50"))
            .map(|x| x * 1000.0),
        p99: v
            .n(&format!("results_{m}_quantiles_p99"))
            .map(|x| x * 1000.0),
    };
    let completed = count(v.n("results_num_completed_requests"));
    let per_min = v.n("results_num_completed_requests_per_min");
    let duration = match (completed, per_min) {
        (Some(c), Some(m)) if m > 0.0 => Some(c as f64 / m * 60.0),
        _ => None,
    };
    let label = [v.s("framework"), v.s("name")]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" ");
    Run {
        label,
        model: v.s("model"),
        hardware: hardware_hint(v),
        concurrency: v.n("num_concurrent_requests"),
        concurrency_basis: v
            .n("num_concurrent_requests")
            .map(|_| ConcurrencyBasis::Configured),
        framework: framework_of(v),
        input_tokens: v
            .n("results_number_input_tokens_mean")
            .or_else(|| v.n("mean_input_tokens")),
        output_tokens: v
            .n("results_number_output_tokens_mean")
            .or_else(|| v.n("mean_output_tokens")),
        output_tokens_per_s: v.n("results_mean_output_throughput_token_per_s"),
        requests_per_s: per_min.map(|m| m / 60.0),
        duration_s: duration,
        ttft_ms: s("ttft_s"),
        itl_ms: s("inter_token_latency_s"),
        e2e_ms: s("end_to_end_latency_s"),
        completed,
        failed: count(v.n("results_number_errors")),
        // "{-100.0: 40}": error code and how many requests had it (llmperf's only word
        // on why requests failed; -100 is its code for an exception in the client).
        errors: v
            .s("results_error_code_frequency")
            .map(|f| f.trim().to_string())
            .filter(|f| !matches!(f.as_str(), "" | "{}"))
            .map(|f| {
                let f: String = f.chars().take(160).collect();
                let client = if f.contains("-100") {
                    " (-100: the client's request raised an exception)"
                } else {
                    ""
                };
                vec![format!("error codes and their counts {f}{client}")]
            })
            .unwrap_or_default(),
        notes: vec![
            "llmperf stores no duration; it is completed requests / requests per minute".into(),
            "llmperf ITL divides all chunk gaps including the first token by the token count"
                .into(),
        ],
        ..Run::default()
    }
}

/// s.3 individual responses: one object per request, seconds. A request with an error
/// code, or with no output tokens, failed; the latencies are over the others.
fn llmperf_individual(records: &[&Lean]) -> Run {
    let errored = |r: &Lean| !matches!(r.get("error_code"), None | Some(Lean::Null));
    let ok: Vec<&&Lean> = records
        .iter()
        .filter(|r| !errored(r) && r.n("number_output_tokens").is_none_or(|o| o > 0.0))
        .collect();
    let empty = records
        .iter()
        .filter(|r| !errored(r) && r.n("number_output_tokens") == Some(0.0))
        .count();
    let col = |k: &str| ok.iter().filter_map(|r| r.n(k)).collect::<Vec<f64>>();
    let mean = |xs: Vec<f64>| (!xs.is_empty()).then(|| xs.iter().sum::<f64>() / xs.len() as f64);
    let mut notes = vec!["an individual-responses file has no wall time or concurrency, so no aggregate tokens/s; upload the matching summary file for throughput".to_string()];
    if empty > 0 {
        notes.push(format!("{empty} request(s) without an error code returned no output tokens; they are counted as failed and left out of the latencies"));
    }
    let mut warnings = Vec::new();
    let timed: Vec<(f64, f64)> = ok
        .iter()
        .filter_map(|r| Some((r.n("number_output_tokens")?, r.n("end_to_end_latency_s")?)))
        .collect();
    if let Some(rate) = nominal_rate(&timed) {
        warnings.push(format!("every request took exactly its output tokens / {rate:.3} tokens/s: nominal timings from a stand-in server, not measurements"));
    }
    let mut errors: Vec<String> = Vec::new();
    for r in records.iter().filter(|r| errored(r)) {
        let code = r
            .n("error_code")
            .map(|c| format!("{c:.0}: "))
            .unwrap_or_default();
        let msg = format!(
            "{code}{}",
            r.s("error_msg").unwrap_or_else(|| "no message".into())
        );
        let msg: String = msg.chars().take(160).collect();
        if !errors.contains(&msg) && errors.len() < 3 {
            errors.push(msg);
        }
    }
    Run {
        label: "individual responses".into(),
        input_tokens: mean(col("number_input_tokens")),
        output_tokens: mean(col("number_output_tokens")),
        ttft_ms: summarise(col("ttft_s"), 1000.0),
        itl_ms: summarise(col("inter_token_latency_s"), 1000.0),
        e2e_ms: summarise(col("end_to_end_latency_s"), 1000.0),
        completed: Some(ok.len() as u64),
        failed: Some((records.len() - ok.len()) as u64),
        notes,
        warnings,
        errors,
        ..Run::default()
    }
}
