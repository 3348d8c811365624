//! Usage files of a workspace: what `engine::usage::file::describe` kept of each (no
//! text of a message), stored whole as JSON; the original only when its uploader asked.

use crate::db::Db;
use crate::dto::{SameFile, StoredUsage, UsagePreview};
use crate::error::AppError;
use engine::usage::file::UsageFile;
use engine::FieldError;
use sqlx::{Row, SqlitePool};

mod apply;
mod fingerprints;
pub use apply::apply;
pub use fingerprints::backfill_fingerprints;

/// Most usage files read together into one workload.
pub const MAX_FILES_TOGETHER: usize = 20;

pub async fn store(
    db: &Db,
    workspace_id: &str,
    file: &UsageFile,
    size_bytes: i64,
    original: Option<&str>,
) -> Result<StoredUsage, AppError> {
    let id = crate::tokens::random_token(12);
    // What is stored must read back (a number JSON cannot hold would not): written and
    // read once on the compute pool (a year's hourly load).
    let owned = file.clone();
    let summary = crate::compute::run(move || {
        let s = serde_json::to_string(&owned).ok()?;
        serde_json::from_str::<UsageFile>(&s).is_ok().then_some(s)
    })
    .await?
    .ok_or_else(|| AppError::BadFile {
        file: file.file_name.clone(),
        message: "its totals are out of any sensible range: not kept".into(),
    })?;
    let format = serde_json::to_value(file.format)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default();
    let fingerprint = file.fingerprint();
    let duplicate_of = same_usage(db, workspace_id, file, &fingerprint, &format).await?;
    let (_turn, mut tx) = crate::db::writes::begin_write(db).await?;
    sqlx::query(
        "INSERT INTO usage_files (id, workspace_id, name, format, size_bytes, \
        summary, original, fingerprint) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(&id)
    .bind(workspace_id)
    .bind(&file.file_name)
    .bind(&format)
    .bind(size_bytes)
    .bind(&summary)
    .bind(original)
    .bind(&fingerprint)
    .execute(&mut *tx)
    .await
    .map_err(crate::db::writes::map_write_error)?;
    tx.commit().await.map_err(AppError::internal)?;
    let uploaded_at: String =
        sqlx::query_scalar("SELECT uploaded_at FROM usage_files WHERE id = ?")
            .bind(&id)
            .fetch_one(&**db)
            .await
            .map_err(AppError::internal)?;
    Ok(StoredUsage {
        id,
        uploaded_at,
        size_bytes,
        original_kept: original.is_some(),
        file: file.clone(),
        duplicate_of,
    })
}

/// Most earlier files read whole to find an upload's copy, of each kind (those with its
/// fingerprint; those stored before fingerprints or with another version's).
const SAME_USAGE_READ: i64 = 20;

/// The first file of this workspace that holds the same usage as `file`
/// (`engine::usage::same_usage`): said, not refused, as reading both together counts it
/// once. Found by fingerprint, and among files whose fingerprint is missing or of another
/// version by format (the newest of them); each compared whole. A read, before the
/// write's turn.
async fn same_usage(
    pool: &SqlitePool,
    workspace_id: &str,
    file: &UsageFile,
    fingerprint: &str,
    format: &str,
) -> Result<Option<SameFile>, AppError> {
    let by_print = sqlx::query(
        "SELECT id, name, uploaded_at, summary FROM usage_files WHERE workspace_id = ? \
        AND fingerprint = ? ORDER BY uploaded_at LIMIT ?",
    )
    .bind(workspace_id)
    .bind(fingerprint)
    .bind(SAME_USAGE_READ);
    let unprinted = sqlx::query(
        "SELECT id, name, uploaded_at, summary FROM usage_files WHERE workspace_id = ? \
        AND format = ? AND (fingerprint IS NULL OR substr(fingerprint, 1, ?) <> ?) \
        ORDER BY uploaded_at DESC LIMIT ?",
    )
    .bind(workspace_id)
    .bind(format)
    .bind(engine::usage::FINGERPRINT_VERSION.len() as i64)
    .bind(engine::usage::FINGERPRINT_VERSION)
    .bind(SAME_USAGE_READ);
    let mut rows = by_print.fetch_all(pool).await.map_err(AppError::internal)?;
    rows.extend(
        unprinted
            .fetch_all(pool)
            .await
            .map_err(AppError::internal)?,
    );
    let earlier: Vec<(SameFile, String)> = rows
        .iter()
        .filter_map(|r| {
            let summary = r.try_get::<String, _>(3).ok()?;
            let same = SameFile {
                file_id: r.try_get(0).ok()?,
                file_name: r.try_get(1).ok()?,
                uploaded_at: r.try_get(2).ok()?,
            };
            Some((same, summary))
        })
        .collect();
    // Up to 40 stored files read whole (a year's hourly load each): off the async workers.
    let file = file.clone();
    crate::compute::run(move || {
        earlier
            .into_iter()
            .filter(|(_, s)| {
                serde_json::from_str::<UsageFile>(s)
                    .is_ok_and(|earlier| engine::usage::same_usage(&earlier, &file))
            })
            .map(|(same, _)| same)
            .min_by(|a, b| a.uploaded_at.cmp(&b.uploaded_at))
    })
    .await
}

/// A stored file as read, its summary not decoded yet (decoding a year's hourly load is
/// CPU work: [`decode`] runs on the compute pool).
struct Raw {
    id: String,
    uploaded_at: String,
    size_bytes: i64,
    summary: String,
    original_kept: bool,
}

fn raw(r: &sqlx::sqlite::SqliteRow) -> Result<Raw, AppError> {
    Ok(Raw {
        id: r.try_get(0).map_err(AppError::internal)?,
        uploaded_at: r.try_get(1).map_err(AppError::internal)?,
        size_bytes: r.try_get(2).map_err(AppError::internal)?,
        summary: r.try_get(3).map_err(AppError::internal)?,
        original_kept: r.try_get(4).map_err(AppError::internal)?,
    })
}

fn decode(r: Raw) -> Result<StoredUsage, AppError> {
    Ok(StoredUsage {
        id: r.id,
        uploaded_at: r.uploaded_at,
        size_bytes: r.size_bytes,
        original_kept: r.original_kept,
        file: serde_json::from_str(&r.summary).map_err(AppError::internal)?,
        duplicate_of: None,
    })
}

async fn get_raw(pool: &SqlitePool, workspace_id: &str, id: &str) -> Result<Raw, AppError> {
    let r = sqlx::query(
        "SELECT id, uploaded_at, size_bytes, summary, original IS NOT NULL FROM \
            usage_files WHERE id = ? AND workspace_id = ?",
    )
    .bind(id)
    .bind(workspace_id)
    .fetch_optional(pool)
    .await
    .map_err(AppError::internal)?
    .ok_or_else(|| AppError::NotFound("usage file".into()))?;
    raw(&r)
}

/// One file of workspace `workspace_id`; a file of another workspace is "not found".
pub async fn get(pool: &SqlitePool, workspace_id: &str, id: &str) -> Result<StoredUsage, AppError> {
    let r = get_raw(pool, workspace_id, id).await?;
    crate::compute::run(move || decode(r)).await?
}

/// Several files of a workspace (in the order asked; at most [`MAX_FILES_TOGETHER`]),
/// read on the async workers, then decoded on the compute pool with `then` run there on
/// what they hold (a year's hourly load each).
async fn with_many<T, F>(
    pool: &SqlitePool,
    workspace_id: &str,
    ids: &[String],
    then: F,
) -> Result<T, AppError>
where
    T: Send + 'static,
    F: FnOnce(Vec<StoredUsage>) -> Result<T, AppError> + Send + 'static,
{
    if ids.is_empty() || ids.len() > MAX_FILES_TOGETHER {
        return Err(AppError::Invalid(vec![FieldError {
            path: "ids".into(),
            message: format!("name 1 to {MAX_FILES_TOGETHER} usage files"),
        }]));
    }
    let mut raws = Vec::with_capacity(ids.len());
    for id in ids {
        raws.push(get_raw(pool, workspace_id, id).await?);
    }
    crate::compute::run(move || then(raws.into_iter().map(decode).collect::<Result<_, _>>()?))
        .await?
}

/// The original of a file kept with "keep the original": its name and text. Only with
/// the workspace's own key (a scenario's edit link reaches its counts, not its text).
pub async fn original(
    pool: &SqlitePool,
    access: &crate::dto::Access,
    id: &str,
) -> Result<(String, String), AppError> {
    let ws = crate::db::workspaces::key_only(pool, access, KEY_NEEDED).await?;
    let r: Option<(String, Option<String>)> =
        sqlx::query_as("SELECT name, original FROM usage_files WHERE id = ? AND workspace_id = ?")
            .bind(id)
            .bind(&ws)
            .fetch_optional(pool)
            .await
            .map_err(AppError::internal)?;
    match r {
        Some((name, Some(text))) => Ok((name, text)),
        Some((_, None)) => Err(AppError::NotFound(
            "original of this usage file (it was not kept: only its counts were)".into(),
        )),
        None => Err(AppError::NotFound("usage file".into())),
    }
}

/// Deletes a usage file (its counts and any original). Only with the workspace's key.
pub async fn delete(db: &Db, access: &crate::dto::Access, id: &str) -> Result<(), AppError> {
    let ws = crate::db::workspaces::key_only(db, access, KEY_NEEDED).await?;
    let (_turn, mut tx) = crate::db::writes::begin_write(db).await?;
    let done = sqlx::query("DELETE FROM usage_files WHERE id = ? AND workspace_id = ?")
        .bind(id)
        .bind(&ws)
        .execute(&mut *tx)
        .await
        .map_err(crate::db::writes::map_write_error)?;
    tx.commit().await.map_err(AppError::internal)?;
    if done.rows_affected() == 0 {
        return Err(AppError::NotFound("usage file".into()));
    }
    // `secure_delete` overwrote the rows in the database; the write-ahead log still
    // holds the pages as they were until a checkpoint: one now, best effort (a reader
    // in the middle of a read makes it partial, and the next one finishes it).
    let _ = sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)")
        .execute(&**db)
        .await;
    Ok(())
}

