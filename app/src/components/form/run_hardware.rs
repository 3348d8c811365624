//! The hardware an attached benchmark run measured, when it is not the configuration's:
//! its GPU and GPUs per replica. Filled from what the file states (if anything), and
//! changeable; the engine scales the measurement by the estimator's ratio and says so.

use super::Ctx;
use crate::components::fields::{NumField, SelectField};
use engine::catalog;
use engine::scenario::{paths, ThroughputSource};
use leptos::prelude::*;

fn stated(ctx: Ctx, k: usize) -> (Option<String>, Option<u32>, u32) {
    ctx.doc.with_untracked(|d| match d.gpu_configs.get(k) {
        Some(g) => match &g.throughput {
            ThroughputSource::Benchmark {
                run_gpu, run_gpus, ..
            } => (run_gpu.clone(), *run_gpus, g.gpus_per_replica),
            _ => (None, None, g.gpus_per_replica),
        },
        None => (None, None, 1),
    })
}

fn set(ctx: Ctx, k: usize, f: impl FnOnce(&mut Option<String>, &mut Option<u32>, u32)) {
    ctx.doc.update(|d| {
        if let Some(g) = d.gpu_configs.get_mut(k) {
            let n = g.gpus_per_replica;
            if let ThroughputSource::Benchmark {
                run_gpu, run_gpus, ..
            } = &mut g.throughput
            {
                f(run_gpu, run_gpus, n);
            }
        }
    });
}

pub(super) fn fields(ctx: Ctx, k: usize) -> impl IntoView {
    let (gpu, gpus, here) = stated(ctx, k);
    let mut options = vec![(
        String::new(),
        "the configuration's GPU, whichever it is".to_string(),
    )];
    options.extend(
        catalog::GPUS
            .iter()
            .map(|g| (g.id.to_string(), g.name.to_string())),
    );
    options.extend(ctx.doc.with_untracked(|d| {
        d.custom_gpus
            .iter()
            .map(|g| (g.id.to_string(), format!("{} (custom)", g.name)))
            .collect::<Vec<_>>()
    }));
    let p = move |f: &str| paths::config::at(k, f);
    view! {
        <fieldset class="run-hardware" data-testid=format!("run-hardware-{k}")>
            <legend>"Hardware the run measured"</legend>
            <SelectField
                label="Run's GPU"
                path=p(paths::config::THROUGHPUT_RUN_GPU)
                options=options
                selected=gpu
                    .unwrap_or_else(|| {
                        ctx.doc
                            .with_untracked(|d| {
                                d.gpu_configs.get(k).map(|g| g.gpu.clone()).unwrap_or_default()
                            })
                    })
                read_only=ctx.read_only
                on_change=Callback::new(move |v: String| {
                    set(ctx, k, |g, _, _| *g = Some(v));
                })
            />
            <NumField
                label="Run's GPUs per replica"
                unit="GPUs"
                path=p(paths::config::THROUGHPUT_RUN_GPUS)
                value=f64::from(gpus.unwrap_or(here))
                read_only=ctx.read_only
                hint="the file's figure when it states one; the configuration's otherwise"
                on_change=Callback::new(move |v: f64| {
                    set(
                        ctx,
                        k,
                        |_, n, here| {
                            let v = v.round().clamp(0.0, 1_000_000.0) as u32;
                            *n = (v != here).then_some(v);
                        },
                    );
                })
            />
        </fieldset>
    }
}
