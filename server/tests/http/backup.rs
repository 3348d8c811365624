//! Backup from one instance, restore into an empty one: identical scenarios, history,
//! keys, benchmark runs and answers.

use crate::common::TestApp;
use serde_json::{json, Value};

const TOKEN: &str = "test-admin-token-0123456789";

#[tokio::test]
async fn backup_then_restore_into_an_empty_instance_gives_identical_results() {
    let a = TestApp::spawn_with(|c| c.admin_token = Some(TOKEN.into())).await;
    // Two scenarios, one with three revisions; a benchmark file; a custom entry.
    let s1: Value = a
        .post_json("/api/scenarios", &json!({ "template": "haiku-vs-4090" }))
        .await;
    let s2: Value = a
        .post_json("/api/scenarios", &json!({ "template": "sonnet-vs-2xa100" }))
        .await;
    let (id, key) = (
        s1["id"].as_str().expect("id"),
        s1["edit_key"].as_str().expect("key"),
    );
    for (base, price) in [(1, 5.0), (2, 6.0)] {
        let mut doc: Value = a.get(id, key).await.json().await.expect("doc");
        doc["document"]["api_tiers"][0]["output_per_mtok"] = json!(price);
        let r = a
            .put(
                id,
                Some(key),
                json!({ "base_revision": base, "document": doc["document"] }),
            )
            .await;
        assert_eq!(r.status(), 200);
    }
    let bytes = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/../engine/tests/bench-samples/vllm/er0080-vllm-benchmarking-v0.25.1/bench_serve_v0.25.1.json")).expect("sample");
    let up: Value = a
        .client
        .post(a.url("/api/benchmarks?name=serve.json"))
        .body(bytes.clone())
        .send()
        .await
        .expect("up")
        .json()
        .await
        .expect("j");
    let run_id = up["runs"][0]["id"].as_str().expect("run").to_string();
    let usage = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../engine/tests/usage-samples/openai-batch-output/navirag-gpt-4o_batch_output.jsonl"
    ))
    .expect("usage sample");
    let kept: Value = a
        .client
        .post(a.url("/api/usage?name=batch.jsonl"))
        .body(usage)
        .send()
        .await
        .expect("usage")
        .json()
        .await
        .expect("j");
    let usage_id = kept["id"].as_str().expect("usage id").to_string();

    // Off without the token, refused with a wrong one.
    let wrong = a
        .client
        .get(a.url("/api/admin/backup"))
        .bearer_auth("nope")
        .send()
        .await
        .expect("b");
    assert_eq!(wrong.status(), 401);
    let backup = a
        .client
        .get(a.url("/api/admin/backup"))
        .bearer_auth(TOKEN)
        .send()
        .await
        .expect("b")
        .bytes()
        .await
        .expect("bytes");

    let b = TestApp::spawn_with(|c| c.admin_token = Some(TOKEN.into())).await;
    let r = b
        .client
        .post(b.url("/api/admin/restore"))
        .bearer_auth(TOKEN)
        .body(backup.clone())
        .send()
        .await
        .expect("restore");
    assert_eq!(r.status(), 201);
    let counts: Value = r.json().await.expect("j");
    assert_eq!(
        counts,
        json!({ "scenarios": 2, "revisions": 4, "benchmark_runs": 1, "custom_entries": 0, "usage_files": 1 })
    );

    for s in [&s1, &s2] {
        let t = s["view_token"].as_str().expect("t");
        let (va, vb) = (
            a.get_json(&format!("/api/views/{t}")).await,
            b.get_json(&format!("/api/views/{t}")).await,
        );
        assert_eq!(va, vb, "same current revision, byte for byte");
        let ea: Value = a
            .post_json("/api/evaluate", &json!({ "document": va["document"] }))
            .await;
        let eb: Value = b
            .post_json("/api/evaluate", &json!({ "document": vb["document"] }))
            .await;
        assert_eq!(ea, eb, "identical answers");
        let (sid, skey) = (
            s["id"].as_str().expect("id"),
            s["edit_key"].as_str().expect("key"),
        );
        let ha: Value = a
            .client
            .get(a.url(&format!("/api/scenarios/{sid}/revisions")))
            .header("x-edit-key", skey)
            .send()
            .await
            .expect("h")
            .json()
            .await
            .expect("j");
        let hb: Value = b
            .client
            .get(b.url(&format!("/api/scenarios/{sid}/revisions")))
            .header("x-edit-key", skey)
            .send()
            .await
            .expect("h")
            .json()
            .await
            .expect("j");
        assert_eq!(ha, hb, "same history, and the edit key still works");
    }
    // The restored workspace keeps its key: a's key opens it on b.
    let on_b: Value = b
        .client
        .get(b.url(&format!("/api/benchmarks/{run_id}")))
        .header("x-workspace-key", &a.workspace)
        .send()
        .await
        .expect("run")
        .json()
        .await
        .expect("json");
    assert_eq!(a.get_json(&format!("/api/benchmarks/{run_id}")).await, on_b);
    let usage_on_b: Value = b
        .client
        .get(b.url(&format!("/api/usage/{usage_id}")))
        .header("x-workspace-key", &a.workspace)
        .send()
        .await
        .expect("usage")
        .json()
        .await
        .expect("json");
    assert_eq!(usage_on_b, kept, "the usage file, as kept");
    let file_id = up["file_id"].as_str().expect("file");
    let original = b
        .client
        .get(b.url(&format!("/api/benchmark-files/{file_id}/original")))
        .header("x-workspace-key", &a.workspace)
        .send()
        .await
        .expect("o")
        .bytes()
        .await
        .expect("b");
    assert_eq!(
        original.to_vec(),
        bytes,
        "the original file survives byte for byte"
    );

    // A second restore into the now non-empty instance is refused, and changes nothing.
    let again = b
        .client
        .post(b.url("/api/admin/restore"))
        .bearer_auth(TOKEN)
        .body(backup)
        .send()
        .await
        .expect("again");
    assert_eq!(again.status(), 409);
}

#[tokio::test]
async fn backups_over_http_are_off_without_a_token() {
    let a = TestApp::spawn().await;
    let r = a
        .client
        .get(a.url("/api/admin/backup"))
        .send()
        .await
        .expect("b");
    assert_eq!(r.status(), 404);
}
