//! Where a line chart's legend goes: the corner of the plot its box covers the least of
//! (lines, bands' edges, markers), so no curve is drawn under it where another corner
//! is free.

use super::data::Line;
use plotters::prelude::SeriesLabelPosition;

/// The corners tried, in the order a tie is settled: upper left first (costs rise to
/// the right, so it is most often free), the lower left last (every curve starts there).
const CORNERS: [SeriesLabelPosition; 4] = [
    SeriesLabelPosition::UpperLeft,
    SeriesLabelPosition::UpperRight,
    SeriesLabelPosition::LowerRight,
    SeriesLabelPosition::LowerLeft,
];

/// A marker line (the "now" line, the payback month): hidden in part before a curve.
pub(super) const MARKER: usize = 1;
/// A label (a crossing's volume, "now: 750k"): a text cut in half is lost.
pub(super) const LABEL: usize = 3;

/// The plot's extent and size: `x` in axis units (after `map_x`), `y_max` (from 0),
/// and its size in pixels; `s` is the drawing's scale.
pub(super) struct Plot<'a> {
    pub x: (f64, f64),
    pub y_max: f64,
    pub px: (f64, f64),
    pub s: f64,
    pub map_x: &'a dyn Fn(f64) -> f64,
}

/// The corner whose legend box the fewest things cross, each counted by its weight
/// whatever its length: a shown line or band edge 2; a mark (a polyline in axis units,
/// already mapped) its own: [`MARKER`] for a marker line, [`LABEL`] for a text;
/// a tie goes to the corner less of them cover, then to the order of [`CORNERS`]. Each
/// segment is taken at 8 points, so a line crossing the box between two of its points
/// counts.
pub(super) fn corner(
    lines: &[Line],
    marks: &[(usize, Vec<(f64, f64)>)],
    p: &Plot<'_>,
) -> SeriesLabelPosition {
    let shown: Vec<&Line> = lines.iter().filter(|l| !l.hidden).collect();
    let longest = shown
        .iter()
        .map(|l| l.name.chars().count())
        .max()
        .unwrap_or(0) as f64;
    // The box plotters draws: a 34 px glyph area, ~7.7 px a character at 14 px, ~20 px
    // a row, padding; 12 px from the plot's edges.
    let (w, h) = (
        (34.0 + 7.7 * longest + 20.0) * p.s / p.px.0.max(1.0),
        (20.0 * shown.len() as f64 + 16.0) * p.s / p.px.1.max(1.0),
    );
    let (mx, my) = (12.0 * p.s / p.px.0.max(1.0), 12.0 * p.s / p.px.1.max(1.0));
    let span = (p.x.1 - p.x.0).max(f64::MIN_POSITIVE);
    let unit = |(a, b): (f64, f64)| ((a - p.x.0) / span, b / p.y_max.max(f64::MIN_POSITIVE));
    // Every thing drawn, as points in the plot's unit square.
    let mut things: Vec<(usize, Vec<(f64, f64)>)> = Vec::new();
    let mut add = |weight: usize, curve: Vec<(f64, f64)>| {
        let mut pts = Vec::with_capacity(curve.len() * 8);
        for seg in curve.windows(2) {
            for i in 0..8 {
                let t = f64::from(i) / 8.0;
                pts.push((
                    seg[0].0 + t * (seg[1].0 - seg[0].0),
                    seg[0].1 + t * (seg[1].1 - seg[0].1),
                ));
            }
        }
        pts.extend(curve.last());
        things.push((weight, pts));
    };
    for (weight, m) in marks {
        add(*weight, m.iter().map(|m| unit(*m)).collect());
    }
    for l in &shown {
        let band = l.band.iter().flat_map(|(lo, hi)| [lo, hi]);
        for curve in std::iter::once(&l.points).chain(band) {
            add(
                2,
                curve
                    .iter()
                    .map(|(a, b)| unit(((p.map_x)(*a), *b)))
                    .collect(),
            );
        }
    }
    let covered = |c: &SeriesLabelPosition| {
        let (u0, v0) = match c {
            SeriesLabelPosition::UpperLeft => (mx, 1.0 - my - h),
            SeriesLabelPosition::UpperRight => (1.0 - mx - w, 1.0 - my - h),
            SeriesLabelPosition::LowerRight => (1.0 - mx - w, my),
            _ => (mx, my),
        };
        let inside = |(u, v): &(f64, f64)| (u0..=u0 + w).contains(u) && (v0..=v0 + h).contains(v);
        let counts: Vec<(usize, usize)> = things
            .iter()
            .map(|(w, t)| (*w, t.iter().filter(|q| inside(q)).count()))
            .collect();
        (
            counts
                .iter()
                .filter(|(_, n)| *n > 0)
                .map(|(w, _)| w)
                .sum::<usize>(),
            counts.iter().map(|(_, n)| n).sum::<usize>(),
        )
    };
    let mut best = ((usize::MAX, usize::MAX), SeriesLabelPosition::UpperLeft);
    for c in CORNERS {
        let n = covered(&c);
        if n < best.0 {
            best = (n, c);
        }
    }
    best.1
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(name: &str, points: Vec<(f64, f64)>) -> Line {
        Line {
            key: name.into(),
            name: name.into(),
            color: (0, 0, 0),
            hidden: false,
            points,
            band: None,
        }
    }

    fn plot(map_x: &dyn Fn(f64) -> f64) -> Plot<'_> {
        Plot {
            x: (0.0, 100.0),
            y_max: 100.0,
            px: (600.0, 300.0),
            s: 1.0,
            map_x,
        }
    }

    fn pos(c: SeriesLabelPosition) -> &'static str {
        match c {
            SeriesLabelPosition::UpperLeft => "upper left",
            SeriesLabelPosition::UpperRight => "upper right",
            SeriesLabelPosition::LowerRight => "lower right",
            SeriesLabelPosition::LowerLeft => "lower left",
            _ => "elsewhere",
        }
    }

    #[test]
    fn the_legend_goes_where_no_curve_is() {
        let id = |x: f64| x;
        // Costs rising to the right, one flat near the bottom: the upper left is free.
        let rising = [
            line("API", vec![(0.0, 0.0), (100.0, 95.0)]),
            line("GPU", vec![(0.0, 10.0), (100.0, 12.0)]),
        ];
        assert_eq!(pos(corner(&rising, &[], &plot(&id))), "upper left");
        // Falling from the upper left and a flat line along the bottom: the upper right.
        let falling = [
            line("per call", vec![(0.0, 100.0), (100.0, 40.0)]),
            line("flat", vec![(0.0, 5.0), (100.0, 5.0)]),
        ];
        assert_eq!(pos(corner(&falling, &[], &plot(&id))), "upper right");
        // A curve crossing the upper left between two far-apart points still counts.
        let across = [line(
            "long",
            vec![(0.0, 80.0), (30.0, 100.0), (100.0, 100.0)],
        )];
        assert_eq!(pos(corner(&across, &[], &plot(&id))), "upper right");
        // A mark (the "now" line) keeps the box off it where another corner is free...
        let marks = vec![(MARKER, vec![(5.0, 0.0), (5.0, 100.0)])];
        let flat = [line("low", vec![(0.0, 10.0), (100.0, 10.0)])];
        assert_eq!(pos(corner(&flat, &marks, &plot(&id))), "upper right");
        // ...but where every corner has something, a marker is hidden before a curve.
        let lines = [
            line("high, right half", vec![(50.0, 90.0), (100.0, 90.0)]),
            line("low", vec![(0.0, 10.0), (100.0, 10.0)]),
        ];
        // (The marker is drawn with many points, so more of it than of a curve is
        // under the box: only its lower weight puts the box there.)
        let dense = vec![(
            MARKER,
            (0..=20).map(|i| (5.0, f64::from(i) * 5.0)).collect(),
        )];
        assert_eq!(pos(corner(&lines, &dense, &plot(&id))), "upper left");
        // A label there ("now: 750k") is not hidden: a piece of a curve is, instead.
        let mut with_label = dense.clone();
        with_label.push((LABEL, vec![(5.0, 95.0), (20.0, 95.0)]));
        assert_ne!(pos(corner(&lines, &with_label, &plot(&id))), "upper left");
        // A hidden line is not drawn, so it does not count.
        let mut hidden = falling.clone();
        hidden[0].hidden = true;
        assert_eq!(pos(corner(&hidden, &[], &plot(&id))), "upper left");
    }
}
