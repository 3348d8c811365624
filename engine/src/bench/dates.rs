//! When a run was measured, as its file says: vLLM's `date` (`20260816-160853`, the
//! benchmark machine's local time), llama-bench's `test_time`, AIPerf's `start_time`,
//! llmperf's `timestamp` (Unix seconds), Ollama's `created_at`. Read from each record at
//! the top of the file (or each item of a top-level array), kept to the minute, with
//! "UTC" only where the file says so.

use super::lean::Lean;
use super::Run;
use crate::date::{fmt_rfc3339, parse_rfc3339};

/// The keys read, in order of preference.
const KEYS: [&str; 6] = [
    "date",
    "test_time",
    "start_time",
    "started_at",
    "timestamp",
    "created_at",
];

/// 2010-01-01 to 2100-01-01: a time outside is no benchmark's.
const PLAUSIBLE: std::ops::RangeInclusive<i64> = 1_262_304_000..=4_102_444_800;

/// A time as the file gives it: Unix seconds and whether the file said it is UTC.
#[derive(Clone, Copy, Debug, PartialEq)]
struct When {
    secs: i64,
    utc: bool,
}

impl When {
    /// "2026-08-16 16:08", or "2026-02-06 06:07 UTC".
    fn shown(self) -> String {
        let t = fmt_rfc3339(self.secs);
        format!(
            "{} {}{}",
            &t[..10],
            &t[11..16],
            if self.utc { " UTC" } else { "" }
        )
    }
}

fn unix(x: f64) -> Option<When> {
    // Milliseconds, as some tools write them.
    let s = if x > 1e11 { x / 1000.0 } else { x };
    (s.is_finite() && s >= 0.0).then_some(When {
        secs: s as i64,
        utc: true,
    })
}

fn read(v: &Lean) -> Option<When> {
    let w = match v {
        Lean::Num(x) => unix(*x),
        Lean::Str(s) => {
            let s = s.trim();
            if let Ok(x) = s.parse::<f64>() {
                unix(x)
            } else if let Some(t) = compact(s) {
                Some(When {
                    secs: t,
                    utc: false,
                })
            } else {
                let zoned = s.ends_with(['Z', 'z'])
                    || s.get(s.len().saturating_sub(6)..).is_some_and(|o| {
                        o.starts_with(['+', '-']) && o.as_bytes().get(3) == Some(&b':')
                    });
                parse_rfc3339(s).map(|secs| When { secs, utc: zoned })
            }
        }
        _ => None,
    };
    w.filter(|w| PLAUSIBLE.contains(&w.secs))
}

/// vLLM's "20260816-160853" (no zone: the machine's clock).
fn compact(s: &str) -> Option<i64> {
    let b = s.as_bytes();
    let digits =
        |r: std::ops::Range<usize>| b.get(r).is_some_and(|d| d.iter().all(u8::is_ascii_digit));
    if b.len() != 15 || b[8] != b'-' || !digits(0..8) || !digits(9..15) {
        return None;
    }
    parse_rfc3339(&format!(
        "{}-{}-{}T{}:{}:{}",
        &s[0..4],
        &s[4..6],
        &s[6..8],
        &s[9..11],
        &s[11..13],
        &s[13..15]
    ))
}

/// The time one record states.
fn of_record(v: &Lean) -> Option<When> {
    KEYS.iter().find_map(|k| v.get(k).and_then(read))
}

/// Gives each run the time its file states: record by record when the file has as many
/// dated records as runs, else the file's first time (and its last, when the records
/// span more than a day). A run that has a time keeps it.
pub(super) fn date_runs(values: &[Lean], runs: &mut [Run]) {
    let records: Vec<&Lean> = values
        .iter()
        .flat_map(|v| match v {
            Lean::Arr(items) => items.iter().collect::<Vec<_>>(),
            other => vec![other],
        })
        .collect();
    let times: Vec<Option<When>> = records.iter().map(|r| of_record(r)).collect();
    let dated: Vec<When> = times.iter().flatten().copied().collect();
    let (Some(first), Some(last)) = (
        dated.iter().min_by_key(|w| w.secs),
        dated.iter().max_by_key(|w| w.secs),
    ) else {
        return;
    };
    let whole = if last.secs - first.secs > 86_400 {
        format!("{} to {}", first.shown(), last.shown())
    } else {
        first.shown()
    };
    let by_record = times.len() == runs.len() && times.iter().all(Option::is_some);
    for (i, run) in runs.iter_mut().enumerate() {
        if run.measured_at.is_some() {
            continue;
        }
        run.measured_at = Some(match times.get(i).copied().flatten() {
            Some(w) if by_record => w.shown(),
            _ => whole.clone(),
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lean(json: &str) -> Lean {
        serde_json::from_str(json).expect("json")
    }

    #[test]
    fn the_tools_times_are_read_as_they_write_them() {
        let cases = [
            (r#"{"date":"20260816-160853"}"#, Some("2026-08-16 16:08")),
            (
                r#"{"test_time":"2026-02-06T06:07:29Z"}"#,
                Some("2026-02-06 06:07 UTC"),
            ),
            (
                r#"{"start_time":"2026-07-03T05:16:02.949937"}"#,
                Some("2026-07-03 05:16"),
            ),
            (
                r#"{"timestamp":"1703136129"}"#,
                Some("2023-12-21 05:22 UTC"),
            ),
            (
                r#"{"timestamp":1703136129000}"#,
                Some("2023-12-21 05:22 UTC"),
            ),
            (
                r#"{"created_at":"2025-08-20T22:08:32.164511508Z"}"#,
                Some("2025-08-20 22:08 UTC"),
            ),
            (
                r#"{"created_at":"2025-08-20T22:08:32+02:00"}"#,
                Some("2025-08-20 20:08 UTC"),
            ),
            // Not times: a duration, a year alone, a date long before any benchmark.
            (r#"{"date":"42"}"#, None),
            (r#"{"date":"2026"}"#, None),
            (r#"{"date":"1970-01-01T00:00:00Z"}"#, None),
            (r#"{"model":"x"}"#, None),
        ];
        for (json, want) in cases {
            let got = of_record(&lean(json)).map(When::shown);
            assert_eq!(got.as_deref(), want, "{json}");
        }
    }

    #[test]
    fn each_run_gets_its_records_time_or_the_files() {
        let values = vec![lean(
            r#"[{"test_time":"2026-06-04T17:51:12Z"},{"test_time":"2026-06-04T17:53:00Z"}]"#,
        )];
        let mut runs = vec![Run::default(), Run::default()];
        date_runs(&values, &mut runs);
        assert_eq!(runs[0].measured_at.as_deref(), Some("2026-06-04 17:51 UTC"));
        assert_eq!(runs[1].measured_at.as_deref(), Some("2026-06-04 17:53 UTC"));
        // Three runs from two dated records days apart: the file's span.
        let values = vec![
            lean(r#"{"date":"20260816-160853"}"#),
            lean(r#"{"date":"20260820-090000"}"#),
        ];
        let mut runs = vec![Run::default(), Run::default(), Run::default()];
        date_runs(&values, &mut runs);
        assert_eq!(
            runs[2].measured_at.as_deref(),
            Some("2026-08-16 16:08 to 2026-08-20 09:00")
        );
        // A file with no time leaves the runs undated.
        let mut runs = vec![Run::default()];
        date_runs(&[lean(r#"{"x":1}"#)], &mut runs);
        assert_eq!(runs[0].measured_at, None);
    }
}
