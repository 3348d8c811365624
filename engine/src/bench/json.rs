//! JSON benchmark formats. Section numbers refer to `bench-samples/FORMATS.md`.

use super::lean::{Lean, Lenient, MAX_RECORDS};
use super::{Format, ImportError, Run, Stat};
use std::io::{BufReader, Read};

/// Reads every JSON value in the input: one document, or JSON lines / concatenated
/// objects (SGLang, vLLM `--append-result`, llama-bench `-o jsonl`, Ollama streams).
pub fn read_values<R: Read>(input: R) -> Result<Vec<Lean>, ImportError> {
    let reader = BufReader::with_capacity(256 * 1024, Lenient::new(input));
    let mut values = Vec::new();
    for v in serde_json::Deserializer::from_reader(reader).into_iter::<Lean>() {
        values.push(v.map_err(json_error)?);
        if values.len() > MAX_RECORDS {
            return Err(ImportError::Malformed {
                what: "JSON",
                detail: format!("more than {MAX_RECORDS} records in one file"),
            });
        }
    }
    if values.is_empty() {
        return Err(ImportError::Empty);
    }
    Ok(values)
}

fn json_error(e: serde_json::Error) -> ImportError {
    let detail = format!(
        "line {}, column {}: {}",
        e.line(),
        e.column(),
        strip_position(&e.to_string())
    );
    match e.classify() {
        serde_json::error::Category::Eof => ImportError::Truncated {
            what: "the JSON",
            detail,
        },
        serde_json::error::Category::Io => ImportError::Io(e.to_string()),
        _ => ImportError::Malformed {
            what: "JSON",
            detail,
        },
    }
}

fn strip_position(msg: &str) -> String {
    match msg.rfind(" at line ") {
        Some(i) => msg[..i].to_string(),
        None => msg.to_string(),
    }
}

/// Picks the format of the values (or checks the forced one) and reads their runs.
pub fn classify_and_read(
    values: &[Lean],
    forced: Option<Format>,
) -> Result<(Format, Vec<Run>), ImportError> {
    let first = &values[0];
    let found = classify(first);
    let format = match (forced, found) {
        (Some(f), _) => f,
        (None, Some(f)) => f,
        (None, None) => return Err(unrecognised(first)),
    };
    let runs = read_format(format, values)?;
    Ok((format, runs))
}

fn unrecognised(v: &Lean) -> ImportError {
    if v.has("client_command") && v.has("gpu_type") {
        return ImportError::Unrecognised("this is the vLLM nightly `.commands` sidecar (the command line and GPU type), not a result; upload the serving JSON next to it".into());
    }
    let keys: Vec<&str> = match v {
        Lean::Arr(items) => items
            .first()
            .map(|i| i.keys().take(8).collect())
            .unwrap_or_default(),
        _ => v.keys().take(8).collect(),
    };
    ImportError::Unrecognised(format!(
        "the JSON matches none of the known benchmark formats (its first keys: {}); pick the format by hand if you know it",
        if keys.is_empty() { "none".to_string() } else { keys.join(", ") }
    ))
}

/// Unwraps a test-recorder envelope (`{request, response: {body}}`) to its body.
fn envelope(v: &Lean) -> Option<(&Lean, Option<String>)> {
    let body = v.at("response.body")?;
    let model = v.s("request.body.model").or_else(|| v.s("request.model"));
    Some((body, model))
}

fn data(v: &Lean) -> &Lean {
    v.get("__data__").unwrap_or(v)
}

