//! Benchmark importers: real result files of eight tools become normalised runs.
//!
//! Field meanings, units and pitfalls of every format are documented in
//! `engine/tests/bench-samples/FORMATS.md`; the section of each rule is cited next to it.
//! Entry point: [`import`], which detects the format (or takes an override), streams
//! the file and returns every run in it, or one file-level [`ImportError`].
//!
//! Units after import: seconds for durations, milliseconds for latencies, tokens
//! per second for rates, mean tokens per request for request shapes.

mod aiperf;
mod article_script;
mod common;
mod detect;
mod dispatch;
pub mod fit;
mod guidellm;
pub mod lean;
mod llama_bench;
mod llmperf;
mod ollama;
mod openai_usage;
mod sglang;
mod units;
mod vllm;

use serde::{Deserialize, Serialize};
use std::io::Read;

pub use detect::{detect_text, MAX_TEXT_BYTES};

/// The formats understood, by tool and file kind.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Format {
    /// `vllm bench serve` / `benchmark_serving.py --save-result` JSON (also sweep runs and
    /// `summary.json` arrays, and `--append-result` JSON lines).
    VllmServe,
    /// `vllm bench throughput --output-json`.
    VllmThroughput,
    /// `vllm bench latency --output-json`.
    VllmLatency,
    /// vLLM nightly `benchmark_results.json` table with display-string keys.
    VllmTable,
    /// Pasted vLLM console output (`Serving Benchmark Result` blocks).
    VllmConsole,
    /// `sglang.bench_serving --output-file` JSON lines.
    Sglang,
    /// llmperf `*_summary.json`.
    LlmperfSummary,
    /// llmperf `*_individual_responses.json`.
    LlmperfIndividual,
    /// GuideLLM report, JSON.
    GuidellmJson,
    /// GuideLLM report, YAML.
    GuidellmYaml,
    /// AIPerf `profile_export_aiperf.json`.
    AiperfJson,
    /// AIPerf `profile_export_aiperf.csv`.
    AiperfCsv,
    /// GenAI-Perf `profile_export_genai_perf.json`.
    GenaiPerfJson,
    /// GenAI-Perf `profile_export_genai_perf.csv`.
    GenaiPerfCsv,
    /// llama-bench `-o json` or `-o jsonl`.
    LlamaBenchJson,
    /// llama-bench `-o csv`.
    LlamaBenchCsv,
    /// llama-bench markdown (the default output).
    LlamaBenchMarkdown,
    /// Ollama `/api/generate` or `/api/chat` response (also inside a markdown fence or a recorder envelope).
    OllamaApi,
    /// `ollama run --verbose` timing block.
    OllamaVerbose,
    /// An OpenAI-compatible `usage` object (also Anthropic-style and Gemini token counts).
    OpenaiUsage,
    /// Output of the article's `benchmark_run` script.
    ArticleScript,
}

impl Format {
    pub const ALL: [Format; 21] = [
        Format::VllmServe,
        Format::VllmThroughput,
        Format::VllmLatency,
        Format::VllmTable,
        Format::VllmConsole,
        Format::Sglang,
        Format::LlmperfSummary,
        Format::LlmperfIndividual,
        Format::GuidellmJson,
        Format::GuidellmYaml,
        Format::AiperfJson,
        Format::AiperfCsv,
        Format::GenaiPerfJson,
        Format::GenaiPerfCsv,
        Format::LlamaBenchJson,
        Format::LlamaBenchCsv,
        Format::LlamaBenchMarkdown,
        Format::OllamaApi,
        Format::OllamaVerbose,
        Format::OpenaiUsage,
        Format::ArticleScript,
    ];

