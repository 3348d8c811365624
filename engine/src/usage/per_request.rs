//! Per-request logs: one answer (or one event) per line or per array item. OpenAI
//! chat completions and Batch output (`prompt_tokens` includes the cached part,
//! `completion_tokens` the reasoning), OpenAI Responses (`input_tokens` likewise),
//! Anthropic Messages (`input_tokens` is uncached only). Claude Code sessions go to
//! `claude_code.rs`. Only counts, times, model names and grouping keys are read: no text.

use super::{
    claude_code, codex, gemini_cli, time::parse_rfc3339, Tokens, UsageFormat, UsageImport,
    UsageRecord,
};
use serde_json::Value;
use std::collections::HashSet;
use std::hash::{BuildHasher, RandomState};

/// How many values decide the format of a log.
pub(super) const SNIFF: usize = 100;

/// A log being read, one value at a time.
enum Reader {
    Session(claude_code::Session),
    Gemini(gemini_cli::Session),
    Codex(codex::Session),
    Requests(Requests),
}

/// Formats read one answer or event at a time by this module's line reader (the CSV and
/// LiteLLM's JSON rows have their own readers): a subset of
/// [`UsageFormat::is_request_log`].
pub(super) fn is_log_format(f: UsageFormat) -> bool {
    matches!(
        f,
        UsageFormat::ClaudeCode
            | UsageFormat::OpenaiRequests
            | UsageFormat::AnthropicMessages
            | UsageFormat::GeminiCli
            | UsageFormat::CodexCli
    )
}

impl Reader {
    /// The chosen format's reader, or the one the first values decide.
    fn new(first: &[Value], chosen: Option<UsageFormat>) -> Reader {
        match chosen {
            Some(UsageFormat::ClaudeCode) => Reader::Session(claude_code::Session::new()),
            Some(UsageFormat::GeminiCli) => Reader::Gemini(gemini_cli::Session::new()),
            Some(UsageFormat::CodexCli) => Reader::Codex(codex::Session::new()),
            Some(f) if is_log_format(f) => Reader::requests(f),
            _ => Reader::for_values(first),
        }
    }

    fn requests(format: UsageFormat) -> Reader {
        Reader::Requests(Requests {
            out: UsageImport::new(format),
            batch_file: false,
            seen: HashSet::new(),
            totals_of: None,
            ids: RandomState::new(),
        })
    }

    /// Decides the format from the first values.
    fn for_values(first: &[Value]) -> Reader {
        if first.iter().any(claude_code::is_event) {
            return Reader::Session(claude_code::Session::new());
        }
        if first
            .iter()
            .any(|v| gemini_cli::is_record(v) || gemini_cli::is_stream_event(v))
        {
            return Reader::Gemini(gemini_cli::Session::new());
        }
        if first.iter().any(codex::is_line) {
            return Reader::Codex(codex::Session::new());
        }
        // A Message Batches result holds its message under `result.message`.
        let anthropic = first
            .iter()
            .filter(|v| is_anthropic_message(v.pointer("/result/message").unwrap_or(v)))
            .count();
        let format = if anthropic * 2 > first.len() {
            UsageFormat::AnthropicMessages
        } else {
            UsageFormat::OpenaiRequests
        };
        Reader::requests(format)
    }
    fn push(&mut self, v: &Value) {
        match self {
            Reader::Session(s) => s.push(v),
            Reader::Gemini(s) => s.push(v),
            Reader::Codex(s) => s.push(v),
            Reader::Requests(r) => r.push(v),
        }
    }
    fn skip(&mut self, why: &str) {
        match self {
            Reader::Session(s) => s.skip(why),
            Reader::Gemini(s) => s.skip(why),
            Reader::Codex(s) => s.skip(why),
            Reader::Requests(r) => r.out.skip(why),
        }
    }
    fn finish(self) -> Result<UsageImport, String> {
        match self {
            Reader::Session(s) => s.finish(),
            Reader::Gemini(s) => s.finish(),
            Reader::Codex(s) => s.finish(),
            Reader::Requests(r) => r.finish(),
        }
    }
}

/// One line as JSON. A byte-order mark before it is passed over: files read as one log
/// are joined end to end, so a later file's mark starts a line.
fn parse(line: &str) -> Option<Value> {
    serde_json::from_str::<Value>(line.trim_start_matches('\u{feff}')).ok()
}

/// A log of JSON lines being read, one line at a time (its memory is one line's and the
/// counts): a line that is not JSON is skipped and counted.
pub(super) struct Lines(Reader);

