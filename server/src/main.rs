use tracing_subscriber::EnvFilter;

#[tokio::main]
async fn main() {
    tracing_subscriber::fmt()
        .with_env_filter(
            EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn,tower_http=info")),
        )
        .init();
    let result = match server::config::Config::from_env() {
        Ok(cfg) => server::run(cfg).await,
        Err(e) => Err(e),
    };
    if let Err(e) = result {
        tracing::error!(error = ?e, "breakeven stopped");
        eprintln!("breakeven: {e:#}");
        std::process::exit(1);
    }
}
