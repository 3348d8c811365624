//! What the advice rests on and its headline does not show: the NPV after tax, the
//! marginal lens, a commitment that ends within the horizon.

use super::percent;
use crate::{fmt_num, Evaluation, Scenario};

/// What the headline figures rest on that they do not show, as sentences after the
/// advice: the NPV after tax, the marginal lens, a commitment that ends within the
/// horizon (the monthly figures hold during its term).
pub(super) fn terms_of(
    s: &Scenario,
    e: &Evaluation,
    a: &crate::finance::Appraisal,
    money: &dyn Fn(f64) -> String,
    tier_advice: bool,
) -> String {
    use crate::scenario::{CostLens, Hosting, TaxSchedule};
    let mut out = String::new();
    let owned = s
        .gpu_configs
        .get(a.config)
        .is_some_and(|g| matches!(g.hosting, Hosting::OnPrem(_)));
    if let (Some(t), Some(x)) = (&s.tax, &a.after_tax) {
        let schedule = match t.schedule {
            _ if !owned => "no hardware bought".to_string(),
            TaxSchedule::StraightLine => format!(
                "hardware deducted in a straight line over {} years",
                fmt_num(t.years)
            ),
            TaxSchedule::DecliningBalance => format!(
                "hardware deducted on a declining balance at 2/{} a year",
                fmt_num(t.years)
            ),
            TaxSchedule::Immediate => "hardware deducted when paid".into(),
        };
        // Against the plan (the advice's NPV), this after-tax NPV is the tier's: said.
        let of = match e.api.get(a.tier) {
            Some(tier) if !tier_advice => {
                format!(" Against every task type on {}, after", tier.name)
            }
            _ => " After".to_string(),
        };
        out += &format!(
            "{of} tax at {} ({schedule}): {}.",
            percent(t.rate),
            money(x.value)
        );
    }
    if s.cost_lens == CostLens::Marginal {
        out += if owned {
            " On the marginal lens: the hardware owned at the start and the setup count as already spent."
        } else {
            " On the marginal lens: the setup counts as already spent."
        };
    }
    out += &growth(s);
    out += &up_front(e, a, money);

    let commitment = s.gpu_configs.get(a.config).and_then(|g| match &g.hosting {
        Hosting::Cloud(c) => c.commitment.as_ref(),
        Hosting::OnPrem(_) => None,
    });
    if let Some(k) = commitment {
        out += &format!(
            " It has {} {} committed for {} at {} off.",
            k.replicas,
            if k.replicas == 1 {
                "replica"
            } else {
                "replicas"
            },
            crate::fmt::months(k.term_months),
            percent(k.discount)
        );
    }
    let term = commitment.map(|k| k.term_months);
    let after = term.filter(|t| *t < s.horizon_months).and_then(|t| {
        let c = e.projection.configs.get(a.config)?.as_ref()?;
        // Cash, the running cost (the accounts spread the setup over its first months).
        Some((t, *c.cash.monthly.get(t as usize)?))
    });
    if let Some((t, cost)) = after {
        out += &format!(
            " The monthly cost holds during the commitment's {}: from month {}, {} a month at that month's volume.",
            crate::fmt::months(t),
            t + 1,
            money(cost)
        );
    }
    out
}

/// " 2x H100 is paid for up front: $153,200 in month 1 ($134,000 of hardware with its
/// installation, and $19,200 of setup)." for an option that buys its hardware: the
/// monthly figures spread it, the cash leaves at once. Hardware bought only later (the
/// volume grows into more replicas) is said with the month it starts.
fn up_front(
    e: &Evaluation,
    a: &crate::finance::Appraisal,
    money: &dyn Fn(f64) -> String,
) -> String {
    let (Some(Some(c)), Some(config)) = (
        e.projection.configs.get(a.config),
        e.selfhosted.get(a.config),
    ) else {
        return String::new();
    };
    let first = c.purchases.first().copied().unwrap_or(0.0);
    let later: f64 = c.purchases.iter().skip(1).sum();
    let name = &config.name;
    if first > 0.0 {
        let setup = config.setup.as_ref().map_or(0.0, |x| x.value);
        format!(
            " {name} is paid for up front: {} in month 1 ({} of hardware with its installation{}){}.",
            money(first + setup),
            money(first),
            if setup > 0.0 {
                format!(", and {} of setup", money(setup))
            } else {
                String::new()
            },
            if later > 0.0 {
                format!("; {} more hardware is bought later, as the volume grows", money(later))
            } else {
                String::new()
            }
        )
    } else if let Some(m) = c.purchases.iter().position(|p| *p > 0.0) {
        format!(
            " {name} buys {} of hardware as the volume grows, from month {}.",
            money(later),
            m + 1
        )
    } else {
        String::new()
    }
}

/// " The NPV counts the calls growing 5% a month: 3.07x month 1's by month 24." when the
/// workload grows (or shrinks); nothing when it does not.
fn growth(s: &Scenario) -> String {
    let rates: Vec<f64> = s.task_types.iter().map(|t| t.monthly_growth).collect();
    if rates.iter().all(|g| *g == 0.0) {
        return String::new();
    }
    let h = s.horizon_months.max(1);
    let calls = |m: u32| -> f64 {
        s.task_types
            .iter()
            .map(|t| t.calls_per_month * (1.0 + t.monthly_growth).powi(m as i32 - 1))
            .sum()
    };
    let (lo, hi) = rates
        .iter()
        .fold((f64::MAX, f64::MIN), |(lo, hi), g| (lo.min(*g), hi.max(*g)));
    // "growing 5%", "shrinking 5%", or "changing -2% to 5%" when they go both ways.
    let rate = if lo == hi && lo > 0.0 {
        format!("growing {}", percent(lo))
    } else if lo == hi {
        format!("shrinking {}", percent(-lo))
    } else if lo >= 0.0 {
        format!("growing {} to {}", percent(lo), percent(hi))
    } else if hi <= 0.0 {
        format!("shrinking {} to {}", percent(-hi), percent(-lo))
    } else {
        format!("changing {} to {}", percent(lo), percent(hi))
    };
    let first = calls(1);
    let factor = if first > 0.0 { calls(h) / first } else { 1.0 };
    // Two decimals are enough for a multiple ("3.07x", "0.31x").
    format!(
        " The NPV counts the calls {rate} a month: {}x month 1's by month {h}.",
        fmt_num((factor * 100.0).round() / 100.0)
    )
}
