//! A usage file's original: kept only when its uploader ticks "keep the original", read
//! back only with the workspace's key (by header or by the workspace's own link), never
//! through a scenario's edit link or from another workspace, and gone when the file is
//! deleted; one larger than the configured size is not kept, and that is said. A format
//! chosen at upload: an unknown one and a wrong one are refused at
//! the file, and nothing is kept.

use crate::common::TestApp;
use serde_json::{json, Value};

const SESSION: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../engine/tests/usage-samples/claude-code-jsonl/cctrace-phase0-investigation_raw_messages.jsonl"
);

fn with_marker(marker: &str) -> Vec<u8> {
    let mut bytes = std::fs::read(SESSION).expect("sample");
    bytes.extend_from_slice(format!(
        "{{\"type\":\"assistant\",\"sessionId\":\"s\",\"timestamp\":\"2026-01-06T10:00:00.000Z\",\"message\":{{\"id\":\"msg_marker\",\"model\":\"claude-opus-4-5-20251101\",\"content\":[{{\"type\":\"text\",\"text\":\"{marker}\"}}],\"usage\":{{\"input_tokens\":1,\"output_tokens\":1}}}}}}\n"
    ).as_bytes());
    bytes
}

async fn upload(app: &TestApp, query: &str, body: Vec<u8>) -> (u16, Value) {
    let r = app
        .client
        .post(app.url(&format!("/api/usage?name=session.jsonl&{query}")))
        .body(body)
        .send()
        .await
        .expect("request");
    let status = r.status().as_u16();
    (status, r.json().await.unwrap_or(Value::Null))
}

async fn count(app: &TestApp) -> usize {
    let list = app.get_json("/api/usage").await;
    list.as_array().map_or(usize::MAX, Vec::len)
}

