//! Latency under continuous batching, and the load a replica can take while its p95
//! time to first token (TTFT) and time per output token (TPOT) meet a product's targets.
//!
//! The model, on the roofline of [`crate::throughput::Replica`], at an arrival rate of
//! `lambda` requests/s per replica of one shape (`prompt`, `output` tokens):
//! - `b` sequences decode together; each step takes `s(b)` at the mean context.
//! - Every prompt is prefilled once, taking `p`; prefills interleave with decode steps
//!   (chunked prefill), so a share `rho = lambda x p` of the GPU's time goes to them and
//!   a stream's time per token is `s(b) / (1 - rho)`.
//! - Little's law on the decoding sequences: `b = lambda x output x TPOT`, so
//!   `lambda = b / (output x s(b) + b x p)`: at `b` = the most the KV room (or the
//!   configured batch cap) holds, exactly today's capacity, `1 / seconds_per_request`.
//! - A new request waits for the prefills ahead of it. Arrivals are Poisson; the wait's
//!   95th percentile is taken from the M/M/1 tail `P(W > t) = rho e^{-(1-rho) t / p}`,
//!   an upper bound on the deterministic-service queue (M/D/1 waits about half as long
//!   on average), so targets are met with room rather than missed by the model's luck.
//!   TTFT p95 = the step in progress + that wait + its own prefill.
//! - TPOT p95 takes the step at the request's full context (prompt + output), the
//!   slowest step it sees; a request's TPOT averages over its steps, so it lies below.
//!
//! Each latency rises with `lambda`, so the largest rate meeting both targets is found by
//! bisection; which limit stops it (KV room, batch cap, TTFT, TPOT) is the binding one.

mod presets;
pub mod sweep;

pub use presets::{Preset, PRESETS};

use crate::throughput::Replica;
use serde::{Deserialize, Serialize};

pub use crate::scenario::Targets;

/// What limits a replica's load.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Binding {
    /// The KV cache holds no more sequences of this shape.
    KvRoom,
    /// The configured largest batch.
    MaxBatch,
    Ttft,
    Tpot,
    /// The configuration's target utilisation, a cap below what the targets allow.
    Utilisation,
    /// The highest load an attached sweep measured met the targets; more is unmeasured.
    SweepTop,
}

impl Binding {
    pub fn label(self) -> &'static str {
        match self {
            Binding::KvRoom => "KV cache room",
            Binding::MaxBatch => "the largest batch set for the server",
            Binding::Ttft => "the p95 time-to-first-token target",
            Binding::Tpot => "the p95 time-per-token target",
            Binding::Utilisation => "the target utilisation",
            Binding::SweepTop => "the highest load the sweep measured",
        }
    }
}

/// Latencies of one replica at one load.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Point {
    /// Requests per second the replica takes.
    pub rate: f64,
    /// Sequences decoding together (mean).
    pub batch: f64,
    pub output_tok_s: f64,
    pub ttft_p95_ms: f64,
    pub tpot_p95_ms: f64,
    /// Mean TPOT (the step at the mean context), for comparing with benchmarks.
    pub tpot_mean_ms: f64,
    /// Mean TTFT (M/D/1 mean wait), likewise.
    pub ttft_mean_ms: f64,
    /// Share of the replica's time spent on prefill.
    pub prefill_share: f64,
    pub bandwidth_bound: bool,
}

/// The load a replica takes at one request shape, and why no more.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Capacity {
    /// At the chosen load.
    pub at: Point,
    pub binding: Binding,
    /// Requests/s with no latency target (today's capacity).
    pub max_rate: f64,
    /// `at.rate / max_rate`: the share of the replica's throughput the targets allow.
    pub share: f64,
    /// The lowest TTFT and TPOT this hardware reaches (one stream, no queue), ms.
    pub floor_ttft_ms: f64,
    pub floor_tpot_ms: f64,
}

/// A target no load can meet on this hardware.
#[derive(Clone, Debug, PartialEq)]
pub struct BelowFloor {
    pub which: Binding,
    pub target_ms: f64,
    pub floor_ms: f64,
}

impl BelowFloor {
    pub fn message(&self) -> String {
        let what = match self.which {
            Binding::Ttft => "p95 time to first token",
            _ => "p95 time per output token",
        };
        let floor = if self.floor_ms >= 1000.0 {
            thousands(self.floor_ms)
        } else {
            format!("{:.1}", self.floor_ms)
        };
        format!(
            "the {what} target of {} ms is below this hardware's floor of {floor} ms (one request, no queue): no load meets it. Raise the target, or pick faster GPUs, more GPUs per replica or a smaller model",
            fmt_ms(self.target_ms),
        )
    }
}

