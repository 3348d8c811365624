//! Workspaces are the access model: a workspace's key lists and writes its own rows and
//! nothing of another's; a view link reads one scenario and nothing else; a visitor with
//! no link sees nothing. Checked over the JSON API, the server functions and the pages.

use crate::common::TestApp;
use serde_json::{json, Value};

const SAMPLE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../engine/tests/bench-samples/vllm/er0080-vllm-benchmarking-v0.25.1/bench_serve_v0.25.1.json"
);

/// What one workspace holds: a scenario (with its links), a benchmark run, a custom entry.
struct Holdings {
    id: String,
    key: String,
    view: String,
    name: String,
    run: String,
    file: String,
    entry: String,
}

async fn fill(app: &TestApp) -> Holdings {
    let mut doc = engine::templates::template("haiku-vs-4090").expect("template");
    doc.name = "Secret plan of team A".into();
    let c = app.create(json!({ "document": doc })).await;
    let r = app
        .client
        .post(app.url("/api/benchmarks?name=run.json"))
        .body(std::fs::read(SAMPLE).expect("sample"))
        .send()
        .await
        .expect("upload");
    assert_eq!(r.status(), 201);
    let up: Value = r.json().await.expect("json");
    let entry = app
        .post_json(
            "/sfn/add_custom_entry",
            &json!({ "workspace": app.workspace, "item": PRICE.clone() }),
        )
        .await;
    Holdings {
        id: c["id"].as_str().expect("id").into(),
        key: c["edit_key"].as_str().expect("key").into(),
        view: c["view_token"].as_str().expect("view").into(),
        name: doc.name,
        run: up["runs"][0]["id"].as_str().expect("run id").into(),
        file: up["file_id"].as_str().expect("file id").into(),
        entry: entry["id"].as_str().expect("entry id").into(),
    }
}

/// A server function's status and JSON answer, from `client`.
async fn sfn(app: &TestApp, client: &reqwest::Client, name: &str, body: Value) -> (u16, Value) {
    let r = client
        .post(app.url(&format!("/sfn/{name}")))
        .json(&body)
        .send()
        .await
        .expect("request");
    let status = r.status().as_u16();
    (status, r.json().await.unwrap_or(Value::Null))
}

async fn get(client: &reqwest::Client, url: String, key: Option<&str>) -> (u16, String) {
    let mut req = client.get(url);
    if let Some(k) = key {
        req = req.header("x-workspace-key", k);
    }
    let r = req.send().await.expect("request");
    (r.status().as_u16(), r.text().await.expect("text"))
}

