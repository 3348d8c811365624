//! The decision slide's parts: the inputs that would flip the answer, and what the slide
//! says of them.

use super::Summary;
use serde::{Deserialize, Serialize};

/// An input that, moved within its range, makes the other option the cheaper one at
/// today's volume: its range, the monthly saving at each end, and where it flips.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Flip {
    pub path: String,
    pub label: String,
    /// The value as entered, and its range (entered, or ±25%).
    pub value: f64,
    pub low: f64,
    pub high: f64,
    /// Baseline tier minus the best self-hosted option, in the scenario's currency a
    /// month, at each end; `None` where no configuration compares there.
    pub saving_at_low: Option<f64>,
    pub saving_at_high: Option<f64>,
    /// Where the saving crosses zero (found by bisection to 1e-6 of the range).
    pub flips_at: f64,
    /// `flips_at`, `value` and the range as the pages write them, with the input's unit
    /// ("3.05 USD/Mtok", "30%", "3 .. 5 USD/Mtok"; [`crate::params::Param::value_text`]).
    pub flips_at_text: String,
    pub value_text: String,
    pub range_text: String,
}

/// The slide: the summary and what would flip the answer.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DecisionSlide {
    pub summary: Summary,
    /// The monthly saving at the scenario's own inputs.
    pub saving: Option<f64>,
    /// At most `n` inputs, by how far they move the saving.
    pub flips: Vec<Flip>,
    /// How many inputs were tried.
    pub tried: usize,
    /// Where p95 latency targets are set (each ranged as any input, above): what the answer is without
    /// them, in one sentence.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub without_targets: Option<String>,
    /// The tier the flips' monthly saving is measured against, named where the advice
    /// measures against the API as used (each task type on its own tier) instead.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub flips_against: Option<String>,
}

impl DecisionSlide {
    /// The heading over the flips: which comparison they flip.
    pub fn flips_heading(&self) -> String {
        match &self.flips_against {
            Some(t) => format!("What would flip the comparison with {t} at today's volume"),
            None => "What would flip the cheaper option at today's volume".to_string(),
        }
    }

    /// What the slide says when no input flips it.
    pub fn no_flip(&self) -> String {
        let against = self
            .flips_against
            .as_ref()
            .map_or("above".to_string(), |t| format!("against {t}"));
        format!(
            "None of the {} ranged inputs, moved alone across its range, reverses the monthly saving {against}: it keeps its sign at today's volume.",
            self.tried
        )
    }
}
