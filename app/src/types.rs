//! What travels between the server and the browser (never an edit key to a view).

use engine::{Evaluation, FieldError, Scenario};
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ScenarioSummary {
    pub id: String,
    pub view_token: String,
    pub name: String,
    pub revision: i64,
    pub updated_at: String,
}

/// Returned once, when a scenario is created: the only time the edit key is shown.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Created {
    pub id: String,
    pub edit_key: String,
    pub view_token: String,
    pub revision: i64,
}

impl Created {
    pub fn edit_path(&self) -> String {
        format!("/s/{}?key={}", self.id, self.edit_key)
    }
}

/// The answer to an evaluation: numbers, or the fields that stop them.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Evaluated {
    Ok(Box<Evaluation>),
    Invalid(Vec<FieldError>),
}

impl Evaluated {
    pub fn field(&self, path: &str) -> Option<String> {
        match self {
            Evaluated::Invalid(errs) => errs
                .iter()
                .find(|e| e.path == path)
                .map(|e| e.message.clone()),
            Evaluated::Ok(_) => None,
        }
    }
}

/// A scenario as its editor or viewer loads it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Loaded {
    pub id: String,
    pub name: String,
    pub revision: i64,
    pub view_token: String,
    pub updated_at: String,
    pub document: Scenario,
    pub evaluated: Evaluated,
}

/// Searches (scenario and benchmark lists) read at most this many characters.
pub const MAX_SEARCH_CHARS: usize = 200;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RevisionSummary {
    pub revision: i64,
    pub name: String,
    pub author: String,
    pub saved_at: String,
    pub restored_from: Option<i64>,
}

/// What the editor gets back for each edit: the numbers and the current chart.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Live {
    pub evaluated: Evaluated,
    pub chart: Option<ChartOut>,
}

/// Evaluates a document with the engine, the way every page and the API do.
pub fn evaluate(doc: &Scenario, curve_points: usize) -> Evaluated {
    match engine::validate(doc.clone()) {
        Ok(v) => Evaluated::Ok(Box::new(engine::evaluate(
            &v,
            engine::Options {
                curve_points,
                curve_max_calls: None,
            },
        ))),
        Err(e) => Evaluated::Invalid(e.0),
    }
}

/// The four charts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum ChartKind {
    #[default]
    BreakEven,
    Breakdown,
    Cumulative,
    Tornado,
}

impl ChartKind {
    pub const ALL: [ChartKind; 4] = [
        ChartKind::BreakEven,
        ChartKind::Breakdown,
        ChartKind::Cumulative,
        ChartKind::Tornado,
    ];
    pub fn slug(self) -> &'static str {
        match self {
            ChartKind::BreakEven => "break-even",
            ChartKind::Breakdown => "breakdown",
            ChartKind::Cumulative => "cumulative",
            ChartKind::Tornado => "sensitivity",
        }
    }
    pub fn from_slug(s: &str) -> Option<ChartKind> {
        ChartKind::ALL.into_iter().find(|k| k.slug() == s)
    }
    pub fn title(self) -> &'static str {
        match self {
            ChartKind::BreakEven => "Monthly cost vs volume",
            ChartKind::Breakdown => "Cost breakdown at the current volume",
            ChartKind::Cumulative => "Cumulative cost over the horizon",
            ChartKind::Tornado => "What moves the monthly saving (sensitivity)",
        }
    }
}

/// What the break-even chart's x axis counts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum VolumeAxis {
    #[default]
    Calls,
    OutputTokens,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ChartOptions {
    pub kind: ChartKind,
    pub axis: VolumeAxis,
    pub log_x: bool,
    /// Upper end of the volume axis, calls/month (`None`: wide enough to show the crossings).
    pub max_calls: Option<f64>,
    /// Series keys ("t0", "c1") the user switched off.
    pub hidden: Vec<String>,
    pub width: u32,
    pub height: u32,
}

