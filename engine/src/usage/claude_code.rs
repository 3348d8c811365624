//! Claude Code session JSONL. Only `assistant` lines with `message.usage` are API
//! calls, and one call is written as several lines (one per content block) that repeat
//! its usage, except `output_tokens`, which grows: a call is one `message.id`, its input
//! and cache fields from any line, its output from the largest. `<synthetic>` lines are
//! made by the client, not the API. Several files of one session (sub-agents) are read
//! together, so a call in two files counts once. A call is timed by its first line.
//! A sub-agent's calls that the main session's log repeats in its `agent_progress` lines
//! are read from there too (by the same ids, once). A call whose lines all keep the count
//! from the start of its reply (Claude Code 2.1 writes no closing line) has its output
//! estimated from the reply's length, and said.

use super::{time::parse_rfc3339, Tokens, UsageFormat, UsageImport, UsageRecord};
use serde_json::Value;
use std::collections::HashMap;
use std::hash::{BuildHasher, RandomState};

/// Why an API call line is skipped when it has no time.
const UNTIMED: &str = "an API call line without an RFC 3339 timestamp";

const EVENT_TYPES: [&str; 8] = [
    "assistant",
    "user",
    "system",
    "summary",
    "file-history-snapshot",
    "queue-operation",
    "progress",
    "attachment",
];

pub(super) fn is_event(v: &Value) -> bool {
    v.get("type")
        .and_then(Value::as_str)
        .is_some_and(|t| EVENT_TYPES.contains(&t))
        && (v.get("sessionId").is_some() || v.get("uuid").is_some() || v.get("messageId").is_some())
}

fn num(v: Option<&Value>) -> f64 {
    super::count_of(v)
}

/// A session being read, one event at a time.
pub(super) struct Session {
    out: UsageImport,
    /// A keyed 64-bit hash of message.id -> index in out.records. A hash, not the id, so
    /// a log of millions of calls holds 12 bytes a call here; two ids of one file share
    /// a hash with odds of about n² / 2⁶⁵ (one in 400 million for 300,000 calls).
    calls: HashMap<u64, u32>,
    /// Server tool uses per call (by the hash above), the most any of its lines says:
    /// the lines of one call repeat its usage as it grows.
    tools: HashMap<u64, Vec<(String, f64)>>,
    ids: RandomState,
    /// Keyed hashes of the lines' `uuid`s: a line read twice (a resumed session, or a
    /// sub-agent's file, read as one log with the file it repeats) is said once.
    lines: std::collections::HashSet<u64>,
    assumed_5m: bool,
    /// The first timestamp met that does not read (said in a refusal).
    unread_time: Option<String>,
    /// Per record (by index): what its output count can be checked against.
    replies: Vec<Reply>,
}

/// What the lines of one call say of its reply, beside the usage.
#[derive(Clone, Copy, Default)]
struct Reply {
    /// The output count of its first line (the stream's start: 1 to a few tokens).
    first_output: f64,
    /// A line carried a `stop_reason`: the client wrote the closing count.
    closed: bool,
    /// Characters of the reply's text, thinking and tool calls, over its lines.
    chars: u64,
}

/// Characters of a reply a token stands for, in the estimate of an output the log did
/// not count. The 26 calls of a Claude Code 2.0 log that kept their closing count ran
/// 2.3 to 3.8 characters a token (`usage-samples/claude-code-jsonl`): 4 leans low.
const CHARS_PER_TOKEN: f64 = 4.0;

/// Characters of one line's reply: text, thinking, and a tool call's name and input.
fn reply_chars(msg: &Value) -> u64 {
    let blocks = msg.get("content").and_then(Value::as_array);
    let len = |s: Option<&str>| s.map_or(0, |s| s.chars().count() as u64);
    blocks
        .into_iter()
        .flatten()
        .map(|b| match b.get("type").and_then(Value::as_str) {
            Some("text") => len(b.get("text").and_then(Value::as_str)),
            Some("thinking") => len(b.get("thinking").and_then(Value::as_str)),
            Some("tool_use" | "server_tool_use") => {
                len(b.get("name").and_then(Value::as_str))
                    + b.get("input")
                        .map_or(0, |i| i.to_string().chars().count() as u64)
            }
            _ => 0,
        })
        .sum()
}

