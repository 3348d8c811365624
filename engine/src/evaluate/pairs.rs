//! The break-even of one API tier against one GPU configuration, in calls and output
//! tokens a month, with its sentence.

use super::{BreakEvenPoint, PairResult};
use crate::breakeven;
use crate::explain::statements;
use crate::scenario::Scenario;

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
    let statement = statements::break_even(tier, config, p, &crossings, base_calls);
    PairResult {
        tier: p.tier,
        config: p.config,
        crossings,
        more: p.more,
        statement,
    }
}
