//! From a file's bytes to the importer of its tool: every JSON value (streamed) or the
//! whole text, then one match from [`Format`] to the function that reads it. The formats
//! themselves are documented in `engine/tests/bench-samples/FORMATS.md`.

use super::common::wrong_format;
use super::detect::{detect_json, unrecognised, MAX_TEXT_BYTES};
use super::lean::{Lean, Lenient, MAX_RECORDS};
use super::{
    aiperf, aiperf_jsonl, article_script, facts, guidellm, guidellm_csv, llama_bench, llmperf,
    ollama, openai_usage, sglang, vllm, wrapped,
};
use super::{Format, ImportError, Run};
use std::io::{BufReader, Read};

/// Reads every JSON value in the input: one document, or JSON lines / concatenated
/// objects (SGLang, vLLM `--append-result`, llama-bench `-o jsonl`, Ollama streams).
pub fn read_values<R: Read>(input: R) -> Result<Vec<Lean>, ImportError> {
    read_values_noted(input).map(|(values, _)| values)
}

/// [`read_values`], keeping the complete records of a file of several whose last one is
/// cut off (a benchmark killed while it appended a line): the complete ones are read, and
/// the note (listed with the runs not kept) says which was skipped. A cut-off file of one
/// record is still refused.
pub fn read_values_noted<R: Read>(input: R) -> Result<(Vec<Lean>, Option<String>), ImportError> {
    let reader = BufReader::with_capacity(256 * 1024, Lenient::new(input));
    super::lean::new_file();
    let mut values = Vec::new();
    for v in serde_json::Deserializer::from_reader(reader).into_iter::<Lean>() {
        let v = match v {
            Ok(v) => v,
            Err(e) if e.classify() == serde_json::error::Category::Eof && !values.is_empty() => {
                let note = format!(
                    "the file ends early: its last record (from line {}) is cut off and was skipped; the {} complete records before it are read",
                    e.line(),
                    values.len()
                );
                return Ok((values, Some(note)));
            }
            Err(e) => return Err(json_error(e)),
        };
        values.push(v);
        if values.len() > MAX_RECORDS {
            return Err(ImportError::Malformed {
                what: "JSON",
                detail: format!("more than {MAX_RECORDS} records in one file"),
            });
        }
    }
    if values.is_empty() {
        return Err(ImportError::Empty);
    }
    Ok((values, None))
}

fn json_error(e: serde_json::Error) -> ImportError {
    let detail = format!(
        "line {}, column {}: {}",
        e.line(),
        e.column(),
        plain(&strip_position(&e.to_string()))
    );
    match e.classify() {
        serde_json::error::Category::Eof => ImportError::Truncated {
            what: "the JSON",
            detail,
        },
        serde_json::error::Category::Io => ImportError::Io(e.to_string()),
        _ => ImportError::Malformed {
            what: "JSON",
            detail,
        },
    }
}

/// The JSON reader's words for where a file stops, as a user would say them ("EOF while
/// parsing a list" reads "it stops inside a list: a [ is never closed").
fn plain(msg: &str) -> String {
    match msg.strip_prefix("EOF while parsing ") {
        Some("a list") => "it stops inside a list: a [ is never closed".into(),
        Some("an object") => "it stops inside an object: a { is never closed".into(),
        Some("a string") => "it stops inside a text in quotes".into(),
        Some("a value") => "it stops where a value should follow".into(),
        Some(other) => format!("it stops inside {other}"),
        None => msg.to_string(),
    }
}

fn strip_position(msg: &str) -> String {
    match msg.rfind(" at line ") {
        Some(i) => msg[..i].to_string(),
        None => msg.to_string(),
    }
}

/// Picks the format of the values (or checks the forced one) and reads their runs; when
/// the top of the file is no known record, reads the known records found inside it
/// ([`wrapped`]). Returns the format, the runs, and what was found but not read.
pub fn classify_and_read(
    values: &[Lean],
    forced: Option<Format>,
) -> Result<(Format, Vec<Run>, Vec<String>), ImportError> {
    let first = &values[0];
    let format = forced.or_else(|| detect_json(first));
    let (format, mut runs, refused) = match format {
        Some(f) => match read_json_format(f, values) {
            Ok(runs) => (f, runs, Vec::new()),
            // A forced format is searched for inside; a guessed one that did not read
            // may have been a look-alike, so any known record is.
            Err(e @ ImportError::WrongFormat { .. }) => {
                wrapped::read(values, forced, read_json_format).unwrap_or(Err(e))?
            }
            Err(e) => return Err(e),
        },
        None => wrapped::read(values, None, read_json_format)
            .unwrap_or_else(|| Err(unrecognised(first)))?,
    };
    file_facts(values, &mut runs);
    super::dates::date_runs(values, &mut runs);
    Ok((format, runs, refused))
}

