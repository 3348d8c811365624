//! Sheet `Inputs`: every number the model starts from, one named cell each, with its
//! unit and where it comes from.

use super::{Formats, Names, Sheet};
use engine::internals::Model;
use engine::scenario::{CostLens, Scenario};
use rust_xlsxwriter::XlsxError;

/// Where a value comes from when the scenario says no more: typed in the editor, or the
/// default the editor filled in.
pub(super) const SCENARIO: &str = "scenario (typed or default)";

/// Where a task type's field comes from: the usage import that measured it (while it
/// still holds the measured value), typed over that measurement, or the scenario.
pub(super) fn task_source(t: &engine::scenario::TaskType, field: &str) -> String {
    use engine::scenario::FieldOrigin;
    match t.origin(field) {
        // The source says how it was measured ("measured: mean input per call (…)").
        FieldOrigin::Measured(m) => m.source.clone(),
        FieldOrigin::TypedOver(m) => format!(
            "typed (over {}; {})",
            engine::fmt::fmt_num(m.value),
            m.source
        ),
        FieldOrigin::NotMeasured => SCENARIO.to_string(),
    }
}

/// One input row: name suffix, label, value (`None`: "none"), unit.
pub(super) type Row<'a> = (&'a str, &'a str, Option<f64>, &'a str);

/// Writes input rows on the sheet and names them.
pub(super) struct Writer<'a> {
    pub sh: &'a mut Sheet,
    pub names: &'a mut Names,
    pub f: &'a Formats,
}

impl Writer<'_> {
    /// Rows named `{prefix}{suffix}`: label, value (blue), unit, source.
    pub fn rows(&mut self, prefix: &str, source: &str, rows: &[Row]) -> Result<(), XlsxError> {
        for (name, label, value, unit) in rows {
            let row = self.sh.row;
            let sh = &mut *self.sh;
            sh.ws.write_string(row, 0, *label)?;
            match value {
                Some(x) => sh.ws.write_number_with_format(row, 1, *x, &self.f.input)?,
                // Formulas test an optional input with ISNUMBER.
                None => sh
                    .ws
                    .write_string_with_format(row, 1, "none", &self.f.input)?,
            };
            sh.ws.write_string(row, 2, *unit)?;
            sh.ws.write_string(row, 3, source)?;
            self.names.0.push((format!("{prefix}{name}"), sh.here()));
            sh.row += 1;
        }
        Ok(())
    }
}

