//! A measured group of usage as a task type ready for a scenario, with where each
//! number came from. A number the file cannot give (calls a month from a report that
//! counts no requests, a peak from daily buckets) is not invented: the task type is
//! refused with the reason, or the field keeps the scenario's default and says so.

use super::fmt_rfc3339;
use super::summary::GroupSummary;
use crate::scenario::TaskType;
use serde::{Deserialize, Serialize};

/// A task type and the provenance of each of its fields.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MeasuredTask {
    pub task_type: TaskType,
    /// (field, where it came from), for every field of `task_type`.
    pub provenance: Vec<(String, String)>,
    /// A month's calls read from less than a day of log: said beside the workload, as
    /// the rate is a guess from so short a span.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub short_log: Option<String>,
}

/// Below this many days of log, a month's calls are flagged as a guess.
const SHORT_LOG_DAYS: f64 = 1.0;

/// The task type's name for a group: the group, or, for a report not grouped by
/// anything, all of the traffic.
pub fn task_name(group: &str) -> String {
    if group == "(no model in the file)" {
        "All traffic (no model in the file)".into()
    } else if group.trim().is_empty() {
        // A task type needs a name (the validator refuses a blank one).
        "Traffic with no name in the file".into()
    } else {
        group.chars().take(80).collect()
    }
}