/// Why a scenario's link cannot reach a usage file's original or delete it.
const KEY_NEEDED: &str = "a scenario's link reaches the counts of its workspace's usage files, \
    not their originals, and cannot delete them: use the workspace's key";

/// A workspace's usage files, newest first, without their hourly load and cost rows.
pub async fn list(
    pool: &SqlitePool,
    workspace_id: &str,
    limit: i64,
) -> Result<Vec<StoredUsage>, AppError> {
    let rows = sqlx::query(
        "SELECT id, uploaded_at, size_bytes, summary, original IS NOT NULL FROM \
            usage_files WHERE workspace_id = ? ORDER BY uploaded_at DESC, id LIMIT ?",
    )
    .bind(workspace_id)
    .bind(limit)
    .fetch_all(pool)
    .await
    .map_err(AppError::internal)?
    .iter()
    .map(raw)
    .collect::<Result<Vec<_>, _>>()?;
    // A list: what each file is, without its hourly load and cost rows.
    crate::compute::run(move || {
        rows.into_iter()
            .map(|r| {
                decode(r).map(|mut f| {
                    f.file.load.clear();
                    f.file.costs.clear();
                    f
                })
            })
            .collect()
    })
    .await?
}

/// Several files of a workspace read together: their workload and reconciliation.
/// `calls` holds calls a month typed for groups whose file counts no requests (by the
/// name the workload gives them when unavailable); bounded in count and length.
pub async fn preview(
    pool: &SqlitePool,
    workspace_id: &str,
    ids: &[String],
    calls: &std::collections::BTreeMap<String, f64>,
) -> Result<UsagePreview, AppError> {
    bounded_calls(calls)?;
    let calls = calls.clone();
    with_many(pool, workspace_id, ids, move |mut files| {
        let kept: Vec<UsageFile> = files.iter().map(|f| f.file.clone()).collect();
        let workload = engine::usage::file::workload_with(&kept, &calls);
        // The hourly load is the back-test's, read there: 20 files of a year's hours each
        // made a 125 MB answer of it.
        let has_load = files.iter().any(|f| !f.file.load.is_empty());
        for f in &mut files {
            f.file.load = Vec::new();
        }
        Ok(UsagePreview {
            files,
            workload,
            has_load,
        })
    })
    .await
}

