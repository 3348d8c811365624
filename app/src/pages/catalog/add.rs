//! The form that adds a custom catalog entry (API tier, GPU or cloud price).

use crate::components::fields::{FieldErrors, NumField, TextField};
use crate::dto::{CustomCloudPrice, CustomItem};
use crate::error::AppError;
use crate::server_fns::add_custom_entry;
use engine::catalog::{self, GpuEntry};
use engine::custom::entry;
use engine::scenario::paths::{custom_gpu, tier};
use engine::scenario::ApiTier;
use leptos::prelude::*;
use leptos::task::spawn_local;

#[component]
pub(super) fn AddCustom(version: RwSignal<u32>, workspace: String) -> impl IntoView {
    let workspace = StoredValue::new(workspace);
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
    provide_context(FieldErrors(Callback::new(move |path: String| {
        errors.with(|e| e.as_ref().and_then(|e| e.field(&path)))
    })));
    let submit = move |_| {
        let item = match kind.get_untracked().as_str() {
            "cloud_price" => CustomItem::CloudPrice(price.get_untracked()),
            "gpu" => CustomItem::Gpu(gpu.get_untracked()),
            _ => CustomItem::ApiTier(tier.get_untracked()),
        };
        spawn_local(async move {
            match add_custom_entry(workspace.get_value(), item).await {
                Ok(e) => {
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
            <label class="inline">
                "Kind "
                <select
                    on:change=move |ev| kind.set(event_target_value(&ev))
                    data-testid="custom-kind"
                >
                    <option value="api_tier">"API price (e.g. a negotiated rate)"</option>
                    <option value="cloud_price">"Cloud GPU price (a quote)"</option>
                    <option value="gpu">"GPU (a private SKU)"</option>
                </select>
            </label>
            <div class="grid">
                {move || match kind.get().as_str() {
                    "cloud_price" => {
                        view! {
                            <TextField
                                label="Provider"
                                path=entry("provider")
                                value=String::new()
                                on_change=Callback::new(move |v| price.update(|p| p.provider = v))
                            />
                            <div class="field">
                                <label for="entry-gpu">"GPU"</label>
                                <select
                                    id="entry-gpu"
                                    on:change=move |ev| {
                                        price.update(|p| p.gpu = event_target_value(&ev))
                                    }
                                >
                                    {gpus
                                        .iter()
                                        .map(|(id, name)| {
                                            view! {
                                                <option value=id.clone() selected=id == "h100-sxm">
                                                    {name.clone()}
                                                </option>
                                            }
                                        })
                                        .collect_view()}
                                </select>
                            </div>
                            <NumField
                                label="Price"
                                unit="USD/GPU-hour"
                                path=entry("hourly_usd")
                                value=0.0
                                on_change=Callback::new(move |v| price.update(|p| p.hourly_usd = v))
                            />
                            <TextField
                                label="Note"
                                path=entry("note")
                                value=String::new()
                                on_change=Callback::new(move |v| price.update(|p| p.note = v))
                            />
                        }
                            .into_any()
                    }
                    "gpu" => {
                        view! {
                            <TextField
                                label="GPU name"
                                path=entry("name")
                                value=String::new()
                                on_change=Callback::new(move |v: String| {
                                    gpu.update(|g| g.name = v.into())
                                })
                            />
                            <NumField
                                label="VRAM"
                                unit="GB"
                                path=entry(custom_gpu::VRAM_GB)
                                value=0.0
                                on_change=Callback::new(move |v| gpu.update(|g| g.vram_gb = v))
                            />
                            <NumField
                                label="Memory bandwidth"
                                unit="GB/s"
                                path=entry(custom_gpu::BANDWIDTH_GBS)
                                value=0.0
                                on_change=Callback::new(move |v| {
                                    gpu.update(|g| g.bandwidth_gbs = v)
                                })
                            />
                            <NumField
                                label="Dense BF16"
                                unit="TFLOP/s"
                                path=entry(custom_gpu::BF16_TFLOPS)
                                value=0.0
                                on_change=Callback::new(move |v| gpu.update(|g| g.bf16_tflops = v))
                            />
                            <NumField
                                label="Power"
                                unit="W (TDP)"
                                path=entry(custom_gpu::TDP_W)
                                value=0.0
                                on_change=Callback::new(move |v| gpu.update(|g| g.tdp_w = v))
                            />
                            <TextField
                                label="Source"
                                path=entry("source")
                                value=String::new()
                                on_change=Callback::new(move |v: String| {
                                    gpu.update(|g| g.source = v.into())
                                })
                            />
                        }
                            .into_any()
                    }
                    _ => {
                        view! {
                            <TextField
                                label="Tier name"
                                path=entry("name")
                                value=String::new()
                                on_change=Callback::new(move |v| tier.update(|t| t.name = v))
                            />
                            <NumField
                                label="Input price"
                                unit="USD/M tokens"
                                path=entry(tier::INPUT_PER_MTOK)
                                value=0.0
                                on_change=Callback::new(move |v| {
                                    tier.update(|t| t.input_per_mtok = v)
                                })
                            />
                            <NumField
                                label="Output price"
                                unit="USD/M tokens"
                                path=entry(tier::OUTPUT_PER_MTOK)
                                value=0.0
                                on_change=Callback::new(move |v| {
                                    tier.update(|t| t.output_per_mtok = v)
                                })
                            />
                            <NumField
                                label="Cache-read price"
                                unit="USD/M tokens"
                                path=entry(tier::CACHE_READ_PER_MTOK)
                                value=0.0
                                on_change=Callback::new(move |v| {
                                    tier.update(|t| t.cache_read_per_mtok = v)
                                })
                            />
                            <NumField
                                label="Quality"
                                unit="1 small, 2 mid, 3 frontier"
                                path=entry(tier::QUALITY)
                                value=2.0
                                on_change=Callback::new(move |v: f64| {
                                    tier.update(|t| {
                                        t.quality = if (1.0..=3.0).contains(&v) {
                                            v as u8
                                        } else {
                                            0
                                        };
                                    })
                                })
                            />
                            <TextField
                                label="Source"
                                path=entry("source")
                                value=String::new()
                                on_change=Callback::new(move |v| tier.update(|t| t.source = v))
                            />
                        }
                            .into_any()
                    }
                }}
            </div>
            <button type="button" class="primary" on:click=submit data-testid="custom-add">
                "Add to the catalog"
            </button>
            <p role="status" data-testid="custom-status">
                {move || status.get()}
            </p>
        </div>
    }
}
