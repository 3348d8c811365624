//! The line charts' label placement, and labels drawn once.
use crate::charts::draw::svg;
use crate::charts::labels::{dot_box, label_place, Place};
use crate::dto::ChartOptions;

fn overlap(a: &(i32, i32, i32, i32), b: &(i32, i32, i32, i32)) -> bool {
    a.0 < b.2 && b.0 < a.2 && a.1 < b.3 && b.1 < a.3
}

const PLOT: (i32, i32, i32, i32) = (100, 50, 900, 500);

#[test]
fn crossing_labels_close_together_never_overlap() {
    let mut placed = Vec::new();
    // "370k", "462k", "518k", "586k" 20 px apart at about the same height, then one
    // far off. No dots in the way here.
    let places: Vec<Option<Place>> = [
        (300, 400),
        (320, 401),
        (340, 399),
        (360, 400),
        (365, 400),
        (700, 400),
    ]
    .into_iter()
    .map(|at| label_place(&mut placed, &[], at, 4, 1.0, PLOT))
    .collect();
    let at = |right, lift| Some(Place { right, lift });
    assert_eq!(
        places[..4],
        [at(true, 20), at(true, -8), at(true, 20), at(true, -8)],
        "right of the point: above, below, ..."
    );
    assert_eq!(
        places[4], None,
        "no room left, either side: no label over another"
    );
    assert_eq!(
        places[5],
        at(true, 20),
        "a label with room stays above, right"
    );
    for (i, a) in placed.iter().enumerate() {
        for b in &placed[i + 1..] {
            assert!(!overlap(a, b), "{a:?} and {b:?} overlap");
        }
    }
}

/// A label covers no crossing's dot and stays inside the plot: next to another dot, or
/// at the plot's right edge, it goes where there is room.
#[test]
fn a_label_covers_no_dot_and_stays_in_the_plot() {
    // A second dot just above-right of the first: the label goes below.
    let dots = [dot_box((400, 300), 5), dot_box((425, 288), 5)];
    let mut placed = Vec::new();
    let p = label_place(&mut placed, &dots, (400, 300), 4, 1.0, PLOT);
    assert_eq!(
        p,
        Some(Place {
            right: true,
            lift: -8
        })
    );
    assert!(!dots.iter().any(|d| overlap(&placed[0], d)));
    // At the right edge: left of the point.
    let p = label_place(&mut placed, &[], (890, 300), 4, 1.0, PLOT);
    assert_eq!(
        p,
        Some(Place {
            right: false,
            lift: 20
        })
    );
    assert!(placed
        .iter()
        .all(|b| b.0 >= PLOT.0 && b.2 <= PLOT.2 && b.3 <= PLOT.3));
    // Near the bottom, below is outside: above.
    let p = label_place(&mut placed, &[], (500, 495), 4, 1.0, PLOT);
    assert_eq!(p.map(|p| p.lift), Some(20));
}

/// Two crossings a few pixels apart (415k and 423k on a phone): each label sits nearer
/// its own dot than the other's, or is left out (the volume is in the table and under
/// the cursor), so neither reads as the other's.
#[test]
fn a_label_is_nearer_its_own_dot_than_any_other() {
    let (a, b) = ((400, 300), (408, 296));
    let dots = [dot_box(a, 5), dot_box(b, 5)];
    let mut placed = Vec::new();
    let near = |bx: &(i32, i32, i32, i32), (x, y): (i32, i32)| {
        let dx = (bx.0 - x).max(0).max(x - bx.2);
        let dy = (bx.1 - y).max(0).max(y - bx.3);
        dx * dx + dy * dy
    };
    for (own, other) in [(a, b), (b, a)] {
        let before = placed.len();
        if label_place(&mut placed, &dots, own, 4, 1.0, PLOT).is_some() {
            let bx = placed[before];
            assert!(
                near(&bx, own) < near(&bx, other),
                "{own:?}'s label {bx:?} is nearer {other:?}"
            );
        }
    }
    assert!(!placed.is_empty(), "one of them at least is labelled");
    // Without the other dot, the first would have taken the place right and above,
    // which is nearer the second dot.
    let mut alone = Vec::new();
    let p = label_place(&mut alone, &[dot_box(a, 5)], a, 4, 1.0, PLOT);
    assert_eq!(
        p,
        Some(Place {
            right: true,
            lift: 20
        })
    );
    assert!(near(&alone[0], b) < near(&alone[0], a));
}

