//! A per-request CSV (LiteLLM's, Helicone's, Cursor's exports; any table of a request a
//! row): columns found by name (`COLUMNS`), in any order. A column `prompt…` counts the
//! cached tokens inside it (OpenAI's convention); one named `input…` does not.

use super::cells::{csv_time, date_only};
use super::cells::{failed_status, flag, hash_of, Unread};
use super::estimate::{ungrouped, Estimate};
use super::{Tokens, UsageFormat, UsageImport, UsageRecord};
use serde_json::Value;

pub(super) use super::columns::key;
use super::columns::{column, COLUMNS};

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
    import_table(&crate::bench::csv_rows(text))
}

pub(super) fn import_table(rows: &[Vec<String>]) -> Result<UsageImport, String> {
    let Some((header, body)) = rows.split_first() else {
        return Err("an empty CSV".into());
    };
    let names: Vec<String> = header.iter().map(|h| key(h)).collect();
    let col = |field: &str| column(&names, field);
    let (Some(t), Some(o)) = (col("time"), col("output")) else {
        return Err(
            "a CSV without a time and an output-token column: not a per-request usage export"
                .into(),
        );
    };
    let mut prompt = col("prompt");
    let mut input = col("input");
    // OpenAI's tables name `input_cached_tokens` beside an `input_tokens` that holds
    // them: without an uncached column, that input is a prompt (cached inside).
    let openai_cached = names
        .iter()
        .any(|n| n == "inputcachedtokens" || n == "cachedinputtokens");
    if prompt.is_none() && openai_cached && input.is_some_and(|i| names[i] == "inputtokens") {
        prompt = input.take();
    }
    if prompt.is_none() && input.is_none() {
        return Err("a CSV without an input-token column (prompt_tokens or input_tokens)".into());
    }
    let (m, cached, written) = (col("model"), col("cached"), col("written"));
    let (written_1h, cache_hit) = (col("written_1h"), col("cache_hit"));
    let writes_total = written_1h.is_some() && written.is_some_and(|i| !names[i].contains("5m"));
    let (counted, status, batch) = (col("requests"), col("status"), col("batch"));
    // Only a row of totals covers a period: a request log's end (LiteLLM's endTime) is
    // when its answer came, and the request stays at its start.
    let end_col = col("end").filter(|_| counted.is_some());
    // The Anthropic Console's usage export: a day's token totals per model and key, with
    // no count of requests (its own column names).
    let console = counted.is_none() && names.iter().any(|n| n == "usageinputtokensnocache");
    // Cursor's usage events: a row is an agent's request of uncounted model calls.
    let agent_rows = counted.is_none() && names.iter().any(|n| n == "inputwocachewrite");
    let uncounted = console || agent_rows;
    let cost = col("cost");
    let mut estimate = Estimate::default();
    let keys: Vec<(&str, usize)> = [("user", col("user")), ("team", col("team"))]
        .into_iter()
        .filter_map(|(k, c)| Some((k, c?)))
        .collect();
    let mut out = UsageImport::new(UsageFormat::RequestCsv);
    // A count as every importer reads one (text, negative, above 10^12: 0, and said);
    // "1,000" as a spreadsheet writes it.
    // "1.234,5" keeps its comma, and is read as no count (said), not as 1.2345.
    let cell = |r: &[String], i: usize| -> f64 {
        let s = r.get(i).map_or("", |s| s.trim());
        let s = ungrouped(s).unwrap_or_else(|| s.to_string());
        super::count_of(Some(&Value::String(s)))
    };
    let mut unreadable: Option<String> = None;
    let id = col("id");
    // Columns whose cells are counted: a row without them is cut short.
    let counts: Vec<usize> = [Some(o), prompt, input, counted]
        .into_iter()
        .flatten()
        .collect();
    let mut seen = std::collections::HashSet::new();
    let (mut joined, mut repeated, mut flags) = (false, 0usize, Unread::default());
    let mut failed_tokens = 0.0; // of the failed requests left out
    for (n, r) in body.iter().enumerate() {
        if r.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        // The header again: files joined one after another.
        if r.iter().map(|c| key(c)).eq(names.iter().cloned()) {
            joined = true;
            out.skip(
                "the header again, in the middle of the file (files joined one after another)",
            );
            continue;
        }
        if counts.iter().any(|&i| i >= r.len()) {
            out.skip(if n + 1 == body.len() {
                "the last row, with fewer cells than the header: the file is cut short"
            } else {
                "a row with fewer cells than the header (a row broken in two?)"
            });
            continue;
        }
        // The same row again (every cell: a cache's answer or a retry that reuses an id
        // differs in another) is the same traffic twice where the file says so: its header
        // came again (files joined), or the row names its request's id. Otherwise two
        // equal rows may be two requests, or two totals split by a column not exported.
        // (A row's hash, not its text: a 50 MB file's rows fit in a few MB.)
        let named = id
            .and_then(|i| r.get(i))
            .is_some_and(|s| !s.trim().is_empty());
        let again = !seen.insert(hash_of(r)) && (joined || named);
        if again {
            repeated += 1;
            out.skip("a row met before, every cell the same (its request id, or a file joined twice): counted once");
            continue;
        }
        let Some(at) = r.get(t).and_then(|s| csv_time(s)) else {
            if unreadable.is_none() {
                unreadable = r.get(t).map(|s| s.trim().chars().take(40).collect());
            }
            out.skip("a row with no readable time");
            continue;
        };
        if cache_hit.and_then(|i| flag(r.get(i)?)) == Some(true) {
            out.skip(
                "a request answered from the gateway's cache (cache_hit): no call reached a model",
            );
            continue;
        }
        // A row of totals covers its period; a date alone is a day, not an instant: no
        // hour can be told.
        let end = match end_col.and_then(|i| r.get(i)).and_then(|s| csv_time(s)) {
            Some(e) if e > at => e,
            _ if r.get(t).is_some_and(|s| date_only(s)) => at + 86_400,
            _ => at,
        };
        let c = cached.map_or(0.0, |i| cell(r, i));
        let w1 = written_1h.map_or(0.0, |i| cell(r, i));
        // A write column that does not say 5m beside a 1h one is all writes (Anthropic's
        // cache_creation_input_tokens beside its ephemeral_1h part): the 1h part is
        // taken out of it, not counted twice.
        let w = written.map_or(0.0, |i| cell(r, i));
        let w = if writes_total { (w - w1).max(0.0) } else { w };
        let uncached = match (prompt, input) {
            // OpenAI's convention: the prompt count holds the cached part.
            (Some(p), _) => (cell(r, p) - c - w - w1).max(0.0),
            (None, Some(i)) => cell(r, i),
            (None, None) => 0.0,
        };
        if let Some(code) = status.and_then(|i| failed_status(r.get(i)?)) {
            failed_tokens += uncached + c + w + w1 + cell(r, o);
            out.skip(&format!(
                "a failed request (status {code}): left out of the workload"
            ));
            continue;
        }
        let model = m.and_then(|i| r.get(i)).and_then(|s| out.model(s.trim()));
        if let Some(i) = cost {
            estimate.add_text(r.get(i).map_or("", String::as_str));
        }
        let keys = out.keys(keys.iter().filter_map(|(k, i)| {
            let v = r.get(*i)?.trim();
            (!v.is_empty()).then_some((*k, v))
        }));
        out.records.push(UsageRecord {
            start: at,
            end,
            model,
            keys,
            requests: if uncounted {
                None
            } else {
                Some(counted.map_or(1.0, |i| cell(r, i)))
            },
            tokens: Tokens {
                uncached_input: uncached,
                cache_read: c,
                cache_write_5m: w,
                cache_write_1h: w1,
                output: cell(r, o),
                ..Tokens::default()
            },
            batch: batch.and_then(|i| flags.read(r.get(i)?)),
        });
        if out.records.len() > super::MAX_VALUES {
            return Err(format!("more than {} rows in one file", super::MAX_VALUES));
        }
    }
    if out.records.is_empty() {
        return Err(match unreadable {
            Some(t) => format!(
                "a CSV whose times read as none this reader knows (the first: \u{201c}{t}\u{201d}): times are read as ISO 8601 (2026-03-02T10:15:00Z, 2026-03-02 10:15), a date alone, day first with dots (02.03.2026 10:15), or Unix seconds; a date like 3/2/2026 cannot be told day-first from month-first, so save the times as ISO 8601"
            ),
            None => format!("a CSV with no request that can be read ({})", out.skipped_text()),
        });
    }
    // A table of totals whose rows name only when they start: each covers until the next
    // time in the table (its step: an hour, a day), so two days of totals are two days.
    if counted.is_some() && out.records.iter().all(|r| r.end == r.start) {
        let mut times: Vec<i64> = out.records.iter().map(|r| r.start).collect();
        times.sort_unstable();
        times.dedup();
        let step = times.windows(2).map(|w| w[1] - w[0]).min().unwrap_or(
            if times.first().is_some_and(|t| t % 86_400 == 0) {
                86_400
            } else {
                3_600
            },
        );
        for r in &mut out.records {
            r.end = r.start + step;
        }
        out.note(format!(
            "its rows give only when they start: each read as {} of totals, the step between its times",
            if step % 86_400 == 0 {
                format!("{} day{}", step / 86_400, if step == 86_400 { "" } else { "s" })
            } else {
                format!("{} minutes", step / 60)
            }
        ));
    }
    if let Some(note) = flags.note(header.get(batch.unwrap_or(0))) {
        out.note(note);
    }
    if let Some(note) = super::cells::failed_note(failed_tokens, &out.records) {
        out.note(note);
    }
    if repeated > 0 && joined {
        out.note(format!("the file holds more than one export joined one after another (its header appears again): {repeated} rows met before were counted once"));
    }
    if console {
        out.note("a table of token totals with no count of requests (the Anthropic Console's usage export): tokens and cache shares are measured, calls a month are not; they come from a per-request log (Claude Code, Messages responses) or are typed");
    } else if agent_rows {
        out.note("each row is an agent's request (Cursor's usage events), several model calls the export does not count: tokens and cache shares are measured, calls a month and tokens per call are not (they come from a per-request log, or are typed)");
    }
    if let Some(i) = counted {
        let name: String = header
            .get(i)
            .map_or("", |h| h.trim())
            .chars()
            .take(40)
            .collect();
        out.note(format!(
            "a table of totals: each row counts as the requests in its column \u{201c}{name}\u{201d}, with its tokens summed over them"
        ));
    }
    if prompt.is_some() {
        out.note("prompt token columns were read as OpenAI counts them: cached tokens inside");
    }
    if let Some(note) = super::columns::unread_note(header, &names) {
        out.note(note);
    }
    if cached.is_none() && written.is_none() {
        out.no_cache_counts = true;
        out.note(
            "no cache columns: the file measures no cache share, and a scenario keeps its own",
        );
    }
    if let Some(i) = cost {
        let name = header.get(i).map_or("", |h| h.trim());
        let name: String = name.chars().take(40).collect();
        out.note(estimate.note(
            &format!("the column \u{201c}{name}\u{201d}"),
            out.records.len(),
        ));
    }
    Ok(out)
}
