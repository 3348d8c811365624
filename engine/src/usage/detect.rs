//! Which format a file is, by its fields (or as the user chose), and its reading.

use super::budget::{nodes, too_many_nodes, MAX_NODES};
use super::json_rows;
use super::{
    anthropic, cost_csv, gateways, litellm_daily, openai, openai_legacy, per_request, request_csv,
    UsageFormat, UsageImport,
};
use serde_json::Value;

/// Most JSON values read from one file (lines of a log, pages of a report).
pub const MAX_VALUES: usize = 2_000_000;

/// Every JSON value in the text: one document, or several one after another (JSON
/// lines, concatenated pages). A line that is not JSON is reported by the caller.
fn values(text: &str) -> Result<Vec<Value>, String> {
    let mut out = Vec::new();
    let stream = serde_json::Deserializer::from_str(text).into_iter::<Value>();
    for v in stream {
        match v {
            Ok(v) => out.push(v),
            Err(e) => {
                return Err(format!(
                    "not JSON at line {}, column {}",
                    e.line(),
                    e.column()
                ))
            }
        }
        if out.len() > MAX_VALUES {
            return Err(format!("more than {MAX_VALUES} JSON values in one file"));
        }
    }
    Ok(out)
}

/// Whether non-empty lines are a log of requests, one JSON value a line: more than one
/// line, and the first of the first ten that is JSON on its own is not a report's page.
pub(super) fn is_request_log<'a>(mut lines: impl Iterator<Item = &'a str> + Clone) -> bool {
    // A document printed over many lines opens one on its first line ("{", "[",
    // "{"data": ["): none of its inner lines that read as JSON alone makes it a log.
    let opens = lines.clone().next().is_some_and(|l| {
        let l = l.trim_end();
        (l.ends_with('{') || l.ends_with('[')) && serde_json::from_str::<Value>(l).is_err()
    });
    if opens {
        return false;
    }
    let first = lines
        .clone()
        .take(10)
        .find_map(|l| serde_json::from_str::<Value>(l).ok());
    let report = first.as_ref().is_some_and(|v| {
        openai::is_bucket(v)
            || openai::is_page(v)
            || anthropic::is_page(v)
            || gateways::is_litellm(v)
            || gateways::is_langfuse(v)
            || litellm_daily::is_daily(v)
            || openai_legacy::is_answer(v)
    });
    first.is_some() && !report && lines.nth(1).is_some()
}

pub(super) fn import_any(bytes: &[u8], chosen: Option<UsageFormat>) -> Result<UsageImport, String> {
    let Some(c) = chosen else {
        return read(bytes, None);
    };
    let mismatch = |f: UsageFormat| {
        format!(
            "chosen as {}, but it reads as {} (by its fields): choose that, or \"detect automatically\"",
            c.name(),
            f.name()
        )
    };
    match read(bytes, chosen) {
        // Answers are read by their own shape whatever the label: a log of OpenAI
        // answers chosen as Anthropic Messages (or the reverse) reads, so detection
        // checks the label. (A Claude Code session chosen as such may lack the fields
        // detection looks for: it is not checked.)
        Ok(u)
            if u.format == c
                && matches!(
                    c,
                    UsageFormat::OpenaiRequests | UsageFormat::AnthropicMessages
                ) =>
        {
            match read(bytes, None) {
                Ok(d) if d.format != c => Err(mismatch(d.format)),
                _ => Ok(u),
            }
        }
        Ok(u) if u.format == c => Ok(u),
        Ok(u) => Err(mismatch(u.format)),
        // What it is, if detection can tell; else why it did not read as chosen.
        Err(why) => match read(bytes, None) {
            Ok(u) if u.format != c => Err(mismatch(u.format)),
            _ => Err(format!("read as {}: {why}", c.name())),
        },
    }
}

/// [`read_file`], with a note of the counts it had to read as 0.
fn read(bytes: &[u8], chosen: Option<UsageFormat>) -> Result<UsageImport, String> {
    super::start_tally();
    let mut u = read_file(bytes, chosen)?;
    if let Some(note) = super::tally_note() {
        u.note(note);
    }
    Ok(u)
}