/// What the whole file states, given to runs that do not state it themselves: the one
/// model and the one framework it names anywhere (several: said, not guessed).
fn file_facts(values: &[Lean], runs: &mut [Run]) {
    if runs.iter().any(|r| r.model.is_none()) {
        let named = facts::models_named(values);
        for r in runs.iter_mut().filter(|r| r.model.is_none()) {
            match named.as_slice() {
                [] => {}
                [(name, path)] => {
                    r.notes.push(format!("model read from \"{path}\""));
                    r.model = Some(name.clone());
                }
                several => r.notes.push(format!(
                    "the file names several models ({}) and does not say which this run served",
                    several
                        .iter()
                        .map(|(n, _)| n.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                )),
            }
        }
    }
    if runs.iter().any(|r| r.framework.is_none()) && values.len() == 1 {
        if let Some(f) = facts::stated_framework(&values[0]) {
            for r in runs.iter_mut().filter(|r| r.framework.is_none()) {
                r.framework = Some(f.clone());
            }
        }
    }
    if let Some(url) = facts::local_target(values) {
        for r in runs
            .iter_mut()
            .filter(|r| r.model.as_deref().is_some_and(facts::mock_model))
        {
            r.warnings.push(format!(
                "the target is on the benchmark's own machine ({url})"
            ));
        }
    }
}

/// The model and the hardware a text file names, for runs that do not name them.
pub fn text_facts(text: &str, runs: &mut [Run]) {
    // llama-bench's markdown names each table's device above it (its own rule).
    let tables = text.lines().any(super::llama_bench::names_its_columns);
    if !tables && runs.iter().any(|r| r.hardware.is_none()) {
        if let [device] = super::text_model::hardware_in_text(text).as_slice() {
            for r in runs.iter_mut().filter(|r| r.hardware.is_none()) {
                r.notes
                    .push(format!("hardware read from a line of the text: {device}"));
                r.hardware = Some(device.clone());
            }
        }
    }
    if runs.iter().all(|r| r.model.is_some()) {
        return;
    }
    let named = super::text_model::models_in_text(text);
    for r in runs.iter_mut().filter(|r| r.model.is_none()) {
        match named.as_slice() {
            [] => {}
            [name] => {
                r.notes
                    .push(format!("model read from a line of the text: {name}"));
                r.model = Some(name.clone());
            }
            several => r.notes.push(format!(
                "the text names several models ({}) and does not say which this run served",
                several.join(", ")
            )),
        }
    }
}

/// Reads the runs of JSON `values` in `format`: one call into the tool's module.
fn read_json_format(format: Format, values: &[Lean]) -> Result<Vec<Run>, ImportError> {
    match format {
        Format::VllmServe => vllm::read_serving(format, values),
        Format::VllmThroughput => vllm::read_throughput(values),
        Format::VllmLatency => vllm::read_latency(values),
        Format::VllmTable => vllm::read_table(values),
        Format::Sglang => sglang::read(values),
        Format::LlmperfSummary => llmperf::read_summary(values),
        Format::LlmperfIndividual => llmperf::read_individual(values),
        Format::GuidellmJson | Format::GuidellmYaml => guidellm::read_json(format, values),
        Format::AiperfJson | Format::GenaiPerfJson => aiperf::read_json(format, values),
        Format::AiperfJsonl => aiperf_jsonl::read(values),
        Format::LlamaBenchJson => llama_bench::read_json(values),
        Format::OllamaApi => ollama::read_api(values),
        Format::OpenaiUsage => openai_usage::read(values),
        _ => Err(wrong_format(
            format,
            "this format is text, but the file is JSON",
        )),
    }
}

/// The whole file as UTF-8 text, up to [`MAX_TEXT_BYTES`]; refuses binary content.
pub fn read_text<R: Read>(reader: &mut R) -> Result<String, ImportError> {
    let mut bytes = Vec::new();
    reader
        .take(MAX_TEXT_BYTES as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| ImportError::Io(e.to_string()))?;
    if bytes.len() > MAX_TEXT_BYTES {
        return Err(ImportError::TooLarge {
            limit_mb: (MAX_TEXT_BYTES / (1024 * 1024)) as u64,
            kind: "text formats (JSON files have no such limit)",
        });
    }
    if bytes.contains(&0) {
        return Err(ImportError::Binary);
    }
    String::from_utf8(bytes).map_err(|e| ImportError::Malformed {
        what: "UTF-8 text",
        detail: format!("invalid byte at offset {}", e.utf8_error().valid_up_to()),
    })
}

/// Reads the runs of a text file in `format`: one call into the tool's module.
pub fn read_text_format(format: Format, text: &str) -> Result<Vec<Run>, ImportError> {
    match format {
        Format::VllmConsole => super::embedded::or_console(text),
        Format::LlamaBenchMarkdown => llama_bench::read_markdown(text),
        Format::LlamaBenchCsv => llama_bench::read_csv(text),
        Format::AiperfCsv | Format::GenaiPerfCsv => aiperf::read_csv(text, format),
        Format::OllamaVerbose => ollama::read_verbose(text),
        Format::ArticleScript => article_script::read(text),
        Format::GuidellmYaml => guidellm::read_yaml(text),
        Format::GuidellmCsv => guidellm_csv::read(text),
        _ => Err(wrong_format(format, "this format is JSON")),
    }
}

/// The JSON inside a markdown file's ```json fences (each record of a page that shows
/// several, one a fence; a fence that holds no JSON is left out when others do), or the
/// text itself.
pub fn json_payload(text: &str) -> std::borrow::Cow<'_, str> {
    let t = text.trim_start();
    if super::lenient::starts_as_json(t.as_bytes()) {
        return text.into();
    }
    let mut fences: Vec<&str> = Vec::new();
    let mut rest = text;
    // At most 100 fences; one that does not start as JSON is passed over.
    while let (Some(start), true) = (rest.find("```json"), fences.len() < 100) {
        let body = &rest[start + 7..];
        let end = body.find("```").unwrap_or(body.len());
        let inner = body[..end].trim_start();
        if inner.starts_with('{') || inner.starts_with('[') {
            fences.push(&body[..end]);
        }
        rest = &body[(end + 3).min(body.len())..];
    }
    // Of several fences, those that hold JSON (a page's log in a ```json fence is not).
    if fences.len() > 1 {
        let json: Vec<&str> = fences
            .iter()
            .copied()
            .filter(|f| read_values(f.as_bytes()).is_ok())
            .collect();
        if !json.is_empty() {
            fences = json;
        }
    }
    match fences.as_slice() {
        [] => text.into(),
        [one] => (*one).into(),
        several => several.join("\n").into(),
    }
}
