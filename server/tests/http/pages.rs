//! What a page sends before any script runs: a read-only page is complete (its chart
//! drawn) and loads the client only on the first gesture; the editor loads it at once
//! and carries its chart too, so it asks nothing until an edit. A scenario's pages load
//! the editor's client, the others the site's (app/src/split.rs).

use crate::common::TestApp;
use serde_json::json;

async fn html(app: &TestApp, path: &str) -> String {
    let r = app.client.get(app.url(path)).send().await.expect("page");
    assert_eq!(r.status(), 200, "{path}");
    r.text().await.expect("html")
}

#[tokio::test]
async fn read_only_pages_wait_for_a_gesture_and_carry_their_chart() {
    let app = TestApp::spawn().await;
    let c: serde_json::Value = app
        .post_json("/api/scenarios", &json!({ "template": "haiku-vs-4090" }))
        .await;
    let view = format!("/v/{}", c["view_token"].as_str().unwrap_or(""));
    let edit = c["edit_url"].as_str().unwrap_or("").to_string();
    // The loader (app/src/hydration.js): called with a third argument `true` it starts at
    // once, without one it waits for a gesture.
    let loader = "document.documentElement.setAttribute(\"data-hydrate\", now ? \"now\" : \"on-interaction\")";

    for path in [
        view.clone(),
        format!("{view}/present"),
        format!("{view}/print"),
    ] {
        let page = html(&app, &path).await;
        assert!(page.contains(loader), "{path}: the on-gesture loader");
        assert!(
            !page.contains("rel=\"modulepreload\"") && !page.contains("application/wasm"),
            "{path}: nothing of the client is fetched up front"
        );
        // Called with the editor's client's two files (app/src/split.rs; the stylesheet's
        // name would not do).
        let named = page.split(")(\"/pkg/editor").nth(1).is_some_and(|rest| {
            rest.contains(".js\", \"/pkg/editor") && rest.contains(".wasm\");")
        });
        assert!(
            named,
            "{path}: the loader is called with the editor's client's JS and wasm"
        );
    }
    // The view page's chart is in its HTML: an SVG with the break-even lines, not the
    // "Drawing the chart..." placeholder.
    let page = html(&app, &view).await;
    let chart = page
        .split("class=\"chart-svg\"")
        .nth(1)
        .expect("a chart container");
    assert!(
        chart.trim_start_matches('>').starts_with("<svg"),
        "{}",
        &chart[..200.min(chart.len())]
    );
    assert!(!page.contains("Drawing the chart..."));

    // The editor hydrates at once (and replays what was typed before its client ran),
    // and its chart comes with the page as well.
    let page = html(&app, &edit).await;
    assert!(page.contains(loader) && page.contains(".wasm\", true);"));
    assert!(
        page.contains("rel=\"modulepreload\" href=\"/pkg/editor.js\""),
        "the editor loads its client at once"
    );
    assert!(!page.contains("/pkg/breakeven.js") && !page.contains("/pkg/breakeven.wasm"));
    assert!(page.contains("class=\"chart-svg\"><svg"));
    // The other pages load the site's client.
    let page = html(&app, "/").await;
    assert!(
        page.contains("rel=\"modulepreload\" href=\"/pkg/breakeven.js\"")
            && page.contains("\"/pkg/breakeven.wasm\"")
            && !page.contains("/pkg/editor."),
        "the start page loads the site's client"
    );
    // A frozen link is read-only too.
    let id = c["id"].as_str().unwrap_or("");
    let key = c["edit_key"].as_str().unwrap_or("");
    let frozen = app
        .client
        .post(app.url("/sfn/freeze_revision"))
        .json(&json!({ "id": id, "key": key, "revision": 1 }))
        .send()
        .await
        .expect("freeze");
    assert_eq!(frozen.status(), 200);
    let token: String = frozen.json().await.expect("token");
    let page = html(&app, &format!("/f/{token}")).await;
    assert!(page.contains(loader) && page.contains(".wasm\");"));
    assert!(page.contains("class=\"chart-svg\"><svg"));
}

