//! What is kept of one usage file: counts, times, model names and grouping keys, never
//! a word of a message. From several kept files: the workload (task types with their
//! provenance) and the reconciliation of the priced usage with the bill.

use super::pricing::{self, GroupCost};
use super::reconcile::FileForReconciling;
pub use super::together::{backtest, workload, workload_with, Workload};
pub use super::workload::{add_measured_tiers, replace_workload};
use super::workload::{task_type, MeasuredTask};
use super::{fmt_rfc3339, summarise_by, CostRecord, GroupSummary, UsageFormat, UsageImport};
use serde::{Deserialize, Serialize};

/// Most cost rows kept of one file; more are summed by day.
pub const MAX_COST_ROWS: usize = 5_000;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Period {
    pub start: String,
    pub end: String,
    /// Unix seconds.
    pub start_s: i64,
    pub end_s: i64,
}

impl Period {
    fn of(start: i64, end: i64) -> Period {
        Period {
            start: fmt_rfc3339(start),
            end: fmt_rfc3339(end),
            start_s: start,
            end_s: end,
        }
    }
}

/// One group's task type, or why it has none.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct GroupTask {
    pub group: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub task: Option<MeasuredTask>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unavailable: Option<String>,
    /// Unavailable only for want of a count of calls its file does not give: the user
    /// may type calls a month (`super::typed_calls`).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub calls_typable: bool,
    /// The calls a month typed for it that could not be used (the reason is in
    /// `unavailable`), so the field shows what was typed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub typed_calls: Option<f64>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Skipped {
    pub reason: String,
    pub count: usize,
}

/// One usage or cost file as kept.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct UsageFile {
    pub file_name: String,
    pub format: UsageFormat,
    pub format_name: String,
    pub period: Option<Period>,
    pub records: usize,
    /// Rows of a cost report, as in the file (before any summing).
    #[serde(default)]
    pub cost_rows: usize,
    /// The key groups are made by (`None`: the model).
    pub group_by: Option<String>,
    /// The keys the file can be grouped by besides the model.
    pub group_keys: Vec<String>,
    pub groups: Vec<GroupSummary>,
    pub task_types: Vec<GroupTask>,
    pub priced: Vec<GroupCost>,
    /// The usage priced with the catalog, where every group could be.
    pub priced_usd: Option<f64>,
    pub costs: Vec<CostRecord>,
    pub billed_usd: Option<f64>,
    pub notes: Vec<String>,
    pub skipped: Vec<Skipped>,
    /// Hourly calls per group, for the back-test (empty when the file has no load).
    #[serde(default)]
    pub load: Vec<super::backtest::GroupLoad>,
    /// What it holds that a bill prices apart or may not share (tiers, server tools,
    /// models); its fields sit beside the others in the JSON.
    #[serde(flatten)]
    pub apart: super::billed_apart::Apart,
}

/// Cost rows summed by (day, item) and, past `MAX_COST_ROWS`, by day alone.
fn bounded_costs(costs: &[CostRecord], notes: &mut Vec<String>) -> Vec<CostRecord> {
    let mut out: Vec<CostRecord> = Vec::new();
    let mut index = std::collections::HashMap::new();
    for c in costs {
        let key = (c.start, c.end, c.item.clone(), c.model.clone());
        match index.get(&key) {
            Some(&i) => {
                let row: &mut CostRecord = &mut out[i];
                row.usd += c.usd;
            }
            None => {
                index.insert(key, out.len());
                out.push(c.clone());
            }
        }
    }
    if out.len() > MAX_COST_ROWS {
        notes.push(format!(
            "{} cost rows: kept as one total a day (the line items are not kept)",
            out.len()
        ));
        let mut days: Vec<CostRecord> = Vec::new();
        let mut at = std::collections::HashMap::new();
        for c in out {
            let day = c.start.div_euclid(86_400);
            match at.get(&day) {
                Some(&i) => {
                    let d: &mut CostRecord = &mut days[i];
                    d.usd += c.usd;
                }
                None => {
                    at.insert(day, days.len());
                    days.push(CostRecord {
                        start: day * 86_400,
                        end: (day + 1) * 86_400,
                        item: None,
                        model: None,
                        ..c
                    });
                }
            }
        }
        if days.len() > MAX_COST_ROWS {
            notes.push(format!(
                "cost rows over more than {MAX_COST_ROWS} days: the later days are not kept"
            ));
            days.truncate(MAX_COST_ROWS);
        }
        return days;
    }
    out
}

/// Less than this, a file's rate is a poor guess at a month's: a week holds the weekly
/// pattern.
const SHORT_WINDOW_S: i64 = 7 * 86_400;

/// "1 hour 36 minutes", "2.5 days": a span as a person says it (under a minute counts
/// as one).
pub(crate) fn span_words(secs: i64) -> String {
    let count = |n: i64, unit: &str| format!("{n} {unit}{}", if n == 1 { "" } else { "s" });
    let secs = secs.max(0);
    let (h, m) = (secs / 3_600, (secs % 3_600) / 60);
    match secs {
        s if s < 3_600 => count(m.max(1), "minute"),
        s if s < 48 * 3_600 && m == 0 => count(h, "hour"),
        s if s < 48 * 3_600 => format!("{} {}", count(h, "hour"), count(m, "minute")),
        s => format!("{:.1} days", s as f64 / 86_400.0),
    }
}

