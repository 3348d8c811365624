//! Real API usage in: the exports and logs a team already has, read into token counts
//! that keep every class apart (uncached input, cache read, cache write 5m / 1h, output,
//! reasoning as a part of output, audio), so a workload can be measured instead of typed.
//!
//! Formats (fields and traps in `engine/tests/usage-samples/FORMATS.md`):
//! - OpenAI organization usage (`/v1/organization/usage/completions`) and costs
//!   (`/v1/organization/costs`): a page, or the buckets of several pages in one array;
//! - Anthropic Admin API usage report and cost report: one page, or several pages (in an
//!   array, or one after another);
//! - per-request logs: Claude Code session JSONL, OpenAI Batch output and chat / Responses
//!   answers with `usage`, Anthropic Messages answers.
//!
//! Pure and bounded like the benchmark importers: the caller caps the bytes; every record
//! that is not read is counted and said why, never a panic.

mod anthropic;
pub mod backtest;
pub mod billed_apart;
mod budget;
mod cells;
mod claude_code;
mod codex;
mod counts;
mod detect;
pub(crate) use counts::{count_of, left_out, needed_count, start_tally, tally_note, LeftOut};
pub use detect::MAX_VALUES;
mod columns;
mod estimate;
pub mod file;
mod gateways;
mod gemini_cli;
mod json_rows;
mod litellm_daily;
mod names;
mod openai;
mod openai_legacy;
mod overlap;
mod pages;
mod request_csv;
mod text;
pub use overlap::{same_usage, FINGERPRINT_VERSION};
mod cost_csv;
mod covered;
mod per_request;
pub mod pricing;
pub mod reconcile;
mod stream;
pub mod summary;
mod time;
mod together;
pub mod typed_calls;
pub mod workload;

use serde::{Deserialize, Serialize};

use names::Names;
pub use names::{Keys, Name};
pub use stream::{import_usage_reader, import_usage_stream, MAX_LINE_BYTES, MAX_WHOLE_BYTES};
pub use summary::{group_keys, summarise, summarise_by, GroupSummary};
pub use time::{day_span, fmt_rfc3339, parse_rfc3339, time_span};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum UsageFormat {
    OpenaiUsage,
    OpenaiCosts,
    AnthropicUsage,
    AnthropicCost,
    ClaudeCode,
    /// OpenAI Batch output, chat completions or Responses answers, one per line.
    OpenaiRequests,
    /// Anthropic Messages answers, one per line.
    AnthropicMessages,
    /// LiteLLM spend logs (`LiteLLM_SpendLogs` rows, JSON).
    LitellmSpendLogs,
    /// Langfuse daily metrics (`/api/public/metrics/daily`).
    LangfuseDaily,
    /// LiteLLM daily activity (`/user/daily/activity`: days, by model).
    LitellmDaily,
    /// A CSV with one request per row (LiteLLM's or Helicone's export, and others).
    RequestCsv,
    /// Gemini CLI's session file (`chats/session-*.json` or `.jsonl`), or its
    /// stream-json run log.
    GeminiCli,
    /// OpenAI Codex's session log (`~/.codex/sessions/…/rollout-*.jsonl`).
    CodexCli,
}

