//! SQLite through sqlx: the connection, and one module per stored subject. Plain
//! async fns that take the pool, so server functions and the JSON API share them and
//! tests call them directly. Every write goes through [`writes`] (one writer, group
//! commit).

use anyhow::Context;
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::SqlitePool;
use std::str::FromStr;
use std::sync::Arc;
use std::time::Duration;

pub mod backup;
pub mod benchmarks;
pub mod catalog;
mod scenarios;
pub mod usage;
pub mod workspaces;
pub(crate) mod writes;

pub use scenarios::*;

/// Shared server state, provided to server functions as Leptos context and to the
/// JSON API as axum state.
#[derive(Clone, Debug)]
pub struct AppState {
    pub db: Db,
    /// `BREAKEVEN_USER_HEADER`: a header set by a trusted sign-on proxy in front of the
    /// server (oauth2-proxy's `X-Forwarded-User`, say), naming the user; recorded as the
    /// author of revisions and catalog entries. Unset: no author is recorded.
    pub user_header: Option<String>,
    /// `BREAKEVEN_DEFAULT_WORKSPACE`: for one team behind a sign-on proxy, the workspace
    /// token the home page opens for everyone who reaches it.
    pub default_workspace: Option<String>,
}

impl AppState {
    pub fn new(db: Db) -> AppState {
        AppState {
            db,
            user_header: None,
            default_workspace: None,
        }
    }

    /// The author a request carries: the trusted header's value, cleaned (printable,
    /// at most 120 characters), or empty.
    pub fn author(&self, headers: &axum::http::HeaderMap) -> String {
        let Some(name) = &self.user_header else {
            return String::new();
        };
        headers
            .get(name.as_str())
            .and_then(|v| v.to_str().ok())
            .map(|v| {
                v.chars()
                    .filter(|c| !c.is_control())
                    .take(120)
                    .collect::<String>()
            })
            .map(|v| v.trim().to_string())
            .unwrap_or_default()
    }
}

/// One database: its connection pool and its writer (the queue of saves waiting for a
/// group commit, and the turn every other write takes). Reads take the pool: a `&Db`
/// is a `&SqlitePool` where one is expected.
#[derive(Clone, Debug)]
pub struct Db {
    pool: SqlitePool,
    writer: Arc<writes::Writer>,
}

impl Db {
    /// A database over an open pool, with its own writer. (Tests open pools with
    /// other options: read-only, a page limit.)
    pub(crate) fn from_pool(pool: SqlitePool) -> Db {
        Db {
            pool,
            writer: Arc::default(),
        }
    }
}

impl std::ops::Deref for Db {
    type Target = SqlitePool;
    fn deref(&self) -> &SqlitePool {
        &self.pool
    }
}

/// Opens (creating if missing) the database and runs the migrations.
///
/// WAL lets readers run beside the one writer; the synchronous level (see
/// [`synchronous`]) decides what a commit survives; writers queue in this process and
/// saves commit in groups ([`writes`]); the 5 s busy timeout covers other
/// processes (backup, restore).
pub async fn connect(url: &str) -> anyhow::Result<Db> {
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
        .foreign_keys(true)
        // What is deleted (a usage file's kept original) is overwritten, not left in
        // free pages.
        .pragma("secure_delete", "ON");
    let pool = SqlitePoolOptions::new()
        .max_connections(8)
        .connect_with(opts)
        .await
        .with_context(|| format!("opening {url}"))?;
    sqlx::migrate!("../migrations")
        .run(&pool)
        .await
        .context("running migrations")?;
    match usage::backfill_fingerprints(&pool).await {
        Ok(0) => {}
        Ok(n) => tracing::info!(files = n, "usage files given this version's fingerprint"),
        // Not fatal: an upload still compares such files by format.
        Err(e) => tracing::warn!(error = %e, "usage fingerprints not backfilled"),
    }
    Ok(Db::from_pool(pool))
}

/// `BREAKEVEN_SQLITE_SYNCHRONOUS`: `full` (default) or `normal`.
///
/// `full` fsyncs the WAL on every commit before the answer is sent: an acknowledged save
/// survives a process crash (kill -9), an OS crash and a power cut. In WAL mode `normal`
/// skips that fsync: a save still survives a process crash (the frame is in the OS cache),
/// but an OS crash or power cut can lose the commits since the last checkpoint. Saves
/// commit in groups ([`writes`]), one fsync per group, so `full` costs little:
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

pub async fn healthy(pool: &SqlitePool) -> bool {
    sqlx::query_scalar::<_, i64>("SELECT 1")
        .fetch_one(pool)
        .await
        .is_ok()
}

/// A fresh database in a temporary folder (tests).
#[cfg(test)]
pub(crate) async fn test_pool() -> (tempfile::TempDir, Db) {
    let dir = tempfile::tempdir().expect("temp dir");
    let pool = connect(&format!("sqlite:{}", dir.path().join("t.db").display()))
        .await
        .expect("db");
    (dir, pool)
}