/// The call a main session's `agent_progress` line repeats from a sub-agent's log, as
/// that log writes it (a sub-agent's line, of the main line's session).
fn agent_call(v: &Value) -> Option<Value> {
    let data = v.get("data")?;
    if data.get("type").and_then(Value::as_str) != Some("agent_progress") {
        return None;
    }
    let mut inner = data.get("message")?.clone();
    if inner.get("type").and_then(Value::as_str) != Some("assistant") {
        return None;
    }
    let o = inner.as_object_mut()?;
    if let Some(s) = v.get("sessionId") {
        o.entry("sessionId").or_insert_with(|| s.clone());
    }
    o.insert("isSidechain".into(), Value::Bool(true));
    Some(inner)
}

impl Session {
    pub fn new() -> Session {
        Session {
            out: UsageImport::new(UsageFormat::ClaudeCode),
            calls: HashMap::new(),
            tools: HashMap::new(),
            ids: RandomState::new(),
            lines: std::collections::HashSet::new(),
            assumed_5m: false,
            unread_time: None,
            replies: Vec::new(),
        }
    }

    pub fn skip(&mut self, why: &str) {
        self.out.skip(why);
    }

    pub fn push(&mut self, v: &Value) {
        if let Some(uuid) = v.get("uuid").and_then(Value::as_str) {
            if !self.lines.insert(self.ids.hash_one(("line", uuid))) {
                self.out.skip("a line read before (its uuid repeats: a resumed session or another file of the session holds it): counted once");
                return;
            }
        }
        let kind = v.get("type").and_then(Value::as_str).unwrap_or("");
        if kind == "progress" {
            if let Some(call) = agent_call(v) {
                return self.push(&call);
            }
        }
        let out = &mut self.out;
        let msg = v.get("message");
        let usage = msg.and_then(|m| m.get("usage")).filter(|u| u.is_object());
        // A failed call (529 overloaded, a rate limit) is logged and retried: it carries
        // no usage and is not billed, and the import counts it as what it is.
        let api_error = v.get("isApiErrorMessage").and_then(Value::as_bool) == Some(true)
            || (kind == "system" && v.get("subtype").and_then(Value::as_str) == Some("api_error"));
        if api_error {
            out.skip("a failed API call the client logged (an API error such as 529 overloaded): not billed, no usage");
            return;
        }
        let (true, Some(msg), Some(u)) = (kind == "assistant", msg, usage) else {
            out.skip(
                "a line that is not an API call (user, system, snapshot, ... lines carry no usage)",
            );
            return;
        };
        let model = msg.get("model").and_then(Value::as_str).unwrap_or("");
        if model == "<synthetic>" {
            out.skip("a <synthetic> line made by the client, not an API call");
            return;
        }
        let Some(id) = msg
            .get("id")
            .and_then(Value::as_str)
            .or_else(|| v.get("requestId").and_then(Value::as_str))
        else {
            out.skip("an assistant line with neither message.id nor requestId");
            return;
        };
        let at = v
            .get("timestamp")
            .and_then(Value::as_str)
            .and_then(parse_rfc3339);
        let output = super::needed_count(Some(u), "output_tokens");
        // Thinking is billed as output and counted in it; this is the part it was.
        let reasoning = num(u.pointer("/output_tokens_details/thinking_tokens"));
        let hash = self.ids.hash_one(id);
        for (name, n) in super::billed_apart::server_tool_counts(u) {
            let call = self.tools.entry(hash).or_default();
            match call.iter_mut().find(|(t, _)| *t == name) {
                Some((_, m)) => *m = m.max(n),
                None => call.push((name, n)),
            }
        }
        let closed = msg.get("stop_reason").is_some_and(|s| !s.is_null());
        let chars = reply_chars(msg);
        if let Some(&i) = self.calls.get(&hash) {
            if let Some(reply) = self.replies.get_mut(i as usize) {
                reply.closed |= closed;
                reply.chars += chars;
            }
            let r = &mut out.records[i as usize];
            r.tokens.output = r.tokens.output.max(output);
            r.tokens.reasoning = r.tokens.reasoning.max(reasoning);
            if let Some(t) = at {
                r.start = r.start.min(t);
                r.end = r.start;
            }
            return;
        }
        let Some(at) = at else {
            // A time that is there but does not read is another file's way of writing
            // it (a converted log), not a stream without times: said apart.
            match v.get("timestamp").filter(|t| !t.is_null()) {
                None => out.skip(UNTIMED),
                Some(t) => {
                    let shown: String = t.to_string().chars().take(40).collect();
                    if self.unread_time.is_none() {
                        self.unread_time = Some(shown);
                    }
                    out.skip("an API call line whose timestamp does not read as RFC 3339 (2026-03-01T10:00:00Z)");
                }
            }
            return;
        };
        let writes = num(u.get("cache_creation_input_tokens"));
        let split = u.get("cache_creation").filter(|c| c.is_object());
        let w1h = num(split.and_then(|c| c.get("ephemeral_1h_input_tokens")));
        if split.is_none() && writes > 0.0 {
            self.assumed_5m = true;
        }
        let tokens = Tokens {
            uncached_input: num(u.get("input_tokens")),
            cache_read: num(u.get("cache_read_input_tokens")),
            cache_write_5m: (writes - w1h).max(0.0),
            cache_write_1h: w1h,
            output,
            reasoning,
            ..Tokens::default()
        };
        let tier = u.get("service_tier").and_then(Value::as_str);
        let session = v.get("sessionId").and_then(Value::as_str);
        let agent =
            (v.get("isSidechain").and_then(Value::as_bool) == Some(true)).then_some("sub-agent");
        let keys = out.keys(
            [
                ("service_tier", tier),
                ("session", session),
                ("agent", agent),
            ]
            .into_iter()
            .filter_map(|(k, v)| Some((k, v?))),
        );
        let Ok(index) = u32::try_from(out.records.len()) else {
            out.skip("a call past the four billionth of one file");
            return;
        };
        self.calls.insert(hash, index);
        self.replies.push(Reply {
            first_output: output,
            closed,
            chars,
        });
        let model = out.model(model);
        out.records.push(UsageRecord {
            start: at,
            end: at,
            model,
            keys,
            requests: Some(1.0),
            tokens,
            batch: Some(false),
        });
    }

