//! The decision in words, for the one-pager and the present page's decision slide: the
//! recommendation in one sentence, three headline numbers (monthly saving, NPV at the
//! hurdle rate, payback), and the inputs that would flip which option is cheaper at
//! today's volume, each with the value where it flips.

use crate::scenario::Scenario;
use crate::{fmt_num, Evaluation, ValidScenario};
use serde::{Deserialize, Serialize};

/// "$1,147.41", "−$90.16": dollars with cents, thousands grouped.
pub fn money(x: f64) -> String {
    money_in(x, "USD")
}

/// The currency of an evaluation: its code, USD when it has none.
pub fn code_of(e: &Evaluation) -> &str {
    e.currency.as_ref().map_or("USD", |c| c.code.as_str())
}

/// `money` in the currency `code`, written as the pages write it ([`fmt_num`]'s digits):
/// whole units from 1,000 on ("€1,147"), cents from 10 up to 1,000 ("CHF 12.50",
/// "$930.16"; "$12" for a whole amount), and below 10 the four decimals `fmt_num` keeps
/// ("$3.1416"; from a tenth of a cent to a cent four, "$0.0042", "$0.0070"), so the
/// one-pager and the decision
/// slide show the figures the editor shows.
pub fn money_in(x: f64, code: &str) -> String {
    crate::fmt::money_with(x, &crate::scenario::symbol(code))
}

/// The digits an amount is written with, shared by every page and report: [`fmt_num`]'s,
/// with cents in two digits ("419.60"); and whether it takes a minus (not when it is
/// written as zero). `None` for a value that is not a number.
/// [`money_digits`] for a cost per unit (per 1K tokens): four decimals from a tenth of a
/// cent to 10, so a column of them lines up ("0.0210" beside "0.0336"); elsewhere as
/// money (a per-token price keeps its digits: "0.000624").
pub fn unit_cost_digits(x: f64) -> Option<(bool, String)> {
    let a = x.abs();
    if !(0.001..10.0).contains(&a) {
        return money_digits(x);
    }
    let n = format!("{a:.4}");
    Some((x < 0.0 && n != "0.0000", n))
}

pub use crate::fmt::money_digits;

pub use crate::fmt::percent;

/// What the page says, worked out from the evaluation before anything is drawn.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Summary {
    pub recommendation: String,
    /// The caveats of the self-hosted figure the recommendation stands on (its
    /// configuration's warnings), whether it advises to self-host or to stay.
    #[serde(default)]
    pub caveats: Vec<String>,
    /// (label, value) ×3.
    pub headline: [(String, String); 3],
}

