//! Sensitivity (each input over its low/high range, a tornado) and uncertainty
//! (inputs with low/expected/high ranges sampled into P10/P50/P90 cost bands).
//!
//! Both measure the [`Decision`] defined here; the tornado is in `tornado.rs`, the
//! uncertainty band in `band.rs`.

use crate::breakeven;
use crate::model::Model;
use crate::projection::baseline_tier_of;
use crate::validate::ValidScenario;
use serde::{Deserialize, Serialize};

mod band;
mod tornado;

pub use band::{uncertainty, uncertainty_at_volume, Held};
pub use tornado::sensitivity;

/// The decision sensitivity measures: the best self-hosted option at the scenario's
/// volume against the baseline API tier.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Decision {
    /// Calls/month where self-hosting first becomes cheaper than the baseline tier.
    pub break_even_calls: Option<f64>,
    /// Baseline tier cost minus best self-hosted cost, USD/month.
    pub monthly_saving: Option<f64>,
}

pub fn decision(v: &ValidScenario, m: &Model) -> Decision {
    decision_of(v.get(), m)
}

/// The decision of a scenario changed from a valid one (one input moved in its range).
pub(crate) fn decision_at(s: &crate::scenario::Scenario) -> Decision {
    decision_of(s, &Model::build_from(s))
}

/// The pair the decision weighs: the baseline tier and the cheapest self-hosted
/// configuration that meets its quality level (as the break-even table pairs them).
fn pair_of(s: &crate::scenario::Scenario, m: &Model) -> Option<(usize, usize)> {
    let b = baseline_tier_of(s, m)?;
    // As the break-even table: a configuration that meets the floor and is at the
    // baseline tier's level or above.
    let floor = s.quality_floor();
    let level = m.api[b].quality.max(floor);
    let (k, _) = m
        .selfhosted
        .iter()
        .enumerate()
        .filter(|(_, c)| c.unusable.is_none() && c.quality >= level)
        .min_by(|x, y| x.1.cost_at(1.0).total_cmp(&y.1.cost_at(1.0)))?;
    Some((b, k))
}

/// The names of the decision's pair (baseline tier, configuration): what the
/// sensitivity chart's saving is the saving of.
pub fn decision_names(v: &ValidScenario) -> Option<(String, String)> {
    let s = v.get();
    let (b, k) = pair_of(s, &Model::build(v))?;
    Some((s.api_tiers[b].name.clone(), s.gpu_configs[k].name.clone()))
}

fn decision_of(s: &crate::scenario::Scenario, m: &Model) -> Decision {
    let Some((b, k)) = pair_of(s, m) else {
        return Decision {
            break_even_calls: None,
            monthly_saving: None,
        };
    };
    let sh = &m.selfhosted[k];
    Decision {
        break_even_calls: breakeven::first_cheaper(&m.api[b], sh)
            .map(|x| x * s.task_types.iter().map(|t| t.calls_per_month).sum::<f64>()),
        monthly_saving: Some(m.api[b].cost_at(1.0) - sh.cost_at(1.0)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The decision measured is one the break-even table makes: an 8B configuration is
    /// not weighed against a frontier tier.
    #[test]
    fn the_decision_respects_quality_levels() {
        let mut s = crate::templates::haiku_vs_4090();
        let v = crate::validate(s.clone()).expect("valid");
        let d = decision(&v, &Model::build(&v));
        assert!(
            d.monthly_saving.is_some(),
            "Haiku against the 4090: a decision"
        );
        s.api_tiers = vec![crate::catalog::tier("claude-opus-4.6")
            .expect("opus")
            .to_tier()];
        let v = crate::validate(s).expect("valid");
        let d = decision(&v, &Model::build(&v));
        assert_eq!(
            d.monthly_saving, None,
            "Opus against an 8B model: no decision"
        );
        assert_eq!(d.break_even_calls, None);
    }
}
