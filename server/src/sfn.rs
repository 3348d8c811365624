//! Server-function answers carry the HTTP status of their error.
//!
//! `server_fn` answers every error it raises itself (arguments that do not decode, a
//! missing argument) with 500, before our handler runs and can set the status. Those
//! are the caller's mistakes: this layer gives such answers the status of the
//! [`AppError`] in their body (400 for unreadable arguments), so clients see 4xx and the
//! log shows no server error. The body, an encoded `AppError`, is kept as it is: the
//! browser decodes it.

use app::error::AppError;
use axum::body::Body;
use axum::extract::Request;
use axum::http::StatusCode;
use axum::middleware::Next;
use axum::response::Response;

/// Server-function error bodies are a few hundred bytes; anything larger is left alone.
const MAX_ERROR_BODY: usize = 64 * 1024;

pub async fn error_status(req: Request, next: Next) -> Response {
    if !req.uri().path().starts_with("/sfn/") {
        return next.run(req).await;
    }
    let res = next.run(req).await;
    if res.status() != StatusCode::INTERNAL_SERVER_ERROR
        || !res.headers().contains_key("serverfnerror")
    {
        return res;
    }
    let (mut parts, body) = res.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, MAX_ERROR_BODY).await else {
        parts.status = StatusCode::INTERNAL_SERVER_ERROR;
        return Response::from_parts(parts, Body::empty());
    };
    if let Ok(err) = serde_json::from_slice::<AppError>(&bytes) {
        let status = err.status();
        if status != StatusCode::INTERNAL_SERVER_ERROR {
            tracing::info!(%status, error = %err, "server function refused its request");
            parts.status = status;
        }
    }
    Response::from_parts(parts, Body::from(bytes))
}
