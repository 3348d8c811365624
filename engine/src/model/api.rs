//! An API tier as numbers: a price per call for each task type, so its monthly cost is
//! linear in the volume.

use crate::scenario::{ApiTier, Scenario};

/// USD per call of one task type on one API tier.
#[derive(Clone, Copy, Debug, Default)]
pub struct CallPrice {
    pub input: f64,
    pub output: f64,
}

impl CallPrice {
    pub fn total(&self) -> f64 {
        self.input + self.output
    }
}

/// An API tier as per-call prices for each task type.
#[derive(Clone, Debug)]
pub struct ApiModel {
    pub quality: u8,
    /// Per task type.
    pub per_call: Vec<CallPrice>,
    /// USD per month at scale = 1.
    pub slope: f64,
}

impl ApiModel {
    pub fn cost_at(&self, scale: f64) -> f64 {
        self.slope * scale
    }
    pub fn cost_for(&self, calls: &[f64]) -> f64 {
        calls
            .iter()
            .zip(&self.per_call)
            .map(|(c, p)| c * p.total())
            .sum()
    }
}

/// Prices one tier for every task type of the scenario; `calls` holds each task type's
/// calls per month.
pub(super) fn build_api(s: &Scenario, tier: &ApiTier, calls: &[f64]) -> ApiModel {
    let mut per_call = Vec::with_capacity(calls.len());
    for t in &s.task_types {
        let long = tier
            .long_context_threshold
            .is_some_and(|th| t.input_tokens > th);
        let (mi, mo) = if long {
            (
                tier.long_context_input_multiplier,
                tier.long_context_output_multiplier,
            )
        } else {
            (1.0, 1.0)
        };
        let plain = 1.0 - t.cached_input_share - t.cache_write_share;
        // 5-minute writes at the tier's cache-write price, 1-hour ones at a multiple of
        // its input price.
        let h = t.cache_write_1h_share;
        let write_price = (1.0 - h) * tier.cache_write_per_mtok
            + h * crate::scenario::CACHE_WRITE_1H_INPUT_MULTIPLE * tier.input_per_mtok;
        let input = t.input_tokens
            * (plain * tier.input_per_mtok
                + t.cached_input_share * tier.cache_read_per_mtok
                + t.cache_write_share * write_price)
            * mi
            / 1e6;
        let output = t.output_tokens * tier.output_per_mtok * mo / 1e6;
        // Batch-eligible calls get the batch discount on all their tokens.
        let factor = 1.0 - t.batch_share * tier.batch_discount;
        per_call.push(CallPrice {
            input: input * factor,
            output: output * factor,
        });
    }
    let slope = calls
        .iter()
        .zip(&per_call)
        .map(|(c, p)| c * p.total())
        .sum();
    ApiModel {
        quality: tier.quality,
        per_call,
        slope,
    }
}
