//! Time value of money: what finance signs. For every self-hosted configuration against
//! every API tier it is compared with, the monthly cash-flow difference over the
//! projection's horizon (the tier's cash cost minus the configuration's: positive when
//! self-hosting saves) gives
//! - the NPV at the scenario's hurdle rate, next to the undiscounted sum;
//! - the IRR, where the configuration has an up-front outlay (month 1 costs more than the
//!   tier) that later months earn back;
//! - the payback month, undiscounted and discounted.
//!
//! Convention: each month's flow is discounted from the start of that month, so month 1
//! (purchases, setup) is not discounted: NPV = Σₜ flowₜ / (1 + r)^(t−1), t = 1..H, with
//! r the monthly rate equivalent to the yearly hurdle rate, (1 + R)^(1/12) − 1.
//! Purchased hardware is cash when bought; its value left at the end of the horizon (its
//! book value) is credited in the last month only when the scenario asks for it
//! (`credit_value_left`); either way the explanation says so. With a tax view
//! (`tax.rs`) each pair also gets an after-tax NPV.

use crate::explain::Explained;
use crate::projection::Projection;
use crate::scenario::{Choice, Scenario};
use serde::{Deserialize, Serialize};

mod explained;
pub mod plan;
pub mod tax;

/// NPV, IRR and paybacks of one configuration against one tier.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Appraisal {
    pub tier: usize,
    pub config: usize,
    /// Net present value of the savings, USD.
    pub npv: Explained,
    /// The same flows, undiscounted, USD.
    pub undiscounted: f64,
    /// How the undiscounted sum is made.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub undiscounted_explained: Option<Explained>,
    /// The yearly rate at which the NPV is 0 ...
    pub irr_per_year: Option<f64>,
    /// ... or why there is none.
    pub irr_missing: Option<String>,
    /// First month from which the cumulative savings stay at or above 0.
    pub payback_month: Option<u32>,
    /// The same with discounted savings.
    pub discounted_payback_month: Option<u32>,
    /// The hardware value left credited in the last month, USD (0 when not credited).
    #[serde(default)]
    pub value_left: f64,
    /// How the IRR was found (none where there is no IRR: `irr_missing` says why).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub irr_explained: Option<Explained>,
    /// How the payback month was found, and the discounted one (none where there is none).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub payback_explained: Option<Explained>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub discounted_payback_explained: Option<Explained>,
    /// The NPV after tax, when the scenario has a tax view.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub after_tax: Option<Explained>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Finance {
    pub rate_per_year: f64,
    pub monthly_rate: f64,
    pub months: u32,
    pub appraisals: Vec<Appraisal>,
    /// Bought hardware's book value left at the horizon is credited in the last month.
    #[serde(default)]
    pub credit_value_left: bool,
    /// The marginal lens: hardware owned at the start and the setup count as spent.
    #[serde(default)]
    pub marginal: bool,
    /// Every configuration against the API as used ([`plan`]), when that costs less than
    /// the baseline tier.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub against_plan: Vec<plan::PlanAppraisal>,
}

/// The monthly rate equivalent to a yearly one.
pub fn monthly_rate(per_year: f64) -> f64 {
    (1.0 + per_year).powf(1.0 / 12.0) - 1.0
}

/// Net present value of monthly flows at a monthly rate (month 1 undiscounted).
pub fn npv(flows: &[f64], monthly: f64) -> f64 {
    let factor = 1.0 / (1.0 + monthly);
    let mut d = 1.0;
    let mut sum = 0.0;
    for f in flows {
        sum += f * d;
        d *= factor;
    }
    sum
}

pub use crate::projection::payback;

/// Above this yearly IRR (1,000%) every page, export and slide writes [`IRR_OVER`]: a
/// tiny month-1 outlay makes the rate astronomically large (10^24%) and meaningless.
pub const IRR_SHOWN_UP_TO: f64 = 10.0;
/// What an IRR above [`IRR_SHOWN_UP_TO`] reads.
pub const IRR_OVER: &str = "> 1,000%";

/// A yearly IRR as people read it: "12.3%", or [`IRR_OVER`] above 1,000%.
pub fn irr_text(per_year: f64) -> String {
    if per_year > IRR_SHOWN_UP_TO {
        IRR_OVER.into()
    } else {
        format!("{:.1}%", per_year * 100.0 + 0.0)
    }
}

/// Highest monthly rate searched: 1,000 = 100,000% a month.
const MAX_MONTHLY_IRR: f64 = 1_000.0;
/// Lowest monthly rate searched: −90% a month (lower, the discount factors of a
/// 120-month horizon overflow).
const MIN_MONTHLY_IRR: f64 = -0.9;

