//! The bar charts: names under their bars, sensitivity labels and rows, the key.
use crate::charts::draw::svg;
use crate::dto::{ChartKind, ChartOptions};

/// Two bars of a row on one side of the base never cover each other; on opposite
/// sides each spans the row.
#[test]
fn a_rows_low_and_high_bars_never_hide_each_other() {
    let overlap = |a: [(f64, f64); 2], b: [(f64, f64); 2]| {
        let w = (a[1].0.min(b[1].0) - a[0].0.max(b[0].0)).max(0.0);
        let h = (a[1].1.min(b[1].1) - a[0].1.max(b[0].1)).max(0.0);
        w * h
    };
    // Both savings above the base: stacked, no area shared, both visible.
    let [low, high] = crate::charts::tornado::row_bars(100.0, 180.0, 140.0, 3.0);
    assert_eq!(overlap(low, high), 0.0, "{low:?} {high:?}");
    assert_eq!((low[0].0, low[1].0), (100.0, 180.0));
    assert_eq!((high[0].0, high[1].0), (100.0, 140.0));
    assert!(low[0].1 >= 3.0 && high[1].1 <= 3.0, "low above, high below");
    // Both below.
    let [low, high] = crate::charts::tornado::row_bars(100.0, 20.0, 60.0, 0.0);
    assert_eq!(overlap(low, high), 0.0);
    // Opposite sides: each the row's full height, meeting at the base only.
    let [low, high] = crate::charts::tornado::row_bars(100.0, 60.0, 140.0, 1.0);
    for bar in [low, high] {
        assert!(
            (bar[0].1 - 0.68).abs() < 1e-9 && (bar[1].1 - 1.32).abs() < 1e-9,
            "{bar:?}"
        );
    }
    assert_eq!(overlap(low, high), 0.0);
}

/// A side that does not move the saving is named as such, not left without a bar.
#[test]
fn a_side_that_moves_nothing_is_said_not_blank() {
    assert_eq!(
        crate::charts::tornado::flat_sides(100.0, 60.0, 100.0, 0.1),
        [false, true]
    );
    assert_eq!(
        crate::charts::tornado::flat_sides(100.0, 100.05, 140.0, 0.1),
        [true, false]
    );
    assert_eq!(
        crate::charts::tornado::flat_sides(100.0, 60.0, 140.0, 0.1),
        [false, false]
    );
}

/// The article's second template with two configurations of long names, one of them
/// bought.
fn long_names() -> engine::ValidScenario {
    let mut s = engine::templates::sonnet_vs_2xa100();
    let mut other = s.gpu_configs[0].clone();
    other.name = "4x H100 SXM 80GB + Llama 3.1 70B FP8 (bought, 3-year)".into();
    s.gpu_configs[0].name = "2x A100 80GB SXM + Llama 3.1 70B Int8 (cloud, on demand)".into();
    s.gpu_configs.push(other);
    engine::validate(s).expect("valid")
}

/// The texts of an SVG with their y.
fn texts(svg: &str) -> Vec<(String, f64)> {
    svg.split("<text")
        .skip(1)
        .filter_map(|t| {
            let y = t.split(" y=\"").nth(1)?.split('"').next()?.parse().ok()?;
            let body = t.split('>').nth(1)?.split("</text").next()?.trim();
            Some((body.to_string(), y))
        })
        .collect()
}

fn chart(v: &engine::ValidScenario, kind: ChartKind) -> crate::dto::DrawnChart {
    let e = engine::evaluate(v, Default::default());
    svg(
        v,
        &e,
        &ChartOptions {
            kind,
            ..ChartOptions::default()
        },
    )
    .expect("svg")
}

