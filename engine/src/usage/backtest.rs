//! "What these days would have cost": every option of a scenario priced over the real
//! load of a usage import, hour by hour. API tiers cost the period's calls at their
//! price per call; a GPU configuration is sized for the busiest real hour (not the typed
//! peak-to-average) and costs that many replicas for the whole period, plus its fixed
//! costs and any cost per call, as the scenario's monthly model does.

use super::summary::DAYS_PER_MONTH;
use super::UsageImport;
use crate::model::Model;
use crate::validate::ValidScenario;
use serde::{Deserialize, Serialize};

const HOUR: i64 = 3_600;
/// Most hours of load kept for one group (about 13 months).
pub const MAX_HOURS: usize = 24 * 400;

/// Calls of one group, hour by hour.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct GroupLoad {
    /// The task type's name this load belongs to (the group's task name).
    pub task: String,
    /// Unix seconds of the first hour (a whole hour).
    pub start: i64,
    pub calls: Vec<f64>,
    /// `false`: the file had only daily (or longer) buckets; each spread evenly over
    /// its hours, so the busiest hour is understated.
    pub hourly: bool,
}

/// Hourly calls per group, where the file counts requests with times that are times
/// (not a batch's processing time). Longer buckets are spread evenly over their hours.
pub fn loads(u: &UsageImport, key: Option<&str>) -> (Vec<GroupLoad>, Option<String>) {
    let per_request = u.records.iter().all(|r| r.start == r.end);
    if per_request && u.records.iter().any(|r| r.batch == Some(true)) {
        return (
            Vec::new(),
            Some("batch output times say when a batch ran: no load to back-test".into()),
        );
    }
    let mut out: Vec<GroupLoad> = Vec::new();
    let mut note = None;
    let first = u
        .records
        .iter()
        .filter(|r| !(per_request && r.start == 0))
        .map(|r| r.start.div_euclid(HOUR))
        .min();
    let Some(first) = first else {
        return (out, None);
    };
    let mut index = std::collections::HashMap::new();
    // A report's empty bucket is no task of its own (as in `summarise_by`).
    let all_empty = u.records.iter().all(super::UsageRecord::is_empty);
    for r in u.records.iter().filter(|r| all_empty || !r.is_empty()) {
        let Some(n) = r.requests else { continue };
        // A request with no time (at 0) has no place on the clock.
        if per_request && r.start == 0 {
            continue;
        }
        let task = super::workload::task_name(&super::summary::group_of(r, key));
        let i = match index.get(&task) {
            Some(&i) => i,
            None => {
                index.insert(task.clone(), out.len());
                out.push(GroupLoad {
                    task,
                    start: first * HOUR,
                    calls: Vec::new(),
                    hourly: true,
                });
                out.len() - 1
            }
        };
        let g = &mut out[i];
        let h0 = (r.start.div_euclid(HOUR) - first) as usize;
        let h1 = ((r.end.max(r.start + 1) - 1).div_euclid(HOUR) - first) as usize;
        if h1 >= MAX_HOURS {
            note = Some(format!(
                "load kept for the first {} days only",
                MAX_HOURS / 24
            ));
            continue;
        }
        if g.calls.len() <= h1 {
            g.calls.resize(h1 + 1, 0.0);
        }
        let span = (h1 - h0 + 1) as f64;
        if span > 1.0 {
            g.hourly = false;
        }
        for c in &mut g.calls[h0..=h1] {
            *c += n / span;
        }
    }
    (out, note)
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OptionCost {
    pub name: String,
    pub self_hosted: bool,
    /// `None`: the option cannot serve this load (and `note` says why).
    pub cost_usd: Option<f64>,
    /// Replicas for the busiest hour (with reserves), and what the scenario's typed
    /// peak-to-average would have sized.
    pub replicas: Option<f64>,
    pub replicas_typed: Option<f64>,
    /// Cumulative cost at the end of each day of the period.
    pub by_day: Vec<f64>,
    pub note: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Backtest {
    pub start: i64,
    pub hours: usize,
    pub calls: f64,
    pub busiest_hour_calls: f64,
    /// Task types with a real load, and those without (priced at nothing here).
    pub matched: Vec<String>,
    pub unmatched: Vec<String>,
    pub options: Vec<OptionCost>,
    pub notes: Vec<String>,
}

/// Every option of `v` over the loads whose task names match its task types.
/// The note of an option whose quality is below a served task type's floor: API tier
/// or self-hosted model alike.
const BELOW_FLOOR: &str = "below the quality floor of a task it would serve";

pub fn backtest(v: &ValidScenario, loads: &[GroupLoad]) -> Option<Backtest> {
    let s = v.get();
    let model = Model::build(v);
    let mut matched = Vec::new();
    let mut unmatched = Vec::new();
    // Per task type: its hourly calls on a common clock, or nothing.
    let start = loads.iter().map(|l| l.start).min()?;
    let end = loads
        .iter()
        .map(|l| l.start + (l.calls.len() as i64) * HOUR)
        .max()?;
    let hours = ((end - start) / HOUR).max(1) as usize;
    // Files far apart in time would make a long, mostly empty clock: refused.
    if hours > MAX_HOURS {
        return None;
    }
    let series: Vec<Option<Vec<f64>>> = s
        .task_types
        .iter()
        .map(|t| {
            let l = loads.iter().find(|l| l.task == t.name);
            match l {
                Some(l) => {
                    matched.push(t.name.clone());
                    let mut v = vec![0.0; hours];
                    let off = ((l.start - start) / HOUR) as usize;
                    for (i, c) in l.calls.iter().enumerate() {
                        if let Some(x) = v.get_mut(off + i) {
                            *x += c;
                        }
                    }
                    Some(v)
                }
                None => {
                    unmatched.push(t.name.clone());
                    None
                }
            }
        })
        .collect();
    if matched.is_empty() {
        return None;
    }
    let totals: Vec<f64> = series
        .iter()
        .map(|x| x.as_ref().map_or(0.0, |v| v.iter().sum()))
        .collect();
    let hourly_total: Vec<f64> = (0..hours)
        .map(|h| series.iter().flatten().map(|v| v[h]).sum())
        .collect();
    // What is billed by the hour (GPU time, its idle overhead, power) is priced over the
    // scenario's hours a month (720 by default); the rest of a month's costs (hardware,
    // facility, people) over a calendar month's hours.
    let month_hours = if s.hours_per_month > 0.0 {
        s.hours_per_month
    } else {
        DAYS_PER_MONTH * 24.0
    };
    let calendar_hours = DAYS_PER_MONTH * 24.0;
    let days = hours.div_ceil(24);
    let cumulative = |per_hour: &dyn Fn(usize) -> f64| -> Vec<f64> {
        let mut acc = 0.0;
        (0..days)
            .map(|d| {
                for h in d * 24..((d + 1) * 24).min(hours) {
                    acc += per_hour(h);
                }
                acc
            })
            .collect()
    };
    let mut options = Vec::new();
    for (j, tier) in s.api_tiers.iter().enumerate() {
        let m = &model.api[j];
        let per_call: Vec<f64> = m.per_call.iter().map(|p| p.total()).collect();
        let below = s
            .task_types
            .iter()
            .zip(&totals)
            .any(|(t, n)| *n > 0.0 && t.quality_floor > m.quality);
        let cost = totals.iter().zip(&per_call).map(|(n, p)| n * p).sum();
        options.push(OptionCost {
            name: tier.name.clone(),
            self_hosted: false,
            cost_usd: Some(cost),
            replicas: None,
            replicas_typed: None,
            by_day: cumulative(&|h| {
                series
                    .iter()
                    .zip(&per_call)
                    .map(|(x, p)| x.as_ref().map_or(0.0, |v| v[h] * p))
                    .sum()
            }),
            note: below.then(|| BELOW_FLOOR.into()),
        });
    }
    for (k, g) in s.gpu_configs.iter().enumerate() {
        let m = &model.selfhosted[k];
        if let Some(why) = &m.unusable {
            options.push(OptionCost {
                name: g.name.clone(),
                self_hosted: true,
                cost_usd: None,
                replicas: None,
                replicas_typed: None,
                by_day: Vec::new(),
                note: Some(why.clone()),
            });
            continue;
        }
        // Replica-seconds each hour over an hour of a replica, at the target utilisation.
        let busiest = (0..hours)
            .map(|h| {
                series
                    .iter()
                    .zip(&m.tasks)
                    .map(|(x, t)| {
                        x.as_ref()
                            .map_or(0.0, |v| v[h] * t.sec_per_request / t.capacity_share)
                    })
                    .sum::<f64>()
                    / HOUR as f64
            })
            .fold(0.0, f64::max);
        let serving = match m.fixed_replicas {
            Some(n) => n,
            None => crate::model::ceil(busiest).max(1.0),
        };
        let replicas = serving + m.reserves;
        let on_replicas = m.replicas_cost(replicas, true);
        let pr = &m.per_replica;
        let hourly_share = if pr.total() > 0.0 {
            (pr.gpu_time + pr.overhead + pr.power) / pr.total()
        } else {
            1.0
        };
        let per_hour_fixed = on_replicas * hourly_share / month_hours
            + (on_replicas * (1.0 - hourly_share) + m.fixed_total) / calendar_hours;
        let var: Vec<f64> = m.tasks.iter().map(|t| t.var_per_call).collect();
        let var_cost: f64 = totals.iter().zip(&var).map(|(n, c)| n * c).sum();
        let over = m.fixed_replicas.is_some_and(|n| busiest > n);
        let below = s
            .task_types
            .iter()
            .zip(&totals)
            .any(|(t, n)| *n > 0.0 && t.quality_floor > m.quality);
        options.push(OptionCost {
            name: g.name.clone(),
            self_hosted: true,
            cost_usd: Some(per_hour_fixed * hours as f64 + var_cost),
            replicas: Some(replicas),
            replicas_typed: Some(m.needed_for(&model.calls) + m.reserves),
            by_day: cumulative(&|h| {
                per_hour_fixed
                    + series
                        .iter()
                        .zip(&var)
                        .map(|(x, c)| x.as_ref().map_or(0.0, |v| v[h] * c))
                        .sum::<f64>()
            }),
            note: {
                let over = over.then(|| {
                    format!(
                        "the busiest hour needs {} replicas; the configuration has a fixed {}",
                        crate::fmt_num(crate::model::ceil(busiest)),
                        crate::fmt_num(m.fixed_replicas.unwrap_or(0.0))
                    )
                });
                let below = below.then_some(BELOW_FLOOR.to_string());
                match (over, below) {
                    (Some(a), Some(b)) => Some(format!("{a}; {b}")),
                    (a, b) => a.or(b),
                }
            },
        });
    }
    let mut notes = vec![format!(
        "{} hours: GPU time, its idle overhead and power counted for that share of the scenario's {}-hour month, hardware, facility and people for that share of a calendar month ({} hours)",
        hours,
        crate::fmt_num(month_hours),
        crate::fmt_num(calendar_hours)
    )];
    if loads.iter().any(|l| !l.hourly) {
        notes.push("the usage has daily buckets: each day's calls are spread evenly over its hours, so the busiest hour (and the replicas it needs) is understated".into());
    }
    if !unmatched.is_empty() {
        notes.push(format!(
            "task types with no load in the usage are left out: {}",
            unmatched.join(", ")
        ));
    }
    Some(Backtest {
        start,
        hours,
        calls: hourly_total.iter().sum(),
        busiest_hour_calls: hourly_total.iter().copied().fold(0.0, f64::max),
        matched,
        unmatched,
        options,
        notes,
    })
}