/// The monthly internal rate of return of flows that start with an outlay and have one
/// rate that makes their NPV 0, or why there is none. One rate is certain when the flows
/// change sign once (Descartes), or when their running total does (Norström): a later
/// purchase month may turn one month negative again without making the rate ambiguous.
pub fn irr_monthly(flows: &[f64]) -> Result<f64, String> {
    if flows.iter().any(|f| !f.is_finite()) {
        return Err("a month's cash flow is not a finite number".into());
    }
    let scale = flows.iter().fold(0.0f64, |m, f| m.max(f.abs()));
    let tol = 1e-9 * scale.max(1.0);
    let significant: Vec<f64> = flows.iter().copied().filter(|f| f.abs() > tol).collect();
    if significant.first().is_none_or(|f| *f > 0.0) {
        return Err("no net outlay: month 1, its one-off setup included, already costs no more than the API, so there is nothing to earn back".into());
    }
    let changes = |xs: &[f64]| {
        xs.windows(2)
            .filter(|w| (w[0] > 0.0) != (w[1] > 0.0))
            .count()
    };
    let running: Vec<f64> = significant
        .iter()
        .scan(0.0, |acc, f| {
            *acc += f;
            Some(*acc)
        })
        .filter(|c| c.abs() > tol)
        .collect();
    let n = changes(&significant);
    if n == 0 {
        return Err("not earned back: the savings never turn positive within the horizon".into());
    }
    // One sign change and a total of 0: the savings earn the outlay back exactly by the
    // last month, so the NPV is 0 at a rate of 0 and only there (Descartes' rule).
    if n == 1 && flows.iter().sum::<f64>().abs() <= tol {
        return Ok(0.0);
    }
    if running.last().is_some_and(|c| *c < 0.0) && changes(&running) == 0 {
        return Err(
            "not earned back: the savings do not cover the outlay within the horizon".into(),
        );
    }
    if n > 1 && changes(&running) != 1 {
        return Err(format!(
            "several rates or none: the monthly savings change sign {n} times, so several rates may make the NPV 0, or none; read the NPV instead"
        ));
    }
    // Several sign changes with a running total that changes sign once (Norström): the
    // one rate is above 0, where the NPV is the total and positive; below 0 another may
    // make the NPV 0 as well (later negative months weigh more the lower the rate).
    let mut lo = if n > 1 { 0.0 } else { MIN_MONTHLY_IRR };
    let mut hi = 1.0;
    // Up to the cap itself: a rate between the last doubling and the cap is still found.
    while npv(flows, hi) > 0.0 {
        if hi >= MAX_MONTHLY_IRR {
            return Err(
                "the return is over 100,000% a month: the outlay is tiny next to the savings"
                    .into(),
            );
        }
        hi = (hi * 2.0).min(MAX_MONTHLY_IRR);
    }
    if npv(flows, lo) <= 0.0 {
        return Err(
            "not earned back: the savings do not cover the outlay within the horizon".into(),
        );
    }
    for _ in 0..200 {
        let mid = (lo + hi) / 2.0;
        if npv(flows, mid) > 0.0 {
            lo = mid;
        } else {
            hi = mid;
        }
        if hi - lo < 1e-15 {
            break;
        }
    }
    Ok((lo + hi) / 2.0)
}

