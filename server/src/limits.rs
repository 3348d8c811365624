//! How much a request may send, and how slowly: every answer to a client mistake is
//! the documented `{error, message}` JSON.

use app::error::AppError;
use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use futures_util::StreamExt;
use std::time::{Duration, Instant};

/// A body size limit, set per route group or route (`crate::routes`).
#[derive(Clone, Copy, Debug)]
pub struct Declared(pub u64);

fn too_large(limit: u64) -> Response {
    let mut r = AppError::TooLarge { limit_bytes: limit }.into_response();
    // Nothing of the body is read: the connection cannot be reused.
    r.headers_mut()
        .insert(header::CONNECTION, HeaderValue::from_static("close"));
    r
}

/// Refuses a body whose declared length is over the route's limit before any of it is
/// read, and gives every 413 of the route (also a streamed body cut off at the limit)
/// the JSON shape with that limit.
pub async fn declared(
    State(Declared(limit)): State<Declared>,
    req: Request,
    next: Next,
) -> Response {
    let declared = req
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<u64>().ok());
    if declared.is_some_and(|n| n > limit) {
        let path = req.uri().path();
        tracing::info!(%path, declared, limit, "request body over the limit refused unread");
        return too_large(limit);
    }
    let res = next.run(req).await;
    if res.status() == StatusCode::PAYLOAD_TOO_LARGE {
        too_large(limit)
    } else {
        res
    }
}

/// Every answer: the request timeout's empty 408 gets the JSON shape, and answers are
/// marked `Cache-Control: no-store` (pages and answers carry edit keys). Static files:
/// a content-hashed one under `/pkg/` is cached for a year (its name changes with its
/// content); the others are revalidated on each use.
pub async fn answers(req: Request, next: Next) -> Response {
    let path = req.uri().path();
    let asset = path.starts_with("/pkg/") || path == "/favicon.ico";
    let immutable =
        path.starts_with("/pkg/") && app::assets::is_hashed(path.rsplit('/').next().unwrap_or(""));
    let mut res = next.run(req).await;
    if res.status() == StatusCode::REQUEST_TIMEOUT
        && !res.headers().contains_key(header::CONTENT_TYPE)
    {
        res = AppError::Timeout("the request took longer than the server's time limit".into())
            .into_response();
    }
    let ok = res.status().is_success() || res.status() == StatusCode::NOT_MODIFIED;
    let h = res.headers_mut();
    if asset && !h.contains_key(header::VARY) {
        // The same address answers brotli, gzip or plain bytes by the request's
        // Accept-Encoding: a shared cache must keep them apart.
        h.insert(header::VARY, HeaderValue::from_static("accept-encoding"));
    }
    if !h.contains_key(header::CACHE_CONTROL) {
        h.insert(
            header::CACHE_CONTROL,
            HeaderValue::from_static(match (asset, immutable && ok) {
                (true, true) => "public, max-age=31536000, immutable",
                (true, false) => "no-cache",
                (false, _) => "no-store",
            }),
        );
    }
    res
}

/// How slowly a streamed body (upload, restore) may arrive.
#[derive(Clone, Copy, Debug)]
pub struct Pace {
    /// No byte for this long ends the request.
    pub idle: Duration,
    /// After [`GRACE`], the average rate must stay above this.
    pub min_bytes_per_sec: u64,
}

/// A slow start (TCP slow start, a laptop waking up) is not held against a client.
const GRACE: Duration = Duration::from_secs(10);

/// Reads a body chunk by chunk, refusing it past `limit` bytes or below the pace.
pub struct PacedBody {
    stream: axum::body::BodyDataStream,
    pace: Pace,
    limit: u64,
    started: Instant,
    pub received: u64,
}

impl PacedBody {
    pub fn new(body: Body, limit: u64, pace: Pace) -> Self {
        PacedBody {
            stream: body.into_data_stream(),
            pace,
            limit,
            started: Instant::now(),
            received: 0,
        }
    }

    /// The next chunk, `None` at the end.
    pub async fn next(&mut self) -> Result<Option<Bytes>, AppError> {
        let chunk = match tokio::time::timeout(self.pace.idle, self.stream.next()).await {
            Err(_) => {
                return Err(AppError::Timeout(format!(
                    "the body stopped arriving: nothing for {} s after {} bytes",
                    self.pace.idle.as_secs(),
                    self.received
                )))
            }
            Ok(None) => return Ok(None),
            Ok(Some(Err(e))) => {
                return Err(AppError::BadRequest(format!(
                    "the body was interrupted after {} bytes: {e}",
                    self.received
                )))
            }
            Ok(Some(Ok(c))) => c,
        };
        self.received += chunk.len() as u64;
        if self.received > self.limit {
            return Err(AppError::TooLarge {
                limit_bytes: self.limit,
            });
        }
        let elapsed = self.started.elapsed();
        if elapsed > GRACE {
            let rate = self.received as f64 / elapsed.as_secs_f64();
            if rate < self.pace.min_bytes_per_sec as f64 {
                return Err(AppError::Timeout(format!(
                    "the body arrives too slowly: {rate:.0} bytes/s on average, at least {} needed",
                    self.pace.min_bytes_per_sec
                )));
            }
        }
        Ok(Some(chunk))
    }

    /// The whole body in memory (bounded by the limit).
    pub async fn collect(mut self) -> Result<Vec<u8>, AppError> {
        let mut out = Vec::new();
        while let Some(c) = self.next().await? {
            out.extend_from_slice(&c);
        }
        Ok(out)
    }
}
