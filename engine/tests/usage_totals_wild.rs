//! Usage files found in public repositories in stop 61 (`tests/fixtures/wild/usage/`,
//! sources in `tests/fixtures/wild/README.md`): totals with no call of their own, cache
//! columns of names no list had. Figures counted from the files with Python.

use engine::usage::{import_usage, summarise};

fn fixture(name: &str) -> Vec<u8> {
    let p = format!(
        "{}/tests/fixtures/wild/usage/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read(&p).unwrap_or_else(|e| panic!("{p}: {e}"))
}

/// claudash writes its cache writes as `cache_creation_tokens`, a name no list had: they
/// were dropped without a word (input 566k where it is 1.32M; the writes' cost lost).
/// Counted with Python: 30 calls, 1,323,008 input of which 756,994 written and 560,928
/// read, 2,796 output.
#[test]
fn a_cache_write_column_of_another_name_is_read() {
    let u = import_usage(&fixture("claudash_usage_export_first30.csv")).expect("reads");
    let t = summarise(&u)
        .iter()
        .fold(engine::usage::Tokens::default(), |mut t, g| {
            t.add(&g.tokens);
            t
        });
    assert_eq!(u.records.len(), 30);
    assert_eq!(t.input_total(), 1_323_008.0);
    assert_eq!(t.cache_write_5m + t.cache_write_1h, 756_994.0);
    assert_eq!(t.cache_read, 560_928.0);
    assert_eq!(t.output, 2_796.0);
    assert!(!u.no_cache_counts);
}

/// Claude Code's totals (a `-p` result, the stats cache) were read as one OpenAI call
/// of 18 input tokens, its cache left out; now refused, naming what it is and the file
/// to upload instead.
#[test]
fn claude_codes_totals_are_refused_with_the_file_to_upload() {
    for (name, id) in [
        (
            "claude_code_output-format-json_result_snake.json",
            Some("1911acee-d0ea-4c0f-a149-4eea122cf3ed"),
        ),
        ("claude_code_stats-cache_claudesync.json", None),
    ] {
        let e = import_usage(&fixture(name)).expect_err(name);
        assert!(e.contains("Claude Code's totals by model"), "{name}: {e}");
        assert!(e.contains("~/.claude/projects/"), "{name}: {e}");
        if let Some(id) = id {
            assert!(e.contains(id), "{name}: {e}");
        }
    }
}

/// A stream-json run's calls carry no time: the refusal says so (it said "no assistant
/// line with message.usage" while counting 16 of them) and names the log to upload.
#[test]
fn a_stream_json_run_is_refused_for_its_missing_times_not_its_calls() {
    let e = import_usage(&fixture("claude_code_stream-json_hooks_trackgentic.jsonl"))
        .expect_err("no times");
    assert!(e.contains("stream-json"), "{e}");
    assert!(e.contains("16 API call lines carry no time"), "{e}");
    assert!(!e.contains("no assistant line with message.usage"), "{e}");
}

/// A usage object in Anthropic's terms outside a Messages answer is read in Anthropic's
/// terms: its cache fields counted, its input_tokens the uncached part.
#[test]
fn anthropic_cache_fields_make_a_usage_object_anthropics() {
    let line = r#"{"id":"x1","model":"claude-sonnet-4-5","created_at":"2026-03-01T10:00:00Z","usage":{"input_tokens":18,"cache_read_input_tokens":600,"cache_creation_input_tokens":300,"output_tokens":50}}"#;
    let u = import_usage(line.as_bytes()).expect("reads");
    let g = &summarise(&u)[0];
    assert_eq!(g.tokens.uncached_input, 18.0);
    assert_eq!(g.tokens.cache_read, 600.0);
    assert_eq!(g.tokens.cache_write_5m, 300.0);
    assert_eq!(g.tokens.input_total(), 918.0);
}

/// A session log whose times are there but written another way (a converted log) is not
/// called a stream without times: its first time is quoted, with the form wanted.
#[test]
fn a_session_with_times_in_another_form_quotes_the_first() {
    let p = format!(
        "{}/tests/usage-samples/claude-code-jsonl/cctrace-phase0-investigation_raw_messages.jsonl",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(&p).expect("sample");
    let converted: String = text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let mut v: serde_json::Value = serde_json::from_str(l).expect("json");
            if v.get("timestamp").is_some() {
                v["timestamp"] = "01/03/2026 10:00".into();
            }
            v.to_string() + "\n"
        })
        .collect();
    let e = import_usage(converted.as_bytes()).expect_err("no readable time");
    assert!(e.contains("(the first: \"01/03/2026 10:00\")"), "{e}");
    assert!(!e.contains("stream-json"), "{e}");
}

/// Cache columns found by what their names say keep each provider's convention: OpenAI's
/// `cached_input_tokens` is inside `input_tokens` (not added to it), and Anthropic's
/// `cache_creation_input_tokens` holds its 1-hour part (not counted twice).
#[test]
fn cache_columns_keep_their_providers_convention() {
    let total = |csv: &str| {
        let u = import_usage(csv.as_bytes()).expect("reads");
        summarise(&u)
            .iter()
            .fold(engine::usage::Tokens::default(), |mut t, g| {
                t.add(&g.tokens);
                t
            })
    };
    let t = total("time,model,input_tokens,cached_input_tokens,output_tokens\n2026-03-01T10:00:00Z,gpt-5,1000,800,50\n");
    assert_eq!(
        (t.uncached_input, t.cache_read, t.input_total()),
        (200.0, 800.0, 1000.0)
    );
    let t = total("time,model,input_tokens,cache_creation_input_tokens,cache_creation.ephemeral_1h_input_tokens,output_tokens\n2026-03-01T10:00:00Z,claude-sonnet-4-5,10,300,100,50\n");
    assert_eq!(
        (t.cache_write_5m, t.cache_write_1h, t.input_total()),
        (200.0, 100.0, 310.0)
    );
}
