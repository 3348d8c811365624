//! Parse, don't validate: a [`Scenario`] becomes a [`ValidScenario`] only when every
//! number is finite and in range, so nothing downstream sees a NaN or a negative price.

use crate::scenario::Scenario;
use serde::{Deserialize, Serialize};
use std::fmt;

mod checker;
mod gpus;
mod texts;
mod workload;

use checker::Checker;

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

pub use crate::scenario::is_deceptive_char;

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
    workload::check_settings(&s, &mut c);
    workload::check_task_types(&s, &mut c);
    workload::check_api_tiers(&s, &mut c);
    gpus::check_gpu_configs(&s, &mut c);
    gpus::check_custom_gpus(&s, &mut c);
    workload::check_ranges(&s, &mut c);
    if c.errors.is_empty() {
        Ok(ValidScenario(s))
    } else {
        Err(ValidationErrors(c.errors))
    }
}
