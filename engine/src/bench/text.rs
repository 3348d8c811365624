//! Text benchmark formats: console output, markdown and CSV tables, YAML.
//! Section numbers refer to `bench-samples/FORMATS.md`.

use super::detect::MAX_TEXT_BYTES;
use super::json;
use super::lean::{parse_number, Lean, MAX_STRING};
use super::{Format, ImportError, Run, Stat};
use std::io::Read;

pub fn read_text<R: Read>(reader: &mut R) -> Result<String, ImportError> {
    let mut bytes = Vec::new();
    reader
        .take(MAX_TEXT_BYTES as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| ImportError::Io(e.to_string()))?;
    if bytes.len() > MAX_TEXT_BYTES {
        return Err(ImportError::TooLarge {
            limit_mb: (MAX_TEXT_BYTES / (1024 * 1024)) as u64,
            kind: "text formats (JSON files have no such limit)",
        });
    }
    if bytes.contains(&0) {
        return Err(ImportError::Binary);
    }
    String::from_utf8(bytes).map_err(|e| ImportError::Malformed {
        what: "UTF-8 text",
        detail: format!("invalid byte at offset {}", e.utf8_error().valid_up_to()),
    })
}

fn wrong(expected: Format, reason: &str) -> ImportError {
    ImportError::WrongFormat {
        expected: expected.label(),
        reason: reason.to_string(),
    }
}

pub fn read(format: Format, text: &str) -> Result<Vec<Run>, ImportError> {
    match format {
        Format::VllmConsole => vllm_console(text),
        Format::LlamaBenchMarkdown => llama_markdown(text),
        Format::LlamaBenchCsv => llama_csv(text),
        Format::AiperfCsv | Format::GenaiPerfCsv => perf_csv(text, format),
        Format::OllamaVerbose => ollama_verbose(text),
        Format::ArticleScript => article_script(text),
        Format::GuidellmYaml => guidellm_yaml(text),
        _ => Err(wrong(format, "this format is JSON")),
    }
}

/// The JSON inside a markdown file's first ```json fence, or the text itself.
pub fn json_payload(text: &str) -> &str {
    let t = text.trim_start();
    if t.starts_with('{') || t.starts_with('[') {
        return text;
    }
    if let Some(start) = text.find("```json") {
        let body = &text[start + 7..];
        let end = body.find("```").unwrap_or(body.len());
        return &body[..end];
    }
    text
}

/// "label:   value" lines.
fn colon_value<'a>(line: &'a str, label: &str) -> Option<&'a str> {
    let l = line.trim();
    l.strip_prefix(label).map(str::trim)
}

/// s.1d: blocks between `Serving Benchmark Result` and a line of `=`.
fn vllm_console(text: &str) -> Result<Vec<Run>, ImportError> {
    let mut runs = Vec::new();
    let mut lines = text.lines().peekable();
    let mut model: Option<String> = None;
    while let Some(line) = lines.next() {
        if let Some(i) = line.find("--model=") {
            model = line[i + 8..].split_whitespace().next().map(str::to_string);
        }
        if !line.contains("Serving Benchmark Result") {
            continue;
        }
        let mut v: Vec<(String, f64)> = Vec::new();
        for l in lines.by_ref() {
            let t = l.trim();
            if t.starts_with("====") {
                break;
            }
            if let Some((k, val)) = t.rsplit_once(':') {
                if let Some(x) = parse_number(val) {
                    v.push((k.trim().to_ascii_lowercase(), x));
                }
            }
        }
        let get = |k: &str| {
            v.iter()
                .find(|(key, _)| key == k)
                .map(|(_, x)| *x)
                .filter(|x| x.is_finite())
        };
        let completed = get("successful requests").map(|x| x as u64);
        let st = |m: &str| Stat {
            mean: get(&format!("mean {m} (ms)")),
            p50: get(&format!("median {m} (ms)")),
            p99: get(&format!("p99 {m} (ms)")),
        };
        let per = |t: Option<f64>| match (t, completed) {
            (Some(t), Some(c)) if c > 0 => Some(t / c as f64),
            _ => None,
        };
        let concurrency = get("maximum request concurrency");
        runs.push(Run {
            label: format!("block {}", runs.len() + 1),
            model: model.clone(),
            concurrency,
            input_tokens: per(get("total input tokens")),
            output_tokens: per(get("total generated tokens")),
            output_tokens_per_s: get("output token throughput (tok/s)"),
            // Old vLLM printed "Total Token throughput", new "Total token throughput" (s.1d).
            total_tokens_per_s: get("total token throughput (tok/s)"),
            requests_per_s: get("request throughput (req/s)"),
            duration_s: get("benchmark duration (s)"),
            ttft_ms: st("ttft"),
            tpot_ms: st("tpot"),
            itl_ms: st("itl"),
            e2e_ms: st("e2el"),
            completed,
            failed: get("failed requests").map(|x| x as u64),
            notes: vec!["console values are rounded to 2 decimals".into()],
            ..Run::default()
        });
    }
    if runs.is_empty() {
        return Err(wrong(
            Format::VllmConsole,
            "no \"Serving Benchmark Result\" block",
        ));
    }
    Ok(runs)
}

