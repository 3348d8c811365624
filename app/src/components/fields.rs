//! Labelled form controls with their unit and their field-level message.

use leptos::either::Either;
use leptos::prelude::*;

/// `gpu_configs[1].hosting.hourly_usd` -> `f-gpu_configs-1-hosting-hourly_usd`.
pub fn field_id(path: &str) -> String {
    let mut s = String::from("f-");
    for c in path.chars() {
        s.push(match c {
            '[' | ']' | '.' => '-',
            c => c,
        });
    }
    s.replace("--", "-").trim_end_matches('-').to_string()
}

/// The name of the task type, tier or configuration a field's path lies in
/// (`gpu_configs[1].hosting.hourly_usd` -> the second configuration's name).
fn owner_of(path: &str, s: &engine::Scenario) -> Option<String> {
    let (list, rest) = path.split_once('[')?;
    let i: usize = rest.split_once(']')?.0.parse().ok()?;
    match list {
        "task_types" => s.task_types.get(i).map(|t| t.name.clone()),
        "api_tiers" => s.api_tiers.get(i).map(|t| t.name.clone()),
        "gpu_configs" => s.gpu_configs.get(i).map(|g| g.name.clone()),
        _ => None,
    }
}

/// Fields whose text is not a valid number right now, by field path, with their
/// label. The editor provides it: while it is not empty, the results are computed
/// without those edits (and say so), and Save refuses with the list.
#[derive(Clone, Copy, Default)]
pub struct PendingText(pub RwSignal<std::collections::BTreeMap<String, String>>);

impl PendingText {
    /// The labels of the fields that hold unusable text, in field order.
    pub fn labels(&self) -> Vec<String> {
        self.0.with(|m| m.values().cloned().collect())
    }
    /// The same, each with the option or task type it belongs to where the scenario names
    /// one ("2x A100 80GB + Llama 3.1 70B (int8): GPU-hour price"), so two fields of one
    /// label are told apart.
    pub fn named_labels(&self, s: &engine::Scenario) -> Vec<String> {
        self.0.with(|m| {
            m.iter()
                .map(|(path, label)| match owner_of(path, s) {
                    Some(owner) => format!("{owner}: {label}"),
                    None => label.clone(),
                })
                .collect()
        })
    }
    /// The path of the first field holding unusable text.
    pub fn first_path(&self) -> Option<String> {
        self.0.with_untracked(|m| m.keys().next().cloned())
    }
    pub fn is_empty(&self) -> bool {
        self.0.with(|m| m.is_empty())
    }
    /// The field at `path` holds a number again. Only a change notifies: every keystroke
    /// of a valid number comes here, and what reads the list (the stale notices, Save)
    /// need not run again for it.
    fn clear(&self, path: &str) {
        if self.0.with_untracked(|m| m.contains_key(path)) {
            self.0.update(|m| {
                m.remove(path);
            });
        }
    }
}

/// Where fields find their error message by their own path: the form provides it, so
/// a field names its path once (the engine's `scenario::paths`) and shows what the
/// validator said at that path.
#[derive(Clone, Copy)]
pub struct FieldErrors(pub Callback<String, Option<String>>);

impl FieldErrors {
    /// `error` when given, else the message the form holds for `path`.
    fn at(error: Option<Signal<Option<String>>>, path: &str) -> Option<Signal<Option<String>>> {
        error.or_else(|| {
            use_context::<FieldErrors>().map(|f| {
                let path = path.to_string();
                Signal::derive(move || f.0.run(path.clone()))
            })
        })
    }
}

/// A number input. It is uncontrolled while the user types (a half-typed "12." must
/// survive); the parsed value goes to `on_change`. Text that is not a number is
/// marked here, never reaches the scenario, and is listed in [`PendingText`].
#[component]
pub fn NumField(
    #[prop(into)] label: String,
    unit: &'static str,
    #[prop(into)] path: String,
    value: f64,
    on_change: Callback<f64>,
    #[prop(optional, into)] error: Option<Signal<Option<String>>>,
    #[prop(optional)] read_only: bool,
    #[prop(optional, into)] hint: Option<String>,
    /// Show the field empty (an optional value that is not set).
    #[prop(optional)]
    blank: bool,
    /// Called when the text is emptied: the field may be left empty (no value).
    #[prop(optional)]
    on_clear: Option<Callback<()>>,
) -> impl IntoView {
    let id = field_id(&path);
    let err_id = format!("{id}-err");
    let local = RwSignal::new(None::<String>);
    // "read as 1,500,000" while the text is a shorthand ("1.5M").
    let read_as = RwSignal::new(None::<String>);
    let error = FieldErrors::at(error, &path);
    let message = move || local.get().or_else(|| error.and_then(|e| e.get()));
    let pending = use_context::<PendingText>();
    {
        let path = path.clone();
        on_cleanup(move || {
            if let Some(p) = pending {
                p.0.try_update(|m| m.remove(&path));
            }
        });
    }
    // The field holds a number again (or nothing): no text of it is pending, and only a
    // message that was there is taken away (a set notifies its readers).
    let number_again = {
        let path = path.clone();
        move || {
            if local.with_untracked(Option::is_some) {
                local.set(None);
            }
            if let Some(p) = pending {
                p.clear(&path);
            }
        }
    };
    let on_input = {
        let (path, label) = (path.clone(), label.clone());
        move |ev: leptos::ev::Event| {
            let text = event_target_value(&ev);
            let reading = crate::typed::shorthand_reading(&text);
            if read_as.with_untracked(|r| *r != reading) {
                read_as.set(reading);
            }
            if let (Some(clear), true) = (on_clear, text.trim().is_empty()) {
                number_again();
                clear.run(());
                return;
            }
            match crate::typed::parse_number(&text) {
                Ok(v) => {
                    number_again();
                    on_change.run(v);
                }
                Err(why) => {
                    local.set(Some(why.into()));
                    if let Some(p) = pending {
                        p.0.update(|m| {
                            m.insert(path.clone(), label.clone());
                        });
                    }
                }
            }
        }
    };
    let shown = if blank {
        String::new()
    } else {
        format_input(value)
    };
    view! {
        <div class="field" class:invalid=move || message().is_some()>
            <label for=id.clone()>{label}</label>
            <div class="input-unit">
                <input
                    id=id.clone()
                    name=path.clone()
                    type="text"
                    inputmode="decimal"
                    value=shown
                    readonly=read_only
                    aria-invalid=move || if message().is_some() { "true" } else { "false" }
                    aria-describedby=err_id.clone()
                    on:input=on_input
                />
                <span class="unit">{unit}</span>
            </div>
            {hint.map(|h| view! { <small class="hint">{h}</small> })}
            <small class="hint read-as" aria-live="polite">
                {move || read_as.get()}
            </small>
            <p class="field-error" id=err_id role="alert">
                {message}
            </p>
        </div>
    }
}

