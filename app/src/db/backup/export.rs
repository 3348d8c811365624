//! Writing a backup: every row, in one read transaction.

use super::{
    e, hex, Backup, CustomRow, FileRow, RevisionRow, RunRow, ScenarioRow, UsageRow, WorkspaceRow,
    FORMAT, VERSION,
};
use crate::error::AppError;
use sqlx::{Row, SqlitePool};

/// Reads everything in one read transaction (a consistent snapshot under WAL).
pub async fn export(pool: &SqlitePool) -> Result<Backup, AppError> {
    let mut tx = pool.begin().await.map_err(e)?;
    let workspaces =
        sqlx::query("SELECT id, token, name, created_at FROM workspaces ORDER BY created_at, id")
            .fetch_all(&mut *tx)
            .await
            .map_err(e)?
            .iter()
            .map(|r| {
                Ok(WorkspaceRow {
                    id: r.try_get(0).map_err(e)?,
                    token: r.try_get(1).map_err(e)?,
                    name: r.try_get(2).map_err(e)?,
                    created_at: r.try_get(3).map_err(e)?,
                })
            })
            .collect::<Result<Vec<_>, AppError>>()?;
    let mut scenarios = Vec::new();
    for r in sqlx::query(
        "SELECT id, view_token, edit_key, name, current_revision, created_at, \
        updated_at, workspace_id FROM scenarios ORDER BY created_at, id",
    )
    .fetch_all(&mut *tx)
    .await
    .map_err(e)?
    {
        let id: String = r.try_get(0).map_err(e)?;
        let revisions = sqlx::query(
            "SELECT revision, document, name, author, restored_from, saved_at FROM \
            scenario_revisions WHERE scenario_id = ? ORDER BY revision",
        )
        .bind(&id)
        .fetch_all(&mut *tx)
        .await
        .map_err(e)?
        .iter()
        .map(|v| {
            Ok(RevisionRow {
                revision: v.try_get(0).map_err(e)?,
                document: v.try_get(1).map_err(e)?,
                name: v.try_get(2).map_err(e)?,
                author: v.try_get(3).map_err(e)?,
                restored_from: v.try_get(4).map_err(e)?,
                saved_at: v.try_get(5).map_err(e)?,
            })
        })
        .collect::<Result<Vec<_>, AppError>>()?;
        scenarios.push(ScenarioRow {
            id,
            workspace_id: r.try_get(7).map_err(e)?,
            view_token: r.try_get(1).map_err(e)?,
            edit_key: r.try_get(2).map_err(e)?,
            name: r.try_get(3).map_err(e)?,
            current_revision: r.try_get(4).map_err(e)?,
            created_at: r.try_get(5).map_err(e)?,
            updated_at: r.try_get(6).map_err(e)?,
            revisions,
        });
    }
    let mut benchmark_files = Vec::new();
    for f in sqlx::query(
        "SELECT id, name, format, size_bytes, original, refused, uploaded_at, \
        workspace_id FROM benchmark_files ORDER BY uploaded_at, id",
    )
    .fetch_all(&mut *tx)
    .await
    .map_err(e)?
    {
        let id: String = f.try_get(0).map_err(e)?;
        let runs = sqlx::query(
            "SELECT id, position, run FROM benchmark_runs WHERE file_id = ? ORDER BY position",
        )
        .bind(&id)
        .fetch_all(&mut *tx)
        .await
        .map_err(e)?
        .iter()
        .map(|r| {
            Ok(RunRow {
                id: r.try_get(0).map_err(e)?,
                position: r.try_get(1).map_err(e)?,
                run: r.try_get(2).map_err(e)?,
            })
        })
        .collect::<Result<Vec<_>, AppError>>()?;
        let original: Option<Vec<u8>> = f.try_get(4).map_err(e)?;
        benchmark_files.push(FileRow {
            id,
            workspace_id: f.try_get(7).map_err(e)?,
            name: f.try_get(1).map_err(e)?,
            format: f.try_get(2).map_err(e)?,
            size_bytes: f.try_get(3).map_err(e)?,
            original_hex: original.as_deref().map(hex),
            refused: f.try_get(5).map_err(e)?,
            uploaded_at: f.try_get(6).map_err(e)?,
            runs,
        });
    }
    let custom_catalog = sqlx::query(
        "SELECT id, kind, name, data, created_at, edit_key, workspace_id, author \
            FROM custom_catalog ORDER BY created_at, id",
    )
    .fetch_all(&mut *tx)
    .await
    .map_err(e)?
    .iter()
    .map(|r| {
        Ok(CustomRow {
            id: r.try_get(0).map_err(e)?,
            kind: r.try_get(1).map_err(e)?,
            name: r.try_get(2).map_err(e)?,
            data: r.try_get(3).map_err(e)?,
            created_at: r.try_get(4).map_err(e)?,
            edit_key: r.try_get(5).map_err(e)?,
            workspace_id: r.try_get(6).map_err(e)?,
            author: r.try_get(7).map_err(e)?,
        })
    })
    .collect::<Result<Vec<_>, AppError>>()?;
    let usage_files = sqlx::query(
        "SELECT id, workspace_id, name, format, size_bytes, summary, uploaded_at, \
            original FROM usage_files ORDER BY uploaded_at, id",
    )
    .fetch_all(&mut *tx)
    .await
    .map_err(e)?
    .iter()
    .map(|r| {
        Ok(UsageRow {
            id: r.try_get(0).map_err(e)?,
            workspace_id: r.try_get(1).map_err(e)?,
            name: r.try_get(2).map_err(e)?,
            format: r.try_get(3).map_err(e)?,
            size_bytes: r.try_get(4).map_err(e)?,
            summary: r.try_get(5).map_err(e)?,
            uploaded_at: r.try_get(6).map_err(e)?,
            original: r.try_get(7).map_err(e)?,
        })
    })
    .collect::<Result<Vec<_>, AppError>>()?;
    tx.commit().await.map_err(e)?;
    Ok(Backup {
        format: FORMAT.into(),
        version: VERSION,
        workspaces,
        scenarios,
        benchmark_files,
        custom_catalog,
        usage_files,
    })
}
