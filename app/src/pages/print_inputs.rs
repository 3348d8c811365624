//! The printed summary's own inputs: the workload and, per configuration, hardware,
//! price, throughput source, utilisation and people, so the page stands on its own.

use engine::fmt_num;
use engine::scenario::{Billing, Choice, Hosting, ThroughputSource};
use engine::Scenario;
use leptos::prelude::*;

/// One line per task type and per configuration.
pub fn lines(doc: &Scenario) -> (Vec<String>, Vec<String>) {
    let tasks = doc
        .task_types
        .iter()
        .map(|t| {
            let latency = match (t.ttft_p95_ms, t.tpot_p95_ms) {
                (None, None) => String::new(),
                (a, b) => format!(
                    ", p95 targets: {} to first token, {} per output token",
                    a.map_or("none".into(), |v| format!("{} ms", fmt_num(v))),
                    b.map_or("none".into(), |v| format!("{} ms", fmt_num(v))),
                ),
            };
            // Growth moves every month after the first: said with the volume.
            let growth = if t.monthly_growth != 0.0 {
                format!(" (growing {} a month)", engine::fmt::percent(t.monthly_growth))
            } else {
                String::new()
            };
            // The shares that price the API side (cache reads and writes, the batch
            // discount): said where set, as they can halve the API's figure.
            let pct = engine::fmt::percent;
            let shares: String = [
                (t.cached_input_share, "of input read from cache"),
                (t.cache_write_share + t.cache_write_1h_share, "written to cache"),
                (t.batch_share, "of calls sent as batch"),
            ]
            .into_iter()
            .filter(|(x, _)| *x > 0.0)
            .map(|(x, what)| format!(", {} {what}", pct(x)))
            .collect();
            format!(
                "{}: {} calls/month{growth}, {} input + {} output tokens per call{shares}, lowest quality {}, peak {}x average{latency}",
                t.name,
                fmt_num(t.calls_per_month),
                fmt_num(t.input_tokens),
                fmt_num(t.output_tokens),
                t.quality_floor,
                fmt_num(t.peak_to_average),
            )
        })
        .collect();
    let configs = doc
        .gpu_configs
        .iter()
        .map(|g| {
            let gpu = engine::catalog::gpu_in(doc, &g.gpu)
                .map(|e| e.name.to_string())
                .unwrap_or_else(|| g.gpu.clone());
            let model = engine::catalog::model(&g.model)
                .map(|m| m.name.to_string())
                .unwrap_or_else(|| g.model.clone());
            let price = match &g.hosting {
                // The hours paid and the idle overhead on them: with the price, the GPU time.
                Hosting::Cloud(c) => {
                    let paid = match c.billing {
                        Billing::AlwaysOn => format!("{} h/month", fmt_num(doc.hours_per_month)),
                        Billing::ActiveWindow => {
                            format!("{} h a day", fmt_num(c.active_hours_per_day))
                        }
                        Billing::ScaleToZero => "busy time only".into(),
                    };
                    let idle = if c.billing != Billing::ScaleToZero && g.idle_overhead > 0.0 {
                        format!(" + {}% idle overhead", fmt_num(g.idle_overhead * 100.0))
                    } else {
                        String::new()
                    };
                    // A typed price is the user's, not the provider's quote.
                    let from = if c.typed {
                        c.source_text(&g.gpu)
                    } else {
                        c.provider.clone()
                    };
                    // A commitment: its replicas at the discounted price for its term.
                    let committed = c
                        .commitment
                        .as_ref()
                        .map(|k| {
                            format!(
                                "; {} replica{} committed for {} at {} off ({} paid up front), on demand after it",
                                k.replicas,
                                if k.replicas == 1 { "" } else { "s" },
                                engine::fmt::months(k.term_months),
                                engine::fmt::percent(k.discount),
                                engine::fmt::percent(k.upfront_share),
                            )
                        })
                        .unwrap_or_default();
                    format!(
                        "${}/GPU-hour ({from}) x {paid}{idle}{committed}",
                        fmt_num(c.hourly_usd),
                    )
                }
                // Every input of the hardware's and the power's cost, so the printout
                // rebuilds a bought option as the one-pager does.
                Hosting::OnPrem(o) => {
                    // Catalog or typed prices: in USD at their source, whatever the page's currency.
                    let usd = |x: f64| crate::format::money_in(x, "USD");
                    let pct = engine::fmt::percent;
                    // Under the marginal lens the hardware of month 1 counts as spent: what
                    // growth buys later is written off as under the other lens.
                    let written_off = if doc.cost_lens == engine::scenario::CostLens::Marginal {
                        format!(
                            "the replicas of month 1 already owned (marginal lens); one bought later written off over {} months to {} left",
                            fmt_num(o.amortisation_months),
                            pct(o.residual_share),
                        )
                    } else {
                        format!(
                            "written off over {} months to {} left",
                            fmt_num(o.amortisation_months),
                            pct(o.residual_share),
                        )
                    };
                    let mut text = format!(
                        "bought at {} per GPU{} + {} server{} per replica, {written_off}",
                        usd(o.gpu_price_usd),
                        if o.gpu_price_typed { " (typed by the user)" } else { "" },
                        usd(o.server_price_usd),
                        if o.installation_usd != 0.0 {
                            format!(" + {} installation", usd(o.installation_usd))
                        } else {
                            String::new()
                        },
                    );
                    if o.cost_of_capital != 0.0 {
                        text.push_str(&format!(", capital at {} a year", pct(o.cost_of_capital)));
                    }
                    if o.maintenance_share_per_year != 0.0 {
                        text.push_str(&format!(
                            ", maintenance {} of the GPUs' and server's price a year",
                            pct(o.maintenance_share_per_year),
                        ));
                    }
                    text.push_str(&format!(
                        "; power: GPUs at {} of TDP + {} W a replica, PUE {}, {}/kWh",
                        pct(o.gpu_power_share),
                        fmt_num(o.server_base_watts),
                        fmt_num(o.pue),
                        usd(o.usd_per_kwh),
                    ));
                    if o.facility_usd_per_month != 0.0 {
                        text.push_str(&format!(
                            "; facility {}/month a replica",
                            usd(o.facility_usd_per_month)
                        ));
                    }
                    text
                }
            };
            let throughput = match &g.throughput {
                ThroughputSource::Estimated => "estimated from the hardware".to_string(),
                ThroughputSource::Typed {
                    output_tokens_per_s,
                } => format!("{} output tok/s, typed", fmt_num(*output_tokens_per_s)),
                ThroughputSource::Benchmark {
                    output_tokens_per_s,
                    label,
                    ..
                } => match engine::report::run_elsewhere(doc, g) {
                    Some(there) => format!(
                        "{} output tok/s measured on {there} ({label}), scaled to this configuration's hardware by the estimator",
                        fmt_num(*output_tokens_per_s)
                    ),
                    None => format!(
                        "{} output tok/s measured ({label})",
                        fmt_num(*output_tokens_per_s)
                    ),
                },
            };
            let p = &g.people;
            let people = format!(
                "people: setup {} x {} h, maintenance {} h/month, upgrades {} a year, {} each, at ${}/hour",
                days(p.setup_days),
                fmt_num(p.hours_per_day),
                fmt_num(p.maintenance_hours_per_month),
                fmt_num(p.upgrades_per_year),
                days(p.days_per_upgrade),
                fmt_num(p.engineer_usd_per_hour),
            );
            format!(
                "{}: {gpu} x{} per replica, {model} {}; {price}; throughput {throughput}; target utilisation {}%; {people}",
                g.name,
                g.gpus_per_replica,
                g.precision.as_str(),
                fmt_num(g.target_utilisation * 100.0),
            )
        })
        .collect();
    (tasks, configs)
}

