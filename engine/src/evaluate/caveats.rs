//! Caveats of a self-hosted option that its numbers alone do not show: a task type far
//! from the shape an attached run measured, and prompts the workload repeats that the
//! configuration computes whole.

use crate::scenario::{Scenario, ThroughputSource};

/// How far an attached run's request shape may be from a task type's before the
/// measurement is more the estimator's scaling than the run's: 8 times (or an eighth).
const SHAPE_STRETCH: f64 = 8.0;

/// A task type whose prompts or answers are far from the attached run's: its throughput
/// is the run's stretched by the estimator's ratio, said on every page as the other
/// caveats are (a run of 213-token prompts carried to 56,289-token ones, 264 times).
pub(super) fn shape_stretch(s: &Scenario, g: &crate::scenario::GpuConfig) -> Vec<String> {
    let ThroughputSource::Benchmark {
        input_tokens: bin,
        output_tokens: bout,
        ..
    } = &g.throughput
    else {
        return Vec::new();
    };
    // A run of no prompt (llama-bench's tg128) is as far as can be from any prompt.
    let far = |x: f64, run: f64| match (x > 0.0, run > 0.0) {
        (true, true) => x / run >= SHAPE_STRETCH || run / x >= SHAPE_STRETCH,
        (a, b) => a != b,
    };
    s.task_types
        .iter()
        .filter(|t| far(t.input_tokens, *bin) || far(t.output_tokens, *bout))
        .map(|t| {
            format!(
                "the attached run measured {} input and {} output tokens a request; task type \u{201c}{}\u{201d} sends {} and {} ({} and {} the run's): its throughput here is the run's scaled by the estimator, not measured at this shape. A run at this shape (for vLLM: bench serve --random-input-len {} --random-output-len {}) would measure it",
                crate::fmt_num(*bin),
                crate::fmt_num(*bout),
                t.name,
                crate::fmt_num(t.input_tokens),
                crate::fmt_num(t.output_tokens),
                times(t.input_tokens / bin),
                times(t.output_tokens / bout),
                t.input_tokens.round(),
                t.output_tokens.round(),
            )
        })
        .collect()
}

/// A ratio as "264x" or "1/12".
fn times(r: f64) -> String {
    if !r.is_finite() || r == 0.0 {
        "\u{2013}".into()
    } else if r >= 1.0 {
        format!("{}x", crate::fmt_num(r))
    } else {
        format!("1/{}", crate::fmt_num(1.0 / r))
    }
}

/// A task type's input the API's cache reads, from this share up, is named when the
/// configuration prefills every prompt whole.
const REUSE_SAID: f64 = 0.3;

/// The workload repeats most of its prompts (the API's cache reads them) but this
/// configuration is sized as if it computed them all: said, with the switch.
pub(super) fn prefix_reuse(s: &Scenario, g: &crate::scenario::GpuConfig) -> Vec<String> {
    if g.prefix_caching || matches!(g.throughput, ThroughputSource::Typed { .. }) {
        return Vec::new();
    }
    s.task_types
        .iter()
        .filter(|t| t.cached_input_share >= REUSE_SAID)
        .map(|t| {
            format!(
                "task type \u{201c}{}\u{201d} reads {}% of its input from the API's prompt cache, but this configuration computes every prompt whole at prefill: vLLM (its V1 engine) and SGLang reuse cached prefixes by default. Turn on prefix caching to count that reuse here (an upper bound: a server's cache keeps what its KV room leaves)",
                t.name,
                crate::fmt_num((t.cached_input_share * 100.0).round())
            )
        })
        .collect()
}

/// With no latency target, a p95 time to first token from this long up is named: a
/// batch job may wait that long, a person or an agent step does not.
const SLOW_TTFT_MS: f64 = 30_000.0;

/// A task type with no latency target whose first token, at the planned load, comes
/// minutes late: sized for throughput alone, which a batch job may be and a product
/// people wait on is not.
pub(super) fn no_target_slow(lines: &[super::outputs::ServingLine]) -> Vec<String> {
    lines
        .iter()
        .filter(|l| l.targets.is_none() && l.ttft_p95_ms >= SLOW_TTFT_MS)
        .map(|l| {
            format!(
                "task type \u{201c}{}\u{201d} has no latency target, and at the planned load its p95 time to first token is {} s: fine for a batch job, not for a person or an agent step waiting on it. Set the latency the product needs (the task type's Latency), and the replicas are sized for it",
                l.task,
                crate::fmt_num((l.ttft_p95_ms / 1000.0).round())
            )
        })
        .collect()
}
