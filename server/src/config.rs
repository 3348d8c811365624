//! Typed configuration, read once from the environment (with defaults that run locally).

use anyhow::Context;
use std::net::SocketAddr;
use std::time::Duration;

#[derive(Clone, Debug)]
pub struct Config {
    /// `DATABASE_URL`, default `sqlite:data/breakeven.db` (created on first start).
    pub database_url: String,
    /// `BREAKEVEN_ADDR` (or `LEPTOS_SITE_ADDR`), default 127.0.0.1:3000.
    pub addr: SocketAddr,
    /// `LEPTOS_SITE_ROOT`, default `target/site`: the wasm bundle, CSS and public files.
    pub site_root: String,
    /// `BREAKEVEN_MAX_BODY_BYTES`, default 1 MiB: the largest request body accepted.
    pub max_body_bytes: usize,
    /// `BREAKEVEN_REQUEST_TIMEOUT_SECS`, default 30.
    pub request_timeout: Duration,
    /// `BREAKEVEN_MAX_UPLOAD_BYTES`, default 200 MB: the largest benchmark file accepted.
    pub max_upload_bytes: u64,
    /// `BREAKEVEN_MAX_STORED_FILE_BYTES`, default 8 MiB: originals up to this size are kept in SQLite.
    pub max_stored_file_bytes: u64,
    /// `BREAKEVEN_UPLOAD_TIMEOUT_SECS`, default 600: time allowed for one upload.
    pub upload_timeout: Duration,
    /// `BREAKEVEN_CREATES_PER_MINUTE`, default 60: new scenarios (and catalog entries)
    /// per client address per minute; 0 turns the limit off.
    pub creates_per_minute: u32,
    /// `BREAKEVEN_UPLOADS_PER_MINUTE`, default 30: benchmark uploads per address per minute.
    pub uploads_per_minute: u32,
    /// `BREAKEVEN_COPIES_PER_MINUTE`, default 60: copies of a scenario (a conflict's
    /// "save as a copy") per address per minute.
    pub copies_per_minute: u32,
    /// `BREAKEVEN_CATALOG_WRITES_PER_MINUTE`, default 30: custom catalog entries added or
    /// deleted per address per minute.
    pub catalog_writes_per_minute: u32,
    /// `BREAKEVEN_SAVES_PER_MINUTE`, default 600: saves and restores per address per
    /// minute (0 turns it off; the load and crash checks do).
    pub saves_per_minute: u32,
    /// `BREAKEVEN_ADMIN_TOKEN`, unset by default: enables `/api/admin/backup` and `/restore`.
    pub admin_token: Option<String>,
    /// `BREAKEVEN_USER_HEADER`, unset by default: the request header a trusted sign-on
    /// proxy sets to the user's name (e.g. `X-Forwarded-User` from oauth2-proxy),
    /// recorded as the author of revisions and catalog entries. Set it only when every
    /// request passes through that proxy, which strips the header from clients.
    pub user_header: Option<String>,
    /// `BREAKEVEN_DEFAULT_WORKSPACE`, unset by default: a workspace token (see
    /// `breakeven workspace list`) that the home page opens for everyone who reaches the
    /// server: for one team behind its sign-on proxy.
    pub default_workspace: Option<String>,
    /// `BREAKEVEN_MAX_RESTORE_BYTES`, default 256 MiB: the largest backup `POST
    /// /api/admin/restore` reads (after the token is checked).
    pub max_restore_bytes: u64,
    /// `BREAKEVEN_HEADER_READ_TIMEOUT_SECS`, default 10: a connection must send a whole
    /// request head within this time, and an idle keep-alive connection is closed after it.
    pub header_read_timeout: Duration,
    /// `BREAKEVEN_WRITE_STALL_TIMEOUT_SECS`, default 30: a connection whose answer makes
    /// no progress for this long (the client stopped reading it) is closed.
    pub write_stall_timeout: Duration,
    /// `BREAKEVEN_MAX_CONNECTIONS`, default 512: open connections at once; more wait to
    /// be accepted. Keep it below the process's file-descriptor limit (`ulimit -n`).
    pub max_connections: usize,
    /// `BREAKEVEN_BODY_IDLE_TIMEOUT_SECS`, default 20: an upload that sends nothing for
    /// this long is cut off with 408.
    pub body_idle_timeout: Duration,
    /// `BREAKEVEN_MIN_UPLOAD_BYTES_PER_SEC`, default 16384: after its first 10 s, an
    /// upload slower than this on average is cut off with 408.
    pub min_upload_bytes_per_sec: u64,
}

fn number<T: std::str::FromStr>(name: &str, default: T) -> anyhow::Result<T> {
    match var(name) {
        Some(v) => v
            .trim()
            .parse()
            .map_err(|_| anyhow::anyhow!("{name} '{v}' is not a number")),
        None => Ok(default),
    }
}

