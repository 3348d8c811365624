//! The team's own catalog entries.

pub use engine::custom::{CustomCloudPrice, CustomItem};
use serde::{Deserialize, Serialize};

/// A team's own catalog entry, stored in SQLite and marked as custom wherever it shows.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CustomEntry {
    pub id: String,
    pub created_at: String,
    /// Who added it, when the operator's sign-on proxy named the user (else empty).
    #[serde(default)]
    pub author: String,
    #[serde(flatten)]
    pub item: CustomItem,
}
