//! Chart requests and rendered charts.

use serde::{Deserialize, Serialize};

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
pub struct DrawnChart {
    pub svg: String,
    /// The size it was drawn at, in SVG pixels (0 in an answer kept from before).
    #[serde(default)]
    pub width: u32,
    #[serde(default)]
    pub height: u32,
    /// Plot area in SVG pixels: left, top, right, bottom.
    pub plot: [f64; 4],
    /// The x range in axis units (log10 of the volume when `log_x`).
    pub x_range: [f64; 2],
    pub log_x: bool,
    pub legend: Vec<LegendEntry>,
    /// Break-even chart: volumes (axis units, not log) and each visible series' cost there.
    pub hover_x: Vec<f64>,
    /// `None` where the option cannot carry the volume (fixed replicas full at peak).
    pub hover_series: Vec<(String, Vec<Option<f64>>)>,
    /// Per hover series: whether it meets the workload's quality floor. Only these can
    /// be the cheapest under the cursor, as only they can be the headline's cheapest.
    #[serde(default)]
    pub hover_ok: Vec<bool>,
    /// The index in `hover_x` nearest the scenario's own volume ("now"): where the
    /// keyboard's slider starts.
    #[serde(default)]
    pub hover_now: usize,
    pub x_label: String,
    /// Axis units per call (1 on the calls axis; 0 when the chart has no volume axis):
    /// the "Up to" field is read and written in the axis' units.
    #[serde(default)]
    pub x_per_call: f64,
}

impl DrawnChart {
    /// The size it was drawn at; `asked`'s for an answer that does not say it.
    pub fn size(&self, asked: &ChartOptions) -> (f64, f64) {
        match (self.width, self.height) {
            (0, _) | (_, 0) => (f64::from(asked.width), f64::from(asked.height)),
            (w, h) => (f64::from(w), f64::from(h)),
        }
    }
}
