//! Scenarios and their immutable revisions: create, list, load (for edit, for view),
//! save with a stale-base check, history, restore, and one side of a comparison.

mod frozen;
mod history;
mod names;
mod reapply;
pub use frozen::{freeze, frozen_document, load_frozen, Saved};
pub use {history::history, names::free_name, reapply::reapply};

use super::writes::{submit, Write};
use crate::db::Db;
use crate::dto::{Created, Loaded, ScenarioSummary};
use crate::error::AppError;
use crate::tokens::{constant_time_eq, random_token};
use engine::Scenario;
use sqlx::{Row, SqlitePool};

fn to_json(doc: &Scenario) -> Result<String, AppError> {
    serde_json::to_string(doc).map_err(AppError::internal)
}

/// Creates a scenario with its first revision in workspace `workspace_id` (an id from
/// [`super::workspaces`], already checked against the caller's link).
#[tracing::instrument(skip(db, doc), err(level = "info"))]
pub async fn create(
    db: &Db,
    workspace_id: &str,
    doc: &Scenario,
    author: &str,
) -> Result<Created, AppError> {
    let id = random_token(16);
    let edit_key = random_token(24);
    let view_token = random_token(16);
    let json = to_json(doc)?;
    submit(
        db,
        Write::Create {
            id: id.clone(),
            workspace_id: workspace_id.to_string(),
            view_token: view_token.clone(),
            edit_key: edit_key.clone(),
            name: doc.name.clone(),
            document: json,
            author: author.to_string(),
        },
    )
    .await?;
    Ok(Created {
        id,
        edit_key,
        view_token,
        revision: 1,
    })
}

/// One workspace's scenarios, newest first; `query` filters by name
/// (case-insensitive substring).
pub async fn list(
    pool: &SqlitePool,
    workspace_id: &str,
    query: &str,
    limit: i64,
) -> Result<Vec<ScenarioSummary>, AppError> {
    // A search longer than any name is cut (SQLite refuses LIKE patterns over 50,000 bytes).
    let query: String = query.chars().take(crate::dto::MAX_SEARCH_CHARS).collect();
    let pattern = format!(
        "%{}%",
        query
            .replace('\\', "\\\\")
            .replace('%', "\\%")
            .replace('_', "\\_")
    );
    let rows = sqlx::query("SELECT id, view_token, name, current_revision, updated_at, edit_key FROM scenarios WHERE workspace_id = ? AND name LIKE ? ESCAPE '\\' ORDER BY updated_at DESC, id LIMIT ?")
        .bind(workspace_id)
        .bind(pattern)
        .bind(limit)
        .fetch_all(pool)
        .await
        .map_err(AppError::internal)?;
    Ok(rows
        .into_iter()
        .map(|r| ScenarioSummary {
            id: r.get(0),
            view_token: r.get(1),
            name: r.get(2),
            revision: r.get(3),
            updated_at: r.get(4),
            edit_key: r.get(5),
        })
        .collect())
}

struct Head {
    id: String,
    view_token: String,
    edit_key: String,
    name: String,
    revision: i64,
    updated_at: String,
}

#[derive(Clone, Copy)]
enum By {
    Id,
    ViewToken,
}

async fn head(pool: &SqlitePool, by: By, value: &str) -> Result<Head, AppError> {
    let sql = match by {
        By::Id => "SELECT id, view_token, edit_key, name, current_revision, updated_at FROM scenarios WHERE id = ?",
        By::ViewToken => "SELECT id, view_token, edit_key, name, current_revision, updated_at FROM \
            scenarios WHERE view_token = ?",
    };
    let row = sqlx::query(sql)
        .bind(value)
        .fetch_optional(pool)
        .await
        .map_err(AppError::internal)?;
    let r = row.ok_or_else(|| AppError::NotFound("scenario".into()))?;
    Ok(Head::from_row(&r))
}

impl Head {
    /// From a row whose first six columns are id, view_token, edit_key, name,
    /// current_revision, updated_at.
    fn from_row(r: &sqlx::sqlite::SqliteRow) -> Head {
        Head {
            id: r.get(0),
            view_token: r.get(1),
            edit_key: r.get(2),
            name: r.get(3),
            revision: r.get(4),
            updated_at: r.get(5),
        }
    }
}

