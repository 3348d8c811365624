//! Benchmark uploads: the body streams to a temporary file (never named after the
//! upload), is imported on a blocking thread with bounded memory, and the file and
//! its runs are stored in one transaction.

use crate::ServerState;
use app::error::AppError;
use axum::body::Body;
use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use engine::bench::Format;
use serde::Deserialize;
use std::io::Read;
use tokio::io::AsyncWriteExt;

#[derive(Deserialize)]
pub struct UploadQuery {
    /// The file's name, for display and as a format hint.
    #[serde(default)]
    name: Option<String>,
    /// A format id to use instead of detection (`auto` or absent: detect).
    #[serde(default)]
    format: Option<String>,
}

#[tracing::instrument(skip_all, fields(name))]
pub async fn upload(
    State(s): State<ServerState>,
    Query(q): Query<UploadQuery>,
    headers: HeaderMap,
    body: Body,
) -> Response {
    let mut body = crate::limits::PacedBody::new(body, s.uploads.max_upload_bytes, s.pace);
    match receive(s, q, &headers, &mut body).await {
        Ok(r) => r,
        Err(e) => {
            tracing::info!(error = %e, "upload refused");
            let mut r = e.into_response();
            // The rest of a refused upload is not read: the connection cannot be reused.
            r.headers_mut().insert(
                header::CONNECTION,
                axum::http::HeaderValue::from_static("close"),
            );
            r
        }
    }
}

async fn receive(
    s: ServerState,
    q: UploadQuery,
    headers: &HeaderMap,
    body: &mut crate::limits::PacedBody,
) -> Result<Response, AppError> {
    let limits = s.uploads.clone();
    // Whose file: checked before a byte of the body is read.
    let access = crate::extract::access(headers)?;
    let workspace = app::db::workspaces::resolve(&s.app.db, &access).await?;
    let raw_name = q
        .name
        .or_else(|| {
            headers
                .get("x-file-name")
                .and_then(|v| v.to_str().ok())
                .map(str::to_string)
        })
        .unwrap_or_default();
    let name = app::db::benchmarks::display_name(&raw_name);
    tracing::Span::current().record("name", name.as_str());
    let format = match q.format.as_deref().map(str::trim) {
        None | Some("") | Some("auto") => None,
        Some(id) => Some(Format::from_id(id).ok_or_else(|| AppError::BadFile {
            file: name.clone(),
            message: format!(
                "unknown format '{}'; leave it out to detect the format",
                id.chars().take(40).collect::<String>()
            ),
        })?),
    };
    // Refuse early when the client says how big the body is.
    let declared = headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|n| n > limits.max_upload_bytes) {
        return Err(AppError::TooLarge {
            limit_bytes: limits.max_upload_bytes,
        });
    }
    let tmp = tempfile::NamedTempFile::new().map_err(AppError::internal)?;
    let mut out = tokio::fs::File::from_std(tmp.reopen().map_err(AppError::internal)?);
    while let Some(chunk) = body.next().await? {
        out.write_all(&chunk).await.map_err(AppError::internal)?;
    }
    let size = body.received;
    out.flush().await.map_err(AppError::internal)?;
    drop(out);
    let file_name = name.clone();
    let keep = limits.max_stored_bytes;
    // On the compute pool, one import per core at a time: imports at once would each
    // hold their file's records in memory.
    let (imported, original) = app::compute::run(move || {
        let file = tmp.reopen().map_err(AppError::internal)?;
        let imported = engine::bench::import(&file_name, std::io::BufReader::new(file), format)
            .map_err(|e| {
                // A usage export sent here by mistake: say where it goes (read once more,
                // within the usage import's own bound).
                let usage = match (&e, format) {
                    (engine::bench::ImportError::Unrecognised(_), None)
                        if size <= crate::usage::MAX_USAGE_BYTES =>
                    {
                        std::fs::read(tmp.path())
                            .ok()
                            .and_then(|b| engine::usage::usage_instead(&b))
                    }
                    _ => None,
                };
                AppError::BadFile {
                    file: file_name.clone(),
                    message: usage.unwrap_or_else(|| e.to_string()),
                }
            })?;
        let original = if size <= keep {
            let mut bytes = Vec::with_capacity(size as usize);
            tmp.reopen()
                .map_err(AppError::internal)?
                .read_to_end(&mut bytes)
                .map_err(AppError::internal)?;
            Some(bytes)
        } else {
            None
        };
        Ok::<_, AppError>((imported, original))
    })
    .await??;
    let stored = app::db::benchmarks::store(
        &s.app.db,
        &workspace,
        &name,
        &imported,
        size as i64,
        original,
    )
    .await?;
    tracing::info!(file_id = %stored.file_id, runs = stored.runs.len(), refused = stored.refused.len(), size, format = %stored.format_id, "benchmark imported");
    Ok((StatusCode::CREATED, Json(stored)).into_response())
}

