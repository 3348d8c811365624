//! Gateway and observability exports, read from files built by hand from the tools'
//! documented schemas (`tests/fixtures/usage/README.md`): totals by hand, failed rows
//! and text fields left out, formats refused with the reason.

use engine::usage::file::describe;
use engine::usage::{import_usage, summarise, UsageFormat};

mod support;

fn fixture(name: &str) -> Vec<u8> {
    let p = format!("{}/tests/fixtures/usage/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&p).unwrap_or_else(|e| panic!("{p}: {e}"))
}

#[test]
fn litellm_spend_logs_keep_cache_classes_and_leave_out_failures_and_text() {
    let u = import_usage(&fixture("litellm_spend_logs.json")).expect("reads");
    assert_eq!(u.format, UsageFormat::LitellmSpendLogs);
    assert_eq!(u.records.len(), 3, "the failed row is left out");
    assert!(u
        .skipped
        .iter()
        .any(|(why, n)| why.contains("failure") && *n == 1));
    let g = summarise(&u);
    let mini = g.iter().find(|g| g.group == "gpt-4o-mini").expect("mini");
    // 1,000 + 2,000 prompt tokens, 400 of them cached (the first row's usage_object).
    assert_eq!(mini.requests, Some(2.0));
    assert_eq!(mini.tokens.cache_read, 400.0);
    assert_eq!(mini.tokens.uncached_input, 2_600.0);
    assert_eq!(mini.tokens.output, 300.0);
    let haiku = g
        .iter()
        .find(|g| g.group.contains("claude-haiku"))
        .expect("haiku");
    // 5,000 prompt = 3,000 cache reads + 1,000 cache writes + 1,000 uncached.
    assert_eq!(haiku.tokens.cache_read, 3_000.0);
    assert_eq!(haiku.tokens.cache_write_5m, 1_000.0);
    assert_eq!(haiku.tokens.uncached_input, 1_000.0);
    // Priced through the provider prefix: Haiku 4.5 at $1 in, $0.10 read, $1.25
    // write, $5 out.
    let f = describe(&u, "spend.json", None).expect("described");
    let p = f
        .priced
        .iter()
        .find(|p| p.group.contains("claude-haiku"))
        .expect("priced");
    let want = (1_000.0 * 1.0 + 3_000.0 * 0.1 + 1_000.0 * 1.25 + 300.0 * 5.0) / 1e6;
    assert!((p.cost.expect("cost").total() - want).abs() < 1e-12);
    // Grouped by team instead of the model.
    let by_team = engine::usage::summarise_by(&u, Some("team_id"));
    assert_eq!(by_team.len(), 2);
    // No text of a message reaches what is kept.
    let kept = serde_json::to_string(&f).expect("json");
    assert!(!kept.contains("LITELLM-PROMPT-TEXT") && !kept.contains("LITELLM-ANSWER-TEXT"));
}

#[test]
fn the_litellm_csv_export_reads_like_its_json() {
    let u = import_usage(&fixture("litellm_spend_logs.csv")).expect("reads");
    assert_eq!(u.format, UsageFormat::RequestCsv);
    assert_eq!(u.records.len(), 3);
    let total_out: f64 = u.records.iter().map(|r| r.tokens.output).sum();
    assert_eq!(total_out, 600.0);
    // A time with a space and no offset is UTC.
    assert_eq!(
        u.records[1].start,
        engine::usage::parse_rfc3339("2026-03-02T11:40:00Z").expect("time")
    );
    // Its spend column is named with its total (0.00021 + 0.00042 + 0.0131), and said
    // to be the gateway's estimate, not a bill: the JSON export says the same.
    let note = u
        .notes
        .iter()
        .find(|n| n.contains("spend"))
        .expect("a note on spend");
    assert!(
        note.starts_with("the column \u{201c}spend\u{201d} (in all $0.0137 over the requests read) is the exporting tool's own estimate")
            && note.contains("not a bill"),
        "{note}"
    );
    let json = import_usage(&fixture("litellm_spend_logs.json")).expect("reads");
    assert!(
        json.notes
            .iter()
            .any(|n| n.starts_with("LiteLLM's spend (in all $0.0137 over the requests read)")),
        "{:?}",
        json.notes
    );
    // A CSV with no cost column says nothing of one.
    let plain = "time,model,input_tokens,output_tokens\n2026-03-02T10:00:00Z,gpt-4o-mini,10,5\n";
    let p = import_usage(plain.as_bytes()).expect("reads");
    assert!(
        !p.notes.iter().any(|n| n.contains("estimate")),
        "{:?}",
        p.notes
    );
}

#[test]
fn langfuse_daily_metrics_give_calls_per_model_and_say_what_they_lack() {
    let u = import_usage(&fixture("langfuse_daily.json")).expect("reads");
    assert_eq!(u.format, UsageFormat::LangfuseDaily);
    let g = summarise(&u);
    let o = g.iter().find(|g| g.group == "gpt-4o").expect("gpt-4o");
    assert_eq!(o.requests, Some(150.0));
    assert_eq!(o.tokens.uncached_input, 300_000.0);
    assert_eq!(o.tokens.output, 30_000.0);
    // Two days of 100 + 50 observations: 75 a day.
    assert!((o.calls_per_month.expect("calls") - 75.0 * 30.4375).abs() < 1e-9);
    assert!(u
        .notes
        .iter()
        .any(|n| n.contains("do not split cached input")));
    // No cache share is measured: a scenario keeps its own, not a made-up 0%.
    assert!(!o.cache_counted);
}

#[test]
fn a_per_request_csv_is_read_by_its_column_names() {
    let u = import_usage(&fixture("requests_helicone_style.csv")).expect("reads");
    assert_eq!(u.records.len(), 3);
    // "1,000" as a spreadsheet writes it.
    assert_eq!(u.records[2].tokens.uncached_input, 1_000.0);
    // Helicone's cost column: 0.000228 + 0.000144 + 0.00048.
    assert!(
        u.notes
            .iter()
            .any(|n| n.starts_with("the column \u{201c}cost\u{201d} (in all $0.000852 over")),
        "{:?}",
        u.notes
    );
    let f = describe(&u, "requests.csv", None).expect("described");
    let mini = f
        .priced
        .iter()
        .find(|p| p.group == "gpt-4o-mini")
        .expect("mini");
    let want = (2_000.0 * 0.15 + 120.0 * 0.60) / 1e6;
    assert!((mini.cost.expect("cost").total() - want).abs() < 1e-12);
    // A CSV of something else is refused with what it lacks.
    let e = import_usage(b"name,score\nalice,3\n").expect_err("refused");
    assert!(
        e.contains("no time, input-token and output-token columns"),
        "{e}"
    );
    let e = import_usage(b"{\"data\": [{\"date\": \"2026-01-01\", \"usage\": []}]}")
        .expect_err("refused");
    assert!(e.contains("Langfuse"), "{e}");
}

#[test]
fn a_semicolon_csv_with_decimal_commas_reads_as_its_comma_original() {
    let comma = String::from_utf8(fixture("litellm_spend_logs.csv")).expect("utf-8");
    let semi = support::semicolon_decimal_comma(&comma);
    assert!(semi.contains(";0,00021;"), "{semi}");
    let a = import_usage(comma.as_bytes()).expect("reads");
    let b = import_usage(semi.as_bytes()).expect("reads");
    assert_eq!(b.format, UsageFormat::RequestCsv);
    assert_eq!(format!("{:?}", a.records), format!("{:?}", b.records));
    assert!(
        b.notes
            .iter()
            .any(|n| n.contains("semicolons") && n.contains("decimal commas")),
        "{:?}",
        b.notes
    );
    assert!(!a.notes.iter().any(|n| n.contains("semicolons")));
}

#[test]
fn a_spreadsheets_times_and_bad_counts_read_by_the_general_rules() {
    // Times to the minute (as a spreadsheet writes them) and Unix seconds read; a count
    // that is text, negative or above 10^12 is 0, and said.
    let csv = "startTime,model,prompt_tokens,completion_tokens\n\
               2026-03-02 10:15,gpt-4o-mini,100,abc\n\
               1772446500,gpt-4o-mini,-5,20\n\
               2026-03-02 10:17,gpt-4o-mini,100,1e13\n";
    let u = import_usage(csv.as_bytes()).expect("reads");
    assert_eq!(u.records.len(), 3);
    let t0 = engine::usage::parse_rfc3339("2026-03-02T10:15:00Z").expect("time");
    assert_eq!(u.records[0].start, t0);
    assert_eq!(u.records[1].start, 1_772_446_500);
    assert_eq!(
        u.records[1].end, 1_772_446_500,
        "Unix seconds are an instant, not a day"
    );
    let out: Vec<f64> = u.records.iter().map(|r| r.tokens.output).collect();
    assert_eq!(out, [0.0, 20.0, 0.0]);
    assert_eq!(u.records[1].tokens.uncached_input, 0.0);
    let said = u.notes.join(" ");
    for what in ["negative", "not a number", "10^12"] {
        assert!(said.contains(what), "{what}: {said}");
    }
    // Every time in a form that cannot be told day-first from month-first: refused, with
    // the first such time and the forms that read. Dots are day first wherever written.
    let e = import_usage(
        b"startTime,prompt_tokens,completion_tokens\n3/2/2026 10:15,1,1\n3/4/2026 10:15,1,1\n",
    )
    .expect_err("refused");
    let dots = import_usage(b"startTime,prompt_tokens,completion_tokens\n02.03.2026 10:15,1,1\n")
        .expect("dots read");
    assert_eq!(dots.records[0].start, t0);
    assert!(
        e.contains("\u{201c}3/2/2026 10:15\u{201d}") && e.contains("ISO 8601"),
        "{e}"
    );
}

#[test]
fn a_cost_cell_that_is_not_an_amount_is_counted_and_named_never_misread() {
    let csv = "time,model,input_tokens,output_tokens,cost\n\
        2026-03-02T10:00:00Z,gpt-4o-mini,10,5,0.1\n\
        2026-03-02T10:01:00Z,gpt-4o-mini,10,5,\"1.234,5\"\n\
        2026-03-02T10:02:00Z,gpt-4o-mini,10,5,\n\
        2026-03-02T10:03:00Z,gpt-4o-mini,10,5,n/a\n\
        2026-03-02T10:04:00Z,gpt-4o-mini,\"1.234,5\",5,-3\n";
    let u = import_usage(csv.as_bytes()).expect("reads");
    let note = u
        .notes
        .iter()
        .find(|n| n.contains("cost"))
        .expect("the cost column's note");
    assert!(
        note.starts_with("the column \u{201c}cost\u{201d} (in all $0.10 over 1 of the 5 requests read; left out: 1 empty, 1 negative and 2 not amounts in dollars (the first: \u{201c}1.234,5\u{201d}))"),
        "{note}"
    );
    // A token count written with a decimal comma is not read as 1.2345 either: no count,
    // and said.
    assert_eq!(u.records[4].tokens.uncached_input, 0.0);
    assert!(
        u.skipped
            .iter()
            .any(|(why, _)| why.contains("not a number"))
            || u.notes.iter().any(|n| n.contains("not a number")),
        "{:?} {:?}",
        u.skipped,
        u.notes
    );
}

#[test]
fn a_request_answered_from_the_gateways_cache_is_no_call() {
    let row = |id: &str, hit: &str| {
        format!(
            r#"{{"request_id": "{id}", "call_type": "acompletion", "api_key": "k", "spend": 0.0, "total_tokens": 1100, "prompt_tokens": 1000, "completion_tokens": 100, "startTime": "2026-03-02T10:15:00Z", "endTime": "2026-03-02T10:15:01Z", "model": "gpt-4o-mini", "metadata": {{}}, "cache_hit": {hit}, "status": "success"}}"#
        )
    };
    let json = format!(
        "[{}, {}, {}]",
        row("a", "\"False\""),
        row("b", "\"True\""),
        row("c", "true")
    );
    let u = import_usage(json.as_bytes()).expect("reads");
    assert_eq!(u.records.len(), 1);
    assert!(
        u.skipped
            .iter()
            .any(|(why, n)| why.contains("cache_hit") && *n == 2),
        "{:?}",
        u.skipped
    );
    let csv = "startTime,model,prompt_tokens,completion_tokens,cache_hit\n\
               2026-03-02T10:15:00Z,gpt-4o-mini,1000,100,False\n\
               2026-03-02T10:16:00Z,gpt-4o-mini,1000,100,True\n";
    let u = import_usage(csv.as_bytes()).expect("reads");
    assert_eq!(u.records.len(), 1);
    assert!(
        u.skipped.iter().any(|(why, _)| why.contains("cache_hit")),
        "{:?}",
        u.skipped
    );
}

#[test]
fn a_langfuse_page_of_many_says_the_file_is_not_the_whole_period() {
    let page = |n: u64| {
        format!(
            r#"{{"data": [{{"date": "2024-02-1{n}", "usage": [{{"model": "gpt-4o-mini", "inputUsage": 1200, "outputUsage": 300, "countObservations": 20}}]}}], "meta": {{"page": {n}, "limit": 50, "totalItems": 1500, "totalPages": 2}}}}"#
        )
    };
    let u = import_usage(page(1).as_bytes()).expect("reads");
    assert!(
        u.notes
            .iter()
            .any(|n| n.contains("1 of the report's 2 pages")),
        "{:?}",
        u.notes
    );
    let both = format!("{}\n{}", page(1), page(2));
    let u = import_usage(both.as_bytes()).expect("reads");
    assert!(
        !u.notes.iter().any(|n| n.contains("pages")),
        "{:?}",
        u.notes
    );
}

#[test]
fn a_langfuse_page_uploaded_twice_counts_once() {
    let page = r#"{"data": [{"date": "2024-02-11", "usage": [{"model": "gpt-4o-mini", "inputUsage": 1200, "outputUsage": 300, "countObservations": 20}]}], "meta": {"page": 1, "limit": 50, "totalItems": 1, "totalPages": 1}}"#;
    let u = import_usage(format!("{page}\n{page}").as_bytes()).expect("reads");
    let requests: f64 = u.records.iter().filter_map(|r| r.requests).sum();
    assert_eq!(requests, 20.0);
    assert!(
        u.skipped
            .iter()
            .any(|(why, n)| why.contains("uploaded twice") && *n == 1),
        "{:?}",
        u.skipped
    );
}

/// LiteLLM's daily activity, two pages: per day and model, the successful calls, the cache
/// reads and writes taken out of `prompt_tokens`; the failed calls and the spend said. A
/// page again counts once; a page missing is said.
#[test]
fn litellm_daily_activity_gives_calls_and_cache_classes_per_model() {
    let file = fixture("litellm_daily_activity.json");
    let u = import_usage(&file).expect("reads");
    assert_eq!(u.format, UsageFormat::LitellmDaily);
    let g = summarise(&u);
    let mini = g.iter().find(|g| g.group == "gpt-4o-mini").expect("mini");
    assert_eq!(mini.requests, Some(30.0), "20 + 10 successful");
    assert_eq!(mini.tokens.uncached_input, 6_000.0 + 5_000.0);
    assert_eq!(mini.tokens.cache_read, 4_000.0);
    assert_eq!(mini.tokens.output, 3_000.0);
    let haiku = g
        .iter()
        .find(|g| g.group.contains("claude-haiku-4-5"))
        .expect("haiku");
    assert_eq!(haiku.tokens.uncached_input, 15_000.0);
    assert_eq!(haiku.tokens.cache_read, 30_000.0);
    assert_eq!(haiku.tokens.cache_write_5m, 5_000.0);
    assert!(haiku.cache_counted);
    let says =
        |u: &engine::usage::UsageImport, what: &str| u.notes.iter().any(|n| n.contains(what));
    assert!(says(&u, "2 failed requests"), "{:?}", u.notes);
    assert!(says(&u, "$1.95"), "{:?}", u.notes);
    assert!(!says(&u, "not the whole period"), "{:?}", u.notes);
    // The first page alone: the second is missing. Twice: counted once.
    let text = String::from_utf8(file).expect("text");
    let first = &text[..text.find("\n{").expect("two pages") + 1];
    let one = import_usage(first.as_bytes()).expect("reads");
    assert!(says(&one, "1 of the report's 2 pages"), "{:?}", one.notes);
    let twice = import_usage(format!("{first}{first}").as_bytes()).expect("reads");
    let mini = summarise(&twice)
        .into_iter()
        .find(|g| g.group == "gpt-4o-mini")
        .expect("mini");
    assert_eq!(mini.requests, Some(20.0));
}