/// "1 day", "3 days", "0.5 days".
fn days(n: f64) -> String {
    if n == 1.0 {
        "1 day".into()
    } else {
        format!("{} days", fmt_num(n))
    }
}

#[component]
pub fn PrintInputs(doc: Scenario) -> impl IntoView {
    let (tasks, configs) = lines(&doc);
    view! {
        <section class="print-inputs" data-testid="print-inputs">
            <h2>"The scenario's inputs"</h2>
            <ul>
                {tasks.into_iter().map(|t| view! { <li>{t}</li> }).collect_view()}
                {configs.into_iter().map(|c| view! { <li>{c}</li> }).collect_view()}
            </ul>
        </section>
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_article_scenario_prints_its_inputs() {
        let (tasks, configs) = super::lines(&engine::templates::haiku_vs_4090());
        assert!(tasks[0].contains("500,000 calls/month"), "{tasks:?}");
        assert!(tasks[0].contains("800 input + 400 output"), "{tasks:?}");
        assert!(
            configs[0].contains("RTX 4090") && configs[0].contains("$0.44/GPU-hour"),
            "{configs:?}"
        );
        assert!(configs[0].contains("target utilisation 50%"), "{configs:?}");
        assert!(configs[0].contains("setup 3 days"), "{configs:?}");
        // No shares set: none said.
        assert!(
            !tasks[0].contains("cache") && !tasks[0].contains("batch"),
            "{tasks:?}"
        );
        // The shares that price the API side are said where set.
        let mut doc = engine::templates::haiku_vs_4090();
        doc.task_types[0].cached_input_share = 0.5;
        doc.task_types[0].batch_share = 1.0;
        let (tasks, _) = super::lines(&doc);
        assert!(
            tasks[0].contains("50% of input read from cache, 100% of calls sent as batch"),
            "{tasks:?}"
        );
    }

    #[test]
    fn a_run_measured_on_other_hardware_is_said_scaled() {
        let mut doc = engine::templates::sonnet_vs_2xa100();
        doc.gpu_configs[0].throughput = engine::scenario::ThroughputSource::Benchmark {
            run_id: "r3".into(),
            output_tokens_per_s: 2_048.0,
            input_tokens: 513.0,
            output_tokens: 507.0,
            concurrency: 8.0,
            label: "#3 (run.jsonl)".into(),
            run_gpu: Some("h200".into()),
            run_gpus: Some(4),
            sweep: Vec::new(),
            run_facts: None,
        };
        let (_, configs) = super::lines(&doc);
        assert!(
            configs[0].contains("2,048 output tok/s measured on 4x NVIDIA H200 SXM 141 GB (#3 (run.jsonl)), scaled to this configuration's hardware"),
            "{configs:?}"
        );
    }

    #[test]
    fn a_typed_gpu_price_is_not_called_a_quote() {
        let mut doc = engine::templates::haiku_vs_4090();
        doc.type_hourly(0, 0.69);
        let (_, configs) = super::lines(&doc);
        assert!(
            configs[0].contains("$0.69/GPU-hour (typed by the user)"),
            "{configs:?}"
        );
        assert!(configs[1].contains("(RunPod)"), "{configs:?}");
    }

    /// A bought configuration prints what its hardware and power cost rest on: it
    /// printed only the GPU's price and the months.
    #[test]
    fn a_bought_configuration_prints_every_input_of_its_cost() {
        use engine::scenario::{Hosting, OnPremPricing};
        let mut doc = engine::templates::haiku_vs_4090();
        doc.gpu_configs[0].hosting = Hosting::OnPrem(OnPremPricing {
            gpu_price_usd: 12_000.0,
            pue: 1.4,
            facility_usd_per_month: 50.0,
            ..OnPremPricing::default()
        });
        let (_, configs) = super::lines(&doc);
        for said in [
            "bought at $12,000 per GPU + $1,500 server per replica",
            "written off over 36 months to 10% left",
            "power: GPUs at 80% of TDP + 100 W a replica, PUE 1.4, $0.12/kWh",
            "facility $50/month a replica",
        ] {
            assert!(configs[0].contains(said), "{said}: {configs:?}");
        }
        // Under the marginal lens the replicas of month 1 are owned; one bought later is
        // written off as under the other lens, and the printout says both.
        doc.cost_lens = engine::scenario::CostLens::Marginal;
        let (_, configs) = super::lines(&doc);
        assert!(
            configs[0].contains("the replicas of month 1 already owned (marginal lens); one bought later written off over 36 months to 10% left"),
            "{configs:?}"
        );
    }

    /// Growth and a commitment move the figures: the printout states them.
    #[test]
    fn growth_and_a_commitment_are_printed() {
        use engine::scenario::{Commitment, Hosting};
        let mut doc = engine::templates::haiku_vs_4090();
        doc.task_types[0].monthly_growth = 0.08;
        if let Hosting::Cloud(c) = &mut doc.gpu_configs[1].hosting {
            c.commitment = Some(Commitment {
                term_months: 12,
                replicas: 1,
                discount: 0.4,
                upfront_share: 0.5,
            });
        }
        let (tasks, configs) = super::lines(&doc);
        assert!(
            tasks[0].contains("500,000 calls/month (growing 8% a month)"),
            "{tasks:?}"
        );
        assert!(
            configs[1].contains("1 replica committed for 12 months at 40% off (50% paid up front), on demand after it"),
            "{configs:?}"
        );
    }
}
