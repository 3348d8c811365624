//! Format detection from the first bytes of a file (and, for text, all of it).

use super::{Format, ImportError};
use std::io::BufRead;

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

pub struct Sniffed {
    /// The file starts like JSON (`{` or `[`).
    pub json: bool,
    /// A format settled from the head alone, if any.
    pub format: Option<Format>,
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
    if looks_binary(head) {
        return Err(ImportError::Binary);
    }
    let json = matches!(body.first(), Some(b'{') | Some(b'['));
    let lower = name.to_ascii_lowercase();
    let format = if !json && (lower.ends_with(".yaml") || lower.ends_with(".yml")) {
        Some(Format::GuidellmYaml)
    } else {
        None
    };
    Ok(Sniffed { json, format })
}

fn looks_binary(head: &[u8]) -> bool {
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
    let first = text
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty())
        .unwrap_or("");
    if text.contains("Serving Benchmark Result") {
        return Ok(Format::VllmConsole);
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
    if text.lines().any(|l| {
        let l = l.trim();
        l.starts_with('|') && l.contains("t/s") && l.contains("test")
    }) {
        return Ok(Format::LlamaBenchMarkdown);
    }
    let header = first.replace('"', "");
    if header.contains("avg_ts") && header.contains("n_prompt") {
        return Ok(Format::LlamaBenchCsv);
    }
    if header.starts_with("Metric,avg,min,max,") {
        // AIPerf: ascending percentiles (p1 first), GenAI-Perf: descending (p99 first).
        return Ok(if header.starts_with("Metric,avg,min,max,p99") {
            Format::GenaiPerfCsv
        } else {
            Format::AiperfCsv
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
    Err(ImportError::Unrecognised(
        "it is not JSON and matches none of the text formats (vLLM console, llama-bench markdown or CSV, AIPerf/GenAI-Perf CSV, ollama --verbose, GuideLLM YAML, the article's script); pick the format by hand if you know it".into(),
    ))
}
