//! Abuse guards around every route: refusal of cross-site writes, and per-address rate
//! limits on the routes that create things (security headers: `headers.rs`).

use axum::extract::{ConnectInfo, Request, State};
use axum::http::{header, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use std::collections::HashMap;
use std::net::{IpAddr, SocketAddr};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

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

/// The actions that are rate-limited, each with its own budget per client address.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Action {
    /// A new scenario (from a template or a document).
    Create,
    /// A copy of a scenario (a conflict's "save my edit as a copy").
    Copy,
    /// A custom catalog entry added or deleted.
    CatalogWrite,
    /// A benchmark file uploaded.
    Upload,
    /// A save or a restore of a revision.
    Save,
}

impl Action {
    const ALL: [Action; 5] = [
        Action::Create,
        Action::Copy,
        Action::CatalogWrite,
        Action::Upload,
        Action::Save,
    ];

    fn what(self) -> &'static str {
        match self {
            Action::Create => "new scenarios",
            Action::Copy => "copies",
            Action::CatalogWrite => "catalog changes",
            Action::Upload => "uploads",
            Action::Save => "saves",
        }
    }

    /// The action of a server-function call, if it is a limited one, matched by the
    /// paths the functions themselves declare. (The JSON API's routes carry their
    /// action in `crate::routes`.)
    pub fn of_server_fn(method: &Method, path: &str) -> Option<Action> {
        use app::server_fns::{
            AddCustomEntry, CreateCopy, CreateFromTemplate, CreateWorkspace, DeleteCustomEntry,
            RestoreRevision, SaveScenario,
        };
        use leptos::server_fn::ServerFn;
        if method != Method::POST {
            return None;
        }
        match path {
            p if p == CreateFromTemplate::PATH
                || p == CreateWorkspace::PATH
                || p == app::usage_fns::UsageApply::PATH =>
            {
                Some(Action::Create)
            }
            p if p == CreateCopy::PATH => Some(Action::Copy),
            p if p == AddCustomEntry::PATH || p == DeleteCustomEntry::PATH => {
                Some(Action::CatalogWrite)
            }
            p if p == SaveScenario::PATH
                || p == RestoreRevision::PATH
                || p == app::revision_fns::ReapplyEdit::PATH =>
            {
                Some(Action::Save)
            }
            _ => None,
        }
    }
}

/// (tokens left, last refill) per (client address, action), and when idle buckets were
/// last dropped.
#[derive(Default)]
struct Buckets {
    map: HashMap<(IpAddr, Action), (f64, Instant)>,
    pruned: Option<Instant>,
}

/// Past this many buckets, idle ones (full again after two minutes) are dropped, at
/// most once a second: a client rotating addresses costs one scan a second, not one a
/// request.
const PRUNE_ABOVE: usize = 100_000;

/// Token buckets per client address and action; a budget of 0 turns that limit off.
#[derive(Clone)]
pub struct RateLimits {
    per_minute: HashMap<Action, u32>,
    buckets: Arc<Mutex<Buckets>>,
}

impl RateLimits {
    pub fn new(per_minute: impl IntoIterator<Item = (Action, u32)>) -> Self {
        let mut map: HashMap<Action, u32> = Action::ALL.iter().map(|a| (*a, 0)).collect();
        map.extend(per_minute);
        RateLimits {
            per_minute: map,
            buckets: Arc::default(),
        }
    }

    pub fn from_config(cfg: &crate::config::Config) -> Self {
        RateLimits::new([
            (Action::Create, cfg.creates_per_minute),
            (Action::Copy, cfg.copies_per_minute),
            (Action::CatalogWrite, cfg.catalog_writes_per_minute),
            (Action::Upload, cfg.uploads_per_minute),
            (Action::Save, cfg.saves_per_minute),
        ])
    }

    fn budget(&self, action: Action) -> u32 {
        self.per_minute.get(&action).copied().unwrap_or(0)
    }

