//! What handlers read from a request, written once: a JSON body (malformed JSON and
//! oversize bodies answered like any other bad input), a scenario document of any
//! schema version, an edit key, a bearer token.

use app::error::AppError;
use axum::extract::rejection::JsonRejection;
use axum::http::{header, HeaderMap};
use axum::Json;
use engine::{FieldError, Scenario};
use serde_json::Value;

/// Malformed JSON is answered like any other invalid input: 400 with the reason.
pub(crate) fn body<T>(b: Result<Json<T>, JsonRejection>) -> Result<T, AppError> {
    b.map(|Json(v)| v).map_err(|e| {
        if e.status() == axum::http::StatusCode::PAYLOAD_TOO_LARGE {
            // `limits::declared` answers every 413 with the route's limit.
            AppError::TooLarge { limit_bytes: 0 }
        } else {
            AppError::BadRequest(e.body_text())
        }
    })
}

/// A document of any schema version, with the path of the first field that does not parse.
pub(crate) fn document(v: Value) -> Result<Scenario, AppError> {
    // serde would read `[]` as a struct in positional form: a default scenario.
    if !v.is_object() {
        return Err(AppError::Invalid(vec![FieldError {
            path: "document".into(),
            message: "must be a JSON object (a scenario document)".into(),
        }]));
    }
    let version = v
        .get("schema_version")
        .or_else(|| v.get("version"))
        .and_then(Value::as_u64);
    if version.is_some_and(|n| n < u64::from(engine::scenario::SCHEMA_VERSION)) {
        return engine::upgrade::upgrade(v).map_err(|e| {
            AppError::Invalid(vec![FieldError {
                path: "document".into(),
                message: e.to_string(),
            }])
        });
    }
    if version.is_some_and(|n| n > u64::from(engine::scenario::SCHEMA_VERSION)) {
        return Err(AppError::Invalid(vec![FieldError {
            path: "document.schema_version".into(),
            message: format!(
                "is newer than this server understands ({})",
                engine::scenario::SCHEMA_VERSION
            ),
        }]));
    }
    serde_path_to_error::deserialize(v).map_err(|e| {
        let path = e.path().to_string();
        AppError::Invalid(vec![FieldError {
            path: if path == "." { "document".into() } else { path },
            message: e.into_inner().to_string(),
        }])
    })
}

/// The token of an `Authorization: Bearer <token>` header.
pub(crate) fn bearer(h: &HeaderMap) -> Option<&str> {
    h.get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
}

/// A scenario's edit key: the `X-Edit-Key` header, or a bearer token.
pub(crate) fn edit_key(h: &HeaderMap) -> Result<String, AppError> {
    h.get("x-edit-key")
        .and_then(|v| v.to_str().ok())
        .or_else(|| bearer(h))
        .filter(|k| !k.is_empty())
        .map(str::to_string)
        .ok_or(AppError::Forbidden)
}

/// A workspace's key: the `X-Workspace-Key` header (the token of its `/w/` link).
pub(crate) fn workspace_key(h: &HeaderMap) -> Result<String, AppError> {
    h.get("x-workspace-key")
        .and_then(|v| v.to_str().ok())
        .map(str::trim)
        .filter(|k| !k.is_empty())
        .map(str::to_string)
        .ok_or_else(no_workspace_key)
}

fn no_workspace_key() -> AppError {
    AppError::Refused {
        code: "no_workspace_key".into(),
        message: "this needs a workspace: send its key (the token of its /w/ link) in the \
                  X-Workspace-Key header"
            .into(),
    }
}

/// What reaches a workspace's sources: its key, or a scenario's id (`X-Scenario-Id`)
/// with that scenario's edit key.
pub(crate) fn access(h: &HeaderMap) -> Result<app::dto::Access, AppError> {
    if let Ok(token) = workspace_key(h) {
        return Ok(app::dto::Access::Workspace { token });
    }
    let id = h
        .get("x-scenario-id")
        .and_then(|v| v.to_str().ok())
        .filter(|v| !v.is_empty());
    match (id, edit_key(h)) {
        (Some(id), Ok(key)) => Ok(app::dto::Access::Scenario {
            id: id.to_string(),
            key,
        }),
        _ => Err(no_workspace_key()),
    }
}
