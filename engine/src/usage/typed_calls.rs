//! Calls a month typed for a group whose file counts no requests (Anthropic's usage
//! report, the Console's usage export): the file's tokens over those calls give the
//! tokens per call, and every other field is measured as usual. The calls keep the
//! import's bookkeeping (a later import of the same traffic follows them, a number typed
//! over them in the editor stays) with a source that says they were typed with it, never
//! that the file measured them.

use super::file::{GroupTask, UsageFile};
use super::summary::GroupSummary;
use super::workload::{task_type, MeasuredTask};
use crate::scenario::paths::task as p;
use std::collections::BTreeMap;

use crate::scenario::TYPED_WITH_IMPORT;

/// At most this many typed counts in one request (a file holds at most
/// `super::MAX_GROUPS` groups; several files are read together).
pub const MAX_TYPED: usize = 500;
/// Calls a month a scenario takes (as the form's validator does).
const MAX_CALLS: f64 = 1e12;
const DAYS_PER_MONTH: f64 = 30.4375;
/// Input tokens a call can hold: above the largest context window offered (2M).
const MAX_INPUT_PER_CALL: f64 = 2e6;

/// The key a typed count is sent under: the group as the workload lists it unavailable
/// (`model (file name)`).
pub fn key(group: &str, file_name: &str) -> String {
    format!("{group} ({file_name})")
}

/// Whether a group's calls can be typed: its file counts no requests, and it has tokens
/// to spread over them.
pub fn typable(g: &GroupSummary) -> bool {
    g.requests.is_none() && g.tokens.output > 0.0 && g.days > 0.0
}

/// The group's task type from `calls_per_month` typed by the user.
pub fn task_type_typed(
    g: &GroupSummary,
    file: &str,
    calls_per_month: f64,
) -> Result<MeasuredTask, String> {
    if !calls_per_month.is_finite() || calls_per_month < 1.0 {
        return Err(format!(
            "calls a month typed as {}: type a whole number of calls, at least 1",
            crate::fmt_num(calls_per_month)
        ));
    }
    if calls_per_month > MAX_CALLS {
        return Err(format!(
            "calls a month typed as {}: more than the {} a scenario takes",
            crate::fmt_num(calls_per_month),
            crate::fmt_num(MAX_CALLS)
        ));
    }
    let calls_per_month = calls_per_month.round();
    let requests = calls_per_month * g.days / DAYS_PER_MONTH;
    // A count far below the file's traffic makes calls no model could take.
    let input = g.tokens.input_total() / requests;
    if input > MAX_INPUT_PER_CALL {
        return Err(format!(
            "calls a month typed as {}: the file's {} input tokens over {} calls would be {} tokens a call, more than any model's context ({}): type the calls the file's {:.1} days really had, as a month's",
            crate::fmt_num(calls_per_month),
            crate::fmt_num(g.tokens.input_total()),
            crate::fmt_num(requests),
            crate::fmt_num(input.round()),
            crate::fmt_num(MAX_INPUT_PER_CALL),
            g.days
        ));
    }
    let mut s = g.clone();
    s.requests = Some(requests);
    s.calls_per_month = Some(calls_per_month);
    s.input_per_call = Some(g.tokens.input_total() / requests);
    s.output_per_call = Some(g.tokens.output / requests);
    let mut t = task_type(&s, file)?;
    let typed = format!(
        "{TYPED_WITH_IMPORT}{} calls a month (the file counts no requests; {file})",
        crate::fmt_num(calls_per_month)
    );
    let over = format!(
        "over the typed {} calls a month ({:.2} days: {} calls)",
        crate::fmt_num(calls_per_month),
        g.days,
        crate::fmt_num(requests.round())
    );
    for m in &mut t.task_type.measured {
        if m.field == p::CALLS_PER_MONTH {
            m.source = typed.chars().take(500).collect();
        }
        if m.field == p::INPUT_TOKENS || m.field == p::OUTPUT_TOKENS {
            let what = if m.field == p::INPUT_TOKENS {
                "input"
            } else {
                "output"
            };
            m.source = format!("measured: the file's {what} tokens {over}")
                .chars()
                .take(500)
                .collect();
        }
    }
    for (field, source) in &mut t.provenance {
        if let Some(m) = t.task_type.measured.iter().find(|m| &m.field == field) {
            *source = m.source.clone();
        }
    }
    Ok(t)
}

/// Each unavailable group of `files` whose calls the user typed, as a task type with its
/// file's name (or, for a count that cannot be used, unavailable with the reason); the
/// others as they were. Typed counts for groups not among them are left out, and said in
/// `notes`.
/// `files` are each with the label the workload names it by (its name, numbered where
/// two files read together share one). The keys of typed counts no group took are in
/// `left_out`.
pub fn apply(
    files: &[(&UsageFile, String)],
    unavailable: Vec<GroupTask>,
    typed: &BTreeMap<String, f64>,
    notes: &mut Vec<String>,
    left_out: &mut Vec<String>,
) -> (Vec<(String, MeasuredTask)>, Vec<GroupTask>) {
    let mut tasks = Vec::new();
    let mut left = Vec::new();
    let mut used = Vec::new();
    for mut u in unavailable {
        let found = files.iter().find_map(|(f, label)| {
            f.groups
                .iter()
                .find(|g| key(&g.group, label) == u.group)
                .map(|g| (label, g))
        });
        let Some((f, g)) = found.filter(|(_, g)| typable(g)) else {
            left.push(u);
            continue;
        };
        u.calls_typable = true;
        match typed.get(&u.group) {
            None => left.push(u),
            Some(c) => {
                used.push(u.group.clone());
                match task_type_typed(g, f, *c) {
                    Ok(t) => tasks.push((f.clone(), t)),
                    Err(why) => {
                        u.unavailable = Some(why);
                        u.typed_calls = Some(*c);
                        left.push(u);
                    }
                }
            }
        }
    }
    left_out.extend(typed.keys().filter(|k| !used.contains(k)).cloned());
    if !left_out.is_empty() {
        let n = left_out.len();
        notes.push(format!(
            "{n} typed count{} of calls left out: no group of the files read that asks for calls names {}",
            if n == 1 { "" } else { "s" },
            if n == 1 { "it" } else { "them" }
        ));
    }
    (tasks, left)
}
