//! The team's custom catalog entries in SQLite.

use crate::db::Db;
use crate::dto::{CustomEntry, CustomItem};
use crate::error::AppError;
use sqlx::{Row, SqlitePool};

/// One workspace's entries.
pub async fn list(pool: &SqlitePool, workspace_id: &str) -> Result<Vec<CustomEntry>, AppError> {
    let rows = sqlx::query(
        "SELECT id, kind, data, created_at, author FROM custom_catalog WHERE \
        workspace_id = ? ORDER BY kind, created_at DESC LIMIT 1000",
    )
    .bind(workspace_id)
    .fetch_all(pool)
    .await
    .map_err(AppError::internal)?;
    let mut out = Vec::new();
    for r in rows {
        let kind: String = r.try_get(1).map_err(AppError::internal)?;
        let data: String = r.try_get(2).map_err(AppError::internal)?;
        let v = serde_json::json!({ "kind": kind, "data": serde_json::from_str::<serde_json::Value>(&data).map_err(AppError::internal)? });
        let item: CustomItem = serde_json::from_value(v).map_err(AppError::internal)?;
        out.push(CustomEntry {
            id: r.try_get(0).map_err(AppError::internal)?,
            created_at: r.try_get(3).map_err(AppError::internal)?,
            author: r.try_get(4).map_err(AppError::internal)?,
            item,
        });
    }
    Ok(out)
}

/// Stores a checked entry in workspace `workspace_id`. A custom GPU gets a fresh id that
/// cannot shadow the catalog.
pub async fn add(
    db: &Db,
    workspace_id: &str,
    mut item: CustomItem,
    author: &str,
) -> Result<CustomEntry, AppError> {
    let errs = item.check();
    if !errs.is_empty() {
        return Err(AppError::Invalid(errs));
    }
    let id = crate::tokens::random_token(8);
    let today = crate::format::today();
    match &mut item {
        CustomItem::Gpu(g) => {
            g.id = format!("custom-{id}").into();
            g.source = format!(
                "custom catalog entry{}",
                if g.source.trim().is_empty() {
                    String::new()
                } else {
                    format!(": {}", g.source.trim())
                }
            )
            .into();
            g.as_of = today.clone().into();
        }
        CustomItem::ApiTier(t) => {
            t.catalog_id = None;
            t.source = format!(
                "custom catalog entry{}",
                if t.source.trim().is_empty() {
                    String::new()
                } else {
                    format!(": {}", t.source.trim())
                }
            );
            t.as_of = today.clone();
        }
        CustomItem::CloudPrice(_) => {}
    }
    let data = match &item {
        CustomItem::ApiTier(t) => serde_json::to_string(t),
        CustomItem::CloudPrice(p) => serde_json::to_string(p),
        CustomItem::Gpu(g) => serde_json::to_string(g),
    }
    .map_err(AppError::internal)?;
    let (_turn, mut tx) = crate::db::writes::begin_write(db).await?;
    sqlx::query(
        "INSERT INTO custom_catalog (id, kind, name, data, workspace_id, author) VALUES (?, ?, ?, ?, ?, ?)",
    )
    .bind(&id)
    .bind(item.kind())
    .bind(item.name())
    .bind(&data)
    .bind(workspace_id)
    .bind(author)
    .execute(&mut *tx)
    .await
    .map_err(crate::db::writes::map_write_error)?;
    tx.commit()
        .await
        .map_err(crate::db::writes::map_write_error)?;
    Ok(CustomEntry {
        id,
        created_at: today,
        author: author.to_string(),
        item,
    })
}

/// Who may delete an entry: a member of its workspace, or the operator.
pub enum Deleter<'a> {
    /// The workspace id the caller's link opened.
    Member(&'a str),
    Operator,
}

/// Deletes one entry. A member may delete only an entry of their own workspace; an
/// entry of another workspace is "not found", as if it did not exist.
pub async fn delete(db: &Db, id: &str, by: Deleter<'_>) -> Result<(), AppError> {
    let (_turn, mut tx) = crate::db::writes::begin_write(db).await?;
    let stored: Option<Option<String>> =
        sqlx::query_scalar("SELECT workspace_id FROM custom_catalog WHERE id = ?")
            .bind(id)
            .fetch_optional(&mut *tx)
            .await
            .map_err(AppError::internal)?;
    let found = match (stored, &by) {
        (None, _) => false,
        (Some(_), Deleter::Operator) => true,
        (Some(ws), Deleter::Member(mine)) => ws.as_deref() == Some(*mine),
    };
    if !found {
        return Err(AppError::NotFound("custom catalog entry".into()));
    }
    sqlx::query("DELETE FROM custom_catalog WHERE id = ?")
        .bind(id)
        .execute(&mut *tx)
        .await
        .map_err(crate::db::writes::map_write_error)?;
    tx.commit()
        .await
        .map_err(crate::db::writes::map_write_error)?;
    Ok(())
}
