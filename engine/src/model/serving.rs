//! Each task type's serving by the latency model: the capacity its p95 targets allow
//! (by the estimate, or by an attached benchmark sweep), and what binds.

use super::throughput_source::efficiency;
use super::Serving;
use crate::catalog::{self, GpuEntry, ModelEntry};
use crate::latency::{self, Binding, Shape};
use crate::scenario::{GpuConfig, Scenario, ThroughputSource};
use crate::throughput::Replica;

/// Each task type's serving by the latency model: the capacity its targets allow, the
/// latency at the planned load, and the curve. A target no load meets makes the option
/// unusable; targets on hardware the model cannot place are said to be unchecked.
pub(super) fn serving(
    s: &Scenario,
    g: &GpuConfig,
    gpu: Option<&GpuEntry>,
    model: Option<&ModelEntry>,
    unusable: &mut Option<String>,
    warnings: &mut Vec<String>,
) -> Vec<Option<Serving>> {
    let (e_bw, e_c) = efficiency(g);
    let replica = match (gpu, model) {
        (Some(gp), Some(m)) => Replica::new(
            gp,
            m,
            g.precision,
            g.gpus_per_replica,
            e_bw,
            e_c,
            Some(catalog::link(&gp.id)),
        ),
        _ => None,
    };
    let measured = !matches!(g.throughput, ThroughputSource::Estimated);
    s.task_types
        .iter()
        .map(|t| {
            let targets = t.targets();
            let shape = replica.and_then(|r| {
                Shape::of(&r, t.input_tokens, t.output_tokens, f64::from(g.max_batch))
                    .map(|sh| (r, sh.prefilling(g.prefilled_tokens(t))))
            });
            let Some((r, sh)) = shape else {
                if !targets.is_none() && unusable.is_none() {
                    warnings.push(format!("the latency targets of task '{}' are not checked: this configuration has no estimate to check them on (GPU or model not in the catalog, or the request does not fit)", t.name));
                }
                return None;
            };
            // A sweep that meets the targets decides, even where the estimate says the
            // hardware cannot: it is a measurement.
            let picked = from_sweep(g, t, targets, warnings);
            let estimated = latency::capacity(&r, &sh, targets);
            let capacity = match (&estimated, &picked) {
                (Ok(c), _) => *c,
                (Err(_), Some(_)) => match latency::capacity(&r, &sh, latency::Targets::default()) {
                    Ok(c) => c,
                    Err(_) => return None,
                },
                (Err(e), None) => {
                    if unusable.is_none() {
                        *unusable = Some(format!("task '{}': {}", t.name, e.message()));
                    }
                    return None;
                }
            };
            let (allowed, sweep, binding) = match picked {
                Some((share, pick, binding)) => (share, Some(pick), binding),
                None => (capacity.share, None, capacity.binding),
            };
            let binding = if g.target_utilisation < allowed {
                Binding::Utilisation
            } else {
                binding
            };
            if measured && !targets.is_none() && sweep.is_none() {
                warnings.push(format!("the latency targets of task '{}' are checked on the estimate for this hardware, which allows {:.0}% of a replica's throughput at them; that share is applied to the measured or typed throughput", t.name, capacity.share * 100.0));
            }
            Some(Serving {
                capacity,
                binding,
                replica: r,
                shape: sh,
                allowed,
                sweep,
            })
        })
        .collect()
}

/// The share of the attached run's throughput that a benchmark sweep allows at the
/// task's targets, the point it picks and what binds; `None` without a sweep or targets,
/// or when no measured load meets them (then the estimate decides, as said).
fn from_sweep(
    g: &GpuConfig,
    t: &crate::scenario::TaskType,
    targets: latency::Targets,
    warnings: &mut Vec<String>,
) -> Option<(f64, latency::sweep::SweepPick, Binding)> {
    let ThroughputSource::Benchmark {
        sweep,
        output_tokens_per_s,
        run_gpu,
        run_gpus,
        ..
    } = &g.throughput
    else {
        return None;
    };
    if sweep.is_empty() || targets.is_none() {
        return None;
    }
    let elsewhere = run_gpu.as_deref().is_some_and(|x| x != g.gpu)
        || run_gpus.is_some_and(|n| n != g.gpus_per_replica);
    if elsewhere {
        warnings.push(format!("task '{}': the sweep was measured on other hardware than this configuration's, so its latencies do not apply here; the estimate decides", t.name));
        return None;
    }
    if output_tokens_per_s.is_nan() || *output_tokens_per_s <= 0.0 {
        return None;
    }
    match latency::sweep::pick(sweep, targets) {
        Ok(pick) => {
            for n in &pick.near_misses {
                warnings.push(format!("near miss for task '{}': {n}", t.name));
            }
            let binding = if pick.at_top {
                Binding::SweepTop
            } else if targets
                .tpot_ms
                .is_some_and(|x| pick.tpot_ms >= x * (1.0 - 1e-9))
            {
                Binding::Tpot
            } else {
                Binding::Ttft
            };
            if pick.at_top {
                warnings.push(format!("task '{}': the sweep's highest load meets the targets; capacity may be higher, but it is not measured and not extrapolated", t.name));
            }
            Some((
                pick.output_tokens_per_s / output_tokens_per_s.max(1e-9),
                pick,
                binding,
            ))
        }
        Err(why) => {
            warnings.push(format!(
                "task '{}': {why}; the estimate decides instead",
                t.name
            ));
            None
        }
    }
}