/// A whole number with thousands separators ("12,661").
fn thousands(v: f64) -> String {
    let digits = format!("{:.0}", v.abs());
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    if v < 0.0 {
        out.insert(0, '-');
    }
    out
}

fn fmt_ms(v: f64) -> String {
    if v.fract() == 0.0 {
        format!("{v:.0}")
    } else {
        format!("{v}")
    }
}

/// Quantile of the wait used for p95 latencies.
const Q: f64 = 0.05;

/// The request shape and the replica, with the batch limit.
#[derive(Clone, Copy, Debug)]
pub struct Shape {
    pub prompt: f64,
    /// Tokens of the prompt computed at prefill: all of them, or with prefix caching
    /// the part the cache does not hold ([`Shape::prefilling`]).
    pub prefill: f64,
    pub output: f64,
    /// The largest batch: KV room or the configured cap, whichever is smaller.
    pub max_batch: f64,
    /// Whether `max_batch` is the KV room (else the configured cap).
    pub kv_limited: bool,
}

impl Shape {
    pub fn of(r: &Replica, prompt: f64, output: f64, configured_max: f64) -> Option<Shape> {
        let kv = r.max_concurrency(prompt, output);
        if kv < 1.0 {
            return None;
        }
        Some(Shape {
            prompt,
            prefill: prompt,
            output: output.max(1.0),
            max_batch: kv.min(configured_max),
            kv_limited: kv <= configured_max,
        })
    }
}

impl Shape {
    /// This shape, prefilling `tokens` of its prompt (at most all of it).
    pub fn prefilling(self, tokens: f64) -> Shape {
        Shape {
            prefill: tokens.clamp(0.0, self.prompt),
            ..self
        }
    }
}

/// A decoding request is in its own batch: below one sequence on average, the steps it
/// sees are those of batch 1.
fn seen(b: f64) -> f64 {
    b.max(1.0)
}

fn batch_rate(r: &Replica, sh: &Shape, b: f64) -> f64 {
    let s = r.step(seen(b), sh.prompt + sh.output / 2.0).total();
    b / (sh.output * s + b * r.prefill_s(sh.prefill))
}

/// Latencies at `b` sequences decoding together.
pub fn at_batch(r: &Replica, sh: &Shape, b: f64) -> Point {
    let p = r.prefill_s(sh.prefill);
    let mean = r.step(seen(b), sh.prompt + sh.output / 2.0);
    let last = r.step(seen(b), sh.prompt + sh.output).total();
    let rate = batch_rate(r, sh, b);
    let rho = (rate * p).min(0.999_999);
    let wait_p95 = if rho > Q {
        p / (1.0 - rho) * (rho / Q).ln()
    } else {
        0.0
    };
    let wait_mean = rho * p / (2.0 * (1.0 - rho));
    let tpot_mean = mean.total() / (1.0 - rho);
    Point {
        rate,
        batch: b,
        output_tok_s: rate * sh.output,
        ttft_p95_ms: (last + wait_p95 + p) * 1e3,
        tpot_p95_ms: last / (1.0 - rho) * 1e3,
        tpot_mean_ms: tpot_mean * 1e3,
        ttft_mean_ms: (mean.total() / 2.0 + wait_mean + p) * 1e3,
        prefill_share: rho,
        bandwidth_bound: mean.bandwidth_bound(),
    }
}

