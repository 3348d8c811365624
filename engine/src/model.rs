//! The cost model reduced to numbers: each option's monthly cost as a function of the
//! workload. The workload volume is a multiplier `s` of the scenario's task mix
//! (s = 1 is the scenario as entered), which keeps API cost linear in `s` and the
//! self-hosted cost a step function of `s` that can be solved exactly.

use crate::catalog;
use crate::scenario::{
    Billing, CostLens, GpuConfig, Hosting, ReplicaMode, Scenario, ThroughputSource,
};
use crate::throughput::{self, Estimate, Fit, DEFAULT_E_BW, DEFAULT_E_COMPUTE};
use crate::validate::ValidScenario;

pub const SECONDS_PER_HOUR: f64 = 3600.0;

/// USD per call of one task type on one API tier.
#[derive(Clone, Copy, Debug, Default)]
pub struct CallPrice {
    pub input: f64,
    pub output: f64,
}

impl CallPrice {
    pub fn total(&self) -> f64 {
        self.input + self.output
    }
}

/// An API tier as per-call prices for each task type.
#[derive(Clone, Debug)]
pub struct ApiModel {
    pub quality: u8,
    /// Per task type.
    pub per_call: Vec<CallPrice>,
    /// USD per month at s = 1.
    pub slope: f64,
}

impl ApiModel {
    pub fn cost_at(&self, s: f64) -> f64 {
        self.slope * s
    }
    pub fn cost_for(&self, calls: &[f64]) -> f64 {
        calls
            .iter()
            .zip(&self.per_call)
            .map(|(c, p)| c * p.total())
            .sum()
    }
}

/// What one request of one task type costs a GPU configuration.
#[derive(Clone, Copy, Debug)]
pub struct TaskLoad {
    /// The throughput estimate at this task's shape (when GPU and model are known and it fits).
    pub estimate: Option<Estimate>,
    /// Replica-seconds one request costs.
    pub sec_per_request: f64,
    /// Replicas of demand per call/month at peak (already / utilisation).
    pub demand_per_call: f64,
    /// Variable cost per call (scale-to-zero billing).
    pub var_per_call: f64,
}

/// Monthly costs of one replica (or of the whole option, for `fixed_*`), split the way
/// the breakdown chart shows them.
#[derive(Clone, Copy, Debug, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Breakdown {
    pub gpu_time: f64,
    pub overhead: f64,
    pub power: f64,
    pub hardware: f64,
    pub facility: f64,
    pub people_setup: f64,
    pub people_maintenance: f64,
    pub people_upgrades: f64,
    pub api_input: f64,
    pub api_output: f64,
}

impl Breakdown {
    pub fn total(&self) -> f64 {
        self.gpu_time
            + self.overhead
            + self.power
            + self.hardware
            + self.facility
            + self.people_setup
            + self.people_maintenance
            + self.people_upgrades
            + self.api_input
            + self.api_output
    }
    pub fn scaled(&self, k: f64) -> Breakdown {
        Breakdown {
            gpu_time: self.gpu_time * k,
            overhead: self.overhead * k,
            power: self.power * k,
            hardware: self.hardware * k,
            facility: self.facility * k,
            people_setup: self.people_setup * k,
            people_maintenance: self.people_maintenance * k,
            people_upgrades: self.people_upgrades * k,
            api_input: self.api_input * k,
            api_output: self.api_output * k,
        }
    }
    pub fn plus(&self, o: &Breakdown) -> Breakdown {
        Breakdown {
            gpu_time: self.gpu_time + o.gpu_time,
            overhead: self.overhead + o.overhead,
            power: self.power + o.power,
            hardware: self.hardware + o.hardware,
            facility: self.facility + o.facility,
            people_setup: self.people_setup + o.people_setup,
            people_maintenance: self.people_maintenance + o.people_maintenance,
            people_upgrades: self.people_upgrades + o.people_upgrades,
            api_input: self.api_input + o.api_input,
            api_output: self.api_output + o.api_output,
        }
    }
}

/// One GPU configuration as numbers.
#[derive(Clone, Debug)]
pub struct SelfModel {
    pub quality: u8,
    /// Why this option cannot serve the workload (does not fit, ...), if it cannot.
    pub unusable: Option<String>,
    pub fit: Option<Fit>,
    /// Per task type.
    pub tasks: Vec<TaskLoad>,
    /// Replicas the peak needs at s = 1 (fractional).
    pub demand_base: f64,
    pub fixed_replicas: Option<f64>,
    pub reserves: f64,
    pub per_replica: Breakdown,
    pub fixed: Breakdown,
    /// `per_replica.total()` and `fixed.total()`, kept because every cost evaluation needs them.
    pub replica_total: f64,
    pub fixed_total: f64,
    pub var_base: f64,
    /// One-off costs paid in cash (on-prem purchase per replica; setup).
    pub purchase_per_replica: f64,
    /// Amortisation + cost of capital per replica-month (in `per_replica.hardware`; not cash).
    pub capex_per_replica: f64,
    pub setup_total: f64,
    pub setup_months: f64,
    pub warnings: Vec<String>,
    pub gpus_per_replica: f64,
    pub is_on_prem: bool,
}

