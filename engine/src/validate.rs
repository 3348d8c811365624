//! Parse, don't validate: a [`Scenario`] becomes a [`ValidScenario`] only when every
//! number is finite and in range, so nothing downstream sees a NaN or a negative price.

use crate::catalog;
use crate::scenario::{Hosting, ReplicaMode, Scenario, ThroughputSource};
use serde::{Deserialize, Serialize};
use std::fmt;

mod texts;

/// One problem with one input, named by its path in the document.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldError {
    pub path: String,
    pub message: String,
}

impl fmt::Display for FieldError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path, self.message)
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[error("{} invalid input(s): {}", .0.len(), .0.iter().map(|e| e.to_string()).collect::<Vec<_>>().join("; "))]
pub struct ValidationErrors(pub Vec<FieldError>);

/// A scenario whose every input has been checked. Only [`validate`] makes one.
#[derive(Clone, Debug)]
pub struct ValidScenario(Scenario);

impl ValidScenario {
    pub fn get(&self) -> &Scenario {
        &self.0
    }
    /// Total calls per month over all task types (> 0 by validation).
    pub fn total_calls(&self) -> f64 {
        self.0.task_types.iter().map(|t| t.calls_per_month).sum()
    }
}

const MAX_INPUT: f64 = 1e12;

/// Caps on the size of one document, so every request's work is bounded wherever a
/// document enters (API, server functions, saves, restore). A large real scenario (a
/// platform team's dozen workloads priced against every Claude tier and a handful of
/// GPU setups) needs about 12 task types, 8 tiers, 10 configurations and 10 ranges:
/// the caps leave several times that. `benches/evaluate.rs` times the largest valid
/// document (README, Guarantees).
pub mod limits {
    pub const TASK_TYPES: usize = 50;
    pub const API_TIERS: usize = 20;
    pub const GPU_CONFIGS: usize = 20;
    pub const RANGES: usize = 30;
    pub const CUSTOM_GPUS: usize = 20;
    /// Names (of the scenario, task types, tiers, configurations, GPUs).
    pub const NAME_CHARS: usize = 200;
    /// The scenario's notes.
    pub const NOTES_CHARS: usize = 10_000;
    /// Any other text: sources, dates, providers, ids.
    pub const TEXT_CHARS: usize = 500;
    /// Points per curve a client may ask for.
    pub const CURVE_POINTS: usize = 1024;
}

/// Characters that reorder or hide text (bidirectional overrides, isolates and marks,
/// the zero-width space, word joiner and BOM): a name holding them can display as
/// something else. The zero-width joiner and non-joiner stay (emoji, Persian, Indic).
pub fn is_deceptive_char(c: char) -> bool {
    matches!(c,
        '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200B}' | '\u{200E}' | '\u{200F}'
        | '\u{061C}' | '\u{2060}' | '\u{FEFF}')
}

/// Counts first: a document past a count cap is refused without looking further, so
/// a 10,000-entry document costs no more to refuse than a small one.
fn check_counts(s: &Scenario) -> Vec<FieldError> {
    let mut errs = Vec::new();
    for (path, n, cap, what) in [
        (
            "task_types",
            s.task_types.len(),
            limits::TASK_TYPES,
            "task types",
        ),
        (
            "api_tiers",
            s.api_tiers.len(),
            limits::API_TIERS,
            "API tiers",
        ),
        (
            "gpu_configs",
            s.gpu_configs.len(),
            limits::GPU_CONFIGS,
            "GPU configurations",
        ),
        ("ranges", s.ranges.len(), limits::RANGES, "ranges"),
        (
            "custom_gpus",
            s.custom_gpus.len(),
            limits::CUSTOM_GPUS,
            "custom GPUs",
        ),
    ] {
        if n > cap {
            errs.push(FieldError {
                path: path.into(),
                message: format!("has {n} {what}; at most {cap} are allowed"),
            });
        }
    }
    errs
}

/// Every text field of the document: length caps (see [`texts`]).
fn check_texts(s: &Scenario, c: &mut Checker) {
    for (path, message) in texts::too_long(s) {
        c.push(path, message);
    }
}

struct Checker {
    errors: Vec<FieldError>,
}

