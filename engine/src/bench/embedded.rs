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

/// A known tool's records found anywhere in a text that is none of the formats read (a
/// terminal session pasted into notes: `curl ... /api/chat` and the answer on the next
/// line, followed by the shell's `%`): each line's JSON object, from its first `{` to its
/// last `}`, that is a known tool's record; all of one format. At most [`MAX_FOUND_BYTES`]
/// of such lines are parsed. Returns the format and the values, or `None`.
pub(super) fn found_anywhere(text: &str) -> Option<(super::Format, Vec<super::lean::Lean>)> {
    let mut values = Vec::new();
    let mut parsed = 0usize;
    for line in text.lines().take(MAX_LINES) {
        let (Some(a), Some(b)) = (line.find('{'), line.rfind('}')) else {
            continue;
        };
        // An object of at least a key: `{}` and `{x}` are no records.
        if b < a + 6 {
            continue;
        }
        parsed += b + 1 - a;
        if parsed > MAX_FOUND_BYTES {
            break;
        }
        let Ok(found) = read_values(&line.as_bytes()[a..=b]) else {
            continue;
        };
        values.extend(
            found
                .into_iter()
                .filter(|v| super::detect::detect_json(v).is_some()),
        );
    }
    let format = super::detect::detect_json(values.first()?)?;
    values
        .iter()
        .all(|v| super::detect::detect_json(v) == Some(format))
        .then_some((format, values))
}

/// The most bytes of a text's lines [`found_anywhere`] parses as JSON (a pasted session
/// with a tool's answers in it is far smaller).
const MAX_FOUND_BYTES: usize = 4 * 1024 * 1024;

/// The runs of the known records found in a text none of the formats read, or `unread`
/// (why the text itself was not read) when it holds none.
pub(super) fn read_found(text: &str, unread: ImportError) -> Result<super::Imported, ImportError> {
    let Some((format, values)) = found_anywhere(text) else {
        return Err(unread);
    };
    let (format, mut runs, refused) = classify_and_read(&values, Some(format))?;
    super::dispatch::text_facts(text, &mut runs);
    let note = format!("read from the {} result record(s) found in the text, one a line; the rest of the text was not read", values.len());
    for r in &mut runs {
        r.notes.push(note.clone());
    }
    super::Imported::finish(format, runs, refused)
}

/// The capture's runs: its records where it has them, else its console blocks.
pub(super) fn or_console(text: &str) -> Result<Vec<Run>, ImportError> {
    match records(text) {
        Some(runs) if !runs.is_empty() => Ok(runs),
        _ => super::vllm_console::read_console(text),
    }
}