/// `f64::ceil` without a libm call (the x86-64 baseline has no rounding instruction and
/// replica counts are computed millions of times in Monte Carlo and curve sampling).
#[inline]
pub fn ceil(x: f64) -> f64 {
    if x.abs() < 4.0e15 {
        let t = x as i64 as f64;
        if t < x {
            t + 1.0
        } else {
            t
        }
    } else {
        x.ceil()
    }
}

impl SelfModel {
    /// Replicas serving load (>= 1) at volume `s`, before reserves.
    pub fn needed(&self, s: f64) -> f64 {
        match self.fixed_replicas {
            Some(n) => n,
            None => ceil(self.demand_base * s).max(1.0),
        }
    }
    pub fn needed_for(&self, calls: &[f64]) -> f64 {
        match self.fixed_replicas {
            Some(n) => n,
            None => ceil(
                calls
                    .iter()
                    .zip(&self.tasks)
                    .map(|(c, t)| c * t.demand_per_call)
                    .sum::<f64>(),
            )
            .max(1.0),
        }
    }
    pub fn cost_at(&self, s: f64) -> f64 {
        self.fixed_total + self.replica_total * (self.needed(s) + self.reserves) + self.var_base * s
    }
    pub fn cost_for(&self, calls: &[f64]) -> f64 {
        let var: f64 = calls
            .iter()
            .zip(&self.tasks)
            .map(|(c, t)| c * t.var_per_call)
            .sum();
        self.fixed_total + self.replica_total * (self.needed_for(calls) + self.reserves) + var
    }
    pub fn breakdown_at(&self, s: f64) -> Breakdown {
        let mut b = self
            .fixed
            .plus(&self.per_replica.scaled(self.needed(s) + self.reserves));
        b.gpu_time += self.var_base * s;
        b
    }
    /// Utilisation of the serving replicas at peak.
    pub fn utilisation_at(&self, s: f64, target: f64) -> f64 {
        (self.demand_base * s * target / self.needed(s)).min(f64::MAX)
    }
    /// Volume multiplier at which a fixed-size option runs out of capacity.
    pub fn capacity_limit(&self) -> Option<f64> {
        self.fixed_replicas.map(|n| n / self.demand_base)
    }
}

pub struct Model {
    pub calls: Vec<f64>,
    pub api: Vec<ApiModel>,
    pub selfhosted: Vec<SelfModel>,
}

impl Model {
    pub fn build(v: &ValidScenario) -> Model {
        Self::build_from(v.get())
    }

    /// Only for scenarios derived from a valid one by [`crate::params::Param::set`].
    pub(crate) fn build_from(s: &Scenario) -> Model {
        let calls: Vec<f64> = s.task_types.iter().map(|t| t.calls_per_month).collect();
        let api = s
            .api_tiers
            .iter()
            .map(|tier| {
                let mut per_call = Vec::with_capacity(calls.len());
                for t in &s.task_types {
                    let long = tier
                        .long_context_threshold
                        .is_some_and(|th| t.input_tokens > th);
                    let (mi, mo) = if long {
                        (
                            tier.long_context_input_multiplier,
                            tier.long_context_output_multiplier,
                        )
                    } else {
                        (1.0, 1.0)
                    };
                    let plain = 1.0 - t.cached_input_share - t.cache_write_share;
                    let input = t.input_tokens
                        * (plain * tier.input_per_mtok
                            + t.cached_input_share * tier.cache_read_per_mtok
                            + t.cache_write_share * tier.cache_write_per_mtok)
                        * mi
                        / 1e6;
                    let output = t.output_tokens * tier.output_per_mtok * mo / 1e6;
                    // Batch-eligible calls get the batch discount on all their tokens.
                    let factor = 1.0 - t.batch_share * tier.batch_discount;
                    per_call.push(CallPrice {
                        input: input * factor,
                        output: output * factor,
                    });
                }
                let slope = calls
                    .iter()
                    .zip(&per_call)
                    .map(|(c, p)| c * p.total())
                    .sum();
                ApiModel {
                    quality: tier.quality,
                    per_call,
                    slope,
                }
            })
            .collect();
        let selfhosted = s
            .gpu_configs
            .iter()
            .map(|g| build_self(s, g, &calls))
            .collect();
        Model {
            calls,
            api,
            selfhosted,
        }
    }
}

