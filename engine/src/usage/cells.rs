//! Cells of a usage table as its readers take them: a time, a status that says a request
//! failed, a yes/no in a spreadsheet's words, the yes/no cells that were neither, a row's
//! hash.

use super::gateways::time;
use serde_json::Value;

/// A CSV cell's time: [`time`]'s forms, a time to the minute as a spreadsheet writes it
/// ("2026-03-02 10:15"), or Unix seconds (10 digits) or milliseconds (13).
pub(super) fn csv_time(s: &str) -> Option<i64> {
    let s = s.trim();
    let unix = match s.len() {
        10 | 13 if s.bytes().all(|b| b.is_ascii_digit()) => s.parse::<i64>().ok(),
        _ => None,
    };
    unix.map(|t| if s.len() == 13 { t / 1000 } else { t })
        .filter(|t| (0..=super::time::LATEST).contains(t))
        .or_else(|| time(Some(&Value::String(s.to_string()))))
        .or_else(|| {
            (s.len() == 16)
                .then(|| time(Some(&Value::String(format!("{s}:00")))))
                .flatten()
        })
        .or_else(|| dotted(s).and_then(|iso| csv_time(&iso)))
}

/// A date written with dots ("22.03.2026", "1.3.2026 10:15"): day first wherever dots
/// are written (German, Russian, Polish, Czech … spreadsheets), as ISO 8601.
fn dotted(s: &str) -> Option<String> {
    let (date, clock) = s
        .split_once(' ')
        .map_or((s, None), |(d, c)| (d, Some(c.trim())));
    let mut parts = date.split('.');
    let (d, m, y) = (parts.next()?, parts.next()?, parts.next()?);
    let num = |x: &str, n: std::ops::RangeInclusive<usize>| {
        (n.contains(&x.len()) && x.bytes().all(|b| b.is_ascii_digit()))
            .then(|| x.parse::<u32>().ok())
            .flatten()
    };
    let (d, m, y) = (num(d, 1..=2)?, num(m, 1..=2)?, num(y, 4..=4)?);
    if parts.next().is_some() || !(1..=31).contains(&d) || !(1..=12).contains(&m) {
        return None;
    }
    Some(match clock {
        Some(c) => format!("{y:04}-{m:02}-{d:02} {c}"),
        None => format!("{y:04}-{m:02}-{d:02}"),
    })
}

/// A cell that holds a date and no time of day.
pub(super) fn date_only(s: &str) -> bool {
    let s = s.trim();
    (s.len() == 10 && s.contains('-')) || (!s.contains(' ') && dotted(s).is_some())
}

/// A status cell that says the request failed: an HTTP error (4xx, 5xx), or a word for it.
pub(super) fn failed_status(s: &str) -> Option<String> {
    let s = s.trim();
    // The first word: "Errored, Not Charged" (Cursor) fails as "error" does.
    let word = s
        .split(|c: char| !c.is_ascii_alphabetic())
        .next()
        .unwrap_or("")
        .to_ascii_lowercase();
    let failed = match s.parse::<u16>() {
        Ok(code) => (400..=599).contains(&code),
        Err(_) => matches!(
            word.as_str(),
            "error"
                | "errored"
                | "failed"
                | "failure"
                | "cancelled"
                | "canceled"
                | "aborted"
                | "timeout"
                | "expired"
        ),
    };
    failed.then(|| s.chars().take(24).collect())
}

/// A yes/no cell (`TRUE`, `false`, `1`, `0`, and a spreadsheet's TRUE and FALSE in its
/// locale: WAHR, VRAI, VERDADERO, VERO, WAAR, SANT, PRAWDA); anything else is not known.
pub(super) fn flag(s: &str) -> Option<bool> {
    match s.trim().to_lowercase().as_str() {
        "true" | "1" | "yes" | "wahr" | "vrai" | "verdadero" | "vero" | "waar" | "sant"
        | "prawda" | "verdadeiro" => Some(true),
        "false" | "0" | "no" | "falsch" | "faux" | "falso" | "onwaar" | "falskt" | "fałsz" => {
            Some(false)
        }
        _ => None,
    }
}

/// Yes/no cells that are neither: counted, with the first, for a note.
#[derive(Default)]
pub(super) struct Unread {
    count: usize,
    first: Option<String>,
}

impl Unread {
    pub(super) fn read(&mut self, s: &str) -> Option<bool> {
        let f = flag(s);
        if f.is_none() && !s.trim().is_empty() {
            self.count += 1;
            self.first
                .get_or_insert_with(|| s.trim().chars().take(20).collect());
        }
        f
    }

    pub(super) fn note(&self, column: Option<&String>) -> Option<String> {
        let first = self.first.as_deref()?;
        Some(format!(
            "{} cells of the column \u{201c}{}\u{201d} read as neither yes nor no (the first: \u{201c}{first}\u{201d}): whether those rows ran as batch is not known, and they are priced at the full rate",
            self.count,
            column.map_or("", |c| c.trim())
        ))
    }
}

/// A row's cells as one 64-bit hash (`DefaultHasher::new()`: the same in every run).
pub(super) fn hash_of<S: AsRef<str>>(cells: &[S]) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    for c in cells {
        c.as_ref().trim().hash(&mut h);
    }
    h.finish()
}

/// What the failed requests left out held: "they hold 30,180,115 tokens, 3.4% of the
/// file's: not in the workload". A provider may not charge them (Cursor's "Errored, Not
/// Charged"), but the tokens were read or written, and a server would spend that work.
pub(super) fn failed_note(failed: f64, kept: &[super::UsageRecord]) -> Option<String> {
    let all: f64 = failed
        + kept
            .iter()
            .map(|r| r.tokens.input_total() + r.tokens.output)
            .sum::<f64>();
    (failed > 0.0 && all > 0.0).then(|| {
        format!(
            "the failed requests left out hold {} tokens, {}% of the file's: not in the workload (a server would have spent that work too, whether or not a provider charged it)",
            crate::fmt_num(failed),
            crate::fmt_num((failed / all * 1000.0).round() / 10.0)
        )
    })
}
