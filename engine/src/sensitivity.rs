//! Sensitivity (each input over its low/high range, a tornado) and uncertainty
//! (inputs with low/expected/high ranges sampled into P10/P50/P90 cost bands).

use crate::breakeven;
use crate::hybrid::OptionRef;
use crate::model::Model;
use crate::params::Param;
use crate::projection::baseline_tier;
use crate::validate::ValidScenario;
use serde::{Deserialize, Serialize};

/// The decision sensitivity measures: the best self-hosted option at the scenario's
/// volume against the baseline API tier.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Decision {
    /// Calls/month where self-hosting first becomes cheaper than the baseline tier.
    pub break_even_calls: Option<f64>,
    /// Baseline tier cost minus best self-hosted cost, USD/month.
    pub monthly_saving: Option<f64>,
}

pub fn decision(v: &ValidScenario, m: &Model) -> Decision {
    let Some(b) = baseline_tier(v, m) else { return Decision { break_even_calls: None, monthly_saving: None } };
    let best = m.selfhosted.iter().enumerate().filter(|(_, c)| c.unusable.is_none()).min_by(|x, y| x.1.cost_at(1.0).total_cmp(&y.1.cost_at(1.0)));
    let Some((k, sh)) = best else { return Decision { break_even_calls: None, monthly_saving: None } };
    let pair = breakeven::solve(b, k, &m.api[b], sh);
    Decision {
        break_even_calls: pair.first_cheaper_scale.map(|s| s * v.total_calls()),
        monthly_saving: Some(m.api[b].cost_at(1.0) - sh.cost_at(1.0)),
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SensitivityRow {
    pub path: String,
    pub label: String,
    pub base: f64,
    pub low: f64,
    pub high: f64,
    pub at_low: Decision,
    pub at_high: Decision,
    /// |break-even at high - at low|, calls/month (0 when neither has one).
    pub break_even_swing: f64,
    /// |saving at high - at low|, USD/month.
    pub saving_swing: f64,
}

fn swing(a: Option<f64>, b: Option<f64>) -> f64 {
    match (a, b) {
        (Some(a), Some(b)) => (a - b).abs(),
        (None, None) => 0.0,
        // A break-even that appears or vanishes inside the range is the biggest swing there is.
        _ => f64::INFINITY,
    }
}

fn range_of(v: &ValidScenario, p: Param) -> (f64, f64) {
    let s = v.get();
    let path = p.path();
    match s.ranges.iter().find(|r| r.path == path) {
        Some(r) => (r.low, r.high),
        None => {
            let x = p.get(s);
            (x * 0.75, x * 1.25)
        }
    }
}

/// Every input moved over its range (default +/-25%), sorted by the swing of the
/// monthly saving, then of the break-even volume.
pub fn sensitivity(v: &ValidScenario, params: &[Param]) -> Vec<SensitivityRow> {
    let mut work = v.get().clone();
    let mut rows: Vec<SensitivityRow> = params
        .iter()
        .map(|&p| {
            let base = p.get(v.get());
            let (low, high) = range_of(v, p);
            let mut at = |x: f64| {
                p.set(&mut work, x);
                let w = ValidScenario::assume_valid(work.clone());
                let d = decision(&w, &Model::build(&w));
                p.set(&mut work, base);
                d
            };
            let at_low = at(low);
            let at_high = at(high);
            SensitivityRow {
                path: p.path(),
                label: p.label(v.get()),
                base,
                low,
                high,
                break_even_swing: swing(at_low.break_even_calls, at_high.break_even_calls),
                saving_swing: swing(at_low.monthly_saving, at_high.monthly_saving),
                at_low,
                at_high,
            }
        })
        .collect();
    rows.sort_by(|a, b| b.saving_swing.total_cmp(&a.saving_swing).then(b.break_even_swing.total_cmp(&a.break_even_swing)));
    rows
}

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

fn percentiles(xs: &mut [f64]) -> [f64; 3] {
    let n = xs.len();
    let mut at = |q: f64| {
        let k = ((n - 1) as f64 * q).round() as usize;
        *xs.select_nth_unstable_by(k, |a, b| a.total_cmp(b)).1
    };
    [at(0.1), at(0.5), at(0.9)]
}

/// Samples every ranged input (triangular low/expected/high) `samples` times.
pub fn uncertainty(v: &ValidScenario, samples: usize, scales: &[f64], seed: u64) -> Uncertainty {
    let s = v.get();
    let ranged: Vec<(Param, f64, f64, f64)> = s
        .ranges
        .iter()
        .filter_map(|r| Param::parse(&r.path, s).map(|p| (p, r.low, p.get(s), r.high)))
        .collect();
    let options: Vec<OptionRef> = (0..s.api_tiers.len()).map(OptionRef::Tier).chain((0..s.gpu_configs.len()).map(OptionRef::Config)).collect();
    let n = if ranged.is_empty() { 1 } else { samples.max(1) };
    let points = scales.len();
    // values[(option * points + point) * n + sample]
    let mut values = vec![0.0; options.len() * points * n];
    let mut savings = Vec::with_capacity(n);
    let mut rng = Rng(seed);
    let mut work = s.clone();
    for sample in 0..n {
        for (p, lo, mid, hi) in &ranged {
            p.set(&mut work, triangular(rng.next_f64(), *lo, *mid, *hi));
        }
        let w = ValidScenario::assume_valid(work.clone());
        let m = Model::build(&w);
        for (o, opt) in options.iter().enumerate() {
            for (pi, &x) in scales.iter().enumerate() {
                values[(o * points + pi) * n + sample] = match *opt {
                    OptionRef::Tier(j) => m.api[j].cost_at(x),
                    OptionRef::Config(k) => m.selfhosted[k].cost_at(x),
                };
            }
        }
        if let Some(sv) = decision(&w, &m).monthly_saving {
            savings.push(sv);
        }
    }
    let bands = options
        .iter()
        .enumerate()
        .map(|(o, opt)| {
            let mut b = Band { option: *opt, p10: Vec::with_capacity(points), p50: Vec::with_capacity(points), p90: Vec::with_capacity(points) };
            for pi in 0..points {
                let start = (o * points + pi) * n;
                let [p10, p50, p90] = percentiles(&mut values[start..start + n]);
                b.p10.push(p10);
                b.p50.push(p50);
                b.p90.push(p90);
            }
            b
        })
        .collect();
    let saving = (!savings.is_empty()).then(|| percentiles(&mut savings));
    Uncertainty { samples: if ranged.is_empty() { 0 } else { n }, scales: scales.to_vec(), bands, saving }
}
