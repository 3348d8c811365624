//! Month-by-month projection: growth per task type, yearly API price change, on-prem
//! as cash (purchases up front) and as accrual (amortised), and the payback month.

use crate::model::Model;
use crate::scenario::Scenario;
use crate::validate::ValidScenario;
use serde::{Deserialize, Serialize};

mod explained;
pub(crate) use explained::explain;
pub use explained::Totals;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Series {
    pub monthly: Vec<f64>,
    pub cumulative: Vec<f64>,
}

impl Series {
    pub(crate) fn from_monthly(monthly: Vec<f64>) -> Series {
        let cumulative = monthly
            .iter()
            .scan(0.0, |acc, m| {
                *acc += m;
                Some(*acc)
            })
            .collect();
        Series {
            monthly,
            cumulative,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ConfigProjection {
    pub accrual: Series,
    pub cash: Series,
    pub replicas: Vec<f64>,
    /// Cash paid for hardware each month (on-prem replicas bought), USD: in `cash`.
    #[serde(default)]
    pub purchases: Vec<f64>,
    /// The book value left in the hardware bought over the horizon at its end, USD.
    #[serde(default)]
    pub value_left: f64,
    /// First month whose cumulative cash cost is at or below the baseline tier's.
    pub payback_month: Option<u32>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Projection {
    pub months: u32,
    pub calls: Vec<f64>,
    /// The API tier self-hosting is measured against (see [`baseline_tier`]).
    pub baseline_tier: Option<usize>,
    pub tiers: Vec<Series>,
    /// `None` for a configuration that cannot serve the workload.
    pub configs: Vec<Option<ConfigProjection>>,
    /// The API as used (each task type on the cheapest tier within its own floor), when
    /// it costs less than the baseline tier: what the decision measures against.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub plan: Option<PlanProjection>,
    /// The horizon's last row, explained: the calls and each column's cumulative cost.
    #[serde(default)]
    pub totals: Totals,
}

/// The cheapest tier at the current volume that meets every task's quality floor,
/// else the cheapest tier. Of tiers that cost the same, a current one before one from
/// the article's 2025 price list (Claude Sonnet 3.5 and Sonnet 4.6 at one price: the
/// recommendation names Sonnet 4.6), else the first.
pub fn baseline_tier(v: &ValidScenario, m: &Model) -> Option<usize> {
    baseline_tier_of(v.get(), m)
}

pub(crate) fn baseline_tier_of(s: &crate::scenario::Scenario, m: &Model) -> Option<usize> {
    let floor = s.quality_floor();
    let dated = |i: usize| article_tier(s, i);
    let cheapest = |ok: &dyn Fn(u8) -> bool| {
        m.api
            .iter()
            .enumerate()
            .filter(|(_, a)| ok(a.quality))
            .min_by(|x, y| {
                x.1.slope
                    .total_cmp(&y.1.slope)
                    .then(dated(x.0).cmp(&dated(y.0)))
            })
            .map(|(i, _)| i)
    };
    cheapest(&|q| q >= floor).or_else(|| cheapest(&|_| true))
}

/// Whether tier `i` of `s` is one of the article's 2025 price list (Claude Sonnet 3.5):
/// of options that cost the same, the current tier is the one named.
pub(crate) fn article_tier(s: &crate::scenario::Scenario, i: usize) -> bool {
    s.api_tiers
        .get(i)
        .and_then(|t| t.catalog_id.as_deref())
        .and_then(crate::catalog::tier)
        .is_some_and(|t| t.article)
}

pub fn project(v: &ValidScenario, m: &Model, baseline: Option<usize>) -> Projection {
    let s = v.get();
    let months = s.horizon_months;
    let calls_at = |month: u32| -> Vec<f64> {
        s.task_types
            .iter()
            .map(|t| t.calls_per_month * (1.0 + t.monthly_growth).powi(month as i32 - 1))
            .collect()
    };
    let all_calls: Vec<Vec<f64>> = (1..=months).map(calls_at).collect();
    let tiers: Vec<Series> = m
        .api
        .iter()
        .map(|a| {
            Series::from_monthly(
                all_calls
                    .iter()
                    .enumerate()
                    .map(|(i, c)| {
                        a.cost_for(c) * (1.0 + s.api_price_change_per_year).powi(i as i32 / 12)
                    })
                    .collect(),
            )
        })
        .collect();
    let configs = m
        .selfhosted
        .iter()
        .map(|sh| {
            if sh.unusable.is_some() {
                return None;
            }
            let mut accrual = Vec::with_capacity(months as usize);
            let mut cash = Vec::with_capacity(months as usize);
            let mut replicas = Vec::with_capacity(months as usize);
            let mut purchases = Vec::with_capacity(months as usize);
            let mut owned = 0.0f64;
            // Replicas bought each month, and the replicas of month 1 (what the marginal
            // lens counts as already owned).
            let mut bought_n = Vec::with_capacity(months as usize);
            let mut first = 0.0f64;
            for (i, c) in all_calls.iter().enumerate() {
                let month = i as f64 + 1.0;
                let n = sh.needed_for(c) + sh.reserves;
                let in_term = month <= sh.commit.term_months;
                let steady = sh.cost_in_month(c, in_term);
                // A commitment accrues evenly over its term; in cash its up-front share is
                // paid in month 1 and the rest monthly.
                let commit_cash = if in_term && sh.commit.replicas > 0.0 {
                    let monthly_share =
                        sh.commit.monthly - sh.commit.upfront / sh.commit.term_months;
                    let upfront = if i == 0 { sh.commit.upfront } else { 0.0 };
                    monthly_share + upfront - sh.commit.monthly
                } else {
                    0.0
                };
                // The share of this month inside the amortisation period: a fractional
                // period (2.5 months) accrues half a month's rate in its last month, so
                // the accruals sum to the setup cost exactly.
                let covered = (sh.setup_months - (month - 1.0)).clamp(0.0, 1.0);
                let setup_accrual = if sh.setup_months > 0.0 {
                    sh.setup_total / sh.setup_months * covered
                } else {
                    0.0
                };
                if i == 0 {
                    first = n;
                }
                // Replicas above month 1's, amortised where the steady cost leaves it out.
                let later_capex = sh.later.extra_capex * (n - first).max(0.0);
                accrual.push(steady + setup_accrual + later_capex);
                let bought = (n - owned).max(0.0);
                owned = owned.max(n);
                let price = if i == 0 {
                    sh.purchase_per_replica
                } else {
                    sh.later.purchase
                };
                let setup_cash = if i == 0 { sh.setup_total } else { 0.0 };
                cash.push(
                    steady - sh.capex_per_replica * n + bought * price + setup_cash + commit_cash,
                );
                replicas.push(n);
                purchases.push(bought * price);
                bought_n.push(bought);
            }
            let value_left = bought_n
                .iter()
                .enumerate()
                .map(|(i, bought)| {
                    let book = if i == 0 { &sh.book } else { &sh.later.book };
                    bought * book.value_after(f64::from(months) - i as f64)
                })
                .sum();
            let accrual = Series::from_monthly(accrual);
            let cash = Series::from_monthly(cash);
            // From when the configuration stays ahead of the baseline tier (as the
            // finance's payback: a later purchase that puts it behind again moves it).
            let payback_month = baseline.and_then(|b| {
                payback(
                    tiers[b]
                        .monthly
                        .iter()
                        .zip(&cash.monthly)
                        .map(|(a, s)| a - s),
                )
            });
            Some(ConfigProjection {
                accrual,
                cash,
                replicas,
                purchases,
                value_left,
                payback_month,
            })
        })
        .collect();
    Projection {
        months,
        calls: all_calls.iter().map(|c| c.iter().sum()).collect(),
        baseline_tier: baseline,
        tiers,
        configs,
        plan: None,
        totals: Totals::default(),
    }
}

/// The first month (1-based) from which the cumulative flow stays at or above 0 to the
/// horizon's end: a purchase that later pulls the running total below 0 again (growth's
/// hardware, under the marginal lens) moves the payback after it.
pub fn payback(flows: impl Iterator<Item = f64>) -> Option<u32> {
    let mut acc = 0.0;
    let mut from = Some(1);
    for (i, f) in flows.enumerate() {
        acc += f;
        if acc < -1e-9 {
            from = None;
        } else if from.is_none() {
            from = Some(i as u32 + 1);
        }
    }
    from
}

/// The per-task API plan month by month: growth per task type and the yearly API price
/// change, as the tiers' own series.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PlanProjection {
    /// The tier serving each task type, in task order.
    pub tiers: Vec<usize>,
    pub series: Series,
}

/// The plan's series, when it costs less than the baseline tier in month 1 (by more than
/// half a percent): else the baseline is the API as used, and there is nothing to add.
/// `tiers` is the tier serving each task type (the hybrid search's all-API plan).
pub fn project_plan(
    s: &Scenario,
    m: &Model,
    p: &Projection,
    tiers: Vec<usize>,
) -> Option<PlanProjection> {
    let b = p.baseline_tier?;
    let monthly: Vec<f64> = (0..p.months as usize)
        .map(|i| {
            let cost: f64 = s
                .task_types
                .iter()
                .zip(&tiers)
                .enumerate()
                .map(|(t, (task, j))| {
                    let calls = task.calls_per_month * (1.0 + task.monthly_growth).powi(i as i32);
                    m.api
                        .get(*j)
                        .and_then(|a| a.per_call.get(t))
                        .map_or(0.0, |c| calls * c.total())
                })
                .sum();
            cost * (1.0 + s.api_price_change_per_year).powi(i as i32 / 12)
        })
        .collect();
    let first_tier = p.tiers.get(b)?.monthly.first().copied()?;
    let first_plan = monthly.first().copied()?;
    (first_plan < first_tier * (1.0 - 0.005)).then(|| PlanProjection {
        tiers,
        series: Series::from_monthly(monthly),
    })
}
