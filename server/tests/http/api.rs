//! The server over HTTP, as scripts use it: a spawned app on port 0 with a fresh
//! SQLite file per test (real sqlx, real migrations).

use serde_json::{json, Value};

use crate::common::TestApp;

fn s(v: &Value, k: &str) -> String {
    v[k].as_str()
        .unwrap_or_else(|| panic!("{k} missing in {v}"))
        .to_string()
}

#[tokio::test]
async fn create_get_save_and_the_capabilities_are_separate() {
    let app = TestApp::spawn().await;
    let c = app.create(json!({ "template": "haiku-vs-4090" })).await;
    let (id, key, view) = (s(&c, "id"), s(&c, "edit_key"), s(&c, "view_token"));
    assert_eq!(id.len(), 32, "128-bit id");
    assert_eq!(key.len(), 48, "192-bit edit key");
    assert_eq!(view.len(), 32, "128-bit view token");
    assert_ne!(id, view);

    let got: Value = app.get(&id, &key).await.json().await.expect("json");
    assert_eq!(got["revision"], 1);
    let mut doc = got["document"].clone();
    doc["task_types"][0]["calls_per_month"] = json!(1_000_000);

    // Without the key, with a wrong key, with the view token as key: refused, nothing written.
    assert_eq!(
        app.put(&id, None, json!({ "base_revision": 1, "document": doc }))
            .await
            .status(),
        403
    );
    let wrong = "0".repeat(48);
    assert_eq!(
        app.put(
            &id,
            Some(&wrong),
            json!({ "base_revision": 1, "document": doc })
        )
        .await
        .status(),
        403
    );
    assert_eq!(
        app.put(
            &id,
            Some(&view),
            json!({ "base_revision": 1, "document": doc })
        )
        .await
        .status(),
        403
    );
    assert_eq!(app.get(&id, &view).await.status(), 403);

    let saved = app
        .put(
            &id,
            Some(&key),
            json!({ "base_revision": 1, "document": doc }),
        )
        .await;
    assert_eq!(saved.status(), 200);
    assert_eq!(saved.json::<Value>().await.expect("json")["revision"], 2);

    // The view link reads the new revision and carries no key and no id.
    let v: Value = app.get_json(&format!("/api/views/{view}")).await;
    assert_eq!(v["revision"], 2);
    assert_eq!(
        v["document"]["task_types"][0]["calls_per_month"],
        1_000_000.0
    );
    let text = v.to_string();
    assert!(
        !text.contains(&key) && !text.contains(&id),
        "view JSON leaks a capability: {text}"
    );
    // The view page's HTML neither.
    let html = app
        .client
        .get(app.url(&format!("/v/{view}")))
        .send()
        .await
        .expect("req")
        .text()
        .await
        .expect("text");
    assert!(html.contains("View only"), "{html}");
    assert!(!html.contains(&key), "view page leaks the edit key");
}

#[tokio::test]
async fn a_stale_save_is_refused_with_a_conflict_and_nothing_is_overwritten() {
    let app = TestApp::spawn().await;
    let c = app.create(json!({ "template": "haiku-vs-4090" })).await;
    let (id, key) = (s(&c, "id"), s(&c, "edit_key"));
    let doc: Value = app.document(&id, &key).await;
    let mut a = doc.clone();
    a["name"] = json!("first writer");
    let mut b = doc.clone();
    b["name"] = json!("second writer");
    assert_eq!(
        app.put(
            &id,
            Some(&key),
            json!({ "base_revision": 1, "document": a })
        )
        .await
        .status(),
        200
    );
    let r = app
        .put(
            &id,
            Some(&key),
            json!({ "base_revision": 1, "document": b }),
        )
        .await;
    assert_eq!(r.status(), 409);
    let body: Value = r.json().await.expect("json");
    assert_eq!(body["error"], "conflict");
    assert_eq!(body["current_revision"], 2);
    assert_eq!(body["base_revision"], 1);
    assert!(s(&body, "message").contains("revision 2"));
    let now: Value = app.get(&id, &key).await.json().await.expect("json");
    assert_eq!(now["document"]["name"], "first writer");
    assert_eq!(now["revision"], 2);
}

