//! The team's custom catalog entries, with delete for the browser that holds the key.

use crate::components::keys::{known_in, Store};
use crate::dto::{CustomEntry, CustomItem};
use crate::server_fns::delete_custom_entry;
use engine::catalog::{self};
use engine::fmt_num;
use leptos::prelude::*;
use leptos::task::spawn_local;

#[component]
pub(super) fn CustomTable(rows: Vec<CustomEntry>, version: RwSignal<u32>) -> impl IntoView {
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
        {move || {
            status
                .get()
                .map(|m| {
                    view! {
                        <p class="notice warn" role="alert">
                            {m}
                        </p>
                    }
                })
        }}
        <table class="list custom" data-testid="custom-entries">
            <thead>
                <tr>
                    <th scope="col">"Kind"</th>
                    <th scope="col">"Entry"</th>
                    <th scope="col">"Details"</th>
                    <th scope="col">"Added"</th>
                    <th scope="col">""</th>
                </tr>
            </thead>
            <tbody>
                {rows
                    .into_iter()
                    .map(|e| {
                        let (kind, details) = match &e.item {
                            CustomItem::ApiTier(t) => {
                                (
                                    "API price",
                                    format!(
                                        "${}/M input, ${}/M output, ${}/M cache read; {}",
                                        fmt_num(t.input_per_mtok),
                                        fmt_num(t.output_per_mtok),
                                        fmt_num(t.cache_read_per_mtok),
                                        t.source,
                                    ),
                                )
                            }
                            CustomItem::CloudPrice(p) => {
                                (
                                    "Cloud price",
                                    format!(
                                        "{} on {}: ${}/GPU-hour{}",
                                        p.provider,
                                        catalog::gpu(&p.gpu)
                                            .map(|g| g.name.to_string())
                                            .unwrap_or_else(|| p.gpu.clone()),
                                        fmt_num(p.hourly_usd),
                                        if p.note.is_empty() {
                                            String::new()
                                        } else {
                                            format!("; {}", p.note)
                                        },
                                    ),
                                )
                            }
                            CustomItem::Gpu(g) => {
                                (
                                    "GPU",
                                    format!(
                                        "{} GB, {} GB/s, {} BF16 TFLOP/s, {} W; {}",
                                        fmt_num(g.vram_gb),
                                        fmt_num(g.bandwidth_gbs),
                                        fmt_num(g.bf16_tflops),
                                        fmt_num(g.tdp_w),
                                        g.source,
                                    ),
                                )
                            }
                        };
                        let id = e.id.clone();
                        let own = {
                            let id = id.clone();
                            move || keys.with(|k| k.contains_key(&id))
                        };
                        let name = e.item.name().to_string();
                        view! {
                            <tr>
                                <td>
                                    <span class="badge custom">"custom"</span>
                                    " "
                                    {kind}
                                </td>
                                <th scope="row">{e.item.name()}</th>
                                <td>{details}</td>
                                <td>{crate::format::date(&e.created_at)}</td>
                                <td>
                                    <Show
                                        when=own.clone()
                                        fallback=|| {
                                            view! {
                                                <span
                                                    class="fineprint"
                                                    title="Only the browser that added an entry holds its delete key"
                                                >
                                                    "added elsewhere"
                                                </span>
                                            }
                                        }
                                    >
                                        <button
                                            type="button"
                                            class="danger"
                                            aria-label=format!("Delete {name}")
                                            on:click={
                                                let id = id.clone();
                                                move |_| remove(id.clone())
                                            }
                                        >
                                            "Delete"
                                        </button>
                                    </Show>
                                </td>
                            </tr>
                        }
                    })
                    .collect_view()}
            </tbody>
        </table>
    }
}