/// The largest batch in `(0, hi]` whose latency `f` stays within `target`, or `None`
/// when even the smallest load misses it. Latencies rise with the batch.
fn largest_batch(hi: f64, target: f64, f: impl Fn(f64) -> f64) -> Option<f64> {
    if f(hi) <= target {
        return Some(hi);
    }
    let mut lo = 1e-6;
    if f(lo) > target {
        return None;
    }
    let mut hi = hi;
    // To a millionth of the batch: far finer than a replica count needs (and never more
    // than 200 halvings, whatever the numbers).
    for _ in 0..200 {
        if hi - lo <= 1e-6 * hi {
            break;
        }
        let mid = 0.5 * (lo + hi);
        if f(mid) <= target {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    Some(lo)
}

type Key = ([u64; 12], [u64; 7]);

/// Most answers a thread remembers (then it forgets them all).
const MEMO: usize = 4096;

std::thread_local! {
    /// The sensitivity and uncertainty runs rebuild every option hundreds of times with
    /// most inputs unchanged: the same search is answered from here. Pure: the answer
    /// depends only on the key.
    static CAPACITY: std::cell::RefCell<std::collections::HashMap<Key, Result<Capacity, BelowFloor>>> =
        std::cell::RefCell::new(std::collections::HashMap::new());
}

/// The load one replica takes at shape `sh` while meeting `targets`, or the target that
/// no load meets.
pub fn capacity(r: &Replica, sh: &Shape, targets: Targets) -> Result<Capacity, BelowFloor> {
    let key: Key = (
        r.key(),
        [
            sh.prompt,
            sh.prefill,
            sh.output,
            sh.max_batch,
            if sh.kv_limited { 1.0 } else { 0.0 },
            targets.ttft_ms.unwrap_or(-1.0),
            targets.tpot_ms.unwrap_or(-1.0),
        ]
        .map(f64::to_bits),
    );
    if let Some(hit) = CAPACITY.with(|m| m.borrow().get(&key).cloned()) {
        return hit;
    }
    let answer = search(r, sh, targets);
    CAPACITY.with(|m| {
        let mut m = m.borrow_mut();
        if m.len() >= MEMO {
            m.clear();
        }
        m.insert(key, answer.clone());
    });
    answer
}

fn search(r: &Replica, sh: &Shape, targets: Targets) -> Result<Capacity, BelowFloor> {
    let floor = at_batch(r, sh, 1e-6);
    let (floor_ttft, floor_tpot) = (floor.ttft_p95_ms, floor.tpot_p95_ms);
    let mut b = sh.max_batch;
    let mut binding = if sh.kv_limited {
        Binding::KvRoom
    } else {
        Binding::MaxBatch
    };
    type Latency = fn(&Point) -> f64;
    let limits: [(Binding, Option<f64>, Latency); 2] = [
        (Binding::Ttft, targets.ttft_ms, |p| p.ttft_p95_ms),
        (Binding::Tpot, targets.tpot_ms, |p| p.tpot_p95_ms),
    ];
    for (which, target, get) in limits {
        let Some(target) = target else { continue };
        match largest_batch(sh.max_batch, target, |x| get(&at_batch(r, sh, x))) {
            Some(x) if x < b => {
                b = x;
                binding = which;
            }
            Some(_) => {}
            None => {
                return Err(BelowFloor {
                    which,
                    target_ms: target,
                    floor_ms: if which == Binding::Ttft {
                        floor_ttft
                    } else {
                        floor_tpot
                    },
                })
            }
        }
    }
    let at = at_batch(r, sh, b);
    let max_rate = batch_rate(r, sh, sh.max_batch);
    Ok(Capacity {
        at,
        binding,
        max_rate,
        share: (at.rate / max_rate).min(1.0),
        floor_ttft_ms: floor_ttft,
        floor_tpot_ms: floor_tpot,
    })
}

/// The latencies when the replica takes `rate` requests/s (at most its capacity).
pub fn at_rate(r: &Replica, sh: &Shape, rate: f64) -> Point {
    let (mut lo, mut hi) = (0.0, sh.max_batch);
    if batch_rate(r, sh, hi) <= rate {
        return at_batch(r, sh, hi);
    }
    if rate.is_nan() || rate <= 0.0 {
        return at_batch(r, sh, 1e-6);
    }
    for _ in 0..200 {
        if hi - lo <= 1e-6 * hi {
            break;
        }
        let mid = 0.5 * (lo + hi);
        if batch_rate(r, sh, mid) < rate {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    at_batch(r, sh, hi)
}

/// Points from no load to the largest batch, for a latency-vs-throughput chart.
pub fn curve(r: &Replica, sh: &Shape, points: usize) -> Vec<Point> {
    let n = points.max(3) - 1;
    // Zero load first (a planned load below one stream lies between it and one stream),
    // then one stream to the largest batch, spaced geometrically: most of the shape is at
    // small batches.
    std::iter::once(at_batch(r, sh, 1e-6))
        .chain((0..n).map(|i| {
            let t = i as f64 / (n - 1) as f64;
            at_batch(r, sh, sh.max_batch.powf(t))
        }))
        .collect()
}

#[cfg(test)]
mod tests;
