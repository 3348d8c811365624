//! The line charts: monthly cost against volume (with replica steps, crossings and
//! the uncertainty band) and cumulative cost over the horizon.

use super::data::{self, Line};
use super::key;
use super::labels::{dot_box, label_place, Label, Place};
use super::paint::{err, font, rgb, Ctx, Extra, Frame};
use super::simplify::simplify;
use crate::dto::ChartKind;
use crate::format::{short_money, short_volume};
use engine::{Evaluation, ValidScenario};
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

// One function draws every line chart; its arguments are the chart's parts.
#[allow(clippy::too_many_arguments)]
fn draw_lines<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    title: &str,
    x: (f64, f64),
    y_max: f64,
    (x_desc, y_desc): (&str, &str),
    x_fmt: &dyn Fn(&f64) -> String,
    lines: &[Line],
    s: f64,
    extra: &Extra<'_, DB>,
    map_x: &dyn Fn(f64) -> f64,
    log_x: bool,
) -> Result<Frame, String> {
    // The key goes under the plot, in rows: it covers no curve, marker or label. A line
    // drawn over by a later one of the same costs says so, or its key would show a
    // colour the plot does not.
    let shown: Vec<&Line> = lines.iter().filter(|l| !l.hidden).collect();
    let names: Vec<String> = shown
        .iter()
        .enumerate()
        .map(
            |(i, l)| match shown[i + 1..].iter().rev().find(|o| same_path(l, o)) {
                Some(o) => format!("{} (under {}: same costs)", l.name, o.name),
                None => l.name.clone(),
            },
        )
        .collect();
    let entries: Vec<key::Entry<'_>> = shown
        .iter()
        .zip(&names)
        .map(|(l, name)| key::Entry {
            name,
            color: rgb(l.color),
            swatch: key::Swatch::Line,
        })
        .collect();
    let laid = key::layout(root, &entries, s);
    let (plot_area, key_area) = key::split(root, &laid);
    let title = key::fit_heading(&plot_area, title, &font(22.0, s), 4.0 * s);
    // The description runs under the plot, right of the y labels.
    let x_desc = key::fit_heading(&plot_area, x_desc, &font(16.0, s), 132.0 * s);
    let mut chart = ChartBuilder::on(&plot_area)
        .margin((16.0 * s) as u32)
        .caption(title, font(22.0, s))
        .x_label_area_size((52.0 * s) as u32)
        .y_label_area_size((84.0 * s) as u32)
        .build_cartesian_2d(super::ticks::x_coord(x.0, x.1, log_x), 0f64..y_max)
        .map_err(err)?;
    chart
        .configure_mesh()
        .x_labels(8)
        .y_labels(8)
        .x_desc(x_desc.as_str())
        .y_desc(y_desc)
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
    // Pixels, unrounded: the points a reader cannot tell apart are left out.
    let (xr, yr) = chart.plotting_area().get_pixel_range();
    let to_px = |(u, v): (f64, f64)| {
        (
            f64::from(xr.start) + (u - x.0) / (x.1 - x.0) * f64::from(xr.end - xr.start),
            f64::from(yr.end) - v / y_max * f64::from(yr.end - yr.start),
        )
    };
    let thin = |pts: &mut dyn Iterator<Item = &(f64, f64)>| {
        let mapped: Vec<(f64, f64)> = pts.map(|(a, b)| (map_x(*a), *b)).collect();
        simplify(&mapped, to_px, 0.3)
    };
    for l in lines.iter().filter(|l| !l.hidden) {
        if let Some((lo, hi)) = &l.band {
            let mut poly = thin(&mut lo.iter());
            poly.extend(thin(&mut hi.iter().rev()));
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
                thin(&mut l.points.iter()),
                color.stroke_width((2.5 * s).max(1.0) as u32),
            ))
            .map_err(err)?;
    }
    extra(&mut chart)?;
    key::draw(&key_area, &entries, &laid, s)?;
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

