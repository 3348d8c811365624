//! The scenario's inputs, grouped: workload, API tiers, GPU configurations, general.

use crate::components::fields::{NumField, SelectField, TextField};
use crate::dto::Evaluated;
use engine::catalog;
use engine::scenario::*;
use leptos::prelude::*;

mod measured;
mod more;
mod ranges;

/// Everything the form rows need.
#[derive(Clone, Copy)]
struct Ctx {
    doc: RwSignal<Scenario>,
    evaluated: RwSignal<Evaluated>,
    /// Bumped when rows are added or removed, so rows re-render with fresh values.
    structure: RwSignal<u32>,
    read_only: bool,
    /// The team's custom catalog entries (loaded after hydration).
    custom: RwSignal<Vec<crate::dto::CustomEntry>>,
}

impl Ctx {
    fn err(&self, path: String) -> Signal<Option<String>> {
        let ev = self.evaluated;
        Signal::derive(move || ev.with(|e| e.field(&path)))
    }
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
    fn restructure(&self, f: impl FnOnce(&mut Scenario)) {
        self.doc.update(f);
        self.structure.update(|n| *n += 1);
    }
}

/// A select's options over a closed set of choices: stored name, label.
fn choice_options<T: Choice>() -> Vec<(String, String)> {
    T::ALL
        .iter()
        .map(|c| (c.as_str().to_string(), c.label().to_string()))
        .collect()
}

#[component]
pub fn ScenarioForm(
    doc: RwSignal<Scenario>,
    evaluated: RwSignal<Evaluated>,
    #[prop(optional)] read_only: bool,
) -> impl IntoView {
    let ctx = Ctx {
        doc,
        evaluated,
        structure: RwSignal::new(0),
        read_only,
        custom: RwSignal::new(Vec::new()),
    };
    if !read_only {
        let custom = ctx.custom;
        Effect::new(move |_| {
            leptos::task::spawn_local(async move {
                if let Ok(v) = crate::server_fns::list_custom_entries().await {
                    custom.set(v);
                }
            })
        });
    }
    let s0 = doc.get_untracked();
    view! {
        <form class="scenario-form" on:submit=|ev| ev.prevent_default() aria-label="Scenario inputs">
            <fieldset>
                <legend>"General"</legend>
                <TextField label="Scenario name" path="name" value=s0.name.clone() read_only=read_only
                    on_change=ctx.text(|d, v| d.name = v)/>
                <NumField label="Hours per month" unit="h" path="hours_per_month" value=s0.hours_per_month read_only=read_only
                    hint="730 = 8760/12; the article uses 720" error=ctx.err("hours_per_month".into())
                    on_change=ctx.num(|d, v| d.hours_per_month = v)/>
                {more::general(ctx, &s0)}
            </fieldset>
            <fieldset>
                <legend>"Workload"</legend>
                <For each=move || ctx.keys(|d| d.task_types.len()) key=|k| *k let:k>{task_row(ctx, k.1)}</For>
                {(!read_only).then(|| view! {
                    <button type="button" class="secondary" on:click=move |_| ctx.restructure(|d| d.task_types.push(TaskType { name: format!("Task {}", d.task_types.len() + 1), ..TaskType::default() }))>
                        "+ Add task type"
                    </button>
                })}
            </fieldset>
            <fieldset>
                <legend>"Claude API tiers"</legend>
                <For each=move || ctx.keys(|d| d.api_tiers.len()) key=|k| *k let:k>{tier_row(ctx, k.1)}</For>
                {(!read_only).then(|| add_tier(ctx))}
            </fieldset>
            <fieldset>
                <legend>"Self-hosted GPU configurations"</legend>
                <For each=move || ctx.keys(|d| d.gpu_configs.len()) key=|k| *k let:k>{config_row(ctx, k.1)}</For>
                {(!read_only).then(|| view! {
                    <button type="button" class="secondary" on:click=move |_| ctx.restructure(|d| d.gpu_configs.push(GpuConfig::default()))>
                        "+ Add GPU configuration"
                    </button>
                })}
            </fieldset>
            {ranges::section(ctx)}
        </form>
    }
}

