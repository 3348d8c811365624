//! Server functions: thin. Take the pool from context, call `db` or the engine, map errors.

use crate::dto::{ChartOptions, Created, Live, Loaded, RevisionSummary, ScenarioSummary};
use crate::error::AppError;
use engine::Scenario;
use leptos::prelude::*;
use server_fn::codec::Json;

/// Curve points sent while editing (the charts ask for more).
pub const LIVE_CURVE_POINTS: usize = 64;

/// On the server, an error answer carries its HTTP status (409 conflict, 422 invalid,
/// 404, 503...) rather than a blanket 500; the browser gets the same typed error.
#[cfg(feature = "ssr")]
fn answer<T>(r: Result<T, AppError>) -> Result<T, AppError> {
    if let Err(e) = &r {
        if let Some(ro) = use_context::<leptos_axum::ResponseOptions>() {
            ro.set_status(e.status());
        }
    }
    r
}

#[cfg(feature = "ssr")]
fn pool() -> Result<sqlx::SqlitePool, AppError> {
    use_context::<crate::db::AppState>()
        .map(|s| s.pool)
        .ok_or_else(|| {
            AppError::internal(anyhow::anyhow!("AppState missing from the Leptos context"))
        })
}

#[server(prefix = "/sfn", endpoint = "list_scenarios", input = Json)]
pub async fn list_scenarios(query: String) -> Result<Vec<ScenarioSummary>, AppError> {
    answer(async move { crate::db::list(&pool()?, query.trim(), 100).await }.await)
}

#[server(prefix = "/sfn", endpoint = "create_from_template", input = Json)]
pub async fn create_from_template(template: String) -> Result<Created, AppError> {
    answer(
        async move {
            let doc = engine::templates::template(&template)
                .ok_or_else(|| AppError::NotFound(format!("template '{template}'")))?;
            crate::db::create(&pool()?, &doc, "").await
        }
        .await,
    )
}

/// Creates a new scenario from a document, e.g. an edit kept after a conflict.
#[server(prefix = "/sfn", endpoint = "create_copy", input = Json)]
pub async fn create_copy(document: Scenario) -> Result<Created, AppError> {
    answer(
        async move {
            engine::validate(document.clone())?;
            crate::db::create(&pool()?, &document, "").await
        }
        .await,
    )
}

#[server(prefix = "/sfn", endpoint = "load_for_edit", input = Json)]
pub async fn load_for_edit(id: String, key: String) -> Result<Loaded, AppError> {
    answer(
        async move { crate::db::load_for_edit(&pool()?, &id, &key, LIVE_CURVE_POINTS).await }.await,
    )
}

#[server(prefix = "/sfn", endpoint = "load_for_view", input = Json)]
pub async fn load_for_view(token: String) -> Result<Loaded, AppError> {
    answer(async move { crate::db::load_for_view(&pool()?, &token, LIVE_CURVE_POINTS).await }.await)
}

#[server(prefix = "/sfn", endpoint = "save_scenario", input = Json)]
pub async fn save_scenario(
    id: String,
    key: String,
    base_revision: i64,
    document: Scenario,
) -> Result<i64, AppError> {
    answer(
        async move { crate::db::save(&pool()?, &id, &key, base_revision, &document, "").await }
            .await,
    )
}

#[server(prefix = "/sfn", endpoint = "scenario_history", input = Json)]
pub async fn scenario_history(id: String, key: String) -> Result<Vec<RevisionSummary>, AppError> {
    answer(async move { crate::db::history(&pool()?, &id, &key).await }.await)
}

#[server(prefix = "/sfn", endpoint = "restore_revision", input = Json)]
pub async fn restore_revision(id: String, key: String, revision: i64) -> Result<i64, AppError> {
    answer(async move { crate::db::restore(&pool()?, &id, &key, revision, "").await }.await)
}

/// One round trip per edit: the engine's numbers and the chart drawn from them.
#[server(prefix = "/sfn", endpoint = "evaluate_live", input = Json)]
pub async fn evaluate_live(document: Scenario, chart: ChartOptions) -> Result<Live, AppError> {
    answer(
        crate::compute::for_document(crate::compute::is_heavy(&document, 256), move || {
            crate::charts::live(document, &chart)
        })
        .await
        .and_then(|r| r),
    )
}

/// Stored benchmark runs, newest first; `query` matches model, hardware, label or file.
#[server(prefix = "/sfn", endpoint = "list_benchmark_runs", input = Json)]
pub async fn list_benchmark_runs(query: String) -> Result<Vec<crate::dto::BenchRunRow>, AppError> {
    answer(async move { crate::db::benchmarks::list(&pool()?, query.trim(), 500).await }.await)
}

#[server(prefix = "/sfn", endpoint = "benchmark_run", input = Json)]
pub async fn benchmark_run(id: String) -> Result<crate::dto::BenchRunDetail, AppError> {
    answer(async move { crate::db::benchmarks::detail(&pool()?, &id).await }.await)
}

/// Two scenarios (view links) or two revisions of one (edit key), side by side.
#[server(prefix = "/sfn", endpoint = "compare", input = Json)]
pub async fn compare(
    a: crate::dto::CompareSide,
    b: crate::dto::CompareSide,
) -> Result<crate::dto::Comparison, AppError> {
    answer(
        async move {
            let pool = pool()?;
            let a = crate::db::compare_column(&pool, &a, LIVE_CURVE_POINTS).await?;
            let b = crate::db::compare_column(&pool, &b, LIVE_CURVE_POINTS).await?;
            let diffs = engine::report::diff_inputs(&a.document, &b.document);
            Ok(crate::dto::Comparison { a, b, diffs })
        }
        .await,
    )
}

#[server(prefix = "/sfn", endpoint = "list_custom_entries", input = Json)]
pub async fn list_custom_entries() -> Result<Vec<crate::dto::CustomEntry>, AppError> {
    answer(async move { crate::db::catalog::list(&pool()?).await }.await)
}

#[server(prefix = "/sfn", endpoint = "add_custom_entry", input = Json)]
pub async fn add_custom_entry(
    item: crate::dto::CustomItem,
) -> Result<crate::dto::CustomEntry, AppError> {
    answer(async move { crate::db::catalog::add(&pool()?, item).await }.await)
}

#[server(prefix = "/sfn", endpoint = "delete_custom_entry", input = Json)]
pub async fn delete_custom_entry(id: String, key: String) -> Result<(), AppError> {
    answer(
        async move {
            crate::db::catalog::delete(&pool()?, &id, crate::db::catalog::Deleter::Key(&key)).await
        }
        .await,
    )
}
