//! The runs of one file that make a capacity curve with a chosen run: same model, same
//! request shape (within 25%), each with throughput, TTFT and TPOT. What is left out is
//! said, with why.

use super::{Run, Stat};
use crate::latency::sweep::{SweepPoint, MAX_POINTS};

/// A chosen run's sweep, and the runs of its file left out of it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Sweep {
    pub points: Vec<SweepPoint>,
    /// The index in the file's runs of each point.
    pub runs: Vec<usize>,
    pub left_out: Vec<String>,
}

/// The statistic held against p95 targets: the 99th percentile when every run has it
/// (on the safe side), else the mean, else the median.
fn stat_name(runs: &[&Run]) -> Option<&'static str> {
    let all = |f: fn(&Stat) -> Option<f64>| {
        runs.iter()
            .all(|r| f(&r.ttft_ms).is_some() && f(&tpot(r)).is_some())
    };
    if all(|s| s.p99) {
        Some("p99")
    } else if all(|s| s.mean) {
        Some("mean")
    } else if all(|s| s.p50) {
        Some("median")
    } else {
        None
    }
}

/// Time per output token, or the inter-token latency where a file has only that.
fn tpot(r: &Run) -> Stat {
    if r.tpot_ms.is_empty() {
        r.itl_ms.clone()
    } else {
        r.tpot_ms.clone()
    }
}

fn pick(s: &Stat, name: &str) -> f64 {
    match name {
        "p99" => s.p99,
        "mean" => s.mean,
        _ => s.p50,
    }
    .unwrap_or(f64::NAN)
}

fn close(a: Option<f64>, b: Option<f64>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => (a - b).abs() <= 0.25 * a.abs().max(b.abs()).max(1.0),
        (None, None) => true,
        _ => false,
    }
}

/// The sweep of `runs[chosen]` among the runs of its file (`None` index: no sweep).
pub fn sweep(runs: &[Run], chosen: usize) -> Sweep {
    let Some(base) = runs.get(chosen) else {
        return Sweep::default();
    };
    let mut left_out = Vec::new();
    let mut kept: Vec<&Run> = Vec::new();
    let mut at: Vec<usize> = Vec::new();
    for (i, r) in runs.iter().enumerate() {
        let why = if r.model != base.model {
            Some(format!(
                "another model ({})",
                r.model.as_deref().unwrap_or("unnamed")
            ))
        } else if !close(r.input_tokens, base.input_tokens)
            || !close(r.output_tokens, base.output_tokens)
        {
            Some("another request shape".to_string())
        } else if r.output_tokens_per_s.is_none_or(|x| x.is_nan() || x <= 0.0) {
            Some("no throughput".to_string())
        } else if r.ttft_ms.is_empty() || tpot(r).is_empty() {
            Some("no TTFT or TPOT".to_string())
        } else if kept.len() >= MAX_POINTS {
            Some(format!("more than {MAX_POINTS} runs"))
        } else {
            None
        };
        match why {
            Some(w) if i != chosen => left_out.push(format!("'{}': {w}", r.label)),
            Some(_) => return Sweep::default(),
            None => {
                kept.push(r);
                at.push(i);
            }
        }
    }
    let Some(stat) = stat_name(&kept).filter(|_| kept.len() >= 2) else {
        return Sweep {
            points: Vec::new(),
            runs: Vec::new(),
            left_out,
        };
    };
    let points = kept
        .iter()
        .map(|r| {
            let in_flight = match r.concurrency_basis {
                Some(super::ConcurrencyBasis::Measured) => r.concurrency,
                _ => r.little_in_flight(),
            };
            SweepPoint {
                label: r.label.clone(),
                model: r.model.clone(),
                in_flight,
                output_tokens_per_s: r.output_tokens_per_s.unwrap_or(0.0),
                ttft_ms: pick(&r.ttft_ms, stat),
                tpot_ms: pick(&tpot(r), stat),
                stat: stat.to_string(),
            }
        })
        .collect();
    Sweep {
        points,
        runs: at,
        left_out,
    }
}