/// A stored document, upgraded to the current schema; one that does not load is our bug.
fn parse_stored(id: &str, revision: i64, text: &str) -> Result<Scenario, AppError> {
    engine::upgrade::parse_document(text).map_err(|e| {
        AppError::internal(anyhow::anyhow!(
            "stored document {id}@{revision} does not load: {e}"
        ))
    })
}

async fn document(pool: &SqlitePool, id: &str, revision: i64) -> Result<Scenario, AppError> {
    let text: String = sqlx::query_scalar(
        "SELECT document FROM scenario_revisions WHERE scenario_id = ? AND revision = ?",
    )
    .bind(id)
    .bind(revision)
    .fetch_optional(pool)
    .await
    .map_err(AppError::internal)?
    .ok_or_else(|| AppError::NotFound(format!("revision {revision}")))?;
    parse_stored(id, revision, &text)
}

fn authorise(h: &Head, key: &str) -> Result<(), AppError> {
    if constant_time_eq(&h.edit_key, key) {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}

/// What a load computes beside the document.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Detail {
    /// The evaluation with this many points on its curves (the JSON API).
    Curves(usize),
    /// What a page shows at once: the evaluation and the break-even chart drawn as the
    /// live round trip draws it, so the server's HTML has the chart and the client asks
    /// for nothing until an edit.
    Page,
}

async fn loaded(h: Head, document: Scenario, detail: Detail) -> Result<Loaded, AppError> {
    let points = match detail {
        Detail::Curves(n) => n,
        Detail::Page => crate::charts::LIVE_POINTS,
    };
    let (document, evaluated, chart) =
        crate::compute::for_document(crate::compute::is_heavy(&document, points), move || {
            let (evaluated, chart) = match detail {
                Detail::Curves(n) => (crate::dto::Evaluated::of(&document, n), None),
                // A chart that cannot be drawn leaves the numbers: the page asks again.
                Detail::Page => crate::charts::evaluate_and_draw(
                    document.clone(),
                    &crate::dto::ChartOptions::default(),
                )
                .unwrap_or_else(|e| {
                    tracing::warn!(error = %e, "the page's chart was not drawn");
                    (
                        crate::dto::Evaluated::of(&document, crate::charts::LIVE_POINTS),
                        None,
                    )
                }),
            };
            // A page holds what it shows and the results drawn as HTML; the others the
            // whole evaluation.
            let (evaluated, shown, results_html) = match detail {
                Detail::Curves(_) => (Some(evaluated), None, String::new()),
                Detail::Page => (
                    None,
                    Some(crate::dto::Shown::of(&evaluated)),
                    crate::results::results_html(&evaluated),
                ),
            };
            (document, (evaluated, shown, results_html), chart)
        })
        .await?;
    let (evaluated, shown, results_html) = evaluated;
    Ok(Loaded {
        id: h.id,
        name: h.name,
        revision: h.revision,
        latest_revision: h.revision,
        view_token: h.view_token,
        updated_at: h.updated_at,
        document,
        evaluated,
        shown,
        results_html,
        panel_html: String::new(),
        report: None,
        chart,
    })
}

/// The head row and its current document, in one query.
async fn current(pool: &SqlitePool, by: By, value: &str) -> Result<(Head, Scenario), AppError> {
    let sql = match by {
        By::Id => {
            "SELECT s.id, s.view_token, s.edit_key, s.name, s.current_revision, \
            s.updated_at, r.document FROM scenarios s JOIN scenario_revisions r ON \
            r.scenario_id = s.id AND r.revision = s.current_revision WHERE s.id = ?"
        }
        By::ViewToken => {
            "SELECT s.id, s.view_token, s.edit_key, s.name, s.current_revision, \
            s.updated_at, r.document FROM scenarios s JOIN scenario_revisions r ON \
            r.scenario_id = s.id AND r.revision = s.current_revision WHERE \
            s.view_token = ?"
        }
    };
    let r = sqlx::query(sql)
        .bind(value)
        .fetch_optional(pool)
        .await
        .map_err(AppError::internal)?
        .ok_or_else(|| AppError::NotFound("scenario".into()))?;
    let h = Head::from_row(&r);
    let doc = parse_stored(&h.id, h.revision, r.get(6))?;
    Ok((h, doc))
}