/// The recommendation and the headline numbers: the baseline tier (the one the
/// projection measures against) and, of the configurations the engine compared with it,
/// the one of highest NPV at the hurdle rate. The sentence follows the NPV.
pub fn summarise(s: &Scenario, e: &Evaluation) -> Summary {
    let money = |x: f64| money_in(x, code_of(e));
    let (h, rate) = (s.horizon_months, e.finance.rate_per_year);
    let hurdle = percent(rate);
    let at = format!(
        "over {} at {} {hurdle} hurdle rate",
        crate::fmt::months(h),
        crate::fmt::article_for(&hurdle)
    );
    let Some(b) = e.projection.baseline_tier else {
        let none = || (String::new(), String::new());
        return Summary {
            caveats: Vec::new(),
            recommendation: "No API tier to compare with: add one to see what self-hosting saves."
                .into(),
            headline: [none(), none(), none()],
        };
    };
    if let Some(summary) = plan::against_plan(s, e, b, &at) {
        return summary;
    }
    let tier = &e.api[b];
    let best = best_against(e, b);
    let Some((a, self_cost)) = best else {
        // Why, configuration by configuration: the engine's reason not to compare it with
        // this tier, else what makes it unusable (a latency target below the hardware's
        // floor, a model that does not fit); three at most, then how many more.
        let reasons: Vec<String> = e
            .selfhosted
            .iter()
            .enumerate()
            .filter_map(|(k, c)| {
                let full = c
                    .capacity_calls
                    .filter(|&f| f < e.volume.calls_per_month * (1.0 - 1e-9))
                    .map(|f| {
                        format!(
                            "its fixed replicas are full at {} calls a month, below today's {}",
                            fmt_num(f.round()),
                            fmt_num(e.volume.calls_per_month.round())
                        )
                    });
                let why = e
                    .not_compared
                    .iter()
                    .find(|n| n.tier == b && n.config == k)
                    .map(|n| n.reason.clone())
                    .or(c.unusable.clone())
                    .or(full)?;
                Some(format!("{}: {why}", c.name))
            })
            .collect();
        let more = match reasons.len().saturating_sub(3) {
            0 => String::new(),
            n => format!("; and {n} more"),
        };
        let why = if reasons.is_empty() {
            String::new()
        } else {
            format!(" ({}{more})", reasons[..reasons.len().min(3)].join("; "))
        };
        return Summary {
            caveats: Vec::new(),
            recommendation: format!(
                "Stay on {}: no self-hosted configuration can be compared with it{why}.",
                tier.name
            ),
            headline: [
                ("Monthly cost on the API".into(), money(tier.monthly.value)),
                (
                    format!("NPV at {} over {}", percent(rate), crate::fmt::months(h)),
                    "no option".into(),
                ),
                ("Payback".into(), "no option".into()),
            ],
        };
    };
    let config = &e.selfhosted[a.config].name;
    let saving = tier.monthly.value - self_cost;
    let npv = a.npv.value;
    // Where self-hosting starts to win above today's volume (a crossing already passed,
    // or one beyond a fixed size's capacity, says nothing about growth).
    let be = e
        .break_even
        .iter()
        .find(|p| p.tier == b && p.config == a.config)
        .and_then(|p| {
            p.crossings.iter().find(|x| {
                x.kind == crate::CrossingKind::SelfBecomesCheaper
                    && x.calls_per_month > e.volume.calls_per_month
                    && !x.beyond_capacity
            })
        })
        .map(|x| {
            format!(
                "; self-hosting breaks even at {} calls a month",
                fmt_num(x.calls_per_month.round())
            )
        })
        .unwrap_or_default();
    let today = if saving >= 0.0 {
        format!(
            "it costs {} a month less than {} at today's volume",
            money(saving),
            tier.name
        )
    } else {
        format!(
            "at today's volume it costs {} a month more than {}",
            money(-saving),
            tier.name
        )
    };
    // The yearly rate that makes the NPV zero, beside the NPV it explains (the workbook,
    // the editor and the printout carry it too).
    let irr = a
        .irr_per_year
        .map(|r| {
            // In a sentence "> 1,000%" reads "over 1,000%".
            let text = crate::finance::irr_text(r);
            let text = text
                .strip_prefix("> ")
                .map_or(text.clone(), |t| format!("over {t}"));
            format!(" (an internal rate of return of {text} a year)")
        })
        .unwrap_or_default();
    // A credited value left is in the NPV: said where the NPV is, as it is no saving.
    let credit = if a.value_left > 0.0 {
        format!(
            ", counting the hardware's book value left at month {h} ({}) as received then",
            money(a.value_left)
        )
    } else {
        String::new()
    };
    let terms = terms_of(s, e, a, &money, true);
    let recommendation = if npv > 0.0 {
        format!(
            "Self-host {config}: {today}; {at} the savings are worth {} today{credit}{irr}{}.",
            money(npv),
            a.payback_month
                .map(|m| format!(", paid back in month {m}"))
                .unwrap_or_default()
        )
    } else {
        format!(
            "Stay on {}: {at} self-hosting with {config} is worth {} today{credit}{irr}; {today}{be}.",
            tier.name,
            money(npv)
        )
    } + &terms;
    Summary {
        // The figure's caveats (a run above the hardware's bound, a run of other
        // hardware) go with the advice, not only in the notes: they can bias it either way.
        caveats: e
            .caveats(crate::hybrid::OptionRef::Config(a.config))
            .to_vec(),
        recommendation,
        headline: [
            (format!("Monthly saving vs {}", tier.name), money(saving)),
            (
                format!("NPV at {} over {}", percent(rate), crate::fmt::months(h)),
                money(npv),
            ),
            (
                "Payback".into(),
                a.payback_month
                    .map_or(format!("none in {}", crate::fmt::months(h)), |m| {
                        format!("month {m}")
                    }),
            ),
        ],
    }
}