impl Default for ChartOptions {
    fn default() -> Self {
        ChartOptions {
            kind: ChartKind::BreakEven,
            axis: VolumeAxis::Calls,
            log_x: false,
            max_calls: None,
            hidden: Vec::new(),
            width: 960,
            height: 540,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LegendEntry {
    pub key: String,
    pub name: String,
    pub color: String,
    pub hidden: bool,
}

/// A rendered chart and what the browser needs to read values under the cursor.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Default)]
pub struct ChartOut {
    pub svg: String,
    /// Plot area in SVG pixels: left, top, right, bottom.
    pub plot: [f64; 4],
    /// The x range in axis units (log10 of the volume when `log_x`).
    pub x_range: [f64; 2],
    pub log_x: bool,
    pub legend: Vec<LegendEntry>,
    /// Break-even chart: volumes (axis units, not log) and each visible series' cost there.
    pub hover_x: Vec<f64>,
    pub hover_series: Vec<(String, Vec<f64>)>,
    pub x_label: String,
}

/// The three numbers finance asks for first.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Headline {
    /// Cheapest option at the current volume and its monthly cost.
    pub cheapest: String,
    pub cheapest_cost: f64,
    /// What the cheapest option saves per month against the next-best of the other
    /// kind (self-hosted vs API or the reverse).
    pub saving: Option<(String, f64)>,
    /// Where the best self-hosted option first beats the baseline tier.
    pub break_even_calls: Option<f64>,
    pub break_even_pair: Option<(String, String)>,
    pub payback_month: Option<u32>,
}

pub fn headline(e: &Evaluation) -> Option<Headline> {
    use engine::hybrid::OptionRef;
    let c = e.cheapest.as_ref()?;
    let best_self = e
        .selfhosted
        .iter()
        .enumerate()
        .filter_map(|(k, s)| s.monthly.as_ref().map(|m| (k, m.value)))
        .min_by(|a, b| a.1.total_cmp(&b.1));
    let best_api = e
        .api
        .iter()
        .enumerate()
        .map(|(j, a)| (j, a.monthly.value))
        .min_by(|a, b| a.1.total_cmp(&b.1));
    let saving = match c.option {
        OptionRef::Tier(_) => {
            best_self.map(|(k, v)| (e.selfhosted[k].name.clone(), v - c.monthly_cost))
        }
        OptionRef::Config(_) => best_api.map(|(j, v)| (e.api[j].name.clone(), v - c.monthly_cost)),
    };
    let baseline = e.projection.baseline_tier;
    let pair = match (baseline, best_self) {
        (Some(b), Some((k, _))) => e.break_even.iter().find(|p| p.tier == b && p.config == k),
        _ => None,
    };
    Some(Headline {
        cheapest: c.name.clone(),
        cheapest_cost: c.monthly_cost,
        saving,
        break_even_calls: pair.and_then(|p| p.crossings.first().map(|x| x.calls_per_month)),
        break_even_pair: pair.map(|p| {
            (
                e.api[p.tier].name.clone(),
                e.selfhosted[p.config].name.clone(),
            )
        }),
        payback_month: best_self
            .and_then(|(k, _)| e.projection.configs.get(k)?.as_ref()?.payback_month),
    })
}

/// Every sourced input of the evaluation (catalog and typed prices), once each:
/// the assumptions footnote of the presentation and the printout.
pub fn assumptions(e: &Evaluation) -> Vec<(String, String, String)> {
    let mut out: Vec<(String, String, String)> = Vec::new();
    let mut push = |x: &engine::explain::Explained, owner: &str| {
        for i in &x.inputs {
            if let Some(src) = &i.source {
                let row = (
                    format!("{owner}: {}", i.name),
                    format!("{} {}", engine::explain::fmt_num(i.value), i.unit),
                    src.to_string(),
                );
                if !out.contains(&row) {
                    out.push(row);
                }
            }
        }
    };
    for a in &e.api {
        push(&a.monthly, &a.name);
    }
    for s in &e.selfhosted {
        if let Some(m) = &s.monthly {
            push(m, &s.name);
        }
        if let Some(t) = &s.throughput {
            push(t, &s.name);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headline_of_the_article_case() {
        let mut s = engine::templates::haiku_vs_4090();
        s.task_types[0].calls_per_month = 2_000_000.0;
        let e = engine::evaluate_document(s, Default::default()).expect("valid");
        let h = headline(&e).expect("numbers");
        assert_eq!(h.cheapest, "RTX 4090 + Llama 3.1 8B (estimated, batched)");
        let (vs, saving) = h.saving.expect("saving");
        assert_eq!(vs, "Claude Haiku 3.5");
        assert!((saving - (e.api[0].monthly.value - h.cheapest_cost)).abs() < 1e-9);
        assert!(h.break_even_calls.is_some_and(|c| c < 2_000_000.0));
        assert!(h.payback_month.is_some());
        let a = assumptions(&e);
        assert!(
            a.iter().any(|r| r.2.contains("2025-06-22")),
            "Haiku 3.5 price source and date"
        );
        assert!(
            a.iter().any(|r| r.2.contains("h100-llama8b-measured")),
            "efficiency calibration source"
        );
    }
}

/// One stored benchmark run with where it came from.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BenchRunRow {
    pub id: String,
    pub file_id: String,
    pub file_name: String,
    /// Human name of the format the file was read as.
    pub format: String,
    pub uploaded_at: String,
    pub run: engine::bench::Run,
}

impl BenchRunRow {
    /// The throughput source a GPU configuration gets from this run, or why it cannot.
    pub fn source(&self) -> Result<engine::scenario::ThroughputSource, String> {
        let r = &self.run;
        let tps = r
            .output_tokens_per_s
            .filter(|x| *x > 0.0)
            .ok_or("this run has no output tokens/s (see its notes)")?;
        let out = r.output_tokens.filter(|x| *x > 0.0).ok_or("this run does not say how many output tokens a request had, so its throughput cannot be converted to your workload")?;
        Ok(engine::scenario::ThroughputSource::Benchmark {
            run_id: self.id.clone(),
            output_tokens_per_s: tps,
            input_tokens: r.input_tokens.unwrap_or(0.0).max(0.0),
            output_tokens: out,
            concurrency: r.concurrency.unwrap_or(1.0),
            label: self.short_label(),
        })
    }

    /// "model, label (file)" for lists and the scenario's explanation.
    pub fn short_label(&self) -> String {
        let model = self
            .run
            .model
            .clone()
            .unwrap_or_else(|| "unknown model".into());
        let label = if self.run.label.is_empty() {
            String::new()
        } else {
            format!(", {}", self.run.label)
        };
        format!("{model}{label} ({})", self.file_name)
    }
}

/// What an upload stored.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BenchUpload {
    pub file_id: String,
    pub file_name: String,
    pub format: String,
    pub format_id: String,
    pub size_bytes: i64,
    /// Whether the original file was kept (it is when within the stored-size cap).
    pub original_kept: bool,
    pub runs: Vec<BenchRunRow>,
    /// Runs in the file that were not kept, with the reason.
    pub refused: Vec<String>,
}

/// A scenario whose current revision takes throughput from a run.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct UsedBy {
    pub name: String,
    pub view_token: String,
}

/// A run's page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BenchRunDetail {
    pub row: BenchRunRow,
    pub size_bytes: i64,
    pub original_kept: bool,
    pub refused: Vec<String>,
    pub used_by: Vec<UsedBy>,
    /// Other runs of the same file.
    pub siblings: Vec<BenchRunRow>,
}