/// How a stored number is shown in an input: plain digits, no exponent for normal sizes.
pub fn format_input(v: f64) -> String {
    if v.is_finite() && v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{}", v as i64)
    } else {
        let s = format!("{v}");
        s
    }
}

#[component]
pub fn TextField(
    #[prop(into)] label: String,
    #[prop(into)] path: String,
    value: String,
    on_change: Callback<String>,
    #[prop(optional)] read_only: bool,
    /// The value as the document holds it, when something else than typing changes it
    /// (a configuration's automatic name follows its GPU and model).
    #[prop(optional, into)]
    live: Option<Signal<String>>,
    /// Several lines of free text (a scenario's notes) up to this many characters; a
    /// one-line field of at most 200 when not given.
    #[prop(optional)]
    long: Option<usize>,
) -> impl IntoView {
    let id = field_id(&path);
    let err_id = format!("{id}-err");
    let error = FieldErrors::at(None, &path);
    let message = move || error.and_then(|e| e.get());
    let initial = value.clone();
    let shown = move || live.map(|l| l.get()).unwrap_or_else(|| value.clone());
    let label_for = id.clone();
    let input = match long {
        Some(max) => Either::Left(view! {
            <textarea
                id=id
                name=path
                rows="3"
                prop:value=shown
                readonly=read_only
                maxlength=max.to_string()
                aria-describedby=err_id.clone()
                on:input=move |ev| on_change.run(event_target_value(&ev))
            >
                // Leptos writes a textarea's text as it is (it escapes no raw-text
                // element), so "</textarea><script>" typed in the notes would end the
                // field and run. Escaped here; the field's value is set as a property.
                {escape_text(&initial)}
            </textarea>
        }),
        None => Either::Right(view! {
            <input
                id=id
                name=path
                type="text"
                value=initial
                prop:value=shown
                readonly=read_only
                maxlength="200"
                aria-describedby=err_id.clone()
                on:input=move |ev| on_change.run(event_target_value(&ev))
            />
        }),
    };
    view! {
        <div class="field" class:invalid=move || message().is_some()>
            <label for=label_for>{label}</label>
            {input}
            <p class="field-error" id=err_id role="alert">
                {message}
            </p>
        </div>
    }
}

/// `text` safe as an element's text: `&`, `<` and `>` as entities.
fn escape_text(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// A select over (value, label) pairs.
#[component]
pub fn SelectField(
    #[prop(into)] label: String,
    #[prop(into)] path: String,
    options: Vec<(String, String)>,
    selected: String,
    on_change: Callback<String>,
    #[prop(optional)] read_only: bool,
    #[prop(into, optional)] error: Option<Signal<Option<String>>>,
) -> impl IntoView {
    let id = field_id(&path);
    let err_id = format!("{id}-err");
    let error = FieldErrors::at(error, &path);
    let message = move || error.and_then(|e| e.get());
    view! {
        <div class="field" class:invalid=move || message().is_some()>
            <label for=id.clone()>{label}</label>
            <select
                id=id
                name=path
                disabled=read_only
                aria-describedby=err_id.clone()
                on:change=move |ev| on_change.run(event_target_value(&ev))
            >
                {options
                    .into_iter()
                    .map(|(v, l)| {
                        let sel = v == selected;
                        view! {
                            <option value=v selected=sel>
                                {l}
                            </option>
                        }
                    })
                    .collect_view()}
            </select>
            <p class="field-error" id=err_id role="alert">
                {message}
            </p>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::{field_id, owner_of};

    /// A field is named with what it belongs to, by its path; a top-level field or a path
    /// past the list's end has no owner.
    #[test]
    fn a_fields_owner_is_found_by_its_path() {
        let s = engine::templates::haiku_vs_4090();
        assert_eq!(
            owner_of("gpu_configs[1].hosting.hourly_usd", &s).as_deref(),
            Some(s.gpu_configs[1].name.as_str())
        );
        assert_eq!(
            owner_of("task_types[0].calls_per_month", &s).as_deref(),
            Some("Agentic workflow")
        );
        assert_eq!(
            owner_of("api_tiers[0].input_per_mtok", &s).as_deref(),
            Some(s.api_tiers[0].name.as_str())
        );
        assert_eq!(owner_of("hours_per_month", &s), None);
        assert_eq!(owner_of("gpu_configs[9].replicas", &s), None);
        assert_eq!(
            field_id("gpu_configs[1].hosting.hourly_usd"),
            "f-gpu_configs-1-hosting-hourly_usd"
        );
    }
}
