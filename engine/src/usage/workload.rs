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
}

pub fn task_type(g: &GroupSummary, file: &str) -> Result<MeasuredTask, String> {
    let calls = g
        .calls_per_month
        .ok_or("the file counts no requests, so calls a month cannot be measured: add a per-request log (Claude Code, API responses) of the same traffic, or type them")?;
    let input = g.input_per_call.ok_or("no requests counted")?;
    let output = g.output_per_call.ok_or("no requests counted")?;
    let from = format!(
        "{file}, {} to {}, {}",
        fmt_rfc3339(g.start),
        fmt_rfc3339(g.end),
        g.group
    );
    let days = format!("{:.2} days", g.days);
    let mut provenance = vec![
        (
            "calls_per_month".to_string(),
            format!(
                "measured: {} requests over {days}, × 30.4375 days a month ({from})",
                g.requests.unwrap_or(0.0)
            ),
        ),
        (
            "input_tokens".to_string(),
            format!("measured: mean input per call, all classes ({from})"),
        ),
        (
            "output_tokens".to_string(),
            format!("measured: mean output per call, reasoning included ({from})"),
        ),
        (
            "cached_input_share".to_string(),
            format!("measured: cache reads over all input ({from})"),
        ),
        (
            "cache_write_share".to_string(),
            format!("measured: cache writes (5m + 1h) over all input ({from})"),
        ),
    ];
    let defaults = TaskType::default();
    let batch_share = match g.batch_share {
        Some(b) => {
            provenance.push(("batch_share".into(), format!("measured ({from})")));
            b
        }
        None => {
            provenance.push((
                "batch_share".into(),
                "default: the file does not say which requests were batch".into(),
            ));
            defaults.batch_share
        }
    };
    let peak = match g.peak_to_average {
        Some(p) => {
            provenance.push((
                "peak_to_average".into(),
                format!("measured: {} ({from})", g.peak_basis),
            ));
            p
        }
        None => {
            provenance.push((
                "peak_to_average".into(),
                format!("default: {}", g.peak_basis),
            ));
            defaults.peak_to_average
        }
    };
    let growth = match g.monthly_growth {
        Some(x) => {
            provenance.push((
                "monthly_growth".into(),
                format!("fitted: {} ({from})", g.growth_basis),
            ));
            // The scenario takes −50% to +200% a month.
            x.clamp(-0.5, 2.0)
        }
        None => {
            provenance.push((
                "monthly_growth".into(),
                format!("default: {}", g.growth_basis),
            ));
            defaults.monthly_growth
        }
    };
    Ok(MeasuredTask {
        task_type: TaskType {
            name: g.group.chars().take(80).collect(),
            calls_per_month: calls,
            input_tokens: input,
            output_tokens: output,
            cached_input_share: g.cache_read_share,
            cache_write_share: g.cache_write_share,
            batch_share,
            peak_to_average: peak.max(1.0),
            monthly_growth: growth,
            ..defaults
        },
        provenance,
    })
}
