//! Format detection from the first bytes of a file (and, for JSON, its first value; for
//! text, all of it).

use super::common::{envelope, unwrap_data};
use super::lean::Lean;
use super::{Format, ImportError};
use std::io::{BufRead, Read};

/// Text formats are read whole; larger text is refused (JSON has no such limit: it streams).
pub const MAX_TEXT_BYTES: usize = 16 * 1024 * 1024;
const HEAD: usize = 64 * 1024;

/// The first bytes of the file, without consuming them... except a UTF-8 byte-order mark.
pub fn peek<R: BufRead>(reader: &mut R) -> Result<Vec<u8>, ImportError> {
    let buf = reader
        .fill_buf()
        .map_err(|e| ImportError::Io(e.to_string()))?;
    if buf.starts_with(&[0xEF, 0xBB, 0xBF]) {
        reader.consume(3);
    }
    let buf = reader
        .fill_buf()
        .map_err(|e| ImportError::Io(e.to_string()))?;
    Ok(buf[..buf.len().min(HEAD)].to_vec())
}

/// `Some(big_endian)` when `head` starts with a UTF-16 byte order mark.
pub fn utf16_bom(head: &[u8]) -> Option<bool> {
    match head {
        [0xFF, 0xFE, ..] => Some(false),
        [0xFE, 0xFF, ..] => Some(true),
        _ => None,
    }
}

/// A UTF-16 file (its byte order mark first) as text, up to [`MAX_TEXT_BYTES`] of
/// UTF-8 in two bytes a unit.
pub fn read_utf16<R: Read>(reader: &mut R, big_endian: bool) -> Result<String, ImportError> {
    let mut bytes = Vec::new();
    reader
        .take(2 * MAX_TEXT_BYTES as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| ImportError::Io(e.to_string()))?;
    if bytes.len() > 2 * MAX_TEXT_BYTES {
        return Err(ImportError::TooLarge {
            limit_mb: (2 * MAX_TEXT_BYTES / (1024 * 1024)) as u64,
            kind: "UTF-16 files",
        });
    }
    let units: Vec<u16> = bytes[2..]
        .chunks(2)
        .map(|c| {
            let pair = [c[0], c.get(1).copied().unwrap_or(0)];
            if big_endian {
                u16::from_be_bytes(pair)
            } else {
                u16::from_le_bytes(pair)
            }
        })
        .collect();
    String::from_utf16(&units).map_err(|_| ImportError::Malformed {
        what: "UTF-16 text",
        detail: "it starts with a UTF-16 byte order mark but holds an unpaired surrogate; save it as UTF-8".into(),
    })
}

pub struct Sniffed {
    /// The file starts like JSON (`{` or `[`).
    pub json: bool,
    /// A format settled from the head alone, if any.
    pub format: Option<Format>,
}

/// What a file packed by another program is, by its first bytes, and what to do: a
/// spreadsheet workbook (a zip holding `[Content_Types].xml`), another zip, or a
/// compressed file (gzip, bzip2, xz, zstd). `None` for anything else.
pub fn packed(head: &[u8]) -> Option<String> {
    let holds = |needle: &[u8]| head.windows(needle.len()).any(|w| w == needle);
    let squeezed = |name: &str| {
        Some(format!("a {name}-compressed file: unpack it (or open it with an archive tool) and upload the file inside"))
    };
    match head {
        [b'P', b'K', 3, 4, ..] if holds(b"[Content_Types].xml") || holds(b"xl/") || holds(b"content.xml") => {
            Some("a spreadsheet workbook (.xlsx, .ods, .numbers): save the sheet as \u{201c}CSV UTF-8\u{201d} (File > Save as) and upload that".into())
        }
        [b'P', b'K', 3, 4, ..] => Some("a zip archive: unpack it and upload the files inside it".into()),
        [0x1f, 0x8b, ..] => squeezed("gzip"),
        [b'B', b'Z', b'h', ..] => squeezed("bzip2"),
        [0xfd, b'7', b'z', b'X', b'Z', 0, ..] => squeezed("xz"),
        [0x28, 0xb5, 0x2f, 0xfd, ..] => squeezed("zstd"),
        _ => None,
    }
}

