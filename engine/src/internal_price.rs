//! An internal price for each self-hosted option: what a million input and a million
//! output tokens cost at the planned volume and utilisation, so the platform team can
//! charge it back through the gateway and observability tools it already runs.
//!
//! The monthly cost (steady state at the scenario's volume: replicas with their idle
//! share, power, hardware, people) is split between input and output tokens, then
//! divided by each kind's tokens a month. The split, in order of preference:
//! 1. by replica time: the roofline estimate's prefill seconds against the whole request
//!    (input tokens are prefilled in parallel, output tokens decoded one step at a time);
//! 2. without an estimate (no GPU or model in the catalog): in the ratio of the baseline
//!    API tier's list prices for the same tokens;
//! 3. with no tier either: by token counts.
//!
//! By construction, input price × input Mtok + output price × output Mtok = the monthly
//! cost.

use crate::explain::Explained;
use crate::internals::Model;
use crate::{Evaluation, ValidScenario};
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct InternalPrice {
    pub config: usize,
    pub input_per_mtok: Explained,
    pub output_per_mtok: Explained,
    /// The share of the monthly cost charged to input tokens, and why.
    pub input_share: f64,
    pub basis: String,
    pub monthly_cost: f64,
}

/// The internal price of every configuration that can serve the workload.
pub fn internal_prices(v: &ValidScenario, e: &Evaluation) -> Vec<InternalPrice> {
    internal_prices_of(v.get(), &Model::build(v), e)
}

/// As [`internal_prices`], with the model the evaluation was built from.
pub(crate) fn internal_prices_of(
    s: &crate::scenario::Scenario,
    m: &Model,
    e: &Evaluation,
) -> Vec<InternalPrice> {
    let calls = &m.calls;
    let t_in: f64 = s
        .task_types
        .iter()
        .zip(calls)
        .map(|(t, c)| c * t.input_tokens)
        .sum();
    let t_out: f64 = s
        .task_types
        .iter()
        .zip(calls)
        .map(|(t, c)| c * t.output_tokens)
        .sum();
    let baseline = e.projection.baseline_tier;
    let mut out = Vec::new();
    for (k, (r, sm)) in e.selfhosted.iter().zip(&m.selfhosted).enumerate() {
        let Some(monthly) = r.monthly.as_ref().filter(|_| r.unusable.is_none()) else {
            continue;
        };
        let cost = monthly.value;
        let estimates: Option<Vec<_>> = sm.tasks.iter().map(|t| t.estimate).collect();
        let (share, basis) = match (estimates, baseline) {
            (Some(est), _) if !est.is_empty() => {
                let prefill: f64 = est.iter().zip(calls).map(|(x, c)| c * x.prefill_s).sum();
                let whole: f64 = est
                    .iter()
                    .zip(calls)
                    .map(|(x, c)| c * x.seconds_per_request)
                    .sum();
                let estimated = matches!(
                    s.gpu_configs[k].throughput,
                    crate::scenario::ThroughputSource::Estimated
                );
                let basis = if estimated {
                    "split by replica time: the estimate's prefill seconds (input) against decode (output)".to_string()
                } else {
                    "split by the roofline estimate's prefill seconds (input) against decode (output); the cost itself uses the configuration's typed or measured throughput".to_string()
                };
                (ratio(prefill, whole), basis)
            }
            (_, Some(b)) => {
                let tier = &s.api_tiers[b];
                (
                    tier_split(t_in, t_out, tier.input_per_mtok, tier.output_per_mtok),
                    format!("split in the ratio of {}'s list prices (no estimate of prefill and decode time for this GPU and model)", tier.name),
                )
            }
            _ => (
                ratio(t_in, t_in + t_out),
                "split by token counts (no estimate, no API tier)".to_string(),
            ),
        };
        let per = |part: f64, tokens: f64, what: &str| {
            let value = if tokens > 0.0 {
                cost * part / (tokens / 1e6)
            } else {
                0.0
            };
            Explained::new(
                value,
                "USD / Mtok",
                format!("monthly cost × {what} share ÷ {what} tokens a month (millions)"),
            )
            .computed("monthly cost at the planned volume", cost, "USD")
            .computed(format!("{what} share of the cost"), part, "share")
            .computed(format!("{what} tokens a month"), tokens, "tokens")
        };
        out.push(InternalPrice {
            config: k,
            input_per_mtok: per(share, t_in, "input"),
            output_per_mtok: per(1.0 - share, t_out, "output"),
            input_share: share,
            basis,
            monthly_cost: cost,
        });
    }
    out
}

/// The input share of a cost split in the ratio of list prices for the same tokens.
fn tier_split(t_in: f64, t_out: f64, input_price: f64, output_price: f64) -> f64 {
    let (i, o) = (t_in * input_price, t_out * output_price);
    ratio(i, i + o)
}

fn ratio(part: f64, whole: f64) -> f64 {
    if whole > 0.0 && part.is_finite() {
        (part / whole).clamp(0.0, 1.0)
    } else {
        0.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_prices_charge_back_exactly_the_monthly_cost() {
        for s in [
            crate::templates::haiku_vs_4090(),
            crate::templates::sonnet_vs_2xa100(),
        ] {
            let v = crate::validate(s).expect("valid");
            let e = crate::evaluate(&v, crate::Options::default());
            let p = internal_prices(&v, &e);
            assert!(!p.is_empty());
            // The evaluation carries the same prices (the pages show those).
            assert_eq!(e.internal_prices, p);
            for x in &p {
                let charged = x.input_per_mtok.value * e.volume.input_tokens_per_month / 1e6
                    + x.output_per_mtok.value * e.volume.output_tokens_per_month / 1e6;
                assert!(
                    (charged - x.monthly_cost).abs() < 1e-6 * x.monthly_cost,
                    "{charged} vs {}",
                    x.monthly_cost
                );
                // Decode is the slow part: an output token costs more than an input token.
                assert!(x.output_per_mtok.value > x.input_per_mtok.value, "{x:?}");
                assert!(x.input_share > 0.0 && x.input_share < 1.0);
            }
        }
    }

    #[test]
    fn without_an_estimate_the_tier_prices_split_the_cost() {
        // The article's workload priced at Haiku 3.5 (800 in x $0.8, 400 out x $4 per
        // Mtok): input is 640 / (640 + 1,600) of the cost.
        let share = tier_split(500_000.0 * 800.0, 500_000.0 * 400.0, 0.8, 4.0);
        assert!((share - 640.0 / 2240.0).abs() < 1e-12, "{share}");
        assert_eq!(tier_split(0.0, 0.0, 1.0, 1.0), 0.0);
        assert_eq!(ratio(f64::NAN, 1.0), 0.0);
    }
}
