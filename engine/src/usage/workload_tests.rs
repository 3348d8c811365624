//! The measured task types: provenance, following a newer import, tiers brought in.
use super::*;
use crate::scenario::{paths::task as p, FieldOrigin};

fn group(requests: f64, input: f64) -> GroupSummary {
    GroupSummary {
        group: "claude-haiku-4-5".into(),
        start: 0,
        end: 86_400,
        days: 1.0,
        requests: Some(requests),
        tokens: super::super::Tokens::default(),
        calls_per_month: Some(requests * 30.4375),
        input_per_call: Some(input),
        output_per_call: Some(100.0),
        input_p90: None,
        output_p90: None,
        cache_read_share: 0.5,
        cache_write_share: 0.1,
        cache_counted: true,
        batch_share: None,
        peak_to_average: None,
        peak_basis: "daily buckets".into(),
        monthly_growth: None,
        growth_basis: "one day".into(),
    }
}

#[test]
fn measured_fields_follow_a_newer_import_and_typed_ones_stay() {
    let first = task_type(&group(100.0, 800.0), "a.jsonl").expect("task");
    let mut t = first.task_type.clone();
    // Haiku is quality level 1 in the catalog: measured, not a default.
    assert!(matches!(
        t.origin(p::QUALITY_FLOOR),
        FieldOrigin::Measured(_)
    ));
    assert!(
        matches!(t.origin(p::INPUT_TOKENS), FieldOrigin::Measured(m) if m.source.contains("a.jsonl"))
    );
    // Not measurable from daily data: not claimed as measured.
    assert_eq!(t.origin(p::PEAK_TO_AVERAGE), FieldOrigin::NotMeasured);
    assert!(first
        .provenance
        .iter()
        .any(|(f, why)| f == p::PEAK_TO_AVERAGE && why.starts_with("default")));
    // The user types the calls.
    t.calls_per_month = 1_000.0;
    assert!(matches!(
        t.origin(p::CALLS_PER_MONTH),
        FieldOrigin::TypedOver(_)
    ));
    let newer = task_type(&group(200.0, 1_000.0), "b.jsonl").expect("task");
    t.follow(&newer.task_type);
    assert_eq!(t.calls_per_month, 1_000.0, "typed: stays");
    assert_eq!(t.input_tokens, 1_000.0, "measured: follows");
    assert!(
        matches!(t.origin(p::INPUT_TOKENS), FieldOrigin::Measured(m) if m.source.contains("b.jsonl"))
    );
    assert!(
        matches!(t.origin(p::CALLS_PER_MONTH), FieldOrigin::TypedOver(m) if m.value == (200.0f64 * 30.4375).round())
    );
}

/// A newer file without cache columns leaves the cache shares as the earlier file
/// measured them, and says so: they were shown as the scenario's own before.
#[test]
fn a_newer_file_without_cache_counts_keeps_the_earlier_measured_share() {
    let mut t = task_type(&group(100.0, 800.0), "with-cache.csv")
        .expect("task")
        .task_type;
    assert_eq!(t.cached_input_share, 0.5);
    let mut g = group(200.0, 1_000.0);
    g.cache_counted = false;
    let newer = task_type(&g, "no-cache.csv").expect("task");
    t.follow(&newer.task_type);
    assert_eq!(t.input_tokens, 1_000.0, "measured by the newer file");
    assert_eq!(t.cached_input_share, 0.5, "the earlier measurement stays");
    for field in [p::CACHED_INPUT_SHARE, p::CACHE_WRITE_SHARE] {
        assert!(
            matches!(t.origin(field), FieldOrigin::Measured(m) if m.source.contains("with-cache.csv")),
            "{field}: {:?}",
            t.origin(field)
        );
    }
    assert!(
        matches!(t.origin(p::INPUT_TOKENS), FieldOrigin::Measured(m) if m.source.contains("no-cache.csv"))
    );
    // Typed over the earlier measurement: stays typed, with what was measured.
    t.cached_input_share = 0.2;
    t.follow(&newer.task_type);
    assert_eq!(t.cached_input_share, 0.2);
    assert!(matches!(t.origin(p::CACHED_INPUT_SHARE), FieldOrigin::TypedOver(m) if m.value == 0.5));
    // A later file with cache counts measures them again.
    let later = task_type(&group(300.0, 900.0), "later.csv").expect("task");
    t.follow(&later.task_type);
    assert_eq!(t.cached_input_share, 0.2, "typed: stays");
    assert!(
        matches!(t.origin(p::CACHE_WRITE_SHARE), FieldOrigin::Measured(m) if m.source.contains("later.csv"))
    );
}

