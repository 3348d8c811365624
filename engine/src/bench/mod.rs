//! Benchmark importers: real result files of eight tools become normalised runs.
//!
//! Field meanings, units and pitfalls of every format: `engine/tests/bench-samples/FORMATS.md`.
//! Entry point: [`import`], which detects the format (or takes an override), streams
//! the file and returns every run in it, or one file-level [`ImportError`].
//!
//! Units after import: seconds (durations), ms (latencies), tokens/s, mean tokens a request.

mod aiperf;
mod aiperf_jsonl;
mod article_script;
mod common;
mod dates;
mod detect;
pub(crate) use detect::{looks_binary, packed, utf16_bom};
pub(crate) mod dialect;
mod dispatch;
mod embedded;
mod facts;
pub mod fit;
mod format;
mod guidellm;
mod guidellm_csv;
pub mod lean;
mod lenient;
mod llama_bench;
mod llmperf;
mod name_model;
mod ollama;
mod openai_usage;
mod plausible;
mod review;
mod rich_table;
mod sglang;
pub mod sweep;
mod terminal;
mod text_model;
mod units;
mod vllm;
mod vllm_console;
mod vllm_totals;
mod wrapped;

use serde::{Deserialize, Serialize};
use std::io::Read;

pub use detect::{detect_text, MAX_TEXT_BYTES};
pub use format::Format;

/// Mean, median and 99th percentile of a latency, in milliseconds.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Stat {
    pub mean: Option<f64>,
    pub p50: Option<f64>,
    pub p99: Option<f64>,
}

impl Stat {
    pub fn is_empty(&self) -> bool {
        self.mean.is_none() && self.p50.is_none() && self.p99.is_none()
    }
}

/// One measured run, normalised.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Run {
    /// What distinguishes this run inside its file ("tg128", "concurrency 4", "run 2").
    pub label: String,
    pub model: Option<String>,
    /// `model` is the one the file's name gives; the file names none.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub model_from_name: bool,
    pub hardware: Option<String>,
    /// Requests in flight: the measured mean when the file has it, else the configured
    /// limit (see `concurrency_basis`).
    pub concurrency: Option<f64>,
    /// Mean prompt tokens per request.
    pub input_tokens: Option<f64>,
    /// Mean output tokens per request.
    pub output_tokens: Option<f64>,
    pub output_tokens_per_s: Option<f64>,
    pub total_tokens_per_s: Option<f64>,
    pub requests_per_s: Option<f64>,
    pub duration_s: Option<f64>,
    pub ttft_ms: Stat,
    /// Time per output token after the first (vLLM/SGLang TPOT; AIPerf/GenAI-Perf "ITL").
    pub tpot_ms: Stat,
    /// Gap between streamed chunks (vLLM ITL; AIPerf inter-chunk latency).
    pub itl_ms: Stat,
    pub e2e_ms: Stat,
    pub completed: Option<u64>,
    /// Requests that failed, including those the file counts as completed but that
    /// returned no output, and those sent but never finished.
    pub failed: Option<u64>,
    /// What the importer had to infer or could not find, in words.
    pub notes: Vec<String>,
    /// The serving framework that answered the requests, when the file says so (with
    /// where it says so); the file's tool may be only the client.
    #[serde(default)]
    pub framework: Option<String>,
    /// Whether `concurrency` is the configured limit or the measured mean in flight.
    #[serde(default)]
    pub concurrency_basis: Option<ConcurrencyBasis>,
    /// What makes the numbers suspect: failures, nominal timings, a mock server.
    #[serde(default)]
    pub warnings: Vec<String>,
    /// Distinct error messages the file records for failed requests (a few).
    #[serde(default)]
    pub errors: Vec<String>,
    /// When the run was measured, as its file states it ("2026-08-16 16:08", "UTC" where
    /// the file says so); `None` when the file states no time.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub measured_at: Option<String>,
}

/// Where a run's concurrency comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ConcurrencyBasis {
    /// The limit the benchmark was configured with (a scheduler's cap).
    Configured,
    /// The mean number of requests in flight, measured by the tool.
    Measured,
}

impl ConcurrencyBasis {
    pub fn describe(self) -> &'static str {
        match self {
            ConcurrencyBasis::Configured => "configured limit",
            ConcurrencyBasis::Measured => "measured mean in flight",
        }
    }
}

