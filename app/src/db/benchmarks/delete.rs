//! Deleting a benchmark file: its runs and original go together, never while a saved
//! scenario takes throughput from one of its runs.

use crate::db::Db;
use crate::dto::DeletedFile;
use crate::error::AppError;

/// Most saved scenarios named when a file cannot be deleted because they use it.
const IN_USE_NAMED: i64 = 5;

/// Deletes a benchmark file, its runs and its original: only with the workspace's key,
/// and only while no saved scenario's current version takes its throughput from one of
/// its runs (the check runs inside the write's turn, so no save slips in between).
/// Earlier versions in a scenario's history keep the figures they copied.
#[tracing::instrument(skip_all, err(level = "info"))]
pub async fn delete_file(
    db: &Db,
    access: &crate::dto::Access,
    file_id: &str,
) -> Result<DeletedFile, AppError> {
    let ws = crate::db::workspaces::key_only(
        db,
        access,
        "a scenario's link can pick its workspace's benchmark runs but not delete them: use the workspace's key",
    )
    .await?;
    let (_turn, mut tx) = crate::db::writes::begin_write(db).await?;
    let name: String =
        sqlx::query_scalar("SELECT name FROM benchmark_files WHERE id = ? AND workspace_id = ?")
            .bind(file_id)
            .bind(&ws)
            .fetch_optional(&mut *tx)
            .await
            .map_err(AppError::internal)?
            .ok_or_else(|| AppError::NotFound("benchmark file".into()))?;
    // Each current document is walked once (`json_tree`), its `run_id` values looked up by
    // key: the work grows with the workspace's documents, not with them times the file's
    // runs, and any JSON spelling of a document (a restored backup's) is read alike.
    let users: Vec<String> = sqlx::query_scalar(
        "SELECT s.name FROM scenarios s JOIN scenario_revisions v ON v.scenario_id = s.id \
        AND v.revision = s.current_revision WHERE s.workspace_id = ? \
        AND instr(v.document, 'run_id') > 0 AND EXISTS (SELECT 1 FROM json_tree(v.document) t \
        JOIN benchmark_runs b ON b.id = t.value WHERE t.key = 'run_id' AND b.file_id = ?) \
        ORDER BY s.updated_at DESC LIMIT ?",
    )
    .bind(&ws)
    .bind(file_id)
    .bind(IN_USE_NAMED + 1)
    .fetch_all(&mut *tx)
    .await
    .map_err(AppError::internal)?;
    if !users.is_empty() {
        return Err(AppError::Refused {
            code: "benchmark_file_in_use".into(),
            message: in_use(&name, &users),
        });
    }
    let runs = sqlx::query("DELETE FROM benchmark_runs WHERE file_id = ?")
        .bind(file_id)
        .execute(&mut *tx)
        .await
        .map_err(crate::db::writes::map_write_error)?
        .rows_affected();
    sqlx::query("DELETE FROM benchmark_files WHERE id = ?")
        .bind(file_id)
        .execute(&mut *tx)
        .await
        .map_err(crate::db::writes::map_write_error)?;
    tx.commit()
        .await
        .map_err(crate::db::writes::map_write_error)?;
    Ok(DeletedFile {
        file_name: name,
        runs: runs as usize,
    })
}

/// Why a file is not deleted: the scenarios using it (at most `IN_USE_NAMED`, then
/// "and others") and what to do.
fn in_use(file: &str, users: &[String]) -> String {
    let mut named: Vec<String> = users
        .iter()
        .take(IN_USE_NAMED as usize)
        .map(|n| format!("\u{201c}{n}\u{201d}"))
        .collect();
    let more = users.len() > named.len();
    let last = match (more, named.len()) {
        (true, _) => Some("others".to_string()),
        (false, n) if n > 1 => named.pop(),
        _ => None,
    };
    let mut list = named.join(", ");
    if let Some(last) = last {
        list = format!("{list} and {last}");
    }
    let where_ = if users.len() == 1 { "In it" } else { "In each" };
    format!(
        "{file} is not deleted: its runs set the throughput of {list}. {where_}, pick another \
         run (or an estimate) and save; then delete it."
    )
}

#[cfg(test)]
mod tests {
    use super::in_use;

    #[test]
    fn a_refusal_names_the_scenarios_as_a_sentence_does() {
        let names = |n: usize| (1..=n).map(|i| format!("S{i}")).collect::<Vec<_>>();
        assert_eq!(
            in_use("f.json", &names(1)),
            "f.json is not deleted: its runs set the throughput of \u{201c}S1\u{201d}. In it, \
             pick another run (or an estimate) and save; then delete it."
        );
        assert!(in_use("f.json", &names(2))
            .contains("of \u{201c}S1\u{201d} and \u{201c}S2\u{201d}. In each,"));
        let six = in_use("f.json", &names(6));
        assert!(
            six.contains("\u{201c}S4\u{201d}, \u{201c}S5\u{201d} and others. In each,"),
            "{six}"
        );
        assert!(!six.contains("S6"), "{six}");
    }
}