impl Lines {
    /// The format decided by the first `SNIFF` lines.
    pub fn new<'a>(first: impl Iterator<Item = &'a str>, chosen: Option<UsageFormat>) -> Lines {
        let first: Vec<Value> = match chosen {
            Some(_) => Vec::new(),
            None => first.take(SNIFF).filter_map(parse).collect(),
        };
        Lines(Reader::new(&first, chosen))
    }
    pub fn line(&mut self, line: &str) {
        match parse(line) {
            Some(v) => self.0.push(&v),
            None => self.0.skip("a line that is not JSON"),
        }
    }
    pub fn skip(&mut self, why: &str) {
        self.0.skip(why);
    }
    pub fn finish(self) -> Result<UsageImport, String> {
        self.0.finish()
    }
}

/// JSON lines already in memory.
pub(super) fn import_lines<'a>(
    lines: impl Iterator<Item = &'a str> + Clone,
    chosen: Option<UsageFormat>,
) -> Result<UsageImport, String> {
    let mut reader = Lines::new(lines.clone(), chosen);
    for l in lines {
        reader.line(l);
    }
    reader.finish()
}

/// Values already parsed (an array of answers, or several documents).
pub(super) fn import_values(
    values: Vec<Value>,
    chosen: Option<UsageFormat>,
) -> Result<UsageImport, String> {
    let mut reader = Reader::new(&values[..values.len().min(SNIFF)], chosen);
    for v in &values {
        reader.push(v);
    }
    reader.finish()
}

fn num(v: Option<&Value>) -> f64 {
    super::count_of(v)
}

/// Answers with a usage object, read one at a time.
struct Requests {
    out: UsageImport,
    batch_file: bool,
    /// Keyed 64-bit hashes of the answers read so far (id, time and usage): an answer
    /// logged twice (in one file, or in files read as one log) is one call. 8 bytes a call.
    seen: HashSet<u64>,
    ids: RandomState,
    /// The session of Claude Code's totals met (said in the refusal).
    totals_of: Option<String>,
}

/// Why Claude Code's per-model totals are skipped.
const CLAUDE_TOTALS: &str =
    "Claude Code's totals by model (modelUsage): a session's sums, no call of its own";

impl Requests {
    fn push(&mut self, v: &Value) {
        let out = &mut self.out;
        // Claude Code's per-model totals (a `claude -p --output-format json` result, its
        // stats cache): a session's or a month's sums, no call of its own.
        if v.get("modelUsage").is_some_and(Value::is_object) {
            if self.totals_of.is_none() {
                self.totals_of = v.get("session_id").and_then(Value::as_str).map(|s| {
                    s.chars()
                        .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
                        .take(40)
                        .collect()
                });
            }
            out.skip(CLAUDE_TOTALS);
            return;
        }
        // Anthropic Message Batches results: {custom_id, result: {type, message}}.
        let anthropic_batch = v.get("result").filter(|_| v.get("custom_id").is_some());
        // OpenAI Batch output: {id, custom_id, response: {status_code, body}, error}.
        let openai_batch = v.get("response").filter(|_| v.get("custom_id").is_some());
        let (body, batch) = match (anthropic_batch, openai_batch) {
            (Some(result), _) => {
                self.batch_file = true;
                if result.get("type").and_then(Value::as_str) != Some("succeeded") {
                    out.skip("a batch request that did not succeed (errored, expired or canceled): no usage");
                    return;
                }
                (result.get("message").unwrap_or(&Value::Null), Some(true))
            }
            (None, Some(resp)) => {
                self.batch_file = true;
                let ok = v.get("error").is_none_or(Value::is_null)
                    && resp
                        .get("status_code")
                        .and_then(Value::as_u64)
                        .is_none_or(|c| c == 200);
                if !ok {
                    out.skip("a failed request (error set or status other than 200): no usage");
                    return;
                }
                (resp.get("body").unwrap_or(&Value::Null), Some(true))
            }
            (None, None) => (v, None),
        };
        let Some(usage) = body.get("usage").filter(|u| u.is_object()) else {
            out.skip("a line with no usage object");
            return;
        };
        // The same answer twice: its id, time and usage alike (an id alone is not enough:
        // Ollama's OpenAI endpoint draws its ids from 999 values).
        if let Some(id) = body
            .get("id")
            .and_then(Value::as_str)
            .filter(|i| !i.is_empty())
        {
            let created = body.get("created").or_else(|| body.get("created_at"));
            let key = (id, created.map(Value::to_string), usage.to_string());
            if !self.seen.insert(self.ids.hash_one(key)) {
                out.skip("an answer already read (the same id, time and usage: the same call logged twice): counted once");
                return;
            }
        }
        let model = body
            .get("model")
            .and_then(Value::as_str)
            .and_then(|m| out.model(m));
        let tokens = if is_anthropic_message(body) {
            let cw = usage.get("cache_creation");
            let total_writes = num(usage.get("cache_creation_input_tokens"));
            let w1h = num(cw.and_then(|c| c.get("ephemeral_1h_input_tokens")));
            Tokens {
                uncached_input: num(usage.get("input_tokens")),
                cache_read: num(usage.get("cache_read_input_tokens")),
                cache_write_5m: (total_writes - w1h).max(0.0),
                cache_write_1h: w1h,
                output: super::needed_count(Some(usage), "output_tokens"),
                ..Tokens::default()
            }
        } else if usage.get("prompt_tokens").is_some() || usage.get("input_tokens").is_some() {
            // OpenAI: the input total includes the cached part.
            let (input, idet, output, odet) = if usage.get("prompt_tokens").is_some() {
                (
                    "prompt_tokens",
                    "prompt_tokens_details",
                    "completion_tokens",
                    "completion_tokens_details",
                )
            } else {
                (
                    "input_tokens",
                    "input_tokens_details",
                    "output_tokens",
                    "output_tokens_details",
                )
            };
            let total = num(usage.get(input));
            let cached = num(usage.get(idet).and_then(|d| d.get("cached_tokens"))).min(total);
            Tokens {
                uncached_input: total - cached,
                cache_read: cached,
                // A completion counts its output; an embedding's usage has none.
                output: if body
                    .get("object")
                    .and_then(Value::as_str)
                    .is_some_and(|o| o.contains("completion") || o == "response")
                {
                    super::needed_count(Some(usage), output)
                } else {
                    num(usage.get(output))
                },
                reasoning: num(usage.get(odet).and_then(|d| d.get("reasoning_tokens"))),
                input_audio: num(usage.get(idet).and_then(|d| d.get("audio_tokens"))),
                output_audio: num(usage.get(odet).and_then(|d| d.get("audio_tokens"))),
                ..Tokens::default()
            }
        } else {
            out.skip("a usage object with no token counts this importer knows");
            return;
        };
        // `created` (Unix seconds) is when a batch was processed, not when it was sent.
        let at = body
            .get("created")
            .or_else(|| body.get("created_at"))
            .and_then(|c| c.as_i64().or_else(|| c.as_str().and_then(parse_rfc3339)))
            .filter(|t| (0..=super::time::LATEST).contains(t))
            .unwrap_or(0);
        // OpenAI says the tier beside the usage, Anthropic inside it ("batch" there is
        // a Message Batches request, billed at the batch discount).
        let tier = body
            .get("service_tier")
            .or_else(|| usage.get("service_tier"))
            .and_then(Value::as_str);
        let batch = batch.or((tier == Some("batch")).then_some(true));
        let keys = out.keys(tier.map(|t| ("service_tier", t)));
        out.count_server_tools(usage);
        out.records.push(UsageRecord {
            start: at,
            end: at,
            model,
            keys,
            requests: Some(1.0),
            tokens,
            batch,
        });
    }

