//! Usage over HTTP: a real Claude Code session kept as counts (no message text in the
//! answer, the database or its journal), read back by id in its workspace only; the
//! real OpenAI usage and costs pair read together into a workload and a
//! reconciliation, then into a scenario whose task types say where each number came
//! from; a newer import over it keeps what the user typed. Refusals at the file.

use crate::common::TestApp;
use serde_json::{json, Value};

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

fn sample(path: &str) -> Vec<u8> {
    std::fs::read(format!("{SAMPLES}/{path}")).expect("sample")
}

/// A second workspace: a client that sends its key, and the key.
pub(crate) async fn other_workspace(app: &TestApp) -> (reqwest::Client, String) {
    let w: Value = app
        .stranger
        .post(app.url("/api/workspaces"))
        .json(&json!({}))
        .send()
        .await
        .expect("workspace")
        .json()
        .await
        .expect("json");
    let key = w["key"].as_str().expect("key").to_string();
    let mut h = reqwest::header::HeaderMap::new();
    h.insert("x-workspace-key", key.parse().expect("header"));
    let client = reqwest::Client::builder()
        .default_headers(h)
        .build()
        .expect("client");
    (client, key)
}

#[tokio::test]
async fn a_session_log_is_kept_as_counts_with_no_message_text() {
    let app = TestApp::spawn().await;
    let mut bytes = sample("claude-code-jsonl/cctrace-phase0-investigation_raw_messages.jsonl");
    // A message whose text carries a marker: it must appear in no answer and no table.
    let marker = "PLANTED-MARKER-91c2";
    bytes.extend_from_slice(format!(
        "{{\"type\":\"assistant\",\"sessionId\":\"s\",\"timestamp\":\"2026-01-06T10:00:00.000Z\",\"message\":{{\"id\":\"msg_marker\",\"model\":\"claude-opus-4-5-20251101\",\"content\":[{{\"type\":\"text\",\"text\":\"{marker}\"}}],\"usage\":{{\"input_tokens\":1,\"output_tokens\":1}}}}}}\n"
    ).as_bytes());
    let (status, body) = post(&app.client, &app, "session.jsonl", bytes).await;
    assert_eq!(status, 201, "{body}");
    let id = body["id"].as_str().expect("id").to_string();
    assert_eq!(body["file"]["format"], "claude_code");
    assert_eq!(body["file"]["records"], 101);
    let task = &body["file"]["task_types"][0]["task"]["task_type"];
    assert!(
        task["calls_per_month"].as_f64().expect("calls") > 0.0,
        "{body}"
    );
    assert!(!body.to_string().contains(marker));
    // Read back, the same; from another workspace, not found.
    let back = app.get_json(format!("/api/usage/{id}")).await;
    assert_eq!(back, body);
    let (other, _) = other_workspace(&app).await;
    let r = other
        .get(app.url(&format!("/api/usage/{id}")))
        .send()
        .await
        .expect("get");
    assert_eq!(r.status(), 404);
    // The marker is in no table and no journal.
    for suffix in ["", "-wal"] {
        let path = format!("{}{suffix}", app.db_path.display());
        if let Ok(db) = std::fs::read(&path) {
            assert!(
                !db.windows(marker.len()).any(|w| w == marker.as_bytes()),
                "{path}"
            );
        }
    }

    // Without a workspace key or edit link: refused before the body is read.
    let (status, _) = post(&app.stranger, &app, "x.json", b"[]".to_vec()).await;
    assert!(status == 401 || status == 403, "{status}");

    // Not usage: refused at the file, with the reason, and nothing kept.
    let (status, body) = post(&app.client, &app, "notes.txt", b"hello".to_vec()).await;
    assert_eq!(status, 422, "{body}");
    assert_eq!(body["error"], "bad_file");
    assert!(
        body["message"].as_str().unwrap_or("").contains("not JSON"),
        "{body}"
    );
    let (status, body) = post(
        &app.client,
        &app,
        "cut.json",
        b"{\"object\": \"page\", \"data\": [".to_vec(),
    )
    .await;
    assert_eq!(status, 422, "{body}");
}

