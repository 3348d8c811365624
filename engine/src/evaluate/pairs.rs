//! The break-even of one API tier against one GPU configuration, in calls and output
//! tokens a month, with its sentence.

use super::{BreakEvenPoint, PairResult};
use crate::breakeven;
use crate::explain::statements;
use crate::model::Model;
use crate::scenario::Scenario;

fn level(q: u8) -> &'static str {
    match q {
        1 => "1, small",
        2 => "2, mid",
        _ => "3, frontier",
    }
}

/// Why tier `j` and configuration `k` are not compared, if they are not: one of them is
/// below the workload's quality floor, or the configuration is below the tier's level
/// (it may replace a tier of its level or lower, not a better one).
pub(super) fn not_compared(
    s: &Scenario,
    m: &Model,
    j: usize,
    k: usize,
    floor: u8,
) -> Option<String> {
    let tier = &s.api_tiers[j].name;
    let config = &s.gpu_configs[k].name;
    let (tq, cq) = (m.api[j].quality, m.selfhosted[k].quality);
    if tq < floor {
        Some(format!(
            "{tier} (quality {}) is below the workload's quality floor ({})",
            level(tq),
            level(floor)
        ))
    } else if cq < floor {
        Some(format!(
            "{config} (quality {}) is below the workload's quality floor ({})",
            level(cq),
            level(floor)
        ))
    } else if cq < tq {
        Some(format!(
            "{config} (quality {}) is no substitute for {tier} (quality {}): a configuration is compared with tiers of its level or lower",
            level(cq),
            level(tq)
        ))
    } else {
        None
    }
}

pub(super) fn pair_result(
    s: &Scenario,
    p: &breakeven::PairBreakEven,
    base_calls: f64,
    base_out: f64,
) -> PairResult {
    let tier = &s.api_tiers[p.tier].name;
    let config = &s.gpu_configs[p.config].name;
    let crossings: Vec<BreakEvenPoint> = p
        .crossings
        .iter()
        .map(|c| BreakEvenPoint {
            kind: c.kind,
            calls_per_month: c.scale * base_calls,
            output_tokens_per_month: c.scale * base_out,
            api_cost: c.api_cost,
            self_cost: c.self_cost,
            replicas: c.replicas,
            beyond_capacity: c.beyond_capacity,
        })
        .collect();
    // Money in the scenario's currency: "$" unless it has one.
    let (sym, rate) = s.currency.as_ref().map_or(("$".into(), 1.0), |c| {
        (crate::scenario::symbol(&c.code), c.per_usd)
    });
    let statement = statements::break_even(tier, config, p, &crossings, base_calls, (&sym, rate));
    PairResult {
        tier: p.tier,
        config: p.config,
        crossings,
        more: p.more,
        statement,
    }
}