#[tokio::test]
async fn another_workspace_sees_and_changes_nothing_of_ours() {
    let app = TestApp::spawn().await;
    let a = fill(&app).await;
    // A second team makes its own workspace.
    let made: Value = app
        .stranger
        .post(app.url("/api/workspaces"))
        .json(&json!({ "name": "Team B" }))
        .send()
        .await
        .expect("request")
        .json()
        .await
        .expect("json");
    let b = made["key"].as_str().expect("key").to_string();
    assert_eq!(b.len(), 48, "192 random bits");
    assert_eq!(made["url"], json!(format!("/w/{b}")));

    // The JSON API, with B's key.
    let (s, body) = get(&app.stranger, app.url("/api/workspace"), Some(&b)).await;
    assert_eq!(s, 200, "{body}");
    assert!(!body.contains(&a.name) && !body.contains(&a.id), "{body}");
    let (s, body) = get(&app.stranger, app.url("/api/benchmarks"), Some(&b)).await;
    assert_eq!((s, body.as_str()), (200, "[]"));
    let (s, _) = get(
        &app.stranger,
        app.url(&format!("/api/benchmarks/{}", a.run)),
        Some(&b),
    )
    .await;
    assert_eq!(s, 404);
    let (s, _) = get(
        &app.stranger,
        app.url(&format!(
            "/api/benchmark-files/{}/original?workspace={b}",
            a.file
        )),
        None,
    )
    .await;
    assert_eq!(s, 404);

    // The server functions, with B's key.
    let (s, v) = sfn(
        &app,
        &app.stranger,
        "list_scenarios",
        json!({ "workspace": b, "query": "" }),
    )
    .await;
    assert_eq!((s, v), (200, json!([])));
    let as_b = json!({ "Workspace": { "token": b } });
    let (s, v) = sfn(
        &app,
        &app.stranger,
        "list_benchmark_runs",
        json!({ "access": as_b, "query": "" }),
    )
    .await;
    assert_eq!((s, v), (200, json!([])));
    let (s, _) = sfn(
        &app,
        &app.stranger,
        "benchmark_run",
        json!({ "access": as_b, "id": a.run }),
    )
    .await;
    assert_eq!(s, 404);
    let (s, v) = sfn(
        &app,
        &app.stranger,
        "list_custom_entries",
        json!({ "access": as_b }),
    )
    .await;
    assert_eq!((s, v), (200, json!([])));
    let (s, _) = sfn(
        &app,
        &app.stranger,
        "delete_custom_entry",
        json!({ "workspace": b, "id": a.entry }),
    )
    .await;
    assert_eq!(s, 404, "another workspace's entry is not found, and stays");
    let as_a = json!({ "Workspace": { "token": app.workspace } });
    let (_, ours) = sfn(
        &app,
        &app.client,
        "list_custom_entries",
        json!({ "access": as_a }),
    )
    .await;
    assert_eq!(ours.as_array().map(Vec::len), Some(1), "{ours}");
    // B's copy lands in B, never in A.
    let doc = engine::templates::template("haiku-vs-4090").expect("template");
    let (s, _) = sfn(
        &app,
        &app.stranger,
        "create_copy",
        json!({ "document": doc, "into": as_b }),
    )
    .await;
    assert_eq!(s, 200);
    let (_, listed) = get(&app.client, app.url("/api/workspace"), None).await;
    let listed: Value = serde_json::from_str(&listed).expect("json");
    assert_eq!(
        listed["scenarios"].as_array().map(Vec::len),
        Some(1),
        "{listed}"
    );

    // The pages: A's workspace page lists the plan; B's does not.
    let (s, page) = get(
        &app.stranger,
        app.url(&format!("/w/{}", app.workspace)),
        None,
    )
    .await;
    assert_eq!(s, 200);
    assert!(page.contains(&a.name), "A's page lists A's plan");
    let (s, page) = get(&app.stranger, app.url(&format!("/w/{b}")), None).await;
    assert_eq!(s, 200);
    assert!(
        !page.contains(&a.name) && !page.contains(&a.view),
        "B's page lists nothing of A"
    );
}

