//! Helpers shared by the per-tool importers: the wrong-format error, the records of a
//! JSON file, recorder envelopes, hardware hints and CSV fields. Section numbers refer
//! to `engine/tests/bench-samples/FORMATS.md`.

use super::lean::Lean;
use super::{Format, ImportError, Run};

pub(super) fn wrong_format(expected: Format, reason: &str) -> ImportError {
    ImportError::WrongFormat {
        expected: expected.label(),
        reason: reason.to_string(),
    }
}

/// Records of a file: a top-level array's items, or every JSON-lines value.
pub(super) fn records(values: &[Lean]) -> Vec<&Lean> {
    values
        .iter()
        .flat_map(|v| match v {
            Lean::Arr(items) => items.iter().collect::<Vec<_>>(),
            other => vec![other],
        })
        .collect()
}

/// Reads the file's objects (its values, or the items of a top-level array) with `read`,
/// a run each, after checking that the first has every key of `keys`; the others that
/// lack one are left out and said.
pub(super) fn single_object(
    values: &[Lean],
    format: Format,
    keys: &[&str],
    read: impl Fn(&Lean) -> Run,
) -> Result<Vec<Run>, ImportError> {
    // Every document of the file (several written one after another, or an array of
    // them), each its own run; the first decides whether the file is this format.
    let docs: Vec<&Lean> = values
        .iter()
        .flat_map(|v| match v {
            Lean::Arr(items) if !items.is_empty() => items.iter().collect(),
            v => vec![v],
        })
        .collect();
    let v = docs[0];
    if let Some(k) = keys.iter().find(|k| !v.has(k)) {
        return Err(wrong_format(format, &format!("the key \"{k}\" is missing")));
    }
    if !v.is_obj() {
        return Err(wrong_format(format, "expected a JSON object"));
    }
    let fits = |d: &&Lean| d.is_obj() && keys.iter().all(|k| d.has(k));
    let others = docs.iter().filter(|d| !fits(d)).count();
    let several = docs.len() > 1;
    let mut runs = Vec::new();
    for (i, d) in docs.iter().enumerate().filter(|(_, d)| fits(d)) {
        let mut r = read(d);
        if several {
            r.label = format!("#{} {}", i + 1, r.label).trim_end().to_string();
            r.notes.push(format!(
                "document {} of {} in the file, each read as its own run",
                i + 1,
                docs.len()
            ));
        }
        if others > 0 {
            r.notes.push(format!(
                "{others} other document(s) in the file are not {}: left out",
                format.label()
            ));
        }
        runs.push(r);
    }
    Ok(runs)
}

/// Unwraps a test-recorder envelope (`{request, response: {body}}`) to its body.
pub(super) fn envelope(v: &Lean) -> Option<(&Lean, Option<String>)> {
    let body = v.at("response.body")?;
    let model = v.s("request.body.model").or_else(|| v.s("request.model"));
    Some((body, model))
}

/// The `__data__` member of a recorded body, or the body itself.
pub(super) fn unwrap_data(v: &Lean) -> &Lean {
    v.get("__data__").unwrap_or(v)
}

/// The response objects of each value (a recorded body's items, a top-level array's
/// items, or the value itself) with the model named by its recorder envelope, if any.
pub(super) fn response_bodies(values: &[Lean]) -> Vec<(Vec<&Lean>, Option<String>)> {
    values
        .iter()
        .map(|v| match envelope(v) {
            Some((Lean::Arr(items), model)) => (items.iter().map(unwrap_data).collect(), model),
            Some((body, model)) => (vec![unwrap_data(body)], model),
            None => match v {
                Lean::Arr(items) => (items.iter().collect(), None),
                other => (vec![other], None),
            },
        })
        .collect()
}

/// Hardware a user recorded as vLLM `--metadata` (s.1a) or similar free keys.
pub(super) fn hardware_hint(v: &Lean) -> Option<String> {
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

/// A CSV line with quoted fields (quotes doubled inside): the one record of
/// [`csv_records`] (an empty line is one empty field).
pub(crate) fn csv_fields(line: &str) -> Vec<String> {
    csv_records(line)
        .into_iter()
        .next()
        .unwrap_or_else(|| vec![String::new()])
}

/// Every record of a CSV text: quoted fields may hold commas, doubled quotes and line
/// breaks; CRLF and LF line ends both end a record.
pub(crate) fn csv_records(text: &str) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut cur = String::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                cur.push('"');
                chars.next();
            }
            ('"', _) => quoted = !quoted,
            (',', false) => row.push(std::mem::take(&mut cur)),
            ('\r', false) if chars.peek() == Some(&'\n') => {}
            ('\n', false) => {
                row.push(std::mem::take(&mut cur));
                rows.push(std::mem::take(&mut row));
            }
            _ => cur.push(c),
        }
    }
    if !cur.is_empty() || !row.is_empty() {
        row.push(cur);
        rows.push(row);
    }
    rows
}

/// Distinct error messages of the per-request `errors` array (a few, shortened).
pub(super) fn error_messages(v: &Lean) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for e in v.get("errors").and_then(Lean::arr).unwrap_or(&[]) {
        let Some(msg) = e.str().map(str::trim).filter(|m| !m.is_empty()) else {
            continue;
        };
        // A Python traceback (vLLM and SGLang keep one per failed request) says what
        // failed on its last line; another message, on its first.
        let mut lines = msg.lines().map(str::trim).filter(|l| !l.is_empty());
        let line = if msg.starts_with("Traceback") {
            lines.next_back()
        } else {
            lines.next()
        };
        let short: String = line.unwrap_or(msg).chars().take(160).collect();
        if !out.contains(&short) {
            out.push(short);
        }
        if out.len() == 3 {
            break;
        }
    }
    out
}

