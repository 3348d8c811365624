//! The request log never carries an edit key.

mod common;
use common::TestApp;
use serde_json::json;

/// Edit keys travel in query strings and headers; the request log must not repeat them.
#[tokio::test]
async fn edit_keys_never_reach_the_log() {
    use std::io::Write;
    use std::sync::{Arc, Mutex};
    #[derive(Clone, Default)]
    struct Buf(Arc<Mutex<Vec<u8>>>);
    impl Write for Buf {
        fn write(&mut self, b: &[u8]) -> std::io::Result<usize> {
            self.0
                .lock()
                .unwrap_or_else(|p| p.into_inner())
                .extend_from_slice(b);
            Ok(b.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    let buf = Buf::default();
    let writer = buf.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_env_filter("trace")
        .with_writer(move || writer.clone())
        .finish();
    // Global, so the server's tasks and every callsite see it (this binary has one test).
    tracing::subscriber::set_global_default(subscriber).expect("subscriber");
    let app = TestApp::spawn().await;
    let c: serde_json::Value = app
        .post_json("/api/scenarios", &json!({ "template": "haiku-vs-4090" }))
        .await;
    let (id, key) = (
        c["id"].as_str().expect("id"),
        c["edit_key"].as_str().expect("key"),
    );
    let _ = app
        .client
        .get(app.url(&format!("/s/{id}?key={key}")))
        .send()
        .await
        .expect("page")
        .text()
        .await;
    let _ = app.get(id, key).await;
    let _ = app
        .put(id, Some(key), json!({ "base_revision": 7, "document": {} }))
        .await;
    // The browser's own call, at its real URL: it must succeed, so the key really
    // went through the server function's path (a 404 would prove nothing).
    let sfn = app
        .client
        .post(app.url(<app::server_fns::LoadForEdit as leptos::server_fn::ServerFn>::PATH))
        .json(&json!({ "id": id, "key": key }))
        .send()
        .await
        .expect("sfn");
    assert_eq!(sfn.status(), 200, "load_for_edit at its real URL");
    // And a refused one, whose error path logs too.
    let refused = app
        .client
        .post(app.url(<app::server_fns::SaveScenario as leptos::server_fn::ServerFn>::PATH))
        .json(&json!({ "id": id, "key": key, "base_revision": "x", "document": {} }))
        .send()
        .await
        .expect("sfn");
    assert_eq!(refused.status(), 400, "unreadable arguments");
    let log = String::from_utf8(buf.0.lock().unwrap_or_else(|p| p.into_inner()).clone())
        .unwrap_or_default();
    assert!(
        log.contains("request"),
        "the request log was captured: {}",
        &log[..log.len().min(400)]
    );
    assert!(!log.contains(key), "an edit key reached the log");
}
