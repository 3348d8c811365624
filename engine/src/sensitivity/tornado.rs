//! The tornado: every input moved over its low/high range, one at a time, and how much
//! the decision swings.

use super::{decision_of, Decision};
use crate::model::Model;
use crate::params::Param;
use crate::validate::ValidScenario;
use serde::{Deserialize, Serialize};

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
        // +/-25%, within what the input may be: a peak-to-average of 1 moves up only (the
        // swing was clamped so; the range said 0.75 .. 1.25 all the same).
        None => {
            let x = p.get(s);
            let (lo, hi) = p.domain();
            ((x * 0.75).clamp(lo, hi), (x * 1.25).clamp(lo, hi))
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
                let d = decision_of(&work, &Model::build_from(&work));
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
    rows.sort_by(|a, b| {
        b.saving_swing
            .total_cmp(&a.saving_swing)
            .then(b.break_even_swing.total_cmp(&a.break_even_swing))
    });
    rows
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A default range never leaves what the input may be: a peak-to-average of 1 is
    /// swung over 1 .. 1.25, a share of 0.9 over 0.675 .. 1, never 0.75 or 1.125.
    #[test]
    fn default_ranges_stay_within_the_inputs_domain() {
        let mut s = crate::templates::haiku_vs_4090();
        s.task_types[0].peak_to_average = 1.0;
        s.task_types[0].cached_input_share = 0.9;
        let v = crate::validate(s).expect("valid");
        let peak = Param::Task(0, crate::params::TaskField::Peak);
        let cached = Param::Task(0, crate::params::TaskField::Cached);
        assert_eq!(range_of(&v, peak), (1.0, 1.25));
        let (lo, hi) = range_of(&v, cached);
        assert!((lo - 0.675).abs() < 1e-12 && hi == 1.0, "{lo} .. {hi}");
        let rows = sensitivity(&v, &[peak]);
        assert!(rows.iter().all(|r| r.low >= 1.0), "{rows:?}");
    }
}
