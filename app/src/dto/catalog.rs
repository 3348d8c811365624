//! The team's own catalog entries.

pub use engine::custom::{CustomCloudPrice, CustomItem};
use serde::{Deserialize, Serialize};

/// A team's own catalog entry, stored in SQLite and marked as custom wherever it shows.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CustomEntry {
    pub id: String,
    pub created_at: String,
    /// The key that deletes this entry: present only in the answer to the request that
    /// added it (the browser keeps it), never in a listing.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub edit_key: Option<String>,
    #[serde(flatten)]
    pub item: CustomItem,
}