/// An edit's answer carries the results as the server laid them out, and only the few
/// figures the page reads besides: not the whole evaluation. An invalid document gets
/// its refused fields and no numbers.
#[tokio::test]
async fn an_edits_answer_is_the_results_laid_out_and_a_glance() {
    let app = TestApp::spawn().await;
    let c = app.create(json!({ "template": "haiku-vs-4090" })).await;
    let mut doc = app
        .document(
            c["id"].as_str().unwrap_or(""),
            c["edit_key"].as_str().unwrap_or(""),
        )
        .await;
    let live = |doc: serde_json::Value| {
        let app = &app;
        async move {
            let r = app
                .client
                .post(app.url("/sfn/evaluate_live"))
                .json(&json!({ "document": doc, "chart": {} }))
                .send()
                .await
                .expect("live");
            assert_eq!(r.status(), 200);
            r.json::<serde_json::Value>().await.expect("json")
        }
    };
    let a = live(doc.clone()).await;
    let glance = &a["shown"]["Ok"];
    assert_eq!(glance["currency"], "USD");
    assert_eq!(
        glance["cheapest"][0],
        "RTX 4090 + Llama 3.1 8B (estimated, batched)"
    );
    assert!(
        a.get("evaluated").is_none(),
        "the whole evaluation stays on the server"
    );
    let laid = a["results_html"].as_str().unwrap_or("");
    for part in [
        "data-testid=\"headline\"",
        "Cheapest at 500,000 calls/month",
        "data-testid=\"api-cost-0\"",
        "data-testid=\"self-cost-0\"",
        "<details class=\"explain\"",
        "Formula: ",
    ] {
        assert!(laid.contains(part), "{part} in the results");
    }
    assert!(a["chart"]["svg"].as_str().unwrap_or("").starts_with("<svg"));

    // Money in the scenario's currency, in the numbers laid out apart from any page.
    doc["currency"] =
        json!({ "code": "EUR", "per_usd": 0.9, "as_of": "2026-11-01", "source": "ECB" });
    let a = live(doc.clone()).await;
    assert_eq!(a["shown"]["Ok"]["currency"], "EUR");
    let laid = a["results_html"].as_str().unwrap_or("");
    assert!(laid.contains('€') && !laid.contains("$1,"), "money in EUR");

    doc["task_types"][0]["calls_per_month"] = json!(-5);
    let a = live(doc).await;
    assert_eq!(a["results_html"], "");
    assert_eq!(
        a["shown"]["Invalid"][0]["path"],
        "task_types[0].calls_per_month"
    );

    // The editor's page holds the same numbers in its HTML, and what it hydrates from
    // has no whole evaluation either.
    let page = html(&app, c["edit_url"].as_str().unwrap_or("")).await;
    let numbers = page.split("class=\"numbers\"").nth(1).expect("the numbers");
    assert!(numbers.contains("data-testid=\"api-cost-0\""));
    assert!(
        !page.contains("\\\"evaluated\\\""),
        "no whole evaluation in the page's data"
    );
    assert!(
        !page.contains("results_html") && !page.contains("panel_html"),
        "the panel is in the page once, not again in its data"
    );

    // A page drawn in the browser (a link followed inside the app) gets the panel with
    // its data, so it does not ask the engine a second time.
    let r = app
        .client
        .post(app.url("/sfn/load_for_edit"))
        .json(&json!({ "id": c["id"], "key": c["edit_key"] }))
        .send()
        .await
        .expect("load_for_edit");
    assert_eq!(r.status(), 200);
    let loaded: serde_json::Value = r.json().await.expect("json");
    let sent = loaded["panel_html"].as_str().unwrap_or("");
    assert!(
        sent.contains("data-testid=\"api-cost-0\"") && sent.contains("Formula: "),
        "the panel comes with the data: {loaded}"
    );
    assert!(loaded.get("results_html").is_none());
}

