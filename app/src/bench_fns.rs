//! Server functions of the benchmark pages and the editor's run picker: thin, like
//! `server_fns`.

use crate::dto::Access;
use crate::error::AppError;
#[cfg(feature = "ssr")]
use crate::server_fns::{db, with_status};
use leptos::prelude::*;
use server_fn::codec::Json;

/// A workspace's stored benchmark runs, newest first; `query` matches model, hardware,
/// label or file.
#[server(prefix = "/sfn", endpoint = "list_benchmark_runs", input = Json)]
#[cfg_attr(
    feature = "ssr",
    tracing::instrument(skip(access, query), err(level = "info"))
)]
pub async fn list_benchmark_runs(
    access: Access,
    query: String,
) -> Result<Vec<crate::dto::BenchRunRow>, AppError> {
    with_status(
        async move {
            let db = db()?;
            let ws = crate::db::workspaces::resolve(&db, &access).await?;
            crate::db::benchmarks::list(&db, &ws, query.trim(), crate::dto::RUNS_LISTED as i64)
                .await
        }
        .await,
    )
}

/// Deletes a benchmark file and its runs: workspace key only, refused while a saved
/// scenario takes its throughput from one of them.
#[server(prefix = "/sfn", endpoint = "delete_benchmark_file", input = Json)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn delete_benchmark_file(
    access: Access,
    file_id: String,
) -> Result<crate::dto::DeletedFile, AppError> {
    with_status(
        async move {
            let db = db()?;
            crate::db::benchmarks::delete_file(&db, &access, &file_id).await
        }
        .await,
    )
}

#[server(prefix = "/sfn", endpoint = "benchmark_run", input = Json)]
#[cfg_attr(
    feature = "ssr",
    tracing::instrument(skip(access), err(level = "info"))
)]
pub async fn benchmark_run(
    access: Access,
    id: String,
) -> Result<crate::dto::BenchRunDetail, AppError> {
    with_status(
        async move {
            let db = db()?;
            let ws = crate::db::workspaces::resolve(&db, &access).await?;
            crate::db::benchmarks::detail(&db, &ws, &id, access.scenario()).await
        }
        .await,
    )
}
