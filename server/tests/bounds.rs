//! Bounded work for every request (robustness review H1-H4, L1, L3-L7, L10): how much
//! a request may send, how slowly, how many connections, and what comes back.

mod common;
use common::TestApp;
use serde_json::{json, Value};
use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

/// Writes raw bytes on a fresh connection and reads what comes back until the server
/// closes it or `wait` passes; (everything read, whether the server closed it). Runs on
/// a blocking thread so the server keeps its runtime.
async fn raw(app: &TestApp, bytes: &[u8], wait: Duration) -> (String, bool) {
    let (addr, bytes) = (app.addr, bytes.to_vec());
    tokio::task::spawn_blocking(move || {
        let mut s = TcpStream::connect(addr).expect("connect");
        s.write_all(&bytes).expect("write");
        s.set_read_timeout(Some(wait)).expect("timeout");
        let mut out = Vec::new();
        let mut buf = [0u8; 4096];
        let closed = loop {
            match s.read(&mut buf) {
                Ok(0) => break true,
                Ok(n) => out.extend_from_slice(&buf[..n]),
                Err(e) if e.kind() == std::io::ErrorKind::ConnectionReset => break true,
                Err(_) => break false,
            }
        };
        (String::from_utf8_lossy(&out).to_string(), closed)
    })
    .await
    .expect("join")
}

fn status_line(resp: &str) -> &str {
    resp.lines().next().unwrap_or("")
}

fn json_body(resp: &str) -> Value {
    let body = resp.split("\r\n\r\n").nth(1).unwrap_or("");
    serde_json::from_str(body).unwrap_or_else(|e| panic!("not JSON ({e}): {resp}"))
}

/// H1: the restore route answers before reading a byte of the body, whether the admin
/// API is off (404) or the token is wrong (401); over its size limit, 413 at once.
#[tokio::test]
async fn restore_authorises_before_reading_the_body() {
    let off = TestApp::spawn().await;
    let on = TestApp::spawn_with(|c| c.admin_token = Some("s3cret-token".into())).await;
    let head = "POST /api/admin/restore HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100000000\r\n\r\n";
    let huge = head.replace("100000000", "300000000"); // over the 256 MiB restore limit
    for (app, req, want) in [
        (&off, head, "404"),
        (&on, head, "401"),
        (&on, huge.as_str(), "413"),
    ] {
        let t = Instant::now();
        let (resp, closed) = raw(app, req.as_bytes(), Duration::from_secs(5)).await;
        assert!(status_line(&resp).contains(want), "{want}: {resp}");
        assert!(
            closed,
            "the connection is closed, not left waiting for the body"
        );
        assert!(
            t.elapsed() < Duration::from_secs(4),
            "answered without the body"
        );
    }
    // Within the size limit, a wrong token is refused before the body arrives.
    let (resp, _) = raw(
        &on,
        b"POST /api/admin/restore HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer wrong\r\nContent-Length: 1000000\r\n\r\n{",
        Duration::from_secs(5),
    )
    .await;
    assert!(status_line(&resp).contains("401"), "{resp}");
    assert_eq!(json_body(&resp)["error"], json!("unauthorised"));
}

/// L3/L4: a declared body over the limit gets the JSON 413 at once with
/// `Connection: close`; a streamed (chunked) one is cut off with the same answer.
#[tokio::test]
async fn oversize_bodies_get_the_json_413() {
    let app = TestApp::spawn().await; // 64 KiB bodies, 4 MiB uploads
    let (resp, _) = raw(
        &app,
        b"POST /api/benchmarks?name=big.json HTTP/1.1\r\nHost: x\r\nContent-Length: 250000000\r\n\r\n",
        Duration::from_secs(5),
    )
    .await;
    assert!(status_line(&resp).contains("413"), "{resp}");
    assert!(
        resp.to_ascii_lowercase().contains("connection: close"),
        "{resp}"
    );
    let v = json_body(&resp);
    assert_eq!(v["error"], json!("too_large"));
    assert_eq!(v["limit_bytes"], json!(4 * 1024 * 1024));
    assert_eq!(
        v["message"],
        json!("the request body is larger than the 4 MiB limit")
    );

    // Chunked, no length declared: cut off at the limit, same JSON, for the API and
    // for server functions.
    let body = format!(
        "{{\"document\":{{\"name\":\"{}\"}}}}",
        "x".repeat(100 * 1024)
    );
    for path in ["/api/evaluate", "/sfn/evaluate_live"] {
        let req = format!(
            "POST {path} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n{:x}\r\n{body}\r\n0\r\n\r\n",
            body.len()
        );
        let (resp, _) = raw(&app, req.as_bytes(), Duration::from_secs(5)).await;
        assert!(status_line(&resp).contains("413"), "{path}: {resp}");
        let v = json_body(&resp);
        assert_eq!(v["error"], json!("too_large"), "{path}");
        assert_eq!(v["limit_bytes"], json!(64 * 1024), "{path}");
    }
}

