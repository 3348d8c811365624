//! A measured workload into a new scenario, or over a scenario's workload.

use super::preview;
use crate::db::Db;
use crate::dto::{UsageApplied, UsageTarget};
use crate::error::AppError;
use engine::FieldError;

/// The measured workload of `ids` into a new scenario or over a scenario's workload.
/// A replace is a new revision (the one before stays in the history) and refuses a
/// scenario of another workspace as not found.
pub async fn apply(
    db: &Db,
    workspace_id: &str,
    ids: &[String],
    calls: &std::collections::BTreeMap<String, f64>,
    target: &UsageTarget,
    author: &str,
) -> Result<UsageApplied, AppError> {
    let p = preview(db, workspace_id, ids, calls).await?;
    let tasks: Vec<engine::scenario::TaskType> = p
        .workload
        .task_types
        .iter()
        .map(|t| t.task_type.clone())
        .collect();
    if tasks.is_empty() {
        return Err(AppError::Invalid(vec![FieldError {
            path: "ids".into(),
            message: "none of these files counts requests, so no task type can be measured: type the calls a month of each group that asks for them, or add a per-request log or a usage report that counts requests".into(),
        }]));
    }
    match target {
        UsageTarget::New { template } => {
            let mut doc = engine::templates::template(template).ok_or_else(|| {
                AppError::Invalid(vec![FieldError {
                    path: "template".into(),
                    message: format!("unknown template '{template}'"),
                }])
            })?;
            engine::usage::file::replace_workload(&mut doc, &tasks);
            let tiers_added = engine::usage::file::add_measured_tiers(&mut doc)
                .iter()
                .filter_map(|id| engine::catalog::tier(id).map(|t| t.name.to_string()))
                .collect();
            let first = p
                .files
                .iter()
                .find(|f| f.file.records > 0)
                .or(p.files.first());
            let more = match p.files.len() {
                0 | 1 => String::new(),
                n => format!(" and {} more", n - 1),
            };
            doc.name = format!(
                "From usage: {}{more}",
                first.map(|f| f.file.file_name.as_str()).unwrap_or("files")
            )
            .chars()
            .take(engine::validate::limits::NAME_CHARS)
            .collect();
            // Where its figures come from: the files, not the template's story.
            let read: Vec<String> = p
                .files
                .iter()
                .take(5)
                .map(|f| match &f.file.period {
                    Some(pd) => format!("{} ({} to {})", f.file.file_name, pd.start, pd.end),
                    None => f.file.file_name.clone(),
                })
                .collect();
            let rest = match p.files.len().saturating_sub(read.len()) {
                0 => String::new(),
                n => format!(" and {n} more"),
            };
            let from = engine::templates::TEMPLATES
                .iter()
                .find(|t| t.id == template.as_str())
                .map_or(template.as_str(), |t| t.name);
            doc.notes = format!(
                "Workload measured from usage files: {}{rest}. API tiers and GPU configurations from the template \u{201c}{from}\u{201d}.",
                read.join(", ")
            )
            .chars()
            .take(engine::validate::limits::NOTES_CHARS)
            .collect();
            engine::validate(doc.clone())?;
            let c = crate::db::create(db, workspace_id, &doc, author).await?;
            Ok(UsageApplied {
                edit_path: Some(c.edit_path()),
                id: c.id,
                revision: c.revision,
                task_types: tasks.len(),
                followed: 0,
                tiers_added,
            })
        }
        UsageTarget::Replace { id, key } => {
            if crate::db::workspaces::of_scenario(db, id, key).await? != workspace_id {
                return Err(AppError::NotFound("scenario".into()));
            }
            let l = crate::db::load_for_edit(db, id, key, crate::db::Detail::Curves(2)).await?;
            let mut doc = l.document;
            let followed = engine::usage::file::replace_workload(&mut doc, &tasks);
            // A Claude model the usage measured and the scenario lacks is added as its
            // catalog tier (named in the answer), as a new scenario gets it: else a
            // workload measured on Opus leaves no tier that meets its quality floor.
            let tiers_added = engine::usage::file::add_measured_tiers(&mut doc)
                .iter()
                .filter_map(|id| engine::catalog::tier(id).map(|t| t.name.to_string()))
                .collect();
            let revision =
                crate::db::save(db, id, key, l.latest_revision.max(l.revision), &doc, author)
                    .await?;
            Ok(UsageApplied {
                id: id.clone(),
                edit_path: None,
                revision,
                task_types: tasks.len(),
                followed,
                tiers_added,
            })
        }
    }
}
