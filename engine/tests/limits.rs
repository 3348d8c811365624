//! Size caps on a document (engine::validate::limits): they hold wherever a document
//! enters, because every entry point validates.

use engine::scenario::*;
use engine::validate::limits;
use engine::{evaluate_document, templates, validate, Options};

fn errors(s: Scenario) -> Vec<(String, String)> {
    match validate(s) {
        Ok(_) => Vec::new(),
        Err(e) => e.0.into_iter().map(|f| (f.path, f.message)).collect(),
    }
}

#[test]
fn counts_at_the_cap_pass_and_one_more_is_refused_alone() {
    let mut s = templates::haiku_vs_4090();
    s.task_types = vec![TaskType::default(); limits::TASK_TYPES];
    assert_eq!(errors(s.clone()), vec![]);
    s.task_types.push(TaskType::default());
    assert_eq!(
        errors(s),
        vec![(
            "task_types".to_string(),
            "has 51 task types; at most 50 are allowed".to_string()
        )]
    );
}

#[test]
fn an_oversized_document_is_refused_by_its_counts_without_per_entry_errors() {
    // The review's 10,000 task types x 30 configurations: one error per count, not
    // 300,000 field errors, and no evaluation.
    let mut s = templates::haiku_vs_4090();
    s.task_types = vec![
        TaskType {
            calls_per_month: -1.0,
            ..TaskType::default()
        };
        10_000
    ];
    s.gpu_configs = vec![GpuConfig::default(); 30];
    s.ranges = vec![
        InputRange {
            path: "x".into(),
            low: 1.0,
            high: 2.0
        };
        31
    ];
    let e = errors(s);
    assert_eq!(
        e.iter().map(|(p, _)| p.as_str()).collect::<Vec<_>>(),
        vec!["task_types", "gpu_configs", "ranges"]
    );
    assert_eq!(e[1].1, "has 30 GPU configurations; at most 20 are allowed");
}

#[test]
fn text_lengths_are_capped_with_the_field_path() {
    let mut s = templates::haiku_vs_4090();
    s.name = "n".repeat(limits::NAME_CHARS);
    s.notes = "é".repeat(limits::NOTES_CHARS); // characters, not bytes
    assert_eq!(errors(s.clone()), vec![]);
    s.name.push('n');
    s.notes.push('é');
    s.api_tiers[1].source = "s".repeat(limits::TEXT_CHARS + 1);
    s.gpu_configs[0].name = "g".repeat(1_000_000);
    let mut e = errors(s);
    e.sort();
    assert_eq!(
        e,
        vec![
            (
                "api_tiers[1].source".to_string(),
                "is 501 characters long; at most 500 are allowed".to_string()
            ),
            (
                "gpu_configs[0].name".to_string(),
                "is 1000000 characters long; at most 200 are allowed".to_string()
            ),
            (
                "name".to_string(),
                "is 201 characters long; at most 200 are allowed".to_string()
            ),
            (
                "notes".to_string(),
                "is 10001 characters long; at most 10000 are allowed".to_string()
            ),
        ]
    );
}

#[test]
fn names_lose_bidirectional_and_zero_width_characters_when_read() {
    let doc = serde_json::json!({
        "schema_version": engine::scenario::SCHEMA_VERSION,
        "name": "Invoice \u{202E}gnp.exe",
        "task_types": [{ "name": "chat\u{200B}bot\u{2066}" }],
        "api_tiers": [{ "name": "\u{FEFF}Haiku" }],
        "gpu_configs": [{ "name": "4090\u{202A}" }],
    });
    let s: Scenario = serde_json::from_value(doc).expect("document");
    assert_eq!(s.name, "Invoice gnp.exe");
    assert_eq!(s.task_types[0].name, "chatbot");
    assert_eq!(s.api_tiers[0].name, "Haiku");
    assert_eq!(s.gpu_configs[0].name, "4090");
}

#[test]
fn curve_points_are_capped() {
    let e = evaluate_document(
        templates::haiku_vs_4090(),
        Options {
            curve_points: 1_000_000,
            curve_max_calls: None,
        },
    )
    .expect("valid");
    assert_eq!(e.curves.calls.len(), limits::CURVE_POINTS);
    assert!(e
        .curves
        .series
        .iter()
        .all(|s| s.costs.len() == limits::CURVE_POINTS));
}

