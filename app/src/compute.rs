//! CPU work (evaluate, draw, export) of a large document runs here: on tokio's
//! blocking threads, at most one job per core at a time. A small document (the usual
//! case: a few task types, tiers and configurations, no ranges) evaluates in well under
//! a millisecond and runs in place ([`for_document`]): queueing it for a slot and a
//! thread hop would cost more than the work. The async workers stay free, so health checks and other
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

/// Whether evaluating `doc` (with `curve_points` per curve) is heavy enough to leave the
/// async workers: ranges (the uncertainty band samples the model thousands of times),
/// many (task type x option) pairs, long curves, or many benchmark sweep runs (the
/// results panel draws every run of a configuration's sweep for each task type).
pub fn is_heavy(doc: &engine::Scenario, curve_points: usize) -> bool {
    use engine::scenario::ThroughputSource;
    let pairs = doc.task_types.len() * (doc.api_tiers.len() + doc.gpu_configs.len());
    let sweep_runs: usize = doc
        .gpu_configs
        .iter()
        .map(|g| match &g.throughput {
            ThroughputSource::Benchmark { sweep, .. } => sweep.len(),
            _ => 0,
        })
        .sum();
    !doc.ranges.is_empty()
        || pairs > 48
        || curve_points > 256
        || doc.task_types.len() * sweep_runs > 128
}

/// Runs `job` in place when `heavy` is false, else on the pool ([`run`]).
pub async fn for_document<T, F>(heavy: bool, job: F) -> Result<T, AppError>
where
    T: Send + 'static,
    F: FnOnce() -> T + Send + 'static,
{
    if heavy {
        run(job).await
    } else {
        Ok(job())
    }
}

#[cfg(test)]
mod tests {
    use super::is_heavy;
    use engine::scenario::{SweepPoint, ThroughputSource};

    #[test]
    fn sweeps_drawn_for_every_task_type_make_a_document_heavy() {
        let mut d = engine::templates::haiku_vs_4090();
        assert!(
            !is_heavy(&d, 256),
            "the article's case stays on the async worker"
        );
        assert!(is_heavy(&d, 257), "long curves");
        let point = SweepPoint {
            label: "c".into(),
            model: None,
            in_flight: None,
            output_tokens_per_s: 100.0,
            ttft_ms: 10.0,
            tpot_ms: 5.0,
            stat: "p99".into(),
        };
        d.gpu_configs[0].throughput = ThroughputSource::Benchmark {
            run_id: "r".into(),
            output_tokens_per_s: 100.0,
            input_tokens: 100.0,
            output_tokens: 100.0,
            concurrency: 1.0,
            label: "l".into(),
            run_gpu: None,
            run_gpus: None,
            sweep: vec![point; 64],
            run_facts: None,
        };
        let one = d.task_types[0].clone();
        d.task_types = vec![one.clone(), one.clone()];
        assert!(!is_heavy(&d, 256), "2 task types x 64 runs: 128");
        d.task_types.push(one);
        assert!(is_heavy(&d, 256), "3 task types x 64 runs");
    }
}
