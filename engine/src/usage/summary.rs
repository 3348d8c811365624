//! From usage records to a workload: per group (the model, by default) the period,
//! requests, tokens by class, calls per month, tokens per call, cache shares, batch share
//! and peak-to-average, each with what it was measured from.

use super::{Tokens, UsageImport, UsageRecord};
use serde::{Deserialize, Serialize};

/// Days in an average month (365.25 / 12).
pub const DAYS_PER_MONTH: f64 = 30.4375;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct GroupSummary {
    /// The model (or the grouping key's value); "(no model in the file)" when absent.
    pub group: String,
    /// Unix seconds: the file's first start and last end (every group is counted over
    /// the file's period).
    pub start: i64,
    pub end: i64,
    pub days: f64,
    /// `None` when the format counts no requests (Anthropic's usage report).
    pub requests: Option<f64>,
    pub tokens: Tokens,
    pub calls_per_month: Option<f64>,
    /// Input tokens per call, all classes (what the scenario's `input_tokens` means).
    pub input_per_call: Option<f64>,
    pub output_per_call: Option<f64>,
    /// 90th percentile per call, where the file has one record per request.
    pub input_p90: Option<f64>,
    pub output_p90: Option<f64>,
    /// Shares of all input tokens.
    pub cache_read_share: f64,
    pub cache_write_share: f64,
    /// Whether the file counts cache reads and writes at all: when it does not, the two
    /// shares above are zeros, not a measurement. (Files kept before this field: yes.)
    #[serde(default = "counted")]
    pub cache_counted: bool,
    /// Share of requests (or of tokens, when requests are not counted) sent as batch.
    pub batch_share: Option<f64>,
    pub peak_to_average: Option<f64>,
    /// How the peak was measured, or why it could not be.
    pub peak_basis: String,
    /// Monthly growth of the calls, fitted over the period, or none (and why).
    pub monthly_growth: Option<f64>,
    pub growth_basis: String,
}

fn counted() -> bool {
    true
}

/// `part / whole` within 0..=1; never -0 (an empty sum of f64 is -0, shown "-0.0%").
fn share(part: f64, whole: f64) -> f64 {
    if whole > 0.0 {
        (part / whole).clamp(0.0, 1.0) + 0.0
    } else {
        0.0
    }
}

fn p90(mut xs: Vec<f64>) -> Option<f64> {
    if xs.is_empty() {
        return None;
    }
    xs.sort_by(f64::total_cmp);
    // Nearest rank.
    let rank = ((0.9 * xs.len() as f64).ceil() as usize).clamp(1, xs.len());
    Some(xs[rank - 1])
}

/// Below this many requests in the mean hour the busiest hour is mostly chance (3
/// requests in a day give a "peak" of 16).
const PEAK_MIN_PER_HOUR: f64 = 10.0;

/// Peak hour over the mean hour of the period (`window`: the file's first and last
/// second), from per-request times or hourly buckets.
fn peak(
    records: &[&UsageRecord],
    per_request: bool,
    timed: bool,
    window: (i64, i64),
) -> (Option<f64>, String) {
    // A record without a time (at 0) has no hour: left out of the shape.
    let dated: Vec<&UsageRecord> = records.iter().copied().filter(|r| r.start > 0).collect();
    let records = &dated[..];
    if records.is_empty() {
        return (None, "no record has a time: no load shape".into());
    }
    if per_request && !timed {
        return (None, "the file's times say when a batch ran, not when requests were sent: no load shape; the scenario's value stays".into());
    }
    let width = records.iter().map(|r| r.end - r.start).max().unwrap_or(0);
    if !per_request && width > 3600 {
        return (
            None,
            "buckets of a day or longer cannot show the peak hour; the scenario's value stays"
                .into(),
        );
    }
    let weight = |r: &UsageRecord| {
        r.requests
            .unwrap_or_else(|| r.tokens.input_total() + r.tokens.output)
    };
    let first = records
        .iter()
        .map(|r| r.start)
        .chain([window.0])
        .min()
        .unwrap_or(0)
        .div_euclid(3600);
    let last = records
        .iter()
        .map(|r| r.end.max(r.start + 1) - 1)
        .chain([window.1.max(window.0 + 1) - 1])
        .max()
        .unwrap_or(0)
        .div_euclid(3600);
    let hours = (last - first + 1).max(1) as usize;
    if hours < 2 {
        return (
            None,
            "a period within one hour has no busiest hour; the scenario's value stays".into(),
        );
    }
    if hours > 24 * 366 * 2 {
        return (
            None,
            "a period over two years: no hourly shape computed".into(),
        );
    }
    let mut load = vec![0.0f64; hours];
    for r in records {
        load[(r.start.div_euclid(3600) - first) as usize] += weight(r);
    }
    let total: f64 = load.iter().sum();
    let top = load.iter().copied().fold(0.0, f64::max);
    if total <= 0.0 {
        return (None, "no traffic in the period".into());
    }
    let basis = if per_request {
        "request times"
    } else {
        "hourly buckets"
    };
    let counted = records.iter().all(|r| r.requests.is_some());
    let what = if counted {
        "requests"
    } else {
        // Without counts, how many requests made the busiest hour is unknown: a few
        // large ones can make it. Said, as no minimum can be held to.
        "tokens; no request counts, so a busiest hour of a few large requests cannot be told apart"
    };
    if counted && total / (hours as f64) < PEAK_MIN_PER_HOUR {
        return (
            None,
            format!(
                "{} request{} in {hours} clock hours, fewer than {PEAK_MIN_PER_HOUR} in the mean hour: the busiest hour would be mostly chance; the scenario's value stays",
                crate::fmt_num(total),
                if total == 1.0 { "" } else { "s" }
            ),
        );
    }
    (
        Some(top / (total / hours as f64)),
        format!("busiest hour over the mean hour of {hours} clock hours, from {basis} ({what})"),
    )
}