/// One side of a comparison: a view link, or a revision of a scenario (needs its edit key).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum CompareSide {
    View {
        token: String,
    },
    Revision {
        id: String,
        key: String,
        revision: i64,
    },
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CompareColumn {
    pub title: String,
    pub document: Scenario,
    pub evaluated: Evaluated,
}

/// An input whose value differs between the two sides.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct InputDiff {
    pub path: String,
    /// A human label when the path is a numeric input ("Haiku 3.5: output price").
    pub label: Option<String>,
    pub a: String,
    pub b: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Comparison {
    pub a: CompareColumn,
    pub b: CompareColumn,
    pub diffs: Vec<InputDiff>,
}

fn flatten(
    prefix: &str,
    v: &serde_json::Value,
    out: &mut std::collections::BTreeMap<String, String>,
) {
    match v {
        serde_json::Value::Object(m) => {
            for (k, x) in m {
                let p = if prefix.is_empty() {
                    k.clone()
                } else {
                    format!("{prefix}.{k}")
                };
                flatten(&p, x, out);
            }
        }
        serde_json::Value::Array(items) => {
            for (i, x) in items.iter().enumerate() {
                flatten(&format!("{prefix}[{i}]"), x, out);
            }
            if items.is_empty() {
                out.insert(prefix.to_string(), "(none)".into());
            }
        }
        serde_json::Value::String(s) => {
            out.insert(prefix.to_string(), s.clone());
        }
        serde_json::Value::Null => {
            out.insert(prefix.to_string(), "–".into());
        }
        other => {
            out.insert(prefix.to_string(), other.to_string());
        }
    }
}