/// The runs with each repeat (the same figures and facts under another label: a file
/// joined to itself) left out and said in `refused`. A label differs only by its
/// position in the file (`#3 ...`, `... · #2`) for a repeat; settings a label names
/// (`fa=1 mla=3`) tell two runs apart however alike their figures.
pub(super) fn once(runs: Vec<Run>, refused: &mut Vec<String>) -> Vec<Run> {
    let mut seen: std::collections::HashMap<String, String> = std::collections::HashMap::new();
    let mut out = Vec::with_capacity(runs.len());
    for r in runs {
        let mut key = r.clone();
        key.label = without_position(&r.label);
        key.notes.clear();
        let key = serde_json::to_string(&key).unwrap_or_default();
        match seen.get(&key) {
            Some(first) => refused.push(format!(
                "{}: the same figures as {first} (the file holds the run twice: joined to itself?), counted once",
                r.label
            )),
            None => {
                seen.insert(key, r.label.clone());
                out.push(r);
            }
        }
    }
    out
}

/// A label without what only says where a run was in the file: a leading `#3 `, a
/// part ` · #2`, a wrapper's `line 12` and the indices of a path (`results[2]` reads
/// `results[]`). What else it names (a setting, a concurrency) stays.
fn without_position(label: &str) -> String {
    let numbered = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    let mut l = label.trim();
    if let Some(rest) = l.strip_prefix('#') {
        let (n, tail) = rest.split_once(' ').unwrap_or((rest, ""));
        if numbered(n) {
            l = tail.trim_start();
        }
    }
    let parts: Vec<String> = l
        .split(" · ")
        .filter(|p| {
            let p = p.trim();
            !(p.strip_prefix('#').is_some_and(numbered)
                || p.strip_prefix("line ").is_some_and(numbered))
        })
        .map(|p| {
            let mut out = String::with_capacity(p.len());
            let mut chars = p.chars().peekable();
            while let Some(c) = chars.next() {
                out.push(c);
                if c == '[' {
                    while chars.peek().is_some_and(char::is_ascii_digit) {
                        chars.next();
                    }
                }
            }
            out
        })
        .collect();
    parts.join(" · ")
}

/// Words a spreadsheet's user writes in the first cell of a row of totals or averages
/// under a table of runs (English, German, French, Spanish, Italian, Dutch).
const SUMMARY_WORDS: &[&str] = &[
    "total",
    "totals",
    "sum",
    "average",
    "avg",
    "mean",
    "median",
    "gesamt",
    "summe",
    "durchschnitt",
    "mittelwert",
    "somme",
    "moyenne",
    "suma",
    "promedio",
    "media",
    "totale",
    "somma",
    "totaal",
    "gemiddelde",
];

/// Takes out of a table of one run a row (a CSV's lines after its header) the rows a
/// spreadsheet's user added under it: a first cell of "Total", "Average", "Summe" … is a
/// sum or a mean of the runs above, not a run. Says what was left out, by line.
/// With `headers`, a line that repeats the header (a one-line header: files joined) is
/// taken out too.
pub(super) fn drop_summary_rows(text: &mut String, headers: bool) -> Vec<String> {
    let mut dropped = Vec::new();
    let mut header = true;
    let mut head: Option<&str> = None;
    let mut kept = String::with_capacity(text.len());
    for (i, line) in text.split_inclusive('\n').enumerate() {
        let bare = line.trim_end_matches(['\n', '\r']);
        // The header again: files joined one after another.
        if headers && !header && head == Some(bare) {
            dropped.push(format!(
                "line {}: the header again (files joined one after another): read as such, not as a run",
                i + 1
            ));
            continue;
        }
        let blank = line.trim().is_empty() || line.trim_start().starts_with('#');
        let first = csv_fields(line.trim_end_matches(['\n', '\r']))
            .into_iter()
            .next()
            .unwrap_or_default();
        let word = first.trim().trim_end_matches(':').to_lowercase();
        if !header && !blank && SUMMARY_WORDS.contains(&word.as_str()) {
            dropped.push(format!(
                "line {}: a row of \u{201c}{}\u{201d} (a sum or mean of the runs above, added in a spreadsheet), not a run: left out",
                i + 1,
                first.trim()
            ));
            continue;
        }
        if header && !blank {
            head = Some(bare);
        }
        header &= blank;
        kept.push_str(line);
    }
    if !dropped.is_empty() {
        *text = kept;
    }
    dropped
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_quoting() {
        assert_eq!(
            csv_fields(r#""a","1,234.56",,"say ""hi""""#),
            vec!["a", "1,234.56", "", "say \"hi\""]
        );
        assert_eq!(
            csv_records("a,\"b\r\nc\"\r\n1,2\n"),
            vec![vec!["a", "b\r\nc"], vec!["1", "2"]]
        );
    }

    #[test]
    fn a_label_without_where_the_run_was() {
        // A wrapper's place, a document's number: the same run twice.
        assert_eq!(
            without_position("line 12 · eval"),
            without_position("line 24 · eval")
        );
        assert_eq!(
            without_position("results[2] · c32"),
            without_position("results[7] · c32")
        );
        assert_eq!(without_position("#1 c32 · #2"), "c32");
        // Settings tell runs apart.
        assert_ne!(
            without_position("tg64@pp128, fa=0 · #1"),
            without_position("tg64@pp128, fa=1 · #1")
        );
    }
}
