//! Output of the seed article's `benchmark_run` script: three lines per run, of which
//! `Avg tokens/sec:` is the measurement. Not a tool of
//! `engine/tests/bench-samples/FORMATS.md`; the shape is pinned by
//! `engine/tests/fixtures/article-script.txt`.

use super::common::wrong_format;
use super::lean::parse_number;
use super::{Format, ImportError, Run};

/// "label:   value" lines.
fn colon_value<'a>(line: &'a str, label: &str) -> Option<&'a str> {
    let l = line.trim();
    l.strip_prefix(label).map(str::trim)
}

/// The article's script prints three lines per run (seed article, `benchmark_run`).
pub(super) fn read(text: &str) -> Result<Vec<Run>, ImportError> {
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
        return Err(wrong_format(
            Format::ArticleScript,
            "no \"Avg tokens/sec:\" line",
        ));
    }
    Ok(runs)
}