/// The presentation, the printout and the comparison get the figures they show, worked
/// out by the server, and not the whole evaluation (its curves, explanations and
/// finance), which the browser would have to decode.
#[tokio::test]
async fn report_pages_get_their_figures_not_the_evaluation() {
    let app = TestApp::spawn().await;
    let c = app.create(json!({ "template": "haiku-vs-4090" })).await;
    let token = c["view_token"].as_str().unwrap_or("").to_string();
    let post = |path: &'static str, body: serde_json::Value| {
        let app = &app;
        async move {
            let r = app
                .client
                .post(app.url(path))
                .json(&body)
                .send()
                .await
                .expect(path);
            assert_eq!(r.status(), 200, "{path}");
            r.json::<serde_json::Value>().await.expect("json")
        }
    };
    let l = post(
        "/sfn/load_for_view",
        json!({ "token": token, "chart": false }),
    )
    .await;
    assert!(l.get("evaluated").is_none(), "no whole evaluation: {l}");
    let r = &l["report"];
    assert_eq!(r["currency"], "USD");
    assert_eq!(
        r["headline"]["cheapest"],
        "RTX 4090 + Llama 3.1 8B (estimated, batched)"
    );
    // 500k calls x (800 x 0.8 + 400 x 4) / 1e6 = $1,120 for Haiku 3.5, the first option.
    assert_eq!(r["options"][0]["name"], "Claude Haiku 3.5");
    assert!((r["options"][0]["monthly"].as_f64().unwrap_or(0.0) - 1120.0).abs() < 1e-6);
    assert_eq!(r["calls_per_month"], 500_000.0);
    let tiers = r["break_even"]["tiers"].as_array().map_or(0, Vec::len);
    assert!(tiers > 0, "the break-even grid: {r}");
    // Sourced assumptions, by option.
    assert_eq!(r["assumptions"][0]["owner"], "Claude Haiku 3.5", "{r}");
    assert!(
        r["assumptions"].as_array().is_some_and(|a| a
            .iter()
            .flat_map(|g| g["rows"].as_array().cloned().unwrap_or_default())
            .any(|row| row[2].as_str().is_some_and(|s| !s.is_empty()))),
        "sourced assumptions: {r}"
    );
    // The pages' HTML says the same.
    let page = html(&app, &format!("/v/{token}/print")).await;
    assert!(page.contains("Cheapest now: ") && page.contains("$1,120"));
    assert!(!page.contains("\\\"evaluated\\\""));

    // The comparison: each side's answers, neither its evaluation nor its document.
    let cmp = post(
        "/sfn/compare",
        json!({ "a": { "kind": "view", "token": token }, "b": { "kind": "view", "token": token } }),
    )
    .await;
    for side in ["a", "b"] {
        let s = &cmp[side];
        assert!(
            s.get("evaluated").is_none() && s.get("document").is_none(),
            "{s}"
        );
        assert!(
            s["answers"]["summary"]
                .as_str()
                .is_some_and(|x| x.starts_with("Cheapest: RTX 4090")),
            "{s}"
        );
        let haiku = s["answers"]["costs"][0][1]["Ok"].as_f64().unwrap_or(0.0);
        assert!((haiku - 1120.0).abs() < 1e-6, "{s}");
    }
    assert_eq!(cmp["diffs"], json!([]));
}

/// A scenario's view link as one side of a comparison.
fn view_side(created: &serde_json::Value) -> serde_json::Value {
    json!({ "kind": "view", "token": created["view_token"] })
}

/// The cost rows of comparing `a` with `b` (which must answer 200).
async fn compare_costs(
    app: &TestApp,
    a: serde_json::Value,
    b: serde_json::Value,
) -> Vec<serde_json::Value> {
    let r = app
        .client
        .post(app.url("/sfn/compare"))
        .json(&json!({ "a": a, "b": b }))
        .send()
        .await
        .expect("compare");
    assert_eq!(r.status(), 200);
    let cmp: serde_json::Value = r.json().await.expect("json");
    cmp["costs"].as_array().cloned().unwrap_or_default()
}

/// The comparison's cost table pairs options as the inputs' diff does: a configuration
/// renamed in place (its name follows its GPU) is one row with both costs, not a row
/// removed and another added.
#[tokio::test]
async fn compare_pairs_a_renamed_configuration_with_itself() {
    let app = TestApp::spawn().await;
    let doc = serde_json::to_value(engine::templates::haiku_vs_4090()).expect("json");
    let mut renamed = doc.clone();
    let old = doc["gpu_configs"][0]["name"]
        .as_str()
        .unwrap_or("")
        .to_string();
    renamed["gpu_configs"][0]["name"] = json!("RTX 4090 + Llama 3.1 8B (renamed)");
    renamed["gpu_configs"][0]["gpus_per_replica"] = json!(2);
    let a = app.create(json!({ "document": doc })).await;
    let b = app.create(json!({ "document": renamed })).await;
    let rows = compare_costs(&app, view_side(&a), view_side(&b)).await;
    let n = doc["api_tiers"].as_array().map_or(0, Vec::len)
        + doc["gpu_configs"].as_array().map_or(0, Vec::len);
    assert_eq!(rows.len(), n, "one row per option: {rows:?}");
    let row = rows
        .iter()
        .find(|r| r["name"] == json!(format!("{old} → RTX 4090 + Llama 3.1 8B (renamed)")))
        .unwrap_or_else(|| panic!("the renamed row: {rows:?}"));
    let (x, y) = (row["a"]["Ok"].as_f64(), row["b"]["Ok"].as_f64());
    assert!(x.is_some() && y.is_some(), "both costs: {row}");
    assert_ne!(x, y, "two GPUs a replica cost more: {row}");
    // The tiers are the same on both sides: same name, same cost.
    assert_eq!(rows[0]["a"], rows[0]["b"]);
}