impl Checker {
    fn push(&mut self, path: impl Into<String>, message: impl Into<String>) {
        self.errors.push(FieldError {
            path: path.into(),
            message: message.into(),
        });
    }
    fn finite(&mut self, path: &str, v: f64) -> bool {
        if v.is_finite() {
            true
        } else {
            self.push(path, "must be a number");
            false
        }
    }
    fn positive(&mut self, path: &str, v: f64) {
        if self.finite(path, v) {
            if v <= 0.0 {
                self.push(path, "must be > 0");
            } else {
                self.at_most(path, v);
            }
        }
    }
    fn non_negative(&mut self, path: &str, v: f64) {
        if self.finite(path, v) {
            if v < 0.0 {
                self.push(path, "must be >= 0");
            } else {
                self.at_most(path, v);
            }
        }
    }
    /// Far beyond any real workload or price; keeps sums and products finite.
    fn at_most(&mut self, path: &str, v: f64) {
        if v > MAX_INPUT {
            self.push(path, "is too large (at most 1e12)");
        }
    }
    fn share(&mut self, path: &str, v: f64) {
        if self.finite(path, v) && !(0.0..=1.0).contains(&v) {
            self.push(path, "must be between 0 and 1");
        }
    }
    fn range(&mut self, path: &str, v: f64, lo: f64, hi: f64) {
        if self.finite(path, v) && !(lo..=hi).contains(&v) {
            self.push(path, format!("must be between {lo} and {hi}"));
        }
    }
    fn quality(&mut self, path: &str, q: u8) {
        if !(1..=3).contains(&q) {
            self.push(path, "must be 1 (small), 2 (mid) or 3 (frontier)");
        }
    }
}

/// Checks every input; returns all problems at once, each with its path.
pub fn validate(s: Scenario) -> Result<ValidScenario, ValidationErrors> {
    let counts = check_counts(&s);
    if !counts.is_empty() {
        return Err(ValidationErrors(counts));
    }
    let mut c = Checker { errors: Vec::new() };
    check_texts(&s, &mut c);
    check_values(s, c)
}

/// The value checks without the size caps of [`limits`]: for documents stored before
/// the caps existed (a backup being restored), which must stay restorable.
pub fn validate_stored(s: Scenario) -> Result<ValidScenario, ValidationErrors> {
    check_values(s, Checker { errors: Vec::new() })
}

