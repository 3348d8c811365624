//! Usage files between server and browser: what was kept of each, the workload and
//! reconciliation of several, and where a workload goes.

use engine::usage::file::{UsageFile, Workload};
use serde::{Deserialize, Serialize};

/// A stored usage file with its id and upload time.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StoredUsage {
    pub id: String,
    pub uploaded_at: String,
    pub size_bytes: i64,
    /// Whether the original file was kept ("keep the original" ticked at upload).
    #[serde(default)]
    pub original_kept: bool,
    pub file: UsageFile,
    /// On upload: a file stored earlier in this workspace that holds the same usage
    /// (one format, grouping, period and totals). Kept all the same; read together, the
    /// two count it once.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub duplicate_of: Option<super::SameFile>,
}

/// Several usage files read together.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct UsagePreview {
    pub files: Vec<StoredUsage>,
    pub workload: Workload,
    /// Whether any file counts requests over time (the back-test's load): a report of
    /// daily tokens has none, and the page offers no back-test for it.
    #[serde(default)]
    pub has_load: bool,
}

/// Where a measured workload goes.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum UsageTarget {
    /// A new scenario in the workspace: the template's API tiers and GPU
    /// configurations, the measured task types.
    New { template: String },
    /// The workload of a scenario, by its edit link.
    Replace { id: String, key: String },
}

/// What a workload did to its scenario.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct UsageApplied {
    pub id: String,
    /// `/s/{id}?key=...`: only when the scenario was created here (the caller of a
    /// replace already holds its link).
    pub edit_path: Option<String>,
    pub revision: i64,
    pub task_types: usize,
    /// Task types that kept what the user typed and followed the rest.
    pub followed: usize,
    /// Catalog tiers a new scenario got for the Claude models the usage measured.
    #[serde(default)]
    pub tiers_added: Vec<String>,
}
