//! Server functions of a stale save's way out: thin, like `server_fns`.

use crate::dto::Reapplied;
use crate::error::AppError;
#[cfg(feature = "ssr")]
use crate::server_fns::{db, with_status};
use engine::Scenario;
use leptos::prelude::*;
use server_fn::codec::Json;

/// The edit `document`, made on revision `base`, laid over the latest revision; nothing
/// is saved (the editor shows it unsaved, to check and save).
#[server(prefix = "/sfn", endpoint = "reapply_edit", input = Json)]
#[cfg_attr(
    feature = "ssr",
    tracing::instrument(skip(key, document), err(level = "info"))
)]
pub async fn reapply_edit(
    id: String,
    key: String,
    base: i64,
    document: Scenario,
) -> Result<Reapplied, AppError> {
    with_status(async move { crate::db::reapply(&*db()?, &id, &key, base, &document).await }.await)
}
