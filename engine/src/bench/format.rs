//! The formats the importers understand, with their ids and labels.

use serde::{Deserialize, Serialize};

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
    /// GuideLLM `benchmarks.csv` (three header rows, one row per benchmark).
    GuidellmCsv,
    /// AIPerf `profile_export_aiperf.json`.
    AiperfJson,
    /// AIPerf `profile_export_aiperf.csv`.
    AiperfCsv,
    /// AIPerf per-request `profile_export.jsonl`.
    AiperfJsonl,
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
    pub const ALL: [Format; 23] = [
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
        Format::GuidellmCsv,
        Format::AiperfJson,
        Format::AiperfCsv,
        Format::AiperfJsonl,
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
            Format::GuidellmCsv => "guidellm_csv",
            Format::AiperfJson => "aiperf_json",
            Format::AiperfCsv => "aiperf_csv",
            Format::AiperfJsonl => "aiperf_jsonl",
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
            Format::VllmConsole => "vLLM or SGLang console output",
            Format::Sglang => "SGLang bench_serving or bench_one_batch (JSONL)",
            Format::LlmperfSummary => "llmperf summary",
            Format::LlmperfIndividual => "llmperf individual responses",
            Format::GuidellmJson => "GuideLLM report (JSON)",
            Format::GuidellmYaml => "GuideLLM report (YAML)",
            Format::GuidellmCsv => "GuideLLM report (CSV)",
            Format::AiperfJson => "AIPerf (JSON)",
            Format::AiperfCsv => "AIPerf (CSV or console)",
            Format::AiperfJsonl => "AIPerf per-request records (JSONL)",
            Format::GenaiPerfJson => "GenAI-Perf (JSON)",
            Format::GenaiPerfCsv => "GenAI-Perf (CSV or console)",
            Format::LlamaBenchJson => "llama-bench (JSON / JSONL)",
            Format::LlamaBenchCsv => "llama-bench (CSV)",
            Format::LlamaBenchMarkdown => "llama-bench (markdown)",
            Format::OllamaApi => "Ollama API response",
            Format::OllamaVerbose => "ollama run --verbose",
            Format::OpenaiUsage => "OpenAI-compatible usage",
            Format::ArticleScript => "article benchmark script",
        }
    }

    /// Whether the format is a CSV table (one a spreadsheet may have re-saved).
    pub fn is_csv(self) -> bool {
        matches!(
            self,
            Format::GuidellmCsv | Format::AiperfCsv | Format::GenaiPerfCsv | Format::LlamaBenchCsv
        )
    }

    /// Whether the format is read as JSON (streamed) rather than as text.
    pub fn is_json(self) -> bool {
        !matches!(
            self,
            Format::VllmConsole
                | Format::GuidellmYaml
                | Format::GuidellmCsv
                | Format::AiperfCsv
                | Format::GenaiPerfCsv
                | Format::LlamaBenchCsv
                | Format::LlamaBenchMarkdown
                | Format::OllamaVerbose
                | Format::ArticleScript
        )
    }
}
