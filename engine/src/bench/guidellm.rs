//! GuideLLM: the report written by `guidellm benchmark … --output-path`, as JSON or YAML
//! (v0.2 and v0.5 layouts; s.4 of `engine/tests/bench-samples/FORMATS.md`). The YAML is
//! turned into the same value as the JSON and read by the same `report`.

use super::common::{hardware_hint, wrong_format};
use super::lean::{Lean, MAX_NESTED_ARRAY, MAX_STRING};
use super::units::count;
use super::{ConcurrencyBasis, Format, ImportError, Run, Stat};

/// The report as JSON: the first value.
pub(super) fn read_json(format: Format, values: &[Lean]) -> Result<Vec<Run>, ImportError> {
    let v = values.first().ok_or(ImportError::Empty)?;
    report(v, format)
}

/// s.4: one run per benchmark of the report, `.successful` distributions.
fn report(v: &Lean, format: Format) -> Result<Vec<Run>, ImportError> {
    let benchmarks = v
        .get("benchmarks")
        .and_then(Lean::arr)
        .ok_or_else(|| wrong_format(format, "no \"benchmarks\" list"))?;
    if benchmarks.is_empty() {
        return Err(ImportError::NoMeasurement(
            "the report lists no benchmarks".into(),
        ));
    }
    let file_model = v
        .s("args.model")
        .or_else(|| v.s("config.spec.backend.model"));
    let mut runs = Vec::new();
    for (i, b) in benchmarks.iter().enumerate() {
        let m = b
            .get("metrics")
            .ok_or_else(|| wrong_format(format, &format!("benchmark {} has no metrics", i + 1)))?;
        let ok = |name: &str| {
            m.at(name)
                .and_then(|d| d.get("successful"))
                .cloned()
                .unwrap_or(Lean::Null)
        };
        let dist = |name: &str, scale: f64| {
            let d = ok(name);
            let p = |k: &str| d.n(&format!("percentiles.{k}"));
            Stat {
                mean: d.n("mean").map(|x| x * scale),
                p50: p("p50").or_else(|| d.n("median")).map(|x| x * scale),
                p99: p("p99").map(|x| x * scale),
            }
        };
        let strategy = b.at("config.strategy").or_else(|| b.at("args.strategy"));
        let configured = strategy.and_then(|s| s.n("max_concurrency").or_else(|| s.n("streams")));
        let kind = strategy
            .and_then(|s| s.s("type_"))
            .unwrap_or_else(|| "benchmark".into());
        let mut label = kind.clone();
        if let Some(r) = strategy.and_then(|s| s.n("rate")) {
            label = format!("{label} {r:.2} req/s");
        }
        if let Some(c) = configured {
            label = format!("{label}, concurrency {c}");
        }
        let totals = m.get("request_totals").or_else(|| b.get("request_totals"));
        let mut notes = Vec::new();
        // A scheduler's cap is not the load the run achieved: prefer the measured mean.
        let measured = ok("request_concurrency").n("mean");
        let (concurrency, basis) = match (measured, configured) {
            (Some(m), Some(c)) => {
                notes.push(format!("concurrency is the measured mean in flight ({m:.2}); the scheduler's cap was {c}"));
                (Some(m), Some(ConcurrencyBasis::Measured))
            }
            (Some(m), None) => (Some(m), Some(ConcurrencyBasis::Measured)),
            (None, Some(c)) => {
                notes.push("concurrency is the scheduler's configured cap: the report has no measured concurrency".to_string());
                (Some(c), Some(ConcurrencyBasis::Configured))
            }
            (None, None) => (None, None),
        };
        let errored = totals.and_then(|t| count(t.n("errored")));
        let incomplete = totals
            .and_then(|t| count(t.n("incomplete")))
            .filter(|n| *n > 0);
        if let Some(n) = incomplete {
            notes.push(format!("{n} request(s) were still running when the benchmark's time or request limit ended it (incomplete): not failures, and not in the figures"));
        }
        runs.push(Run {
            label: if benchmarks.len() > 1 {
                format!("#{} {label}", i + 1)
            } else {
                label
            },
            model: file_model
                .clone()
                .or_else(|| b.s("config.backend.model"))
                .or_else(|| b.s("worker.backend_model")),
            hardware: hardware_hint(v),
            concurrency,
            input_tokens: ok("prompt_token_count").n("mean"),
            output_tokens: ok("output_token_count").n("mean"),
            output_tokens_per_s: ok("output_tokens_per_second").n("mean"),
            total_tokens_per_s: ok("tokens_per_second").n("mean"),
            requests_per_s: ok("requests_per_second").n("mean"),
            duration_s: b.n("duration"),
            ttft_ms: dist("time_to_first_token_ms", 1.0),
            tpot_ms: dist("time_per_output_token_ms", 1.0),
            itl_ms: dist("inter_token_latency_ms", 1.0),
            // GuideLLM's request_latency is in seconds (s.4).
            e2e_ms: dist("request_latency", 1000.0),
            completed: totals.and_then(|t| count(t.n("successful"))),
            failed: errored,
            notes,
            concurrency_basis: basis,
            ..Run::default()
        });
    }
    Ok(runs)
}

fn yaml_to_lean(v: serde_yaml::Value, depth: usize) -> Lean {
    use serde_yaml::Value as Y;
    if depth > 64 {
        return Lean::Null;
    }
    match v {
        Y::Null => Lean::Null,
        Y::Bool(b) => Lean::Bool(b),
        Y::Number(n) => Lean::Num(n.as_f64().unwrap_or(f64::NAN)),
        Y::String(s) => Lean::Str(s.chars().take(MAX_STRING).collect()),
        Y::Sequence(items) => {
            if items.len() > MAX_NESTED_ARRAY && depth > 0 {
                Lean::Big(items.len())
            } else {
                Lean::Arr(
                    items
                        .into_iter()
                        .map(|i| yaml_to_lean(i, depth + 1))
                        .collect(),
                )
            }
        }
        Y::Mapping(m) => Lean::Obj(
            m.into_iter()
                .map(|(k, v)| {
                    let key = match k {
                        Y::String(s) => s,
                        other => serde_yaml::to_string(&other)
                            .unwrap_or_default()
                            .trim()
                            .to_string(),
                    };
                    (key, yaml_to_lean(v, depth + 1))
                })
                .collect(),
        ),
        Y::Tagged(t) => yaml_to_lean(t.value, depth + 1),
    }
}

/// s.4 GuideLLM report written as YAML: same structure as the JSON.
pub(super) fn read_yaml(text: &str) -> Result<Vec<Run>, ImportError> {
    let v: serde_yaml::Value = serde_yaml::from_str(text).map_err(|e| ImportError::Malformed {
        what: "YAML",
        detail: e.to_string(),
    })?;
    let lean = yaml_to_lean(v, 0);
    if !lean.has("benchmarks") {
        return Err(wrong_format(Format::GuidellmYaml, "no \"benchmarks\" list"));
    }
    report(&lean, Format::GuidellmYaml)
}