#[tokio::test]
async fn the_openai_pair_reconciles_and_becomes_a_scenario_that_keeps_typed_values() {
    let app = TestApp::spawn().await;
    let (s1, u) = post(
        &app.client,
        &app,
        "usage.json",
        sample("openai-org-usage-costs/openai-cookbook_usage-completions_1d_30days.json"),
    )
    .await;
    let (s2, c) = post(
        &app.client,
        &app,
        "costs.json",
        sample("openai-org-usage-costs/openai-cookbook_costs_1d_30days.json"),
    )
    .await;
    assert_eq!((s1, s2), (201, 201), "{u} {c}");
    let ids = json!([u["id"], c["id"]]);
    let p = app
        .post_json("/api/usage/workload", &json!({ "ids": ids }))
        .await;
    // The upload's answer has the file's hourly load (the back-test's); reading files
    // together leaves it out (20 files of a year's hours made a 125 MB answer).
    assert!(
        u["file"]["load"].as_array().is_some_and(|l| !l.is_empty()),
        "{u}"
    );
    assert!(p["files"][0]["file"]["load"]
        .as_array()
        .is_some_and(Vec::is_empty));
    let r = &p["workload"]["reconciliations"][0];
    assert_eq!(r["provider"], "OpenAI", "{p}");
    // The bill over the usage's time, computed with Python over the costs JSON.
    let billed = r["billed_usd"].as_f64().expect("billed");
    assert!((billed - 284.843_937_729_373).abs() < 1e-6, "{r}");
    assert_eq!(
        r["residual_usd"].as_f64(),
        Some(billed),
        "nothing priceable: {r}"
    );
    assert!(r["reasons"].to_string().contains("completions"), "{r}");

    // Into a new scenario: measured task types with their source.
    let a = app
        .post_json(
            "/api/usage/apply",
            &json!({ "ids": ids, "target": { "New": { "template": "sonnet-vs-2xa100" } } }),
        )
        .await;
    let edit = a["edit_path"].as_str().expect("edit path");
    let (id, key) = edit
        .trim_start_matches("/s/")
        .split_once("?key=")
        .expect("id and key");
    let doc = app.document(id, key).await;
    // Its notes say where its figures come from, not the template's story.
    let notes = doc["notes"].as_str().unwrap_or("");
    assert!(
        notes.starts_with("Workload measured from usage files: usage.json")
            && notes.contains("from the template \u{201c}Sonnet vs 2x A100")
            && !notes.contains("~$2.49/h"),
        "{notes}"
    );
    let t = &doc["task_types"][0];
    let measured = t["measured"].as_array().expect("measured");
    assert!(
        measured.iter().any(|m| m["field"] == "calls_per_month"
            && m["source"].as_str().unwrap_or("").contains("usage.json")),
        "{t}"
    );

    // The user types the calls; a newer import keeps them and follows the rest.
    let mut doc2 = doc.clone();
    doc2["task_types"][0]["calls_per_month"] = json!(12_345.0);
    let r = app
        .put(
            id,
            Some(key),
            json!({ "base_revision": 1, "document": doc2 }),
        )
        .await;
    assert_eq!(r.status(), 200);
    let (_, again) = post(
        &app.client,
        &app,
        "usage-again.json",
        sample("openai-org-usage-costs/openai-cookbook_usage-completions_1d_30days.json"),
    )
    .await;
    let target = json!({ "Replace": { "id": id, "key": key } });
    let a = app
        .post_json(
            "/api/usage/apply",
            &json!({ "ids": [again["id"]], "target": target }),
        )
        .await;
    assert_eq!(a["followed"], 1, "{a}");
    let doc3 = app.document(id, key).await;
    assert_eq!(doc3["task_types"][0]["calls_per_month"], json!(12_345.0));
    assert!(doc3["task_types"][0]["measured"]
        .to_string()
        .contains("usage-again.json"));
    // The back-test of the scenario over the real days: every option priced.
    let b = app
        .post_json(
            "/api/usage/backtest",
            &json!({ "ids": [u["id"]], "id": id, "key": key }),
        )
        .await;
    // The usage report's 19,347 requests (its daily buckets spread over their hours).
    assert!(
        (b["calls"].as_f64().expect("calls") - 19_347.0).abs() < 1e-6,
        "{b}"
    );
    let options = b["options"].as_array().expect("options");
    assert_eq!(options.len(), 3, "{b}");
    assert!(
        options
            .iter()
            .all(|o| o["cost_usd"].as_f64().is_some_and(|c| c > 0.0)),
        "{b}"
    );
    // Another workspace reads neither the files nor the back-test, by the API or by the
    // page's server functions.
    let (other, other_key) = other_workspace(&app).await;
    let r = other
        .post(app.url("/api/usage/backtest"))
        .json(&json!({ "ids": [u["id"]], "id": id, "key": key }))
        .send()
        .await
        .expect("backtest");
    assert_eq!(r.status(), 404);
    let as_other = json!({ "Workspace": { "token": other_key } });
    for (f, body) in [
        (
            "read_usage",
            json!({ "access": as_other, "ids": [u["id"]] }),
        ),
        (
            "usage_backtest",
            json!({ "access": as_other, "ids": [u["id"]], "id": id, "key": key }),
        ),
        (
            "usage_apply",
            json!({ "access": as_other, "ids": [u["id"]], "target": { "New": { "template": "blank" } } }),
        ),
    ] {
        let r = app
            .stranger
            .post(app.url(&format!("/sfn/{f}")))
            .json(&body)
            .send()
            .await
            .expect("sfn");
        assert_eq!(r.status(), 404, "{f}");
        let body = r.text().await.expect("body");
        assert!(
            body.contains("not_found") || body.contains("NotFound"),
            "{f}: {body}"
        );
    }
    let listed: Value = app
        .stranger
        .post(app.url("/sfn/list_usage_files"))
        .json(&json!({ "access": as_other }))
        .send()
        .await
        .expect("sfn")
        .json()
        .await
        .expect("json");
    assert_eq!(listed, json!([]), "another workspace lists none of ours");
    // A wrong edit key changes nothing.
    let r = app
        .client
        .post(app.url("/api/usage/apply"))
        .json(&json!({ "ids": [again["id"]], "target": { "Replace": { "id": id, "key": "0".repeat(48) } } }))
        .send()
        .await
        .expect("apply");
    assert_eq!(r.status(), 403);
    // The bill alone counts no requests: no workload, said at the field.
    let r = app
        .client
        .post(app.url("/api/usage/apply"))
        .json(&json!({ "ids": [c["id"]], "target": { "New": { "template": "sonnet-vs-2xa100" } } }))
        .send()
        .await
        .expect("apply");
    assert_eq!(r.status(), 422);
}

