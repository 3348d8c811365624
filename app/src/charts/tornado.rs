//! The sensitivity tornado: what moves the monthly saving, one row per input.

use super::key;
use super::paint::{err, font, Frame};
use crate::dto::ChartKind;
use crate::format::short_money;
use engine::ValidScenario;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

/// Drawings narrower than this (a phone's screen) put each input's name on its own line.
pub(super) const STACKED_BELOW: f64 = 600.0;

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
    // A drawing for a phone's screen gives each label its own line over its bar, the
    // plot's whole width, where a column beside the bars would cut most of them.
    let width = f64::from(root.dim_in_pixel().0);
    let stacked = width < STACKED_BELOW;
    let style = font(13.0, s);
    let measure = |t: &str| key::text_width(root, t, &style);
    let widest = bars.iter().map(|b| measure(&b.label)).fold(0.0, f64::max);
    let label_area = if stacked {
        12.0 * s
    } else {
        (widest + 20.0 * s).clamp(60.0 * s, 0.52 * width)
    };
    let label_room = if stacked {
        width - label_area - 40.0 * s
    } else {
        label_area - 20.0 * s
    };
    // On a phone a label is its input's name over its range ("(750,000 .. 1,250,000
    // calls)"): two lines, each the plot's width.
    let split = |l: &str| match l.rsplit_once(" (") {
        Some((name, range)) if stacked && range.contains(" .. ") => {
            (name.to_string(), format!("({range}"))
        }
        _ => (l.to_string(), String::new()),
    };
    let (names, ranges): (Vec<String>, Vec<String>) = bars.iter().map(|b| split(&b.label)).unzip();
    let labels = key::fit_all(&names, label_room, &measure);
    let ranges: Vec<String> = ranges
        .iter()
        .map(|r| key::fit(r, label_room, &measure))
        .collect();
    let desc_style = font(15.0, s);
    // Whose saving: the cheapest configuration that meets the baseline tier's quality,
    // against that tier (as the break-even table pairs them).
    // Under the whole chart, not only the plot: the pair's names need the width.
    let desc_room = width - 40.0 * s;
    let desc_width = |t: &str| key::text_width(root, t, &desc_style);
    let code = crate::format::code();
    // What the axis measures, and (a second line) the pair it picks with the inputs as
    // entered: at a bar's end another pair may be the cheapest. On a phone each wraps
    // to two lines rather than being cut.
    let axis_text =
        format!("monthly saving: the cheapest self-hosted option vs the baseline tier ({code})");
    let names = engine::curves::decision_names(v);
    let under: Vec<String> = if stacked {
        let pair = names.map(|(tier, config)| format!("as entered: {config} vs {tier}"));
        std::iter::once(axis_text)
            .chain(pair)
            .flat_map(|t| key::wrap(&t, desc_room, 2, &desc_width))
            .collect()
    } else {
        let pair = names.map(|(tier, config)| {
            // The configuration's name shortened, the tier's whole.
            let (head, tail) = ("as entered: ", format!(" vs {tier}"));
            let room = desc_room - desc_width(&format!("{head}{tail}"));
            let line = format!(
                "{head}{}{tail}",
                key::fit(&config, room.max(0.0), &desc_width)
            );
            key::fit(&line, desc_room, &desc_width)
        });
        std::iter::once(key::fit(&axis_text, desc_room, &desc_width))
            .chain(pair)
            .collect()
    };
    let title = key::fit_heading(
        &plot_area,
        ChartKind::Tornado.title(),
        &font(22.0, s),
        4.0 * s,
    );
    let mut chart = ChartBuilder::on(&plot_area)
        .margin((16.0 * s) as u32)
        .caption(title, font(22.0, s))
        .x_label_area_size(((36.0 + 20.0 * under.len().max(2) as f64) * s) as u32)
        .y_label_area_size(label_area as u32)
        .build_cartesian_2d((lo - pad)..(hi + pad), -0.6f64..(n as f64 - 0.4))
        .map_err(err)?;
    let ylab = |y: &f64| {
        let i = y.round();
        if !stacked && (y - i).abs() < 1e-6 && i >= 0.0 {
            labels.get(n - 1 - i as usize).cloned().unwrap_or_default()
        } else {
            String::new()
        }
    };
    chart
        .configure_mesh()
        .disable_y_mesh()
        .y_labels(if stacked { 0 } else { n * 2 + 1 })
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
    // A stacked row: its name and range in the upper part, its bars under them (in
    // the row's units: the plot's pixels per row decide how much a line takes).
    let (lift, half, line, top) = if stacked {
        let (_, yr) = chart.plotting_area().get_pixel_range();
        // The y range spans n + 0.2 rows (-0.6 .. n - 0.4).
        let row = (f64::from(yr.end - yr.start) / (n as f64 + 0.2)).max(1.0);
        let line = 15.0 * s / row;
        let (top, gap, foot) = (3.0 * s / row, 2.0 * s / row, 4.0 * s / row);
        // The bars fill what is left of the row under the two lines.
        let bar_top = 0.5 - top - 2.0 * line - gap;
        let bar_bottom = -0.5 + foot;
        let half = ((bar_top - bar_bottom) / 2.0).max(0.05);
        (-(bar_top + bar_bottom) / 2.0, half, line, top)
    } else {
        (0.0, 0.32, 0.0, 0.0)
    };
    chart
        .draw_series(bars.iter().enumerate().flat_map(|(i, b)| {
            let y = (n - 1 - i) as f64;
            let [low, high] = row_bars_at(base, b.saving_at_low, b.saving_at_high, y - lift, half);
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
                    EmptyElement::at((base, y - lift))
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
    // The names and ranges last, over the base line and the grid.
    if stacked {
        let left = lo - pad;
        chart
            .draw_series(
                labels
                    .iter()
                    .zip(&ranges)
                    .enumerate()
                    .flat_map(|(i, (l, r))| {
                        let y = (n - 1 - i) as f64 + 0.5 - top - line / 2.0;
                        // On a white ground, so the base line and the grid do not run through
                        // the words.
                        let at = |text: &str, y: f64| {
                            let (w, h) = (measure(text) + 4.0 * s, 15.0 * s);
                            EmptyElement::at((left, y))
                                + Rectangle::new(
                                    [
                                        ((2.0 * s) as i32, (-h / 2.0) as i32),
                                        ((2.0 * s + w) as i32, (h / 2.0) as i32),
                                    ],
                                    WHITE.mix(0.85).filled(),
                                )
                                + Text::new(
                                    text.to_string(),
                                    ((4.0 * s) as i32, 0),
                                    style.clone().pos(Pos::new(HPos::Left, VPos::Center)),
                                )
                        };
                        let mut v = vec![at(l, y)];
                        if !r.is_empty() {
                            v.push(at(r, y - line));
                        }
                        v
                    }),
            )
            .map_err(err)?;
    }
    let bottom = chart.plotting_area().get_pixel_range().1.end;
    for (k, line) in under.into_iter().enumerate() {
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
pub(super) fn flat_sides(base: f64, low: f64, high: f64, tiny: f64) -> [bool; 2] {
    [(low - base).abs() <= tiny, (high - base).abs() <= tiny]
}

/// One row's two bars, from the base to the saving at the input's low and at its high
/// value, as `[corner, corner]` in chart units. On opposite sides of the base each takes
/// the row's height; on the same side (the saving moves one way whichever way the input
/// goes) the low bar takes the row's upper half and the high bar its lower half, so the
/// shorter is never hidden under the longer.
#[cfg(test)]
pub(super) fn row_bars(base: f64, low: f64, high: f64, y: f64) -> [[(f64, f64); 2]; 2] {
    row_bars_at(base, low, high, y, 0.32)
}

/// [`row_bars`] centred on `y`, `half` of the row's height either side.
fn row_bars_at(base: f64, low: f64, high: f64, y: f64, half: f64) -> [[(f64, f64); 2]; 2] {
    let side = |v: f64| (v - base).partial_cmp(&0.0);
    let same_side = side(low) == side(high);
    let (low_y, high_y) = if same_side {
        ((y, y + half), (y - half, y))
    } else {
        ((y - half, y + half), (y - half, y + half))
    };
    [
        [(base.min(low), low_y.0), (base.max(low), low_y.1)],
        [(base.min(high), high_y.0), (base.max(high), high_y.1)],
    ]
}
