//! Pages of a paginated report (OpenAI's and Anthropic's usage and cost APIs) uploaded
//! together: whether some are missing, and a page uploaded twice.

use serde_json::Value;
use std::collections::HashSet;

/// Whether the pages leave some out: one says more follow (`has_more: true`) and none
/// says it is the last, in whatever order they were joined.
pub(super) fn left_out<'a>(pages: impl Iterator<Item = &'a Value> + Clone) -> bool {
    let more = |v: bool| {
        pages
            .clone()
            .any(|p| p.get("has_more").and_then(Value::as_bool) == Some(v))
    };
    more(true) && !more(false)
}

/// Buckets met before in the file. One query's pages never repeat a bucket: the same
/// bucket again (the same times, the same results) is a page uploaded twice.
#[derive(Default)]
pub(super) struct Repeats(HashSet<String>);

impl Repeats {
    /// Whether `bucket` was met before (it is then counted once, and said).
    pub(super) fn again(&mut self, bucket: &Value) -> bool {
        !self.0.insert(bucket.to_string())
    }
}

/// The reason a repeated bucket is skipped.
pub(super) const REPEATED: &str =
    "a bucket met before in the file (the same period with the same results: a page uploaded twice), counted once";
