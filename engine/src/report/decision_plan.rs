//! The advice measured against the API as used: each task type on the cheapest tier
//! within its own quality floor ([`crate::finance::plan`]), where that costs less than the
//! baseline tier (every task type on the tier that meets the highest floor). A team that
//! runs its tagging on Haiku and its chat on Sonnet pays the first, not the second: an
//! advice to self-host measured against Sonnet for both can recommend what loses money.

use super::{code_of, money_in, percent, Summary};
use crate::hybrid::OptionRef;
use crate::{Evaluation, Scenario};

/// The summary against the plan, or `None` where the projection has none (the baseline
/// tier is the API as used) or no configuration compared with the baseline tier carries
/// today's peak.
pub(super) fn against_plan(s: &Scenario, e: &Evaluation, b: usize, at: &str) -> Option<Summary> {
    let money = |x: f64| money_in(x, code_of(e));
    e.projection.plan.as_ref()?;
    let plan_cost = e.hybrid.all_api.as_ref()?.monthly_cost;
    let today = e.volume.calls_per_month * (1.0 - 1e-9);
    // The configurations the advice weighs against the baseline tier (compared with it,
    // carrying today's peak), each with its appraisal against that tier.
    let (pa, ta, self_cost) = e
        .finance
        .against_plan
        .iter()
        .filter_map(|pa| {
            let ta = e
                .finance
                .appraisals
                .iter()
                .find(|a| a.tier == b && a.config == pa.config)?;
            let c = e.selfhosted.get(pa.config)?;
            let carries = c.capacity_calls.is_none_or(|full| full >= today);
            Some((pa, ta, c.monthly.as_ref().filter(|_| carries)?.value))
        })
        // The best first; of equals, the first listed (as the charts name it).
        .min_by(|x, y| {
            y.0.npv
                .value
                .total_cmp(&x.0.npv.value)
                .then(x.2.total_cmp(&y.2))
        })?;
    let tier = e.api.get(b)?;
    let config = &e.selfhosted.get(pa.config)?.name;
    let routing = e.plan_routing();
    // The routing goes in a sentence of its own: with many task types it would make the
    // first sentence (the slide's large type) run past the screen.
    let used = format!(
        "the API as used ({} a month, each task type on the cheapest tier within its own quality floor)",
        money(plan_cost)
    );
    let saving = plan_cost - self_cost;
    let npv = pa.npv.value;
    let credit = if s.credit_value_left && ta.value_left > 0.0 {
        format!(
            ", counting the hardware's book value left at month {} ({}) as received then",
            s.horizon_months,
            money(ta.value_left)
        )
    } else {
        String::new()
    };
    let versus = if saving >= 0.0 {
        format!("{} a month less than", money(saving))
    } else {
        format!("{} a month more than", money(-saving))
    };
    let head = if npv > 0.0 {
        format!(
            "Self-host {config}: it costs {versus} {used} at today's volume; {at} the savings are worth {} today{credit}{}.",
            money(npv),
            pa.payback_month
                .map(|m| format!(", paid back in month {m}"))
                .unwrap_or_default()
        )
    } else {
        let stay = used.replacen("the API", "Stay on the API", 1);
        format!(
            "{stay}: {at} self-hosting with {config} is worth {} today{credit}; at today's volume it costs {versus} the API as used.",
            money(npv)
        )
    };
    let head = format!("{head} The API as used: {}.", routing.join(", "));
    // What the tables, the chart and the workbook measure, said once, so the two NPVs
    // are never read as one.
    let tier_saving = tier.monthly.value - self_cost;
    let tier_side = format!(
        " Against every task type on {} ({} a month), as the cost tables, the break-even chart and the workbook compare, it {} a month, worth {} {at}.",
        tier.name,
        money(tier.monthly.value),
        if tier_saving >= 0.0 {
            format!("would save {}", money(tier_saving))
        } else {
            format!("would cost {} more", money(-tier_saving))
        },
        money(ta.npv.value),
    );
    let h = s.horizon_months;
    Some(Summary {
        caveats: e.caveats(OptionRef::Config(pa.config)).to_vec(),
        recommendation: head + &tier_side + &super::terms_of(s, e, ta, &money, false),
        headline: [
            ("Monthly saving vs the API as used".into(), money(saving)),
            (
                format!(
                    "NPV at {} over {}",
                    percent(e.finance.rate_per_year),
                    crate::fmt::months(h)
                ),
                money(npv),
            ),
            (
                "Payback".into(),
                pa.payback_month
                    .map_or(format!("none in {}", crate::fmt::months(h)), |m| {
                        format!("month {m}")
                    }),
            ),
        ],
    })
}
