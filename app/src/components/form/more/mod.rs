//! The rest of the cost model's inputs, folded under "More" in each group so the common
//! fields stay in sight: caching and batching, growth, billing modes, on-prem purchase
//! and power, replica policy, people, the cost lens and the horizon.

use super::{choices, Ctx};
use crate::components::fields::{NumField, SelectField};
use engine::catalog;
use engine::scenario::*;
use leptos::prelude::*;

mod commitment;
mod config;
mod finance;

pub use config::config;

/// A number field at `path`, bound to one input by a setter (its error message is
/// found by the same path).
fn number(
    ctx: Ctx,
    label: &'static str,
    unit: &'static str,
    path: String,
    value: f64,
    set: impl Fn(&mut Scenario, f64) + Send + Sync + 'static,
) -> impl IntoView {
    view! {
        <NumField
            label=label
            unit=unit
            path=path
            value=value
            read_only=ctx.read_only
            on_change=ctx.num(set)
        />
    }
}

/// `number` with a line under the field: the unit stays short so the input keeps its width.
fn number_hint(
    ctx: Ctx,
    label: &'static str,
    unit: &'static str,
    hint: &'static str,
    path: String,
    value: f64,
    set: impl Fn(&mut Scenario, f64) + Send + Sync + 'static,
) -> impl IntoView {
    view! {
        <NumField
            label=label
            unit=unit
            path=path
            value=value
            read_only=ctx.read_only
            hint=hint
            on_change=ctx.num(set)
        />
    }
}

fn opts(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter()
        .map(|(v, l)| (v.to_string(), l.to_string()))
        .collect()
}

pub fn general(ctx: Ctx, s: &Scenario) -> impl IntoView {
    view! {
        <details class="more">
            <summary>
                "More: cost lens, horizon, hurdle rate, currency, tax, price trend, escalation"
            </summary>
            <div class="row">
                <SelectField
                    label="Cost lens"
                    path=paths::general::COST_LENS
                    read_only=ctx.read_only
                    options=choices(s.cost_lens)
                    selected=s.cost_lens.as_str().to_string()
                    on_change=ctx
                        .text(|d, v| {
                            if let Ok(x) = v.parse() {
                                d.cost_lens = x;
                            }
                        })
                />
                {number(
                    ctx,
                    "Projection horizon",
                    "months",
                    paths::general::HORIZON_MONTHS.into(),
                    f64::from(s.horizon_months),
                    |d, v| {
                        d.horizon_months = if (1.0..=120.0).contains(&v) && v.fract() == 0.0 {
                            v as u32
                        } else {
                            0
                        };
                    },
                )}
                {number_hint(
                    ctx,
                    "Hurdle rate (for the NPV)",
                    "a year",
                    "0.1 = 10%; 10% unless you set it",
                    paths::general::DISCOUNT_RATE_PER_YEAR.into(),
                    s.discount_rate_per_year,
                    |d, v| d.discount_rate_per_year = v,
                )}
                {number(
                    ctx,
                    "API price change per year",
                    "share (-0.2 = -20%)",
                    paths::general::API_PRICE_CHANGE_PER_YEAR.into(),
                    s.api_price_change_per_year,
                    |d, v| d.api_price_change_per_year = v,
                )}
                {number(
                    ctx,
                    "Escalated to the API",
                    "share of calls",
                    paths::general::ESCALATE_SHARE.into(),
                    s.escalate_share,
                    |d, v| d.escalate_share = v,
                )}
            </div>
            {move || {
                ctx.structure.track();
                finance::finance(ctx, &ctx.doc.get_untracked())
            }}
        </details>
    }
}

