//! A task type's latency targets: a preset by kind of task (with its reasoning) or the
//! two p95 figures typed; empty means no target.

use super::Ctx;
use crate::components::fields::{NumField, SelectField};
use engine::latency::PRESETS;
use engine::scenario::{paths, TaskType};
use leptos::prelude::*;

const CUSTOM: &str = "custom";

/// The preset whose targets the task type holds, if any.
fn preset_of(t: &TaskType) -> Option<&'static engine::latency::Preset> {
    PRESETS
        .iter()
        .find(|p| p.ttft_ms == t.ttft_p95_ms && p.tpot_ms == t.tpot_p95_ms)
}

pub(super) fn latency(ctx: Ctx, i: usize, t: &TaskType) -> impl IntoView {
    let p = move |f: &str| paths::task::at(i, f);
    let preset = preset_of(t);
    let mut options: Vec<(String, String)> = PRESETS
        .iter()
        .map(|p| {
            let label = match (p.ttft_ms, p.tpot_ms) {
                (Some(a), Some(b)) => format!("{}: {a:.0} ms first token, {b:.0} ms/token", p.name),
                _ => format!("{}: no target", p.name),
            };
            (p.id.to_string(), label)
        })
        .collect();
    options.push((CUSTOM.into(), "Typed targets".into()));
    let selected = preset.map_or(CUSTOM, |p| p.id).to_string();
    let why = preset.map_or_else(
        || "Your own p95 targets. Leave a field empty for no target.".to_string(),
        |p| p.why.to_string(),
    );
    let set = move |f: fn(&mut TaskType, Option<f64>)| {
        let doc = ctx.doc;
        (
            Callback::new(move |v: f64| {
                doc.update(|d| {
                    if let Some(t) = d.task_types.get_mut(i) {
                        f(t, Some(v));
                    }
                })
            }),
            Callback::new(move |()| {
                doc.update(|d| {
                    if let Some(t) = d.task_types.get_mut(i) {
                        f(t, None);
                    }
                })
            }),
        )
    };
    let (ttft_set, ttft_clear) = set(|t, v| t.ttft_p95_ms = v);
    let (tpot_set, tpot_clear) = set(|t, v| t.tpot_p95_ms = v);
    view! {
        <div class="latency-targets" data-testid=format!("latency-{i}")>
            <SelectField
                label="Latency the product needs"
                path=p("latency_preset")
                read_only=ctx.read_only
                options=options
                selected=selected
                on_change=Callback::new(move |id: String| {
                    if let Some(pr) = PRESETS.iter().find(|p| p.id == id) {
                        ctx.restructure(|d| {
                            if let Some(t) = d.task_types.get_mut(i) {
                                t.ttft_p95_ms = pr.ttft_ms;
                                t.tpot_p95_ms = pr.tpot_ms;
                            }
                        });
                    }
                })
            />
            <NumField
                label="p95 time to first token"
                unit="ms"
                path=p(paths::task::TTFT_P95_MS)
                value=t.ttft_p95_ms.unwrap_or(0.0)
                blank=t.ttft_p95_ms.is_none()
                read_only=ctx.read_only
                on_change=ttft_set
                on_clear=ttft_clear
                hint="empty: no target"
            />
            <NumField
                label="p95 time per output token"
                unit="ms"
                path=p(paths::task::TPOT_P95_MS)
                value=t.tpot_p95_ms.unwrap_or(0.0)
                blank=t.tpot_p95_ms.is_none()
                read_only=ctx.read_only
                on_change=tpot_set
                on_clear=tpot_clear
                hint="empty: no target"
            />
            <small class="hint latency-why">{why}</small>
        </div>
    }
}
