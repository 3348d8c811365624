//! SQLite through sqlx: scenarios and their immutable revisions. Plain async fns that
//! take the pool, so server functions and the JSON API share them and tests call them
//! directly.

use crate::dto::{Created, Loaded, RevisionSummary, ScenarioSummary};
use crate::error::AppError;
use anyhow::Context;
use engine::Scenario;
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::{Row, SqlitePool};
use std::str::FromStr;
use std::time::Duration;

/// Shared server state, provided to server functions as Leptos context and to the
/// JSON API as axum state.
#[derive(Clone, Debug)]
pub struct AppState {
    pub pool: SqlitePool,
}

/// Opens (creating if missing) the database and runs the migrations.
///
/// WAL lets readers run beside the one writer; the synchronous level (see
/// [`synchronous`]) decides what a commit survives; writers queue in this process and
/// saves commit in groups ([`crate::writes`]); the 5 s busy timeout covers other
/// processes (backup, restore).
pub async fn connect(url: &str) -> anyhow::Result<SqlitePool> {
    if let Some(path) = url
        .strip_prefix("sqlite:")
        .map(|p| p.split('?').next().unwrap_or(p))
    {
        if let Some(dir) = std::path::Path::new(path)
            .parent()
            .filter(|d| !d.as_os_str().is_empty())
        {
            std::fs::create_dir_all(dir)
                .with_context(|| format!("creating the database folder {}", dir.display()))?;
        }
    }
    let opts = SqliteConnectOptions::from_str(url)
        .with_context(|| format!("parsing DATABASE_URL {url}"))?
        .create_if_missing(true)
        .journal_mode(SqliteJournalMode::Wal)
        .synchronous(synchronous())
        .busy_timeout(Duration::from_secs(5))
        .foreign_keys(true);
    let pool = SqlitePoolOptions::new()
        .max_connections(8)
        .connect_with(opts)
        .await
        .with_context(|| format!("opening {url}"))?;
    sqlx::migrate!("../migrations")
        .run(&pool)
        .await
        .context("running migrations")?;
    Ok(pool)
}

pub(crate) use crate::writes::{begin_write, map_write_error};
use crate::writes::{submit, Write};

/// `BREAKEVEN_SQLITE_SYNCHRONOUS`: `full` (default) or `normal`.
///
/// `full` fsyncs the WAL on every commit before the answer is sent: an acknowledged save
/// survives a process crash (kill -9), an OS crash and a power cut. In WAL mode `normal`
/// skips that fsync: a save still survives a process crash (the frame is in the OS cache),
/// but an OS crash or power cut can lose the commits since the last checkpoint. Saves
/// commit in groups ([`crate::writes`]), one fsync per group, so `full` costs little:
/// measured with `scripts/load.sh 60 64` (2 cores): 2,059 saves/s, p99 35.9 ms with
/// `full`; 2,063/s, p99 38.7 ms with `normal`.
fn synchronous() -> SqliteSynchronous {
    match std::env::var("BREAKEVEN_SQLITE_SYNCHRONOUS")
        .map(|v| v.to_ascii_lowercase())
        .as_deref()
    {
        Ok("normal") => SqliteSynchronous::Normal,
        _ => SqliteSynchronous::Full,
    }
}

/// `bytes` random bytes as lowercase hex.
pub fn random_token(bytes: usize) -> String {
    let mut buf = vec![0u8; bytes];
    if getrandom::fill(&mut buf).is_err() {
        // The OS random source failing is not recoverable in a safe way.
        panic!("the operating system's random source failed");
    }
    buf.iter().map(|b| format!("{b:02x}")).collect()
}

