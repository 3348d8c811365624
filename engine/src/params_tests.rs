//! Paths, labels and units of the numeric inputs.
use super::*;
use crate::templates;

#[test]
fn paths_round_trip() {
    let s = templates::haiku_vs_4090();
    for p in Param::all(&s) {
        assert_eq!(Param::parse(&p.path(), &s), Some(p), "{}", p.path());
    }
    assert_eq!(Param::parse("gpu_configs[9].idle_overhead", &s), None);
    assert_eq!(
        Param::parse("gpu_configs[0].hosting.gpu_price_usd", &s),
        None,
        "cloud config has no purchase price"
    );
}

/// Every input's range names its unit once, shares as percentages, and no label
/// is a Rust variant's name ("Cached").
#[test]
fn ranges_read_with_their_units() {
    let mut s = templates::haiku_vs_4090();
    s.task_types[0].name = "chat".into();
    let cached = Param::Task(0, TaskField::Cached);
    assert_eq!(cached.label(&s), "chat: cached input share");
    assert_eq!(cached.range_text(0.225, 0.375), "22.5% .. 37.5%");
    assert_eq!(cached.value_text(0.3), "30%");
    let growth = Param::Task(0, TaskField::Growth);
    assert_eq!(growth.range_text(0.03, 0.05), "3% .. 5%/month");
    let peak = Param::Task(0, TaskField::Peak);
    assert_eq!(peak.range_text(1.0, 1.25), "1x .. 1.25x");
    let calls = Param::Task(0, TaskField::Calls);
    assert_eq!(
        calls.range_text(375_000.0, 625_000.0),
        "375,000 .. 625,000 calls"
    );
    let price = Param::Tier(0, TierField::Output);
    assert_eq!(price.range_text(11.25, 18.75), "11.3 .. 18.8 USD/Mtok");
    // Three digits that read the same at both ends fall back to every digit.
    let hourly = Param::Config(0, ConfigField::Hourly);
    assert_eq!(
        hourly.range_text(0.4401, 0.4404),
        "0.4401 .. 0.4404 USD/GPU-hour"
    );
    for p in Param::all(&s) {
        let label = p.label(&s);
        assert!(
            !["Cached", "Batch", "Peak", "Growth", "$"]
                .iter()
                .any(|w| label.contains(w)),
            "{label}"
        );
        let (k, unit) = p.unit();
        assert!(k > 0.0 && !unit.trim().is_empty(), "{}", p.path());
    }
}

/// A latency target the task type sets is an input like the others (ranged, swung by
/// the sensitivity chart); one it does not set is none.
#[test]
fn a_latency_target_is_an_input_where_it_is_set() {
    let mut s = templates::haiku_vs_4090();
    let ttft = Param::Task(0, TaskField::TtftTarget);
    assert!(!Param::all(&s).contains(&ttft), "no target, no input");
    assert_eq!(Param::parse("task_types[0].ttft_p95_ms", &s), None);
    s.task_types[0].ttft_p95_ms = Some(800.0);
    s.task_types[0].name = "chat".into();
    assert!(Param::all(&s).contains(&ttft));
    assert!(!Param::all(&s).contains(&Param::Task(0, TaskField::TpotTarget)));
    assert_eq!(Param::parse("task_types[0].ttft_p95_ms", &s), Some(ttft));
    assert_eq!(ttft.path(), "task_types[0].ttft_p95_ms");
    assert_eq!(ttft.label(&s), "chat: p95 time-to-first-token target");
    assert_eq!(ttft.range_text(600.0, 1000.0), "600 .. 1,000 ms");
    assert_eq!(ttft.get(&s), 800.0);
    ttft.set(&mut s, 500.0);
    assert_eq!(s.task_types[0].ttft_p95_ms, Some(500.0));
    ttft.set(&mut s, -5.0);
    assert!(
        s.task_types[0].ttft_p95_ms.is_some_and(|t| t > 0.0),
        "clamped above 0"
    );
}

/// A target cleared takes its range with it, and only its own: the scenario stays valid.
#[test]
fn a_cleared_target_takes_its_range_with_it() {
    let mut s = templates::haiku_vs_4090();
    s.set_targets(0, Some(800.0), Some(40.0));
    for (path, lo, hi) in [
        ("task_types[0].ttft_p95_ms", 600.0, 1000.0),
        ("task_types[0].tpot_p95_ms", 30.0, 50.0),
        ("task_types[0].calls_per_month", 400_000.0, 600_000.0),
    ] {
        s.ranges.push(crate::scenario::InputRange {
            path: path.into(),
            low: lo,
            high: hi,
        });
    }
    assert!(crate::validate(s.clone()).is_ok());
    assert!(s.set_targets(0, None, Some(40.0)), "a range went");
    let paths: Vec<&str> = s.ranges.iter().map(|r| r.path.as_str()).collect();
    assert_eq!(
        paths,
        ["task_types[0].tpot_p95_ms", "task_types[0].calls_per_month"]
    );
    assert!(crate::validate(s.clone()).is_ok(), "still valid");
    assert!(!s.set_targets(0, None, Some(45.0)), "nothing more to drop");
}