#[tokio::test]
async fn no_link_and_a_view_link_reach_nothing_beyond_the_scenario() {
    let app = TestApp::spawn().await;
    let a = fill(&app).await;
    let guessed = "ab".repeat(24);

    // The home page lists nothing of anyone's.
    let (s, home) = get(&app.stranger, app.url("/"), None).await;
    assert_eq!(s, 200);
    assert!(
        !home.contains(&a.name) && !home.contains(&a.view),
        "the home page lists nothing"
    );
    let (s, _) = get(&app.stranger, app.url(&format!("/w/{guessed}")), None).await;
    assert_eq!(s, 404, "a guessed workspace link finds nothing");

    // The JSON API with no key: every list and write of a workspace is refused.
    for (method, path) in [
        ("POST", "/api/scenarios"),
        ("GET", "/api/benchmarks"),
        ("POST", "/api/benchmarks?name=x.json"),
        ("GET", "/api/workspace"),
    ] {
        let r = app
            .stranger
            .request(method.parse().expect("method"), app.url(path))
            .json(&json!({}))
            .send()
            .await
            .expect("request");
        assert_eq!(r.status(), 403, "{method} {path}");
        let v: Value = r.json().await.expect("json");
        assert_eq!(
            v["error"],
            json!("no_workspace_key"),
            "{method} {path}: {v}"
        );
    }
    let (s, _) = get(
        &app.stranger,
        app.url(&format!("/api/benchmarks/{}", a.run)),
        None,
    )
    .await;
    assert_eq!(s, 403);
    let (s, _) = get(
        &app.stranger,
        app.url(&format!("/api/benchmarks/{}", a.run)),
        Some(&guessed),
    )
    .await;
    assert_eq!(s, 404);

    // Server functions with no key, an empty key or a guessed one.
    for ws in ["", "not-hex", guessed.as_str()] {
        let (s, _) = sfn(
            &app,
            &app.stranger,
            "list_scenarios",
            json!({ "workspace": ws, "query": "" }),
        )
        .await;
        assert_eq!(s, 404, "list with {ws:?}");
        let (s, _) = sfn(
            &app,
            &app.stranger,
            "create_from_template",
            json!({ "workspace": ws, "template": "haiku-vs-4090" }),
        )
        .await;
        assert_eq!(s, 404, "create with {ws:?}");
        let item = PRICE.clone();
        let (s, _) = sfn(
            &app,
            &app.stranger,
            "add_custom_entry",
            json!({ "workspace": ws, "item": item }),
        )
        .await;
        assert_eq!(s, 404, "add with {ws:?}");
        let (s, _) = sfn(
            &app,
            &app.stranger,
            "delete_custom_entry",
            json!({ "workspace": ws, "id": a.entry }),
        )
        .await;
        assert_eq!(s, 404, "delete with {ws:?}");
    }

    // A view link reads its scenario, and its token opens nothing of the workspace.
    let (s, body) = get(
        &app.stranger,
        app.url(&format!("/api/views/{}", a.view)),
        None,
    )
    .await;
    assert_eq!(s, 200);
    assert!(body.contains(&a.name) && !body.contains(&a.key), "{body}");
    for key in [a.view.as_str(), ""] {
        let as_view = json!({ "Scenario": { "id": a.id, "key": key } });
        let (s, _) = sfn(
            &app,
            &app.stranger,
            "list_benchmark_runs",
            json!({ "access": as_view, "query": "" }),
        )
        .await;
        assert_eq!(s, 403, "runs with key {key:?}");
        let (s, _) = sfn(
            &app,
            &app.stranger,
            "list_custom_entries",
            json!({ "access": as_view }),
        )
        .await;
        assert_eq!(s, 403, "entries with key {key:?}");
    }
    let (s, _) = sfn(
        &app,
        &app.stranger,
        "list_scenarios",
        json!({ "workspace": a.view, "query": "" }),
    )
    .await;
    assert_eq!(s, 404, "a view token is not a workspace key");

    // An edit link reads its workspace's runs and entries (to attach them), and no more.
    let as_edit = json!({ "Scenario": { "id": a.id, "key": a.key } });
    let (s, runs) = sfn(
        &app,
        &app.stranger,
        "list_benchmark_runs",
        json!({ "access": as_edit, "query": "" }),
    )
    .await;
    assert_eq!(s, 200);
    assert!(runs.as_array().is_some_and(|r| !r.is_empty()), "{runs}");
    let (s, _) = sfn(
        &app,
        &app.stranger,
        "list_scenarios",
        json!({ "workspace": a.key, "query": "" }),
    )
    .await;
    assert_eq!(s, 404, "an edit key is not a workspace key");
}

/// Adds a cloud price to `app`'s workspace with `user` in the sign-on header; the answer.
async fn add_price_as(app: &TestApp, user: &str) -> Value {
    app.client
        .post(app.url("/sfn/add_custom_entry"))
        .header("x-forwarded-user", user)
        .json(&json!({ "workspace": app.workspace, "item": PRICE.clone() }))
        .send()
        .await
        .expect("add")
        .json()
        .await
        .expect("json")
}

