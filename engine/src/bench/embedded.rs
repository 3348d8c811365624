//! A console capture that also holds the tool's own result records, one JSON object a
//! line (a script that prints `vllm bench serve`'s console and then its saved result):
//! the records are read, exact and with their date and hardware, rather than the
//! console's figures rounded to 2 decimals.

use super::dispatch::{classify_and_read, read_values};
use super::{ImportError, Run};

/// Lines read for records: a capture is text, bounded by the text limit already.
const MAX_LINES: usize = 100_000;

/// The runs of the capture's result records, if it holds any that are a known tool's,
/// all of one format; `None` to read the console instead.
pub(super) fn records(text: &str) -> Option<Vec<Run>> {
    let values: Vec<_> = text
        .lines()
        .take(MAX_LINES)
        .map(str::trim)
        .filter(|l| l.starts_with('{') && l.ends_with('}'))
        .filter_map(|l| read_values(l.as_bytes()).ok())
        .flatten()
        .collect();
    let first = values.first()?;
    let format = super::detect::detect_json(first)?;
    if values
        .iter()
        .any(|v| super::detect::detect_json(v) != Some(format))
    {
        return None;
    }
    let (_, mut runs, _) = classify_and_read(&values, Some(format)).ok()?;
    for r in &mut runs {
        r.notes.push(format!("read from the {} result record(s) printed in the text; its console blocks, rounded to 2 decimals, were not used", values.len()));
    }
    Some(runs)
}

/// The capture's runs: its records where it has them, else its console blocks.
pub(super) fn or_console(text: &str) -> Result<Vec<Run>, ImportError> {
    match records(text) {
        Some(runs) if !runs.is_empty() => Ok(runs),
        _ => super::vllm_console::read_console(text),
    }
}
