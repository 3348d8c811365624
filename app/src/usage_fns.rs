//! Server functions of the usage page: thin, like `server_fns`.

use crate::dto::{Access, StoredUsage, UsageApplied, UsagePreview, UsageTarget};
use crate::error::AppError;
#[cfg(feature = "ssr")]
use crate::server_fns::{author, db, with_status};
use leptos::prelude::*;
use server_fn::codec::Json;

/// Most files listed on the usage page.
pub const LISTED: i64 = 50;

/// The workspace's usage files, newest first.
#[server(prefix = "/sfn", endpoint = "list_usage_files", input = Json)]
#[cfg_attr(
    feature = "ssr",
    tracing::instrument(skip(access), err(level = "info"))
)]
pub async fn list_usage_files(access: Access) -> Result<Vec<StoredUsage>, AppError> {
    with_status(
        async move {
            let db = db()?;
            let ws = crate::db::workspaces::resolve(&db, &access).await?;
            crate::db::usage::list(&db, &ws, LISTED).await
        }
        .await,
    )
}

/// Files of the workspace read together: workload and reconciliation.
#[server(prefix = "/sfn", endpoint = "read_usage", input = Json)]
#[cfg_attr(
    feature = "ssr",
    tracing::instrument(skip(access, ids, calls), err(level = "info"))
)]
pub async fn read_usage(
    access: Access,
    ids: Vec<String>,
    #[server(default)] calls: std::collections::BTreeMap<String, f64>,
) -> Result<UsagePreview, AppError> {
    with_status(
        async move {
            let db = db()?;
            let ws = crate::db::workspaces::resolve(&db, &access).await?;
            crate::db::usage::preview(&db, &ws, &ids, &calls).await
        }
        .await,
    )
}

/// The measured workload into a new scenario, or over a scenario's workload.
#[server(prefix = "/sfn", endpoint = "usage_apply", input = Json)]
#[cfg_attr(
    feature = "ssr",
    tracing::instrument(skip(access, ids, target, calls), err(level = "info"))
)]
pub async fn usage_apply(
    access: Access,
    ids: Vec<String>,
    target: UsageTarget,
    #[server(default)] calls: std::collections::BTreeMap<String, f64>,
) -> Result<UsageApplied, AppError> {
    with_status(
        async move {
            let (db, author) = (db()?, author());
            let ws = crate::db::workspaces::resolve(&db, &access).await?;
            crate::db::usage::apply(&db, &ws, &ids, &calls, &target, &author).await
        }
        .await,
    )
}

/// What the files' days would have cost under every option of a scenario.
#[server(prefix = "/sfn", endpoint = "usage_backtest", input = Json)]
#[cfg_attr(
    feature = "ssr",
    tracing::instrument(skip(access, ids, key), err(level = "info"))
)]
pub async fn usage_backtest(
    access: Access,
    ids: Vec<String>,
    id: String,
    key: String,
) -> Result<engine::usage::backtest::Backtest, AppError> {
    with_status(
        async move {
            let db = db()?;
            let ws = crate::db::workspaces::resolve(&db, &access).await?;
            crate::db::usage::backtest(&db, &ws, &ids, &id, &key).await
        }
        .await,
    )
}

/// Deletes a usage file: its counts and any original. Only with the workspace's key.
#[server(prefix = "/sfn", endpoint = "delete_usage_file", input = Json)]
#[cfg_attr(
    feature = "ssr",
    tracing::instrument(skip(access, id), err(level = "info"))
)]
pub async fn delete_usage_file(access: Access, id: String) -> Result<(), AppError> {
    with_status(
        async move {
            let db = db()?;
            crate::db::usage::delete(&db, &access, &id).await
        }
        .await,
    )
}
