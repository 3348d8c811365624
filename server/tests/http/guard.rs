//! Abuse guards over HTTP: security headers, cross-site writes, rate limits, escaping.

use crate::common::TestApp;
use serde_json::json;

#[tokio::test]
async fn every_response_carries_security_headers_and_pages_a_nonce_csp() {
    let app = TestApp::spawn().await;
    let api = app
        .client
        .get(app.url("/api/templates"))
        .send()
        .await
        .expect("api");
    for h in [
        "content-security-policy",
        "x-content-type-options",
        "referrer-policy",
    ] {
        assert!(api.headers().contains_key(h), "API response lacks {h}");
    }
    assert_eq!(api.headers()["referrer-policy"], "no-referrer");
    let page = app.client.get(app.url("/")).send().await.expect("page");
    let csp = page.headers()["content-security-policy"]
        .to_str()
        .unwrap_or("")
        .to_string();
    assert!(
        csp.contains("script-src 'self' 'nonce-") && csp.contains("frame-ancestors 'none'"),
        "{csp}"
    );
    assert_eq!(page.headers()["x-frame-options"], "DENY");
    let html = page.text().await.expect("html");
    let nonce = csp
        .split("'nonce-")
        .nth(1)
        .and_then(|s| s.split('\'').next())
        .unwrap_or("-");
    assert!(
        html.contains(&format!("nonce=\"{nonce}\"")),
        "the hydration script carries the header's nonce"
    );

    let c: serde_json::Value = app
        .post_json("/api/scenarios", &json!({ "template": "haiku-vs-4090" }))
        .await;
    let present = app
        .client
        .get(app.url(&format!(
            "/v/{}/present",
            c["view_token"].as_str().unwrap_or("")
        )))
        .send()
        .await
        .expect("present");
    let csp = present.headers()["content-security-policy"]
        .to_str()
        .unwrap_or("")
        .to_string();
    assert!(
        csp.contains("frame-ancestors *"),
        "presentation mode may be embedded: {csp}"
    );
    assert!(!present.headers().contains_key("x-frame-options"));
}

#[tokio::test]
async fn cross_site_writes_are_refused_and_same_site_ones_pass() {
    let app = TestApp::spawn().await;
    let body = json!({ "template": "haiku-vs-4090" });
    let evil = app
        .client
        .post(app.url("/api/scenarios"))
        .header("origin", "https://evil.example")
        .json(&body)
        .send()
        .await
        .expect("evil");
    assert_eq!(evil.status(), 403);
    let fetch = app
        .client
        .post(app.url(<app::server_fns::CreateFromTemplate as leptos::server_fn::ServerFn>::PATH))
        .header("sec-fetch-site", "cross-site")
        .json(&json!({ "template": "blank" }))
        .send()
        .await
        .expect("fetch");
    assert_eq!(fetch.status(), 403);
    let own = app
        .client
        .post(app.url("/api/scenarios"))
        .header("origin", format!("http://{}", app.addr))
        .header("sec-fetch-site", "same-origin")
        .json(&body)
        .send()
        .await
        .expect("own");
    assert_eq!(own.status(), 201);
    let script = app
        .client
        .post(app.url("/api/scenarios"))
        .json(&body)
        .send()
        .await
        .expect("script");
    assert_eq!(
        script.status(),
        201,
        "no Origin (curl, scripts): allowed; writes still need the edit key"
    );
}

#[tokio::test]
async fn creating_is_rate_limited_per_address() {
    let app = TestApp::spawn_with(|c| c.creates_per_minute = 3).await;
    let mut statuses = Vec::new();
    for _ in 0..5 {
        let r = app
            .client
            .post(app.url("/api/scenarios"))
            .json(&json!({ "template": "blank" }))
            .send()
            .await
            .expect("create");
        statuses.push(r.status().as_u16());
        if r.status() == 429 {
            assert!(r.headers().contains_key("retry-after"));
            let v: serde_json::Value = r.json().await.expect("json");
            assert!(
                v["message"].as_str().unwrap_or("").contains("try again in"),
                "{v}"
            );
        }
    }
    assert_eq!(statuses, vec![201, 201, 201, 429, 429]);
}

/// The JSON API's other limited routes carry their action in the route table: an
/// upload and a restore of a revision spend the upload and save budgets, a read spends
/// nothing.
#[tokio::test]
async fn uploads_and_restores_are_rate_limited_by_their_routes() {
    let app = TestApp::spawn_with(|c| {
        c.uploads_per_minute = 1;
        c.saves_per_minute = 1;
    })
    .await;
    let upload = || {
        app.client
            .post(app.url("/api/benchmarks?name=x.json"))
            .body("{}")
            .send()
    };
    assert_ne!(upload().await.expect("upload").status(), 429);
    assert_eq!(upload().await.expect("upload").status(), 429);
    let c = app.create(json!({ "template": "blank" })).await;
    let (id, key) = (
        c["id"].as_str().expect("id"),
        c["edit_key"].as_str().expect("key"),
    );
    let restore = || {
        app.client
            .post(app.url(&format!("/api/scenarios/{id}/revisions/1/restore")))
            .header("x-edit-key", key)
            .send()
    };
    assert_eq!(restore().await.expect("restore").status(), 200);
    assert_eq!(restore().await.expect("restore").status(), 429);
    for _ in 0..3 {
        assert_eq!(
            app.get(id, key).await.status(),
            200,
            "reads are not limited"
        );
    }
}

#[tokio::test]
async fn markup_planted_in_text_fields_is_rendered_escaped() {
    let app = TestApp::spawn().await;
    let evil = "<script>alert(1)</script><img src=x onerror=alert(2)>";
    let mut doc = engine::templates::template("haiku-vs-4090").expect("template");
    doc.name = evil.into();
    // The notes are a textarea's text, which Leptos does not escape: "</textarea>"
    // would end the field and let what follows run.
    doc.notes = format!("</textarea>{evil}");
    doc.task_types[0].name = evil.into();
    doc.api_tiers[0].name = evil.into();
    doc.gpu_configs[0].name = evil.into();
    let c: serde_json::Value = app
        .post_json("/api/scenarios", &json!({ "document": doc }))
        .await;
    let token = c["view_token"].as_str().expect("token");
    for path in [
        format!("/v/{token}"),
        format!("/v/{token}/present"),
        format!("/v/{token}/print"),
        format!("/w/{}", app.workspace),
        format!(
            "/s/{}?key={}",
            c["id"].as_str().unwrap_or_default(),
            c["edit_key"].as_str().unwrap_or_default()
        ),
    ] {
        let html = app
            .client
            .get(app.url(&path))
            .send()
            .await
            .expect("page")
            .text()
            .await
            .expect("html");
        assert!(
            !html.contains("<script>alert(1)"),
            "{path} renders markup from a text field"
        );
        assert!(
            !html.contains("<img src=x"),
            "{path} renders markup from a text field"
        );
        assert!(
            html.contains("&lt;script&gt;alert(1)") || html.contains("\\u003cscript"),
            "{path} should show the text escaped"
        );
    }
    let svg = app
        .client
        .get(app.url(&format!("/v/{token}/chart/break-even.svg")))
        .send()
        .await
        .expect("svg")
        .text()
        .await
        .expect("svg");
    assert!(!svg.contains("<script>"), "chart labels are escaped");
}
