//! OpenAI organization Usage API (completions) and Costs API: a page
//! (`{object: "page", data: [bucket], has_more}`), or the buckets of several pages joined
//! in one array. `input_tokens` includes the cached part (uncached = input − cached);
//! costs are dollars as JSON numbers.

use super::{CostRecord, Tokens, UsageFormat, UsageImport, UsageRecord};
use serde_json::Value;

pub(super) fn is_bucket(v: &Value) -> bool {
    v.get("object").and_then(Value::as_str) == Some("bucket")
        || (v.get("start_time").is_some_and(Value::is_i64)
            && v.get("results").is_some_and(Value::is_array))
}

pub(super) fn is_page(v: &Value) -> bool {
    v.get("object").and_then(Value::as_str) == Some("page")
        && v.get("data")
            .and_then(Value::as_array)
            .is_some_and(|d| d.first().is_none_or(is_bucket))
}

fn num(v: &Value, key: &str) -> f64 {
    super::count_of(v.get(key))
}

fn text(v: &Value, key: &str) -> Option<String> {
    v.get(key).and_then(Value::as_str).map(str::to_string)
}

/// The grouping keys a result carries (null unless the request grouped by them).
const KEYS: [&str; 5] = [
    "project_id",
    "user_id",
    "api_key_id",
    "service_tier",
    "line_item",
];

