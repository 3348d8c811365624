//! Groups with no task type, and why. A group whose file counts no requests
//! (Anthropic's usage report, the Console's export) takes calls a month typed here: the
//! file's tokens over them give its task type, read again at once.

use engine::fmt_num;
use engine::usage::file::GroupTask;
use leptos::prelude::*;
use std::collections::BTreeMap;

/// Calls a month typed per group, sent with every reading of the files and with the
/// workload when it is used.
pub(super) type TypedCalls = RwSignal<BTreeMap<String, f64>>;

/// What a typed field holds: a count of calls (at least 1, rounded), nothing (the count
/// is dropped), or text that is not one (said at the field, nothing sent).
fn parse(text: &str) -> Result<Option<f64>, String> {
    let t = text.trim().replace([',', '_', ' '], "");
    if t.is_empty() {
        return Ok(None);
    }
    match t.parse::<f64>() {
        Ok(x) if x.is_finite() && x >= 1.0 => Ok(Some(x.round())),
        _ => Err(format!(
            "\u{201c}{}\u{201d} is not a number of calls: type a whole number, at least 1",
            text.trim().chars().take(40).collect::<String>()
        )),
    }
}

/// One group's "Calls a month" field.
#[component]
fn CallsField(group: String, typed: Option<f64>, calls: TypedCalls) -> impl IntoView {
    let error = RwSignal::new(None::<String>);
    let value = typed.map(fmt_num).unwrap_or_default();
    let label = format!("Calls a month of {group}");
    view! {
        <label class="typed-calls">
            <span>"Calls a month: "</span>
            <input
                type="text"
                inputmode="numeric"
                aria-label=label
                data-testid="usage-typed-calls"
                value=value
                aria-invalid=move || error.with(|e| e.is_some()).to_string()
                on:change=move |ev| {
                    match parse(&event_target_value(&ev)) {
                        Ok(x) => {
                            error.set(None);
                            let g = group.clone();
                            calls
                                .update(|c| {
                                    match x {
                                        Some(x) => {
                                            c.insert(g, x);
                                        }
                                        None => {
                                            c.remove(&g);
                                        }
                                    }
                                });
                        }
                        Err(e) => error.set(Some(e)),
                    }
                }
            />
        </label>
        {move || {
            error
                .get()
                .map(|e| {
                    view! {
                        <span class="field-error" role="alert">
                            {e}
                        </span>
                    }
                })
        }}
    }
}

#[component]
pub(super) fn Unavailable(groups: Vec<GroupTask>, calls: TypedCalls) -> impl IntoView {
    // Counts typed that gave a task type: still shown, to change or clear.
    let used: Vec<(String, f64)> = calls.with_untracked(|c| {
        c.iter()
            .filter(|(k, _)| !groups.iter().any(|g| &g.group == *k))
            .map(|(k, v)| (k.clone(), *v))
            .collect()
    });
    let typable = groups.iter().any(|g| g.calls_typable);
    (!groups.is_empty() || !used.is_empty()).then(|| {
        view! {
            {(!groups.is_empty())
                .then(|| {
                    view! {
                        <h3>"Groups with no task type"</h3>
                        {typable
                            .then(|| {
                                view! {
                                    <p class="hint">
                                        "A report that counts no requests gives tokens but not calls: type a group's calls a month (from your own logs or the provider's request counts) and its tokens per call are the file's tokens over them."
                                    </p>
                                }
                            })}
                        <ul data-testid="usage-unavailable">
                            {groups
                                .into_iter()
                                .map(|g| {
                                    let field = g
                                        .calls_typable
                                        .then(|| {
                                            view! {
                                                <CallsField
                                                    group=g.group.clone()
                                                    typed=g.typed_calls
                                                    calls=calls
                                                />
                                            }
                                        });
                                    view! {
                                        <li>
                                            {g.group}": "{g.unavailable.unwrap_or_default()} {field}
                                        </li>
                                    }
                                })
                                .collect_view()}
                        </ul>
                    }
                })}
            {(!used.is_empty())
                .then(|| {
                    view! {
                        <h3>"Calls a month typed"</h3>
                        <ul data-testid="usage-typed">
                            {used
                                .into_iter()
                                .map(|(g, x)| {
                                    view! {
                                        <li>
                                            {g.clone()}
                                            ": its task type above; clear the field to drop it "
                                            <CallsField group=g typed=Some(x) calls=calls />
                                        </li>
                                    }
                                })
                                .collect_view()}
                        </ul>
                    }
                })}
        }
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_typed_count_is_a_whole_number_of_calls_or_nothing() {
        assert_eq!(super::parse(" 120,000 "), Ok(Some(120_000.0)));
        assert_eq!(super::parse("1500.4"), Ok(Some(1500.0)));
        assert_eq!(super::parse(""), Ok(None));
        for bad in ["0", "-3", "lots", "NaN", "inf"] {
            assert!(super::parse(bad).is_err(), "{bad}");
        }
    }
}