fn var(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.trim().is_empty())
}

impl Config {
    /// The defaults, with the given database and site root (tests and tools).
    pub fn local(database_url: String, site_root: String) -> Config {
        Config {
            database_url,
            addr: SocketAddr::from(([127, 0, 0, 1], 0)),
            site_root,
            max_body_bytes: 1 << 20,
            request_timeout: Duration::from_secs(30),
            max_upload_bytes: 200 * 1000 * 1000,
            max_stored_file_bytes: 8 * 1024 * 1024,
            upload_timeout: Duration::from_secs(600),
            creates_per_minute: 60,
            uploads_per_minute: 30,
            copies_per_minute: 60,
            catalog_writes_per_minute: 30,
            saves_per_minute: 600,
            admin_token: None,
            user_header: None,
            default_workspace: None,
            max_restore_bytes: 256 * 1024 * 1024,
            header_read_timeout: Duration::from_secs(10),
            write_stall_timeout: Duration::from_secs(30),
            max_connections: 512,
            body_idle_timeout: Duration::from_secs(20),
            min_upload_bytes_per_sec: 16 * 1024,
        }
    }

    pub fn from_env() -> anyhow::Result<Config> {
        let addr = var("BREAKEVEN_ADDR")
            .or_else(|| var("LEPTOS_SITE_ADDR"))
            .unwrap_or_else(|| "127.0.0.1:3000".into());
        Ok(Config {
            database_url: var("DATABASE_URL").unwrap_or_else(|| "sqlite:data/breakeven.db".into()),
            addr: addr
                .parse()
                .with_context(|| format!("BREAKEVEN_ADDR '{addr}' is not host:port"))?,
            site_root: var("LEPTOS_SITE_ROOT").unwrap_or_else(|| "target/site".into()),
            max_body_bytes: match var("BREAKEVEN_MAX_BODY_BYTES") {
                Some(v) => v.parse().with_context(|| {
                    format!("BREAKEVEN_MAX_BODY_BYTES '{v}' is not a number of bytes")
                })?,
                None => 1 << 20,
            },
            request_timeout: Duration::from_secs(match var("BREAKEVEN_REQUEST_TIMEOUT_SECS") {
                Some(v) => v.parse().with_context(|| {
                    format!("BREAKEVEN_REQUEST_TIMEOUT_SECS '{v}' is not a number")
                })?,
                None => 30,
            }),
            max_upload_bytes: number("BREAKEVEN_MAX_UPLOAD_BYTES", 200 * 1000 * 1000)?,
            max_stored_file_bytes: number("BREAKEVEN_MAX_STORED_FILE_BYTES", 8 * 1024 * 1024)?,
            upload_timeout: Duration::from_secs(number("BREAKEVEN_UPLOAD_TIMEOUT_SECS", 600)?),
            creates_per_minute: number("BREAKEVEN_CREATES_PER_MINUTE", 60)?,
            uploads_per_minute: number("BREAKEVEN_UPLOADS_PER_MINUTE", 30)?,
            copies_per_minute: number("BREAKEVEN_COPIES_PER_MINUTE", 60)?,
            catalog_writes_per_minute: number("BREAKEVEN_CATALOG_WRITES_PER_MINUTE", 30)?,
            saves_per_minute: number("BREAKEVEN_SAVES_PER_MINUTE", 600)?,
            admin_token: var("BREAKEVEN_ADMIN_TOKEN"),
            user_header: var("BREAKEVEN_USER_HEADER")
                .map(|h| {
                    axum::http::HeaderName::from_bytes(h.trim().as_bytes())
                        .map(|n| n.as_str().to_string())
                        .with_context(|| {
                            format!("BREAKEVEN_USER_HEADER '{h}' is not a header name")
                        })
                })
                .transpose()?,
            default_workspace: var("BREAKEVEN_DEFAULT_WORKSPACE").map(|t| t.trim().to_string()),
            max_restore_bytes: number("BREAKEVEN_MAX_RESTORE_BYTES", 256 * 1024 * 1024)?,
            header_read_timeout: Duration::from_secs(number(
                "BREAKEVEN_HEADER_READ_TIMEOUT_SECS",
                10,
            )?),
            write_stall_timeout: Duration::from_secs(number(
                "BREAKEVEN_WRITE_STALL_TIMEOUT_SECS",
                30,
            )?),
            max_connections: number("BREAKEVEN_MAX_CONNECTIONS", 512)?,
            body_idle_timeout: Duration::from_secs(number("BREAKEVEN_BODY_IDLE_TIMEOUT_SECS", 20)?),
            min_upload_bytes_per_sec: number("BREAKEVEN_MIN_UPLOAD_BYTES_PER_SEC", 16 * 1024)?,
        })
    }
}
