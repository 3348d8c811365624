//! The JSON API for scripts, described by `/api/openapi.json`. Handlers are thin:
//! parse, call `app::db` or the engine, answer. Writes need the edit key in the
//! `X-Edit-Key` header (or `Authorization: Bearer <key>`).

use crate::extract::{body, document, edit_key};
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
    b: Result<Json<CreateBody>, JsonRejection>,
) -> Result<Response, AppError> {
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
    let c = app::db::create(&s.app.db, &doc, "api").await?;
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
    let l = app::db::load_for_edit(&s.app.db, &id, &key, 2).await?;
    Ok(Json(
        json!({ "id": l.id, "name": l.name, "revision": l.revision, "view_token": l.view_token, "updated_at": l.updated_at, "document": l.document }),
    ))
}

#[tracing::instrument(skip_all, err(level = "info"))]
pub(crate) async fn view(
    State(s): State<ServerState>,
    Path(token): Path<String>,
) -> Result<Json<Value>, AppError> {
    let l = app::db::load_for_view(&s.app.db, &token, 2).await?;
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
    let author: String = b.author.chars().take(100).collect();
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
    let revision = app::db::restore(&s.app.db, &id, &key, rev, "api").await?;
    Ok(Json(json!({ "revision": revision, "restored_from": rev })))
}
