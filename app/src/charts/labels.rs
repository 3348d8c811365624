//! Where the break-even chart's crossing labels go: beside their point, over no other
//! label and no dot, inside the plot.

/// A label's box in pixels: left, top, right, bottom.
pub(super) type Label = (i32, i32, i32, i32);

/// Where a crossing's label goes: right of its point (`right`) or left of it, with its
/// top `lift` pixels above the point (negative: below).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Place {
    pub right: bool,
    pub lift: i32,
}

/// Where a crossing's label of `chars` characters goes: right of its point, above it,
/// else below it; else left of it, above then below; else nowhere (`None`: the crossing
/// keeps its marker; its volume is in the table of break-evens and under the cursor).
/// A label covers neither a label placed before (`placed`, where its box is added) nor
/// any crossing's dot (`dots`), and stays inside the plot (`plot`: left, top, right,
/// bottom; below the bottom are the axis labels). It sits nearer its own dot than any
/// other: of two crossings a few pixels apart, neither reads as the other's volume.
pub(super) fn label_place(
    placed: &mut Vec<Label>,
    dots: &[Label],
    (x, y): (i32, i32),
    chars: usize,
    s: f64,
    plot: Label,
) -> Option<Place> {
    let (w, h) = ((7.2 * s * chars as f64) as i32, (15.0 * s) as i32);
    let gap = (6.0 * s) as i32;
    let overlaps = |a: &Label, b: &Label| a.0 < b.2 && b.0 < a.2 && a.1 < b.3 && b.1 < a.3;
    for right in [true, false] {
        let left = if right { x + gap } else { x - gap - w };
        for lift in [(20.0 * s) as i32, -(8.0 * s) as i32] {
            let b = (left, y - lift, left + w, y - lift + h);
            let inside = b.0 >= plot.0 && b.1 >= plot.1 && b.2 <= plot.2 && b.3 <= plot.3;
            let own = distance2(&b, (x, y));
            let nearest = dots
                .iter()
                .map(|d| ((d.0 + d.2) / 2, (d.1 + d.3) / 2))
                .filter(|c| *c != (x, y))
                .all(|c| distance2(&b, c) > own);
            if inside && nearest && !placed.iter().chain(dots).any(|p| overlaps(&b, p)) {
                placed.push(b);
                return Some(Place { right, lift });
            }
        }
    }
    None
}

/// The square of the distance from point `p` to box `b` (0 inside it).
fn distance2(b: &Label, (x, y): (i32, i32)) -> i64 {
    let dx = i64::from((b.0 - x).max(0).max(x - b.2));
    let dy = i64::from((b.1 - y).max(0).max(y - b.3));
    dx * dx + dy * dy
}

/// The box a crossing's dot of radius `r` covers.
pub(super) fn dot_box((x, y): (i32, i32), r: i32) -> Label {
    (x - r, y - r, x + r, y + r)
}
