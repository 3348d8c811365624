//! The bar charts: the cost breakdown (stacked); the sensitivity tornado is in
//! [`super::tornado`].

use super::data;
use super::key;
use super::paint::{err, font, rgb, Frame};
use crate::dto::ChartKind;
use crate::format::short_money;
use engine::Evaluation;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

pub(super) fn breakdown<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    e: &Evaluation,
    s: f64,
) -> Result<Frame, String> {
    let rows = data::breakdown(e);
    let n = rows.len().max(1);
    let y_max = super::ticks::axis_top(rows.iter().map(|r| r.1.iter().sum::<f64>()), 1.12);
    // The key, under the plot, names only the parts some bar has.
    let entries: Vec<key::Entry<'_>> = data::CATEGORIES
        .iter()
        .enumerate()
        .filter(|(ci, _)| rows.iter().any(|r| r.1[*ci] > 0.0))
        .map(|(_, (cat, color))| key::Entry {
            name: cat,
            color: rgb(*color),
            swatch: key::Swatch::Block,
        })
        .collect();
    let laid = key::layout(root, &entries, s);
    let (plot_area, key_area) = key::split(root, &laid);
    let title = key::fit_heading(
        &plot_area,
        ChartKind::Breakdown.title(),
        &font(22.0, s),
        4.0 * s,
    );
    let mut chart = ChartBuilder::on(&plot_area)
        .margin((16.0 * s) as u32)
        .caption(title, font(22.0, s))
        .x_label_area_size((52.0 * s) as u32)
        .y_label_area_size((84.0 * s) as u32)
        .build_cartesian_2d(-0.5f64..(n as f64 - 0.5), 0f64..y_max)
        .map_err(err)?;
    chart
        .configure_mesh()
        .disable_x_mesh()
        .y_labels(8)
        // Each bar's name is written under it below, in up to two lines.
        .x_label_formatter(&|_| String::new())
        .y_label_formatter(&|y| short_money(*y))
        .y_desc(format!("{} / month", crate::format::code()))
        .label_style(font(13.0, s))
        .axis_desc_style(font(16.0, s))
        .light_line_style(RGBColor(236, 238, 241))
        // One faint line between labelled ones, not plotters' ten: the page builds each
        // line as an element on every edit.
        .max_light_lines(1)
        .draw()
        .map_err(err)?;
    for (ci, (_, color)) in data::CATEGORIES.iter().enumerate() {
        let bars: Vec<Rectangle<(f64, f64)>> = rows
            .iter()
            .enumerate()
            .filter(|(_, r)| r.1[ci] > 0.0)
            .map(|(i, r)| {
                let y0: f64 = r.1[..ci].iter().sum();
                let x = i as f64;
                Rectangle::new(
                    [(x - 0.32, y0), (x + 0.32, y0 + r.1[ci])],
                    rgb(*color).filled(),
                )
            })
            .collect();
        chart.draw_series(bars).map_err(err)?;
    }
    let above = Pos::new(HPos::Center, VPos::Bottom);
    chart
        .draw_series(rows.iter().enumerate().map(|(i, r)| {
            let total: f64 = r.1.iter().sum();
            EmptyElement::at((i as f64, total))
                + Text::new(
                    short_money(total),
                    (0, -(4.0 * s) as i32),
                    font(15.0, s).pos(above),
                )
        }))
        .map_err(err)?;
    // Names under their bars, in up to two lines that fit the bar's share of the width.
    let (xr, yr) = chart.plotting_area().get_pixel_range();
    let style = font(13.0, s).pos(Pos::new(HPos::Center, VPos::Top));
    let room = 0.94 * f64::from(xr.end - xr.start) / n as f64;
    let width = |t: &str| key::text_width(root, t, &style);
    let names: Vec<String> = rows.iter().map(|r| r.0.clone()).collect();
    let wrapped = key::wrap_apart(&names, room, &width);
    for (i, lines) in wrapped.into_iter().enumerate() {
        let (x, _) = chart.backend_coord(&(i as f64, 0.0));
        for (k, line) in lines.into_iter().enumerate() {
            let y = yr.end + ((8.0 + 16.0 * k as f64) * s) as i32;
            plot_area
                .draw(&Text::new(line, (x, y), style.clone()))
                .map_err(err)?;
        }
    }
    key::draw(&key_area, &entries, &laid, s)?;
    Ok(Frame {
        plot: [
            f64::from(xr.start),
            f64::from(yr.start),
            f64::from(xr.end),
            f64::from(yr.end),
        ],
        x_range: [-0.5, n as f64 - 0.5],
    })
}

#[cfg(test)]
#[path = "bars_tests.rs"]
mod tests;
