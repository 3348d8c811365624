//! A stale edit laid over the latest revision, for the holder of the edit key.

use super::{authorise, current, document, By};
use crate::dto::Reapplied;
use crate::error::AppError;
use engine::Scenario;
use sqlx::SqlitePool;

/// `mine`, an edit of revision `base` of scenario `id`, laid over its latest revision
/// (nothing is saved: the user checks it and saves it as any edit).
pub async fn reapply(
    pool: &SqlitePool,
    id: &str,
    key: &str,
    base: i64,
    mine: &Scenario,
) -> Result<Reapplied, AppError> {
    let (h, latest) = current(pool, By::Id, id).await?;
    authorise(&h, key)?;
    // Bounded as a save is: a document the engine accepts (its sizes capped).
    engine::validate(mine.clone())?;
    let from = document(pool, id, base).await?;
    let (mine, theirs) = (mine.clone(), latest.clone());
    let r = crate::compute::run(move || engine::report::reapply(&from, &mine, &theirs))
        .await?
        .map_err(|why| {
            AppError::Invalid(vec![engine::FieldError {
                path: "document".into(),
                message: why,
            }])
        })?;
    let words = |ds: &[engine::report::InputDiff]| -> Vec<String> {
        ds.iter().map(engine::report::InputDiff::line).collect()
    };
    Ok(Reapplied {
        revision: h.revision,
        applied: words(&r.applied),
        both: words(&r.both_changed),
        document: r.document,
        latest,
    })
}
