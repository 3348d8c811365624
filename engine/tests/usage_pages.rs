//! Pages of the OpenAI and Anthropic report APIs as people fetch them: amounts as text,
//! empty buckets, a page uploaded twice, pages joined in any order.

use engine::usage::{import_usage, summarise};
use serde_json::{json, Value};

const DAY: i64 = 86_400;
const T0: i64 = 1_759_622_400; // 2025-10-05T00:00:00Z

fn openai_usage_bucket(day: i64, requests: u64) -> Value {
    let results = if requests == 0 {
        json!([])
    } else {
        json!([{
            "object": "organization.usage.completions.result",
            "model": "gpt-4o-mini-2024-07-18",
            "num_model_requests": requests,
            "input_tokens": requests * 1000,
            "input_cached_tokens": 0,
            "output_tokens": requests * 100
        }])
    };
    json!({"object": "bucket", "start_time": T0 + day * DAY, "end_time": T0 + (day + 1) * DAY, "results": results})
}

fn page(buckets: Vec<Value>, more: bool) -> Value {
    json!({"object": "page", "data": buckets, "has_more": more})
}

fn read(pages: &[Value]) -> engine::usage::UsageImport {
    let text: Vec<String> = pages.iter().map(Value::to_string).collect();
    import_usage(text.join("\n").as_bytes()).expect("reads")
}

#[test]
fn an_empty_day_counts_as_time_and_names_no_model() {
    let u = read(&[page(
        vec![
            openai_usage_bucket(0, 10),
            openai_usage_bucket(1, 0),
            openai_usage_bucket(2, 20),
        ],
        false,
    )]);
    let g = summarise(&u);
    assert_eq!(
        g.len(),
        1,
        "{:?}",
        g.iter().map(|g| &g.group).collect::<Vec<_>>()
    );
    assert_eq!(g[0].requests, Some(30.0));
    // 30 requests over 3 days (the empty one included): 10 a day.
    assert!((g[0].days - 3.0).abs() < 1e-12, "{}", g[0].days);
}

#[test]
fn a_page_uploaded_twice_counts_once_and_is_said() {
    let p1 = page(vec![openai_usage_bucket(0, 10)], true);
    let p2 = page(vec![openai_usage_bucket(1, 20)], false);
    let u = read(&[p1.clone(), p2.clone(), p2]);
    assert_eq!(summarise(&u)[0].requests, Some(30.0));
    assert!(u
        .skipped
        .iter()
        .any(|(why, n)| why.contains("uploaded twice") && *n == 1));
    // Every page is here (the second is the last): no note that pages are missing, in
    // whatever order they were joined.
    for pages in [
        vec![p1.clone(), page(vec![openai_usage_bucket(1, 20)], false)],
        vec![page(vec![openai_usage_bucket(1, 20)], false), p1.clone()],
    ] {
        let u = read(&pages);
        assert!(
            !u.notes.iter().any(|n| n.contains("has_more")),
            "{:?}",
            u.notes
        );
    }
    // The first page alone is said to be part of the period.
    let u = read(&[p1]);
    assert!(
        u.notes.iter().any(|n| n.contains("has_more")),
        "{:?}",
        u.notes
    );
}

#[test]
fn costs_read_amounts_written_as_text_and_an_empty_day_is_billed_nothing() {
    let cost = |v: Value| json!({"object": "organization.costs.result", "amount": {"value": v, "currency": "usd"}, "line_item": "gpt-4o-mini, input"});
    let u = read(&[page(
        vec![
            json!({"object": "bucket", "start_time": T0, "end_time": T0 + DAY, "results": [cost(json!("0.6")), cost(json!(0.24))]}),
            json!({"object": "bucket", "start_time": T0 + DAY, "end_time": T0 + 2 * DAY, "results": []}),
        ],
        false,
    )]);
    let billed: f64 = u.costs.iter().map(|c| c.usd).sum();
    assert!((billed - 0.84).abs() < 1e-12, "{billed}");
    assert!(u.skipped.is_empty(), "{:?}", u.skipped);
    // The empty day is in the costs' period, at $0.
    assert_eq!(u.costs.iter().map(|c| c.end).max(), Some(T0 + 2 * DAY));
}

#[test]
fn an_anthropic_hour_without_traffic_counts_as_time() {
    let bucket = |h: i64, tokens: u64| {
        let at = |h: i64| {
            let t = T0 + h * 3600;
            engine::date::fmt_rfc3339(t)
        };
        let results = if tokens == 0 {
            json!([])
        } else {
            json!([{"uncached_input_tokens": tokens, "cache_read_input_tokens": 0, "output_tokens": tokens / 10, "model": "claude-sonnet-4-5-20250929"}])
        };
        json!({"starting_at": at(h), "ending_at": at(h + 1), "results": results})
    };
    let u = read(&[
        json!({"data": [bucket(0, 1000), bucket(1, 3000), bucket(2, 0), bucket(3, 0)], "has_more": false, "next_page": null}),
    ]);
    let g = summarise(&u);
    assert_eq!(g.len(), 1);
    let start = u.records.iter().map(|r| r.start).min().expect("start");
    let end = u.records.iter().map(|r| r.end).max().expect("end");
    assert_eq!(end - start, 4 * 3600, "the empty hours are in the period");
}

#[test]
fn usage_and_cost_pages_in_one_file_are_refused_with_what_to_do() {
    let cost = json!({"object": "bucket", "start_time": T0, "end_time": T0 + DAY, "results": [{"object": "organization.costs.result", "amount": {"value": 0.5, "currency": "usd"}}]});
    let text = json!([
        page(vec![openai_usage_bucket(0, 10)], false),
        page(vec![cost], false)
    ])
    .to_string();
    let e = import_usage(text.as_bytes()).expect_err("refused");
    assert!(
        e.contains("usage pages and cost pages together") && e.contains("two files"),
        "{e}"
    );
}

#[test]
fn usage_and_costs_wrapped_in_one_object_read_the_usage_and_say_the_rest() {
    let cost = json!({"object": "bucket", "start_time": T0, "end_time": T0 + DAY, "results": [{"object": "organization.costs.result", "amount": {"value": 0.5, "currency": "usd"}}]});
    let text = json!({"usage": page(vec![openai_usage_bucket(0, 10)], false), "costs": page(vec![cost], false)}).to_string();
    let u = import_usage(text.as_bytes()).expect("reads");
    assert_eq!(summarise(&u)[0].requests, Some(10.0));
    let said = u.notes.join(" ");
    assert!(
        said.contains("under \"usage\"") && said.contains("1 other report(s)"),
        "{said}"
    );
}

#[test]
fn anthropic_usage_and_cost_pages_in_one_file_are_refused_with_what_to_do() {
    let usage = json!({"starting_at": "2025-09-01T00:00:00Z", "ending_at": "2025-09-02T00:00:00Z", "results": [{"uncached_input_tokens": 100, "cache_read_input_tokens": 0, "output_tokens": 10, "model": "claude-sonnet-4-5-20250929"}]});
    let cost = json!({"starting_at": "2025-09-01T00:00:00Z", "ending_at": "2025-09-02T00:00:00Z", "results": [{"currency": "USD", "amount": "123.45", "model": "claude-sonnet-4-5-20250929"}]});
    let text = format!(
        "{}\n{}",
        json!({"data": [usage], "has_more": false, "next_page": null}),
        json!({"data": [cost], "has_more": false, "next_page": null})
    );
    let e = import_usage(text.as_bytes()).expect_err("refused");
    assert!(
        e.contains("usage report pages and cost report pages together"),
        "{e}"
    );
}