    pub fn finish(self) -> Result<UsageImport, String> {
        let mut out = self.out;
        // Only calls that were counted (a call skipped for want of a time is not).
        let calls = &self.calls;
        let mut tools: Vec<&(String, f64)> = self
            .tools
            .iter()
            .filter(|(h, _)| calls.contains_key(h))
            .flat_map(|(_, t)| t)
            .collect();
        tools.sort_by(|a, b| a.0.cmp(&b.0));
        for (name, n) in tools {
            super::billed_apart::add_count(&mut out.server_tools, name, *n);
        }
        if out.records.is_empty() {
            let untimed = out
                .skipped
                .iter()
                .find(|(w, _)| w == UNTIMED)
                .map_or(0, |(_, n)| *n);
            // `claude -p --output-format stream-json` writes the calls without times.
            if untimed > 0 {
                return Err(format!(
                    "Claude Code's stream output (claude -p --output-format stream-json): its {untimed} API call lines carry no time, so no period and no calls a month can be measured; upload the session's own log instead, ~/.claude/projects/<project>/<session id>.jsonl, which holds the same calls with their times"
                ));
            }
            let why = out.skipped_text();
            if let Some(t) = &self.unread_time {
                return Err(format!(
                    "a Claude Code session whose times do not read (the first: {t}): its times must be RFC 3339, as Claude Code writes them (2026-03-01T10:00:00.000Z); {why}"
                ));
            }
            return Err(format!(
                "a Claude Code session with no API calls (no assistant line with message.usage): {why}"
            ));
        }
        out.note("one API call is written as several lines: each call counted once (by message.id), its output tokens from its last line");
        estimate_unclosed(&mut out, &self.replies);
        if self.assumed_5m {
            out.note("cache writes without a 5m / 1h split (an older log) are counted as 5-minute writes: assumed");
        }
        out.note("Claude Code writes no cost, and does not say whether the session ran on an API key or a subscription");
        Ok(out)
    }
}

/// Calls whose every line kept the count from the start of the reply, with no closing
/// line: their output is raised to an estimate from the reply's length, and said.
fn estimate_unclosed(out: &mut UsageImport, replies: &[Reply]) {
    let (mut calls, mut logged, mut estimated) = (0usize, 0.0, 0.0);
    for (r, reply) in out.records.iter_mut().zip(replies) {
        let guess = (reply.chars as f64 / CHARS_PER_TOKEN).round();
        if reply.closed || r.tokens.output > reply.first_output || guess <= r.tokens.output {
            continue;
        }
        calls += 1;
        logged += r.tokens.output;
        estimated += guess;
        r.tokens.output = guess;
    }
    if calls > 0 {
        let n = out.records.len();
        out.note(format!(
            "{calls} of {n} calls have no closing count in the log: every line of each keeps the count from the start of its reply (the client wrote no closing line for it; Claude Code 2.1 writes none), {} output tokens in all. Their output is estimated from the replies' length, {} characters a token: {} tokens. A log's calls that kept their count ran 2.3 to 3.8 characters a token, so the estimate leans low",
            crate::fmt::fmt_num(logged),
            CHARS_PER_TOKEN,
            crate::fmt::fmt_num(estimated)
        ));
    }
}
