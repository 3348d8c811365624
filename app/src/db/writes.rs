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

use crate::error::AppError;
use sqlx::{AssertSqlSafe, Sqlite, SqlitePool, Transaction};
use std::sync::{Arc, Mutex};
use tokio::sync::oneshot;

/// The writer's turn, in arrival order.
static WRITER: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

/// Saves waiting for a leader, with the database they are for.
static QUEUE: Mutex<Vec<Queued>> = Mutex::new(Vec::new());

/// Upper bound on one group, so one commit stays short.
const MAX_GROUP: usize = 128;

/// A write that can join a group commit. (No `Debug`: it can hold an edit key, which
/// must never reach a log.)
pub(crate) enum Write {
    /// A new scenario with its first revision.
    Create {
        id: String,
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
    pool: usize,
    write: Write,
    reply: oneshot::Sender<Result<i64, AppError>>,
}

/// A write transaction and this process's writer turn; both end together.
pub(crate) async fn begin_write(
    pool: &SqlitePool,
) -> Result<
    (
        tokio::sync::MutexGuard<'static, ()>,
        Transaction<'static, Sqlite>,
    ),
    AppError,
> {
    let turn = WRITER.lock().await;
    let tx = pool.begin().await.map_err(map_write_error)?;
    Ok((turn, tx))
}

/// Which database a queued write belongs to: each pool owns its options.
fn pool_key(pool: &SqlitePool) -> usize {
    Arc::as_ptr(&pool.connect_options()) as usize
}

fn queue() -> std::sync::MutexGuard<'static, Vec<Queued>> {
    // The queue holds plain data; a panic elsewhere cannot leave it inconsistent.
    QUEUE.lock().unwrap_or_else(|p| p.into_inner())
}

