//! How one GPU configuration becomes a [`SelfModel`], one function per part: the
//! throughput source (seconds per request, in `throughput_source.rs`), demand (replicas
//! per call at peak), hosting costs (cloud or on-prem) and people costs.

use super::serving::serving;
use super::throughput_source::{estimate_at, throughput_source};
use super::{Book, Breakdown, Commit, Later, SelfModel, TaskLoad, SECONDS_PER_HOUR};
use crate::catalog::{self, GpuEntry};
use crate::scenario::{Billing, CostLens, GpuConfig, Hosting, PeopleCosts, ReplicaMode, Scenario};
use crate::throughput::{self, Estimate};

/// `calls` holds each task type's calls per month.
pub(super) fn build_self(s: &Scenario, g: &GpuConfig, calls: &[f64]) -> SelfModel {
    let gpu = catalog::gpu_in(s, &g.gpu);
    let model = catalog::model(&g.model);
    let n = g.gpus_per_replica;
    let fit = match (gpu, model) {
        (Some(gp), Some(m)) => Some(throughput::fit(gp, m, g.precision, n)),
        _ => None,
    };
    let estimates: Vec<Option<Estimate>> = s
        .task_types
        .iter()
        .map(|t| {
            estimate_at(
                g,
                gpu,
                model,
                (t.input_tokens, g.prefilled_tokens(t)),
                t.output_tokens,
            )
        })
        .collect();
    let mut warnings: Vec<String> = g.price_mismatch(s).into_iter().collect();
    warnings.extend(workstation_running_costs(g));
    let (sec_per_request, mut unusable, run_scale) =
        throughput_source(s, g, gpu, model, fit, &estimates, &mut warnings);
    let servings = serving(s, g, gpu, model, &mut unusable, &mut warnings);
    let shares: Vec<f64> = servings
        .iter()
        .map(|x| {
            x.as_ref().map_or(g.target_utilisation, |x| {
                x.allowed.min(g.target_utilisation)
            })
        })
        .collect();
    let demand = peak_demand(s, g, calls, &sec_per_request, &shares);
    let marginal = s.cost_lens == CostLens::Marginal;
    let hosting = hosting_costs(
        s,
        g,
        gpu,
        calls.len(),
        &sec_per_request,
        demand.window_hours,
        marginal,
    );
    let (fixed, setup_total) = people_costs(&g.people);
    let var_base = calls
        .iter()
        .zip(&hosting.var_per_call)
        .map(|(count, var)| count * var)
        .sum();
    let tasks = servings
        .into_iter()
        .enumerate()
        .map(|(i, serving)| TaskLoad {
            estimate: estimates[i],
            sec_per_request: sec_per_request[i],
            demand_per_call: demand.per_call[i],
            var_per_call: hosting.var_per_call[i],
            capacity_share: shares[i],
            serving,
        })
        .collect();
    let quality = g.quality.or(model.map(|m| m.quality)).unwrap_or(1);
    SelfModel {
        quality,
        unusable,
        fit,
        tasks,
        demand_base: demand.base,
        busy_base: demand.busy,
        fixed_replicas: (g.replica_mode == ReplicaMode::Fixed).then_some(f64::from(g.replicas)),
        reserves: f64::from(g.reserve_replicas),
        replica_total: hosting.per_replica.total(),
        fixed_total: fixed.total(),
        per_replica: hosting.per_replica,
        fixed,
        var_base,
        purchase_per_replica: hosting.purchase_per_replica,
        capex_per_replica: hosting.capex_per_replica,
        setup_total: if marginal { 0.0 } else { setup_total },
        setup_months: g.people.setup_amortisation_months,
        warnings,
        gpus_per_replica: f64::from(n),
        is_on_prem: hosting.is_on_prem,
        commit: commit_of(s, g),
        book: hosting.book,
        later: hosting.later,
        run_scale,
    }
}

/// A bought configuration whose running costs are all left at nothing (no facility, no
/// maintenance, no cost of capital, a PUE of 1: the article's workstation under a desk)
/// says so: a replica in a data centre costs more, and its figure would not say it.
fn workstation_running_costs(g: &GpuConfig) -> Option<String> {
    let Hosting::OnPrem(o) = &g.hosting else {
        return None;
    };
    let nothing = o.facility_usd_per_month == 0.0
        && o.maintenance_share_per_year == 0.0
        && o.cost_of_capital == 0.0
        && o.pue <= 1.0;
    nothing.then(|| "Bought hardware with no facility cost, no maintenance, no cost of capital and a PUE of 1 (the defaults, a workstation under a desk): a replica in a data centre costs more; set them to your quotes.".to_string())
}

/// A rented configuration's commitment as numbers: the committed replicas are paid every
/// hour of the month (whatever the billing of the rest) at the discounted price, with the
/// idle overhead as on demand.
fn commit_of(s: &Scenario, g: &GpuConfig) -> Commit {
    match &g.hosting {
        Hosting::Cloud(c) => match &c.commitment {
            Some(k) => {
                let replicas = f64::from(k.replicas);
                let gpu_time = replicas
                    * f64::from(g.gpus_per_replica)
                    * c.hourly_usd
                    * (1.0 - k.discount)
                    * s.hours_per_month;
                // The idle/reserved overhead is priced on a committed replica as on one
                // on demand: a commitment at 0% off costs what the same replicas do
                // always on.
                let overhead = gpu_time * g.idle_overhead;
                let monthly = gpu_time + overhead;
                let term_months = f64::from(k.term_months);
                Commit {
                    replicas,
                    monthly,
                    overhead,
                    term_months,
                    upfront: k.upfront_share * monthly * term_months,
                }
            }
            None => Commit::default(),
        },
        Hosting::OnPrem(_) => Commit::default(),
    }
}

