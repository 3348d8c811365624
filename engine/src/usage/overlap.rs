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
            | UsageFormat::LitellmDaily
    )
}

/// Whether two files hold the same usage: one format, grouping, period, record and cost
/// row counts, billed amount, and the same groups with the same requests and tokens
/// (the same export read twice, whatever its file's name).
pub fn same_usage(a: &UsageFile, b: &UsageFile) -> bool {
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

/// The prefix of this version's fingerprints: a store compares files whose fingerprint
/// has another (made before a change of what is hashed) by what they hold. v2: empty
/// buckets of a report count as time and make no group; repeated buckets count once.
pub const FINGERPRINT_VERSION: &str = "v2:";

impl UsageFile {
    /// A short, stable digest of what `same_usage` compares (FNV-1a 64 over it as JSON, in
    /// hex): files with the same usage have the same one, so a store can find a file's
    /// earlier copies by an index and compare only those.
    pub fn fingerprint(&self) -> String {
        let groups: Vec<_> = self
            .groups
            .iter()
            .map(|g| serde_json::json!([g.group, g.requests, g.tokens]))
            .collect();
        let key = serde_json::json!([
            self.format,
            self.group_by,
            self.period.as_ref().map(|p| (p.start_s, p.end_s)),
            self.records,
            self.cost_rows,
            self.billed_usd,
            groups
        ]);
        let hash = key
            .to_string()
            .bytes()
            .fold(0xcbf2_9ce4_8422_2325u64, |h, b| {
                (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
            });
        format!("{FINGERPRINT_VERSION}{hash:016x}")
    }
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
                        "{} and {} are both {} and overlap over {}: what falls in that time is counted twice, unless they cover different traffic (another project, workspace or key); read one of them for that time",
                        k.file_name,
                        f.file_name,
                        f.format.name(),
                        super::time_span(start, end)
                    ));
                }
            }
        }
        kept.push(f);
    }
    (kept, notes)
}
