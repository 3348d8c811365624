//! Tests of `draw.rs`: every chart drawn in bounded time on extreme inputs.
use super::*;

/// The most extreme inputs validation takes, together (a trillion calls of a trillion
/// output tokens, a peak 1,000 times the average, 1% utilisation, a token a minute):
/// every chart is drawn, its axes bounded. Before the fields were capped, a peak of 1e308
/// made plotters' key points on an axis to infinity loop for good.
#[test]
fn extreme_valid_inputs_draw_every_chart_in_bounded_time() {
    use engine::scenario::ThroughputSource;
    let mut s = engine::templates::haiku_vs_4090();
    s.task_types[0].calls_per_month = 1e12;
    s.task_types[0].output_tokens = 1e12;
    s.task_types[0].peak_to_average = 1_000.0;
    s.gpu_configs[0].target_utilisation = 0.01;
    s.gpu_configs[0].throughput = ThroughputSource::Typed {
        output_tokens_per_s: 1.0 / 60.0,
    };
    let v = engine::validate(s).expect("extreme but valid");
    let e = engine::evaluate(&v, Default::default());
    for kind in [
        ChartKind::BreakEven,
        ChartKind::Breakdown,
        ChartKind::Cumulative,
        ChartKind::Tornado,
    ] {
        let o = ChartOptions {
            kind,
            ..ChartOptions::default()
        };
        let out = svg(&v, &e, &o).unwrap_or_else(|m| panic!("{kind:?}: {m}"));
        assert!(out.svg.starts_with("<svg"), "{kind:?}");
    }
}

/// A money axis stops at a quadrillion a month, whatever it is given.
#[test]
fn a_money_axis_is_bounded() {
    use crate::charts::ticks::{axis_top, on_axis, AXIS_LIMIT};
    assert_eq!(
        axis_top([f64::INFINITY, f64::NAN, 1e308].into_iter(), 1.08),
        AXIS_LIMIT
    );
    assert_eq!(axis_top([10.0, f64::INFINITY].into_iter(), 2.0), 20.0);
    assert_eq!(axis_top(std::iter::empty(), 1.5), 1.5);
    assert_eq!(on_axis(f64::NEG_INFINITY), -AXIS_LIMIT);
    assert_eq!(on_axis(f64::NAN), 0.0);
    assert_eq!(on_axis(12.5), 12.5);
}
