//! What a vLLM or SGLang result's totals give: tokens per request said as read, and its
//! output tokens/s, the file's or worked out from its totals (and said so); and which
//! percentiles it has.

use super::lean::Lean;

/// The run's (output tokens/s, total tokens/s), with notes of how they and the tokens
/// per request were read.
pub(super) fn rates(
    v: &Lean,
    duration: Option<f64>,
    notes: &mut Vec<String>,
) -> (Option<f64>, Option<f64>) {
    let output_total = v
        .n("total_output_tokens")
        .or_else(|| v.n("total_generated_tokens"));
    let per_request = match (v.has("total_input_tokens"), output_total.is_some()) {
        (true, true) => "prompt and output tokens per request are the file's totals divided by its completed requests",
        (true, false) => "prompt tokens per request are total_input_tokens divided by the completed requests; the file has no total_output_tokens",
        (false, true) => "output tokens per request are total_output_tokens divided by the completed requests; the file has no total_input_tokens",
        (false, false) => "",
    };
    if !per_request.is_empty() {
        notes.push(per_request.to_string());
    }
    // Output tokens/s: the file's, else worked out from what it has, else said missing.
    let positive = |x: Option<f64>| x.filter(|x| x.is_finite() && *x > 0.0);
    let total_per_s = v
        .n("total_token_throughput")
        .or_else(|| v.n("total_throughput"));
    let output_tokens_per_s = match (
        v.n("output_throughput"),
        positive(duration),
        output_total,
        v.n("total_input_tokens"),
        total_per_s,
    ) {
        (Some(x), ..) => Some(x),
        (None, Some(d), Some(out), ..) => {
            notes.push("the file has no output_throughput: output tokens/s are total_output_tokens over duration".to_string());
            Some(out / d)
        }
        (None, Some(d), None, Some(inp), Some(total)) if total > inp / d => {
            notes.push("the file has no output_throughput and no total_output_tokens: output tokens/s are total_token_throughput less total_input_tokens over duration".to_string());
            Some(total - inp / d)
        }
        (None, Some(_), ..) => {
            notes.push("no output tokens/s: the file has no output_throughput, and neither total_output_tokens nor total_token_throughput with total_input_tokens to work it out from".to_string());
            None
        }
        (None, None, ..) => None,
    };
    (output_tokens_per_s, total_per_s)
}

/// With `--metric-percentiles 25,50,90,99.9` the file has `p90_ttft_ms` and
/// `p99.9_ttft_ms` but no p99: say which it has, rather than leave p99 empty unsaid.
pub(super) fn other_percentiles(v: &Lean) -> Option<String> {
    if v.has("p99_ttft_ms") || v.has("p99_tpot_ms") || v.has("p99_e2el_ms") {
        return None;
    }
    let have: Vec<&str> = v
        .keys()
        .filter_map(|k| k.strip_suffix("_ttft_ms")?.strip_prefix('p'))
        .collect();
    (!have.is_empty()).then(|| {
        format!(
            "the file has the percentiles {} (--metric-percentiles), not p99: p99 is left empty",
            have.iter()
                .map(|p| format!("p{p}"))
                .collect::<Vec<_>>()
                .join(", ")
        )
    })
}