impl UsageFormat {
    pub const ALL: [UsageFormat; 13] = [
        UsageFormat::OpenaiUsage,
        UsageFormat::OpenaiCosts,
        UsageFormat::AnthropicUsage,
        UsageFormat::AnthropicCost,
        UsageFormat::ClaudeCode,
        UsageFormat::OpenaiRequests,
        UsageFormat::AnthropicMessages,
        UsageFormat::LitellmSpendLogs,
        UsageFormat::LangfuseDaily,
        UsageFormat::LitellmDaily,
        UsageFormat::RequestCsv,
        UsageFormat::GeminiCli,
        UsageFormat::CodexCli,
    ];
    /// The id in the API and the database (`claude_code`): its serde name.
    pub fn id(self) -> &'static str {
        match self {
            UsageFormat::OpenaiUsage => "openai_usage",
            UsageFormat::OpenaiCosts => "openai_costs",
            UsageFormat::AnthropicUsage => "anthropic_usage",
            UsageFormat::AnthropicCost => "anthropic_cost",
            UsageFormat::ClaudeCode => "claude_code",
            UsageFormat::OpenaiRequests => "openai_requests",
            UsageFormat::AnthropicMessages => "anthropic_messages",
            UsageFormat::LitellmSpendLogs => "litellm_spend_logs",
            UsageFormat::LangfuseDaily => "langfuse_daily",
            UsageFormat::LitellmDaily => "litellm_daily",
            UsageFormat::RequestCsv => "request_csv",
            UsageFormat::GeminiCli => "gemini_cli",
            UsageFormat::CodexCli => "codex_cli",
        }
    }
    pub fn from_id(id: &str) -> Option<UsageFormat> {
        UsageFormat::ALL.into_iter().find(|f| f.id() == id)
    }
    pub fn name(self) -> &'static str {
        match self {
            UsageFormat::OpenaiUsage => "OpenAI organization usage (completions)",
            UsageFormat::OpenaiCosts => "OpenAI organization costs",
            UsageFormat::AnthropicUsage => "Anthropic usage report (messages)",
            UsageFormat::AnthropicCost => "Anthropic cost report",
            UsageFormat::ClaudeCode => "Claude Code session log",
            UsageFormat::OpenaiRequests => {
                "OpenAI responses with usage (batch output, chat, Responses)"
            }
            UsageFormat::AnthropicMessages => "Anthropic Messages responses",
            UsageFormat::LitellmSpendLogs => "LiteLLM spend logs",
            UsageFormat::LangfuseDaily => "Langfuse daily metrics",
            UsageFormat::LitellmDaily => "LiteLLM daily activity",
            UsageFormat::RequestCsv => {
                "Usage CSV (per request or totals: LiteLLM, Helicone, OpenRouter, Cursor, the OpenAI dashboard)"
            }
            UsageFormat::GeminiCli => "Gemini CLI session (its chats file, or a stream-json run log)",
            UsageFormat::CodexCli => "OpenAI Codex session log (rollout JSONL)",
        }
    }
    /// A log of requests, one record per call with its own time (a session log, API
    /// responses, a gateway's rows), rather than a report of totals by period.
    pub fn is_request_log(self) -> bool {
        matches!(
            self,
            UsageFormat::ClaudeCode
                | UsageFormat::OpenaiRequests
                | UsageFormat::AnthropicMessages
                | UsageFormat::RequestCsv
                | UsageFormat::LitellmSpendLogs
                | UsageFormat::GeminiCli
                | UsageFormat::CodexCli
        )
    }
}

/// Tokens of one record, by class. `input_total` is what the provider bills as input,
/// however it reports it: Anthropic's input excludes cached tokens, OpenAI's includes them.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Tokens {
    pub uncached_input: f64,
    pub cache_read: f64,
    pub cache_write_5m: f64,
    pub cache_write_1h: f64,
    /// Output tokens, reasoning included.
    pub output: f64,
    /// The reasoning part of `output` (billed as output, not visible).
    pub reasoning: f64,
    pub input_audio: f64,
    pub output_audio: f64,
}

impl Tokens {
    pub fn input_total(&self) -> f64 {
        self.uncached_input + self.cache_read + self.cache_write_5m + self.cache_write_1h
    }
    pub fn add(&mut self, o: &Tokens) {
        self.uncached_input += o.uncached_input;
        self.cache_read += o.cache_read;
        self.cache_write_5m += o.cache_write_5m;
        self.cache_write_1h += o.cache_write_1h;
        self.output += o.output;
        self.reasoning += o.reasoning;
        self.input_audio += o.input_audio;
        self.output_audio += o.output_audio;
    }
}

/// One bucket row of a report, or one request of a log.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct UsageRecord {
    /// Unix seconds, UTC; `end` exclusive (equal to `start` for a single request).
    pub start: i64,
    pub end: i64,
    pub model: Option<Name>,
    /// Grouping keys the file carries (project, workspace, API key, service tier, ...).
    pub keys: Keys,
    /// Requests, where the format counts them (`None`: the format does not).
    pub requests: Option<f64>,
    pub tokens: Tokens,
    /// `Some(true)` for batch traffic, `Some(false)` for interactive, `None` unknown.
    pub batch: Option<bool>,
}

impl UsageRecord {
    /// A record of nothing: a report's bucket with no traffic. It counts as time (the
    /// period) but makes no group: a day of nothing names no model.
    pub fn is_empty(&self) -> bool {
        self.requests.unwrap_or(0.0) == 0.0 && self.tokens.input_total() + self.tokens.output == 0.0
    }
}

/// One billed amount of a cost report.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CostRecord {
    pub start: i64,
    pub end: i64,
    pub usd: f64,
    /// Line item or description, when the report was grouped by it.
    pub item: Option<String>,
    pub model: Option<String>,
}

