//! The usage importers on AI coding tools' own logs and exports, found in public
//! repositories and kept as published in `tests/fixtures/wild/usage/` (sources in
//! `tests/fixtures/wild/README.md`): Gemini CLI sessions and run logs, OpenAI Codex
//! session logs, Cursor's usage-events CSV. Expected figures were counted from the files
//! with Python, not by this parser.

use engine::usage::{import_usage, import_usage_reader, UsageFormat, UsageImport};

fn wild(name: &str) -> Vec<u8> {
    let p = format!(
        "{}/tests/fixtures/wild/usage/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read(&p).unwrap_or_else(|e| panic!("{p}: {e}"))
}

/// (calls, uncached input, cache read, cache write, output, reasoning), summed.
fn totals(u: &UsageImport) -> (f64, f64, f64, f64, f64, f64) {
    let mut t = (0.0, 0.0, 0.0, 0.0, 0.0, 0.0);
    for r in &u.records {
        t.0 += r.requests.unwrap_or(0.0);
        t.1 += r.tokens.uncached_input;
        t.2 += r.tokens.cache_read;
        t.3 += r.tokens.cache_write_5m + r.tokens.cache_write_1h;
        t.4 += r.tokens.output;
        t.5 += r.tokens.reasoning;
    }
    t
}

/// The same file read whole and read as a stream give the same records.
fn both_ways(name: &str) -> UsageImport {
    let bytes = wild(name);
    let whole = import_usage(&bytes).unwrap_or_else(|e| panic!("{name}: {e}"));
    let streamed = import_usage_reader(&bytes[..]).unwrap_or_else(|e| panic!("{name}: {e}"));
    assert_eq!(whole.records, streamed.records, "{name}");
    whole
}

fn models(u: &UsageImport) -> Vec<String> {
    let mut m: Vec<String> = u
        .records
        .iter()
        .filter_map(|r| r.model.as_ref().map(|m| m.to_string()))
        .collect();
    m.sort();
    m.dedup();
    m
}

#[test]
fn a_gemini_cli_chat_file_counts_each_model_message_once_with_its_thoughts_as_output() {
    // Gemini CLI's `session-*.json` (October 2025): 13 model messages with tokens. Its
    // input counts the cached part (176,179 in all, 121,305 cached); its thoughts (1,546)
    // are billed as output beside the 851 visible.
    let u = both_ways("gemini_cli_chat_2025-10.json");
    assert_eq!(u.format, UsageFormat::GeminiCli);
    assert_eq!(
        totals(&u),
        (13.0, 54_874.0, 121_305.0, 0.0, 2_397.0, 1_546.0)
    );
}

#[test]
fn a_gemini_cli_jsonl_session_counts_a_message_written_again_once() {
    // The JSONL session of 2026: 11 lines of model messages, 6 distinct ids with tokens
    // (a message is written again when it changes), 11 `$set` updates.
    let u = both_ways("gemini_cli_session_2026-04.jsonl");
    assert_eq!(u.format, UsageFormat::GeminiCli);
    assert_eq!(
        totals(&u),
        (6.0, 153_635.0, 48_951.0, 0.0, 4_293.0, 2_141.0)
    );
    // Gemini CLI routes calls to several models.
    assert_eq!(
        models(&u),
        ["gemini-3-flash-preview", "gemini-3.1-pro-preview"]
    );
    // Gemini CLI 0.40's first JSONL shape: 2 calls.
    let v = both_ways("gemini_cli_v040_session.jsonl");
    assert_eq!(totals(&v), (2.0, 12_422.0, 11_502.0, 0.0, 228.0, 0.0));
}

#[test]
fn a_gemini_cli_run_log_gives_its_totals_without_a_call_count_and_says_the_cut_run() {
    // `--output-format stream-json`, two runs: the first ends with a `result` line
    // (status error, its stats: 2,330,609 input of which 1,777,235 cached, 31,442 output,
    // 2,372,976 in all, so 10,925 of reasoning); the second has no `result` line.
    let u = both_ways("gemini_cli_stream_json.jsonl");
    assert_eq!(u.format, UsageFormat::GeminiCli);
    assert_eq!(u.records.len(), 1);
    assert_eq!(u.records[0].requests, None);
    assert_eq!(
        totals(&u),
        (0.0, 553_374.0, 1_777_235.0, 0.0, 42_367.0, 10_925.0)
    );
    assert!(
        u.notes
            .iter()
            .any(|n| n.starts_with("1 run(s) of this log began")),
        "{:?}",
        u.notes
    );
}

#[test]
fn a_codex_session_counts_each_call_once_though_its_count_is_written_again() {
    // Codex 0.101: 9 token_count events, 2 without info, 4 that repeat the session total
    // before them: 3 calls, whose last_token_usage sums to the final total_token_usage.
    let u = both_ways("codex_0.101_rollout.jsonl");
    assert_eq!(u.format, UsageFormat::CodexCli);
    assert_eq!(
        totals(&u),
        (3.0, 32_355.0 - 27_904.0, 27_904.0, 0.0, 2_026.0, 1_555.0)
    );
    assert_eq!(models(&u), ["gpt-5.3-codex"]);
    assert!(u
        .notes
        .iter()
        .any(|n| n.starts_with("4 token count(s) written again")));
    // An early one (0.39, the VS Code extension) and a recent one (0.142).
    let old = both_ways("codex_0.39_vscode_rollout.jsonl");
    assert_eq!(
        totals(&old),
        (
            19.0,
            270_530.0 - 136_832.0,
            136_832.0,
            0.0,
            12_551.0,
            9_536.0
        )
    );
    let new = both_ways("codex_0.142_rollout.jsonl");
    assert_eq!(
        totals(&new),
        (4.0, 87_409.0 - 65_024.0, 65_024.0, 0.0, 1_144.0, 105.0)
    );
    assert_eq!(models(&new), ["gpt-5.5"]);
}

#[test]
fn a_cursor_usage_export_reads_its_four_token_columns_and_leaves_out_requests_not_charged() {
    // Cursor's "Export usage" CSV: Input (w/ Cache Write), Input (w/o Cache Write), Cache
    // Read and Output add up to Total. 1,330 rows: 67 "Errored, Not Charged" and 2
    // "Aborted, Not Charged" are left out and said.
    let u = both_ways("cursor_usage_events_2025-11.csv");
    assert_eq!(u.format, UsageFormat::RequestCsv);
    assert_eq!(
        totals(&u),
        (
            0.0,
            104_846_440.0,
            723_440_097.0,
            32_931_078.0,
            4_330_017.0,
            0.0
        )
    );
    // A row is an agent's request of several model calls: 1,261 rows read, no call
    // counted (a row of a million input tokens is no one call, nor priced as one).
    assert_eq!(u.records.len(), 1_261);
    assert!(u.records.iter().all(|r| r.requests.is_none()));
    assert!(u
        .notes
        .iter()
        .any(|n| n.contains("each row is an agent's request")));
    let skipped: usize = u.skipped.iter().map(|(_, n)| n).sum();
    assert_eq!(skipped, 69, "{:?}", u.skipped);
    assert!(u
        .skipped
        .iter()
        .any(|(w, n)| w.contains("Errored, Not Charged") && *n == 67));
    // Not charged, but their tokens were read and written: said, with their share (the
    // rows' Total Tokens, summed: 30,195,819 of 895,743,451).
    assert!(
        u.notes
            .iter()
            .any(|n| n.contains("hold 30,195,819 tokens, 3.4% of the file's")),
        "{:?}",
        u.notes
    );
    let auto = both_ways("cursor_usage_events_auto.csv");
    assert_eq!(
        totals(&auto),
        (0.0, 7_155.0, 83_544_576.0, 4_444_063.0, 699_697.0, 0.0)
    );
    // Cursor's router ("auto"), and one row of its code review.
    assert_eq!(models(&auto), ["agent_review", "auto"]);
}

#[test]
fn a_cursor_row_is_not_priced_as_one_long_context_call() {
    // Rows of Claude Sonnet over 200,000 input tokens: an agent's several calls, each
    // under the window. Not priced at the long-context rate row by row; said unknown.
    let u = both_ways("cursor_usage_events_2025-11.csv");
    let priced = engine::usage::pricing::price_import(&u, None);
    let sonnet: Vec<_> = priced
        .iter()
        .filter(|g| g.group.contains("sonnet") && g.cost.is_some())
        .collect();
    assert!(
        !sonnet.is_empty(),
        "{:?}",
        priced.iter().map(|g| &g.group).collect::<Vec<_>>()
    );
    assert!(
        sonnet.iter().all(|g| g.long_context_unknown),
        "priced per row as long"
    );
}