impl Run {
    /// Mean requests in flight by Little's law: the request rate (stated, or output
    /// tokens/s over output tokens per request) times the mean end-to-end latency.
    /// `None` when the file gives neither rate nor latency, or they are not positive.
    pub fn little_in_flight(&self) -> Option<f64> {
        let rate = self.requests_per_s.or_else(|| {
            self.output_tokens_per_s
                .zip(self.output_tokens)
                .filter(|(_, o)| *o > 0.0)
                .map(|(t, o)| t / o)
        });
        rate.zip(self.e2e_ms.mean)
            .map(|(x, e)| x * e / 1e3)
            .filter(|n| n.is_finite() && *n > 0.0)
    }

    /// The run's model as a list shows it: "Llama 3.3 70B (by the file's name)" when the
    /// file's name gave it, "unknown model" when nothing did.
    pub fn model_said(&self) -> String {
        match (&self.model, self.model_from_name) {
            (Some(m), true) => format!("{m} (by the file's name)"),
            (Some(m), false) => m.clone(),
            (None, _) => "unknown model".into(),
        }
    }

    /// The serving framework without where the file said it ("SGLang 0.4.6").
    pub fn framework_name(&self) -> Option<&str> {
        self.framework
            .as_deref()
            .map(|f| f.split(" (").next().unwrap_or(f))
    }

    /// Why this run cannot be used, if it measured nothing: what was found, what is
    /// missing and what to do.
    pub fn refusal(&self) -> Option<String> {
        let why = if self.errors.is_empty() {
            " The file does not say why; the server's log will. Fix the cause and run the benchmark again".to_string()
        } else {
            format!(
                " The file records: {}. Fix that and run the benchmark again",
                self.errors.join("; ")
            )
        };
        if self.completed == Some(0) {
            return Some(match self.failed {
                Some(1) => format!("its one request failed, so there is nothing to measure.{why}"),
                Some(f) if f > 0 => {
                    format!("all {f} requests failed (0 completed), so there is nothing to measure.{why}")
                }
                _ => format!("no request completed, so there is nothing to measure.{why}"),
            });
        }
        let measured = self.output_tokens_per_s.is_some()
            || self.total_tokens_per_s.is_some()
            || self.requests_per_s.is_some()
            || self.output_tokens.is_some()
            || !self.ttft_ms.is_empty()
            || !self.e2e_ms.is_empty()
            || !self.tpot_ms.is_empty();
        if measured {
            return None;
        }
        let mut found = Vec::new();
        if let Some(m) = &self.model {
            found.push(format!("the model ({m})"));
        }
        if let Some(c) = self.completed {
            found.push(format!("a request count ({c})"));
        }
        if self.concurrency.is_some() {
            found.push("a concurrency".to_string());
        }
        if self.duration_s.is_some() {
            found.push("a duration".to_string());
        }
        let found = if found.is_empty() {
            String::new()
        } else {
            format!("it holds {}, but ", found.join(", "))
        };
        Some(format!(
            "{found}it has no throughput, latency or token count. Upload the file the tool writes with its results (not its configuration or log)"
        ))
    }
}

/// Everything read from one file.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Imported {
    pub format: Format,
    pub runs: Vec<Run>,
    /// Runs in the file that were not kept, with the reason.
    pub refused: Vec<String>,
}