/// Refuses empty and binary files, and tells JSON from text.
pub fn sniff(name: &str, head: &[u8]) -> Result<Sniffed, ImportError> {
    let trimmed = head
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .map(|i| &head[i..]);
    let Some(body) = trimmed else {
        return Err(ImportError::Empty);
    };
    if let Some(what) = packed(head) {
        return Err(ImportError::Malformed {
            what: "benchmark result",
            detail: format!("this is {what}"),
        });
    }
    if let Some(at) = not_utf8_text(head) {
        return Err(ImportError::Malformed {
            what: "UTF-8 text",
            detail: format!("the byte at offset {at} (0x{:02X}) is not UTF-8: the file may be Latin-1 or Windows-1252; save it as UTF-8 and upload it again", head[at]),
        });
    }
    if looks_binary(head) {
        return Err(ImportError::Binary);
    }
    let json = super::lenient::starts_as_json(body);
    let lower = name.to_ascii_lowercase();
    let format = if !json && (lower.ends_with(".yaml") || lower.ends_with(".yml")) {
        Some(Format::GuidellmYaml)
    } else {
        None
    };
    Ok(Sniffed { json, format })
}

/// Where text in another encoding than UTF-8 (no NUL, at least 95% printable ASCII)
/// first breaks it.
fn not_utf8_text(head: &[u8]) -> Option<usize> {
    let e = std::str::from_utf8(head).err()?;
    e.error_len()?;
    let printable = head
        .iter()
        .filter(|b| b.is_ascii_graphic() || b.is_ascii_whitespace())
        .count();
    (!head.contains(&0) && printable * 100 >= head.len() * 95).then_some(e.valid_up_to())
}

/// Whether a file's first bytes are no text (a NUL, or bytes that are not UTF-8 and not
/// text in another encoding).
pub(crate) fn looks_binary(head: &[u8]) -> bool {
    if head.contains(&0) {
        return true;
    }
    // Valid UTF-8 apart from a character cut at the end of the window.
    match std::str::from_utf8(head) {
        Ok(_) => false,
        Err(e) => e.error_len().is_some() || head.len() - e.valid_up_to() > 3,
    }
}

