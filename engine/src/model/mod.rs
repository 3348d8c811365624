//! The cost model reduced to numbers: each option's monthly cost as a function of the
//! workload. The workload volume is a multiplier `scale` of the scenario's task mix
//! (scale = 1 is the scenario as entered), which keeps API cost linear in `scale` and
//! the self-hosted cost a step function of `scale` that can be solved exactly.
//!
//! [`ApiModel`] (in `api.rs`) and [`SelfModel`] (in `selfhosted.rs`, built by
//! `build_self.rs`) are the two kinds of option; [`Breakdown`] splits their costs.

use crate::scenario::Scenario;
use crate::validate::ValidScenario;

mod api;
mod breakdown;
mod build_self;
mod selfhosted;
mod serving;
mod throughput_source;

pub use api::ApiModel;
#[cfg(test)]
pub use api::CallPrice;
pub use breakdown::Breakdown;
pub use selfhosted::{Book, Commit, Later, SelfModel, Serving, TaskLoad};

pub const SECONDS_PER_HOUR: f64 = 3600.0;

/// `f64::ceil` without a libm call (the x86-64 baseline has no rounding instruction and
/// replica counts are computed millions of times in Monte Carlo and curve sampling).
#[inline]
pub fn ceil(x: f64) -> f64 {
    if x.abs() < 4.0e15 {
        let t = x as i64 as f64;
        if t < x {
            t + 1.0
        } else {
            t
        }
    } else {
        x.ceil()
    }
}

pub struct Model {
    pub calls: Vec<f64>,
    pub api: Vec<ApiModel>,
    pub selfhosted: Vec<SelfModel>,
}

impl Model {
    pub fn build(v: &ValidScenario) -> Model {
        Self::build_from(v.get())
    }

    /// Only for scenarios derived from a valid one by [`crate::params::Param::set`].
    pub(crate) fn build_from(s: &Scenario) -> Model {
        let calls: Vec<f64> = s.task_types.iter().map(|t| t.calls_per_month).collect();
        let api = s
            .api_tiers
            .iter()
            .map(|tier| api::build_api(s, tier, &calls))
            .collect();
        let selfhosted = s
            .gpu_configs
            .iter()
            .map(|g| build_self::build_self(s, g, &calls))
            .collect();
        Model {
            calls,
            api,
            selfhosted,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::ceil;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn fast_ceil_equals_std(x in proptest::num::f64::NORMAL | proptest::num::f64::ZERO | proptest::num::f64::SUBNORMAL) {
            prop_assert_eq!(ceil(x), x.ceil());
        }
        #[test]
        fn fast_ceil_on_integers_and_near_them(n in -1_000_000i64..1_000_000, eps in -1e-9..1e-9f64) {
            let x = n as f64 + eps;
            prop_assert_eq!(ceil(x), x.ceil());
        }
    }
}