#[test]
fn bar_names_wrap_under_their_bars_and_the_key_is_under_the_names() {
    let out = chart(&long_names(), ChartKind::Breakdown);
    let t = texts(&out.svg);
    let bottom = out.plot[3];
    // Each long name is under the plot, in two lines that keep its start and end.
    for (start, end) in [("2x A100", "on demand)"), ("4x H100", "3-year)")] {
        let first = t.iter().find(|(s, _)| s.starts_with(start)).expect(start);
        let last = t.iter().find(|(s, _)| s.ends_with(end)).expect(end);
        assert!(first.1 > bottom && last.1 > first.1, "{first:?} {last:?}");
    }
    // The key names the parts the bars have, under the bars' names; no hardware
    // or power is bought or burnt here.
    let names_bottom = t
        .iter()
        .filter(|(s, _)| s.ends_with("3-year)"))
        .map(|x| x.1);
    let key = t
        .iter()
        .find(|(s, _)| s == "GPU time")
        .expect("GPU time in the key");
    assert!(names_bottom.into_iter().all(|y| key.1 > y), "{key:?}");
    assert!(t.iter().any(|(s, _)| s == "API output"));
    assert!(
        !t.iter().any(|(s, _)| s == "Power" || s == "Hardware"),
        "{t:?}"
    );
    // No blank slot is left for a legend beside the bars.
    assert_eq!(out.x_range, [-0.5, 3.5]);
}

#[test]
fn sensitivity_labels_keep_their_input_and_range_and_the_key_covers_no_bar() {
    let v = long_names();
    let out = chart(&v, ChartKind::Tornado);
    let t = texts(&out.svg);
    let (_, bars) = engine::curves::tornado(&v, 10);
    assert!(bars.len() >= 4, "{bars:?}");
    for b in &bars {
        // What the input is and its range stay whole, however long the owner's name.
        let tail = b.label.rsplit(": ").next().expect("owner: what");
        let written = t
            .iter()
            .find(|(s, _)| s.ends_with(tail))
            .unwrap_or_else(|| panic!("'{tail}' not written whole: {t:?}"));
        // The owner keeps enough of its name to be told apart (not "Ag...g").
        let owner = written.0.strip_suffix(tail).unwrap_or_default();
        assert!(
            !b.label.contains(": ")
                || owner
                    .replace("...", "")
                    .trim_end_matches(": ")
                    .chars()
                    .count()
                    >= 10,
            "{written:?}"
        );
    }
    assert!(
        !t.iter().any(|(s, _)| s.contains("1.8675")),
        "ranges to three digits"
    );
    // The labels take at most 52% of the width; the plot gets the rest.
    assert!(out.plot[0] <= 0.52 * 960.0 + 24.0, "{:?}", out.plot);
    let key = t
        .iter()
        .find(|(s, _)| s == "input at its low value")
        .expect("key");
    assert!(key.1 > out.plot[3], "the key is under the plot: {key:?}");
    let desc = t
        .iter()
        .find(|(s, _)| s.starts_with("monthly saving: "))
        .expect("axis");
    // It names the pair whose saving it is: the configuration (shortened) against
    // the tier (whole).
    assert!(desc.0.ends_with("(USD)"), "{desc:?}");
    let pair = t
        .iter()
        .find(|(s, _)| s.starts_with("as entered: "))
        .expect("the pair");
    assert!(pair.0.starts_with("as entered: 2x A100"), "{pair:?}");
    assert!(pair.0.ends_with(" vs Claude Sonnet 4.6"), "{pair:?}");
    assert!(pair.1 > desc.1, "under the axis text: {pair:?}");
}

/// A latency target whose low end is below the hardware's floor: no configuration can be
/// self-hosted there. The bar stays (the input that moves the decision most, first) and
/// its flat side says why, not "no change".
#[test]
fn an_end_where_nothing_can_be_self_hosted_says_so() {
    let mut s = engine::templates::sonnet_vs_2xa100();
    s.task_types[0].ttft_p95_ms = Some(1000.0);
    s.task_types[0].tpot_p95_ms = Some(30.0);
    let v = engine::validate(s).expect("valid");
    let out = chart(&v, ChartKind::Tornado);
    let t = texts(&out.svg);
    assert!(t.iter().any(|(s, _)| s == "low: none self-hosted"), "{t:?}");
    // On its row: the bar of the target, the note at the bar's height.
    let note = t
        .iter()
        .find(|(s, _)| s == "low: none self-hosted")
        .expect("note");
    assert!(
        t.iter().any(
            |(s, y)| s.starts_with("Agent reasoning: p95 time-per-output-token target")
                && *y == note.1
        ),
        "{t:?}"
    );
}

