//! What each kind of uploaded file is: where it goes, how its answer reads.

use crate::dto::{BenchUpload, StoredUsage};

/// What an uploaded file becomes: where it goes, how its answer reads in one line.
pub trait Uploaded: serde::de::DeserializeOwned + Clone + Send + Sync + 'static {
    const ENDPOINT: &'static str;
    /// "benchmark file", "usage file".
    const NOUN: &'static str;
    /// The formats the zone names, under the drop text.
    const HINT: &'static str;
    /// The formats a user can force, besides "detect automatically" (none: no select).
    fn formats() -> Vec<(String, String)>;
    /// The label of a "keep the original" tick, for files whose original is not kept
    /// unless asked (`None`: no tick).
    const KEEP_ORIGINAL: Option<&'static str> = None;
    /// The label of a "read the logs chosen together as one" tick, for kinds whose logs
    /// of JSON lines can be read joined (`None`: no tick).
    const TOGETHER: Option<&'static str> = None;
    fn summary(&self) -> String;
    /// What the reader should know about a file that was stored all the same.
    fn warning(&self) -> Option<String> {
        None
    }
}

impl Uploaded for BenchUpload {
    const ENDPOINT: &'static str = "/api/benchmarks";
    const NOUN: &'static str = "benchmark";
    const HINT: &'static str = "vLLM, SGLang, llmperf, GuideLLM, AIPerf / GenAI-Perf, llama-bench, Ollama, OpenAI usage objects, or the article's script output.";
    fn formats() -> Vec<(String, String)> {
        engine::bench::Format::ALL
            .iter()
            .map(|f| (f.id().to_string(), f.label().to_string()))
            .collect()
    }
    fn summary(&self) -> String {
        let n = self.runs.len();
        let mut s = format!(
            "{}: {n} run{} imported",
            self.format,
            if n == 1 { "" } else { "s" }
        );
        if !self.refused.is_empty() {
            s.push_str(&format!(
                "; {} not imported ({})",
                self.refused.len(),
                self.refused.join("; ")
            ));
        }
        s
    }
    fn warning(&self) -> Option<String> {
        self.duplicate_of.as_ref().map(|d| {
            format!(
                "The same file was already imported on {} UTC as {}: its runs are now listed more than once.",
                crate::format::utc_minute(&d.uploaded_at),
                d.file_name
            )
        })
    }
}

impl Uploaded for StoredUsage {
    const ENDPOINT: &'static str = "/api/usage";
    const NOUN: &'static str = "usage";
    const HINT: &'static str = "OpenAI organization usage and costs, Anthropic usage and cost reports, Claude Code, Codex and Gemini CLI session logs, OpenAI batch / chat / Responses output, Anthropic Messages responses, LiteLLM spend logs and daily activity, Langfuse daily metrics, Cursor usage events, or a CSV with one request per row. Only counts, times, model names and grouping keys are kept.";
    const KEEP_ORIGINAL: Option<&'static str> = Some(
        "Keep the original file too (it may hold the text of prompts and answers; only this workspace's key reads it back)",
    );
    const TOGETHER: Option<&'static str> = Some(
        "Read the .jsonl logs chosen together as one (a Claude Code session with its sub-agents' or resumed sessions' files, a log in parts): a call in two of them counts once",
    );
    fn formats() -> Vec<(String, String)> {
        engine::usage::UsageFormat::ALL
            .iter()
            .map(|f| (f.id().to_string(), f.name().to_string()))
            .collect()
    }
    fn summary(&self) -> String {
        let f = &self.file;
        let skipped: usize = f.skipped.iter().map(|s| s.count).sum();
        let mut parts = Vec::new();
        if f.records > 0 || f.cost_rows == 0 {
            parts.push(format!(
                "{} usage record{}",
                f.records,
                if f.records == 1 { "" } else { "s" }
            ));
        }
        if let Some(b) = f.billed_usd {
            parts.push(format!(
                "{} cost row{}, ${b:.2} billed",
                f.cost_rows,
                if f.cost_rows == 1 { "" } else { "s" }
            ));
        }
        let mut s = format!("{}: {}", f.format_name, parts.join(", "));
        if let Some(p) = &f.period {
            s.push_str(&format!(
                ", {}",
                crate::format::day_span(p.start_s, p.end_s)
            ));
        }
        if skipped > 0 {
            s.push_str(&format!(
                "; {skipped} line{} skipped",
                if skipped == 1 { "" } else { "s" }
            ));
        }
        if self.original_kept {
            s.push_str("; original kept");
        }
        s
    }
    fn warning(&self) -> Option<String> {
        self.duplicate_of.as_ref().map(|d| {
            format!(
                "The same usage (format, period and totals) was already imported on {} UTC as \
                 {}: read together, the two count it once.",
                crate::format::utc_minute(&d.uploaded_at),
                d.file_name
            )
        })
    }
}
