//! The drawn charts: SVG, PNG, the hover table against the engine.
use super::*;
use crate::dto::VolumeAxis;

/// The y of the `<text>` element whose content starts at byte `at` of `svg`.
fn text_y(svg: &str, at: usize) -> f64 {
    let tag = &svg[svg[..at].rfind("<text").expect("its text element")..at];
    tag.split(" y=\"")
        .nth(1)
        .and_then(|r| r.split('"').next())
        .and_then(|y| y.parse().ok())
        .expect("its y")
}

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

/// The line charts' legend sits under the plot, so it covers no curve, marker or
/// label; the cumulative chart's axis says what it sums.
#[test]
fn the_legend_is_under_the_plot_and_axes_say_their_units() {
    let (v, e) = setup();
    for kind in [ChartKind::BreakEven, ChartKind::Cumulative] {
        let out = svg(
            &v,
            &e,
            &ChartOptions {
                kind,
                ..ChartOptions::default()
            },
        )
        .expect("svg");
        for name in [
            "Claude Haiku 3.5",
            "RTX 4090 + Llama 3.1 8B (estimated, batched)",
        ] {
            let at = out
                .svg
                .find(&format!("\n{name}\n</text>"))
                .unwrap_or_else(|| panic!("{kind:?}: {name}"));
            let y = text_y(&out.svg, at);
            assert!(
                y > out.plot[3],
                "{kind:?}: '{name}' at y {y}, over the plot (bottom {})",
                out.plot[3]
            );
        }
        let month = out.svg.contains("USD / month");
        assert_eq!(
            month,
            kind == ChartKind::BreakEven,
            "{kind:?}: the y axis' unit"
        );
    }
}

/// The payback label sits at the plot's top, where cumulative costs have not climbed
/// yet, and a long name is shortened to the room there, not run across the curves.
#[test]
fn the_payback_label_is_at_the_top_and_fits() {
    let mut doc = engine::templates::haiku_vs_4090();
    for g in &mut doc.gpu_configs {
        g.name = format!(
            "{} in the basement rack of the second office, on a long lease",
            g.name
        );
    }
    let v = engine::validate(doc).expect("valid");
    let e = engine::evaluate(&v, Default::default());
    let out = svg(
        &v,
        &e,
        &ChartOptions {
            kind: ChartKind::Cumulative,
            ..ChartOptions::default()
        },
    )
    .expect("svg");
    let at = out.svg.find("payback: month").expect("a payback label");
    let y = text_y(&out.svg, at);
    assert!(
        y >= out.plot[1] && y < out.plot[1] + 40.0,
        "at y {y}, plot {:?}",
        out.plot
    );
    let text = out.svg[at..].split('<').next().unwrap_or("").trim();
    assert!(
        text.contains("...") && text.ends_with(')'),
        "shortened: {text}"
    );
    // On a phone's chart no part of the name fits: the month alone, not "(...)".
    let out = svg(
        &v,
        &e,
        &ChartOptions {
            kind: ChartKind::Cumulative,
            width: 330,
            ..ChartOptions::default()
        },
    )
    .expect("svg");
    let at = out.svg.find("payback: month").expect("a payback label");
    let text = out.svg[at..].split('<').next().unwrap_or("").trim();
    assert!(
        text.starts_with("payback: month ") && !text.contains('('),
        "{text}"
    );
}