fn task_row(ctx: Ctx, i: usize) -> impl IntoView {
    let list = ctx.doc.with_untracked(|d| d.task_types.clone());
    let n = list.len();
    list.get(i).cloned().map(move |t| {
        let p = move |f: &str| format!("task_types[{i}].{f}");
        view! {
            <div class="row card" data-testid=format!("task-{i}")>
                <TextField label="Task type" path=p("name") value=t.name.clone() read_only=ctx.read_only
                    on_change=ctx.text(move |d, v| if let Some(t) = d.task_types.get_mut(i) { t.name = v })/>
                <NumField label="Calls per month" unit="calls/month" path=p("calls_per_month") value=t.calls_per_month read_only=ctx.read_only
                    error=ctx.err(p("calls_per_month")) on_change=ctx.num(move |d, v| if let Some(t) = d.task_types.get_mut(i) { t.calls_per_month = v })/>
                <NumField label="Input tokens per call" unit="tokens" path=p("input_tokens") value=t.input_tokens read_only=ctx.read_only
                    error=ctx.err(p("input_tokens")) on_change=ctx.num(move |d, v| if let Some(t) = d.task_types.get_mut(i) { t.input_tokens = v })/>
                <NumField label="Output tokens per call" unit="tokens" path=p("output_tokens") value=t.output_tokens read_only=ctx.read_only
                    error=ctx.err(p("output_tokens")) on_change=ctx.num(move |d, v| if let Some(t) = d.task_types.get_mut(i) { t.output_tokens = v })/>
                <NumField label="Peak-to-average load" unit="x" path=p("peak_to_average") value=t.peak_to_average read_only=ctx.read_only
                    error=ctx.err(p("peak_to_average")) on_change=ctx.num(move |d, v| if let Some(t) = d.task_types.get_mut(i) { t.peak_to_average = v })/>
                <SelectField label="Lowest quality that may serve it" path=p("quality_floor") read_only=ctx.read_only
                    options=vec![("1".into(), "1: small model is fine".into()), ("2".into(), "2: mid (Sonnet-class)".into()), ("3".into(), "3: frontier (Opus-class)".into())]
                    selected=t.quality_floor.to_string()
                    on_change=ctx.text(move |d, v| if let (Some(t), Ok(q)) = (d.task_types.get_mut(i), v.parse()) { t.quality_floor = q })/>
                {more::task(ctx, i, &t)}
                {(!ctx.read_only).then(|| view! {
                    <div class="row-actions">
                        <button type="button" class="secondary" aria-label=format!("Duplicate task type {}", i + 1)
                            on:click=move |_| ctx.restructure(|d| if let Some(t) = d.task_types.get(i).cloned() {
                                d.task_types.insert(i + 1, TaskType { name: format!("{} (copy)", t.name), ..t });
                            })>"Duplicate"</button>
                        {(i > 0).then(|| view! {
                            <button type="button" class="secondary" aria-label=format!("Move task type {} up", i + 1)
                                on:click=move |_| ctx.restructure(|d| if i > 0 && i < d.task_types.len() { d.task_types.swap(i - 1, i) })>"Move up"</button>
                        })}
                        {(i + 1 < n).then(|| view! {
                            <button type="button" class="secondary" aria-label=format!("Move task type {} down", i + 1)
                                on:click=move |_| ctx.restructure(|d| if i + 1 < d.task_types.len() { d.task_types.swap(i, i + 1) })>"Move down"</button>
                        })}
                        {(n > 1).then(|| view! {
                            <button type="button" class="danger" aria-label=format!("Remove task type {}", i + 1)
                                on:click=move |_| ctx.restructure(|d| { if d.task_types.len() > 1 { d.task_types.remove(i); } })>"Remove"</button>
                        })}
                    </div>
                })}
            </div>
        }
    })
}

