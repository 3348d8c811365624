//! Load driver: N concurrent clients create, edit, save, evaluate, export and open
//! view pages against a running Breakeven for a fixed time, then report requests/s, p50/p99 latency and
//! errors per endpoint. Every acknowledged save is appended (and flushed) to the ack
//! log as `{id, revision, document}` with the document exactly as the server stores it,
//! so a crash check can verify them afterwards.
//!
//!   cargo run --release -p server --example load -- --url http://127.0.0.1:3000 \
//!       [--clients 64] [--seconds 60] [--ack-log FILE] [--json FILE]
//!
//! Loopback only; bounded in time. Connection errors (a killed server) are counted
//! apart from HTTP errors and the client retries after 50 ms.

use serde_json::{json, Value};
use std::collections::BTreeMap;
use std::io::Write;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// The driver shares the cores with the server; a cheaper allocator leaves it more.
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Default)]
struct Stats {
    latencies_ms: Vec<f64>,
    http_4xx: u64,
    conflicts: u64,
    http_5xx: u64,
    transport: u64,
}

type Shared = Arc<Mutex<BTreeMap<&'static str, Stats>>>;

struct Client {
    http: reqwest::Client,
    base: String,
    stats: Shared,
    acks: Option<Arc<Mutex<std::fs::File>>>,
}

enum Outcome {
    Ok(Value),
    Conflict,
    Failed,
}

impl Client {
    fn record(&self, name: &'static str, f: impl FnOnce(&mut Stats)) {
        let mut stats = self.stats.lock().unwrap_or_else(|p| p.into_inner());
        f(stats.entry(name).or_default());
    }

    async fn call(&self, name: &'static str, req: reqwest::RequestBuilder, parse: bool) -> Outcome {
        let start = Instant::now();
        let res = req.send().await;
        let ms = start.elapsed().as_secs_f64() * 1000.0;
        let r = match res {
            Err(_) => {
                self.record(name, |s| s.transport += 1);
                return Outcome::Failed;
            }
            Ok(r) => r,
        };
        let status = r.status().as_u16();
        self.record(name, |s| {
            s.latencies_ms.push(ms);
            match status {
                409 => s.conflicts += 1,
                500.. => s.http_5xx += 1,
                400.. => s.http_4xx += 1,
                _ => {}
            }
        });
        if status >= 400 {
            return if status == 409 {
                Outcome::Conflict
            } else {
                Outcome::Failed
            };
        }
        if !parse {
            let _ = r.bytes().await;
            return Outcome::Ok(Value::Null);
        }
        match r.json::<Value>().await {
            Ok(v) => Outcome::Ok(v),
            Err(_) => Outcome::Failed,
        }
    }

    /// The view page, rendered on the server: timed to the end of its streamed body,
    /// and a body that stops short counts as a connection error.
    async fn page(&self, view: &str) {
        let start = Instant::now();
        let res = self
            .http
            .get(format!("{}/v/{view}", self.base))
            .send()
            .await;
        let (status, complete) = match res {
            Ok(r) => {
                let status = r.status().as_u16();
                let body = r.text().await.unwrap_or_default();
                // Leptos streams resolved data after `</html>` and ends a finished
                // page with this script; a stalled one stops before it.
                let end = body.trim_end();
                let complete =
                    end.ends_with("</html>") || end.ends_with("__INCOMPLETE_CHUNKS=[];</script>");
                (status, complete)
            }
            Err(_) => (0, false),
        };
        let ms = start.elapsed().as_secs_f64() * 1000.0;
        self.record("page", |s| {
            if status == 0 {
                s.transport += 1;
                return;
            }
            s.latencies_ms.push(ms);
            match status {
                500.. => s.http_5xx += 1,
                400.. => s.http_4xx += 1,
                _ if !complete => s.transport += 1,
                _ => {}
            }
        });
    }