fn read_file(bytes: &[u8], chosen: Option<UsageFormat>) -> Result<UsageImport, String> {
    let (text, notes) = super::text::as_text(bytes)?;
    if !notes.is_empty() {
        let mut u = read_text(&text, chosen)?;
        for n in notes {
            u.note(n);
        }
        return Ok(u);
    }
    read_text(&text, chosen)
}

fn read_text(text: &str, chosen: Option<UsageFormat>) -> Result<UsageImport, String> {
    let text = text.trim_start_matches('\u{feff}');
    if text.trim().is_empty() {
        return Err("the file is empty".into());
    }
    // A table: one request per row, columns found by name (a spreadsheet's semicolons
    // or tabs are read as commas, and said).
    if let Some(d) = crate::bench::dialect::to_comma_csv(text) {
        let mut u = read_text(&d.text, chosen)?;
        u.note(d.note);
        return Ok(u);
    }
    let first_line = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    let csv = !first_line.trim_start().starts_with(['{', '[']) && first_line.contains(',');
    if chosen == Some(UsageFormat::RequestCsv) && !csv {
        return Err("chosen as a per-request CSV, but its first line is not a CSV header".into());
    }
    if csv {
        if request_csv::is_request_csv(first_line) {
            return request_csv::import_request_csv(text);
        }
        if cost_csv::is_cost_csv(first_line) {
            return cost_csv::import_cost_csv(text);
        }
        return Err("a CSV whose header names no time, input-token and output-token columns (prompt_tokens or input_tokens, completion_tokens or output_tokens, and startTime, created_at or timestamp): not a per-request usage export".into());
    }
    // One document; or JSON lines, read one line at a time (a bad line is skipped and
    // said); or several documents one after another (pages of a report).
    // Too many values to hold at once, unless it is a log read a line at a time (each
    // of its lines small enough to hold).
    let heavy = too_many_nodes(text);
    if let Some(why) = &heavy {
        let lines = text.lines().filter(|l| !l.trim().is_empty());
        let small = lines.clone().all(|l| nodes(l) <= MAX_NODES);
        if !(small && is_request_log(lines)) {
            return Err(why.clone());
        }
    }
    let all = match serde_json::from_str::<Value>(text) {
        Ok(v) => vec![v],
        Err(whole) => {
            let lines = text.lines().filter(|l| !l.trim().is_empty());
            let log = match chosen {
                Some(f) if per_request::is_log_format(f) => lines.clone().nth(1).is_some(),
                Some(_) => false,
                None => is_request_log(lines.clone()),
            };
            if log {
                // Flat rows named like a usage table's columns: read as the table.
                // (A line that is not JSON, a last line cut short, is skipped and said.)
                let mut bad = 0usize;
                let is_table = matches!(chosen, None | Some(UsageFormat::RequestCsv))
                    .then(|| lines.clone().next())
                    .flatten()
                    .and_then(|l| serde_json::from_str::<Value>(l).ok())
                    .and_then(|v| json_rows::json_table(std::slice::from_ref(&v)));
                // Rows of a table are held together: within the budget of a file read
                // whole.
                if let (Some(_), Some(why)) = (&is_table, &heavy) {
                    return Err(why.clone());
                }
                let table = is_table
                    .map(|_| {
                        lines
                            .clone()
                            .filter_map(|l| {
                                let v = serde_json::from_str::<Value>(l).ok();
                                bad += usize::from(v.is_none());
                                v
                            })
                            .take(super::MAX_VALUES + 1)
                            .collect::<Vec<Value>>()
                    })
                    .and_then(|vs| json_rows::json_table(&vs));
                if let Some(rows) = table {
                    let mut u = request_csv::import_table(&rows)?;
                    u.note("JSON lines of flat rows, read as a usage table by their field names");
                    for _ in 0..bad {
                        u.skip("a line that is not JSON (a last line cut short?)");
                    }
                    return Ok(u);
                }
                return per_request::import_lines(lines, chosen);
            }
            values(text).map_err(|_| {
                format!(
                    "not JSON (line {}, column {}){}",
                    whole.line(),
                    whole.column(),
                    if whole.is_eof() {
                        ": the file ends in the middle of a value, as a file cut short does"
                    } else {
                        ""
                    }
                )
            })?
        }
    };
    // A bare array of buckets, or of pages, or of responses.
    let flat: Vec<Value> = all
        .into_iter()
        .flat_map(|v| match v {
            Value::Array(items) => items,
            other => vec![other],
        })
        .collect();
    read_values(flat, chosen)
}

