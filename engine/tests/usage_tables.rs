//! Tables of usage totals (a row per day and model, with its count of requests) and
//! per-request tables with failed rows: read by their column names, counted by hand.

use engine::usage::{import_usage, summarise, UsageFormat};

fn fixture(name: &str) -> Vec<u8> {
    let p = format!("{}/tests/fixtures/usage/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&p).unwrap_or_else(|e| panic!("{p}: {e}"))
}

#[test]
fn the_openai_dashboards_usage_table_counts_its_requests_column() {
    let u = import_usage(&fixture("openai_dashboard_usage.csv")).expect("reads");
    assert_eq!(u.format, UsageFormat::RequestCsv);
    let requests: f64 = u.records.iter().filter_map(|r| r.requests).sum();
    // 10 + 8 + 1 + 21 + 11 + 2, and the empty day counts none.
    assert_eq!(requests, 53.0);
    let g = summarise(&u);
    assert!(
        g.iter().all(|g| !g.group.contains("no model")),
        "the empty day makes no group: {:?}",
        g.iter().map(|g| &g.group).collect::<Vec<_>>()
    );
    let gpt4o = g
        .iter()
        .find(|g| g.group.starts_with("gpt-4o"))
        .expect("gpt-4o");
    assert_eq!(gpt4o.requests, Some(10.0));
    // input_tokens 59,200 hold the 5,760 cached: 53,440 uncached beside them.
    assert_eq!(gpt4o.tokens.uncached_input, 53_440.0);
    assert_eq!(gpt4o.tokens.cache_read, 5_760.0);
    assert_eq!(gpt4o.tokens.output, 10_646.0);
    // Each row is its day: 2025-10-05 to 2025-10-12, 7 days.
    let start = u.records.iter().map(|r| r.start).min().expect("start");
    let end = u.records.iter().map(|r| r.end).max().expect("end");
    assert_eq!(end - start, 7 * 86_400);
    assert!(u
        .records
        .iter()
        .all(|r| r.batch == Some(false) || r.requests == Some(0.0)));
    let said = u.notes.join(" ");
    assert!(said.contains("num_model_requests"), "{said}");
    assert!(!said.contains("no cache columns"), "{said}");
}

#[test]
fn openrouters_activity_by_day_counts_its_requests_over_two_days() {
    let u = import_usage(&fixture("openrouter_activity.csv")).expect("reads");
    let g = summarise(&u);
    assert_eq!(g.len(), 1);
    assert!(g[0].group.contains("claude-opus"), "{}", g[0].group);
    assert_eq!(g[0].requests, Some(4_115.0 + 4_254.0));
    assert_eq!(g[0].tokens.output, 3_009_973.0 + 2_795_119.0);
    // Rows at midnight a day apart: two days of totals, not one instant to the next.
    let start = u.records.iter().map(|r| r.start).min().expect("start");
    let end = u.records.iter().map(|r| r.end).max().expect("end");
    assert_eq!(end - start, 2 * 86_400);
    assert!(
        u.notes.join(" ").contains("1 day of totals"),
        "{:?}",
        u.notes
    );
}

#[test]
fn a_failed_request_in_a_per_request_table_is_no_traffic() {
    let u = import_usage(&fixture("helicone_export.csv")).expect("reads");
    let requests: f64 = u.records.iter().filter_map(|r| r.requests).sum();
    assert_eq!(requests, 17.0);
    assert!(u
        .records
        .iter()
        .all(|r| r.tokens.uncached_input + r.tokens.cache_read == 900.0));
    let skipped: usize = u
        .skipped
        .iter()
        .filter(|(why, _)| why.starts_with("a failed request (status"))
        .map(|(_, n)| *n)
        .sum();
    assert_eq!(skipped, 3, "{:?}", u.skipped);
}

#[test]
fn cost_exports_as_csv_read_as_the_cost_reports() {
    let u = import_usage(&fixture("openai_dashboard_costs.csv")).expect("reads");
    assert_eq!(u.format, UsageFormat::OpenaiCosts);
    let billed: f64 = u.costs.iter().map(|c| c.usd).sum();
    let want = 0.895874 + 0.56177125 + 0.569788 + 0.5455665 + 0.3409 + 0.072054;
    assert!((billed - want).abs() < 1e-9, "{billed}");
    // The empty days are days billed nothing: 8 days from 2025-10-05.
    assert_eq!(u.costs.len(), 8);
    let u = import_usage(&fixture("anthropic_console_cost.csv")).expect("reads");
    assert_eq!(u.format, UsageFormat::AnthropicCost);
    let billed: f64 = u.costs.iter().map(|c| c.usd).sum();
    assert!((billed - (0.19 + 0.03 + 1.67)).abs() < 1e-9, "{billed}");
    assert!(u.costs.iter().all(|c| c.end - c.start == 86_400));
}

#[test]
fn the_anthropic_consoles_usage_table_measures_tokens_not_requests() {
    let u = import_usage(&fixture("anthropic_console_usage.csv")).expect("reads");
    let g = summarise(&u);
    let sonnet = g
        .iter()
        .find(|g| g.group.contains("sonnet"))
        .expect("sonnet");
    assert_eq!(sonnet.tokens.uncached_input, 300_000.0);
    assert_eq!(sonnet.tokens.output, 15_000.0);
    assert_eq!(sonnet.requests, None, "the table counts no requests");
    assert_eq!(sonnet.calls_per_month, None);
    // Two days of totals: 2026-03-21 and 2026-03-22.
    assert!((sonnet.days - 2.0).abs() < 1e-12, "{}", sonnet.days);
    assert!(
        u.notes.iter().any(|n| n.contains("no count of requests")),
        "{:?}",
        u.notes
    );
}

#[test]
fn a_group_of_mixed_models_names_what_it_could_not_price() {
    let rows = [
        "2026-03-02T10:15:00Z,gpt-4o-mini,1000,100,team-a",
        "2026-03-02T10:16:00Z,o9-preview-unknown,2000,300,team-a",
        "2026-03-02T10:17:00Z,,500,50,team-a",
    ];
    // In either order of the rows: the priced one is priced, the others named.
    for order in [[0, 1, 2], [2, 1, 0]] {
        let mut csv = "startTime,model,prompt_tokens,completion_tokens,team_id\n".to_string();
        for i in order {
            csv.push_str(rows[i]);
            csv.push('\n');
        }
        let u = import_usage(csv.as_bytes()).expect("reads");
        let g = engine::usage::pricing::price_import(&u, Some("team_id"));
        assert_eq!(g.len(), 1);
        let why = g[0].reason.as_deref().unwrap_or("");
        assert!(
            why.starts_with("2,850 tokens left out of the cost"),
            "{why}"
        );
        assert!(why.contains("\u{201c}o9-preview-unknown\u{201d}"), "{why}");
        assert!(why.contains("some records name no model"), "{why}");
        // gpt-4o-mini at $0.15 in, $0.60 out: 1,000 and 100 tokens.
        let cost = g[0].cost.expect("the priced record's cost").total();
        assert!(
            (cost - (1_000.0 * 0.15 + 100.0 * 0.60) / 1e6).abs() < 1e-12,
            "{cost}"
        );
    }
    // An empty day of a report makes no unpriced group.
    let u = import_usage(&fixture("openai_dashboard_usage.csv")).expect("reads");
    let g = engine::usage::pricing::price_import(&u, None);
    assert!(
        g.iter().all(|g| g.reason.is_none()),
        "{:?}",
        g.iter().map(|g| (&g.group, &g.reason)).collect::<Vec<_>>()
    );
}

#[test]
fn the_general_rules_do_not_misfire_on_look_alike_columns() {
    // A request log's endTime is when its answer came: the request stays an instant.
    let u = import_usage(
        b"startTime,endTime,model,prompt_tokens,completion_tokens\n\
          2026-03-02T10:15:00Z,2026-03-02T10:15:02Z,gpt-4o-mini,1000,100\n",
    )
    .expect("reads");
    assert_eq!(u.records[0].start, u.records[0].end);
    // OpenAI's input_tokens hold input_cached_tokens: no uncached column, so the cached
    // part is taken out, not counted twice.
    let u = import_usage(
        b"start_time,model,num_model_requests,input_tokens,input_cached_tokens,output_tokens\n\
          1759622400,gpt-4o-mini,10,59200,5760,1000\n",
    )
    .expect("reads");
    assert_eq!(u.records[0].tokens.uncached_input, 59_200.0 - 5_760.0);
    assert_eq!(u.records[0].tokens.cache_read, 5_760.0);
    // A column named like the Console's is not the Console's export.
    let u = import_usage(
        b"timestamp,model,input_tokens,output_tokens,usage_total_tokens\n\
          2026-03-02T10:15:00Z,gpt-4o-mini,1000,100,1100\n",
    )
    .expect("reads");
    assert_eq!(u.records[0].requests, Some(1.0));
    // A status that is no HTTP error is no failure.
    let u = import_usage(
        b"timestamp,model,input_tokens,output_tokens,status\n\
          2026-03-02T10:15:00Z,gpt-4o-mini,1000,100,1000\n\
          2026-03-02T10:16:00Z,gpt-4o-mini,1000,100,cancelled\n",
    )
    .expect("reads");
    assert_eq!(u.records.len(), 1);
    // A table of dates and costs that is no provider's export is no provider's bill.
    let e = import_usage(b"date,service,cost_usd\n2026-03-02,GPU rental,120.50\n")
        .expect_err("refused");
    assert!(!e.contains("Anthropic"), "{e}");
}

#[test]
fn json_lines_of_flat_rows_read_as_the_table_they_are() {
    let u = import_usage(&fixture("helicone_export.jsonl")).expect("reads");
    assert_eq!(u.format, UsageFormat::RequestCsv);
    // Five rows of 900 prompt and 120 completion tokens.
    assert_eq!(u.records.len(), 5);
    assert!(u.records.iter().all(|r| r.requests == Some(1.0)
        && r.tokens.uncached_input == 900.0
        && r.tokens.output == 120.0));
    assert!(
        u.notes
            .iter()
            .any(|n| n.contains("JSON lines of flat rows")),
        "{:?}",
        u.notes
    );
    // A failed row there is left out as in the CSV.
    let text = String::from_utf8(fixture("helicone_export.jsonl")).expect("utf-8");
    let text = text.replacen("\"response_status\": 200", "\"response_status\": 429", 1);
    let u = import_usage(text.as_bytes()).expect("reads");
    assert_eq!(u.records.len(), 4);
}
