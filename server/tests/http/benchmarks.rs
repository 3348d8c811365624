//! Benchmark uploads over HTTP: real sample files, real SQLite.

use crate::common::TestApp;
use serde_json::{json, Value};

const SAMPLES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../engine/tests/bench-samples");

fn sample(rel: &str) -> Vec<u8> {
    std::fs::read(format!("{SAMPLES}/{rel}")).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

async fn upload(app: &TestApp, name: &str, bytes: Vec<u8>, format: Option<&str>) -> (u16, Value) {
    let mut url = format!("/api/benchmarks?name={}", urlencode(name));
    if let Some(f) = format {
        url.push_str(&format!("&format={f}"));
    }
    send(app.client.post(app.url(&url)).body(bytes)).await
}

/// Sends a request and reads its status and JSON answer (`null` for none).
async fn send(req: reqwest::RequestBuilder) -> (u16, Value) {
    let r = req.send().await.expect("request");
    let status = r.status().as_u16();
    (status, r.json().await.unwrap_or(Value::Null))
}

/// A scenario made by `client`'s workspace from the 4090 template, saved once more with
/// the name `name` and its first configuration's throughput from `source`: its id, edit
/// key and document as made (revision 2 is the one with the run).
async fn scenario_using(
    app: &TestApp,
    client: &reqwest::Client,
    name: &str,
    source: &Value,
) -> (String, String, Value) {
    let (_, created) = send(
        client
            .post(app.url("/api/scenarios"))
            .json(&json!({ "template": "haiku-vs-4090" })),
    )
    .await;
    let id = created["id"].as_str().expect("id").to_string();
    let key = created["edit_key"].as_str().expect("key").to_string();
    let plain = app.document(&id, &key).await;
    let mut doc = plain.clone();
    doc["name"] = json!(name);
    doc["gpu_configs"][0]["throughput"] = source.clone();
    save(app, &id, &key, 1, &doc).await;
    (id, key, plain)
}

/// Saves `doc` over revision `base`, expecting 200.
async fn save(app: &TestApp, id: &str, key: &str, base: i64, doc: &Value) {
    let r = app
        .put(
            id,
            Some(key),
            json!({ "base_revision": base, "document": doc }),
        )
        .await;
    assert_eq!(r.status(), 200);
}

fn urlencode(s: &str) -> String {
    s.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"-_.".contains(&b) {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

/// Appends to scenario `id`'s history its current document spelled another way (indented),
/// as the current revision: a document the app did not write itself.
async fn respell(app: &TestApp, id: &str) {
    let pool = app::db::connect(&format!("sqlite:{}", app.db_path.display()))
        .await
        .expect("db");
    let doc: String = sqlx::query_scalar(
        "SELECT v.document FROM scenario_revisions v JOIN scenarios s ON s.id = v.scenario_id \
         AND v.revision = s.current_revision WHERE s.id = ?",
    )
    .bind(id)
    .fetch_one(&*pool)
    .await
    .expect("document");
    let value: Value = serde_json::from_str(&doc).expect("json");
    let pretty = serde_json::to_string_pretty(&value).expect("pretty");
    assert!(pretty.contains("\"run_id\": \""));
    sqlx::query(
        "INSERT INTO scenario_revisions (scenario_id, revision, document, name) \
         SELECT id, current_revision + 1, ?, name FROM scenarios WHERE id = ?",
    )
    .bind(&pretty)
    .bind(id)
    .execute(&*pool)
    .await
    .expect("a revision");
    sqlx::query("UPDATE scenarios SET current_revision = current_revision + 1 WHERE id = ?")
        .bind(id)
        .execute(&*pool)
        .await
        .expect("made current");
    pool.close().await;
}

async fn count(app: &TestApp, table: &str) -> i64 {
    let pool = app::db::connect(&format!("sqlite:{}", app.db_path.display()))
        .await
        .expect("db");
    let sql = match table {
        "files" => "SELECT COUNT(*) FROM benchmark_files",
        _ => "SELECT COUNT(*) FROM benchmark_runs",
    };
    let n: i64 = sqlx::query_scalar(sql)
        .fetch_one(&*pool)
        .await
        .expect("count");
    pool.close().await;
    n
}

#[tokio::test]
async fn upload_list_detail_and_original() {
    let app = TestApp::spawn().await;
    let bytes = sample("vllm/er0080-vllm-benchmarking-v0.25.1/bench_serve_v0.25.1.json");
    let (status, body) = upload(&app, "bench_serve_v0.25.1.json", bytes.clone(), None).await;
    assert_eq!(status, 201, "{body}");
    assert_eq!(body["format_id"], "vllm_serve");
    assert_eq!(body["original_kept"], true);
    let run = &body["runs"][0];
    assert_eq!(run["run"]["output_tokens_per_s"], json!(82.89297074037474));
    let id = run["id"].as_str().expect("id").to_string();

    let list: Value = app.get_json("/api/benchmarks?q=opt-125m").await;
    assert_eq!(list.as_array().map(Vec::len), Some(1));
    let none: Value = app.get_json("/api/benchmarks?q=no-such-model").await;
    assert_eq!(none.as_array().map(Vec::len), Some(0));

    let detail: Value = app.get_json(&format!("/api/benchmarks/{id}")).await;
    assert_eq!(detail["throughput_source"]["kind"], "benchmark");
    assert_eq!(detail["throughput_source"]["output_tokens"], json!(16.0));
    assert_eq!(detail["used_by"], json!([]));

    let file_id = body["file_id"].as_str().expect("file id");
    let r = app
        .client
        .get(app.url(&format!("/api/benchmark-files/{file_id}/original")))
        .send()
        .await
        .expect("original");
    assert_eq!(r.status(), 200);
    assert!(r.headers()["content-disposition"]
        .to_str()
        .unwrap_or("")
        .contains("bench_serve_v0.25.1.json"));
    assert_eq!(
        r.bytes().await.expect("bytes").to_vec(),
        bytes,
        "the original comes back byte for byte"
    );
}

#[tokio::test]
async fn a_run_attached_to_a_configuration_is_used_and_listed() {
    let app = TestApp::spawn().await;
    let (_, body) = upload(
        &app,
        "s.json",
        sample("vllm/er0080-vllm-benchmarking-v0.25.1/bench_serve_v0.25.1.json"),
        None,
    )
    .await;
    let id = body["runs"][0]["id"].as_str().expect("id").to_string();
    let detail: Value = app.get_json(&format!("/api/benchmarks/{id}")).await;
    let created = app.create(json!({ "template": "haiku-vs-4090" })).await;
    let (sid, key) = (
        created["id"].as_str().expect("id"),
        created["edit_key"].as_str().expect("key"),
    );
    let mut doc: Value = app.get(sid, key).await.json().await.expect("json");
    let before: Value = app
        .post_json("/api/evaluate", &json!({ "document": doc["document"] }))
        .await;
    doc["document"]["gpu_configs"][0]["throughput"] = detail["throughput_source"].clone();
    let r = app
        .put(
            sid,
            Some(key),
            json!({ "base_revision": 1, "document": doc["document"] }),
        )
        .await;
    assert_eq!(r.status(), 200);
    let after: Value = app
        .post_json("/api/evaluate", &json!({ "document": doc["document"] }))
        .await;
    // Typed 80 tok/s: ceil(200M / (80 x 0.5 x 2,592,000)) = 2 replicas, 2 x 0.44 x 720 +
    // $550 of steady people costs = $1,183.6 (the $3,600 setup is one-off, apart).
    assert_eq!(before["selfhosted"][0]["replicas"]["value"], json!(2.0));
    assert!(
        (before["selfhosted"][0]["monthly"]["value"]
            .as_f64()
            .expect("cost")
            - 1_183.6)
            .abs()
            < 1e-6
    );
    // Measured: the run's own 82.89297074037474 tok/s (at 32 in / 16 out) is the input
    // of the conversion to the workload's shape ...
    let tp = &after["selfhosted"][0]["throughput"];
    assert_eq!(tp["inputs"][0]["value"], json!(82.89297074037474), "{tp}");
    assert_eq!(tp["inputs"][1]["value"], json!(32.0));
    assert_eq!(tp["inputs"][2]["value"], json!(16.0));
    // ... which gives v tok/s per replica; replicas = ceil(200M / (v x 0.5 x 2,592,000)).
    let v = tp["value"].as_f64().expect("converted throughput");
    let replicas = (200e6 / (v * 0.5 * 2_592_000.0)).ceil();
    assert_eq!(replicas, 4.0, "the converted {v} tok/s needs 4 replicas");
    assert_eq!(after["selfhosted"][0]["replicas"]["value"], json!(replicas));
    // 4 x 0.44 x 720 + 550 = $1,817.2.
    assert!(
        (after["selfhosted"][0]["monthly"]["value"]
            .as_f64()
            .expect("cost")
            - 1_817.2)
            .abs()
            < 1e-6
    );
    let detail: Value = app.get_json(&format!("/api/benchmarks/{id}")).await;
    assert_eq!(detail["used_by"][0]["name"], doc["document"]["name"]);
    assert_eq!(detail["used_by"][0]["view_token"], created["view_token"]);
    assert!(detail["used_by"][0].get("edit_key").is_none());
    // The workspace's key reaches its editor (as the workspace's page does); the edit
    // link, which knows its own, learns of no key.
    assert_eq!(
        detail["used_by"][0]["edit_path"],
        json!(format!("/s/{sid}?key={key}"))
    );
    let (status, by_link) = send(
        app.stranger
            .get(app.url(&format!("/api/benchmarks/{id}")))
            .header("x-scenario-id", sid)
            .header("x-edit-key", key),
    )
    .await;
    assert_eq!(status, 200, "{by_link}");
    assert_eq!(by_link["used_by"][0]["name"], doc["document"]["name"]);
    assert!(
        by_link["used_by"][0].get("edit_path").is_none(),
        "{by_link}"
    );
}

/// A file of runs at several loads: a run's throughput source carries the file's runs of
/// its model and shape as a sweep, and names the highest-throughput one to attach.
#[tokio::test]
async fn a_runs_source_carries_its_files_sweep() {
    let app = TestApp::spawn().await;
    let bytes = sample("sglang/h200-benchmarks/llama_3_3_70b_online_output.jsonl");
    let (status, body) = upload(&app, "llama_3_3_70b_online_output.jsonl", bytes, None).await;
    assert_eq!(status, 201, "{body}");
    let runs = body["runs"].as_array().expect("runs");
    assert_eq!(runs.len(), 7);
    let first = runs[0]["id"].as_str().expect("id");
    let detail: Value = app.get_json(&format!("/api/benchmarks/{first}")).await;
    let sweep = detail["throughput_source"]["sweep"]
        .as_array()
        .expect("a sweep");
    // The five random 1024-token runs; the two ShareGPT runs have another shape.
    assert_eq!(sweep.len(), 5);
    assert!(sweep.iter().all(|p| p["stat"] == "median"));
    let top = detail["sweep_top_run_id"].as_str().expect("the top run");
    let top_run = runs
        .iter()
        .find(|r| r["id"] == top)
        .expect("a run of the file");
    assert!(
        top_run["run"]["label"]
            .as_str()
            .unwrap_or("")
            .starts_with("#5"),
        "{top_run}"
    );
}

#[tokio::test]
async fn bad_files_are_refused_and_nothing_is_half_stored() {
    let app = TestApp::spawn().await;
    let good = sample("sglang/h200-benchmarks/deepseek_dp_mla_output.jsonl");
    assert_eq!(upload(&app, "good.jsonl", good.clone(), None).await.0, 201);
    let serve = sample("vllm/er0080-vllm-benchmarking-v0.25.1/bench_serve_v0.25.1.json");
    // (file name, bytes, forced format, status, words the message must contain)
    type Case<'a> = (&'a str, Vec<u8>, Option<&'a str>, u16, &'a str);
    let cases: Vec<Case> = vec![
        ("empty.json", vec![], None, 422, "the file is empty"),
        ("cut.json", serve[..serve.len() / 2].to_vec(), None, 422, "ends early"),
        ("bad.json", b"{\"completed\": 3,,}".to_vec(), None, 422, "not valid JSON"),
        ("image.png", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec(), None, 422, "binary file"),
        ("serve.json", serve.clone(), Some("llmperf_summary"), 422, "does not look like llmperf summary"),
        ("serve.json", serve.clone(), Some("nope"), 422, "unknown format 'nope'"),
        ("failed.json", sample("vllm/er0080-vllm-benchmarking-v0.25.1/bench_serve_all_requests_failed_v0.25.1.json"), None, 422, "all 8 requests failed"),
        ("huge.json", vec![b' '; 5 * 1024 * 1024], None, 413, "limit"),
        // A usage export sent here by mistake is told where it goes.
        (
            "usage.json",
            std::fs::read(concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/../engine/tests/usage-samples/anthropic-admin-reports/anthropic-docs_usage-report-messages_example.json"
            ))
            .expect("sample"),
            None,
            422,
            "this is a usage export (Anthropic usage report (messages)), not a benchmark result: import it on the Usage page",
        ),
        // A table of the user's own: which tables are read, by their columns.
        ("mine.csv", b"model,gpu,concurrency,output_tok_s,ttft_ms\nllama,H100,8,1200,90\n".to_vec(), None, 422, "a table with the columns \u{201c}model\u{201d}, \u{201c}gpu\u{201d}"),
    ];
    for (name, bytes, format, status, needle) in cases {
        let (got, body) = upload(&app, name, bytes, format).await;
        assert_eq!(got, status, "{name}: {body}");
        let msg = body["message"].as_str().unwrap_or("");
        assert_eq!(body["file"].as_str().unwrap_or(name), name);
        assert!(msg.contains(needle), "{name}: {msg}");
        assert!(
            !msg.contains("/tmp") && !msg.to_lowercase().contains("sqlx"),
            "no internals: {msg}"
        );
    }
    assert_eq!(
        count(&app, "files").await,
        1,
        "only the good file is stored"
    );
    assert_eq!(count(&app, "runs").await, 1);
}

#[tokio::test]
async fn file_names_are_labels_never_paths() {
    let app = TestApp::spawn().await;
    let (status, body) = upload(
        &app,
        "../../etc/passwd\u{7}.jsonl",
        sample("sglang/h200-benchmarks/deepseek_dp_mla_output.jsonl"),
        None,
    )
    .await;
    assert_eq!(status, 201, "{body}");
    assert_eq!(body["file_name"], "passwd.jsonl");
}

#[tokio::test]
async fn a_large_original_is_imported_but_not_kept() {
    let app = TestApp::spawn().await;
    // 1.1 MB, over the test's 512 KiB stored-file cap and under its 4 MiB upload limit.
    let bytes = sample("vllm/llm-k8s-benchmark_serving-2025-04/serving_meta-llama-Llama-3.3-70B-Instruct_tp8_pp1_sharegpt_qps_inf.json");
    let (status, body) = upload(&app, "qps_inf.json", bytes, None).await;
    assert_eq!(status, 201, "{body}");
    assert_eq!(body["original_kept"], false);
    let file_id = body["file_id"].as_str().expect("file id");
    let r = app
        .client
        .get(app.url(&format!("/api/benchmark-files/{file_id}/original")))
        .send()
        .await
        .expect("original");
    assert_eq!(r.status(), 404);
}

#[tokio::test]
async fn the_same_file_again_is_imported_and_named_as_a_copy_of_the_first() {
    let app = TestApp::spawn().await;
    let bytes = sample("vllm/er0080-vllm-benchmarking-v0.25.1/bench_serve_v0.25.1.json");
    let (status, first) = upload(&app, "first.json", bytes.clone(), None).await;
    assert_eq!(status, 201, "{first}");
    assert!(first.get("duplicate_of").is_none(), "{first}");
    // Another file of the same size is not the same file.
    let mut other = bytes.clone();
    let at = other
        .iter()
        .rposition(|b| b.is_ascii_digit())
        .expect("a digit");
    other[at] = if other[at] == b'1' { b'2' } else { b'1' };
    let (status, body) = upload(&app, "other.json", other, None).await;
    assert_eq!(status, 201, "{body}");
    assert!(body.get("duplicate_of").is_none(), "{body}");
    let (status, again) = upload(&app, "again.json", bytes.clone(), None).await;
    assert_eq!(status, 201, "{again}");
    assert_eq!(
        again["duplicate_of"]["file_id"], first["file_id"],
        "{again}"
    );
    assert_eq!(again["duplicate_of"]["file_name"], "first.json");
    assert!(again["duplicate_of"]["uploaded_at"]
        .as_str()
        .is_some_and(|t| t.starts_with("20")));
    // Each answer's runs carry their file's upload time, the one the copy names.
    assert_eq!(
        again["duplicate_of"]["uploaded_at"],
        first["runs"][0]["uploaded_at"]
    );
    assert!(again["runs"][0]["uploaded_at"]
        .as_str()
        .is_some_and(|t| t.starts_with("20")));
    assert_eq!(count(&app, "files").await, 3);
    // Another workspace's copy is not a duplicate: its names stay in its workspace.
    let (theirs_client, _) = crate::usage::other_workspace(&app).await;
    let (status, theirs) = send(
        theirs_client
            .post(app.url("/api/benchmarks?name=theirs.json"))
            .body(bytes),
    )
    .await;
    assert_eq!(status, 201);
    assert!(theirs.get("duplicate_of").is_none(), "{theirs}");
}

/// A file goes with its runs, by the workspace's key only, and not while a saved
/// scenario's current version takes throughput from one of its runs.
#[tokio::test]
async fn a_file_is_deleted_with_its_runs_unless_a_saved_scenario_uses_it() {
    let app = TestApp::spawn().await;
    let bytes = sample("vllm/er0080-vllm-benchmarking-v0.25.1/bench_serve_v0.25.1.json");
    let (_, used) = upload(&app, "used.json", bytes.clone(), None).await;
    let (_, copy) = upload(&app, "copy.json", bytes, None).await;
    assert_eq!(copy["duplicate_of"]["file_id"], used["file_id"]);
    let (files, runs) = (count(&app, "files").await, count(&app, "runs").await);
    let per_file = copy["runs"].as_array().expect("runs").len() as i64;
    assert_eq!((files, runs), (2, 2 * per_file));
    let run = used["runs"][0]["id"].as_str().expect("run id");
    let detail: Value = app.get_json(&format!("/api/benchmarks/{run}")).await;
    let (sid, key, plain) =
        scenario_using(&app, &app.client, "Ours", &detail["throughput_source"]).await;
    let (sid, key) = (sid.as_str(), key.as_str());
    let url = |file: &Value| {
        app.url(&format!(
            "/api/benchmark-files/{}",
            file["file_id"].as_str().expect("file id")
        ))
    };
    let delete = |file: &Value| app.client.delete(url(file));
    // A scenario's edit link may pick runs but not delete them.
    let (status, body) = send(
        app.stranger
            .delete(url(&copy))
            .header("x-scenario-id", sid)
            .header("x-edit-key", key),
    )
    .await;
    assert_eq!(
        (status, &body["error"]),
        (403, &json!("workspace_key_needed")),
        "{body}"
    );
    // A wrong edit key is told so (403 forbidden), not sent for a workspace key.
    let (status, body) = send(
        app.stranger
            .delete(url(&copy))
            .header("x-scenario-id", sid)
            .header("x-edit-key", "wrong"),
    )
    .await;
    assert_eq!(status, 403);
    assert_ne!(body["error"], json!("workspace_key_needed"), "{body}");
    // Another workspace does not see the file at all.
    let (theirs, _) = crate::usage::other_workspace(&app).await;
    let (status, _) = send(theirs.delete(url(&copy))).await;
    assert_eq!(status, 404);
    // The file a saved scenario uses is refused, and the scenario is named.
    let (status, body) = send(delete(&used)).await;
    assert_eq!(
        (status, &body["error"]),
        (409, &json!("benchmark_file_in_use")),
        "{body}"
    );
    assert!(
        body["message"]
            .as_str()
            .expect("message")
            .contains("\u{201c}Ours\u{201d}"),
        "{body}"
    );
    assert_eq!(count(&app, "runs").await, 2 * per_file, "nothing went");
    // The copy goes, with its runs; the first file's runs stay.
    let (status, body) = send(delete(&copy)).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body, json!({ "file_name": "copy.json", "runs": per_file }));
    assert_eq!(
        (count(&app, "files").await, count(&app, "runs").await),
        (1, per_file)
    );
    let gone = copy["runs"][0]["id"].as_str().expect("run id");
    let r = app
        .client
        .get(app.url(&format!("/api/benchmarks/{gone}")))
        .send()
        .await
        .expect("request");
    assert_eq!(r.status(), 404);
    let r = app
        .client
        .get(app.url(&format!("/api/benchmarks/{run}")))
        .send()
        .await
        .expect("request");
    assert_eq!(r.status(), 200);
    assert_eq!(send(delete(&copy)).await.0, 404, "deleted once");
    // Saved without the run, the scenario no longer holds the file: it goes too.
    save(&app, sid, key, 2, &plain).await;
    let (status, body) = send(delete(&used)).await;
    assert_eq!(
        (status, body["runs"].as_i64()),
        (200, Some(per_file)),
        "{body}"
    );
    assert_eq!(
        (count(&app, "files").await, count(&app, "runs").await),
        (0, 0)
    );
}