    pub fn id(self) -> &'static str {
        match self {
            Format::VllmServe => "vllm_serve",
            Format::VllmThroughput => "vllm_throughput",
            Format::VllmLatency => "vllm_latency",
            Format::VllmTable => "vllm_table",
            Format::VllmConsole => "vllm_console",
            Format::Sglang => "sglang",
            Format::LlmperfSummary => "llmperf_summary",
            Format::LlmperfIndividual => "llmperf_individual",
            Format::GuidellmJson => "guidellm_json",
            Format::GuidellmYaml => "guidellm_yaml",
            Format::AiperfJson => "aiperf_json",
            Format::AiperfCsv => "aiperf_csv",
            Format::GenaiPerfJson => "genai_perf_json",
            Format::GenaiPerfCsv => "genai_perf_csv",
            Format::LlamaBenchJson => "llama_bench_json",
            Format::LlamaBenchCsv => "llama_bench_csv",
            Format::LlamaBenchMarkdown => "llama_bench_markdown",
            Format::OllamaApi => "ollama_api",
            Format::OllamaVerbose => "ollama_verbose",
            Format::OpenaiUsage => "openai_usage",
            Format::ArticleScript => "article_script",
        }
    }

    pub fn from_id(id: &str) -> Option<Format> {
        Format::ALL.into_iter().find(|f| f.id() == id)
    }

    pub fn label(self) -> &'static str {
        match self {
            Format::VllmServe => "vLLM bench serve (JSON)",
            Format::VllmThroughput => "vLLM bench throughput (JSON)",
            Format::VllmLatency => "vLLM bench latency (JSON)",
            Format::VllmTable => "vLLM benchmark_results.json table",
            Format::VllmConsole => "vLLM console output",
            Format::Sglang => "SGLang bench_serving (JSONL)",
            Format::LlmperfSummary => "llmperf summary",
            Format::LlmperfIndividual => "llmperf individual responses",
            Format::GuidellmJson => "GuideLLM report (JSON)",
            Format::GuidellmYaml => "GuideLLM report (YAML)",
            Format::AiperfJson => "AIPerf (JSON)",
            Format::AiperfCsv => "AIPerf (CSV)",
            Format::GenaiPerfJson => "GenAI-Perf (JSON)",
            Format::GenaiPerfCsv => "GenAI-Perf (CSV)",
            Format::LlamaBenchJson => "llama-bench (JSON / JSONL)",
            Format::LlamaBenchCsv => "llama-bench (CSV)",
            Format::LlamaBenchMarkdown => "llama-bench (markdown)",
            Format::OllamaApi => "Ollama API response",
            Format::OllamaVerbose => "ollama run --verbose",
            Format::OpenaiUsage => "OpenAI-compatible usage",
            Format::ArticleScript => "article benchmark script",
        }
    }

    /// Whether the format is read as JSON (streamed) rather than as text.
    pub fn is_json(self) -> bool {
        !matches!(
            self,
            Format::VllmConsole
                | Format::GuidellmYaml
                | Format::AiperfCsv
                | Format::GenaiPerfCsv
                | Format::LlamaBenchCsv
                | Format::LlamaBenchMarkdown
                | Format::OllamaVerbose
                | Format::ArticleScript
        )
    }
}

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
    pub hardware: Option<String>,
    /// Requests in flight: the configured limit when known, else the observed mean.
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
    pub failed: Option<u64>,
    /// What the importer had to infer or could not find, in words.
    pub notes: Vec<String>,
}

impl Run {
    /// Why this run cannot be used, if it measured nothing.
    pub fn refusal(&self) -> Option<String> {
        if self.completed == Some(0) {
            return Some(match self.failed {
                Some(f) if f > 0 => format!(
                    "every request failed ({f} failed, 0 completed): there is no measurement"
                ),
                _ => "no request completed: there is no measurement".to_string(),
            });
        }
        let measured = self.output_tokens_per_s.is_some()
            || self.total_tokens_per_s.is_some()
            || self.requests_per_s.is_some()
            || self.output_tokens.is_some()
            || !self.ttft_ms.is_empty()
            || !self.e2e_ms.is_empty()
            || !self.tpot_ms.is_empty();
        (!measured).then(|| "no throughput, latency or token count in it".to_string())
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
    fn finish(format: Format, runs: Vec<Run>) -> Result<Imported, ImportError> {
        let mut kept = Vec::new();
        let mut refused = Vec::new();
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
    let mut reader = std::io::BufReader::with_capacity(256 * 1024, input);
    let head = detect::peek(&mut reader)?;
    let guessed = detect::sniff(name, &head)?;
    let format = format.or(guessed.format);
    if guessed.json && format.is_none_or(Format::is_json) {
        let values = dispatch::read_values(&mut reader)?;
        let (found, runs) = dispatch::classify_and_read(&values, format)?;
        return Imported::finish(found, runs);
    }
    let text = dispatch::read_text(&mut reader)?;
    let format = match format {
        Some(f) => f,
        None => detect_text(name, &text)?,
    };
    let runs = if format.is_json() {
        let values = dispatch::read_values(dispatch::json_payload(&text).as_bytes())?;
        dispatch::classify_and_read(&values, Some(format))?.1
    } else {
        dispatch::read_text_format(format, &text)?
    };
    Imported::finish(format, runs)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn format_ids_round_trip() {
        for f in Format::ALL {
            assert_eq!(Format::from_id(f.id()), Some(f));
            assert_eq!(
                serde_json::to_value(f).ok(),
                Some(serde_json::Value::String(f.id().into()))
            );
        }
    }
}