/// Monthly growth fitted by least squares to the logarithm of each day's requests
/// (tokens where requests are not counted). Partial days are left out (a log's first and
/// last day, a report's buckets narrower than the rest), and so are days without
/// traffic (said); at least 14 days of period and 7 days with traffic.
fn growth(records: &[&UsageRecord], per_request: bool, timed: bool) -> (Option<f64>, String) {
    // A record without a time (at 0) has no day: left out of the fit.
    let dated: Vec<&UsageRecord> = records.iter().copied().filter(|r| r.start > 0).collect();
    let records = &dated[..];
    if per_request && !timed {
        return (
            None,
            "batch processing times say nothing about growth".into(),
        );
    }
    let width = records.iter().map(|r| r.end - r.start).max().unwrap_or(0);
    if !per_request && width > 86_400 {
        return (None, "buckets longer than a day".into());
    }
    let weight = |r: &UsageRecord| {
        r.requests
            .unwrap_or_else(|| r.tokens.input_total() + r.tokens.output)
    };
    let mut days: std::collections::BTreeMap<i64, f64> = std::collections::BTreeMap::new();
    for r in records {
        if !per_request && r.end - r.start < width {
            continue;
        }
        *days.entry(r.start.div_euclid(86_400)).or_insert(0.0) += weight(r);
    }
    // The day counts below are whole days of this group, which a reader compares with the
    // file's span: say when its first and last (partial) days were left out.
    let partial = per_request && days.len() > 2;
    if partial {
        let (first, last) = (
            days.keys().next().copied(),
            days.keys().next_back().copied(),
        );
        for d in [first, last].into_iter().flatten() {
            days.remove(&d);
        }
    }
    let (Some(&d0), Some(&d1)) = (days.keys().next(), days.keys().next_back()) else {
        return (None, "no whole day of traffic".into());
    };
    let with_traffic: Vec<(f64, f64)> = days
        .iter()
        .filter(|(_, w)| **w > 0.0)
        .map(|(d, w)| ((d - d0) as f64, w.ln()))
        .collect();
    let span = d1 - d0 + 1;
    if span < 14 || with_traffic.len() < 7 {
        let days = match (span, partial) {
            (1, false) => "1 day".to_string(),
            (1, true) => "1 whole day (its first and last, partial, left out)".to_string(),
            (_, false) => format!("{span} days"),
            (_, true) => format!("{span} whole days (its first and last, partial, left out)"),
        };
        return (None, format!("{days}, {} with traffic: too few to fit growth (14 days and 7 with traffic needed)", with_traffic.len()));
    }
    let n = with_traffic.len() as f64;
    let mx = with_traffic.iter().map(|p| p.0).sum::<f64>() / n;
    let my = with_traffic.iter().map(|p| p.1).sum::<f64>() / n;
    let sxx: f64 = with_traffic.iter().map(|p| (p.0 - mx).powi(2)).sum();
    let sxy: f64 = with_traffic.iter().map(|p| (p.0 - mx) * (p.1 - my)).sum();
    if sxx <= 0.0 {
        return (None, "no spread of days to fit".into());
    }
    let monthly = (sxy / sxx * DAYS_PER_MONTH).exp() - 1.0;
    let empty = span as usize - with_traffic.len();
    let what = if records.iter().all(|r| r.requests.is_some()) {
        "requests"
    } else {
        "tokens"
    };
    let left_out = if empty > 0 {
        format!("; {empty} without traffic left out")
    } else {
        String::new()
    };
    (
        Some(monthly).filter(|g| g.is_finite()),
        format!("log-linear least-squares fit to daily {what} over {span} whole days ({} with traffic{left_out})", with_traffic.len()),
    )
}

/// Groups the records by model and measures each group.
pub fn summarise(u: &UsageImport) -> Vec<GroupSummary> {
    summarise_by(u, None)
}

/// The group a record falls in: its model (by default), or its value of `key` (a
/// project, workspace, API key or tag the file carries).
pub fn group_of(r: &UsageRecord, key: Option<&str>) -> String {
    match key {
        None => r
            .model
            .as_deref()
            .unwrap_or("(no model in the file)")
            .to_string(),
        Some(k) => r
            .keys
            .iter()
            .find(|(n, _)| &**n == k)
            .map(|(_, v)| format!("{k} {v}"))
            .unwrap_or_else(|| format!("(no {k})")),
    }
}