/// Queues `write` and answers once it is committed (or refused): the new revision number.
pub(crate) async fn submit(pool: &SqlitePool, write: Write) -> Result<i64, AppError> {
    let key = pool_key(pool);
    let (reply, mut answer) = oneshot::channel();
    queue().push(Queued {
        pool: key,
        write,
        reply,
    });
    loop {
        tokio::select! {
            biased;
            r = &mut answer => return r.unwrap_or_else(|_| Err(lost())),
            turn = WRITER.lock() => {
                // A leader answers its group before it gives up the turn.
                if let Ok(r) = answer.try_recv() {
                    return r;
                }
                let group = take_group(key);
                // The commit runs in its own task, holding the turn, so a client that
                // hangs up mid-commit cannot cut the group short.
                let pool = pool.clone();
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

/// Up to [`MAX_GROUP`] queued writes for the database `key`, oldest first. A write
/// whose asker has gone (the client hung up while it waited) is dropped, not
/// committed: nobody was told it was saved, as when a save is abandoned before its turn.
fn take_group(key: usize) -> Vec<Queued> {
    let mut q = queue();
    let mut group = Vec::new();
    let mut i = 0;
    while i < q.len() && group.len() < MAX_GROUP {
        if q[i].pool != key {
            i += 1;
        } else if q[i].reply.is_closed() {
            q.remove(i);
        } else {
            group.push(q.remove(i));
        }
    }
    group
}

fn lost() -> AppError {
    AppError::internal(anyhow::anyhow!("a group commit ended without answering"))
}

async fn commit_group(pool: &SqlitePool, group: Vec<Queued>) {
    let started = std::time::Instant::now();
    let committed: Result<Vec<Result<i64, AppError>>, AppError> = async {
        let mut tx = pool.begin().await.map_err(map_write_error)?;
        let writes: Vec<&Write> = group.iter().map(|q| &q.write).collect();
        let answers = apply(&mut tx, &writes).await?;
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

/// `n` copies of `row` separated by commas, for a multi-row statement. The SQL built
/// from it holds only placeholders; every value is bound.
fn rows(row: &str, n: usize) -> String {
    vec![row; n].join(", ")
}

/// The group's writes, set by set: a few statements for the whole group instead of two
/// per write (each statement is a round trip to SQLite's connection thread). Returns each
/// write's own answer, in order. A refusal (stale base, unknown scenario) writes nothing,
/// so it needs no undo; an error of the database itself fails the whole group.
///
/// The outcome is the one of applying the group's writes one by one in some order, as
/// concurrent writes may be: of identical (scenario, base) saves the first in arrival
/// order wins and the others get a conflict.
async fn apply(
    tx: &mut Transaction<'static, Sqlite>,
    writes: &[&Write],
) -> Result<Vec<Result<i64, AppError>>, AppError> {
    let mut answers: Vec<Option<Result<i64, AppError>>> = vec![None; writes.len()];

    let creates: Vec<(usize, &Write)> = writes
        .iter()
        .enumerate()
        .filter(|(_, w)| matches!(w, Write::Create { .. }))
        .map(|(i, w)| (i, *w))
        .collect();
    if !creates.is_empty() {
        let sql = format!(
            "INSERT INTO scenarios (id, view_token, edit_key, name, current_revision) VALUES {}",
            rows("(?, ?, ?, ?, 1)", creates.len())
        );
        let mut q = sqlx::query(AssertSqlSafe(sql));
        for (_, w) in &creates {
            if let Write::Create {
                id,
                view_token,
                edit_key,
                name,
                ..
            } = w
            {
                q = q.bind(id).bind(view_token).bind(edit_key).bind(name);
            }
        }
        q.execute(&mut **tx).await.map_err(map_write_error)?;
        let sql = format!(
            "INSERT INTO scenario_revisions (scenario_id, revision, document, name, author) VALUES {}",
            rows("(?, 1, ?, ?, ?)", creates.len())
        );
        let mut q = sqlx::query(AssertSqlSafe(sql));
        for (i, w) in &creates {
            if let Write::Create {
                id,
                name,
                document,
                author,
                ..
            } = w
            {
                q = q.bind(id).bind(document).bind(name).bind(author);
            }
            answers[*i] = Some(Ok(1));
        }
        q.execute(&mut **tx).await.map_err(map_write_error)?;
    }

    // Saves that carry an edit key: one read of the keys, each compared in constant time.
    let keyed: Vec<usize> = (0..writes.len())
        .filter(|&i| matches!(writes[i], Write::Revision { key: Some(_), .. }))
        .collect();
    if !keyed.is_empty() {
        let sql = format!(
            "SELECT id, edit_key FROM scenarios WHERE id IN ({})",
            rows("?", keyed.len())
        );
        let mut q = sqlx::query_as::<_, (String, String)>(AssertSqlSafe(sql));
        for &i in &keyed {
            if let Write::Revision { id, .. } = writes[i] {
                q = q.bind(id);
            }
        }
        let keys: std::collections::HashMap<String, String> = q
            .fetch_all(&mut **tx)
            .await
            .map_err(map_write_error)?
            .into_iter()
            .collect();
        for &i in &keyed {
            if let Write::Revision {
                id, key: Some(key), ..
            } = writes[i]
            {
                answers[i] = match keys.get(id) {
                    None => Some(Err(AppError::NotFound("scenario".into()))),
                    Some(k) if !crate::db::tokens::constant_time_eq(k, key) => {
                        Some(Err(AppError::Forbidden))
                    }
                    Some(_) => None,
                };
            }
        }
    }

    // Saves: one compare-and-set for all distinct (scenario, base) pairs, repeated while
    // it moves something (a group holding revision k and k + 1 of one scenario applies
    // both, as one by one would).
    let mut seen = std::collections::HashSet::new();
    let mut pending: Vec<usize> = writes
        .iter()
        .enumerate()
        .filter_map(|(i, w)| match w {
            Write::Revision { id, base, .. }
                if answers[i].is_none() && seen.insert((id.as_str(), *base)) =>
            {
                Some(i)
            }
            _ => None,
        })
        .collect();
    let mut won = Vec::new();
    while !pending.is_empty() {
        let sql = format!(
            "WITH w(id, base, name) AS (VALUES {}) \
             UPDATE scenarios SET current_revision = scenarios.current_revision + 1, name = w.name, \
             updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') \
             FROM w WHERE scenarios.id = w.id AND scenarios.current_revision = w.base \
             RETURNING id, current_revision",
            rows("(?, ?, ?)", pending.len())
        );
        let mut q = sqlx::query_as::<_, (String, i64)>(AssertSqlSafe(sql));
        for &i in &pending {
            if let Write::Revision { id, base, name, .. } = writes[i] {
                q = q.bind(id).bind(base).bind(name);
            }
        }
        let moved: std::collections::HashMap<String, i64> = q
            .fetch_all(&mut **tx)
            .await
            .map_err(map_write_error)?
            .into_iter()
            .collect();
        if moved.is_empty() {
            break;
        }
        pending.retain(|&i| match writes[i] {
            Write::Revision { id, base, .. } if moved.get(id) == Some(&(base + 1)) => {
                answers[i] = Some(Ok(base + 1));
                won.push(i);
                false
            }
            _ => true,
        });
    }
    if !won.is_empty() {
        let sql = format!(
            "INSERT INTO scenario_revisions (scenario_id, revision, document, name, author, restored_from) VALUES {}",
            rows("(?, ?, ?, ?, ?, ?)", won.len())
        );
        let mut q = sqlx::query(AssertSqlSafe(sql));
        for &i in &won {
            if let Write::Revision {
                id,
                base,
                name,
                document,
                author,
                restored_from,
                ..
            } = writes[i]
            {
                q = q
                    .bind(id)
                    .bind(base + 1)
                    .bind(document)
                    .bind(name)
                    .bind(author)
                    .bind(restored_from);
            }
        }
        q.execute(&mut **tx).await.map_err(map_write_error)?;
    }

    // Everyone else was refused: say what the current revision is, or that there is none.
    let refused: Vec<usize> = (0..writes.len())
        .filter(|&i| answers[i].is_none())
        .collect();
    if !refused.is_empty() {
        let sql = format!(
            "SELECT id, current_revision FROM scenarios WHERE id IN ({})",
            rows("?", refused.len())
        );
        let mut q = sqlx::query_as::<_, (String, i64)>(AssertSqlSafe(sql));
        for &i in &refused {
            if let Write::Revision { id, .. } = writes[i] {
                q = q.bind(id);
            }
        }
        let current: std::collections::HashMap<String, i64> = q
            .fetch_all(&mut **tx)
            .await
            .map_err(AppError::internal)?
            .into_iter()
            .collect();
        for &i in &refused {
            if let Write::Revision { id, base, .. } = writes[i] {
                answers[i] = Some(Err(match current.get(id) {
                    Some(&current) => AppError::Conflict {
                        base: *base,
                        current,
                    },
                    None => AppError::NotFound("scenario".into()),
                }));
            }
        }
    }
    Ok(answers
        .into_iter()
        .map(|a| a.unwrap_or_else(|| Err(lost())))
        .collect())
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
