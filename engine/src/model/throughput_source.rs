//! Seconds per request from a configuration's throughput source: the estimate from
//! GPU and model specs, a typed throughput, or a benchmark converted to the workload's
//! request shape.

use crate::catalog::{GpuEntry, ModelEntry};
use crate::fmt::fmt_num;
use crate::scenario::{Choice, GpuConfig, Scenario, ThroughputSource};
use crate::throughput::{self, Estimate, Fit, DEFAULT_E_BW, DEFAULT_E_COMPUTE};

pub(super) fn efficiency(g: &GpuConfig) -> (f64, f64) {
    (
        g.efficiency_bw.unwrap_or(DEFAULT_E_BW),
        g.efficiency_compute.unwrap_or(DEFAULT_E_COMPUTE),
    )
}

/// The throughput estimate at one request shape (when GPU and model are known and the
/// request fits): `prompt` tokens of which `prefill` are computed (all of them, but
/// with prefix caching).
pub(super) fn estimate_at(
    g: &GpuConfig,
    gpu: Option<&GpuEntry>,
    model: Option<&ModelEntry>,
    (prompt, prefill): (f64, f64),
    out: f64,
) -> Option<Estimate> {
    match (gpu, model) {
        (Some(gp), Some(m)) => throughput::estimate_prefilled(
            gp,
            m,
            g.precision,
            g.gpus_per_replica,
            (prompt, prefill),
            out,
            f64::from(g.max_batch),
            efficiency(g),
        ),
        _ => None,
    }
}

/// The fastest output tok/s the hardware allows at one request shape.
/// `(prompt, prefill)`: the prompt's tokens and those computed at prefill.
fn bound_at(
    g: &GpuConfig,
    gpu: Option<&GpuEntry>,
    model: Option<&ModelEntry>,
    prompt: (f64, f64),
    out: f64,
) -> Option<f64> {
    match (gpu, model) {
        (Some(gp), Some(m)) => {
            throughput::physical_bound(gp, m, g.precision, g.gpus_per_replica, prompt, out)
        }
        _ => None,
    }
}

/// Replica-seconds per request of each task type, from the configuration's throughput
/// source, and why the option cannot serve the workload (if it cannot). Claims above
/// the physical bound and a typed or measured throughput on a setup that does not fit
/// add warnings.
pub(super) fn throughput_source(
    s: &Scenario,
    g: &GpuConfig,
    gpu: Option<&GpuEntry>,
    model: Option<&ModelEntry>,
    fit: Option<Fit>,
    estimates: &[Option<Estimate>],
    warnings: &mut Vec<String>,
) -> (Vec<f64>, Option<String>, Option<(f64, String)>) {
    let n = g.gpus_per_replica;
    let mut unusable = None;
    let mut run_scale = None;
    let sec_per_request: Vec<f64> = match &g.throughput {
        ThroughputSource::Estimated => {
            if let Some(f) = fit.filter(|f| !f.fits) {
                unusable = Some(format!(
                    "{} {} on {}x {}: {}",
                    model.map_or("", |m| m.name),
                    g.precision.label(),
                    n,
                    gpu.map_or("", |x| &x.name),
                    f.message()
                ));
            }
            s.task_types
                .iter()
                .zip(estimates)
                .map(|(t, e)| match e {
                    Some(e) => e.seconds_per_request,
                    None => {
                        if unusable.is_none() {
                            unusable = Some(format!("one request of task '{}' ({} + {} tokens) does not fit in the KV cache", t.name, t.input_tokens, t.output_tokens));
                        }
                        f64::INFINITY
                    }
                })
                .collect()
        }
        ThroughputSource::Typed {
            output_tokens_per_s,
        } => {
            for t in &s.task_types {
                // A typed throughput measured with prefix caching reuses prefixes too.
                let prompt = (t.input_tokens, g.prefilled_tokens(t));
                if let Some(b) = bound_at(g, gpu, model, prompt, t.output_tokens) {
                    if *output_tokens_per_s > b {
                        // The conclusion first: a line cut short (a slide's card) still says it.
                        warnings.push(format!("a claim the hardware cannot reach: typed throughput {} tok/s is above the physical bound of {} tok/s for task '{}'", fmt_num(output_tokens_per_s.round()), fmt_num(b.round()), t.name));
                    }
                }
            }
            s.task_types
                .iter()
                .map(|t| t.output_tokens / output_tokens_per_s)
                .collect()
        }
        ThroughputSource::Benchmark {
            output_tokens_per_s,
            input_tokens,
            output_tokens,
            label,
            run_gpu,
            run_gpus,
            ..
        } => {
            let measured = output_tokens / output_tokens_per_s;
            let run_hw = RunHardware::of(s, g, gpu, run_gpu.as_deref(), *run_gpus);
            // The measurement on this configuration's hardware: as measured, or scaled
            // by the estimator's ratio of request costs from the run's hardware.
            let measured = match run_hw.scale(g, gpu, model, *input_tokens, *output_tokens) {
                Scale::Same => {
                    // The run's own prompts, computed whole.
                    let prompt = (*input_tokens, *input_tokens);
                    if let Some(b) = bound_at(g, gpu, model, prompt, *output_tokens) {
                        if *output_tokens_per_s > b {
                            warnings.push(format!("benchmark '{label}' reports {} tok/s, above the physical bound of {} tok/s for this GPU, model and precision", fmt_num(output_tokens_per_s.round()), fmt_num(b.round())));
                        }
                    }
                    measured
                }
                Scale::By(k) => {
                    warnings.push(format!(
                        "benchmark '{label}' was measured on {}; scaled to this configuration's {} by the estimator's ratio (x{:.2} throughput): an estimate from a measurement, not a measurement",
                        run_hw.text, run_hw.here, 1.0 / k
                    ));
                    run_scale = Some((k, format!("{} to {}", run_hw.text, run_hw.here)));
                    measured * k
                }
                Scale::Cannot(why) => {
                    unusable = Some(format!(
                        "benchmark '{label}' was measured on {}, and it cannot be scaled to {}: {why}",
                        run_hw.text, run_hw.here
                    ));
                    f64::INFINITY
                }
            };
            // A benchmark's prompts are its own (random ones repeat nothing): all prefilled.
            let at_bench = estimate_at(
                g,
                gpu,
                model,
                (*input_tokens, *input_tokens),
                *output_tokens,
            );
            s.task_types
                .iter()
                .zip(estimates)
                .map(|(t, e)| match (e, at_bench) {
                    // Convert with the estimator's ratio of request costs between the two shapes.
                    (Some(e), Some(bench)) => {
                        measured * e.seconds_per_request / bench.seconds_per_request
                    }
                    _ => measured / output_tokens * t.output_tokens,
                })
                .collect()
        }
    };
    if let (Some(f), false) = (fit, matches!(g.throughput, ThroughputSource::Estimated)) {
        if !f.fits {
            warnings.push(format!("the model's weights {}: the measured or typed throughput assumes a setup this catalog cannot place", f.message()));
        }
    }
    (sec_per_request, unusable, run_scale)
}

