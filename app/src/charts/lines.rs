//! The line charts: monthly cost against volume (with replica steps, crossings and
//! the uncertainty band) and cumulative cost over the horizon.

use super::data::{self, Line};
use super::legend::{self, Plot};
use super::paint::{err, font, rgb, Ctx, Extra, Frame};
use crate::dto::ChartKind;
use crate::format::{short_money, short_volume};
use engine::{Evaluation, ValidScenario};
use plotters::coord::Shift;
use plotters::prelude::*;

// One function draws every line chart; its arguments are the chart's parts.
#[allow(clippy::too_many_arguments)]
fn draw_lines<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    title: &str,
    x: (f64, f64),
    y_max: f64,
    x_desc: &str,
    x_fmt: &dyn Fn(&f64) -> String,
    lines: &[Line],
    s: f64,
    extra: &Extra<'_, DB>,
    map_x: &dyn Fn(f64) -> f64,
    // What else the legend must not cover (axis units, mapped): markers, labels.
    marks: &[(usize, Vec<(f64, f64)>)],
) -> Result<Frame, String> {
    let mut chart = ChartBuilder::on(root)
        .margin((16.0 * s) as u32)
        .caption(title, font(22.0, s))
        .x_label_area_size((52.0 * s) as u32)
        .y_label_area_size((84.0 * s) as u32)
        .build_cartesian_2d(x.0..x.1, 0f64..y_max)
        .map_err(err)?;
    chart
        .configure_mesh()
        .x_labels(8)
        .y_labels(8)
        .x_desc(x_desc)
        .y_desc(format!("{} / month", crate::format::code()))
        .x_label_formatter(x_fmt)
        .y_label_formatter(&|y| short_money(*y))
        .label_style(font(14.0, s))
        .axis_desc_style(font(16.0, s))
        .light_line_style(RGBColor(236, 238, 241))
        // One faint line between labelled ones, not plotters' ten: the page builds each
        // line as an element on every edit.
        .max_light_lines(1)
        .bold_line_style(RGBColor(214, 219, 225))
        .draw()
        .map_err(err)?;
    for l in lines.iter().filter(|l| !l.hidden) {
        if let Some((lo, hi)) = &l.band {
            let poly: Vec<(f64, f64)> = lo
                .iter()
                .map(|(a, b)| (map_x(*a), *b))
                .chain(hi.iter().rev().map(|(a, b)| (map_x(*a), *b)))
                .collect();
            chart
                .draw_series(std::iter::once(Polygon::new(
                    poly,
                    rgb(l.color).mix(0.14).filled(),
                )))
                .map_err(err)?;
        }
    }
    for l in lines.iter().filter(|l| !l.hidden) {
        let color = rgb(l.color);
        chart
            .draw_series(LineSeries::new(
                l.points.iter().map(|(a, b)| (map_x(*a), *b)),
                color.stroke_width((2.5 * s).max(1.0) as u32),
            ))
            .map_err(err)?
            .label(l.name.clone())
            .legend(move |(lx, ly)| {
                PathElement::new(
                    vec![(lx, ly), (lx + (22.0 * s) as i32, ly)],
                    color.stroke_width((3.0 * s) as u32),
                )
            });
    }
    extra(&mut chart)?;
    let (xr, yr) = chart.plotting_area().get_pixel_range();
    let px = (f64::from(xr.end - xr.start), f64::from(yr.end - yr.start));
    let plot = Plot {
        x,
        y_max,
        px,
        s,
        map_x,
    };
    chart
        .configure_series_labels()
        .position(legend::corner(lines, marks, &plot))
        .legend_area_size((34.0 * s) as u32)
        .margin((12.0 * s) as u32)
        // Opaque: whatever the corner still covers is hidden, not drawn through the text.
        .background_style(WHITE)
        .border_style(RGBColor(200, 205, 212))
        .label_font(font(14.0, s))
        .draw()
        .map_err(err)?;
    Ok(Frame {
        plot: [
            f64::from(xr.start),
            f64::from(yr.start),
            f64::from(xr.end),
            f64::from(yr.end),
        ],
        x_range: [x.0, x.1],
    })
}