/// Typed counts of calls: at most `typed_calls::MAX_TYPED`, each named in at most 1,000
/// characters (a group's name and its file's).
fn bounded_calls(calls: &std::collections::BTreeMap<String, f64>) -> Result<(), AppError> {
    let max = engine::usage::typed_calls::MAX_TYPED;
    if calls.len() > max || calls.keys().any(|k| k.chars().count() > 1_000) {
        return Err(AppError::Invalid(vec![engine::FieldError {
            path: "calls".into(),
            message: format!(
                "at most {max} typed counts of calls, each named in at most 1,000 characters"
            ),
        }]));
    }
    Ok(())
}

/// What the days of `ids` would have cost under every option of a scenario (its edit
/// key needed; a scenario of another workspace is not found).
pub async fn backtest(
    pool: &SqlitePool,
    workspace_id: &str,
    ids: &[String],
    id: &str,
    key: &str,
) -> Result<engine::usage::backtest::Backtest, AppError> {
    if crate::db::workspaces::of_scenario(pool, id, key).await? != workspace_id {
        return Err(AppError::NotFound("scenario".into()));
    }
    let l = crate::db::load_for_edit(pool, id, key, crate::db::Detail::Curves(2)).await?;
    let v = engine::validate(l.document)?;
    with_many(pool, workspace_id, ids, move |files| {
        let kept: Vec<UsageFile> = files.into_iter().map(|f| f.file).collect();
        engine::usage::file::backtest(&v, &kept).ok_or_else(|| {
            AppError::Invalid(vec![FieldError {
                path: "ids".into(),
                message: "no back-test: no task type of this scenario has a load in these files (the back-test needs a file that counts requests over time, and task types named as the import named them), or the files together span more than 400 days".into(),
            }])
        })
    })
    .await
}
