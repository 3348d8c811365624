//! OpenAI Codex session logs (`~/.codex/sessions/YYYY/MM/DD/rollout-*.jsonl`): one
//! `{timestamp, type, payload}` line each. An API call is an `event_msg` whose payload is
//! a `token_count` with `info`: `last_token_usage` is that call's counts and
//! `total_token_usage` the session's so far. Codex writes the same count again at times
//! (the session total unchanged): counted once. The model is the last `turn_context`'s.
//! Counts follow OpenAI's Responses API: the input includes its cached part and the output
//! its reasoning.

use super::{time::parse_rfc3339, Tokens, UsageFormat, UsageImport, UsageRecord};
use serde_json::Value;

const LINE_TYPES: [&str; 6] = [
    "session_meta",
    "turn_context",
    "event_msg",
    "response_item",
    "compacted",
    "world_state",
];

/// A line of a Codex rollout, by its fields.
pub(super) fn is_line(v: &Value) -> bool {
    v.get("type")
        .and_then(Value::as_str)
        .is_some_and(|t| LINE_TYPES.contains(&t))
        && v.get("payload").is_some_and(Value::is_object)
        && v.get("timestamp").is_some()
}

fn num(v: Option<&Value>) -> f64 {
    super::count_of(v)
}

/// A session (or several files of sessions, one after another) being read.
pub(super) struct Session {
    out: UsageImport,
    model: Option<String>,
    /// The session total after the last call counted: a count written again is not a call.
    total: Option<f64>,
    repeated: usize,
}

impl Session {
    pub fn new() -> Session {
        Session {
            out: UsageImport::new(UsageFormat::CodexCli),
            model: None,
            total: None,
            repeated: 0,
        }
    }

    pub fn skip(&mut self, why: &str) {
        self.out.skip(why);
    }

    pub fn push(&mut self, v: &Value) {
        let payload = v.get("payload").unwrap_or(&Value::Null);
        match v.get("type").and_then(Value::as_str) {
            // A new session (a file joined after another): its totals start again.
            Some("session_meta") => {
                self.total = None;
                self.model = None;
            }
            Some("turn_context") => {
                if let Some(m) = payload.get("model").and_then(Value::as_str) {
                    self.model = Some(m.to_string());
                }
            }
            Some("event_msg")
                if payload.get("type").and_then(Value::as_str) == Some("token_count") =>
            {
                self.count(v, payload)
            }
            Some(t) if LINE_TYPES.contains(&t) => {}
            _ => self.out.skip("a line that is not a Codex session's"),
        }
    }

    fn count(&mut self, v: &Value, payload: &Value) {
        let Some(info) = payload.get("info").filter(|i| i.is_object()) else {
            // Written with only the rate limits, before any call of the turn.
            return;
        };
        let total = info
            .get("total_token_usage")
            .map(|t| num(t.get("total_tokens")));
        if total.is_some() && total == self.total {
            self.repeated += 1;
            return;
        }
        let Some(at) = v
            .get("timestamp")
            .and_then(Value::as_str)
            .and_then(parse_rfc3339)
        else {
            return self.out.skip("a token count with no readable timestamp");
        };
        let Some(u) = info.get("last_token_usage").filter(|l| l.is_object()) else {
            self.total = total;
            return self
                .out
                .skip("a token count without the call's own counts (no last_token_usage)");
        };
        self.total = total;
        let input = super::needed_count(Some(u), "input_tokens");
        let cached = num(u.get("cached_input_tokens")).min(input);
        let model = self.model.clone();
        let model = model.as_deref().and_then(|m| self.out.model(m));
        self.out.records.push(UsageRecord {
            start: at,
            end: at,
            model,
            keys: Default::default(),
            requests: Some(1.0),
            tokens: Tokens {
                uncached_input: input - cached,
                cache_read: cached,
                output: super::needed_count(Some(u), "output_tokens"),
                reasoning: num(u.get("reasoning_output_tokens")),
                ..Tokens::default()
            },
            batch: Some(false),
        });
    }

    pub fn finish(self) -> Result<UsageImport, String> {
        let mut out = self.out;
        if out.records.is_empty() {
            return Err(format!(
                "a Codex session with no API calls (no token_count event with the call's counts){}",
                out.skipped_after()
            ));
        }
        if self.repeated > 0 {
            out.note(format!(
                "{} token count(s) written again with the session total unchanged: each call counted once",
                self.repeated
            ));
        }
        out.note("Codex writes no cost, and does not say whether the session ran on an API key or a ChatGPT plan; its input counts its cached part and its output its reasoning, as OpenAI's API does");
        Ok(out)
    }
}