fn check_values(s: Scenario, mut c: Checker) -> Result<ValidScenario, ValidationErrors> {
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
    for (k, g) in s.gpu_configs.iter().enumerate() {
        let p = |f: &str| format!("gpu_configs[{k}].{f}");
        let gpu = catalog::gpu_in(&s, &g.gpu);
        if gpu.is_none() {
            c.push(p("gpu"), format!("unknown GPU '{}'", g.gpu));
        }
        let model = catalog::model(&g.model);
        if model.is_none() {
            c.push(p("model"), format!("unknown model '{}'", g.model));
        }
        if !(1..=64).contains(&g.gpus_per_replica) {
            c.push(p("gpus_per_replica"), "must be between 1 and 64");
        }
        if g.replica_mode == ReplicaMode::Fixed && !(1..=10_000).contains(&g.replicas) {
            c.push(p("replicas"), "must be between 1 and 10000");
        }
        if g.reserve_replicas > 1000 {
            c.push(p("reserve_replicas"), "must be at most 1000");
        }
        if c.finite(&p("target_utilisation"), g.target_utilisation)
            && !(g.target_utilisation > 0.0 && g.target_utilisation <= 1.0)
        {
            c.push(p("target_utilisation"), "must be > 0 and at most 1");
        }
        c.range(&p("idle_overhead"), g.idle_overhead, 0.0, 10.0);
        if let Some(q) = g.quality {
            c.quality(&p("quality"), q);
        }
        for (name, e) in [
            ("efficiency_bw", g.efficiency_bw),
            ("efficiency_compute", g.efficiency_compute),
        ] {
            if let Some(e) = e {
                if c.finite(&p(name), e) && !(e > 0.0 && e <= 1.0) {
                    c.push(p(name), "must be > 0 and at most 1");
                }
            }
        }
        if !(1..=4096).contains(&g.max_batch) {
            c.push(p("max_batch"), "must be between 1 and 4096");
        }
        match &g.hosting {
            Hosting::Cloud(cl) => {
                c.positive(&p("hosting.hourly_usd"), cl.hourly_usd);
                c.range(
                    &p("hosting.active_hours_per_day"),
                    cl.active_hours_per_day,
                    0.5,
                    24.0,
                );
                c.range(&p("hosting.runtime_buffer"), cl.runtime_buffer, 0.0, 10.0);
            }
            Hosting::OnPrem(op) => {
                c.positive(&p("hosting.gpu_price_usd"), op.gpu_price_usd);
                c.non_negative(&p("hosting.server_price_usd"), op.server_price_usd);
                c.non_negative(&p("hosting.installation_usd"), op.installation_usd);
                c.range(
                    &p("hosting.amortisation_months"),
                    op.amortisation_months,
                    1.0,
                    240.0,
                );
                c.share(&p("hosting.residual_share"), op.residual_share);
                c.range(&p("hosting.cost_of_capital"), op.cost_of_capital, 0.0, 1.0);
                c.range(
                    &p("hosting.maintenance_share_per_year"),
                    op.maintenance_share_per_year,
                    0.0,
                    1.0,
                );
                c.range(&p("hosting.gpu_power_share"), op.gpu_power_share, 0.0, 1.5);
                c.non_negative(&p("hosting.server_base_watts"), op.server_base_watts);
                c.non_negative(&p("hosting.usd_per_kwh"), op.usd_per_kwh);
                c.range(&p("hosting.pue"), op.pue, 1.0, 3.0);
                c.non_negative(
                    &p("hosting.facility_usd_per_month"),
                    op.facility_usd_per_month,
                );
            }
        }
        match &g.throughput {
            ThroughputSource::Estimated => {}
            ThroughputSource::Typed {
                output_tokens_per_s,
            } => c.positive(&p("throughput.output_tokens_per_s"), *output_tokens_per_s),
            ThroughputSource::Benchmark {
                output_tokens_per_s,
                input_tokens,
                output_tokens,
                ..
            } => {
                c.positive(&p("throughput.output_tokens_per_s"), *output_tokens_per_s);
                c.non_negative(&p("throughput.input_tokens"), *input_tokens);
                c.positive(&p("throughput.output_tokens"), *output_tokens);
            }
        }
        let pp = |f: &str| format!("gpu_configs[{k}].people.{f}");
        let pe = &g.people;
        c.non_negative(&pp("engineer_usd_per_hour"), pe.engineer_usd_per_hour);
        c.non_negative(&pp("setup_days"), pe.setup_days);
        c.range(&pp("hours_per_day"), pe.hours_per_day, 0.0, 24.0);
        c.range(
            &pp("setup_amortisation_months"),
            pe.setup_amortisation_months,
            1.0,
            120.0,
        );
        c.non_negative(
            &pp("maintenance_hours_per_month"),
            pe.maintenance_hours_per_month,
        );
        c.non_negative(&pp("upgrades_per_year"), pe.upgrades_per_year);
        c.non_negative(&pp("days_per_upgrade"), pe.days_per_upgrade);
    }
    for (i, g) in s.custom_gpus.iter().enumerate() {
        let p = |f: &str| format!("custom_gpus[{i}].{f}");
        if g.id.trim().is_empty() {
            c.push(p("id"), "needs an id");
        } else if catalog::gpu(&g.id).is_some() || s.custom_gpus[..i].iter().any(|o| o.id == g.id) {
            c.push(
                p("id"),
                format!("'{}' is already taken; pick another id", g.id),
            );
        }
        c.positive(&p("vram_gb"), g.vram_gb);
        c.positive(&p("bandwidth_gbs"), g.bandwidth_gbs);
        c.positive(&p("bf16_tflops"), g.bf16_tflops);
        c.non_negative(&p("tdp_w"), g.tdp_w);
        if let Some(x) = g.fp8_tflops {
            c.positive(&p("fp8_tflops"), x);
        }
        if let Some(x) = g.purchase_usd {
            c.non_negative(&p("purchase_usd"), x);
        }
    }
    for (r, range) in s.ranges.iter().enumerate() {
        let p = |f: &str| format!("ranges[{r}].{f}");
        match crate::params::Param::parse(&range.path, &s) {
            None => c.push(
                p("path"),
                format!("'{}' is not a numeric input of this scenario", range.path),
            ),
            Some(param) => {
                let v = param.get(&s);
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
    if c.errors.is_empty() {
        Ok(ValidScenario(s))
    } else {
        Err(ValidationErrors(c.errors))
    }
}
