//! Every JSON API answer, pinned as an insta snapshot (status + body), so a refactor
//! that changes an answer fails here. Ids, keys, tokens, timestamps and error
//! references change on every run and are redacted by [`redact`]; everything else,
//! numbers and sentences included, must stay byte for byte.
//!
//! Review a change with `cargo insta review` (or accept with `INSTA_UPDATE=always`).

use crate::common::TestApp;
use serde_json::{json, Value};

/// Keys whose values differ on every run.
const VOLATILE_KEYS: &[&str] = &[
    "id",
    "edit_key",
    "view_token",
    "edit_url",
    "view_url",
    "file_id",
    "run_id",
    "created_at",
    "saved_at",
    "uploaded_at",
    "added_at",
    "updated_at",
    "reference",
];

/// Replaces volatile values by a placeholder naming the key, and any string that
/// embeds one of `secrets` (an id, a key, a token) by the same string with the
/// secret replaced, so URLs keep their shape.
fn redact(v: Value, secrets: &[(&str, &str)]) -> Value {
    match v {
        Value::Object(map) => Value::Object(
            map.into_iter()
                .map(|(k, v)| {
                    let v = if VOLATILE_KEYS.contains(&k.as_str()) && !v.is_null() {
                        Value::String(format!("[{k}]"))
                    } else {
                        redact(v, secrets)
                    };
                    (k, v)
                })
                .collect(),
        ),
        Value::Array(items) => {
            Value::Array(items.into_iter().map(|v| redact(v, secrets)).collect())
        }
        Value::String(s) => {
            let mut s = s;
            for (secret, name) in secrets {
                if !secret.is_empty() {
                    s = s.replace(secret, &format!("[{name}]"));
                }
            }
            Value::String(s)
        }
        other => other,
    }
}

/// Status and JSON body of an answer, the body redacted.
async fn answer(r: reqwest::Response, secrets: &[(&str, &str)]) -> Value {
    let status = r.status().as_u16();
    let text = r.text().await.expect("body");
    let body: Value = serde_json::from_str(&text).unwrap_or(Value::String(text));
    json!({ "status": status, "body": redact(body, secrets) })
}

fn field(v: &Value, k: &str) -> String {
    v[k].as_str()
        .unwrap_or_else(|| panic!("{k} missing in {v}"))
        .to_string()
}

/// FNV-1a of a text: pins an SVG without storing 60 KB in a snapshot.
fn fnv1a(text: &str) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in text.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{h:016x}")
}

#[tokio::test]
async fn scenario_lifecycle_answers() {
    let app = TestApp::spawn().await;
    let c = &app.client;
    let templates = answer(
        c.get(app.url("/api/templates"))
            .send()
            .await
            .expect("request"),
        &[],
    )
    .await;
    insta::assert_json_snapshot!("templates", templates);

    let created = c
        .post(app.url("/api/scenarios"))
        .json(&json!({ "template": "haiku-vs-4090" }))
        .send()
        .await
        .expect("request");
    let created_body: Value = created.json().await.expect("request");
    let (id, key, view) = (
        field(&created_body, "id"),
        field(&created_body, "edit_key"),
        field(&created_body, "view_token"),
    );
    let secrets = [
        (id.as_str(), "id"),
        (key.as_str(), "edit_key"),
        (view.as_str(), "view_token"),
    ];
    insta::assert_json_snapshot!("create", redact(created_body, &secrets));

    let got = answer(app.get(&id, &key).await, &secrets).await;
    insta::assert_json_snapshot!("get", got);

    let mut doc = app.document(&id, &key).await;
    doc["task_types"][0]["calls_per_month"] = json!(250_000);
    let saved = app
        .put(
            &id,
            Some(&key),
            json!({ "base_revision": 1, "document": doc }),
        )
        .await;
    insta::assert_json_snapshot!("save", answer(saved, &secrets).await);

    let stale = app
        .put(
            &id,
            Some(&key),
            json!({ "base_revision": 1, "document": doc }),
        )
        .await;
    insta::assert_json_snapshot!("save_conflict", answer(stale, &secrets).await);

    let wrong_key = app
        .put(
            &id,
            Some("not-the-key"),
            json!({ "base_revision": 2, "document": doc }),
        )
        .await;
    insta::assert_json_snapshot!("save_wrong_key", answer(wrong_key, &secrets).await);

    let revisions = c
        .get(app.url(&format!("/api/scenarios/{id}/revisions")))
        .header("x-edit-key", &key)
        .send()
        .await
        .expect("request");
    insta::assert_json_snapshot!("revisions", answer(revisions, &secrets).await);

    let restored = c
        .post(app.url(&format!("/api/scenarios/{id}/revisions/1/restore")))
        .header("x-edit-key", &key)
        .send()
        .await
        .expect("request");
    insta::assert_json_snapshot!("restore", answer(restored, &secrets).await);

    let viewed = c
        .get(app.url(&format!("/api/views/{view}")))
        .send()
        .await
        .expect("request");
    insta::assert_json_snapshot!("view", answer(viewed, &secrets).await);
}

