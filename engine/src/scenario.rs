//! The scenario document: what a user edits and what is saved, as versioned JSON.
//!
//! Numbers here are raw `f64` straight from the user; nothing in the engine uses them
//! until [`crate::validate::validate`] has turned a [`Scenario`] into a
//! [`crate::validate::ValidScenario`].

use serde::{Deserialize, Serialize};

/// The schema version this build writes. Older documents are upgraded by
/// [`crate::upgrade::upgrade`].
pub const SCHEMA_VERSION: u32 = 2;

/// A document is a JSON object. serde's derived form would also take an array (the
/// fields by position), so `[]` would become the default scenario: the derive is kept
/// as an inherent function (`remote = "Self"`) and the trait impls below accept a map
/// only.
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
    pub cost_lens: CostLens,
    pub task_types: Vec<TaskType>,
    pub api_tiers: Vec<ApiTier>,
    pub gpu_configs: Vec<GpuConfig>,
    /// Share of calls the "self-host first, escalate to the API" pattern sends to the API.
    pub escalate_share: f64,
    /// Low/high ranges of inputs, for sensitivity and the uncertainty band.
    pub ranges: Vec<InputRange>,
    /// GPUs that are not in the built-in catalog (a private SKU), referenced by id.
    pub custom_gpus: Vec<crate::catalog::GpuEntry>,
}

impl Serialize for Scenario {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        Scenario::serialize(self, s)
    }
}

impl<'de> Deserialize<'de> for Scenario {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Object;
        impl<'de> serde::de::Visitor<'de> for Object {
            type Value = Scenario;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a scenario (a JSON object)")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, map: A) -> Result<Scenario, A::Error> {
                Scenario::deserialize(serde::de::value::MapAccessDeserializer::new(map))
            }
        }
        d.deserialize_map(Object)
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
            cost_lens: CostLens::FullyLoaded,
            task_types: vec![TaskType::default()],
            api_tiers: Vec::new(),
            gpu_configs: Vec::new(),
            escalate_share: 0.1,
            ranges: Vec::new(),
            custom_gpus: Vec::new(),
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

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct TaskType {
    #[serde(deserialize_with = "clean_name")]
    pub name: String,
    pub calls_per_month: f64,
    pub input_tokens: f64,
    pub output_tokens: f64,
    /// Share of input tokens read from the prompt cache (0..1).
    pub cached_input_share: f64,
    /// Share of input tokens written to the prompt cache (0..1).
    pub cache_write_share: f64,
    /// Share of calls that can wait for a batch API (0..1).
    pub batch_share: f64,
    /// Lowest quality level that may serve this task: 1 small, 2 mid, 3 frontier.
    pub quality_floor: u8,
    /// Monthly growth of calls (0.05 = +5% a month), for projections.
    pub monthly_growth: f64,
    /// Peak load divided by average load; self-hosted capacity must cover the peak.
    pub peak_to_average: f64,
}

