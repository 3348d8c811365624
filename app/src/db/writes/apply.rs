//! One group's writes applied set by set inside its transaction.

use super::{lost, map_write_error, Write};
use crate::error::AppError;
use sqlx::{AssertSqlSafe, Sqlite, Transaction};

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
pub(super) async fn apply(
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
            "INSERT INTO scenarios (id, view_token, edit_key, name, current_revision, workspace_id) VALUES {}",
            rows("(?, ?, ?, ?, 1, ?)", creates.len())
        );
        let mut q = sqlx::query(AssertSqlSafe(sql));
        for (_, w) in &creates {
            if let Write::Create {
                id,
                workspace_id,
                view_token,
                edit_key,
                name,
                ..
            } = w
            {
                q = q
                    .bind(id)
                    .bind(view_token)
                    .bind(edit_key)
                    .bind(name)
                    .bind(workspace_id);
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
                    Some(k) if !crate::tokens::constant_time_eq(k, key) => {
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