/// Any run of a file holds it, not only the first: a sweep's fifth run attached to a saved
/// scenario refuses the delete. Another workspace's scenario naming the run neither holds
/// the file nor is named.
#[tokio::test]
async fn any_used_run_holds_its_file_and_only_this_workspaces_scenarios_count() {
    let app = TestApp::spawn().await;
    let bytes = sample("sglang/h200-benchmarks/llama_3_3_70b_online_output.jsonl");
    let (_, file) = upload(&app, "sweep.jsonl", bytes, None).await;
    let runs = file["runs"].as_array().expect("runs");
    assert_eq!(runs.len(), 7);
    let run = runs[4]["id"].as_str().expect("run id");
    let detail: Value = app.get_json(&format!("/api/benchmarks/{run}")).await;
    let source = detail["throughput_source"].clone();
    // Another workspace saves a scenario that names the run (a document may say anything).
    let (theirs, _) = crate::usage::other_workspace(&app).await;
    scenario_using(&app, &theirs, "Their scenario", &source).await;
    // Ours, with the fifth run.
    let (sid, key, plain) = scenario_using(&app, &app.client, "Our scenario", &source).await;
    // Its stored document spelled as a restored backup may spell it (indented, a space
    // after each colon): the run's page and the deletion still read it as using the run.
    respell(&app, &sid).await;
    let detail: Value = app.get_json(&format!("/api/benchmarks/{run}")).await;
    let users: Vec<&str> = detail["used_by"]
        .as_array()
        .expect("used_by")
        .iter()
        .filter_map(|u| u["name"].as_str())
        .collect();
    assert_eq!(users, ["Our scenario"], "{detail}");
    let url = app.url(&format!(
        "/api/benchmark-files/{}",
        file["file_id"].as_str().expect("file id")
    ));
    let (status, body) = send(app.client.delete(&url)).await;
    assert_eq!(
        (status, &body["error"]),
        (409, &json!("benchmark_file_in_use")),
        "{body}"
    );
    let message = body["message"].as_str().expect("message");
    assert!(
        message.contains("\u{201c}Our scenario\u{201d}. In it,"),
        "{message}"
    );
    assert!(!message.contains("Their"), "{message}");
    assert_eq!(count(&app, "runs").await, 7);
    save(&app, &sid, &key, 3, &plain).await;
    let (status, body) = send(app.client.delete(&url)).await;
    assert_eq!((status, &body["runs"]), (200, &json!(7)), "{body}");
    assert_eq!(count(&app, "runs").await, 0);
}

