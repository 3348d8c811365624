//! The usage importers on real files found in public repositories, kept as published in
//! `tests/fixtures/wild/usage/` (sources in `tests/fixtures/wild/README.md`). Expected
//! figures were counted from the files with jq / Python, not by this parser.

use engine::usage::{import_usage, UsageFormat, UsageImport};

fn wild(name: &str) -> Vec<u8> {
    let p = format!(
        "{}/tests/fixtures/wild/usage/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read(&p).unwrap_or_else(|e| panic!("{p}: {e}"))
}

fn output(u: &UsageImport) -> f64 {
    u.records.iter().map(|r| r.tokens.output).sum()
}

fn estimate_note(u: &UsageImport) -> &str {
    u.notes
        .iter()
        .find(|n| n.contains("no closing count"))
        .map(String::as_str)
        .unwrap_or_else(|| panic!("no note of the estimate: {:?}", u.notes))
}

#[test]
fn a_claude_code_2_1_call_never_closed_is_estimated_from_its_reply_and_said() {
    // A sub-agent of Claude Code 2.1.39: 40 assistant lines, 12 calls, none with a
    // stop_reason. Each call's lines keep the count from the start of its reply (1 or 3
    // output tokens; the climbing 24-26 are five one-line calls), 136 in all. The last
    // call's one line holds 15,848 characters of text and says 1 output token.
    let u = import_usage(&wild("claude_code_2.1_subagent.jsonl")).expect("reads");
    assert_eq!(u.format, UsageFormat::ClaudeCode);
    assert_eq!(u.records.len(), 12);
    let note = estimate_note(&u);
    assert!(note.starts_with("12 of 12 calls"), "{note}");
    assert!(note.contains("136 output tokens in all"), "{note}");
    // The last call alone: 15,848 characters at 4 a token.
    let last = u.records.iter().max_by_key(|r| r.start).expect("calls");
    assert_eq!(last.tokens.output, 3_962.0);
    assert!(output(&u) > 4_000.0, "{}", output(&u));
    // The compaction call: one line of 15,181 characters said to be 8 tokens.
    let c = import_usage(&wild("claude_code_2.1_compact.jsonl")).expect("reads");
    assert_eq!(c.records.len(), 1);
    assert_eq!(output(&c), (15_181.0_f64 / 4.0).round());
    assert!(estimate_note(&c).contains("8 output tokens in all"));
}

#[test]
fn a_sub_agent_call_in_the_main_log_counts_once_with_its_own_file() {
    // The first 120 lines of the main session's log: 5 calls of its own (Opus) and, in
    // `agent_progress` lines, 11 of its sub-agent's 12 calls (Sonnet), whose ids and
    // usage are the sub-agent file's.
    let main = wild("claude_code_2.1_main_first120.jsonl");
    let u = import_usage(&main).expect("reads");
    let sonnet = |u: &UsageImport| {
        u.records
            .iter()
            .filter(|r| r.model.as_ref().is_some_and(|m| m.contains("sonnet")))
            .count()
    };
    assert_eq!(u.records.len(), 16, "{:?}", u.skipped);
    assert_eq!(sonnet(&u), 11);
    // Read with the sub-agent's own file: its 12 calls, the 11 counted once.
    let mut both = main.clone();
    both.push(b'\n');
    both.extend(wild("claude_code_2.1_subagent.jsonl"));
    let j = import_usage(&both).expect("reads");
    assert_eq!(j.records.len(), 17);
    assert_eq!(sonnet(&j), 12);
    // Cache reads of the 12 sub-agent calls, from the sub-agent file: 604,156.
    let reads: f64 = j
        .records
        .iter()
        .filter(|r| r.model.as_ref().is_some_and(|m| m.contains("sonnet")))
        .map(|r| r.tokens.cache_read)
        .sum();
    assert_eq!(reads, 604_156.0);
}

#[test]
fn openai_older_usage_answer_is_read_as_one_day() {
    // elastic/beats' recorded `GET /v1/usage?date=` answer: 3 records of 1 request each,
    // 118 + 31 + 13 context and 35 + 12 + 9 generated tokens, on 2024-11-04 (UTC); one
    // image record and one audio record beside them.
    let u = import_usage(&wild("openai_v1_usage_legacy.json")).expect("reads");
    assert_eq!(u.format, UsageFormat::OpenaiUsage);
    let requests: f64 = u.records.iter().filter_map(|r| r.requests).sum();
    assert_eq!(requests, 3.0);
    let input: f64 = u.records.iter().map(|r| r.tokens.input_total()).sum();
    assert_eq!(input, 162.0);
    assert_eq!(output(&u), 56.0);
    let skipped: usize = u.skipped.iter().map(|(_, n)| n).sum();
    assert_eq!(skipped, 2, "{:?}", u.skipped);
    let f = engine::usage::file::describe(&u, "usage.json", None).expect("described");
    let p = f.period.expect("a period");
    assert_eq!(
        (p.start_s, p.end_s),
        (1_730_678_400, 1_730_764_800),
        "2024-11-04, UTC"
    );
    // A day, not the 18 minutes between its first and last record.
    assert!(
        f.notes.iter().any(|n| n.contains("covers only 24 hours")),
        "{:?}",
        f.notes
    );
    assert_eq!(f.groups.len(), 3, "three models");
}

#[test]
fn openai_older_usage_answer_twice_counts_once() {
    let one = wild("openai_v1_usage_legacy.json");
    let mut twice = b"[".to_vec();
    twice.extend(&one);
    twice.push(b',');
    twice.extend(&one);
    twice.push(b']');
    let u = import_usage(&twice).expect("reads");
    let requests: f64 = u.records.iter().filter_map(|r| r.requests).sum();
    assert_eq!(requests, 3.0);
    assert_eq!(output(&u), 56.0);
    assert!(
        u.skipped
            .iter()
            .any(|(why, n)| why.contains("met before") && *n == 3),
        "{:?}",
        u.skipped
    );
}