#[derive(Deserialize)]
pub struct ListQuery {
    #[serde(default)]
    q: String,
}

#[tracing::instrument(skip_all, err(level = "info"))]
pub async fn list(
    State(s): State<ServerState>,
    Query(q): Query<ListQuery>,
    h: HeaderMap,
) -> Result<Response, AppError> {
    let ws = app::db::workspaces::resolve(&s.app.db, &crate::extract::access(&h)?).await?;
    let runs = app::db::benchmarks::list(&s.app.db, &ws, q.q.trim(), 500).await?;
    Ok(Json(runs).into_response())
}

#[tracing::instrument(skip_all, fields(id = %id), err(level = "info"))]
pub async fn get(
    State(s): State<ServerState>,
    Path(id): Path<String>,
    h: HeaderMap,
) -> Result<Response, AppError> {
    let access = crate::extract::access(&h)?;
    let ws = app::db::workspaces::resolve(&s.app.db, &access).await?;
    let detail = app::db::benchmarks::detail(&s.app.db, &ws, &id, access.scenario()).await?;
    let mut source = detail.row.source();
    // The file's runs of the same model and shape at other loads: the sweep that latency
    // targets pick from (its highest-throughput run is named, to attach for the most).
    let mut file_runs = vec![detail.row.run.clone()];
    file_runs.extend(detail.siblings.iter().map(|r| r.run.clone()));
    let sweep = engine::bench::sweep::sweep(&file_runs, 0);
    let top = sweep
        .points
        .iter()
        .zip(&sweep.runs)
        .max_by(|a, b| a.0.output_tokens_per_s.total_cmp(&b.0.output_tokens_per_s))
        .map(|(_, i)| {
            if *i == 0 {
                detail.row.id.clone()
            } else {
                detail.siblings[*i - 1].id.clone()
            }
        });
    if let Ok(engine::scenario::ThroughputSource::Benchmark { sweep: s, .. }) = &mut source {
        *s = sweep.points;
    }
    let mut v = serde_json::to_value(&detail).map_err(AppError::internal)?;
    v["throughput_source"] = match source {
        Ok(src) => serde_json::to_value(src).map_err(AppError::internal)?,
        Err(why) => serde_json::json!({ "unavailable": why }),
    };
    if let Some(top) = top.filter(|_| v["throughput_source"]["sweep"].is_array()) {
        v["sweep_top_run_id"] = serde_json::Value::String(top);
    }
    Ok(Json(v).into_response())
}

#[derive(Deserialize)]
pub struct OriginalQuery {
    /// The workspace's key, for a plain link (a header works too).
    #[serde(default)]
    workspace: Option<String>,
}

/// The uploaded bytes, as an attachment whose name cannot become a path. The file's
/// workspace key comes in `X-Workspace-Key` or, for a plain link, `?workspace=`.
#[tracing::instrument(skip_all, fields(file_id = %file_id), err(level = "info"))]
pub async fn original(
    State(s): State<ServerState>,
    Path(file_id): Path<String>,
    Query(q): Query<OriginalQuery>,
    h: HeaderMap,
) -> Result<Response, AppError> {
    let access = match q.workspace.filter(|t| !t.is_empty()) {
        Some(token) => app::dto::Access::Workspace { token },
        None => crate::extract::access(&h)?,
    };
    let ws = app::db::workspaces::resolve(&s.app.db, &access).await?;
    let (name, bytes) = app::db::benchmarks::original(&s.app.db, &ws, &file_id).await?;
    let safe: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_') {
                c
            } else {
                '_'
            }
        })
        .collect();
    Ok((
        [
            (header::CONTENT_TYPE, "application/octet-stream".to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{safe}\""),
            ),
            (header::X_CONTENT_TYPE_OPTIONS, "nosniff".to_string()),
        ],
        bytes,
    )
        .into_response())
}

/// Deletes a file and its runs (workspace key only; refused while a saved scenario uses
/// one of its runs). Answers what went: `{file_name, runs}`.
#[tracing::instrument(skip_all, err(level = "info"))]
pub async fn delete_file(
    State(s): State<ServerState>,
    Path(file_id): Path<String>,
    h: HeaderMap,
) -> Result<Response, AppError> {
    let access = crate::extract::access(&h)?;
    let gone = app::db::benchmarks::delete_file(&s.app.db, &access, &file_id).await?;
    Ok(Json(gone).into_response())
}
