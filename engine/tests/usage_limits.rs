//! What a hostile or broken usage file cannot do: overflow a total, hold more groups
//! than a workload can, stretch the back-test's clock over centuries, or pass requests
//! with no time off as a rate.

use engine::usage::file::{backtest, describe};
use engine::usage::import_usage;

fn bucket(start: i64, model: &str, input: &str) -> String {
    format!(
        r#"{{"object": "bucket", "start_time": {start}, "end_time": {}, "results": [{{"object": "organization.usage.completions.result", "input_tokens": {input}, "output_tokens": 10, "num_model_requests": 5, "model": "{model}"}}]}}"#,
        start + 86_400
    )
}

#[test]
fn huge_counts_stay_finite_and_the_summary_reads_back() {
    let text = format!(
        "[{}, {}]",
        bucket(1_736_640_000, "gpt-4o-mini", "1e308"),
        bucket(1_736_726_400, "gpt-4o-mini", "1e308")
    );
    let u = import_usage(text.as_bytes()).expect("reads");
    let f = describe(&u, "huge.json", None).expect("described");
    let json = serde_json::to_string(&f).expect("json");
    let back: engine::usage::file::UsageFile = serde_json::from_str(&json).expect("reads back");
    assert!(back.groups[0].tokens.uncached_input.is_finite());
    assert!(back.groups[0].tokens.uncached_input <= 2e12);
}

#[test]
fn more_groups_than_a_workload_holds_are_refused_with_the_count() {
    let mut csv = String::from("timestamp,model,prompt_tokens,completion_tokens\n");
    for i in 0..201 {
        csv.push_str(&format!("2026-03-01T10:00:00Z,model-{i},100,10\n"));
    }
    let u = import_usage(csv.as_bytes()).expect("reads");
    let e = describe(&u, "many.csv", None).expect_err("refused");
    assert!(e.contains("201 different models"), "{e}");
}

#[test]
fn model_names_and_keys_are_kept_short() {
    let long = "x".repeat(10_000);
    let csv = format!("timestamp,model,user,prompt_tokens,completion_tokens\n2026-03-01T10:00:00Z,{long},{long},100,10\n");
    let u = import_usage(csv.as_bytes()).expect("reads");
    assert_eq!(u.records[0].model.as_deref().map(str::len), Some(200));
    assert!(u.records[0].keys.iter().all(|(_, v)| v.len() <= 200));
}

#[test]
fn files_centuries_apart_give_no_back_test() {
    let csv = |t: &str| {
        format!("timestamp,model,prompt_tokens,completion_tokens\n{t},claude-haiku-4-5,100,10\n")
    };
    let a = describe(
        &import_usage(csv("1971-01-01T00:00:00Z").as_bytes()).expect("a"),
        "a.csv",
        None,
    )
    .expect("a");
    let b = describe(
        &import_usage(csv("2026-01-01T00:00:00Z").as_bytes()).expect("b"),
        "b.csv",
        None,
    )
    .expect("b");
    let t = a.task_types[0].task.clone().expect("task").task_type;
    let mut s = engine::templates::haiku_vs_4090();
    s.task_types = vec![t.clone()];
    let v = engine::validate(s.clone()).expect("valid");
    assert!(
        backtest(&v, std::slice::from_ref(&a)).is_some(),
        "one file: a back-test"
    );
    // Both files, the second's task named after its file (as the workload names it):
    // a 55-year clock is refused, not allocated.
    s.task_types = vec![
        t.clone(),
        engine::scenario::TaskType {
            name: format!("{} (b.csv)", t.name),
            ..t
        },
    ];
    let v = engine::validate(s).expect("valid");
    assert!(backtest(&v, &[a, b]).is_none());
}

#[test]
fn responses_with_no_time_give_no_rate() {
    // Anthropic Messages answers carry no time: calls a month cannot be measured.
    let line = r#"{"id": "msg_1", "type": "message", "role": "assistant", "model": "claude-haiku-4-5", "content": [], "usage": {"input_tokens": 10, "output_tokens": 5}}"#;
    let text = format!("{line}\n{}\n", line.replace("msg_1", "msg_2"));
    let u = import_usage(text.as_bytes()).expect("reads");
    let f = describe(&u, "messages.jsonl", None).expect("described");
    assert_eq!(f.groups[0].calls_per_month, None);
    let why = f.task_types[0]
        .unavailable
        .as_deref()
        .expect("no task type");
    assert!(why.contains("not when requests were sent"), "{why}");
    assert!(f.load.is_empty(), "no load on the clock");
}

