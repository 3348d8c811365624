//! Fewer points for the same line. Plotters writes every point at a whole pixel, so a
//! straight line of 256 points comes out as a staircase of one-pixel steps (visible as a
//! zig-zag when the SVG is shown larger than it was drawn), and each point costs the
//! live answer ~8 bytes. Keeping only the points a reader can tell apart
//! (Ramer-Douglas-Peucker, measured in pixels) draws a straight stretch as one segment
//! between its ends, and keeps every corner of a replica step.

/// The points of `points` that lie farther than `tolerance` pixels from the line through
/// the points kept around them; `to_px` maps a point to pixels (unrounded). The first and
/// last points are always kept, and so is the order.
pub(super) fn simplify(
    points: &[(f64, f64)],
    to_px: impl Fn((f64, f64)) -> (f64, f64),
    tolerance: f64,
) -> Vec<(f64, f64)> {
    if points.len() < 3 {
        return points.to_vec();
    }
    let px: Vec<(f64, f64)> = points.iter().map(|p| to_px(*p)).collect();
    let mut keep = vec![false; points.len()];
    keep[0] = true;
    keep[points.len() - 1] = true;
    // A stack, not recursion: the depth is the number of points at worst.
    let mut spans = vec![(0, points.len() - 1)];
    while let Some((a, b)) = spans.pop() {
        let far = (a + 1..b).map(|i| (i, distance(px[i], px[a], px[b]))).fold(
            None,
            |best: Option<(usize, f64)>, (i, d)| match best {
                Some((_, bd)) if bd >= d => best,
                _ => Some((i, d)),
            },
        );
        if let Some((i, d)) = far {
            if d > tolerance || d.is_nan() {
                keep[i] = true;
                spans.push((a, i));
                spans.push((i, b));
            }
        }
    }
    points
        .iter()
        .zip(keep)
        .filter_map(|(p, k)| k.then_some(*p))
        .collect()
}

/// The distance from `p` to the segment from `a` to `b` (to `a` when they coincide).
fn distance(p: (f64, f64), a: (f64, f64), b: (f64, f64)) -> f64 {
    let (dx, dy) = (b.0 - a.0, b.1 - a.1);
    let len2 = dx * dx + dy * dy;
    let t = if len2 > 0.0 {
        (((p.0 - a.0) * dx + (p.1 - a.1) * dy) / len2).clamp(0.0, 1.0)
    } else {
        0.0
    };
    let (cx, cy) = (a.0 + t * dx, a.1 + t * dy);
    ((p.0 - cx).powi(2) + (p.1 - cy).powi(2)).sqrt()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id(p: (f64, f64)) -> (f64, f64) {
        p
    }

    #[test]
    fn a_straight_line_keeps_its_two_ends() {
        let line: Vec<(f64, f64)> = (0..256).map(|i| (i as f64, 3.0 * i as f64 + 7.0)).collect();
        assert_eq!(simplify(&line, id, 0.25), vec![(0.0, 7.0), (255.0, 772.0)]);
    }

    #[test]
    fn a_replica_step_keeps_its_corners() {
        // Flat, a vertical jump, flat again: four corners, none of the flat points.
        let mut line: Vec<(f64, f64)> = (0..=50).map(|i| (i as f64, 100.0)).collect();
        line.extend((50..=100).map(|i| (i as f64, 200.0)));
        let kept = simplify(&line, id, 0.25);
        assert_eq!(
            kept,
            vec![(0.0, 100.0), (50.0, 100.0), (50.0, 200.0), (100.0, 200.0)]
        );
    }

    #[test]
    fn a_curve_stays_within_the_tolerance_everywhere() {
        let curve: Vec<(f64, f64)> = (0..=400)
            .map(|i| {
                let x = i as f64;
                (x, 300.0 * (x / 80.0).sin())
            })
            .collect();
        let kept = simplify(&curve, id, 0.5);
        assert!(kept.len() < curve.len() / 4, "kept {} points", kept.len());
        assert!(kept.len() > 10, "a sine is not a straight line");
        // Every original point is within the tolerance of the kept polyline.
        for p in &curve {
            let nearest = kept
                .windows(2)
                .map(|w| distance(*p, w[0], w[1]))
                .fold(f64::INFINITY, f64::min);
            assert!(nearest <= 0.5 + 1e-9, "{p:?} is {nearest} px away");
        }
    }

    #[test]
    fn the_tolerance_is_measured_after_the_mapping_to_pixels() {
        // A bump of 0.01 in data is 1 px once the y axis is stretched a hundredfold.
        let line = vec![(0.0, 0.0), (1.0, 0.01), (2.0, 0.0)];
        assert_eq!(simplify(&line, id, 0.25).len(), 2);
        assert_eq!(simplify(&line, |(x, y)| (x, 100.0 * y), 0.25).len(), 3);
    }

    #[test]
    fn short_and_degenerate_lines_come_back_whole() {
        assert!(simplify(&[], id, 0.25).is_empty());
        assert_eq!(simplify(&[(1.0, 1.0)], id, 0.25), vec![(1.0, 1.0)]);
        let same = vec![(1.0, 1.0); 5];
        assert_eq!(simplify(&same, id, 0.25), vec![(1.0, 1.0), (1.0, 1.0)]);
    }
}
