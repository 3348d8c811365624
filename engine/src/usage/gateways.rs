//! Usage as gateways and observability tools export it. No real sample of these was
//! available: each reader follows the documented schema (named below) and refuses what
//! does not fit it, with the reason.
//!
//! - LiteLLM spend logs (`LiteLLM_SpendLogs`, as `GET /spend/logs` answers them): one
//!   object per request with `request_id`, `call_type`, `startTime`, `model`,
//!   `prompt_tokens` (OpenAI's convention: cached tokens included), `completion_tokens`,
//!   and `metadata.usage_object` with the cached and cache-creation parts when the
//!   provider gave them. `spend` is LiteLLM's own estimate from its price map, not a
//!   bill: it is not used to reconcile.
//! - Langfuse daily metrics (`GET /api/public/metrics/daily`): `data` of days, each with
//!   `usage` per model (`inputUsage`, `outputUsage`, `countObservations`); `totalCost`
//!   is Langfuse's estimate from its model prices, not a bill.
//! - A per-request CSV (LiteLLM's and Helicone's exports, and any table with one request
//!   per row): columns found by name (see `COLUMNS`), whatever their order. A column
//!   named `prompt…` counts cached tokens inside it (OpenAI's convention); one named
//!   `input…` does not (Anthropic's).

use super::time::parse_rfc3339;
use super::{Tokens, UsageFormat, UsageImport, UsageRecord};
use serde_json::Value;

fn num(v: Option<&Value>) -> f64 {
    super::count_of(v)
}

/// A time as LiteLLM and Langfuse write it: RFC 3339, with or without an offset
/// (then UTC), or a bare date.
fn time(v: Option<&Value>) -> Option<i64> {
    let s = v?.as_str()?.trim();
    parse_rfc3339(s)
        .or_else(|| {
            (s.len() == 10)
                .then(|| parse_rfc3339(&format!("{s}T00:00:00Z")))
                .flatten()
        })
        .filter(|t| (0..=super::time::LATEST).contains(t))
}

/// A CSV cell's time: [`time`]'s forms, a time to the minute as a spreadsheet writes it
/// ("2026-03-02 10:15"), or Unix seconds (10 digits) or milliseconds (13).
fn csv_time(s: &str) -> Option<i64> {
    let s = s.trim();
    let unix = match s.len() {
        10 | 13 if s.bytes().all(|b| b.is_ascii_digit()) => s.parse::<i64>().ok(),
        _ => None,
    };
    unix.map(|t| if s.len() == 13 { t / 1000 } else { t })
        .filter(|t| (0..=super::time::LATEST).contains(t))
        .or_else(|| time(Some(&Value::String(s.to_string()))))
        .or_else(|| {
            (s.len() == 16)
                .then(|| time(Some(&Value::String(format!("{s}:00")))))
                .flatten()
        })
}

/// A cell that holds a date and no time of day.
fn date_only(s: &str) -> bool {
    s.trim().len() == 10 && s.contains('-')
}

pub(super) fn is_litellm(v: &Value) -> bool {
    v.get("request_id").is_some()
        && v.get("call_type").is_some()
        && (v.get("prompt_tokens").is_some() || v.get("spend").is_some())
}

