//! Files read together that count the same traffic, on the real OpenAI pair: an export
//! uploaded twice is read once (the bill and the calls are not doubled) and said; two
//! usage reports whose periods overlap are said, with the overlap's dates.

use engine::usage::file::{describe, workload, UsageFile};
use engine::usage::import_usage;

const SAMPLES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/usage-samples/");
const USAGE: &str = "openai-org-usage-costs/openai-cookbook_usage-completions_1d_30days.json";
const COSTS: &str = "openai-org-usage-costs/openai-cookbook_costs_1d_30days.json";

fn file(bytes: &[u8], name: &str) -> UsageFile {
    describe(&import_usage(bytes).expect("reads"), name, None).expect("described")
}

fn sample(path: &str) -> Vec<u8> {
    std::fs::read(format!("{SAMPLES}{path}")).expect("sample")
}

#[test]
fn the_same_export_twice_is_read_once_and_said() {
    let (usage, costs) = (
        file(&sample(USAGE), "usage.json"),
        file(&sample(COSTS), "costs.json"),
    );
    let once = workload(&[usage.clone(), costs.clone()]);
    let twice = workload(&[
        usage.clone(),
        costs.clone(),
        file(&sample(COSTS), "costs (1).json"),
        file(&sample(USAGE), "usage again.json"),
    ]);
    let (a, b) = (
        once.reconciliations.first().cloned().expect("reconciles"),
        twice.reconciliations.first().cloned().expect("reconciles"),
    );
    assert_eq!(a.billed_usd, b.billed_usd, "the bill is not doubled");
    assert_eq!(once.task_types.len(), twice.task_types.len());
    let calls = |w: &engine::usage::file::Workload| {
        w.task_types
            .iter()
            .map(|t| t.task_type.calls_per_month)
            .sum::<f64>()
    };
    assert_eq!(calls(&once), calls(&twice), "the calls are not doubled");
    for (dup, of) in [
        ("costs (1).json", "costs.json"),
        ("usage again.json", "usage.json"),
    ] {
        let said = format!("{dup} holds the same usage as {of}");
        assert!(
            twice.notes.iter().any(|n| n.starts_with(&said)),
            "{:?}",
            twice.notes
        );
    }
    assert!(
        once.notes.iter().all(|n| !n.contains("same usage")),
        "{:?}",
        once.notes
    );
}

#[test]
fn two_usage_reports_that_overlap_are_said_with_the_overlap() {
    // The sample, and the same export without its first ten days (as if fetched again
    // later for a shorter period): different files, overlapping from the eleventh day.
    let all: serde_json::Value = serde_json::from_slice(&sample(USAGE)).expect("json");
    let buckets = all.as_array().expect("an array of buckets");
    let later = serde_json::Value::Array(buckets[10..].to_vec());
    let start = later[0]["start_time"].as_i64().expect("start");
    let w = workload(&[
        file(&sample(USAGE), "usage.json"),
        file(later.to_string().as_bytes(), "usage-later.json"),
    ]);
    let note = w
        .notes
        .iter()
        .find(|n| {
            n.starts_with("usage.json and usage-later.json are both OpenAI organization usage")
        })
        .unwrap_or_else(|| panic!("{:?}", w.notes));
    // From the later file's first day, to the minute where the two do not end on a day.
    let from = engine::usage::fmt_rfc3339(start).replace('T', " ");
    assert!(
        note.contains(&format!("overlap over {}", &from[..16])),
        "{note}"
    );
    assert!(note.contains("counted twice"), "{note}");
}

/// A store finds a file's earlier copies by its fingerprint: the same export under
/// another name has the same one; another export, another grouping or one record more
/// has another.
#[test]
fn the_same_usage_has_the_same_fingerprint_and_other_usage_another() {
    let usage = file(&sample(USAGE), "usage.json");
    let again = file(&sample(USAGE), "usage (1).json");
    assert!(engine::usage::same_usage(&usage, &again));
    assert_eq!(usage.fingerprint(), again.fingerprint());
    assert_eq!(usage.fingerprint().len(), 3 + 16);
    assert!(usage
        .fingerprint()
        .starts_with(engine::usage::FINGERPRINT_VERSION));
    let costs = file(&sample(COSTS), "costs.json");
    assert!(!engine::usage::same_usage(&usage, &costs));
    assert_ne!(usage.fingerprint(), costs.fingerprint());
    let mut more = usage.clone();
    more.records += 1;
    assert!(!engine::usage::same_usage(&usage, &more));
    assert_ne!(usage.fingerprint(), more.fingerprint());
    let mut grouped = usage.clone();
    grouped.group_by = Some("project_id".into());
    assert!(!engine::usage::same_usage(&usage, &grouped));
    assert_ne!(usage.fingerprint(), grouped.fingerprint());
}

/// A Claude Code session of 96 minutes (the real sample): its month of calls is that log
/// multiplied by ~450, said beside the workload, not only inside the calls' provenance.
#[test]
fn a_month_read_from_less_than_a_day_of_log_is_said() {
    let log = file(
        &sample("claude-code-jsonl/cctrace-phase0-investigation_raw_messages.jsonl"),
        "session.jsonl",
    );
    let w = workload(&[log]);
    let t = &w.task_types[0];
    let note = w
        .notes
        .iter()
        .find(|n| n.contains("of log, multiplied by"))
        .unwrap_or_else(|| panic!("{:?}", w.notes));
    assert!(note.contains(&t.task_type.name), "{note}");
    assert!(note.contains("1 hour 36 minutes"), "{note}");
    // A month of daily totals is no short log.
    let usage = file(&sample(USAGE), "usage.json");
    assert!(!workload(&[usage])
        .notes
        .iter()
        .any(|n| n.contains("multiplied by")));
}
