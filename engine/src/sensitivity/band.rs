//! The uncertainty band: ranged inputs sampled (triangular, Monte Carlo on two threads)
//! into P10/P50/P90 costs per option and of the decision's saving.

use super::decision_of;
use crate::hybrid::OptionRef;
use crate::model::Model;
use crate::params::Param;
use crate::validate::ValidScenario;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Band {
    pub option: OptionRef,
    pub p10: Vec<f64>,
    pub p50: Vec<f64>,
    pub p90: Vec<f64>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Uncertainty {
    pub samples: usize,
    /// Volume points (multiples of the scenario's volume).
    pub scales: Vec<f64>,
    pub bands: Vec<Band>,
    /// P10/P50/P90 of the monthly saving of the decision (see [`decision`]).
    pub saving: Option<[f64; 3]>,
}

/// SplitMix64: small, fast, deterministic, good enough for Monte Carlo here.
struct Rng(u64);
impl Rng {
    fn next_f64(&mut self) -> f64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^= z >> 31;
        (z >> 11) as f64 / (1u64 << 53) as f64
    }
}

fn triangular(u: f64, a: f64, c: f64, b: f64) -> f64 {
    if b <= a {
        return c;
    }
    let fc = (c - a) / (b - a);
    if u < fc {
        a + (u * (b - a) * (c - a)).sqrt()
    } else {
        b - ((1.0 - u) * (b - a) * (b - c)).sqrt()
    }
}

/// f64 -> i64 with the same order as `f64::total_cmp` (and back: the map is its own
/// inverse), so selection compares plain integers.
#[inline]
fn key(x: f64) -> i64 {
    let b = x.to_bits() as i64;
    b ^ ((((b >> 63) as u64) >> 1) as i64)
}
#[inline]
fn unkey(k: i64) -> f64 {
    f64::from_bits((k ^ ((((k >> 63) as u64) >> 1) as i64)) as u64)
}

/// P10, P50, P90 (nearest rank), exact: the median first, then each tail only in its
/// half. Takes keys made by [`key`]; reorders them.
fn percentiles_of_keys(xs: &mut [i64]) -> [f64; 3] {
    let n = xs.len();
    let rank = |q: f64| ((n - 1) as f64 * q).round() as usize;
    let (k10, k50, k90) = (rank(0.1), rank(0.5), rank(0.9));
    let (lower, p50, upper) = xs.select_nth_unstable(k50);
    let p50 = *p50;
    let p10 = if k10 < k50 {
        *lower.select_nth_unstable(k10).1
    } else {
        p50
    };
    let p90 = if k90 > k50 {
        *upper.select_nth_unstable(k90 - k50 - 1).1
    } else {
        p50
    };
    [unkey(p10), unkey(p50), unkey(p90)]
}

fn percentiles(xs: &[f64]) -> [f64; 3] {
    let mut keys: Vec<i64> = xs.iter().map(|&x| key(x)).collect();
    percentiles_of_keys(&mut keys)
}

/// What a configuration's cost curve needs, per sample.
#[derive(Clone, Copy, Default)]
struct Coeffs {
    fixed: f64,
    replica: f64,
    demand: f64,
    fixed_replicas: f64,
    reserves: f64,
    var: f64,
    /// Committed replicas and what they cost a month (0 without a commitment).
    committed: f64,
    commit_monthly: f64,
    /// Under the marginal lens: what a replica bought above the scenario's own count adds
    /// a month, and that count (as `SelfModel::later_capex_at`).
    later_capex: f64,
    owned: f64,
}

impl Coeffs {
    fn of(sh: &crate::model::SelfModel) -> Coeffs {
        Coeffs {
            fixed: sh.fixed_total,
            replica: sh.replica_total,
            demand: sh.demand_base,
            fixed_replicas: sh.fixed_replicas.unwrap_or(0.0),
            reserves: sh.reserves,
            var: sh.var_base,
            committed: sh.commit.replicas,
            commit_monthly: sh.commit.monthly,
            later_capex: sh.later.extra_capex,
            owned: sh.needed(1.0),
        }
    }
    fn cost_at(&self, x: f64) -> f64 {
        let needed = if self.fixed_replicas > 0.0 {
            self.fixed_replicas
        } else {
            crate::model::ceil(self.demand * x).max(1.0)
        };
        let total = needed + self.reserves;
        // As `SelfModel::replicas_cost` while a commitment runs.
        let replicas = if self.committed > 0.0 {
            self.commit_monthly + self.replica * (total - self.committed).max(0.0)
        } else {
            self.replica * total
        };
        let bought = self.later_capex * (needed - self.owned).max(0.0);
        self.fixed + replicas + self.var * x + bought
    }
}

