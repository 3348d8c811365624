//! Hybrid routing: each task type to an API tier or a GPU configuration within its
//! quality floor, for the lowest total; shared replicas serve several task types.
//! Also "self-host first, escalate a share of calls to the API".

use crate::explain::Explained;
use crate::model::Model;
use crate::scenario::Scenario;
use crate::validate::ValidScenario;
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", content = "index", rename_all = "snake_case")]
pub enum OptionRef {
    Tier(usize),
    Config(usize),
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Plan {
    /// Option serving each task type, in task order.
    pub assignment: Vec<OptionRef>,
    pub monthly_cost: f64,
    /// How `monthly_cost` adds up: each task type's calls at its tier's price per call,
    /// each configuration's cost for the task types it serves.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub explained: Option<Explained>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Escalation {
    pub config: usize,
    pub tier: usize,
    pub share: f64,
    pub monthly_cost: f64,
    /// How `monthly_cost` adds up: the configuration's cost for the calls it keeps and
    /// the tier's for the calls sent to it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub explained: Option<Explained>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Hybrid {
    /// Task type names, in the order of every plan's assignment.
    pub tasks: Vec<String>,
    pub best: Option<Plan>,
    pub all_api: Option<Plan>,
    pub all_self: Option<Plan>,
    pub saving_vs_all_api: Option<f64>,
    pub saving_vs_all_self: Option<f64>,
    pub escalation: Option<Escalation>,
    /// True when the best plan was found by exhaustive search (else by local search).
    pub exhaustive: bool,
}

/// Above this many assignments the search turns greedy.
const EXHAUSTIVE_LIMIT: usize = 50_000;

fn plan_cost(m: &Model, assignment: &[OptionRef]) -> f64 {
    let mut total = 0.0;
    let mut per_config: Vec<Option<Vec<f64>>> = vec![None; m.selfhosted.len()];
    for (i, opt) in assignment.iter().enumerate() {
        match *opt {
            OptionRef::Tier(j) => total += m.calls[i] * m.api[j].per_call[i].total(),
            OptionRef::Config(k) => {
                per_config[k].get_or_insert_with(|| vec![0.0; m.calls.len()])[i] = m.calls[i];
            }
        }
    }
    for (k, calls) in per_config.iter().enumerate() {
        if let Some(c) = calls {
            total += m.selfhosted[k].cost_for(c);
        }
    }
    total
}

fn search(m: &Model, allowed: &[Vec<OptionRef>]) -> Option<(Plan, bool)> {
    if allowed.iter().any(|a| a.is_empty()) {
        return None;
    }
    let combos = allowed
        .iter()
        .try_fold(1usize, |acc, a| acc.checked_mul(a.len()))
        .unwrap_or(usize::MAX);
    let mut current: Vec<OptionRef> = allowed.iter().map(|a| a[0]).collect();
    if combos <= EXHAUSTIVE_LIMIT {
        let mut idx = vec![0usize; allowed.len()];
        let mut best = (f64::INFINITY, current.clone());
        loop {
            for (i, a) in allowed.iter().enumerate() {
                current[i] = a[idx[i]];
            }
            let c = plan_cost(m, &current);
            if c < best.0 {
                best = (c, current.clone());
            }
            // odometer increment
            let mut pos = 0;
            loop {
                if pos == idx.len() {
                    return Some((
                        Plan {
                            assignment: best.1,
                            monthly_cost: best.0,
                            explained: None,
                        },
                        true,
                    ));
                }
                idx[pos] += 1;
                if idx[pos] < allowed[pos].len() {
                    break;
                }
                idx[pos] = 0;
                pos += 1;
            }
        }
    }
    // Local search: move one task type at a time while that lowers the total.
    let mut best = plan_cost(m, &current);
    loop {
        let mut improved = false;
        for i in 0..allowed.len() {
            for &o in &allowed[i] {
                let old = current[i];
                current[i] = o;
                let c = plan_cost(m, &current);
                if c < best - 1e-9 {
                    best = c;
                    improved = true;
                } else {
                    current[i] = old;
                }
            }
        }
        if !improved {
            return Some((
                Plan {
                    assignment: current,
                    monthly_cost: best,
                    explained: None,
                },
                false,
            ));
        }
    }
}

pub fn route(v: &ValidScenario, m: &Model) -> Hybrid {
    let s = v.get();
    // The article's 2025 tiers last: a plan keeps the first of options at one cost, so a
    // current tier is named before an old one at its price.
    let tiers_for = |floor: u8| -> Vec<OptionRef> {
        let mut tiers: Vec<OptionRef> = m
            .api
            .iter()
            .enumerate()
            .filter(|(_, a)| a.quality >= floor)
            .map(|(j, _)| OptionRef::Tier(j))
            .collect();
        tiers.sort_by_key(
            |o| matches!(o, OptionRef::Tier(j) if crate::projection::article_tier(s, *j)),
        );
        tiers
    };
    let configs_for = |floor: u8| -> Vec<OptionRef> {
        m.selfhosted
            .iter()
            .enumerate()
            .filter(|(_, c)| c.unusable.is_none() && c.quality >= floor)
            .map(|(k, _)| OptionRef::Config(k))
            .collect()
    };
    let floors: Vec<u8> = s.task_types.iter().map(|t| t.quality_floor).collect();
    let both: Vec<Vec<OptionRef>> = floors
        .iter()
        .map(|f| {
            let mut a = tiers_for(*f);
            a.extend(configs_for(*f));
            a
        })
        .collect();
    let api_only: Vec<Vec<OptionRef>> = floors.iter().map(|f| tiers_for(*f)).collect();
    let self_only: Vec<Vec<OptionRef>> = floors.iter().map(|f| configs_for(*f)).collect();
    let explain = |p: (Plan, bool)| {
        let (mut p, exhaustive) = (p.0, p.1);
        p.explained = Some(explain_plan(s, m, &p));
        (p, exhaustive)
    };
    let best = search(m, &both).map(explain);
    let all_api = search(m, &api_only).map(|p| explain(p).0);
    let all_self = search(m, &self_only).map(|p| explain(p).0);
    let exhaustive = best.as_ref().is_some_and(|b| b.1);
    let best = best.map(|b| b.0);
    let saving = |other: &Option<Plan>| match (&best, other) {
        (Some(b), Some(o)) => Some(o.monthly_cost - b.monthly_cost),
        _ => None,
    };
    let max_floor = floors.iter().copied().max().unwrap_or(1);
    let e = s.escalate_share;
    let mut escalation: Option<Escalation> = None;
    for (k, sh) in m
        .selfhosted
        .iter()
        .enumerate()
        .filter(|(_, c)| c.unusable.is_none())
    {
        let kept: Vec<f64> = m.calls.iter().map(|c| c * (1.0 - e)).collect();
        let sent: Vec<f64> = m.calls.iter().map(|c| c * e).collect();
        for (j, a) in m
            .api
            .iter()
            .enumerate()
            .filter(|(_, a)| a.quality >= max_floor)
        {
            let cost = sh.cost_for(&kept) + a.cost_for(&sent);
            if escalation.as_ref().is_none_or(|x| cost < x.monthly_cost) {
                escalation = Some(Escalation {
                    config: k,
                    tier: j,
                    share: e,
                    monthly_cost: cost,
                    explained: None,
                });
            }
        }
    }
    if let Some(x) = &mut escalation {
        x.explained = Some(explain_escalation(s, m, x));
    }
    Hybrid {
        tasks: s.task_types.iter().map(|t| t.name.clone()).collect(),
        saving_vs_all_api: saving(&all_api),
        saving_vs_all_self: saving(&all_self),
        best,
        all_api,
        all_self,
        escalation,
        exhaustive,
    }
}

/// A plan's monthly cost as its parts: for each task type on a tier, its calls and the
/// tier's price per call; for each configuration serving some, its fixed costs, its
/// replicas' cost for those task types' load and its cost per call.
fn explain_plan(s: &Scenario, m: &Model, p: &Plan) -> Explained {
    let mut x = Explained::new(
        p.monthly_cost,
        "USD/month",
        "Σ task types on a tier: calls × the tier's price per call + Σ configurations: engineers' time + replicas' cost for the load of the task types it serves + their calls × variable cost per call",
    );
    for (i, o) in p.assignment.iter().enumerate() {
        let (OptionRef::Tier(j), Some(t)) = (o, s.task_types.get(i)) else {
            continue;
        };
        let tier = s.api_tiers.get(*j).map_or("", |a| a.name.as_str());
        x = x
            .task_input(t, "calls", "calls_per_month", "calls/month")
            .computed(
                format!("{} on {tier}: price per call", t.name),
                m.api[*j].per_call[i].total(),
                "USD/call",
            );
    }
    for (k, sh) in m.selfhosted.iter().enumerate() {
        let calls: Vec<f64> = p
            .assignment
            .iter()
            .zip(&m.calls)
            .map(|(o, c)| if *o == OptionRef::Config(k) { *c } else { 0.0 })
            .collect();
        // A configuration serving a task type of no calls still costs its engineers and a
        // replica (as `plan_cost` charges it): listed whenever it serves one.
        if !p.assignment.contains(&OptionRef::Config(k)) {
            continue;
        }
        x = explain_config(x, s, sh, k, &calls, "");
    }
    x
}

/// A configuration's parts of a plan's cost for `calls` (each task type's calls a
/// month): they add up to `SelfModel::cost_for(calls)`.
fn explain_config(
    mut x: Explained,
    s: &Scenario,
    sh: &crate::model::SelfModel,
    k: usize,
    calls: &[f64],
    what: &str,
) -> Explained {
    let name = s.gpu_configs.get(k).map_or("", |g| g.name.as_str());
    let served: Vec<&str> = calls
        .iter()
        .zip(&s.task_types)
        .filter(|(c, _)| **c > 0.0)
        .map(|(_, t)| t.name.as_str())
        .collect();
    for (i, c) in calls.iter().enumerate() {
        if *c > 0.0 && what.is_empty() {
            if let Some(t) = s.task_types.get(i) {
                x = x.task_input(
                    t,
                    &format!("calls on {name}"),
                    "calls_per_month",
                    "calls/month",
                );
            }
        }
    }
    let replicas = sh.needed_for(calls) + sh.reserves;
    let variable: f64 = calls
        .iter()
        .zip(&sh.tasks)
        .map(|(c, t)| c * t.var_per_call)
        .sum();
    x = x
        .computed(
            format!("{name}: engineers' time (maintenance, upgrades)"),
            sh.fixed_total,
            "USD/month",
        )
        .computed(
            format!(
                "{name}: replicas for {}{what} (reserves included)",
                served.join(", ")
            ),
            replicas,
            "replicas",
        )
        .computed(
            format!("{name}: those replicas' cost"),
            sh.replicas_cost(replicas, true),
            "USD/month",
        );
    if variable > 0.0 {
        x = x.computed(
            format!("{name}: variable cost of the calls"),
            variable,
            "USD/month",
        );
    }
    x
}

/// "Self-host first, escalate a share": the configuration's cost for the calls it keeps
/// plus the tier's for the share sent to it.
fn explain_escalation(s: &Scenario, m: &Model, e: &Escalation) -> Explained {
    let kept: Vec<f64> = m.calls.iter().map(|c| c * (1.0 - e.share)).collect();
    let sent: Vec<f64> = m.calls.iter().map(|c| c * e.share).collect();
    let tier = s.api_tiers.get(e.tier).map_or("", |a| a.name.as_str());
    let mut x = Explained::new(
        e.monthly_cost,
        "USD/month",
        "configuration's cost (engineers' time + replicas + variable) for the calls it keeps (1 − share) + the share's calls × the tier's price per call",
    )
    .input("share escalated to the API", e.share * 100.0, "%");
    for (i, t) in s.task_types.iter().enumerate() {
        x = x.task_input(t, "calls", "calls_per_month", "calls/month");
        x = x.computed(
            format!("{} on {tier}: price per call", t.name),
            m.api[e.tier].per_call[i].total(),
            "USD/call",
        );
    }
    x = x.computed(
        format!("{tier}: cost of the escalated calls"),
        m.api[e.tier].cost_for(&sent),
        "USD/month",
    );
    explain_config(
        x,
        s,
        &m.selfhosted[e.config],
        e.config,
        &kept,
        " (what it keeps)",
    )
}