/// A cloud price entry, as the catalog form sends it.
static PRICE: std::sync::LazyLock<Value> = std::sync::LazyLock::new(|| {
    json!({ "kind": "cloud_price",
        "data": { "provider": "Acme", "gpu": "h100-sxm", "hourly_usd": 2.0, "note": "" } })
});

/// A sign-on proxy's user header, when the operator names it, is the author of
/// revisions and catalog entries; without the setting the header is ignored.
#[tokio::test]
async fn the_trusted_user_header_names_the_author() {
    let app = TestApp::spawn_with(|c| c.user_header = Some("x-forwarded-user".into())).await;
    let c = app.create(json!({ "template": "haiku-vs-4090" })).await;
    let (id, key) = (
        c["id"].as_str().expect("id"),
        c["edit_key"].as_str().expect("key"),
    );
    let doc = app.document(id, key).await;
    let r = app
        .client
        .put(app.url(&format!("/api/scenarios/{id}")))
        .header("x-edit-key", key)
        .header("x-forwarded-user", "ada@example.com")
        .json(&json!({ "base_revision": 1, "document": doc, "author": "someone else" }))
        .send()
        .await
        .expect("save");
    assert_eq!(r.status(), 200);
    let history: Value = app
        .client
        .get(app.url(&format!("/api/scenarios/{id}/revisions")))
        .header("x-edit-key", key)
        .send()
        .await
        .expect("history")
        .json()
        .await
        .expect("json");
    assert!(history.to_string().contains("ada@example.com"), "{history}");
    assert!(!history.to_string().contains("someone else"), "{history}");
    let entry = add_price_as(&app, "grace@example.com").await;
    assert_eq!(entry["author"], json!("grace@example.com"), "{entry}");

    let plain = TestApp::spawn().await;
    let entry = add_price_as(&plain, "mallory").await;
    assert_eq!(
        entry["author"],
        json!(""),
        "no setting: the header is not trusted"
    );
}

/// An edit link's run page names its own scenario only, never the workspace's others.
#[tokio::test]
async fn an_edit_link_learns_of_no_other_scenario() {
    let app = TestApp::spawn().await;
    let a = fill(&app).await;
    // Two scenarios of the workspace use the run.
    let mut doc = app.document(&a.id, &a.key).await;
    let detail: Value = app.get_json(format!("/api/benchmarks/{}", a.run)).await;
    doc["gpu_configs"][0]["throughput"] = detail["throughput_source"].clone();
    let r = app
        .put(
            &a.id,
            Some(&a.key),
            json!({ "base_revision": 1, "document": doc }),
        )
        .await;
    assert_eq!(r.status(), 200);
    let mut other = doc.clone();
    other["name"] = json!("Another plan using the run");
    let b = app.create(json!({ "document": other })).await;
    let detail: Value = app.get_json(format!("/api/benchmarks/{}", a.run)).await;
    assert_eq!(
        detail["used_by"].as_array().map(Vec::len),
        Some(2),
        "a member sees both"
    );

    let as_edit = json!({ "Scenario": { "id": a.id, "key": a.key } });
    let (s, d) = sfn(
        &app,
        &app.stranger,
        "benchmark_run",
        json!({ "access": as_edit, "id": a.run }),
    )
    .await;
    assert_eq!(s, 200);
    assert_eq!(d["used_by"].as_array().map(Vec::len), Some(1), "{d}");
    assert!(
        !d.to_string()
            .contains(b["view_token"].as_str().expect("view")),
        "{d}"
    );
}

