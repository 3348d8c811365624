//! What the cursor reads: the grid volume nearest to it, and where its line goes.

use crate::dto::DrawnChart;

/// Index of the grid volume nearest to the cursor.
pub(super) fn nearest(xs: &[f64], x: f64) -> Option<usize> {
    xs.iter()
        .enumerate()
        .min_by(|a, b| (a.1 - x).abs().total_cmp(&(b.1 - x).abs()))
        .map(|(i, _)| i)
}

/// Where the cursor line for volume `x` (axis units) goes, as CSS percentages of a chart
/// drawn `w` x `h`: at `x`, from the plot's top to its bottom.
pub(super) fn cursor_style(c: &DrawnChart, x: f64, w: f64, h: f64) -> Option<String> {
    let u = if c.log_x { x.max(1e-9).log10() } else { x };
    let [l, t, r, b] = c.plot;
    let px = l + (u - c.x_range[0]) / (c.x_range[1] - c.x_range[0]) * (r - l);
    let (left, top, height) = (px / w * 100.0, t / h * 100.0, (b - t) / h * 100.0);
    [left, top, height]
        .iter()
        .all(|v| v.is_finite())
        .then(|| format!("left:{left:.3}%;top:{top:.3}%;height:{height:.3}%"))
}

/// The volume (axis units) under the point `(px, py)` of the chart as drawn (its own
/// pixels), or none outside the plot: the title, the key and the axes' labels are not a
/// volume, so the readout does not move over them.
pub(super) fn volume_at(c: &DrawnChart, px: f64, py: f64) -> Option<f64> {
    let [l, t, r, b] = c.plot;
    if !(l..=r).contains(&px) || !(t..=b).contains(&py) || r <= l {
        return None;
    }
    let u = c.x_range[0] + (px - l) / (r - l) * (c.x_range[1] - c.x_range[0]);
    let x = if c.log_x { 10f64.powf(u) } else { u };
    x.is_finite().then_some(x)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_plot_has_a_volume_under_the_mouse() {
        let c = DrawnChart {
            plot: [100.0, 60.0, 900.0, 400.0],
            x_range: [0.0, 2_000_000.0],
            ..DrawnChart::default()
        };
        assert_eq!(volume_at(&c, 500.0, 200.0), Some(1_000_000.0));
        assert_eq!(
            volume_at(&c, 100.0, 400.0),
            Some(0.0),
            "the plot's corner is in it"
        );
        // The title (above), the key and the x-axis labels (below), the y-axis labels.
        for (px, py) in [
            (500.0, 30.0),
            (500.0, 430.0),
            (500.0, 480.0),
            (50.0, 200.0),
            (950.0, 200.0),
        ] {
            assert_eq!(volume_at(&c, px, py), None, "({px}, {py})");
        }
        let log = DrawnChart {
            log_x: true,
            x_range: [3.0, 7.0],
            ..c
        };
        assert!((volume_at(&log, 500.0, 200.0).unwrap_or(0.0) - 100_000.0).abs() < 1e-6);
    }

    #[test]
    fn the_cursor_spans_the_plot_only_and_sits_at_its_volume() {
        let c = DrawnChart {
            plot: [100.0, 60.0, 900.0, 400.0],
            x_range: [0.0, 2_000_000.0],
            ..DrawnChart::default()
        };
        // Half way along the axis is half way across the plot: 500 px of 1000.
        assert_eq!(
            cursor_style(&c, 1_000_000.0, 1000.0, 500.0).as_deref(),
            Some("left:50.000%;top:12.000%;height:68.000%")
        );
        // On a log axis the volume is placed by its logarithm.
        let log = DrawnChart {
            log_x: true,
            x_range: [3.0, 7.0],
            ..c.clone()
        };
        assert_eq!(
            cursor_style(&log, 100_000.0, 1000.0, 500.0).as_deref(),
            Some("left:50.000%;top:12.000%;height:68.000%")
        );
        // A chart with no width along its axis has nowhere to put the line.
        let flat = DrawnChart {
            x_range: [1.0, 1.0],
            ..c
        };
        assert_eq!(cursor_style(&flat, 1.0, 1000.0, 500.0), None);
    }
}
