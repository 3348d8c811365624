//! A usage file read as the format its uploader chose: the same reading when the choice
//! is right, a refusal that names what the file is when it is wrong, and a reading that
//! detection alone would not make when the file lacks the fields detection looks for.

use engine::usage::{import_usage, import_usage_as, UsageFormat};

fn sample(path: &str) -> Vec<u8> {
    let p = format!("{}/tests/usage-samples/{path}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&p).unwrap_or_else(|e| panic!("{p}: {e}"))
}

const SESSION: &str = "claude-code-jsonl/cctrace-phase0-investigation_raw_messages.jsonl";
const OPENAI_USAGE: &str =
    "openai-org-usage-costs/openai-cookbook_usage-completions_1d_30days.json";

#[test]
fn ids_are_the_serde_names() {
    for f in UsageFormat::ALL {
        let json = serde_json::to_string(&f).expect("serialises");
        assert_eq!(json, format!("\"{}\"", f.id()));
        assert_eq!(UsageFormat::from_id(f.id()), Some(f));
    }
    assert_eq!(UsageFormat::from_id("auto"), None);
}

#[test]
fn the_right_choice_reads_as_detection_does() {
    for (path, f) in [
        (SESSION, UsageFormat::ClaudeCode),
        (OPENAI_USAGE, UsageFormat::OpenaiUsage),
        (
            "anthropic-admin-reports/anthropic-docs_cost-report_example.json",
            UsageFormat::AnthropicCost,
        ),
    ] {
        let bytes = sample(path);
        assert_eq!(
            import_usage_as(&bytes, Some(f)),
            import_usage(&bytes),
            "{path}"
        );
    }
}

#[test]
fn a_wrong_choice_is_refused_naming_what_the_file_is() {
    let e = import_usage_as(&sample(OPENAI_USAGE), Some(UsageFormat::OpenaiCosts))
        .expect_err("a usage file is not a costs file");
    assert!(e.contains("chosen as OpenAI organization costs"), "{e}");
    assert!(e.contains("reads as OpenAI organization usage"), "{e}");
    for wrong in [UsageFormat::RequestCsv, UsageFormat::AnthropicUsage] {
        let e = import_usage_as(&sample(SESSION), Some(wrong)).expect_err("a session");
        assert!(e.contains("reads as Claude Code session log"), "{e}");
    }
    // Answers are read by their own shape: the label is checked by detection.
    let batch = sample("openai-batch-output/navirag-gpt-4o_batch_output.jsonl");
    let e = import_usage_as(&batch, Some(UsageFormat::AnthropicMessages))
        .expect_err("OpenAI answers are not Anthropic Messages");
    assert!(e.contains("reads as OpenAI responses"), "{e}");
    assert!(import_usage_as(&batch, Some(UsageFormat::OpenaiRequests)).is_ok());
    // Neither what was chosen nor anything else: why it did not read as chosen.
    let e =
        import_usage_as(b"hello\nworld\n", Some(UsageFormat::RequestCsv)).expect_err("not a CSV");
    assert!(e.starts_with("read as Usage CSV"), "{e}");
    assert!(e.contains("not a CSV header"), "{e}");
}

#[test]
fn a_session_without_the_fields_detection_needs_reads_when_chosen() {
    // The shared session with `sessionId`, `uuid` and `messageId` taken out of every line (as a tool
    // that re-exports events might): detection no longer sees Claude Code events.
    let text = String::from_utf8(sample(SESSION)).expect("utf-8");
    let stripped: String = text
        .lines()
        .map(|l| match serde_json::from_str::<serde_json::Value>(l) {
            Ok(serde_json::Value::Object(mut m)) => {
                m.remove("sessionId");
                m.remove("uuid");
                m.remove("messageId");
                format!("{}\n", serde_json::Value::Object(m))
            }
            _ => format!("{l}\n"),
        })
        .collect();
    let detected = import_usage(stripped.as_bytes());
    assert!(
        detected
            .as_ref()
            .map_or(true, |u| u.format != UsageFormat::ClaudeCode),
        "detection should not see a session: {:?}",
        detected.map(|u| u.format)
    );
    let chosen =
        import_usage_as(stripped.as_bytes(), Some(UsageFormat::ClaudeCode)).expect("reads");
    let original = import_usage(&sample(SESSION)).expect("reads");
    assert_eq!(chosen.format, UsageFormat::ClaudeCode);
    assert_eq!(chosen.records.len(), original.records.len());
    let out =
        |u: &engine::usage::UsageImport| u.records.iter().map(|r| r.tokens.output).sum::<f64>();
    assert_eq!(out(&chosen), out(&original));
}