/// H4: a connection that sends half a request head and then nothing, or an idle
/// keep-alive connection, is closed after the header-read timeout.
#[tokio::test]
async fn silent_and_idle_connections_are_closed() {
    let app = TestApp::spawn_with(|c| c.header_read_timeout = Duration::from_secs(1)).await;
    let t = Instant::now();
    let (_, closed) = raw(
        &app,
        b"GET /healthz HTTP/1.1\r\nHost: x\r\n",
        Duration::from_secs(5),
    )
    .await;
    assert!(closed, "a half-sent head is cut off");
    assert!(t.elapsed() < Duration::from_secs(4), "{:?}", t.elapsed());
    // A socket that sends nothing at all.
    let t = Instant::now();
    let (_, closed) = raw(&app, b"", Duration::from_secs(5)).await;
    assert!(closed, "a silent socket is closed");
    assert!(t.elapsed() < Duration::from_secs(4), "{:?}", t.elapsed());
    // A complete request on a keep-alive connection, then silence: answered, then closed.
    let t = Instant::now();
    let (resp, closed) = raw(
        &app,
        b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n",
        Duration::from_secs(5),
    )
    .await;
    assert!(status_line(&resp).contains("200"), "{resp}");
    assert!(closed, "an idle keep-alive connection is closed");
    assert!(t.elapsed() < Duration::from_secs(4), "{:?}", t.elapsed());
}

/// H4: past the connection cap, a new connection waits until an old one goes.
#[tokio::test]
async fn connections_are_capped() {
    let app = TestApp::spawn_with(|c| c.max_connections = 3).await;
    let silent: Vec<TcpStream> = (0..3)
        .map(|_| {
            let mut s = TcpStream::connect(app.addr).expect("connect");
            s.write_all(b"GET /healthz HTTP/1.1\r\n").expect("write");
            s
        })
        .collect();
    tokio::time::sleep(Duration::from_millis(200)).await;
    let blocked = app
        .client
        .get(app.url("/healthz"))
        .timeout(Duration::from_millis(800))
        .send()
        .await;
    assert!(
        blocked.is_err(),
        "a fourth connection is not served while three are open"
    );
    drop(silent);
    let ok = app
        .client
        .get(app.url("/healthz"))
        .timeout(Duration::from_secs(5))
        .send()
        .await
        .expect("served once the others are gone");
    assert_eq!(ok.status(), 200);
}

/// H4: an upload that stops sending is cut off with a JSON 408, not kept for 600 s.
#[tokio::test]
async fn a_stalled_upload_is_cut_off() {
    let app = TestApp::spawn_with(|c| c.body_idle_timeout = Duration::from_secs(1)).await;
    let t = Instant::now();
    let head = format!(
        "POST /api/benchmarks?name=x.json HTTP/1.1\r\nHost: x\r\nX-Workspace-Key: {}\r\nContent-Length: 100000\r\n\r\n{{\"a\":",
        app.workspace
    );
    let (resp, _) = raw(&app, head.as_bytes(), Duration::from_secs(6)).await;
    assert!(status_line(&resp).contains("408"), "{resp}");
    assert_eq!(json_body(&resp)["error"], json!("timeout"));
    assert!(t.elapsed() < Duration::from_secs(5));
}

/// H2/H3: a document past the caps is refused at once with the count, on evaluate,
/// render and save alike; curve points are capped.
#[tokio::test]
async fn oversized_documents_are_refused_everywhere() {
    let app = TestApp::spawn_with(|c| c.max_body_bytes = 2 * 1024 * 1024).await;
    let created = app.create(json!({ "template": "haiku-vs-4090" })).await;
    let (id, key) = (
        created["id"].as_str().expect("id"),
        created["edit_key"].as_str().expect("key"),
    );
    let mut doc = app.document(id, key).await;
    doc["task_types"] = json!(vec![
        json!({ "calls_per_month": 1, "output_tokens": 1 });
        10_000
    ]);
    doc["gpu_configs"] = json!(vec![json!({}); 30]);
    let t = Instant::now();
    for path in ["/api/evaluate", "/api/render"] {
        let r = app
            .client
            .post(app.url(path))
            .json(&json!({ "document": doc }))
            .send()
            .await
            .expect("request");
        assert_eq!(r.status(), 422, "{path}");
        let v: Value = r.json().await.expect("json");
        assert_eq!(v["errors"][0]["path"], json!("task_types"), "{path}");
        assert_eq!(v["errors"][1]["path"], json!("gpu_configs"), "{path}");
    }
    let r = app
        .put(
            id,
            Some(key),
            json!({ "base_revision": 1, "document": doc }),
        )
        .await;
    assert_eq!(r.status(), 422);
    assert!(
        t.elapsed() < Duration::from_secs(5),
        "refused without evaluating"
    );
    // Curve points: at most 1024, whatever is asked.
    let small = app.document(id, key).await;
    let v: Value = app
        .post_json(
            "/api/evaluate",
            &json!({ "document": small, "curve_points": 100000 }),
        )
        .await;
    assert_eq!(v["curves"]["calls"].as_array().map(Vec::len), Some(1024));
    // L7: an array is not a document.
    let v: Value = app
        .post_json("/api/evaluate", &json!({ "document": [] }))
        .await;
    assert_eq!(v["error"], json!("invalid"));
    assert_eq!(v["errors"][0]["path"], json!("document"));
}