#[tokio::test]
async fn concurrent_saves_on_one_base_let_exactly_one_through() {
    let app = TestApp::spawn().await;
    let c = app.create(json!({ "template": "blank" })).await;
    let (id, key) = (s(&c, "id"), s(&c, "edit_key"));
    let doc: Value = app.document(&id, &key).await;
    let futs = (0..8).map(|i| {
        let mut d = doc.clone();
        d["name"] = json!(format!("writer {i}"));
        app.put(
            &id,
            Some(&key),
            json!({ "base_revision": 1, "document": d }),
        )
    });
    let statuses: Vec<u16> = futures_join(futs)
        .await
        .into_iter()
        .map(|r| r.status().as_u16())
        .collect();
    assert_eq!(
        statuses.iter().filter(|s| **s == 200).count(),
        1,
        "{statuses:?}"
    );
    assert_eq!(
        statuses.iter().filter(|s| **s == 409).count(),
        7,
        "{statuses:?}"
    );
}

async fn futures_join<F: std::future::Future>(futs: impl Iterator<Item = F>) -> Vec<F::Output> {
    let mut out = Vec::new();
    let handles: Vec<_> = futs.collect();
    // Poll them together so the saves really race.
    let mut pinned: Vec<std::pin::Pin<Box<F>>> = handles.into_iter().map(Box::pin).collect();
    let mut results: Vec<Option<F::Output>> = (0..pinned.len()).map(|_| None).collect();
    std::future::poll_fn(|cx| {
        let mut pending = false;
        for (i, f) in pinned.iter_mut().enumerate() {
            if results[i].is_none() {
                match f.as_mut().poll(cx) {
                    std::task::Poll::Ready(v) => results[i] = Some(v),
                    std::task::Poll::Pending => pending = true,
                }
            }
        }
        if pending {
            std::task::Poll::Pending
        } else {
            std::task::Poll::Ready(())
        }
    })
    .await;
    for r in results {
        out.extend(r);
    }
    out
}

#[tokio::test]
async fn invalid_input_gets_field_level_messages() {
    let app = TestApp::spawn().await;
    let mut doc = serde_json::to_value(engine::templates::haiku_vs_4090()).expect("json");
    doc["api_tiers"][0]["output_per_mtok"] = json!(-4);
    doc["gpu_configs"][1]["hosting"]["hourly_usd"] = json!(0);
    let r = app
        .client
        .post(app.url("/api/evaluate"))
        .json(&json!({ "document": doc }))
        .send()
        .await
        .expect("req");
    assert_eq!(r.status(), 422);
    let body: Value = r.json().await.expect("json");
    let paths: Vec<String> = body["errors"]
        .as_array()
        .expect("errors")
        .iter()
        .map(|e| s(e, "path"))
        .collect();
    assert!(
        paths.contains(&"api_tiers[0].output_per_mtok".to_string()),
        "{paths:?}"
    );
    assert!(
        paths.contains(&"gpu_configs[1].hosting.hourly_usd".to_string()),
        "{paths:?}"
    );

    // A wrong type names its field too.
    let mut doc2 = serde_json::to_value(engine::templates::haiku_vs_4090()).expect("json");
    doc2["task_types"][0]["calls_per_month"] = json!("many");
    let r = app
        .client
        .post(app.url("/api/evaluate"))
        .json(&json!({ "document": doc2 }))
        .send()
        .await
        .expect("req");
    assert_eq!(r.status(), 422);
    let body: Value = r.json().await.expect("json");
    assert_eq!(body["errors"][0]["path"], "task_types[0].calls_per_month");

    // Malformed JSON: 400 with a reason, not a panic.
    let r = app
        .client
        .post(app.url("/api/evaluate"))
        .header("content-type", "application/json")
        .body("{ nope")
        .send()
        .await
        .expect("req");
    assert_eq!(r.status(), 400);
    assert_eq!(
        r.json::<Value>().await.expect("json")["error"],
        "bad_request"
    );

    // A save of an invalid document is refused and the stored revision stays.
    let c = app.create(json!({ "template": "haiku-vs-4090" })).await;
    let r = app
        .put(
            &s(&c, "id"),
            Some(&s(&c, "edit_key")),
            json!({ "base_revision": 1, "document": doc }),
        )
        .await;
    assert_eq!(r.status(), 422);
    let now: Value = app
        .get(&s(&c, "id"), &s(&c, "edit_key"))
        .await
        .json()
        .await
        .expect("json");
    assert_eq!(now["revision"], 1);
}