/// The same usage uploaded again (another name; stored before fingerprints, or with an
/// older version's) is kept
/// and names the first; another export, or the same one in another workspace, names none.
#[tokio::test]
async fn the_same_usage_again_is_kept_and_names_the_first() {
    let app = TestApp::spawn().await;
    let usage = sample("openai-org-usage-costs/openai-cookbook_usage-completions_1d_30days.json");
    let (status, first) = post(&app.client, &app, "usage.json", usage.clone()).await;
    assert_eq!(status, 201, "{first}");
    assert!(first.get("duplicate_of").is_none(), "{first}");
    let costs = sample("openai-org-usage-costs/openai-cookbook_costs_1d_30days.json");
    let (_, other) = post(&app.client, &app, "costs.json", costs).await;
    assert!(other.get("duplicate_of").is_none(), "{other}");
    let (status, again) = post(&app.client, &app, "usage%20(1).json", usage.clone()).await;
    assert_eq!(status, 201, "{again}");
    assert_eq!(again["duplicate_of"]["file_id"], first["id"], "{again}");
    assert_eq!(again["duplicate_of"]["file_name"], "usage.json");
    assert_eq!(again["duplicate_of"]["uploaded_at"], first["uploaded_at"]);
    // A file stored before fingerprints is compared by what it holds.
    let pool = app::db::connect(&format!("sqlite:{}", app.db_path.display()))
        .await
        .expect("db");
    let cleared = sqlx::query("UPDATE usage_files SET fingerprint = NULL")
        .execute(&*pool)
        .await
        .expect("update");
    assert_eq!(cleared.rows_affected(), 3);
    // ... and one whose fingerprint is of another version, the first: still named.
    sqlx::query("UPDATE usage_files SET fingerprint = 'v0:0123' WHERE id = ?")
        .bind(first["id"].as_str().expect("id"))
        .execute(&*pool)
        .await
        .expect("update");
    pool.close().await;
    let (_, third) = post(&app.client, &app, "usage%20(2).json", usage.clone()).await;
    assert_eq!(third["duplicate_of"]["file_id"], first["id"], "{third}");
    let (theirs, _) = other_workspace(&app).await;
    let (status, body) = post(&theirs, &app, "usage.json", usage).await;
    assert_eq!(status, 201, "{body}");
    assert!(body.get("duplicate_of").is_none(), "{body}");
}

