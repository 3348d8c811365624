//! One call that answers everything the editor shows: costs per option with their
//! breakdown and explanation, break-evens, curves, hybrid routing and the projection.
//!
//! This module only orchestrates: the output types are in `outputs.rs`, per-option
//! results in `per_option.rs`, break-even pairs in `pairs.rs`, curves in `curves.rs` and
//! the cheapest-option search in `search.rs`.

use crate::breakeven::{self, SEARCH_LIMIT};
use crate::hybrid::{self, OptionRef};
use crate::model::Model;
use crate::projection;
use crate::scenario::Scenario;
use crate::validate::{validate, ValidScenario, ValidationErrors};

mod caveats;
mod cost_inputs;
mod curves;
mod outputs;
mod pairs;
mod per_option;
mod search;
mod serving;
mod throughput;

pub use outputs::{
    ApiResult, BreakEvenPoint, Cheapest, CurvePoint, CurveSeries, Curves, Evaluation, NotCompared,
    PairResult, SelfResult, ServingLine, Volume,
};

#[derive(Clone, Copy, Debug)]
pub struct Options {
    pub curve_points: usize,
    /// Upper end of the curves in calls/month; `None` picks a range that shows the crossings.
    pub curve_max_calls: Option<f64>,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            curve_points: 256,
            curve_max_calls: None,
        }
    }
}

/// Validates and evaluates a document.
pub fn evaluate_document(s: Scenario, opts: Options) -> Result<Evaluation, ValidationErrors> {
    let v = validate(s)?;
    Ok(evaluate(&v, opts))
}

pub fn evaluate(v: &ValidScenario, opts: Options) -> Evaluation {
    let s = v.get();
    let m = Model::build(v);
    let base_calls = v.total_calls();
    let base_out: f64 = s
        .task_types
        .iter()
        .map(|t| t.calls_per_month * t.output_tokens)
        .sum();
    let base_in: f64 = s
        .task_types
        .iter()
        .map(|t| t.calls_per_month * t.input_tokens)
        .sum();
    let volume = Volume {
        calls_per_month: base_calls,
        input_tokens_per_month: base_in,
        output_tokens_per_month: base_out,
    };
    let api: Vec<ApiResult> = s
        .api_tiers
        .iter()
        .zip(&m.api)
        .map(|(tier, api)| per_option::api_result(s, tier, api, base_out))
        .collect();
    let selfhosted: Vec<SelfResult> = s
        .gpu_configs
        .iter()
        .zip(&m.selfhosted)
        .map(|(g, sh)| per_option::self_result(s, g, sh, base_out))
        .collect();
    let floor = s.quality_floor();
    // An option whose fixed replicas cannot carry the peak is no one's cheapest.
    let cheapest = all_options(&m, floor)
        .filter(|&o| serves(&m, o, 1.0))
        .map(|o| (o, cost_at(&m, o, 1.0)))
        // At one cost, a current tier before one of the article's 2025 list.
        .min_by(|x, y| {
            let dated = |o: OptionRef| {
                matches!(o, OptionRef::Tier(j) if crate::projection::article_tier(s, j))
            };
            x.1.total_cmp(&y.1).then(dated(x.0).cmp(&dated(y.0)))
        })
        .map(|(option, monthly_cost)| Cheapest {
            option,
            name: option_name(s, option),
            monthly_cost,
        });
    let mut break_even = Vec::with_capacity(m.api.len() * m.selfhosted.len());
    let mut not_compared = Vec::new();
    let mut max_first: f64 = 0.0;
    for (j, api) in m.api.iter().enumerate() {
        for (k, sh) in m.selfhosted.iter().enumerate() {
            if let Some(reason) = pairs::not_compared(s, &m, j, k, floor) {
                not_compared.push(NotCompared {
                    tier: j,
                    config: k,
                    reason,
                });
                continue;
            }
            let pair = breakeven::solve(j, k, api, sh);
            if let Some(f) = pair.first_cheaper_scale {
                max_first = max_first.max(f);
            }
            break_even.push(pairs::pair_result(s, &pair, base_calls, base_out));
        }
    }
    let max_scale = match opts.curve_max_calls {
        Some(c) if c.is_finite() && c > 0.0 => (c / base_calls).min(SEARCH_LIMIT),
        _ => (max_first * 1.5).clamp(2.0, SEARCH_LIMIT),
    };
    let curves = curves::curves(
        s,
        &m,
        base_calls,
        base_out / base_calls,
        max_scale,
        opts.curve_points
            .clamp(2, crate::validate::limits::CURVE_POINTS),
    );
    let searched = max_scale.max(100.0);
    let cheapest_overall = search::cheapest_ranges(&m, floor, searched)
        .into_iter()
        .map(|r| {
            r.into_iter()
                .map(|[from, to]| [from * base_calls, to * base_calls])
                .collect()
        })
        .collect();
    let hybrid = hybrid::route(v, &m);
    let baseline = projection::baseline_tier(v, &m);
    let mut projection = projection::project(v, &m, baseline);
    projection::explain(&mut projection, s, &m);
    let plan_tiers = hybrid.all_api.as_ref().and_then(|p| {
        p.assignment
            .iter()
            .map(|o| match o {
                hybrid::OptionRef::Tier(j) => Some(*j),
                hybrid::OptionRef::Config(_) => None,
            })
            .collect::<Option<Vec<usize>>>()
    });
    projection.plan =
        plan_tiers.and_then(|tiers| projection::project_plan(s, &m, &projection, tiers));
    let skip: Vec<(usize, usize)> = not_compared.iter().map(|n| (n.tier, n.config)).collect();
    let mut finance = crate::finance::appraise(&projection, s, &skip);
    if let (Some(plan), Some(b)) = (&projection.plan, baseline) {
        // The configurations compared with the baseline tier (quality, usability), as
        // the NPV table against it lists them.
        let compared: Vec<usize> = finance
            .appraisals
            .iter()
            .filter(|a| a.tier == b)
            .map(|a| a.config)
            .collect();
        finance.against_plan = crate::finance::plan::appraise_plan(&projection, s, plan)
            .into_iter()
            .filter(|a| compared.contains(&a.config))
            .collect();
    }
    let mut e = Evaluation {
        volume,
        api,
        selfhosted,
        cheapest,
        break_even,
        not_compared,
        quality_floor: floor,
        floor_note: floor_note(s),
        cheapest_overall,
        cheapest_searched_to: searched * base_calls,
        curves,
        hybrid,
        projection,
        finance,
        internal_prices: Vec::new(),
        currency: None,
        price_dates: crate::report::price_dates(s),
    };
    e.internal_prices = crate::internal_price::internal_prices_of(s, &m, &e);
    if let Some(c) = &s.currency {
        e.convert(c);
    }
    e
}

