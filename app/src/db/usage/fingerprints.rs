//! Usage files stored before their fingerprint (migration 0009), or with another version's,
//! get this version's at start, so an upload finds its earlier copies by the index alone.

use crate::error::AppError;
use engine::usage::file::UsageFile;
use sqlx::{Row, SqlitePool};

/// Files read per step of the backfill.
const STEP: i64 = 200;

/// Gives every usage file whose fingerprint is missing or of another version this
/// version's, in steps of [`STEP`] by row order. A summary that no longer reads is left as
/// it is (and is compared by format, as before). Runs once at start, before the server
/// takes requests; returns how many files it gave a fingerprint.
pub async fn backfill_fingerprints(pool: &SqlitePool) -> Result<u64, AppError> {
    let version = engine::usage::FINGERPRINT_VERSION;
    let mut after = 0i64;
    let mut done = 0u64;
    loop {
        let rows = sqlx::query(
            "SELECT rowid, summary FROM usage_files WHERE rowid > ? \
            AND (fingerprint IS NULL OR substr(fingerprint, 1, ?) <> ?) ORDER BY rowid LIMIT ?",
        )
        .bind(after)
        .bind(version.len() as i64)
        .bind(version)
        .bind(STEP)
        .fetch_all(pool)
        .await
        .map_err(AppError::internal)?;
        let Some(last) = rows.last() else {
            return Ok(done);
        };
        after = last.try_get(0).map_err(AppError::internal)?;
        let mut tx = pool.begin().await.map_err(AppError::internal)?;
        for r in &rows {
            let summary: String = r.try_get(1).map_err(AppError::internal)?;
            let Ok(file) = serde_json::from_str::<UsageFile>(&summary) else {
                continue;
            };
            sqlx::query("UPDATE usage_files SET fingerprint = ? WHERE rowid = ?")
                .bind(file.fingerprint())
                .bind(r.try_get::<i64, _>(0).map_err(AppError::internal)?)
                .execute(&mut *tx)
                .await
                .map_err(AppError::internal)?;
            done += 1;
        }
        tx.commit().await.map_err(AppError::internal)?;
    }
}