/// Every input path whose value differs (or exists on one side only), in document order.
pub fn diff_inputs(a: &Scenario, b: &Scenario) -> Vec<InputDiff> {
    let mut fa = std::collections::BTreeMap::new();
    let mut fb = std::collections::BTreeMap::new();
    flatten("", &serde_json::to_value(a).unwrap_or_default(), &mut fa);
    flatten("", &serde_json::to_value(b).unwrap_or_default(), &mut fb);
    let mut paths: Vec<&String> = fa.keys().chain(fb.keys()).collect();
    paths.sort();
    paths.dedup();
    // An entry (`gpu_configs[1]`) that exists on one side only is one row, not one per field.
    let entry_of = |p: &str| p.find(']').map(|i| p[..=i].to_string());
    let whole = |side: &std::collections::BTreeMap<String, String>, e: &str| {
        side.get(&format!("{e}.name"))
            .cloned()
            .map(|n| format!("\u{201c}{n}\u{201d}"))
            .unwrap_or_else(|| "present".into())
    };
    let mut out: Vec<InputDiff> = Vec::new();
    for p in paths.into_iter().filter(|p| fa.get(*p) != fb.get(*p)) {
        if let Some(e) = entry_of(p) {
            let in_a = fa.keys().any(|k| k.starts_with(&e));
            let in_b = fb.keys().any(|k| k.starts_with(&e));
            if in_a != in_b {
                if !out.iter().any(|d| d.path == e) {
                    let (va, vb) = if in_a {
                        (whole(&fa, &e), "(absent)".to_string())
                    } else {
                        ("(absent)".to_string(), whole(&fb, &e))
                    };
                    out.push(InputDiff {
                        path: e.clone(),
                        label: Some(format!("{e} (whole entry)")),
                        a: va,
                        b: vb,
                    });
                }
                continue;
            }
        }
        out.push(InputDiff {
            path: p.clone(),
            label: engine::params::Param::parse(p, a).map(|x| x.label(a)),
            a: fa.get(p).cloned().unwrap_or_else(|| "(absent)".into()),
            b: fb.get(p).cloned().unwrap_or_else(|| "(absent)".into()),
        });
    }
    out
}

#[cfg(test)]
mod compare_tests {
    use super::*;

    #[test]
    fn only_changed_inputs_are_listed() {
        let a = engine::templates::template("haiku-vs-4090").unwrap_or_default();
        let mut b = a.clone();
        assert!(diff_inputs(&a, &b).is_empty());
        b.api_tiers[0].output_per_mtok = 5.0;
        b.task_types[0].name = "Renamed".into();
        let d = diff_inputs(&a, &b);
        assert_eq!(d.len(), 2, "{d:?}");
        let price = d
            .iter()
            .find(|x| x.path == "api_tiers[0].output_per_mtok")
            .map(|x| (x.a.as_str(), x.b.as_str(), x.label.is_some()));
        assert_eq!(price, Some(("4.0", "5.0", true)));
        assert!(d
            .iter()
            .any(|x| x.path == "task_types[0].name" && x.b == "Renamed"));
    }
}

/// A team's own catalog entry, stored in SQLite and marked as custom wherever it shows.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CustomEntry {
    pub id: String,
    pub created_at: String,
    /// The key that deletes this entry: present only in the answer to the request that
    /// added it (the browser keeps it), never in a listing.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub edit_key: Option<String>,
    #[serde(flatten)]
    pub item: CustomItem,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", content = "data", rename_all = "snake_case")]
pub enum CustomItem {
    /// A negotiated or otherwise private API price.
    ApiTier(engine::scenario::ApiTier),
    /// A cloud price for a catalog or custom GPU.
    CloudPrice(CustomCloudPrice),
    /// A private GPU SKU.
    Gpu(engine::catalog::GpuEntry),
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CustomCloudPrice {
    pub provider: String,
    /// GPU id (built-in or custom).
    pub gpu: String,
    pub hourly_usd: f64,
    pub note: String,
}

impl CustomItem {
    pub fn name(&self) -> String {
        match self {
            CustomItem::ApiTier(t) => t.name.clone(),
            CustomItem::CloudPrice(p) => format!("{} {} ${}/h", p.provider, p.gpu, p.hourly_usd),
            CustomItem::Gpu(g) => g.name.to_string(),
        }
    }
    pub fn kind(&self) -> &'static str {
        match self {
            CustomItem::ApiTier(_) => "api_tier",
            CustomItem::CloudPrice(_) => "cloud_price",
            CustomItem::Gpu(_) => "gpu",
        }
    }

