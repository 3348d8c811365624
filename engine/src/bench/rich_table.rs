//! AIPerf's and GenAI-Perf's console output (`profile_export_console.txt`, or the
//! terminal copied): tables drawn with box characters (Python's `rich`), titled
//! "NVIDIA AIPerf | LLM Metrics". The metrics table holds what the CSV export's first
//! section holds, so it is turned into that CSV and read by the CSV reader; the error
//! summary table gives the failed requests and their causes.

/// What the console's tables hold besides the metrics.
#[derive(Default)]
pub(super) struct Console {
    /// The error summary's causes.
    pub errors: Vec<String>,
    /// Requests the benchmark cancelled on purpose (RequestCancellationError).
    pub cancelled: f64,
    /// Values the terminal cut short ("11.…"), left out.
    pub cut: usize,
}

/// The console's tables as the CSV export would hold them, with what else they say:
/// `None` when the text has no metrics table.
pub(super) fn to_csv(text: &str) -> Option<(String, Console)> {
    let mut csv = String::new();
    let mut console = Console::default();
    let (errors, cut) = (&mut console.errors, &mut console.cut);
    let mut cancelled = 0.0;
    let mut failed = 0.0;
    let mut table: Option<String> = None;
    let mut header: Vec<String> = Vec::new();
    let mut rows: Vec<Vec<String>> = Vec::new();
    let mut flush = |table: &Option<String>, header: &[String], rows: &mut Vec<Vec<String>>| {
        match table.as_deref() {
            Some(t) if t.ends_with("LLM Metrics") || t.ends_with("Metrics") => {
                // GenAI-Perf names the row-name column "Statistic"; AIPerf "Metric".
                let named: Vec<String> = header
                    .iter()
                    .map(|h| {
                        if h == "Statistic" {
                            "Metric".into()
                        } else {
                            h.clone()
                        }
                    })
                    .collect();
                csv.push_str(&quoted(&named));
                for r in rows.iter() {
                    let kept: Vec<String> = r
                        .iter()
                        .map(|c| {
                            if c.contains('\u{2026}') {
                                *cut += 1;
                                String::new()
                            } else {
                                c.clone()
                            }
                        })
                        .collect();
                    csv.push_str(&quoted(&kept));
                }
                csv.push('\n');
            }
            Some(t) if t.ends_with("Error Summary") => {
                let col = |name: &str| header.iter().position(|h| h.eq_ignore_ascii_case(name));
                for r in rows.iter() {
                    let count = col("Count")
                        .and_then(|i| r.get(i))
                        .and_then(|c| super::lean::parse_number(c));
                    // Cancelled on purpose (--request-cancellation-rate): not a failure.
                    let on_purpose = col("Type")
                        .and_then(|i| r.get(i))
                        .is_some_and(|t| t == "RequestCancellationError");
                    if on_purpose {
                        cancelled += count.unwrap_or(0.0);
                        continue;
                    }
                    failed += count.unwrap_or(0.0);
                    let what = [col("Type"), col("Message")]
                        .into_iter()
                        .flatten()
                        .filter_map(|i| r.get(i).filter(|c| !c.is_empty()).cloned())
                        .collect::<Vec<_>>()
                        .join(": ");
                    errors.push(what.chars().take(160).collect());
                }
            }
            _ => {}
        }
        rows.clear();
    };
    for line in text.lines() {
        let t = line.trim();
        if let Some(at) = t
            .find("NVIDIA AIPerf | ")
            .or_else(|| t.find("NVIDIA GenAI-Perf | "))
        {
            flush(&table, &header, &mut rows);
            table = Some(t[at..].to_string());
            header.clear();
        } else if t.starts_with('┃') {
            header = cells(t, '┃');
        } else if t.starts_with('│') && table.is_some() {
            let c = cells(t, '│');
            // A row wrapped over two lines or more: the lines after its first leave the
            // last column (a number, a count, "N/A") empty.
            match rows.last_mut() {
                Some(prev) if c.last().is_some_and(String::is_empty) && prev.len() == c.len() => {
                    for (p, x) in prev.iter_mut().zip(c) {
                        if !x.is_empty() {
                            p.push(' ');
                            p.push_str(&x);
                        }
                    }
                }
                _ => rows.push(c),
            }
        } else if t.starts_with('└') {
            flush(&table, &header, &mut rows);
            table = None;
        }
    }
    flush(&table, &header, &mut rows);
    if csv.is_empty() {
        return None;
    }
    if failed > 0.0 {
        csv.push_str(&format!("Metric,Value\nError Request Count,{failed}\n"));
    }
    console.cancelled = cancelled;
    Some((csv, console))
}

/// A table line's cells, trimmed, without the empty ones outside the first and last bar.
fn cells(line: &str, bar: char) -> Vec<String> {
    let inner = line.trim().trim_start_matches(bar).trim_end_matches(bar);
    inner.split(bar).map(|c| c.trim().to_string()).collect()
}

/// A CSV line of the cells, each quoted ("11,205.91" keeps its thousands comma).
fn quoted(cells: &[String]) -> String {
    let mut out = cells
        .iter()
        .map(|c| format!("\"{}\"", c.replace('"', "\"\"")))
        .collect::<Vec<_>>()
        .join(",");
    out.push('\n');
    out
}
