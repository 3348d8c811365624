//! `/catalog`: the built-in API tiers, GPUs, models and cloud prices with their sources
//! and dates, searchable; and the team's own entries (stored in SQLite, marked custom).

use crate::components::fields::{NumField, TextField};
use crate::components::keys::{known_in, remember_in, Store};
use crate::dto::{CustomCloudPrice, CustomEntry, CustomItem};
use crate::error::AppError;
use crate::format::opt;
use crate::server_fns::{add_custom_entry, delete_custom_entry, list_custom_entries};
use engine::catalog::{self, GpuEntry};
use engine::fmt_num;
use engine::scenario::ApiTier;
use leptos::prelude::*;
use leptos::task::spawn_local;

#[component]
pub fn CatalogPage() -> impl IntoView {
    let query = RwSignal::new(String::new());
    let version = RwSignal::new(0u32);
    let custom = Resource::new(move || version.get(), |_| list_custom_entries());
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
            <p class="lead">"Every built-in price and spec with its source and the date it was read. Add your own entries (a negotiated API price, a cloud quote, a private GPU SKU): they are stored here, marked custom, and offered in every scenario's editor."</p>
            <div class="search">
                <label for="catalog-search">"Search the catalog"</label>
                <input id="catalog-search" type="search" placeholder="e.g. H100, RunPod, Sonnet" prop:value=move || query.get()
                    on:input=move |ev| query.set(event_target_value(&ev)) data-testid="catalog-search"/>
            </div>

            <h2>"Your team's entries"</h2>
            <Transition fallback=|| view! { <p>"Loading..."</p> }>
                {move || Suspend::new(async move {
                    match custom.await {
                        Err(e) => view! { <p class="notice warn" role="alert">{e.to_string()}</p> }.into_any(),
                        Ok(rows) if rows.is_empty() => view! { <p class="empty" data-testid="custom-none">"None yet."</p> }.into_any(),
                        Ok(rows) => view! { <CustomTable rows=rows version=version/> }.into_any(),
                    }
                })}
            </Transition>
            <AddCustom version=version/>

            <h2>"Claude API tiers"</h2>
            <div class="table-wrap"><table class="list" data-testid="catalog-tiers">
                <thead><tr><th scope="col">"Tier"</th><th scope="col" class="n">"Input $/M"</th><th scope="col" class="n">"Output $/M"</th><th scope="col" class="n">"Cache read $/M"</th><th scope="col" class="n">"Batch discount"</th><th scope="col">"Source"</th><th scope="col">"As of"</th></tr></thead>
                <tbody>{catalog::TIERS.iter().map(|t| view! {
                    <tr style:display=move || if shown(format!("{} {} {}", t.name, t.source, t.as_of))() { "" } else { "none" }>
                        <th scope="row">{t.name}{t.article.then_some(" (article's 2025 list)")}</th><td class="n">{fmt_num(t.input)}</td><td class="n">{fmt_num(t.output)}</td><td class="n">{fmt_num(t.cache_read)}</td><td class="n">{fmt_num(t.batch_discount)}</td><td class="src">{t.source}</td><td>{t.as_of}</td>
                    </tr>
                }).collect_view()}</tbody>
            </table></div>

            <h2>"GPUs"</h2>
            <div class="table-wrap"><table class="list" data-testid="catalog-gpus">
                <thead><tr><th scope="col">"GPU"</th><th scope="col" class="n">"VRAM GB"</th><th scope="col" class="n">"Bandwidth GB/s"</th><th scope="col" class="n">"BF16 TFLOP/s"</th><th scope="col" class="n">"FP8 TFLOP/s"</th><th scope="col" class="n">"TDP W"</th><th scope="col" class="n">"Purchase $"</th><th scope="col">"Source"</th><th scope="col">"As of"</th></tr></thead>
                <tbody>{catalog::GPUS.iter().map(|g| view! {
                    <tr style:display=move || if shown(format!("{} {} {}", g.name, g.source, g.as_of))() { "" } else { "none" }>
                        <th scope="row">{g.name.to_string()}</th><td class="n">{fmt_num(g.vram_gb)}</td><td class="n">{fmt_num(g.bandwidth_gbs)}</td><td class="n">{fmt_num(g.bf16_tflops)}</td><td class="n">{opt(g.fp8_tflops)}</td><td class="n">{fmt_num(g.tdp_w)}</td><td class="n">{opt(g.purchase_usd)}</td><td class="src">{g.source.to_string()}</td><td>{g.as_of.to_string()}</td>
                    </tr>
                }).collect_view()}</tbody>
            </table></div>

            <h2>"Models"</h2>
            <div class="table-wrap"><table class="list" data-testid="catalog-models">
                <thead><tr><th scope="col">"Model"</th><th scope="col" class="n">"Params (B)"</th><th scope="col" class="n">"Active (B)"</th><th scope="col" class="n">"Layers"</th><th scope="col" class="n">"KV heads"</th><th scope="col" class="n">"Context"</th><th scope="col">"Source"</th><th scope="col">"As of"</th></tr></thead>
                <tbody>{catalog::MODELS.iter().map(|m| view! {
                    <tr style:display=move || if shown(format!("{} {} {}", m.name, m.source, m.as_of))() { "" } else { "none" }>
                        <th scope="row">{m.name}</th><td class="n">{fmt_num(m.params_b)}</td><td class="n">{fmt_num(m.active_params_b)}</td><td class="n">{m.layers}</td><td class="n">{m.kv_heads}</td><td class="n">{m.context}</td><td class="src">{m.source}</td><td>{m.as_of}</td>
                    </tr>
                }).collect_view()}</tbody>
            </table></div>

            <h2>"Cloud prices"</h2>
            <div class="table-wrap"><table class="list" data-testid="catalog-cloud">
                <thead><tr><th scope="col">"Provider"</th><th scope="col">"GPU"</th><th scope="col" class="n">"On-demand $/h"</th><th scope="col" class="n">"Spot $/h"</th><th scope="col">"Source"</th><th scope="col">"As of"</th></tr></thead>
                <tbody>{catalog::CLOUD_PRICES.iter().map(|p| {
                    let gpu = catalog::gpu(p.gpu).map(|g| g.name.to_string()).unwrap_or_else(|| p.gpu.to_string());
                    let text = format!("{} {} {} {}", p.provider, gpu, p.source, p.as_of);
                    view! {
                        <tr style:display=move || if shown(text.clone())() { "" } else { "none" }>
                            <th scope="row">{p.provider}</th><td>{gpu}</td><td class="n">{opt(p.on_demand)}</td><td class="n">{opt(p.spot)}</td><td class="src">{p.source}</td><td>{p.as_of}</td>
                        </tr>
                    }
                }).collect_view()}</tbody>
            </table></div>
        </section>
    }
}

