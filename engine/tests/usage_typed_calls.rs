//! Calls a month typed for a report that counts no requests (Anthropic's usage report,
//! the real shared sample, unmodified): the file's tokens over the typed calls give the
//! tokens per call; the calls are marked typed, never measured.

use engine::scenario::{paths::task as p, FieldOrigin};
use engine::usage::file::{describe, workload, workload_with};
use engine::usage::{import_usage, typed_calls};
use std::collections::BTreeMap;

fn report() -> engine::usage::file::UsageFile {
    let path = format!(
        "{}/tests/usage-samples/anthropic-admin-reports/anthropic-docs_usage-report-messages_example.json",
        env!("CARGO_MANIFEST_DIR")
    );
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let u = import_usage(&bytes).expect("reads");
    describe(&u, "report.json", None).expect("described")
}

#[test]
fn typed_calls_turn_a_report_s_tokens_into_a_task_type() {
    let f = report();
    let files = vec![f.clone()];
    let none = workload(&files);
    assert!(none.task_types.is_empty(), "the report counts no requests");
    let u = none.unavailable.first().expect("unavailable").clone();
    assert!(u.calls_typable, "{u:?}");
    assert_eq!(u.group, typed_calls::key(&f.groups[0].group, "report.json"));

    let g = &f.groups[0];
    let calls = 120_000.0;
    let typed = BTreeMap::from([(u.group.clone(), calls)]);
    let w = workload_with(&files, &typed);
    let t = w
        .task_types
        .iter()
        .find(|t| t.task_type.name == engine::usage::workload::task_name(&g.group))
        .expect("a task type from the typed calls");
    let tt = &t.task_type;
    assert_eq!(tt.calls_per_month, calls);
    // Tokens per call: the file's tokens over the calls its period holds at that rate.
    let requests = calls * g.days / 30.4375;
    let want_in = (g.tokens.input_total() / requests * 100.0).round() / 100.0;
    let want_out = (g.tokens.output / requests * 100.0).round() / 100.0;
    assert_eq!(tt.input_tokens, want_in);
    assert_eq!(tt.output_tokens, want_out);
    // The calls say they were typed with the import, not measured; the tokens are
    // measured, and say over what.
    match tt.origin(p::CALLS_PER_MONTH) {
        FieldOrigin::Measured(m) => assert!(
            m.source
                .starts_with("typed with the import: 120,000 calls a month"),
            "{}",
            m.source
        ),
        other => panic!("{other:?}"),
    }
    match tt.origin(p::INPUT_TOKENS) {
        FieldOrigin::Measured(m) => assert!(
            m.source.contains("over the typed 120,000 calls a month"),
            "{}",
            m.source
        ),
        other => panic!("{other:?}"),
    }
    let (_, calls_source) = t
        .provenance
        .iter()
        .find(|(f, _)| f == p::CALLS_PER_MONTH)
        .expect("provenance");
    assert!(calls_source.starts_with("typed"), "{calls_source}");
    // The measured task type is a valid workload.
    let mut s = engine::templates::sonnet_vs_2xa100();
    s.task_types = vec![tt.clone()];
    engine::validate(s).expect("valid");
    // Typed over in the editor, the calls say what the import had, never "measured".
    let mut over = tt.clone();
    over.calls_per_month = 500.0;
    match over.origin(p::CALLS_PER_MONTH) {
        FieldOrigin::TypedOver(m) => {
            let said = m.typed_over();
            assert!(
                said.starts_with("the import had 120,000, typed with it"),
                "{said}"
            );
            assert!(!said.contains("measured 120,000"), "{said}");
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_typed_count_that_cannot_be_used_says_why_and_keeps_what_was_typed() {
    let f = report();
    let files = vec![f.clone()];
    let key = typed_calls::key(&f.groups[0].group, "report.json");
    for bad in [0.0, -5.0, f64::NAN, 1e13] {
        let w = workload_with(&files, &BTreeMap::from([(key.clone(), bad)]));
        assert!(w.task_types.is_empty());
        let u = &w.unavailable[0];
        assert!(
            u.unavailable
                .as_deref()
                .unwrap_or("")
                .starts_with("calls a month typed"),
            "{bad}: {u:?}"
        );
        assert!(u.typed_calls.is_some());
    }
    // A count for a group no file has is left out, and said.
    let w = workload_with(
        &files,
        &BTreeMap::from([("nothing (x.json)".to_string(), 10.0)]),
    );
    assert!(
        w.notes
            .iter()
            .any(|n| n.contains("1 typed count of calls left out")),
        "{:?}",
        w.notes
    );
}

/// An Anthropic usage report of one day: `input` uncached input and `output` tokens of
/// `model`.
fn day_report(model: &str, input: f64, output: f64, name: &str) -> engine::usage::file::UsageFile {
    let json = serde_json::json!({
        "data": [{ "starting_at": "2025-09-01T00:00:00Z", "ending_at": "2025-09-02T00:00:00Z",
            "results": [{ "model": model, "uncached_input_tokens": input, "output_tokens": output,
                "cache_read_input_tokens": 0, "cache_creation": { "ephemeral_1h_input_tokens": 0, "ephemeral_5m_input_tokens": 0 },
                "service_tier": "standard" }] }],
        "has_more": false
    });
    let u = import_usage(json.to_string().as_bytes()).expect("reads");
    describe(&u, name, None).expect("described")
}

/// A count far below the file's traffic would make calls no model can take: refused,
/// with the arithmetic. Two reports of one model, both typed, are kept apart and said.
#[test]
fn an_implausible_count_is_refused_and_two_files_of_one_model_are_said() {
    let f = day_report("claude-sonnet-4-5", 5e9, 1e8, "sept.json");
    let key = typed_calls::key(&f.groups[0].group, "sept.json");
    let files = vec![f.clone()];
    // 30 calls a month: ~1 call that day, of 5 billion input tokens.
    let w = workload_with(&files, &BTreeMap::from([(key.clone(), 30.0)]));
    let why = w.unavailable[0].unavailable.clone().unwrap_or_default();
    assert!(why.contains("more than any model's context"), "{why}");
    // A million calls a month: 32,855 that day, 152,186 tokens each.
    let w = workload_with(&files, &BTreeMap::from([(key.clone(), 1e6)]));
    assert_eq!(w.task_types.len(), 1, "{:?}", w.unavailable);

    let g = day_report("claude-sonnet-4-5", 4e9, 1e8, "oct.json");
    let key2 = typed_calls::key(&g.groups[0].group, "oct.json");
    let w = workload_with(&[f, g], &BTreeMap::from([(key, 1e6), (key2, 9e5)]));
    assert_eq!(w.task_types.len(), 2);
    assert_ne!(
        w.task_types[0].task_type.name,
        w.task_types[1].task_type.name
    );
    assert!(
        w.task_types[1].task_type.name.ends_with("(oct.json)"),
        "{}",
        w.task_types[1].task_type.name
    );
    assert!(
        w.notes
            .iter()
            .any(|n| n.contains("is in more than one file")),
        "{:?}",
        w.notes
    );
}

/// Two reports uploaded under one name (two months both saved as usage.json): each
/// group is keyed by its own file, and each typed count takes its own file's tokens.
#[test]
fn two_files_of_one_name_are_typed_apart() {
    let a = day_report("claude-sonnet-4-5", 4e9, 1e8, "usage.json");
    let b = day_report("claude-sonnet-4-5", 8e9, 2e8, "usage.json");
    let w = workload(&[a.clone(), b.clone()]);
    let keys: Vec<String> = w.unavailable.iter().map(|u| u.group.clone()).collect();
    assert_eq!(keys.len(), 2);
    assert_ne!(keys[0], keys[1], "{keys:?}");
    let typed = BTreeMap::from([(keys[0].clone(), 1e6), (keys[1].clone(), 1e6)]);
    let w = workload_with(&[a, b], &typed);
    assert_eq!(w.task_types.len(), 2, "{:?}", w.unavailable);
    let inputs: Vec<f64> = w
        .task_types
        .iter()
        .map(|t| t.task_type.input_tokens)
        .collect();
    // The same calls over twice the tokens: twice the input per call.
    assert!((inputs[1] / inputs[0] - 2.0).abs() < 1e-3, "{inputs:?}");
    assert!(w.typed_left_out.is_empty());
    // A count for a file no longer read is named back, to drop.
    let w = workload_with(
        &[day_report("claude-haiku-4-5", 1e9, 1e7, "other.json")],
        &typed,
    );
    assert_eq!(w.typed_left_out.len(), 2);
}
