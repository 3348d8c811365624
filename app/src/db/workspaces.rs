//! Workspaces: a team's scenarios, benchmark files and custom catalog entries, reached
//! by the workspace's secret link `/w/{token}`. Holding the token is membership; every
//! list and every write to a workspace goes through [`by_token`] first, so a token of
//! one workspace never reads or changes another's rows.

use crate::db::Db;
use crate::dto::WorkspaceInfo;
use crate::error::AppError;
use sqlx::{Row, SqlitePool};

/// A workspace's internal id (never shown) and what members see.
#[derive(Clone, Debug)]
pub struct Workspace {
    pub id: String,
    pub info: WorkspaceInfo,
}

/// The longest workspace name kept.
pub const MAX_NAME_CHARS: usize = 120;

fn clean_name(name: &str) -> String {
    let n: String = name
        .chars()
        .filter(|c| !c.is_control())
        .take(MAX_NAME_CHARS)
        .collect();
    match n.trim() {
        "" => "Our workspace".into(),
        t => t.to_string(),
    }
}

/// Creates a workspace; its token is returned once, here.
#[tracing::instrument(skip(db), err(level = "info"))]
pub async fn create(db: &Db, name: &str) -> Result<Workspace, AppError> {
    let id = crate::tokens::random_token(16);
    let token = crate::tokens::random_token(24);
    let name = clean_name(name);
    let (_turn, mut tx) = crate::db::writes::begin_write(db).await?;
    sqlx::query("INSERT INTO workspaces (id, token, name) VALUES (?, ?, ?)")
        .bind(&id)
        .bind(&token)
        .bind(&name)
        .execute(&mut *tx)
        .await
        .map_err(crate::db::writes::map_write_error)?;
    tx.commit()
        .await
        .map_err(crate::db::writes::map_write_error)?;
    Ok(Workspace {
        id,
        info: WorkspaceInfo { token, name },
    })
}

/// A token of the server's form: 48 lowercase hex digits.
fn well_formed(token: &str) -> bool {
    token.len() == 48
        && token
            .bytes()
            .all(|c| matches!(c, b'0'..=b'9' | b'a'..=b'f'))
}

/// The workspace this token opens. An absent, malformed or unknown token is the same
/// "not found" (nothing tells a guesser which tokens exist).
pub async fn by_token(pool: &SqlitePool, token: &str) -> Result<Workspace, AppError> {
    let token = token.trim();
    if !well_formed(token) {
        return Err(AppError::NotFound("workspace".into()));
    }
    let row = sqlx::query("SELECT id, token, name FROM workspaces WHERE token = ?")
        .bind(token)
        .fetch_optional(pool)
        .await
        .map_err(AppError::internal)?
        .ok_or_else(|| AppError::NotFound("workspace".into()))?;
    let stored: String = row.get(1);
    // The index found it; compare anyway without an early exit.
    if !crate::tokens::constant_time_eq(&stored, token) {
        return Err(AppError::NotFound("workspace".into()));
    }
    Ok(Workspace {
        id: row.get(0),
        info: WorkspaceInfo {
            token: stored,
            name: row.get(2),
        },
    })
}

/// The workspace of a scenario, for whoever holds the scenario's edit key: an edit link
/// may use its workspace's benchmark runs and catalog entries, and nothing else of it.
pub async fn of_scenario(pool: &SqlitePool, id: &str, key: &str) -> Result<String, AppError> {
    let row = sqlx::query("SELECT edit_key, workspace_id FROM scenarios WHERE id = ?")
        .bind(id)
        .fetch_optional(pool)
        .await
        .map_err(AppError::internal)?
        .ok_or_else(|| AppError::NotFound("scenario".into()))?;
    let stored: String = row.get(0);
    if !crate::tokens::constant_time_eq(&stored, key) {
        return Err(AppError::Forbidden);
    }
    let ws: Option<String> = row.get(1);
    ws.ok_or_else(|| AppError::NotFound("the scenario's workspace".into()))
}

/// Every workspace with its link path, for the operator (`breakeven workspace list`).
pub async fn list_all(pool: &SqlitePool) -> Result<Vec<(WorkspaceInfo, i64)>, AppError> {
    let rows = sqlx::query(
        "SELECT w.token, w.name, (SELECT COUNT(*) FROM scenarios s WHERE s.workspace_id = w.id) \
         FROM workspaces w ORDER BY w.created_at, w.id",
    )
    .fetch_all(pool)
    .await
    .map_err(AppError::internal)?;
    Ok(rows
        .iter()
        .map(|r| {
            (
                WorkspaceInfo {
                    token: r.get(0),
                    name: r.get(1),
                },
                r.get(2),
            )
        })
        .collect())
}