/// L1: a search longer than SQLite's pattern limit answers normally.
#[tokio::test]
async fn long_searches_answer() {
    let app = TestApp::spawn().await;
    let q = "a".repeat(50_001);
    let r = app
        .client
        .post(app.url("/sfn/list_scenarios"))
        .json(&json!({ "workspace": app.workspace, "query": q }))
        .send()
        .await
        .expect("request");
    assert_eq!(r.status(), 200);
    let r = app
        .client
        .get(app.url(&format!("/api/benchmarks?q={}", "b".repeat(50_001))))
        .send()
        .await
        .expect("request");
    assert_eq!(r.status(), 200);
}

/// L10: pages and answers that carry an edit key are never cached.
#[tokio::test]
async fn keyed_pages_and_answers_are_not_stored() {
    let app = TestApp::spawn().await;
    let c = app.create(json!({ "template": "haiku-vs-4090" })).await;
    let (id, key) = (
        c["id"].as_str().expect("id"),
        c["edit_key"].as_str().expect("key"),
    );
    let page = app
        .client
        .get(app.url(&format!("/s/{id}?key={key}")))
        .send()
        .await
        .expect("page");
    assert_eq!(page.headers()["cache-control"], "no-store");
    assert_eq!(
        app.get(id, key).await.headers()["cache-control"],
        "no-store"
    );
    let r = app
        .client
        .post(app.url("/api/scenarios"))
        .json(&json!({ "template": "blank" }))
        .send()
        .await
        .expect("create");
    assert_eq!(r.headers()["cache-control"], "no-store");
}

/// L5: a backup with any bad row is refused whole, and nothing is written.
#[tokio::test]
async fn restore_refuses_a_bad_backup_whole() {
    let source = TestApp::spawn_with(|c| c.admin_token = Some("t0ken".into())).await;
    source.create(json!({ "template": "haiku-vs-4090" })).await;
    let backup: Value = source
        .client
        .get(source.url("/api/admin/backup"))
        .bearer_auth("t0ken")
        .send()
        .await
        .expect("backup")
        .json()
        .await
        .expect("json");
    type Spoil = Box<dyn Fn(&mut Value)>;
    let cases: Vec<(&str, Spoil)> = vec![
        (
            "an empty edit key",
            Box::new(|b| b["scenarios"][0]["edit_key"] = json!("")),
        ),
        (
            "a document that does not parse",
            Box::new(|b| b["scenarios"][0]["revisions"][0]["document"] = json!("{not json")),
        ),
        (
            "an invalid document",
            Box::new(|b| {
                let mut d: Value = serde_json::from_str(
                    b["scenarios"][0]["revisions"][0]["document"]
                        .as_str()
                        .expect("doc"),
                )
                .expect("json");
                d["hours_per_month"] = json!(0);
                d["task_types"] = json!([]);
                b["scenarios"][0]["revisions"][0]["document"] = json!(d.to_string());
            }),
        ),
        (
            "a dangling current revision",
            Box::new(|b| b["scenarios"][0]["current_revision"] = json!(7)),
        ),
        (
            "a malformed catalog row",
            Box::new(
                |b| b["custom_catalog"] = json!([{ "id": "x", "kind": "gpu", "name": "x", "data": "{}", "created_at": "2026-01-01" }]),
            ),
        ),
    ];
    for (what, spoil) in cases {
        let target = TestApp::spawn_with(|c| c.admin_token = Some("t0ken".into())).await;
        let mut b = backup.clone();
        spoil(&mut b);
        let r = target
            .client
            .post(target.url("/api/admin/restore"))
            .bearer_auth("t0ken")
            .json(&b)
            .send()
            .await
            .expect("restore");
        assert_eq!(r.status(), 422, "{what}");
        let v: Value = r.json().await.expect("json");
        assert_eq!(v["error"], json!("bad_file"), "{what}: {v}");
        let list: Value = target
            .post_json(
                "/sfn/list_scenarios",
                &json!({ "workspace": target.workspace, "query": "" }),
            )
            .await;
        assert_eq!(list, json!([]), "{what}: nothing written");
    }
}

