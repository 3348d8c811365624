//! What the presentation, the printout and the comparison show of an evaluation. The
//! server works these out (`crate::results::report`), so the browser neither decodes the
//! whole evaluation (its curves, explanations and finance) nor carries the code that
//! reads it.

use engine::report::Headline;
use serde::{Deserialize, Serialize};

/// The presentation's and the printout's figures.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Report {
    /// The currency the money is in.
    pub currency: String,
    /// The three numbers finance asks for first (none when no option can serve).
    pub headline: Option<Headline>,
    pub calls_per_month: f64,
    pub output_tokens_per_month: f64,
    /// Every option, the API tiers first.
    pub options: Vec<ReportOption>,
    /// The configurations that cannot serve the workload, each with why (not in
    /// `options`: they have no cost).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub cannot_serve: Vec<(String, String)>,
    /// The NPV column's header, when the scenario has an appraisal.
    pub npv_head: Option<String>,
    /// The break-evens, tier by configuration.
    pub break_even: BreakEvenGrid,
    /// Every sourced assumption once, by option: input, value, source (date).
    pub assumptions: Vec<engine::report::Assumptions>,
    /// Said when the exchange rate or a catalog price is old on the day the page is drawn.
    #[serde(default)]
    pub age_notes: engine::report::AgeNotes,
}

/// One option's row on the printed page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ReportOption {
    pub name: String,
    pub monthly: f64,
    pub per_1k_output: f64,
    /// One-off setup (self-hosted options).
    pub setup: Option<f64>,
    /// The NPV, IRR and payback in words (self-hosted options with an appraisal).
    pub npv: Option<String>,
    /// What the reader must know of its figure: a benchmark run that may not measure it,
    /// a measurement above the hardware's bound (the results' notes).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<String>,
}

/// The break-evens as text cells, tier by configuration.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct BreakEvenGrid {
    pub tiers: Vec<String>,
    /// Per configuration: its name and one cell per tier.
    pub rows: Vec<(String, Vec<String>)>,
}

/// One side of a comparison, as the page shows it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CompareAnswers {
    /// The currency the side's money is in.
    pub currency: String,
    /// Its units per US dollar (1 in USD): two sides in different currencies are told
    /// apart in USD.
    #[serde(default = "one")]
    pub per_usd: f64,
    /// One line: the cheapest option and the break-even, or why there are no answers.
    pub summary: String,
    /// Every option's monthly cost, or why it has none (it cannot serve the workload).
    pub costs: Vec<(String, Result<f64, String>)>,
    /// Each break-even's sentence.
    pub break_even: Vec<String>,
}

fn one() -> f64 {
    1.0
}
