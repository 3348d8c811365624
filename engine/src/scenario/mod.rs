//! The scenario document: what a user edits and what is saved, as versioned JSON.
//!
//! Numbers here are raw `f64` straight from the user; nothing in the engine uses them
//! until [`crate::validate::validate`] has turned a [`Scenario`] into a
//! [`crate::validate::ValidScenario`].
//!
//! The document's top level is here; task types and API tiers are in `workload.rs`,
//! GPU configurations in `gpu_config.rs`, the map-only serde impls and name cleaning in
//! `serde_impls.rs`.

use serde::{Deserialize, Serialize};

mod choice;
mod edit;
pub use edit::numbered;
mod finance;
mod gpu_config;
mod gpu_spec;
mod latency;
pub mod paths;
mod serde_impls;
mod workload;

pub use choice::{Choice, UnknownChoice};
pub use finance::{date_problem, is_date, symbol, Currency, TaxSchedule, TaxView};
pub use gpu_config::{
    Billing, CloudPricing, Commitment, GpuConfig, Hosting, OnPremPricing, PeopleCosts, Precision,
    PriceKind, ReplicaMode, RunFacts, ThroughputSource,
};
pub use gpu_config::{Quote, DEFAULT_GPU};
pub use gpu_spec::GpuEntry;
pub use latency::{SweepPoint, Targets};

pub use workload::{
    ApiTier, FieldOrigin, Measured, TaskType, CACHE_WRITE_1H_INPUT_MULTIPLE, TYPED_WITH_IMPORT,
};

use serde_impls::clean_name;
pub use serde_impls::is_deceptive_char;

/// The hurdle rate a new scenario starts with: 10% a year, a common corporate hurdle
/// rate for IT projects; set your company's.
pub const DEFAULT_DISCOUNT_RATE: f64 = 0.10;

/// The schema version this build writes. Older documents are upgraded by
/// [`crate::upgrade::upgrade`].
pub const SCHEMA_VERSION: u32 = 2;

/// A document is a JSON object. serde's derived form would also take an array (the
/// fields by position), so `[]` would become the default scenario: the derive is kept
/// as an inherent function (`remote = "Self"`) and the trait impls (in `serde_impls.rs`)
/// accept a map only.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, remote = "Self")]
pub struct Scenario {
    pub schema_version: u32,
    #[serde(deserialize_with = "clean_name")]
    pub name: String,
    pub notes: String,
    /// Hours in a month. 730 = 8760/12; the article uses 720 (24 x 30).
    pub hours_per_month: f64,
    /// Months the projection covers.
    pub horizon_months: u32,
    /// Yearly change of API prices in the projection (-0.2 = prices fall 20% a year).
    pub api_price_change_per_year: f64,
    /// The company's hurdle rate, a year (0.1 = 10%): the discount rate of the NPV.
    pub discount_rate_per_year: f64,
    /// Credit the value left in purchased hardware (its book value) at the horizon's end
    /// in the NPV, as if sold or kept at that value. Off: the value left counts for
    /// nothing, which favours the API on short horizons.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub credit_value_left: bool,
    /// The currency figures are shown in, with its rate and date; USD when absent.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub currency: Option<Currency>,
    /// The after-tax view of the NPV, when set.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tax: Option<TaxView>,
    pub cost_lens: CostLens,
    pub task_types: Vec<TaskType>,
    pub api_tiers: Vec<ApiTier>,
    pub gpu_configs: Vec<GpuConfig>,
    /// Share of calls the "self-host first, escalate to the API" pattern sends to the API.
    pub escalate_share: f64,
    /// Low/high ranges of inputs, for sensitivity and the uncertainty band.
    pub ranges: Vec<InputRange>,
    /// GPUs that are not in the built-in catalog (a private SKU), referenced by id.
    pub custom_gpus: Vec<GpuEntry>,
    /// The built-in template this scenario was made from, when it matters to what is
    /// shown (the article's cases show the article's claims checked). Kept through
    /// edits and copies; absent in most documents.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub template: Option<String>,
}

impl Scenario {
    /// The workload's quality floor: the highest of its task types' floors (1 when
    /// there are none). An option below it cannot serve the whole workload.
    pub fn quality_floor(&self) -> u8 {
        self.task_types
            .iter()
            .map(|t| t.quality_floor)
            .max()
            .unwrap_or(1)
    }
}

impl Default for Scenario {
    fn default() -> Self {
        Scenario {
            schema_version: SCHEMA_VERSION,
            name: "Untitled scenario".into(),
            notes: String::new(),
            hours_per_month: 730.0,
            horizon_months: 24,
            api_price_change_per_year: 0.0,
            discount_rate_per_year: DEFAULT_DISCOUNT_RATE,
            credit_value_left: false,
            currency: None,
            tax: None,
            cost_lens: CostLens::FullyLoaded,
            task_types: vec![TaskType::default()],
            api_tiers: Vec::new(),
            gpu_configs: Vec::new(),
            escalate_share: 0.1,
            ranges: Vec::new(),
            custom_gpus: Vec::new(),
            template: None,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum CostLens {
    /// Everything: purchase, installation and setup included.
    #[default]
    FullyLoaded,
    /// Purchase, installation and setup treated as already spent.
    Marginal,
}

/// A low/high range for one input, named by its path (see [`crate::params`]).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct InputRange {
    pub path: String,
    pub low: f64,
    pub high: f64,
}
