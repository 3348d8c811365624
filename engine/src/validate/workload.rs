//! Checks of the scenario's own settings, its task types, API tiers and ranges.

use super::checker::Checker;
use crate::scenario::Scenario;

/// Schema version, hours, horizon, API price change and escalate share.
pub(super) fn check_settings(s: &Scenario, c: &mut Checker) {
    if s.schema_version != crate::scenario::SCHEMA_VERSION {
        c.push(
            "schema_version",
            format!(
                "is {}, expected {} (upgrade the document first)",
                s.schema_version,
                crate::scenario::SCHEMA_VERSION
            ),
        );
    }
    c.range("hours_per_month", s.hours_per_month, 1.0, 744.0);
    if !(1..=120).contains(&s.horizon_months) {
        c.push("horizon_months", "must be between 1 and 120");
    }
    c.range(
        "api_price_change_per_year",
        s.api_price_change_per_year,
        -0.95,
        5.0,
    );
    c.share("escalate_share", s.escalate_share);
}

/// At least one task type, each with sane numbers, and some calls in total.
pub(super) fn check_task_types(s: &Scenario, c: &mut Checker) {
    if s.task_types.is_empty() {
        c.push("task_types", "add at least one task type");
    }
    for (i, t) in s.task_types.iter().enumerate() {
        let p = |f: &str| format!("task_types[{i}].{f}");
        c.non_negative(&p("calls_per_month"), t.calls_per_month);
        c.non_negative(&p("input_tokens"), t.input_tokens);
        c.positive(&p("output_tokens"), t.output_tokens);
        c.share(&p("cached_input_share"), t.cached_input_share);
        c.share(&p("cache_write_share"), t.cache_write_share);
        if t.cached_input_share + t.cache_write_share > 1.0 + 1e-9 {
            c.push(
                p("cache_write_share"),
                "cached-read and cache-write shares together must not exceed 1",
            );
        }
        c.share(&p("batch_share"), t.batch_share);
        c.quality(&p("quality_floor"), t.quality_floor);
        c.range(&p("monthly_growth"), t.monthly_growth, -0.5, 2.0);
        if c.finite(&p("peak_to_average"), t.peak_to_average) && t.peak_to_average < 1.0 {
            c.push(
                p("peak_to_average"),
                "must be >= 1 (the peak is at least the average)",
            );
        }
    }
    let total: f64 = s.task_types.iter().map(|t| t.calls_per_month).sum();
    if !s.task_types.is_empty() && total.is_finite() && total <= 0.0 {
        c.push(
            "task_types[0].calls_per_month",
            "the workload needs some calls: total calls per month must be > 0",
        );
    }
}

/// Prices, batch discount, long-context premium and quality of each API tier.
pub(super) fn check_api_tiers(s: &Scenario, c: &mut Checker) {
    for (j, t) in s.api_tiers.iter().enumerate() {
        let p = |f: &str| format!("api_tiers[{j}].{f}");
        c.non_negative(&p("input_per_mtok"), t.input_per_mtok);
        c.non_negative(&p("output_per_mtok"), t.output_per_mtok);
        c.non_negative(&p("cache_read_per_mtok"), t.cache_read_per_mtok);
        c.non_negative(&p("cache_write_per_mtok"), t.cache_write_per_mtok);
        c.share(&p("batch_discount"), t.batch_discount);
        if let Some(th) = t.long_context_threshold {
            c.positive(&p("long_context_threshold"), th);
        }
        c.range(
            &p("long_context_input_multiplier"),
            t.long_context_input_multiplier,
            1.0,
            10.0,
        );
        c.range(
            &p("long_context_output_multiplier"),
            t.long_context_output_multiplier,
            1.0,
            10.0,
        );
        c.quality(&p("quality"), t.quality);
    }
}

/// Each range names a numeric input of this scenario and contains its value.
pub(super) fn check_ranges(s: &Scenario, c: &mut Checker) {
    for (r, range) in s.ranges.iter().enumerate() {
        let p = |f: &str| format!("ranges[{r}].{f}");
        match crate::params::Param::parse(&range.path, s) {
            None => c.push(
                p("path"),
                format!("'{}' is not a numeric input of this scenario", range.path),
            ),
            Some(param) => {
                let v = param.get(s);
                if c.finite(&p("low"), range.low)
                    && c.finite(&p("high"), range.high)
                    && !(range.low <= v && v <= range.high)
                {
                    c.push(
                        p("low"),
                        format!(
                            "the range {} .. {} must contain the expected value {}",
                            range.low, range.high, v
                        ),
                    );
                }
            }
        }
    }
}
