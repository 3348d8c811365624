//! Pasted vLLM console output (s.1d of `engine/tests/bench-samples/FORMATS.md`), and
//! SGLang's, which prints the same blocks: `bench_serving`'s "Serving Benchmark Result"
//! and `bench_offline_throughput`'s "Offline Throughput Benchmark Result".

use super::common::wrong_format;
use super::lean::parse_number;
use super::{ConcurrencyBasis, Format, ImportError, Run, Stat};

/// The titles of the blocks read: vLLM's and SGLang's serving result, SGLang's offline one.
pub(super) const TITLES: [&str; 2] = [
    "Serving Benchmark Result",
    "Offline Throughput Benchmark Result",
];

/// s.1d: blocks between `Serving Benchmark Result` (or SGLang's `Offline Throughput
/// Benchmark Result`) and a line of `=`.
pub(super) fn read_console(text: &str) -> Result<Vec<Run>, ImportError> {
    let mut runs = Vec::new();
    let mut lines = text.lines().peekable();
    let mut model: Option<String> = None;
    // vLLM prints the concurrency limit above the result block, not in it.
    let mut limit_above: Option<f64> = None;
    while let Some(line) = lines.next() {
        if let Some(i) = line.find("--model=") {
            model = line[i + 8..].split_whitespace().next().map(str::to_string);
        } else if let Some(i) = line.find("--model-path ") {
            // SGLang names the model by its path.
            model = line[i + 13..].split_whitespace().next().map(str::to_string);
        } else if let Some(m) = namespace_arg(line, "model") {
            // The arguments as printed: `Namespace(..., model='Qwen/Qwen3-32B', ...)`.
            model = Some(m);
        }
        if let Some(c) = namespace_arg(line, "max_concurrency").and_then(|c| parse_number(&c)) {
            limit_above = Some(c).filter(|x| x.is_finite());
        }
        if let Some((k, val)) = uncomment(line).rsplit_once(':') {
            if k.trim().eq_ignore_ascii_case("maximum request concurrency") {
                limit_above = parse_number(val).filter(|x| x.is_finite());
            }
        }
        let offline = line.contains(TITLES[1]);
        if !TITLES.iter().any(|t| line.contains(t)) {
            continue;
        }
        let mut v: Vec<(String, f64)> = Vec::new();
        let mut backend: Option<String> = None;
        let mut unread: Vec<String> = Vec::new();
        for l in lines.by_ref() {
            let t = uncomment(l);
            // The title again (a `grep "... Result"` command above the block it printed):
            // the block starts here.
            if TITLES.iter().any(|title| t.contains(title)) {
                (v, backend, unread) = (Vec::new(), None, Vec::new());
                continue;
            }
            if t.starts_with("====") {
                break;
            }
            if let Some((key, val)) = t.rsplit_once(':') {
                let k = key.trim().to_ascii_lowercase();
                if let Some(x) = parse_number(val) {
                    v.push((k, x));
                } else if k == "backend" {
                    backend = Some(val.trim().to_string()).filter(|b| !b.is_empty());
                } else if let Some(x) = leading_number(val) {
                    // "13395.44  ·": a number, then marks a paste left behind.
                    unread.push(format!(
                        "{}: read as {} (what follows the number ignored)",
                        key.trim(),
                        val.split_whitespace().next().unwrap_or_default()
                    ));
                    v.push((k, x));
                } else if k.contains('(') && !val.trim().is_empty() {
                    unread.push(format!(
                        "{}: \"{}\" is not a number, so it is left out",
                        key.trim(),
                        val.trim().chars().take(40).collect::<String>()
                    ));
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
        let limit = get("maximum request concurrency")
            .or_else(|| get("max request concurrency"))
            .or(limit_above.take());
        // SGLang prints the measured mean in flight as "Concurrency".
        let measured = get("concurrency");
        let (concurrency, basis) = match (measured, limit) {
            (Some(m), _) => (Some(m), Some(ConcurrencyBasis::Measured)),
            (None, c) => (c, c.map(|_| ConcurrencyBasis::Configured)),
        };
        let mut notes = vec!["console values are rounded to 2 decimals".to_string()];
        if offline {
            notes.push("SGLang's offline throughput: every request is given to the engine at once, which batches as many as its memory holds; the block states no concurrency and no latencies, and \"Last generation throughput\" (the last step's) is not the run's".into());
        }
        notes.extend(unread);
        if let (Some(m), Some(c)) = (measured, limit) {
            notes.push(format!(
                "concurrency is the measured mean in flight ({m:.2}); the configured limit was {c}"
            ));
        }
        // "Backend: sglang" (SGLang's block); vLLM's says "vllm" or the API it called.
        // `sglang-oai` and `sglang-oai-chat` are SGLang's client calling its OpenAI API.
        let framework = if offline {
            Some("SGLang (bench_offline_throughput)".to_string())
        } else {
            backend
                .filter(|b| {
                    let b = b.to_ascii_lowercase();
                    b == "sglang" || b.starts_with("sglang-")
                })
                .map(|_| "SGLang (the block's Backend line)".to_string())
        };
        runs.push(Run {
            label: format!("block {}", runs.len() + 1),
            model: model.clone(),
            concurrency,
            concurrency_basis: basis,
            framework,
            input_tokens: per(get("total input tokens")),
            output_tokens: per(get("total generated tokens")),
            output_tokens_per_s: get("output token throughput (tok/s)"),
            // Old vLLM printed "Total Token throughput", new "Total token throughput" (s.1d).
            // SGLang's older block: "Total throughput (tok/s)".
            total_tokens_per_s: get("total token throughput (tok/s)")
                .or_else(|| get("total throughput (tok/s)")),
            requests_per_s: get("request throughput (req/s)"),
            duration_s: get("benchmark duration (s)"),
            ttft_ms: st("ttft"),
            tpot_ms: st("tpot"),
            itl_ms: st("itl"),
            // vLLM prints "E2EL", SGLang "E2E Latency".
            e2e_ms: Some(st("e2el"))
                .filter(|s| s.mean.or(s.p50).or(s.p99).is_some())
                .unwrap_or_else(|| st("e2e latency")),
            completed,
            failed: get("failed requests").map(|x| x as u64),
            notes,
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

/// The number a value starts with when only marks follow it (no letter or digit):
/// "13395.44  ·".
fn leading_number(val: &str) -> Option<f64> {
    let mut words = val.split_whitespace();
    let x = parse_number(words.next()?)?;
    let rest_is_marks = words.all(|w| !w.chars().any(char::is_alphanumeric));
    (rest_is_marks && x.is_finite()).then_some(x)
}

/// A line without its indent and the marker a paste or a script put before it: a
/// comment (`# `, `// `, `; `), a quote (`> `) or a list item (`- `, `* `).
fn uncomment(line: &str) -> &str {
    let mut t = mpi_untagged(line.trim());
    while let Some(rest) = ["# ", "// ", "; ", "> ", "- ", "* "]
        .iter()
        .find_map(|m| t.strip_prefix(m))
    {
        t = rest.trim_start();
    }
    t
}

/// A line without the tag `mpirun --tag-output` puts before each process's output
/// (`[1,0]<stdout>:`).
fn mpi_untagged(line: &str) -> &str {
    let Some(rest) = line.strip_prefix('[') else {
        return line;
    };
    let Some((ranks, after)) = rest.split_once(']') else {
        return line;
    };
    let ranks_ok = !ranks.is_empty() && ranks.bytes().all(|b| b.is_ascii_digit() || b == b',');
    match ["<stdout>:", "<stderr>:"]
        .iter()
        .find_map(|t| after.strip_prefix(t))
    {
        Some(out) if ranks_ok => out.trim_start(),
        _ => line,
    }
}

/// `name='value'` or `name=value` in a printed Python `Namespace(...)` line.
fn namespace_arg(line: &str, name: &str) -> Option<String> {
    let args = &line[line.find("Namespace(")? + 10..];
    args.split(", ")
        .find_map(|a| {
            let (k, v) = a.split_once('=')?;
            (k.trim() == name).then(|| {
                v.trim()
                    .trim_end_matches(')')
                    .trim_matches('\'')
                    .to_string()
            })
        })
        .filter(|v| !v.is_empty() && v != "None")
}