/// A new scenario from an Opus 4.5 log on a template without Opus gets the Opus 4.5
/// tier (once); a model the catalog does not price, or a template that has it, adds none.
#[test]
fn a_measured_claude_model_brings_its_tier_into_a_new_scenario() {
    let mut g = group(100.0, 800.0);
    g.group = "claude-opus-4-5-20251101".into();
    let opus = task_type(&g, "log.jsonl").expect("task").task_type;
    g.group = "some-local-model".into();
    let local = task_type(&g, "log.jsonl").expect("task").task_type;
    let mut s = crate::templates::haiku_vs_4090();
    replace_workload(&mut s, &[opus, local]);
    let before = s.api_tiers.len();
    assert_eq!(add_measured_tiers(&mut s), ["claude-opus-4.5"]);
    assert_eq!(s.api_tiers.len(), before + 1);
    let t = s.api_tiers.last().expect("tier");
    assert_eq!((t.input_per_mtok, t.output_per_mtok), (5.0, 25.0));
    assert!(add_measured_tiers(&mut s).is_empty(), "already there");
    let e = crate::evaluate_document(s, Default::default()).expect("valid");
    assert!(e.cheapest.is_some(), "an option meets the Opus floor");
}

#[test]
fn an_unlisted_claude_model_takes_its_familys_quality_not_the_default() {
    let mut g = group(100.0, 800.0);
    g.group = "claude-opus-4-7-20260101".into();
    let t = task_type(&g, "log.jsonl").expect("task").task_type;
    assert_eq!(
        t.quality_floor, 3,
        "an Opus workload is not compared with Haiku"
    );
    assert!(matches!(
        t.origin(p::QUALITY_FLOOR),
        FieldOrigin::Measured(m) if m.source.contains("family (Opus)")
    ));
    g.group = "some-local-model".into();
    let t = task_type(&g, "log.jsonl").expect("task").task_type;
    assert_eq!(t.quality_floor, TaskType::default().quality_floor);
    assert_eq!(t.origin(p::QUALITY_FLOOR), FieldOrigin::NotMeasured);
}

/// A share is kept as a person would type it, even where reads and writes together are
/// held within the whole input (1 - 0.9602 is 0.03979999999999995 in binary: the editor
/// showed that).
#[test]
fn a_measured_cache_write_share_held_under_the_reads_is_rounded_too() {
    let mut g = group(10.0, 1_000.0);
    g.cache_read_share = 0.96017;
    g.cache_write_share = 0.0399;
    let t = task_type(&g, "x.jsonl").expect("measured").task_type;
    assert_eq!(t.cached_input_share, 0.9602);
    assert_eq!(t.cache_write_share, 0.0398);
    assert_eq!(format!("{}", t.cache_write_share), "0.0398");
}

/// The 1-hour share of the cache writes is measured where the file counts writes, and
/// not claimed where it counts none.
#[test]
fn the_one_hour_share_of_the_cache_writes_is_measured() {
    let mut g = group(10.0, 1_000.0);
    g.tokens.cache_write_5m = 300.0;
    g.tokens.cache_write_1h = 700.0;
    let t = task_type(&g, "log.jsonl").expect("measured").task_type;
    assert_eq!(t.cache_write_1h_share, 0.7);
    assert!(matches!(
        t.origin(p::CACHE_WRITE_1H_SHARE),
        FieldOrigin::Measured(m) if m.source.contains("1-hour cache writes")
    ));
    // No writes: nothing to measure, the default stays and is not called measured.
    let none = task_type(&group(10.0, 1_000.0), "log.jsonl")
        .expect("measured")
        .task_type;
    assert_eq!(none.cache_write_1h_share, 0.0);
    assert!(matches!(
        none.origin(p::CACHE_WRITE_1H_SHARE),
        FieldOrigin::NotMeasured
    ));
}

/// A share the user typed where no import had measured it stays when a newer import
/// measures it, though the task type's other fields were measured before: a 1-hour
/// share typed as 1.0 is not replaced by a file's count.
#[test]
fn a_field_typed_where_nothing_was_measured_stays_when_a_newer_file_measures_it() {
    let first = task_type(&group(10.0, 1_000.0), "old.csv")
        .expect("measured")
        .task_type;
    assert!(!first.measured.is_empty());
    let mut mine = first.clone();
    mine.cache_write_1h_share = 1.0;
    let mut g = group(10.0, 1_000.0);
    g.tokens.cache_write_5m = 900.0;
    g.tokens.cache_write_1h = 100.0;
    let newer = task_type(&g, "new.jsonl").expect("measured").task_type;
    mine.follow(&newer);
    assert_eq!(mine.cache_write_1h_share, 1.0, "typed: stays");
    assert!(matches!(
        mine.origin(p::CACHE_WRITE_1H_SHARE),
        FieldOrigin::TypedOver(m) if m.value == 0.1
    ));
    // Left at the default, it follows.
    let mut plain = first;
    plain.follow(&newer);
    assert_eq!(plain.cache_write_1h_share, 0.1);
}