#[tokio::test]
async fn evaluate_and_render_answers() {
    let app = TestApp::spawn().await;
    let c = &app.client;
    let created = app.create(json!({ "template": "haiku-vs-4090" })).await;
    let doc = app
        .document(&field(&created, "id"), &field(&created, "edit_key"))
        .await;

    let evaluated = c
        .post(app.url("/api/evaluate"))
        .json(&json!({ "document": doc, "curve_points": 5 }))
        .send()
        .await
        .expect("request");
    insta::assert_json_snapshot!("evaluate", answer(evaluated, &[]).await);

    let rendered = c
        .post(app.url("/api/render"))
        .json(&json!({ "document": doc }))
        .send()
        .await
        .expect("request");
    let status = rendered.status().as_u16();
    let content_type = rendered.headers()["content-type"]
        .to_str()
        .expect("request")
        .to_string();
    let svg = rendered.text().await.expect("request");
    insta::assert_json_snapshot!(
        "render",
        json!({ "status": status, "content_type": content_type, "bytes": svg.len(), "fnv1a": fnv1a(&svg) })
    );
}

#[tokio::test]
async fn benchmark_answers() {
    let app = TestApp::spawn().await;
    let c = &app.client;
    let sample = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../engine/tests/bench-samples/vllm/zhangxinyuehfad-vllm-benchmarks-2025-02/serving_llama8B_tp1_sharegpt_qps_inf.json"
    );
    let bytes = std::fs::read(sample).expect("sample");
    let uploaded = c
        .post(app.url("/api/benchmarks?name=serving_llama8B_tp1_sharegpt_qps_inf.json&format=auto"))
        .body(bytes)
        .send()
        .await
        .expect("request");
    let uploaded: Value = answer(uploaded, &[]).await;
    let run_id = uploaded["body"]["runs"][0]["id"].clone();
    insta::assert_json_snapshot!("benchmark_upload", uploaded);

    let listed = c
        .get(app.url("/api/benchmarks?q=llama"))
        .send()
        .await
        .expect("request");
    insta::assert_json_snapshot!("benchmark_list", answer(listed, &[]).await);

    // The run id was redacted above; read it back unredacted from the list.
    let list: Value = c
        .get(app.url("/api/benchmarks"))
        .send()
        .await
        .expect("request")
        .json()
        .await
        .expect("request");
    let run_id = list
        .as_array()
        .and_then(|runs| runs.first())
        .map(|r| r["id"].clone())
        .unwrap_or(run_id);
    let run_id = run_id
        .as_i64()
        .map(|n| n.to_string())
        .or_else(|| run_id.as_str().map(String::from))
        .expect("run id");
    let one = c
        .get(app.url(&format!("/api/benchmarks/{run_id}")))
        .send()
        .await
        .expect("request");
    insta::assert_json_snapshot!("benchmark_get", answer(one, &[]).await);

    let bad = c
        .post(app.url("/api/benchmarks?name=notes.txt&format=auto"))
        .body("these are notes, not a benchmark")
        .send()
        .await
        .expect("request");
    insta::assert_json_snapshot!("benchmark_bad_file", answer(bad, &[]).await);
}

#[tokio::test]
async fn error_answers() {
    let app = TestApp::spawn().await;
    let c = &app.client;
    let malformed = c
        .post(app.url("/api/evaluate"))
        .header("content-type", "application/json")
        .body("{\"document\": ")
        .send()
        .await
        .expect("request");
    insta::assert_json_snapshot!("error_malformed_json", answer(malformed, &[]).await);

    let created = app.create(json!({ "template": "haiku-vs-4090" })).await;
    let mut doc = app
        .document(&field(&created, "id"), &field(&created, "edit_key"))
        .await;
    doc["task_types"][0]["calls_per_month"] = json!(-5);
    doc["api_tiers"][0]["input_per_mtok"] = json!(-1.5);
    let invalid = c
        .post(app.url("/api/evaluate"))
        .json(&json!({ "document": doc }))
        .send()
        .await
        .expect("request");
    insta::assert_json_snapshot!("error_invalid_document", answer(invalid, &[]).await);

    doc["api_tiers"][0]["input_per_mtok"] = json!("abc");
    let wrong_type = c
        .post(app.url("/api/evaluate"))
        .json(&json!({ "document": doc }))
        .send()
        .await
        .expect("request");
    insta::assert_json_snapshot!("error_wrong_type", answer(wrong_type, &[]).await);

    let missing = c
        .get(app.url("/api/scenarios/0123456789abcdef0123456789abcdef"))
        .header("x-edit-key", "k")
        .send()
        .await
        .expect("request");
    insta::assert_json_snapshot!("error_unknown_scenario", answer(missing, &[]).await);

    let no_route = c
        .get(app.url("/api/nothing-here"))
        .send()
        .await
        .expect("request");
    insta::assert_json_snapshot!("error_unknown_route", answer(no_route, &[]).await);

    let too_large = c
        .post(app.url("/api/evaluate"))
        .header("content-type", "application/json")
        .body(vec![b' '; 128 * 1024])
        .send()
        .await
        .expect("request");
    insta::assert_json_snapshot!("error_too_large", answer(too_large, &[]).await);
}