fn classify(v: &Lean) -> Option<Format> {
    if let Some((body, _)) = envelope(v) {
        let inner = match body {
            Lean::Arr(items) => items.last().map(data)?,
            other => data(other),
        };
        return classify(inner)
            .filter(|f| matches!(f, Format::OllamaApi | Format::OpenaiUsage))
            .or(Some(Format::OpenaiUsage));
    }
    if let Lean::Arr(items) = v {
        let item = items.first()?;
        if item.has("Test name") || item.has("Output Tput (tok/s)") {
            return Some(Format::VllmTable);
        }
        if item.has("end_to_end_latency_s") || item.has("ttft_s") {
            return Some(Format::LlmperfIndividual);
        }
        return match classify(item)? {
            f @ (Format::VllmServe
            | Format::LlamaBenchJson
            | Format::OllamaApi
            | Format::OpenaiUsage) => Some(f),
            _ => None,
        };
    }
    if v.has("avg_ts") && v.has("n_prompt") {
        return Some(Format::LlamaBenchJson);
    }
    if v.has("benchmarks") {
        return Some(Format::GuidellmJson);
    }
    if v.has("results_mean_output_throughput_token_per_s")
        || (v.s("version").as_deref() == Some("2023-08-31") && v.has("num_concurrent_requests"))
    {
        return Some(Format::LlmperfSummary);
    }
    let records = v.get("records").unwrap_or(v);
    if records
        .get("output_token_throughput")
        .is_some_and(|m| m.has("unit"))
        || records
            .get("request_throughput")
            .is_some_and(|m| m.has("unit"))
    {
        return Some(
            if v.has("aiperf_version") || v.has("records") || records.has("benchmark_duration") {
                Format::AiperfJson
            } else {
                Format::GenaiPerfJson
            },
        );
    }
    if v.has("elapsed_time") && v.has("tokens_per_second") {
        return Some(Format::VllmThroughput);
    }
    if v.has("avg_latency") && v.has("percentiles") {
        return Some(Format::VllmLatency);
    }
    let serving = v.has("output_throughput")
        || v.has("mean_ttft_ms")
        || v.has("median_ttft_ms")
        || v.has("num_prompts");
    if serving {
        let sglang = v.s("backend").is_some_and(|b| b.starts_with("sglang"))
            || (v.has("dataset_name") && !v.has("model_id"));
        return Some(if sglang {
            Format::Sglang
        } else {
            Format::VllmServe
        });
    }
    if v.has("eval_count")
        || v.has("eval_duration")
        || v.has("prompt_eval_count")
        || (v.has("total_duration") && v.has("done"))
    {
        return Some(Format::OllamaApi);
    }
    if v.has("usage")
        || v.has("choices")
        || (v.has("total_input_tokens") && v.has("total_output_tokens"))
    {
        return Some(Format::OpenaiUsage);
    }
    None
}

fn wrong(expected: Format, reason: &str) -> ImportError {
    ImportError::WrongFormat {
        expected: expected.label(),
        reason: reason.to_string(),
    }
}

fn read_format(format: Format, values: &[Lean]) -> Result<Vec<Run>, ImportError> {
    // Records of a file: a top-level array's items, or every JSON-lines value.
    let records: Vec<&Lean> = values
        .iter()
        .flat_map(|v| match v {
            Lean::Arr(items) => items.iter().collect::<Vec<_>>(),
            other => vec![other],
        })
        .collect();
    let n = records.len();
    let numbered = |i: usize, label: String| {
        if n > 1 {
            format!("#{} {label}", i + 1).trim().to_string()
        } else {
            label
        }
    };
    match format {
        Format::VllmServe | Format::Sglang => {
            let key_ok = |r: &Lean| {
                r.has("output_throughput")
                    || r.has("mean_ttft_ms")
                    || r.has("median_ttft_ms")
                    || r.has("completed")
            };
            if !records.iter().any(|r| key_ok(r)) {
                return Err(wrong(
                    format,
                    "no output_throughput, completed or *_ttft_ms key",
                ));
            }
            Ok(records
                .iter()
                .enumerate()
                .filter(|(_, r)| key_ok(r))
                .map(|(i, r)| {
                    let mut run = serving(r, format);
                    run.label = numbered(i, run.label);
                    run
                })
                .collect())
        }
        Format::VllmThroughput => one(
            values,
            format,
            &["elapsed_time", "tokens_per_second"],
            vllm_throughput,
        ),
        Format::VllmLatency => one(values, format, &["avg_latency"], vllm_latency),
        Format::VllmTable => {
            if !records
                .iter()
                .all(|r| r.has("Output Tput (tok/s)") || r.has("Test name"))
            {
                return Err(wrong(
                    format,
                    "rows lack the \"Test name\" / \"Output Tput (tok/s)\" columns",
                ));
            }
            Ok(records.iter().map(|r| vllm_table(r)).collect())
        }
        Format::LlmperfSummary => one(
            values,
            format,
            &["results_num_completed_requests"],
            llmperf_summary,
        ),
        Format::LlmperfIndividual => {
            if records.is_empty()
                || !records
                    .iter()
                    .all(|r| r.has("end_to_end_latency_s") || r.has("error_code"))
            {
                return Err(wrong(
                    format,
                    "expected an array of per-request objects with end_to_end_latency_s",
                ));
            }
            Ok(vec![llmperf_individual(&records)])
        }
        Format::GuidellmJson | Format::GuidellmYaml => {
            let v = values.first().ok_or(ImportError::Empty)?;
            guidellm(v, format)
        }
        Format::AiperfJson | Format::GenaiPerfJson => {
            one(values, format, &[], |v| aiperf_json(v, format))
        }
        Format::LlamaBenchJson => {
            if !records.iter().all(|r| r.has("avg_ts")) {
                return Err(wrong(format, "records lack avg_ts"));
            }
            Ok(records.iter().map(|r| llama_bench(r)).collect())
        }
        Format::OllamaApi => ollama_api(values),
        Format::OpenaiUsage => openai_usage(values),
        _ => Err(wrong(format, "this format is text, but the file is JSON")),
    }
}

