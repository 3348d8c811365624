//! The projection's last row explains itself: the calls of the horizon's last month and
//! each column's cumulative cost, as parts that add up to the figure in the table.

use super::Projection;
use crate::explain::Explained;
use crate::model::Model;
use crate::scenario::Scenario;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Totals {
    /// Calls in the horizon's last month.
    pub calls: Option<Explained>,
    /// Per tier: its cumulative cost over the horizon.
    pub tiers: Vec<Explained>,
    /// Per configuration (`None` when it cannot serve): its cumulative cash cost.
    pub configs: Vec<Option<Explained>>,
}

const TIER: &str = "Σ months m = 1…N of Σ task types: calls × (1 + monthly growth)^(m−1) × price per call × (1 + yearly API price change)^⌊(m−1)/12⌋";
const CASH: &str = "Σ months m = 1…N of: the month's running cost for its calls (engineers' time + the replicas that month needs + variable) − the hardware amortisation inside it + hardware bought that month + setup (month 1) + a commitment's cash timing";

/// Fills `p.totals`.
pub(crate) fn explain(p: &mut Projection, s: &Scenario, m: &Model) {
    let n = p.months as usize;
    if n == 0 {
        return;
    }
    let calls_in = |month: usize| -> Vec<f64> {
        s.task_types
            .iter()
            .map(|t| t.calls_per_month * (1.0 + t.monthly_growth).powi(month as i32))
            .collect()
    };
    let with_tasks = |mut x: Explained| {
        for t in &s.task_types {
            x = x
                .task_input(t, "calls in month 1", "calls_per_month", "calls/month")
                .task_input(t, "monthly growth", "monthly_growth", "share per month");
        }
        x
    };
    let last_calls = p.calls.get(n - 1).copied().unwrap_or(0.0);
    p.totals.calls = Some(
        with_tasks(Explained::new(
            last_calls,
            "calls/month",
            "Σ task types: calls × (1 + monthly growth)^(N−1)",
        ))
        .input("months (N)", n as f64, "months"),
    );
    p.totals.tiers = p
        .tiers
        .iter()
        .enumerate()
        .map(|(j, series)| {
            let mut x = with_tasks(Explained::new(
                series.cumulative.get(n - 1).copied().unwrap_or(0.0),
                "USD",
                TIER,
            ));
            let tier = s.api_tiers.get(j).map_or("", |a| a.name.as_str());
            for (i, t) in s.task_types.iter().enumerate() {
                if let Some(c) = m.api.get(j).and_then(|a| a.per_call.get(i)) {
                    x = x.computed(
                        format!("{} on {tier}: price per call", t.name),
                        c.total(),
                        "USD/call",
                    );
                }
            }
            x.input(
                "yearly API price change",
                s.api_price_change_per_year * 100.0,
                "%",
            )
            .input("months (N)", n as f64, "months")
        })
        .collect();
    p.totals.configs = m
        .selfhosted
        .iter()
        .zip(&p.configs)
        .map(|(sh, c)| {
            let c = c.as_ref()?;
            let mut running = 0.0;
            let mut amortised = 0.0;
            for (i, replicas) in c.replicas.iter().enumerate().take(n) {
                running += sh.cost_in_month(&calls_in(i), i as f64 + 1.0 <= sh.commit.term_months);
                amortised += sh.capex_per_replica * replicas;
            }
            let bought: f64 = c.purchases.iter().sum();
            let total = c.cash.cumulative.get(n - 1).copied().unwrap_or(0.0);
            // The commitment's cash timing: its up-front share paid in month 1, where the
            // running cost spreads it over the term; within the horizon, the share of the
            // term not yet run.
            let timing = if sh.commit.replicas > 0.0 && sh.commit.term_months > 0.0 {
                sh.commit.upfront
                    * (1.0 - (n as f64).min(sh.commit.term_months) / sh.commit.term_months)
            } else {
                0.0
            };
            let mut x = Explained::new(total, "USD", CASH)
                .computed("running cost, all N months summed", running, "USD")
                .computed(
                    "hardware amortisation in it (cash counts purchases instead)",
                    -amortised,
                    "USD",
                )
                .computed("hardware bought", bought, "USD")
                .computed("setup, month 1", sh.setup_total, "USD");
            if timing.abs() > 1e-6 * total.abs().max(1.0) {
                x = x.computed(
                    "commitment: up-front share in month 1, the rest monthly",
                    timing,
                    "USD",
                );
            }
            Some(
                x.computed(
                    "replicas in month 1",
                    c.replicas.first().copied().unwrap_or(0.0),
                    "replicas",
                )
                .computed(
                    "replicas in month N",
                    c.replicas.get(n - 1).copied().unwrap_or(0.0),
                    "replicas",
                )
                .input("months (N)", n as f64, "months"),
            )
        })
        .collect();
}
