//! Two scenarios side by side.

use super::Evaluated;
use engine::report::InputDiff;
use engine::Scenario;
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
    pub document: Scenario,
    pub evaluated: Evaluated,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Comparison {
    pub a: CompareColumn,
    pub b: CompareColumn,
    pub diffs: Vec<InputDiff>,
}
