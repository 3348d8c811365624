//! Workspaces and the links that reach into them.

use serde::{Deserialize, Serialize};

/// What a member of a workspace sees of it: its name and its secret link's token.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct WorkspaceInfo {
    pub token: String,
    pub name: String,
}

impl WorkspaceInfo {
    pub fn path(&self) -> String {
        format!("/w/{}", self.token)
    }
}

/// The link a request reads a workspace's sources (benchmark runs, custom catalog
/// entries) through: the workspace's own token, or a scenario's edit link, which may use
/// its workspace's sources and nothing else of it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Access {
    Workspace { token: String },
    Scenario { id: String, key: String },
}

impl Access {
    /// The scenario an edit link names (`None` for a workspace's key).
    pub fn scenario(&self) -> Option<&str> {
        match self {
            Access::Workspace { .. } => None,
            Access::Scenario { id, .. } => Some(id),
        }
    }
}