fn one(
    values: &[Lean],
    format: Format,
    keys: &[&str],
    read: impl Fn(&Lean) -> Run,
) -> Result<Vec<Run>, ImportError> {
    let v = &values[0];
    let v = if let Lean::Arr(items) = v {
        items.first().unwrap_or(v)
    } else {
        v
    };
    if let Some(k) = keys.iter().find(|k| !v.has(k)) {
        return Err(wrong(format, &format!("the key \"{k}\" is missing")));
    }
    if !v.is_obj() {
        return Err(wrong(format, "expected a JSON object"));
    }
    Ok(vec![read(v)])
}

fn count(x: Option<f64>) -> Option<u64> {
    x.filter(|c| *c >= 0.0).map(|c| c.round() as u64)
}

fn per_request(total: Option<f64>, completed: Option<u64>) -> Option<f64> {
    match (total, completed) {
        (Some(t), Some(c)) if c > 0 => Some(t / c as f64),
        _ => None,
    }
}

fn stat_ms(v: &Lean, m: &str) -> Stat {
    Stat {
        mean: v.n(&format!("mean_{m}_ms")),
        p50: v
            .n(&format!("median_{m}_ms"))
            .or_else(|| v.n(&format!("p50_{m}_ms"))),
        p99: v.n(&format!("p99_{m}_ms")),
    }
}

/// Hardware a user recorded as vLLM `--metadata` (s.1a) or similar free keys.
fn hardware_hint(v: &Lean) -> Option<String> {
    [
        "gpu",
        "GPU",
        "hardware",
        "device",
        "gpu_type",
        "accelerator",
        "gpu_name",
    ]
    .iter()
    .find_map(|k| v.s(k))
}

/// vLLM serve JSON (s.1a, 1b) and SGLang JSON lines (s.2): the same family of keys.
fn serving(v: &Lean, format: Format) -> Run {
    let mut notes = Vec::new();
    let completed = count(v.n("completed"));
    let failed = count(v.n("failed"));
    let configured = v.n("max_concurrency");
    let concurrency = configured.or_else(|| {
        let observed = v.n("concurrency").filter(|_| format == Format::Sglang);
        if observed.is_some() {
            notes.push("no concurrency limit was set; concurrency is SGLang's mean number of requests in flight".to_string());
        } else if v.at("max_concurrency").is_some() {
            notes.push("no concurrency limit was set (max_concurrency null)".to_string());
        }
        observed
    });
    let rate = v.get("request_rate");
    let mut label = match (v.s("label"), rate) {
        (Some(l), _) => l,
        (None, Some(r)) if r.is_infinite() => "all requests at once".to_string(),
        (None, Some(r)) => r.num().map(|x| format!("{x} req/s")).unwrap_or_default(),
        (None, None) => String::new(),
    };
    if let Some(c) = configured {
        label = format!("{label}, concurrency {c}")
            .trim_start_matches(", ")
            .to_string();
    }
    if let Some(run) = v.n("run_number") {
        label = format!("{label}, run {run}")
            .trim_start_matches(", ")
            .to_string();
    }
    if format == Format::Sglang {
        if let (Some(i), Some(o)) = (v.n("random_input_len"), v.n("random_output_len")) {
            label = format!("{label}, random {i:.0} in / {o:.0} out")
                .trim_start_matches(", ")
                .to_string();
        }
    }
    let duration = v.n("duration");
    if duration.is_none() && !v.has("output_throughput") {
        notes.push(
            "the file has no duration and no throughput (an old vLLM layout): latencies only"
                .to_string(),
        );
    }
    if v.has("request_goodput:") {
        notes.push("read the old vLLM key \"request_goodput:\" (with the colon typo)".to_string());
    }
    if v.has("spec_decode_acceptance_rate") {
        notes.push("speculative decoding: ITL is per streamed chunk and exceeds TPOT".to_string());
    }
    Run {
        label,
        model: v.s("model_id").or_else(|| v.s("model")),
        hardware: hardware_hint(v),
        concurrency,
        input_tokens: per_request(v.n("total_input_tokens"), completed),
        output_tokens: per_request(v.n("total_output_tokens"), completed),
        output_tokens_per_s: v.n("output_throughput"),
        total_tokens_per_s: v
            .n("total_token_throughput")
            .or_else(|| v.n("total_throughput")),
        requests_per_s: v.n("request_throughput"),
        duration_s: duration,
        ttft_ms: stat_ms(v, "ttft"),
        tpot_ms: stat_ms(v, "tpot"),
        itl_ms: stat_ms(v, "itl"),
        e2e_ms: if v.has("mean_e2el_ms") {
            stat_ms(v, "e2el")
        } else {
            stat_ms(v, "e2e_latency")
        },
        completed,
        failed,
        notes,
    }
}

