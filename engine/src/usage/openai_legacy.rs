//! OpenAI's older usage answer, `GET /v1/usage?date=YYYY-MM-DD` (the dashboard's API
//! before the organization Usage API): `{object: "list", data: [...], ft_data,
//! dalle_api_data, whisper_api_data, tts_api_data, ...}`, one record per minute, model
//! and operation, with `n_requests`, `n_context_tokens_total` (cached part included, as
//! `n_cached_context_tokens_total` says) and `n_generated_tokens_total`. One answer is
//! one day; several days' answers may come one after another or in an array.

use super::{Tokens, UsageImport, UsageRecord};
use serde_json::Value;

/// The sections of the answer that are not token usage (images, audio, fine-tuning,
/// tools), skipped and said.
const OTHER: [&str; 6] = [
    "ft_data",
    "dalle_api_data",
    "whisper_api_data",
    "tts_api_data",
    "assistant_code_interpreter_data",
    "retrieval_storage_data",
];

/// One record of `data`: it times itself by the minute and counts context tokens.
pub(super) fn is_record(v: &Value) -> bool {
    v.get("aggregation_timestamp").is_some()
        && (v.get("n_context_tokens_total").is_some()
            || v.get("n_generated_tokens_total").is_some())
}

/// The whole answer: its `data` holds such records (or none, on a day without any), beside
/// at least one of the other sections.
pub(super) fn is_answer(v: &Value) -> bool {
    let data = v.get("data").and_then(Value::as_array);
    data.is_some_and(|d| d.first().is_some_and(is_record))
        || (data.is_some_and(Vec::is_empty) && OTHER.iter().any(|k| v.get(*k).is_some()))
}

const DAY: i64 = 86_400;
const MINUTE: i64 = 60;

pub(super) fn import(items: &[Value], out: &mut UsageImport) {
    let mut records: Vec<&Value> = Vec::new();
    for v in items {
        if is_answer(v) {
            records.extend(
                v.get("data")
                    .and_then(Value::as_array)
                    .into_iter()
                    .flatten(),
            );
            for k in OTHER {
                for _ in v.get(k).and_then(Value::as_array).into_iter().flatten() {
                    out.skip("an image, audio, fine-tuning or tool record of the older usage answer (dalle_api_data, whisper_api_data, ...): not token usage");
                }
            }
        } else if is_record(v) {
            records.push(v);
        } else {
            out.skip("not a record of the older usage answer (no aggregation_timestamp and token counts)");
        }
    }
    let mut days = std::collections::BTreeSet::new();
    // A record met again (the same day's answer twice) is counted once.
    let mut seen = std::collections::HashSet::new();
    for r in records {
        if !seen.insert(r.to_string()) {
            out.skip("a record met before (the same day's answer read twice): counted once");
            continue;
        }
        let Some(at) = r
            .get("aggregation_timestamp")
            .and_then(Value::as_i64)
            .filter(|t| (0..super::time::LATEST - MINUTE).contains(t))
        else {
            out.skip("a record without an aggregation_timestamp in Unix seconds");
            continue;
        };
        days.insert(at.div_euclid(DAY));
        let context = super::count_of(r.get("n_context_tokens_total"));
        let mut cached = super::count_of(r.get("n_cached_context_tokens_total"));
        if cached > context {
            super::left_out(super::LeftOut::CachedAboveInput);
            cached = context;
        }
        let tokens = Tokens {
            uncached_input: context - cached,
            cache_read: cached,
            output: super::needed_count(Some(r), "n_generated_tokens_total"),
            ..Tokens::default()
        };
        let text = |k: &str| r.get(k).and_then(Value::as_str).filter(|s| !s.is_empty());
        let keys = out.keys(
            ["project_id", "api_key_id", "operation"]
                .into_iter()
                .filter_map(|k| Some((k, text(k)?))),
        );
        let model = text("snapshot_id").and_then(|m| out.model(m));
        out.records.push(UsageRecord {
            start: at,
            end: at + MINUTE,
            model,
            keys,
            requests: r
                .get("n_requests")
                .filter(|v| !v.is_null())
                .map(|v| super::count_of(Some(v))),
            tokens,
            batch: None,
        });
    }
    // Each answer is one whole day (UTC): its quiet minutes count as time.
    for day in &days {
        let keys = out.keys([]);
        out.records.push(UsageRecord {
            start: day * DAY,
            end: (day + 1) * DAY,
            model: None,
            keys,
            requests: Some(0.0),
            tokens: Tokens::default(),
            batch: None,
        });
    }
    if !days.is_empty() {
        out.note(format!(
            "OpenAI's older usage answer (GET /v1/usage?date=): minute by minute, {} whole day(s) in UTC; a day fetched before it ended counts as a whole day all the same",
            days.len()
        ));
    }
}