/// Whether two lines are drawn on one path: the same points, to a millionth of the
/// larger cost.
fn same_path(a: &Line, b: &Line) -> bool {
    let top = a
        .points
        .iter()
        .chain(&b.points)
        .fold(0.0f64, |m, p| m.max(p.1.abs()));
    a.points.len() == b.points.len()
        && a.points.iter().zip(&b.points).all(|(p, q)| {
            (p.0 - q.0).abs() <= 1e-9 * p.0.abs().max(1.0) && (p.1 - q.1).abs() <= 1e-6 * top
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
    let y_max = super::ticks::axis_top(
        d.lines.iter().filter(|l| !l.hidden).flat_map(|l| {
            l.points
                .iter()
                .map(|p| p.1)
                .chain(l.band.iter().flat_map(|b| b.1.iter().map(|p| p.1)))
        }),
        1.08,
    );
    let extra = |chart: &mut Ctx<'_, DB>| -> Result<(), String> {
        // "Now" as a line where the range holds it; past the range's end ("Up to" below
        // the scenario's volume), a note at the right edge that points beyond it.
        let now_label = format!("now: {}", short_volume(d.current_x));
        let (x_lo, x_hi) = (map_x(d.x_min), map_x(d.x_max));
        let now = map_x(d.current_x);
        let (at, label, right_side) = if d.current_x > d.x_max {
            (x_hi, format!("{now_label}, past this range →"), false)
        } else {
            chart
                .draw_series(LineSeries::new(
                    vec![(now, 0.0), (now, y_max)],
                    RGBColor(91, 102, 115).stroke_width((1.5 * s) as u32),
                ))
                .map_err(err)?;
            // In the range's last fifth the label goes left of the line, inside the plot.
            (now, now_label, now < x_lo + 0.8 * (x_hi - x_lo))
        };
        let (dx, h) = if right_side {
            (6.0 * s, HPos::Left)
        } else {
            (-6.0 * s, HPos::Right)
        };
        chart
            .draw_series(std::iter::once(
                EmptyElement::at((at, y_max))
                    + Text::new(
                        label,
                        (dx as i32, (4.0 * s) as i32),
                        font(14.0, s).pos(Pos::new(h, VPos::Top)),
                    ),
            ))
            .map_err(err)?;
        // A label never covers another label or a dot: beside its point, or left out.
        let mut placed: Vec<Label> = Vec::new();
        let (px, py) = chart.plotting_area().get_pixel_range();
        let plot = (px.start, py.start, px.end, py.end);
        let mut crossings: Vec<&data::Marker> = d.crossings.iter().collect();
        crossings.sort_by(|a, b| a.x.total_cmp(&b.x));
        let r = (5.0 * s) as i32;
        let dots: Vec<Label> = crossings
            .iter()
            .map(|c| dot_box(chart.backend_coord(&(map_x(c.x), c.y)), r))
            .collect();
        // Two tiers of one price cross a configuration at one point: one label says it.
        let mut said: Vec<((i32, i32), &str)> = Vec::new();
        for c in crossings {
            let color = rgb(c.color);
            let at = chart.backend_coord(&(map_x(c.x), c.y));
            let near = (3.0 * s) as i32;
            let repeat = said.iter().any(|((x, y), l)| {
                *l == c.label && (x - at.0).abs() <= near && (y - at.1).abs() <= near
            });
            said.push((at, &c.label));
            // A replica step that flips back is a plain dot: no label.
            let place = if repeat || c.label.is_empty() {
                None
            } else {
                label_place(&mut placed, &dots, at, c.label.chars().count(), s, plot)
            };
            chart
                .draw_series(std::iter::once(
                    EmptyElement::at((map_x(c.x), c.y))
                        + Circle::new((0, 0), r, color.filled())
                        + Circle::new((0, 0), r, BLACK.stroke_width(1)),
                ))
                .map_err(err)?;
            if let Some(Place { right, lift }) = place {
                let (dx, h) = if right {
                    ((6.0 * s) as i32, HPos::Left)
                } else {
                    (-(6.0 * s) as i32, HPos::Right)
                };
                chart
                    .draw_series(std::iter::once(
                        EmptyElement::at((map_x(c.x), c.y))
                            + Text::new(
                                c.label.clone(),
                                (dx, -lift),
                                font(13.0, s).pos(Pos::new(h, VPos::Top)),
                            ),
                    ))
                    .map_err(err)?;
            }
        }
        Ok(())
    };
    let x_fmt = move |u: &f64| short_volume(unmap(*u));
    draw_lines(
        root,
        ChartKind::BreakEven.title(),
        (x0, x1),
        y_max,
        (d.x_label, &format!("{} / month", crate::format::code())),
        &x_fmt,
        &d.lines,
        s,
        &extra,
        &map_x,
        log,
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
    let y_max = super::ticks::axis_top(
        c.lines.iter().flat_map(|l| l.points.iter().map(|p| p.1)),
        1.08,
    );
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
            // At the top of the plot, where cumulative costs have not climbed yet (and
            // on a white ground all the same): right of the line, or left of it past the
            // middle, so it is never cut off, and shortened to the room it has there.
            let past_middle = x > (1.0 + months.max(2.0)) / 2.0;
            let (px, _) = chart.backend_coord(&(x, y_max));
            let (xr, _) = chart.plotting_area().get_pixel_range();
            let style = font(14.0, s);
            let gap = 8.0 * s;
            // Four fifths of the way to the plot's edge: the highest curve ends at the
            // top right corner.
            let room =
                0.8 * if past_middle {
                    f64::from(px - xr.start)
                } else {
                    f64::from(xr.end - px)
                } - gap;
            let area = chart.plotting_area();
            let width = |t: &str| super::key::text_width(area, t, &style);
            // The month whole; the configuration's name shortened to what is left.
            let head = format!("payback: month {m} (");
            let left_for_name = room - width(&format!("{head})"));
            let fitted = super::key::fit(name, left_for_name.max(0.0), &width);
            // No room for any of the name: the month alone, not "(...)".
            let label = if fitted.chars().any(char::is_alphanumeric) {
                format!("{head}{fitted})")
            } else {
                format!("payback: month {m}")
            };
            let w = width(&label);
            let (left, anchor) = if past_middle {
                (-gap - w, HPos::Right)
            } else {
                (gap, HPos::Left)
            };
            let (top, h) = (6.0 * s, 18.0 * s);
            chart
                .draw_series(std::iter::once(
                    EmptyElement::at((x, y_max))
                        + Rectangle::new(
                            [
                                ((left - 3.0 * s) as i32, top as i32),
                                ((left + w + 3.0 * s) as i32, (top + h) as i32),
                            ],
                            WHITE.mix(0.85).filled(),
                        )
                        + Text::new(
                            label,
                            (
                                (if past_middle { -gap } else { gap }) as i32,
                                (top + 1.0 * s) as i32,
                            ),
                            style.pos(Pos::new(anchor, VPos::Top)),
                        ),
                ))
                .map_err(err)?;
        }
        Ok(())
    };
    let id = |x: f64| x;
    draw_lines(
        root,
        ChartKind::Cumulative.title(),
        (1.0, months.max(2.0)),
        y_max,
        (
            "month (self-hosted as cash: purchases up front)",
            // Summed since month 1: money, not money a month.
            &format!("{}, cumulative", crate::format::code()),
        ),
        &|x: &f64| format!("{x:.0}"),
        &c.lines,
        s,
        &extra,
        &id,
        false,
    )
}

#[cfg(test)]
#[path = "lines_tests.rs"]
mod tests;
