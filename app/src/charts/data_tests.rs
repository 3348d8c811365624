//! Tests of `data.rs`: the lines, crossings, bars and hover the charts are drawn from.

use super::*;

fn setup() -> (ValidScenario, Evaluation) {
    let v = engine::validate(engine::templates::haiku_vs_4090()).expect("valid");
    let e = engine::evaluate(&v, Default::default());
    (v, e)
}

#[test]
fn fixed_replicas_line_ends_where_they_are_full() {
    let mut s = engine::templates::haiku_vs_4090();
    s.gpu_configs[0].replica_mode = engine::scenario::ReplicaMode::Fixed;
    s.gpu_configs[0].replicas = 3;
    let v = engine::validate(s).expect("valid");
    let e = engine::evaluate(&v, Default::default());
    let full = e.selfhosted[0].capacity_calls.expect("fixed");
    let o = ChartOptions {
        max_calls: Some(4.0 * full),
        ..ChartOptions::default()
    };
    let d = break_even(&v, &e, &o);
    let c0 = d.lines.iter().find(|l| l.key == "c0").expect("drawn");
    let last = c0.points.last().expect("points");
    assert!((last.0 - full).abs() <= 1e-6 * full, "{last:?} vs {full}");
    // The API line goes on to the chart's end; the hover has no cost for c0 past it.
    assert!(d.lines[0].points.last().expect("points").0 > 3.0 * full);
    let (_, ys) = &d.hover[2];
    for (x, y) in d.grid.iter().zip(ys) {
        assert_eq!(y.is_nan(), *x > full * (1.0 + 1e-9), "{x}: {y}");
    }
    // No crossing of it is marked past where its line ends.
    let c0_color = color_of(OptionRef::Config(0));
    assert!(d
        .crossings
        .iter()
        .filter(|m| m.color == c0_color)
        .all(|m| m.x <= full * (1.0 + 1e-9)));
}

#[test]
fn break_even_lines_cover_every_usable_option_with_visible_steps() {
    let (v, e) = setup();
    let d = break_even(&v, &e, &ChartOptions::default());
    assert_eq!(
        d.lines.iter().map(|l| l.key.as_str()).collect::<Vec<_>>(),
        ["t0", "t1", "c0", "c1"]
    );
    // The typed 80 tok/s config needs a replica every ~259k calls: its line has vertical steps.
    let c0 = &d.lines[2];
    let verticals = c0
        .points
        .windows(2)
        .filter(|w| w[0].0 == w[1].0 && w[1].1 > w[0].1)
        .count();
    assert!(verticals >= 3, "{verticals} steps");
    // API lines are straight through the origin.
    assert_eq!(d.lines[0].points[0], (0.0, 0.0));
    assert!(d.current_x == 500_000.0 && d.x_max > d.current_x);
    // Crossings are marked where the costs meet.
    assert!(!d.crossings.is_empty());
    for c in &d.crossings {
        assert!(c.x >= d.x_min && c.x <= d.x_max);
    }
}

#[test]
fn hidden_series_drop_from_hover_and_crossings() {
    let (v, e) = setup();
    let o = ChartOptions {
        hidden: vec!["c0".into(), "c1".into()],
        ..ChartOptions::default()
    };
    let d = break_even(&v, &e, &o);
    assert!(d.crossings.is_empty());
    assert_eq!(d.hover.len(), 2);
}

/// A configuration under the workload's quality floor is never the cheapest under
/// the cursor nor the payback the cumulative chart names, however cheap it is.
#[test]
fn an_option_under_the_quality_floor_is_never_named_the_answer() {
    let (v, e) = setup();
    let payback = cumulative(&v, &e).payback.expect("the 4090 pays back");
    let mut s = engine::templates::haiku_vs_4090();
    for t in &mut s.task_types {
        t.quality_floor = 2;
    }
    let v = engine::validate(s).expect("valid");
    let e = engine::evaluate(&v, Default::default());
    assert!(!e.meets_floor(OptionRef::Config(0)) && !e.meets_floor(OptionRef::Config(1)));
    assert_eq!(cumulative(&v, &e).payback, None, "was {payback:?}");
    let d = break_even(&v, &e, &ChartOptions::default());
    assert_eq!(d.hover.len(), d.hover_ok.len());
    let ok: Vec<(&str, bool)> = d
        .hover
        .iter()
        .map(|h| h.0.as_str())
        .zip(d.hover_ok.iter().copied())
        .collect();
    for (k, c) in e.selfhosted.iter().enumerate() {
        assert!(ok.contains(&(c.name.as_str(), false)), "config {k}: {ok:?}");
    }
}

#[test]
fn token_axis_and_log_scale() {
    let (v, e) = setup();
    let o = ChartOptions {
        axis: VolumeAxis::OutputTokens,
        log_x: true,
        max_calls: Some(5e6),
        ..ChartOptions::default()
    };
    let d = break_even(&v, &e, &o);
    assert_eq!(d.current_x, 200_000_000.0);
    assert!((d.x_max - 2e9).abs() < 1.0);
    assert!(d.x_min > 0.0);
    assert!(d.grid.windows(2).all(|w| w[1] > w[0]));
}

#[test]
fn uncertainty_band_appears_with_ranges() {
    let mut s = engine::templates::haiku_vs_4090();
    s.ranges.push(engine::scenario::InputRange {
        path: "gpu_configs[1].hosting.hourly_usd".into(),
        low: 0.34,
        high: 0.74,
    });
    let v = engine::validate(s).expect("valid");
    let e = engine::evaluate(&v, Default::default());
    let d = break_even(&v, &e, &ChartOptions::default());
    let (lo, hi) = d.lines[3].band.clone().expect("band on the ranged config");
    assert!(lo.iter().zip(&hi).all(|(a, b)| a.1 <= b.1));
    assert!(lo.iter().zip(&hi).any(|(a, b)| a.1 < b.1));
}

#[test]
fn breakdown_rows_sum_to_the_monthly_cost() {
    let (_, e) = setup();
    let rows = breakdown(&e);
    assert_eq!(rows.len(), 4);
    assert!((rows[0].1.iter().sum::<f64>() - e.api[0].monthly.value).abs() < 1e-6);
    let sh = e.selfhosted[0].monthly.as_ref().expect("usable").value;
    assert!((rows[2].1.iter().sum::<f64>() - sh).abs() < 1e-6);
}

#[test]
fn bought_hardware_and_its_facility_are_two_bars_of_the_breakdown() {
    use engine::scenario::{Hosting, OnPremPricing};
    let mut s = engine::templates::sonnet_vs_2xa100();
    s.gpu_configs[0].hosting = Hosting::OnPrem(OnPremPricing {
        gpu_price_usd: 12_000.0,
        facility_usd_per_month: 500.0,
        ..OnPremPricing::default()
    });
    let v = engine::validate(s).expect("valid");
    let e = engine::evaluate(&v, Default::default());
    let b = &e.selfhosted[0].breakdown;
    let row = breakdown(&e).pop().expect("the configuration's row").1;
    assert!(b.facility > 0.0 && b.hardware > 0.0, "{b:?}");
    assert_eq!((CATEGORIES[3].0, row[3]), ("Hardware", b.hardware));
    assert_eq!((CATEGORIES[4].0, row[4]), ("Facility", b.facility));
}
