//! The folded part of a GPU configuration: hosting (cloud prices and billing, or
//! on-prem purchase and power), replica policy and people.

use super::super::choices;
use super::{number, opts, Ctx};
use crate::components::fields::SelectField;
use engine::catalog;
use engine::scenario::*;
use leptos::prelude::*;

/// The selects that fill the price fields from a catalog or custom entry: editor-only,
/// not fields of the document.
const CATALOG_PRICE: &str = "hosting.catalog";
const CUSTOM_PRICE: &str = "hosting.custom";

pub fn config(ctx: Ctx, k: usize, g: &GpuConfig) -> impl IntoView {
    let p = move |f: &str| paths::config::at(k, f);
    let cloud = matches!(g.hosting, Hosting::Cloud(_));
    let hosting = match &g.hosting {
        Hosting::Cloud(c) => {
            let prices: Vec<(String, String)> =
                std::iter::once(("".to_string(), "pick a catalog price...".to_string()))
                    .chain(catalog::cloud_prices_for(&g.gpu).flat_map(|e| {
                        let mk = |kind: PriceKind, v: Option<f64>| {
                            v.map(|v| {
                                (
                                    format!("{}|{}", e.provider, kind.as_str()),
                                    format!("{} {} ${v}/h ({})", e.provider, kind.label(), e.as_of),
                                )
                            })
                        };
                        [
                            mk(PriceKind::OnDemand, e.on_demand),
                            mk(PriceKind::Spot, e.spot),
                        ]
                        .into_iter()
                        .flatten()
                    }))
                    .collect();
            view! {
                <div class="row">
                    <SelectField
                        label="Catalog price for this GPU"
                        path=p(CATALOG_PRICE)
                        read_only=ctx.read_only
                        options=prices
                        selected=String::new()
                        on_change=Callback::new(move |v: String| {
                            let gpu = ctx
                                .doc
                                .with_untracked(|d| {
                                    d.gpu_configs.get(k).map(|g| g.gpu.clone()).unwrap_or_default()
                                });
                            let quote = v
                                .split_once('|')
                                .and_then(|(provider, kind)| {
                                    catalog::quote_of(&gpu, provider, kind.parse().ok()?)
                                });
                            if let Some(q) = quote {
                                ctx.restructure(|d| d.use_quote(k, &q));
                            }
                        })
                    />
                    {move || {
                        let gpu_id = ctx
                            .doc
                            .with(|d| {
                                d.gpu_configs.get(k).map(|g| g.gpu.clone()).unwrap_or_default()
                            });
                        let quotes: Vec<(String, String, crate::dto::CustomCloudPrice, String)> = ctx
                            .custom
                            .with(|c| {
                                c.iter()
                                    .filter_map(|e| match &e.item {
                                        crate::dto::CustomItem::CloudPrice(q) if q.gpu == gpu_id => {
                                            Some((
                                                e.id.clone(),
                                                format!(
                                                    "{} ${}/h (custom{})",
                                                    q.provider,
                                                    q.hourly_usd,
                                                    if q.note.is_empty() {
                                                        String::new()
                                                    } else {
                                                        format!(": {}", q.note)
                                                    },
                                                ),
                                                q.clone(),
                                                crate::format::date(&e.created_at),
                                            ))
                                        }
                                        _ => None,
                                    })
                                    .collect()
                            });
                        (!quotes.is_empty() && !ctx.read_only)
                            .then(|| {
                                let options = std::iter::once((
                                        String::new(),
                                        "pick one of your prices...".to_string(),
                                    ))
                                    .chain(quotes.iter().map(|q| (q.0.clone(), q.1.clone())))
                                    .collect();
                                view! {
                                    <SelectField
                                        label="Your team's price"
                                        path=p(CUSTOM_PRICE)
                                        options=options
                                        selected=String::new()
                                        on_change=Callback::new(move |v: String| {
                                            if let Some(q) = quotes.iter().find(|q| q.0 == v) {
                                                let quote = q.2.quote(&q.3);
                                                ctx.restructure(|d| d.use_quote(k, &quote));
                                            }
                                        })
                                    />
                                }
                            })
                    }}
                    <SelectField
                        label="Billing"
                        path=p(paths::config::HOSTING_BILLING)
                        read_only=ctx.read_only
                        options=choices(c.billing)
                        selected=c.billing.as_str().to_string()
                        on_change=ctx
                            .text(move |d, v| {
                                if let (Some(Hosting::Cloud(c)), Ok(x)) = (
                                    d.gpu_configs.get_mut(k).map(|g| &mut g.hosting),
                                    v.parse(),
                                ) {
                                    c.billing = x;
                                }
                            })
                    />
                    {number(
                        ctx,
                        "Active window",
                        "hours/day",
                        p(paths::config::HOSTING_ACTIVE_HOURS_PER_DAY),
                        c.active_hours_per_day,
                        move |d, v| {
                            if let Some(Hosting::Cloud(c)) = d
                                .gpu_configs
                                .get_mut(k)
                                .map(|g| &mut g.hosting)
                            {
                                c.active_hours_per_day = v;
                            }
                        },
                    )}
                    {number(
                        ctx,
                        "Scale-to-zero runtime buffer",
                        "share of busy time",
                        p(paths::config::HOSTING_RUNTIME_BUFFER),
                        c.runtime_buffer,
                        move |d, v| {
                            if let Some(Hosting::Cloud(c)) = d
                                .gpu_configs
                                .get_mut(k)
                                .map(|g| &mut g.hosting)
                            {
                                c.runtime_buffer = v;
                            }
                        },
                    )}
                </div>
                {super::commitment::commitment(ctx, k, c)}
            }
            .into_any()
        }
        Hosting::OnPrem(o) => {
            macro_rules! op {
                ($label:expr, $unit:expr, $field:ident, $path:ident) => {
                    number(
                        ctx,
                        $label,
                        $unit,
                        p(paths::config::$path),
                        o.$field,
                        move |d, v| {
                            if let Some(Hosting::OnPrem(o)) =
                                d.gpu_configs.get_mut(k).map(|g| &mut g.hosting)
                            {
                                o.$field = v
                            }
                        },
                    )
                };
            }
            view! {
                <div class="row">
                    {number(
                        ctx,
                        "GPU purchase price",
                        "USD per GPU",
                        p(paths::config::HOSTING_GPU_PRICE_USD),
                        o.gpu_price_usd,
                        move |d, v| d.type_gpu_price(k, v),
                    )} <p class="source" data-testid=format!("purchase-source-{k}")>
                        "Source: "
                        {move || {
                            ctx.doc
                                .with(|d| match d.gpu_configs.get(k) {
                                    Some(g) => {
                                        match &g.hosting {
                                            Hosting::OnPrem(o) => {
                                                o.source_text(catalog::gpu_in(d, &g.gpu))
                                            }
                                            Hosting::Cloud(_) => String::new(),
                                        }
                                    }
                                    None => String::new(),
                                })
                        }}
                    </p>
                    {op!("Server per replica", "USD", server_price_usd, HOSTING_SERVER_PRICE_USD)}
                    {op!(
                        "Installation per replica", "USD", installation_usd, HOSTING_INSTALLATION_USD
                    )}
                    {op!(
                        "Amortisation", "months", amortisation_months, HOSTING_AMORTISATION_MONTHS
                    )}
                    {op!(
                        "Residual value", "share of purchase", residual_share, HOSTING_RESIDUAL_SHARE
                    )}
                    {op!("Cost of capital", "per year", cost_of_capital, HOSTING_COST_OF_CAPITAL)}
                    {op!(
                        "Hardware maintenance", "share of GPUs + server/year", maintenance_share_per_year, HOSTING_MAINTENANCE_SHARE_PER_YEAR
                    )}
                    {op!(
                        "GPU power at average load", "share of TDP", gpu_power_share, HOSTING_GPU_POWER_SHARE
                    )}
                    {op!(
                        "Server base power", "W per replica", server_base_watts, HOSTING_SERVER_BASE_WATTS
                    )} {op!("Electricity", "USD/kWh", usd_per_kwh, HOSTING_USD_PER_KWH)}
                    {op!("PUE", "x", pue, HOSTING_PUE)}
                    {op!(
                        "Facility / hosting", "USD/month per replica", facility_usd_per_month, HOSTING_FACILITY_USD_PER_MONTH
                    )}
                </div>
            }
            .into_any()
        }
    };
    // Redrawn after a structural change: open when it holds what was just switched on.
    let open = match &g.hosting {
        Hosting::Cloud(c) => c.commitment.is_some(),
        Hosting::OnPrem(_) => true,
    };
    view! {
        <details class="more" open=open>
            <summary>"More: hosting, replicas, people"</summary>
            <div class="row">
                <SelectField
                    label="Hosting"
                    path=p(paths::config::HOSTING_KIND)
                    read_only=ctx.read_only
                    options=opts(&[("cloud", "cloud (rented)"), ("on_prem", "on-prem (bought)")])
                    selected=(if cloud { "cloud" } else { "on_prem" }).to_string()
                    on_change=Callback::new(move |v: String| {
                        let gpu = ctx
                            .doc
                            .with_untracked(|d| {
                                d.gpu_configs.get(k).map(|g| g.gpu.clone()).unwrap_or_default()
                            });
                        let quotes = ctx.team_quotes(&gpu);
                        ctx.restructure(|d| d.use_hosting(k, v == "cloud", &quotes));
                    })
                />
                <SelectField
                    label="Replicas"
                    path=p(paths::config::REPLICA_MODE)
                    read_only=ctx.read_only
                    options=choices(g.replica_mode)
                    selected=g.replica_mode.as_str().to_string()
                    on_change=ctx
                        .text(move |d, v| {
                            if let (Some(g), Ok(x)) = (d.gpu_configs.get_mut(k), v.parse()) {
                                g.replica_mode = x;
                            }
                        })
                />
                {number(
                    ctx,
                    "Fixed replicas",
                    "replicas",
                    p(paths::config::REPLICAS),
                    f64::from(g.replicas),
                    move |d, v| {
                        if let Some(g) = d.gpu_configs.get_mut(k) {
                            g.replicas = if v >= 0.0 && v.fract() == 0.0 && v < 1e6 {
                                v as u32
                            } else {
                                0
                            };
                        }
                    },
                )}
                {number(
                    ctx,
                    "Reserve replicas",
                    "replicas",
                    p(paths::config::RESERVE_REPLICAS),
                    f64::from(g.reserve_replicas),
                    move |d, v| {
                        if let Some(g) = d.gpu_configs.get_mut(k) {
                            g.reserve_replicas = if v >= 0.0 && v.fract() == 0.0 && v <= 1000.0 {
                                v as u32
                            } else {
                                1001
                            };
                        }
                    },
                )}
                {number(
                    ctx,
                    "Max batch",
                    "sequences",
                    p(paths::config::MAX_BATCH),
                    f64::from(g.max_batch),
                    move |d, v| {
                        if let Some(g) = d.gpu_configs.get_mut(k) {
                            g.max_batch = if v >= 1.0 && v.fract() == 0.0 && v <= 4096.0 {
                                v as u32
                            } else {
                                0
                            };
                        }
                    },
                )}
                {number(
                    ctx,
                    "Setup spread over",
                    "months",
                    p(paths::config::PEOPLE_SETUP_AMORTISATION_MONTHS),
                    g.people.setup_amortisation_months,
                    move |d, v| {
                        if let Some(g) = d.gpu_configs.get_mut(k) {
                            g.people.setup_amortisation_months = v;
                        }
                    },
                )}
                {number(
                    ctx,
                    "Working hours per day",
                    "h",
                    p(paths::config::PEOPLE_HOURS_PER_DAY),
                    g.people.hours_per_day,
                    move |d, v| {
                        if let Some(g) = d.gpu_configs.get_mut(k) {
                            g.people.hours_per_day = v;
                        }
                    },
                )}
                {number(
                    ctx,
                    "Model upgrades",
                    "per year",
                    p(paths::config::PEOPLE_UPGRADES_PER_YEAR),
                    g.people.upgrades_per_year,
                    move |d, v| {
                        if let Some(g) = d.gpu_configs.get_mut(k) {
                            g.people.upgrades_per_year = v;
                        }
                    },
                )}
                {number(
                    ctx,
                    "Effort per upgrade",
                    "days",
                    p(paths::config::PEOPLE_DAYS_PER_UPGRADE),
                    g.people.days_per_upgrade,
                    move |d, v| {
                        if let Some(g) = d.gpu_configs.get_mut(k) {
                            g.people.days_per_upgrade = v;
                        }
                    },
                )}
            </div>
            {hosting}
        </details>
    }
}
