//! Token and request counts as read from any usage file: a count no export can hold is
//! read as 0 and tallied, and the import says how many (never silently).

use super::MAX_COUNT;

thread_local! {
    /// Counts read as 0 in the file being read (on this thread): negative, not a
    /// number, above [`MAX_COUNT`](super::MAX_COUNT), cached above the whole input.
    static LEFT_OUT: std::cell::Cell<[u32; 4]> = const { std::cell::Cell::new([0; 4]) };
}

/// Which count [`LEFT_OUT`] tallies.
#[derive(Clone, Copy)]
pub(crate) enum LeftOut {
    Negative = 0,
    NotANumber = 1,
    TooLarge = 2,
    CachedAboveInput = 3,
}

pub(crate) fn left_out(why: LeftOut) {
    LEFT_OUT.with(|c| {
        let mut n = c.get();
        n[why as usize] = n[why as usize].saturating_add(1);
        c.set(n);
    });
}

/// A token or request count from a field: a number, or a numeric string. Missing, null
/// or an empty string is 0. A negative count, one that is not a number ("NaN",
/// "1e999", "lots") or one above [`MAX_COUNT`](super::MAX_COUNT) is read as 0 and tallied, and the
/// import says how many (never silently).
pub(crate) fn count_of(v: Option<&serde_json::Value>) -> f64 {
    use serde_json::Value;
    let x = match v {
        Some(Value::Number(n)) => n.as_f64(),
        Some(Value::String(s)) if !s.trim().is_empty() => s.trim().parse::<f64>().ok(),
        _ => return 0.0,
    };
    match x {
        Some(x) if x.is_finite() && (0.0..=MAX_COUNT).contains(&x) => x,
        Some(x) if x.is_finite() && x < 0.0 => {
            left_out(LeftOut::Negative);
            0.0
        }
        Some(x) if x.is_finite() => {
            left_out(LeftOut::TooLarge);
            0.0
        }
        _ => {
            left_out(LeftOut::NotANumber);
            0.0
        }
    }
}

thread_local! {
    /// Token counts a record should carry and does not, in the file being read: (field,
    /// records without it, the record's other fields that name tokens, as a renamed
    /// column would).
    static MISSING: std::cell::RefCell<Vec<(&'static str, u32, Vec<String>)>> =
        const { std::cell::RefCell::new(Vec::new()) };
}

/// At most this many missing fields, and fields that name tokens per missing one, said.
const MISSING_SAID: usize = 4;

/// [`count_of`] for a count every record of the format carries (its output tokens):
/// absent from `record`, it is read as 0 and tallied with the record's other fields that
/// name tokens, so a renamed field ("output_tokens_count") is said, never silently 0.
pub(crate) fn needed_count(record: Option<&serde_json::Value>, field: &'static str) -> f64 {
    let Some(obj) = record.and_then(serde_json::Value::as_object) else {
        return 0.0;
    };
    match obj.get(field) {
        Some(v) => count_of(Some(v)),
        None => {
            MISSING.with(|m| {
                let mut m = m.borrow_mut();
                let i = match m.iter().position(|(f, _, _)| *f == field) {
                    Some(i) => i,
                    None if m.len() < MISSING_SAID => {
                        m.push((field, 0, Vec::new()));
                        m.len() - 1
                    }
                    None => return,
                };
                let entry = &mut m[i];
                entry.1 = entry.1.saturating_add(1);
                // The names most like the missing one first: those that share its first
                // word ("output", "completion"), then any other that names tokens.
                let stem = field.split('_').next().unwrap_or(field);
                let named = |k: &&String| k.to_ascii_lowercase().contains("token");
                let alike = |k: &&String| k.to_ascii_lowercase().contains(stem);
                let keys = obj.keys().filter(named);
                for k in keys.clone().filter(alike).chain(keys.filter(|k| !alike(k))) {
                    if entry.2.len() < MISSING_SAID && !entry.2.iter().any(|x| x == k) {
                        entry.2.push(k.chars().take(60).collect());
                    }
                }
            });
            0.0
        }
    }
}

/// Starts the tally of counts read as 0 for a new read of a file.
pub(crate) fn start_tally() {
    LEFT_OUT.with(|c| c.set([0; 4]));
    MISSING.with(|m| m.borrow_mut().clear());
}

/// What the tally of this read says, if anything was read as 0.
pub(crate) fn tally_note() -> Option<String> {
    let n = LEFT_OUT.with(std::cell::Cell::get);
    let parts: Vec<String> = [
        "negative",
        "not a number (NaN, an infinity or text)",
        "above 10^12, beyond any real count",
    ]
    .iter()
    .zip(n)
    .filter(|(_, k)| *k > 0)
    .map(|(what, k)| format!("{k} {what}"))
    .collect();
    let mut out = Vec::new();
    if !parts.is_empty() {
        out.push(format!(
            "token or request counts that no export can hold were read as 0: {}",
            parts.join(", ")
        ));
    }
    if n[3] > 0 {
        out.push(format!(
            "{} record(s) count more cached input tokens than input tokens: their uncached input was read as 0",
            n[3]
        ));
    }
    MISSING.with(|m| {
        for (field, n, names) in m.borrow().iter() {
            let there = if names.is_empty() {
                String::new()
            } else {
                format!(
                    " (fields there that name tokens: {}; a renamed column?)",
                    names.join(", ")
                )
            };
            out.push(format!(
                "{n} record(s) have no {field} field: their {field} were read as 0{there}"
            ));
        }
    });
    (!out.is_empty()).then(|| out.join("; "))
}

impl super::UsageImport {
    /// ": " and what was skipped, to end a refusal's sentence; nothing when nothing was.
    pub(crate) fn skipped_after(&self) -> String {
        if self.skipped.is_empty() {
            String::new()
        } else {
            format!(": {}", self.skipped_text())
        }
    }
    /// What was skipped, in words: "6 × a line that is not an API call; ...".
    pub(crate) fn skipped_text(&self) -> String {
        self.skipped
            .iter()
            .map(|(w, n)| format!("{n} × {w}"))
            .collect::<Vec<_>>()
            .join("; ")
    }
}
