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
    /// Each option's monthly cost on both sides, paired as the inputs are.
    pub costs: Vec<CostRow>,
}

/// One option's monthly cost on each side, or why that side has none: the option is not
/// in it, or it cannot serve the side's workload (the engine's reason).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CostRow {
    /// Its name, or "A's name → B's name" when it was renamed.
    pub name: String,
    pub a: Result<f64, String>,
    pub b: Result<f64, String>,
}

#[cfg(feature = "ssr")]
impl CostRow {
    /// The options of both sides paired by identity, else renamed in place
    /// ([`engine::report::pair_options`]): a configuration renamed (its name follows its
    /// GPU) is one row with both costs, not one removed and another added.
    pub fn paired(a: &CompareColumn, b: &CompareColumn) -> Vec<CostRow> {
        let (ca, cb) = (&a.answers.costs, &b.answers.costs);
        // The option's name in a side's inputs (for a side that has no answers).
        let named = |s: &engine::Scenario, i: usize| {
            let n = s.api_tiers.len();
            if i < n {
                s.api_tiers.get(i).map(|t| t.name.clone())
            } else {
                s.gpu_configs.get(i - n).map(|g| g.name.clone())
            }
        };
        engine::report::pair_options(&a.document, &b.document)
            .into_iter()
            .filter_map(|(i, j)| {
                let x = i.and_then(|i| ca.get(i));
                let y = j.and_then(|j| cb.get(j));
                let na = x
                    .map(|x| x.0.clone())
                    .or_else(|| i.and_then(|i| named(&a.document, i)));
                let nb = y
                    .map(|y| y.0.clone())
                    .or_else(|| j.and_then(|j| named(&b.document, j)));
                let name = match (na, nb) {
                    (Some(x), Some(y)) if x != y => format!("{x} → {y}"),
                    (Some(x), _) => x,
                    (None, Some(y)) => y,
                    (None, None) => return None,
                };
                // In the side's inputs but without a cost: the side has no answers at
                // all (its inputs are invalid), which is not the option's doing.
                let side = |c: Option<&(String, Result<f64, String>)>,
                            present: bool,
                            col: &CompareColumn,
                            label: &str| {
                    match c {
                        Some(c) => c.1.clone(),
                        None if present => {
                            Err(format!("no answers for {label}: {}", col.answers.summary))
                        }
                        None => Err(format!("not in {label}")),
                    }
                };
                Some(CostRow {
                    name,
                    a: side(x, i.is_some(), a, "A"),
                    b: side(y, j.is_some(), b, "B"),
                })
            })
            .collect()
    }
}