/// L6: a catalog entry gets the checks a scenario gets.
#[tokio::test]
async fn catalog_entries_get_the_scenario_checks() {
    let app = TestApp::spawn().await;
    let tier = json!({ "workspace": app.workspace, "item": { "kind": "api_tier", "data": {
        "name": "Odd tier", "input_per_mtok": 1.0, "output_per_mtok": 1e300,
        "batch_discount": 5.0, "long_context_input_multiplier": 100.0, "cache_write_per_mtok": -1.0 } } });
    let r = app
        .client
        .post(app.url("/sfn/add_custom_entry"))
        .json(&tier)
        .send()
        .await
        .expect("request");
    assert_eq!(r.status(), 422);
    let v: Value = r.json().await.expect("json");
    let paths: Vec<&str> = v["errors"]
        .as_array()
        .expect("errors")
        .iter()
        .filter_map(|e| e["path"].as_str())
        .collect();
    for p in [
        "entry.output_per_mtok",
        "entry.batch_discount",
        "entry.long_context_input_multiplier",
        "entry.cache_write_per_mtok",
    ] {
        assert!(paths.contains(&p), "{p} in {paths:?}");
    }
    let price = json!({ "workspace": app.workspace, "item": { "kind": "cloud_price", "data": {
        "provider": "Acme", "gpu": "no-such-gpu", "hourly_usd": 2.0, "note": "" } } });
    let v: Value = app.post_json("/sfn/add_custom_entry", &price).await;
    assert_eq!(v["errors"][0]["path"], json!("entry.gpu"), "{v}");
}

/// A client that asks for large answers and stops reading them: the server closes the
/// connection once its writes have made no progress for the write-stall timeout, so
/// the client cannot hold a connection slot (and the answers' memory) for ever.
#[tokio::test]
async fn a_client_that_stops_reading_is_cut_off() {
    let app = TestApp::spawn_with(|c| {
        c.write_stall_timeout = Duration::from_secs(1);
        c.header_read_timeout = Duration::from_secs(30);
    })
    .await;
    let doc = engine::templates::haiku_vs_4090();
    let body = json!({ "document": doc, "curve_points": 1024 }).to_string();
    let one = format!(
        "POST /api/evaluate HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    );
    let answer_bytes = app
        .client
        .post(app.url("/api/evaluate"))
        .header("content-type", "application/json")
        .body(body.clone())
        .send()
        .await
        .expect("request")
        .bytes()
        .await
        .expect("body")
        .len();
    // Far more than the kernel's socket buffers hold on both sides.
    let requests = (12 * 1024 * 1024) / answer_bytes + 1;
    let addr = app.addr;
    let (received, closed) = tokio::task::spawn_blocking(move || {
        let socket = socket2::Socket::new(socket2::Domain::IPV4, socket2::Type::STREAM, None)
            .expect("socket");
        socket.set_recv_buffer_size(4096).expect("rcvbuf");
        socket.connect(&addr.into()).expect("connect");
        let mut s: TcpStream = socket.into();
        // The requests go from another thread: the server reads them only as it answers,
        // so this write blocks too, until the server gives up and closes.
        let mut w = s.try_clone().expect("clone");
        let all = one.repeat(requests);
        std::thread::spawn(move || {
            let _ = w.write_all(all.as_bytes());
        });
        // Read nothing for longer than the stall timeout.
        std::thread::sleep(Duration::from_secs(4));
        s.set_read_timeout(Some(Duration::from_secs(5)))
            .expect("timeout");
        let (mut got, mut buf) = (0usize, vec![0u8; 64 * 1024]);
        loop {
            match s.read(&mut buf) {
                Ok(0) => return (got, true),
                Ok(n) => got += n,
                Err(e) if e.kind() == std::io::ErrorKind::ConnectionReset => return (got, true),
                Err(_) => return (got, false),
            }
        }
    })
    .await
    .expect("client");
    assert!(closed, "the connection was closed by the server");
    assert!(
        received < requests * answer_bytes / 2,
        "the server gave up on the stalled answers: {received} of {} bytes sent",
        requests * answer_bytes
    );
    // And it serves everyone else.
    let r = app
        .client
        .get(app.url("/healthz"))
        .send()
        .await
        .expect("health");
    assert_eq!(r.status(), 200);
}