/// Appraises every configuration against every tier except the pairs in `skip`.
pub fn appraise(p: &Projection, s: &Scenario, skip: &[(usize, usize)]) -> Finance {
    let rate_per_year = s.discount_rate_per_year;
    let r = monthly_rate(rate_per_year);
    let mut appraisals = Vec::new();
    for (k, c) in p.configs.iter().enumerate() {
        let Some(c) = c else { continue };
        for (j, t) in p.tiers.iter().enumerate() {
            if skip.contains(&(j, k)) {
                continue;
            }
            let savings: Vec<f64> = t
                .monthly
                .iter()
                .zip(&c.cash.monthly)
                .map(|(a, s)| a - s)
                .collect();
            let value_left = if s.credit_value_left {
                c.value_left
            } else {
                0.0
            };
            let mut flows = savings.clone();
            if let Some(last) = flows.last_mut() {
                *last += value_left;
            }
            let value = npv(&flows, r);
            let undiscounted: f64 = flows.iter().sum();
            let tier = s.api_tiers.get(j).map_or("the tier", |t| t.name.as_str());
            let config = s
                .gpu_configs
                .get(k)
                .map_or("the configuration", |g| g.name.as_str());
            let left = if s.credit_value_left {
                format!(
                    "its book value left at month {} is credited in that month",
                    p.months
                )
            } else {
                format!("its value left at month {} is not credited", p.months)
            };
            let npv_explained = Explained::new(
                value,
                "USD",
                format!("Σ over months t = 1..{} of ({tier} cash − {config} cash)ₜ / (1 + r)^(t − 1); r = (1 + hurdle rate)^(1/12) − 1; month 1 is not discounted; purchased hardware counts as paid when bought, and {left}", p.months),
            )
            .input("hurdle rate", rate_per_year, "per year")
            .computed("monthly rate r", r, "per month")
            .computed("savings, month 1", flows.first().copied().unwrap_or(0.0), "USD")
            .computed(format!("savings, month {}", p.months), flows.last().copied().unwrap_or(0.0), "USD")
            .computed("undiscounted sum of the savings", undiscounted, "USD");
            let npv_explained = if s.credit_value_left {
                npv_explained.computed(
                    "hardware value left, credited in the last month",
                    value_left,
                    "USD",
                )
            } else {
                npv_explained
            };
            // Paybacks count cash only: the value left is not cash until the hardware is
            // sold, and the projection's payback (the headline's) counts it the same way.
            let mut d = 1.0;
            let discounted: Vec<f64> = savings
                .iter()
                .map(|f| {
                    let x = f * d;
                    d /= 1.0 + r;
                    x
                })
                .collect();
            let irr = irr_monthly(&flows)
                .map(|m| (1.0 + m).powi(12) - 1.0)
                .map_err(|why| {
                    // A cash outlay that the book value credited in the same (last) month
                    // covers is no "net outlay" the savings earn back: said as it is.
                    let covered = savings.first().is_some_and(|f| *f < 0.0)
                        && flows.first().is_some_and(|f| *f >= 0.0)
                        && flows.len() == 1;
                    if covered {
                        "the horizon is 1 month: month 1's outlay and the book value credited at the horizon's end fall in the same month, so no rate can be told; read the NPV".to_string()
                    } else {
                        why
                    }
                });
            let after_tax = s.tax.as_ref().map(|x| {
                let credited = s.credit_value_left.then_some(value_left);
                let after = tax::after_tax_flows(&savings, &c.purchases, credited, x);
                let schedule = match x.schedule {
                    crate::scenario::TaxSchedule::StraightLine => {
                        format!("straight line over {} years", crate::explain::fmt_num(x.years))
                    }
                    crate::scenario::TaxSchedule::DecliningBalance => format!(
                        "declining balance at 2 / {} a year",
                        crate::explain::fmt_num(x.years)
                    ),
                    crate::scenario::TaxSchedule::Immediate => x.schedule.label().to_string(),
                };
                Explained::new(
                    npv(&after, r),
                    "USD",
                    format!("Σ over months of the after-tax savings / (1 + r)^(t − 1): each month (saving + hardware bought) × (1 − tax rate) − hardware bought + tax rate × the hardware's tax deduction (schedule you picked: {schedule}); a negative month is assumed to offset other profit; the value left, when credited, is taxed on what it exceeds the basis not yet deducted"),
                )
                .input("tax rate", x.rate, "share")
                .input("tax life", x.years, "years")
                .computed("hardware bought over the horizon", c.purchases.iter().sum(), "USD")
                .computed("undiscounted after-tax savings", after.iter().sum(), "USD")
            });
            let payback_month = payback(savings.iter().copied());
            let discounted_payback_month = payback(discounted.into_iter());
            appraisals.push(Appraisal {
                tier: j,
                config: k,
                npv: npv_explained,
                undiscounted,
                undiscounted_explained: Some(explained::undiscounted(&flows, value_left)),
                irr_per_year: irr.as_ref().ok().copied(),
                irr_explained: irr.as_ref().ok().map(|y| explained::irr(&flows, *y)),
                irr_missing: irr.err(),
                payback_month,
                payback_explained: payback_month.map(|m| explained::payback(&savings, m, None)),
                discounted_payback_month,
                discounted_payback_explained: discounted_payback_month
                    .map(|m| explained::payback(&savings, m, Some(r))),
                value_left,
                after_tax,
            });
        }
    }
    Finance {
        rate_per_year,
        monthly_rate: r,
        months: p.months,
        appraisals,
        credit_value_left: s.credit_value_left,
        marginal: s.cost_lens == crate::scenario::CostLens::Marginal,
        against_plan: Vec::new(),
    }
}

#[cfg(test)]
#[path = "mod_tests.rs"]
mod tests;