/// A side without a cost says why: the configuration is not in that side, or the engine's
/// reason it cannot serve (a 70B model does not fit one 24 GB GPU). The page shows the
/// reason beside the dash.
#[tokio::test]
async fn compare_says_why_a_side_has_no_cost() {
    let app = TestApp::spawn().await;
    let doc = serde_json::to_value(engine::templates::haiku_vs_4090()).expect("json");
    let mut b = doc.clone();
    let mut big = doc["gpu_configs"][1].clone();
    big["name"] = json!("RTX 4090 + Llama 3.1 70B");
    big["model"] = json!("llama-3.1-70b");
    b["gpu_configs"].as_array_mut().expect("configs").push(big);
    let a = app.create(json!({ "document": doc })).await;
    let b = app.create(json!({ "document": b })).await;
    let rows = compare_costs(&app, view_side(&a), view_side(&b)).await;
    let row = rows
        .iter()
        .find(|r| r["name"] == json!("RTX 4090 + Llama 3.1 70B"))
        .unwrap_or_else(|| panic!("the added row: {rows:?}"));
    assert_eq!(row["a"], json!({ "Err": "not in A" }), "{row}");
    let why = row["b"]["Err"].as_str().unwrap_or_default();
    assert!(why.starts_with("cannot serve: "), "{row}");
    assert!(
        why.len() > "cannot serve: ".len() + 10,
        "the engine's reason: {row}"
    );
    // Every other row has both costs.
    assert!(
        rows.iter()
            .filter(|r| r != &row)
            .all(|r| r["a"]["Ok"].is_f64() && r["b"]["Ok"].is_f64()),
        "{rows:?}"
    );
}

/// A side whose stored inputs no longer validate (saved before a rule was tightened) has
/// no answers at all: each of its rows says so with the reason, not "not in A", and every
/// option keeps its row and the other side's cost.
#[tokio::test]
async fn compare_with_a_side_that_has_no_answers_says_why_on_each_row() {
    let app = TestApp::spawn().await;
    let doc = engine::templates::haiku_vs_4090();
    let c = app
        .create(json!({ "document": serde_json::to_value(&doc).expect("json") }))
        .await;
    let (id, key) = (
        c["id"].as_str().unwrap_or_default(),
        c["edit_key"].as_str().unwrap_or_default(),
    );
    let mut old = serde_json::to_value(&doc).expect("json");
    old["hours_per_month"] = json!(800.0);
    let pool = app::db::connect(&format!("sqlite:{}", app.db_path.display()))
        .await
        .expect("db");
    sqlx::query(
        "INSERT INTO scenario_revisions (scenario_id, revision, document, name) VALUES (?, 2, ?, 'old')",
    )
    .bind(id)
    .bind(old.to_string())
    .execute(&*pool)
    .await
    .expect("an old revision");
    let rev = |r: i64| json!({ "kind": "revision", "id": id, "key": key, "revision": r });
    let rows = compare_costs(&app, rev(2), rev(1)).await;
    assert_eq!(
        rows.len(),
        doc.api_tiers.len() + doc.gpu_configs.len(),
        "{rows:?}"
    );
    for row in &rows {
        let why = row["a"]["Err"].as_str().unwrap_or_default();
        assert!(
            why.starts_with("no answers for A: ") && why.contains("invalid"),
            "{row}"
        );
        assert!(row["b"]["Ok"].is_f64(), "{row}");
    }
    assert_eq!(rows[0]["name"], json!(doc.api_tiers[0].name));
}
