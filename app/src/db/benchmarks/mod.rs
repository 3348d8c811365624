//! Benchmark files and runs in SQLite. A file and its runs are stored in one
//! transaction; the original bytes are kept when within the configured cap.

use crate::db::Db;
use crate::dto::{BenchRunDetail, BenchRunRow, BenchUpload, SameFile, UsedBy};
use crate::error::AppError;
use engine::bench::{Imported, Run};
use sqlx::{Row, SqlitePool};

mod delete;
pub use delete::delete_file;

/// A file name as shown to people: no control characters or path parts, at most 200 chars.
pub fn display_name(name: &str) -> String {
    let base = name.rsplit(['/', '\\']).next().unwrap_or(name);
    let clean: String = base.chars().filter(|c| !c.is_control()).take(200).collect();
    if clean.trim().is_empty() {
        "upload".into()
    } else {
        clean.trim().to_string()
    }
}

#[tracing::instrument(skip(db, imported, original), fields(runs = imported.runs.len()), err(level = "info"))]
pub async fn store(
    db: &Db,
    workspace_id: &str,
    name: &str,
    imported: &Imported,
    size_bytes: i64,
    original: Option<Vec<u8>>,
) -> Result<BenchUpload, AppError> {
    let file_id = crate::tokens::random_token(12);
    let name = display_name(name);
    let refused = serde_json::to_string(&imported.refused).map_err(AppError::internal)?;
    let original_kept = original.is_some();
    let duplicate_of = match &original {
        Some(bytes) => same_file(db, workspace_id, size_bytes, bytes).await?,
        None => None,
    };
    let (_turn, mut tx) = crate::db::writes::begin_write(db).await?;
    sqlx::query(
        "INSERT INTO benchmark_files (id, name, format, size_bytes, original, \
        refused, workspace_id) VALUES (?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(&file_id)
    .bind(&name)
    .bind(imported.format.id())
    .bind(size_bytes)
    .bind(original)
    .bind(&refused)
    .bind(workspace_id)
    .execute(&mut *tx)
    .await
    .map_err(crate::db::writes::map_write_error)?;
    let uploaded_at: String =
        sqlx::query_scalar("SELECT uploaded_at FROM benchmark_files WHERE id = ?")
            .bind(&file_id)
            .fetch_one(&mut *tx)
            .await
            .map_err(AppError::internal)?;
    let mut rows = Vec::new();
    for (i, run) in imported.runs.iter().enumerate() {
        let id = crate::tokens::random_token(12);
        let json = serde_json::to_string(run).map_err(AppError::internal)?;
        insert_run(&mut tx, &id, &file_id, i as i64, run, &json).await?;
        rows.push(BenchRunRow {
            id,
            file_id: file_id.clone(),
            file_name: name.clone(),
            format: imported.format.label().into(),
            uploaded_at: uploaded_at.clone(),
            run: run.clone(),
        });
    }
    tx.commit()
        .await
        .map_err(crate::db::writes::map_write_error)?;
    Ok(BenchUpload {
        file_id,
        file_name: name,
        format: imported.format.label().into(),
        format_id: imported.format.id().into(),
        size_bytes,
        original_kept,
        runs: rows,
        refused: imported.refused.clone(),
        duplicate_of,
    })
}

/// The first file of this workspace with the same bytes as `bytes`: said, not refused (a
/// re-run of an import script may mean it). Only kept originals can be compared, and only
/// those of the same size are (`benchmark_files_same_size`). A read, before the write's
/// turn: two identical uploads at once lose only the warning.
async fn same_file(
    pool: &SqlitePool,
    workspace_id: &str,
    size_bytes: i64,
    bytes: &[u8],
) -> Result<Option<SameFile>, AppError> {
    let r = sqlx::query(
        "SELECT id, name, uploaded_at FROM benchmark_files WHERE workspace_id = ? \
        AND size_bytes = ? AND original = ? ORDER BY uploaded_at LIMIT 1",
    )
    .bind(workspace_id)
    .bind(size_bytes)
    .bind(bytes)
    .fetch_optional(pool)
    .await
    .map_err(AppError::internal)?;
    Ok(r.map(|r| SameFile {
        file_id: r.get(0),
        file_name: r.get(1),
        uploaded_at: r.get(2),
    }))
}

/// One run row: the indexed metric columns and the whole run as JSON.
pub(crate) async fn insert_run(
    tx: &mut sqlx::SqliteConnection,
    id: &str,
    file_id: &str,
    position: i64,
    run: &Run,
    json: &str,
) -> Result<(), AppError> {
    sqlx::query(
        "INSERT INTO benchmark_runs (id, file_id, position, label, model, hardware, concurrency, input_tokens, output_tokens, \
         output_tokens_per_s, total_tokens_per_s, requests_per_s, duration_s, ttft_mean_ms, ttft_p50_ms, ttft_p99_ms, \
         tpot_mean_ms, tpot_p50_ms, tpot_p99_ms, itl_mean_ms, itl_p50_ms, itl_p99_ms, e2e_mean_ms, e2e_p50_ms, e2e_p99_ms, \
         completed, failed, run) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(id)
    .bind(file_id)
    .bind(position)
    .bind(&run.label)
    .bind(&run.model)
    .bind(&run.hardware)
    .bind(run.concurrency)
    .bind(run.input_tokens)
    .bind(run.output_tokens)
    .bind(run.output_tokens_per_s)
    .bind(run.total_tokens_per_s)
    .bind(run.requests_per_s)
    .bind(run.duration_s)
    .bind(run.ttft_ms.mean)
    .bind(run.ttft_ms.p50)
    .bind(run.ttft_ms.p99)
    .bind(run.tpot_ms.mean)
    .bind(run.tpot_ms.p50)
    .bind(run.tpot_ms.p99)
    .bind(run.itl_ms.mean)
    .bind(run.itl_ms.p50)
    .bind(run.itl_ms.p99)
    .bind(run.e2e_ms.mean)
    .bind(run.e2e_ms.p50)
    .bind(run.e2e_ms.p99)
    .bind(run.completed.map(|c| c as i64))
    .bind(run.failed.map(|c| c as i64))
    .bind(json)
    .execute(&mut *tx)
    .await
    .map_err(crate::db::writes::map_write_error)?;
    Ok(())
}

macro_rules! select {
    ($rest:literal) => {
        concat!(
            "SELECT r.id, r.file_id, f.name, f.format, f.uploaded_at, r.run FROM \
            benchmark_runs r JOIN benchmark_files f ON f.id = r.file_id ",
            $rest
        )
    };
}

fn row(r: &sqlx::sqlite::SqliteRow) -> Result<BenchRunRow, AppError> {
    let format: String = r.try_get(3).map_err(AppError::internal)?;
    let run_json: String = r.try_get(5).map_err(AppError::internal)?;
    let run: Run = serde_json::from_str(&run_json).map_err(AppError::internal)?;
    Ok(BenchRunRow {
        id: r.try_get(0).map_err(AppError::internal)?,
        file_id: r.try_get(1).map_err(AppError::internal)?,
        file_name: r.try_get(2).map_err(AppError::internal)?,
        format: engine::bench::Format::from_id(&format)
            .map(|f| f.label().to_string())
            .unwrap_or(format),
        uploaded_at: r.try_get(4).map_err(AppError::internal)?,
        run,
    })
}

/// One workspace's runs, newest first; `query` filters by model, hardware, label or
/// file name.
pub async fn list(
    pool: &SqlitePool,
    workspace_id: &str,
    query: &str,
    limit: i64,
) -> Result<Vec<BenchRunRow>, AppError> {
    // A search longer than any name is cut (SQLite refuses LIKE patterns over 50,000 bytes).
    let query: String = query.chars().take(crate::dto::MAX_SEARCH_CHARS).collect();
    let like = format!(
        "%{}%",
        query
            .replace('\\', "\\\\")
            .replace('%', "\\%")
            .replace('_', "\\_")
    );
    let rows = sqlx::query(select!(
        "WHERE f.workspace_id = ?4 AND (?2 = '' OR r.model LIKE ?1 ESCAPE '\\' OR r.hardware LIKE ?1 ESCAPE '\\' OR r.label LIKE ?1 ESCAPE '\\' OR f.name LIKE ?1 ESCAPE '\\') \
         ORDER BY f.uploaded_at DESC, f.id, r.position LIMIT ?3"
    ))
    .bind(&like)
    .bind(query)
    .bind(limit)
    .bind(workspace_id)
    .fetch_all(pool)
    .await
    .map_err(AppError::internal)?;
    rows.iter().map(row).collect()
}

/// One run of workspace `workspace_id`; a run of another workspace is "not found".
pub async fn get(pool: &SqlitePool, workspace_id: &str, id: &str) -> Result<BenchRunRow, AppError> {
    let r = sqlx::query(select!("WHERE r.id = ? AND f.workspace_id = ?"))
        .bind(id)
        .bind(workspace_id)
        .fetch_optional(pool)
        .await
        .map_err(AppError::internal)?
        .ok_or_else(|| AppError::NotFound("benchmark run".into()))?;
    row(&r)
}

/// One run with its file, siblings and the scenarios using it. `only_scenario`: an edit
/// link's request, which may learn of its own scenario and no other.
pub async fn detail(
    pool: &SqlitePool,
    workspace_id: &str,
    id: &str,
    only_scenario: Option<&str>,
) -> Result<BenchRunDetail, AppError> {
    let run = get(pool, workspace_id, id).await?;
    let f = sqlx::query(
        "SELECT size_bytes, original IS NOT NULL, refused FROM benchmark_files WHERE id = ?",
    )
    .bind(&run.file_id)
    .fetch_one(pool)
    .await
    .map_err(AppError::internal)?;
    let refused: String = f.try_get(2).map_err(AppError::internal)?;
    // The documents are read as JSON (`json_tree`), as the file's deletion reads them, so
    // the list names every scenario that would hold the file, whatever a document's
    // spelling (a restored backup's); `instr` skips the documents naming no run at all.
    let used = sqlx::query(
        "SELECT s.name, s.view_token, s.id, s.edit_key FROM scenarios s JOIN scenario_revisions r ON r.scenario_id = s.id AND r.revision = s.current_revision \
         WHERE s.workspace_id = ? AND (? IS NULL OR s.id = ?) AND instr(r.document, ?) > 0 \
         AND EXISTS (SELECT 1 FROM json_tree(r.document) t WHERE t.key = 'run_id' AND t.value = ?) \
         ORDER BY s.updated_at DESC LIMIT 100",
    )
    .bind(workspace_id)
    .bind(only_scenario)
    .bind(only_scenario)
    .bind(id)
    .bind(id)
    .fetch_all(pool)
    .await
    .map_err(AppError::internal)?;
    let siblings = sqlx::query(select!(
        "WHERE r.file_id = ? AND r.id <> ? ORDER BY r.position LIMIT ?"
    ))
    .bind(&run.file_id)
    .bind(id)
    .bind(crate::dto::SIBLINGS_LISTED as i64)
    .fetch_all(pool)
    .await
    .map_err(AppError::internal)?;
    Ok(BenchRunDetail {
        size_bytes: f.try_get(0).map_err(AppError::internal)?,
        original_kept: f.try_get::<bool, _>(1).map_err(AppError::internal)?,
        refused: serde_json::from_str(&refused).unwrap_or_default(),
        used_by: used
            .iter()
            .map(|u| {
                // A workspace's members edit every scenario in it (its page lists the
                // same links); an edit link learns of no other scenario's key.
                let edit_path = match only_scenario {
                    None => Some(format!(
                        "/s/{}?key={}",
                        u.try_get::<String, _>(2).map_err(AppError::internal)?,
                        u.try_get::<String, _>(3).map_err(AppError::internal)?
                    )),
                    Some(_) => None,
                };
                Ok(UsedBy {
                    name: u.try_get(0).map_err(AppError::internal)?,
                    view_token: u.try_get(1).map_err(AppError::internal)?,
                    edit_path,
                })
            })
            .collect::<Result<_, AppError>>()?,
        siblings: siblings.iter().map(row).collect::<Result<_, _>>()?,
        row: run,
    })
}

/// The original bytes of a file, with its name, if they were kept.
pub async fn original(
    pool: &SqlitePool,
    workspace_id: &str,
    file_id: &str,
) -> Result<(String, Vec<u8>), AppError> {
    let r =
        sqlx::query("SELECT name, original FROM benchmark_files WHERE id = ? AND workspace_id = ?")
            .bind(file_id)
            .bind(workspace_id)
            .fetch_optional(pool)
            .await
            .map_err(AppError::internal)?
            .ok_or_else(|| AppError::NotFound("benchmark file".into()))?;
    let bytes: Option<Vec<u8>> = r.try_get(1).map_err(AppError::internal)?;
    Ok((
        r.try_get(0).map_err(AppError::internal)?,
        bytes.ok_or_else(|| {
            AppError::NotFound("the original file (it was over the stored-size cap)".into())
        })?,
    ))
}