/// The current revision, for whoever holds the edit key.
pub async fn load_for_edit(
    pool: &SqlitePool,
    id: &str,
    key: &str,
    detail: Detail,
) -> Result<Loaded, AppError> {
    let (h, doc) = current(pool, By::Id, id).await?;
    authorise(&h, key)?;
    loaded(h, doc, detail).await
}

/// The current revision, read-only, by view token.
pub async fn load_for_view(
    pool: &SqlitePool,
    token: &str,
    detail: Detail,
) -> Result<Loaded, AppError> {
    let (h, doc) = current(pool, By::ViewToken, token).await?;
    let mut l = loaded(h, doc, detail).await?;
    // A view link carries no handle on the writable scenario.
    l.id = String::new();
    Ok(l)
}

/// The name and current document behind a view token, not evaluated (for exports, which
/// evaluate it their own way), and which revision it is.
pub async fn view_document(
    pool: &SqlitePool,
    token: &str,
) -> Result<(String, Scenario, Saved), AppError> {
    let (h, doc) = current(pool, By::ViewToken, token).await?;
    let saved = Saved {
        revision: h.revision,
        // The revision's own time, as the history shows it.
        saved_at: frozen::saved_at(pool, &h.id, h.revision).await?,
        frozen: false,
    };
    Ok((h.name, doc, saved))
}

/// Saves `doc` as the next revision if `base` is still the current one.
#[tracing::instrument(skip(db, key, doc), err(level = "info"))]
pub async fn save(
    db: &Db,
    id: &str,
    key: &str,
    base: i64,
    doc: &Scenario,
    author: &str,
) -> Result<i64, AppError> {
    engine::validate(doc.clone())?;
    // The key is checked inside the group commit, with the scenario's other writes.
    write_revision(db, id, Some(key), base, doc, author, None).await
}

async fn write_revision(
    db: &Db,
    id: &str,
    key: Option<&str>,
    base: i64,
    doc: &Scenario,
    author: &str,
    restored_from: Option<i64>,
) -> Result<i64, AppError> {
    let json = to_json(doc)?;
    submit(
        db,
        Write::Revision {
            id: id.to_string(),
            key: key.map(str::to_string),
            base,
            name: doc.name.clone(),
            document: json,
            author: author.to_string(),
            restored_from,
        },
    )
    .await
}

/// A revision's document (for compare and restore).
pub async fn revision(
    pool: &SqlitePool,
    id: &str,
    key: &str,
    rev: i64,
) -> Result<Scenario, AppError> {
    let h = head(pool, By::Id, id).await?;
    authorise(&h, key)?;
    document(pool, id, rev).await
}

/// Restoring writes a new revision that copies an old one; history is never rewritten.
#[tracing::instrument(skip(db, key), err(level = "info"))]
pub async fn restore(
    db: &Db,
    id: &str,
    key: &str,
    rev: i64,
    author: &str,
) -> Result<i64, AppError> {
    let h = head(db, By::Id, id).await?;
    authorise(&h, key)?;
    let doc = document(db, id, rev).await?;
    write_revision(db, id, None, h.revision, &doc, author, Some(rev)).await
}

/// One side of a comparison, evaluated. A revision needs the scenario's edit key.
pub async fn compare_column(
    pool: &SqlitePool,
    side: &crate::dto::CompareSide,
    curve_points: usize,
) -> Result<crate::dto::CompareColumn, AppError> {
    use crate::dto::CompareSide;
    let (title, document) = match side {
        CompareSide::View { token } => {
            let l = load_for_view(pool, token, Detail::Curves(2)).await?;
            (format!("{} (revision {})", l.name, l.revision), l.document)
        }
        CompareSide::Revision { id, key, revision } => {
            let doc = self::revision(pool, id, key, *revision).await?;
            (format!("{} (revision {revision})", doc.name), doc)
        }
    };
    let (document, evaluated) = crate::compute::for_document(
        crate::compute::is_heavy(&document, curve_points),
        move || {
            let evaluated = crate::dto::Evaluated::of(&document, curve_points);
            (document, evaluated)
        },
    )
    .await?;
    Ok(crate::dto::CompareColumn {
        title,
        answers: crate::dto::CompareAnswers::of(&evaluated),
        document,
    })
}

#[cfg(test)]
mod tests;