/// Peak demand in replicas.
struct Demand {
    /// Hours a month the load falls in (the active window, or the whole month).
    window_hours: f64,
    /// Replicas of demand per call/month at peak, per task type.
    per_call: Vec<f64>,
    /// Replicas the peak needs at scale = 1 (fractional).
    base: f64,
    /// Replica-seconds of work at peak per second of the window (before the shares).
    busy: f64,
}

/// `shares` holds each task type's planned share of a replica's throughput.
fn peak_demand(
    s: &Scenario,
    g: &GpuConfig,
    calls: &[f64],
    sec_per_request: &[f64],
    shares: &[f64],
) -> Demand {
    let window_hours = match &g.hosting {
        Hosting::Cloud(c) if c.billing == Billing::ActiveWindow => {
            c.active_hours_per_day * s.hours_per_month / 24.0
        }
        _ => s.hours_per_month,
    };
    let demand_per_call: Vec<f64> = s
        .task_types
        .iter()
        .zip(sec_per_request)
        .zip(shares)
        .map(|((t, sec), share)| {
            t.peak_to_average * sec / (window_hours * SECONDS_PER_HOUR) / share
        })
        .collect();
    let demand_base: f64 = calls
        .iter()
        .zip(&demand_per_call)
        .map(|(count, per_call)| count * per_call)
        .sum();
    let busy = calls
        .iter()
        .zip(&s.task_types)
        .zip(sec_per_request)
        .map(|((count, t), sec)| {
            count * t.peak_to_average * sec / (window_hours * SECONDS_PER_HOUR)
        })
        .sum();
    Demand {
        window_hours,
        per_call: demand_per_call,
        base: demand_base,
        busy,
    }
}

/// What the hardware costs: per replica-month, per call (scale-to-zero) and in cash.
struct HostingCosts {
    per_replica: Breakdown,
    /// Per task type.
    var_per_call: Vec<f64>,
    purchase_per_replica: f64,
    capex_per_replica: f64,
    is_on_prem: bool,
    book: Book,
    later: Later,
}

fn hosting_costs(
    s: &Scenario,
    g: &GpuConfig,
    gpu: Option<&GpuEntry>,
    task_types: usize,
    sec_per_request: &[f64],
    window_hours: f64,
    marginal: bool,
) -> HostingCosts {
    let gpus = f64::from(g.gpus_per_replica);
    let mut per_replica = Breakdown::default();
    let mut var_per_call = vec![0.0; task_types];
    let mut purchase_per_replica = 0.0;
    let mut capex_per_replica = 0.0;
    let mut book = Book::default();
    let mut later = Later::default();
    let is_on_prem = matches!(g.hosting, Hosting::OnPrem(_));
    match &g.hosting {
        Hosting::Cloud(c) => match c.billing {
            Billing::AlwaysOn | Billing::ActiveWindow => {
                per_replica.gpu_time = gpus * c.hourly_usd * window_hours;
                per_replica.overhead = per_replica.gpu_time * g.idle_overhead;
            }
            Billing::ScaleToZero => {
                for (vpc, sec) in var_per_call.iter_mut().zip(sec_per_request) {
                    *vpc = gpus * c.hourly_usd * sec / SECONDS_PER_HOUR * (1.0 + c.runtime_buffer);
                }
            }
        },
        Hosting::OnPrem(o) => {
            let gpu_tdp = gpu.map_or(0.0, |x| x.tdp_w);
            let purchase = gpus * o.gpu_price_usd + o.server_price_usd + o.installation_usd;
            purchase_per_replica = if marginal { 0.0 } else { purchase };
            let residual = (gpus * o.gpu_price_usd + o.server_price_usd) * o.residual_share;
            let amortised = (purchase - residual) / o.amortisation_months;
            let capital = o.cost_of_capital * (purchase + residual) / 2.0 / 12.0;
            let full = Book {
                purchase,
                residual,
                months: o.amortisation_months,
            };
            // Under the marginal lens the replicas owned at the start are spent; one
            // bought later is not (paid, amortised, and worth its book value).
            later = Later {
                purchase,
                extra_capex: if marginal { amortised + capital } else { 0.0 },
                book: full,
            };
            if !marginal {
                capex_per_replica = amortised + capital;
                per_replica.hardware = capex_per_replica;
                book = full;
            }
            // Maintenance is a share of what can break: the GPUs and the server, not the
            // installation (as the value left is).
            let hardware = gpus * o.gpu_price_usd + o.server_price_usd;
            per_replica.hardware += o.maintenance_share_per_year * hardware / 12.0;
            let watts = gpus * gpu_tdp * o.gpu_power_share + o.server_base_watts;
            per_replica.power = watts / 1000.0 * s.hours_per_month * o.pue * o.usd_per_kwh;
            per_replica.facility = o.facility_usd_per_month;
        }
    }
    HostingCosts {
        per_replica,
        var_per_call,
        purchase_per_replica,
        capex_per_replica,
        is_on_prem,
        book,
        later,
    }
}

/// People costs per month (fixed, whatever the replicas; steady state, so no setup) and
/// the one-off setup cost.
fn people_costs(p: &PeopleCosts) -> (Breakdown, f64) {
    let setup_total = p.setup_days * p.hours_per_day * p.engineer_usd_per_hour;
    let fixed = Breakdown {
        people_maintenance: p.maintenance_hours_per_month * p.engineer_usd_per_hour,
        people_upgrades: p.upgrades_per_year
            * p.days_per_upgrade
            * p.hours_per_day
            * p.engineer_usd_per_hour
            / 12.0,
        ..Breakdown::default()
    };
    (fixed, setup_total)
}