pub(super) fn import(items: &[Value]) -> Result<UsageImport, String> {
    if items
        .first()
        .is_some_and(|v| super::openai_legacy::is_answer(v) || super::openai_legacy::is_record(v))
    {
        let mut out = UsageImport::new(UsageFormat::OpenaiUsage);
        super::openai_legacy::import(items, &mut out);
        if out.records.is_empty() {
            return Err(format!(
                "OpenAI's older usage answer (GET /v1/usage?date=) with no token records: {}",
                out.skipped_text()
            ));
        }
        return Ok(out);
    }
    let mut buckets: Vec<&Value> = Vec::new();
    let more = super::pages::left_out(items.iter().filter(|v| is_page(v)));
    for v in items {
        if is_page(v) {
            buckets.extend(
                v.get("data")
                    .and_then(Value::as_array)
                    .into_iter()
                    .flatten(),
            );
        } else if is_bucket(v) {
            buckets.push(v);
        }
    }
    let results = || {
        buckets.iter().flat_map(|b| {
            b.get("results")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
        })
    };
    let is_cost = results().any(|r| {
        r.get("amount").is_some()
            || r.get("object").and_then(Value::as_str) == Some("organization.costs.result")
    });
    let is_usage =
        results().any(|r| r.get("num_model_requests").is_some() || r.get("input_tokens").is_some());
    if is_cost && is_usage {
        return Err("this file holds usage pages and cost pages together: upload the usage (/v1/organization/usage/completions) and the costs (/v1/organization/costs) as two files, chosen together, and the costs are set against the usage".into());
    }
    let mut out = UsageImport::new(if is_cost {
        UsageFormat::OpenaiCosts
    } else {
        UsageFormat::OpenaiUsage
    });
    if more {
        out.note("a page says more pages follow (has_more: true), and none is the last: this file is not the whole period; fetch the next pages and upload them together");
    }
    let mut widths = Vec::new();
    let mut repeats = super::pages::Repeats::default();
    // One query's pages hold a period once: the same period again with other counts is a
    // page fetched again later (its last bucket was partial then). The fuller is read.
    let period = |b: &Value| {
        (
            b.get("start_time").and_then(Value::as_i64),
            b.get("end_time").and_then(Value::as_i64),
        )
    };
    let traffic = |b: &Value| -> f64 {
        b.get("results")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .map(|r| {
                ["num_model_requests", "input_tokens", "output_tokens"]
                    .iter()
                    .filter_map(|k| r.get(*k).and_then(Value::as_f64))
                    .sum::<f64>()
                    + r.pointer("/amount/value")
                        .and_then(|v| v.as_f64().or_else(|| v.as_str()?.trim().parse().ok()))
                        .unwrap_or(0.0)
            })
            .sum()
    };
    let mut fullest: std::collections::HashMap<(Option<i64>, Option<i64>), (usize, f64)> =
        std::collections::HashMap::new();
    for (i, b) in buckets.iter().enumerate() {
        let t = traffic(b);
        let e = fullest.entry(period(b)).or_insert((i, t));
        if t > e.1 {
            *e = (i, t);
        }
    }
    for (i, b) in buckets.iter().enumerate() {
        if repeats.again(b) {
            out.skip(super::pages::REPEATED);
            continue;
        }
        let timed = matches!(period(b), (Some(_), Some(_)));
        if timed && fullest.get(&period(b)).is_some_and(|(k, _)| *k != i) {
            out.skip("a bucket of a period met before with other counts (a page fetched again later, when the period was complete): the fuller read");
            continue;
        }
        let (Some(start), Some(end)) = (
            b.get("start_time").and_then(Value::as_i64),
            b.get("end_time").and_then(Value::as_i64),
        ) else {
            out.skip("a bucket without start_time and end_time (Unix seconds)");
            continue;
        };
        if end <= start || start < 0 || end > super::time::LATEST {
            out.skip(
                "a bucket whose times are not Unix seconds from 1970 to 2286, start before end",
            );
            continue;
        }
        widths.push(end - start);
        let results = b
            .get("results")
            .and_then(Value::as_array)
            .map(Vec::as_slice)
            .unwrap_or(&[]);
        if results.is_empty() && is_cost {
            // A cost bucket with no row: a period billed nothing.
            out.costs.push(CostRecord::nothing_billed(start, end));
        } else if results.is_empty() {
            // A bucket with no traffic is a bucket of zero usage: it counts as time.
            let keys = out.keys([]);
            out.records.push(UsageRecord {
                start,
                end,
                model: None,
                keys,
                requests: Some(0.0),
                tokens: Tokens::default(),
                batch: None,
            });
        }
        for r in results {
            if is_cost {
                let Some(usd) = r
                    .get("amount")
                    .and_then(|a| a.get("value"))
                    // A number, or a number as text ("12.50", as the API has sent it).
                    .and_then(|v| match v {
                        Value::String(s) => s.trim().parse::<f64>().ok(),
                        v => v.as_f64(),
                    })
                    .filter(|x| x.is_finite())
                else {
                    out.skip("a cost result without amount.value");
                    continue;
                };
                let currency = r
                    .get("amount")
                    .and_then(|a| a.get("currency"))
                    .and_then(Value::as_str)
                    .unwrap_or("usd");
                if !currency.eq_ignore_ascii_case("usd") {
                    out.skip("a cost in a currency other than USD");
                    continue;
                }
                out.costs.push(CostRecord {
                    start,
                    end,
                    usd,
                    item: text(r, "line_item"),
                    model: None,
                });
                continue;
            }
            let input = num(r, "input_tokens");
            let mut cached = num(r, "input_cached_tokens");
            if cached > input {
                super::left_out(super::LeftOut::CachedAboveInput);
                cached = input;
            }
            let tokens = Tokens {
                uncached_input: input - cached,
                cache_read: cached,
                // Completions count output; embeddings and moderations have none.
                output: if text(r, "object").is_some_and(|o| o.contains("completions")) {
                    super::needed_count(Some(r), "output_tokens")
                } else {
                    num(r, "output_tokens")
                },
                input_audio: num(r, "input_audio_tokens"),
                output_audio: num(r, "output_audio_tokens"),
                ..Tokens::default()
            };
            let keys = out.keys(KEYS.iter().filter_map(|k| Some((*k, r.get(*k)?.as_str()?))));
            let model = r
                .get("model")
                .and_then(Value::as_str)
                .and_then(|m| out.model(m));
            out.records.push(UsageRecord {
                start,
                end,
                model,
                keys,
                requests: r
                    .get("num_model_requests")
                    .filter(|v| !v.is_null())
                    .map(|v| super::count_of(Some(v))),
                tokens,
                batch: r.get("batch").and_then(Value::as_bool),
            });
        }
    }
    if out.records.is_empty() && out.costs.is_empty() {
        return Err("an OpenAI usage or costs file with no buckets that can be read".into());
    }
    if let (Some(first), Some(last)) = (buckets.first(), buckets.last()) {
        let w = |b: &Value| {
            b.get("end_time").and_then(Value::as_i64).unwrap_or(0)
                - b.get("start_time").and_then(Value::as_i64).unwrap_or(0)
        };
        let full = widths.iter().copied().max().unwrap_or(0);
        if w(first) < full || w(last) < full {
            out.note("the first or last bucket is partial (the query's start, or the time of the query): counted for the time it covers");
        }
    }
    if !is_cost && out.records.iter().all(|r| r.model.is_none()) {
        out.note("no model in the file (the report was not grouped by model): its usage cannot be priced per model; fetch it with group_by=model");
    }
    Ok(out)
}
