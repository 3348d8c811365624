//! A name of its own for a scenario made into a workspace.

use crate::error::AppError;
use sqlx::SqlitePool;

/// `name`, numbered if a scenario of the workspace has it already ("Plan (my copy 2)"):
/// a copy made twice is not two scenarios of one name.
pub async fn free_name(
    pool: &SqlitePool,
    workspace_id: &str,
    name: &str,
) -> Result<String, AppError> {
    let base = name.strip_suffix(')').map_or(name, |open| open);
    let pattern = format!(
        "{}%",
        base.replace('\\', "\\\\")
            .replace('%', "\\%")
            .replace('_', "\\_")
    );
    // The name itself first, then the shortest of its numbered forms (bounded).
    let taken: Vec<String> = sqlx::query_scalar(
        "SELECT name FROM scenarios WHERE workspace_id = ? AND (name = ? OR name LIKE ? ESCAPE '\\') ORDER BY name = ? DESC, length(name), name LIMIT 1000",
    )
    .bind(workspace_id)
    .bind(name)
    .bind(pattern)
    .bind(name)
    .fetch_all(pool)
    .await
    .map_err(AppError::internal)?;
    let taken: Vec<&str> = taken.iter().map(String::as_str).collect();
    Ok(engine::scenario::numbered(
        name,
        &taken,
        engine::validate::limits::NAME_CHARS,
    ))
}
