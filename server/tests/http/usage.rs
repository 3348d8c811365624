//! Usage uploads over HTTP: a real Claude Code session in, the measured workload out;
//! nothing stored, no message text anywhere; refused with a reason at the file.

use crate::common::TestApp;
use serde_json::Value;

const SAMPLES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../engine/tests/usage-samples");

async fn post(client: &reqwest::Client, app: &TestApp, name: &str, body: Vec<u8>) -> (u16, Value) {
    let r = client
        .post(app.url(&format!("/api/usage?name={name}")))
        .body(body)
        .send()
        .await
        .expect("request");
    let status = r.status().as_u16();
    (status, r.json().await.unwrap_or(Value::Null))
}

#[tokio::test]
async fn a_session_log_becomes_a_task_type_and_nothing_is_stored() {
    let app = TestApp::spawn().await;
    let path =
        format!("{SAMPLES}/claude-code-jsonl/cctrace-phase0-investigation_raw_messages.jsonl");
    let mut bytes = std::fs::read(path).expect("sample");
    // A message whose text carries a marker: it must appear in no answer and no table.
    let marker = "PLANTED-MARKER-91c2";
    bytes.extend_from_slice(format!(
        "{{\"type\":\"assistant\",\"sessionId\":\"s\",\"timestamp\":\"2026-01-06T10:00:00.000Z\",\"message\":{{\"id\":\"msg_marker\",\"model\":\"claude-opus-4-5-20251101\",\"content\":[{{\"type\":\"text\",\"text\":\"{marker}\"}}],\"usage\":{{\"input_tokens\":1,\"output_tokens\":1}}}}}}\n"
    ).as_bytes());
    let (status, body) = post(&app.client, &app, "session.jsonl", bytes).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["format"], "claude_code");
    assert_eq!(body["records"], 101);
    assert_eq!(body["stored"], false);
    let task = &body["task_types"][0]["task"]["task_type"];
    assert!(
        task["calls_per_month"].as_f64().expect("calls") > 0.0,
        "{body}"
    );
    assert!(!body.to_string().contains(marker));
    let db = std::fs::read(&app.db_path).expect("database file");
    assert!(!db.windows(marker.len()).any(|w| w == marker.as_bytes()));

    // Without a workspace key or edit link: refused before the body is read.
    let (status, _) = post(&app.stranger, &app, "x.json", b"[]".to_vec()).await;
    assert!(status == 401 || status == 403, "{status}");

    // Not usage: refused at the file, with the reason.
    let (status, body) = post(&app.client, &app, "notes.txt", b"hello".to_vec()).await;
    assert_eq!(status, 422, "{body}");
    assert_eq!(body["error"], "bad_file");
    assert!(
        body["message"].as_str().unwrap_or("").contains("not JSON"),
        "{body}"
    );
}
