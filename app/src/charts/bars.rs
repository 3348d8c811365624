//! The bar charts: the cost breakdown (stacked) and the sensitivity tornado.

use super::data;
use super::key;
use super::paint::{err, font, rgb, Frame};
use crate::dto::ChartKind;
use crate::format::short_money;
use engine::{Evaluation, ValidScenario};
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

pub(super) fn tornado<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    v: &ValidScenario,
    s: f64,
) -> Result<Frame, String> {
    let (base, bars) = engine::curves::tornado(v, 10);
    let n = bars.len().max(1);
    let on_axis = super::ticks::on_axis;
    let lo = bars
        .iter()
        .flat_map(|b| [b.saving_at_low, b.saving_at_high])
        .map(on_axis)
        .fold(on_axis(base), f64::min);
    let hi = bars
        .iter()
        .flat_map(|b| [b.saving_at_low, b.saving_at_high])
        .map(on_axis)
        .fold(on_axis(base), f64::max);
    let pad = ((hi - lo) * 0.08).max(1.0);
    let low_c = RGBColor(207, 34, 46);
    let high_c = RGBColor(26, 127, 55);
    let entries = [
        key::Entry {
            name: "input at its low value",
            color: low_c,
            swatch: key::Swatch::Block,
        },
        key::Entry {
            name: "input at its high value",
            color: high_c,
            swatch: key::Swatch::Block,
        },
    ];
    let laid = key::layout(root, &entries, s);
    let (plot_area, key_area) = key::split(root, &laid);
    // Labels get the room they need, up to 52% of the width (a range carries its unit);
    // a longer one is shortened
    // in its owner's name, never in what it measures (its range goes first, on a phone).
    let width = f64::from(root.dim_in_pixel().0);
    let style = font(13.0, s);
    let measure = |t: &str| key::text_width(root, t, &style);
    let widest = bars.iter().map(|b| measure(&b.label)).fold(0.0, f64::max);
    let label_area = (widest + 20.0 * s).clamp(60.0 * s, 0.52 * width);
    let labels = key::fit_all(
        &bars.iter().map(|b| b.label.clone()).collect::<Vec<_>>(),
        label_area - 20.0 * s,
        &measure,
    );
    let desc_style = font(15.0, s);
    // Whose saving: the cheapest configuration that meets the baseline tier's quality,
    // against that tier (as the break-even table pairs them).
    // Under the whole chart, not only the plot: the pair's names need the width.
    let desc_room = width - 40.0 * s;
    let desc_width = |t: &str| key::text_width(root, t, &desc_style);
    let code = crate::format::code();
    // What the axis measures, and (a second line) the pair it picks with the inputs as
    // entered: at a bar's end another pair may be the cheapest.
    let desc = key::fit(
        &format!("monthly saving: the cheapest self-hosted option vs the baseline tier ({code})"),
        desc_room,
        &desc_width,
    );
    let pair = engine::curves::decision_names(v).map(|(tier, config)| {
        // The configuration's name shortened, the tier's whole.
        let (head, tail) = ("as entered: ", format!(" vs {tier}"));
        let room = desc_room - desc_width(&format!("{head}{tail}"));
        let line = format!(
            "{head}{}{tail}",
            key::fit(&config, room.max(0.0), &desc_width)
        );
        key::fit(&line, desc_room, &desc_width)
    });
    let title = key::fit_heading(
        &plot_area,
        ChartKind::Tornado.title(),
        &font(22.0, s),
        4.0 * s,
    );
    let mut chart = ChartBuilder::on(&plot_area)
        .margin((16.0 * s) as u32)
        .caption(title, font(22.0, s))
        .x_label_area_size((76.0 * s) as u32)
        .y_label_area_size(label_area as u32)
        .build_cartesian_2d((lo - pad)..(hi + pad), -0.6f64..(n as f64 - 0.4))
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
        // As many money labels as the plot's width holds (eight at 960, three on a phone).
        .x_labels((((width - label_area - 32.0 * s) / (55.0 * s)) as usize).clamp(3, 8))
        .y_label_formatter(&ylab)
        .x_label_formatter(&|x| short_money(*x))
        .label_style(style.clone())
        .axis_desc_style(desc_style.clone())
        .light_line_style(RGBColor(236, 238, 241))
        // One faint line between labelled ones, not plotters' ten: the page builds each
        // line as an element on every edit.
        .max_light_lines(1)
        .draw()
        .map_err(err)?;
    chart
        .draw_series(bars.iter().enumerate().flat_map(|(i, b)| {
            let y = (n - 1 - i) as f64;
            let [low, high] = row_bars(base, b.saving_at_low, b.saving_at_high, y);
            // A side with no move has no bar: a rectangle of no width is not drawn (a
            // PDF's SVG reader refuses it, and said so in the server's log).
            let wide = |r: &[(f64, f64); 2]| r[0].0 != r[1].0;
            [
                wide(&low).then(|| Rectangle::new(low, low_c.mix(0.75).filled())),
                wide(&high).then(|| Rectangle::new(high, high_c.mix(0.75).filled())),
            ]
            .into_iter()
            .flatten()
        }))
        .map_err(err)?;
    // A side that leaves the saving where it is has no bar to show: say so at the base,
    // on the side away from the other bar (an input whose high value only swaps which
    // tier is the baseline, two tiers of one price, moves nothing that way).
    let tiny = (hi - lo).abs() * 0.002;
    let low_note = font(11.0, s).color(&low_c);
    let high_note = font(11.0, s).color(&high_c);
    let grey = RGBColor(91, 102, 115);
    let flat_note = font(11.0, s).color(&grey);
    chart
        .draw_series(bars.iter().enumerate().flat_map(|(i, b)| {
            let y = (n - 1 - i) as f64;
            let [low_flat, high_flat] = flat_sides(base, b.saving_at_low, b.saving_at_high, tiny);
            // An end with no saving (nothing can be self-hosted, or nothing to compare)
            // says why, whatever the other side does; a flat side with a saving is "no
            // change", one note when both are.
            let [low_gone, high_gone] = b.no_saving;
            let side = |gone: Option<engine::curves::NoSaving>, end: &str| {
                gone.map(|g| format!("{end}: {}", g.short()))
            };
            let both_flat = low_flat && high_flat && low_gone.is_none() && high_gone.is_none();
            let notes = [
                (
                    side(low_gone, "low").or_else(|| {
                        (low_flat && (!high_flat || high_gone.is_some()))
                            .then(|| "low: no change".to_string())
                    }),
                    &low_note,
                    b.saving_at_high,
                    false,
                ),
                (
                    side(high_gone, "high").or_else(|| {
                        (high_flat && (!low_flat || low_gone.is_some()))
                            .then(|| "high: no change".to_string())
                    }),
                    &high_note,
                    b.saving_at_low,
                    true,
                ),
                (
                    both_flat.then(|| "no change either way".to_string()),
                    &flat_note,
                    base - 1.0,
                    true,
                ),
            ];
            notes
                .into_iter()
                .filter_map(|(text, style, other, high)| Some((text?, style, other, high)))
                .map(|(text, style, other, high)| {
                    // Away from the other bar; two notes at one base (a side with no
                    // saving beside a flat one) go low left, high right.
                    let right = if high { other <= base } else { other < base };
                    let dx = if right { 6.0 * s } else { -6.0 * s };
                    let pos = Pos::new(if right { HPos::Left } else { HPos::Right }, VPos::Center);
                    EmptyElement::at((base, y))
                        + Text::new(text, (dx as i32, 0), style.clone().pos(pos))
                })
                .collect::<Vec<_>>()
        }))
        .map_err(err)?;
    chart
        .draw_series(LineSeries::new(
            vec![(base, -0.6), (base, n as f64 - 0.4)],
            BLACK.stroke_width((1.5 * s) as u32),
        ))
        .map_err(err)?;
    let bottom = chart.plotting_area().get_pixel_range().1.end;
    for (k, line) in std::iter::once(desc).chain(pair).enumerate() {
        plot_area
            .draw(&Text::new(
                line,
                (
                    (width / 2.0) as i32,
                    bottom + ((30.0 + 20.0 * k as f64) * s) as i32,
                ),
                desc_style.pos(Pos::new(HPos::Center, VPos::Top)),
            ))
            .map_err(err)?;
    }
    key::draw(&key_area, &entries, &laid, s)?;
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

/// Which of a row's two sides (low, high) leaves the saving within `tiny` of the base:
/// a bar too short to see.
fn flat_sides(base: f64, low: f64, high: f64, tiny: f64) -> [bool; 2] {
    [(low - base).abs() <= tiny, (high - base).abs() <= tiny]
}

/// One row's two bars, from the base to the saving at the input's low and at its high
/// value, as `[corner, corner]` in chart units. On opposite sides of the base each takes
/// the row's height; on the same side (the saving moves one way whichever way the input
/// goes) the low bar takes the row's upper half and the high bar its lower half, so the
/// shorter is never hidden under the longer.
fn row_bars(base: f64, low: f64, high: f64, y: f64) -> [[(f64, f64); 2]; 2] {
    let side = |v: f64| (v - base).partial_cmp(&0.0);
    let same_side = side(low) == side(high);
    let (low_y, high_y) = if same_side {
        ((y, y + 0.32), (y - 0.32, y))
    } else {
        ((y - 0.32, y + 0.32), (y - 0.32, y + 0.32))
    };
    [
        [(base.min(low), low_y.0), (base.max(low), low_y.1)],
        [(base.min(high), high_y.0), (base.max(high), high_y.1)],
    ]
}

#[cfg(test)]
#[path = "bars_tests.rs"]
mod tests;