/// Why a file was not imported. Messages are for the person who uploaded it.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum ImportError {
    #[error("the file is empty")]
    Empty,
    #[error("this is a binary file, not a benchmark result (benchmark results are JSON, JSON lines, CSV, YAML or text)")]
    Binary,
    #[error("the file is larger than the {limit_mb} MB limit for {kind}")]
    TooLarge { limit_mb: u64, kind: &'static str },
    #[error("the file is not valid {what}: {detail}")]
    Malformed { what: &'static str, detail: String },
    #[error("the file ends early ({what} is cut off): {detail}")]
    Truncated { what: &'static str, detail: String },
    #[error("the format was not recognised: {0}")]
    Unrecognised(String),
    #[error("this file does not look like {expected}: {reason}")]
    WrongFormat {
        expected: &'static str,
        reason: String,
    },
    #[error("nothing to import: {0}")]
    NoMeasurement(String),
    #[error("the file could not be read: {0}")]
    Io(String),
}

impl Imported {
    fn finish(
        format: Format,
        mut runs: Vec<Run>,
        mut refused: Vec<String>,
    ) -> Result<Imported, ImportError> {
        review::review(format, &mut runs);
        // A terminal capture prints what ran, repeats included; a file is joined.
        let runs = if matches!(
            format,
            Format::OllamaVerbose | Format::VllmConsole | Format::ArticleScript
        ) {
            runs
        } else {
            common::once(runs, &mut refused)
        };
        let mut kept = Vec::new();
        for run in runs {
            match run.refusal() {
                Some(why) => refused.push(if run.label.is_empty() {
                    why
                } else {
                    format!("{}: {why}", run.label)
                }),
                None => kept.push(run),
            }
        }
        if kept.is_empty() {
            let reason = if refused.is_empty() {
                "the file holds no runs".to_string()
            } else {
                refused.join("; ")
            };
            return Err(ImportError::NoMeasurement(reason));
        }
        Ok(Imported {
            format,
            runs: kept,
            refused,
        })
    }
}

/// Reads a whole benchmark file from `input`, detecting its format unless `format` is
/// given. JSON is streamed with bounded memory; text formats are read up to
/// [`MAX_TEXT_BYTES`]. `name` is only used as a hint (never as a path).
pub fn import(
    name: &str,
    input: impl Read,
    format: Option<Format>,
) -> Result<Imported, ImportError> {
    let mut read = read_file(name, input, format).map_err(|e| match (e, format) {
        // The user chose the format: say what else to try.
        (ImportError::WrongFormat { expected, reason }, Some(_)) => ImportError::WrongFormat {
            expected,
            reason: format!("{reason}. Leave the format on \"detect automatically\", or upload the file the tool itself wrote"),
        },
        (e, _) => e,
    })?;
    name_model::from_file_name(name, &mut read.runs);
    Ok(read)
}

fn read_file(
    name: &str,
    input: impl Read,
    format: Option<Format>,
) -> Result<Imported, ImportError> {
    let mut reader = std::io::BufReader::with_capacity(256 * 1024, input);
    // UTF-16 (what Windows PowerShell 5 writes with `>` or `Out-File`): read as text, up
    // to twice the text limit in bytes, then as the UTF-8 it holds.
    let bom = {
        use std::io::BufRead;
        let head = reader
            .fill_buf()
            .map_err(|e| ImportError::Io(e.to_string()))?;
        detect::utf16_bom(head)
    };
    if let Some(big_endian) = bom {
        let text = detect::read_utf16(&mut reader, big_endian)?;
        return read_file(name, text.as_bytes(), format);
    }
    let head = detect::peek(&mut reader)?;
    let guessed = detect::sniff(name, &head)?;
    let format = format.or(guessed.format);
    if guessed.json && format.is_none_or(Format::is_json) {
        let (values, cut) = dispatch::read_values_noted(&mut reader)?;
        let (found, mut runs, mut refused) = dispatch::classify_and_read(&values, format)?;
        plausible::note_non_finite(found, &values, &mut runs);
        refused.extend(cut);
        return Imported::finish(found, runs, refused);
    }
    let mut raw = dispatch::read_text(&mut reader)?;
    // A classic Mac's line ends (a lone CR, no LF anywhere): line ends, not a terminal's
    // redrawn lines.
    let mac = raw.contains('\r') && !raw.contains('\n');
    if mac {
        raw = raw.replace('\r', "\n");
    }
    let (mut text, cleaned) = terminal::clean(&raw);
    drop(raw);
    let dialect = dialect::rewrite(format, &mut text);
    let format = match format {
        Some(f) => f,
        None => match detect_text(name, &text) {
            Ok(f) => f,
            // None of the text formats: a known tool's records inside it are read.
            Err(e @ ImportError::Unrecognised(_)) => return embedded::read_found(&text, e),
            Err(e) => return Err(e),
        },
    };
    let summary = match format {
        Format::GuidellmCsv => common::drop_summary_rows(&mut text, false),
        Format::LlamaBenchCsv => common::drop_summary_rows(&mut text, true),
        _ => Vec::new(),
    };
    let (mut runs, mut refused) = if format.is_json() {
        let values = dispatch::read_values(dispatch::json_payload(&text).as_bytes())?;
        let (found, mut runs, refused) = dispatch::classify_and_read(&values, Some(format))?;
        plausible::note_non_finite(found, &values, &mut runs);
        (runs, refused)
    } else {
        (dispatch::read_text_format(format, &text)?, Vec::new())
    };
    dispatch::text_facts(&text, &mut runs);
    let cleaned = cleaned.then(|| "a terminal capture: colour and cursor codes and redrawn lines were removed before reading".to_string());
    let mac = mac.then(|| "its lines end with a lone CR (a classic Mac's \u{201c}CSV (Macintosh)\u{201d}): read as line ends".to_string());
    for note in cleaned.into_iter().chain(dialect).chain(mac) {
        for r in &mut runs {
            r.notes.push(note.clone());
        }
    }
    refused.extend(summary);
    Imported::finish(format, runs, refused)
}

/// A CSV line's fields (quoted fields allowed) and a CSV text's records, for other importers.
pub(crate) use common::{csv_fields as csv_header, csv_records as csv_rows};

#[cfg(test)]
#[path = "mod_tests.rs"]
mod tests;