/// Counts no export can hold are read as 0 and the import says how many of each; a
/// file without them gets no such note.
#[test]
fn counts_read_as_zero_are_counted_in_a_note() {
    let odd = format!(
        "[{}, {}, {}, {}]",
        bucket(1_736_640_000, "gpt-4o-mini", "-5"),
        bucket(1_736_726_400, "gpt-4o-mini", "\"NaN\""),
        bucket(1_736_812_800, "gpt-4o-mini", "1e300"),
        bucket(1_736_899_200, "gpt-4o-mini", "\"1e999\"")
    );
    let u = import_usage(odd.as_bytes()).expect("reads");
    let note = u
        .notes
        .iter()
        .find(|n| n.contains("were read as 0"))
        .unwrap_or_else(|| panic!("no note in {:?}", u.notes));
    assert!(note.contains("1 negative"), "{note}");
    assert!(note.contains("2 not a number"), "{note}");
    assert!(note.contains("1 above 10^12"), "{note}");
    // The rest of each record is read: 4 buckets x 10 output tokens.
    let out: f64 = u.records.iter().map(|r| r.tokens.output).sum();
    assert_eq!(out, 40.0);
    // A numeric string is a count, not a zero.
    let quoted =
        import_usage(bucket(1_736_640_000, "gpt-4o-mini", "\"1200\"").as_bytes()).expect("reads");
    assert_eq!(quoted.records[0].tokens.uncached_input, 1200.0);
    let plain =
        import_usage(bucket(1_736_640_000, "gpt-4o-mini", "1200").as_bytes()).expect("reads");
    assert!(
        plain.notes.iter().all(|n| !n.contains("read as 0")),
        "{:?}",
        plain.notes
    );
}

/// More cached input than input: the uncached part is 0, and that is said.
#[test]
fn cached_input_above_the_input_is_said() {
    let text = r#"{"object": "bucket", "start_time": 1736640000, "end_time": 1736726400, "results": [{"object": "organization.usage.completions.result", "input_tokens": 141000, "input_cached_tokens": 500000, "output_tokens": 10, "num_model_requests": 5, "model": "gpt-4o-mini"}]}"#;
    let u = import_usage(text.as_bytes()).expect("reads");
    assert_eq!(u.records[0].tokens.uncached_input, 0.0);
    assert!(
        u.notes
            .iter()
            .any(|n| n.contains("1 record(s) count more cached input tokens than input")),
        "{:?}",
        u.notes
    );
}

/// A benchmark result sent to the usage import is refused with where it goes; a
/// Claude Code session whose only call line is cut off says what was skipped.
#[test]
fn refusals_say_what_the_file_is_and_what_was_skipped() {
    let bench = std::fs::read(format!(
        "{}/tests/bench-samples/aiperf/qwen36-vllm-aiperf-benchmark/results/nvfp4/5090/agent/c2/profile_export_aiperf.json",
        env!("CARGO_MANIFEST_DIR")
    ))
    .expect("the sample");
    let e = import_usage(&bench).expect_err("not usage");
    assert!(e.contains("reads as a benchmark result (AIPerf"), "{e}");
    let cc = std::fs::read_to_string(format!(
        "{}/tests/usage-samples/claude-code-jsonl/cctrace-phase0-investigation_raw_messages.jsonl",
        env!("CARGO_MANIFEST_DIR")
    ))
    .expect("the sample");
    let mut lines: Vec<&str> = cc.lines().take(3).collect();
    let last = lines.pop().expect("an assistant line");
    assert!(last.contains(r#""type":"assistant""#));
    let cut = format!("{}\n{}", lines.join("\n"), &last[..last.len() / 2]);
    let e = import_usage(cut.as_bytes()).expect_err("no call");
    assert!(e.contains("no API calls"), "{e}");
    assert!(e.contains("×"), "{e}");
}

/// A file read whole holds at most `MAX_NODES` JSON values: an array of 3 million zeros
/// (6 MB, which held ~85 bytes a value) is refused with what to do; a log of as many
/// values over many lines, read a line at a time, is not.
#[test]
fn a_file_too_many_values_to_hold_is_refused_and_a_log_is_not() {
    let zeros = format!("[{}0]", "0,".repeat(3_000_000));
    let err = import_usage(zeros.as_bytes()).expect_err("too many values");
    assert!(err.contains("more than the 2,500,000"), "{err}");
    assert!(err.contains("JSON lines"), "{err}");
    // The same count of values as a log of requests: 300,000 answers of ~10 values.
    let line = r#"{"id": "chatcmpl-1", "object": "chat.completion", "created": 1736640000, "model": "gpt-4o-mini", "usage": {"prompt_tokens": 10, "completion_tokens": 5, "total_tokens": 15}}"#;
    let mut log = String::new();
    for i in 0..300_000 {
        log.push_str(&line.replace("chatcmpl-1", &format!("chatcmpl-{i}")));
        log.push('\n');
    }
    let u = import_usage(log.as_bytes()).expect("a log reads a line at a time");
    assert_eq!(u.records.len(), 300_000);
}

/// A log whose later line is a huge array is refused, not parsed whole: every line of a
/// log too large in values to hold is within the budget.
#[test]
fn a_huge_line_after_small_ones_is_refused() {
    let line = r#"{"id": "chatcmpl-1", "object": "chat.completion", "created": 1736640000, "model": "gpt-4o-mini", "usage": {"prompt_tokens": 10, "completion_tokens": 5, "total_tokens": 15}}"#;
    let mut log = format!("{line}\n").repeat(10);
    log.push_str(&format!("[{}0]\n", "0,".repeat(3_000_000)));
    let err = import_usage(log.as_bytes()).expect_err("refused");
    assert!(err.contains("more than the 2,500,000"), "{err}");
}
