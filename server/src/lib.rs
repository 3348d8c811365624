//! The Breakeven server: configuration, database, the Leptos app, the JSON API,
//! health, limits and graceful shutdown.

pub mod api;
pub mod benchmarks;
pub mod config;
pub mod exports;

use app::db::AppState;
use axum::extract::{FromRef, State};
use axum::http::StatusCode;
use axum::response::IntoResponse;
use axum::routing::get;
use axum::{Json, Router};
use leptos::prelude::*;
use leptos_axum::{generate_route_list, LeptosRoutes};
use std::sync::Arc;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::TraceLayer;

/// Everything a handler may need.
#[derive(Clone)]
pub struct ServerState {
    pub leptos: LeptosOptions,
    pub app: AppState,
    pub uploads: UploadLimits,
}

/// Limits of benchmark uploads (see [`config::Config`]).
#[derive(Clone, Debug)]
pub struct UploadLimits {
    pub max_upload_bytes: u64,
    pub max_stored_bytes: u64,
}

impl FromRef<ServerState> for LeptosOptions {
    fn from_ref(s: &ServerState) -> Self {
        s.leptos.clone()
    }
}

pub fn leptos_options(cfg: &config::Config) -> LeptosOptions {
    LeptosOptions::builder()
        .output_name(Arc::<str>::from("breakeven"))
        .site_root(Arc::<str>::from(cfg.site_root.as_str()))
        .site_pkg_dir(Arc::<str>::from("pkg"))
        .site_addr(cfg.addr)
        .build()
}

async fn healthz(State(s): State<ServerState>) -> impl IntoResponse {
    if app::db::healthy(&s.app.pool).await {
        (
            StatusCode::OK,
            Json(serde_json::json!({ "status": "ok", "database": "ok" })),
        )
    } else {
        (
            StatusCode::SERVICE_UNAVAILABLE,
            Json(serde_json::json!({ "status": "unavailable", "database": "unreachable" })),
        )
    }
}

/// The whole application as one router.
pub fn router(cfg: &config::Config, state: AppState) -> Router {
    let leptos = leptos_options(cfg);
    let routes = generate_route_list(app::App);
    let server_state = ServerState {
        leptos: leptos.clone(),
        app: state.clone(),
        uploads: UploadLimits {
            max_upload_bytes: cfg.max_upload_bytes,
            max_stored_bytes: cfg.max_stored_file_bytes,
        },
    };
    // Uploads stream past the general body limit, with their own size check and timeout.
    let uploads = Router::new()
        .route(
            "/api/benchmarks",
            get(benchmarks::list).post(benchmarks::upload),
        )
        .layer(TimeoutLayer::with_status_code(
            StatusCode::REQUEST_TIMEOUT,
            cfg.upload_timeout,
        ));
    let main = Router::new()
        .route("/healthz", get(healthz))
        .nest("/api", api::routes())
        .route("/v/{token}/chart/{file}", get(exports::chart))
        .route("/v/{token}/export.csv", get(exports::csv))
        .leptos_routes_with_context(
            &server_state,
            routes,
            {
                let state = state.clone();
                move || provide_context(state.clone())
            },
            {
                let leptos = leptos.clone();
                move || app::shell(leptos.clone())
            },
        )
        .fallback(leptos_axum::file_and_error_handler::<ServerState, _>(
            app::shell,
        ))
        .layer(RequestBodyLimitLayer::new(cfg.max_body_bytes))
        .layer(TimeoutLayer::with_status_code(
            StatusCode::REQUEST_TIMEOUT,
            cfg.request_timeout,
        ));
    main.merge(uploads)
        .layer(TraceLayer::new_for_http())
        .with_state(server_state)
}

/// Opens the database and serves until SIGTERM / Ctrl-C; in-flight requests finish.
pub async fn run(cfg: config::Config) -> anyhow::Result<()> {
    use anyhow::Context;
    let pool = app::db::connect(&cfg.database_url).await?;
    let app = router(&cfg, AppState { pool: pool.clone() });
    let listener = tokio::net::TcpListener::bind(cfg.addr)
        .await
        .with_context(|| format!("binding {}", cfg.addr))?;
    tracing::info!(addr = %cfg.addr, database = %cfg.database_url, "listening on http://{}", cfg.addr);
    axum::serve(listener, app)
        .with_graceful_shutdown(shutdown_signal())
        .await
        .context("serving")?;
    pool.close().await;
    tracing::info!("stopped cleanly");
    Ok(())
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(e) => {
                tracing::error!(error = %e, "cannot listen for SIGTERM");
                std::future::pending::<()>().await
            }
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = term => {},
    }
    tracing::info!("shutting down: finishing in-flight requests");
}