/// No bar of no width: a side that moves nothing is said in words, and a rectangle of
/// width 0 is refused by the PDF's SVG reader (which logged it on every export).
#[test]
fn the_sensitivity_chart_draws_no_bar_of_no_width() {
    let v = engine::validate(engine::templates::sonnet_vs_2xa100()).expect("valid");
    let out = chart(&v, ChartKind::Tornado);
    let rects: Vec<&str> = out.svg.split("<rect").skip(1).collect();
    assert!(!rects.is_empty());
    for r in rects {
        assert!(
            !r.contains(" width=\"0\""),
            "<rect{}",
            &r[..r.len().min(120)]
        );
    }
}

/// On a phone's drawing each input's name gets its own line over its bars, the plot's
/// whole width, where a column beside the bars cut most names ("Agent...soning: calls a
/// month"); the axis's words and the pair wrap to two lines rather than being cut.
#[test]
fn on_a_phone_each_input_is_named_over_its_bars_and_nothing_under_is_cut() {
    let v = engine::validate(engine::templates::sonnet_vs_2xa100()).expect("valid");
    let e = engine::evaluate(&v, Default::default());
    let phone = ChartOptions {
        kind: ChartKind::Tornado,
        width: 360,
        height: 450,
        ..ChartOptions::default()
    };
    let out = svg(&v, &e, &phone).expect("svg");
    if let Ok(path) = std::env::var("BREAKEVEN_WRITE_SVG") {
        std::fs::write(path, &out.svg).expect("write");
    }
    // Drawn taller than asked: two lines and a bar a row.
    assert_eq!((out.width, out.height), (360, 720));
    let t = texts(&out.svg);
    let (_, bars) = engine::curves::tornado(&v, 10);
    assert!(bars.len() >= 4, "{bars:?}");
    // The plot starts at the left edge, not after a column of names.
    assert!(out.plot[0] < 0.12 * 360.0, "{:?}", out.plot);
    let row = (out.plot[3] - out.plot[1]) / bars.len() as f64;
    for (i, b) in bars.iter().enumerate() {
        // Its name over its range, each whole.
        let (name, range) = b.label.rsplit_once(" (").expect("a range");
        let range = format!("({range}");
        // The first such words at or under `from` (two rows can have one range).
        let find = |want: &str, from: f64| {
            t.iter()
                .find(|(s, y)| s == want && *y >= from)
                .unwrap_or_else(|| panic!("'{want}' not written whole: {t:?}"))
                .1
        };
        let y_name = find(name, out.plot[1] + row * i as f64);
        let y_range = find(&range, y_name);
        // In its own row, in its upper part (the bars are under them; y is where the
        // words stand).
        let top = out.plot[1] + row * i as f64;
        assert!(
            y_name > top && y_name < y_range && y_range < top + 0.7 * row,
            "{}: y {y_name}, {y_range}, row {top}..{}",
            b.label,
            top + row
        );
    }
    let under: Vec<&(String, f64)> = t.iter().filter(|(_, y)| *y > out.plot[3]).collect();
    assert!(
        under.iter().any(|(s, _)| s.starts_with("monthly saving:")),
        "{under:?}"
    );
    assert!(
        under.iter().any(|(s, _)| s.contains("Claude Sonnet 4.6")),
        "{under:?}"
    );
    assert!(!under.iter().any(|(s, _)| s.contains("...")), "{under:?}");
    // The same chart on a laptop keeps its column of names.
    let wide = chart(&v, ChartKind::Tornado);
    assert!(wide.plot[0] > 0.2 * 960.0, "{:?}", wide.plot);
}