pub(super) fn import_litellm(values: &[Value]) -> Result<UsageImport, String> {
    let mut out = UsageImport::new(UsageFormat::LitellmSpendLogs);
    for v in values {
        if !is_litellm(v) {
            out.skip("not a LiteLLM spend log row (no request_id, call_type and tokens)");
            continue;
        }
        let Some(at) = time(v.get("startTime")) else {
            out.skip("a row with no readable startTime");
            continue;
        };
        if v.get("status").and_then(Value::as_str) == Some("failure") {
            out.skip("a failed request (status failure)");
            continue;
        }
        let usage = v.get("metadata").and_then(|m| m.get("usage_object"));
        let cached = num(usage
            .and_then(|u| u.get("prompt_tokens_details"))
            .and_then(|d| d.get("cached_tokens")))
        .max(num(usage.and_then(|u| u.get("cache_read_input_tokens"))));
        let written = num(usage.and_then(|u| u.get("cache_creation_input_tokens")));
        let prompt = num(v.get("prompt_tokens"));
        let keys = out.keys(
            ["api_key", "user", "team_id", "end_user", "call_type"]
                .iter()
                .filter_map(|k| {
                    let s = v.get(*k)?.as_str()?.trim();
                    (!s.is_empty()).then_some((*k, s))
                }),
        );
        let model = v
            .get("model")
            .and_then(Value::as_str)
            .and_then(|m| out.model(m));
        out.records.push(UsageRecord {
            start: at,
            end: at,
            model,
            keys,
            requests: Some(1.0),
            tokens: Tokens {
                uncached_input: (prompt - cached - written).max(0.0),
                cache_read: cached.min(prompt),
                cache_write_5m: written.min((prompt - cached).max(0.0)),
                output: num(v.get("completion_tokens")),
                ..Tokens::default()
            },
            batch: None,
        });
    }
    if out.records.is_empty() {
        return Err("a LiteLLM spend log with no request that can be read".into());
    }
    out.note(
        "LiteLLM's spend is its own estimate from its price map, not a bill: not used to reconcile",
    );
    Ok(out)
}

pub(super) fn is_langfuse(v: &Value) -> bool {
    v.get("data")
        .and_then(Value::as_array)
        .and_then(|d| d.first())
        .is_some_and(|day| {
            day.get("date").is_some() && day.get("usage").is_some_and(Value::is_array)
        })
}

pub(super) fn import_langfuse(values: &[Value]) -> Result<UsageImport, String> {
    let mut out = UsageImport::new(UsageFormat::LangfuseDaily);
    for page in values {
        let Some(days) = page.get("data").and_then(Value::as_array) else {
            out.skip("a document that is not a Langfuse daily metrics page");
            continue;
        };
        for day in days {
            let Some(start) = time(day.get("date")) else {
                out.skip("a day with no readable date");
                continue;
            };
            for u in day
                .get("usage")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
            {
                let model = u
                    .get("model")
                    .and_then(Value::as_str)
                    .and_then(|m| out.model(m));
                let keys = out.keys([]);
                out.records.push(UsageRecord {
                    start,
                    end: start + 86_400,
                    model,
                    keys,
                    requests: Some(num(u.get("countObservations"))),
                    tokens: Tokens {
                        uncached_input: num(u.get("inputUsage")),
                        output: num(u.get("outputUsage")),
                        ..Tokens::default()
                    },
                    batch: None,
                });
            }
        }
    }
    if out.records.is_empty() {
        return Err("Langfuse daily metrics with no usage per model".into());
    }
    out.note("Langfuse's daily metrics do not split cached input from the rest: all input is counted as uncached, and its totalCost (Langfuse's estimate) is not a bill");
    out.note("countObservations per model is taken as the requests (one generation observation per call)");
    Ok(out)
}

/// Column names (lower case, `_` and spaces dropped) for each field of a row.
const COLUMNS: &[(&str, &[&str])] = &[
    (
        "time",
        &[
            "starttime",
            "requestcreatedat",
            "createdat",
            "timestamp",
            "time",
            "date",
            "datetime",
        ],
    ),
    (
        "model",
        &["model", "requestmodel", "responsemodel", "modelname"],
    ),
    ("prompt", &["prompttokens", "prompttokencount"]),
    ("input", &["inputtokens", "uncachedinputtokens"]),
    (
        "output",
        &["completiontokens", "outputtokens", "completiontokencount"],
    ),
    (
        "cached",
        &[
            "cachedtokens",
            "cachereadinputtokens",
            "promptcachereadtokens",
            "cachereadtokens",
            "prompttokensdetailscachedtokens",
        ],
    ),
    (
        "written",
        &[
            "cachecreationinputtokens",
            "promptcachewritetokens",
            "cachewritetokens",
        ],
    ),
    ("user", &["user", "userid", "enduser"]),
    ("team", &["teamid", "team", "project", "projectid"]),
];

