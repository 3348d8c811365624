//! "Use this workload": a new scenario from the measured workload, or over a scenario's
//! workload, then its back-test where the files count requests over time.

use super::backtest::BacktestPanel;
use super::unavailable;
use crate::dto::{Access, UsageApplied, UsageTarget};
use crate::usage_fns::usage_apply;
use leptos::prelude::*;

/// Why the workload cannot be used while a calls field holds text that is no count.
const UNFIXED: &str =
    "A calls-a-month field above holds text that is not a number of calls: fix or clear it first, or its group is left out";

/// "Create a scenario from this usage" and "replace the workload of scenario X".
#[component]
pub(super) fn Actions(
    token: String,
    ids: Vec<String>,
    calls: unavailable::TypedCalls,
    /// Text in a calls field that is no count: nothing is used until it is fixed.
    bad: unavailable::BadCalls,
    /// Whether the files count requests over time: else no back-test is offered.
    has_load: bool,
) -> impl IntoView {
    let template = RwSignal::new("sonnet-vs-2xa100".to_string());
    let target = RwSignal::new(String::new());
    let result = RwSignal::new(None::<Result<UsageApplied, String>>);
    // The template a scenario was last created with from this usage: pressing Create
    // again with it would only make a twin (its link is shown below).
    let made = RwSignal::new(None::<String>);
    let twin = move || {
        made.with(|m| m.as_deref() == Some(template.get().as_str()))
            && result.with(|r| matches!(r, Some(Ok(_))))
    };
    let ids = StoredValue::new(ids);
    // A calls field holding text that is no count: its group would be left out.
    let unfixed = move || bad.with(|b| !b.is_empty());
    // Asked again once a scenario is made here, so it can be picked to replace at once.
    let listed = RwSignal::new(0u32);
    let scenarios = {
        let token = token.clone();
        crate::dto::json::resource(
            move || listed.get(),
            move |_| crate::server_fns::list_scenarios(token.clone(), String::new()),
        )
    };
    let access = Access::Workspace { token };
    let run = {
        let access = access.clone();
        Action::new(move |t: &UsageTarget| {
            let (access, t) = (access.clone(), t.clone());
            async move { usage_apply(access, ids.get_value(), t, calls.get_untracked()).await }
        })
    };
    // The scenario the back-test prices: the one just created or replaced, or the one picked.
    let tested = RwSignal::new(None::<(String, String)>);
    let picked = move || {
        target
            .get_untracked()
            .split_once('|')
            .map(|(id, key)| (id.to_string(), key.to_string()))
    };
    Effect::new(move |_| {
        if let Some(r) = run.value().get() {
            match r {
                Ok(a) => {
                    let key = a
                        .edit_path
                        .as_deref()
                        .and_then(|p| p.split_once("?key="))
                        .map(|(_, k)| k.to_string())
                        .or_else(|| picked().map(|(_, k)| k));
                    if let Some(key) = key {
                        tested.set(Some((a.id.clone(), key)));
                    }
                    if a.edit_path.is_some() {
                        listed.update(|n| *n += 1);
                    }
                    result.set(Some(Ok(a)));
                }
                Err(e) => result.set(Some(Err(e.explain()))),
            }
        }
    });
    view! {
        <div class="card usage-actions" data-testid="usage-actions">
            <h2>"Use this workload"</h2>
            <div class="actions-line">
                <label>
                    "API tiers and GPUs from "
                    <select
                        on:change=move |ev| template.set(event_target_value(&ev))
                        aria-label="Template"
                    >
                        {engine::templates::TEMPLATES
                            .iter()
                            .map(|t| {
                                view! {
                                    <option value=t.id selected=t.id == "sonnet-vs-2xa100">
                                        {t.name}
                                    </option>
                                }
                            })
                            .collect_view()}
                    </select>
                </label>
                <button
                    type="button"
                    data-testid="usage-create"
                    disabled=move || run.pending().get() || twin() || unfixed()
                    title=move || {
                        if unfixed() {
                            Some(UNFIXED)
                        } else {
                            twin()
                                .then_some(
                                    "A scenario was made from this usage with these tiers and GPUs: open it below, or pick other ones",
                                )
                        }
                    }
                    on:click=move |_| {
                        made.set(Some(template.get_untracked()));
                        run.dispatch(UsageTarget::New {
                            template: template.get_untracked(),
                        });
                    }
                >
                    "Create a scenario from this usage"
                </button>
            </div>
            <div class="actions-line">
                <label>
                    "Or replace the workload of "
                    <Transition fallback=|| {
                        "..."
                    }>
                        {move || Suspend::new(async move {
                            let list = scenarios.await.unwrap_or_default();
                            view! {
                                <select
                                    on:change=move |ev| target.set(event_target_value(&ev))
                                    aria-label="Scenario"
                                >
                                    <option value="">"a scenario..."</option>
                                    {list
                                        .into_iter()
                                        .map(|s| {
                                            view! {
                                                <option value=format!(
                                                    "{}|{}",
                                                    s.id,
                                                    s.edit_key,
                                                )>{s.name}</option>
                                            }
                                        })
                                        .collect_view()}
                                </select>
                            }
                        })}
                    </Transition>
                </label>
                <button
                    type="button"
                    class="secondary"
                    data-testid="usage-replace"
                    disabled=move || run.pending().get() || target.get().is_empty() || unfixed()
                    title=move || unfixed().then_some(UNFIXED)
                    on:click=move |_| {
                        #[cfg(feature = "hydrate")]
                        if !window()
                            .confirm_with_message(
                                "Replace this scenario's task types with the ones measured here? A task type of the same name keeps the values you typed; the others are removed. It is saved as a new revision: the one before stays in the scenario's History.",
                            )
                            .unwrap_or(false)
                        {
                            return;
                        }
                        made.set(None);
                        if let Some((id, key)) = target.get_untracked().split_once('|') {
                            run.dispatch(UsageTarget::Replace {
                                id: id.into(),
                                key: key.into(),
                            });
                        }
                    }
                >
                    "Replace its workload"
                </button>
                {has_load
                    .then(|| {
                        view! {
                            <button
                                type="button"
                                class="secondary"
                                data-testid="usage-backtest"
                                disabled=move || target.get().is_empty()
                                on:click=move |_| tested.set(picked())
                            >
                                "Back-test it"
                            </button>
                        }
                    })}
            </div>
            {move || {
                unfixed()
                    .then(|| {
                        view! {
                            <p class="notice warn" data-testid="usage-unfixed">
                                {UNFIXED}
                            </p>
                        }
                    })
            }}
            <p class="fineprint">
                "A replaced workload is a new revision: the one before stays in the history. A task type of the same name keeps the values you typed and follows the rest."
            </p>
            {move || match result.get() {
                None => ().into_any(),
                Some(Ok(a)) => {
                    let link = a
                        .edit_path
                        .clone()
                        .unwrap_or_else(|| {
                            target
                                .get_untracked()
                                .split_once('|')
                                .map(|(id, key)| format!("/s/{id}?key={key}"))
                                .unwrap_or_default()
                        });
                    view! {
                        <p class="notice ok" role="status" data-testid="usage-applied">
                            {format!(
                                "{} task type{} in revision {} ({} kept what was typed). ",
                                a.task_types,
                                if a.task_types == 1 { "" } else { "s" },
                                a.revision,
                                a.followed,
                            )}
                            {(!a.tiers_added.is_empty())
                                .then(|| {
                                    format!(
                                        "Added the catalog's {} for the model the usage measured. ",
                                        a.tiers_added.join(", "),
                                    )
                                })}
                            <a href=link>"Open the scenario"</a>
                        </p>
                    }
                        .into_any()
                }
                Some(Err(e)) => {
                    view! {
                        <p class="notice warn" role="alert">
                            {e}
                        </p>
                    }
                        .into_any()
                }
            }}
        </div>
        {if has_load {
            view! { <BacktestPanel access=access ids=ids.get_value() scenario=tested /> }.into_any()
        } else {
            view! {
                <p class="hint" data-testid="backtest-none">
                    "No back-test: these files count no requests over time (a report of tokens by day), so the scenario's options cannot be priced hour by hour over them. A per-request log of the same traffic (API responses, a gateway's log) can."
                </p>
            }
                .into_any()
        }}
    }
}
