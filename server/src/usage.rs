//! The usage API: `POST /api/usage` reads a usage or cost export (raw body, as for
//! benchmarks) and keeps what `engine::usage::file::describe` takes of it: counts,
//! times, model names, grouping keys and billed amounts, never a word of a message; the
//! original file only with `keep_original=true` (then `GET /api/usage/{id}/original`
//! with the workspace's key reads it back, `DELETE /api/usage/{id}` removes both).
//! `format=<id>` reads the file as that format, refused if it is not. `GET /api/usage/{id}` answers one kept file;
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
    /// The format to read the file as (`engine::usage::UsageFormat::id`); absent or
    /// `auto`: detected.
    #[serde(default)]
    format: Option<String>,
    /// Keep the original file too (it may hold the text of prompts and answers).
    #[serde(default)]
    keep_original: Option<bool>,
}

/// The format asked for: `None` to detect; an unknown id is refused, naming the known.
fn chosen(
    name: &str,
    format: Option<&str>,
) -> Result<Option<engine::usage::UsageFormat>, AppError> {
    match format
        .map(str::trim)
        .filter(|f| !f.is_empty() && *f != "auto")
    {
        None => Ok(None),
        Some(f) => engine::usage::UsageFormat::from_id(f)
            .map(Some)
            .ok_or_else(|| AppError::BadFile {
                file: name.to_string(),
                message: format!(
                    "format {:?} is not one this reads; use auto or one of: {}",
                    f.chars().take(40).collect::<String>(),
                    engine::usage::UsageFormat::ALL.map(|f| f.id()).join(", ")
                ),
            }),
    }
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
    let format = chosen(&name, q.format.as_deref())?;
    let keep = q.keep_original == Some(true);
    let limit = MAX_USAGE_BYTES.min(s.uploads.max_upload_bytes);
    let mut body = crate::limits::PacedBody::new(body, limit, s.pace);
    let mut bytes = Vec::new();
    while let Some(chunk) = body.next().await? {
        bytes.extend_from_slice(&chunk);
    }
    let size = bytes.len() as i64;
    let file = name.clone();
    let max_kept = s.uploads.max_stored_bytes;
    let (kept, original) = app::compute::run(move || {
        let u = engine::usage::import_usage_as(&bytes, format).map_err(|message| {
            AppError::BadFile {
                file: file.clone(),
                message,
            }
        })?;
        let mut kept =
            engine::usage::file::describe(&u, &file, q.group_by.as_deref()).map_err(|message| {
                AppError::BadFile {
                    file: file.clone(),
                    message,
                }
            })?;
        // A file that was read is UTF-8 text: kept as it came, only when asked, and
        // only up to the size kept of any original.
        let fits = bytes.len() as u64 <= max_kept;
        if keep && !fits {
            kept.notes.push(format!(
                "the original was not kept: it is larger than the {} kept of an original (BREAKEVEN_MAX_STORED_FILE_BYTES); its counts are",
                app::error::human_bytes(max_kept)
            ));
        }
        let original = (keep && fits).then(|| String::from_utf8(bytes).ok()).flatten();
        Ok::<_, AppError>((kept, original))
    })
    .await??;
    let stored = app::db::usage::store(&s.app.db, &ws, &kept, size, original.as_deref()).await?;
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

/// `GET /api/usage`: the workspace's usage files, newest first (at most 50), without
/// their hourly load and cost rows.
#[tracing::instrument(skip_all, err(level = "info"))]
pub async fn list(State(s): State<ServerState>, headers: HeaderMap) -> Result<Response, AppError> {
    let access = crate::extract::access(&headers)?;
    let ws = app::db::workspaces::resolve(&s.app.db, &access).await?;
    let files = app::db::usage::list(&s.app.db, &ws, app::usage_fns::LISTED).await?;
    Ok(Json(files).into_response())
}

/// `GET /api/usage/{id}/original`: the original, when kept; the workspace's key only.
#[tracing::instrument(skip_all, err(level = "info"))]
pub async fn original(
    State(s): State<ServerState>,
    Path(id): Path<String>,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    let access = crate::extract::access(&headers)?;
    original_file(&s, &access, &id).await
}

/// `GET /w/{token}/usage/{id}/original`: the same, for a link on the workspace's page.
#[tracing::instrument(skip_all, err(level = "info"))]
pub async fn original_by_link(
    State(s): State<ServerState>,
    Path((token, id)): Path<(String, String)>,
) -> Result<Response, AppError> {
    original_file(&s, &app::dto::Access::Workspace { token }, &id).await
}

async fn original_file(
    s: &ServerState,
    access: &app::dto::Access,
    id: &str,
) -> Result<Response, AppError> {
    let (name, text) = app::db::usage::original(&s.app.db, access, id).await?;
    // The name as uploaded, reduced to characters safe in a header.
    let safe: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || "._-".contains(c) {
                c
            } else {
                '_'
            }
        })
        .collect();
    Ok((
        [
            (
                axum::http::header::CONTENT_TYPE,
                "text/plain; charset=utf-8".to_string(),
            ),
            (
                axum::http::header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{safe}\""),
            ),
            (
                axum::http::header::CACHE_CONTROL,
                "private, no-store".to_string(),
            ),
        ],
        text,
    )
        .into_response())
}

/// `DELETE /api/usage/{id}`: the file's counts and any original; the workspace's key only.
#[tracing::instrument(skip_all, err(level = "info"))]
pub async fn delete(
    State(s): State<ServerState>,
    Path(id): Path<String>,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    let access = crate::extract::access(&headers)?;
    app::db::usage::delete(&s.app.db, &access, &id).await?;
    Ok(StatusCode::NO_CONTENT.into_response())
}

#[derive(Deserialize)]
pub struct WorkloadBody {
    ids: Vec<String>,
    /// Calls a month typed for groups whose file counts no requests.
    #[serde(default)]
    calls: std::collections::BTreeMap<String, f64>,
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
    let p = app::db::usage::preview(&s.app.db, &ws, &b.ids, &b.calls).await?;
    Ok(Json(p).into_response())
}

#[derive(Deserialize)]
pub struct ApplyBody {
    ids: Vec<String>,
    target: UsageTarget,
    /// Calls a month typed for groups whose file counts no requests.
    #[serde(default)]
    calls: std::collections::BTreeMap<String, f64>,
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
    let a = app::db::usage::apply(&s.app.db, &ws, &b.ids, &b.calls, &b.target, &author).await?;
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
