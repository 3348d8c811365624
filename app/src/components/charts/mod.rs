//! The live chart: redrawn by the server on every edit (coalesced; a late answer never
//! replaces a newer one), with a legend that hides and shows series, an adjustable
//! volume range, and the exact values under the cursor (or under a keyboard slider).

use crate::dto::{ChartKind, ChartOptions, DrawnChart, Shown};
use crate::format::money;
use engine::fmt_num;
use leptos::prelude::*;

mod controls;
mod exports;
mod fit;
mod hover;
mod live;
use controls::AxisControls;
use hover::{cursor_style, nearest, volume_at};
pub use live::{use_live, LiveSignals, NumbersMissing};

#[component]
pub fn ChartPanel(
    chart: RwSignal<Option<DrawnChart>>,
    opts: RwSignal<ChartOptions>,
    #[prop(optional, into)] exports: Option<String>,
    /// The current numbers: while they cannot be computed, the chart (the last one that
    /// could be drawn) is dimmed and says so, never shown as current.
    #[prop(optional)]
    shown: Option<RwSignal<Shown>>,
) -> impl IntoView {
    // Stale while the inputs are refused, or while a field holds text that is not a
    // number (the chart is of the last number it held).
    let pending = use_context::<crate::components::fields::PendingText>();
    let stale = move || {
        shown.is_some_and(|e| e.with(|e| matches!(e, Shown::Invalid(_))))
            || pending.is_some_and(|p| !p.is_empty())
    };
    let hover = RwSignal::new(None::<usize>);
    let frame = NodeRef::<leptos::html::Div>::new();
    let on_move = move |ev: leptos::ev::MouseEvent| {
        let Some(el) = frame.get() else { return };
        let rect = el.get_bounding_client_rect();
        chart.with(|c| {
            let Some(c) = c else { return };
            if c.hover_x.is_empty() || rect.width() <= 0.0 {
                return;
            }
            // The drawing's own size: the options may already ask for another one.
            let scale = rect.width() / opts.with_untracked(|o| c.size(o)).0;
            let px = (f64::from(ev.client_x()) - rect.left()) / scale;
            let py = (f64::from(ev.client_y()) - rect.top()) / scale;
            // Over the title, the key or the axes' labels the readout stays as it is
            // (the mouse's last volume, or the slider's); leaving the chart clears it.
            if let Some(i) = volume_at(c, px, py).and_then(|x| nearest(&c.hover_x, x)) {
                hover.set(Some(i));
            }
        });
    };
    // The line under the volume the readout names (the mouse's or the slider's), from
    // the plot's top to its bottom: never across the title or the key.
    let cursor = move || {
        chart.with(|c| {
            let c = c.as_ref()?;
            let x = *c.hover_x.get(hover.get()?)?;
            let (w, h) = opts.with(|o| c.size(o));
            cursor_style(c, x, w, h)
        })
    };
    let readout = move || {
        chart.with(|c| {
            let c = c.as_ref()?;
            let i = hover.get()?;
            let x = *c.hover_x.get(i)?;
            // (name, cost (none past a fixed size's capacity), meets the quality floor)
            let costs: Vec<(String, Option<f64>, bool)> = c
                .hover_series
                .iter()
                .enumerate()
                .filter_map(|(s, (n, ys))| {
                    ys.get(i)
                        .map(|y| (n.clone(), *y, c.hover_ok.get(s).copied().unwrap_or(true)))
                })
                .collect();
            // By position: two options may share a name.
            let best = costs
                .iter()
                .enumerate()
                .filter_map(|(k, c)| Some((k, c.1.filter(|_| c.2)?)))
                .min_by(|a, b| a.1.total_cmp(&b.1))
                .map(|(k, _)| k);
            Some(view! {
                <div class="readout" data-testid="hover-readout" role="status">
                    <strong>{fmt_num(x)}" "{c.x_label.clone()}</strong>
                    <ul>
                        {costs
                            .into_iter()
                            .enumerate()
                            .map(|(k, (n, y, ok))| {
                                let is_best = best == Some(k);
                                let note = if is_best {
                                    " (cheapest)"
                                } else if !ok {
                                    " (under the quality floor)"
                                } else {
                                    ""
                                };
                                let cost = match y {
                                    Some(y) => format!("{}/month", money(y)),
                                    None => {
                                        "full (its fixed replicas cannot carry this volume)".into()
                                    }
                                };
                                view! { <li class:best=is_best>{n}": "{cost}{note}</li> }
                            })
                            .collect_view()}
                    </ul>
                </div>
            })
        })
    };
    fit::keep_fitted(frame, opts);
    // Whether the chart shown was drawn for a narrow box (not the size asked for, which
    // leads it by a round trip, or for good when that answer is refused).
    let fitted = Memo::new(move |_| {
        chart.with(|c| {
            c.as_ref()
                .is_some_and(|c| fit::fitted(c.size(&opts.get()).0 as u32))
        })
    });
    let set_kind = move |k: ChartKind| opts.update(|o| o.kind = k);
    // Arrow keys, Home and End move between the chart tabs (and the focus with them).
    let on_tab_key = move |ev: leptos::ev::KeyboardEvent| {
        let all = ChartKind::ALL;
        let now = opts.with_untracked(|o| o.kind);
        let at = all.iter().position(|k| *k == now).unwrap_or(0);
        let next = match ev.key().as_str() {
            "ArrowRight" | "ArrowDown" => (at + 1) % all.len(),
            "ArrowLeft" | "ArrowUp" => (at + all.len() - 1) % all.len(),
            "Home" => 0,
            "End" => all.len() - 1,
            _ => return,
        };
        ev.prevent_default();
        set_kind(all[next]);
        #[cfg(feature = "hydrate")]
        {
            use wasm_bindgen::JsCast;
            if let Some(el) = document()
                .get_element_by_id(&format!("tab-{}", all[next].slug()))
                .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
            {
                let _ = el.focus();
            }
        }
    };
    view! {
        <section class="charts" aria-labelledby="charts-h">
            <h2 id="charts-h">"Charts"</h2>
            <div class="tabs" role="tablist" aria-label="Chart" on:keydown=on_tab_key>
                {ChartKind::ALL
                    .into_iter()
                    .map(|k| {
                        view! {
                            <button
                                type="button"
                                role="tab"
                                id=format!("tab-{}", k.slug())
                                data-testid=format!("tab-{}", k.slug())
                                tabindex=move || if opts.with(|o| o.kind) == k { "0" } else { "-1" }
                                aria-selected=move || (opts.with(|o| o.kind) == k).to_string()
                                on:click=move |_| set_kind(k)
                            >
                                {k.title()}
                            </button>
                        }
                    })
                    .collect_view()}
            </div>
            {move || {
                (opts.with(|o| o.kind) == ChartKind::BreakEven)
                    .then(|| {
                        view! { <AxisControls chart=chart opts=opts /> }
                    })
            }}
            <div class="legend" data-testid="legend">
                {move || {
                    chart
                        .with(|c| c.as_ref().map(|c| c.legend.clone()).unwrap_or_default())
                        .into_iter()
                        .map(|l| {
                            let key = l.key.clone();
                            let hidden = l.hidden;
                            view! {
                                <button
                                    type="button"
                                    class="legend-item"
                                    aria-pressed=(!hidden).to_string()
                                    title=if hidden {
                                        "Show this series"
                                    } else {
                                        "Hide this series"
                                    }
                                    on:click=move |_| {
                                        let key = key.clone();
                                        opts.update(|o| {
                                            if o.hidden.contains(&key) {
                                                o.hidden.retain(|h| *h != key)
                                            } else {
                                                o.hidden.push(key)
                                            }
                                        });
                                    }
                                >
                                    <span
                                        class="swatch"
                                        style=format!("background:{}", l.color)
                                    ></span>
                                    {l.name}
                                </button>
                            }
                        })
                        .collect_view()
                }}
            </div>
            {move || {
                stale()
                    .then(|| {
                        view! {
                            <p class="chart-stale" role="status" data-testid="chart-stale">
                                "This chart shows the last inputs that could be computed: fix the marked fields to update it."
                            </p>
                        }
                    })
            }}
            // On a phone, until the chart is drawn for the screen (and on a page without
            // its client), it keeps a readable width and scrolls sideways, and says so.
            {move || {
                (!fitted.get())
                    .then(|| {
                        view! {
                            <p class="chart-scroll-hint">
                                "The chart is wider than the screen: scroll it sideways to see all of it."
                            </p>
                        }
                    })
            }}
            <div class="chart-scroll">
                <div
                    class="chart-frame"
                    class:fitted=move || fitted.get()
                    class:stale=stale
                    node_ref=frame
                    data-testid="chart"
                    on:mousemove=on_move
                    on:mouseleave=move |_| {
                        let keyboard = document()
                            .active_element()
                            .is_some_and(|el| el.id() == "inspect");
                        if !keyboard {
                            hover.set(None);
                        }
                    }
                >
                    <div
                        class="chart-svg"
                        inner_html=move || {
                            chart.with(|c| c.as_ref().map(|c| c.svg.clone()).unwrap_or_default())
                        }
                    ></div>
                    {move || cursor().map(|style| view! { <div class="cursor" style=style></div> })}
                    {move || {
                        chart
                            .with(|c| c.is_none())
                            .then(|| view! { <p class="chart-wait">"Drawing the chart..."</p> })
                    }}
                </div>
            </div>
            {move || {
                chart
                    .with(|c| c.as_ref().is_some_and(|c| !c.hover_x.is_empty()))
                    .then(|| {
                        view! {
                            <label for="inspect" class="inspect">
                                "Inspect a volume (keyboard)"
                            </label>
                            <input
                                id="inspect"
                                type="range"
                                aria-valuetext=move || {
                                    chart
                                        .with(|c| {
                                            let c = c.as_ref()?;
                                            let x = c.hover_x.get(hover.get().unwrap_or(c.hover_now))?;
                                            Some(format!("{} {}", fmt_num(*x), c.x_label))
                                        })
                                        .unwrap_or_default()
                                }
                                // Focus shows the line where the slider stands (at
                                // "now", too, which no key would change yet).
                                on:focus=move |ev| {
                                    if hover.get_untracked().is_none() {
                                        hover.set(event_target_value(&ev).parse().ok());
                                    }
                                }
                                min="0"
                                max=move || {
                                    chart
                                        .with(|c| c.as_ref().map_or(0, |c| c.hover_x.len()))
                                        .saturating_sub(1)
                                }
                                // At rest on the scenario's own volume ("now").
                                prop:value=move || {
                                    hover
                                        .get()
                                        .or_else(|| chart.with(|c| c.as_ref().map(|c| c.hover_now)))
                                        .unwrap_or(0)
                                        .to_string()
                                }
                                aria-keyshortcuts="PageUp PageDown Home End"
                                on:input=move |ev| hover.set(event_target_value(&ev).parse().ok())
                                on:keydown=move |ev: leptos::ev::KeyboardEvent| {
                                    let step: i32 = match ev.key().as_str() {
                                        "PageUp" => 16,
                                        "PageDown" => -16,
                                        _ => return,
                                    };
                                    ev.prevent_default();
                                    let el = event_target::<web_sys::HtmlInputElement>(&ev);
                                    let now: i32 = el.value().parse().unwrap_or(0);
                                    let last: i32 = el.max().parse().unwrap_or(0);
                                    let next = (now + step).clamp(0, last.max(0));
                                    el.set_value(&next.to_string());
                                    hover.set(Some(next as usize));
                                }
                            />
                        }
                    })
            }}
            {readout}
            {exports.filter(|base| !base.is_empty()).map(|base| exports::links(base, opts))}
        </section>
    }
}