pub fn task_type(g: &GroupSummary, file: &str) -> Result<MeasuredTask, String> {
    use crate::scenario::{paths::task as p, Measured};
    let calls = match (g.calls_per_month, g.requests) {
        (Some(c), _) => c,
        (None, Some(_)) => return Err("the file's times are not when requests were sent (a batch's processing time, or no time at all), so calls a month cannot be measured: type them, or add a usage report of the same traffic".into()),
        (None, None) => return Err("the file counts no requests, so calls a month cannot be measured: add a per-request log (Claude Code, API responses) of the same traffic, or type them".into()),
    };
    let input = g.input_per_call.ok_or("no requests counted")?;
    let output = g.output_per_call.ok_or("no requests counted")?;
    if output <= 0.0 || calls <= 0.0 {
        return Err("no output tokens or no calls (embeddings, failed requests?): not a workload a scenario can serve".into());
    }
    let from = format!(
        "{file}, {} to {}, {}",
        fmt_rfc3339(g.start),
        fmt_rfc3339(g.end),
        g.group
    );
    // The arithmetic's days, and the span in words where days alone read as little.
    let days = if g.days < 2.0 {
        // The span the arithmetic used: a log within an hour counts as an hour.
        let counted = (g.days * 86_400.0).round() as i64;
        let raised = if counted > g.end - g.start {
            format!(
                "; at least an hour is counted, the file spans {}",
                super::file::span_words(g.end - g.start)
            )
        } else {
            String::new()
        };
        format!(
            "{:.2} days ({}{raised})",
            g.days,
            super::file::span_words(counted)
        )
    } else {
        format!("{:.2} days", g.days)
    };
    let defaults = TaskType::default();
    let mut measured = Vec::new();
    let mut provenance = Vec::new();
    let mut measure = |field: &str, value: f64, how: String| {
        // As long as the scenario keeps a text (500 characters).
        let source: String = format!("{how} ({from})").chars().take(500).collect();
        provenance.push((field.to_string(), source.clone()));
        measured.push(Measured {
            field: field.to_string(),
            value,
            source,
        });
        value
    };
    // Rounded as a person would type them: whole calls, tokens to the hundredth, shares
    // to 1 in 10,000.
    let r2 = |x: f64| (x * 100.0).round() / 100.0;
    let r4 = |x: f64| (x * 10_000.0).round() / 10_000.0;
    let calls = measure(
        p::CALLS_PER_MONTH,
        calls.round(),
        format!(
            "measured: {} request{} over {days}, × 30.4375 days a month",
            crate::fmt_num(g.requests.unwrap_or(0.0)),
            if g.requests == Some(1.0) { "" } else { "s" }
        ),
    );
    let input = measure(
        p::INPUT_TOKENS,
        r2(input),
        "measured: mean input per call, all classes".into(),
    );
    let output = measure(
        p::OUTPUT_TOKENS,
        r2(output),
        "measured: mean output per call, reasoning included".into(),
    );
    // A file without cache counts measures no cache share: the defaults stay.
    let (cached, writes) = if g.cache_counted {
        (
            measure(
                p::CACHED_INPUT_SHARE,
                r4(g.cache_read_share),
                "measured: cache reads over all input".into(),
            ),
            measure(
                p::CACHE_WRITE_SHARE,
                // Reads and writes together stay within the whole input after rounding.
                // (Rounded again: 1 - 0.9602 is 0.03979999999999995 in binary.)
                r4(r4(g.cache_write_share).min(1.0 - r4(g.cache_read_share))),
                "measured: cache writes (5m + 1h) over all input".into(),
            ),
        )
    } else {
        (defaults.cached_input_share, defaults.cache_write_share)
    };
    // Of the writes, the 1-hour ones (priced at twice the input): only where the file
    // shows some. Most exports book every write as a 5-minute one (a CSV without a 1-hour
    // column, an older log): their 0 is not a measurement, and a typed share stays.
    let all_writes = g.tokens.cache_write_5m + g.tokens.cache_write_1h;
    let writes_1h = if g.cache_counted && g.tokens.cache_write_1h > 0.0 {
        measure(
            p::CACHE_WRITE_1H_SHARE,
            r4(g.tokens.cache_write_1h / all_writes),
            "measured: 1-hour cache writes over all cache writes".into(),
        )
    } else {
        defaults.cache_write_1h_share
    };
    let unmeasured_1h = !(g.cache_counted && g.tokens.cache_write_1h > 0.0);
    let batch_share = match g.batch_share {
        Some(b) => measure(p::BATCH_SHARE, r4(b), "measured".into()),
        None => defaults.batch_share,
    };
    let peak = match g.peak_to_average {
        Some(x) => measure(
            p::PEAK_TO_AVERAGE,
            r2(x.max(1.0)),
            format!("measured: {}", g.peak_basis),
        ),
        None => defaults.peak_to_average,
    };
    // The scenario takes −50% to +200% a month.
    // A fit outside that range is not applied: a trend that steep over a short period
    // (a day of 1 request, then one of 363) would project trillions of calls.
    let mut steep = None;
    let growth = match g.monthly_growth {
        Some(x) if (-0.5..=2.0).contains(&x) => measure(
            p::MONTHLY_GROWTH,
            r4(x),
            format!("fitted: {}", g.growth_basis),
        ),
        Some(x) => {
            steep = Some(format!(
                "not applied: the fit ({}) gives {:+.1}% a month, outside the -50% to +200% a scenario takes; a trend this steep over a short period is rarely one to project: type the growth you expect",
                g.growth_basis,
                x * 100.0
            ));
            defaults.monthly_growth
        }
        None => defaults.monthly_growth,
    };
    let quality = super::pricing::price_for(&g.group).and_then(|p| p.quality);
    let family = super::pricing::family_quality(&g.group);
    let quality_floor = match (quality, family) {
        (Some(q), _) => measure(
            p::QUALITY_FLOOR,
            f64::from(q),
            "the quality level of the model the traffic used (catalog)".into(),
        ) as u8,
        // A Claude model the catalog does not list yet: its family says its level, where
        // the default (small models are fine) would compare an Opus workload with Haiku.
        (None, Some((q, name))) => measure(
            p::QUALITY_FLOOR,
            f64::from(q),
            format!("the quality level of the model's family ({name}); the catalog does not list this model"),
        ) as u8,
        (None, None) => defaults.quality_floor,
    };
    if g.batch_share.is_none() {
        provenance.push((
            p::BATCH_SHARE.into(),
            "default: the file does not say which requests were batch".into(),
        ));
    }
    if !g.cache_counted {
        for field in [p::CACHED_INPUT_SHARE, p::CACHE_WRITE_SHARE] {
            provenance.push((
                field.into(),
                "default: the file has no cache columns, so it measures no cache share".into(),
            ));
        }
    }
    if g.peak_to_average.is_none() {
        provenance.push((
            p::PEAK_TO_AVERAGE.into(),
            format!("default: {}", g.peak_basis),
        ));
    }
    if g.monthly_growth.is_none() {
        provenance.push((
            p::MONTHLY_GROWTH.into(),
            format!("default: {}", g.growth_basis),
        ));
    }
    if let Some(why) = steep {
        provenance.push((p::MONTHLY_GROWTH.into(), why));
    }
    if unmeasured_1h {
        provenance.push((
            p::CACHE_WRITE_1H_SHARE.into(),
            "not measured: the file shows no 1-hour cache writes (most exports cannot tell them from 5-minute ones); the scenario's share stays".into(),
        ));
    }
    if quality.is_none() && family.is_none() {
        provenance.push((
            p::QUALITY_FLOOR.into(),
            "default: the group is not a model the catalog rates; set the lowest quality that may serve it".into(),
        ));
    }
    Ok(MeasuredTask {
        task_type: TaskType {
            name: task_name(&g.group),
            calls_per_month: calls,
            input_tokens: input,
            output_tokens: output,
            cached_input_share: cached,
            cache_write_share: writes,
            cache_write_1h_share: writes_1h,
            batch_share,
            peak_to_average: peak,
            monthly_growth: growth,
            quality_floor,
            measured,
            ttft_p95_ms: None,
            tpot_p95_ms: None,
        },
        provenance,
        short_log: (g.days < SHORT_LOG_DAYS).then(|| {
            format!(
                "\u{201c}{}\u{201d}: its {} calls a month come from {} of log, multiplied by {}; a day's or a week's traffic moves more than so short a log shows: upload a week or more, set it against the bill's request count, or type the calls",
                task_name(&g.group),
                crate::fmt_num(calls),
                super::file::span_words((g.days * 86_400.0).round() as i64),
                crate::fmt_num((30.4375 / g.days).round())
            )
        }),
    })
}

