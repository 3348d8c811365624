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