/// Detects a text format from its content.
pub fn detect_text(name: &str, text: &str) -> Result<Format, ImportError> {
    let lower = name.to_ascii_lowercase();
    // The first line that is not a comment a user or a script put above the table.
    let first = text
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty() && !l.starts_with('#'))
        .unwrap_or("");
    if super::vllm_console::TITLES.iter().any(|t| text.contains(t)) {
        return Ok(Format::VllmConsole);
    }
    // AIPerf's and GenAI-Perf's console tables (read as the CSV export they mirror).
    if text.contains("NVIDIA AIPerf | ") && text.contains('┃') {
        return Ok(Format::AiperfCsv);
    }
    if text.contains("NVIDIA GenAI-Perf | ") && text.contains('┃') {
        return Ok(Format::GenaiPerfCsv);
    }
    if text.contains("Avg tokens/sec:") {
        return Ok(Format::ArticleScript);
    }
    if text.contains("eval rate:")
        || text.contains("eval count:")
        || text.contains("eval duration:")
    {
        return Ok(Format::OllamaVerbose);
    }
    if text.contains("```json")
        && (text.contains("\"eval_count\"") || text.contains("\"total_duration\""))
    {
        return Ok(Format::OllamaApi);
    }
    if text.lines().any(super::llama_bench::names_its_columns) {
        return Ok(Format::LlamaBenchMarkdown);
    }
    let header = first.replace('"', "");
    if header.starts_with("Run Info,")
        || (header.contains("Request Counts") && header.contains("Timings"))
        || header.starts_with("Type,Run Id,")
    {
        return Ok(Format::GuidellmCsv);
    }
    if header.contains("avg_ts") && header.contains("n_prompt") {
        return Ok(Format::LlamaBenchCsv);
    }
    // AIPerf and GenAI-Perf: known by their columns, in whatever order a user left them.
    let columns: Vec<String> = super::csv_header(&header)
        .iter()
        .map(|c| c.trim().to_ascii_lowercase())
        .collect();
    let at = |name: &str| columns.iter().position(|c| c == name);
    if at("metric").is_some() && at("avg").is_some() && (at("p50").is_some() || at("max").is_some())
    {
        // AIPerf writes `sum` and `std` and ascending percentiles (p1 first); GenAI-Perf
        // neither, and descending ones (p99 first). `sum` and `std` decide first: a user
        // who moved a column may have moved p1 or p99.
        let aiperf = at("sum").is_some()
            || at("std").is_some()
            || matches!((at("p1"), at("p99")), (Some(a), Some(b)) if a < b);
        return Ok(if aiperf {
            Format::AiperfCsv
        } else {
            Format::GenaiPerfCsv
        });
    }
    if lower.ends_with(".yaml")
        || lower.ends_with(".yml")
        || first.starts_with("benchmarks:")
        || first.starts_with("metadata:")
        || text.contains("type_: generative_benchmark")
    {
        return Ok(Format::GuidellmYaml);
    }
    if text.contains("Benchmarks Stats")
        || text.contains("Benchmarks Metadata")
        || text.contains("GuideLLM")
    {
        return Err(ImportError::Unrecognised(
            "this looks like GuideLLM console output, which rounds and abbreviates its numbers; upload the report it writes with --output-path (JSON or YAML) instead".into(),
        ));
    }
    // A tool's JSON pasted into notes, in a ```json fence.
    if text.contains("```json") {
        let payload = super::dispatch::json_payload(text);
        if let Some(f) = super::dispatch::read_values(payload.as_bytes())
            .ok()
            .and_then(|v| v.first().and_then(detect_json))
        {
            return Ok(f);
        }
    }
    // llama-bench -o sql writes CREATE TABLE and INSERT statements.
    if first.to_ascii_uppercase().starts_with("CREATE TABLE")
        || first.to_ascii_uppercase().starts_with("INSERT INTO")
    {
        return Err(ImportError::Unrecognised(
            "an SQL script (what llama-bench writes with -o sql) is not read: run the benchmark again with -o json, -o jsonl or -o csv, or pick its format by hand".into(),
        ));
    }
    // A table of the user's own: say which tables are read, by the columns that tell them.
    let second = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .nth(1)
        .map(super::csv_header);
    if columns.len() >= 2 && second.is_some_and(|r| r.len() == columns.len()) {
        return Err(ImportError::Unrecognised(format!(
            "a table with the columns {} is none of the tables read: llama-bench's CSV (columns avg_ts and n_prompt), AIPerf's or GenAI-Perf's CSV (Metric, avg and p50 or max), GuideLLM's CSV (starting “Run Info,” or “Type,Run Id,”); a table of your own is not read, as its columns' units and statistics cannot be known: upload the file the tool wrote",
            super::csv_header(&header)
                .iter()
                .take(8)
                .map(|c| format!("“{}”", c.trim()))
                .collect::<Vec<_>>()
                .join(", ")
        )));
    }
    Err(ImportError::Unrecognised(
        "it is not JSON and matches none of the text formats (vLLM or SGLang console, llama-bench markdown or CSV, AIPerf/GenAI-Perf CSV, GuideLLM CSV or YAML, ollama --verbose, the article's script); pick the format by hand if you know it".into(),
    ))
}