#[tokio::test]
async fn evaluate_comes_from_the_engine() {
    let app = TestApp::spawn().await;
    let doc = engine::templates::haiku_vs_4090();
    let r = app
        .client
        .post(app.url("/api/evaluate"))
        .json(&json!({ "document": doc }))
        .send()
        .await
        .expect("req");
    assert_eq!(r.status(), 200);
    let body: Value = r.json().await.expect("json");
    let direct = engine::evaluate_document(doc, Default::default()).expect("valid");
    let got: engine::Evaluation = serde_json::from_value(body.clone()).expect("an Evaluation");
    let close = |a: f64, b: f64| (a - b).abs() <= 1e-9 * b.abs().max(1.0);
    assert!(close(got.api[0].monthly.value, 1120.0));
    for (g, d) in got.selfhosted.iter().zip(&direct.selfhosted) {
        assert!(close(
            g.monthly.as_ref().expect("usable").value,
            d.monthly.as_ref().expect("usable").value
        ));
    }
    for (g, d) in got.break_even.iter().zip(&direct.break_even) {
        assert_eq!(g.statement, d.statement);
    }
    assert_eq!(got.curves.calls.len(), 256);
}

#[tokio::test]
async fn old_documents_are_upgraded_on_the_way_in() {
    let app = TestApp::spawn().await;
    let v1 = json!({"version":1,"name":"v1 doc","calls_per_month":500000,"input_tokens":800,"output_tokens":400,"hours_per_month":720,
        "tiers":[{"name":"Haiku","input_per_mtok":0.8,"output_per_mtok":4}],
        "gpus":[{"name":"4090","gpu":"rtx-4090","model":"llama-3.1-8b","gpu_count":1,"hourly_usd":0.44,"tokens_per_sec":80}]});
    let c = app.create(json!({ "document": v1 })).await;
    let got: Value = app
        .get(&s(&c, "id"), &s(&c, "edit_key"))
        .await
        .json()
        .await
        .expect("json");
    assert_eq!(got["document"]["schema_version"], 2);
    assert_eq!(got["document"]["name"], "v1 doc");
}

#[tokio::test]
async fn history_and_restore() {
    let app = TestApp::spawn().await;
    let c = app.create(json!({ "template": "haiku-vs-4090" })).await;
    let (id, key) = (s(&c, "id"), s(&c, "edit_key"));
    let mut doc: Value = app.document(&id, &key).await;
    doc["name"] = json!("renamed");
    assert_eq!(
        app.put(
            &id,
            Some(&key),
            json!({ "base_revision": 1, "document": doc })
        )
        .await
        .status(),
        200
    );
    let r = app
        .client
        .post(app.url(&format!("/api/scenarios/{id}/revisions/1/restore")))
        .header("x-edit-key", &key)
        .send()
        .await
        .expect("req");
    assert_eq!(r.json::<Value>().await.expect("json")["revision"], 3);
    let revs: Value = app
        .client
        .get(app.url(&format!("/api/scenarios/{id}/revisions")))
        .header("x-edit-key", &key)
        .send()
        .await
        .expect("req")
        .json()
        .await
        .expect("json");
    let list = revs.as_array().expect("list");
    assert_eq!(list.len(), 3);
    assert_eq!(list[0]["restored_from"], 1);
    let now: Value = app.get(&id, &key).await.json().await.expect("json");
    assert_eq!(
        now["document"]["name"],
        "Haiku vs RTX 4090 + Llama 3.1 8B (the article)"
    );
    // Revisions are immutable even to a direct UPDATE.
    let pool = app::db::connect(&format!("sqlite:{}", app.db_path.display()))
        .await
        .expect("db");
    let err = sqlx::query("UPDATE scenario_revisions SET name = 'x'")
        .execute(&*pool)
        .await;
    assert!(err.is_err());
}