/// At start, files stored without a fingerprint, or with another version's, are given
/// this version's (the one their upload would have stored); a summary that no longer reads
/// is left as it is.
#[tokio::test]
async fn files_stored_before_fingerprints_get_them_at_start() {
    let app = TestApp::spawn().await;
    let mut ids = Vec::new();
    for (name, rel) in [
        (
            "usage.json",
            "openai-org-usage-costs/openai-cookbook_usage-completions_1d_30days.json",
        ),
        (
            "costs.json",
            "openai-org-usage-costs/openai-cookbook_costs_1d_30days.json",
        ),
        (
            "again.json",
            "openai-org-usage-costs/openai-cookbook_costs_1d_30days.json",
        ),
    ] {
        let (status, body) = post(&app.client, &app, name, sample(rel)).await;
        assert_eq!(status, 201, "{body}");
        ids.push(body["id"].as_str().expect("id").to_string());
    }
    let url = format!("sqlite:{}", app.db_path.display());
    let pool = app::db::connect(&url).await.expect("db");
    let prints = |pool: &sqlx::SqlitePool| {
        let pool = pool.clone();
        async move {
            sqlx::query_as::<_, (String, Option<String>)>(
                "SELECT id, fingerprint FROM usage_files ORDER BY rowid",
            )
            .fetch_all(&pool)
            .await
            .expect("prints")
        }
    };
    let stored = prints(&pool).await;
    assert!(stored.iter().all(|(_, p)| p
        .as_deref()
        .is_some_and(|p| p.starts_with(engine::usage::FINGERPRINT_VERSION))));
    assert_ne!(stored[0].1, stored[1].1);
    for (sql, id) in [
        (
            "UPDATE usage_files SET fingerprint = NULL WHERE id = ?",
            &ids[0],
        ),
        (
            "UPDATE usage_files SET fingerprint = 'v0:0123' WHERE id = ?",
            &ids[1],
        ),
        (
            "UPDATE usage_files SET fingerprint = NULL, summary = '{' WHERE id = ?",
            &ids[2],
        ),
    ] {
        sqlx::query(sql)
            .bind(id)
            .execute(&*pool)
            .await
            .expect("update");
    }
    pool.close().await;
    // The next start (connect runs the migrations, then the backfill).
    let pool = app::db::connect(&url).await.expect("db");
    let after = prints(&pool).await;
    assert_eq!(after[0], stored[0]);
    assert_eq!(after[1], stored[1]);
    assert_eq!(after[2], (ids[2].clone(), None));
    // Nothing is left to do, and the unreadable file is not counted as done.
    let again = app::db::usage::backfill_fingerprints(&pool)
        .await
        .expect("backfill");
    assert_eq!(again, 0);
    pool.close().await;
}

