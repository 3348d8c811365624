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
//!
//! The per-request CSV (LiteLLM's and Helicone's exports) is read in `request_csv`.

use super::time::parse_rfc3339;
use super::{Tokens, UsageFormat, UsageImport, UsageRecord};
use serde_json::Value;

fn num(v: Option<&Value>) -> f64 {
    super::count_of(v)
}

/// A time as LiteLLM and Langfuse write it: RFC 3339, with or without an offset
/// (then UTC), or a bare date.
pub(super) fn time(v: Option<&Value>) -> Option<i64> {
    let s = v?.as_str()?.trim();
    parse_rfc3339(s)
        .or_else(|| {
            (s.len() == 10)
                .then(|| parse_rfc3339(&format!("{s}T00:00:00Z")))
                .flatten()
        })
        .filter(|t| (0..=super::time::LATEST).contains(t))
}

/// Tokens counted as LiteLLM counts them: `prompt` holds the cache reads and writes
/// (OpenAI's convention), which are taken out of it, never below 0.
pub(super) fn prompt_tokens(prompt: f64, read: f64, written: f64, output: f64) -> Tokens {
    Tokens {
        uncached_input: (prompt - read - written).max(0.0),
        cache_read: read.min(prompt),
        cache_write_5m: written.min((prompt - read).max(0.0)),
        output,
        ..Tokens::default()
    }
}

pub(super) fn is_litellm(v: &Value) -> bool {
    v.get("request_id").is_some()
        && v.get("call_type").is_some()
        && (v.get("prompt_tokens").is_some() || v.get("spend").is_some())
}

pub(super) fn import_litellm(values: &[Value]) -> Result<UsageImport, String> {
    let mut out = UsageImport::new(UsageFormat::LitellmSpendLogs);
    let mut estimate = super::estimate::Estimate::default();
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
        // "True" (LiteLLM writes it as text) or true: the proxy's cache answered, and no
        // call reached a model; a self-hosted model behind the same proxy would not see it.
        let hit = match v.get("cache_hit") {
            Some(Value::Bool(b)) => *b,
            Some(Value::String(s)) => s.eq_ignore_ascii_case("true"),
            _ => false,
        };
        if hit {
            out.skip(
                "a request answered from LiteLLM's cache (cache_hit): no call reached a model",
            );
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
        estimate.add_value(v.get("spend"));
        out.records.push(UsageRecord {
            start: at,
            end: at,
            model,
            keys,
            requests: Some(1.0),
            tokens: prompt_tokens(prompt, cached, written, num(v.get("completion_tokens"))),
            batch: None,
        });
    }
    if out.records.is_empty() {
        return Err("a LiteLLM spend log with no request that can be read".into());
    }
    out.note(estimate.note("LiteLLM's spend", out.records.len()));
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
    // `meta: {page, totalPages}`: pages not in the file leave days out.
    let pages: Vec<(u64, u64)> = values
        .iter()
        .filter_map(|p| {
            let m = p.get("meta")?;
            Some((m.get("page")?.as_u64()?, m.get("totalPages")?.as_u64()?))
        })
        .collect();
    if let Some(&(_, total)) = pages.first() {
        let mut have: Vec<u64> = pages.iter().map(|p| p.0).collect();
        have.sort_unstable();
        have.dedup();
        if (have.len() as u64) < total {
            out.note(format!("the file holds {} of the report's {total} pages (meta.totalPages): this file is not the whole period; fetch the other pages and upload them together", have.len()));
        }
    }
    let mut repeats = super::pages::Repeats::default();
    for page in values {
        let Some(days) = page.get("data").and_then(Value::as_array) else {
            out.skip("a document that is not a Langfuse daily metrics page");
            continue;
        };
        for day in days {
            // A page uploaded twice: its days count once.
            if repeats.again(day) {
                out.skip(super::pages::REPEATED);
                continue;
            }
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
    out.note("Langfuse's daily metrics do not split cached input from the rest: all input is counted as uncached (for the cost), no cache share is measured (a scenario keeps its own), and its totalCost (Langfuse's estimate) is not a bill");
    out.no_cache_counts = true;
    out.note("countObservations per model is taken as the requests (one generation observation per call)");
    Ok(out)
}