/// The keys records of this import can be grouped by besides the model.
pub fn group_keys(u: &UsageImport) -> Vec<String> {
    let mut keys: Vec<String> = Vec::new();
    for r in &u.records {
        for (k, _) in r.keys.iter() {
            if !keys.iter().any(|x| x == &**k) {
                keys.push(k.to_string());
            }
        }
    }
    keys
}

/// `summarise`, grouped by `key` instead of the model when one is given.
pub fn summarise_by(u: &UsageImport, key: Option<&str>) -> Vec<GroupSummary> {
    let per_request = u.records.iter().all(|r| r.start == r.end);
    // A request log's times must be when requests were sent: not a batch's processing
    // time, and not missing (a line with no time is at 0).
    let untimed = per_request && u.records.iter().all(|r| r.start == 0);
    let timed = (!matches!(u.format, super::UsageFormat::OpenaiRequests)
        || u.records.iter().all(|r| r.batch.is_none()))
        && !untimed;
    let mut groups: Vec<(String, Vec<&UsageRecord>)> = Vec::new();
    let mut index = std::collections::HashMap::<String, usize>::new();
    let all_empty = u.records.iter().all(UsageRecord::is_empty);
    for r in u.records.iter().filter(|r| all_empty || !r.is_empty()) {
        let g = group_of(r, key);
        match index.get(&g) {
            Some(&i) => groups[i].1.push(r),
            None => {
                index.insert(g.clone(), groups.len());
                groups.push((g, vec![r]));
            }
        }
    }
    // Every group is counted over the file's period (empty records included), not its own:
    // one request in a day's log is one a day. Records at 0 (no time) do not stretch it.
    let dated = || u.records.iter().filter(|r| r.start > 0);
    let file_start = dated().map(|r| r.start).min();
    let file_end = dated().map(|r| r.end).max();
    groups
        .into_iter()
        .map(|(group, rs)| {
            let start = file_start.unwrap_or_else(|| rs.iter().map(|r| r.start).min().unwrap_or(0));
            let end = file_end.unwrap_or_else(|| rs.iter().map(|r| r.end).max().unwrap_or(start));
            // A log's period runs from its first to its last request (at least an hour).
            let seconds = if per_request {
                (end - start).max(3600)
            } else {
                end - start
            };
            let days = seconds as f64 / 86_400.0;
            let mut tokens = Tokens::default();
            for r in &rs {
                tokens.add(&r.tokens);
            }
            let requests = rs.iter().map(|r| r.requests).sum::<Option<f64>>();
            let per_call = |t: f64| requests.filter(|n| *n > 0.0).map(|n| t / n);
            let input = tokens.input_total();
            let known: Vec<_> = rs.iter().filter(|r| r.batch.is_some()).collect();
            let batch_share = (!known.is_empty()).then(|| {
                let w = |r: &&&UsageRecord| {
                    r.requests
                        .unwrap_or_else(|| r.tokens.input_total() + r.tokens.output)
                };
                let all: f64 = known.iter().map(w).sum();
                share(
                    known.iter().filter(|r| r.batch == Some(true)).map(w).sum(),
                    all,
                )
            });
            let (peak_to_average, peak_basis) = peak(&rs, per_request, timed, (start, end));
            let (monthly_growth, growth_basis) = growth(&rs, per_request, timed);
            GroupSummary {
                group,
                start,
                end,
                days,
                requests,
                tokens,
                // Over a period the file's times cannot give, there is no rate.
                calls_per_month: requests
                    .filter(|_| days > 0.0 && timed)
                    .map(|n| n / days * DAYS_PER_MONTH),
                input_per_call: per_call(input),
                output_per_call: per_call(tokens.output),
                input_p90: per_request
                    .then(|| p90(rs.iter().map(|r| r.tokens.input_total()).collect()))
                    .flatten(),
                output_p90: per_request
                    .then(|| p90(rs.iter().map(|r| r.tokens.output).collect()))
                    .flatten(),
                cache_read_share: share(tokens.cache_read, input),
                cache_write_share: share(tokens.cache_write_5m + tokens.cache_write_1h, input),
                cache_counted: !u.no_cache_counts,
                batch_share,
                peak_to_average,
                peak_basis,
                monthly_growth,
                growth_basis,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::{p90, share};

    #[test]
    fn a_share_of_nothing_is_positive_zero() {
        // An empty sum of f64 is -0: the batch share of an all-interactive log.
        let none: f64 = std::iter::empty::<f64>().sum();
        assert!(share(none, 100.0).is_sign_positive());
        assert_eq!(share(30.0, 120.0), 0.25);
        assert_eq!(share(5.0, 0.0), 0.0);
    }

    #[test]
    fn nearest_rank_percentile() {
        assert_eq!(p90((1..=10).map(f64::from).collect()), Some(9.0));
        assert_eq!(p90(vec![5.0]), Some(5.0));
        assert_eq!(p90(Vec::new()), None);
    }
}