impl CostRecord {
    /// A report's bucket with no cost row: a period billed nothing.
    pub(crate) fn nothing_billed(start: i64, end: i64) -> CostRecord {
        CostRecord {
            start,
            end,
            usd: 0.0,
            item: None,
            model: None,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct UsageImport {
    pub format: UsageFormat,
    pub records: Vec<UsageRecord>,
    pub costs: Vec<CostRecord>,
    /// What the importer assumed or noticed (partial buckets, a page that says more
    /// pages exist, ...).
    pub notes: Vec<String>,
    /// Lines or rows not read, with the reason, counted by reason.
    pub skipped: Vec<(String, usize)>,
    /// Server tools used, by `server_tool_use` field, summed (Anthropic's web searches
    /// and fetches, billed per use and not per token).
    #[serde(default)]
    pub server_tools: Vec<(String, f64)>,
    /// The file has no cache counts at all (a CSV without cache columns): its zero
    /// cache reads and writes are not a measurement.
    #[serde(default)]
    pub no_cache_counts: bool,
    #[serde(skip)]
    names: Names,
}

impl UsageImport {
    fn new(format: UsageFormat) -> UsageImport {
        UsageImport {
            format,
            records: Vec::new(),
            costs: Vec::new(),
            notes: Vec::new(),
            skipped: Vec::new(),
            server_tools: Vec::new(),
            no_cache_counts: false,
            names: Names::default(),
        }
    }
    /// A model name as kept (bounded, shared); `None` when nothing is left of it.
    pub(crate) fn model(&mut self, raw: &str) -> Option<Name> {
        Some(self.names.name(raw)).filter(|m| !m.is_empty())
    }
    /// Grouping keys as kept (bounded, shared).
    pub(crate) fn keys<'a>(&mut self, pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> Keys {
        self.names.keys(pairs)
    }
    pub(crate) fn skip(&mut self, why: &str) {
        match self.skipped.iter_mut().find(|(w, _)| w == why) {
            Some((_, n)) => *n += 1,
            None => self.skipped.push((why.to_string(), 1)),
        }
    }
    /// Adds the counts of a usage object's `server_tool_use` (at most 16 tools, named by
    /// their first 60 characters).
    pub(crate) fn count_server_tools(&mut self, usage: &serde_json::Value) {
        for (name, n) in billed_apart::server_tool_counts(usage) {
            billed_apart::add_count(&mut self.server_tools, &name, n);
        }
    }

    pub(crate) fn note(&mut self, text: impl Into<String>) {
        let t = text.into();
        if !self.notes.contains(&t) {
            self.notes.push(t);
        }
    }
}

/// Most distinct groups (models, or values of a grouping key) in one file.
pub const MAX_GROUPS: usize = 200;
/// Largest token count, request count or amount read from one record.
pub(crate) const MAX_COUNT: f64 = 1e12;
/// Longest model name, key value or cost item kept.
const MAX_TEXT: usize = 200;

/// A name as kept: control characters dropped, at most `MAX_TEXT` characters.
fn bounded(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_control())
        .take(MAX_TEXT)
        .collect::<String>()
        .trim()
        .to_string()
}

fn count(x: f64) -> f64 {
    if x.is_finite() {
        x.clamp(0.0, MAX_COUNT)
    } else {
        0.0
    }
}

/// Every number within bounds, whatever the importer read: sums stay finite. (Names
/// are cut as they are read: `UsageImport::model`, `UsageImport::keys`.)
fn bound(u: &mut UsageImport) {
    for r in &mut u.records {
        let t = &mut r.tokens;
        for x in [
            &mut t.uncached_input,
            &mut t.cache_read,
            &mut t.cache_write_5m,
            &mut t.cache_write_1h,
            &mut t.output,
            &mut t.reasoning,
            &mut t.input_audio,
            &mut t.output_audio,
        ] {
            *x = count(*x);
        }
        r.requests = r.requests.map(count);
    }
    for c in &mut u.costs {
        c.usd = if c.usd.is_finite() {
            c.usd.clamp(-MAX_COUNT, MAX_COUNT)
        } else {
            0.0
        };
        c.item = c.item.as_deref().map(bounded);
        c.model = c.model.as_deref().map(bounded);
    }
}

/// Reads a usage or cost export, detecting its format from its fields.
pub fn import_usage(bytes: &[u8]) -> Result<UsageImport, String> {
    import_usage_as(bytes, None)
}

/// Reads a usage or cost export as the format the user chose (`None`: detected). A file
/// that does not read as the chosen format is refused, saying what it reads as.
pub fn import_usage_as(bytes: &[u8], chosen: Option<UsageFormat>) -> Result<UsageImport, String> {
    let mut u = detect::import_any(bytes, chosen).map_err(|why| {
        // A benchmark result sent here by mistake: say where it goes.
        match crate::bench::import("upload", bytes, None) {
            // (A bare `usage` object reads as a benchmark record too: no hint then.)
            Ok(b) if b.format != crate::bench::Format::OpenaiUsage => format!(
                "{why}. It reads as a benchmark result ({}): import it on the Benchmarks page",
                b.format.label()
            ),
            _ => why,
        }
    })?;
    bound(&mut u);
    Ok(u)
}

/// What to say of a file sent to the benchmarks that reads as a usage export: where it
/// goes. `None` when it is no usage export either.
pub fn usage_instead(bytes: &[u8]) -> Option<String> {
    detect::import_any(bytes, None).ok().map(|u| {
        format!(
            "this is a usage export ({}), not a benchmark result: import it on the Usage page, where it becomes a measured workload",
            u.format.name()
        )
    })
}