/// s.1e: `tokens_per_second` is prompt + output.
fn vllm_throughput(v: &Lean) -> Run {
    let completed = count(v.n("num_requests"));
    Run {
        label: "offline throughput".into(),
        total_tokens_per_s: v.n("tokens_per_second"),
        requests_per_s: v.n("requests_per_second"),
        duration_s: v.n("elapsed_time"),
        completed,
        notes: vec!["vLLM's throughput JSON saves total (prompt + output) tokens/s only; output tokens/s is printed to the console, not saved; no model id in the file".into()],
        ..Run::default()
    }
}

/// s.1f: seconds per whole batch.
fn vllm_latency(v: &Lean) -> Run {
    let pct = |p: &str| v.n(&format!("percentiles.{p}")).map(|s| s * 1000.0);
    Run {
        label: "batch latency".into(),
        e2e_ms: Stat { mean: v.n("avg_latency").map(|s| s * 1000.0), p50: pct("50"), p99: pct("99") },
        completed: v.at("latencies").and_then(Lean::arr).map(|l| l.len() as u64),
        notes: vec!["latency of one whole batch per iteration; the file has no token counts, batch size or model id, so no throughput".into()],
        ..Run::default()
    }
}

/// s.1c: display-string keys.
fn vllm_table(r: &Lean) -> Run {
    let st = |m: &str| Stat {
        mean: r.n(&format!("Mean {m} (ms)")),
        p50: r.n(&format!("Median {m} (ms)")),
        p99: r.n(&format!("P99 {m} (ms)")),
    };
    Run {
        label: r.s("Test name").unwrap_or_default(),
        hardware: r.s("GPU"),
        completed: count(r.n("# of req.")),
        requests_per_s: r.n("Tput (req/s)"),
        output_tokens_per_s: r.n("Output Tput (tok/s)"),
        total_tokens_per_s: r.n("Total Tput (tok/s)"),
        ttft_ms: st("TTFT"),
        tpot_ms: st("TPOT"),
        itl_ms: st("ITL"),
        notes: vec!["derived table: no token counts per request".into()],
        ..Run::default()
    }
}

/// s.3: seconds everywhere; rate per minute.
fn llmperf_summary(v: &Lean) -> Run {
    let s = |m: &str| Stat {
        mean: v.n(&format!("results_{m}_mean")).map(|x| x * 1000.0),
        p50: v
            .n(&format!("results_{m}_quantiles_p50"))
            .map(|x| x * 1000.0),
        p99: v
            .n(&format!("results_{m}_quantiles_p99"))
            .map(|x| x * 1000.0),
    };
    let completed = count(v.n("results_num_completed_requests"));
    let per_min = v.n("results_num_completed_requests_per_min");
    let duration = match (completed, per_min) {
        (Some(c), Some(m)) if m > 0.0 => Some(c as f64 / m * 60.0),
        _ => None,
    };
    let label = [v.s("framework"), v.s("name")]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" ");
    Run {
        label,
        model: v.s("model"),
        hardware: hardware_hint(v),
        concurrency: v.n("num_concurrent_requests"),
        input_tokens: v
            .n("results_number_input_tokens_mean")
            .or_else(|| v.n("mean_input_tokens")),
        output_tokens: v
            .n("results_number_output_tokens_mean")
            .or_else(|| v.n("mean_output_tokens")),
        output_tokens_per_s: v.n("results_mean_output_throughput_token_per_s"),
        requests_per_s: per_min.map(|m| m / 60.0),
        duration_s: duration,
        ttft_ms: s("ttft_s"),
        itl_ms: s("inter_token_latency_s"),
        e2e_ms: s("end_to_end_latency_s"),
        completed,
        failed: count(v.n("results_number_errors")),
        notes: vec![
            "llmperf stores no duration; it is completed requests / requests per minute".into(),
            "llmperf ITL divides all chunk gaps including the first token by the token count"
                .into(),
        ],
        ..Run::default()
    }
}

