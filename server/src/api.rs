//! The JSON API for scripts, described by `/api/openapi.json`. Handlers are thin:
//! parse, call `app::db` or the engine, answer. Writes need the edit key in the
//! `X-Edit-Key` header (or `Authorization: Bearer <key>`).

use crate::extract::{body, document, edit_key, workspace_key};
use crate::ServerState;
use app::error::AppError;
use axum::extract::rejection::JsonRejection;
use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};

use axum::Json;
use engine::FieldError;
use serde::Deserialize;
use serde_json::{json, Value};

const OPENAPI: &str = include_str!("openapi.json");

#[tracing::instrument(skip_all)]
pub(crate) async fn openapi() -> Response {
    (
        [(axum::http::header::CONTENT_TYPE, "application/json")],
        OPENAPI,
    )
        .into_response()
}

#[tracing::instrument(skip_all)]
pub(crate) async fn templates() -> Json<Value> {
    Json(json!(engine::templates::TEMPLATES
        .iter()
        .map(|t| json!({ "id": t.id, "name": t.name }))
        .collect::<Vec<_>>()))
}

#[derive(Deserialize)]
pub(crate) struct EvaluateBody {
    document: Value,
    #[serde(default)]
    curve_points: Option<usize>,
}

#[tracing::instrument(skip_all, err(Debug, level = "info"))]
pub(crate) async fn evaluate(
    b: Result<Json<EvaluateBody>, JsonRejection>,
) -> Result<Response, AppError> {
    let b = body(b)?;
    let doc = document(b.document)?;
    let opts = engine::Options {
        curve_points: b
            .curve_points
            .unwrap_or(256)
            .clamp(2, engine::validate::limits::CURVE_POINTS),
        curve_max_calls: None,
    };
    let heavy = app::compute::is_heavy(&doc, opts.curve_points);
    let value = app::compute::for_document(heavy, move || {
        let v = engine::validate(doc)?;
        // Straight to bytes: no intermediate JSON value of the whole evaluation.
        serde_json::to_vec(&engine::evaluate(&v, opts)).map_err(AppError::internal)
    })
    .await??;
    Ok(([(header::CONTENT_TYPE, "application/json")], value).into_response())
}

#[derive(Deserialize)]
pub(crate) struct CreateBody {
    #[serde(default)]
    document: Option<Value>,
    #[serde(default)]
    template: Option<String>,
}

#[tracing::instrument(skip_all, err(Debug, level = "info"))]
pub(crate) async fn create(
    State(s): State<ServerState>,
    h: HeaderMap,
    b: Result<Json<CreateBody>, JsonRejection>,
) -> Result<Response, AppError> {
    let ws = app::db::workspaces::by_token(&s.app.db, &workspace_key(&h)?).await?;
    let b = body(b)?;
    let doc = match (b.document, b.template) {
        (Some(d), _) => document(d)?,
        (None, Some(t)) => engine::templates::template(&t).ok_or_else(|| {
            AppError::Invalid(vec![FieldError {
                path: "template".into(),
                message: format!("unknown template '{t}'"),
            }])
        })?,
        (None, None) => engine::templates::blank(),
    };
    engine::validate(doc.clone())?;
    let author = match s.app.author(&h) {
        a if a.is_empty() => "api".to_string(),
        a => a,
    };
    let c = app::db::create(&s.app.db, &ws.id, &doc, &author).await?;
    let out = json!({
        "id": c.id, "edit_key": c.edit_key, "view_token": c.view_token, "revision": c.revision,
        "edit_url": c.edit_path(), "view_url": format!("/v/{}", c.view_token),
    });
    Ok((StatusCode::CREATED, Json(out)).into_response())
}

#[tracing::instrument(skip_all, fields(id = %id), err(level = "info"))]
pub(crate) async fn get_scenario(
    State(s): State<ServerState>,
    Path(id): Path<String>,
    h: HeaderMap,
) -> Result<Json<Value>, AppError> {
    let key = edit_key(&h)?;
    let l = app::db::load_for_edit(&s.app.db, &id, &key, app::db::Detail::Curves(2)).await?;
    Ok(Json(
        json!({ "id": l.id, "name": l.name, "revision": l.revision, "view_token": l.view_token, "updated_at": l.updated_at, "document": l.document }),
    ))
}

