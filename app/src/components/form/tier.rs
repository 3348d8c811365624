//! One Claude API tier, and adding a tier from the catalog.

use super::{more, Ctx};
use crate::components::fields::{NumField, TextField};
use engine::catalog;
use engine::scenario::paths;
use leptos::prelude::*;

#[component]
pub(super) fn TierRow(ctx: Ctx, j: usize) -> impl IntoView {
    let list = ctx.doc.with_untracked(|d| d.api_tiers.clone());
    list.get(j).cloned().map(move |t| {
        let p = move |f: &str| paths::tier::at(j, f);
        // Follows the prices: once one is typed over, the catalog is no longer their
        // source (the line above "Reset to catalog" says what the catalog has).
        let doc = ctx.doc;
        let src = move || {
            doc.with(|d| {
                let t = d.api_tiers.get(j)?;
                let listed = if t.as_of.is_empty() {
                    t.source.clone()
                } else {
                    format!("{} (as of {})", t.source, t.as_of)
                };
                Some(match catalog::tier_typed_over(t) {
                    Some(c) if c.as_of == t.as_of => {
                        format!("typed by the user, edited from {listed}")
                    }
                    Some(c) => format!("{listed}; the catalog has other prices since {}", c.as_of),
                    None => listed,
                })
            })
        };
        view! {
            <div class="row card" data-testid=format!("tier-{j}")>
                <TextField
                    label="Tier"
                    path=p(paths::tier::NAME)
                    value=t.name.clone()
                    read_only=ctx.read_only
                    on_change=ctx
                        .text(move |d, v| {
                            if let Some(t) = d.api_tiers.get_mut(j) {
                                t.name = v;
                            }
                        })
                />
                <NumField
                    label="Input price"
                    unit="USD/M tokens"
                    path=p(paths::tier::INPUT_PER_MTOK)
                    value=t.input_per_mtok
                    read_only=ctx.read_only
                    on_change=ctx
                        .num(move |d, v| {
                            if let Some(t) = d.api_tiers.get_mut(j) {
                                t.input_per_mtok = v;
                            }
                        })
                />
                <NumField
                    label="Output price"
                    unit="USD/M tokens"
                    path=p(paths::tier::OUTPUT_PER_MTOK)
                    value=t.output_per_mtok
                    read_only=ctx.read_only
                    on_change=ctx
                        .num(move |d, v| {
                            if let Some(t) = d.api_tiers.get_mut(j) {
                                t.output_per_mtok = v;
                            }
                        })
                />
                <p class="source" data-testid=format!("tier-{j}-source")>
                    "Source: "
                    {src}
                </p>
                {more::tier(ctx, j, &t)}
                {(!ctx.read_only)
                    .then(|| {
                        view! {
                            <button
                                type="button"
                                class="danger"
                                aria-label=format!("Remove tier {}", j + 1)
                                on:click=move |_| { ctx.remove(|d| d.remove_tier(j), "fs-tiers") }
                            >
                                "Remove"
                            </button>
                        }
                    })}
            </div>
        }
    })
}

pub(super) fn add_tier(ctx: Ctx) -> impl IntoView {
    let pick = RwSignal::new(catalog::TIERS[0].id.to_string());
    view! {
        <div class="add-row">
            <label for="add-tier">"Add a tier from the catalog"</label>
            <select id="add-tier" on:change=move |ev| pick.set(event_target_value(&ev))>
                {catalog::TIERS
                    .iter()
                    .map(|t| {
                        view! {
                            <option value=t
                                .id>
                                {format!(
                                    "{} (${}/${} per M, {})",
                                    t.name,
                                    t.input,
                                    t.output,
                                    t.as_of,
                                )}
                            </option>
                        }
                    })
                    .collect_view()}
                {move || {
                    ctx.custom
                        .with(|c| {
                            c.iter()
                                .filter_map(|e| match &e.item {
                                    crate::dto::CustomItem::ApiTier(t) => {
                                        Some(
                                            view! {
                                                <option value=format!(
                                                    "custom:{}",
                                                    e.id,
                                                )>
                                                    {format!(
                                                        "{} (custom: ${}/${} per M, {})",
                                                        t.name,
                                                        t.input_per_mtok,
                                                        t.output_per_mtok,
                                                        t.as_of,
                                                    )}
                                                </option>
                                            },
                                        )
                                    }
                                    _ => None,
                                })
                                .collect_view()
                        })
                }}
            </select>
            <button
                type="button"
                class="secondary"
                on:click=move |_| {
                    let id = pick.get_untracked();
                    if let Some(custom) = id.strip_prefix("custom:") {
                        let tier = ctx
                            .custom
                            .with_untracked(|c| {
                                c.iter()
                                    .find(|e| e.id == custom)
                                    .and_then(|e| match &e.item {
                                        crate::dto::CustomItem::ApiTier(t) => Some(t.clone()),
                                        _ => None,
                                    })
                            });
                        if let Some(t) = tier {
                            ctx.restructure(|d| d.add_tier(t));
                        }
                    } else if catalog::tier(&id).is_some() {
                        ctx.restructure(|d| {
                            d.add_catalog_tier(&id);
                        });
                    }
                }
            >
                "+ Add tier"
            </button>
        </div>
    }
}
