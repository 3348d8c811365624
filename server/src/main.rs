//! `breakeven` serves the app. `breakeven backup FILE` writes every scenario (with its
//! history and keys), benchmark run and custom catalog entry to FILE; `breakeven
//! restore FILE` loads such a file into an empty database; `breakeven workspace list`
//! prints every workspace's link. All use `DATABASE_URL`.

use tracing_subscriber::EnvFilter;

/// mimalloc instead of glibc's malloc: under load a fifth of the server's CPU went to
/// malloc/free (perf, `scripts/load.sh`); mimalloc's thread-local free lists cut that.
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[tokio::main]
async fn main() {
    tracing_subscriber::fmt()
        .with_env_filter(
            EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn,tower_http=info")),
        )
        .with_writer(std::io::stderr)
        .init();
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match server::config::Config::from_env() {
        Err(e) => Err(e),
        Ok(cfg) => match args
            .iter()
            .map(String::as_str)
            .collect::<Vec<_>>()
            .as_slice()
        {
            [] | ["serve"] => server::run(cfg).await,
            ["backup", file] => server::backup_to_file(&cfg, file).await,
            ["restore", file] => server::restore_from_file(&cfg, file).await,
            ["workspace", rest @ ..] => server::workspace_command(&cfg, rest).await,
            _ => Err(anyhow::anyhow!(
                "usage: breakeven [serve | backup FILE | restore FILE | workspace list | workspace create NAME]"
            )),
        },
    };
    if let Err(e) = result {
        tracing::error!(error = ?e, "breakeven stopped");
        eprintln!("breakeven: {e:#}");
        std::process::exit(1);
    }
}
