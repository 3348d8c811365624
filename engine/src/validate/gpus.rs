//! Checks of the GPU configurations (catalog ids, replicas, hosting, throughput,
//! people) and of the custom GPUs.

use super::checker::Checker;
use crate::catalog;
use crate::scenario::paths::{config, custom_gpu};
use crate::scenario::{Hosting, ReplicaMode, Scenario, ThroughputSource};

/// Each configuration: catalog ids, replicas, utilisation, efficiency, hosting,
/// throughput source and people costs.
pub(super) fn check_gpu_configs(s: &Scenario, c: &mut Checker) {
    for (k, g) in s.gpu_configs.iter().enumerate() {
        let p = |f: &str| config::at(k, f);
        let gpu = catalog::gpu_in(s, &g.gpu);
        if gpu.is_none() {
            c.push(p(config::GPU), format!("unknown GPU '{}'", g.gpu));
        }
        let model = catalog::model(&g.model);
        if model.is_none() {
            c.push(p(config::MODEL), format!("unknown model '{}'", g.model));
        }
        if !(1..=64).contains(&g.gpus_per_replica) {
            c.push(
                p(config::GPUS_PER_REPLICA),
                "must be a whole number from 1 to 64",
            );
        }
        if g.replica_mode == ReplicaMode::Fixed && !(1..=10_000).contains(&g.replicas) {
            c.push(
                p(config::REPLICAS),
                "must be a whole number from 1 to 10,000",
            );
        }
        if g.reserve_replicas > 1000 {
            c.push(
                p(config::RESERVE_REPLICAS),
                "must be a whole number from 0 to 1,000",
            );
        }
        if c.finite(&p(config::TARGET_UTILISATION), g.target_utilisation)
            && !(g.target_utilisation >= 0.01 && g.target_utilisation <= 1.0)
        {
            c.push(p(config::TARGET_UTILISATION), "must be from 0.01 (1%) to 1");
        }
        c.range(&p(config::IDLE_OVERHEAD), g.idle_overhead, 0.0, 10.0);
        if let Some(q) = g.quality {
            c.quality(&p(config::QUALITY), q);
        }
        for (name, e) in [
            (config::EFFICIENCY_BW, g.efficiency_bw),
            (config::EFFICIENCY_COMPUTE, g.efficiency_compute),
        ] {
            if let Some(e) = e {
                if c.finite(&p(name), e) && !(e > 0.0 && e <= 1.0) {
                    c.push(p(name), "must be above 0 and at most 1");
                }
            }
        }
        if !(1..=4096).contains(&g.max_batch) {
            c.push(
                p(config::MAX_BATCH),
                "must be a whole number from 1 to 4,096",
            );
        }
        match &g.hosting {
            Hosting::Cloud(cl) => {
                c.positive(&p(config::HOSTING_HOURLY_USD), cl.hourly_usd);
                c.range(
                    &p(config::HOSTING_ACTIVE_HOURS_PER_DAY),
                    cl.active_hours_per_day,
                    0.5,
                    24.0,
                );
                c.range(
                    &p(config::HOSTING_RUNTIME_BUFFER),
                    cl.runtime_buffer,
                    0.0,
                    10.0,
                );
                if let Some(k) = &cl.commitment {
                    check_commitment(s, cl, k, &p, c);
                }
            }
            Hosting::OnPrem(op) => {
                if op.gpu_price_usd == 0.0 && !op.gpu_price_typed {
                    c.push(
                        p(config::HOSTING_GPU_PRICE_USD),
                        "no purchase price is known for this GPU: type one",
                    );
                } else {
                    c.positive(&p(config::HOSTING_GPU_PRICE_USD), op.gpu_price_usd);
                }
                c.non_negative(&p(config::HOSTING_SERVER_PRICE_USD), op.server_price_usd);
                c.non_negative(&p(config::HOSTING_INSTALLATION_USD), op.installation_usd);
                c.range(
                    &p(config::HOSTING_AMORTISATION_MONTHS),
                    op.amortisation_months,
                    1.0,
                    240.0,
                );
                c.share(&p(config::HOSTING_RESIDUAL_SHARE), op.residual_share);
                c.range(
                    &p(config::HOSTING_COST_OF_CAPITAL),
                    op.cost_of_capital,
                    0.0,
                    1.0,
                );
                c.range(
                    &p(config::HOSTING_MAINTENANCE_SHARE_PER_YEAR),
                    op.maintenance_share_per_year,
                    0.0,
                    1.0,
                );
                c.range(
                    &p(config::HOSTING_GPU_POWER_SHARE),
                    op.gpu_power_share,
                    0.0,
                    1.5,
                );
                c.non_negative(&p(config::HOSTING_SERVER_BASE_WATTS), op.server_base_watts);
                c.non_negative(&p(config::HOSTING_USD_PER_KWH), op.usd_per_kwh);
                c.range(&p(config::HOSTING_PUE), op.pue, 1.0, 3.0);
                c.non_negative(
                    &p(config::HOSTING_FACILITY_USD_PER_MONTH),
                    op.facility_usd_per_month,
                );
            }
        }
        match &g.throughput {
            ThroughputSource::Estimated => {}
            ThroughputSource::Typed {
                output_tokens_per_s,
            } => at_least_a_token_a_minute(
                c,
                &p(config::THROUGHPUT_OUTPUT_TOKENS_PER_S),
                *output_tokens_per_s,
            ),
            ThroughputSource::Benchmark {
                output_tokens_per_s,
                input_tokens,
                output_tokens,
                run_gpus,
                sweep,
                run_facts,
                ..
            } => {
                check_sweep(c, &p(config::THROUGHPUT_SWEEP), sweep);
                let long = run_facts.as_ref().is_some_and(|f| {
                    [&f.model, &f.hardware]
                        .iter()
                        .any(|t| t.as_ref().is_some_and(|t| t.chars().count() > 300))
                });
                if long {
                    c.push(
                        p(config::THROUGHPUT_RUN_FACTS),
                        "the run's model or hardware is longer than 300 characters: attach the run again from the benchmark",
                    );
                }
                if let Some(n) = run_gpus {
                    c.range(
                        &p(config::THROUGHPUT_RUN_GPUS),
                        f64::from(*n),
                        1.0,
                        f64::from(crate::bench::fit::MAX_RUN_GPUS),
                    );
                }
                at_least_a_token_a_minute(
                    c,
                    &p(config::THROUGHPUT_OUTPUT_TOKENS_PER_S),
                    *output_tokens_per_s,
                );
                c.non_negative(&p(config::THROUGHPUT_INPUT_TOKENS), *input_tokens);
                c.positive(&p(config::THROUGHPUT_OUTPUT_TOKENS), *output_tokens);
            }
        }
        let pe = &g.people;
        c.non_negative(
            &p(config::PEOPLE_ENGINEER_USD_PER_HOUR),
            pe.engineer_usd_per_hour,
        );
        c.non_negative(&p(config::PEOPLE_SETUP_DAYS), pe.setup_days);
        c.range(
            &p(config::PEOPLE_HOURS_PER_DAY),
            pe.hours_per_day,
            0.0,
            24.0,
        );
        c.range(
            &p(config::PEOPLE_SETUP_AMORTISATION_MONTHS),
            pe.setup_amortisation_months,
            1.0,
            120.0,
        );
        c.non_negative(
            &p(config::PEOPLE_MAINTENANCE_HOURS_PER_MONTH),
            pe.maintenance_hours_per_month,
        );
        c.non_negative(&p(config::PEOPLE_UPGRADES_PER_YEAR), pe.upgrades_per_year);
        c.non_negative(&p(config::PEOPLE_DAYS_PER_UPGRADE), pe.days_per_upgrade);
    }
}