    /// Field-level problems, with paths under `entry.` (the catalog page's form).
    pub fn check(&self) -> Vec<FieldError> {
        let mut errs = Vec::new();
        let mut bad = |path: &str, message: &str| {
            errs.push(FieldError {
                path: format!("entry.{path}"),
                message: message.to_string(),
            })
        };
        let pos = |x: f64| x.is_finite() && x > 0.0;
        let nonneg = |x: f64| x.is_finite() && x >= 0.0;
        match self {
            CustomItem::ApiTier(t) => {
                if t.name.trim().is_empty() {
                    bad("name", "needs a name");
                }
                for (f, v) in [
                    ("input_per_mtok", t.input_per_mtok),
                    ("output_per_mtok", t.output_per_mtok),
                    ("cache_read_per_mtok", t.cache_read_per_mtok),
                ] {
                    if !nonneg(v) {
                        bad(f, "must be a number >= 0");
                    }
                }
                if !(1..=3).contains(&t.quality) {
                    bad("quality", "must be 1, 2 or 3");
                }
            }
            CustomItem::CloudPrice(p) => {
                if p.provider.trim().is_empty() {
                    bad("provider", "needs a provider");
                }
                if !pos(p.hourly_usd) {
                    bad("hourly_usd", "must be a number > 0");
                }
            }
            CustomItem::Gpu(g) => {
                if g.name.trim().is_empty() {
                    bad("name", "needs a name");
                }
                for (f, v) in [
                    ("vram_gb", g.vram_gb),
                    ("bandwidth_gbs", g.bandwidth_gbs),
                    ("bf16_tflops", g.bf16_tflops),
                ] {
                    if !pos(v) {
                        bad(f, "must be a number > 0");
                    }
                }
                if !nonneg(g.tdp_w) {
                    bad("tdp_w", "must be a number >= 0");
                }
            }
        }
        // The same checks a scenario gets (ranges, the 1e12 cap, text lengths), so an
        // entry every editor is offered never makes a scenario invalid.
        for e in self.engine_check() {
            if !errs.iter().any(|x| x.path == e.path) {
                errs.push(e);
            }
        }
        errs
    }

    /// Runs the engine's validation on a scenario that uses only this entry, and
    /// reports its problems under `entry.`.
    fn engine_check(&self) -> Vec<FieldError> {
        let mut s = engine::templates::blank();
        let prefix = match self {
            CustomItem::ApiTier(t) => {
                s.api_tiers = vec![t.clone()];
                "api_tiers[0]."
            }
            CustomItem::Gpu(g) => {
                // The stored entry gets a fresh `custom-` id; check the specs under one.
                let mut g = g.clone();
                g.id = "custom-check".into();
                s.custom_gpus = vec![g];
                s.gpu_configs[0].gpu = "custom-check".into();
                "custom_gpus[0]."
            }
            CustomItem::CloudPrice(p) => {
                if let Some(engine::scenario::Hosting::Cloud(c)) =
                    s.gpu_configs.get_mut(0).map(|g| &mut g.hosting)
                {
                    c.hourly_usd = p.hourly_usd;
                    c.provider = p.provider.clone();
                    c.price_source = p.note.clone();
                }
                let mut errs = Vec::new();
                // Custom GPUs are checked when the price is used; a built-in id must exist.
                if p.gpu.chars().count() > engine::validate::limits::TEXT_CHARS {
                    errs.push(FieldError {
                        path: "entry.gpu".into(),
                        message: "is too long to be a GPU id".into(),
                    });
                } else if !p.gpu.starts_with("custom-") && engine::catalog::gpu(&p.gpu).is_none() {
                    errs.push(FieldError {
                        path: "entry.gpu".into(),
                        message: format!(
                            "unknown GPU '{}'",
                            p.gpu.chars().take(60).collect::<String>()
                        ),
                    });
                }
                return errs
                    .into_iter()
                    .chain(
                        engine::validate(s)
                            .err()
                            .into_iter()
                            .flat_map(|e| e.0)
                            .filter_map(|e| {
                                let field = match e.path.as_str() {
                                    "gpu_configs[0].hosting.hourly_usd" => "hourly_usd",
                                    "gpu_configs[0].hosting.provider" => "provider",
                                    "gpu_configs[0].hosting.price_source" => "note",
                                    _ => return None,
                                };
                                Some(FieldError {
                                    path: format!("entry.{field}"),
                                    message: e.message,
                                })
                            }),
                    )
                    .collect();
            }
        };
        match engine::validate(s) {
            Ok(_) => Vec::new(),
            Err(e) => {
                e.0.into_iter()
                    .filter_map(|e| {
                        e.path.strip_prefix(prefix).map(|field| FieldError {
                            path: format!("entry.{field}"),
                            message: e.message.clone(),
                        })
                    })
                    .collect()
            }
        }
    }
}
