//! Pasted vLLM console output (s.1d of `engine/tests/bench-samples/FORMATS.md`).

use super::common::wrong_format;
use super::lean::parse_number;
use super::{ConcurrencyBasis, Format, ImportError, Run, Stat};

/// s.1d: blocks between `Serving Benchmark Result` and a line of `=`.
pub(super) fn read_console(text: &str) -> Result<Vec<Run>, ImportError> {
    let mut runs = Vec::new();
    let mut lines = text.lines().peekable();
    let mut model: Option<String> = None;
    // vLLM prints the concurrency limit above the result block, not in it.
    let mut limit_above: Option<f64> = None;
    while let Some(line) = lines.next() {
        if let Some(i) = line.find("--model=") {
            model = line[i + 8..].split_whitespace().next().map(str::to_string);
        }
        if let Some((k, val)) = uncomment(line).rsplit_once(':') {
            if k.trim().eq_ignore_ascii_case("maximum request concurrency") {
                limit_above = parse_number(val).filter(|x| x.is_finite());
            }
        }
        if !line.contains("Serving Benchmark Result") {
            continue;
        }
        let mut v: Vec<(String, f64)> = Vec::new();
        for l in lines.by_ref() {
            let t = uncomment(l);
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
        let concurrency = get("maximum request concurrency").or(limit_above.take());
        runs.push(Run {
            label: format!("block {}", runs.len() + 1),
            model: model.clone(),
            concurrency,
            concurrency_basis: concurrency.map(|_| ConcurrencyBasis::Configured),
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
        return Err(wrong_format(
            Format::VllmConsole,
            "no \"Serving Benchmark Result\" block",
        ));
    }
    Ok(runs)
}

/// A line without its indent and the marker a paste or a script put before it: a
/// comment (`# `, `// `, `; `), a quote (`> `) or a list item (`- `, `* `).
fn uncomment(line: &str) -> &str {
    let mut t = line.trim();
    while let Some(rest) = ["# ", "// ", "; ", "> ", "- ", "* "]
        .iter()
        .find_map(|m| t.strip_prefix(m))
    {
        t = rest.trim_start();
    }
    t
}