pub(super) fn write(
    sh: &mut Sheet,
    names: &mut Names,
    f: &Formats,
    s: &Scenario,
    m: &Model,
    title: &str,
) -> Result<(), XlsxError> {
    sh.ws.write_string_with_format(0, 0, title, &f.heading)?;
    sh.row = 1;
    sh.note(f, "Blue cells are inputs: change one and every formula on Calc and Outputs follows. Each has a name (Formulas > Name Manager). One exception: a self-hosted configuration's throughput is the engine's (its replica-seconds per request, a value), so tokens per call, GPUs per replica and (with prefix caching) the cached share move the API's cost and the price of a replica here, not how many replicas serve the load; change those in Breakeven and export again.")?;
    for (c, h) in ["Input", "Value", "Unit", "Source"].iter().enumerate() {
        sh.ws
            .write_string_with_format(sh.row, c as u16, *h, &f.bold)?;
    }
    sh.row += 1;
    sh.heading(f, "Scenario")?;
    let mut w = Writer { sh, names, f };
    let marginal = if s.cost_lens == CostLens::Marginal {
        1.0
    } else {
        0.0
    };
    w.rows(
        "",
        SCENARIO,
        &[
            (
                "hours_per_month",
                "Hours in a month",
                Some(s.hours_per_month),
                "h",
            ),
            (
                "hurdle_rate",
                "Hurdle rate (discount rate for the NPV)",
                Some(s.discount_rate_per_year),
                "per year",
            ),
            (
                "api_price_change",
                "API price change (each full year, from month 13)",
                Some(s.api_price_change_per_year),
                "per year",
            ),
            (
                "marginal_lens",
                "Marginal lens (1: the hardware of month 1 already owned and the setup spent; replicas bought later are paid and amortised)",
                Some(marginal),
                "0 or 1",
            ),
        ],
    )?;
    finance_rows(&mut w, s)?;
    let horizon = format!(
        "Horizon: {} months (the rows of the projection on Calc; export again to change it).",
        s.horizon_months
    );
    w.sh.note(f, &horizon)?;

    for (i, t) in s.task_types.iter().enumerate() {
        w.sh.heading(f, &format!("Task type {}: {}", i + 1, t.name))?;
        use engine::scenario::paths::task as p;
        let rows: [(&str, Row); 9] = [
            (
                p::CALLS_PER_MONTH,
                (
                    "calls",
                    "Calls per month (month 1)",
                    Some(t.calls_per_month),
                    "calls",
                ),
            ),
            (
                p::MONTHLY_GROWTH,
                (
                    "growth",
                    "Monthly growth of the calls",
                    Some(t.monthly_growth),
                    "per month",
                ),
            ),
            (
                p::INPUT_TOKENS,
                (
                    "in",
                    "Input tokens per call (self-hosted replicas: as exported)",
                    Some(t.input_tokens),
                    "tokens",
                ),
            ),
            (
                p::OUTPUT_TOKENS,
                (
                    "out",
                    "Output tokens per call (self-hosted replicas: as exported)",
                    Some(t.output_tokens),
                    "tokens",
                ),
            ),
            (
                p::CACHED_INPUT_SHARE,
                (
                    "cached",
                    "Share of input read from the cache",
                    Some(t.cached_input_share),
                    "share",
                ),
            ),
            (
                p::CACHE_WRITE_SHARE,
                (
                    "cwrite",
                    "Share of input written to the cache",
                    Some(t.cache_write_share),
                    "share",
                ),
            ),
            (
                p::CACHE_WRITE_1H_SHARE,
                (
                    "cw1h",
                    "Of the cache writes, the 1-hour ones (at 2x the input price)",
                    Some(t.cache_write_1h_share),
                    "share",
                ),
            ),
            (
                p::BATCH_SHARE,
                (
                    "batch",
                    "Share of calls sent as batch",
                    Some(t.batch_share),
                    "share",
                ),
            ),
            (
                p::PEAK_TO_AVERAGE,
                (
                    "peak",
                    "Peak-to-average load",
                    Some(t.peak_to_average),
                    "ratio",
                ),
            ),
        ];
        for (field, row) in rows {
            let source = task_source(t, field);
            w.rows(&format!("t{}_", i + 1), &source, &[row])?;
        }
    }

    for (j, a) in s.api_tiers.iter().enumerate() {
        w.sh.heading(
            f,
            &format!("API tier {}: {} ({})", j + 1, a.name, a.provider),
        )?;
        let mtok = "USD / Mtok";
        let prefix = format!("api{}_", j + 1);
        // Each price names its own source: one typed over the catalog's is the user's.
        use engine::catalog::{tier_price_source, TierPrice};
        let prices = [
            (
                "in",
                "Input price",
                a.input_per_mtok,
                mtok,
                TierPrice::Input,
            ),
            (
                "out",
                "Output price",
                a.output_per_mtok,
                mtok,
                TierPrice::Output,
            ),
            (
                "cread",
                "Cache read price",
                a.cache_read_per_mtok,
                mtok,
                TierPrice::CacheRead,
            ),
            (
                "cwrite",
                "Cache write price",
                a.cache_write_per_mtok,
                mtok,
                TierPrice::CacheWrite,
            ),
            (
                "batch",
                "Batch discount",
                a.batch_discount,
                "share",
                TierPrice::BatchDiscount,
            ),
        ];
        for (name, label, value, unit, which) in prices {
            let source = tier_price_source(a, which);
            w.rows(&prefix, &source, &[(name, label, Some(value), unit)])?;
        }
        let listed = match (a.source.trim(), a.as_of.trim()) {
            ("", _) => SCENARIO.to_string(),
            (src, "") => src.to_string(),
            (src, d) => format!("{src} ({d})"),
        };
        w.rows(
            &prefix,
            &listed,
            &[
                (
                    "lthr",
                    "Long-context threshold (input tokens)",
                    a.long_context_threshold,
                    "tokens",
                ),
                (
                    "lmi",
                    "Long-context input multiplier",
                    Some(a.long_context_input_multiplier),
                    "x",
                ),
                (
                    "lmo",
                    "Long-context output multiplier",
                    Some(a.long_context_output_multiplier),
                    "x",
                ),
            ],
        )?;
    }

    for (k, (g, sm)) in s.gpu_configs.iter().zip(&m.selfhosted).enumerate() {
        w.sh.heading(f, &format!("GPU configuration {}: {}", k + 1, g.name))?;
        if let Some(why) = &sm.unusable {
            w.sh.note(
                f,
                &format!("Cannot serve the workload, so it has no formulas: {why}"),
            )?;
            continue;
        }
        let secs: Vec<f64> = sm.tasks.iter().map(|t| t.sec_per_request).collect();
        // The share of a replica each task's p95 latency targets allow (1: no limit).
        let allowed: Vec<f64> = sm
            .tasks
            .iter()
            .map(|t| t.serving.as_ref().map_or(1.0, |x| x.allowed))
            .collect();
        super::config_inputs::write(&mut w, s, g, (&secs, &allowed), &format!("gpu{}_", k + 1))?;
    }
    Ok(())
}

/// The currency (Calc is in USD; Outputs converts), the value-left credit and the tax view.
fn finance_rows(w: &mut Writer, s: &Scenario) -> Result<(), XlsxError> {
    let (code, fx, fx_source) = match &s.currency {
        Some(c) => (c.code.clone(), c.per_usd, c.rate_text()),
        None => ("USD".into(), 1.0, "no currency set: US dollars".into()),
    };
    let unit = format!("{code} per USD");
    w.rows(
        "",
        &fx_source,
        &[(
            "fx_per_usd",
            "Exchange rate (Outputs are in this currency; Calc in USD)",
            Some(fx),
            &unit,
        )],
    )?;
    let credit = if s.credit_value_left { 1.0 } else { 0.0 };
    w.rows(
        "",
        SCENARIO,
        &[(
            "credit_value_left",
            "Credit the hardware's book value left at the horizon (1) or not (0)",
            Some(credit),
            "0 or 1",
        )],
    )?;
    if let Some(t) = &s.tax {
        let schedule = format!(
            "schedule: {} (the formulas on Calc follow it; export again to change it)",
            engine::scenario::Choice::label(t.schedule)
        );
        w.rows(
            "",
            &schedule,
            &[
                ("tax_rate", "Tax rate", Some(t.rate), "share of profit"),
                ("tax_life", "Tax life of hardware", Some(t.years), "years"),
            ],
        )?;
    }
    Ok(())
}
