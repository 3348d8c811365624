//! One self-hosted GPU configuration: GPU, model, precision, price, throughput, people.

use super::{choices, measured, more, Ctx};
use crate::components::fields::{NumField, SelectField, TextField};
use engine::catalog;
use engine::scenario::*;
use leptos::prelude::*;

#[component]
pub(super) fn ConfigRow(ctx: Ctx, k: usize) -> impl IntoView {
    let list = ctx.doc.with_untracked(|d| d.gpu_configs.clone());
    list.get(k).cloned().map(move |g| {
        let p = move |f: &str| paths::config::at(k, f);
        let gpus: Vec<(String, String)> = catalog::GPUS.iter().map(|x| (x.id.to_string(), x.name.to_string())).collect();
        let models: Vec<(String, String)> = catalog::MODELS.iter().map(|x| (x.id.to_string(), x.name.to_string())).collect();
        let precisions = choices(g.precision);
        let typed = RwSignal::new(match &g.throughput { ThroughputSource::Typed { output_tokens_per_s } => Some(*output_tokens_per_s), _ => None });
        let tp_mode = match &g.throughput { ThroughputSource::Estimated => "estimated", ThroughputSource::Typed { .. } => "typed", ThroughputSource::Benchmark { .. } => "benchmark" };
        let bench_mode = RwSignal::new(tp_mode == "benchmark");
        let hourly = match &g.hosting {
            Hosting::Cloud(c) => Some(c.hourly_usd),
            Hosting::OnPrem(_) => None,
        };
        let price_source = move || {
            ctx.doc.with(|d| match d.gpu_configs.get(k) {
                Some(g) => match &g.hosting {
                    Hosting::Cloud(c) => c.source_text(&g.gpu),
                    Hosting::OnPrem(_) => String::new(),
                },
                None => String::new(),
            })
        };
        // An untyped price quoted for another GPU: said at the field, as a warning.
        let mismatched = move || ctx.doc.with(|d| d.gpu_configs.get(k).is_some_and(|g| g.price_mismatch(d).is_some()));
        // Rented GPU time paid by the hour (not per request: scale to zero has no idle).
        let rented = Memo::new(move |_| {
            ctx.doc.with(|d| {
                d.gpu_configs.get(k).is_some_and(|g| {
                    matches!(&g.hosting, Hosting::Cloud(c) if c.billing != Billing::ScaleToZero)
                })
            })
        });
        let name = Memo::new(move |_| {
            ctx.doc.with(|d| d.gpu_configs.get(k).map(|g| g.name.clone()).unwrap_or_default())
        });
        view! {
            <div class="row card" data-testid=format!("config-{k}")>
                <TextField
                    label="Configuration"
                    path=p(paths::config::NAME)
                    value=g.name.clone()
                    live=name
                    read_only=ctx.read_only
                    on_change=ctx.text(move |d, v| d.rename_config(k, v))
                />
                {move || {
                    let mut options = gpus.clone();
                    let doc_custom: Vec<(String, String)> = ctx
                        .doc
                        .with_untracked(|d| {
                            d.custom_gpus
                                .iter()
                                .map(|x| (x.id.to_string(), format!("{} (custom)", x.name)))
                                .collect()
                        });
                    for o in doc_custom {
                        if !options.iter().any(|x| x.0 == o.0) {
                            options.push(o);
                        }
                    }
                    for e in ctx.custom.get() {
                        if let crate::dto::CustomItem::Gpu(x) = &e.item {
                            if !options.iter().any(|o| o.0 == x.id.as_ref()) {
                                options.push((x.id.to_string(), format!("{} (custom)", x.name)));
                            }
                        }
                    }
                    let selected = ctx
                        .doc
                        .with_untracked(|d| {
                            d.gpu_configs.get(k).map(|g| g.gpu.clone()).unwrap_or_default()
                        });
                    view! {
                        <SelectField
                            label="GPU"
                            path=p(paths::config::GPU)
                            options=options
                            selected=selected
                            read_only=ctx.read_only
                            on_change=Callback::new(move |v: String| {
                                let from_team = ctx
                                    .custom
                                    .with_untracked(|c| {
                                        c.iter()
                                            .find_map(|e| match &e.item {
                                                crate::dto::CustomItem::Gpu(x) if x.id == v.as_str() => {
                                                    Some(x.clone())
                                                }
                                                _ => None,
                                            })
                                    });
                                let quotes = ctx.team_quotes(&v);
                                ctx.restructure(|d| d.use_gpu(k, &v, from_team, &quotes));
                            })
                        />
                    }
                }}
                <SelectField
                    label="Model"
                    path=p(paths::config::MODEL)
                    options=models
                    selected=g.model.clone()
                    read_only=ctx.read_only
                    on_change=ctx.text(move |d, v| d.use_model(k, &v))
                />
                <SelectField
                    label="Precision"
                    path=p(paths::config::PRECISION)
                    options=precisions
                    selected=g.precision.as_str().to_string()
                    read_only=ctx.read_only
                    on_change=ctx
                        .text(move |d, v| {
                            if let Ok(x) = v.parse() {
                                d.use_precision(k, x);
                            }
                        })
                />
                <NumField
                    label="GPUs per replica"
                    unit="GPUs"
                    path=p(paths::config::GPUS_PER_REPLICA)
                    value=f64::from(g.gpus_per_replica)
                    read_only=ctx.read_only
                    on_change=ctx
                        .num(move |d, v| {
                            let n = if (1.0..=64.0).contains(&v) && v.fract() == 0.0 {
                                v as u32
                            } else {
                                0
                            };
                            d.use_gpus_per_replica(k, n);
                        })
                />
                {hourly
                    .map(|h| {
                        view! {
                            <NumField
                                label="GPU price"
                                unit="USD/GPU-hour"
                                path=p(paths::config::HOSTING_HOURLY_USD)
                                value=h
                                read_only=ctx.read_only
                                on_change=ctx.num(move |d, v| d.type_hourly(k, v))
                            />
                            <p
                                class="source"
                                class:warn=mismatched
                                role=move || mismatched().then_some("alert")
                                data-testid=format!("price-source-{k}")
                            >
                                "Source: "
                                {price_source}
                            </p>
                            {move || reset_to_quote(ctx, k)}
                        }
                    })}
                <SelectField
                    label="Throughput from"
                    path=p(paths::config::THROUGHPUT_KIND)
                    read_only=ctx.read_only
                    options=vec![
                        ("estimated".into(), "an estimate from the specs".into()),
                        ("typed".into(), "a number I type".into()),
                        ("benchmark".into(), "a benchmark run (measured)".into()),
                    ]
                    selected=tp_mode.to_string()
                    on_change=Callback::new(move |v: String| {
                        bench_mode.set(v == "benchmark");
                        if v != "benchmark" {
                            let src = if v == "typed" {
                                ThroughputSource::Typed {
                                    output_tokens_per_s: typed.get_untracked().unwrap_or(100.0),
                                }
                            } else {
                                ThroughputSource::Estimated
                            };
                            ctx.doc.update(|d| d.use_throughput(k, src));
                        }
                    })
                />
                {move || bench_mode.get().then(|| measured::picker(ctx, k))}
                {move || {
                    ctx.doc
                        .with(|d| {
                            matches!(
                                d.gpu_configs.get(k).map(|g| &g.throughput),
                                Some(ThroughputSource::Typed { .. })
                            )
                        })
                        .then(|| {
                            view! {
                                <NumField
                                    label="Throughput per replica"
                                    unit="output tok/s"
                                    path=p(paths::config::THROUGHPUT_OUTPUT_TOKENS_PER_S)
                                    value=typed.get_untracked().unwrap_or(100.0)
                                    read_only=ctx.read_only
                                    hint="at your workload's request shape; a batched server makes many times single-user speed"
                                    on_change=ctx
                                        .num(move |d, v| {
                                            typed.set(Some(v));
                                            d.use_throughput(
                                                k,
                                                ThroughputSource::Typed {
                                                    output_tokens_per_s: v,
                                                },
                                            );
                                        })
                                />
                            }
                        })
                }}
                <SelectField
                    label="Prefix caching"
                    path=p(paths::config::PREFIX_CACHING)
                    read_only=ctx.read_only
                    options=vec![
                        ("off".into(), "off: every prompt computed whole".into()),
                        ("on".into(), "on: repeated prefixes reused (vLLM, SGLang)".into()),
                    ]
                    selected=(if g.prefix_caching { "on" } else { "off" }).to_string()
                    on_change=ctx
                        .text(move |d, v| {
                            if let Some(g) = d.gpu_configs.get_mut(k) {
                                g.prefix_caching = v == "on";
                            }
                        })
                />
                <NumField
                    label="Target utilisation"
                    unit="share (0-1)"
                    path=p(paths::config::TARGET_UTILISATION)
                    value=g.target_utilisation
                    read_only=ctx.read_only
                    hint="0.5-0.6 leaves room for peaks (the 'Self-hosting vs API cost' article's plan)"
                    on_change=ctx
                        .num(move |d, v| {
                            if let Some(g) = d.gpu_configs.get_mut(k) {
                                g.target_utilisation = v;
                            }
                        })
                />
                // Only GPU time rented by the hour carries an idle overhead: on a bought
                // replica or one billed per request the field would change nothing.
                {move || {
                    rented
                        .get()
                        .then(|| {
                            let value = ctx
                                .doc
                                .with_untracked(|d| {
                                    d.gpu_configs.get(k).map_or(0.0, |g| g.idle_overhead)
                                });
                            view! {
                                <NumField
                                    label="Idle / reserved overhead"
                                    unit="share of GPU time"
                                    path=p(paths::config::IDLE_OVERHEAD)
                                    value=value
                                    read_only=ctx.read_only
                                    hint="the 'Self-hosting vs API cost' article adds 0.2"
                                    on_change=ctx
                                        .num(move |d, v| {
                                            if let Some(g) = d.gpu_configs.get_mut(k) {
                                                g.idle_overhead = v;
                                            }
                                        })
                                />
                            }
                        })
                }}
                <NumField
                    label="Engineer rate"
                    unit="USD/hour"
                    path=p(paths::config::PEOPLE_ENGINEER_USD_PER_HOUR)
                    value=g.people.engineer_usd_per_hour
                    read_only=ctx.read_only
                    on_change=ctx
                        .num(move |d, v| {
                            if let Some(g) = d.gpu_configs.get_mut(k) {
                                g.people.engineer_usd_per_hour = v;
                            }
                        })
                />
                <NumField
                    label="Setup effort"
                    unit="days"
                    path=p(paths::config::PEOPLE_SETUP_DAYS)
                    value=g.people.setup_days
                    read_only=ctx.read_only
                    on_change=ctx
                        .num(move |d, v| {
                            if let Some(g) = d.gpu_configs.get_mut(k) {
                                g.people.setup_days = v;
                            }
                        })
                />
                <NumField
                    label="Engineer maintenance"
                    unit="hours/month"
                    path=p(paths::config::PEOPLE_MAINTENANCE_HOURS_PER_MONTH)
                    value=g.people.maintenance_hours_per_month
                    read_only=ctx.read_only
                    on_change=ctx
                        .num(move |d, v| {
                            if let Some(g) = d.gpu_configs.get_mut(k) {
                                g.people.maintenance_hours_per_month = v;
                            }
                        })
                />
                {more::config(ctx, k, &g)}
                {(!ctx.read_only)
                    .then(|| {
                        view! {
                            <div class="row-actions">
                                <button
                                    type="button"
                                    class="secondary"
                                    aria-label=format!("Duplicate configuration {}", k + 1)
                                    on:click=move |_| { ctx.restructure(|d| d.duplicate_config(k)) }
                                >
                                    "Duplicate"
                                </button>
                                <button
                                    type="button"
                                    class="danger"
                                    aria-label=format!("Remove configuration {}", k + 1)
                                    on:click=move |_| {
                                        ctx.remove(|d| d.remove_config(k), "fs-configs")
                                    }
                                >
                                    "Remove"
                                </button>
                            </div>
                        }
                    })}
            </div>
        }
    })
}

/// A typed GPU-hour price goes back to the catalog's cheapest on-demand quote for the
/// configuration's GPU in one press, as a tier's typed prices go back to the catalog's.
fn reset_to_quote(ctx: Ctx, k: usize) -> Option<impl IntoView> {
    if ctx.read_only {
        return None;
    }
    let quote = ctx.doc.with(|d| {
        let g = d.gpu_configs.get(k)?;
        match &g.hosting {
            Hosting::Cloud(c) if c.typed => catalog::cheapest_on_demand(&g.gpu),
            _ => None,
        }
    })?;
    let label = format!(
        "Reset to the catalog's quote (${}/h, {})",
        engine::fmt_num(quote.hourly_usd),
        quote.provider
    );
    // A row of its own: the grid's next field keeps its place.
    Some(view! {
        <div class="row-actions">
            <button
                type="button"
                class="secondary"
                data-testid=format!("reset-quote-{k}")
                on:click=move |_| ctx.restructure(|d| d.use_quote(k, &quote))
            >
                {label}
            </button>
        </div>
    })
}
