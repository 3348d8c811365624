//! Claude Code session JSONL. Only `assistant` lines with `message.usage` are API
//! calls, and one call is written as several lines (one per content block) that repeat
//! its usage, except `output_tokens`, which grows: a call is one `message.id`, its input
//! and cache fields from any line, its output from the largest. `<synthetic>` lines are
//! made by the client, not the API. Several files of one session (sub-agents) are read
//! together, so a call in two files counts once. A call is timed by its first line.

use super::{time::parse_rfc3339, Tokens, UsageFormat, UsageImport, UsageRecord};
use serde_json::Value;
use std::collections::HashMap;
use std::hash::{BuildHasher, RandomState};

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
        let out = &mut self.out;
        let kind = v.get("type").and_then(Value::as_str).unwrap_or("");
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
        if let Some(&i) = self.calls.get(&hash) {
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
            out.skip("an API call line without an RFC 3339 timestamp");
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
            let why = out.skipped_text();
            return Err(format!(
                "a Claude Code session with no API calls (no assistant line with message.usage): {why}"
            ));
        }
        out.note("one API call is written as several lines: each call counted once (by message.id), its output tokens from its last line");
        if self.assumed_5m {
            out.note("cache writes without a 5m / 1h split (an older log) are counted as 5-minute writes: assumed");
        }
        out.note("Claude Code writes no cost, and does not say whether the session ran on an API key or a subscription");
        Ok(out)
    }
}