/// Samples drawn by each of the two workers (fixed, so results do not depend on the
/// machine's core count).
const WORKERS: usize = 2;

struct Draws {
    slopes: Vec<f64>,    // [tier][sample]
    coeffs: Vec<Coeffs>, // [config][sample]
    savings: Vec<f64>,
}

/// What a chart's x axis is, so what its band holds at each x.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Held {
    /// Calls a month.
    Calls,
    /// Output tokens a month.
    OutputTokens,
}

impl Held {
    /// One task type's volume in this unit.
    fn of(self, t: &crate::scenario::TaskType) -> f64 {
        match self {
            Held::Calls => t.calls_per_month,
            Held::OutputTokens => t.calls_per_month * t.output_tokens,
        }
    }
}

/// `hold`: the task types' calls a month are scaled after each sample so that their
/// volume in the held unit adds up to the total again (a range on one type's calls then
/// moves the mix, not the volume; on the tokens axis a range on output tokens per call
/// moves the calls that make up those tokens).
fn draw(
    s: &crate::scenario::Scenario,
    ranged: &[(Param, f64, f64, f64)],
    n: usize,
    seed: u64,
    hold: Option<(Held, f64)>,
) -> Draws {
    let (tiers, configs) = (s.api_tiers.len(), s.gpu_configs.len());
    let mut d = Draws {
        slopes: vec![0.0; tiers * n],
        coeffs: vec![Coeffs::default(); configs * n],
        savings: Vec::with_capacity(n),
    };
    let mut rng = Rng(seed);
    let mut work = s.clone();
    for sample in 0..n {
        if hold.is_some() {
            for (t, base) in work.task_types.iter_mut().zip(&s.task_types) {
                t.calls_per_month = base.calls_per_month;
            }
        }
        for (p, lo, mid, hi) in ranged {
            p.set(&mut work, triangular(rng.next_f64(), *lo, *mid, *hi));
        }
        if let Some((held, total)) = hold {
            let drawn: f64 = work.task_types.iter().map(|t| held.of(t)).sum();
            if drawn > 0.0 && drawn.is_finite() {
                for t in &mut work.task_types {
                    t.calls_per_month *= total / drawn;
                }
            }
        }
        let m = Model::build_from(&work);
        for (j, a) in m.api.iter().enumerate() {
            d.slopes[j * n + sample] = a.slope;
        }
        for (k, sh) in m.selfhosted.iter().enumerate() {
            d.coeffs[k * n + sample] = Coeffs::of(sh);
        }
        if let Some(sv) = decision_of(&work, &m).monthly_saving {
            d.savings.push(sv);
        }
    }
    d
}

/// Samples every ranged input (triangular low/expected/high) `samples` times, on two
/// threads, and returns P10/P50/P90 cost bands at `scales`.
pub fn uncertainty(v: &ValidScenario, samples: usize, scales: &[f64], seed: u64) -> Uncertainty {
    uncertainty_of(v, samples, scales, seed, |_| true, None)
}

/// Whether a range is on a task type's calls a month: the volume itself.
fn on_volume(p: &Param) -> bool {
    matches!(p, Param::Task(_, crate::params::TaskField::Calls))
}

/// The band of a chart whose x axis is the volume, in calls or output tokens a month
/// (`held`): that volume is held at each x. On the calls axis with one task type a range
/// on its calls a month only moves the volume, so it is left out. With several, such a
/// range moves the mix (one type's share of the calls): it is sampled, and the types'
/// calls are scaled back to the volume at x. On the tokens axis the calls are always
/// scaled back so the output tokens are the x (a sampled mix or output length changes
/// the calls behind them). The other ranges are sampled as [`uncertainty`] samples them.
/// `None` when no range moves anything at x.
pub fn uncertainty_at_volume(
    v: &ValidScenario,
    samples: usize,
    scales: &[f64],
    seed: u64,
    held: Held,
) -> Option<Uncertainty> {
    let s = v.get();
    let mix = s.task_types.len() > 1;
    let keep = move |p: &Param| mix || !on_volume(p);
    let total: f64 = s.task_types.iter().map(|t| held.of(t)).sum();
    let hold = (mix || held == Held::OutputTokens).then_some((held, total));
    s.ranges
        .iter()
        .any(|r| Param::parse(&r.path, s).is_some_and(|p| keep(&p)))
        .then(|| uncertainty_of(v, samples, scales, seed, keep, hold))
}