    async fn create(&self, n: u64) -> Option<(String, String, String, i64, Value)> {
        let template = if n.is_multiple_of(2) {
            "haiku-vs-4090"
        } else {
            "sonnet-vs-2xa100"
        };
        let Outcome::Ok(c) = self
            .call(
                "create",
                self.http
                    .post(format!("{}/api/scenarios", self.base))
                    .json(&json!({ "template": template })),
                true,
            )
            .await
        else {
            return None;
        };
        let (id, key, view) = (
            c["id"].as_str()?.to_string(),
            c["edit_key"].as_str()?.to_string(),
            c["view_token"].as_str()?.to_string(),
        );
        let Outcome::Ok(d) = self
            .call(
                "load",
                self.http
                    .get(format!("{}/api/scenarios/{id}", self.base))
                    .header("x-edit-key", &key),
                true,
            )
            .await
        else {
            return None;
        };
        Some((
            id,
            key,
            view,
            d["revision"].as_i64()?,
            d["document"].clone(),
        ))
    }

    async fn run(self, seed: u64, deadline: Instant) {
        let mut n = seed;
        let mut current = None;
        while Instant::now() < deadline {
            n = n
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            if current.is_none() || n.is_multiple_of(20) {
                current = self.create(n).await;
                if current.is_none() {
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            }
            let Some((id, key, _, rev, doc)) = current.as_mut() else {
                continue;
            };
            // Edit: calls per month and an API price move.
            doc["task_types"][0]["calls_per_month"] = json!(100_000 + (n >> 33) % 2_000_000);
            doc["api_tiers"][0]["output_per_mtok"] = json!(1.0 + ((n >> 20) % 1000) as f64 / 100.0);
            let body = json!({ "base_revision": *rev, "document": doc });
            match self
                .call(
                    "save",
                    self.http
                        .put(format!("{}/api/scenarios/{id}", self.base))
                        .header("x-edit-key", key.as_str())
                        .json(&body),
                    true,
                )
                .await
            {
                Outcome::Ok(v) => {
                    if let Some(r) = v["revision"].as_i64() {
                        *rev = r;
                        if let Some(log) = &self.acks {
                            // The server stores the engine's serialisation of the document.
                            let stored = serde_json::from_value::<engine::Scenario>(doc.clone())
                                .ok()
                                .and_then(|s| serde_json::to_string(&s).ok());
                            if let Some(stored) = stored {
                                let line = json!({ "id": id, "revision": r, "document": stored })
                                    .to_string();
                                let mut f = log.lock().unwrap_or_else(|p| p.into_inner());
                                let _ = writeln!(f, "{line}");
                                let _ = f.flush();
                            }
                        }
                    }
                }
                Outcome::Conflict => current = None,
                Outcome::Failed => {
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    current = None;
                    continue;
                }
            }
            let Some((_, _, view, _, doc)) = current.as_ref() else {
                continue;
            };
            let _ = self
                .call(
                    "evaluate",
                    self.http
                        .post(format!("{}/api/evaluate", self.base))
                        .json(&json!({ "document": doc, "curve_points": 64 })),
                    false,
                )
                .await;
            if n.is_multiple_of(4) {
                let _ = self
                    .call(
                        "export_csv",
                        self.http.get(format!("{}/v/{view}/export.csv", self.base)),
                        false,
                    )
                    .await;
            }
            if n % 32 == 9 {
                self.page(view).await;
            }
            if n % 8 == 1 {
                let _ = self
                    .call(
                        "view",
                        self.http.get(format!("{}/api/views/{view}", self.base)),
                        false,
                    )
                    .await;
            }
        }
    }
}

fn pct(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    sorted[((p / 100.0) * (sorted.len() - 1) as f64).round() as usize]
}

#[tokio::main]
async fn main() {
    let args: Vec<String> = std::env::args().collect();
    let arg = |name: &str| {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1))
            .cloned()
    };
    let base = arg("--url").unwrap_or_else(|| "http://127.0.0.1:3000".into());
    if !base.starts_with("http://127.0.0.1") && !base.starts_with("http://localhost") {
        eprintln!("load: loopback only (--url http://127.0.0.1:PORT)");
        std::process::exit(2);
    }
    let clients: u64 = arg("--clients").and_then(|v| v.parse().ok()).unwrap_or(64);
    let seconds: u64 = arg("--seconds")
        .and_then(|v| v.parse().ok())
        .unwrap_or(60)
        .min(600);
    let acks = arg("--ack-log").map(|p| {
        Arc::new(Mutex::new(
            std::fs::File::create(p).unwrap_or_else(|e| panic!("ack log: {e}")),
        ))
    });
    // Every client works in one workspace, made here: its key goes with every request.
    let workspace: Value = reqwest::Client::new()
        .post(format!("{base}/api/workspaces"))
        .json(&json!({ "name": "load test" }))
        .send()
        .await
        .and_then(|r| r.error_for_status())
        .unwrap_or_else(|e| panic!("creating the load test's workspace: {e}"))
        .json()
        .await
        .unwrap_or_else(|e| panic!("the workspace answer: {e}"));
    let mut headers = reqwest::header::HeaderMap::new();
    headers.insert(
        "x-workspace-key",
        reqwest::header::HeaderValue::from_str(workspace["key"].as_str().unwrap_or_default())
            .unwrap_or_else(|e| panic!("workspace key: {e}")),
    );
    let http = reqwest::Client::builder()
        .pool_max_idle_per_host(clients as usize)
        .timeout(Duration::from_secs(10))
        .default_headers(headers)
        .build()
        .unwrap_or_else(|e| panic!("client: {e}"));
    let stats: Shared = Arc::default();
    let start = Instant::now();
    let deadline = start + Duration::from_secs(seconds);
    let tasks: Vec<_> = (0..clients)
        .map(|i| {
            let c = Client {
                http: http.clone(),
                base: base.clone(),
                stats: stats.clone(),
                acks: acks.clone(),
            };
            tokio::spawn(c.run(i * 7919 + 17, deadline))
        })
        .collect();
    for t in tasks {
        let _ = t.await;
    }
    let elapsed = start.elapsed().as_secs_f64();
    let mut stats = stats.lock().unwrap_or_else(|p| p.into_inner());
    let mut report = serde_json::Map::new();
    println!("load: {clients} clients, {elapsed:.1} s against {base}");
    println!(
        "{:<11} {:>8} {:>9} {:>9} {:>9} {:>6} {:>6} {:>6} {:>9}",
        "endpoint", "requests", "req/s", "p50 ms", "p99 ms", "5xx", "409", "4xx", "conn err"
    );
    let (mut total, mut total_5xx) = (0usize, 0u64);
    for (name, s) in stats.iter_mut() {
        s.latencies_ms.sort_by(f64::total_cmp);
        let n = s.latencies_ms.len();
        total += n;
        total_5xx += s.http_5xx;
        let (p50, p99) = (pct(&s.latencies_ms, 50.0), pct(&s.latencies_ms, 99.0));
        println!(
            "{name:<11} {n:>8} {:>9.1} {p50:>9.2} {p99:>9.2} {:>6} {:>6} {:>6} {:>9}",
            n as f64 / elapsed,
            s.http_5xx,
            s.conflicts,
            s.http_4xx,
            s.transport
        );
        report.insert(name.to_string(), json!({ "requests": n, "per_s": n as f64 / elapsed, "p50_ms": p50, "p99_ms": p99, "http_5xx": s.http_5xx, "conflicts": s.conflicts, "http_4xx": s.http_4xx, "transport_errors": s.transport }));
    }
    println!(
        "total: {total} requests, {:.1} req/s, {total_5xx} 5xx",
        total as f64 / elapsed
    );
    if let Some(path) = arg("--json") {
        let _ = std::fs::write(path, serde_json::to_string_pretty(&json!({ "clients": clients, "seconds": elapsed, "total_requests": total, "endpoints": report })).unwrap_or_default());
    }
}