#[component]
fn CustomTable(rows: Vec<CustomEntry>, version: RwSignal<u32>) -> impl IntoView {
    // Delete keys live in this browser only; read after hydration (the server renders
    // every row without a Delete button).
    let keys = RwSignal::new(std::collections::BTreeMap::<String, String>::new());
    Effect::new(move |_| keys.set(known_in(Store::CatalogEntries)));
    let status = RwSignal::new(None::<String>);
    let remove = move |id: String| {
        let Some(key) = keys.with_untracked(|k| k.get(&id).cloned()) else {
            return;
        };
        spawn_local(async move {
            match delete_custom_entry(id, key).await {
                Ok(()) => {
                    status.set(None);
                    version.update(|v| *v += 1);
                }
                Err(e) => status.set(Some(e.to_string())),
            }
        })
    };
    view! {
        {move || status.get().map(|m| view! { <p class="notice warn" role="alert">{m}</p> })}
        <table class="list custom" data-testid="custom-entries">
            <thead><tr><th scope="col">"Kind"</th><th scope="col">"Entry"</th><th scope="col">"Details"</th><th scope="col">"Added"</th><th scope="col">""</th></tr></thead>
            <tbody>{rows.into_iter().map(|e| {
                let (kind, details) = match &e.item {
                    CustomItem::ApiTier(t) => ("API price", format!("${}/M input, ${}/M output, ${}/M cache read; {}", fmt_num(t.input_per_mtok), fmt_num(t.output_per_mtok), fmt_num(t.cache_read_per_mtok), t.source)),
                    CustomItem::CloudPrice(p) => ("Cloud price", format!("{} on {}: ${}/GPU-hour{}", p.provider, catalog::gpu(&p.gpu).map(|g| g.name.to_string()).unwrap_or_else(|| p.gpu.clone()), fmt_num(p.hourly_usd), if p.note.is_empty() { String::new() } else { format!("; {}", p.note) })),
                    CustomItem::Gpu(g) => ("GPU", format!("{} GB, {} GB/s, {} BF16 TFLOP/s, {} W; {}", fmt_num(g.vram_gb), fmt_num(g.bandwidth_gbs), fmt_num(g.bf16_tflops), fmt_num(g.tdp_w), g.source)),
                };
                let id = e.id.clone();
                let own = {
                    let id = id.clone();
                    move || keys.with(|k| k.contains_key(&id))
                };
                let name = e.item.name().to_string();
                view! {
                    <tr>
                        <td><span class="badge custom">"custom"</span>" "{kind}</td>
                        <th scope="row">{e.item.name()}</th>
                        <td>{details}</td>
                        <td>{crate::format::date(&e.created_at)}</td>
                        <td><Show when=own.clone() fallback=|| view! { <span class="fineprint" title="Only the browser that added an entry holds its delete key">"added elsewhere"</span> }>
                            <button type="button" class="danger" aria-label=format!("Delete {name}") on:click={
                                let id = id.clone();
                                move |_| remove(id.clone())
                            }>"Delete"</button>
                        </Show></td>
                    </tr>
                }
            }).collect_view()}</tbody>
        </table>
    }
}

