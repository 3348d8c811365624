//! Self-hosting appraised against the API as a team would use it: each task type on the
//! cheapest tier within its own quality floor (the hybrid search's all-API plan). The
//! baseline tier serves every task type at the highest floor; where the task types' floors
//! differ (support chat on Sonnet, tagging on Haiku), that tier's bill is one the team
//! does not pay, and an advice measured against it can say "self-host" where self-hosting
//! costs more than the API as used. The decision measures against this plan instead.

use super::{monthly_rate, npv};
use crate::explain::Explained;
use crate::projection::{payback, PlanProjection, Projection};
use crate::scenario::Scenario;
use serde::{Deserialize, Serialize};

/// One configuration against the per-task plan.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PlanAppraisal {
    pub config: usize,
    /// NPV of (plan cash − configuration cash) at the hurdle rate, USD.
    pub npv: Explained,
    pub payback_month: Option<u32>,
    /// How the payback month was found (none where there is none).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub payback_explained: Option<Explained>,
}

/// Every configuration the projection carries against the plan, as [`super::appraise`]
/// appraises it against a tier (cash basis; the value left credited when the scenario
/// says so).
pub fn appraise_plan(p: &Projection, s: &Scenario, plan: &PlanProjection) -> Vec<PlanAppraisal> {
    let r = monthly_rate(s.discount_rate_per_year);
    p.configs
        .iter()
        .enumerate()
        .filter_map(|(k, c)| {
            let c = c.as_ref()?;
            let savings: Vec<f64> = plan
                .series
                .monthly
                .iter()
                .zip(&c.cash.monthly)
                .map(|(a, x)| a - x)
                .collect();
            let mut flows = savings.clone();
            if let (Some(last), true) = (flows.last_mut(), s.credit_value_left) {
                *last += c.value_left;
            }
            let config = s
                .gpu_configs
                .get(k)
                .map_or("the configuration", |g| g.name.as_str());
            let value = npv(&flows, r);
            let npv = Explained::new(
                value,
                "USD",
                format!("Σ over months t = 1..{} of (the API as used − {config} cash)ₜ / (1 + r)^(t − 1); the API as used: each task type on the cheapest tier within its own quality floor; r = (1 + hurdle rate)^(1/12) − 1; purchased hardware counts as paid when bought{}", p.months, if s.credit_value_left { ", and its book value left is credited in the last month" } else { "" }),
            )
            .input("hurdle rate", s.discount_rate_per_year, "per year")
            .computed("monthly rate r", r, "per month")
            .computed("savings, month 1", flows.first().copied().unwrap_or(0.0), "USD")
            .computed(format!("savings, month {}", p.months), flows.last().copied().unwrap_or(0.0), "USD")
            .computed("undiscounted sum of the savings", flows.iter().sum::<f64>(), "USD");
            let npv = if s.credit_value_left {
                npv.computed("hardware value left, credited in the last month", c.value_left, "USD")
            } else {
                npv
            };
            let payback_month = payback(savings.iter().copied());
            Some(PlanAppraisal {
                config: k,
                npv,
                payback_month,
                payback_explained: payback_month.map(|m| super::explained::payback(&savings, m, None)),
            })
        })
        .collect()
}