/// Linear-interpolated percentile (numpy's default) of sorted values.
pub fn percentile(sorted: &[f64], p: f64) -> Option<f64> {
    if sorted.is_empty() {
        return None;
    }
    let rank = p / 100.0 * (sorted.len() - 1) as f64;
    let lo = rank.floor() as usize;
    let hi = rank.ceil() as usize;
    Some(sorted[lo] + (sorted[hi] - sorted[lo]) * (rank - lo as f64))
}

fn summarise(mut xs: Vec<f64>, scale: f64) -> Stat {
    xs.retain(|x| x.is_finite());
    if xs.is_empty() {
        return Stat::default();
    }
    xs.sort_by(f64::total_cmp);
    let mean = xs.iter().sum::<f64>() / xs.len() as f64;
    Stat {
        mean: Some(mean * scale),
        p50: percentile(&xs, 50.0).map(|x| x * scale),
        p99: percentile(&xs, 99.0).map(|x| x * scale),
    }
}

/// s.3 individual responses: one object per request, seconds.
fn llmperf_individual(records: &[&Lean]) -> Run {
    let ok: Vec<&&Lean> = records
        .iter()
        .filter(|r| matches!(r.get("error_code"), None | Some(Lean::Null)))
        .collect();
    let col = |k: &str| ok.iter().filter_map(|r| r.n(k)).collect::<Vec<f64>>();
    let mean = |xs: Vec<f64>| (!xs.is_empty()).then(|| xs.iter().sum::<f64>() / xs.len() as f64);
    Run {
        label: "individual responses".into(),
        input_tokens: mean(col("number_input_tokens")),
        output_tokens: mean(col("number_output_tokens")),
        ttft_ms: summarise(col("ttft_s"), 1000.0),
        itl_ms: summarise(col("inter_token_latency_s"), 1000.0),
        e2e_ms: summarise(col("end_to_end_latency_s"), 1000.0),
        completed: Some(ok.len() as u64),
        failed: Some((records.len() - ok.len()) as u64),
        notes: vec!["an individual-responses file has no wall time or concurrency, so no aggregate tokens/s; upload the matching summary file for throughput".into()],
        ..Run::default()
    }
}

/// s.4: one run per benchmark of the report, `.successful` distributions.
fn guidellm(v: &Lean, format: Format) -> Result<Vec<Run>, ImportError> {
    let benchmarks = v
        .get("benchmarks")
        .and_then(Lean::arr)
        .ok_or_else(|| wrong(format, "no \"benchmarks\" list"))?;
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
            .ok_or_else(|| wrong(format, &format!("benchmark {} has no metrics", i + 1)))?;
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
        let concurrency = configured.or_else(|| {
            notes.push("concurrency is the observed mean of requests in flight".to_string());
            ok("request_concurrency").n("mean")
        });
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
            failed: totals.and_then(|t| count(t.n("errored"))),
            notes,
        });
    }
    Ok(runs)
}

/// Scale of a time unit string to milliseconds.
fn ms_scale(unit: Option<String>) -> f64 {
    match unit.as_deref() {
        Some("ns") => 1e-6,
        Some("us") | Some("µs") => 1e-3,
        Some("s") | Some("sec") => 1000.0,
        _ => 1.0,
    }
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
    let failed = v
        .get("error_summary")
        .and_then(Lean::arr)
        .map(|errs| errs.iter().filter_map(|e| e.n("count")).sum::<f64>() as u64);
    let duration = root
        .get("benchmark_duration")
        .and_then(|d| d.n("avg").map(|x| x * ms_scale(d.s("unit")) / 1000.0));
    let mut notes = vec![format!("{}'s \"inter_token_latency\" is (latency − TTFT) / (tokens − 1), i.e. vLLM's TPOT; stored as TPOT", if format == Format::AiperfJson { "AIPerf" } else { "GenAI-Perf" })];
    if duration.is_none() {
        notes.push("no benchmark duration in the file".into());
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
        ttft_ms: stat("time_to_first_token"),
        tpot_ms: stat("inter_token_latency"),
        itl_ms: stat("inter_chunk_latency"),
        e2e_ms: stat("request_latency"),
        completed: count(avg("request_count")),
        failed,
        notes,
    }
}

