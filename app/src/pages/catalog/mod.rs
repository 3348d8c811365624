//! `/catalog`: the built-in API tiers, GPUs, models and cloud prices with their sources
//! and dates, searchable. `/w/{token}/catalog` adds the workspace's own entries (stored
//! in SQLite, marked custom), which its members add and delete.

use crate::format::opt;
use crate::server_fns::list_custom_entries;
use engine::catalog::{self};
use engine::fmt_num;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

mod add;
mod table;

use add::AddCustom;
use table::CustomTable;

#[component]
pub fn CatalogPage() -> impl IntoView {
    let query = RwSignal::new(String::new());
    let version = RwSignal::new(0u32);
    let params = use_params_map();
    let workspace = Memo::new(move |_| params.read().get("ws"));
    let custom = crate::dto::json::resource(
        move || (version.get(), workspace.get()),
        |(_, ws)| async move {
            match ws {
                Some(token) => list_custom_entries(crate::dto::Access::Workspace { token })
                    .await
                    .map(Some),
                None => Ok(None),
            }
        },
    );
    // A row shows when every word of the search occurs in its text.
    let shown = move |text: String| {
        let text = text.to_lowercase();
        move || {
            query.with(|q| {
                q.to_lowercase()
                    .split_whitespace()
                    .all(|w| text.contains(w))
            })
        }
    };
    view! {
        <section class="page catalog">
            <h1>"Catalog"</h1>
            <p class="lead">
                "Every built-in price and spec with its source and the date it was read. In a workspace, add your own entries (a negotiated API price, a cloud quote, a private GPU SKU): they are stored in the workspace, marked custom, and offered in its scenarios' editors."
            </p>
            <div class="search">
                <label for="catalog-search">"Search the catalog"</label>
                <input
                    id="catalog-search"
                    type="search"
                    placeholder="e.g. H100, RunPod, Sonnet"
                    prop:value=move || query.get()
                    on:input=move |ev| query.set(event_target_value(&ev))
                    data-testid="catalog-search"
                />
            </div>

            <Transition fallback=|| {
                view! { <p>"Loading..."</p> }
            }>
                {move || Suspend::new(async move {
                    match custom.await {
                        Err(e) => {
                            view! {
                                <p class="notice warn" role="alert">
                                    {e.to_string()}
                                </p>
                            }
                                .into_any()
                        }
                        Ok(None) => {
                            view! {
                                <p class="hint" data-testid="custom-outside">
                                    "Your team's own entries live in its workspace: open the workspace's Catalog to see and add them."
                                </p>
                            }
                                .into_any()
                        }
                        Ok(Some(rows)) => {
                            let ws = workspace.get_untracked().unwrap_or_default();
                            view! {
                                <h2>"Your team's entries"</h2>
                                {if rows.is_empty() {
                                    view! {
                                        <p class="empty" data-testid="custom-none">
                                            "None yet."
                                        </p>
                                    }
                                        .into_any()
                                } else {
                                    view! {
                                        <CustomTable
                                            rows=rows
                                            version=version
                                            workspace=Some(ws.clone())
                                        />
                                    }
                                        .into_any()
                                }}
                            }
                                .into_any()
                        }
                    }
                })}
            </Transition>
            // Outside the list's Transition: adding refreshes the list, not the form (its
            // status line stays).
            {move || {
                workspace.get().map(|ws| view! { <AddCustom version=version workspace=ws /> })
            }}

            <h2>"Claude API tiers"</h2>
            <div class="table-wrap">
                <table class="list" data-testid="catalog-tiers">
                    <thead>
                        <tr>
                            <th scope="col">"Tier"</th>
                            <th scope="col" class="n">
                                "Input $/M"
                            </th>
                            <th scope="col" class="n">
                                "Output $/M"
                            </th>
                            <th scope="col" class="n">
                                "Cache read $/M"
                            </th>
                            <th scope="col" class="n">
                                "Batch discount"
                            </th>
                            <th scope="col">"Source"</th>
                            <th scope="col">"As of"</th>
                        </tr>
                    </thead>
                    <tbody>
                        {catalog::TIERS
                            .iter()
                            .map(|t| {
                                view! {
                                    <tr style:display=move || {
                                        if shown(format!("{} {} {}", t.name, t.source, t.as_of))() {
                                            ""
                                        } else {
                                            "none"
                                        }
                                    }>
                                        <th scope="row">
                                            {t.name}{t.article.then_some(" (article's 2025 list)")}
                                        </th>
                                        <td class="n">{fmt_num(t.input)}</td>
                                        <td class="n">{fmt_num(t.output)}</td>
                                        <td class="n">{fmt_num(t.cache_read)}</td>
                                        <td class="n">{fmt_num(t.batch_discount)}</td>
                                        <td class="src">{t.source}</td>
                                        <td>{t.as_of}</td>
                                    </tr>
                                }
                            })
                            .collect_view()}
                    </tbody>
                </table>
            </div>

            <h2>"GPUs"</h2>
            <div class="table-wrap">
                <table class="list" data-testid="catalog-gpus">
                    <thead>
                        <tr>
                            <th scope="col">"GPU"</th>
                            <th scope="col" class="n">
                                "VRAM GB"
                            </th>
                            <th scope="col" class="n">
                                "Bandwidth GB/s"
                            </th>
                            <th scope="col" class="n">
                                "BF16 TFLOP/s"
                            </th>
                            <th scope="col" class="n">
                                "FP8 TFLOP/s"
                            </th>
                            <th scope="col" class="n">
                                "TDP W"
                            </th>
                            <th scope="col" class="n">
                                "Purchase $"
                            </th>
                            <th scope="col">"Source"</th>
                            <th scope="col">"As of"</th>
                        </tr>
                    </thead>
                    <tbody>
                        {catalog::GPUS
                            .iter()
                            .map(|g| {
                                view! {
                                    <tr style:display=move || {
                                        if shown(format!("{} {} {}", g.name, g.source, g.as_of))() {
                                            ""
                                        } else {
                                            "none"
                                        }
                                    }>
                                        <th scope="row">{g.name.to_string()}</th>
                                        <td class="n">{fmt_num(g.vram_gb)}</td>
                                        <td class="n">{fmt_num(g.bandwidth_gbs)}</td>
                                        <td class="n">{fmt_num(g.bf16_tflops)}</td>
                                        <td class="n">{opt(g.fp8_tflops)}</td>
                                        <td class="n">{fmt_num(g.tdp_w)}</td>
                                        <td class="n">{opt(g.purchase_usd)}</td>
                                        <td class="src">{g.source.to_string()}</td>
                                        <td>{g.as_of.to_string()}</td>
                                    </tr>
                                }
                            })
                            .collect_view()}
                    </tbody>
                </table>
            </div>

            <h2>"Models"</h2>
            <div class="table-wrap">
                <table class="list" data-testid="catalog-models">
                    <thead>
                        <tr>
                            <th scope="col">"Model"</th>
                            <th scope="col" class="n">
                                "Params (B)"
                            </th>
                            <th scope="col" class="n">
                                "Active (B)"
                            </th>
                            <th scope="col" class="n">
                                "Layers"
                            </th>
                            <th scope="col" class="n">
                                "KV heads"
                            </th>
                            <th scope="col" class="n">
                                "Context"
                            </th>
                            <th scope="col">"Quality class"</th>
                            <th scope="col">"Source"</th>
                            <th scope="col">"As of"</th>
                        </tr>
                    </thead>
                    <tbody>
                        {catalog::MODELS
                            .iter()
                            .map(|m| {
                                view! {
                                    <tr style:display=move || {
                                        if shown(format!("{} {} {}", m.name, m.source, m.as_of))() {
                                            ""
                                        } else {
                                            "none"
                                        }
                                    }>
                                        <th scope="row">{m.name}</th>
                                        <td class="n">{fmt_num(m.params_b)}</td>
                                        <td class="n">{fmt_num(m.active_params_b)}</td>
                                        <td class="n">{m.layers}</td>
                                        <td class="n">{m.kv_heads}</td>
                                        <td class="n">{m.context}</td>
                                        <td>{quality_class(m.quality)}</td>
                                        <td class="src">{m.source}</td>
                                        <td>{m.as_of}</td>
                                    </tr>
                                }
                            })
                            .collect_view()}
                    </tbody>
                </table>
            </div>

            <p class="hint" data-testid="catalog-quality-note">
                "A model's quality class decides which task types it may serve (a task type's lowest quality). It is this catalog's assumption by size and family, not a benchmark: a 70B-class open model is taken as Sonnet-class. Set each task type's lowest quality to what your own evaluation of the model says."
            </p>

            <h2>"Cloud prices"</h2>
            <div class="table-wrap">
                <table class="list" data-testid="catalog-cloud">
                    <thead>
                        <tr>
                            <th scope="col">"Provider"</th>
                            <th scope="col">"GPU"</th>
                            <th scope="col" class="n">
                                "On-demand $/h"
                            </th>
                            <th scope="col" class="n">
                                "Spot $/h"
                            </th>
                            <th scope="col">"Source"</th>
                            <th scope="col">"As of"</th>
                        </tr>
                    </thead>
                    <tbody>
                        {catalog::CLOUD_PRICES
                            .iter()
                            .map(|p| {
                                let gpu = catalog::gpu(p.gpu)
                                    .map(|g| g.name.to_string())
                                    .unwrap_or_else(|| p.gpu.to_string());
                                let text = format!(
                                    "{} {} {} {}",
                                    p.provider,
                                    gpu,
                                    p.source,
                                    p.as_of,
                                );
                                view! {
                                    <tr style:display=move || {
                                        if shown(text.clone())() { "" } else { "none" }
                                    }>
                                        <th scope="row">{p.provider}</th>
                                        <td>{gpu}</td>
                                        <td class="n">{opt(p.on_demand)}</td>
                                        <td class="n">{opt(p.spot)}</td>
                                        <td class="src">{p.source}</td>
                                        <td>{p.as_of}</td>
                                    </tr>
                                }
                            })
                            .collect_view()}
                    </tbody>
                </table>
            </div>
        </section>
    }
}

/// A quality level as the catalog page writes it.
fn quality_class(q: u8) -> &'static str {
    match q {
        1 => "1: small (Haiku-class)",
        2 => "2: mid (Sonnet-class)",
        _ => "3: frontier (Opus-class)",
    }
}