/// The options that may serve the whole workload: usable, and at or above its quality floor.
fn all_options(m: &Model, floor: u8) -> impl Iterator<Item = OptionRef> + '_ {
    (0..m.api.len())
        .filter(move |&j| m.api[j].quality >= floor)
        .map(OptionRef::Tier)
        .chain(
            (0..m.selfhosted.len())
                .filter(move |&k| {
                    m.selfhosted[k].unusable.is_none() && m.selfhosted[k].quality >= floor
                })
                .map(OptionRef::Config),
        )
}

/// Whether the option can carry `scale` times the scenario's volume: a configuration of
/// fixed replicas only up to where they are full at peak.
fn serves(m: &Model, o: OptionRef, scale: f64) -> bool {
    match o {
        OptionRef::Tier(_) => true,
        OptionRef::Config(k) => m.selfhosted[k]
            .capacity_limit()
            .is_none_or(|c| scale <= c * (1.0 + 1e-9)),
    }
}

fn cost_at(m: &Model, o: OptionRef, scale: f64) -> f64 {
    match o {
        OptionRef::Tier(j) => m.api[j].cost_at(scale),
        OptionRef::Config(k) => m.selfhosted[k].cost_at(scale),
    }
}

pub fn option_name(s: &Scenario, o: OptionRef) -> String {
    match o {
        OptionRef::Tier(j) => s
            .api_tiers
            .get(j)
            .map_or_else(String::new, |t| t.name.clone()),
        OptionRef::Config(k) => s
            .gpu_configs
            .get(k)
            .map_or_else(String::new, |g| g.name.clone()),
    }
}

/// Below this share of the calls, the task types that set the workload's quality floor
/// are said to set it for all the traffic.
const FLOOR_SHARE: f64 = 0.1;

/// Why the quality floor may hold too much of the workload to too high a level: the task
/// types that set it carry under [`FLOOR_SHARE`] of the calls, beside others of a lower
/// floor.
fn floor_note(s: &crate::scenario::Scenario) -> Option<String> {
    let floor = s.quality_floor();
    let total: f64 = s.task_types.iter().map(|t| t.calls_per_month).sum();
    let (setters, others): (Vec<_>, Vec<_>) =
        s.task_types.iter().partition(|t| t.quality_floor == floor);
    let share = setters.iter().map(|t| t.calls_per_month).sum::<f64>() / total;
    if others.is_empty() || total <= 0.0 || share >= FLOOR_SHARE {
        return None;
    }
    let level = match floor {
        3 => "frontier",
        2 => "mid-size",
        _ => "small",
    };
    let names: Vec<String> = setters
        .iter()
        .map(|t| format!("\u{201c}{}\u{201d}", t.name))
        .collect();
    let pct = share * 100.0;
    let pct = if pct < 0.1 {
        "under 0.1%".to_string()
    } else {
        format!("{pct:.1}%")
    };
    Some(format!(
        "The quality floor {floor} ({level} models) comes from {} alone, {pct} of the calls: every option is held to it for all the traffic. If a smaller model may serve {}, lower {} floor.",
        names.join(" and "),
        if setters.len() == 1 { "that task type" } else { "those task types" },
        if setters.len() == 1 { "its" } else { "their" },
    ))
}
