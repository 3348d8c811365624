//! The scenario's inputs, grouped: workload, API tiers, GPU configurations, general.

use crate::components::fields::{FieldErrors, NumField, TextField};
use crate::dto::Shown;
use engine::scenario::*;
use leptos::prelude::*;

mod config;
mod latency;
mod measured;
mod more;
mod ranges;
mod run_filter;
mod run_hardware;
mod task;
mod tier;

use config::ConfigRow;
use task::TaskRow;
use tier::{add_tier, TierRow};

/// Everything the form rows need.
#[derive(Clone, Copy)]
struct Ctx {
    doc: RwSignal<Scenario>,
    /// Bumped when rows are added or removed, so rows re-render with fresh values.
    structure: RwSignal<u32>,
    read_only: bool,
    /// The team's custom catalog entries (loaded after hydration).
    custom: RwSignal<Vec<crate::dto::CustomEntry>>,
    /// The link that reads the workspace's sources (runs, custom entries); `None` on a
    /// read-only page, which reads nothing of the workspace.
    access: StoredValue<Option<crate::dto::Access>>,
}

impl Ctx {
    fn num(&self, f: impl Fn(&mut Scenario, f64) + Send + Sync + 'static) -> Callback<f64> {
        let doc = self.doc;
        Callback::new(move |v| doc.update(|d| f(d, v)))
    }
    fn text(&self, f: impl Fn(&mut Scenario, String) + Send + Sync + 'static) -> Callback<String> {
        let doc = self.doc;
        Callback::new(move |v| doc.update(|d| f(d, v)))
    }
    /// Row keys: (structure version, index). A structural change gives every row a new
    /// key, so rows are rebuilt with fresh values (inputs are uncontrolled while typing).
    fn keys(&self, len: impl Fn(&Scenario) -> usize) -> Vec<(u32, usize)> {
        let v = self.structure.get();
        (0..self.doc.with_untracked(len)).map(|i| (v, i)).collect()
    }
    /// The team's own quotes (custom catalog) for `gpu`.
    fn team_quotes(&self, gpu: &str) -> Vec<Quote> {
        self.custom.with_untracked(|c| {
            c.iter()
                .filter_map(|e| match &e.item {
                    crate::dto::CustomItem::CloudPrice(q) if q.gpu == gpu => {
                        Some(q.quote(&crate::format::date(&e.created_at)))
                    }
                    _ => None,
                })
                .collect()
        })
    }
    fn restructure(&self, f: impl FnOnce(&mut Scenario)) {
        self.doc.update(f);
        self.structure.update(|n| *n += 1);
    }

    /// Restructures, then gives the keyboard focus back to the field at `path` (laid
    /// out anew), so a change made while typing in it does not drop the focus.
    fn restructure_from(&self, f: impl FnOnce(&mut Scenario), path: String) {
        self.restructure(f);
        #[cfg(feature = "hydrate")]
        request_animation_frame(move || {
            use wasm_bindgen::JsCast;
            if let Some(el) = document()
                .get_element_by_id(&crate::components::fields::field_id(&path))
                .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
            {
                let _ = el.focus();
            }
        });
        #[cfg(not(feature = "hydrate"))]
        let _ = path;
    }

    /// Removes a row, then puts the keyboard focus on its section (the fieldset with id
    /// `section`), so focus does not drop to the top of the page.
    fn remove(&self, f: impl FnOnce(&mut Scenario), section: &'static str) {
        self.restructure(f);
        #[cfg(feature = "hydrate")]
        request_animation_frame(move || {
            use wasm_bindgen::JsCast;
            if let Some(el) = document()
                .get_element_by_id(section)
                .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
            {
                let _ = el.focus();
            }
        });
        #[cfg(not(feature = "hydrate"))]
        let _ = section;
    }
}

/// A select's options over the closed set of choices `current` belongs to: stored
/// name, label.
fn choices<T: Choice>(_current: T) -> Vec<(String, String)> {
    T::ALL
        .iter()
        .map(|c| (c.as_str().to_string(), c.label().to_string()))
        .collect()
}