/// Rows stored before workspaces existed (or restored from an older backup) go into one
/// new workspace, which is returned so that the operator is told its link once.
/// `None` when there was nothing to adopt.
pub async fn adopt_orphans(db: &Db) -> Result<Option<WorkspaceInfo>, AppError> {
    let orphans: i64 = sqlx::query_scalar(
        "SELECT (SELECT COUNT(*) FROM scenarios WHERE workspace_id IS NULL) \
         + (SELECT COUNT(*) FROM benchmark_files WHERE workspace_id IS NULL) \
         + (SELECT COUNT(*) FROM custom_catalog WHERE workspace_id IS NULL)",
    )
    .fetch_one(&**db)
    .await
    .map_err(AppError::internal)?;
    if orphans == 0 {
        return Ok(None);
    }
    let ws = create(db, "Existing data").await?;
    let (_turn, mut tx) = crate::db::writes::begin_write(db).await?;
    for table in ["scenarios", "benchmark_files", "custom_catalog"] {
        sqlx::query(sqlx::AssertSqlSafe(format!(
            "UPDATE {table} SET workspace_id = ? WHERE workspace_id IS NULL"
        )))
        .bind(&ws.id)
        .execute(&mut *tx)
        .await
        .map_err(crate::db::writes::map_write_error)?;
    }
    tx.commit()
        .await
        .map_err(crate::db::writes::map_write_error)?;
    Ok(Some(ws.info))
}

/// The workspace of a workspace key; a scenario's edit link is refused with `why` (once
/// it is known to be a valid one: a wrong link is told so, not sent for a key).
pub async fn key_only(
    pool: &SqlitePool,
    access: &crate::dto::Access,
    why: &str,
) -> Result<String, AppError> {
    let ws = resolve(pool, access).await?;
    match access {
        crate::dto::Access::Workspace { .. } => Ok(ws),
        crate::dto::Access::Scenario { .. } => Err(AppError::Refused {
            code: "workspace_key_needed".into(),
            message: why.into(),
        }),
    }
}

/// The workspace id an [`Access`](crate::dto::Access) reaches, or why not.
pub async fn resolve(pool: &SqlitePool, access: &crate::dto::Access) -> Result<String, AppError> {
    match access {
        crate::dto::Access::Workspace { token } => Ok(by_token(pool, token).await?.id),
        crate::dto::Access::Scenario { id, key } => of_scenario(pool, id, key).await,
    }
}

/// Tests: the id of one shared workspace of this database, made on first use.
#[cfg(test)]
pub(crate) async fn shared(db: &Db) -> String {
    let found: Option<String> =
        sqlx::query_scalar("SELECT id FROM workspaces WHERE name = 'shared test workspace'")
            .fetch_optional(&**db)
            .await
            .expect("read workspaces");
    match found {
        Some(id) => id,
        None => {
            create(db, "shared test workspace")
                .await
                .expect("workspace")
                .id
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::test_pool;

    /// Rows from before workspaces go into one new workspace, once; its token opens them.
    #[tokio::test]
    async fn orphans_are_adopted_once_into_a_new_workspace() {
        let (_dir, db) = test_pool().await;
        assert!(
            adopt_orphans(&db).await.expect("adopt").is_none(),
            "nothing to adopt"
        );
        let doc = serde_json::to_string(&engine::templates::blank()).expect("json");
        sqlx::query(
            "INSERT INTO scenarios (id, view_token, edit_key, name, current_revision) \
            VALUES ('s1', 'v1', 'k1', 'Old plan', 1)",
        )
        .execute(&*db)
        .await
        .expect("insert");
        sqlx::query(
            "INSERT INTO scenario_revisions (scenario_id, revision, document, name) \
            VALUES ('s1', 1, ?, 'Old plan')",
        )
        .bind(doc)
        .execute(&*db)
        .await
        .expect("insert");
        let w = adopt_orphans(&db)
            .await
            .expect("adopt")
            .expect("a workspace");
        assert_eq!(w.token.len(), 48);
        assert!(
            adopt_orphans(&db).await.expect("adopt").is_none(),
            "only once"
        );
        let ws = by_token(&db, &w.token).await.expect("opens");
        let listed = crate::db::list(&db, &ws.id, "", 10).await.expect("list");
        assert_eq!(listed.len(), 1);
        assert_eq!(listed[0].name, "Old plan");
        // Another workspace does not list it.
        let other = create(&db, "Other").await.expect("create");
        assert!(crate::db::list(&db, &other.id, "", 10)
            .await
            .expect("list")
            .is_empty());
        assert_eq!(list_all(&db).await.expect("all").len(), 2);
    }

    #[tokio::test]
    async fn malformed_and_unknown_tokens_open_nothing() {
        let (_dir, db) = test_pool().await;
        let w = create(&db, "  ").await.expect("create");
        assert_eq!(w.info.name, "Our workspace", "a blank name gets a default");
        for bad in [
            "",
            "zz",
            &w.info.token[..47],
            &w.info.token.to_uppercase(),
            &"0".repeat(48),
        ] {
            assert!(
                matches!(by_token(&db, bad).await, Err(AppError::NotFound(_))),
                "{bad:?}"
            );
        }
        assert_eq!(by_token(&db, &w.info.token).await.expect("opens").id, w.id);
    }
}