/// A file that names no model gives the one its name does, said as the name's in the run and
/// in the label a scenario's explanation carries.
#[tokio::test]
async fn a_model_named_only_by_the_files_name_is_said_as_such() {
    let app = TestApp::spawn().await;
    let name = "llama_3_3_70b_online_output.jsonl";
    let bytes = sample(&format!("sglang/h200-benchmarks/{name}"));
    let (status, file) = upload(&app, name, bytes.clone(), None).await;
    assert_eq!(status, 201, "{file}");
    let run = &file["runs"][0];
    assert_eq!(run["run"]["model"], "Llama 3.3 70B", "{run}");
    assert_eq!(run["run"]["model_from_name"], true, "{run}");
    let detail: Value = app
        .get_json(&format!(
            "/api/benchmarks/{}",
            run["id"].as_str().expect("id")
        ))
        .await;
    let label = detail["throughput_source"]["label"]
        .as_str()
        .expect("label");
    assert!(
        label.starts_with("Llama 3.3 70B (by the file's name), "),
        "{label}"
    );
    // The same bytes under another name: no model, and nothing said of one.
    let (_, plain) = upload(&app, "run.jsonl", bytes, None).await;
    assert_eq!(plain["runs"][0]["run"]["model"], Value::Null, "{plain}");
    assert!(plain["runs"][0]["run"].get("model_from_name").is_none());
}

