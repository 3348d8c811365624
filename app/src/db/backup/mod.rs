//! Backup and restore: every workspace, every scenario with its whole history and keys,
//! every benchmark file with its runs (and kept original), and the custom catalog, as
//! one JSON file. A backup made before workspaces existed restores too: its rows go
//! into one workspace that the restore answer names.
//! Restoring goes into an empty database only, in one transaction, copying rows as
//! they were (ids, keys, timestamps, documents byte for byte).

use crate::db::Db;
use crate::error::AppError;
use serde::{Deserialize, Serialize};

pub const FORMAT: &str = "breakeven-backup";
pub const VERSION: u32 = 1;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Backup {
    pub format: String,
    pub version: u32,
    #[serde(default)]
    pub workspaces: Vec<WorkspaceRow>,
    pub scenarios: Vec<ScenarioRow>,
    pub benchmark_files: Vec<FileRow>,
    pub custom_catalog: Vec<CustomRow>,
    /// Usage files (a backup made before they existed has none).
    #[serde(default)]
    pub usage_files: Vec<UsageRow>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct UsageRow {
    pub id: String,
    pub workspace_id: String,
    pub name: String,
    pub format: String,
    pub size_bytes: i64,
    /// The kept summary (`engine::usage::file::UsageFile` JSON), unchanged.
    pub summary: String,
    pub uploaded_at: String,
    /// The original file, when its uploader kept it (absent in older backups).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub original: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct WorkspaceRow {
    pub id: String,
    pub token: String,
    pub name: String,
    pub created_at: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ScenarioRow {
    pub id: String,
    #[serde(default)]
    pub workspace_id: Option<String>,
    pub view_token: String,
    pub edit_key: String,
    pub name: String,
    pub current_revision: i64,
    pub created_at: String,
    pub updated_at: String,
    pub revisions: Vec<RevisionRow>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RevisionRow {
    pub revision: i64,
    /// The stored document text, unchanged.
    pub document: String,
    pub name: String,
    pub author: String,
    pub restored_from: Option<i64>,
    pub saved_at: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FileRow {
    pub id: String,
    #[serde(default)]
    pub workspace_id: Option<String>,
    pub name: String,
    pub format: String,
    pub size_bytes: i64,
    /// The original bytes as lowercase hex, when they were kept.
    pub original_hex: Option<String>,
    pub refused: String,
    pub uploaded_at: String,
    pub runs: Vec<RunRow>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RunRow {
    pub id: String,
    pub position: i64,
    /// The normalised run JSON; the indexed columns are rebuilt from it.
    pub run: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CustomRow {
    pub id: String,
    #[serde(default)]
    pub workspace_id: Option<String>,
    #[serde(default)]
    pub author: String,
    pub kind: String,
    pub name: String,
    pub data: String,
    pub created_at: String,
    /// The entry's delete key; absent for entries added before entries had keys (and
    /// in backups made then).
    #[serde(default)]
    pub edit_key: Option<String>,
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn unhex(s: &str) -> Result<Vec<u8>, AppError> {
    if !s.len().is_multiple_of(2) {
        return Err(bad("an original file's hex has an odd length"));
    }
    (0..s.len())
        .step_by(2)
        .map(|i| {
            u8::from_str_radix(&s[i..i + 2], 16)
                .map_err(|_| bad("an original file's hex is not hex"))
        })
        .collect()
}

fn bad(msg: &str) -> AppError {
    AppError::BadFile {
        file: "backup".into(),
        message: msg.to_string(),
    }
}

fn e(err: sqlx::Error) -> AppError {
    AppError::internal(err)
}

/// What a restore wrote.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Restored {
    pub scenarios: usize,
    pub revisions: usize,
    pub benchmark_runs: usize,
    pub custom_entries: usize,
    #[serde(default)]
    pub usage_files: usize,
    /// Rows of a backup made before workspaces existed go into one new workspace: its
    /// link path (`/w/{token}`), shown once here.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub adopted_into: Option<String>,
}

mod check;
mod export;
pub use check::check;
pub use export::export;

/// Restores into an empty database; anything else is refused before a row is written.
pub async fn import(db: &Db, b: &Backup) -> Result<Restored, AppError> {
    check(b)?;
    let (_turn, mut tx) = crate::db::writes::begin_write(db).await?;
    let existing: i64 = sqlx::query_scalar(
        "SELECT (SELECT COUNT(*) FROM scenarios) + (SELECT COUNT(*) FROM \
        benchmark_files) + (SELECT COUNT(*) FROM custom_catalog) + (SELECT \
        COUNT(*) FROM usage_files)",
    )
    .fetch_one(&mut *tx)
    .await
    .map_err(e)?;
    if existing > 0 {
        return Err(AppError::NotEmpty);
    }
    let mut out = Restored {
        scenarios: 0,
        revisions: 0,
        benchmark_runs: 0,
        custom_entries: 0,
        usage_files: 0,
        adopted_into: None,
    };
    for w in &b.workspaces {
        sqlx::query("INSERT INTO workspaces (id, token, name, created_at) VALUES (?, ?, ?, ?)")
            .bind(&w.id)
            .bind(&w.token)
            .bind(&w.name)
            .bind(&w.created_at)
            .execute(&mut *tx)
            .await
            .map_err(crate::db::writes::map_write_error)?;
    }
    for s in &b.scenarios {
        sqlx::query(
            "INSERT INTO scenarios (id, view_token, edit_key, name, current_revision, \
            created_at, updated_at, workspace_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        )
        .bind(&s.id)
        .bind(&s.view_token)
        .bind(&s.edit_key)
        .bind(&s.name)
        .bind(s.current_revision)
        .bind(&s.created_at)
        .bind(&s.updated_at)
        .bind(&s.workspace_id)
        .execute(&mut *tx)
        .await
        .map_err(crate::db::writes::map_write_error)?;
        for r in &s.revisions {
            sqlx::query(
                "INSERT INTO scenario_revisions (scenario_id, revision, document, name, \
                author, restored_from, saved_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
            )
            .bind(&s.id)
            .bind(r.revision)
            .bind(&r.document)
            .bind(&r.name)
            .bind(&r.author)
            .bind(r.restored_from)
            .bind(&r.saved_at)
            .execute(&mut *tx)
            .await
            .map_err(crate::db::writes::map_write_error)?;
            out.revisions += 1;
        }
        out.scenarios += 1;
    }
    for f in &b.benchmark_files {
        let original = f.original_hex.as_deref().map(unhex).transpose()?;
        sqlx::query(
            "INSERT INTO benchmark_files (id, name, format, size_bytes, original, \
            refused, uploaded_at, workspace_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        )
        .bind(&f.id)
        .bind(&f.name)
        .bind(&f.format)
        .bind(f.size_bytes)
        .bind(original)
        .bind(&f.refused)
        .bind(&f.uploaded_at)
        .bind(&f.workspace_id)
        .execute(&mut *tx)
        .await
        .map_err(crate::db::writes::map_write_error)?;
        for r in &f.runs {
            let run: engine::bench::Run = serde_json::from_str(&r.run)
                .map_err(|_| bad("a benchmark run is not a valid run"))?;
            crate::db::benchmarks::insert_run(&mut tx, &r.id, &f.id, r.position, &run, &r.run)
                .await?;
            out.benchmark_runs += 1;
        }
    }
    for c in &b.custom_catalog {
        sqlx::query(
            "INSERT INTO custom_catalog (id, kind, name, data, created_at, edit_key, \
                workspace_id, author) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        )
        .bind(&c.id)
        .bind(&c.kind)
        .bind(&c.name)
        .bind(&c.data)
        .bind(&c.created_at)
        .bind(&c.edit_key)
        .bind(&c.workspace_id)
        .bind(&c.author)
        .execute(&mut *tx)
        .await
        .map_err(crate::db::writes::map_write_error)?;
        out.custom_entries += 1;
    }
    for u in &b.usage_files {
        sqlx::query(
            "INSERT INTO usage_files (id, workspace_id, name, format, size_bytes, \
            summary, uploaded_at, original) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        )
        .bind(&u.id)
        .bind(&u.workspace_id)
        .bind(&u.name)
        .bind(&u.format)
        .bind(u.size_bytes)
        .bind(&u.summary)
        .bind(&u.uploaded_at)
        .bind(&u.original)
        .execute(&mut *tx)
        .await
        .map_err(crate::db::writes::map_write_error)?;
        out.usage_files += 1;
    }
    tx.commit()
        .await
        .map_err(crate::db::writes::map_write_error)?;
    drop(_turn);
    out.adopted_into = crate::db::workspaces::adopt_orphans(db)
        .await?
        .map(|w| w.path());
    Ok(out)
}