/// A view token reads the latest revision only; a frozen link, made with the edit key,
/// reads its one revision and carries no other link.
#[tokio::test]
async fn a_frozen_link_reads_one_revision_and_a_view_token_no_history() {
    let app = TestApp::spawn().await;
    let a = fill(&app).await;
    let mut doc = app.document(&a.id, &a.key).await;
    doc["name"] = json!("Revision two");
    // A workload the frozen revision's figures do not have.
    doc["task_types"][0]["calls_per_month"] = json!(7_777_777.0);
    assert_eq!(
        app.put(
            &a.id,
            Some(&a.key),
            json!({ "base_revision": 1, "document": doc })
        )
        .await
        .status(),
        200
    );

    // Freezing needs the edit key; the view token does not do.
    let (s, _) = sfn(
        &app,
        &app.stranger,
        "freeze_revision",
        json!({ "id": a.id, "key": a.view, "revision": 1 }),
    )
    .await;
    assert_eq!(s, 403);
    let (s, token) = sfn(
        &app,
        &app.stranger,
        "freeze_revision",
        json!({ "id": a.id, "key": a.key, "revision": 1 }),
    )
    .await;
    assert_eq!(s, 200);
    let token = token.as_str().expect("token").to_string();
    let (_, again) = sfn(
        &app,
        &app.stranger,
        "freeze_revision",
        json!({ "id": a.id, "key": a.key, "revision": 1 }),
    )
    .await;
    assert_eq!(again, json!(token), "one link per revision");
    let (s, _) = sfn(
        &app,
        &app.stranger,
        "freeze_revision",
        json!({ "id": a.id, "key": a.key, "revision": 9 }),
    )
    .await;
    assert_eq!(s, 404);

    let (s, l) = sfn(
        &app,
        &app.stranger,
        "load_frozen",
        json!({ "token": token }),
    )
    .await;
    assert_eq!(s, 200);
    assert_eq!(
        (l["revision"].clone(), l["latest_revision"].clone()),
        (json!(1), json!(2))
    );
    assert_eq!(l["name"], json!(a.name));
    for secret in [&a.id, &a.key, &a.view, &app.workspace] {
        assert!(
            !l.to_string().contains(secret.as_str()),
            "the frozen answer leaks a link"
        );
    }
    let (s, _) = sfn(
        &app,
        &app.stranger,
        "load_frozen",
        json!({ "token": a.view }),
    )
    .await;
    assert_eq!(s, 404, "a view token is not a frozen link");
    let (s, page) = get(&app.stranger, app.url(&format!("/f/{token}")), None).await;
    assert_eq!(s, 200);
    assert!(page.contains(&a.name) && !page.contains("Revision two"));
    // Its exports, printout and presentation are of its revision, by its own token; a
    // view token is not a frozen one there.
    assert!(
        page.contains(&format!("/f/{token}/export.xlsx")),
        "exports offered"
    );
    for sub in ["print", "present"] {
        assert!(page.contains(&format!("/f/{token}/{sub}")), "{sub} offered");
        let (s, shown) = get(&app.stranger, app.url(&format!("/f/{token}/{sub}")), None).await;
        assert_eq!(s, 200, "{sub}");
        assert!(
            shown.contains(&a.name) && !shown.contains("Revision two"),
            "{sub}: the frozen revision"
        );
        let (s, _) = get(
            &app.stranger,
            app.url(&format!("/f/{}/{sub}", a.view)),
            None,
        )
        .await;
        assert_eq!(s, 404, "{sub}: a view token is not a frozen link");
    }
    let (s, _) = sfn(
        &app,
        &app.stranger,
        "load_frozen_report",
        json!({ "token": a.view }),
    )
    .await;
    assert_eq!(s, 404, "a view token is not a frozen link");
    let (s, slide) = sfn(
        &app,
        &app.stranger,
        "decision_slide",
        json!({ "token": token, "frozen": true }),
    )
    .await;
    assert_eq!(s, 200);
    let (s, latest) = sfn(
        &app,
        &app.stranger,
        "decision_slide",
        json!({ "token": a.view, "frozen": false }),
    )
    .await;
    assert_eq!(s, 200);
    assert!(slide["summary"]["recommendation"].is_string(), "{slide}");
    // Each kind of token only where it belongs.
    for (t, frozen) in [(a.view.as_str(), true), (token.as_str(), false)] {
        let (s, _) = sfn(
            &app,
            &app.stranger,
            "decision_slide",
            json!({ "token": t, "frozen": frozen }),
        )
        .await;
        assert_eq!(s, 404, "{t} as frozen: {frozen}");
    }
    let (s, _) = get(&app.stranger, app.url(&format!("/v/{token}/present")), None).await;
    assert_eq!(s, 404, "a frozen token is not a view link");
    // A page served before frozen links had a presentation sends the token alone.
    let (s, old) = sfn(
        &app,
        &app.stranger,
        "decision_slide",
        json!({ "token": a.view }),
    )
    .await;
    assert_eq!((s, &old), (200, &latest));
    assert_ne!(
        slide["summary"], latest["summary"],
        "the frozen revision's decision, not the latest's"
    );
    let (s, csv) = get(
        &app.stranger,
        app.url(&format!("/f/{token}/export.csv")),
        None,
    )
    .await;
    assert_eq!(s, 200);
    assert!(
        csv.contains(&a.name) && !csv.contains("Revision two"),
        "{csv}"
    );
    // Which revision a file shows, in the file (a file in an inbox has no address bar).
    let first = csv.lines().next().unwrap_or("");
    assert!(
        first.contains("revision 1, saved 20") && first.contains(" UTC, frozen link"),
        "{first}"
    );
    let (s, csv) = get(
        &app.stranger,
        app.url(&format!("/v/{}/export.csv", a.view)),
        None,
    )
    .await;
    assert_eq!(s, 200);
    assert!(
        csv.contains("Revision two"),
        "a view link exports the latest"
    );
    let first = csv.lines().next().unwrap_or("");
    assert!(
        first.contains("revision 2, saved 20") && !first.contains("frozen"),
        "{first}"
    );
    for (path, kind) in [
        ("summary.pdf", "application/pdf"),
        ("export.xlsx", "application/vnd.openxmlformats"),
        ("chart/break-even.svg", "image/svg+xml"),
        ("internal-price.json", "application/json"),
    ] {
        let r = app
            .stranger
            .get(app.url(&format!("/f/{token}/{path}")))
            .send()
            .await
            .expect("request");
        assert_eq!(r.status(), 200, "{path}");
        if path.starts_with("summary") || path.starts_with("export") {
            let named = r.headers()[reqwest::header::CONTENT_DISPOSITION]
                .to_str()
                .unwrap_or("")
                .to_string();
            assert!(named.contains("-rev1."), "{path}: {named}");
        }
        let got = r.headers()[reqwest::header::CONTENT_TYPE]
            .to_str()
            .unwrap_or("");
        assert!(got.starts_with(kind), "{path}: {got}");
    }
    let (s, _) = get(
        &app.stranger,
        app.url(&format!("/f/{}/export.csv", a.view)),
        None,
    )
    .await;
    assert_eq!(s, 404, "a view token exports nothing as a frozen link");
    let (s, _) = get(&app.stranger, app.url(&format!("/v/{}/r/1", a.view)), None).await;
    assert_eq!(s, 404, "no history behind a view token");
}

/// The operator's default workspace goes only to users the sign-on proxy names.
#[tokio::test]
async fn the_default_workspace_is_offered_to_signed_on_users_only() {
    let app = TestApp::spawn_with(|c| {
        c.user_header = Some("x-forwarded-user".into());
        c.default_workspace = Some("own".into());
    })
    .await;
    let (s, v) = sfn(&app, &app.stranger, "default_workspace", json!({})).await;
    assert_eq!((s, v), (200, Value::Null), "no user named: nothing offered");
    let r = app
        .stranger
        .post(app.url("/sfn/default_workspace"))
        .header("x-forwarded-user", "ada@example.com")
        .json(&json!({}))
        .send()
        .await
        .expect("request");
    let v: Value = r.json().await.expect("json");
    assert_eq!(v["token"], json!(app.workspace), "{v}");
}