fn tier_row(ctx: Ctx, j: usize) -> impl IntoView {
    let list = ctx.doc.with_untracked(|d| d.api_tiers.clone());
    list.get(j).cloned().map(move |t| {
        let p = move |f: &str| format!("api_tiers[{j}].{f}");
        let src = if t.as_of.is_empty() { t.source.clone() } else { format!("{} (as of {})", t.source, t.as_of) };
        view! {
            <div class="row card" data-testid=format!("tier-{j}")>
                <TextField label="Tier" path=p("name") value=t.name.clone() read_only=ctx.read_only
                    on_change=ctx.text(move |d, v| if let Some(t) = d.api_tiers.get_mut(j) { t.name = v })/>
                <NumField label="Input price" unit="$/M tokens" path=p("input_per_mtok") value=t.input_per_mtok read_only=ctx.read_only
                    error=ctx.err(p("input_per_mtok")) on_change=ctx.num(move |d, v| if let Some(t) = d.api_tiers.get_mut(j) { t.input_per_mtok = v })/>
                <NumField label="Output price" unit="$/M tokens" path=p("output_per_mtok") value=t.output_per_mtok read_only=ctx.read_only
                    error=ctx.err(p("output_per_mtok")) on_change=ctx.num(move |d, v| if let Some(t) = d.api_tiers.get_mut(j) { t.output_per_mtok = v })/>
                <p class="source">"Source: "{src}</p>
                {more::tier(ctx, j, &t)}
                {(!ctx.read_only).then(|| view! {
                    <button type="button" class="danger" aria-label=format!("Remove tier {}", j + 1)
                        on:click=move |_| ctx.restructure(|d| { if j < d.api_tiers.len() { d.api_tiers.remove(j); } })>"Remove"</button>
                })}
            </div>
        }
    })
}

fn add_tier(ctx: Ctx) -> impl IntoView {
    let pick = RwSignal::new(catalog::TIERS[0].id.to_string());
    view! {
        <div class="add-row">
            <label for="add-tier">"Add a tier from the catalog"</label>
            <select id="add-tier" on:change=move |ev| pick.set(event_target_value(&ev))>
                {catalog::TIERS.iter().map(|t| view! { <option value=t.id>{format!("{} (${}/${} per M, {})", t.name, t.input, t.output, t.as_of)}</option> }).collect_view()}
                {move || ctx.custom.with(|c| c.iter().filter_map(|e| match &e.item {
                    crate::dto::CustomItem::ApiTier(t) => Some(view! { <option value=format!("custom:{}", e.id)>{format!("{} (custom: ${}/${} per M, {})", t.name, t.input_per_mtok, t.output_per_mtok, t.as_of)}</option> }),
                    _ => None,
                }).collect_view())}
            </select>
            <button type="button" class="secondary" on:click=move |_| {
                let id = pick.get_untracked();
                if let Some(custom) = id.strip_prefix("custom:") {
                    let tier = ctx.custom.with_untracked(|c| c.iter().find(|e| e.id == custom).and_then(|e| match &e.item {
                        crate::dto::CustomItem::ApiTier(t) => Some(t.clone()),
                        _ => None,
                    }));
                    if let Some(t) = tier {
                        ctx.restructure(|d| d.api_tiers.push(t));
                    }
                } else if let Some(t) = catalog::tier(&id) {
                    ctx.restructure(|d| d.api_tiers.push(t.to_tier()));
                }
            }>"+ Add tier"</button>
        </div>
    }
}

