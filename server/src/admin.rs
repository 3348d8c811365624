//! Backup and restore over HTTP, for operators: `GET /api/admin/backup` and
//! `POST /api/admin/restore` (into an empty instance), both behind
//! `Authorization: Bearer $BREAKEVEN_ADMIN_TOKEN`. Without the variable they are off.
//! A backup holds every edit key, so it is as secret as the database.

use crate::ServerState;
use app::error::AppError;
use axum::body::Body;
use axum::extract::State;
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;

fn authorised(s: &ServerState, h: &HeaderMap) -> Result<(), Box<Response>> {
    let Some(expected) = s.admin_token.as_deref() else {
        return Err(Box::new((StatusCode::NOT_FOUND, Json(serde_json::json!({ "error": "not_found", "message": "backups over the API are off; set BREAKEVEN_ADMIN_TOKEN, or use `breakeven backup FILE` on the server" }))).into_response()));
    };
    let given = crate::extract::bearer(h).unwrap_or("");
    if app::tokens::constant_time_eq(given, expected) {
        Ok(())
    } else {
        Err(Box::new(AppError::Unauthorised.into_response()))
    }
}

#[tracing::instrument(skip_all)]
pub async fn backup(State(s): State<ServerState>, h: HeaderMap) -> Response {
    if let Err(r) = authorised(&s, &h) {
        return *r;
    }
    match app::db::backup::export(&s.app.db).await {
        Ok(b) => (
            [(
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"breakeven-backup.json\"",
            )],
            Json(b),
        )
            .into_response(),
        Err(e) => e.into_response(),
    }
}

/// `DELETE /api/admin/catalog/{id}`: the operator removes any custom catalog entry,
/// including those added before entries had keys.
#[tracing::instrument(skip_all, fields(id = %id))]
pub async fn delete_catalog_entry(
    State(s): State<ServerState>,
    h: HeaderMap,
    axum::extract::Path(id): axum::extract::Path<String>,
) -> Response {
    if let Err(r) = authorised(&s, &h) {
        return *r;
    }
    match app::db::catalog::delete(&s.app.db, &id, app::db::catalog::Deleter::Operator).await {
        Ok(()) => StatusCode::NO_CONTENT.into_response(),
        Err(e) => e.into_response(),
    }
}

/// The token is checked before a byte of the body is read; the body is then read
/// within `BREAKEVEN_MAX_RESTORE_BYTES` and the upload pace.
#[tracing::instrument(skip_all)]
pub async fn restore(State(s): State<ServerState>, h: HeaderMap, body: Body) -> Response {
    if let Err(mut r) = authorised(&s, &h) {
        r.headers_mut().insert(
            header::CONNECTION,
            axum::http::HeaderValue::from_static("close"),
        );
        return *r;
    }
    let body = match crate::limits::PacedBody::new(body, s.max_restore_bytes, s.pace)
        .collect()
        .await
    {
        Ok(b) => b,
        Err(e) => return e.into_response(),
    };
    let b: app::db::backup::Backup = match serde_json::from_slice(&body) {
        Ok(b) => b,
        Err(e) => {
            return AppError::BadFile {
                file: "backup".into(),
                message: format!("not a Breakeven backup: {e}"),
            }
            .into_response()
        }
    };
    match app::db::backup::import(&s.app.db, &b).await {
        Ok(r) => (StatusCode::CREATED, Json(r)).into_response(),
        Err(e) => e.into_response(),
    }
}
