//! GuideLLM `benchmarks.csv` (v0.7 and v0.8 writer, `benchmark/outputs/csv.py`): three
//! header rows (group, field, units or statistic) and one row per benchmark. Columns are
//! the union over benchmarks in first-seen order, so a column is found by its three
//! headers, never by position. Shape: `engine/tests/fixtures/SHAPES-new.md` s.2 (no real
//! file was available; the fixture follows the writer's code).

use super::common::{csv_records, wrong_format};
use super::facts::stated_framework;
use super::lean::{parse_number, Lean, MAX_NESTED_ARRAY, MAX_STRING};
use super::units::count;
use super::{ConcurrencyBasis, Format, ImportError, Run, Stat};

/// Index of p99 in a `Percentiles` cell: `[min, p0.1, p1, p5, p10, p25, p75, p90, p95, p99, max]`.
const P99: usize = 9;

pub(super) fn read(text: &str) -> Result<Vec<Run>, ImportError> {
    let rows: Vec<Vec<String>> = csv_records(text)
        .into_iter()
        .filter(|r| r.iter().any(|c| !c.trim().is_empty()))
        .collect();
    // Files joined one after another (`cat a.csv b.csv`): each part read by its own
    // three header rows, whose columns may differ between GuideLLM versions.
    // A part starts where a row opens as the first does: its group header, "Run Info"
    // across the cells (the benchmarks' rows start with an id).
    let opens = |r: &Vec<String>| {
        rows.first().is_some_and(|f| {
            r.len() > 1 && r.first() == f.first() && r.get(1) == f.get(1) && r.first() == r.get(1)
        })
    };
    let starts: Vec<usize> = (0..rows.len())
        .filter(|&i| i == 0 || opens(&rows[i]))
        .collect();
    if starts.len() < 2 {
        return read_rows(rows);
    }
    let mut runs = Vec::new();
    for (n, &at) in starts.iter().enumerate() {
        let end = starts.get(n + 1).copied().unwrap_or(rows.len());
        runs.extend(read_rows(rows[at..end].to_vec())?);
    }
    let note = format!(
        "the file holds {} GuideLLM CSVs joined one after another: each read by its own header rows",
        starts.len()
    );
    for (k, r) in runs.iter_mut().enumerate() {
        let rest = match r.label.split_once(' ') {
            Some((n, rest)) if n.starts_with('#') => rest.to_string(),
            _ => r.label.clone(),
        };
        r.label = format!("#{} {rest}", k + 1);
        r.notes.push(note.clone());
    }
    Ok(runs)
}