#[component]
fn AddCustom(version: RwSignal<u32>) -> impl IntoView {
    let kind = RwSignal::new("api_tier".to_string());
    let tier = RwSignal::new(ApiTier {
        name: String::new(),
        source: String::new(),
        quality: 2,
        ..ApiTier::default()
    });
    let price = RwSignal::new(CustomCloudPrice {
        provider: String::new(),
        gpu: "h100-sxm".into(),
        hourly_usd: 0.0,
        note: String::new(),
    });
    let gpu = RwSignal::new(GpuEntry {
        id: "".into(),
        name: "".into(),
        vram_gb: 0.0,
        bandwidth_gbs: 0.0,
        bf16_tflops: 0.0,
        fp8_tflops: None,
        tdp_w: 0.0,
        purchase_usd: None,
        source: "".into(),
        as_of: "".into(),
    });
    let errors = RwSignal::new(None::<AppError>);
    let status = RwSignal::new(None::<String>);
    let err = move |path: &'static str| {
        Signal::derive(move || {
            errors.with(|e| e.as_ref().and_then(|e| e.field(&format!("entry.{path}"))))
        })
    };
    let submit = move |_| {
        let item = match kind.get_untracked().as_str() {
            "cloud_price" => CustomItem::CloudPrice(price.get_untracked()),
            "gpu" => CustomItem::Gpu(gpu.get_untracked()),
            _ => CustomItem::ApiTier(tier.get_untracked()),
        };
        spawn_local(async move {
            match add_custom_entry(item).await {
                Ok(e) => {
                    if let Some(key) = &e.edit_key {
                        remember_in(Store::CatalogEntries, &e.id, key);
                    }
                    errors.set(None);
                    status.set(Some(format!("Added \"{}\".", e.item.name())));
                    version.update(|v| *v += 1);
                }
                Err(e) => {
                    status.set(Some(e.to_string()));
                    errors.set(Some(e));
                }
            }
        });
    };
    let gpus: Vec<(String, String)> = catalog::GPUS
        .iter()
        .map(|g| (g.id.to_string(), g.name.to_string()))
        .collect();
    view! {
        <div class="card add-custom" data-testid="add-custom">
            <h3>"Add an entry"</h3>
            <label class="inline">"Kind "
                <select on:change=move |ev| kind.set(event_target_value(&ev)) data-testid="custom-kind">
                    <option value="api_tier">"API price (e.g. a negotiated rate)"</option>
                    <option value="cloud_price">"Cloud GPU price (a quote)"</option>
                    <option value="gpu">"GPU (a private SKU)"</option>
                </select>
            </label>
            <div class="grid">
                {move || match kind.get().as_str() {
                    "cloud_price" => view! {
                        <TextField label="Provider" path="entry.provider" value=String::new() on_change=Callback::new(move |v| price.update(|p| p.provider = v))/>
                        <div class="field"><label for="entry-gpu">"GPU"</label>
                            <select id="entry-gpu" on:change=move |ev| price.update(|p| p.gpu = event_target_value(&ev))>
                                {gpus.iter().map(|(id, name)| view! { <option value=id.clone() selected=id == "h100-sxm">{name.clone()}</option> }).collect_view()}
                            </select></div>
                        <NumField label="Price" unit="$/GPU-hour" path="entry.hourly_usd" value=0.0 error=err("hourly_usd") on_change=Callback::new(move |v| price.update(|p| p.hourly_usd = v))/>
                        <TextField label="Note" path="entry.note" value=String::new() on_change=Callback::new(move |v| price.update(|p| p.note = v))/>
                    }.into_any(),
                    "gpu" => view! {
                        <TextField label="GPU name" path="entry.name" value=String::new() on_change=Callback::new(move |v: String| gpu.update(|g| g.name = v.into()))/>
                        <NumField label="VRAM" unit="GB" path="entry.vram_gb" value=0.0 error=err("vram_gb") on_change=Callback::new(move |v| gpu.update(|g| g.vram_gb = v))/>
                        <NumField label="Memory bandwidth" unit="GB/s" path="entry.bandwidth_gbs" value=0.0 error=err("bandwidth_gbs") on_change=Callback::new(move |v| gpu.update(|g| g.bandwidth_gbs = v))/>
                        <NumField label="Dense BF16" unit="TFLOP/s" path="entry.bf16_tflops" value=0.0 error=err("bf16_tflops") on_change=Callback::new(move |v| gpu.update(|g| g.bf16_tflops = v))/>
                        <NumField label="Power" unit="W (TDP)" path="entry.tdp_w" value=0.0 error=err("tdp_w") on_change=Callback::new(move |v| gpu.update(|g| g.tdp_w = v))/>
                        <TextField label="Source" path="entry.source" value=String::new() on_change=Callback::new(move |v: String| gpu.update(|g| g.source = v.into()))/>
                    }.into_any(),
                    _ => view! {
                        <TextField label="Tier name" path="entry.name" value=String::new() on_change=Callback::new(move |v| tier.update(|t| t.name = v))/>
                        <NumField label="Input price" unit="$/M tokens" path="entry.input_per_mtok" value=0.0 error=err("input_per_mtok") on_change=Callback::new(move |v| tier.update(|t| t.input_per_mtok = v))/>
                        <NumField label="Output price" unit="$/M tokens" path="entry.output_per_mtok" value=0.0 error=err("output_per_mtok") on_change=Callback::new(move |v| tier.update(|t| t.output_per_mtok = v))/>
                        <NumField label="Cache-read price" unit="$/M tokens" path="entry.cache_read_per_mtok" value=0.0 error=err("cache_read_per_mtok") on_change=Callback::new(move |v| tier.update(|t| t.cache_read_per_mtok = v))/>
                        <NumField label="Quality" unit="1 small, 2 mid, 3 frontier" path="entry.quality" value=2.0 error=err("quality") on_change=Callback::new(move |v: f64| tier.update(|t| t.quality = if (1.0..=3.0).contains(&v) { v as u8 } else { 0 }))/>
                        <TextField label="Source" path="entry.source" value=String::new() on_change=Callback::new(move |v| tier.update(|t| t.source = v))/>
                    }.into_any(),
                }}
            </div>
            <button type="button" class="primary" on:click=submit data-testid="custom-add">"Add to the catalog"</button>
            <p role="status" data-testid="custom-status">{move || status.get()}</p>
        </div>
    }
}