impl Default for TaskType {
    fn default() -> Self {
        TaskType {
            name: "Main workload".into(),
            calls_per_month: 500_000.0,
            input_tokens: 800.0,
            output_tokens: 400.0,
            cached_input_share: 0.0,
            cache_write_share: 0.0,
            batch_share: 0.0,
            quality_floor: 1,
            monthly_growth: 0.0,
            peak_to_average: 1.0,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ApiTier {
    /// Catalog id this tier was picked from, if any (prices may have been edited).
    pub catalog_id: Option<String>,
    #[serde(deserialize_with = "clean_name")]
    pub name: String,
    pub provider: String,
    pub input_per_mtok: f64,
    pub output_per_mtok: f64,
    pub cache_read_per_mtok: f64,
    pub cache_write_per_mtok: f64,
    /// Batch API discount (0.5 = half price).
    pub batch_discount: f64,
    /// Input size above which the whole request is billed at the long-context premium.
    pub long_context_threshold: Option<f64>,
    pub long_context_input_multiplier: f64,
    pub long_context_output_multiplier: f64,
    /// 1 small, 2 mid, 3 frontier.
    pub quality: u8,
    pub source: String,
    pub as_of: String,
}

impl Default for ApiTier {
    fn default() -> Self {
        ApiTier {
            catalog_id: None,
            name: "Custom tier".into(),
            provider: String::new(),
            input_per_mtok: 1.0,
            output_per_mtok: 5.0,
            cache_read_per_mtok: 0.1,
            cache_write_per_mtok: 1.25,
            batch_discount: 0.5,
            long_context_threshold: None,
            long_context_input_multiplier: 1.0,
            long_context_output_multiplier: 1.0,
            quality: 1,
            source: "typed by the user".into(),
            as_of: String::new(),
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Precision {
    #[default]
    Bf16,
    Fp8,
    Int8,
    /// 4-bit such as Q4_K_M (~0.6 bytes per parameter with scales).
    Q4,
}

impl Precision {
    pub fn bytes_per_param(self) -> f64 {
        match self {
            Precision::Bf16 => 2.0,
            Precision::Fp8 | Precision::Int8 => 1.0,
            Precision::Q4 => 0.6,
        }
    }
    pub fn label(self) -> &'static str {
        match self {
            Precision::Bf16 => "bf16",
            Precision::Fp8 => "fp8",
            Precision::Int8 => "int8",
            Precision::Q4 => "4-bit (Q4_K_M)",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum ReplicaMode {
    /// As many replicas as the peak load needs (never below one).
    #[default]
    AsNeeded,
    /// A fixed number of replicas, whatever the load.
    Fixed,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Billing {
    /// Paid every hour of the month.
    #[default]
    AlwaysOn,
    /// Paid for an active window of `active_hours_per_day`; the load falls in that window.
    ActiveWindow,
    /// Paid only for busy GPU time plus a runtime buffer.
    ScaleToZero,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum PriceKind {
    #[default]
    OnDemand,
    Spot,
    Reserved,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Hosting {
    Cloud(CloudPricing),
    OnPrem(OnPremPricing),
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct CloudPricing {
    pub provider: String,
    /// $ per GPU-hour.
    pub hourly_usd: f64,
    pub price_kind: PriceKind,
    pub billing: Billing,
    pub active_hours_per_day: f64,
    /// Extra billed time on top of busy time under scale-to-zero (0.2 = +20%).
    pub runtime_buffer: f64,
    pub price_source: String,
    pub price_as_of: String,
}

impl Default for CloudPricing {
    fn default() -> Self {
        CloudPricing {
            provider: "RunPod".into(),
            hourly_usd: 0.74,
            price_kind: PriceKind::OnDemand,
            billing: Billing::AlwaysOn,
            active_hours_per_day: 24.0,
            runtime_buffer: 0.2,
            price_source: "typed by the user".into(),
            price_as_of: String::new(),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct OnPremPricing {
    pub gpu_price_usd: f64,
    /// Server (chassis, CPU, RAM) per replica.
    pub server_price_usd: f64,
    /// Installation per replica.
    pub installation_usd: f64,
    pub amortisation_months: f64,
    /// Residual value at the end of amortisation, as a share of the purchase.
    pub residual_share: f64,
    /// Yearly cost of capital on the average book value.
    pub cost_of_capital: f64,
    /// Yearly maintenance as a share of the purchase.
    pub maintenance_share_per_year: f64,
    /// GPU power at average load, as a share of TDP.
    pub gpu_power_share: f64,
    /// Server base power per replica, watts.
    pub server_base_watts: f64,
    pub usd_per_kwh: f64,
    pub pue: f64,
    /// Facility / hosting per replica per month.
    pub facility_usd_per_month: f64,
}

impl Default for OnPremPricing {
    fn default() -> Self {
        OnPremPricing {
            gpu_price_usd: 2000.0,
            server_price_usd: 1500.0,
            installation_usd: 0.0,
            amortisation_months: 36.0,
            residual_share: 0.1,
            cost_of_capital: 0.0,
            maintenance_share_per_year: 0.0,
            gpu_power_share: 0.8,
            server_base_watts: 100.0,
            usd_per_kwh: 0.12,
            pue: 1.0,
            facility_usd_per_month: 0.0,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ThroughputSource {
    /// Estimated from the GPU and model specs (ENGINE.md s.5).
    Estimated,
    /// Output tokens per second per replica at the workload's request shape, typed.
    Typed { output_tokens_per_s: f64 },
    /// Measured by an uploaded benchmark run.
    Benchmark {
        run_id: String,
        output_tokens_per_s: f64,
        /// The request shape the benchmark used; converted to the workload's shape.
        input_tokens: f64,
        output_tokens: f64,
        concurrency: f64,
        label: String,
    },
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct GpuConfig {
    #[serde(deserialize_with = "clean_name")]
    pub name: String,
    /// Catalog ids.
    pub gpu: String,
    pub model: String,
    pub precision: Precision,
    pub gpus_per_replica: u32,
    pub replica_mode: ReplicaMode,
    /// Used when `replica_mode` is `fixed`.
    pub replicas: u32,
    /// Extra replicas kept for availability.
    pub reserve_replicas: u32,
    pub hosting: Hosting,
    pub throughput: ThroughputSource,
    /// Share of capacity planned to be used at peak (the article: 0.5-0.6).
    pub target_utilisation: f64,
    /// Idle / reserved-capacity overhead on GPU time (the article: +20%).
    pub idle_overhead: f64,
    /// Quality level of the model: 1 small, 2 mid, 3 frontier. Defaults from the model catalog.
    pub quality: Option<u8>,
    pub people: PeopleCosts,
    /// Efficiency factors for the estimate (bandwidth, compute); `None` = calibrated defaults.
    pub efficiency_bw: Option<f64>,
    pub efficiency_compute: Option<f64>,
    /// Most sequences one replica batches together.
    pub max_batch: u32,
}

impl Default for GpuConfig {
    fn default() -> Self {
        GpuConfig {
            name: "RTX 4090 + Llama 3.1 8B".into(),
            gpu: "rtx-4090".into(),
            model: "llama-3.1-8b".into(),
            precision: Precision::Bf16,
            gpus_per_replica: 1,
            replica_mode: ReplicaMode::AsNeeded,
            replicas: 1,
            reserve_replicas: 0,
            hosting: Hosting::Cloud(CloudPricing::default()),
            throughput: ThroughputSource::Estimated,
            target_utilisation: 0.6,
            idle_overhead: 0.2,
            quality: None,
            people: PeopleCosts::default(),
            efficiency_bw: None,
            efficiency_compute: None,
            max_batch: 64,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct PeopleCosts {
    pub engineer_usd_per_hour: f64,
    pub setup_days: f64,
    pub hours_per_day: f64,
    /// Setup cost is spread over this many months.
    pub setup_amortisation_months: f64,
    pub maintenance_hours_per_month: f64,
    pub upgrades_per_year: f64,
    pub days_per_upgrade: f64,
}

impl Default for PeopleCosts {
    fn default() -> Self {
        // The article: 2-5 days of setup, 2-4 h/month of maintenance, $100-200/h.
        PeopleCosts {
            engineer_usd_per_hour: 150.0,
            setup_days: 3.0,
            hours_per_day: 8.0,
            setup_amortisation_months: 3.0,
            maintenance_hours_per_month: 3.0,
            upgrades_per_year: 1.0,
            days_per_upgrade: 1.0,
        }
    }
}

/// A low/high range for one input, named by its path (see [`crate::params`]).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct InputRange {
    pub path: String,
    pub low: f64,
    pub high: f64,
}

/// Names lose bidirectional overrides and zero-width characters when a document is
/// read (from a client, the database or a backup): they could make a name display as
/// something else ("Invoice \u{202E}gnp.exe").
fn clean_name<'de, D: serde::Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    let s = String::deserialize(d)?;
    Ok(if s.chars().any(crate::validate::is_deceptive_char) {
        s.chars()
            .filter(|c| !crate::validate::is_deceptive_char(*c))
            .collect()
    } else {
        s
    })
}
