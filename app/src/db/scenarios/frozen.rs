//! Links frozen at one revision: made by the edit key's holder, each reads its one
//! revision and nothing else.

use super::{authorise, document, head, loaded, By, Head};
use crate::db::Db;
use crate::dto::Loaded;
use crate::error::AppError;
use crate::tokens::random_token;
use sqlx::{Row, SqlitePool};

/// A link frozen at revision `revision`, for whoever holds the edit key: its token
/// (the same token again for the same revision).
#[tracing::instrument(skip(db, key), err(level = "info"))]
pub async fn freeze(db: &Db, id: &str, key: &str, revision: i64) -> Result<String, AppError> {
    let h = head(db, By::Id, id).await?;
    authorise(&h, key)?;
    if revision < 1 || revision > h.revision {
        return Err(AppError::NotFound(format!("revision {revision}")));
    }
    let (_turn, mut tx) = crate::db::writes::begin_write(db).await?;
    let found: Option<String> =
        sqlx::query_scalar("SELECT token FROM frozen_links WHERE scenario_id = ? AND revision = ?")
            .bind(id)
            .bind(revision)
            .fetch_optional(&mut *tx)
            .await
            .map_err(AppError::internal)?;
    let token = match found {
        Some(t) => t,
        None => {
            let t = random_token(16);
            sqlx::query("INSERT INTO frozen_links (token, scenario_id, revision) VALUES (?, ?, ?)")
                .bind(&t)
                .bind(id)
                .bind(revision)
                .execute(&mut *tx)
                .await
                .map_err(crate::db::writes::map_write_error)?;
            t
        }
    };
    tx.commit()
        .await
        .map_err(crate::db::writes::map_write_error)?;
    Ok(token)
}

/// The scenario and revision behind a frozen link.
async fn frozen_at(pool: &SqlitePool, token: &str) -> Result<(String, i64), AppError> {
    let row = sqlx::query("SELECT scenario_id, revision FROM frozen_links WHERE token = ?")
        .bind(token)
        .fetch_optional(pool)
        .await
        .map_err(AppError::internal)?
        .ok_or_else(|| AppError::NotFound("frozen link".into()))?;
    Ok((row.get(0), row.get(1)))
}

/// Which revision an export is of, so that a file in an inbox says which one it shows.
#[derive(Clone, Debug, PartialEq)]
pub struct Saved {
    pub revision: i64,
    /// When that revision was saved (RFC 3339, UTC).
    pub saved_at: String,
    /// Whether it was asked for by a frozen link.
    pub frozen: bool,
}

impl Saved {
    /// "revision 3, saved 2026-12-05 21:46 UTC", with ", frozen link" for a frozen link's.
    pub fn text(&self) -> String {
        format!(
            "revision {}, saved {} UTC{}",
            self.revision,
            crate::format::utc_minute(&self.saved_at),
            if self.frozen { ", frozen link" } else { "" }
        )
    }
}

/// When revision `revision` of scenario `id` was saved.
pub(super) async fn saved_at(
    pool: &SqlitePool,
    id: &str,
    revision: i64,
) -> Result<String, AppError> {
    sqlx::query_scalar(
        "SELECT saved_at FROM scenario_revisions WHERE scenario_id = ? AND revision = ?",
    )
    .bind(id)
    .bind(revision)
    .fetch_optional(pool)
    .await
    .map_err(AppError::internal)?
    .ok_or_else(|| AppError::NotFound(format!("revision {revision}")))
}

/// The name and document of a frozen link's revision, not evaluated (for exports: what
/// finance approved, whatever was saved since), and which revision it is.
pub async fn frozen_document(
    pool: &SqlitePool,
    token: &str,
) -> Result<(String, engine::Scenario, Saved), AppError> {
    let (id, revision) = frozen_at(pool, token).await?;
    let doc = document(pool, &id, revision).await?;
    let saved = Saved {
        revision,
        saved_at: saved_at(pool, &id, revision).await?,
        frozen: true,
    };
    Ok((doc.name.clone(), doc, saved))
}

/// The revision a frozen link shows, read-only. It carries no id, key or view token: a
/// frozen link reaches that one revision and nothing else.
pub async fn load_frozen(
    pool: &SqlitePool,
    token: &str,
    detail: super::Detail,
) -> Result<Loaded, AppError> {
    let (id, revision) = frozen_at(pool, token).await?;
    let h = head(pool, By::Id, &id).await?;
    let latest = h.revision;
    let doc = document(pool, &id, revision).await?;
    let name = doc.name.clone();
    // The frozen revision's own save time, not the latest one's.
    let updated_at = saved_at(pool, &id, revision).await?;
    let mut l = loaded(
        Head {
            revision,
            name,
            updated_at,
            ..h
        },
        doc,
        detail,
    )
    .await?;
    l.id = String::new();
    l.view_token = String::new();
    l.latest_revision = latest;
    Ok(l)
}
