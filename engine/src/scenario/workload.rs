//! The workload (task types) and the API tiers that could serve it.

use super::clean_name;
use serde::{Deserialize, Serialize};

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
