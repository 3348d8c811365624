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