    fn finish(self) -> Result<UsageImport, String> {
        let mut out = self.out;
        if out.records.is_empty() {
            if out.skipped.iter().any(|(w, _)| w == CLAUDE_TOTALS) {
                let of = self
                    .totals_of
                    .map(|id| format!(" (this one's session id: {id})"))
                    .unwrap_or_default();
                return Err(format!("Claude Code's totals by model (modelUsage: a claude -p --output-format json result, or ~/.claude/stats-cache.json) with no time per call and no count of API calls, so no calls a month can be measured; upload the session's own log instead, ~/.claude/projects/<project>/<session id>.jsonl{of}"));
            }
            let why = out.skipped_text();
            return Err(format!("no usage records found in this file ({why}); the formats read are OpenAI and Anthropic usage and cost reports and batch outputs, Claude Code, Codex CLI and Gemini CLI sessions, LiteLLM, Langfuse, Helicone, OpenRouter and Cursor exports, per-request CSVs, and API responses with a usage object"));
        }
        if self.batch_file {
            let timed = out.records.iter().any(|r| r.start > 0);
            out.note(format!("a Batch API output file: every request in it was a batch request (priced at the batch discount), whatever its service_tier says; {}", if timed {
                "its timestamps say when the batch ran, so they give no load shape"
            } else {
                "it carries no time, so it gives no period and no load shape (calls a month are not measured from it)"
            }));
        }
        Ok(out)
    }
}

/// A Messages API answer, or any usage object in Anthropic's terms: its cache fields
/// (`cache_read_input_tokens`, `cache_creation_input_tokens`) are Anthropic's alone, and
/// its `input_tokens` then leaves the cache out, where OpenAI's holds it.
fn is_anthropic_message(v: &Value) -> bool {
    let Some(u) = v.get("usage") else {
        return false;
    };
    let anthropic_fields = u.get("cache_read_input_tokens").is_some()
        || u.get("cache_creation_input_tokens").is_some();
    (v.get("type").and_then(Value::as_str) == Some("message") || anthropic_fields)
        && u.get("input_tokens").is_some()
        && u.get("prompt_tokens").is_none()
}