/// A run that may not measure its configuration (another model, no hardware stated) says
/// so on the shared pages too: the view link's results and the printout's caveats, not
/// only in the editor beside the run.
#[tokio::test]
async fn a_misfit_run_is_said_on_the_view_link_and_the_printout() {
    let app = TestApp::spawn().await;
    let bytes = sample("vllm/er0080-vllm-benchmarking-v0.25.1/bench_serve_v0.25.1.json");
    let (status, file) = upload(&app, "serve.json", bytes, None).await;
    assert_eq!(status, 201, "{file}");
    let run = file["runs"][0]["id"].as_str().expect("run id");
    let detail: Value = app.get_json(&format!("/api/benchmarks/{run}")).await;
    let source = detail["throughput_source"].clone();
    assert!(source["run_facts"]["model"].is_string(), "{source}");
    let (id, key, _) = scenario_using(&app, &app.client, "Shared", &source).await;
    let doc = app
        .get(&id, &key)
        .await
        .json::<Value>()
        .await
        .expect("json");
    let view = doc["view_token"].as_str().expect("view token");
    let model = source["run_facts"]["model"].as_str().expect("model");
    let said = format!("The run measured {model}; this configuration serves Llama 3.1 8B");
    for page in [format!("/v/{view}"), format!("/v/{view}/print")] {
        let html = app
            .client
            .get(app.url(&page))
            .send()
            .await
            .expect("page")
            .text()
            .await
            .expect("text");
        assert!(html.contains(&said), "{page}: no misfit sentence");
    }
}
