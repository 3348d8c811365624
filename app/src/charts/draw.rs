//! Painting chart data with plotters. One generic drawing per chart, so the SVG in the
//! page and the PNG export are the same picture. The font is embedded (DejaVu Sans):
//! a PNG has identical text on any machine.

use super::bars::{breakdown, tornado};
use super::data::{self, hex, short_money, short_volume, Line, Rgb};
use crate::dto::{ChartKind, ChartOptions, ChartOut, LegendEntry};
use engine::{Evaluation, ValidScenario};
use plotters::coord::Shift;
use plotters::prelude::*;
use std::sync::OnceLock;

static FONT: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans.ttf");

/// Registers the embedded font once; every drawing (SVG too) needs it.
fn ensure_font() -> Result<(), String> {
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

type Ctx<'a, DB> = ChartContext<
    'a,
    DB,
    Cartesian2d<plotters::coord::types::RangedCoordf64, plotters::coord::types::RangedCoordf64>,
>;
/// Marks drawn on top of the lines (current volume, crossings, payback).
type Extra<'e, DB> = dyn Fn(&mut Ctx<'_, DB>) -> Result<(), String> + 'e;

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
    legend_at: SeriesLabelPosition,
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
        .y_desc("USD / month")
        .x_label_formatter(x_fmt)
        .y_label_formatter(&|y| short_money(*y))
        .label_style(font(14.0, s))
        .axis_desc_style(font(16.0, s))
        .light_line_style(RGBColor(236, 238, 241))
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
    chart
        .configure_series_labels()
        .position(legend_at)
        .legend_area_size((34.0 * s) as u32)
        .margin((12.0 * s) as u32)
        .background_style(WHITE.mix(0.9))
        .border_style(RGBColor(200, 205, 212))
        .label_font(font(14.0, s))
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
        x_range: [x.0, x.1],
    })
}

fn break_even<DB: DrawingBackend>(
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
        SeriesLabelPosition::LowerRight,
    )
}

fn cumulative<DB: DrawingBackend>(
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
                    RGBColor(26, 127, 55).stroke_width((2.0 * s) as u32),
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
        SeriesLabelPosition::UpperLeft,
    )
}

fn draw<DB: DrawingBackend>(
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

/// The chart as SVG, with what the page needs for hover and legend.
pub fn svg(v: &ValidScenario, e: &Evaluation, o: &ChartOptions) -> Result<ChartOut, String> {
    ensure_font()?;
    let (w, h) = (o.width.clamp(320, 3840), o.height.clamp(240, 2160));
    let mut buf = String::new();
    let (frame, d) = draw(
        SVGBackend::with_string(&mut buf, (w, h)).into_drawing_area(),
        v,
        e,
        o,
        1.0,
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
    let (hover_x, hover_series, x_label) = match d {
        Some(d) => (d.grid, d.hover, d.x_label.to_string()),
        None => (Vec::new(), Vec::new(), String::new()),
    };
    Ok(ChartOut {
        svg: buf,
        plot: frame.plot,
        x_range: frame.x_range,
        log_x: o.log_x && o.kind == ChartKind::BreakEven,
        legend,
        hover_x,
        hover_series,
        x_label,
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
mod tests {
    use super::*;
    use crate::dto::VolumeAxis;

    fn setup() -> (ValidScenario, Evaluation) {
        let mut s = engine::templates::haiku_vs_4090();
        s.ranges.push(engine::scenario::InputRange {
            path: "gpu_configs[1].hosting.hourly_usd".into(),
            low: 0.34,
            high: 0.74,
        });
        let v = engine::validate(s).expect("valid");
        let e = engine::evaluate(&v, Default::default());
        (v, e)
    }

    #[test]
    fn every_chart_renders_valid_svg_with_its_series_labels() {
        let (v, e) = setup();
        for kind in ChartKind::ALL {
            let out = svg(
                &v,
                &e,
                &ChartOptions {
                    kind,
                    ..ChartOptions::default()
                },
            )
            .unwrap_or_else(|m| panic!("{kind:?}: {m}"));
            assert!(
                out.svg.starts_with("<svg") && out.svg.trim_end().ends_with("</svg>"),
                "{kind:?}"
            );
            assert!(out.svg.contains(kind.title()), "{kind:?} has its title");
            let expected: Vec<&str> = match kind {
                ChartKind::BreakEven | ChartKind::Cumulative => vec![
                    "Claude Haiku 3.5",
                    "Claude Haiku 4.5",
                    "RTX 4090 + Llama 3.1 8B (estimated, batched)",
                ],
                ChartKind::Breakdown => vec!["GPU time", "People", "API output"],
                ChartKind::Tornado => vec!["input at its low value", "USD"],
            };
            for label in expected {
                assert!(out.svg.contains(label), "{kind:?} lacks '{label}'");
            }
            assert!(out.plot[2] > out.plot[0] && out.plot[3] > out.plot[1]);
        }
    }

    #[test]
    fn break_even_svg_marks_now_and_crossings_and_the_hover_table_matches_the_engine() {
        let (v, e) = setup();
        let out = svg(&v, &e, &ChartOptions::default()).expect("svg");
        assert!(out.svg.contains("now: 500k"));
        assert!(out.svg.contains("<circle"), "crossing markers");
        assert_eq!(out.legend.len(), 4);
        assert_eq!(out.hover_series.len(), 4);
        // The API line under the cursor is the engine's cost: linear through the origin.
        let (_, api) = &out.hover_series[0];
        let i = out.hover_x.len() / 2;
        assert!((api[i] - e.api[0].monthly.value * out.hover_x[i] / 500_000.0).abs() < 1e-6);
        let tokens = svg(
            &v,
            &e,
            &ChartOptions {
                axis: VolumeAxis::OutputTokens,
                log_x: true,
                ..ChartOptions::default()
            },
        )
        .expect("svg");
        assert!(tokens.log_x && tokens.svg.contains("output tokens / month"));
    }

    #[test]
    fn png_decodes_to_the_requested_size() {
        let (v, e) = setup();
        for (scale, w, h) in [(1u32, 1920u32, 1080u32), (2, 3840, 2160)] {
            let bytes = png(
                &v,
                &e,
                &ChartOptions {
                    width: 1920,
                    height: 1080,
                    ..ChartOptions::default()
                },
                scale,
            )
            .expect("png");
            if let Ok(dir) = std::env::var("BREAKEVEN_DUMP_CHARTS") {
                let _ = std::fs::write(format!("{dir}/break-even-{scale}x.png"), &bytes);
                for kind in ChartKind::ALL {
                    if let Ok(b) = png(
                        &v,
                        &e,
                        &ChartOptions {
                            kind,
                            width: 1920,
                            height: 1080,
                            ..ChartOptions::default()
                        },
                        1,
                    ) {
                        let _ = std::fs::write(format!("{dir}/{}.png", kind.slug()), b);
                    }
                }
            }
            let decoder = png::Decoder::new(std::io::Cursor::new(bytes));
            let reader = decoder.read_info().expect("a PNG");
            assert_eq!((reader.info().width, reader.info().height), (w, h));
        }
    }
}
