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
}

fn var(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.trim().is_empty())
}

impl Config {
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
        })
    }
}