#[tokio::test]
async fn health_openapi_limits_and_unknown_routes() {
    let app = TestApp::spawn().await;
    let h: Value = app.get_json("/healthz").await;
    assert_eq!(h["status"], "ok");
    let spec: Value = app.get_json("/api/openapi.json").await;
    assert_eq!(spec["openapi"], "3.1.0");
    let paths = spec["paths"].as_object().expect("paths");
    for p in [
        "/api/scenarios",
        "/api/scenarios/{id}",
        "/api/evaluate",
        "/api/views/{token}",
        "/healthz",
    ] {
        assert!(paths.contains_key(p), "{p} undocumented");
    }
    // Every documented GET without parameters answers.
    for (p, ops) in paths {
        if ops.get("get").is_some() && !p.contains('{') && !p.starts_with("/api/admin/") {
            let r = app.client.get(app.url(p)).send().await.expect("req");
            assert_eq!(r.status(), 200, "{p}");
        }
    }
    // Over the body limit (64 KiB in this test): refused before parsing.
    let big = "x".repeat(100 * 1024);
    let r = app
        .client
        .post(app.url("/api/evaluate"))
        .header("content-type", "application/json")
        .body(format!("{{\"document\":\"{big}\"}}"))
        .send()
        .await
        .expect("req");
    assert_eq!(r.status(), 413);
    let r = app
        .client
        .get(app.url("/api/nope"))
        .send()
        .await
        .expect("req");
    assert_eq!(r.status(), 404);
    assert_eq!(r.json::<Value>().await.expect("json")["error"], "not_found");
    let r = app
        .client
        .get(app.url("/s/00000000000000000000000000000000?key=abc"))
        .send()
        .await
        .expect("req");
    assert_eq!(r.status(), 404);
}

/// A downloaded SVG carries its font (a data-URL `@font-face` used by every text); the
/// SVG pages show stays light.
#[tokio::test]
async fn a_downloaded_svg_embeds_its_font() {
    let app = TestApp::spawn().await;
    let c = app.create(json!({ "template": "haiku-vs-4090" })).await;
    let view = s(&c, "view_token");
    let get = |q: &'static str| {
        let url = app.url(&format!("/v/{view}/chart/break-even.svg{q}"));
        let client = app.client.clone();
        async move {
            client
                .get(url)
                .send()
                .await
                .expect("svg")
                .text()
                .await
                .expect("svg")
        }
    };
    let plain = get("").await;
    let download = get("?download=true").await;
    assert!(plain.contains("<svg") && !plain.contains("@font-face"));
    assert!(download.contains("@font-face") && download.contains("data:font/ttf;base64,AAEAAA"));
    assert!(download.contains("text{font-family:\"Breakeven DejaVu Sans\""));
    assert!(
        download.len() > plain.len() + 900_000,
        "the whole font is inside"
    );
    // The same chart otherwise.
    assert_eq!(
        download.matches("<text").count(),
        plain.matches("<text").count()
    );
}

/// Assets: the build's precompressed file goes to a client that takes it, a
/// content-hashed name is cached for a year, a plain one is revalidated; pages and JSON
/// are compressed on the fly and never cached.
#[tokio::test]
async fn assets_are_served_precompressed_and_cached_by_name() {
    let app = TestApp::spawn().await;
    let pkg = app.db_path.parent().expect("site root").join("pkg");
    std::fs::create_dir_all(&pkg).expect("pkg");
    let hashed = "breakeven.0123456789abcdef0123.wasm";
    std::fs::write(pkg.join(hashed), b"\0asm raw bytes").expect("wasm");
    std::fs::write(pkg.join(format!("{hashed}.br")), b"brotli bytes").expect("br");
    std::fs::write(pkg.join("breakeven.css"), b"body{}").expect("css");
    let get = |path: &str, enc: &'static str| {
        app.stranger
            .get(app.url(path))
            .header("accept-encoding", enc)
            .send()
    };
    let r = get(&format!("/pkg/{hashed}"), "gzip, br")
        .await
        .expect("wasm");
    assert_eq!(r.status(), 200);
    assert_eq!(r.headers()["content-encoding"], "br");
    assert_eq!(
        r.headers()["cache-control"],
        "public, max-age=31536000, immutable"
    );
    assert_eq!(r.headers()["vary"], "accept-encoding");
    assert_eq!(r.bytes().await.expect("body").as_ref(), b"brotli bytes");
    // A client that takes no brotli gets the file itself.
    let r = get(&format!("/pkg/{hashed}"), "identity")
        .await
        .expect("wasm");
    assert!(r.headers().get("content-encoding").is_none());
    assert_eq!(r.bytes().await.expect("body").as_ref(), b"\0asm raw bytes");
    let r = get("/pkg/breakeven.css", "gzip").await.expect("css");
    assert_eq!(r.status(), 200);
    assert_eq!(r.headers()["cache-control"], "no-cache");
    // A missing hashed file is not cached.
    let r = get("/pkg/breakeven.aaaaaaaaaaaaaaaaaaaa.js", "gzip")
        .await
        .expect("404");
    assert_eq!(r.status(), 404);
    assert_ne!(
        r.headers()["cache-control"],
        "public, max-age=31536000, immutable"
    );
    // The catalog page: compressed on the fly, never cached.
    let r = get("/catalog", "gzip").await.expect("page");
    assert_eq!(r.status(), 200);
    assert_eq!(r.headers()["content-encoding"], "gzip");
    assert_eq!(r.headers()["cache-control"], "no-store");
}

