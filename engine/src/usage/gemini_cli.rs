//! Gemini CLI's own records of its sessions (`~/.gemini/tmp/<project>/chats/`): one
//! JSON document (`session-*.json`, `{sessionId, projectHash, messages: [...]}`), or,
//! since late 2025, JSON lines (`session-*.jsonl`: a first line of metadata, then one
//! message a line, a message written again when it changes, `$set` updates that may
//! carry all messages again, `$rewindTo` marks). A `gemini` message with `tokens` is one
//! API call: `input` is the prompt with its cached part (`promptTokenCount`), `cached`
//! that part, `output` the visible answer, `thoughts` the reasoning (billed as output),
//! `tool` the tool-use prompt (billed as input). A message counts once, as last written.
//! A rewound message was still a call and billed: it counts.
//!
//! Also its `--output-format stream-json` run log: no call is counted there, only the
//! run's totals in its `result` line (`stats`), read as one record without a request
//! count, of the model its `init` line names.

use super::{time::parse_rfc3339, Tokens, UsageFormat, UsageImport, UsageRecord};
use serde_json::Value;
use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasher, RandomState};

/// The kinds of message Gemini CLI records.
const MESSAGE_TYPES: [&str; 5] = ["user", "gemini", "info", "error", "warning"];

/// A record of a Gemini CLI session file, by its fields: the session's metadata (a
/// whole legacy session, or the first line of a JSONL one), a message, or an update.
pub(super) fn is_record(v: &Value) -> bool {
    let s = |k: &str| v.get(k).and_then(Value::as_str).is_some();
    let metadata = s("sessionId") && s("projectHash");
    let message = s("id")
        && s("timestamp")
        && v.get("type")
            .and_then(Value::as_str)
            .is_some_and(|t| MESSAGE_TYPES.contains(&t))
        && v.get("uuid").is_none();
    let update = v.get("$set").is_some_and(Value::is_object) || s("$rewindTo");
    metadata || message || update
}

/// A line of a stream-json run log (`gemini -p ... --output-format stream-json`).
pub(super) fn is_stream_event(v: &Value) -> bool {
    match v.get("type").and_then(Value::as_str) {
        Some("init") => v.get("session_id").is_some() && v.get("model").is_some(),
        Some("result") => v
            .get("stats")
            .is_some_and(|s| s.get("input_tokens").is_some()),
        _ => false,
    }
}

fn num(v: Option<&Value>) -> f64 {
    super::count_of(v)
}

/// A session (or several files of one) being read, one record at a time.
pub(super) struct Session {
    out: UsageImport,
    /// A keyed hash of the message id -> index in `out.records`: a message written again
    /// replaces what it said before.
    calls: HashMap<u64, u32>,
    /// Model messages seen without counts (by the hash above), not (yet) written again
    /// with them: said at the end, as a message is often written first without.
    uncounted: HashSet<u64>,
    ids: RandomState,
    /// Stream-json: the model of the run being read.
    run_model: Option<String>,
    run_start: Option<i64>,
    runs: usize,
    /// Runs begun (an `init` line) with no `result` line after them.
    cut_off: usize,
    /// Runs whose `result` says they ended in an error.
    errored: usize,
}

impl Session {
    pub fn new() -> Session {
        Session {
            out: UsageImport::new(UsageFormat::GeminiCli),
            calls: HashMap::new(),
            uncounted: HashSet::new(),
            ids: RandomState::new(),
            run_model: None,
            run_start: None,
            runs: 0,
            cut_off: 0,
            errored: 0,
        }
    }

    pub fn skip(&mut self, why: &str) {
        self.out.skip(why);
    }

    pub fn push(&mut self, v: &Value) {
        if is_stream_event(v) {
            return self.stream(v);
        }
        // A whole session, or a checkpoint of its messages.
        let all = v
            .get("messages")
            .or_else(|| v.pointer("/$set/messages"))
            .and_then(Value::as_array);
        if let Some(messages) = all {
            for m in messages {
                self.message(m);
            }
            return;
        }
        if v.get("sessionId").is_some() || v.get("$set").is_some() {
            return; // metadata: no call
        }
        if v.get("$rewindTo").is_some() {
            return; // the calls before it were made and billed: kept
        }
        if v.get("type").is_some() && v.get("id").is_some() {
            return self.message(v);
        }
        if v.get("type").is_some() {
            // Stream-json's other lines: messages, tool calls and their results.
            return self.out.skip(
                "a run log's line that is not its totals (a message, a tool call or its result)",
            );
        }
        self.out.skip("a line that is not a Gemini CLI message");
    }