/// A document is an object: serde's positional form (an array of the fields) is
/// refused, wherever a document is decoded, while objects round-trip unchanged.
#[test]
fn an_array_is_not_a_document() {
    for text in ["[]", "[2]", "null", "\"scenario\"", "5"] {
        let err = serde_json::from_str::<Scenario>(text).expect_err(text);
        assert!(
            err.to_string().contains("a scenario (a JSON object)"),
            "{text}: {err}"
        );
    }
    let s = templates::haiku_vs_4090();
    let text = serde_json::to_string(&s).expect("serialises");
    assert_eq!(serde_json::from_str::<Scenario>(&text).expect("object"), s);
    assert_eq!(
        serde_json::from_str::<Scenario>("{}").expect("empty object"),
        Scenario::default()
    );
}

/// A horizon the form cannot hold (2.5 months reaches the engine as 0) is refused as what
/// it must be, a whole number of months, not "between 1 and 120", which 2.5 is.
#[test]
fn a_horizon_out_of_range_says_it_must_be_whole_months() {
    let mut s = templates::haiku_vs_4090();
    for months in [0, 121] {
        s.horizon_months = months;
        assert_eq!(
            errors(s.clone()),
            vec![(
                "horizon_months".to_string(),
                "must be a whole number of months from 1 to 120".to_string()
            )]
        );
    }
    s.horizon_months = 120;
    assert_eq!(errors(s), vec![]);
}

/// Values the fields took before that made the model's counts run past any number (and
/// the charts loop): each is refused at its field, and a range's end at the range.
#[test]
fn extreme_inputs_and_range_ends_are_refused_at_their_field() {
    use engine::scenario::{InputRange, ThroughputSource};
    let refused = |s: engine::Scenario, path: &str| {
        let err = engine::validate(s).expect_err("refused");
        err.0
            .iter()
            .find(|e| e.path == path)
            .map(|e| e.message.clone())
            .unwrap_or_else(|| panic!("nothing at {path}: {:?}", err.0))
    };
    let mut s = engine::templates::haiku_vs_4090();
    s.task_types[0].peak_to_average = 1e308;
    assert!(refused(s, "task_types[0].peak_to_average").contains("at most 1,000"));
    let mut s = engine::templates::haiku_vs_4090();
    s.gpu_configs[0].target_utilisation = 5e-324;
    assert!(refused(s, "gpu_configs[0].target_utilisation").contains("0.01"));
    let mut s = engine::templates::haiku_vs_4090();
    s.gpu_configs[0].throughput = ThroughputSource::Typed {
        output_tokens_per_s: 5e-324,
    };
    assert!(refused(s, "gpu_configs[0].throughput.output_tokens_per_s")
        .contains("1 output token a minute"));
    // A range's ends are values the input itself may take.
    let mut s = engine::templates::haiku_vs_4090();
    s.ranges = vec![InputRange {
        path: "task_types[0].output_tokens".into(),
        low: 100.0,
        high: 1e308,
    }];
    let why = refused(s.clone(), "ranges[0].high");
    assert_eq!(
        why,
        "the range's high end, 1e308, is too large (at most 1e12)"
    );
    s.ranges[0] = InputRange {
        path: "task_types[0].cached_input_share".into(),
        low: -1e308,
        high: 1e308,
    };
    // Past a share's own limits the ends are taken at 0 and 1 (as the sensitivity moves
    // it): no error, and a range saved before (hours in a month to 864) stays valid.
    engine::validate(s.clone()).expect("taken at the share's limits");
    s.ranges[0] = InputRange {
        path: "hours_per_month".into(),
        low: 576.0,
        high: 864.0,
    };
    engine::validate(s.clone()).expect("a range saved before the check");
    // A range within the input's limits stays valid.
    s.ranges[0] = InputRange {
        path: "task_types[0].output_tokens".into(),
        low: 100.0,
        high: 800.0,
    };
    engine::validate(s).expect("a sound range");
}

/// A task type with no name (cleared, or spaces) is refused at its name: the results,
/// the notes and every message name a task type ("task ''" read as nothing).
#[test]
fn a_task_type_needs_a_name() {
    let mut s = templates::haiku_vs_4090();
    s.task_types[0].name = "  ".into();
    assert_eq!(
        errors(s),
        vec![(
            "task_types[0].name".to_string(),
            "give this task type a name: the results and the notes name it".to_string()
        )]
    );
}