/// Detects a JSON format from the first value of the file.
pub fn detect_json(v: &Lean) -> Option<Format> {
    if let Some((body, _)) = envelope(v) {
        let inner = match body {
            Lean::Arr(items) => items.last().map(unwrap_data)?,
            other => unwrap_data(other),
        };
        return detect_json(inner)
            .filter(|f| matches!(f, Format::OllamaApi | Format::OpenaiUsage))
            .or(Some(Format::OpenaiUsage));
    }
    if let Lean::Arr(items) = v {
        let item = items.first()?;
        if item.has("Test name") || item.has("Output Tput (tok/s)") {
            return Some(Format::VllmTable);
        }
        if item.has("end_to_end_latency_s") || item.has("ttft_s") {
            return Some(Format::LlmperfIndividual);
        }
        return match detect_json(item)? {
            f @ (Format::VllmServe
            | Format::AiperfJsonl
            | Format::LlamaBenchJson
            | Format::OllamaApi
            | Format::OpenaiUsage) => Some(f),
            _ => None,
        };
    }
    if v.has("avg_ts") && v.has("n_prompt") {
        return Some(Format::LlamaBenchJson);
    }
    if super::aiperf_jsonl::is_record(v) {
        return Some(Format::AiperfJsonl);
    }
    if v.has("benchmarks") {
        return Some(Format::GuidellmJson);
    }
    if v.has("results_mean_output_throughput_token_per_s")
        || (v.s("version").as_deref() == Some("2023-08-31") && v.has("num_concurrent_requests"))
    {
        return Some(Format::LlmperfSummary);
    }
    let records = v.get("records").unwrap_or(v);
    if records
        .get("output_token_throughput")
        .is_some_and(|m| m.has("unit"))
        || records
            .get("request_throughput")
            .is_some_and(|m| m.has("unit"))
    {
        return Some(
            if v.has("aiperf_version") || v.has("records") || records.has("benchmark_duration") {
                Format::AiperfJson
            } else {
                Format::GenaiPerfJson
            },
        );
    }
    if v.has("elapsed_time") && v.has("tokens_per_second") {
        return Some(Format::VllmThroughput);
    }
    if v.has("avg_latency") && v.has("percentiles") {
        return Some(Format::VllmLatency);
    }
    // SGLang's bench_one_batch(_server): one static batch's record.
    if super::sglang::is_one_batch(v) {
        return Some(Format::Sglang);
    }
    let serving = v.has("output_throughput")
        || v.has("mean_ttft_ms")
        || v.has("median_ttft_ms")
        || v.has("num_prompts");
    if serving {
        let sglang = v.s("backend").is_some_and(|b| b.starts_with("sglang"))
            || (v.has("dataset_name") && !v.has("model_id"));
        return Some(if sglang {
            Format::Sglang
        } else {
            Format::VllmServe
        });
    }
    if v.has("eval_count")
        || v.has("eval_duration")
        || v.has("prompt_eval_count")
        || (v.has("total_duration") && v.has("done"))
    {
        return Some(Format::OllamaApi);
    }
    if v.has("usage")
        || v.has("choices")
        || (v.has("total_input_tokens") && v.has("total_output_tokens"))
    {
        return Some(Format::OpenaiUsage);
    }
    None
}

/// Why the first JSON value matched no format, naming its first keys.
pub fn unrecognised(v: &Lean) -> ImportError {
    if v.has("client_command") && v.has("gpu_type") {
        return ImportError::Unrecognised("this is the vLLM nightly `.commands` sidecar (the command line and GPU type), not a result; upload the serving JSON next to it".into());
    }
    // Ollama's streamed chunks (`model`, `created_at`, `done: false`) and no last chunk:
    // the stream was cut before the one that carries the counts and timings.
    let chunk = |c: &Lean| c.has("created_at") && c.has("model") && c.has("done");
    if chunk(v) || matches!(v, Lean::Arr(items) if items.first().is_some_and(chunk)) {
        return ImportError::Unrecognised("an Ollama stream cut before its last chunk (the one with \"done\": true, eval_count and the durations): save the whole stream, or ask with \"stream\": false, and upload that".into());
    }
    let keys: Vec<&str> = match v {
        Lean::Arr(items) => items
            .first()
            .map(|i| i.keys().take(8).collect())
            .unwrap_or_default(),
        _ => v.keys().take(8).collect(),
    };
    ImportError::Unrecognised(format!(
        "the JSON matches none of the known benchmark formats (its first keys: {}), and no known record was found inside it (searched 6 levels deep); upload the result file the tool itself wrote, or pick the format by hand if you know it",
        if keys.is_empty() { "none".to_string() } else { keys.join(", ") }
    ))
}
