//! Every route the server answers besides the Leptos pages and server functions, in
//! one table: method, path, handler, and the rate-limited action where there is one.
//! Two groups differ in their limits (set in `crate::router`): JSON routes take bodies
//! up to `BREAKEVEN_MAX_BODY_BYTES` and answer within the request timeout; streamed
//! routes (uploads, backup, restore) read their bodies paced, with their own size
//! limit and the upload timeout. Server functions (`/sfn/...`) are rate-limited by
//! their declared paths in `guard::rate_limit`.

use crate::guard::{self, Action, RateLimits};
use crate::limits::{self, Declared};
use crate::{admin, api, benchmarks, chargeback, exports, usage, ServerState};
use app::error::AppError;
use axum::routing::{delete, get, post, put, MethodRouter};
use axum::Router;

/// `route` counts against `action`'s budget per client address.
fn limited(
    route: MethodRouter<ServerState>,
    limits: &RateLimits,
    action: Action,
) -> MethodRouter<ServerState> {
    route.route_layer(axum::middleware::from_fn_with_state(
        (limits.clone(), action),
        guard::limit,
    ))
}

/// `route` refuses a declared body over `max` bytes before reading it.
fn at_most(route: MethodRouter<ServerState>, max: u64) -> MethodRouter<ServerState> {
    route.route_layer(axum::middleware::from_fn_with_state(
        Declared(max),
        limits::declared,
    ))
}

/// The JSON API, health and the view exports.
pub fn json(l: &RateLimits) -> Router<ServerState> {
    Router::new()
        .route("/healthz", get(crate::healthz))
        .route("/api/openapi.json", get(api::openapi))
        .route("/api/templates", get(api::templates))
        .route("/api/evaluate", post(api::evaluate))
        .route(
            "/api/workspaces",
            limited(post(api::create_workspace), l, Action::Create),
        )
        .route("/api/workspace", get(api::workspace))
        .route(
            "/api/scenarios",
            limited(post(api::create), l, Action::Create),
        )
        .route(
            "/api/scenarios/{id}",
            get(api::get_scenario).merge(limited(put(api::save), l, Action::Save)),
        )
        .route("/api/scenarios/{id}/revisions", get(api::revisions))
        .route(
            "/api/scenarios/{id}/revisions/{rev}/restore",
            limited(post(api::restore), l, Action::Save),
        )
        .route("/api/views/{token}", get(api::view))
        .route("/api/render", post(exports::render))
        .route("/api/benchmarks/{id}", get(benchmarks::get))
        .route("/api/usage/workload", post(usage::workload))
        .route("/api/usage/backtest", post(usage::backtest))
        .route(
            "/api/usage/apply",
            limited(post(usage::apply), l, Action::Create),
        )
        .route("/api/usage/{id}", get(usage::get).delete(usage::delete))
        .route("/api/usage/{id}/original", get(usage::original))
        .route(
            "/w/{token}/usage/{id}/original",
            get(usage::original_by_link),
        )
        .route(
            "/api/benchmark-files/{id}",
            axum::routing::delete(benchmarks::delete_file),
        )
        .route(
            "/api/benchmark-files/{id}/original",
            get(benchmarks::original),
        )
        .route("/api/{*rest}", axum::routing::any(api_not_found))
        .route("/api", axum::routing::any(api_not_found))
        .route("/v/{token}/chart/{file}", get(exports::chart))
        .route("/v/{token}/export.csv", get(exports::csv))
        .route("/v/{token}/export.xlsx", get(exports::xlsx))
        .route("/v/{token}/summary.pdf", get(exports::pdf))
        .route("/v/{token}/slides.pdf", get(crate::slides::slides))
        // A frozen link exports its one revision (the handlers read which from the route).
        .route("/f/{token}/chart/{file}", get(exports::chart))
        .route("/f/{token}/export.csv", get(exports::csv))
        .route("/f/{token}/export.xlsx", get(exports::xlsx))
        .route("/f/{token}/summary.pdf", get(exports::pdf))
        .route("/f/{token}/slides.pdf", get(crate::slides::slides))
        .route(
            "/v/{token}/internal-price.json",
            get(chargeback::internal_price),
        )
        .route(
            "/f/{token}/internal-price.json",
            get(chargeback::internal_price),
        )
}

/// Uploads, backup and restore: bodies streamed and paced, each with its own limit.
pub fn streamed(
    l: &RateLimits,
    upload_bytes: u64,
    restore_bytes: u64,
    body_bytes: u64,
) -> Router<ServerState> {
    Router::new()
        .route(
            "/api/benchmarks",
            get(benchmarks::list).merge(at_most(
                limited(post(benchmarks::upload), l, Action::Upload),
                upload_bytes,
            )),
        )
        .route(
            "/api/usage",
            get(usage::list).merge(at_most(
                limited(post(usage::upload), l, Action::Upload),
                upload_bytes.min(crate::usage::MAX_USAGE_BYTES),
            )),
        )
        .route("/api/admin/backup", get(admin::backup))
        .route(
            "/api/admin/restore",
            at_most(post(admin::restore), restore_bytes),
        )
        .route(
            "/api/admin/catalog/{id}",
            at_most(delete(admin::delete_catalog_entry), body_bytes),
        )
}

async fn api_not_found() -> AppError {
    AppError::NotFound("API route".into())
}