/// The scenario's workload replaced by measured task types: a task type of the same
/// name keeps what the user typed and follows the rest (`TaskType::follow`); the others
/// come in as measured. Returns how many task types followed an earlier import.
pub fn replace_workload(s: &mut crate::Scenario, tasks: &[crate::scenario::TaskType]) -> usize {
    let mut followed = 0;
    let next = tasks
        .iter()
        .map(|t| match s.task_types.iter().find(|o| o.name == t.name) {
            Some(old) => {
                followed += 1;
                let mut o = old.clone();
                o.follow(t);
                o
            }
            None => t.clone(),
        })
        .collect();
    s.task_types = next;
    followed
}

/// A new scenario made from usage gets the catalog tier of every Claude model its task
/// types measured, where its template has none of it (an Opus workload made on a Haiku
/// template would otherwise have no option at its quality floor). Returns the tiers added.
pub fn add_measured_tiers(s: &mut crate::Scenario) -> Vec<String> {
    let ids: Vec<String> = s
        .task_types
        .iter()
        .filter_map(|t| super::pricing::price_for(&t.name))
        .map(|p| p.id)
        .filter(|id| crate::catalog::tier(id).is_some())
        .collect();
    let mut added = Vec::new();
    for id in ids {
        let present = s
            .api_tiers
            .iter()
            .any(|t| t.catalog_id.as_deref() == Some(id.as_str()));
        if !present
            && s.api_tiers.len() < crate::validate::limits::API_TIERS
            && s.add_catalog_tier(&id)
        {
            added.push(id);
        }
    }
    added
}

#[cfg(test)]
#[path = "workload_tests.rs"]
mod tests;