/// s.7: one record per test; ns and tok/s.
pub(super) fn llama_bench(r: &Lean) -> Run {
    let n_prompt = r.n("n_prompt").unwrap_or(0.0);
    let n_gen = r.n("n_gen").unwrap_or(0.0);
    let depth = r.n("n_depth").unwrap_or(0.0);
    let ts = r.n("avg_ts");
    let mut label = match (n_prompt > 0.0, n_gen > 0.0) {
        (true, false) => format!("pp{n_prompt:.0}"),
        (false, true) => format!("tg{n_gen:.0}"),
        _ => format!("pp{n_prompt:.0}+tg{n_gen:.0}"),
    };
    if depth > 0.0 {
        label = format!("{label} @ d{depth:.0}");
    }
    let mut notes = vec!["llama-bench runs one stream: concurrency 1".to_string()];
    let (output, total) = match (n_prompt > 0.0, n_gen > 0.0) {
        (false, true) => (ts, None),
        (true, false) => {
            notes.push("prompt processing test: the rate is prompt tokens/s".into());
            (None, ts)
        }
        _ => {
            notes.push(
                "pp+tg test: the rate is (prompt + generated) tokens / time, not output tokens/s"
                    .into(),
            );
            (None, ts)
        }
    };
    let hardware = match (r.s("gpu_info"), r.s("backends")) {
        (Some(g), Some(b)) => Some(format!("{g} ({b})")),
        (g, b) => g.or(b),
    };
    let samples = r
        .get("samples_ns")
        .and_then(Lean::arr)
        .map(|s| s.len() as u64);
    Run {
        label,
        model: r.s("model_type").or_else(|| {
            r.s("model_filename")
                .map(|f| f.rsplit('/').next().unwrap_or(&f).to_string())
        }),
        hardware,
        concurrency: Some(1.0),
        input_tokens: Some(n_prompt + depth),
        output_tokens: (n_gen > 0.0).then_some(n_gen),
        output_tokens_per_s: output,
        total_tokens_per_s: total,
        duration_s: r.n("avg_ns").map(|ns| ns / 1e9),
        e2e_ms: Stat {
            mean: r.n("avg_ns").map(|ns| ns / 1e6),
            ..Stat::default()
        },
        tpot_ms: Stat {
            mean: output.filter(|x| *x > 0.0).map(|x| 1000.0 / x),
            ..Stat::default()
        },
        completed: samples.or(Some(1)),
        notes,
        ..Run::default()
    }
}

/// s.9: Ollama API response; durations are integer nanoseconds.
pub(super) fn ollama_metrics(v: &Lean, model: Option<String>) -> Run {
    let eval_count = v.n("eval_count");
    let eval_ns = v.n("eval_duration");
    let prompt_ns = v.n("prompt_eval_duration");
    let load_ns = v.n("load_duration");
    let mut notes = Vec::new();
    let rate = match (eval_count, eval_ns) {
        (Some(c), Some(d)) if d > 0.0 => Some(c / d * 1e9),
        _ => {
            notes.push(
                "no eval_duration (ollama.com cloud responses omit it), so no tokens/s".to_string(),
            );
            None
        }
    };
    let ttft = match (load_ns, prompt_ns) {
        (None, None) => None,
        (l, p) => {
            notes.push("TTFT approximated as load + prompt evaluation time".to_string());
            Some((l.unwrap_or(0.0) + p.unwrap_or(0.0)) / 1e6)
        }
    };
    Run {
        label: v.s("created_at").unwrap_or_else(|| "response".into()),
        model: v.s("model").or(model),
        concurrency: Some(1.0),
        input_tokens: v.n("prompt_eval_count"),
        output_tokens: eval_count,
        output_tokens_per_s: rate,
        duration_s: v.n("total_duration").map(|ns| ns / 1e9),
        e2e_ms: Stat {
            mean: v.n("total_duration").map(|ns| ns / 1e6),
            ..Stat::default()
        },
        ttft_ms: Stat {
            mean: ttft,
            ..Stat::default()
        },
        tpot_ms: Stat {
            mean: match (eval_count, eval_ns) {
                (Some(c), Some(d)) if c > 0.0 => Some(d / c / 1e6),
                _ => None,
            },
            ..Stat::default()
        },
        completed: Some(1),
        notes,
        ..Run::default()
    }
}