/// Custom GPUs: a free id and positive specs.
/// A sweep: a bounded number of runs, real numbers, one model.
fn check_sweep(c: &mut Checker, path: &str, sweep: &[crate::latency::sweep::SweepPoint]) {
    use crate::latency::sweep::{check, MAX_POINTS};
    if sweep.len() > MAX_POINTS {
        c.push(
            path,
            format!(
                "a sweep keeps at most {MAX_POINTS} runs; this one has {}",
                sweep.len()
            ),
        );
        return;
    }
    let bad = sweep.iter().any(|x| {
        let positive = x.output_tokens_per_s.is_finite() && x.output_tokens_per_s > 0.0;
        let latencies = [x.ttft_ms, x.tpot_ms]
            .iter()
            .all(|v| v.is_finite() && *v >= 0.0);
        !positive
            || !latencies
            || x.in_flight.is_some_and(|v| !v.is_finite() || v < 0.0)
            || x.label.chars().count() > 300
    });
    if bad {
        c.push(path, "a run of the sweep has a throughput that is not above 0, or a latency that is not a number >= 0: attach the runs again from the benchmark");
    } else if let Err(why) = check(sweep) {
        c.push(path, why);
    }
}

pub(super) fn check_custom_gpus(s: &Scenario, c: &mut Checker) {
    for (i, gpu) in s.custom_gpus.iter().enumerate() {
        let p = |f: &str| custom_gpu::at(i, f);
        if gpu.id.trim().is_empty() {
            c.push(p(custom_gpu::ID), "needs an id");
        } else if catalog::gpu(&gpu.id).is_some()
            || s.custom_gpus[..i].iter().any(|o| o.id == gpu.id)
        {
            c.push(
                p(custom_gpu::ID),
                format!("'{}' is already taken; pick another id", gpu.id),
            );
        }
        c.positive(&p(custom_gpu::VRAM_GB), gpu.vram_gb);
        c.positive(&p(custom_gpu::BANDWIDTH_GBS), gpu.bandwidth_gbs);
        c.positive(&p("bf16_tflops"), gpu.bf16_tflops);
        c.non_negative(&p(custom_gpu::TDP_W), gpu.tdp_w);
        if let Some(x) = gpu.fp8_tflops {
            c.positive(&p("fp8_tflops"), x);
        }
        if let Some(x) = gpu.purchase_usd {
            c.non_negative(&p(custom_gpu::PURCHASE_USD), x);
        }
    }
}