fn cells(line: &str) -> Vec<String> {
    line.trim()
        .trim_matches('|')
        .split('|')
        .map(|c| c.trim().to_string())
        .collect()
}

/// s.7 markdown: `| model | size | params | backend | ngl | ... | test | t/s |`, several tables.
fn llama_markdown(text: &str) -> Result<Vec<Run>, ImportError> {
    let mut runs = Vec::new();
    let mut header: Option<Vec<String>> = None;
    let mut hardware: Option<String> = None;
    let mut section = String::new();
    for line in text.lines() {
        let t = line.trim();
        if let Some(rest) = t
            .strip_prefix("ggml_vulkan: 0 = ")
            .or_else(|| t.strip_prefix("Device 0: "))
        {
            hardware = Some(
                rest.split(" (")
                    .next()
                    .unwrap_or(rest)
                    .split(',')
                    .next()
                    .unwrap_or(rest)
                    .trim()
                    .to_string(),
            );
        }
        if t.starts_with("###") {
            section = t.trim_matches('#').trim().to_string();
        }
        if !t.starts_with('|') {
            header = None;
            continue;
        }
        let c = cells(t);
        if c.iter().any(|x| x == "t/s") && c.iter().any(|x| x == "test") {
            header = Some(c);
            continue;
        }
        let Some(h) = &header else { continue };
        if c.iter().all(|x| x.chars().all(|ch| ch == '-' || ch == ':')) {
            continue;
        }
        let col = |name: &str| {
            h.iter()
                .position(|x| x == name)
                .and_then(|i| c.get(i))
                .cloned()
        };
        let test = col("test")
            .unwrap_or_default()
            .replace("pp ", "pp")
            .replace("tg ", "tg");
        let ts = col("t/s").and_then(|v| parse_number(v.split('±').next().unwrap_or("")));
        let (n_prompt, n_gen, depth) = parse_test(&test);
        let extras: Vec<String> = h
            .iter()
            .zip(&c)
            .filter(|(k, _)| {
                !["model", "size", "params", "backend", "test", "t/s"].contains(&k.as_str())
            })
            .map(|(k, v)| format!("{k}={v}"))
            .collect();
        let mut record = vec![
            ("n_prompt".to_string(), Lean::Num(n_prompt)),
            ("n_gen".to_string(), Lean::Num(n_gen)),
            ("n_depth".to_string(), Lean::Num(depth)),
            (
                "avg_ts".to_string(),
                ts.map(Lean::Num).unwrap_or(Lean::Null),
            ),
        ];
        if let Some(m) = col("model") {
            record.push(("model_type".into(), Lean::Str(m)));
        }
        let backend = col("backend");
        if let Some(g) = hardware.clone() {
            record.push(("gpu_info".into(), Lean::Str(g)));
        }
        if let Some(b) = backend {
            record.push(("backends".into(), Lean::Str(b)));
        }
        let mut run = json::llama_bench(&Lean::Obj(record));
        run.label = [section.as_str(), &run.label, &extras.join(" ")]
            .iter()
            .filter(|s| !s.is_empty())
            .cloned()
            .collect::<Vec<_>>()
            .join(", ");
        run.duration_s = None;
        run.e2e_ms = Stat::default();
        run.completed = None;
        run.notes.push("markdown rounds t/s to 2 decimals".into());
        runs.push(run);
    }
    if runs.is_empty() {
        return Err(wrong(
            Format::LlamaBenchMarkdown,
            "no table with \"test\" and \"t/s\" columns",
        ));
    }
    Ok(runs)
}

