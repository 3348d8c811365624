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

use crate::explain::Explained;
use crate::projection::Projection;
use serde::{Deserialize, Serialize};

/// NPV, IRR and paybacks of one configuration against one tier.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Appraisal {
    pub tier: usize,
    pub config: usize,
    /// Net present value of the savings, USD.
    pub npv: Explained,
    /// The same flows, undiscounted, USD.
    pub undiscounted: f64,
    /// The yearly rate at which the NPV is 0 ...
    pub irr_per_year: Option<f64>,
    /// ... or why there is none.
    pub irr_missing: Option<String>,
    /// First month whose cumulative savings are at or above 0.
    pub payback_month: Option<u32>,
    /// The same with discounted savings.
    pub discounted_payback_month: Option<u32>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Finance {
    pub rate_per_year: f64,
    pub monthly_rate: f64,
    pub months: u32,
    pub appraisals: Vec<Appraisal>,
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

/// The first month (1-based) whose cumulative flow is at or above 0.
fn payback(flows: impl Iterator<Item = f64>) -> Option<u32> {
    let mut acc = 0.0;
    for (i, f) in flows.enumerate() {
        acc += f;
        if acc >= -1e-9 {
            return Some(i as u32 + 1);
        }
    }
    None
}

/// The monthly internal rate of return of flows that start with an outlay and change
/// sign once (so the rate is unique), or why there is none.
pub fn irr_monthly(flows: &[f64]) -> Result<f64, String> {
    let first = flows.first().copied().unwrap_or(0.0);
    if first >= 0.0 {
        return Err("no up-front outlay: self-hosting costs no more than the API from month 1, so there is nothing to earn back".into());
    }
    let signs: Vec<bool> = flows
        .iter()
        .filter(|f| f.abs() > 1e-9)
        .map(|f| *f > 0.0)
        .collect();
    let changes = signs.windows(2).filter(|w| w[0] != w[1]).count();
    if changes == 0 {
        return Err(
            "the savings never turn positive within the horizon: the outlay is not earned back"
                .into(),
        );
    }
    if changes > 1 {
        return Err(format!(
            "the monthly savings change sign {changes} times, so no single rate makes the NPV 0"
        ));
    }
    // One change from negative to positive: NPV falls as the rate rises.
    let (mut lo, mut hi) = (-0.999_999, 1.0);
    while npv(flows, hi) > 0.0 {
        hi *= 2.0;
        if hi > 1e6 {
            return Err("the return is too high to state (over a million percent a month)".into());
        }
    }
    if npv(flows, lo) < 0.0 {
        return Err("the savings never earn back the outlay, at any rate".into());
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
pub fn appraise(
    p: &Projection,
    rate_per_year: f64,
    tier_names: &[String],
    config_names: &[String],
    skip: &[(usize, usize)],
) -> Finance {
    let r = monthly_rate(rate_per_year);
    let mut appraisals = Vec::new();
    for (k, c) in p.configs.iter().enumerate() {
        let Some(c) = c else { continue };
        for (j, t) in p.tiers.iter().enumerate() {
            if skip.contains(&(j, k)) {
                continue;
            }
            let flows: Vec<f64> = t
                .monthly
                .iter()
                .zip(&c.cash.monthly)
                .map(|(a, s)| a - s)
                .collect();
            let value = npv(&flows, r);
            let undiscounted: f64 = flows.iter().sum();
            let tier = tier_names.get(j).map(String::as_str).unwrap_or("the tier");
            let config = config_names
                .get(k)
                .map(String::as_str)
                .unwrap_or("the configuration");
            let npv = Explained::new(
                value,
                "USD",
                format!("Σ over months t = 1..{} of ({tier} cash − {config} cash)ₜ / (1 + r)^(t − 1); r = (1 + hurdle rate)^(1/12) − 1; month 1 is not discounted", p.months),
            )
            .input("hurdle rate", rate_per_year, "per year")
            .computed("monthly rate r", r, "per month")
            .computed("savings, month 1", flows.first().copied().unwrap_or(0.0), "USD")
            .computed(format!("savings, month {}", p.months), flows.last().copied().unwrap_or(0.0), "USD")
            .computed("undiscounted sum of the savings", undiscounted, "USD");
            let mut d = 1.0;
            let discounted: Vec<f64> = flows
                .iter()
                .map(|f| {
                    let x = f * d;
                    d /= 1.0 + r;
                    x
                })
                .collect();
            let irr = irr_monthly(&flows).map(|m| (1.0 + m).powi(12) - 1.0);
            appraisals.push(Appraisal {
                tier: j,
                config: k,
                npv,
                undiscounted,
                irr_per_year: irr.as_ref().ok().copied(),
                irr_missing: irr.err(),
                payback_month: payback(flows.iter().copied()),
                discounted_payback_month: payback(discounted.into_iter()),
            });
        }
    }
    Finance {
        rate_per_year,
        monthly_rate: r,
        months: p.months,
        appraisals,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hand_computed() {
        // 10% a year is 0.7974% a month: 1.1^(1/12) = 1.0079741404...
        assert!((monthly_rate(0.10) - 0.007_974_140_428_903_741).abs() < 1e-15);
        // -1000 now, +600 in each of the next two months at 1% a month:
        // -1000 + 600/1.01 + 600/1.0201 = -1000 + 594.0594 + 588.1776 = 182.2370.
        let v = npv(&[-1000.0, 600.0, 600.0], 0.01);
        assert!((v - 182.237_035_584_746_6).abs() < 1e-9, "{v}");
        // IRR: -1000 + 600x + 600x² = 0, x = 1/(1+r): x = (-600 + √(360000 + 2400000)) / 1200
        // = 0.8844, r = 13.0662% a month.
        let r = irr_monthly(&[-1000.0, 600.0, 600.0]).unwrap_or(f64::NAN);
        let x = (-600.0 + (360_000.0f64 + 2_400_000.0).sqrt()) / 1200.0;
        assert!((r - (1.0 / x - 1.0)).abs() < 1e-12, "{r}");
        assert!(irr_monthly(&[100.0, 50.0]).is_err());
        assert!(irr_monthly(&[-100.0, -50.0]).is_err());
        assert!(matches!(irr_monthly(&[-100.0, 300.0, -250.0]), Err(w) if w.contains("2 times")));
        // Cumulative: -1000, -400, +200: paid back in month 3.
        assert_eq!(payback([-1000.0, 600.0, 600.0].into_iter()), Some(3));
        assert_eq!(payback([-1000.0, 400.0, 400.0].into_iter()), None);
    }
}
