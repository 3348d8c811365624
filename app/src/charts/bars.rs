//! The bar charts: the cost breakdown (stacked) and the sensitivity tornado.

use super::data;
use super::paint::{err, font, rgb, Frame};
use crate::dto::ChartKind;
use crate::format::short_money;
use engine::{Evaluation, ValidScenario};
use plotters::coord::Shift;
use plotters::prelude::*;

pub(super) fn breakdown<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    e: &Evaluation,
    s: f64,
) -> Result<Frame, String> {
    let rows = data::breakdown(e);
    let n = rows.len().max(1);
    let y_max = rows
        .iter()
        .map(|r| r.1.iter().sum::<f64>())
        .fold(1.0, f64::max)
        * 1.12;
    let names = data::short_labels(&rows.iter().map(|r| r.0.clone()).collect::<Vec<_>>(), 26);
    let mut chart = ChartBuilder::on(root)
        .margin((16.0 * s) as u32)
        .caption(ChartKind::Breakdown.title(), font(22.0, s))
        .x_label_area_size((52.0 * s) as u32)
        .y_label_area_size((84.0 * s) as u32)
        // One blank column on the right holds the legend.
        .build_cartesian_2d(-0.5f64..(n as f64 + 0.7), 0f64..y_max)
        .map_err(err)?;
    let label = |x: &f64| {
        let i = x.round();
        if (x - i).abs() < 1e-6 && i >= 0.0 {
            names.get(i as usize).cloned().unwrap_or_default()
        } else {
            String::new()
        }
    };
    chart
        .configure_mesh()
        .disable_x_mesh()
        .x_labels(n * 2 + 1)
        .y_labels(8)
        .x_label_formatter(&label)
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
    for (ci, (cat, color)) in data::CATEGORIES.iter().enumerate() {
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
        let c = rgb(*color);
        chart
            .draw_series(bars)
            .map_err(err)?
            .label(*cat)
            .legend(move |(lx, ly)| {
                Rectangle::new(
                    [
                        (lx, ly - (6.0 * s) as i32),
                        (lx + (14.0 * s) as i32, ly + (6.0 * s) as i32),
                    ],
                    c.filled(),
                )
            });
    }
    chart
        .draw_series(rows.iter().enumerate().map(|(i, r)| {
            Text::new(
                short_money(r.1.iter().sum()),
                (i as f64 - 0.15, r.1.iter().sum::<f64>() + y_max * 0.04),
                font(15.0, s),
            )
        }))
        .map_err(err)?;
    chart
        .configure_series_labels()
        .position(SeriesLabelPosition::UpperRight)
        .legend_area_size((26.0 * s) as u32)
        .margin((12.0 * s) as u32)
        .background_style(WHITE.mix(0.9))
        .border_style(RGBColor(200, 205, 212))
        .label_font(font(13.0, s))
        .draw()
        .map_err(err)?;
    let (xr, yr) = chart.plotting_area().get_pixel_range();
    Ok(Frame {
        plot: [
            f64::from(xr.start),
            f64::from(yr.start),
            f64::from(xr.end),
            f64::from(yr.end),
        ],
        x_range: [-0.5, n as f64 + 0.7],
    })
}

pub(super) fn tornado<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    v: &ValidScenario,
    s: f64,
) -> Result<Frame, String> {
    let (base, bars) = engine::curves::tornado(v, 10);
    let n = bars.len().max(1);
    let lo = bars
        .iter()
        .flat_map(|b| [b.saving_at_low, b.saving_at_high])
        .fold(base, f64::min);
    let hi = bars
        .iter()
        .flat_map(|b| [b.saving_at_low, b.saving_at_high])
        .fold(base, f64::max);
    let pad = ((hi - lo) * 0.08).max(1.0);
    let labels = data::short_labels(
        &bars.iter().map(|b| b.label.clone()).collect::<Vec<_>>(),
        58,
    );
    let mut chart = ChartBuilder::on(root)
        .margin((16.0 * s) as u32)
        .caption(ChartKind::Tornado.title(), font(22.0, s))
        .x_label_area_size((52.0 * s) as u32)
        .y_label_area_size((470.0 * s) as u32)
        .build_cartesian_2d((lo - pad)..(hi + pad), -1.8f64..(n as f64 - 0.5))
        .map_err(err)?;
    let ylab = |y: &f64| {
        let i = y.round();
        if (y - i).abs() < 1e-6 && i >= 0.0 {
            labels.get(n - 1 - i as usize).cloned().unwrap_or_default()
        } else {
            String::new()
        }
    };
    chart
        .configure_mesh()
        .disable_y_mesh()
        .y_labels(n * 2 + 1)
        .x_labels(8)
        .y_label_formatter(&ylab)
        .x_label_formatter(&|x| short_money(*x))
        .x_desc(format!(
            "monthly saving of the best self-hosted option vs the baseline tier ({})",
            crate::format::code()
        ))
        .label_style(font(13.0, s))
        .axis_desc_style(font(15.0, s))
        .light_line_style(RGBColor(236, 238, 241))
        // One faint line between labelled ones, not plotters' ten: the page builds each
        // line as an element on every edit.
        .max_light_lines(1)
        .draw()
        .map_err(err)?;
    let low_c = RGBColor(207, 34, 46);
    let high_c = RGBColor(26, 127, 55);
    chart
        .draw_series(bars.iter().enumerate().flat_map(|(i, b)| {
            let y = (n - 1 - i) as f64;
            [
                Rectangle::new(
                    [
                        (base.min(b.saving_at_low), y - 0.32),
                        (base.max(b.saving_at_low), y + 0.32),
                    ],
                    low_c.mix(0.75).filled(),
                ),
                Rectangle::new(
                    [
                        (base.min(b.saving_at_high), y - 0.32),
                        (base.max(b.saving_at_high), y + 0.32),
                    ],
                    high_c.mix(0.75).filled(),
                ),
            ]
        }))
        .map_err(err)?;
    chart
        .draw_series(LineSeries::new(
            vec![(base, -0.6), (base, n as f64 - 0.5)],
            BLACK.stroke_width((1.5 * s) as u32),
        ))
        .map_err(err)?;
    chart
        .draw_series(std::iter::empty::<Rectangle<(f64, f64)>>())
        .map_err(err)?
        .label("input at its low value")
        .legend(move |(x, y)| Rectangle::new([(x, y - 6), (x + 14, y + 6)], low_c.filled()));
    chart
        .draw_series(std::iter::empty::<Rectangle<(f64, f64)>>())
        .map_err(err)?
        .label("input at its high value")
        .legend(move |(x, y)| Rectangle::new([(x, y - 6), (x + 14, y + 6)], high_c.filled()));
    chart
        .configure_series_labels()
        .position(SeriesLabelPosition::LowerRight)
        .legend_area_size((26.0 * s) as u32)
        .margin((12.0 * s) as u32)
        .background_style(WHITE.mix(0.9))
        .border_style(RGBColor(200, 205, 212))
        .label_font(font(13.0, s))
        .draw()
        .map_err(err)?;
    if bars.is_empty() {
        root.draw(&Text::new(
            "No input moves the saving (no self-hosted option or no API tier).",
            ((40.0 * s) as i32, (80.0 * s) as i32),
            font(16.0, s),
        ))
        .map_err(err)?;
    }
    let (xr, yr) = chart.plotting_area().get_pixel_range();
    Ok(Frame {
        plot: [
            f64::from(xr.start),
            f64::from(yr.start),
            f64::from(xr.end),
            f64::from(yr.end),
        ],
        x_range: [lo - pad, hi + pad],
    })
}
