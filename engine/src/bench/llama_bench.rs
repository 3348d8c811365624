//! llama.cpp `llama-bench`: `-o json` / `-o jsonl`, `-o csv` and the default markdown
//! (s.7 of `engine/tests/bench-samples/FORMATS.md`). CSV rows and markdown table rows are
//! turned into the JSON record shape and read by the same `read_record`.

use super::common::{csv_fields, records, wrong_format};
use super::lean::{parse_number, Lean, MAX_STRING};
use super::{Format, ImportError, Run, Stat};

/// `-o json` (an array) or `-o jsonl` (one record a line): one run per record.
pub(super) fn read_json(values: &[Lean]) -> Result<Vec<Run>, ImportError> {
    let records = records(values);
    if !records.iter().all(|r| r.has("avg_ts")) {
        return Err(wrong_format(Format::LlamaBenchJson, "records lack avg_ts"));
    }
    Ok(records.iter().map(|r| read_record(r)).collect())
}

/// s.7: one record per test; ns and tok/s.
fn read_record(r: &Lean) -> Run {
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
    // A backend (CUDA, Metal, CPU) is not a device: alone it names no hardware.
    let hardware = match (r.s("gpu_info").or_else(|| r.s("cpu_info")), r.s("backends")) {
        (Some(g), Some(b)) => Some(format!("{g} ({b})")),
        (None, Some(b)) => {
            notes.push(format!(
                "the file names the backend ({b}) but not the device it ran on"
            ));
            None
        }
        (g, None) => g,
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

/// A markdown table's header line: `t/s` and `test` (or the first layout's `n_prompt`
/// and `n_gen`).
pub(super) fn names_its_columns(line: &str) -> bool {
    let l = line.trim();
    l.contains('|')
        && l.contains("t/s")
        && (l.contains("test") || (l.contains("n_prompt") && l.contains("n_gen")))
}

fn cells(line: &str) -> Vec<String> {
    line.trim()
        .trim_matches('|')
        .split('|')
        .map(|c| c.trim().to_string())
        .collect()
}

/// s.7 markdown: `| model | size | params | backend | ngl | ... | test | t/s |`, several tables.
pub(super) fn read_markdown(text: &str) -> Result<Vec<Run>, ImportError> {
    let mut runs = Vec::new();
    let mut header: Option<Vec<String>> = None;
    let mut hardware: Option<String> = None;
    let mut section = String::new();
    let mut skipped = 0usize;
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
        // "CPU: Intel(R) Core(TM) i7-8700", "* GPU: RTX 4090": the device of the tables
        // under it, as people write it above a pasted table.
        let bare = t.trim_start_matches(['*', '-', ' ']);
        if let Some(dev) = ["GPU:", "CPU:"].iter().find_map(|k| bare.strip_prefix(k)) {
            let dev = dev.trim();
            if !dev.is_empty() && dev.len() <= 100 && !dev.contains('|') {
                hardware = Some(dev.to_string());
            }
        }
        if t.starts_with("###") {
            section = t.trim_matches('#').trim().to_string();
        }
        // A table's lines start with a pipe, or, as markdown allows, not (a header
        // pasted without its first one): a line with pipes whose cells match the header's.
        let c = if t.contains('|') {
            cells(t)
        } else {
            Vec::new()
        };
        let in_table = t.starts_with('|')
            || (c.len() >= 3 && header.as_ref().is_none_or(|h| h.len() == c.len()));
        if !in_table {
            header = None;
            continue;
        }
        // The first layout (2023) has `n_prompt` and `n_gen` columns instead of `test`.
        let named = |x: &str| c.iter().any(|k| k == x);
        if named("t/s") && (named("test") || (named("n_prompt") && named("n_gen"))) {
            header = Some(c);
            continue;
        }
        let Some(h) = &header else { continue };
        if c.len() != h.len() {
            skipped += 1;
            continue;
        }
        if c.iter().all(|x| x.chars().all(|ch| ch == '-' || ch == ':')) {
            continue;
        }
        let col = |name: &str| {
            h.iter()
                .position(|x| x == name)
                .and_then(|i| c.get(i))
                .cloned()
        };
        let test = match col("test") {
            Some(t) => t.replace("pp ", "pp").replace("tg ", "tg"),
            None => {
                let n = |k: &str| col(k).and_then(|v| parse_number(&v)).unwrap_or(0.0);
                match (n("n_prompt"), n("n_gen")) {
                    (p, g) if p > 0.0 && g > 0.0 => format!("pp{p:.0}+tg{g:.0}"),
                    (p, _) if p > 0.0 => format!("pp{p:.0}"),
                    (_, g) => format!("tg{g:.0}"),
                }
            }
        };
        let ts = col("t/s").and_then(|v| parse_number(v.split('±').next().unwrap_or("")));
        let (n_prompt, n_gen, depth) = parse_test(&test);
        let extras: Vec<String> = h
            .iter()
            .zip(&c)
            .filter(|(k, _)| {
                ![
                    "model", "size", "params", "backend", "test", "t/s", "n_prompt", "n_gen",
                ]
                .contains(&k.as_str())
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
        let mut run = read_record(&Lean::Obj(record));
        // The test as the file names it (`tg64@pp128`), else as read.
        let test_name = if test.contains('@') {
            test.clone()
        } else {
            run.label.clone()
        };
        run.label = [section.as_str(), &test_name, &extras.join(" ")]
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
    if skipped > 0 {
        for r in &mut runs {
            r.notes.push(format!("{skipped} table row(s) with another number of cells than their header were left out"));
        }
    }
    if runs.is_empty() {
        return Err(wrong_format(
            Format::LlamaBenchMarkdown,
            "no table with \"test\" and \"t/s\" columns",
        ));
    }
    Ok(runs)
}

/// `pp512`, `tg128`, `pp512+tg128`, `pp512 @ d512`, and ik_llama.cpp's `tg64@pp128`
/// (`-gp`: 64 tokens generated after a prompt of 128, the rate the generation's).
fn parse_test(test: &str) -> (f64, f64, f64) {
    let (main, depth) = match test.split_once('@') {
        Some((m, d)) => {
            let d = d.trim();
            let n = d
                .strip_prefix("pp")
                .or_else(|| d.strip_prefix('d'))
                .unwrap_or(d);
            (m.trim(), n.trim().parse().unwrap_or(0.0))
        }
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

/// s.7 CSV: every value quoted; no samples.
pub(super) fn read_csv(text: &str) -> Result<Vec<Run>, ImportError> {
    let mut lines = text.lines().filter(|l| !l.trim().is_empty());
    let header = csv_fields(lines.next().unwrap_or(""));
    if !header.iter().any(|h| h == "avg_ts") {
        return Err(wrong_format(Format::LlamaBenchCsv, "no avg_ts column"));
    }
    let (mut runs, mut records) = (Vec::new(), Vec::new());
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
        runs.push(read_record(&record));
        records.push(record);
    }
    // Each row's `test_time`, as the JSON's records give theirs.
    super::dates::date_runs(&records, &mut runs);
    Ok(runs)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn llama_test_names() {
        assert_eq!(parse_test("pp512"), (512.0, 0.0, 0.0));
        assert_eq!(parse_test("tg128 @ d512"), (0.0, 128.0, 512.0));
        assert_eq!(parse_test("pp512+tg128"), (512.0, 128.0, 0.0));
        assert_eq!(parse_test("tg64@pp8192"), (0.0, 64.0, 8192.0));
    }
}