/// The warning a file over less than a week deserves, when its calls a month are
/// scaled up from it.
fn short_window(secs: i64, groups: &[GroupSummary]) -> Option<String> {
    let scaled = groups.iter().any(|g| g.calls_per_month.is_some());
    (scaled && secs < SHORT_WINDOW_S).then(|| {
        format!(
            "the file covers only {}: calls a month assume that rate goes on around the clock, every day of the month; a week or more of usage gives a truer month (nights, weekends, its peaks)",
            span_words(secs)
        )
    })
}

/// What is kept of an import, grouped by `key` (or the model).
pub fn describe(u: &UsageImport, file_name: &str, key: Option<&str>) -> Result<UsageFile, String> {
    let keys = super::group_keys(u);
    if keys.len() > super::MAX_GROUPS {
        return Err(format!(
            "more than {} different grouping keys in one file: not a usage export this reads",
            super::MAX_GROUPS
        ));
    }
    let key = key.filter(|k| keys.iter().any(|x| x == k));
    let distinct: std::collections::HashSet<String> = u
        .records
        .iter()
        .map(|r| super::summary::group_of(r, key))
        .collect();
    if distinct.len() > super::MAX_GROUPS {
        return Err(format!(
            "{} different {} in one file, more than {} a workload can hold: group by another key, or split the file",
            distinct.len(),
            key.unwrap_or("models"),
            super::MAX_GROUPS
        ));
    }
    let groups = summarise_by(u, key);
    let task_types = groups
        .iter()
        .map(|g| match task_type(g, file_name) {
            Ok(t) => GroupTask {
                group: g.group.clone(),
                task: Some(t),
                unavailable: None,
                calls_typable: false,
                typed_calls: None,
            },
            Err(why) => GroupTask {
                group: g.group.clone(),
                task: None,
                unavailable: Some(why),
                calls_typable: false,
                typed_calls: None,
            },
        })
        .collect();
    let priced = pricing::price_import(u, key);
    let priced_usd = (!priced.is_empty())
        .then(|| {
            priced
                .iter()
                .map(|g| g.cost.filter(|_| g.reason.is_none()).map(|c| c.total()))
                .sum::<Option<f64>>()
        })
        .flatten();
    // A time of 0 is a record the file gives no time for (1970 is no usage's date).
    let span = u
        .records
        .iter()
        .map(|r| (r.start, r.end))
        .chain(u.costs.iter().map(|c| (c.start, c.end)))
        .filter(|(a, _)| *a > 0)
        .fold(None, |acc: Option<(i64, i64)>, (a, b)| {
            Some(acc.map_or((a, b), |(x, y)| (x.min(a), y.max(b))))
        });
    let mut notes = u.notes.clone();
    let timeless = u.records.iter().filter(|r| r.start <= 0).count();
    if span.is_none() {
        notes.insert(0, "the file gives no times, so the period it covers is unknown: its totals are counts, not a rate per month".into());
    } else if timeless > 0 {
        notes.insert(
            0,
            format!(
                "{timeless} record(s) give no time: they count in the totals, not in the period"
            ),
        );
    }
    if let Some(n) = span.and_then(|(a, b)| short_window(b - a, &groups)) {
        notes.insert(0, n);
    }
    notes.extend(super::billed_apart::server_tools_note(&u.server_tools));
    let costs = bounded_costs(&u.costs, &mut notes);
    let (load, load_note) = super::backtest::loads(u, key);
    notes.extend(load_note);
    Ok(UsageFile {
        file_name: file_name.to_string(),
        format: u.format,
        format_name: u.format.name().to_string(),
        period: span.map(|(a, b)| Period::of(a, b)),
        records: u.records.len(),
        cost_rows: u.costs.len(),
        group_by: key.map(str::to_string),
        group_keys: keys,
        groups,
        task_types,
        priced,
        priced_usd,
        billed_usd: (!u.costs.is_empty()).then(|| u.costs.iter().map(|c| c.usd).sum()),
        costs,
        notes,
        skipped: u
            .skipped
            .iter()
            .map(|(reason, count)| Skipped {
                reason: reason.clone(),
                count: *count,
            })
            .collect(),
        load,
        apart: super::billed_apart::Apart::of(u),
    })
}

impl UsageFile {
    pub(super) fn for_reconciling(&self) -> Option<FileForReconciling> {
        let p = self.period.as_ref()?;
        Some(FileForReconciling {
            name: self.file_name.clone(),
            format: self.format,
            start: p.start_s,
            end: p.end_s,
            priced: self.priced.clone(),
            costs: self.costs.clone(),
            keys: self.group_keys.clone(),
            apart: self.apart.clone(),
        })
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn spans_read_as_a_person_says_them() {
        use super::span_words as w;
        assert_eq!(w(20), "1 minute");
        assert_eq!(w(60), "1 minute");
        assert_eq!(w(150), "2 minutes");
        assert_eq!(w(3_600), "1 hour");
        assert_eq!(w(5_760), "1 hour 36 minutes");
        assert_eq!(w(7_260), "2 hours 1 minute");
        assert_eq!(w(3 * 86_400 + 43_200), "3.5 days");
    }
}
