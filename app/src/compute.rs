//! CPU work (evaluate, draw, export) runs here: on tokio's blocking threads, at most
//! one job per core at a time. The async workers stay free, so health checks and other
//! users are served while a heavy document is evaluated, and a request's timeout can
//! answer (the job finishes in the background and frees its slot; its time is bounded
//! by the document caps in `engine::validate::limits`).

use crate::error::AppError;
use std::sync::OnceLock;
use tokio::sync::Semaphore;

/// One permit per core: more CPU jobs at once would only share the same cores.
fn slots() -> &'static Semaphore {
    static SLOTS: OnceLock<Semaphore> = OnceLock::new();
    SLOTS.get_or_init(|| {
        Semaphore::new(
            std::thread::available_parallelism()
                .map(|n| n.get())
                .unwrap_or(2),
        )
    })
}

/// Runs `job` on a blocking thread once a slot is free. Dropping the returned future
/// (a timeout, a client gone) while waiting gives up the place in the queue; a job
/// already running finishes and then frees its slot.
pub async fn run<T, F>(job: F) -> Result<T, AppError>
where
    T: Send + 'static,
    F: FnOnce() -> T + Send + 'static,
{
    let permit = slots()
        .acquire()
        .await
        .map_err(|e| AppError::internal(anyhow::anyhow!("compute slots closed: {e}")))?;
    tokio::task::spawn_blocking(move || {
        let _slot = permit;
        job()
    })
    .await
    .map_err(AppError::internal)
}
