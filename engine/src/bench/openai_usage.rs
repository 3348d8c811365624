//! OpenAI-compatible `usage` objects (also the Anthropic-style and Gemini-style token
//! counts), in a response, a stream's last chunk or a test-recorder envelope (s.10 of
//! `engine/tests/bench-samples/FORMATS.md`).

use super::common::response_bodies;
use super::lean::Lean;
use super::{ImportError, Run};

/// s.10: token counts, and the server's timing when its usage object carries it.
pub(super) fn read(values: &[Lean]) -> Result<Vec<Run>, ImportError> {
    let mut runs = Vec::new();
    let mut saw_stream_without_usage = false;
    for (items, env_model) in response_bodies(values) {
        // In a stream the usage rides on the last chunk, and only with include_usage.
        let with_usage = items.iter().rev().find(|i| {
            matches!(i.get("usage"), Some(u) if u.is_obj()) || i.has("total_input_tokens")
        });
        let Some(item) = with_usage else {
            if items.iter().any(|i| i.has("choices") || i.has("usage")) {
                saw_stream_without_usage = true;
            }
            continue;
        };
        let u = item.get("usage").filter(|u| u.is_obj()).unwrap_or(item);
        let input = u
            .n("prompt_tokens")
            .or_else(|| u.n("input_tokens"))
            .or_else(|| u.n("total_input_tokens"));
        let output = u
            .n("completion_tokens")
            .or_else(|| u.n("output_tokens"))
            .or_else(|| u.n("total_output_tokens"));
        // Some servers time the request in its usage (Groq: seconds in queue, on the
        // prompt and on the completion).
        let secs = |k: &str| u.n(k).filter(|s| *s > 0.0);
        let (decode_s, prefill_s, queue_s) = (
            secs("completion_time"),
            secs("prompt_time"),
            u.n("queue_time").filter(|s| *s >= 0.0),
        );
        let timed = decode_s.zip(output.filter(|o| *o > 0.0));
        let mut notes = vec![if timed.is_some() {
            "timed by the server in its usage object (completion_time, prompt_time, queue_time): output tok/s = completion tokens / completion_time; TTFT = queue + prompt time; the network is not included".to_string()
        } else {
            "a usage object carries token counts but no timing, so no tokens/s".to_string()
        }];
        if let Some(c) = u
            .n("prompt_tokens_details.cached_tokens")
            .or_else(|| u.n("input_tokens_details.cached_tokens"))
            .or_else(|| u.n("total_cached_tokens"))
            .filter(|c| *c > 0.0)
        {
            notes.push(format!(
                "{c:.0} of the prompt tokens were served from cache"
            ));
        }
        if let Some(r) = u
            .n("completion_tokens_details.reasoning_tokens")
            .or_else(|| u.n("total_thought_tokens"))
            .filter(|c| *c > 0.0)
        {
            notes.push(format!("{r:.0} reasoning tokens"));
        }
        if u.has("total_input_tokens") {
            notes.push(
                "Gemini-style names (total_input_tokens / total_output_tokens), not OpenAI's"
                    .into(),
            );
        } else if u.has("input_tokens") {
            notes.push("Anthropic-style names (input_tokens / output_tokens)".into());
        }
        let ms = |s: f64| super::Stat {
            mean: Some(s * 1000.0),
            ..super::Stat::default()
        };
        runs.push(Run {
            label: item.s("id").unwrap_or_else(|| "usage".into()),
            model: item.s("model").or(env_model),
            input_tokens: input,
            output_tokens: output,
            output_tokens_per_s: timed.map(|(d, o)| o / d),
            tpot_ms: timed.map(|(d, o)| ms(d / o)).unwrap_or_default(),
            ttft_ms: prefill_s
                .filter(|_| timed.is_some())
                .map(|p| ms(p + queue_s.unwrap_or(0.0)))
                .unwrap_or_default(),
            e2e_ms: timed
                .map(|(d, _)| ms(queue_s.unwrap_or(0.0) + prefill_s.unwrap_or(0.0) + d))
                .unwrap_or_default(),
            completed: Some(1),
            notes,
            ..Run::default()
        });
    }
    nominal_rate(&mut runs);
    if runs.is_empty() {
        return Err(ImportError::NoMeasurement(if saw_stream_without_usage {
            "no usage object in the response: a stream carries one only when the request sets stream_options.include_usage".into()
        } else {
            "no usage object (prompt/completion token counts) in the file".into()
        }));
    }
    Ok(runs)
}

/// Responses of different lengths timed at one and the same rate (to 1 part in 10,000):
/// the server wrote each completion_time as its tokens over a stated speed (Groq's batch
/// answers: tokens / 750), so no throughput or time per token is taken from them.
fn nominal_rate(runs: &mut [Run]) {
    let timed: Vec<(f64, f64)> = runs
        .iter()
        .filter_map(|r| r.output_tokens_per_s.zip(r.output_tokens))
        .collect();
    let (lo, hi) = timed.iter().fold((f64::MAX, 0.0f64), |(lo, hi), (r, _)| {
        (lo.min(*r), hi.max(*r))
    });
    let lengths_differ = timed.iter().any(|(_, o)| *o != timed[0].1);
    if timed.len() < 2 || !lengths_differ || hi > lo * (1.0 + 1e-4) {
        return;
    }
    let rate = crate::fmt_num(lo);
    for r in runs.iter_mut().filter(|r| r.output_tokens_per_s.is_some()) {
        r.output_tokens_per_s = None;
        r.tpot_ms = super::Stat::default();
        r.e2e_ms = super::Stat::default();
        r.warnings.push(format!(
            "every response's completion_time is its completion tokens / {rate}: a speed the server states, not a measured one, so no tokens/s, time per token or latency is taken from it"
        ));
    }
}
