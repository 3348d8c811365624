//! The time a usage file and a bill cover, as intervals of Unix seconds: a report's
//! buckets as they are, a request log's whole UTC days, their overlaps and shares; and the
//! request log that holds only part of the days it is set against.

use super::pricing::GroupCost;
use super::reconcile::FileForReconciling;

/// A file's time as an interval; a file of one instant is one second long.
pub(super) fn span(start: i64, end: i64) -> (i64, i64) {
    (start, end.max(start + 1))
}

/// The time a usage file covers, set against a bill: a report's buckets as they are; a
/// log of requests (a Claude Code session, API responses, a gateway's rows) the whole UTC
/// days its requests fall on, as bills are by day: a day's bill is not cut to the hours
/// between a log's first and last request.
pub(super) fn file_span(f: &FileForReconciling) -> (i64, i64) {
    const DAY: i64 = 86_400;
    match f.format {
        format if format.is_request_log() => {
            let start = f.start.div_euclid(DAY) * DAY;
            // The end is exclusive: a log's span ending at midnight ends that day.
            let end = if f.end > f.start {
                (f.end + DAY - 1).div_euclid(DAY) * DAY
            } else {
                start + DAY
            };
            (start, end)
        }
        _ => span(f.start, f.end),
    }
}

/// The request logs among `usage` whose calls cover less than nine tenths of the billed
/// time their whole days are set against, as one reason: the rest of those days' calls
/// (before or after the log, or by other keys, tools or people) are billed but not in
/// the usage.
pub(super) fn logs_of_part_days(
    usage: &[&(&FileForReconciling, Vec<&GroupCost>)],
    billed: &[(i64, i64)],
) -> Option<String> {
    let within = |a: (i64, i64)| -> i64 { inside(a, billed).iter().map(|(s, e)| e - s).sum() };
    let part: Vec<String> = usage
        .iter()
        .map(|(f, _)| *f)
        .filter(|f| f.format.is_request_log())
        .filter(|f| within(span(f.start, f.end)) * 10 < within(file_span(f)) * 9)
        .map(|f| format!("{} ({})", f.name, super::time_span(f.start, f.end)))
        .collect();
    let n = part.len();
    let named = match n {
        0 => return None,
        1..=3 => crate::report::and_list(&part),
        _ => format!("{} and {} more", part[..3].join(", "), n - 3),
    };
    Some(format!(
        "the bill is by whole days, but the log{s} {named} hold{v} only the calls of {those} hours: calls on those days outside them, or by other keys, tools or people, are billed but not in the usage",
        s = if n > 1 { "s" } else { "" },
        v = if n > 1 { "" } else { "s" },
        those = if n > 1 { "their" } else { "its" },
    ))
}

/// Sorted, disjoint intervals covering the same time as `spans`.
pub(super) fn merged(mut spans: Vec<(i64, i64)>) -> Vec<(i64, i64)> {
    spans.sort_unstable();
    let mut out: Vec<(i64, i64)> = Vec::new();
    for (s, e) in spans {
        match out.last_mut() {
            Some(last) if s <= last.1 => last.1 = last.1.max(e),
            _ => out.push((s, e)),
        }
    }
    out
}

/// The parts of `a` inside the disjoint intervals `set`.
pub(super) fn inside(a: (i64, i64), set: &[(i64, i64)]) -> Vec<(i64, i64)> {
    set.iter()
        .map(|&(s, e)| (s.max(a.0), e.min(a.1)))
        .filter(|(s, e)| s < e)
        .collect()
}

/// The share of `a`'s time inside `set`.
pub(super) fn share_inside(a: (i64, i64), set: &[(i64, i64)]) -> f64 {
    let len: i64 = inside(a, set).iter().map(|(s, e)| e - s).sum();
    (len as f64 / (a.1 - a.0).max(1) as f64).min(1.0)
}
