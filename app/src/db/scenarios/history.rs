//! A scenario's history for the holder of its edit key: every revision with who saved
//! it and when, what changed from the revision before (in the editor's words) and its
//! headline number. The newest revisions are summarised; older ones are listed only.

use super::{authorise, head, parse_stored, By};
use crate::dto::RevisionSummary;
use crate::error::AppError;
use sqlx::{Row, SqlitePool};

/// Revisions summarised (changes and headline); older ones are listed without.
const SUMMARISED: usize = 50;
/// Changes named per revision (the page shows the first few and the rest on request);
/// beyond these they are counted.
const NAMED: usize = 30;

pub async fn history(
    pool: &SqlitePool,
    id: &str,
    key: &str,
) -> Result<Vec<RevisionSummary>, AppError> {
    let h = head(pool, By::Id, id).await?;
    authorise(&h, key)?;
    let rows = sqlx::query(
        "SELECT revision, name, author, saved_at, restored_from FROM \
        scenario_revisions WHERE scenario_id = ? ORDER BY revision DESC",
    )
    .bind(id)
    .fetch_all(pool)
    .await
    .map_err(AppError::internal)?;
    let mut out: Vec<RevisionSummary> = rows
        .into_iter()
        .map(|r| RevisionSummary {
            revision: r.get(0),
            name: r.get(1),
            author: r.get(2),
            saved_at: r.get(3),
            restored_from: r.get(4),
            changes: Vec::new(),
            changed: 0,
            headline: None,
        })
        .collect();
    // The newest revisions' documents, and the one before the oldest of them.
    let docs: Vec<(i64, String)> = sqlx::query(
        "SELECT revision, document FROM scenario_revisions WHERE scenario_id = ? ORDER BY revision DESC LIMIT ?",
    )
    .bind(id)
    .bind((SUMMARISED + 1) as i64)
    .fetch_all(pool)
    .await
    .map_err(AppError::internal)?
    .into_iter()
    .map(|r| (r.get(0), r.get(1)))
    .collect();
    let id = id.to_string();
    let summaries = crate::compute::run(move || -> Result<Vec<_>, AppError> {
        let parsed: Vec<(i64, engine::Scenario)> = docs
            .iter()
            .map(|(rev, text)| Ok((*rev, parse_stored(&id, *rev, text)?)))
            .collect::<Result<_, AppError>>()?;
        Ok(parsed
            .iter()
            .enumerate()
            .take(SUMMARISED)
            .map(|(i, (rev, doc))| {
                let diffs = parsed
                    .get(i + 1)
                    .map(|(_, before)| engine::report::diff_inputs(before, doc))
                    .unwrap_or_default();
                let changes = diffs
                    .iter()
                    .take(NAMED)
                    .map(engine::report::InputDiff::line)
                    .collect::<Vec<_>>();
                let opts = engine::Options {
                    curve_points: 2,
                    curve_max_calls: None,
                };
                let code = doc.currency.as_ref().map_or("USD", |c| c.code.as_str());
                let headline = engine::evaluate_document(doc.clone(), opts)
                    .ok()
                    .and_then(|e| e.cheapest)
                    .map(|c| {
                        format!(
                            "cheapest: {} at {}/month",
                            c.name,
                            crate::format::money_in(c.monthly_cost, code)
                        )
                    });
                (*rev, changes, diffs.len(), headline)
            })
            .collect())
    })
    .await??;
    for (rev, changes, changed, headline) in summaries {
        if let Some(r) = out.iter_mut().find(|r| r.revision == rev) {
            r.changes = changes;
            r.changed = changed;
            r.headline = headline;
        }
    }
    Ok(out)
}