pub(super) fn break_even<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    d: &data::BreakEvenData,
    s: f64,
) -> Result<Frame, String> {
    let log = d.log_x;
    let map_x = move |x: f64| if log { x.max(1e-9).log10() } else { x };
    let unmap = move |u: f64| if log { 10f64.powf(u) } else { u };
    let (x0, x1) = (
        map_x(d.x_min.max(if log { 1e-9 } else { 0.0 })),
        map_x(d.x_max),
    );
    let y_max = d
        .lines
        .iter()
        .filter(|l| !l.hidden)
        .flat_map(|l| {
            l.points
                .iter()
                .map(|p| p.1)
                .chain(l.band.iter().flat_map(|b| b.1.iter().map(|p| p.1)))
        })
        .fold(1.0f64, f64::max)
        * 1.08;
    let extra = |chart: &mut Ctx<'_, DB>| -> Result<(), String> {
        let now = map_x(d.current_x);
        chart
            .draw_series(LineSeries::new(
                vec![(now, 0.0), (now, y_max)],
                RGBColor(91, 102, 115).stroke_width((1.5 * s) as u32),
            ))
            .map_err(err)?;
        chart
            .draw_series(std::iter::once(
                EmptyElement::at((now, y_max))
                    + Text::new(
                        format!("now: {}", short_volume(d.current_x)),
                        ((6.0 * s) as i32, (4.0 * s) as i32),
                        font(14.0, s),
                    ),
            ))
            .map_err(err)?;
        for c in &d.crossings {
            let color = rgb(c.color);
            let r = (5.0 * s) as i32;
            chart
                .draw_series(std::iter::once(
                    EmptyElement::at((map_x(c.x), c.y))
                        + Circle::new((0, 0), r, color.filled())
                        + Circle::new((0, 0), r, BLACK.stroke_width(1))
                        + Text::new(
                            c.label.clone(),
                            ((6.0 * s) as i32, (-20.0 * s) as i32),
                            font(13.0, s),
                        ),
                ))
                .map_err(err)?;
        }
        Ok(())
    };
    let x_fmt = move |u: &f64| short_volume(unmap(*u));
    // The "now" line and its label at the top, the crossings and their labels.
    let now = map_x(d.current_x);
    let step = (x1 - x0) / 50.0;
    let mut marks = vec![
        (legend::MARKER, vec![(now, 0.0), (now, y_max)]),
        (
            legend::LABEL,
            vec![(now, y_max * 0.97), (now + 8.0 * step, y_max * 0.97)],
        ),
    ];
    for c in &d.crossings {
        let (x, y) = (map_x(c.x), c.y + y_max * 0.05);
        marks.push((
            legend::LABEL,
            vec![(x - step / 2.0, y), (x + 4.0 * step, y)],
        ));
    }
    draw_lines(
        root,
        ChartKind::BreakEven.title(),
        (x0, x1),
        y_max,
        d.x_label,
        &x_fmt,
        &d.lines,
        s,
        &extra,
        &map_x,
        &marks,
    )
}

pub(super) fn cumulative<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    v: &ValidScenario,
    e: &Evaluation,
    s: f64,
) -> Result<Frame, String> {
    let c = data::cumulative(v, e);
    let months = e.projection.months as f64;
    let y_max = c
        .lines
        .iter()
        .flat_map(|l| l.points.iter().map(|p| p.1))
        .fold(1.0, f64::max)
        * 1.08;
    let payback = c.payback.clone();
    let extra = |chart: &mut Ctx<'_, DB>| -> Result<(), String> {
        if let Some((m, name)) = &payback {
            let x = f64::from(*m);
            chart
                .draw_series(LineSeries::new(
                    vec![(x, 0.0), (x, y_max)],
                    // A neutral ink: no series owns this colour, so the marker is never
                    // read as one of them (its label names the configuration).
                    {
                        let (r, g, b) = data::PAYBACK_COLOR;
                        RGBColor(r, g, b).stroke_width((2.0 * s) as u32)
                    },
                ))
                .map_err(err)?;
            chart
                .draw_series(std::iter::once(
                    EmptyElement::at((x, 0.0))
                        + Text::new(
                            format!("payback: month {m} ({name})"),
                            ((8.0 * s) as i32, (-26.0 * s) as i32),
                            font(14.0, s),
                        ),
                ))
                .map_err(err)?;
        }
        Ok(())
    };
    let id = |x: f64| x;
    // The payback line and its label along the bottom.
    let span = months.max(2.0) - 1.0;
    let marks: Vec<(usize, Vec<(f64, f64)>)> = payback
        .iter()
        .flat_map(|(m, _)| {
            let x = f64::from(*m);
            [
                (legend::MARKER, vec![(x, 0.0), (x, y_max)]),
                (
                    legend::LABEL,
                    vec![(x, y_max * 0.06), (x + span / 3.0, y_max * 0.06)],
                ),
            ]
        })
        .collect();
    draw_lines(
        root,
        ChartKind::Cumulative.title(),
        (1.0, months.max(2.0)),
        y_max,
        "month (self-hosted as cash: purchases up front)",
        &|x: &f64| format!("{x:.0}"),
        &c.lines,
        s,
        &extra,
        &id,
        &marks,
    )
}