/// The hardware a benchmark run measured, as stated for its attachment.
struct RunHardware<'a> {
    gpu: Option<&'a GpuEntry>,
    gpus: u32,
    same: bool,
    /// "8x H100 SXM" for sentences; `here` is the configuration's.
    text: String,
    here: String,
}

enum Scale {
    Same,
    /// Multiply the measured seconds per request by this.
    By(f64),
    Cannot(String),
}

impl<'a> RunHardware<'a> {
    fn of(
        s: &'a Scenario,
        g: &GpuConfig,
        gpu: Option<&'a GpuEntry>,
        run_gpu: Option<&str>,
        run_gpus: Option<u32>,
    ) -> Self {
        let name = |x: Option<&GpuEntry>, id: &str| {
            x.map_or_else(|| id.to_string(), |x| x.name.to_string())
        };
        let run_id = run_gpu.unwrap_or(&g.gpu);
        let run_entry = if run_id == g.gpu {
            gpu
        } else {
            crate::catalog::gpu_in(s, run_id)
        };
        let gpus = run_gpus.unwrap_or(g.gpus_per_replica).max(1);
        RunHardware {
            gpu: run_entry,
            gpus,
            same: run_id == g.gpu && gpus == g.gpus_per_replica,
            text: format!("{gpus}x {}", name(run_entry, run_id)),
            here: format!("{}x {}", g.gpus_per_replica, name(gpu, &g.gpu)),
        }
    }

    /// How seconds per request on the run's hardware become this configuration's.
    fn scale(
        &self,
        g: &GpuConfig,
        gpu: Option<&GpuEntry>,
        model: Option<&ModelEntry>,
        prompt: f64,
        out: f64,
    ) -> Scale {
        if self.same {
            return Scale::Same;
        }
        let Some(m) = model else {
            return Scale::Cannot("the model is not in the catalog".into());
        };
        let Some(run_gpu) = self.gpu else {
            return Scale::Cannot("the run's GPU is not in the catalog".into());
        };
        let (e_bw, e_c) = efficiency(g);
        let at = |gp: &GpuEntry, n: u32| {
            throughput::estimate(
                gp,
                m,
                g.precision,
                n,
                prompt,
                out,
                f64::from(g.max_batch),
                e_bw,
                e_c,
            )
        };
        let there = at(run_gpu, self.gpus);
        let here = gpu.and_then(|gp| at(gp, g.gpus_per_replica));
        match (there, here) {
            (Some(a), Some(b)) if a.seconds_per_request > 0.0 => {
                Scale::By(b.seconds_per_request / a.seconds_per_request)
            }
            (None, _) => Scale::Cannot(format!(
                "{} at {} does not fit on the run's hardware by the catalog's numbers",
                m.name,
                g.precision.label()
            )),
            _ => Scale::Cannot(format!(
                "{} at {} does not fit on this configuration's hardware",
                m.name,
                g.precision.label()
            )),
        }
    }
}