#[test]
fn the_live_chart_stays_light_for_the_page_to_build() {
    // Every edit replaces the chart: with plotters' default of ten faint lines between
    // labelled ones it was 198 elements, 125 of them grid lines.
    let (v, e) = setup();
    let out = svg(&v, &e, &ChartOptions::default()).expect("svg");
    let grid = out.svg.matches("<line").count();
    let elements = out.svg.matches('<').count() - 2 * out.svg.matches("</").count();
    assert!(grid <= 30, "{grid} grid lines");
    assert!(elements <= 110, "{elements} elements");
    // An API tier costs in proportion to volume: its 256 points are one straight
    // segment (written point by point at whole pixels, it was a staircase).
    let lines: Vec<usize> = out
        .svg
        .split("<polyline")
        .skip(1)
        .filter(|p| p.contains("stroke-width=\"2\"") || p.contains("stroke-width=\"3\""))
        .map(|p| {
            p.split("points=\"").nth(1).map_or(0, |q| {
                q.split('"').next().unwrap_or("").split_whitespace().count()
            })
        })
        .collect();
    assert!(!lines.is_empty(), "the series are polylines");
    assert!(
        lines.contains(&2),
        "a straight API line is two points: {lines:?}"
    );
    assert!(lines.iter().all(|n| *n < 64), "points per line: {lines:?}");
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
    // (As the readout writes it: to the cent, or the unit from 1,000 on.)
    let engine_cost = e.api[0].monthly.value * out.hover_x[i] / 500_000.0;
    assert!(
        (api[i].expect("the API serves any volume") - engine_cost).abs() <= 0.51,
        "{} vs {engine_cost}",
        api[i].unwrap_or(f64::NAN)
    );
    assert!(
        out.hover_x.iter().all(|x| *x == x.round()),
        "volumes in whole calls"
    );
    // The slider rests at "now": the grid's volume nearest 500k, no other nearer.
    let now = out.hover_x[out.hover_now];
    assert!(
        out.hover_x
            .iter()
            .all(|x| (x - 500_000.0).abs() >= (now - 500_000.0).abs()),
        "{now}"
    );
    assert!(
        out.hover_now > 0 && (now - 500_000.0).abs() < 10_000.0,
        "{now}"
    );
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
    // "Up to" is read in the axis' unit: the chart says how many per call.
    assert_eq!(out.x_per_call, 1.0);
    let per_call = e.volume.output_tokens_per_month / e.volume.calls_per_month;
    assert!((tokens.x_per_call - per_call).abs() < 1e-9 && per_call > 1.0);
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

/// "Up to" below the scenario's volume: no "now" line at the plot's edge with its label
/// cut; a note at the right edge says the volume is past the range.
#[test]
fn now_past_the_range_is_said_at_the_edge_not_drawn_there() {
    let (v, e) = setup();
    let out = svg(&v, &e, &ChartOptions::default()).expect("svg");
    assert!(out.svg.contains("now: 500k") && !out.svg.contains("past this range"));
    let short = svg(
        &v,
        &e,
        &ChartOptions {
            max_calls: Some(100_000.0),
            ..ChartOptions::default()
        },
    )
    .expect("svg");
    assert!(
        short.svg.contains("now: 500k, past this range →"),
        "{}",
        &short.svg[..short.svg.len().min(400)]
    );
}

/// The font sizes an SVG writes, smallest first.
fn font_sizes(svg: &str) -> Vec<f64> {
    let mut sizes: Vec<f64> = svg
        .split("font-size=\"")
        .skip(1)
        .filter_map(|r| r.split('"').next()?.parse().ok())
        .collect();
    sizes.sort_by(f64::total_cmp);
    sizes
}

#[test]
fn a_chart_drawn_for_a_phone_keeps_the_type_of_the_editors_column() {
    let (v, e) = setup();
    for kind in ChartKind::ALL {
        let at = |width: u32, height: u32| {
            svg(
                &v,
                &e,
                &ChartOptions {
                    kind,
                    width,
                    height,
                    ..ChartOptions::default()
                },
            )
            .unwrap_or_else(|m| panic!("{kind:?}: {m}"))
        };
        let wide = at(960, 540);
        let phone = at(340, 420);
        let (w, p) = (font_sizes(&wide.svg), font_sizes(&phone.svg));
        // The editor shows a 960 drawing in ~700 px: its smallest type, as seen, is the
        // phone's smallest (within a pixel, as the sizes are whole numbers).
        let seen = w[0] * 700.0 / 960.0;
        assert!((p[0] - seen).abs() <= 1.0, "{kind:?}: {} vs {seen}", p[0]);
        assert!(p[0] >= 9.0, "{kind:?}: {p:?}");
        // Drawn inside its 340 x 420 (the sensitivity chart twice as tall as wide: two
        // lines over each bar): the plot and every label.
        let tall = if kind == ChartKind::Tornado { 680 } else { 420 };
        assert!(
            phone
                .svg
                .contains(&format!(r#"width="340" height="{tall}""#)),
            "{kind:?}"
        );
        assert!(phone.plot[0] >= 0.0 && phone.plot[2] <= 340.0 && phone.plot[3] <= f64::from(tall));
        assert!(
            phone.plot[2] - phone.plot[0] >= 50.0,
            "{kind:?}: a plot to read"
        );
        // Its title, without an aside in brackets a phone has no room for.
        let title = kind.title().split(" (").next().unwrap_or("");
        assert!(phone.svg.contains(title), "{kind:?}");
    }
}

/// On a phone's chart the titles and the axis' description drop their aside in brackets
/// rather than run off both edges ("hat moves ... (sensitivit", "purchases up fro").
#[test]
fn a_phones_chart_drops_the_asides_that_do_not_fit() {
    let (v, e) = setup();
    let texts = |kind: ChartKind, width: u32| {
        let out = svg(
            &v,
            &e,
            &ChartOptions {
                kind,
                width,
                ..ChartOptions::default()
            },
        )
        .expect("svg");
        out.svg
            .split("<text")
            .skip(1)
            .filter_map(|t| Some(t.split_once('>')?.1.split('<').next()?.trim().to_string()))
            .collect::<Vec<_>>()
    };
    let wide = texts(ChartKind::Tornado, 960);
    assert!(
        wide.iter().any(|t| t == ChartKind::Tornado.title()),
        "{wide:?}"
    );
    let narrow = texts(ChartKind::Tornado, 330);
    assert!(
        narrow.iter().any(|t| t == "What moves the monthly saving"),
        "{narrow:?}"
    );
    let narrow = texts(ChartKind::Cumulative, 330);
    assert!(narrow.iter().any(|t| t == "month"), "{narrow:?}");
    assert!(
        !narrow.iter().any(|t| t.contains("purchases up")),
        "{narrow:?}"
    );
}
