//! The usage API: `POST /api/usage` reads a usage or cost export (raw body, as for
//! benchmarks) and keeps what `engine::usage::file::describe` takes of it: counts,
//! times, model names, grouping keys and billed amounts, never a word of a message and
//! never the original file. `GET /api/usage/{id}` answers one kept file;
//! `POST /api/usage/workload` reads several together into task types ready for a
//! scenario and the reconciliation with the bill; `POST /api/usage/apply` puts that
//! workload into a new scenario or over a scenario's workload (its edit key needed);
//! `POST /api/usage/backtest` prices the files' real days under every option of a
//! scenario.
//!
//! Bounded: at most `MAX_USAGE_BYTES` (or the upload limit, if lower) read on a compute
//! thread; at most `MAX_FILES_TOGETHER` files read together.

use crate::extract::body;
use crate::ServerState;
use app::dto::UsageTarget;
use app::error::AppError;
use axum::body::Body;
use axum::extract::rejection::JsonRejection;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Deserialize;

/// The largest usage file read in one request: a JSON document is held in memory whole.
pub const MAX_USAGE_BYTES: u64 = 50 * 1000 * 1000;

#[derive(Deserialize)]
pub struct UsageQuery {
    #[serde(default)]
    name: Option<String>,
    /// Group by this key the file carries (project, workspace, API key, ...), not the model.
    #[serde(default)]
    group_by: Option<String>,
}

#[tracing::instrument(skip_all, err(level = "info"))]
pub async fn upload(
    State(s): State<ServerState>,
    Query(q): Query<UsageQuery>,
    headers: HeaderMap,
    body: Body,
) -> Result<Response, AppError> {
    // Whose request: checked before a byte of the body is read.
    let access = crate::extract::access(&headers)?;
    let ws = app::db::workspaces::resolve(&s.app.db, &access).await?;
    let name = app::db::benchmarks::display_name(q.name.as_deref().unwrap_or("usage"));
    let limit = MAX_USAGE_BYTES.min(s.uploads.max_upload_bytes);
    let mut body = crate::limits::PacedBody::new(body, limit, s.pace);
    let mut bytes = Vec::new();
    while let Some(chunk) = body.next().await? {
        bytes.extend_from_slice(&chunk);
    }
    let size = bytes.len() as i64;
    let file = name.clone();
    let kept = app::compute::run(move || {
        let u = engine::usage::import_usage(&bytes).map_err(|message| AppError::BadFile {
            file: file.clone(),
            message,
        })?;
        engine::usage::file::describe(&u, &file, q.group_by.as_deref()).map_err(|message| {
            AppError::BadFile {
                file: file.clone(),
                message,
            }
        })
    })
    .await??;
    let stored = app::db::usage::store(&s.app.db, &ws, &kept, size).await?;
    tracing::info!(records = kept.records, "usage kept");
    Ok((StatusCode::CREATED, Json(stored)).into_response())
}

#[tracing::instrument(skip_all, err(level = "info"))]
pub async fn get(
    State(s): State<ServerState>,
    Path(id): Path<String>,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    let access = crate::extract::access(&headers)?;
    let ws = app::db::workspaces::resolve(&s.app.db, &access).await?;
    Ok(Json(app::db::usage::get(&s.app.db, &ws, &id).await?).into_response())
}

#[derive(Deserialize)]
pub struct WorkloadBody {
    ids: Vec<String>,
}

#[tracing::instrument(skip_all, err(level = "info"))]
pub async fn workload(
    State(s): State<ServerState>,
    headers: HeaderMap,
    b: Result<Json<WorkloadBody>, JsonRejection>,
) -> Result<Response, AppError> {
    let access = crate::extract::access(&headers)?;
    let b = body(b)?;
    let ws = app::db::workspaces::resolve(&s.app.db, &access).await?;
    let p = app::db::usage::preview(&s.app.db, &ws, &b.ids).await?;
    Ok(Json(p).into_response())
}

#[derive(Deserialize)]
pub struct ApplyBody {
    ids: Vec<String>,
    target: UsageTarget,
}

#[tracing::instrument(skip_all, err(level = "info"))]
pub async fn apply(
    State(s): State<ServerState>,
    headers: HeaderMap,
    b: Result<Json<ApplyBody>, JsonRejection>,
) -> Result<Response, AppError> {
    let access = crate::extract::access(&headers)?;
    let b = body(b)?;
    let ws = app::db::workspaces::resolve(&s.app.db, &access).await?;
    let author = s.app.author(&headers);
    let a = app::db::usage::apply(&s.app.db, &ws, &b.ids, &b.target, &author).await?;
    let status = if a.edit_path.is_some() {
        StatusCode::CREATED
    } else {
        StatusCode::OK
    };
    Ok((status, Json(a)).into_response())
}

#[derive(Deserialize)]
pub struct BacktestBody {
    ids: Vec<String>,
    id: String,
    key: String,
}

#[tracing::instrument(skip_all, err(level = "info"))]
pub async fn backtest(
    State(s): State<ServerState>,
    headers: HeaderMap,
    b: Result<Json<BacktestBody>, JsonRejection>,
) -> Result<Response, AppError> {
    let access = crate::extract::access(&headers)?;
    let b = body(b)?;
    let ws = app::db::workspaces::resolve(&s.app.db, &access).await?;
    let r = app::db::usage::backtest(&s.app.db, &ws, &b.ids, &b.id, &b.key).await?;
    Ok(Json(r).into_response())
}