/// Two tiers of one price cross a configuration at the same point: the volume is written
/// once there, not twice (a second label took the room a distinct crossing needed).
#[test]
fn a_crossing_shared_by_two_tiers_of_one_price_is_labelled_once() {
    let mut s = engine::templates::haiku_vs_4090();
    let mut twin = s.api_tiers[0].clone();
    twin.name = format!("{} (reseller)", twin.name);
    s.api_tiers.push(twin);
    let v = engine::validate(s).expect("valid");
    let e = engine::evaluate(&v, Default::default());
    let out = svg(&v, &e, &ChartOptions::default()).expect("svg");
    let d = crate::charts::data::break_even(&v, &e, &ChartOptions::default());
    let mut labels: Vec<&str> = d.crossings.iter().map(|c| c.label.as_str()).collect();
    labels.sort_unstable();
    labels.dedup();
    assert!(labels.len() > 1);
    assert!(
        !out.svg.contains(">\n\n</text>"),
        "a plain dot has no empty label"
    );
    for l in labels {
        let written = out.svg.matches(&format!(">\n{l}\n</text>")).count();
        assert!(written <= 1, "'{l}' written {written} times");
    }
}

/// Two tiers of one price draw one path: the one underneath says so in the key (its
/// colour shows nowhere on the plot); a tier of another price does not.
#[test]
fn a_line_hidden_under_another_of_the_same_costs_says_so_in_the_key() {
    let v = engine::validate(engine::templates::sonnet_vs_2xa100()).expect("valid");
    let e = engine::evaluate(&v, Default::default());
    let (a, b) = (&e.api[0].name, &e.api[1].name);
    assert_eq!(e.api[0].monthly.value, e.api[1].monthly.value, "one price");
    let out = svg(&v, &e, &ChartOptions::default()).expect("svg").svg;
    assert!(
        out.contains(&format!("{a} (under {b}: same costs)")),
        "{out}"
    );
    assert!(!out.contains(&format!("{b} (under")));
    let v = engine::validate(engine::templates::haiku_vs_4090()).expect("valid");
    let e = engine::evaluate(&v, Default::default());
    let out = svg(&v, &e, &ChartOptions::default()).expect("svg").svg;
    assert!(!out.contains("(under "), "tiers of different prices");
}

/// A log-scale volume axis is labelled 1-3-10 (1k, 3k, 10k, ...), not at half decades
/// (3.16k, 31.6k, 316k); the linear axis keeps its round values.
#[test]
fn a_log_axis_is_labelled_one_three_ten() {
    let v = engine::validate(engine::templates::haiku_vs_4090()).expect("valid");
    let e = engine::evaluate(&v, Default::default());
    let text = |o: &ChartOptions| {
        let out = svg(&v, &e, o).expect("svg");
        out.svg
            .split("</text>")
            .filter_map(|t| t.rsplit('>').next().map(|x| x.trim().to_string()))
            .collect::<Vec<_>>()
    };
    let log = text(&ChartOptions {
        log_x: true,
        ..Default::default()
    });
    for want in ["10k", "30k", "100k", "300k", "1M"] {
        assert!(log.iter().any(|t| t == want), "{want} not in {log:?}");
    }
    assert!(
        !log.iter()
            .any(|t| ["3.16k", "31.6k", "316k"].contains(&t.as_str())),
        "{log:?}"
    );
    let linear = text(&ChartOptions::default());
    for want in ["200k", "400k", "600k"] {
        assert!(linear.iter().any(|t| t == want), "{want} not in {linear:?}");
    }
}
