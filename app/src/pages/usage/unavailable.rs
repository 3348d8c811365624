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

/// Per group, text typed in its field that is no count of calls: kept (with its reason)
/// through every reading of the files, so the field still shows it and says why, and
/// nothing is used until it is fixed or cleared.
pub(super) type BadCalls = RwSignal<BTreeMap<String, (String, String)>>;

/// What a typed field holds: calls a month (written as the editor's fields read numbers:
/// "1,200,000", "1.2M"; rounded to whole calls, at least 1), nothing (the count is
/// dropped), or text that is not one (said at the field, nothing sent).
fn parse(text: &str) -> Result<Option<f64>, String> {
    if text.trim().is_empty() {
        return Ok(None);
    }
    let quoted = text.trim().chars().take(40).collect::<String>();
    match crate::typed::parse_number(text) {
        Ok(x) if x.is_finite() && x.round() >= 1.0 => Ok(Some(x.round())),
        Ok(_) => Err(format!(
            "\u{201c}{quoted}\u{201d}: calls a month must be at least 1"
        )),
        Err(why) => Err(format!(
            "\u{201c}{quoted}\u{201d} is not a number of calls: {why}"
        )),
    }
}

/// One group's "Calls a month" field. Its text is a property set on every drawing (a
/// field reused for another group shows that group's count, never the last one typed).
#[component]
fn CallsField(
    group: String,
    typed: Option<f64>,
    calls: TypedCalls,
    bad: BadCalls,
) -> impl IntoView {
    let kept = bad.with_untracked(|b| b.get(&group).cloned());
    let error = RwSignal::new(kept.as_ref().map(|(_, why)| why.clone()));
    let value = match kept {
        Some((text, _)) => text,
        None => typed.map(fmt_num).unwrap_or_default(),
    };
    let label = format!("Calls a month of {group}");
    view! {
        <label class="typed-calls">
            <span>"Calls a month: "</span>
            <input
                type="text"
                inputmode="numeric"
                aria-label=label
                data-testid="usage-typed-calls"
                prop:value=value
                aria-invalid=move || error.with(|e| e.is_some()).to_string()
                on:change=move |ev| {
                    let text = event_target_value(&ev);
                    let g = group.clone();
                    match parse(&text) {
                        Ok(x) => {
                            error.set(None);
                            bad.update(|b| {
                                b.remove(&g);
                            });
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
                        Err(e) => {
                            error.set(Some(e.clone()));
                            bad.update(|b| {
                                b.insert(g, (text, e));
                            });
                        }
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
pub(super) fn Unavailable(
    groups: Vec<GroupTask>,
    /// Typed counts no group took (dropped by the page).
    left_out: Vec<String>,
    calls: TypedCalls,
    bad: BadCalls,
) -> impl IntoView {
    // Counts typed that gave a task type: still shown, to change or clear.
    let used: Vec<(String, f64)> = calls.with_untracked(|c| {
        c.iter()
            .filter(|(k, _)| !groups.iter().any(|g| &g.group == *k) && !left_out.contains(k))
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
                                                    bad=bad
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
                                            <CallsField group=g typed=Some(x) calls=calls bad=bad />
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
        assert_eq!(super::parse("1.2M"), Ok(Some(1_200_000.0)));
        assert_eq!(super::parse("1500.4"), Ok(Some(1500.0)));
        assert_eq!(super::parse(""), Ok(None));
        for bad in ["0", "0.4", "-3", "lots", "NaN", "inf", "$5"] {
            assert!(super::parse(bad).is_err(), "{bad}");
        }
    }
}
