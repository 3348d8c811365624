//! A workspace's custom catalog entries; its members may delete one, after a confirm.

use crate::dto::{CustomEntry, CustomItem};
use crate::server_fns::delete_custom_entry;
use engine::catalog::{self};
use engine::fmt_num;
use leptos::prelude::*;
use leptos::task::spawn_local;

#[component]
pub(super) fn CustomTable(
    rows: Vec<CustomEntry>,
    version: RwSignal<u32>,
    /// The workspace's token: deleting needs it. `None`: a read-only listing.
    workspace: Option<String>,
) -> impl IntoView {
    let workspace = StoredValue::new(workspace);
    let status = RwSignal::new(None::<String>);
    // The entry whose delete waits for a second click.
    let confirming = RwSignal::new(None::<String>);
    let remove = move |id: String| {
        let Some(ws) = workspace.get_value() else {
            return;
        };
        spawn_local(async move {
            match delete_custom_entry(ws, id).await {
                Ok(()) => {
                    status.set(None);
                    confirming.set(None);
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
                        let name = e.item.name().to_string();
                        let asking = {
                            let id = id.clone();
                            move || confirming.with(|c| c.as_deref() == Some(id.as_str()))
                        };
                        let by = (!e.author.is_empty()).then(|| format!(" by {}", e.author));
                        view! {
                            <tr>
                                <td>
                                    <span class="badge custom">"custom"</span>
                                    " "
                                    {kind}
                                </td>
                                <th scope="row">{e.item.name()}</th>
                                <td>{details}</td>
                                <td>{crate::format::date(&e.created_at)}{by}</td>
                                <td>
                                    {workspace
                                        .get_value()
                                        .is_some()
                                        .then(|| {
                                            let (id1, id2) = (id.clone(), id.clone());
                                            view! {
                                                <Show
                                                    when=asking.clone()
                                                    fallback=move || {
                                                        let id = id1.clone();
                                                        view! {
                                                            <button
                                                                type="button"
                                                                class="danger"
                                                                aria-label=format!("Delete {}", name)
                                                                on:click=move |_| confirming.set(Some(id.clone()))
                                                            >
                                                                "Delete"
                                                            </button>
                                                        }
                                                    }
                                                >
                                                    <span class="confirm" role="group">
                                                        "Delete for everyone in this workspace? "
                                                        <button
                                                            type="button"
                                                            class="danger"
                                                            data-testid="confirm-delete"
                                                            on:click={
                                                                let id = id2.clone();
                                                                move |_| remove(id.clone())
                                                            }
                                                        >
                                                            "Yes, delete"
                                                        </button>
                                                        " "
                                                        <button
                                                            type="button"
                                                            on:click=move |_| confirming.set(None)
                                                        >
                                                            "Keep"
                                                        </button>
                                                    </span>
                                                </Show>
                                            }
                                        })}
                                </td>
                            </tr>
                        }
                    })
                    .collect_view()}
            </tbody>
        </table>
    }
}