#[tokio::test]
async fn the_original_is_kept_only_when_asked_and_read_back_only_with_the_workspace_key() {
    // Originals up to 4 MB kept (the session is 1.5 MB).
    let app = TestApp::spawn_with(|c| c.max_stored_file_bytes = 4 << 20).await;
    let marker = "KEPT-ORIGINAL-MARKER-5e1";
    let bytes = with_marker(marker);

    // Not asked: not kept, and there is no original to read.
    let (status, plain) = upload(&app, "", bytes.clone()).await;
    assert_eq!(status, 201, "{plain}");
    assert_eq!(plain["original_kept"], false);
    let id = plain["id"].as_str().expect("id");
    let r = app
        .client
        .get(app.url(&format!("/api/usage/{id}/original")))
        .send()
        .await
        .expect("get");
    assert_eq!(r.status(), 404);

    // Asked (and the format chosen): kept, and read back byte for byte.
    let (status, kept) = upload(&app, "keep_original=true&format=claude_code", bytes.clone()).await;
    assert_eq!(status, 201, "{kept}");
    assert_eq!(kept["original_kept"], true);
    assert!(
        !kept.to_string().contains(marker),
        "the answer holds counts only"
    );
    let id = kept["id"].as_str().expect("id").to_string();
    let r = app
        .client
        .get(app.url(&format!("/api/usage/{id}/original")))
        .send()
        .await
        .expect("get");
    assert_eq!(r.status(), 200);
    assert!(r
        .headers()
        .get("content-disposition")
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("attachment")));
    assert_eq!(r.bytes().await.expect("body").as_ref(), &bytes[..]);
    let by_link = app
        .stranger
        .get(app.url(&format!("/w/{}/usage/{id}/original", app.workspace)))
        .send()
        .await
        .expect("get");
    assert_eq!(by_link.status(), 200);
    assert_eq!(by_link.bytes().await.expect("body").as_ref(), &bytes[..]);

    // A scenario's edit link reaches the workspace's counts, not the original.
    let c = app.create(json!({ "template": "haiku-vs-4090" })).await;
    let (sid, key) = (
        c["id"].as_str().expect("id"),
        c["edit_key"].as_str().expect("key"),
    );
    let r = app
        .stranger
        .get(app.url(&format!("/api/usage/{id}/original")))
        .header("x-scenario-id", sid)
        .header("x-edit-key", key)
        .send()
        .await
        .expect("get");
    assert_eq!(r.status(), 403);
    let body: Value = r.json().await.expect("json");
    assert_eq!(body["error"], "workspace_key_needed", "{body}");
    let r = app
        .stranger
        .delete(app.url(&format!("/api/usage/{id}")))
        .header("x-scenario-id", sid)
        .header("x-edit-key", key)
        .send()
        .await
        .expect("delete");
    assert_eq!(r.status(), 403);

    // Another workspace, with its own valid key: not found, by header, by its link's
    // path, and for a delete. No key at all: refused.
    let (other, other_key) = crate::usage::other_workspace(&app).await;
    for r in [
        other.get(app.url(&format!("/api/usage/{id}/original"))),
        app.stranger
            .get(app.url(&format!("/w/{other_key}/usage/{id}/original"))),
        other.delete(app.url(&format!("/api/usage/{id}"))),
    ] {
        assert_eq!(r.send().await.expect("request").status(), 404);
    }
    let r = app
        .stranger
        .get(app.url(&format!("/w/not-a-workspace/usage/{id}/original")))
        .send()
        .await
        .expect("get");
    assert!(r.status() == 404 || r.status() == 403, "{}", r.status());
    for r in [
        app.stranger
            .get(app.url(&format!("/api/usage/{id}/original"))),
        app.stranger.delete(app.url(&format!("/api/usage/{id}"))),
    ] {
        let status = r.send().await.expect("request").status();
        assert!(status == 401 || status == 403, "{status}");
    }

    // The list says which files kept their original, without loads and cost rows.
    let list = app.get_json("/api/usage").await;
    assert_eq!(list.as_array().map(Vec::len), Some(2), "{list}");
    assert!(list[0]["file"]["load"]
        .as_array()
        .is_some_and(Vec::is_empty));
    assert_eq!(list[0]["original_kept"], true);
    assert_eq!(list[1]["original_kept"], false);
    // Deleted: its counts and its original go; the other file stays.
    assert_eq!(count(&app).await, 2);
    let r = app
        .client
        .delete(app.url(&format!("/api/usage/{id}")))
        .send()
        .await
        .expect("delete");
    assert_eq!(r.status(), 204);
    assert_eq!(count(&app).await, 1);
    let r = app
        .client
        .get(app.url(&format!("/api/usage/{id}/original")))
        .send()
        .await
        .expect("get");
    assert_eq!(r.status(), 404);
    let r = app
        .client
        .delete(app.url(&format!("/api/usage/{id}")))
        .send()
        .await
        .expect("delete");
    assert_eq!(r.status(), 404);
}

#[tokio::test]
async fn a_chosen_format_is_checked_and_a_refusal_keeps_nothing() {
    let app = TestApp::spawn().await;
    let bytes = with_marker("x");
    let (status, body) = upload(&app, "format=excel", bytes.clone()).await;
    assert_eq!(status, 422, "{body}");
    let m = body["message"].as_str().unwrap_or("");
    assert!(
        m.contains("claude_code") && m.contains("openai_usage"),
        "{m}"
    );
    let (status, body) = upload(
        &app,
        "format=openai_costs&keep_original=true",
        bytes.clone(),
    )
    .await;
    assert_eq!(status, 422, "{body}");
    let m = body["message"].as_str().unwrap_or("");
    assert!(m.contains("reads as Claude Code session log"), "{m}");
    assert_eq!(count(&app).await, 0, "nothing kept");
    // Asked, but larger than an original may be (512 KB here): counts kept, and said.
    let (status, body) = upload(&app, "format=auto&keep_original=true", bytes).await;
    assert_eq!(status, 201, "{body}");
    assert_eq!(body["file"]["format"], "claude_code");
    assert_eq!(body["original_kept"], false);
    assert!(
        body["file"]["notes"]
            .to_string()
            .contains("the original was not kept"),
        "{body}"
    );
}
