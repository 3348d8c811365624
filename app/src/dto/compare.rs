//! Two scenarios side by side.

use super::CompareAnswers;
use engine::report::InputDiff;
use serde::{Deserialize, Serialize};

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
    /// The side's inputs: the server compares them, and the page shows only the diffs.
    #[cfg(feature = "ssr")]
    #[serde(skip)]
    pub document: engine::Scenario,
    pub answers: CompareAnswers,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Comparison {
    pub a: CompareColumn,
    pub b: CompareColumn,
    pub diffs: Vec<InputDiff>,
}
