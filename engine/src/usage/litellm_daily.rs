//! LiteLLM's daily activity (`GET /user/daily/activity`, `/team/daily/activity`, the
//! proxy UI's Usage page): `results` of days, each with its `metrics` and a `breakdown`
//! by model (`models`), provider and key; `metadata` with the totals and the paging
//! (`page`, `total_pages`, `has_more`). Schema: LiteLLM's `SpendAnalyticsPaginatedResponse`
//! (`DailySpendData`, `SpendMetrics`: `spend`, `prompt_tokens`, `completion_tokens`,
//! `cache_read_input_tokens`, `cache_creation_input_tokens`, `api_requests`,
//! `successful_requests`, `failed_requests`); a model's entry is `{metrics, metadata}`, or
//! its metrics alone in the first versions. No real file was available: the fixture
//! follows the schema.

use super::{UsageFormat, UsageImport, UsageRecord};
use serde_json::Value;

fn num(v: Option<&Value>) -> f64 {
    super::count_of(v)
}

/// A page of daily activity: `results` whose first day has a `date` and `metrics`.
pub(super) fn is_daily(v: &Value) -> bool {
    v.get("results")
        .and_then(Value::as_array)
        .and_then(|r| r.first())
        .is_some_and(|day| {
            day.get("date").is_some()
                && day.get("metrics").is_some_and(Value::is_object)
                && day.get("breakdown").is_some()
        })
}

pub(super) fn import(values: &[Value]) -> Result<UsageImport, String> {
    let mut out = UsageImport::new(UsageFormat::LitellmDaily);
    let metadata = || values.iter().filter_map(|p| p.get("metadata"));
    // Pages: `page` of `total_pages`, or `has_more` on the last one read.
    let mut pages: Vec<u64> = metadata()
        .filter_map(|m| m.get("page").and_then(Value::as_u64))
        .collect();
    pages.sort_unstable();
    pages.dedup();
    let total = metadata()
        .filter_map(|m| m.get("total_pages").and_then(Value::as_u64))
        .max();
    let more = metadata().any(|m| m.get("has_more").and_then(Value::as_bool) == Some(true));
    match total {
        Some(t) if (pages.len() as u64) < t => out.note(format!("the file holds {} of the report's {t} pages (metadata.total_pages): this file is not the whole period; fetch the other pages and upload them together", pages.len().max(1))),
        None if more => out.note("a page says more follow (has_more): this file is not the whole period; fetch the other pages and upload them together"),
        _ => {}
    }
    let mut repeats = super::pages::Repeats::default();
    let mut spend = 0.0;
    let (mut failed, mut cache_fields) = (0.0, false);
    for page in values {
        let Some(days) = page.get("results").and_then(Value::as_array) else {
            out.skip("a document that is not a page of LiteLLM's daily activity (no results)");
            continue;
        };
        for day in days {
            if repeats.again(day) {
                out.skip(super::pages::REPEATED);
                continue;
            }
            let Some(start) = super::gateways::time(day.get("date")) else {
                out.skip("a day with no readable date");
                continue;
            };
            // By model where the day has a breakdown; else the day's own metrics.
            let models: Vec<(Option<&str>, &Value)> = match day
                .get("breakdown")
                .and_then(|b| b.get("models"))
                .and_then(Value::as_object)
                .filter(|m| !m.is_empty())
            {
                Some(m) => m
                    .iter()
                    .map(|(name, e)| (Some(name.as_str()), e.get("metrics").unwrap_or(e)))
                    .collect(),
                None => match day.get("metrics") {
                    Some(m) => vec![(None, m)],
                    None => Vec::new(),
                },
            };
            for (name, m) in models {
                cache_fields |= m.get("cache_read_input_tokens").is_some();
                let read = num(m.get("cache_read_input_tokens"));
                let written = num(m.get("cache_creation_input_tokens"));
                let prompt = num(m.get("prompt_tokens"));
                // Successful calls where counted apart; the failed ones are left out.
                let requests = match m.get("successful_requests") {
                    Some(s) => {
                        failed += num(m.get("failed_requests"));
                        num(Some(s))
                    }
                    None => num(m.get("api_requests")),
                };
                spend += m
                    .get("spend")
                    .and_then(Value::as_f64)
                    .filter(|x| x.is_finite() && *x >= 0.0)
                    .unwrap_or(0.0);
                let model = name.and_then(|n| out.model(n));
                let keys = out.keys([]);
                out.records.push(UsageRecord {
                    start,
                    end: start + 86_400,
                    model,
                    keys,
                    requests: Some(requests),
                    tokens: super::gateways::prompt_tokens(
                        prompt,
                        read,
                        written,
                        num(m.get("completion_tokens")),
                    ),
                    batch: None,
                });
            }
        }
    }
    if out.records.is_empty() {
        return Err("LiteLLM daily activity with no day that can be read".into());
    }
    out.note("LiteLLM's daily activity: a day's calls and tokens per model; prompt_tokens holds the cached input (OpenAI's convention), so the cache reads and writes are taken out of it");
    if failed > 0.0 {
        out.note(format!(
            "{} failed requests (failed_requests) are left out of the calls",
            crate::fmt_num(failed)
        ));
    }
    if !cache_fields {
        out.note("this version's daily activity does not split cached input from the rest: all input is counted as uncached (for the cost), and no cache share is measured (a scenario keeps its own)");
        out.no_cache_counts = true;
    }
    if spend > 0.0 {
        out.note(format!("LiteLLM's spend (in all ${spend:.2}) is its own estimate from its price map, not a bill: it is not set against the usage"));
    }
    Ok(out)
}
