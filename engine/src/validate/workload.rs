//! Checks of the scenario's own settings, its task types, API tiers and ranges.

use super::checker::Checker;
use crate::scenario::paths::{general, range, task, tier};
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
    c.range(general::HOURS_PER_MONTH, s.hours_per_month, 1.0, 744.0);
    if !(1..=120).contains(&s.horizon_months) {
        c.push(
            general::HORIZON_MONTHS,
            "must be a whole number of months from 1 to 120",
        );
    }
    c.range(
        general::API_PRICE_CHANGE_PER_YEAR,
        s.api_price_change_per_year,
        -0.95,
        5.0,
    );
    c.share(general::ESCALATE_SHARE, s.escalate_share);
    if c.finite(general::DISCOUNT_RATE_PER_YEAR, s.discount_rate_per_year)
        && !(0.0..=1.0).contains(&s.discount_rate_per_year)
    {
        c.push(
            general::DISCOUNT_RATE_PER_YEAR,
            "must be between 0 and 1 (0.1 = 10% a year)",
        );
    }
    if let Some(x) = &s.currency {
        check_currency(x, c);
    }
    if let Some(t) = &s.tax {
        if c.finite(general::TAX_RATE, t.rate) && !(0.0..1.0).contains(&t.rate) {
            c.push(
                general::TAX_RATE,
                "must be at least 0 and below 1 (0.25 = 25%)",
            );
        }
        if c.finite(general::TAX_YEARS, t.years) && !(t.years > 0.0 && t.years <= 50.0) {
            c.push(general::TAX_YEARS, "must be above 0 and at most 50 years");
        }
    }
}

/// At least one task type, each with sane numbers, and some calls in total.
pub(super) fn check_task_types(s: &Scenario, c: &mut Checker) {
    if s.task_types.is_empty() {
        c.push(task::LIST, "add at least one task type");
    }
    for (i, t) in s.task_types.iter().enumerate() {
        let p = |f: &str| task::at(i, f);
        // The results, the notes and the messages name a task type by its name.
        if t.name.trim().is_empty() {
            c.push(
                p(task::NAME),
                "give this task type a name: the results and the notes name it",
            );
        }
        c.non_negative(&p(task::CALLS_PER_MONTH), t.calls_per_month);
        c.non_negative(&p(task::INPUT_TOKENS), t.input_tokens);
        c.positive(&p(task::OUTPUT_TOKENS), t.output_tokens);
        c.share(&p(task::CACHED_INPUT_SHARE), t.cached_input_share);
        c.share(&p(task::CACHE_WRITE_SHARE), t.cache_write_share);
        c.share(&p(task::CACHE_WRITE_1H_SHARE), t.cache_write_1h_share);
        if t.cached_input_share + t.cache_write_share > 1.0 + 1e-9 {
            c.push(
                p(task::CACHE_WRITE_SHARE),
                "cached-read and cache-write shares together must not exceed 1",
            );
        }
        c.share(&p(task::BATCH_SHARE), t.batch_share);
        c.quality(&p(task::QUALITY_FLOOR), t.quality_floor);
        c.range(&p(task::MONTHLY_GROWTH), t.monthly_growth, -0.5, 2.0);
        if c.finite(&p(task::PEAK_TO_AVERAGE), t.peak_to_average) && t.peak_to_average < 1.0 {
            c.push(
                p(task::PEAK_TO_AVERAGE),
                "must be >= 1 (the peak is at least the average)",
            );
        } else if t.peak_to_average > MAX_PEAK_TO_AVERAGE {
            c.push(
                p(task::PEAK_TO_AVERAGE),
                "must be at most 1,000: a peak more than 1,000 times the average is a burst, not a load to size for (a task type of its own, with its own calls, says it better)",
            );
        }
        let targets = [
            (task::TTFT_P95_MS, t.ttft_p95_ms, "time to first token"),
            (task::TPOT_P95_MS, t.tpot_p95_ms, "time per output token"),
        ];
        for (field, v, what) in targets {
            if let Some(v) = v {
                if c.finite(&p(field), v) && !(v > 0.0 && v <= 600_000.0) {
                    c.push(
                        p(field),
                        format!("the p95 {what} target must be above 0 and at most 600,000 ms (10 minutes); leave it empty for no target"),
                    );
                }
            }
        }
        // A usage import's record: one entry per known field, a short source each.
        let known = t.measured.iter().all(|m| {
            t.field(&m.field).is_some() && m.value.is_finite() && m.source.chars().count() <= 500
        });
        if t.measured.len() > task::ALL.len() || !known {
            c.push(
                p("measured"),
                "the usage record of this task type is not one this version wrote: remove it by importing the usage again",
            );
        }
    }
    // Only when every count is a number of 0 or more: a negative one already has its
    // field's message, and a second one at the same field would say the same twice.
    let counts_valid = s.task_types.iter().all(|t| t.calls_per_month >= 0.0);
    let total: f64 = s.task_types.iter().map(|t| t.calls_per_month).sum();
    if !s.task_types.is_empty() && counts_valid && total.is_finite() && total <= 0.0 {
        c.push(
            task::at(0, task::CALLS_PER_MONTH),
            "the workload needs some calls: total calls per month must be above 0",
        );
    }
}

