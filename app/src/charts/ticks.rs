//! Where a line chart's x axis puts its labelled lines. On a linear axis, plotters' own
//! round values (the picture as before, less the faint lines it drew under them). On a
//! log axis (drawn in log10 units), 1-3-10 steps (1k, 3k, 10k, 30k, ...), the values a
//! reader uses, not the half decades plotters would pick (3.16k, 31.6k, 316k).

use plotters::coord::ranged1d::{DefaultFormatting, KeyPointHint, Ranged};
use plotters::coord::types::RangedCoordf64;
use std::ops::Range;

/// The most money a chart's axis reaches (a quadrillion a month): past it a value is
/// drawn at the edge. An axis to 1e308 or infinity made plotters' key points loop for
/// good (a peak of 1e308 times the average is a finite, valid input).
pub(crate) const AXIS_LIMIT: f64 = 1e15;

/// The top of a money axis from `values`: the largest finite one (at least 1) times
/// `margin`, at most [`AXIS_LIMIT`].
pub(crate) fn axis_top(values: impl Iterator<Item = f64>, margin: f64) -> f64 {
    (values.filter(|v| v.is_finite()).fold(1.0f64, f64::max) * margin).min(AXIS_LIMIT)
}

/// A value on a money axis kept within it: finite, and within ±[`AXIS_LIMIT`].
pub(crate) fn on_axis(v: f64) -> f64 {
    if v.is_nan() {
        0.0
    } else {
        v.clamp(-AXIS_LIMIT, AXIS_LIMIT)
    }
}

/// A linear f64 axis whose labelled and faint lines are chosen here (plotters'
/// `WithKeyPoints` over an f64 range has no label formatter to configure a mesh with).
pub(crate) struct XAxis {
    inner: RangedCoordf64,
    bold: Vec<f64>,
}

impl Ranged for XAxis {
    type FormatOption = DefaultFormatting;
    type ValueType = f64;

    fn map(&self, value: &f64, limit: (i32, i32)) -> i32 {
        self.inner.map(value, limit)
    }

    fn key_points<Hint: KeyPointHint>(&self, hint: Hint) -> Vec<f64> {
        // No faint lines: plotters drew its "light" ones under the labelled ones here
        // (at the same x), elements that showed nothing.
        if hint.weight().allow_light_points() {
            Vec::new()
        } else {
            self.bold.clone()
        }
    }

    fn range(&self) -> Range<f64> {
        self.inner.range()
    }
}

/// The x coordinate from `x0` to `x1` (log10 units when `log`).
pub(super) fn x_coord(x0: f64, x1: f64, log: bool) -> XAxis {
    let inner: RangedCoordf64 = (x0..x1).into();
    let bold = if log {
        log_ticks(x0, x1)
    } else {
        inner.key_points(8usize)
    };
    XAxis { inner, bold }
}

/// log10 of 1, 3, 10, 30, ... times a power of ten between `u0` and `u1` (log10 units);
/// powers of ten alone when that gives more than nine.
fn log_ticks(u0: f64, u1: f64) -> Vec<f64> {
    if !(u0.is_finite() && u1.is_finite()) || u1 <= u0 {
        return Vec::new();
    }
    let inside = |u: &f64| *u >= u0 - 1e-9 && *u <= u1 + 1e-9;
    let decades = (u0.floor() as i32)..=(u1.ceil() as i32);
    let one_three: Vec<f64> = decades
        .clone()
        .flat_map(|d| [f64::from(d), f64::from(d) + 3f64.log10()])
        .filter(inside)
        .collect();
    if one_three.len() <= 9 {
        one_three
    } else {
        decades.map(f64::from).filter(inside).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shown(u: &[f64]) -> Vec<String> {
        u.iter()
            .map(|u| crate::format::short_volume(10f64.powf(*u)))
            .collect()
    }

    #[test]
    fn a_log_axis_reads_one_three_ten() {
        let ticks = log_ticks(1000f64.log10(), 1e6f64.log10());
        assert_eq!(
            shown(&ticks),
            ["1k", "3k", "10k", "30k", "100k", "300k", "1M"]
        );
        // Many decades: powers of ten alone.
        assert_eq!(shown(&log_ticks(0.0, 9.0)).len(), 10);
        assert!(log_ticks(3.0, 3.0).is_empty());
        assert!(log_ticks(f64::NAN, 3.0).is_empty());
    }

    /// A linear axis keeps plotters' labelled values, and draws no faint line.
    #[test]
    fn a_linear_axis_keeps_round_values() {
        let c = x_coord(0.0, 2e6, false);
        assert_eq!(c.bold, [0.0, 5e5, 1e6, 1.5e6, 2e6]);
        assert!(c
            .key_points(plotters::coord::ranged1d::LightPoints::new(8, 8))
            .is_empty());
    }
}