fn key(name: &str) -> String {
    name.chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

/// Whether a first line names a time, a model and token columns.
pub(super) fn is_request_csv(first_line: &str) -> bool {
    let names: Vec<String> = crate::bench::csv_header(first_line)
        .iter()
        .map(|h| key(h))
        .collect();
    let has = |field: &str| {
        COLUMNS
            .iter()
            .find(|(f, _)| *f == field)
            .is_some_and(|(_, alts)| names.iter().any(|n| alts.contains(&n.as_str())))
    };
    has("time") && (has("prompt") || has("input")) && has("output")
}

pub(super) fn import_request_csv(text: &str) -> Result<UsageImport, String> {
    let rows = crate::bench::csv_rows(text);
    let Some((header, body)) = rows.split_first() else {
        return Err("an empty CSV".into());
    };
    let names: Vec<String> = header.iter().map(|h| key(h)).collect();
    let col = |field: &str| -> Option<usize> {
        let alts = COLUMNS.iter().find(|(f, _)| *f == field)?.1;
        // The first alternative present wins (the list is in order of preference).
        alts.iter().find_map(|a| names.iter().position(|n| n == a))
    };
    let (Some(t), Some(o)) = (col("time"), col("output")) else {
        return Err(
            "a CSV without a time and an output-token column: not a per-request usage export"
                .into(),
        );
    };
    let prompt = col("prompt");
    let input = col("input");
    if prompt.is_none() && input.is_none() {
        return Err("a CSV without an input-token column (prompt_tokens or input_tokens)".into());
    }
    let (m, cached, written) = (col("model"), col("cached"), col("written"));
    let keys: Vec<(&str, usize)> = [("user", col("user")), ("team", col("team"))]
        .into_iter()
        .filter_map(|(k, c)| Some((k, c?)))
        .collect();
    let mut out = UsageImport::new(UsageFormat::RequestCsv);
    // A count as every importer reads one (text, negative, above 10^12: 0, and said);
    // "1,000" as a spreadsheet writes it.
    let cell = |r: &[String], i: usize| -> f64 {
        let s = r
            .get(i)
            .map(|s| s.trim().replace(',', ""))
            .unwrap_or_default();
        super::count_of(Some(&Value::String(s)))
    };
    let mut unreadable: Option<String> = None;
    for r in body {
        if r.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        let Some(at) = r.get(t).and_then(|s| csv_time(s)) else {
            if unreadable.is_none() {
                unreadable = r.get(t).map(|s| s.trim().chars().take(40).collect());
            }
            out.skip("a row with no readable time");
            continue;
        };
        // A date alone is a day, not an instant: no hour can be told.
        let end = if r.get(t).is_some_and(|s| date_only(s)) {
            at + 86_400
        } else {
            at
        };
        let c = cached.map_or(0.0, |i| cell(r, i));
        let w = written.map_or(0.0, |i| cell(r, i));
        let uncached = match (prompt, input) {
            // OpenAI's convention: the prompt count holds the cached part.
            (Some(p), _) => (cell(r, p) - c - w).max(0.0),
            (None, Some(i)) => cell(r, i),
            (None, None) => 0.0,
        };
        let model = m.and_then(|i| r.get(i)).and_then(|s| out.model(s.trim()));
        let keys = out.keys(keys.iter().filter_map(|(k, i)| {
            let v = r.get(*i)?.trim();
            (!v.is_empty()).then_some((*k, v))
        }));
        out.records.push(UsageRecord {
            start: at,
            end,
            model,
            keys,
            requests: Some(1.0),
            tokens: Tokens {
                uncached_input: uncached,
                cache_read: c,
                cache_write_5m: w,
                output: cell(r, o),
                ..Tokens::default()
            },
            batch: None,
        });
        if out.records.len() > super::MAX_VALUES {
            return Err(format!("more than {} rows in one file", super::MAX_VALUES));
        }
    }
    if out.records.is_empty() {
        return Err(match unreadable {
            Some(t) => format!(
                "a CSV whose times read as none this reader knows (the first: \u{201c}{t}\u{201d}): times are read as ISO 8601 (2026-03-02T10:15:00Z, 2026-03-02 10:15), a date alone, or Unix seconds; a date like 02.03.2026 or 3/2/2026 cannot be told day-first from month-first, so save the times as ISO 8601"
            ),
            None => "a CSV with no request that can be read".into(),
        });
    }
    if prompt.is_some() {
        out.note("prompt token columns were read as OpenAI counts them: cached tokens inside");
    }
    Ok(out)
}
