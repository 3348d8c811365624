//! A table of billed amounts by day: the OpenAI dashboard's cost export (`start_time`,
//! `end_time`, `amount_value`, `amount_currency`, `line_item`) and the Anthropic
//! Console's (`usage_date_utc`, `model`, `token_type`, `cost_usd`, in dollars). Read as
//! the providers' cost reports are, to be set against the usage.

use super::cells::{csv_time, date_only};
use super::request_csv::key;
use super::{CostRecord, UsageFormat, UsageImport};

const TIME: &[&str] = &["starttime", "usagedateutc"];
const AMOUNT: &[&str] = &["amountvalue", "costusd"];
const TOKENS: &[&str] = &["tokens", "requests"];

/// Whether a first line is one of the two exports' headers, by their own columns
/// (OpenAI's `start_time` + `amount_value`; the Console's `usage_date_utc` + `cost_usd`),
/// with no token or request count. Another table of dates and costs (a GPU bill) is no
/// provider's bill.
pub(super) fn is_cost_csv(first_line: &str) -> bool {
    let names: Vec<String> = crate::bench::csv_header(first_line)
        .iter()
        .map(|h| key(h))
        .collect();
    let has = |n: &str| names.iter().any(|x| x == n);
    ((has("starttime") && has("amountvalue")) || (has("usagedateutc") && has("costusd")))
        && !names.iter().any(|n| TOKENS.iter().any(|t| n.contains(t)))
}

pub(super) fn import_cost_csv(text: &str) -> Result<UsageImport, String> {
    let rows = crate::bench::csv_rows(text);
    let Some((header, body)) = rows.split_first() else {
        return Err("an empty CSV".into());
    };
    let names: Vec<String> = header.iter().map(|h| key(h)).collect();
    let col = |alts: &[&str]| alts.iter().find_map(|a| names.iter().position(|n| n == a));
    let (Some(t), Some(a)) = (col(TIME), col(AMOUNT)) else {
        return Err("a CSV without a date and an amount column".into());
    };
    let openai = names[a] == "amountvalue";
    let mut out = UsageImport::new(if openai {
        UsageFormat::OpenaiCosts
    } else {
        UsageFormat::AnthropicCost
    });
    let end = col(&["endtime"]);
    let currency = col(&["amountcurrency", "currency"]);
    let item = col(&["lineitem", "tokentype"]);
    let model = col(&["model"]);
    let cell = |r: &[String], i: Option<usize>| {
        i.and_then(|i| r.get(i))
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
    };
    // The first date and amount that could not be read, for the refusal.
    let (mut bad_date, mut bad_amount): (Option<String>, Option<String>) = (None, None);
    let mut seen = std::collections::HashSet::new();
    let mut joined = false;
    let rows: Vec<&Vec<String>> = body
        .iter()
        .filter(|r| r.iter().any(|c| !c.trim().is_empty()))
        .collect();
    for (n, r) in rows.iter().enumerate() {
        // The header again: exports joined one after another.
        if r.iter().map(|c| key(c)).eq(names.iter().cloned()) {
            joined = true;
            out.skip(
                "the header again, in the middle of the file (exports joined one after another)",
            );
            continue;
        }
        if a >= r.len() {
            out.skip(if n + 1 == rows.len() {
                "the last row, with fewer cells than the header: the file is cut short"
            } else {
                "a cost row with fewer cells than the header"
            });
            continue;
        }
        // After its header came again (exports joined), the same row again is the same
        // export twice. (A bill may list a day's item twice for a column not exported.)
        if !seen.insert(super::cells::hash_of(r)) && joined {
            out.skip("a cost row met before (the same day, item and amount: an export joined twice), counted once");
            continue;
        }
        let Some(start) = cell(r, Some(t)).and_then(|s| csv_time(&s)) else {
            bad_date = bad_date.or_else(|| cell(r, Some(t)).map(|s| s.chars().take(40).collect()));
            out.skip("a cost row with no readable date");
            continue;
        };
        let end = match cell(r, end).and_then(|s| csv_time(&s)) {
            Some(e) if e > start => e,
            _ if cell(r, Some(t)).is_some_and(|s| date_only(&s)) => start + 86_400,
            _ => {
                out.skip("a cost row with no period (a date, or a start and an end)");
                continue;
            }
        };
        if cell(r, currency).is_some_and(|c| !c.eq_ignore_ascii_case("usd")) {
            out.skip("a cost in a currency other than USD");
            continue;
        }
        // A period with no amount is a period billed nothing (the dashboard's empty day).
        // "$1,250.00" and "2,345.67" as a spreadsheet writes dollars; "12,50" is not read.
        let usd = match cell(r, Some(a)) {
            None => 0.0,
            Some(s) => match dollars(&s) {
                Some(x) if x.is_finite() => x,
                _ => {
                    bad_amount = bad_amount.or_else(|| Some(s.chars().take(40).collect()));
                    out.skip("a cost row whose amount is not a number");
                    continue;
                }
            },
        };
        let what = match (cell(r, model), cell(r, item)) {
            (Some(m), Some(i)) => Some(format!("{m}, {i}")),
            (m, i) => m.or(i),
        };
        out.costs.push(CostRecord {
            start,
            end,
            usd,
            item: what.map(|w| w.chars().take(120).collect()),
            model: None,
        });
        if out.costs.len() > super::MAX_VALUES {
            return Err(format!("more than {} rows in one file", super::MAX_VALUES));
        }
    }
    if out.costs.is_empty() {
        return Err(match (bad_date, bad_amount) {
            (Some(d), _) => format!("a cost CSV whose dates read as none this reader knows (the first: \u{201c}{d}\u{201d}): dates are read as ISO 8601 (2026-03-02, 2026-03-02T00:00:00Z), day first with dots (02.03.2026) or Unix seconds; a date like 3/2/2026 cannot be told day-first from month-first, so save the dates as ISO 8601"),
            (None, Some(x)) => format!("a cost CSV whose amounts are not numbers (the first: \u{201c}{x}\u{201d}): write them as 12.50 (a $ sign and thousands commas are read; another currency's sign and a decimal comma are not)"),
            (None, None) => "a cost CSV with no row that can be read".into(),
        });
    }
    if joined {
        out.note("the file holds more than one export joined one after another (its header appears again): a row met before was counted once");
    }
    out.note(if openai {
        "the OpenAI dashboard's cost export: billed dollars by day"
    } else {
        "the Anthropic Console's cost export: billed dollars by day (cost_usd)"
    });
    Ok(out)
}

/// An amount as a spreadsheet writes dollars: "12.50", "$1,250.00", "-$3.10", "$-3.10",
/// "($3.10)" (a credit, in an accountant's brackets); `None` for anything else.
fn dollars(cell: &str) -> Option<f64> {
    let t = cell.trim();
    let (bracketed, t) = match t.strip_prefix('(').and_then(|r| r.strip_suffix(')')) {
        Some(inner) => (true, inner.trim()),
        None => (false, t),
    };
    let (before, t) = t.strip_prefix('-').map_or((false, t), |r| (true, r));
    let t = t.strip_prefix('$').unwrap_or(t);
    let (after, t) = t.strip_prefix('-').map_or((false, t), |r| (true, r));
    let x = super::estimate::ungrouped(t)?.parse::<f64>().ok()?;
    Some(if bracketed ^ before ^ after { -x } else { x })
}
