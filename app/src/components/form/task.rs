//! One task type of the workload: its fields and its row actions.

use super::{more, Ctx};
use crate::components::fields::{NumField, SelectField, TextField};
use engine::scenario::paths;
use leptos::prelude::*;

#[component]
pub(super) fn TaskRow(ctx: Ctx, i: usize) -> impl IntoView {
    let list = ctx.doc.with_untracked(|d| d.task_types.clone());
    let n = list.len();
    list.get(i).cloned().map(move |t| {
        let p = move |f: &str| paths::task::at(i, f);
        view! {
            <div class="row card" data-testid=format!("task-{i}")>
                <TextField
                    label="Task type"
                    path=p(paths::task::NAME)
                    value=t.name.clone()
                    read_only=ctx.read_only
                    on_change=ctx
                        .text(move |d, v| {
                            if let Some(t) = d.task_types.get_mut(i) {
                                t.name = v;
                            }
                        })
                />
                <NumField
                    label="Calls per month"
                    unit="calls/month"
                    path=p(paths::task::CALLS_PER_MONTH)
                    value=t.calls_per_month
                    read_only=ctx.read_only
                    on_change=ctx
                        .num(move |d, v| {
                            if let Some(t) = d.task_types.get_mut(i) {
                                t.calls_per_month = v;
                            }
                        })
                />
                <NumField
                    label="Input tokens per call"
                    unit="tokens"
                    path=p(paths::task::INPUT_TOKENS)
                    value=t.input_tokens
                    read_only=ctx.read_only
                    on_change=ctx
                        .num(move |d, v| {
                            if let Some(t) = d.task_types.get_mut(i) {
                                t.input_tokens = v;
                            }
                        })
                />
                <NumField
                    label="Output tokens per call"
                    unit="tokens"
                    path=p(paths::task::OUTPUT_TOKENS)
                    value=t.output_tokens
                    read_only=ctx.read_only
                    on_change=ctx
                        .num(move |d, v| {
                            if let Some(t) = d.task_types.get_mut(i) {
                                t.output_tokens = v;
                            }
                        })
                />
                <NumField
                    label="Peak-to-average load"
                    unit="x"
                    path=p(paths::task::PEAK_TO_AVERAGE)
                    value=t.peak_to_average
                    read_only=ctx.read_only
                    on_change=ctx
                        .num(move |d, v| {
                            if let Some(t) = d.task_types.get_mut(i) {
                                t.peak_to_average = v;
                            }
                        })
                />
                <SelectField
                    label="Lowest quality that may serve it"
                    path=p(paths::task::QUALITY_FLOOR)
                    read_only=ctx.read_only
                    options=vec![
                        ("1".into(), "1: small model is fine".into()),
                        ("2".into(), "2: mid (Sonnet-class)".into()),
                        ("3".into(), "3: frontier (Opus-class)".into()),
                    ]
                    selected=t.quality_floor.to_string()
                    on_change=ctx
                        .text(move |d, v| {
                            if let (Some(t), Ok(q)) = (d.task_types.get_mut(i), v.parse()) {
                                t.quality_floor = q;
                            }
                        })
                />
                {super::latency::latency(ctx, i, &t)}
                {more::task(ctx, i, &t)}
                <Measured ctx=ctx i=i />
                {(!ctx.read_only)
                    .then(|| {
                        view! {
                            <div class="row-actions">
                                <button
                                    type="button"
                                    class="secondary"
                                    aria-label=format!("Duplicate task type {}", i + 1)
                                    on:click=move |_| { ctx.restructure(|d| d.duplicate_task(i)) }
                                >
                                    "Duplicate"
                                </button>
                                {(i > 0)
                                    .then(|| {
                                        view! {
                                            <button
                                                type="button"
                                                class="secondary"
                                                aria-label=format!("Move task type {} up", i + 1)
                                                on:click=move |_| { ctx.restructure(|d| d.move_task_up(i)) }
                                            >
                                                "Move up"
                                            </button>
                                        }
                                    })}
                                {(i + 1 < n)
                                    .then(|| {
                                        view! {
                                            <button
                                                type="button"
                                                class="secondary"
                                                aria-label=format!("Move task type {} down", i + 1)
                                                on:click=move |_| {
                                                    ctx.restructure(|d| d.move_task_down(i))
                                                }
                                            >
                                                "Move down"
                                            </button>
                                        }
                                    })}
                                {(n > 1)
                                    .then(|| {
                                        view! {
                                            <button
                                                type="button"
                                                class="danger"
                                                aria-label=format!("Remove task type {}", i + 1)
                                                on:click=move |_| {
                                                    ctx.remove(|d| d.remove_task(i), "fs-tasks")
                                                }
                                            >
                                                "Remove"
                                            </button>
                                        }
                                    })}
                            </div>
                        }
                    })}
            </div>
        }
    })
}

/// Where a task type's numbers came from, when a usage import measured them: each
/// measured field with its source, and a field typed over since with what was measured.
#[component]
fn Measured(ctx: Ctx, i: usize) -> impl IntoView {
    use engine::scenario::FieldOrigin;
    let lines = move || {
        ctx.doc.with(|d| {
            let Some(t) = d.task_types.get(i) else {
                return Vec::new();
            };
            t.measured
                .iter()
                .map(|m| match t.origin(&m.field) {
                    FieldOrigin::TypedOver(m) => (
                        m.field.clone(),
                        format!("typed by you; {}", m.typed_over()),
                        true,
                    ),
                    _ => (m.field.clone(), m.source.clone(), false),
                })
                .collect::<Vec<_>>()
        })
    };
    move || {
        let l = lines();
        (!l.is_empty()).then(|| {
            view! {
                <details class="more provenance" data-testid=format!("task-{i}-provenance")>
                    <summary>"Measured from usage: where each number comes from"</summary>
                    <ul>
                        {l
                            .into_iter()
                            .map(|(field, why, typed)| {
                                view! {
                                    <li class:typed=typed>
                                        {engine::scenario::paths::task_label(&field).to_string()}
                                        ": " {why}
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                </details>
            }
        })
    }
}
