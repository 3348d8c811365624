//! Files read together that count the same traffic. The same usage twice (one format,
//! period, grouping, groups and totals: the same export uploaded again) is read once,
//! and said. Two reports of one format whose periods overlap are said: a report counts
//! an organisation's traffic, so what falls in both periods is counted twice unless the
//! reports cover different traffic (another project, workspace or key). Logs of
//! requests overlap in time as a matter of course (two people's sessions), so only
//! their exact repeats are dropped.

use super::file::UsageFile;
use super::UsageFormat;

fn is_report(f: UsageFormat) -> bool {
    matches!(
        f,
        UsageFormat::OpenaiUsage
            | UsageFormat::OpenaiCosts
            | UsageFormat::AnthropicUsage
            | UsageFormat::AnthropicCost
            | UsageFormat::LangfuseDaily
    )
}

fn same_usage(a: &UsageFile, b: &UsageFile) -> bool {
    a.format == b.format
        && a.group_by == b.group_by
        && a.period == b.period
        && a.records == b.records
        && a.cost_rows == b.cost_rows
        && a.billed_usd == b.billed_usd
        && a.groups.len() == b.groups.len()
        && a.groups
            .iter()
            .zip(&b.groups)
            .all(|(x, y)| x.group == y.group && x.requests == y.requests && x.tokens == y.tokens)
}

/// The files to read (each usage once, in the order given) and what was noticed.
pub(super) fn distinct(files: &[UsageFile]) -> (Vec<&UsageFile>, Vec<String>) {
    let mut kept: Vec<&UsageFile> = Vec::new();
    let mut notes = Vec::new();
    for f in files {
        if let Some(same) = kept.iter().find(|k| same_usage(k, f)) {
            notes.push(format!(
                "{} holds the same usage as {} (same format, period and totals): read once",
                f.file_name, same.file_name
            ));
            continue;
        }
        for k in kept
            .iter()
            .filter(|k| k.format == f.format && is_report(f.format))
        {
            if let (Some(a), Some(b)) = (&k.period, &f.period) {
                let (start, end) = (a.start_s.max(b.start_s), a.end_s.min(b.end_s));
                if start < end {
                    notes.push(format!(
                        "{} and {} are both {} and overlap from {} to {}: what falls in that time is counted twice, unless they cover different traffic (another project, workspace or key); read one of them for that time",
                        k.file_name,
                        f.file_name,
                        f.format.name(),
                        super::fmt_rfc3339(start),
                        super::fmt_rfc3339(end)
                    ));
                }
            }
        }
        kept.push(f);
    }
    (kept, notes)
}
