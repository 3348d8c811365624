//! Anthropic Admin API: the Messages usage report and the cost report. Pages of
//! `{data: [{starting_at, ending_at, results}], has_more, next_page}`, one or several.
//! Usage rows keep uncached input, cache reads and 5m / 1h cache writes apart and count
//! no requests; cost `amount` is a decimal string in cents.

use super::time::parse_rfc3339;
use super::{CostRecord, Tokens, UsageFormat, UsageImport, UsageRecord};
use serde_json::Value;

pub(super) fn is_page(v: &Value) -> bool {
    v.get("data").and_then(Value::as_array).is_some_and(|d| {
        d.first()
            .is_none_or(|b| b.get("starting_at").is_some() && b.get("results").is_some())
    })
}

fn num(v: Option<&Value>) -> f64 {
    super::count_of(v)
}

const KEYS: [&str; 8] = [
    "workspace_id",
    "api_key_id",
    "service_tier",
    "context_window",
    "inference_geo",
    "account_id",
    "service_account_id",
    "speed",
];

pub(super) fn import(pages: &[Value]) -> Result<UsageImport, String> {
    let buckets: Vec<&Value> = pages
        .iter()
        .filter(|p| is_page(p))
        .flat_map(|p| {
            p.get("data")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
        })
        .collect();
    let rows = || {
        buckets.iter().flat_map(|b| {
            b.get("results")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
        })
    };
    let is_cost = rows().any(|r| r.get("amount").is_some());
    if is_cost && rows().any(|r| r.get("output_tokens").is_some()) {
        return Err("this file holds usage report pages and cost report pages together: upload the usage (/v1/organizations/usage_report/messages) and the costs (/v1/organizations/cost_report) as two files, chosen together, and the costs are set against the usage".into());
    }
    let mut out = UsageImport::new(if is_cost {
        UsageFormat::AnthropicCost
    } else {
        UsageFormat::AnthropicUsage
    });
    if super::pages::left_out(pages.iter().filter(|p| is_page(p))) {
        out.note("a page says more pages follow (has_more: true), and none is the last: this file is not the whole period; fetch the next pages (pass next_page back as page) and upload them together");
    }
    let mut repeats = super::pages::Repeats::default();
    let mut empties = 0;
    for b in &buckets {
        if repeats.again(b) {
            out.skip(super::pages::REPEATED);
            continue;
        }
        let at = |k: &str| b.get(k).and_then(Value::as_str).and_then(parse_rfc3339);
        let (Some(start), Some(end)) = (at("starting_at"), at("ending_at")) else {
            out.skip("a bucket without RFC 3339 starting_at and ending_at");
            continue;
        };
        if end <= start {
            out.skip("a bucket that ends before it starts");
            continue;
        }
        let empty = b
            .get("results")
            .and_then(Value::as_array)
            .is_some_and(Vec::is_empty);
        empties += usize::from(empty);
        // A bucket with no traffic counts as time (an hour of nothing lowers the average),
        // and a cost bucket with no row is a period billed nothing.
        if empty && is_cost {
            out.costs.push(CostRecord::nothing_billed(start, end));
        } else if empty {
            let keys = out.keys([]);
            out.records.push(UsageRecord {
                start,
                end,
                model: None,
                keys,
                requests: None,
                tokens: Tokens::default(),
                batch: None,
            });
        }
        for r in b
            .get("results")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            let model = r.get("model").and_then(Value::as_str).map(str::to_string);
            if is_cost {
                let cents = r.get("amount").and_then(|a| match a {
                    Value::String(s) => s.trim().parse::<f64>().ok(),
                    Value::Number(n) => n.as_f64(),
                    _ => None,
                });
                let Some(cents) = cents.filter(|x| x.is_finite()) else {
                    out.skip("a cost row whose amount is not a decimal");
                    continue;
                };
                if !r
                    .get("currency")
                    .and_then(Value::as_str)
                    .unwrap_or("USD")
                    .eq_ignore_ascii_case("usd")
                {
                    out.skip("a cost in a currency other than USD");
                    continue;
                }
                // What the row bills: its description; a row whose `cost_type` is
                // "tokens" says so where its words do not (the bill's token rows are set
                // against the usage, its other items named apart).
                let description = r.get("description").and_then(Value::as_str);
                let item = match (description, r.get("cost_type").and_then(Value::as_str)) {
                    (Some(d), Some("tokens")) if !d.to_ascii_lowercase().contains("token") => {
                        Some(format!("{d} (tokens)"))
                    }
                    (Some(d), _) => Some(d.to_string()),
                    (None, t) => t.map(str::to_string),
                };
                // The amount is in the lowest currency unit: cents.
                out.costs.push(CostRecord {
                    start,
                    end,
                    usd: cents / 100.0,
                    item,
                    model,
                });
                continue;
            }
            let cw = r.get("cache_creation");
            let tokens = Tokens {
                uncached_input: num(r.get("uncached_input_tokens")),
                cache_read: num(r.get("cache_read_input_tokens")),
                cache_write_5m: num(cw.and_then(|c| c.get("ephemeral_5m_input_tokens"))),
                cache_write_1h: num(cw.and_then(|c| c.get("ephemeral_1h_input_tokens"))),
                output: super::needed_count(Some(r), "output_tokens"),
                ..Tokens::default()
            };
            let keys = out.keys(KEYS.iter().filter_map(|k| Some((*k, r.get(*k)?.as_str()?))));
            let batch = r
                .get("service_tier")
                .and_then(Value::as_str)
                .map(|t| t == "batch");
            out.count_server_tools(r);
            let model = model.as_deref().and_then(|m| out.model(m));
            out.records.push(UsageRecord {
                start,
                end,
                model,
                keys,
                requests: None,
                tokens,
                batch,
            });
        }
    }
    if out.records.len() + out.costs.len() == empties {
        return Err("an Anthropic report with no rows that can be read".into());
    }
    if !is_cost {
        out.note("the usage report counts no requests: calls per month come from a per-request log (Claude Code, Messages responses) or are typed");
    } else {
        out.note("Priority Tier spend is billed apart and never appears in the cost report");
    }
    Ok(out)
}