pub fn task(ctx: Ctx, i: usize, t: &TaskType) -> impl IntoView {
    let p = move |f: &str| paths::task::at(i, f);
    view! {
        <details class="more">
            <summary>"More: caching, batching, growth"</summary>
            <div class="row">
                {number(
                    ctx,
                    "Input read from the prompt cache",
                    "share (0-1)",
                    p(paths::task::CACHED_INPUT_SHARE),
                    t.cached_input_share,
                    move |d, v| {
                        if let Some(t) = d.task_types.get_mut(i) {
                            t.cached_input_share = v;
                        }
                    },
                )}
                {number(
                    ctx,
                    "Input written to the cache",
                    "share (0-1)",
                    p(paths::task::CACHE_WRITE_SHARE),
                    t.cache_write_share,
                    move |d, v| {
                        if let Some(t) = d.task_types.get_mut(i) {
                            t.cache_write_share = v;
                        }
                    },
                )}
                {number(
                    ctx,
                    "Of those writes, 1-hour ones",
                    "share (0-1), at 2x the input price",
                    p(paths::task::CACHE_WRITE_1H_SHARE),
                    t.cache_write_1h_share,
                    move |d, v| {
                        if let Some(t) = d.task_types.get_mut(i) {
                            t.cache_write_1h_share = v;
                        }
                    },
                )}
                {number(
                    ctx,
                    "Calls that can wait for a batch",
                    "share (0-1)",
                    p(paths::task::BATCH_SHARE),
                    t.batch_share,
                    move |d, v| {
                        if let Some(t) = d.task_types.get_mut(i) {
                            t.batch_share = v;
                        }
                    },
                )}
                {number(
                    ctx,
                    "Monthly growth",
                    "share (0.05 = +5%)",
                    p(paths::task::MONTHLY_GROWTH),
                    t.monthly_growth,
                    move |d, v| {
                        if let Some(t) = d.task_types.get_mut(i) {
                            t.monthly_growth = v;
                        }
                    },
                )}
            </div>
        </details>
    }
}

/// A tier picked from the catalog shows which prices were edited, with a reset.
pub fn tier(ctx: Ctx, j: usize, t: &ApiTier) -> impl IntoView {
    let p = move |f: &str| paths::tier::at(j, f);
    let doc = ctx.doc;
    let edited = move || {
        doc.with(|d| {
            let c = catalog::tier_typed_over(d.api_tiers.get(j)?)?;
            Some(format!(
                "edited: catalog prices are ${}/${} per M ({})",
                c.input, c.output, c.as_of
            ))
        })
    };
    view! {
        {move || {
            edited()
                .map(|m| {
                    view! {
                        <p class="edited" data-testid=format!("tier-{j}-edited")>
                            {m}
                            " "
                            {(!ctx.read_only)
                                .then(|| {
                                    view! {
                                        <button
                                            type="button"
                                            class="secondary"
                                            on:click=move |_| {
                                                ctx.restructure(|d| {
                                                    if let Some(t) = d.api_tiers.get_mut(j) {
                                                        if let Some(c) = t
                                                            .catalog_id
                                                            .as_deref()
                                                            .and_then(catalog::tier)
                                                        {
                                                            *t = c.to_tier();
                                                        }
                                                    }
                                                })
                                            }
                                        >
                                            "Reset to catalog"
                                        </button>
                                    }
                                })}
                        </p>
                    }
                })
        }}
        <details class="more">
            <summary>"More: cache, batch, quality"</summary>
            <div class="row">
                {number(
                    ctx,
                    "Cache-read price",
                    "USD/M tokens",
                    p(paths::tier::CACHE_READ_PER_MTOK),
                    t.cache_read_per_mtok,
                    move |d, v| {
                        if let Some(t) = d.api_tiers.get_mut(j) {
                            t.cache_read_per_mtok = v;
                        }
                    },
                )}
                {number(
                    ctx,
                    "Cache-write price",
                    "USD/M tokens",
                    p(paths::tier::CACHE_WRITE_PER_MTOK),
                    t.cache_write_per_mtok,
                    move |d, v| {
                        if let Some(t) = d.api_tiers.get_mut(j) {
                            t.cache_write_per_mtok = v;
                        }
                    },
                )}
                {number(
                    ctx,
                    "Batch discount",
                    "share (0.5 = half price)",
                    p(paths::tier::BATCH_DISCOUNT),
                    t.batch_discount,
                    move |d, v| {
                        if let Some(t) = d.api_tiers.get_mut(j) {
                            t.batch_discount = v;
                        }
                    },
                )}
                <SelectField
                    label="Quality level"
                    path=p(paths::tier::QUALITY)
                    read_only=ctx.read_only
                    options=opts(&[("1", "1: small"), ("2", "2: mid"), ("3", "3: frontier")])
                    selected=t.quality.to_string()
                    on_change=ctx
                        .text(move |d, v| {
                            if let (Some(t), Ok(q)) = (d.api_tiers.get_mut(j), v.parse()) {
                                t.quality = q;
                            }
                        })
                />
            </div>
        </details>
    }
}