/// `pp512`, `tg128`, `pp512+tg128`, `pp512 @ d512`.
fn parse_test(test: &str) -> (f64, f64, f64) {
    let (main, depth) = match test.split_once('@') {
        Some((m, d)) => (
            m.trim(),
            d.trim().trim_start_matches('d').parse().unwrap_or(0.0),
        ),
        None => (test.trim(), 0.0),
    };
    let mut pp = 0.0;
    let mut tg = 0.0;
    for part in main.split('+') {
        let part = part.trim();
        if let Some(n) = part.strip_prefix("pp") {
            pp = n.trim().parse().unwrap_or(0.0);
        } else if let Some(n) = part.strip_prefix("tg") {
            tg = n.trim().parse().unwrap_or(0.0);
        }
    }
    (pp, tg, depth)
}

/// A CSV line with quoted fields (quotes doubled inside).
fn csv_fields(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut quoted = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                cur.push('"');
                chars.next();
            }
            ('"', _) => quoted = !quoted,
            (',', false) => out.push(std::mem::take(&mut cur)),
            _ => cur.push(c),
        }
    }
    out.push(cur);
    out
}

/// s.7 CSV: every value quoted; no samples.
fn llama_csv(text: &str) -> Result<Vec<Run>, ImportError> {
    let mut lines = text.lines().filter(|l| !l.trim().is_empty());
    let header = csv_fields(lines.next().unwrap_or(""));
    if !header.iter().any(|h| h == "avg_ts") {
        return Err(wrong(Format::LlamaBenchCsv, "no avg_ts column"));
    }
    let mut runs = Vec::new();
    for (i, line) in lines.enumerate() {
        let f = csv_fields(line);
        if f.len() != header.len() {
            return Err(ImportError::Malformed {
                what: "llama-bench CSV",
                detail: format!(
                    "row {} has {} fields, the header has {}",
                    i + 2,
                    f.len(),
                    header.len()
                ),
            });
        }
        let record = Lean::Obj(
            header
                .iter()
                .zip(f)
                .map(|(k, v)| {
                    let val = match parse_number(&v) {
                        Some(x)
                            if x.is_finite()
                                && ![
                                    "model_type",
                                    "model_filename",
                                    "gpu_info",
                                    "cpu_info",
                                    "backends",
                                    "build_commit",
                                ]
                                .contains(&k.as_str()) =>
                        {
                            Lean::Num(x)
                        }
                        _ => Lean::Str(v.chars().take(MAX_STRING).collect()),
                    };
                    (k.clone(), val)
                })
                .collect(),
        );
        runs.push(json::llama_bench(&record));
    }
    Ok(runs)
}

/// s.5 / s.6 CSV: a stats section (`Metric,avg,...`), then `Metric,Value`.
fn perf_csv(text: &str, format: Format) -> Result<Vec<Run>, ImportError> {
    let mut stats: Vec<(String, Vec<(String, f64)>)> = Vec::new();
    let mut header: Vec<String> = Vec::new();
    for line in text.lines() {
        let t = line.trim_end_matches('\r');
        if t.trim().is_empty() {
            header.clear();
            continue;
        }
        let f = csv_fields(t);
        if f.first().map(String::as_str) == Some("Metric")
            || f.first().map(String::as_str) == Some("Endpoint")
        {
            header = f;
            continue;
        }
        if header.is_empty() || header.first().map(String::as_str) != Some("Metric") {
            continue;
        }
        let name = f.first().cloned().unwrap_or_default();
        let values = header
            .iter()
            .zip(&f)
            .skip(1)
            .filter_map(|(k, v)| {
                parse_number(v)
                    .filter(|x| x.is_finite())
                    .map(|x| (k.clone(), x))
            })
            .collect();
        stats.push((name, values));
    }
    if stats.is_empty() {
        return Err(wrong(format, "no \"Metric,...\" section"));
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
        notes: vec![
            format!("{tool}'s \"Inter Token Latency\" is vLLM's TPOT; stored as TPOT"),
            "the CSV rounds to 2 decimals and names no model; the JSON export has more".into(),
        ],
        ..Run::default()
    }])
}

