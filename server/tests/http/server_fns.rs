//! The server functions the browser calls, at their real URLs: the status and body of
//! each kind of refusal, and the rate limit on the ones that create things.

use crate::common::TestApp;
use app::error::AppError;
use leptos::server_fn::ServerFn;
use serde_json::{json, Value};

/// POSTs raw `body` to a server function; its status and decoded `AppError` (if any).
async fn call(app: &TestApp, path: &str, body: &str) -> (u16, String) {
    let r = app
        .client
        .post(app.url(path))
        .header("content-type", "application/json")
        .body(body.to_string())
        .send()
        .await
        .expect("request");
    (r.status().as_u16(), r.text().await.expect("body"))
}

fn app_error(body: &str) -> AppError {
    serde_json::from_str(body).unwrap_or_else(|e| panic!("not an AppError ({e}): {body}"))
}

#[test]
fn server_functions_have_fixed_urls() {
    // The guard, the docs and scripts name these; a hash suffix would hide them.
    assert_eq!(app::server_fns::SaveScenario::PATH, "/sfn/save_scenario");
    assert_eq!(app::server_fns::CreateCopy::PATH, "/sfn/create_copy");
    assert_eq!(app::server_fns::LoadForEdit::PATH, "/sfn/load_for_edit");
}

/// Wrong types, NaN literals, missing fields, empty and truncated bodies are the
/// caller's mistake: 400 with a message that says so, never 500.
#[tokio::test]
async fn unreadable_arguments_are_400_with_the_reason() {
    let app = TestApp::spawn().await;
    let c: Value = app
        .post_json("/api/scenarios", &json!({ "template": "haiku-vs-4090" }))
        .await;
    let (id, key) = (
        c["id"].as_str().expect("id"),
        c["edit_key"].as_str().expect("key"),
    );
    let save = app::server_fns::SaveScenario::PATH;
    let cases = [
        (
            app::server_fns::ListScenarios::PATH,
            r#"{"query":5}"#.to_string(),
        ),
        (app::server_fns::ListScenarios::PATH, String::new()),
        (
            app::server_fns::ListScenarios::PATH,
            r#"{"query":"#.to_string(),
        ),
        (
            app::server_fns::LoadForEdit::PATH,
            format!(r#"{{"id":"{id}"}}"#),
        ),
        (
            save,
            format!(
                r#"{{"id":"{id}","key":"{key}","base_revision":1,"document":{{"horizon_months":"24"}}}}"#
            ),
        ),
        (
            save,
            format!(r#"{{"id":"{id}","key":"{key}","base_revision":NaN,"document":{{}}}}"#),
        ),
        // An array is not a document (serde's positional form would read it as the
        // default scenario and save it).
        (
            save,
            format!(r#"{{"id":"{id}","key":"{key}","base_revision":1,"document":[]}}"#),
        ),
        (
            app::server_fns::CreateCopy::PATH,
            r#"{"document":[]}"#.to_string(),
        ),
        (
            app::server_fns::RestoreRevision::PATH,
            format!(r#"{{"id":"{id}","key":"{key}","revision":99999999999999999999}}"#),
        ),
    ];
    for (path, body) in cases {
        let (status, text) = call(&app, path, &body).await;
        assert_eq!(status, 400, "{path} {body}: {text}");
        match app_error(&text) {
            AppError::BadRequest(m) => assert!(!m.is_empty(), "{path}: empty message"),
            other => panic!("{path} {body}: expected BadRequest, got {other:?}"),
        }
        // The same documented shape as the JSON API: {error, message}.
        let v: Value = serde_json::from_str(&text).expect("json");
        assert_eq!(v["error"], json!("bad_request"), "{text}");
        let message = v["message"].as_str().expect("message");
        assert!(
            message.starts_with("the request could not be read: its arguments are not valid"),
            "{message}"
        );
    }
    // Nothing was changed by any of them.
    let doc = app.document(id, key).await;
    assert_eq!(doc["horizon_months"], json!(24));
    let rev: Value = app.get(id, key).await.json().await.expect("json");
    assert_eq!(rev["revision"], json!(1));
}

/// Save and restore through the browser's URLs: 403 without the key, 409 on a stale
/// base, 422 with the field path on an invalid document, and nothing overwritten.
#[tokio::test]
async fn save_and_restore_refusals_carry_their_status() {
    let app = TestApp::spawn().await;
    let c: Value = app
        .post_json("/api/scenarios", &json!({ "template": "haiku-vs-4090" }))
        .await;
    let (id, key, view) = (
        c["id"].as_str().expect("id"),
        c["edit_key"].as_str().expect("key"),
        c["view_token"].as_str().expect("view token"),
    );
    let save = app::server_fns::SaveScenario::PATH;
    let restore = app::server_fns::RestoreRevision::PATH;
    let history = app::server_fns::ScenarioHistory::PATH;
    let mut doc = app.document(id, key).await;
    doc["task_types"][0]["calls_per_month"] = json!(700_000.0);
    let body = |k: &str, base: i64, d: &Value| {
        json!({ "id": id, "key": k, "base_revision": base, "document": d }).to_string()
    };

    for wrong in ["", "0000", view] {
        let (status, text) = call(&app, save, &body(wrong, 1, &doc)).await;
        assert_eq!(status, 403, "save with key {wrong:?}: {text}");
        assert_eq!(app_error(&text), AppError::Forbidden);
        let (status, _) = call(
            &app,
            restore,
            &json!({ "id": id, "key": wrong, "revision": 1 }).to_string(),
        )
        .await;
        assert_eq!(status, 403, "restore with key {wrong:?}");
        let (status, _) = call(
            &app,
            history,
            &json!({ "id": id, "key": wrong }).to_string(),
        )
        .await;
        assert_eq!(status, 403, "history with key {wrong:?}");
    }

    let (status, text) = call(&app, save, &body(key, 1, &doc)).await;
    assert_eq!(
        (status, text.as_str()),
        (200, "2"),
        "the first save makes revision 2"
    );

    let mut stale = doc.clone();
    stale["task_types"][0]["calls_per_month"] = json!(1.0);
    let (status, text) = call(&app, save, &body(key, 1, &stale)).await;
    assert_eq!(status, 409, "{text}");
    assert_eq!(
        app_error(&text),
        AppError::Conflict {
            base: 1,
            current: 2
        }
    );

    // The stale edit laid over revision 2: its calls, with nothing saved; a view token
    // cannot ask for it, nor a revision that does not exist.
    let reapply = app::revision_fns::ReapplyEdit::PATH;
    let ask = |k: &str, base: i64| {
        json!({ "id": id, "key": k, "base": base, "document": stale }).to_string()
    };
    let (status, text) = call(&app, reapply, &ask(key, 1)).await;
    assert_eq!(status, 200, "{text}");
    let r: app::dto::Reapplied = serde_json::from_str(&text).expect("answer");
    assert_eq!(r.revision, 2);
    assert_eq!(r.document.task_types[0].calls_per_month, 1.0);
    assert_eq!(r.latest.task_types[0].calls_per_month, 700_000.0);
    assert_eq!(
        r.both.len(),
        1,
        "both saves changed the calls: {:?}",
        r.both
    );
    let (status, _) = call(&app, reapply, &ask(view, 1)).await;
    assert_eq!(status, 403);
    let (status, _) = call(&app, reapply, &ask(key, 9)).await;
    assert_eq!(status, 404);
    let stored = app.document(id, key).await;
    assert_eq!(stored["task_types"][0]["calls_per_month"], json!(700_000.0));

    let mut invalid = doc.clone();
    invalid["api_tiers"][0]["output_per_mtok"] = json!(-3.0);
    let (status, text) = call(&app, save, &body(key, 2, &invalid)).await;
    assert_eq!(status, 422, "{text}");
    match app_error(&text) {
        AppError::Invalid(errs) => assert!(
            errs.iter()
                .any(|e| e.path == "api_tiers[0].output_per_mtok"),
            "{errs:?}"
        ),
        other => panic!("expected Invalid, got {other:?}"),
    }
    // Neither refusal wrote anything: revision 2 with 700,000 calls.
    let stored = app.document(id, key).await;
    assert_eq!(stored["task_types"][0]["calls_per_month"], json!(700_000.0));

    let (status, text) = call(
        &app,
        restore,
        &json!({ "id": id, "key": key, "revision": 7 }).to_string(),
    )
    .await;
    assert_eq!(
        status, 404,
        "restoring a revision that does not exist: {text}"
    );
    let (status, text) = call(
        &app,
        restore,
        &json!({ "id": id, "key": key, "revision": 1 }).to_string(),
    )
    .await;
    assert_eq!(
        (status, text.as_str()),
        (200, "3"),
        "restore makes revision 3"
    );
    let restored = app.document(id, key).await;
    assert_eq!(
        restored["task_types"][0]["calls_per_month"],
        json!(500_000.0)
    );
}

/// Every limited action, at the URLs the browser calls, has its own budget per
/// address: the third call within a minute of a budget of 2 is refused with 429 and
/// `Retry-After`, and spending one action's budget leaves the others open.
#[tokio::test]
async fn each_action_is_rate_limited_at_its_real_urls() {
    use server::config::Config;
    let template = json!({ "template": "blank" });
    let seed = TestApp::spawn().await;
    let created = seed.post_json("/api/scenarios", &template).await;
    let doc = seed
        .get_json(format!(
            "/api/views/{}",
            created["view_token"].as_str().expect("view token")
        ))
        .await["document"]
        .clone();
    let copy = json!({ "document": doc });
    let gpu_price = json!({ "item": { "kind": "cloud_price", "data": {
        "provider": "Acme", "gpu": "h100-sxm", "hourly_usd": 2.0, "note": "quote" } } });
    type Budget = fn(&mut Config);
    let cases: [(&str, Budget, &Value); 3] = [
        (
            app::server_fns::CreateFromTemplate::PATH,
            |c| c.creates_per_minute = 2,
            &template,
        ),
        (
            app::server_fns::CreateCopy::PATH,
            |c| c.copies_per_minute = 2,
            &copy,
        ),
        (
            app::server_fns::AddCustomEntry::PATH,
            |c| c.catalog_writes_per_minute = 2,
            &gpu_price,
        ),
    ];
    for (path, budget, body) in cases {
        let app = TestApp::spawn_with(budget).await;
        let mut body = body.clone();
        body["workspace"] = json!(app.workspace);
        body["into"] = json!({ "Workspace": { "token": app.workspace } });
        let body = &body;
        for i in 0..2 {
            let (status, text) = call(&app, path, &body.to_string()).await;
            assert_eq!(status, 200, "{path} call {i}: {text}");
        }
        let r = app
            .client
            .post(app.url(path))
            .json(body)
            .send()
            .await
            .expect("request");
        assert_eq!(r.status(), 429, "{path}: the third within a minute");
        assert!(r.headers().contains_key("retry-after"), "{path}");
        let text = r.text().await.expect("body");
        let v: Value = serde_json::from_str(&text).expect("json");
        assert_eq!(v["error"], json!("rate_limited"));
        assert!(
            v["message"]
                .as_str()
                .expect("message")
                .contains("limit 2 a minute"),
            "{v}"
        );
        // The browser reads it as an error it can show, not as a transport failure.
        match app_error(&text) {
            AppError::Refused { code, message } => {
                assert_eq!(code, "rate_limited");
                assert!(message.starts_with("too many"), "{message}");
            }
            other => panic!("expected Refused, got {other:?}"),
        }
        // Another action's budget is untouched.
        let other = if path == app::server_fns::CreateFromTemplate::PATH {
            "/api/evaluate"
        } else {
            "/api/scenarios"
        };
        let r = app
            .client
            .post(app.url(other))
            .json(&json!({ "template": "blank", "document": doc }))
            .send()
            .await
            .expect("request");
        assert_ne!(r.status(), 429, "{path}: {other} has its own budget");
    }

    // Saves: the JSON API and the server function share the save budget.
    let app = TestApp::spawn_with(|c| c.saves_per_minute = 2).await;
    let c: Value = app.post_json("/api/scenarios", &template).await;
    let (id, key) = (
        c["id"].as_str().expect("id"),
        c["edit_key"].as_str().expect("key"),
    );
    let doc = app.document(id, key).await;
    let r = app
        .put(
            id,
            Some(key),
            json!({ "base_revision": 1, "document": doc }),
        )
        .await;
    assert_eq!(r.status(), 200);
    let (status, text) = call(
        &app,
        app::server_fns::SaveScenario::PATH,
        &json!({ "id": id, "key": key, "base_revision": 2, "document": doc }).to_string(),
    )
    .await;
    assert_eq!((status, text.as_str()), (200, "3"));
    let (status, text) = call(
        &app,
        app::server_fns::SaveScenario::PATH,
        &json!({ "id": id, "key": key, "base_revision": 3, "document": doc }).to_string(),
    )
    .await;
    assert_eq!(status, 429, "{text}");
}
