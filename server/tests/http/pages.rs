//! What a page sends before any script runs: a read-only page is complete (its chart
//! drawn) and loads the client only on the first gesture; the editor loads it at once
//! and carries its chart too, so it asks nothing until an edit.

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
    let loader = "document.documentElement.setAttribute(\"data-hydrate\", \"on-interaction\")";

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
        // Called with the client's two files (the stylesheet's name would not do).
        let named = page.split(")(\"/pkg/breakeven").nth(1).is_some_and(|rest| {
            rest.contains(".js\", \"/pkg/breakeven") && rest.contains(".wasm\");")
        });
        assert!(
            named,
            "{path}: the loader is called with the client's JS and wasm"
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

    // The editor hydrates at once, and its chart comes with the page as well.
    let page = html(&app, &edit).await;
    assert!(!page.contains(loader));
    assert!(
        page.contains("rel=\"modulepreload\""),
        "the editor loads its client at once"
    );
    assert!(page.contains("class=\"chart-svg\"><svg"));
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
    assert!(page.contains(loader) && page.contains("class=\"chart-svg\"><svg"));
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
        !page.contains("results_html"),
        "the panel is in the page once, not again in its data"
    );
}
