//! The break-even chart's axis controls: calls or output tokens, log scale, and how far
//! the volume axis goes ("Up to", in the axis' unit; text that is not a volume is said so
//! at the field and changes nothing).

use crate::dto::{ChartOptions, DrawnChart, VolumeAxis};
use engine::fmt_num;
use leptos::prelude::*;

#[component]
pub(super) fn AxisControls(
    chart: RwSignal<Option<DrawnChart>>,
    opts: RwSignal<ChartOptions>,
) -> impl IntoView {
    // "Up to" speaks the axis' unit: output tokens on the tokens axis (the chart says how
    // many per call), calls otherwise.
    let per_call = move || {
        chart
            .with(|c| c.as_ref().map(|c| c.x_per_call))
            .filter(|p| p.is_finite() && *p > 0.0)
            .unwrap_or(1.0)
    };
    // Why the "Up to" text was not taken (the range stays as it was).
    let max_error = RwSignal::new(None::<&'static str>);
    let axis_unit = move || {
        chart
            .with(|c| c.as_ref().map(|c| c.x_label.clone()))
            .filter(|l| !l.is_empty())
            .unwrap_or_else(|| "calls / month".into())
    };
    view! {
        <div class="chart-controls">
            <label for="chart-axis">"Volume axis"</label>
            <select
                id="chart-axis"
                on:change=move |ev| {
                    let v = event_target_value(&ev);
                    opts.update(|o| {
                        o.axis = if v == "tokens" {
                            VolumeAxis::OutputTokens
                        } else {
                            VolumeAxis::Calls
                        };
                    });
                }
            >
                <option value="calls" selected=move || opts.with(|o| o.axis == VolumeAxis::Calls)>
                    "calls / month"
                </option>
                <option
                    value="tokens"
                    selected=move || { opts.with(|o| o.axis == VolumeAxis::OutputTokens) }
                >
                    "output tokens / month"
                </option>
            </select>
            <span class="control">
                <input
                    type="checkbox"
                    id="chart-log"
                    prop:checked=move || opts.with(|o| o.log_x)
                    on:change=move |ev| {
                        let on = event_target_checked(&ev);
                        opts.update(|o| o.log_x = on)
                    }
                />
                <label for="chart-log">"log scale"</label>
            </span>
            <span class="control">
                <label for="chart-max">"Up to"</label>
                <input
                    id="chart-max"
                    type="text"
                    inputmode="decimal"
                    placeholder="auto"
                    size="14"
                    aria-invalid=move || max_error.get().is_some().to_string()
                    aria-describedby="chart-max-err"
                    prop:value=move || {
                        opts.with(|o| o.max_calls)
                            .map(|m| fmt_num(m * per_call()))
                            .unwrap_or_default()
                    }
                    on:change=move |ev| {
                        let text = event_target_value(&ev);
                        let max = match crate::typed::parse_number(&text) {
                            _ if text.trim().is_empty() => Ok(None),
                            Ok(x) if x > 0.0 => Ok(Some(x / per_call())),
                            Ok(_) => Err("enter a volume above 0, or leave it empty"),
                            Err(why) => Err(why),
                        };
                        match max {
                            Ok(max) => {
                                max_error.set(None);
                                opts.update(|o| o.max_calls = max);
                            }
                            Err(why) => max_error.set(Some(why)),
                        }
                    }
                />
                <span class="unit">{axis_unit}</span>
            </span>
            <span class="field-error" id="chart-max-err" role="alert">
                {move || max_error.get()}
            </span>
        </div>
    }
}