/// A cost report's page or bucket (OpenAI's, Anthropic's): its results carry an `amount`.
fn billed(v: &Value) -> bool {
    let buckets = match v.get("data").and_then(Value::as_array) {
        Some(d) => d.iter().collect(),
        None => vec![v],
    };
    buckets.iter().any(|b| {
        b.get("results")
            .and_then(Value::as_array)
            .is_some_and(|rs| rs.iter().any(|r| r.get("amount").is_some()))
    })
}

/// A report's page or bucket, or a gateway's record, by its fields.
fn known(v: &Value) -> bool {
    openai::is_bucket(v)
        || openai::is_page(v)
        || openai_legacy::is_answer(v)
        || anthropic::is_page(v)
        || gateways::is_litellm(v)
        || gateways::is_langfuse(v)
        || litellm_daily::is_daily(v)
}

/// Known reports inside a wrapper a script put around it (`{"export": {...}}`), found by
/// their fields up to three levels down: each one's values and the path to it. A page
/// with nothing in it is not one.
fn wrapped(v: &Value, depth: usize, out: &mut Vec<(Vec<Value>, String)>) {
    let Value::Object(m) = v else { return };
    let filled = |o: &Value| {
        known(o)
            && !o
                .get("data")
                .and_then(Value::as_array)
                .is_some_and(Vec::is_empty)
    };
    for (k, inner) in m {
        match inner {
            Value::Array(items) if items.first().is_some_and(filled) => {
                out.push((items.clone(), k.clone()))
            }
            o @ Value::Object(_) if filled(o) => out.push((vec![o.clone()], k.clone())),
            _ if depth < 2 => {
                let mut deeper = Vec::new();
                wrapped(inner, depth + 1, &mut deeper);
                out.extend(deeper.into_iter().map(|(v, p)| (v, format!("{k}.{p}"))));
            }
            _ => {}
        }
    }
}

fn read_values(flat: Vec<Value>, chosen: Option<UsageFormat>) -> Result<UsageImport, String> {
    let first = flat.first().ok_or("the file holds no records")?;
    // Looked for only if the file reads as nothing else (below).
    let mut inside = Vec::new();
    // (A response's `usage` is its token counts; a wrapper's may be a report's page.)
    let response = first.get("usage").is_some_and(|u| !known(u));
    if chosen.is_none() && flat.len() == 1 && !known(first) && !response {
        wrapped(first, 0, &mut inside);
    }
    match chosen {
        Some(UsageFormat::OpenaiUsage | UsageFormat::OpenaiCosts) => return openai::import(&flat),
        Some(UsageFormat::AnthropicUsage | UsageFormat::AnthropicCost) => {
            return anthropic::import(&flat)
        }
        Some(UsageFormat::LitellmSpendLogs) => return gateways::import_litellm(&flat),
        Some(UsageFormat::LangfuseDaily) => return gateways::import_langfuse(&flat),
        Some(UsageFormat::LitellmDaily) => return litellm_daily::import(&flat),
        Some(f) => return per_request::import_values(flat, Some(f)),
        None => {}
    }
    if openai::is_bucket(first)
        || openai::is_page(first)
        || openai_legacy::is_answer(first)
        || openai_legacy::is_record(first)
    {
        return openai::import(&flat);
    }
    if anthropic::is_page(first) {
        return anthropic::import(&flat);
    }
    if gateways::is_litellm(first) {
        return gateways::import_litellm(&flat);
    }
    if gateways::is_langfuse(first) {
        return gateways::import_langfuse(&flat);
    }
    if litellm_daily::is_daily(first) {
        return litellm_daily::import(&flat);
    }
    match per_request::import_values(flat, None) {
        Err(_) if !inside.is_empty() => {
            let others = inside.len() - 1;
            // Usage before costs: the costs are set against it, not read without it.
            let pick = inside
                .iter()
                .position(|(v, _)| !v.iter().any(billed))
                .unwrap_or(0);
            let (values, path) = inside.swap_remove(pick);
            let mut u = read_values(values, None)?;
            u.note(format!(
                "the report was found inside the file, under \"{path}\""
            ));
            if others > 0 {
                u.note(format!("the file holds {others} other report(s) beside it, not read: upload each as a file of its own"));
            }
            Ok(u)
        }
        read => read,
    }
}
