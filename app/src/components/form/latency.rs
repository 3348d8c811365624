//! A task type's latency targets: a preset by kind of task (with its reasoning) or the
//! two p95 figures typed; empty means no target.

use super::Ctx;
use crate::components::fields::{NumField, SelectField};
use engine::latency::PRESETS;
use engine::scenario::{paths, TaskType};
use leptos::prelude::*;

const CUSTOM: &str = "custom";

/// The preset whose targets these are, if any.
fn preset_of(targets: (Option<f64>, Option<f64>)) -> Option<&'static engine::latency::Preset> {
    PRESETS.iter().find(|p| (p.ttft_ms, p.tpot_ms) == targets)
}

fn options() -> Vec<(String, String)> {
    let mut options: Vec<(String, String)> = PRESETS
        .iter()
        .map(|p| {
            let label = match (p.ttft_ms, p.tpot_ms) {
                (Some(a), Some(b)) => format!("{}: {a:.0} / {b:.0} ms", p.name),
                _ => format!("{}: none", p.name),
            };
            (p.id.to_string(), label)
        })
        .collect();
    options.push((CUSTOM.into(), "Typed targets".into()));
    options
}

pub(super) fn latency(ctx: Ctx, i: usize, t: &TaskType) -> impl IntoView {
    let p = move |f: &str| paths::task::at(i, f);
    let set = move |field: &'static str, f: fn(&mut TaskType, Option<f64>)| {
        let doc = ctx.doc;
        (
            Callback::new(move |v: f64| {
                doc.update(|d| {
                    if let Some(t) = d.task_types.get_mut(i) {
                        f(t, Some(v));
                    }
                })
            }),
            // A target emptied takes its uncertainty range with it; only then are the
            // form's rows laid out again, and the field being typed in gets its focus back.
            Callback::new(move |()| {
                let Some(mut t) = doc.with_untracked(|d| d.task_types.get(i).cloned()) else {
                    return;
                };
                f(&mut t, None);
                let (ttft, tpot) = (t.ttft_p95_ms, t.tpot_p95_ms);
                let ranged = doc.with_untracked(|d| d.clone().set_targets(i, ttft, tpot));
                if ranged {
                    ctx.restructure_from(
                        |d| {
                            d.set_targets(i, ttft, tpot);
                        },
                        p(field),
                    );
                } else {
                    doc.update(|d| {
                        d.set_targets(i, ttft, tpot);
                    });
                }
            }),
        )
    };
    let (ttft_set, ttft_clear) = set(paths::task::TTFT_P95_MS, |t, v| t.ttft_p95_ms = v);
    let (tpot_set, tpot_clear) = set(paths::task::TPOT_P95_MS, |t, v| t.tpot_p95_ms = v);
    // Follows the two fields: typing a target shows "Typed targets" and its hint.
    let targets = Memo::new(move |_| {
        ctx.doc.with(|d| {
            d.task_types
                .get(i)
                .map_or((None, None), |t| (t.ttft_p95_ms, t.tpot_p95_ms))
        })
    });
    // "Typed targets" picked while the values still match a preset: the fields are the
    // user's to type; the select and the hint say so until a preset is picked.
    let typing = RwSignal::new(false);
    let shown = move || {
        if typing.get() {
            None
        } else {
            preset_of(targets.get())
        }
    };
    let why = move || {
        shown().map_or(
            "Your own p95 targets. Leave a field empty for no target.",
            |p| p.why,
        )
    };
    view! {
        <div class="latency-targets" data-testid=format!("latency-{i}")>
            {move || {
                let selected = shown().map_or(CUSTOM, |p| p.id).to_string();
                view! {
                    <SelectField
                        label="Latency the product needs"
                        path=p("latency_preset")
                        read_only=ctx.read_only
                        options=options()
                        selected=selected
                        on_change=Callback::new(move |id: String| {
                            typing.set(id == CUSTOM);
                            if let Some(pr) = PRESETS.iter().find(|p| p.id == id) {
                                ctx.restructure(|d| {
                                    d.set_targets(i, pr.ttft_ms, pr.tpot_ms);
                                });
                            }
                        })
                    />
                }
            }}
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