fn config_row(ctx: Ctx, k: usize) -> impl IntoView {
    let list = ctx.doc.with_untracked(|d| d.gpu_configs.clone());
    list.get(k).cloned().map(move |g| {
        let p = move |f: &str| format!("gpu_configs[{k}].{f}");
        let gpus: Vec<(String, String)> = catalog::GPUS.iter().map(|x| (x.id.to_string(), x.name.to_string())).collect();
        let models: Vec<(String, String)> = catalog::MODELS.iter().map(|x| (x.id.to_string(), x.name.to_string())).collect();
        let precisions = choice_options::<Precision>();
        let typed = RwSignal::new(match &g.throughput { ThroughputSource::Typed { output_tokens_per_s } => Some(*output_tokens_per_s), _ => None });
        let tp_mode = match &g.throughput { ThroughputSource::Estimated => "estimated", ThroughputSource::Typed { .. } => "typed", ThroughputSource::Benchmark { .. } => "benchmark" };
        let bench_mode = RwSignal::new(tp_mode == "benchmark");
        let hourly = match &g.hosting { Hosting::Cloud(c) => Some((c.hourly_usd, format!("{} {}", c.provider, c.price_source))), Hosting::OnPrem(_) => None };
        view! {
            <div class="row card" data-testid=format!("config-{k}")>
                <TextField label="Configuration" path=p("name") value=g.name.clone() read_only=ctx.read_only
                    on_change=ctx.text(move |d, v| if let Some(g) = d.gpu_configs.get_mut(k) { g.name = v })/>
                {move || {
                    let mut options = gpus.clone();
                    let doc_custom: Vec<(String, String)> = ctx.doc.with_untracked(|d| d.custom_gpus.iter().map(|x| (x.id.to_string(), format!("{} (custom)", x.name))).collect());
                    for o in doc_custom {
                        if !options.iter().any(|x| x.0 == o.0) { options.push(o); }
                    }
                    for e in ctx.custom.get() {
                        if let crate::dto::CustomItem::Gpu(x) = &e.item {
                            if !options.iter().any(|o| o.0 == x.id.as_ref()) { options.push((x.id.to_string(), format!("{} (custom)", x.name))); }
                        }
                    }
                    let selected = ctx.doc.with_untracked(|d| d.gpu_configs.get(k).map(|g| g.gpu.clone()).unwrap_or_default());
                    view! {
                        <SelectField label="GPU" path=p("gpu") options=options selected=selected read_only=ctx.read_only error=ctx.err(p("gpu"))
                            on_change=Callback::new(move |v: String| {
                                let from_team = ctx.custom.with_untracked(|c| c.iter().find_map(|e| match &e.item {
                                    crate::dto::CustomItem::Gpu(x) if x.id == v.as_str() => Some(x.clone()),
                                    _ => None,
                                }));
                                ctx.doc.update(|d| {
                                    if let Some(x) = from_team {
                                        if !d.custom_gpus.iter().any(|c| c.id == x.id) { d.custom_gpus.push(x); }
                                    }
                                    if let Some(g) = d.gpu_configs.get_mut(k) { g.gpu = v; }
                                });
                            })/>
                    }
                }}
                <SelectField label="Model" path=p("model") options=models selected=g.model.clone() read_only=ctx.read_only error=ctx.err(p("model"))
                    on_change=ctx.text(move |d, v| if let Some(g) = d.gpu_configs.get_mut(k) { g.model = v })/>
                <SelectField label="Precision" path=p("precision") options=precisions selected=g.precision.as_str().to_string() read_only=ctx.read_only
                    on_change=ctx.text(move |d, v| if let (Some(g), Ok(x)) = (d.gpu_configs.get_mut(k), v.parse()) { g.precision = x })/>
                <NumField label="GPUs per replica" unit="GPUs" path=p("gpus_per_replica") value=f64::from(g.gpus_per_replica) read_only=ctx.read_only
                    error=ctx.err(p("gpus_per_replica"))
                    on_change=ctx.num(move |d, v| if let Some(g) = d.gpu_configs.get_mut(k) { g.gpus_per_replica = if (1.0..=64.0).contains(&v) && v.fract() == 0.0 { v as u32 } else { 0 } })/>
                {hourly.map(|(h, src)| view! {
                    <NumField label="GPU price" unit="$/GPU-hour" path=p("hosting.hourly_usd") value=h read_only=ctx.read_only hint=format!("Source: {src}")
                        error=ctx.err(p("hosting.hourly_usd"))
                        on_change=ctx.num(move |d, v| if let Some(Hosting::Cloud(c)) = d.gpu_configs.get_mut(k).map(|g| &mut g.hosting) { c.hourly_usd = v })/>
                })}
                <SelectField label="Throughput from" path=p("throughput.kind") read_only=ctx.read_only
                    options=vec![("estimated".into(), "estimate from GPU and model specs".into()), ("typed".into(), "a number I type".into()), ("benchmark".into(), "a benchmark run (measured)".into())]
                    selected=tp_mode.to_string()
                    on_change=Callback::new(move |v: String| {
                        bench_mode.set(v == "benchmark");
                        if v != "benchmark" {
                            ctx.doc.update(|d| if let Some(g) = d.gpu_configs.get_mut(k) {
                                g.throughput = if v == "typed" { ThroughputSource::Typed { output_tokens_per_s: typed.get_untracked().unwrap_or(100.0) } } else { ThroughputSource::Estimated };
                            });
                        }
                    })/>
                {move || bench_mode.get().then(|| measured::picker(ctx, k))}
                {move || ctx.doc.with(|d| matches!(d.gpu_configs.get(k).map(|g| &g.throughput), Some(ThroughputSource::Typed { .. }))).then(|| view! {
                    <NumField label="Throughput per replica" unit="output tok/s" path=p("throughput.output_tokens_per_s") value=typed.get_untracked().unwrap_or(100.0)
                        read_only=ctx.read_only hint="at your workload's request shape; a batched server makes many times single-user speed"
                        error=ctx.err(p("throughput.output_tokens_per_s"))
                        on_change=ctx.num(move |d, v| {
                            typed.set(Some(v));
                            if let Some(g) = d.gpu_configs.get_mut(k) { g.throughput = ThroughputSource::Typed { output_tokens_per_s: v } }
                        })/>
                })}
                <NumField label="Target utilisation" unit="share (0-1)" path=p("target_utilisation") value=g.target_utilisation read_only=ctx.read_only
                    hint="the article plans for 0.5-0.6" error=ctx.err(p("target_utilisation"))
                    on_change=ctx.num(move |d, v| if let Some(g) = d.gpu_configs.get_mut(k) { g.target_utilisation = v })/>
                <NumField label="Idle / reserved overhead" unit="share of GPU time" path=p("idle_overhead") value=g.idle_overhead read_only=ctx.read_only
                    hint="the article adds 0.2" error=ctx.err(p("idle_overhead"))
                    on_change=ctx.num(move |d, v| if let Some(g) = d.gpu_configs.get_mut(k) { g.idle_overhead = v })/>
                <NumField label="Engineer rate" unit="$/hour" path=p("people.engineer_usd_per_hour") value=g.people.engineer_usd_per_hour read_only=ctx.read_only
                    error=ctx.err(p("people.engineer_usd_per_hour"))
                    on_change=ctx.num(move |d, v| if let Some(g) = d.gpu_configs.get_mut(k) { g.people.engineer_usd_per_hour = v })/>
                <NumField label="Setup effort" unit="days" path=p("people.setup_days") value=g.people.setup_days read_only=ctx.read_only
                    error=ctx.err(p("people.setup_days"))
                    on_change=ctx.num(move |d, v| if let Some(g) = d.gpu_configs.get_mut(k) { g.people.setup_days = v })/>
                <NumField label="Maintenance" unit="hours/month" path=p("people.maintenance_hours_per_month") value=g.people.maintenance_hours_per_month read_only=ctx.read_only
                    error=ctx.err(p("people.maintenance_hours_per_month"))
                    on_change=ctx.num(move |d, v| if let Some(g) = d.gpu_configs.get_mut(k) { g.people.maintenance_hours_per_month = v })/>
                {more::config(ctx, k, &g)}
                {(!ctx.read_only).then(|| view! {
                    <div class="row-actions">
                        <button type="button" class="secondary" aria-label=format!("Duplicate configuration {}", k + 1)
                            on:click=move |_| ctx.restructure(|d| if let Some(g) = d.gpu_configs.get(k).cloned() {
                                d.gpu_configs.insert(k + 1, GpuConfig { name: format!("{} (copy)", g.name), ..g });
                            })>"Duplicate"</button>
                        <button type="button" class="danger" aria-label=format!("Remove configuration {}", k + 1)
                            on:click=move |_| ctx.restructure(|d| { if k < d.gpu_configs.len() { d.gpu_configs.remove(k); } })>"Remove"</button>
                    </div>
                })}
            </div>
        }
    })
}