fn uncertainty_of(
    v: &ValidScenario,
    samples: usize,
    scales: &[f64],
    seed: u64,
    keep: impl Fn(&Param) -> bool,
    hold: Option<(Held, f64)>,
) -> Uncertainty {
    let s = v.get();
    let ranged: Vec<(Param, f64, f64, f64)> = s
        .ranges
        .iter()
        .filter_map(|r| Param::parse(&r.path, s).map(|p| (p, r.low, p.get(s), r.high)))
        .filter(|(p, ..)| keep(p))
        .collect();
    let per_worker = if ranged.is_empty() {
        1
    } else {
        samples.max(WORKERS).div_ceil(WORKERS)
    };
    let draws: Vec<Draws> = std::thread::scope(|sc| {
        let handles: Vec<_> = (0..WORKERS as u64)
            .map(|w| {
                let ranged = &ranged;
                sc.spawn(move || {
                    draw(
                        s,
                        ranged,
                        per_worker,
                        seed ^ w.wrapping_mul(0x9E37_79B9_7F4A_7C15),
                        hold,
                    )
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
            .collect()
    });
    let n = per_worker * WORKERS;
    let column_of = |f: &dyn Fn(&Draws, usize) -> f64, out: &mut Vec<f64>| {
        out.clear();
        for d in &draws {
            out.extend((0..per_worker).map(|i| f(d, i)));
        }
    };
    let mut bands = Vec::with_capacity(s.api_tiers.len() + s.gpu_configs.len());
    let mut column = Vec::with_capacity(n);
    for j in 0..s.api_tiers.len() {
        column_of(&|d, i| d.slopes[j * per_worker + i], &mut column);
        let [p10, p50, p90] = percentiles(&column);
        bands.push(Band {
            option: OptionRef::Tier(j),
            p10: scales.iter().map(|x| p10 * x).collect(),
            p50: scales.iter().map(|x| p50 * x).collect(),
            p90: scales.iter().map(|x| p90 * x).collect(),
        });
    }
    // Self-hosted bands: configurations split between the two workers.
    let configs: Vec<usize> = (0..s.gpu_configs.len()).collect();
    let config_bands: Vec<Band> = std::thread::scope(|sc| {
        let draws = &draws;
        let handles: Vec<_> = configs
            .chunks(configs.len().div_ceil(WORKERS).max(1))
            .map(|chunk| {
                sc.spawn(move || {
                    let mut column: Vec<i64> = Vec::with_capacity(n);
                    chunk
                        .iter()
                        .map(|&k| {
                            let mut b = Band {
                                option: OptionRef::Config(k),
                                p10: Vec::with_capacity(scales.len()),
                                p50: Vec::with_capacity(scales.len()),
                                p90: Vec::with_capacity(scales.len()),
                            };
                            for &x in scales {
                                column.clear();
                                for d in draws {
                                    column.extend(
                                        d.coeffs[k * per_worker..(k + 1) * per_worker]
                                            .iter()
                                            .map(|c| key(c.cost_at(x))),
                                    );
                                }
                                let [p10, p50, p90] = percentiles_of_keys(&mut column);
                                b.p10.push(p10);
                                b.p50.push(p50);
                                b.p90.push(p90);
                            }
                            b
                        })
                        .collect::<Vec<Band>>()
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
            .collect()
    });
    bands.extend(config_bands);
    let savings: Vec<f64> = draws
        .iter()
        .flat_map(|d| d.savings.iter().copied())
        .collect();
    let saving = (!savings.is_empty()).then(|| percentiles(&savings));
    Uncertainty {
        samples: if ranged.is_empty() { 0 } else { n },
        scales: scales.to_vec(),
        bands,
        saving,
    }
}

#[cfg(test)]
#[path = "band_tests.rs"]
mod tests;
