//! Anthropic batch requests, as the Message Batches API returns them (one
//! `{custom_id, result: {type, message}}` per line) and as single messages whose usage
//! says `service_tier: "batch"`: read as batch requests, priced at the batch discount.
//! The shapes are Anthropic's documented ones; the counts are made up.

use engine::usage::file::describe;
use engine::usage::import_usage;

fn message(id: &str, input: u32, output: u32, tier: &str) -> String {
    format!(
        r#"{{"id": "{id}", "type": "message", "role": "assistant", "model": "claude-3-5-haiku-20241022", "content": [{{"type": "text", "text": "..."}}], "stop_reason": "end_turn", "stop_sequence": null, "usage": {{"input_tokens": {input}, "cache_creation_input_tokens": 0, "cache_read_input_tokens": 0, "output_tokens": {output}, "service_tier": "{tier}"}}}}"#
    )
}

#[test]
fn message_batches_results_are_batch_requests_and_failures_are_said() {
    let lines = [
        format!(
            r#"{{"custom_id": "a", "result": {{"type": "succeeded", "message": {}}}}}"#,
            message("msg_1", 2518, 2152, "batch")
        ),
        format!(
            r#"{{"custom_id": "b", "result": {{"type": "succeeded", "message": {}}}}}"#,
            message("msg_2", 2563, 2096, "batch")
        ),
        r#"{"custom_id": "c", "result": {"type": "errored", "error": {"type": "invalid_request", "message": "..."}}}"#.to_string(),
    ];
    let u = import_usage(lines.join("\n").as_bytes()).expect("reads");
    assert_eq!(u.format, engine::usage::UsageFormat::AnthropicMessages);
    assert_eq!(u.records.len(), 2);
    assert!(u.records.iter().all(|r| r.batch == Some(true)));
    assert_eq!(u.records[0].tokens.uncached_input, 2518.0);
    assert_eq!(u.records[1].tokens.output, 2096.0);
    assert!(
        u.skipped
            .iter()
            .any(|(w, n)| *n == 1 && w.contains("did not succeed")),
        "{:?}",
        u.skipped
    );
    // The results carry no times: the period is unknown, not 1970.
    let f = describe(&u, "results.jsonl", None).expect("described");
    assert_eq!(f.period, None);
    assert!(
        f.notes.iter().any(|n| n.contains("gives no times")),
        "{:?}",
        f.notes
    );
}

#[test]
fn a_message_whose_usage_says_batch_is_a_batch_request() {
    let batch = import_usage(message("msg_1", 2518, 2152, "batch").as_bytes()).expect("reads");
    assert_eq!(batch.records[0].batch, Some(true));
    let standard =
        import_usage(message("msg_1", 2518, 2152, "standard").as_bytes()).expect("reads");
    assert_eq!(standard.records[0].batch, None);
}
