//! Sheet `Inputs`, one GPU configuration: replicas, throughput, hosting, people.

use super::inputs::{Row, Writer, SCENARIO};
use engine::scenario::{Billing, Choice, GpuConfig, Hosting, ReplicaMode, Scenario};
use rust_xlsxwriter::XlsxError;

/// "2x NVIDIA A100 80GB per replica · Llama 3.1 70B · int8": what a reader knows them
/// by (the catalog's names, the team's own GPUs too), not the document's ids.
fn hardware(s: &Scenario, g: &GpuConfig) -> String {
    let gpu = engine::catalog::gpu_in(s, &g.gpu).map_or(g.gpu.as_str(), |e| e.name.as_ref());
    let model = engine::catalog::model(&g.model).map_or(g.model.as_str(), |m| m.name);
    format!(
        "{}x {gpu} per replica · {model} · {}{}",
        g.gpus_per_replica,
        g.precision.label(),
        if g.prefix_caching {
            " · prefix caching (a request computes only the input the API's cache does not read: in the replica-seconds of an estimate or a run, and the latency; a typed throughput is as typed)"
        } else {
            ""
        }
    )
}

/// One configuration's inputs: replicas, throughput, hosting, people.
pub(super) fn write(
    w: &mut Writer,
    s: &Scenario,
    g: &GpuConfig,
    (secs, allowed): (&[f64], &[f64]),
    p: &str,
) -> Result<(), XlsxError> {
    w.sh.note(w.f, &hardware(s, g))?;
    let fixed = (g.replica_mode == ReplicaMode::Fixed).then_some(f64::from(g.replicas));
    w.rows(
        p,
        SCENARIO,
        &[
            (
                "gpus",
                "GPUs per replica (throughput: the replica-seconds below, as exported)",
                Some(f64::from(g.gpus_per_replica)),
                "GPUs",
            ),
            (
                "util",
                "Target utilisation at peak",
                Some(g.target_utilisation),
                "share",
            ),
            (
                "fixed",
                "Fixed replicas (none: as many as the peak needs)",
                fixed,
                "replicas",
            ),
            (
                "reserves",
                "Reserve replicas",
                Some(f64::from(g.reserve_replicas)),
                "replicas",
            ),
        ],
    )?;
    // Only GPU time rented by the hour carries an idle overhead: a bought replica's cost,
    // or one billed per request, has none.
    if matches!(&g.hosting, engine::scenario::Hosting::Cloud(c) if c.billing != Billing::ScaleToZero)
    {
        w.rows(
            p,
            SCENARIO,
            &[(
                "idle",
                "Idle overhead on GPU time",
                Some(g.idle_overhead),
                "share",
            )],
        )?;
    }
    let labels: Vec<(String, String)> = s
        .task_types
        .iter()
        .enumerate()
        .map(|(i, t)| {
            (
                format!("sec{}", i + 1),
                format!("Replica-seconds per request: {}", t.name),
            )
        })
        .collect();
    let rows: Vec<Row> = labels
        .iter()
        .zip(secs)
        .map(|((n, l), sec)| (n.as_str(), l.as_str(), Some(*sec), "s"))
        .collect();
    let throughput = "the engine's throughput (estimate or benchmark): a value, not a formula";
    w.rows(p, throughput, &rows)?;
    let labels: Vec<(String, String)> = s
        .task_types
        .iter()
        .enumerate()
        .map(|(i, t)| {
            (
                format!("allow{}", i + 1),
                format!(
                    "Share of a replica the p95 latency targets allow: {}",
                    t.name
                ),
            )
        })
        .collect();
    let rows: Vec<Row> = labels
        .iter()
        .zip(allowed)
        .map(|((n, l), a)| (n.as_str(), l.as_str(), Some(*a), "share"))
        .collect();
    let latency =
        "the engine's latency model (1: no target, or none binds): a value, not a formula";
    w.rows(p, latency, &rows)?;
    match &g.hosting {
        Hosting::Cloud(c) => {
            w.sh.note(
                w.f,
                &format!("Rented ({}), billing: {}", c.provider, c.billing.label()),
            )?;
            let src = c.source_text(&g.gpu);
            w.rows(
                p,
                &src,
                &[(
                    "hourly",
                    "GPU price per hour",
                    Some(c.hourly_usd),
                    "USD / GPU-h",
                )],
            )?;
            if let Some(k) = &c.commitment {
                w.rows(
                    p,
                    SCENARIO,
                    &[
                        (
                            "c_term",
                            "Commitment term",
                            Some(f64::from(k.term_months)),
                            "months",
                        ),
                        (
                            "c_reps",
                            "Committed replicas",
                            Some(f64::from(k.replicas)),
                            "replicas",
                        ),
                        (
                            "c_disc",
                            "Commitment discount off on-demand",
                            Some(k.discount),
                            "share",
                        ),
                        (
                            "c_up",
                            "Commitment paid up front",
                            Some(k.upfront_share),
                            "share of the term's total",
                        ),
                    ],
                )?;
            }
            if c.billing == Billing::ActiveWindow {
                w.rows(
                    p,
                    SCENARIO,
                    &[(
                        "active",
                        "Active hours per day",
                        Some(c.active_hours_per_day),
                        "h",
                    )],
                )?;
            }
            if c.billing == Billing::ScaleToZero {
                w.rows(
                    p,
                    SCENARIO,
                    &[(
                        "buffer",
                        "Runtime buffer on busy time",
                        Some(c.runtime_buffer),
                        "share",
                    )],
                )?;
            }
        }
        Hosting::OnPrem(o) => {
            w.sh.note(w.f, "Bought (on-prem)")?;
            let gpu_source = o.source_text(engine::catalog::gpu_in(s, &g.gpu));
            w.rows(
                p,
                &gpu_source,
                &[(
                    "gpu_price",
                    "Price of one GPU",
                    Some(o.gpu_price_usd),
                    "USD",
                )],
            )?;
            w.rows(
                p,
                SCENARIO,
                &[
                    (
                        "server",
                        "Server price per replica",
                        Some(o.server_price_usd),
                        "USD",
                    ),
                    (
                        "install",
                        "Installation per replica",
                        Some(o.installation_usd),
                        "USD",
                    ),
                    (
                        "amort",
                        "Amortisation period",
                        Some(o.amortisation_months),
                        "months",
                    ),
                    (
                        "residual",
                        "Residual value",
                        Some(o.residual_share),
                        "share of hardware",
                    ),
                    (
                        "coc",
                        "Cost of capital",
                        Some(o.cost_of_capital),
                        "per year",
                    ),
                    (
                        "maint",
                        "Hardware maintenance",
                        Some(o.maintenance_share_per_year),
                        "share of the GPUs' and server's price a year",
                    ),
                    (
                        "power_share",
                        "Average share of TDP drawn",
                        Some(o.gpu_power_share),
                        "share",
                    ),
                    (
                        "base_w",
                        "Server base power",
                        Some(o.server_base_watts),
                        "W",
                    ),
                    ("pue", "PUE", Some(o.pue), "ratio"),
                    ("kwh", "Electricity price", Some(o.usd_per_kwh), "USD / kWh"),
                    (
                        "facility",
                        "Facility cost per replica",
                        Some(o.facility_usd_per_month),
                        "USD / month",
                    ),
                ],
            )?;
            let tdp = engine::catalog::gpu_in(s, &g.gpu).map(|x| x.tdp_w);
            let source = if tdp.is_some() {
                "GPU catalog"
            } else {
                "not in the catalog: 0 W, so power is the server's base only; type the TDP"
            };
            w.rows(
                p,
                source,
                &[("tdp", "GPU power (TDP)", tdp.or(Some(0.0)), "W")],
            )?;
        }
    }
    let pc = &g.people;
    w.rows(
        p,
        SCENARIO,
        &[
            (
                "eng",
                "Engineer cost",
                Some(pc.engineer_usd_per_hour),
                "USD / h",
            ),
            ("hpd", "Hours in a working day", Some(pc.hours_per_day), "h"),
            ("setup_days", "Setup", Some(pc.setup_days), "days"),
            (
                "setup_months",
                "Setup amortised over",
                Some(pc.setup_amortisation_months),
                "months",
            ),
            (
                "maint_h",
                "Maintenance",
                Some(pc.maintenance_hours_per_month),
                "h / month",
            ),
            (
                "upgrades",
                "Upgrades",
                Some(pc.upgrades_per_year),
                "per year",
            ),
            (
                "upgrade_days",
                "Days per upgrade",
                Some(pc.days_per_upgrade),
                "days",
            ),
        ],
    )
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_configuration_is_named_as_its_reader_knows_it() {
        let s = engine::templates::sonnet_vs_2xa100();
        assert_eq!(
            super::hardware(&s, &s.gpu_configs[0]),
            "2x NVIDIA A100 80 GB SXM per replica · Llama 3.1 70B · int8"
        );
        // The team's own GPU by its name; an id nothing knows stays as written.
        let mut s = s;
        s.custom_gpus.push(engine::catalog::GpuEntry {
            id: "our-l40s".into(),
            name: "Our L40S rack".into(),
            ..engine::catalog::gpu("l40s").expect("l40s").clone()
        });
        s.gpu_configs[0].gpu = "our-l40s".into();
        s.gpu_configs[0].model = "someones-model".into();
        assert!(super::hardware(&s, &s.gpu_configs[0])
            .starts_with("2x Our L40S rack per replica · someones-model"));
        s.gpu_configs[0].prefix_caching = true;
        assert!(super::hardware(&s, &s.gpu_configs[0]).contains(" · prefix caching"));
    }
}
