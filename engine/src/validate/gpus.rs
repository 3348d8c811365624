//! Checks of the GPU configurations (catalog ids, replicas, hosting, throughput,
//! people) and of the custom GPUs.

use super::checker::Checker;
use crate::catalog;
use crate::scenario::{Hosting, ReplicaMode, Scenario, ThroughputSource};

/// Each configuration: catalog ids, replicas, utilisation, efficiency, hosting,
/// throughput source and people costs.
pub(super) fn check_gpu_configs(s: &Scenario, c: &mut Checker) {
    for (k, g) in s.gpu_configs.iter().enumerate() {
        let p = |f: &str| format!("gpu_configs[{k}].{f}");
        let gpu = catalog::gpu_in(s, &g.gpu);
        if gpu.is_none() {
            c.push(p("gpu"), format!("unknown GPU '{}'", g.gpu));
        }
        let model = catalog::model(&g.model);
        if model.is_none() {
            c.push(p("model"), format!("unknown model '{}'", g.model));
        }
        if !(1..=64).contains(&g.gpus_per_replica) {
            c.push(p("gpus_per_replica"), "must be between 1 and 64");
        }
        if g.replica_mode == ReplicaMode::Fixed && !(1..=10_000).contains(&g.replicas) {
            c.push(p("replicas"), "must be between 1 and 10000");
        }
        if g.reserve_replicas > 1000 {
            c.push(p("reserve_replicas"), "must be at most 1000");
        }
        if c.finite(&p("target_utilisation"), g.target_utilisation)
            && !(g.target_utilisation > 0.0 && g.target_utilisation <= 1.0)
        {
            c.push(p("target_utilisation"), "must be > 0 and at most 1");
        }
        c.range(&p("idle_overhead"), g.idle_overhead, 0.0, 10.0);
        if let Some(q) = g.quality {
            c.quality(&p("quality"), q);
        }
        for (name, e) in [
            ("efficiency_bw", g.efficiency_bw),
            ("efficiency_compute", g.efficiency_compute),
        ] {
            if let Some(e) = e {
                if c.finite(&p(name), e) && !(e > 0.0 && e <= 1.0) {
                    c.push(p(name), "must be > 0 and at most 1");
                }
            }
        }
        if !(1..=4096).contains(&g.max_batch) {
            c.push(p("max_batch"), "must be between 1 and 4096");
        }
        match &g.hosting {
            Hosting::Cloud(cl) => {
                c.positive(&p("hosting.hourly_usd"), cl.hourly_usd);
                c.range(
                    &p("hosting.active_hours_per_day"),
                    cl.active_hours_per_day,
                    0.5,
                    24.0,
                );
                c.range(&p("hosting.runtime_buffer"), cl.runtime_buffer, 0.0, 10.0);
            }
            Hosting::OnPrem(op) => {
                c.positive(&p("hosting.gpu_price_usd"), op.gpu_price_usd);
                c.non_negative(&p("hosting.server_price_usd"), op.server_price_usd);
                c.non_negative(&p("hosting.installation_usd"), op.installation_usd);
                c.range(
                    &p("hosting.amortisation_months"),
                    op.amortisation_months,
                    1.0,
                    240.0,
                );
                c.share(&p("hosting.residual_share"), op.residual_share);
                c.range(&p("hosting.cost_of_capital"), op.cost_of_capital, 0.0, 1.0);
                c.range(
                    &p("hosting.maintenance_share_per_year"),
                    op.maintenance_share_per_year,
                    0.0,
                    1.0,
                );
                c.range(&p("hosting.gpu_power_share"), op.gpu_power_share, 0.0, 1.5);
                c.non_negative(&p("hosting.server_base_watts"), op.server_base_watts);
                c.non_negative(&p("hosting.usd_per_kwh"), op.usd_per_kwh);
                c.range(&p("hosting.pue"), op.pue, 1.0, 3.0);
                c.non_negative(
                    &p("hosting.facility_usd_per_month"),
                    op.facility_usd_per_month,
                );
            }
        }
        match &g.throughput {
            ThroughputSource::Estimated => {}
            ThroughputSource::Typed {
                output_tokens_per_s,
            } => c.positive(&p("throughput.output_tokens_per_s"), *output_tokens_per_s),
            ThroughputSource::Benchmark {
                output_tokens_per_s,
                input_tokens,
                output_tokens,
                ..
            } => {
                c.positive(&p("throughput.output_tokens_per_s"), *output_tokens_per_s);
                c.non_negative(&p("throughput.input_tokens"), *input_tokens);
                c.positive(&p("throughput.output_tokens"), *output_tokens);
            }
        }
        let pp = |f: &str| format!("gpu_configs[{k}].people.{f}");
        let pe = &g.people;
        c.non_negative(&pp("engineer_usd_per_hour"), pe.engineer_usd_per_hour);
        c.non_negative(&pp("setup_days"), pe.setup_days);
        c.range(&pp("hours_per_day"), pe.hours_per_day, 0.0, 24.0);
        c.range(
            &pp("setup_amortisation_months"),
            pe.setup_amortisation_months,
            1.0,
            120.0,
        );
        c.non_negative(
            &pp("maintenance_hours_per_month"),
            pe.maintenance_hours_per_month,
        );
        c.non_negative(&pp("upgrades_per_year"), pe.upgrades_per_year);
        c.non_negative(&pp("days_per_upgrade"), pe.days_per_upgrade);
    }
}

/// Custom GPUs: a free id and positive specs.
pub(super) fn check_custom_gpus(s: &Scenario, c: &mut Checker) {
    for (i, gpu) in s.custom_gpus.iter().enumerate() {
        let p = |f: &str| format!("custom_gpus[{i}].{f}");
        if gpu.id.trim().is_empty() {
            c.push(p("id"), "needs an id");
        } else if catalog::gpu(&gpu.id).is_some()
            || s.custom_gpus[..i].iter().any(|o| o.id == gpu.id)
        {
            c.push(
                p("id"),
                format!("'{}' is already taken; pick another id", gpu.id),
            );
        }
        c.positive(&p("vram_gb"), gpu.vram_gb);
        c.positive(&p("bandwidth_gbs"), gpu.bandwidth_gbs);
        c.positive(&p("bf16_tflops"), gpu.bf16_tflops);
        c.non_negative(&p("tdp_w"), gpu.tdp_w);
        if let Some(x) = gpu.fp8_tflops {
            c.positive(&p("fp8_tflops"), x);
        }
        if let Some(x) = gpu.purchase_usd {
            c.non_negative(&p("purchase_usd"), x);
        }
    }
}