    fn message(&mut self, m: &Value) {
        if m.get("type").and_then(Value::as_str) != Some("gemini") {
            return self.out.skip("a message that is not the model's (the user's, or the CLI's own info, error or warning)");
        }
        let id = m.get("id").and_then(Value::as_str).unwrap_or_default();
        let key = self.ids.hash_one(id);
        let Some(t) = m.get("tokens").filter(|t| t.is_object()) else {
            if !self.calls.contains_key(&key) {
                self.uncounted.insert(key);
            }
            return;
        };
        let Some(at) = m
            .get("timestamp")
            .and_then(Value::as_str)
            .and_then(parse_rfc3339)
        else {
            return self.out.skip("a model message with no readable timestamp");
        };
        let input = super::needed_count(Some(t), "input");
        let cached = num(t.get("cached")).min(input);
        let thoughts = num(t.get("thoughts"));
        let tokens = Tokens {
            uncached_input: input - cached + num(t.get("tool")),
            cache_read: cached,
            output: super::needed_count(Some(t), "output") + thoughts,
            reasoning: thoughts,
            ..Tokens::default()
        };
        let model = m
            .get("model")
            .and_then(Value::as_str)
            .and_then(|n| self.out.model(n));
        let record = UsageRecord {
            start: at,
            end: at,
            model,
            keys: Default::default(),
            requests: Some(1.0),
            tokens,
            batch: Some(false),
        };
        self.uncounted.remove(&key);
        match self.calls.get(&key).filter(|_| !id.is_empty()) {
            // Written again (with its counts, or changed): the last writing counts.
            Some(&i) => self.out.records[i as usize] = record,
            None => {
                if !id.is_empty() {
                    self.calls.insert(key, self.out.records.len() as u32);
                }
                self.out.records.push(record);
            }
        }
    }

    fn stream(&mut self, v: &Value) {
        let at = v
            .get("timestamp")
            .and_then(Value::as_str)
            .and_then(parse_rfc3339);
        if v.get("type").and_then(Value::as_str) == Some("init") {
            self.cut_off += usize::from(self.run_start.is_some() || self.run_model.is_some());
            self.run_model = v.get("model").and_then(Value::as_str).map(str::to_string);
            self.run_start = at;
            return;
        }
        let Some(s) = v.get("stats") else { return };
        let Some(end) = at else {
            return self.out.skip("a run's totals with no readable timestamp");
        };
        let total = super::needed_count(Some(s), "input_tokens");
        let cached = num(s.get("cached")).min(total);
        let output = super::needed_count(Some(s), "output_tokens");
        // total_tokens counts the reasoning beside input and output.
        let thoughts = (num(s.get("total_tokens")) - total - output).max(0.0);
        let model = self.run_model.take();
        let model = model.as_deref().and_then(|m| self.out.model(m));
        let start = self.run_start.take().filter(|&t| t <= end).unwrap_or(end);
        self.runs += 1;
        self.errored += usize::from(v.get("status").and_then(Value::as_str) == Some("error"));
        self.out.records.push(UsageRecord {
            start,
            end,
            model,
            keys: Default::default(),
            requests: None,
            tokens: Tokens {
                uncached_input: total - cached,
                cache_read: cached,
                output: output + thoughts,
                reasoning: thoughts,
                ..Tokens::default()
            },
            batch: Some(false),
        });
    }

    pub fn finish(self) -> Result<UsageImport, String> {
        let cut_off =
            self.cut_off + usize::from(self.run_start.is_some() || self.run_model.is_some());
        let mut out = self.out;
        for _ in 0..self.uncounted.len() {
            out.skip("a model message never written with its token counts (a call cut off, or its counts not come back)");
        }
        if out.records.is_empty() {
            return Err(format!("a Gemini CLI session with no API calls (no model message with tokens, and no run's totals){}", out.skipped_after()));
        }
        if self.runs > 0 || cut_off > 0 {
            out.note(format!(
                "a Gemini CLI run log (stream-json): {} run(s) read from their totals (the `result` line), which do not count the API calls; the reasoning is the run's total tokens less its input and output. Its own session file (~/.gemini/tmp/<project>/chats/) counts each call",
                self.runs
            ));
        }
        if self.errored > 0 {
            out.note(format!(
                "{} run(s) ended in an error (their `result` says so): the tokens they had spent are counted",
                self.errored
            ));
        }
        if cut_off > 0 {
            out.note(format!(
                "{cut_off} run(s) of this log began (an `init` line) but have no `result` line (cut off, or still running): their tokens are not known from this log and are not counted"
            ));
        } else {
            out.note("Gemini CLI's input counts its cached part (kept apart here as cache reads) and its tool-use prompt; its thoughts are counted as output, as they are billed");
        }
        out.note("Gemini CLI writes no cost, and does not say whether the session ran on an API key, Vertex AI or a Google account's free or paid plan");
        Ok(out)
    }
}