fn read_rows(rows: Vec<Vec<String>>) -> Result<Vec<Run>, ImportError> {
    let first = rows.first().cloned().unwrap_or_default();
    if first.iter().any(|c| c == "Run Id") && !first.iter().any(|c| c == "Request Counts") {
        return Err(ImportError::Unrecognised("this is GuideLLM's early CSV layout (one header row, v0.2-0.3), which this importer does not read; upload the JSON report it writes with --output-path benchmarks.json instead".into()));
    }
    if rows.len() < 4 || !first.iter().any(|c| c == "Request Counts") {
        return Err(wrong_format(
            Format::GuidellmCsv,
            "expected three header rows (group, field, units: \"Run Info\", \"Request Counts\", ...) and a row per benchmark",
        ));
    }
    let (g, f, u) = (&rows[0], &rows[1], &rows[2]);
    let col = |group: &str, field: &str, unit: &str| {
        (0..g.len()).find(|&i| {
            g[i] == group
                && f.get(i).is_some_and(|x| x == field)
                && u.get(i).is_some_and(|x| x == unit)
        })
    };
    let benchmarks = &rows[3..];
    // Each row's strategy kind ("concurrent" in 0.4+, where the cell has no "@4").
    let kinds: Vec<String> = benchmarks
        .iter()
        .map(|r| {
            col("Benchmark", "Strategy", "")
                .and_then(|i| r.get(i))
                .map(|c| c.trim().split('@').next().unwrap_or("").to_string())
                .unwrap_or_default()
        })
        .collect();
    // Each row's place in its sweep: a run's rows of one kind by their "Run Index" (the
    // order GuideLLM ran them), or by the file's order where it has none, so a sheet
    // sorted by another column still gives each row its own streams.
    let run_of = |r: &Vec<String>, field: &str| {
        col("Run Info", field, "")
            .and_then(|i| r.get(i))
            .map(|c| c.trim().to_string())
    };
    let place: Vec<(String, String, f64)> = benchmarks
        .iter()
        .enumerate()
        .map(|(k, r)| {
            let index = run_of(r, "Run Index").and_then(|c| parse_number(&c));
            (
                kinds[k].clone(),
                run_of(r, "Run ID").unwrap_or_default(),
                index.unwrap_or(k as f64),
            )
        })
        .collect();
    let mut runs = Vec::new();
    for (k, row) in benchmarks.iter().enumerate() {
        let cell = |group: &str, field: &str, unit: &str| {
            col(group, field, unit)
                .and_then(|i| row.get(i))
                .map(|c| c.trim().to_string())
                .filter(|c| !c.is_empty())
        };
        let num = |group: &str, field: &str, unit: &str| {
            cell(group, field, unit).and_then(|c| parse_number(&c))
        };
        let stat = |group: &str, units: &str, scale: f64| Stat {
            mean: num(group, units, "Mean").map(|x| x * scale),
            p50: num(group, units, "Median").map(|x| x * scale),
            p99: cell(group, units, "Percentiles")
                .and_then(|c| {
                    c.trim_matches(['[', ']'])
                        .split(',')
                        .nth(P99)
                        .and_then(parse_number)
                })
                .map(|x| x * scale),
        };
        let json = |group: &str, field: &str| {
            cell(group, field, "")
                .and_then(|c| serde_json::from_str::<serde_json::Value>(&c).ok())
                .map(|v| from_json(&v))
        };
        let backend = json("Run Info", "Backend");
        let profile = json("Run Info", "Profile");
        let strategy = cell("Benchmark", "Strategy", "").unwrap_or_else(|| "benchmark".into());
        // "concurrent@4", "throughput@8": the configured cap; "constant@5.00": a rate.
        let (kind, arg) = strategy.split_once('@').unwrap_or((&strategy, ""));
        let configured = match kind {
            "concurrent" | "throughput" => parse_number(arg),
            "synchronous" => Some(1.0),
            _ => None,
        }
        .or_else(|| {
            profile.as_ref().and_then(|p| {
                p.n("max_concurrency")
                    .or_else(|| p.n("streams"))
                    .or_else(|| {
                        // A sweep's streams, one per row of its kind, in order; one
                        // value for every row; else the row's cap is not known.
                        let streams = p.get("streams").and_then(Lean::arr)?;
                        let (kind, run, at) = &place[k];
                        let sweep = || place.iter().filter(|(x, r, _)| x == kind && r == run);
                        let same = sweep().count();
                        let nth = sweep().filter(|(_, _, i)| i < at).count();
                        match streams.len() {
                            1 => streams[0].num(),
                            n if n == same => streams[nth].num(),
                            _ => None,
                        }
                    })
            })
        });
        let measured = num("Server Throughput", "Successful Concurrency", "Mean");
        let mut notes = vec![
            "read from GuideLLM's CSV: each column found by its three header rows".to_string(),
        ];
        let (concurrency, basis) = match (measured, configured) {
            (Some(m), Some(c)) => {
                notes.push(format!("concurrency is the measured mean in flight ({m:.2}); the strategy's cap was {c}"));
                (Some(m), Some(ConcurrencyBasis::Measured))
            }
            (Some(m), None) => (Some(m), Some(ConcurrencyBasis::Measured)),
            (None, Some(c)) => (Some(c), Some(ConcurrencyBasis::Configured)),
            (None, None) => (None, None),
        };
        let errored = count(num("Request Counts", "Errored", ""));
        let incomplete = count(num("Request Counts", "Incomplete", "")).filter(|n| *n > 0);
        if let Some(n) = incomplete {
            notes.push(format!("{n} request(s) were still running when the benchmark's time or request limit ended it (incomplete): not failures, and not in the figures"));
        }
        let mut warnings = Vec::new();
        if row.len() != g.len() {
            warnings.push(format!("this row has {} cells but the header has {}: GuideLLM 0.4-0.6 wrote the header from the first benchmark only, so this row's columns may be shifted; check its numbers, or upload the JSON report (--output-path benchmarks.json)", row.len(), g.len()));
        }
        let label = if benchmarks.len() > 1 {
            format!("#{} {strategy}", k + 1)
        } else {
            strategy.clone()
        };
        runs.push(Run {
            label,
            model: backend.as_ref().and_then(|b| b.s("model")),
            framework: backend.as_ref().and_then(stated_framework),
            concurrency,
            concurrency_basis: basis,
            input_tokens: num("Token Metrics", "Successful Input Tokens", "Mean"),
            output_tokens: num("Token Metrics", "Successful Output Tokens", "Mean"),
            output_tokens_per_s: num("Token Throughput", "Successful Output Tokens/Sec", "Mean"),
            total_tokens_per_s: num("Token Throughput", "Successful Total Tokens/Sec", "Mean"),
            requests_per_s: num("Server Throughput", "Successful Requests/Sec", "Mean"),
            duration_s: num("Timings", "Duration", "Sec"),
            ttft_ms: stat("Time to First Token", "Successful ms", 1.0),
            tpot_ms: stat("Time per Output Token", "Successful ms", 1.0),
            itl_ms: stat("Inter Token Latency", "Successful ms", 1.0),
            // Request latency is in seconds, its neighbours in ms.
            e2e_ms: stat("Request Latency", "Successful Sec", 1000.0),
            completed: count(num("Request Counts", "Successful", "")),
            failed: errored,
            notes,
            warnings,
            ..Run::default()
        });
    }
    Ok(runs)
}

/// A JSON cell (already parsed) as a [`Lean`], with long strings cut.
fn from_json(v: &serde_json::Value) -> Lean {
    use serde_json::Value as J;
    match v {
        J::Null => Lean::Null,
        J::Bool(b) => Lean::Bool(*b),
        J::Number(n) => Lean::Num(n.as_f64().unwrap_or(f64::NAN)),
        J::String(s) => Lean::Str(s.chars().take(MAX_STRING).collect()),
        J::Array(items) => Lean::Arr(items.iter().take(MAX_NESTED_ARRAY).map(from_json).collect()),
        J::Object(m) => Lean::Obj(m.iter().map(|(k, v)| (k.clone(), from_json(v))).collect()),
    }
}