/// Go `Duration.String()`: `7m54.442550589s`, `18.0556ms`, `403ms`, `1h2m3s`, `12µs`, in seconds.
pub fn go_duration(s: &str) -> Option<f64> {
    let s = s.trim();
    if s.is_empty() {
        return None;
    }
    let mut total = 0.0;
    let mut num = String::new();
    let mut chars = s.chars().peekable();
    let mut any = false;
    while let Some(c) = chars.next() {
        if c.is_ascii_digit() || c == '.' {
            num.push(c);
            continue;
        }
        let mut unit = c.to_string();
        while let Some(&n) = chars.peek() {
            if n.is_ascii_digit() || n == '.' {
                break;
            }
            unit.push(n);
            chars.next();
        }
        let x: f64 = num.parse().ok()?;
        num.clear();
        total += x * match unit.as_str() {
            "h" => 3600.0,
            "m" => 60.0,
            "s" => 1.0,
            "ms" => 1e-3,
            "µs" | "μs" | "us" => 1e-6,
            "ns" => 1e-9,
            _ => return None,
        };
        any = true;
    }
    (any && num.is_empty()).then_some(total)
}

/// s.9 `ollama run --verbose`, possibly several blocks and `ollama ps` output.
fn ollama_verbose(text: &str) -> Result<Vec<Run>, ImportError> {
    let mut runs = Vec::new();
    let mut model: Option<String> = None;
    let mut hardware: Option<String> = None;
    let mut cur: Vec<(String, String)> = Vec::new();
    let flush = |cur: &mut Vec<(String, String)>,
                 runs: &mut Vec<Run>,
                 model: &Option<String>,
                 hardware: &Option<String>| {
        if cur.is_empty() {
            return;
        }
        let get = |k: &str| cur.iter().find(|(key, _)| key == k).map(|(_, v)| v.clone());
        let count =
            |k: &str| get(k).and_then(|v| parse_number(v.split_whitespace().next().unwrap_or("")));
        let dur = |k: &str| get(k).and_then(|v| go_duration(&v));
        let eval_count = count("eval count");
        let eval_s = dur("eval duration");
        let rate = match (eval_count, eval_s) {
            (Some(c), Some(d)) if d > 0.0 => Some(c / d),
            _ => get("eval rate")
                .and_then(|v| parse_number(v.split_whitespace().next().unwrap_or(""))),
        };
        let load = dur("load duration");
        let prompt = dur("prompt eval duration");
        runs.push(Run {
            label: format!("run {}", runs.len() + 1),
            model: model.clone(),
            hardware: hardware.clone(),
            concurrency: Some(1.0),
            input_tokens: count("prompt eval count"),
            output_tokens: eval_count,
            output_tokens_per_s: rate,
            duration_s: dur("total duration"),
            e2e_ms: Stat { mean: dur("total duration").map(|s| s * 1000.0), ..Stat::default() },
            ttft_ms: Stat { mean: (load.is_some() || prompt.is_some()).then(|| (load.unwrap_or(0.0) + prompt.unwrap_or(0.0)) * 1000.0), ..Stat::default() },
            tpot_ms: Stat { mean: rate.filter(|r| *r > 0.0).map(|r| 1000.0 / r), ..Stat::default() },
            completed: Some(1),
            notes: vec!["eval rate = eval count / eval duration; TTFT approximated as load + prompt evaluation time".into()],
            ..Run::default()
        });
        cur.clear();
    };
    let mut ps_header = false;
    for line in text.lines() {
        let t = line.trim();
        if t.starts_with("NAME") && t.contains("PROCESSOR") {
            ps_header = true;
            continue;
        }
        if ps_header {
            ps_header = false;
            let cols: Vec<&str> = t.split_whitespace().collect();
            if let Some(m) = cols.first() {
                model = Some((*m).to_string());
            }
            if let Some(i) = cols
                .iter()
                .position(|c| *c == "GPU" || *c == "CPU" || c.contains("GPU"))
            {
                hardware = Some(
                    format!(
                        "{} {} (from ollama ps)",
                        cols.get(i.wrapping_sub(1)).unwrap_or(&""),
                        cols[i]
                    )
                    .trim()
                    .to_string(),
                );
            }
            continue;
        }
        if let Some((k, v)) = t.split_once(':') {
            let k = k.trim().to_ascii_lowercase();
            if [
                "total duration",
                "load duration",
                "prompt eval count",
                "prompt eval duration",
                "prompt eval rate",
                "eval count",
                "eval duration",
                "eval rate",
            ]
            .contains(&k.as_str())
            {
                if k == "total duration" {
                    flush(&mut cur, &mut runs, &model, &hardware);
                }
                cur.push((k, v.trim().to_string()));
            }
        }
    }
    flush(&mut cur, &mut runs, &model, &hardware);
    if runs.is_empty() {
        return Err(wrong(
            Format::OllamaVerbose,
            "no \"eval count\" / \"eval rate\" lines",
        ));
    }
    Ok(runs)
}