/// Prices, batch discount, long-context premium and quality of each API tier.
pub(super) fn check_api_tiers(s: &Scenario, c: &mut Checker) {
    for (j, t) in s.api_tiers.iter().enumerate() {
        let p = |f: &str| tier::at(j, f);
        c.non_negative(&p(tier::INPUT_PER_MTOK), t.input_per_mtok);
        c.non_negative(&p(tier::OUTPUT_PER_MTOK), t.output_per_mtok);
        c.non_negative(&p(tier::CACHE_READ_PER_MTOK), t.cache_read_per_mtok);
        c.non_negative(&p(tier::CACHE_WRITE_PER_MTOK), t.cache_write_per_mtok);
        c.share(&p(tier::BATCH_DISCOUNT), t.batch_discount);
        if let Some(th) = t.long_context_threshold {
            c.positive(&p(tier::LONG_CONTEXT_THRESHOLD), th);
        }
        c.range(
            &p(tier::LONG_CONTEXT_INPUT_MULTIPLIER),
            t.long_context_input_multiplier,
            1.0,
            10.0,
        );
        c.range(
            &p(tier::LONG_CONTEXT_OUTPUT_MULTIPLIER),
            t.long_context_output_multiplier,
            1.0,
            10.0,
        );
        c.quality(&p(tier::QUALITY), t.quality);
    }
}

/// The most a task type's peak may be of its average.
pub(super) const MAX_PEAK_TO_AVERAGE: f64 = 1_000.0;

/// Each range names a numeric input of this scenario, contains its value, and its ends
/// are at most 1e12 within the input's limits.
pub(super) fn check_ranges(s: &Scenario, c: &mut Checker) {
    for (r, range) in s.ranges.iter().enumerate() {
        let p = |f: &str| range::at(r, f);
        match crate::params::Param::parse(&range.path, s) {
            None => c.push(
                p(range::PATH),
                format!("'{}' is not a numeric input of this scenario", range.path),
            ),
            Some(param) => {
                let v = param.get(s);
                if !(c.finite(&p(range::LOW), range.low) && c.finite(&p(range::HIGH), range.high)) {
                    continue;
                }
                if !(range.low <= v && v <= range.high) {
                    c.push(
                        p(range::LOW),
                        format!(
                            "the range {} .. {} must contain the expected value {}",
                            shown(range.low),
                            shown(range.high),
                            shown(v)
                        ),
                    );
                    continue;
                }
                // Each end is a value the input itself may take: the band and the
                // sensitivity chart evaluate the scenario there.
                for (end, at, field) in [
                    ("low", range.low, range::LOW),
                    ("high", range.high, range::HIGH),
                ] {
                    if let Some(why) = end_problem(&param, at) {
                        c.push(
                            p(field),
                            format!("the range's {end} end, {}, {why}", shown(at)),
                        );
                    }
                }
            }
        }
    }
}

/// A number in a message: as typed for everyday sizes, in exponent form past them (1e308,
/// not three hundred digits).
fn shown(x: f64) -> String {
    if x != 0.0 && !(1e-4..1e12).contains(&x.abs()) {
        format!("{x:e}")
    } else {
        crate::fmt_num(x)
    }
}

/// Why a range's end `at` cannot be taken, if it cannot. Past the input's own limits an
/// end is taken at the limit (hours in a month at 744, a share at 1), as the band and the
/// sensitivity move the input, so it is no error (ranges saved before this check stay
/// valid). Within them, an end is at most 1e12, as every typed count and price: an
/// output of 1e308 tokens made the sensitivity chart run for good.
fn end_problem(param: &crate::params::Param, at: f64) -> Option<String> {
    let (lo, hi) = param.domain();
    ((lo..=hi).contains(&at) && at.abs() > super::checker::MAX_INPUT)
        .then(|| "is too large (at most 1e12)".to_string())
}

/// A currency: an ISO code, a rate above 0, and the rate's date.
fn check_currency(x: &crate::scenario::Currency, c: &mut Checker) {
    if !(x.code.len() == 3 && x.code.bytes().all(|b| b.is_ascii_uppercase())) {
        c.push(
            general::CURRENCY_CODE,
            "must be a three-letter ISO 4217 code such as EUR or GBP",
        );
    }
    if x.code == "USD" {
        c.push(
            general::CURRENCY_CODE,
            "USD needs no conversion: leave the currency out to show US dollars",
        );
    }
    if c.finite(general::CURRENCY_PER_USD, x.per_usd) && !(x.per_usd > 0.0 && x.per_usd <= 1e6) {
        // 0 is the rate of a currency just chosen: nothing typed yet, so say what to type
        // rather than call it nonsense.
        let why = if x.per_usd == 0.0 {
            format!(
                "type how many {} one US dollar buys (above 0), for example from your treasury's \
                 budget rate: figures are shown in {} once the rate and its date are set",
                x.code, x.code
            )
        } else {
            format!(
                "type how many {} one US dollar buys (above 0, at most 1,000,000): a rate of {} \
                 would turn every figure into nonsense",
                x.code, x.per_usd
            )
        };
        c.push(general::CURRENCY_PER_USD, why);
    }
    if x.as_of.trim().is_empty() {
        c.push(
            general::CURRENCY_AS_OF,
            "give the date of the rate (YYYY-MM-DD): a rate without its date cannot be checked",
        );
    } else if let Some(why) = crate::scenario::date_problem(x.as_of.trim()) {
        c.push(general::CURRENCY_AS_OF, why);
    }
    if x.source.chars().count() > 200 {
        c.push(general::CURRENCY_SOURCE, "must be at most 200 characters");
    }
}