#[component]
pub fn ScenarioForm(
    doc: RwSignal<Scenario>,
    /// What the server said of the document: the refused fields' messages.
    shown: RwSignal<Shown>,
    #[prop(optional)] read_only: bool,
    /// The edit link's access to its workspace's sources (none when read-only).
    #[prop(optional)]
    access: Option<crate::dto::Access>,
) -> impl IntoView {
    let ctx = Ctx {
        doc,
        structure: RwSignal::new(0),
        read_only,
        custom: RwSignal::new(Vec::new()),
        access: StoredValue::new(access.filter(|_| !read_only)),
    };
    if let Some(access) = ctx.access.get_value() {
        let custom = ctx.custom;
        Effect::new(move |_| {
            let access = access.clone();
            leptos::task::spawn_local(async move {
                if let Ok(v) = crate::server_fns::list_custom_entries(access).await {
                    custom.set(v);
                }
            })
        });
    }
    provide_context(FieldErrors(Callback::new(move |path: String| {
        shown.with(|e| e.field(&path))
    })));
    let s0 = doc.get_untracked();
    view! {
        <form
            class="scenario-form"
            on:submit=|ev| ev.prevent_default()
            aria-label="Scenario inputs"
        >
            <fieldset>
                <legend>"General"</legend>
                <TextField
                    label="Scenario name"
                    path=paths::general::NAME
                    value=s0.name.clone()
                    read_only=read_only
                    on_change=ctx.text(|d, v| d.name = v)
                />
                <TextField
                    label="Notes (what this scenario is for, where its figures come from)"
                    path=paths::general::NOTES
                    value=s0.notes.clone()
                    read_only=read_only
                    long=engine::validate::limits::NOTES_CHARS
                    on_change=ctx.text(|d, v| d.notes = v)
                />
                <NumField
                    label="Hours per month"
                    unit="h"
                    path=paths::general::HOURS_PER_MONTH
                    value=s0.hours_per_month
                    read_only=read_only
                    hint="730 = 8760/12 (a year's average); 720 = 30 days"
                    on_change=ctx.num(|d, v| d.hours_per_month = v)
                />
                {more::general(ctx, &s0)}
            </fieldset>
            <fieldset id="fs-tasks" tabindex="-1">
                <legend>"Workload"</legend>
                <For each=move || ctx.keys(|d| d.task_types.len()) key=|k| *k let:k>
                    <TaskRow ctx=ctx i=k.1 />
                </For>
                {(!read_only)
                    .then(|| {
                        view! {
                            <button
                                type="button"
                                class="secondary"
                                on:click=move |_| { ctx.restructure(Scenario::add_task) }
                            >
                                "+ Add task type"
                            </button>
                        }
                    })}
            </fieldset>
            <fieldset id="fs-tiers" tabindex="-1">
                <legend>"Claude API tiers"</legend>
                <UsdNote doc=ctx.doc />
                <For each=move || ctx.keys(|d| d.api_tiers.len()) key=|k| *k let:k>
                    <TierRow ctx=ctx j=k.1 />
                </For>
                {(!read_only).then(|| add_tier(ctx))}
            </fieldset>
            <fieldset id="fs-configs" tabindex="-1">
                <legend>"Self-hosted GPU configurations"</legend>
                <UsdNote doc=ctx.doc />
                <For each=move || ctx.keys(|d| d.gpu_configs.len()) key=|k| *k let:k>
                    <ConfigRow ctx=ctx k=k.1 />
                </For>
                {(!read_only)
                    .then(|| {
                        view! {
                            <button
                                type="button"
                                class="secondary"
                                on:click=move |_| { ctx.restructure(Scenario::add_config) }
                            >
                                "+ Add GPU configuration"
                            </button>
                        }
                    })}
            </fieldset>
            {ranges::section(ctx)}
        </form>
    }
}

/// In a scenario shown in another currency, the prices typed here stay in US dollars
/// (as the catalogs and quotes list them): said where they are typed.
#[component]
fn UsdNote(doc: RwSignal<Scenario>) -> impl IntoView {
    move || {
        doc.with(|d| {
            let c = d.currency.as_ref().filter(|c| c.code != "USD")?;
            // A rate not yet set (or refused at its field) is not repeated as a fact.
            let rate = if c.per_usd.is_finite() && c.per_usd > 0.0 {
                format!("at {} per USD", engine::fmt_num(c.per_usd))
            } else {
                "once its exchange rate is set".to_string()
            };
            Some(view! {
                <p class="hint" data-testid="usd-note">
                    {format!(
                        "Money typed here is in US dollars, as the catalogs list prices; the results are shown in {} {rate}.",
                        c.code,
                    )}
                </p>
            })
        })
    }
}