/// Of the configurations the engine compared with tier `b` (quality and usability are
/// checked there) that can carry today's peak, the one finance would pick: the highest
/// NPV at the hurdle rate (a bought option cheaper by the month can be worth less once its
/// purchase is paid up front), the cheaper at today's volume on a tie. Its appraisal and
/// monthly cost.
fn best_against(e: &Evaluation, b: usize) -> Option<(&crate::finance::Appraisal, f64)> {
    let today = e.volume.calls_per_month * (1.0 - 1e-9);
    e.finance
        .appraisals
        .iter()
        .filter(|a| a.tier == b)
        .filter_map(|a| {
            let c = e.selfhosted.get(a.config)?;
            let carries = c.capacity_calls.is_none_or(|full| full >= today);
            Some((a, c.monthly.as_ref().filter(|_| carries)?.value))
        })
        // The best first; of equals (two configurations of one cost), the first listed,
        // as the charts and the tables name it.
        .min_by(|x, y| {
            y.0.npv
                .value
                .total_cmp(&x.0.npv.value)
                .then(x.1.total_cmp(&y.1))
        })
}

/// The pair the recommendation weighs: (baseline tier, configuration), by index.
pub fn decided_pair(e: &Evaluation) -> Option<(usize, usize)> {
    let b = e.projection.baseline_tier?;
    best_against(e, b).map(|(a, _)| (b, a.config))
}

/// The decision slide of a valid scenario: every input over its range, and for each
/// one under which the cheaper option changes, the value where it does.
pub fn slide(v: &ValidScenario, e: &Evaluation, n: usize) -> DecisionSlide {
    let s = v.get();
    let params = crate::params::Param::all(s);
    let m = crate::model::Model::build(v);
    let saving = crate::sensitivity::decision(v, &m).monthly_saving;
    let rows = crate::sensitivity::sensitivity(v, &params);
    // The sensitivity runs in USD; the slide shows the scenario's currency.
    let k = s.currency.as_ref().map_or(1.0, |c| c.per_usd);
    let mut flips = Vec::new();
    for r in &rows {
        if flips.len() >= n {
            break;
        }
        let Some(base) = saving else {
            continue;
        };
        let (lo, hi) = (r.at_low.monthly_saving, r.at_high.monthly_saving);
        let Some(p) = crate::params::Param::parse(&r.path, s) else {
            continue;
        };
        // The end whose saving has the other sign from today's. An end with no saving (a
        // latency target below every configuration's floor) is no flip itself, but the
        // other end still may be one.
        let other_sign = |x: Option<f64>| x.is_some_and(|x| (x > 0.0) != (base > 0.0));
        let (from, to) = if other_sign(lo) {
            (r.low, r.base)
        } else if other_sign(hi) {
            (r.base, r.high)
        } else {
            continue;
        };
        // The saving with this one input at `x`, on a fresh copy (setting an input
        // back may not restore it bit for bit). No comparable option counts as "stay".
        let at = |x: f64| {
            let mut work = s.clone();
            p.set(&mut work, x);
            crate::sensitivity::decision_at(&work)
                .monthly_saving
                .unwrap_or(0.0)
        };
        let (mut a, mut b) = (from, to);
        let sign_a = at(a) > 0.0;
        let tolerance = (r.high - r.low).abs() * 1e-6;
        for _ in 0..60 {
            if (b - a).abs() <= tolerance {
                break;
            }
            let mid = 0.5 * (a + b);
            if (at(mid) > 0.0) == sign_a {
                a = mid;
            } else {
                b = mid;
            }
        }
        flips.push(Flip {
            path: r.path.clone(),
            label: r.label.clone(),
            value: r.base,
            low: r.low,
            high: r.high,
            saving_at_low: lo.map(|x| x * k),
            saving_at_high: hi.map(|x| x * k),
            flips_at: 0.5 * (a + b),
            flips_at_text: p.value_text(0.5 * (a + b)),
            value_text: p.value_text(r.base),
            range_text: p.range_text(r.low, r.high),
        });
    }
    DecisionSlide {
        summary: summarise(s, e),
        saving: saving.map(|x| x * k),
        flips,
        tried: rows.len(),
        without_targets: without_targets(s, saving, e),
        flips_against: e
            .projection
            .plan
            .as_ref()
            .and(e.projection.baseline_tier)
            .and_then(|b| Some(format!("every task type on {}", e.api.get(b)?.name))),
    }
}

#[path = "decision_plan.rs"]
mod plan;
#[path = "decision_types.rs"]
mod types;
pub use types::{DecisionSlide, Flip};
#[path = "decision_terms.rs"]
mod terms;
use terms::terms_of;
#[path = "decision_targets.rs"]
mod targets;
use targets::without_targets;

#[cfg(test)]
#[path = "decision_tests.rs"]
mod tests;
