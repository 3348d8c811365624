//! Abuse guards around every route: security headers, refusal of cross-site writes,
//! and per-address rate limits on the routes that create things.

use axum::extract::{ConnectInfo, Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use std::collections::HashMap;
use std::net::{IpAddr, SocketAddr};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// Headers every response carries. HTML pages set their own Content-Security-Policy
/// (with a per-response nonce, see `app::shell`); everything else gets a locked-down one.
pub async fn security_headers(req: Request, next: Next) -> Response {
    let mut res = next.run(req).await;
    let h = res.headers_mut();
    let set = |h: &mut HeaderMap, name: header::HeaderName, value: &'static str| {
        if !h.contains_key(&name) {
            h.insert(name, HeaderValue::from_static(value));
        }
    };
    set(h, header::CONTENT_SECURITY_POLICY, "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'");
    set(h, header::X_CONTENT_TYPE_OPTIONS, "nosniff");
    // Edit keys live in URLs: never send them to another site as a referrer.
    set(h, header::REFERRER_POLICY, "no-referrer");
    set(
        h,
        header::HeaderName::from_static("cross-origin-opener-policy"),
        "same-origin",
    );
    set(
        h,
        header::HeaderName::from_static("permissions-policy"),
        "camera=(), microphone=(), geolocation=(), payment=()",
    );
    res
}

fn refuse(status: StatusCode, error: &str, message: String) -> Response {
    (
        status,
        axum::Json(serde_json::json!({ "error": error, "message": message })),
    )
        .into_response()
}

/// Writes from another site's page are refused: a browser marks them with
/// `Sec-Fetch-Site: cross-site` or an `Origin` that is not this host. Scripts and
/// curl send neither and are let through (they hold the edit key anyway).
pub async fn same_site_writes(req: Request, next: Next) -> Response {
    if matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS) {
        return next.run(req).await;
    }
    let h = req.headers();
    let cross_fetch = h
        .get("sec-fetch-site")
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v == "cross-site");
    let host = h
        .get(header::HOST)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    let foreign_origin = h
        .get(header::ORIGIN)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|o| o == "null" || o.split_once("://").map(|(_, rest)| rest) != Some(host));
    if cross_fetch || foreign_origin {
        tracing::warn!(path = %req.uri().path(), "cross-site write refused");
        return refuse(
            StatusCode::FORBIDDEN,
            "cross_site",
            "writes are only accepted from this site's own pages".into(),
        );
    }
    next.run(req).await
}

/// (tokens left, last refill) per (client address, kind of action).
type Buckets = HashMap<(IpAddr, &'static str), (f64, Instant)>;

/// Token buckets per client address and kind of action.
#[derive(Clone)]
pub struct RateLimits {
    pub creates_per_minute: u32,
    pub uploads_per_minute: u32,
    buckets: Arc<Mutex<Buckets>>,
}

impl RateLimits {
    pub fn new(creates_per_minute: u32, uploads_per_minute: u32) -> Self {
        RateLimits {
            creates_per_minute,
            uploads_per_minute,
            buckets: Arc::default(),
        }
    }

    /// Takes one token; `Err(seconds)` until the next one when the bucket is empty.
    fn take(&self, ip: IpAddr, kind: &'static str, per_minute: u32) -> Result<(), u64> {
        if per_minute == 0 {
            return Ok(());
        }
        let cap = f64::from(per_minute);
        let rate = cap / 60.0;
        let now = Instant::now();
        let mut map = self.buckets.lock().unwrap_or_else(|p| p.into_inner());
        if map.len() > 100_000 {
            map.retain(|_, (_, t)| now.duration_since(*t) < Duration::from_secs(120));
        }
        let (tokens, last) = map.entry((ip, kind)).or_insert((cap, now));
        *tokens = (*tokens + now.duration_since(*last).as_secs_f64() * rate).min(cap);
        *last = now;
        if *tokens >= 1.0 {
            *tokens -= 1.0;
            Ok(())
        } else {
            Err(((1.0 - *tokens) / rate).ceil() as u64)
        }
    }
}

/// Which limited action a request is, if any.
fn action(method: &Method, path: &str) -> Option<&'static str> {
    if method != Method::POST {
        return None;
    }
    // The server functions' paths come from the functions themselves, so a renamed
    // function cannot silently fall out of the limit.
    use app::server_fns::{AddCustomEntry, CreateCopy, CreateFromTemplate};
    use leptos::server_fn::ServerFn;
    const CREATING: [&str; 4] = [
        "/api/scenarios",
        CreateFromTemplate::PATH,
        CreateCopy::PATH,
        AddCustomEntry::PATH,
    ];
    if CREATING.contains(&path) {
        Some("create")
    } else if path == "/api/benchmarks" {
        Some("upload")
    } else {
        None
    }
}

pub async fn rate_limit(State(limits): State<RateLimits>, req: Request, next: Next) -> Response {
    if let Some(kind) = action(req.method(), req.uri().path()) {
        let ip = req
            .extensions()
            .get::<ConnectInfo<SocketAddr>>()
            .map(|c| c.0.ip())
            .unwrap_or(IpAddr::from([0, 0, 0, 0]));
        let per_minute = if kind == "upload" {
            limits.uploads_per_minute
        } else {
            limits.creates_per_minute
        };
        if let Err(wait) = limits.take(ip, kind, per_minute) {
            let what = if kind == "upload" {
                "uploads"
            } else {
                "new scenarios and catalog entries"
            };
            let mut res = refuse(StatusCode::TOO_MANY_REQUESTS, "rate_limited", format!("too many {what} from this address (limit {per_minute} a minute); try again in {wait} s"));
            if let Ok(v) = HeaderValue::from_str(&wait.to_string()) {
                res.headers_mut().insert(header::RETRY_AFTER, v);
            }
            return res;
        }
    }
    next.run(req).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn buckets_refill_and_refuse() {
        let l = RateLimits::new(3, 1);
        let ip = IpAddr::from([10, 0, 0, 1]);
        assert!((0..3).all(|_| l.take(ip, "create", 3).is_ok()));
        assert!(
            l.take(ip, "create", 3).is_err(),
            "the fourth within a minute is refused"
        );
        assert!(
            l.take(IpAddr::from([10, 0, 0, 2]), "create", 3).is_ok(),
            "per address"
        );
        assert!(l.take(ip, "upload", 1).is_ok(), "per kind");
    }

    /// The URLs the browser really calls (server functions have fixed endpoints, no
    /// hash suffix); the HTTP test in `tests/server_fns.rs` exhausts them over the wire.
    #[test]
    fn only_creating_routes_are_limited() {
        assert_eq!(action(&Method::POST, "/api/scenarios"), Some("create"));
        for path in [
            "/sfn/create_from_template",
            "/sfn/create_copy",
            "/sfn/add_custom_entry",
        ] {
            assert_eq!(action(&Method::POST, path), Some("create"), "{path}");
        }
        assert_eq!(action(&Method::PUT, "/api/scenarios/x"), None);
        assert_eq!(action(&Method::POST, "/sfn/save_scenario"), None);
        assert_eq!(action(&Method::POST, "/sfn/evaluate_live"), None);
        assert_eq!(action(&Method::POST, "/api/benchmarks"), Some("upload"));
    }
}
