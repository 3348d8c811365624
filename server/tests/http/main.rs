//! The server over HTTP, one test binary: each test spawns the app on port 0 with a
//! fresh SQLite file (real sqlx, real migrations). One binary instead of six saves
//! ~800 MB of disk and five links per test run; `bounds` (timing) and `logs` (a
//! process-wide log subscriber) keep their own processes.

#[path = "../common/mod.rs"]
mod common;

mod access;
mod api;
mod backup;
mod benchmarks;
mod guard;
mod pages;
mod server_fns;
mod snapshots;
mod usage;
mod usage_original;
