//! A spawned app on port 0 with a fresh SQLite file per test (real sqlx, real migrations).
#![allow(dead_code)] // each test file uses part of it

use serde_json::Value;
use std::net::SocketAddr;

pub struct TestApp {
    pub addr: SocketAddr,
    /// Sends the test workspace's key (`X-Workspace-Key`) with every request, as a
    /// member's script would.
    pub client: reqwest::Client,
    /// The key (token) of the workspace made at spawn; `stranger` holds none.
    pub workspace: String,
    pub stranger: reqwest::Client,
    _dir: tempfile::TempDir,
    pub db_path: std::path::PathBuf,
}

impl TestApp {
    pub async fn spawn() -> TestApp {
        Self::spawn_with(|_| {}).await
    }

    /// With a configuration tweak (limits, for example).
    pub async fn spawn_with(tweak: impl FnOnce(&mut server::config::Config)) -> TestApp {
        let dir = tempfile::tempdir().expect("temp dir");
        let db_path = dir.path().join("test.db");
        let mut cfg = server::config::Config::local(
            format!("sqlite:{}", db_path.display()),
            dir.path().display().to_string(),
        );
        cfg.max_body_bytes = 64 * 1024;
        cfg.request_timeout = std::time::Duration::from_secs(10);
        cfg.max_upload_bytes = 4 * 1024 * 1024;
        cfg.max_stored_file_bytes = 512 * 1024;
        cfg.creates_per_minute = 0;
        cfg.uploads_per_minute = 0;
        cfg.copies_per_minute = 0;
        cfg.catalog_writes_per_minute = 0;
        cfg.saves_per_minute = 0;
        tweak(&mut cfg);
        let pool = app::db::connect(&cfg.database_url).await.expect("database");
        let workspace = app::db::workspaces::create(&pool, "Test team")
            .await
            .expect("workspace")
            .info
            .token;
        let mut state = app::db::AppState::new(pool);
        state.user_header = cfg.user_header.clone();
        // "own": the workspace made here stands for the operator's default.
        state.default_workspace = match cfg.default_workspace.as_deref() {
            Some("own") => Some(workspace.clone()),
            other => other.map(str::to_string),
        };
        let router = server::router(&cfg, state);
        let listener = tokio::net::TcpListener::bind(cfg.addr).await.expect("bind");
        let addr = listener.local_addr().expect("addr");
        // The production accept loop, with its connection limits.
        let limits = server::serve::ConnectionLimits {
            max_connections: cfg.max_connections,
            header_read_timeout: cfg.header_read_timeout,
            write_stall_timeout: cfg.write_stall_timeout,
            shutdown_grace: cfg.request_timeout,
        };
        tokio::spawn(server::serve::serve(
            listener,
            router,
            limits,
            std::future::pending(),
        ));
        let mut headers = reqwest::header::HeaderMap::new();
        headers.insert(
            "x-workspace-key",
            reqwest::header::HeaderValue::from_str(&workspace).expect("header"),
        );
        TestApp {
            addr,
            client: reqwest::Client::builder()
                .default_headers(headers)
                .build()
                .expect("client"),
            workspace,
            stranger: reqwest::Client::new(),
            _dir: dir,
            db_path,
        }
    }
    pub fn url(&self, path: &str) -> String {
        format!("http://{}{}", self.addr, path)
    }
    pub async fn create(&self, body: Value) -> Value {
        let r = self
            .client
            .post(self.url("/api/scenarios"))
            .json(&body)
            .send()
            .await
            .expect("request");
        assert_eq!(r.status(), 201);
        r.json().await.expect("json")
    }
    /// GET `path` and its JSON body (whatever the status).
    pub async fn get_json(&self, path: impl AsRef<str>) -> Value {
        json_body(self.client.get(self.url(path.as_ref()))).await
    }
    /// POST `body` as JSON to `path` and its JSON answer (whatever the status).
    pub async fn post_json(&self, path: impl AsRef<str>, body: &impl serde::Serialize) -> Value {
        json_body(self.client.post(self.url(path.as_ref())).json(body)).await
    }
    /// The current document of a scenario, read with its edit key.
    pub async fn document(&self, id: &str, key: &str) -> Value {
        self.get(id, key).await.json::<Value>().await.expect("json")["document"].clone()
    }
    pub async fn get(&self, id: &str, key: &str) -> reqwest::Response {
        self.client
            .get(self.url(&format!("/api/scenarios/{id}")))
            .header("x-edit-key", key)
            .send()
            .await
            .expect("request")
    }
    pub async fn put(&self, id: &str, key: Option<&str>, body: Value) -> reqwest::Response {
        let mut req = self
            .client
            .put(self.url(&format!("/api/scenarios/{id}")))
            .json(&body);
        if let Some(k) = key {
            req = req.header("x-edit-key", k);
        }
        req.send().await.expect("request")
    }
}

/// Sends `req` and reads its JSON answer.
async fn json_body(req: reqwest::RequestBuilder) -> Value {
    req.send()
        .await
        .expect("request")
        .json()
        .await
        .expect("json body")
}