/// A commitment: a term inside the horizon, whole replicas, a discount and an up-front
/// share between 0 and 1, and a billing that pays for time (a commitment is paid whether
/// used or not, so it cannot scale to zero).
fn check_commitment(
    s: &Scenario,
    cl: &crate::scenario::CloudPricing,
    k: &crate::scenario::Commitment,
    p: &dyn Fn(&str) -> String,
    c: &mut Checker,
) {
    if k.term_months == 0 {
        c.push(
            p(config::COMMITMENT_TERM_MONTHS),
            "must be at least 1 month (12 for a 1-year term, 36 for 3 years)",
        );
    } else if k.term_months > s.horizon_months {
        c.push(
            p(config::COMMITMENT_TERM_MONTHS),
            format!(
                "the {}-month commitment is longer than the {}-month horizon: lengthen the horizon to at least {} months, or shorten the term",
                k.term_months, s.horizon_months, k.term_months
            ),
        );
    }
    if !(1..=10_000).contains(&k.replicas) {
        c.push(
            p(config::COMMITMENT_REPLICAS),
            "must be between 1 and 10,000 replicas",
        );
    }
    if c.finite(&p(config::COMMITMENT_DISCOUNT), k.discount) && !(0.0..1.0).contains(&k.discount) {
        c.push(
            p(config::COMMITMENT_DISCOUNT),
            "must be at least 0 and below 1 (0.4 = 40% off the on-demand price)",
        );
    }
    c.range(
        &p(config::COMMITMENT_UPFRONT_SHARE),
        k.upfront_share,
        0.0,
        1.0,
    );
    if cl.price_kind != crate::scenario::PriceKind::OnDemand {
        c.push(
            p(config::COMMITMENT_DISCOUNT),
            "a commitment's discount is taken off the on-demand price: pick an on-demand price for this configuration",
        );
    }
    if cl.billing == crate::scenario::Billing::ScaleToZero {
        c.push(
            p(config::HOSTING_BILLING),
            "a commitment is paid whether used or not, so it cannot scale to zero: choose always on or an active window, or remove the commitment",
        );
    }
}

/// A throughput a replica can be sized from: above 0, and not below a token a minute (a
/// replica slower than that serves nothing; 5e-324 tok/s made a count of replicas past
/// any number).
fn at_least_a_token_a_minute(c: &mut Checker, path: &str, v: f64) {
    c.positive(path, v);
    if v > 0.0 && v < 1.0 / 60.0 {
        c.push(
            path,
            "must be at least 1 output token a minute (0.0167 tok/s)",
        );
    }
}
