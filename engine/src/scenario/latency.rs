//! The latency a task type needs and the measured runs a sweep keeps: document data,
//! used by [`crate::latency`].

use serde::{Deserialize, Serialize};

/// p95 targets of one task type; `None` = no target.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Targets {
    pub ttft_ms: Option<f64>,
    pub tpot_ms: Option<f64>,
}

impl Targets {
    pub fn is_none(&self) -> bool {
        self.ttft_ms.is_none() && self.tpot_ms.is_none()
    }
}

/// One run of a sweep: the load and the latencies measured at it.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct SweepPoint {
    pub label: String,
    pub model: Option<String>,
    /// Requests in flight (mean), when the file says or Little's law gives it.
    pub in_flight: Option<f64>,
    pub output_tokens_per_s: f64,
    pub ttft_ms: f64,
    pub tpot_ms: f64,
    /// Which statistic the latencies are: "p99" (held against the p95 targets, so on the
    /// safe side), "mean" or "median".
    pub stat: String,
}