fn efficiency(g: &GpuConfig) -> (f64, f64) {
    (
        g.efficiency_bw.unwrap_or(DEFAULT_E_BW),
        g.efficiency_compute.unwrap_or(DEFAULT_E_COMPUTE),
    )
}

fn build_self(s: &Scenario, g: &GpuConfig, calls: &[f64]) -> SelfModel {
    let gpu = catalog::gpu_in(s, &g.gpu);
    let model = catalog::model(&g.model);
    let (e_bw, e_c) = efficiency(g);
    let n = g.gpus_per_replica;
    let fit = match (gpu, model) {
        (Some(gp), Some(m)) => Some(throughput::fit(gp, m, g.precision, n)),
        _ => None,
    };
    let est = |prompt: f64, out: f64| match (gpu, model) {
        (Some(gp), Some(m)) => throughput::estimate(
            gp,
            m,
            g.precision,
            n,
            prompt,
            out,
            f64::from(g.max_batch),
            e_bw,
            e_c,
        ),
        _ => None,
    };
    let estimates: Vec<Option<Estimate>> = s
        .task_types
        .iter()
        .map(|t| est(t.input_tokens, t.output_tokens))
        .collect();
    let mut warnings = Vec::new();
    let mut unusable = None;
    let bound = |prompt: f64, out: f64| match (gpu, model) {
        (Some(gp), Some(m)) => throughput::physical_bound(gp, m, g.precision, n, prompt, out),
        _ => None,
    };
    let sec_per_request: Vec<f64> = match &g.throughput {
        ThroughputSource::Estimated => {
            if let Some(f) = fit.filter(|f| !f.fits) {
                unusable = Some(format!(
                    "{} {} on {}x {}: {}",
                    model.map_or("", |m| m.name),
                    g.precision.label(),
                    n,
                    gpu.map_or("", |x| &x.name),
                    f.message()
                ));
            }
            s.task_types
                .iter()
                .zip(&estimates)
                .map(|(t, e)| match e {
                    Some(e) => e.seconds_per_request,
                    None => {
                        if unusable.is_none() {
                            unusable = Some(format!("one request of task '{}' ({} + {} tokens) does not fit in the KV cache", t.name, t.input_tokens, t.output_tokens));
                        }
                        f64::INFINITY
                    }
                })
                .collect()
        }
        ThroughputSource::Typed {
            output_tokens_per_s,
        } => {
            for t in &s.task_types {
                if let Some(b) = bound(t.input_tokens, t.output_tokens) {
                    if *output_tokens_per_s > b {
                        warnings.push(format!("typed throughput {output_tokens_per_s:.0} tok/s is above the physical bound of {b:.0} tok/s for task '{}': a claim the hardware cannot reach", t.name));
                    }
                }
            }
            s.task_types
                .iter()
                .map(|t| t.output_tokens / output_tokens_per_s)
                .collect()
        }
        ThroughputSource::Benchmark {
            output_tokens_per_s,
            input_tokens,
            output_tokens,
            label,
            ..
        } => {
            if let Some(b) = bound(*input_tokens, *output_tokens) {
                if *output_tokens_per_s > b {
                    warnings.push(format!("benchmark '{label}' reports {output_tokens_per_s:.0} tok/s, above the physical bound of {b:.0} tok/s for this GPU, model and precision"));
                }
            }
            let measured = output_tokens / output_tokens_per_s;
            let at_bench = est(*input_tokens, *output_tokens);
            s.task_types
                .iter()
                .zip(&estimates)
                .map(|(t, e)| match (e, at_bench) {
                    // Convert with the estimator's ratio of request costs between the two shapes.
                    (Some(e), Some(b)) => measured * e.seconds_per_request / b.seconds_per_request,
                    _ => t.output_tokens / output_tokens_per_s,
                })
                .collect()
        }
    };
    if let (Some(f), false) = (fit, matches!(g.throughput, ThroughputSource::Estimated)) {
        if !f.fits {
            warnings.push(format!("the model's weights {}: the measured or typed throughput assumes a setup this catalog cannot place", f.message()));
        }
    }
    let window_hours = match &g.hosting {
        Hosting::Cloud(c) if c.billing == Billing::ActiveWindow => {
            c.active_hours_per_day * s.hours_per_month / 24.0
        }
        _ => s.hours_per_month,
    };
    let demand_per_call: Vec<f64> = s
        .task_types
        .iter()
        .zip(&sec_per_request)
        .map(|(t, sec)| {
            t.peak_to_average * sec / (window_hours * SECONDS_PER_HOUR) / g.target_utilisation
        })
        .collect();
    let demand_base: f64 = calls.iter().zip(&demand_per_call).map(|(c, d)| c * d).sum();
    let gpus = f64::from(n);
    let marginal = s.cost_lens == CostLens::Marginal;
    let mut per_replica = Breakdown::default();
    let mut var_per_call = vec![0.0; calls.len()];
    let mut purchase_per_replica = 0.0;
    let mut capex_per_replica = 0.0;
    let is_on_prem = matches!(g.hosting, Hosting::OnPrem(_));
    match &g.hosting {
        Hosting::Cloud(c) => match c.billing {
            Billing::AlwaysOn | Billing::ActiveWindow => {
                per_replica.gpu_time = gpus * c.hourly_usd * window_hours;
                per_replica.overhead = per_replica.gpu_time * g.idle_overhead;
            }
            Billing::ScaleToZero => {
                for (vpc, sec) in var_per_call.iter_mut().zip(&sec_per_request) {
                    *vpc = gpus * c.hourly_usd * sec / SECONDS_PER_HOUR * (1.0 + c.runtime_buffer);
                }
            }
        },
        Hosting::OnPrem(o) => {
            let gpu_tdp = gpu.map_or(0.0, |x| x.tdp_w);
            let purchase = gpus * o.gpu_price_usd + o.server_price_usd + o.installation_usd;
            purchase_per_replica = if marginal { 0.0 } else { purchase };
            let residual = (gpus * o.gpu_price_usd + o.server_price_usd) * o.residual_share;
            if !marginal {
                let amortised = (purchase - residual) / o.amortisation_months;
                let capital = o.cost_of_capital * (purchase + residual) / 2.0 / 12.0;
                capex_per_replica = amortised + capital;
                per_replica.hardware = capex_per_replica;
            }
            per_replica.hardware += o.maintenance_share_per_year * purchase / 12.0;
            let watts = gpus * gpu_tdp * o.gpu_power_share + o.server_base_watts;
            per_replica.power = watts / 1000.0 * s.hours_per_month * o.pue * o.usd_per_kwh;
            per_replica.facility = o.facility_usd_per_month;
        }
    }
    let p = &g.people;
    let setup_total = p.setup_days * p.hours_per_day * p.engineer_usd_per_hour;
    let fixed = Breakdown {
        people_setup: if marginal {
            0.0
        } else {
            setup_total / p.setup_amortisation_months
        },
        people_maintenance: p.maintenance_hours_per_month * p.engineer_usd_per_hour,
        people_upgrades: p.upgrades_per_year
            * p.days_per_upgrade
            * p.hours_per_day
            * p.engineer_usd_per_hour
            / 12.0,
        ..Breakdown::default()
    };
    let var_base = calls.iter().zip(&var_per_call).map(|(c, v)| c * v).sum();
    let tasks = (0..calls.len())
        .map(|i| TaskLoad {
            estimate: estimates[i],
            sec_per_request: sec_per_request[i],
            demand_per_call: demand_per_call[i],
            var_per_call: var_per_call[i],
        })
        .collect();
    let quality = g.quality.or(model.map(|m| m.quality)).unwrap_or(1);
    SelfModel {
        quality,
        unusable,
        fit,
        tasks,
        demand_base,
        fixed_replicas: (g.replica_mode == ReplicaMode::Fixed).then_some(f64::from(g.replicas)),
        reserves: f64::from(g.reserve_replicas),
        replica_total: per_replica.total(),
        fixed_total: fixed.total(),
        per_replica,
        fixed,
        var_base,
        purchase_per_replica,
        capex_per_replica,
        setup_total: if marginal { 0.0 } else { setup_total },
        setup_months: p.setup_amortisation_months,
        warnings,
        gpus_per_replica: gpus,
        is_on_prem,
    }
}

#[cfg(test)]
mod tests {
    use super::ceil;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn fast_ceil_equals_std(x in proptest::num::f64::NORMAL | proptest::num::f64::ZERO | proptest::num::f64::SUBNORMAL) {
            prop_assert_eq!(ceil(x), x.ceil());
        }
        #[test]
        fn fast_ceil_on_integers_and_near_them(n in -1_000_000i64..1_000_000, eps in -1e-9..1e-9f64) {
            let x = n as f64 + eps;
            prop_assert_eq!(ceil(x), x.ceil());
        }
    }
}