fn bodies(values: &[Lean]) -> Vec<(Vec<&Lean>, Option<String>)> {
    values
        .iter()
        .map(|v| match envelope(v) {
            Some((Lean::Arr(items), model)) => (items.iter().map(data).collect(), model),
            Some((body, model)) => (vec![data(body)], model),
            None => match v {
                Lean::Arr(items) => (items.iter().collect(), None),
                other => (vec![other], None),
            },
        })
        .collect()
}

fn ollama_api(values: &[Lean]) -> Result<Vec<Run>, ImportError> {
    // A stream's metrics are on its final object; plain JSON lines of whole responses each count.
    let mut runs = Vec::new();
    for (items, model) in bodies(values) {
        for f in items.iter().filter(|i| {
            i.n("eval_count").is_some()
                || i.n("total_duration").is_some()
                || i.n("prompt_eval_count").is_some()
        }) {
            runs.push(ollama_metrics(f, model.clone()));
        }
    }
    if runs.is_empty() {
        return Err(wrong(Format::OllamaApi, "no eval_count, eval_duration or total_duration in any response (an unfinished stream?)"));
    }
    Ok(runs)
}

/// s.10: token counts only; the usage object has no timing.
fn openai_usage(values: &[Lean]) -> Result<Vec<Run>, ImportError> {
    let mut runs = Vec::new();
    let mut saw_stream_without_usage = false;
    for (items, env_model) in bodies(values) {
        // In a stream the usage rides on the last chunk, and only with include_usage.
        let with_usage = items.iter().rev().find(|i| {
            matches!(i.get("usage"), Some(u) if u.is_obj()) || i.has("total_input_tokens")
        });
        let Some(item) = with_usage else {
            if items.iter().any(|i| i.has("choices") || i.has("usage")) {
                saw_stream_without_usage = true;
            }
            continue;
        };
        let u = item.get("usage").filter(|u| u.is_obj()).unwrap_or(item);
        let input = u
            .n("prompt_tokens")
            .or_else(|| u.n("input_tokens"))
            .or_else(|| u.n("total_input_tokens"));
        let output = u
            .n("completion_tokens")
            .or_else(|| u.n("output_tokens"))
            .or_else(|| u.n("total_output_tokens"));
        let mut notes =
            vec!["a usage object carries token counts but no timing, so no tokens/s".to_string()];
        if let Some(c) = u
            .n("prompt_tokens_details.cached_tokens")
            .or_else(|| u.n("input_tokens_details.cached_tokens"))
            .or_else(|| u.n("total_cached_tokens"))
            .filter(|c| *c > 0.0)
        {
            notes.push(format!(
                "{c:.0} of the prompt tokens were served from cache"
            ));
        }
        if let Some(r) = u
            .n("completion_tokens_details.reasoning_tokens")
            .or_else(|| u.n("total_thought_tokens"))
            .filter(|c| *c > 0.0)
        {
            notes.push(format!("{r:.0} reasoning tokens"));
        }
        if u.has("total_input_tokens") {
            notes.push(
                "Gemini-style names (total_input_tokens / total_output_tokens), not OpenAI's"
                    .into(),
            );
        } else if u.has("input_tokens") {
            notes.push("Anthropic-style names (input_tokens / output_tokens)".into());
        }
        runs.push(Run {
            label: item.s("id").unwrap_or_else(|| "usage".into()),
            model: item.s("model").or(env_model),
            input_tokens: input,
            output_tokens: output,
            completed: Some(1),
            notes,
            ..Run::default()
        });
    }
    if runs.is_empty() {
        return Err(ImportError::NoMeasurement(if saw_stream_without_usage {
            "no usage object in the response: a stream carries one only when the request sets stream_options.include_usage".into()
        } else {
            "no usage object (prompt/completion token counts) in the file".into()
        }));
    }
    Ok(runs)
}
