//! How a differing input's values read in the history and the comparison: the names
//! the editor shows for ids and settings, and a group of fields set where there was none
//! as one line.

use super::diff::{flatten, is_bookkeeping, value_at};
use crate::Scenario;
use serde_json::Value;
use std::collections::BTreeMap;

/// A configuration's GPU or model by the name the editor shows ("NVIDIA H100 SXM 80
/// GB", the team's own GPUs too), not its id; a setting by its words ("fully loaded",
/// not `fully_loaded`); a run's load of 0 as "not stated"; any other value as it is.
pub(super) fn shown(path: &str, v: &str, s: &Scenario) -> String {
    let field = path.rsplit('.').next().unwrap_or(path);
    let in_config = path.starts_with("gpu_configs[");
    let name = match field {
        "gpu" | "run_gpu" if in_config => crate::catalog::gpu_in(s, v).map(|g| g.name.to_string()),
        "model" if in_config => crate::catalog::model(v).map(|m| m.name.to_string()),
        "concurrency" if in_config && path.contains(".throughput.") && v == "0" => {
            Some("not stated".into())
        }
        _ => None,
    };
    // The settings chosen from a list, written as their words; a name stays as typed.
    const SETTINGS: &[&str] = &[
        "cost_lens",
        "billing",
        "replica_mode",
        "kind",
        "price_kind",
        "schedule",
        "precision",
    ];
    let setting =
        SETTINGS.contains(&field) && v.chars().all(|c| c.is_ascii_lowercase() || c == '_');
    name.unwrap_or_else(|| {
        if setting {
            v.replace('_', " ")
        } else {
            v.to_string()
        }
    })
}

/// Where `path` lies in an object present on one side only (a commitment added to a
/// configuration): that object's path, and each side as one value ("none", or its
/// fields in a line).
pub(super) fn absent_parent(
    path: &str,
    va: &Value,
    vb: &Value,
    a: &Scenario,
    b: &Scenario,
) -> Option<(String, String, String)> {
    // Inside a task type, tier or configuration (the scenario's own groups, its currency
    // and tax view, have lines of their own).
    if !path.contains('[') {
        return None;
    }
    let mut at = 0;
    while let Some(dot) = path[at..].find('.') {
        let q = &path[..at + dot];
        at += dot + 1;
        let present = |v: &Value| value_at(v, q).is_some_and(Value::is_object);
        let (in_a, in_b) = (present(va), present(vb));
        if in_a != in_b {
            let line = |v: &Value, s: &Scenario| {
                let mut flat = BTreeMap::new();
                flatten("", value_at(v, q).unwrap_or(&Value::Null), &mut flat);
                flat.iter()
                    .filter(|(k, _)| !is_bookkeeping(k))
                    .map(|(k, x)| {
                        format!(
                            "{} {}",
                            k.replace('_', " "),
                            shown(&format!("{q}.{k}"), x, s)
                        )
                    })
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            let (was, now) = if in_a {
                (line(va, a), "none".to_string())
            } else {
                ("none".to_string(), line(vb, b))
            };
            return Some((q.to_string(), was, now));
        }
    }
    None
}

/// A field that changes nothing on either side: a configuration's idle overhead where its
/// GPU time is not rented by the hour (bought, or billed per request), which the editor
/// does not show. Its change is no change of the figures, so it is not listed.
pub(super) fn without_effect(path: &str, va: &Value, vb: &Value) -> bool {
    let Some(entry) = path
        .strip_suffix(".idle_overhead")
        .filter(|e| e.starts_with("gpu_configs[") && e.ends_with(']'))
    else {
        return false;
    };
    let idle_free = |v: &Value| {
        let at = |f: &str| value_at(v, &format!("{entry}.hosting.{f}")).and_then(Value::as_str);
        at("kind") == Some("on_prem") || at("billing") == Some("scale_to_zero")
    };
    idle_free(va) && idle_free(vb)
}

/// A configuration's throughput that changed its source (estimated, typed, another
/// benchmark run): its path and each side as one line ("estimated from the specs" →
/// "benchmark #3 …, 2,048 tok/s"), not a line per field of the run (its sweep's points,
/// its facts). `None` where the source is the same (a typed value changed reads as such).
///
/// Read from the aligned documents `va` and `vb` (B's configurations in A's order, by
/// name), so a row is about one configuration on both sides.
pub(super) fn throughput_change(
    path: &str,
    va: &Value,
    vb: &Value,
) -> Option<(String, String, String)> {
    let rest = path.strip_prefix("gpu_configs[")?;
    let (k, tail) = rest.split_once(']')?;
    if !tail.starts_with(".throughput") {
        return None;
    }
    let q = format!("gpu_configs[{k}].throughput");
    let read = |v: &Value| {
        serde_json::from_value::<crate::scenario::ThroughputSource>(value_at(v, &q)?.clone()).ok()
    };
    let (ta, tb) = (&read(va)?, &read(vb)?);
    use crate::scenario::ThroughputSource as T;
    let same_source = match (ta, tb) {
        (T::Estimated, T::Estimated) | (T::Typed { .. }, T::Typed { .. }) => true,
        (
            T::Benchmark {
                run_id: x,
                label: lx,
                ..
            },
            T::Benchmark {
                run_id: y,
                label: ly,
                ..
            },
        ) => x == y && lx == ly,
        _ => false,
    };
    if same_source {
        return None;
    }
    let on = |v: &Value| {
        let s: Scenario = serde_json::from_value(v.clone()).ok()?;
        let g = s.gpu_configs.get(k.parse::<usize>().ok()?)?;
        run_elsewhere(&s, g).map(|h| format!(" on {h}"))
    };
    let (on_a, on_b) = (on(va).unwrap_or_default(), on(vb).unwrap_or_default());
    let line = |t: &T, on: &str| match t {
        T::Estimated => "estimated from the GPU's and model's specs".to_string(),
        T::Typed {
            output_tokens_per_s,
        } => format!("typed, {} tok/s", crate::fmt_num(*output_tokens_per_s)),
        T::Benchmark {
            label,
            output_tokens_per_s,
            ..
        } => format!(
            "benchmark {label}, {} tok/s measured{on}",
            crate::fmt_num(*output_tokens_per_s)
        ),
    };
    Some((q, line(ta, &on_a), line(tb, &on_b)))
}

/// The hardware a configuration's benchmark run was measured on, where it is not the
/// configuration's own ("4x NVIDIA H200 SXM 141 GB"): its figure is scaled to this one.
pub fn run_elsewhere(s: &Scenario, g: &crate::scenario::GpuConfig) -> Option<String> {
    let crate::scenario::ThroughputSource::Benchmark {
        run_gpu, run_gpus, ..
    } = &g.throughput
    else {
        return None;
    };
    let gpu = run_gpu.as_deref().unwrap_or(&g.gpu);
    let n = run_gpus.unwrap_or(g.gpus_per_replica);
    if gpu == g.gpu && n == g.gpus_per_replica {
        return None;
    }
    let name =
        crate::catalog::gpu_in(s, gpu).map_or_else(|| gpu.to_string(), |x| x.name.to_string());
    Some(format!("{n}x {name}"))
}
