//! The Breakeven server: configuration, database, the Leptos app, the JSON API, health, shutdown.

pub mod admin;
pub mod api;
pub mod benchmarks;
pub mod chargeback;
pub mod config;
pub mod exports;
mod extract;
pub mod guard;
mod headers;
pub mod limits;
pub mod logline;
pub mod onepager;
mod routes;
pub mod serve;
pub mod sfn;
pub mod slides;
pub mod usage;
pub mod workbook;

use app::db::AppState;
use axum::extract::{FromRef, State};
use axum::http::StatusCode;
use axum::response::IntoResponse;
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
    /// `BREAKEVEN_ADMIN_TOKEN`: enables backup and restore over HTTP.
    pub admin_token: Option<String>,
    pub max_restore_bytes: u64,
    /// How slowly uploads and restores may arrive.
    pub pace: limits::Pace,
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
        // Content-hashed JS and wasm names when the build wrote hash.txt beside the binary.
        .hash_files(app::assets::hashes().is_some())
        .build()
}

#[tracing::instrument(skip_all)]
pub(crate) async fn healthz(State(s): State<ServerState>) -> impl IntoResponse {
    if app::db::healthy(&s.app.db).await {
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

/// The app's page routes, found once per process.
///
/// `generate_route_list` renders the app with resource loading switched off by a
/// process-wide flag (leptos_server's `SuppressResourceLoad`); a resource first polled
/// by a page render in that window never loads, and its response never ends
/// (leptos-rs/leptos#4773). Finding the routes once, before any router exists, keeps
/// that window away from every request, also when one process builds several routers
/// (the tests do).
fn route_list() -> Vec<leptos_axum::AxumRouteListing> {
    static ROUTES: std::sync::OnceLock<Vec<leptos_axum::AxumRouteListing>> =
        std::sync::OnceLock::new();
    ROUTES.get_or_init(|| generate_route_list(app::App)).clone()
}

/// The whole application as one router.
pub fn router(cfg: &config::Config, state: AppState) -> Router {
    let leptos = leptos_options(cfg);
    let pages = route_list();
    let server_state = ServerState {
        leptos: leptos.clone(),
        app: state.clone(),
        uploads: UploadLimits {
            max_upload_bytes: cfg.max_upload_bytes,
            max_stored_bytes: cfg.max_stored_file_bytes,
        },
        admin_token: cfg.admin_token.clone(),
        max_restore_bytes: cfg.max_restore_bytes,
        pace: limits::Pace {
            idle: cfg.body_idle_timeout,
            min_bytes_per_sec: cfg.min_upload_bytes_per_sec,
        },
    };
    let limits = guard::RateLimits::from_config(cfg);
    // Uploads stream past the general body limit, with their own size check and timeout.
    let streamed = routes::streamed(
        &limits,
        cfg.max_upload_bytes,
        cfg.max_restore_bytes,
        cfg.max_body_bytes as u64,
    )
    .layer(axum::extract::DefaultBodyLimit::disable())
    .layer(TimeoutLayer::with_status_code(
        StatusCode::REQUEST_TIMEOUT,
        cfg.upload_timeout,
    ));
    let main = routes::json(&limits)
        .leptos_routes_with_context(
            &server_state,
            pages,
            {
                let state = state.clone();
                move || {
                    provide_context(state.clone());
                    leptos::nonce::provide_nonce();
                }
            },
            {
                let leptos = leptos.clone();
                move || app::shell(leptos.clone())
            },
        )
        // Assets: the build's .br and .gz served to clients that take them.
        .nest_service(
            "/pkg",
            tower_http::services::ServeDir::new(format!("{}/pkg", cfg.site_root))
                .precompressed_br()
                .precompressed_gzip(),
        )
        .fallback(leptos_axum::file_and_error_handler::<ServerState, _>(
            app::shell,
        ))
        .layer(RequestBodyLimitLayer::new(cfg.max_body_bytes))
        // A page streams its body after the headers, which `TimeoutLayer` no longer
        // covers: a body that sends nothing for this long is cut off rather than left
        // open.
        .layer(tower_http::timeout::ResponseBodyTimeoutLayer::new(
            cfg.request_timeout,
        ))
        .layer(TimeoutLayer::with_status_code(
            StatusCode::REQUEST_TIMEOUT,
            cfg.request_timeout,
        ))
        // Server functions' own errors get their status before the 413 gets its shape.
        .layer(axum::middleware::from_fn(sfn::error_status))
        .layer(axum::middleware::from_fn_with_state(
            limits::Declared(cfg.max_body_bytes as u64),
            limits::declared,
        ));
    main.merge(streamed)
        .layer(axum::middleware::from_fn_with_state(
            limits,
            guard::rate_limit,
        ))
        .layer(axum::middleware::from_fn(limits::answers))
        .layer(axum::middleware::from_fn(guard::same_site_writes))
        .layer(axum::middleware::from_fn(headers::security_headers))
        // Pages, JSON and SVG compressed on the fly (the assets come precompressed and
        // carry their Content-Encoding, which this layer leaves alone). Fastest: brotli's
        // default (11) costs milliseconds of CPU on every live answer.
        .layer(
            tower_http::compression::CompressionLayer::new()
                .br(true)
                .gzip(true)
                .quality(tower_http::CompressionLevel::Fastest),
        )
        .layer(TraceLayer::new_for_http().make_span_with(logline::request_span))
        .with_state(server_state)
}

/// Opens the database and serves until SIGTERM / Ctrl-C; in-flight requests finish.
pub async fn run(cfg: config::Config) -> anyhow::Result<()> {
    use anyhow::Context;
    let db = app::db::connect(&cfg.database_url).await?;
    // Rows from before workspaces (or an older backup) go into one workspace, whose
    // link is printed this once; `breakeven workspace list` prints it again.
    if let Some(w) = app::db::workspaces::adopt_orphans(&db)
        .await
        .map_err(|e| anyhow::anyhow!("{e}"))?
    {
        println!(
            "breakeven: existing scenarios, benchmark files and catalog entries are now in the workspace \"{}\": http://{}{}",
            w.name,
            cfg.addr,
            w.path()
        );
    }
    if let Some(t) = &cfg.default_workspace {
        anyhow::ensure!(
            cfg.user_header.is_some(),
            "BREAKEVEN_DEFAULT_WORKSPACE is for a server behind a sign-on proxy: set BREAKEVEN_USER_HEADER too (the workspace is offered only to users the proxy names)"
        );
        app::db::workspaces::by_token(&db, t).await.map_err(|_| {
            anyhow::anyhow!("BREAKEVEN_DEFAULT_WORKSPACE names no workspace of this database (see `breakeven workspace list`)")
        })?;
    }
    let app = router(
        &cfg,
        AppState {
            db: db.clone(),
            user_header: cfg.user_header.clone(),
            default_workspace: cfg.default_workspace.clone(),
        },
    );
    let listener = tokio::net::TcpListener::bind(cfg.addr)
        .await
        .with_context(|| format!("binding {}", cfg.addr))?;
    tracing::info!(addr = %cfg.addr, database = %cfg.database_url, "listening on http://{}", cfg.addr);
    serve::serve(
        listener,
        app,
        serve::ConnectionLimits {
            max_connections: cfg.max_connections,
            header_read_timeout: cfg.header_read_timeout,
            write_stall_timeout: cfg.write_stall_timeout,
            shutdown_grace: cfg.request_timeout,
        },
        shutdown_signal(),
    )
    .await;
    db.close().await;
    tracing::info!("stopped cleanly");
    Ok(())
}

/// `breakeven backup FILE`: a consistent snapshot of everything, as one JSON file
/// (written to FILE.tmp, synced, then renamed, so a crash never leaves half a backup).
pub async fn backup_to_file(cfg: &config::Config, file: &str) -> anyhow::Result<()> {
    use anyhow::Context;
    use std::io::Write;
    let db = app::db::connect(&cfg.database_url).await?;
    let b = app::db::backup::export(&db)
        .await
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    let tmp = format!("{file}.tmp");
    {
        let mut f = std::fs::File::create(&tmp).with_context(|| format!("creating {tmp}"))?;
        serde_json::to_writer(&mut f, &b).context("writing the backup")?;
        f.flush()?;
        f.sync_all()?;
    }
    std::fs::rename(&tmp, file).with_context(|| format!("renaming {tmp} to {file}"))?;
    let runs: usize = b.benchmark_files.iter().map(|f| f.runs.len()).sum();
    println!(
        "backup: {} scenarios ({} revisions), {} benchmark runs, {} custom entries -> {file}",
        b.scenarios.len(),
        b.scenarios.iter().map(|s| s.revisions.len()).sum::<usize>(),
        runs,
        b.custom_catalog.len()
    );
    db.close().await;
    Ok(())
}

/// `breakeven workspace list`: every workspace with its link, for the operator.
/// `breakeven workspace create NAME`: a new one.
pub async fn workspace_command(cfg: &config::Config, args: &[&str]) -> anyhow::Result<()> {
    let db = app::db::connect(&cfg.database_url).await?;
    let e = |e: app::error::AppError| anyhow::anyhow!("{e}");
    match args {
        ["list"] => {
            if let Some(w) = app::db::workspaces::adopt_orphans(&db).await.map_err(e)? {
                println!("(existing data adopted into \"{}\")", w.name);
            }
            for (w, n) in app::db::workspaces::list_all(&db).await.map_err(e)? {
                println!(
                    "{}\t{} scenarios\thttp://{}{}",
                    w.name,
                    n,
                    cfg.addr,
                    w.path()
                );
            }
        }
        ["create", name] => {
            let w = app::db::workspaces::create(&db, name).await.map_err(e)?;
            println!("{}\thttp://{}{}", w.info.name, cfg.addr, w.info.path());
        }
        _ => anyhow::bail!("usage: breakeven workspace [list | create NAME]"),
    }
    db.close().await;
    Ok(())
}

/// `breakeven restore FILE`: into an empty database only.
pub async fn restore_from_file(cfg: &config::Config, file: &str) -> anyhow::Result<()> {
    use anyhow::Context;
    let text = std::fs::read_to_string(file).with_context(|| format!("reading {file}"))?;
    let b: app::db::backup::Backup =
        serde_json::from_str(&text).with_context(|| format!("{file} is not a Breakeven backup"))?;
    let db = app::db::connect(&cfg.database_url).await?;
    let r = app::db::backup::import(&db, &b)
        .await
        .map_err(|e| match e {
            app::error::AppError::NotEmpty => anyhow::anyhow!(
                "the database at {} is not empty; restore only into an empty one",
                cfg.database_url
            ),
            other => anyhow::anyhow!("{other}"),
        })?;
    println!(
        "restore: {} scenarios ({} revisions), {} benchmark runs, {} custom entries, {} usage files from {file}",
        r.scenarios, r.revisions, r.benchmark_runs, r.custom_entries, r.usage_files
    );
    if let Some(path) = r.adopted_into {
        println!(
            "restore: the backup predates workspaces; its data is in http://{}{path}",
            cfg.addr
        );
    }
    db.close().await;
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
