//! NVIDIA AIPerf (`profile_export_aiperf.json` / `.csv`) and its predecessor GenAI-Perf
//! (`profile_export_genai_perf.json` / `.csv`): s.5 and s.6 of
//! `engine/tests/bench-samples/FORMATS.md`. Both tools write the same shapes, so one
//! reader per file kind serves both; `format` names the tool in the notes.

use super::common::{csv_fields, hardware_hint, single_object, wrong_format};
use super::lean::{parse_number, Lean};
use super::units::{count, ms_scale};
use super::{ConcurrencyBasis, Format, ImportError, Run, Stat};

/// The JSON export: one object.
pub(super) fn read_json(format: Format, values: &[Lean]) -> Result<Vec<Run>, ImportError> {
    single_object(values, format, &[], |v| aiperf_json(v, format))
}

/// s.5 and s.6: top-level metric objects (or under `records` in early AIPerf).
fn aiperf_json(v: &Lean, format: Format) -> Run {
    let root = v.get("records").unwrap_or(v);
    let avg = |k: &str| root.n(&format!("{k}.avg"));
    let stat = |k: &str| {
        let scale = ms_scale(root.s(&format!("{k}.unit")));
        let m = |s: &str| root.n(&format!("{k}.{s}")).map(|x| x * scale);
        Stat {
            mean: m("avg"),
            p50: m("p50"),
            p99: m("p99"),
        }
    };
    let cfg = v.get("input_config");
    let concurrency = cfg.and_then(|c| {
        c.get("phases")
            .and_then(Lean::arr)
            .and_then(|ps| {
                ps.iter()
                    .find(|p| p.s("name").as_deref() == Some("profiling"))
                    .and_then(|p| p.n("concurrency"))
            })
            .or_else(|| c.n("concurrency"))
            .or_else(|| c.n("loadgen.concurrency"))
            .or_else(|| c.n("perf_analyzer.stimulus.concurrency"))
    });
    let model = cfg.and_then(|c| {
        c.at("models.items")
            .and_then(Lean::arr)
            .and_then(|i| i.first())
            .and_then(|m| m.s("name"))
            .or_else(|| {
                c.get("model")
                    .and_then(Lean::arr)
                    .and_then(|m| m.first())
                    .and_then(Lean::str)
                    .map(str::to_string)
            })
            .or_else(|| c.s("model"))
            .or_else(|| {
                c.get("model_names")
                    .and_then(Lean::arr)
                    .and_then(|m| m.first())
                    .and_then(Lean::str)
                    .map(str::to_string)
            })
    });
    let summary = v.get("error_summary").and_then(Lean::arr);
    // Requests the benchmark cancelled on purpose (--request-cancellation-rate): AIPerf
    // lists them among its errors (RequestCancellationError, code 499); they are not the
    // server failing.
    let on_purpose = |e: &&Lean| {
        let d = e.get("error_details").unwrap_or(e);
        d.s("type").as_deref() == Some("RequestCancellationError")
    };
    let cancelled: f64 = summary
        .unwrap_or(&[])
        .iter()
        .filter(on_purpose)
        .filter_map(|e| e.n("count"))
        .sum();
    let failed = count(root.n("error_request_count.avg"))
        .or_else(|| {
            summary.map(|errs| errs.iter().filter_map(|e| e.n("count")).sum::<f64>() as u64)
        })
        .map(|f| f.saturating_sub(cancelled as u64));
    let errors: Vec<String> = summary
        .unwrap_or(&[])
        .iter()
        .filter(|e| !on_purpose(e))
        .filter_map(|e| {
            let d = e.get("error_details").unwrap_or(e);
            let msg = d.s("message").or_else(|| d.s("type"))?;
            let code = d.n("code").map(|c| format!("{c:.0}: ")).unwrap_or_default();
            Some(format!(
                "{code}{}",
                msg.chars().take(160).collect::<String>()
            ))
        })
        .take(3)
        .collect();
    let duration = root
        .get("benchmark_duration")
        .and_then(|d| d.n("avg").map(|x| x * ms_scale(d.s("unit")) / 1000.0));
    let mut notes = vec![format!("{}'s \"inter_token_latency\" is (latency − TTFT) / (tokens − 1), i.e. vLLM's TPOT; stored as TPOT", if format == Format::AiperfJson { "AIPerf" } else { "GenAI-Perf" })];
    if duration.is_none() {
        notes.push("no benchmark duration in the file".into());
    }
    if cancelled > 0.0 {
        let rate = cfg
            .and_then(|c| c.n("loadgen.request_cancellation_rate"))
            .map(|r| format!(" (request_cancellation_rate {r}%)"))
            .unwrap_or_default();
        notes.push(format!("{cancelled:.0} request(s) were cancelled on purpose by the benchmark{rate}: not counted as failures"));
    }
    Run {
        label: v
            .s("run_info.benchmark_id")
            .map(|id| format!("benchmark {id}"))
            .unwrap_or_else(|| "profile".into()),
        model,
        hardware: hardware_hint(v),
        concurrency,
        input_tokens: avg("input_sequence_length"),
        output_tokens: avg("output_sequence_length"),
        output_tokens_per_s: avg("output_token_throughput"),
        total_tokens_per_s: avg("total_token_throughput"),
        requests_per_s: avg("request_throughput"),
        duration_s: duration,
        // AIPerf up to 0.1.1 wrote it as `ttft`.
        ttft_ms: Some(stat("time_to_first_token"))
            .filter(|t| t.mean.or(t.p50).or(t.p99).is_some())
            .unwrap_or_else(|| stat("ttft")),
        tpot_ms: stat("inter_token_latency"),
        itl_ms: stat("inter_chunk_latency"),
        e2e_ms: stat("request_latency"),
        completed: count(avg("request_count")),
        failed,
        notes,
        concurrency_basis: concurrency.map(|_| ConcurrencyBasis::Configured),
        errors,
        ..Run::default()
    }
}