/// The workbook export of a saved revision: a real XLSX (a zip with the three sheets and
/// the chart), named after the scenario; an unknown token reaches nothing.
#[tokio::test]
async fn the_spreadsheet_export_is_a_workbook_with_three_sheets_and_the_chart() {
    let app = TestApp::spawn().await;
    let c = app.create(json!({ "template": "haiku-vs-4090" })).await;
    let view = s(&c, "view_token");
    let r = app
        .client
        .get(app.url(&format!("/v/{view}/export.xlsx")))
        .send()
        .await
        .expect("xlsx");
    assert_eq!(r.status(), 200);
    let headers = r.headers().clone();
    assert_eq!(
        headers[reqwest::header::CONTENT_TYPE],
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    );
    assert!(headers[reqwest::header::CONTENT_DISPOSITION]
        .to_str()
        .expect("ascii")
        .contains(".xlsx\""));
    let body = r.bytes().await.expect("body");
    let zip = zip::ZipArchive::new(std::io::Cursor::new(body.to_vec())).expect("a zip");
    let names: Vec<String> = zip
        .file_names()
        .map(|n| n.expect("a name").to_string())
        .collect();
    for part in [
        "xl/workbook.xml",
        "xl/worksheets/sheet1.xml",
        "xl/worksheets/sheet3.xml",
        "xl/media/image1.png",
    ] {
        assert!(
            names.iter().any(|n| n == part),
            "{part} missing from {names:?}"
        );
    }
    let r = app
        .client
        .get(app.url("/v/not-a-token/export.xlsx"))
        .send()
        .await
        .expect("xlsx");
    assert_eq!(r.status(), 404);
}

/// The one-pager of a saved revision: a PDF on A4 by default, on Letter when asked; an
/// unknown paper is refused at its parameter.
#[tokio::test]
async fn the_one_pager_is_a_pdf_on_the_paper_asked_for() {
    let app = TestApp::spawn().await;
    let c = app.create(json!({ "template": "haiku-vs-4090" })).await;
    let view = s(&c, "view_token");
    let get = |q: &'static str| {
        let url = app.url(&format!("/v/{view}/summary.pdf{q}"));
        let client = app.client.clone();
        async move { client.get(url).send().await.expect("pdf") }
    };
    for (q, size) in [
        ("", "/MediaBox[0 0 595 842]"),
        ("?paper=letter", "/MediaBox[0 0 612 792]"),
        ("?paper=Letter", "/MediaBox[0 0 612 792]"),
        ("?paper=A4", "/MediaBox[0 0 595 842]"),
    ] {
        let r = get(q).await;
        assert_eq!(r.status(), 200);
        assert_eq!(
            r.headers()[reqwest::header::CONTENT_TYPE],
            "application/pdf"
        );
        let body = r.bytes().await.expect("body");
        assert!(body.starts_with(b"%PDF-"));
        let text = String::from_utf8_lossy(&body);
        assert!(text.contains(size), "{q}: no {size}");
    }
    let r = get("?paper=a3").await;
    assert_eq!(r.status(), 422);
    let body: serde_json::Value = r.json().await.expect("json");
    assert!(body.to_string().contains("paper"), "{body}");
}

/// The internal price of each self-hosted option, ready for LiteLLM and Langfuse.
#[tokio::test]
async fn the_internal_price_lists_every_configuration_with_its_gateway_entries() {
    let app = TestApp::spawn().await;
    let c = app.create(json!({ "template": "haiku-vs-4090" })).await;
    let view = s(&c, "view_token");
    let d = app.get_json(format!("/v/{view}/internal-price.json")).await;
    let prices = d["prices"].as_array().expect("prices");
    assert_eq!(prices.len(), 2, "{d}");
    for p in prices {
        let out = p["output_usd_per_mtok"].as_f64().expect("a price");
        assert_eq!(
            p["langfuse"]["pricingTiers"][0]["prices"]["output"].as_f64(),
            Some(out / 1e6)
        );
        assert!(p["basis"].as_str().expect("basis").contains("prefill"));
    }
}
