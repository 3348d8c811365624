//! The serving line of each GPU configuration and task type: how many streams a replica
//! is planned for, at what p95 latency, and which constraint stops it taking more.

use super::outputs::{CurvePoint, ServingLine};
use crate::catalog;
use crate::explain::fmt_num;
use crate::latency::{Binding, Point};
use crate::model::SelfModel;
use crate::scenario::{GpuConfig, Scenario, TaskType, ThroughputSource};

/// Points of each task type's latency curve.
const CURVE_POINTS: usize = 16;

fn ms(v: f64) -> String {
    if v >= 100.0 || (v * 10.0).round() % 10.0 == 0.0 {
        fmt_num(v.round())
    } else {
        format!("{v:.1}")
    }
}

fn tok(v: f64) -> String {
    fmt_num(v.round())
}

fn streams(v: f64) -> String {
    if v >= 10.0 {
        fmt_num(v.round())
    } else {
        format!("{v:.1}")
    }
}

fn targets_text(t: &TaskType) -> String {
    match (t.ttft_p95_ms, t.tpot_p95_ms) {
        (None, None) => "no latency target".into(),
        (Some(a), None) => format!("p95 TTFT <= {} ms", ms(a)),
        (None, Some(b)) => format!("p95 <= {} ms/token", ms(b)),
        (Some(a), Some(b)) => format!("p95 TTFT <= {} ms and <= {} ms/token", ms(a), ms(b)),
    }
}

/// Prefill of one prompt, ms, from a point's prefill share and rate.
fn prefill_ms(p: &Point) -> f64 {
    if p.rate > 0.0 {
        p.prefill_share / p.rate * 1e3
    } else {
        0.0
    }
}