/// s.5 / s.6 CSV, or the console's tables turned into it.
pub(super) fn read_csv(text: &str, format: Format) -> Result<Vec<Run>, ImportError> {
    let Some((csv, console)) = super::rich_table::to_csv(text) else {
        return read_csv_export(text, format);
    };
    let mut runs = read_csv_export(&csv, format)?;
    let export = match format {
        Format::GenaiPerfCsv => "profile_export_genai_perf.json",
        _ => "profile_export_aiperf.json",
    };
    let concurrency = console_concurrency(text);
    for r in &mut runs {
        r.notes.retain(|n| {
            !n.starts_with("the CSV counts errors") && !n.starts_with("the CSV rounds")
        });
        r.notes.push(format!("read from the console's tables, rounded to 2 decimals: the JSON export ({export}) has more, and the benchmark's duration"));
        if let (None, Some((c, line))) = (r.concurrency, &concurrency) {
            r.concurrency = Some(*c);
            r.concurrency_basis = Some(super::ConcurrencyBasis::Configured);
            r.notes
                .push(format!("concurrency {c} read from the text: \"{line}\""));
        }
        if console.cancelled > 0.0 {
            r.notes.push(format!("{:.0} request(s) were cancelled on purpose by the benchmark: not counted as failures", console.cancelled));
        }
        if console.cut > 0 {
            r.notes.push(format!("{} value(s) the terminal cut short (\u{2026}) are left out: widen the terminal, or upload the CSV or JSON export", console.cut));
        }
        r.errors = console.errors.iter().take(3).cloned().collect();
    }
    Ok(runs)
}

/// The one concurrency a console capture states: perf_analyzer's "Request concurrency:
/// N" line, else a single `--concurrency N` or `--concurrency-range N` argument (a range
/// `1:8` or two different values state none).
fn console_concurrency(text: &str) -> Option<(f64, String)> {
    let mut found: Vec<(f64, String)> = Vec::new();
    for line in text.lines().take(100_000) {
        let t = line.trim();
        let stated = t
            .strip_prefix("Request concurrency:")
            .and_then(|v| parse_number(v.trim()))
            .map(|c| (c, t.to_string()));
        let words: Vec<&str> = t.split_whitespace().collect();
        // With a request rate, `--concurrency` is only a cap: no concurrency is stated.
        let rated = words.iter().any(|w| w.starts_with("--request-rate"));
        let argued = words.windows(2).filter(|_| !rated).find_map(|w| {
            let arg = w[0].trim_start_matches(['\'', '"']);
            (arg == "--concurrency" || arg == "--concurrency-range")
                .then(|| parse_number(w[1].trim_matches(['\'', '"'])))
                .flatten()
                .map(|c| (c, format!("{} {}", w[0], w[1])))
        });
        for (c, l) in stated.into_iter().chain(argued) {
            if c.is_finite() && c >= 1.0 && !found.iter().any(|(x, _)| *x == c) {
                found.push((c, l));
            }
        }
    }
    match found.as_slice() {
        [one] => Some(one.clone()),
        _ => None,
    }
}