    /// Takes one token; `Err(seconds)` until the next one when the bucket is empty.
    fn take(&self, ip: IpAddr, action: Action) -> Result<(), u64> {
        let per_minute = self.budget(action);
        if per_minute == 0 {
            return Ok(());
        }
        let cap = f64::from(per_minute);
        let rate = cap / 60.0;
        let now = Instant::now();
        let mut b = self.buckets.lock().unwrap_or_else(|p| p.into_inner());
        if b.map.len() > PRUNE_ABOVE
            && b.pruned
                .is_none_or(|t| now.duration_since(t) >= Duration::from_secs(1))
        {
            b.map
                .retain(|_, (_, t)| now.duration_since(*t) < Duration::from_secs(120));
            b.pruned = Some(now);
        }
        let (tokens, last) = b.map.entry((ip, action)).or_insert((cap, now));
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

/// Spends one token of `action` for the client's address; when there is none, the 429
/// answer with `Retry-After`.
fn refusal(limits: &RateLimits, req: &Request, action: Action) -> Option<Response> {
    let ip = req
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|c| c.0.ip())
        .unwrap_or(IpAddr::from([0, 0, 0, 0]));
    limits.take(ip, action).err().map(|wait| {
        let mut res = refuse(
            StatusCode::TOO_MANY_REQUESTS,
            "rate_limited",
            format!(
                "too many {} from this address (limit {} a minute); try again in {wait} s",
                action.what(),
                limits.budget(action)
            ),
        );
        if let Ok(v) = HeaderValue::from_str(&wait.to_string()) {
            res.headers_mut().insert(header::RETRY_AFTER, v);
        }
        res
    })
}

/// The rate limit of a route of `crate::routes`, which names its action.
pub async fn limit(
    State((limits, action)): State<(RateLimits, Action)>,
    req: Request,
    next: Next,
) -> Response {
    match refusal(&limits, &req, action) {
        None => next.run(req).await,
        Some(refused) => refused,
    }
}

/// The rate limits of server functions, by their declared paths.
pub async fn rate_limit(State(limits): State<RateLimits>, req: Request, next: Next) -> Response {
    if let Some(action) = Action::of_server_fn(req.method(), req.uri().path()) {
        if let Some(refused) = refusal(&limits, &req, action) {
            return refused;
        }
    }
    next.run(req).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn buckets_refill_and_refuse() {
        let l = RateLimits::new([(Action::Create, 3), (Action::Upload, 1)]);
        let ip = IpAddr::from([10, 0, 0, 1]);
        assert!((0..3).all(|_| l.take(ip, Action::Create).is_ok()));
        assert!(
            l.take(ip, Action::Create).is_err(),
            "the fourth within a minute is refused"
        );
        assert!(
            l.take(IpAddr::from([10, 0, 0, 2]), Action::Create).is_ok(),
            "per address"
        );
        assert!(l.take(ip, Action::Upload).is_ok(), "per action");
        assert!(
            (0..1000).all(|_| l.take(ip, Action::Save).is_ok()),
            "a budget of 0 is no limit"
        );
    }

    /// Idle buckets go once the map is large, and the scan runs at most once a second
    /// however many requests arrive.
    #[test]
    fn idle_buckets_are_dropped_at_most_once_a_second() {
        let l = RateLimits::new([(Action::Create, 5)]);
        // (A machine up for less than 5 minutes has no such instant.)
        let Some(idle) = Instant::now().checked_sub(Duration::from_secs(300)) else {
            return;
        };
        let fill = |l: &RateLimits| {
            let mut b = l.buckets.lock().expect("lock");
            for i in 0..=PRUNE_ABOVE as u128 {
                let ip = IpAddr::from(std::net::Ipv6Addr::from(i));
                b.map.insert((ip, Action::Create), (5.0, idle));
            }
        };
        fill(&l);
        assert!(l.take(IpAddr::from([10, 0, 0, 1]), Action::Create).is_ok());
        let first = {
            let b = l.buckets.lock().expect("lock");
            assert_eq!(b.map.len(), 1, "the idle buckets were dropped");
            b.pruned.expect("pruned")
        };
        fill(&l);
        assert!(l.take(IpAddr::from([10, 0, 0, 2]), Action::Create).is_ok());
        let b = l.buckets.lock().expect("lock");
        assert_eq!(b.pruned, Some(first), "no second scan within the second");
        assert!(b.map.len() > PRUNE_ABOVE);
    }

    /// The URLs the browser really calls (server functions have fixed endpoints, no
    /// hash suffix); `tests/http/server_fns.rs` exhausts them over HTTP, and
    /// `tests/http/guard.rs` the JSON API's limited routes.
    #[test]
    fn each_limited_server_function_maps_to_its_action() {
        let post = |p: &str| Action::of_server_fn(&Method::POST, p);
        assert_eq!(post("/sfn/create_from_template"), Some(Action::Create));
        assert_eq!(post("/sfn/create_copy"), Some(Action::Copy));
        assert_eq!(post("/sfn/usage_apply"), Some(Action::Create));
        assert_eq!(post("/sfn/add_custom_entry"), Some(Action::CatalogWrite));
        assert_eq!(post("/sfn/delete_custom_entry"), Some(Action::CatalogWrite));
        assert_eq!(post("/sfn/save_scenario"), Some(Action::Save));
        assert_eq!(post("/sfn/restore_revision"), Some(Action::Save));
        assert_eq!(post("/sfn/reapply_edit"), Some(Action::Save));
        assert_eq!(post("/sfn/evaluate_live"), None);
        assert_eq!(
            post("/api/scenarios"),
            None,
            "the JSON API's routes carry their own"
        );
        assert_eq!(
            Action::of_server_fn(&Method::GET, "/sfn/save_scenario"),
            None
        );
    }
}