pub(super) fn serving_lines(s: &Scenario, g: &GpuConfig, sh: &SelfModel) -> Vec<ServingLine> {
    s.task_types
        .iter()
        .zip(&sh.tasks)
        .filter_map(|(t, load)| {
            let sv = load.serving.as_ref()?;
            let cap = &sv.capacity;
            let at = &sv.planned(load.capacity_share);
            let max_tok_s = cap.max_rate * t.output_tokens.max(1.0);
            let capacity_tok_s = cap.at.output_tok_s;
            let limit = if sh.fit.is_some() {
                let kv = load.estimate.map_or(0.0, |e| e.max_concurrency);
                if kv <= f64::from(g.max_batch) {
                    format!(
                        "the KV cache holds {} sequences of {} tokens",
                        fmt_num(kv),
                        fmt_num(t.input_tokens + t.output_tokens)
                    )
                } else {
                    format!("the server's largest batch is {}", g.max_batch)
                }
            } else {
                String::new()
            };
            let regime = if cap.at.bandwidth_bound {
                "each decode step reads the weights and the batch's KV cache (memory-bound)"
            } else {
                "each decode step is bound by compute"
            };
            let why = match sv.binding {
                Binding::Utilisation if t.targets().is_none() => format!(
                    "Planned at the target utilisation of {}%: the replica could take {} tok/s ({}); no latency target is set.",
                    fmt_num(g.target_utilisation * 100.0),
                    tok(max_tok_s),
                    limit,
                ),
                Binding::Utilisation => format!(
                    "Planned at the target utilisation of {}%: the replica could take {} tok/s ({}), and the targets ({}) allow {}% of that.",
                    fmt_num(g.target_utilisation * 100.0),
                    tok(max_tok_s),
                    limit,
                    targets_text(t),
                    fmt_num((sv.allowed * 100.0).round())
                ),
                Binding::Ttft => format!(
                    "With more load the p95 time to first token passes {} ms: a prompt of {} takes {} ms to prefill, and waits behind other prefills (M/M/1 95th percentile of the wait). At most {} tok/s meet the target; {} tok/s with no target.",
                    ms(t.ttft_p95_ms.unwrap_or(0.0)),
                    prompt_text(g, t),
                    ms(prefill_ms(&cap.at)),
                    tok(capacity_tok_s),
                    tok(max_tok_s)
                ),
                Binding::Tpot => format!(
                    "With more streams a token takes longer than {} ms: {}, and prefills take {}% of the time. One stream alone gets {} ms/token. At most {} tok/s meet the target; {} tok/s with no target.",
                    ms(t.tpot_p95_ms.unwrap_or(0.0)),
                    regime,
                    fmt_num((cap.at.prefill_share * 100.0).round()),
                    ms(cap.floor_tpot_ms),
                    tok(capacity_tok_s),
                    tok(max_tok_s)
                ),
                Binding::SweepTop => format!(
                    "The sweep's highest measured load meets the targets ({}); more load is not measured, so it is not assumed.",
                    targets_text(t)
                ),
                Binding::KvRoom | Binding::MaxBatch => format!(
                    "The targets ({}) hold at the most load: {}; {}.",
                    targets_text(t),
                    limit,
                    regime
                ),
            };
            let link = catalog::gpu_in(s, &g.gpu).map(|gp| catalog::link(&gp.id));
            let comm = match (link, g.gpus_per_replica > 1) {
                (Some(l), true) => {
                    let step = load.estimate.map_or(0.0, |e| e.comm_ms);
                    let custom = if catalog::link_known(&g.gpu) {
                        ""
                    } else {
                        " (a GPU not in the catalog: PCIe assumed)"
                    };
                    format!(
                        " Tensor parallel over {}x {}{custom}: {} ms of each decode step at the largest batch is spent in all-reduces.",
                        g.gpus_per_replica,
                        l.label(),
                        ms(step)
                    )
                }
                _ => String::new(),
            };
            let source = if matches!(g.throughput, ThroughputSource::Estimated) {
                ""
            } else {
                " by the latency model's estimate for this hardware (the throughput beside it, measured or typed, is what the replicas are sized from)"
            };
            let (points, attached): (&[crate::latency::sweep::SweepPoint], f64) =
                match &g.throughput {
                    ThroughputSource::Benchmark {
                        sweep,
                        output_tokens_per_s,
                        ..
                    } => (sweep, *output_tokens_per_s),
                    _ => (&[], 0.0),
                };
            let measured: Vec<CurvePoint> = points
                .iter()
                .map(|p| CurvePoint {
                    output_tok_s: p.output_tokens_per_s,
                    ttft_p95_ms: p.ttft_ms,
                    tpot_p95_ms: p.tpot_ms,
                    streams: p.in_flight.filter(|v| v.is_finite()),
                })
                .collect();
            let chosen = sv.sweep.as_ref().map(|pk| CurvePoint {
                output_tok_s: pk.output_tokens_per_s,
                ttft_p95_ms: pk.ttft_ms,
                tpot_p95_ms: pk.tpot_ms,
                streams: None,
            });
            // The replica's full-load throughput at this task type's request shape (what
            // its replicas are sized from), beside the runs' own shape.
            let shaped = if load.sec_per_request > 0.0 {
                t.output_tokens / load.sec_per_request
            } else {
                0.0
            };
            // A run on other hardware: its throughput here by the estimator's scale.
            let (hardware, on_here) = match &sh.run_scale {
                Some((k, _)) if *k > 0.0 => (*k, " on this configuration's hardware"),
                _ => (1.0, ""),
            };
            let stat = points.first().map_or("", |p| p.stat.as_str());
            // Held against p95 targets, a mean or a median says less than it seems.
            let optimistic = match stat {
                "mean" | "median" => format!(
                    " by the runs' {stat} latencies: not every run has a p99, and a p95 is higher than a {stat}, so this capacity is optimistic"
                ),
                _ => String::new(),
            };
            let sweep_text = sv.sweep.as_ref().map_or_else(String::new, |pk| {
                format!(
                    " Measured: the benchmark sweep's runs meet the targets up to {} tok/s per replica at the runs' request shape ({}; TTFT {} ms, {} ms/token by the runs' {stat}), of {} tok/s at its highest load; the configuration is planned at that share of its measured throughput.",
                    tok(pk.output_tokens_per_s),
                    pk.at,
                    ms(pk.ttft_ms),
                    ms(pk.tpot_ms),
                    tok(pk.max_tokens_per_s)
                )
            });
            Some(ServingLine {
                task: t.name.clone(),
                streams: at.batch,
                ttft_p95_ms: at.ttft_p95_ms,
                tpot_p95_ms: at.tpot_p95_ms,
                output_tok_s: at.output_tok_s,
                binding: sv.binding,
                text: match &sv.sweep {
                    Some(pk) => format!(
                        "Measured: {} tok/s per replica meet the targets{optimistic} ({}); planned at {} tok/s at the runs' request shape{on_here}, which is {} tok/s at this task type's ({} in, {} out); the estimate there: {} concurrent streams at p95 TTFT {} ms and {} ms/token; binding: {}",
                        tok(pk.output_tokens_per_s),
                        pk.at,
                        tok(load.capacity_share * attached / hardware),
                        tok(load.capacity_share * shaped),
                        fmt_num(t.input_tokens),
                        fmt_num(t.output_tokens),
                        streams(at.batch),
                        ms(at.ttft_p95_ms),
                        ms(at.tpot_p95_ms),
                        sv.binding.label()
                    ),
                    None => format!(
                        "Serves {} concurrent streams at p95 TTFT {} ms and {} ms/token; {} tok/s per replica{source}; binding: {}",
                        streams(at.batch),
                        ms(at.ttft_p95_ms),
                        ms(at.tpot_p95_ms),
                        tok(at.output_tok_s),
                        sv.binding.label()
                    ),
                },
                why: if sweep_text.is_empty() {
                    format!("{why}{comm}")
                } else {
                    format!("{} The estimate for this hardware, for comparison: {why}{comm}", sweep_text.trim_start())
                },
                targets: t.targets(),
                capacity_tok_s,
                max_tok_s,
                curve: sv
                    .curve(CURVE_POINTS)
                    .iter()
                    .map(|p| CurvePoint {
                        output_tok_s: p.output_tok_s,
                        ttft_p95_ms: p.ttft_p95_ms,
                        tpot_p95_ms: p.tpot_p95_ms,
                        streams: Some(p.batch),
                    })
                    .collect(),
                estimated: source.is_empty(),
                measured,
                chosen,
                measured_stat: if points.is_empty() { String::new() } else { stat.to_string() },
            })
        })
        .collect()
}

/// A prompt as its prefill sees it: "56,289 tokens", or with prefix caching "56,289
/// tokens (5,944 of them computed, the rest from the prefix cache)".
fn prompt_text(g: &crate::scenario::GpuConfig, t: &crate::scenario::TaskType) -> String {
    let computed = g.prefilled_tokens(t);
    if computed < t.input_tokens {
        format!(
            "{} tokens ({} of them computed, the rest from the prefix cache)",
            fmt_num(t.input_tokens),
            fmt_num(computed.round())
        )
    } else {
        format!("{} tokens", fmt_num(t.input_tokens))
    }
}
