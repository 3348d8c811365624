//! Writes to SQLite: one writer at a time, and saves committed in groups.
//!
//! SQLite has a single writer, and with `synchronous=FULL` every commit waits for an
//! fsync of the WAL. Committing each save on its own makes saves queue behind each
//! other's fsyncs. Instead a save is queued here; whoever gets the writer's turn next
//! (the "leader") takes every queued save for its database and commits them in one
//! transaction: one fsync for the group. Each save keeps its own outcome: a stale save
//! (a conflict) is found by its compare-and-set before it writes anything, so it is
//! refused without touching the others, and nobody is answered before the group's
//! commit has returned. If the database fails (full disk, read-only file, I/O error),
//! the whole group is rolled back and every save in it gets the same "cannot save right
//! now" answer.
//!
//! Other writes (benchmark uploads, catalog entries, restore) take the same turn through
//! [`begin_write`], so SQLite's busy handler (which sleeps between retries) is only met
//! by other processes, such as a backup.

use super::Db;
use crate::error::AppError;
use sqlx::{Sqlite, Transaction};
use std::sync::{Arc, Mutex};
use tokio::sync::{oneshot, OwnedMutexGuard};

mod apply;

/// One database's writer: its turn (in arrival order) and the saves waiting for a
/// leader. It lives in [`Db`] beside the pool, so two databases in one process (as in
/// the tests) never share a queue.
#[derive(Default)]
pub(crate) struct Writer {
    turn: Arc<tokio::sync::Mutex<()>>,
    queue: Mutex<Vec<Queued>>,
}

impl std::fmt::Debug for Writer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Writer").finish_non_exhaustive()
    }
}

impl Writer {
    fn queue(&self) -> std::sync::MutexGuard<'_, Vec<Queued>> {
        // The queue holds plain data; a panic elsewhere cannot leave it inconsistent.
        self.queue.lock().unwrap_or_else(|p| p.into_inner())
    }
}

/// Upper bound on one group, so one commit stays short.
const MAX_GROUP: usize = 128;

/// A write that can join a group commit. (No `Debug`: it can hold an edit key, which
/// must never reach a log.)
pub(crate) enum Write {
    /// A new scenario with its first revision.
    Create {
        id: String,
        workspace_id: String,
        view_token: String,
        edit_key: String,
        name: String,
        document: String,
        author: String,
    },
    /// The next revision, only if `base` is still the current one and `key` (when the
    /// caller has not checked it already) is the scenario's edit key.
    Revision {
        id: String,
        key: Option<String>,
        base: i64,
        name: String,
        document: String,
        author: String,
        restored_from: Option<i64>,
    },
}

struct Queued {
    write: Write,
    reply: oneshot::Sender<Result<i64, AppError>>,
}

/// A write transaction and this database's writer turn; both end together.
pub(crate) async fn begin_write(
    db: &Db,
) -> Result<(OwnedMutexGuard<()>, Transaction<'static, Sqlite>), AppError> {
    let turn = db.writer.turn.clone().lock_owned().await;
    let tx = db.pool.begin().await.map_err(map_write_error)?;
    Ok((turn, tx))
}

/// Queues `write` and answers once it is committed (or refused): the new revision number.
pub(crate) async fn submit(db: &Db, write: Write) -> Result<i64, AppError> {
    let (reply, mut answer) = oneshot::channel();
    db.writer.queue().push(Queued { write, reply });
    loop {
        tokio::select! {
            biased;
            r = &mut answer => return r.unwrap_or_else(|_| Err(lost())),
            turn = db.writer.turn.clone().lock_owned() => {
                // A leader answers its group before it gives up the turn.
                if let Ok(r) = answer.try_recv() {
                    return r;
                }
                let group = take_group(&db.writer);
                // The commit runs in its own task, holding the turn, so a client that
                // hangs up mid-commit cannot cut the group short.
                let pool = db.pool.clone();
                let done = tokio::spawn(async move {
                    let _turn = turn;
                    commit_group(&pool, group).await;
                });
                if done.await.is_err() {
                    return Err(lost());
                }
                // Our write was in this group (answered above on the next turn of the
                // loop) or, past MAX_GROUP, waits for the next one.
            }
        }
    }
}

/// Up to [`MAX_GROUP`] queued writes, oldest first. A write
/// whose asker has gone (the client hung up while it waited) is dropped, not
/// committed: nobody was told it was saved, as when a save is abandoned before its turn.
fn take_group(writer: &Writer) -> Vec<Queued> {
    let mut q = writer.queue();
    let mut group = Vec::new();
    while group.len() < MAX_GROUP && !q.is_empty() {
        let next = q.remove(0);
        if !next.reply.is_closed() {
            group.push(next);
        }
    }
    group
}

pub(super) fn lost() -> AppError {
    AppError::internal(anyhow::anyhow!("a group commit ended without answering"))
}

async fn commit_group(pool: &sqlx::SqlitePool, group: Vec<Queued>) {
    let started = std::time::Instant::now();
    let committed: Result<Vec<Result<i64, AppError>>, AppError> = async {
        let mut tx = pool.begin().await.map_err(map_write_error)?;
        let writes: Vec<&Write> = group.iter().map(|q| &q.write).collect();
        let answers = apply::apply(&mut tx, &writes).await?;
        tx.commit().await.map_err(map_write_error)?;
        Ok(answers)
    }
    .await;
    tracing::debug!(
        writes = group.len(),
        micros = started.elapsed().as_micros() as u64,
        ok = committed.is_ok(),
        "group commit"
    );
    match committed {
        Ok(answers) => {
            for (q, r) in group.into_iter().zip(answers) {
                // The asker may have hung up during the commit; its write is stored.
                let _ = q.reply.send(r);
            }
        }
        Err(e) => {
            for q in group {
                let _ = q.reply.send(Err(e.clone()));
            }
        }
    }
}

pub(crate) fn map_write_error(e: sqlx::Error) -> AppError {
    // A read-only or full disk is the user's "cannot save right now", not a bug.
    if let sqlx::Error::Database(db) = &e {
        let code = db.code().map(|c| c.to_string()).unwrap_or_default();
        // SQLITE_READONLY (8), SQLITE_FULL (13), SQLITE_BUSY (5), SQLITE_IOERR (10) and their extended codes.
        let primary = code.parse::<i64>().map(|c| c & 0xff).unwrap_or(-1);
        if matches!(primary, 5 | 8 | 10 | 13) {
            tracing::warn!(error = %db, "write refused by the database");
            return AppError::Unavailable("the database cannot take writes at the moment; nothing was changed, try again shortly".into());
        }
    }
    AppError::internal(e)
}

#[cfg(test)]
mod tests;