/// s.5 / s.6 CSV: a stats section (`Metric,avg,...`), then `Metric,Value`.
fn read_csv_export(text: &str, format: Format) -> Result<Vec<Run>, ImportError> {
    let mut stats: Vec<(String, Vec<(String, f64)>)> = Vec::new();
    let mut header: Vec<String> = Vec::new();
    for line in text.lines() {
        let t = line.trim_end_matches('\r');
        if t.trim().is_empty() {
            header.clear();
            continue;
        }
        let f: Vec<String> = csv_fields(t)
            .into_iter()
            .map(|c| c.trim().to_string())
            .collect();
        // A section's header names its row-name column `Metric` (or `Endpoint`), in any
        // case, wherever a user moved it. The GPU telemetry section (`Endpoint,
        // GPU_Index, …, Metric, …`) is not the run's statistics.
        let named = |x: &str| f.iter().any(|c| c.eq_ignore_ascii_case(x));
        if named("Metric") || named("Endpoint") {
            header = f;
            continue;
        }
        let telemetry = header
            .iter()
            .any(|c| c.eq_ignore_ascii_case("Endpoint") || c.eq_ignore_ascii_case("GPU_Index"));
        let Some(at) = header
            .iter()
            .position(|c| c.eq_ignore_ascii_case("Metric"))
            .filter(|_| !telemetry)
        else {
            continue;
        };
        let name = f.get(at).cloned().unwrap_or_default();
        let values = header
            .iter()
            .zip(&f)
            .enumerate()
            .filter(|(i, _)| *i != at)
            .filter_map(|(_, (k, v))| {
                parse_number(v)
                    .filter(|x| x.is_finite())
                    .map(|x| (k.clone(), x))
            })
            .collect();
        stats.push((name, values));
    }
    if stats.is_empty() {
        return Err(wrong_format(format, "no \"Metric,...\" section"));
    }
    // Rows are "Header (unit)"; match on the header, case-insensitively.
    let row = |name: &str| {
        stats
            .iter()
            .find(|(n, _)| n.split(" (").next().unwrap_or(n).eq_ignore_ascii_case(name))
            .map(|(n, v)| (n.clone(), v.clone()))
    };
    let val = |name: &str, key: &str| {
        row(name).and_then(|(_, v)| v.iter().find(|(k, _)| k == key).map(|(_, x)| *x))
    };
    let single = |name: &str| val(name, "Value").or_else(|| val(name, "avg"));
    let stat = |name: &str| {
        let scale = match row(name) {
            Some((n, _)) if n.ends_with("(ns)") => 1e-6,
            Some((n, _)) if n.ends_with("(sec)") || n.ends_with("(s)") => 1000.0,
            _ => 1.0,
        };
        Stat {
            mean: val(name, "avg").map(|x| x * scale),
            p50: val(name, "p50").map(|x| x * scale),
            p99: val(name, "p99").map(|x| x * scale),
        }
    };
    let tool = if format == Format::AiperfCsv {
        "AIPerf"
    } else {
        "GenAI-Perf"
    };
    let mut notes = vec![
        format!("{tool}'s \"Inter Token Latency\" is vLLM's TPOT; stored as TPOT"),
        "the CSV rounds to 2 decimals and names no model; the JSON export has more".into(),
    ];
    if let Some(n) = single("OSL Mismatch Count").filter(|n| *n > 0.0) {
        notes.push(format!("{} requests' output length differed from the length asked for (the file's OSL Mismatch Count): the output tokens per request are what the server returned", crate::fmt_num(n)));
    }
    if single("Error Request Count").is_some_and(|n| n > 0.0) {
        notes.push(format!("the CSV counts errors without their causes, and {tool} counts among them the requests it cancels on purpose (--request-cancellation-rate): the JSON export's error_summary tells them apart"));
    }
    Ok(vec![Run {
        label: "profile".into(),
        input_tokens: val("Input Sequence Length", "avg"),
        output_tokens: val("Output Sequence Length", "avg"),
        output_tokens_per_s: single("Output Token Throughput"),
        total_tokens_per_s: single("Total Token Throughput"),
        requests_per_s: single("Request Throughput"),
        duration_s: single("Benchmark Duration"),
        ttft_ms: stat("Time To First Token"),
        tpot_ms: stat("Inter Token Latency"),
        itl_ms: stat("Inter Chunk Latency"),
        e2e_ms: stat("Request Latency"),
        completed: single("Request Count").map(|x| x as u64),
        failed: single("Error Request Count").map(|x| x as u64),
        notes,
        ..Run::default()
    }])
}
