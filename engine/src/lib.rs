//! Breakeven's cost engine: LLM inference cost of Claude API tiers against
//! self-hosted open models on GPUs. Pure: no I/O, no async, nothing web.
//!
//! Entry points: [`upgrade::parse_document`] reads a saved document of any version,
//! [`validate::validate`] turns it into a [`validate::ValidScenario`], and
//! [`evaluate::evaluate`] answers everything the app shows; [`curves`] samples the
//! chart series, the tornado and the uncertainty band; [`report`] the headline.

pub mod article;
pub mod bench;
pub mod catalog;
pub mod currency;
pub mod curves;
pub mod custom;
pub mod date;
pub mod evaluate;
pub mod finance;
pub mod fmt;
pub mod internal_price;
pub mod latency;
pub mod report;
pub mod scenario;
pub mod sources;
pub mod templates;
pub mod upgrade;
pub mod usage;
pub mod validate;

// Internals: callers use the re-exports below (and `evaluate`, `curves`, `report`).
pub(crate) mod breakeven;
pub(crate) mod explain;
pub(crate) mod hybrid;
pub(crate) mod model;
pub(crate) mod params;
pub(crate) mod projection;
pub(crate) mod sensitivity;
pub(crate) mod throughput;

pub use breakeven::{Crossing, CrossingKind, SEARCH_LIMIT};
pub use evaluate::{evaluate, evaluate_document, Evaluation, NotCompared, Options, PairResult};
pub use explain::{fmt_num, Explained};
pub use hybrid::{Escalation, OptionRef, Plan};
pub use model::Breakdown;
pub use params::{Param, TierField};
pub use scenario::Scenario;
pub use validate::{validate, FieldError, ValidScenario, ValidationErrors};

/// The engine's own property tests and benchmarks reach below the curated API
/// (one cost model build, one throughput estimate, one break-even solve). Not for the
/// app: it goes through [`evaluate`], [`curves`] and [`report`].
#[doc(hidden)]
pub mod internals {
    pub use crate::breakeven::{first_cheaper, solve};
    pub use crate::model::Model;
    pub use crate::sensitivity::{sensitivity, uncertainty, uncertainty_at_volume, Held};
    pub use crate::throughput::{estimate, estimate_linked, Replica};
}