/// Equal-length strings compared without an early exit, so timing does not reveal
/// how much of a guessed key was right.
pub fn constant_time_eq(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

fn to_json(doc: &Scenario) -> Result<String, AppError> {
    serde_json::to_string(doc).map_err(AppError::internal)
}

/// Creates a scenario with its first revision.
#[tracing::instrument(skip(pool, doc), err(level = "info"))]
pub async fn create(pool: &SqlitePool, doc: &Scenario, author: &str) -> Result<Created, AppError> {
    let id = random_token(16);
    let edit_key = random_token(24);
    let view_token = random_token(16);
    let json = to_json(doc)?;
    submit(
        pool,
        Write::Create {
            id: id.clone(),
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

/// Newest first; `query` filters by name (case-insensitive substring).
pub async fn list(
    pool: &SqlitePool,
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
    let rows = sqlx::query("SELECT id, view_token, name, current_revision, updated_at FROM scenarios WHERE name LIKE ? ESCAPE '\\' ORDER BY updated_at DESC, id LIMIT ?")
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
        By::ViewToken => "SELECT id, view_token, edit_key, name, current_revision, updated_at FROM scenarios WHERE view_token = ?",
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

async fn loaded(h: Head, document: Scenario, curve_points: usize) -> Result<Loaded, AppError> {
    let (document, evaluated) = crate::compute::for_document(
        crate::compute::is_heavy(&document, curve_points),
        move || {
            let evaluated = crate::dto::evaluate(&document, curve_points);
            (document, evaluated)
        },
    )
    .await?;
    Ok(Loaded {
        id: h.id,
        name: h.name,
        revision: h.revision,
        view_token: h.view_token,
        updated_at: h.updated_at,
        document,
        evaluated,
    })
}

/// The head row and its current document, in one query.
async fn current(pool: &SqlitePool, by: By, value: &str) -> Result<(Head, Scenario), AppError> {
    let sql = match by {
        By::Id => "SELECT s.id, s.view_token, s.edit_key, s.name, s.current_revision, s.updated_at, r.document FROM scenarios s JOIN scenario_revisions r ON r.scenario_id = s.id AND r.revision = s.current_revision WHERE s.id = ?",
        By::ViewToken => "SELECT s.id, s.view_token, s.edit_key, s.name, s.current_revision, s.updated_at, r.document FROM scenarios s JOIN scenario_revisions r ON r.scenario_id = s.id AND r.revision = s.current_revision WHERE s.view_token = ?",
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
    curve_points: usize,
) -> Result<Loaded, AppError> {
    let (h, doc) = current(pool, By::Id, id).await?;
    authorise(&h, key)?;
    loaded(h, doc, curve_points).await
}

/// The current revision, read-only, by view token.
pub async fn load_for_view(
    pool: &SqlitePool,
    token: &str,
    curve_points: usize,
) -> Result<Loaded, AppError> {
    let (h, doc) = current(pool, By::ViewToken, token).await?;
    let mut l = loaded(h, doc, curve_points).await?;
    // A view link carries no handle on the writable scenario.
    l.id = String::new();
    Ok(l)
}

/// The name and current document behind a view token, not evaluated (for exports, which
/// evaluate it their own way).
pub async fn view_document(pool: &SqlitePool, token: &str) -> Result<(String, Scenario), AppError> {
    let (h, doc) = current(pool, By::ViewToken, token).await?;
    Ok((h.name, doc))
}

/// Saves `doc` as the next revision if `base` is still the current one.
#[tracing::instrument(skip(pool, key, doc), err(level = "info"))]
pub async fn save(
    pool: &SqlitePool,
    id: &str,
    key: &str,
    base: i64,
    doc: &Scenario,
    author: &str,
) -> Result<i64, AppError> {
    engine::validate(doc.clone()).map_err(|e| AppError::Invalid(e.0))?;
    // The key is checked inside the group commit, with the scenario's other writes.
    write_revision(pool, id, Some(key), base, doc, author, None).await
}

async fn write_revision(
    pool: &SqlitePool,
    id: &str,
    key: Option<&str>,
    base: i64,
    doc: &Scenario,
    author: &str,
    restored_from: Option<i64>,
) -> Result<i64, AppError> {
    let json = to_json(doc)?;
    submit(
        pool,
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

pub async fn history(
    pool: &SqlitePool,
    id: &str,
    key: &str,
) -> Result<Vec<RevisionSummary>, AppError> {
    let h = head(pool, By::Id, id).await?;
    authorise(&h, key)?;
    let rows = sqlx::query("SELECT revision, name, author, saved_at, restored_from FROM scenario_revisions WHERE scenario_id = ? ORDER BY revision DESC")
        .bind(id)
        .fetch_all(pool)
        .await
        .map_err(AppError::internal)?;
    Ok(rows
        .into_iter()
        .map(|r| RevisionSummary {
            revision: r.get(0),
            name: r.get(1),
            author: r.get(2),
            saved_at: r.get(3),
            restored_from: r.get(4),
        })
        .collect())
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
#[tracing::instrument(skip(pool, key), err(level = "info"))]
pub async fn restore(
    pool: &SqlitePool,
    id: &str,
    key: &str,
    rev: i64,
    author: &str,
) -> Result<i64, AppError> {
    let h = head(pool, By::Id, id).await?;
    authorise(&h, key)?;
    let doc = document(pool, id, rev).await?;
    write_revision(pool, id, None, h.revision, &doc, author, Some(rev)).await
}

pub async fn healthy(pool: &SqlitePool) -> bool {
    sqlx::query_scalar::<_, i64>("SELECT 1")
        .fetch_one(pool)
        .await
        .is_ok()
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
            let l = load_for_view(pool, token, curve_points).await?;
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
            let evaluated = crate::dto::evaluate(&document, curve_points);
            (document, evaluated)
        },
    )
    .await?;
    Ok(crate::dto::CompareColumn {
        title,
        document,
        evaluated,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    async fn fresh() -> (tempfile::TempDir, SqlitePool) {
        let dir = tempfile::tempdir().expect("temp dir");
        let pool = connect(&format!("sqlite:{}", dir.path().join("t.db").display()))
            .await
            .expect("db");
        (dir, pool)
    }

    #[test]
    fn tokens_are_random_hex_of_the_asked_size() {
        let a = random_token(16);
        assert_eq!(a.len(), 32);
        assert!(a.chars().all(|c| c.is_ascii_hexdigit()));
        assert_ne!(a, random_token(16));
    }

    /// A full disk (here: SQLite's page limit reached) refuses the save with "cannot save
    /// right now", keeps what was saved, and saving works again once there is room.
    #[tokio::test]
    async fn a_full_disk_refuses_saves_cleanly_and_recovers() {
        let (dir, pool) = fresh().await;
        let mut doc = engine::templates::template("haiku-vs-4090").expect("template");
        let c = create(&pool, &doc, "").await.expect("create");
        let pages: i64 = sqlx::query_scalar("PRAGMA page_count")
            .fetch_one(&pool)
            .await
            .expect("pages");
        pool.close().await;
        let path = dir.path().join("t.db");
        let full = SqliteConnectOptions::from_str(&format!("sqlite:{}", path.display()))
            .expect("opts")
            .journal_mode(SqliteJournalMode::Wal)
            .pragma("max_page_count", pages.to_string());
        let full = SqlitePoolOptions::new()
            .max_connections(1)
            .connect_with(full)
            .await
            .expect("pool");
        // The largest valid notes: a revision that needs new pages on a disk with none.
        doc.notes = "x".repeat(engine::validate::limits::NOTES_CHARS);
        let err = save(&full, &c.id, &c.edit_key, 1, &doc, "")
            .await
            .expect_err("disk full");
        assert!(matches!(err, AppError::Unavailable(_)), "{err:?}");
        assert!(
            err.to_string().starts_with("cannot save right now"),
            "{err}"
        );
        full.close().await;
        let pool = connect(&format!("sqlite:{}", path.display()))
            .await
            .expect("reopen");
        let kept = load_for_edit(&pool, &c.id, &c.edit_key, 2)
            .await
            .expect("load");
        assert_eq!(kept.revision, 1, "nothing half-written");
        let ok: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM scenario_revisions")
            .fetch_one(&pool)
            .await
            .expect("count");
        assert_eq!(ok, 1);
        assert_eq!(
            save(&pool, &c.id, &c.edit_key, 1, &doc, "")
                .await
                .expect("room again"),
            2
        );
        let integrity: String = sqlx::query_scalar("PRAGMA integrity_check")
            .fetch_one(&pool)
            .await
            .expect("check");
        assert_eq!(integrity, "ok");
    }

    /// A read-only database file answers saves with "cannot save right now".
    #[tokio::test]
    async fn a_read_only_database_refuses_saves_cleanly() {
        let (dir, pool) = fresh().await;
        let doc = engine::templates::template("haiku-vs-4090").expect("template");
        let c = create(&pool, &doc, "").await.expect("create");
        pool.close().await;
        let ro = SqliteConnectOptions::from_str(&format!(
            "sqlite:{}",
            dir.path().join("t.db").display()
        ))
        .expect("opts")
        .read_only(true);
        let ro = SqlitePoolOptions::new()
            .max_connections(1)
            .connect_with(ro)
            .await
            .expect("pool");
        let err = save(&ro, &c.id, &c.edit_key, 1, &doc, "")
            .await
            .expect_err("read-only");
        assert!(matches!(err, AppError::Unavailable(_)), "{err:?}");
        let kept = load_for_edit(&ro, &c.id, &c.edit_key, 2)
            .await
            .expect("reads still work");
        assert_eq!(kept.revision, 1);
    }

    #[test]
    fn key_comparison() {
        assert!(constant_time_eq("abc", "abc"));
        assert!(!constant_time_eq("abc", "abd"));
        assert!(!constant_time_eq("abc", "abcd"));
    }

    #[tokio::test]
    async fn list_is_newest_first_and_search_treats_wildcards_literally() {
        let (_d, pool) = fresh().await;
        for name in ["alpha 100%", "beta_x", "gamma"] {
            let mut s = engine::templates::blank();
            s.name = name.into();
            create(&pool, &s, "").await.expect("create");
            tokio::time::sleep(std::time::Duration::from_millis(5)).await;
        }
        let all = list(&pool, "", 10).await.expect("list");
        assert_eq!(
            all.iter().map(|r| r.name.as_str()).collect::<Vec<_>>(),
            ["gamma", "beta_x", "alpha 100%"]
        );
        assert_eq!(
            list(&pool, "%", 10).await.expect("list").len(),
            1,
            "% is a literal"
        );
        assert_eq!(
            list(&pool, "_", 10).await.expect("list").len(),
            1,
            "_ is a literal"
        );
        assert_eq!(
            list(&pool, "GAM", 10).await.expect("list").len(),
            1,
            "case-insensitive"
        );
    }

    #[tokio::test]
    async fn save_checks_key_base_and_validity() {
        let (_d, pool) = fresh().await;
        let doc = engine::templates::haiku_vs_4090();
        let c = create(&pool, &doc, "").await.expect("create");
        assert_eq!(
            save(&pool, &c.id, "wrong", 1, &doc, "").await,
            Err(AppError::Forbidden)
        );
        let mut bad = doc.clone();
        bad.hours_per_month = f64::NAN;
        assert!(matches!(
            save(&pool, &c.id, &c.edit_key, 1, &bad, "").await,
            Err(AppError::Invalid(_))
        ));
        assert_eq!(save(&pool, &c.id, &c.edit_key, 1, &doc, "").await, Ok(2));
        assert_eq!(
            save(&pool, &c.id, &c.edit_key, 1, &doc, "").await,
            Err(AppError::Conflict {
                base: 1,
                current: 2
            })
        );
        assert_eq!(
            load_for_view(&pool, &c.view_token, 2)
                .await
                .map(|l| l.revision),
            Ok(2)
        );
        assert!(matches!(
            load_for_view(&pool, "nope", 2).await,
            Err(AppError::NotFound(_))
        ));
    }
}
