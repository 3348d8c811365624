//! POST /api/usage: a usage or cost export in (raw body, as for benchmarks), the
//! measured workload out: per model the period, requests, tokens by class, calls a
//! month, tokens per call, cache and batch shares, peak-to-average, and a task type
//! ready for a scenario with the provenance of each number.
//!
//! Nothing is stored: the file is read in memory, only counts, times, model names and
//! grouping keys are taken from it, and no text of a message is kept, logged or
//! returned. Bounded: at most `MAX_USAGE_BYTES` (or the upload limit, if lower), read on
//! a compute thread.

use crate::ServerState;
use app::error::AppError;
use axum::body::Body;
use axum::extract::{Query, State};
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Deserialize;
use serde_json::json;

/// The largest usage file read in one request: a JSON document is held in memory whole.
pub const MAX_USAGE_BYTES: u64 = 50 * 1000 * 1000;

#[derive(Deserialize)]
pub struct UsageQuery {
    #[serde(default)]
    name: Option<String>,
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
    app::db::workspaces::resolve(&s.app.db, &access).await?;
    let name = app::db::benchmarks::display_name(q.name.as_deref().unwrap_or("usage"));
    let limit = MAX_USAGE_BYTES.min(s.uploads.max_upload_bytes);
    let mut body = crate::limits::PacedBody::new(body, limit, s.pace);
    let mut bytes = Vec::new();
    while let Some(chunk) = body.next().await? {
        bytes.extend_from_slice(&chunk);
    }
    let file = name.clone();
    let answer = app::compute::run(move || {
        let u = engine::usage::import_usage(&bytes).map_err(|message| AppError::BadFile {
            file: file.clone(),
            message,
        })?;
        let groups = engine::usage::summarise(&u);
        let tasks: Vec<_> = groups
            .iter()
            .map(|g| match engine::usage::workload::task_type(g, &file) {
                Ok(t) => json!({ "group": g.group, "task": t }),
                Err(why) => json!({ "group": g.group, "unavailable": why }),
            })
            .collect();
        let billed: f64 = u.costs.iter().map(|c| c.usd).sum();
        let period = |xs: &mut dyn Iterator<Item = (i64, i64)>| {
            xs.fold(None, |acc: Option<(i64, i64)>, (a, b)| {
                Some(acc.map_or((a, b), |(x, y)| (x.min(a), y.max(b))))
            })
        };
        let span = period(&mut u.records.iter().map(|r| (r.start, r.end)).chain(u.costs.iter().map(|c| (c.start, c.end))));
        Ok::<_, AppError>(json!({
            "file_name": file,
            "format": u.format,
            "format_name": u.format.name(),
            "period": span.map(|(a, b)| json!({
                "start": engine::usage::fmt_rfc3339(a),
                "end": engine::usage::fmt_rfc3339(b),
            })),
            "records": u.records.len(),
            "groups": groups,
            "task_types": tasks,
            "billed_usd": (!u.costs.is_empty()).then_some(billed),
            "cost_rows": u.costs.len(),
            "notes": u.notes,
            "skipped": u.skipped.iter().map(|(why, n)| json!({ "reason": why, "count": n })).collect::<Vec<_>>(),
            "stored": false,
        }))
    })
    .await??;
    tracing::info!(records = answer["records"].as_u64(), "usage read");
    Ok(Json(answer).into_response())
}
