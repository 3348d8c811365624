//! The paint shared by every chart: the embedded font (DejaVu Sans, so a PNG has
//! identical text on any machine), colours, text styles and the frame the browser maps
//! the cursor with.

use super::data::Rgb;
use plotters::prelude::*;
use std::sync::OnceLock;

pub(super) static FONT: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans.ttf");

/// Registers the embedded font once; every drawing (SVG too) needs it.
pub(super) fn ensure_font() -> Result<(), String> {
    static DONE: OnceLock<Result<(), String>> = OnceLock::new();
    DONE.get_or_init(|| {
        plotters::style::register_font("sans-serif", FontStyle::Normal, FONT)
            .map_err(|_| "the embedded chart font does not load".to_string())
    })
    .clone()
}

pub(super) fn rgb(c: Rgb) -> RGBColor {
    RGBColor(c.0, c.1, c.2)
}

pub(super) fn err<E: std::fmt::Display>(e: E) -> String {
    format!("drawing the chart failed: {e}")
}

pub(super) type Ctx<'a, DB> =
    ChartContext<'a, DB, Cartesian2d<super::ticks::XAxis, plotters::coord::types::RangedCoordf64>>;
/// Marks drawn on top of the lines (current volume, crossings, payback).
pub(super) type Extra<'e, DB> = dyn Fn(&mut Ctx<'_, DB>) -> Result<(), String> + 'e;

/// What the browser needs to map the cursor to the data.
pub(super) struct Frame {
    pub plot: [f64; 4],
    pub x_range: [f64; 2],
}

pub(super) fn font(size: f64, s: f64) -> TextStyle<'static> {
    ("sans-serif", size * s)
        .into_font()
        .color(&RGBColor(29, 35, 43))
}
