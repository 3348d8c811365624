//! Painting chart data with plotters: picks the chart's drawing (`lines`, `bars`) and
//! writes it as SVG or PNG. One generic drawing per chart, so the SVG in the page and
//! the PNG export are the same picture.

use super::bars::breakdown;
use super::data::{self, hex};
use super::lines::{break_even, cumulative};
use super::paint::{ensure_font, err, Frame};
use super::tornado::tornado;
use crate::dto::{ChartKind, ChartOptions, DrawnChart, LegendEntry};
use engine::fmt::shown;
use engine::{Evaluation, ValidScenario};
use plotters::coord::Shift;
use plotters::prelude::*;

fn draw<DB: DrawingBackend>(
    root: DrawingArea<DB, Shift>,
    v: &ValidScenario,
    e: &Evaluation,
    o: &ChartOptions,
    s: f64,
) -> Result<(Frame, Option<data::BreakEvenData>), String> {
    // Money on the axes and labels in the evaluation's currency.
    let code = crate::format::ShownCurrency::code_of(e);
    crate::format::drawing_in(&code, || draw_in(root, v, e, o, s))
}

fn draw_in<DB: DrawingBackend>(
    root: DrawingArea<DB, Shift>,
    v: &ValidScenario,
    e: &Evaluation,
    o: &ChartOptions,
    s: f64,
) -> Result<(Frame, Option<data::BreakEvenData>), String> {
    root.fill(&WHITE).map_err(err)?;
    let out = match o.kind {
        ChartKind::BreakEven => {
            let d = data::break_even(v, e, o);
            (break_even(&root, &d, s)?, Some(d))
        }
        ChartKind::Breakdown => (breakdown(&root, e, s)?, None),
        ChartKind::Cumulative => (cumulative(&root, v, e, s)?, None),
        ChartKind::Tornado => (tornado(&root, v, s)?, None),
    };
    root.present().map_err(err)?;
    Ok(out)
}

/// How much larger an SVG's type is than a PNG's of the same size.
const SVG_TYPE: f64 = 1.3;
/// The smallest type scale of an SVG: a 960 drawing's as the editor's column (~700 px)
/// shows it (1.3 x 700 / 960).
const NARROW_TYPE: f64 = 0.95;

/// The chart as SVG, with what the page needs for hover and legend.
pub fn svg(v: &ValidScenario, e: &Evaluation, o: &ChartOptions) -> Result<DrawnChart, String> {
    ensure_font()?;
    let (w, h) = (o.width.clamp(320, 3840), o.height.clamp(240, 2160));
    // A phone's sensitivity chart gives each input two lines over its bars: twice as
    // tall as wide (it is shown at its own size, and the page scrolls).
    let h = if o.kind == ChartKind::Tornado && f64::from(w) < super::tornado::STACKED_BELOW {
        h.max(2 * w)
    } else {
        h
    };
    let mut buf = String::new();
    // An SVG is shown scaled down (the editor's column, a printed page): its type is
    // drawn larger than the PNG's so that it reads at about 12 px (9 pt printed). One
    // drawn narrower than 700 (a phone's screen) is shown at its own size: its type is
    // the size the editor's column shows a 960 drawing's, not smaller.
    // Under 340 (a phone of 360) the type shrinks with the width, so the titles and the
    // axes' words fit as they do at 340.
    let floor = NARROW_TYPE * (f64::from(w) / 340.0).min(1.0);
    let type_scale = (SVG_TYPE * f64::from(w) / 960.0).max(floor);
    let (frame, d) = draw(
        SVGBackend::with_string(&mut buf, (w, h)).into_drawing_area(),
        v,
        e,
        o,
        type_scale,
    )?;
    let legend = match &d {
        Some(d) => d
            .lines
            .iter()
            .map(|l| LegendEntry {
                key: l.key.clone(),
                name: l.name.clone(),
                color: hex(l.color),
                hidden: l.hidden,
            })
            .collect(),
        None => Vec::new(),
    };
    // The grid's volume nearest the scenario's own: where the slider rests.
    let hover_now = d.as_ref().map_or(0, |d| {
        d.grid
            .iter()
            .enumerate()
            .min_by(|a, b| {
                (a.1 - d.current_x)
                    .abs()
                    .total_cmp(&(b.1 - d.current_x).abs())
            })
            .map_or(0, |(i, _)| i)
    });
    let (hover_x, hover_series, hover_ok, x_label, x_per_call) = match d {
        // As the readout writes them: the live answer carries 1,280 of these, and
        // seventeen digits each were a quarter of it.
        Some(d) => (
            d.grid.into_iter().map(shown).collect(),
            d.hover
                .into_iter()
                .map(|(name, ys)| {
                    // No cost where the option cannot serve (fixed replicas full).
                    let ys = ys.into_iter().map(|y| y.is_finite().then(|| shown(y)));
                    (name, ys.collect())
                })
                .collect(),
            d.hover_ok,
            d.x_label.to_string(),
            d.per_call,
        ),
        None => (Vec::new(), Vec::new(), Vec::new(), String::new(), 0.0),
    };
    Ok(DrawnChart {
        svg: buf,
        width: w,
        height: h,
        plot: frame.plot,
        x_range: frame.x_range,
        log_x: o.log_x && o.kind == ChartKind::BreakEven,
        legend,
        hover_x,
        hover_series,
        hover_ok,
        hover_now,
        x_label,
        x_per_call,
    })
}

/// The chart as PNG, `scale` x the requested size (1920x1080 at scale 1, 3840x2160 at 2).
pub fn png(
    v: &ValidScenario,
    e: &Evaluation,
    o: &ChartOptions,
    scale: u32,
) -> Result<Vec<u8>, String> {
    ensure_font()?;
    let scale = scale.clamp(1, 2);
    let (w, h) = (
        o.width.clamp(320, 1920) * scale,
        o.height.clamp(240, 1080) * scale,
    );
    let mut pixels = vec![0u8; (w * h * 3) as usize];
    draw(
        BitMapBackend::with_buffer(&mut pixels, (w, h)).into_drawing_area(),
        v,
        e,
        o,
        f64::from(scale) * f64::from(o.width.clamp(320, 1920)) / 960.0,
    )?;
    let mut out = Vec::new();
    {
        let mut enc = png::Encoder::new(&mut out, w, h);
        enc.set_color(png::ColorType::Rgb);
        enc.set_depth(png::BitDepth::Eight);
        let mut writer = enc.write_header().map_err(err)?;
        writer.write_image_data(&pixels).map_err(err)?;
    }
    Ok(out)
}

#[cfg(test)]
#[path = "draw_tests.rs"]
mod tests;

#[cfg(test)]
#[path = "draw_bounds_tests.rs"]
mod bounds_tests;