/// A scenario made from a Claude Code session on Opus 4.5, on a template without Opus, gets
/// the catalog's Opus 4.5 tier: its workload has an option at its quality floor.
#[tokio::test]
async fn a_new_scenario_from_usage_gets_the_tier_of_the_model_it_measured() {
    let app = TestApp::spawn().await;
    let (status, f) = post(
        &app.client,
        &app,
        "session.jsonl",
        sample("claude-code-jsonl/cctrace-phase0-investigation_raw_messages.jsonl"),
    )
    .await;
    assert_eq!(status, 201, "{f}");
    let a = app
        .post_json(
            "/api/usage/apply",
            &json!({ "ids": [f["id"]], "target": { "New": { "template": "haiku-vs-4090" } } }),
        )
        .await;
    assert_eq!(a["tiers_added"], json!(["Claude Opus 4.5"]), "{a}");
    let id = a["id"].as_str().expect("id");
    let key = a["edit_path"]
        .as_str()
        .and_then(|p| p.split("key=").nth(1))
        .expect("key");
    let doc = app.document(id, key).await;
    let tiers: Vec<&str> = doc["api_tiers"]
        .as_array()
        .expect("tiers")
        .iter()
        .filter_map(|t| t["catalog_id"].as_str())
        .collect();
    assert!(tiers.contains(&"claude-opus-4.5"), "{tiers:?}");
    assert_eq!(doc["task_types"][0]["quality_floor"], 3, "{doc}");

    // The same session over the workload of a scenario without Opus (made from OpenAI
    // usage on the same template): the tier is added there too, and named.
    let (_, openai) = post(
        &app.client,
        &app,
        "usage.json",
        sample("openai-org-usage-costs/openai-cookbook_usage-completions_1d_30days.json"),
    )
    .await;
    let other = app
        .post_json(
            "/api/usage/apply",
            &json!({ "ids": [openai["id"]], "target": { "New": { "template": "haiku-vs-4090" } } }),
        )
        .await;
    assert_eq!(other["tiers_added"], json!([]), "{other}");
    let (id2, key2) = other["edit_path"]
        .as_str()
        .and_then(|p| p.trim_start_matches("/s/").split_once("?key="))
        .expect("id and key");
    let r = app
        .post_json(
            "/api/usage/apply",
            &json!({ "ids": [f["id"]], "target": { "Replace": { "id": id2, "key": key2 } } }),
        )
        .await;
    assert_eq!(r["tiers_added"], json!(["Claude Opus 4.5"]), "{r}");
    let doc = app.document(id2, key2).await;
    assert!(
        doc["api_tiers"].to_string().contains("claude-opus-4.5"),
        "{doc}"
    );
}

/// Anthropic's usage report counts no requests: its group takes calls a month typed
/// with the request, through the workload and into a scenario; too many typed counts
/// are refused at the field, nothing read.
#[tokio::test]
async fn a_report_that_counts_no_requests_takes_typed_calls_into_a_scenario() {
    let app = TestApp::spawn().await;
    let (status, u) = post(
        &app.client,
        &app,
        "report.json",
        sample("anthropic-admin-reports/anthropic-docs_usage-report-messages_example.json"),
    )
    .await;
    assert_eq!(status, 201, "{u}");
    let ids = json!([u["id"]]);
    let p = app
        .post_json("/api/usage/workload", &json!({ "ids": ids }))
        .await;
    let group = &p["workload"]["unavailable"][0];
    assert_eq!(group["calls_typable"], true, "{p}");
    let key = group["group"].as_str().expect("group").to_string();
    let calls = json!({ key.clone(): 61.0 });
    let p = app
        .post_json(
            "/api/usage/workload",
            &json!({ "ids": ids, "calls": calls }),
        )
        .await;
    let t = &p["workload"]["task_types"][0]["task_type"];
    assert_eq!(t["calls_per_month"], 61.0, "{p}");
    // The report's one day: 3,200 input tokens over 61 / 30.4375 calls.
    let want = (3_200.0 / (61.0 / 30.4375) * 100.0_f64).round() / 100.0;
    assert_eq!(t["input_tokens"].as_f64(), Some(want), "{t}");
    let r = app
        .client
        .post(app.url("/api/usage/apply"))
        .json(&json!({ "ids": ids, "target": { "New": { "template": "sonnet-vs-2xa100" } }, "calls": calls }))
        .send()
        .await
        .expect("apply");
    assert_eq!(r.status().as_u16(), 201);
    // Without the typed count nothing can be applied, and the refusal says what to do.
    let r = app
        .client
        .post(app.url("/api/usage/apply"))
        .json(&json!({ "ids": ids, "target": { "New": { "template": "sonnet-vs-2xa100" } } }))
        .send()
        .await
        .expect("apply");
    assert_eq!(r.status().as_u16(), 422);
    let body: Value = r.json().await.expect("json");
    assert!(
        body.to_string().contains("type the calls a month"),
        "{body}"
    );
    // 501 typed counts: refused at `calls`.
    let many: serde_json::Map<String, Value> = (0..501)
        .map(|i| (format!("g{i} (x.json)"), json!(10.0)))
        .collect();
    let r = app
        .client
        .post(app.url("/api/usage/workload"))
        .json(&json!({ "ids": ids, "calls": many }))
        .send()
        .await
        .expect("workload");
    assert_eq!(r.status().as_u16(), 422);
    let body: Value = r.json().await.expect("json");
    assert!(
        body.to_string().contains("at most 500 typed counts"),
        "{body}"
    );
}
