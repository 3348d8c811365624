//! The inks of the charts' series: one per API tier and per GPU configuration, told
//! apart at a glance.

use super::data::Rgb;
use engine::OptionRef;

/// API tiers in blues and purples, GPU configurations in greens, oranges and reds.
/// No two inks of the palette are alike (a test keeps them apart): the third tier was
/// once a second blue, and a scenario with three tiers drew two lines one could not tell
/// apart.
const TIER_COLORS: [Rgb; 5] = [
    (31, 111, 235),
    (130, 80, 223),
    (191, 57, 137),
    (20, 45, 120),
    (84, 174, 255),
];
const CONFIG_COLORS: [Rgb; 6] = [
    (26, 127, 55),
    (219, 109, 40),
    (207, 34, 46),
    (154, 103, 0),
    (0, 128, 128),
    (230, 185, 0),
];

/// The payback marker's ink: no series is drawn in it.
pub const PAYBACK_COLOR: Rgb = (40, 40, 40);

pub fn color_of(o: OptionRef) -> Rgb {
    match o {
        OptionRef::Tier(j) => TIER_COLORS[j % TIER_COLORS.len()],
        OptionRef::Config(k) => CONFIG_COLORS[k % CONFIG_COLORS.len()],
    }
}

pub fn hex(c: Rgb) -> String {
    format!("#{:02x}{:02x}{:02x}", c.0, c.1, c.2)
}

#[cfg(test)]
mod tests {
    /// Distance in RGB between two inks.
    fn apart(a: super::Rgb, b: super::Rgb) -> f64 {
        let d = |x: u8, y: u8| (f64::from(x) - f64::from(y)).powi(2);
        (d(a.0, b.0) + d(a.1, b.1) + d(a.2, b.2)).sqrt()
    }

    #[test]
    fn every_series_ink_can_be_told_from_every_other() {
        let all: Vec<super::Rgb> = super::TIER_COLORS
            .iter()
            .chain(super::CONFIG_COLORS.iter())
            .chain(std::iter::once(&super::PAYBACK_COLOR))
            .copied()
            .collect();
        for (i, a) in all.iter().enumerate() {
            for b in &all[i + 1..] {
                assert!(apart(*a, *b) > 60.0, "{a:?} and {b:?} look alike");
            }
        }
    }

    #[test]
    fn the_payback_marker_owns_its_colour() {
        for c in super::TIER_COLORS.iter().chain(super::CONFIG_COLORS.iter()) {
            assert_ne!(*c, super::PAYBACK_COLOR);
        }
    }
}