/// The article's script prints three lines per run (seed article, `benchmark_run`).
fn article_script(text: &str) -> Result<Vec<Run>, ImportError> {
    let mut runs = Vec::new();
    for line in text.lines() {
        if let Some(v) = colon_value(line, "Avg tokens/sec:") {
            let Some(tps) = parse_number(v).filter(|x| x.is_finite()) else {
                return Err(ImportError::Malformed {
                    what: "article script output",
                    detail: format!(
                        "\"{}\" is not a number",
                        v.chars().take(40).collect::<String>()
                    ),
                });
            };
            runs.push(Run {
                label: format!("run {}", runs.len() + 1),
                concurrency: Some(1.0),
                output_tokens_per_s: Some(tps),
                notes: vec!["the article's script sends requests one at a time: concurrency 1; it prints no token shape".into()],
                ..Run::default()
            });
        } else if let (Some(v), Some(run)) = (
            colon_value(line, "Effective cost/1K output tokens:"),
            runs.last_mut(),
        ) {
            run.notes.push(format!(
                "the script estimated {} per 1K output tokens",
                v.trim()
            ));
        }
    }
    if runs.is_empty() {
        return Err(wrong(Format::ArticleScript, "no \"Avg tokens/sec:\" line"));
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
            if items.len() > super::lean::MAX_NESTED_ARRAY && depth > 0 {
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
fn guidellm_yaml(text: &str) -> Result<Vec<Run>, ImportError> {
    let v: serde_yaml::Value = serde_yaml::from_str(text).map_err(|e| ImportError::Malformed {
        what: "YAML",
        detail: e.to_string(),
    })?;
    let lean = yaml_to_lean(v, 0);
    if !lean.has("benchmarks") {
        return Err(wrong(Format::GuidellmYaml, "no \"benchmarks\" list"));
    }
    json::classify_and_read(&[lean], Some(Format::GuidellmYaml)).map(|(_, runs)| runs)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn go_durations() {
        assert_eq!(go_duration("403ms"), Some(0.403));
        assert!((go_duration("7m54.442550589s").unwrap_or(0.0) - 474.442550589).abs() < 1e-9);
        assert_eq!(go_duration("1h2m3s"), Some(3723.0));
        assert!((go_duration("12µs").unwrap_or(0.0) - 12e-6).abs() < 1e-15);
        assert_eq!(go_duration("12 parsecs"), None);
        assert_eq!(go_duration("5"), None);
    }

    #[test]
    fn llama_test_names() {
        assert_eq!(parse_test("pp512"), (512.0, 0.0, 0.0));
        assert_eq!(parse_test("tg128 @ d512"), (0.0, 128.0, 512.0));
        assert_eq!(parse_test("pp512+tg128"), (512.0, 128.0, 0.0));
    }

    #[test]
    fn csv_quoting() {
        assert_eq!(
            csv_fields(r#""a","1,234.56",,"say ""hi""""#),
            vec!["a", "1,234.56", "", "say \"hi\""]
        );
    }
}
