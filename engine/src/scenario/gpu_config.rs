//! A self-hosted option: GPU and model, precision, replicas, hosting (cloud or on-prem),
//! throughput source and people costs.

use super::clean_name;
use serde::{Deserialize, Serialize};

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
#[serde(default = "CloudPricing::unsourced")]
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
    /// The user typed `hourly_usd`: it stays when the GPU changes. Otherwise the price
    /// follows its source (a catalog or team quote for `quoted_for`).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub typed: bool,
    /// The GPU the quote is for; a price quoted for another GPU than the
    /// configuration's is flagged, never used silently.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub quoted_for: String,
    /// Replicas committed for a term (a 1- or 3-year reservation), paid every hour of the
    /// term whether used or not; load above them runs at `hourly_usd`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub commitment: Option<Commitment>,
}

/// Rented capacity committed for a term: a fixed cash flow (an up-front payment plus
/// monthly payments) for `term_months`, paid even when idle. After the term the
/// committed replicas run on demand: the projection assumes no renewal.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Commitment {
    /// Months the commitment runs: 12 for a 1-year term, 36 for a 3-year one.
    pub term_months: u32,
    /// Replicas committed (each `gpus_per_replica` GPUs), paid every hour of the term.
    pub replicas: u32,
    /// The committed price's discount off the on-demand `hourly_usd` (0.4 = 40% off):
    /// the provider's quote. 0 until typed: no discount is assumed.
    pub discount: f64,
    /// Share of the term's total paid up front in month 1 (0 = all monthly, 1 = all up
    /// front, 0.5 = "partial up front").
    pub upfront_share: f64,
}

impl Default for Commitment {
    fn default() -> Self {
        Commitment {
            term_months: 36,
            replicas: 1,
            discount: 0.0,
            upfront_share: 0.0,
        }
    }
}

impl CloudPricing {
    /// What a document that leaves fields out gets: no price (the field then asks for
    /// one) and no source (a price sent without its quote is the sender's own).
    fn unsourced() -> Self {
        CloudPricing {
            provider: String::new(),
            hourly_usd: 0.0,
            price_source: String::new(),
            price_as_of: String::new(),
            typed: false,
            quoted_for: String::new(),
            commitment: None,
            ..CloudPricing::default()
        }
    }
}

impl OnPremPricing {
    /// What a document that leaves fields out gets: no GPU price (the field then asks
    /// for one), the other defaults as they are.
    fn unsourced() -> Self {
        OnPremPricing {
            gpu_price_usd: 0.0,
            ..OnPremPricing::default()
        }
    }
}

fn named() -> bool {
    true
}

/// The GPU of a new configuration.
pub const DEFAULT_GPU: &str = "rtx-4090";

/// A price quote for one GPU-hour (from the catalog, a team's custom catalog).
#[derive(Clone, Debug, PartialEq)]
pub struct Quote {
    pub provider: String,
    pub kind: PriceKind,
    pub hourly_usd: f64,
    pub source: String,
    pub as_of: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default = "OnPremPricing::unsourced")]
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
    /// Yearly maintenance as a share of the GPUs' and server's price (not the installation).
    pub maintenance_share_per_year: f64,
    /// GPU power at average load, as a share of TDP.
    pub gpu_power_share: f64,
    /// Server base power per replica, watts.
    pub server_base_watts: f64,
    pub usd_per_kwh: f64,
    pub pue: f64,
    /// Facility / hosting per replica per month.
    pub facility_usd_per_month: f64,
    /// The user typed `gpu_price_usd`: it stays when the GPU changes. Otherwise it is
    /// the catalog's (or the custom GPU's) purchase price of `gpu_price_for`.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub gpu_price_typed: bool,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub gpu_price_for: String,
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
            gpu_price_typed: false,
            gpu_price_for: String::new(),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ThroughputSource {
    /// Estimated from the GPU and model specs (see [`crate::throughput`]).
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
        /// Requests in flight in the run: as it states them, else its rate × mean
        /// end-to-end latency (Little's law), else 0 (not known). Shown, not computed with.
        concurrency: f64,
        label: String,
        /// The GPU the run was measured on (a catalog or custom id), when it is not the
        /// configuration's: the measurement is scaled by the estimator's ratio.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        run_gpu: Option<String>,
        /// GPUs per replica in the run, when not the configuration's.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        run_gpus: Option<u32>,
        /// The file's runs of the same model at other loads: a capacity curve that
        /// latency targets pick from. The attached run is its highest throughput.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        sweep: Vec<super::SweepPoint>,
        /// What the run's file says of the run, kept with the attachment so that every
        /// page (the view link, the printout, the one-pager) says how it may not measure
        /// this configuration. `None` for an attachment from before it was kept.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        run_facts: Option<RunFacts>,
    },
}

/// The facts of a benchmark run that say whether it measured a configuration: the model
/// (and whether only the file's name gave it) and the hardware its file names.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct RunFacts {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub model: Option<String>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub model_from_name: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hardware: Option<String>,
    /// Whether the run stated its load (`concurrency` is then as stated) or not (it is
    /// then worked out by Little's law, or 0); `None` for an attachment from before.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub concurrency_stated: Option<bool>,
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
    /// The serving engine reuses cached prompt prefixes (vLLM's and SGLang's automatic
    /// prefix caching): a request prefills only the share of its input the workload
    /// does not repeat, taken as the share the API's cache reads (`cached_input_share`).
    /// Off unless chosen: a document saved before keeps its numbers.
    pub prefix_caching: bool,
    /// The user named the configuration; otherwise the name follows its GPU, count,
    /// model and precision (`GpuConfig::auto_name`). Always written; a document without
    /// it (from before, or a client's) keeps its names as they are.
    #[serde(default = "named")]
    pub name_typed: bool,
}

impl GpuConfig {
    /// Tokens a request of task type `t` prefills on this configuration: its whole
    /// input, or with prefix caching the part the workload does not repeat.
    pub fn prefilled_tokens(&self, t: &super::TaskType) -> f64 {
        if self.prefix_caching {
            t.input_tokens * (1.0 - t.cached_input_share.clamp(0.0, 1.0))
        } else {
            t.input_tokens
        }
    }
}

impl Default for GpuConfig {
    fn default() -> Self {
        GpuConfig {
            name: "RTX 4090 24 GB + Llama 3.1 8B".into(),
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
            prefix_caching: false,
            name_typed: false,
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