#[tracing::instrument(skip_all, err(level = "info"))]
pub(crate) async fn view(
    State(s): State<ServerState>,
    Path(token): Path<String>,
) -> Result<Json<Value>, AppError> {
    let l = app::db::load_for_view(&s.app.db, &token, app::db::Detail::Curves(2)).await?;
    // Never the edit key; not even the id.
    Ok(Json(
        json!({ "name": l.name, "revision": l.revision, "updated_at": l.updated_at, "document": l.document }),
    ))
}

#[derive(Deserialize)]
pub(crate) struct SaveBody {
    base_revision: i64,
    document: Value,
    #[serde(default)]
    author: String,
}

#[tracing::instrument(skip_all, fields(id = %id), err(Debug, level = "info"))]
pub(crate) async fn save(
    State(s): State<ServerState>,
    Path(id): Path<String>,
    h: HeaderMap,
    b: Result<Json<SaveBody>, JsonRejection>,
) -> Result<Json<Value>, AppError> {
    let key = edit_key(&h)?;
    let b = body(b)?;
    let doc = document(b.document)?;
    // A trusted sign-on header, when the operator set one, names the author.
    let author: String = match s.app.author(&h) {
        a if a.is_empty() => b.author.chars().take(100).collect(),
        a => a,
    };
    let revision = app::db::save(&s.app.db, &id, &key, b.base_revision, &doc, &author).await?;
    Ok(Json(json!({ "revision": revision })))
}

#[tracing::instrument(skip_all, fields(id = %id), err(level = "info"))]
pub(crate) async fn revisions(
    State(s): State<ServerState>,
    Path(id): Path<String>,
    h: HeaderMap,
) -> Result<Json<Value>, AppError> {
    let key = edit_key(&h)?;
    let list = app::db::history(&s.app.db, &id, &key).await?;
    Ok(Json(
        serde_json::to_value(list).map_err(AppError::internal)?,
    ))
}

#[tracing::instrument(skip_all, fields(id = %id), err(level = "info"))]
pub(crate) async fn restore(
    State(s): State<ServerState>,
    Path((id, rev)): Path<(String, i64)>,
    h: HeaderMap,
) -> Result<Json<Value>, AppError> {
    let key = edit_key(&h)?;
    let author = match s.app.author(&h) {
        a if a.is_empty() => "api".to_string(),
        a => a,
    };
    let revision = app::db::restore(&s.app.db, &id, &key, rev, &author).await?;
    Ok(Json(json!({ "revision": revision, "restored_from": rev })))
}

#[derive(Deserialize)]
pub(crate) struct WorkspaceBody {
    #[serde(default)]
    name: String,
}

/// A new workspace: its key (the token of its `/w/` link) is answered once, here.
#[tracing::instrument(skip_all, err(Debug, level = "info"))]
pub(crate) async fn create_workspace(
    State(s): State<ServerState>,
    b: Result<Json<WorkspaceBody>, JsonRejection>,
) -> Result<Response, AppError> {
    let b = body(b)?;
    let w = app::db::workspaces::create(&s.app.db, &b.name).await?;
    let out = json!({ "name": w.info.name, "key": w.info.token, "url": w.info.path() });
    Ok((StatusCode::CREATED, Json(out)).into_response())
}

#[derive(Deserialize)]
pub(crate) struct WorkspaceQuery {
    #[serde(default)]
    q: String,
}

/// The workspace named by `X-Workspace-Key`, with its scenarios (newest first, at most
/// 100; `?q=` filters by name), each with its links.
#[tracing::instrument(skip_all, err(level = "info"))]
pub(crate) async fn workspace(
    State(s): State<ServerState>,
    axum::extract::Query(q): axum::extract::Query<WorkspaceQuery>,
    h: HeaderMap,
) -> Result<Json<Value>, AppError> {
    let w = app::db::workspaces::by_token(&s.app.db, &workspace_key(&h)?).await?;
    let list = app::db::list(&s.app.db, &w.id, q.q.trim(), 100).await?;
    Ok(Json(json!({
        "name": w.info.name,
        "url": w.info.path(),
        "scenarios": list.iter().map(|r| json!({
            "id": r.id, "name": r.name, "revision": r.revision, "updated_at": r.updated_at,
            "edit_url": format!("/s/{}?key={}", r.id, r.edit_key),
            "view_url": format!("/v/{}", r.view_token),
        })).collect::<Vec<_>>(),
    })))
}
