//! Ollama: `/api/generate` and `/api/chat` responses (whole or streamed, also inside a
//! markdown fence or a test-recorder envelope) and `ollama run --verbose` timing blocks
//! (s.9 of `engine/tests/bench-samples/FORMATS.md`).

use super::common::{response_bodies, wrong_format};
use super::lean::{parse_number, Lean};
use super::text_model;
use super::units::go_duration;
use super::{Format, ImportError, Run, Stat};

pub(super) fn read_api(values: &[Lean]) -> Result<Vec<Run>, ImportError> {
    // A stream's metrics are on its final object; plain JSON lines of whole responses each count.
    let mut runs = Vec::new();
    for (items, model) in response_bodies(values) {
        for f in items.iter().filter(|i| {
            i.n("eval_count").is_some()
                || i.n("total_duration").is_some()
                || i.n("prompt_eval_count").is_some()
        }) {
            runs.push(ollama_metrics(f, model.clone()));
        }
    }
    if runs.is_empty() {
        return Err(wrong_format(Format::OllamaApi, "no eval_count, eval_duration or total_duration in any response (an unfinished stream?)"));
    }
    Ok(runs)
}

/// s.9: Ollama API response; durations are integer nanoseconds.
fn ollama_metrics(v: &Lean, model: Option<String>) -> Run {
    let eval_count = v.n("eval_count");
    let eval_ns = v.n("eval_duration");
    let prompt_ns = v.n("prompt_eval_duration");
    let load_ns = v.n("load_duration");
    let mut notes = Vec::new();
    let rate = match (eval_count, eval_ns) {
        (Some(c), Some(d)) if d > 0.0 => Some(c / d * 1e9),
        _ => {
            notes.push(
                "no eval_duration (ollama.com cloud responses omit it), so no tokens/s".to_string(),
            );
            None
        }
    };
    let ttft = match (load_ns, prompt_ns) {
        (None, None) => None,
        (l, p) => {
            notes.push("TTFT approximated as load + prompt evaluation time".to_string());
            Some((l.unwrap_or(0.0) + p.unwrap_or(0.0)) / 1e6)
        }
    };
    Run {
        label: v.s("created_at").unwrap_or_else(|| "response".into()),
        model: v.s("model").or(model),
        concurrency: Some(1.0),
        input_tokens: v.n("prompt_eval_count"),
        output_tokens: eval_count,
        output_tokens_per_s: rate,
        duration_s: v.n("total_duration").map(|ns| ns / 1e9),
        e2e_ms: Stat {
            mean: v.n("total_duration").map(|ns| ns / 1e6),
            ..Stat::default()
        },
        ttft_ms: Stat {
            mean: ttft,
            ..Stat::default()
        },
        tpot_ms: Stat {
            mean: match (eval_count, eval_ns) {
                (Some(c), Some(d)) if c > 0.0 => Some(d / c / 1e6),
                _ => None,
            },
            ..Stat::default()
        },
        completed: Some(u64::from(eval_count != Some(0.0))),
        failed: (eval_count == Some(0.0)).then_some(1),
        errors: if eval_count == Some(0.0) {
            vec![format!(
                "the response has eval_count 0: no output token was generated{}",
                v.s("done_reason")
                    .map(|r| format!(" (done_reason: {r})"))
                    .unwrap_or_default()
            )]
        } else {
            Vec::new()
        },
        notes,
        ..Run::default()
    }
}

const VERBOSE_KEYS: [&str; 8] = [
    "total duration",
    "load duration",
    "prompt eval count",
    "prompt eval duration",
    "prompt eval rate",
    "eval count",
    "eval duration",
    "eval rate",
];

/// s.9 `ollama run --verbose`, possibly several blocks and `ollama ps` output, also
/// from a terminal capture (escape codes are removed before this reads it). A line
/// naming the model (`model_name = ...`, `ollama run X`) applies to the blocks after it.
pub(super) fn read_verbose(text: &str) -> Result<Vec<Run>, ImportError> {
    let mut runs = Vec::new();
    let mut model: Option<String> = None;
    let mut hardware: Option<String> = None;
    let mut cur: Vec<(String, String)> = Vec::new();
    let flush = |cur: &mut Vec<(String, String)>,
                 runs: &mut Vec<Run>,
                 model: &Option<String>,
                 hardware: &Option<String>| {
        if cur.is_empty() {
            return;
        }
        let get = |k: &str| cur.iter().find(|(key, _)| key == k).map(|(_, v)| v.clone());
        let count =
            |k: &str| get(k).and_then(|v| parse_number(v.split_whitespace().next().unwrap_or("")));
        let dur = |k: &str| get(k).and_then(|v| go_duration(&v));
        let eval_count = count("eval count");
        let eval_s = dur("eval duration");
        let (rate, mut notes) = match (eval_count, eval_s) {
            (Some(c), Some(d)) if d > 0.0 => (
                Some(c / d),
                vec!["eval rate = eval count / eval duration".to_string()],
            ),
            _ => (
                get("eval rate")
                    .and_then(|v| parse_number(v.split_whitespace().next().unwrap_or(""))),
                vec![
                    "the eval rate as Ollama printed it (no eval count and duration here)"
                        .to_string(),
                ],
            ),
        };
        let load = dur("load duration");
        let prompt = dur("prompt eval duration");
        if load.is_some() || prompt.is_some() {
            notes.push("TTFT approximated as load + prompt evaluation time".into());
        }
        if get("prompt eval rate").is_some() && prompt.is_none() {
            notes.push("the prompt eval rate (prefill speed) is shown by Ollama but not kept: no TTFT follows from it without the prompt's length".into());
        }
        runs.push(Run {
            label: format!("run {}", runs.len() + 1),
            model: model.clone(),
            hardware: hardware.clone(),
            concurrency: Some(1.0),
            input_tokens: count("prompt eval count"),
            output_tokens: eval_count,
            output_tokens_per_s: rate,
            duration_s: dur("total duration"),
            e2e_ms: Stat {
                mean: dur("total duration").map(|s| s * 1000.0),
                ..Stat::default()
            },
            ttft_ms: Stat {
                mean: (load.is_some() || prompt.is_some())
                    .then(|| (load.unwrap_or(0.0) + prompt.unwrap_or(0.0)) * 1000.0),
                ..Stat::default()
            },
            tpot_ms: Stat {
                mean: rate.filter(|r| *r > 0.0).map(|r| 1000.0 / r),
                ..Stat::default()
            },
            completed: Some(1),
            notes,
            ..Run::default()
        });
        cur.clear();
    };
    let mut ps_header = false;
    for line in text.lines() {
        let t = line.trim();
        if t.starts_with("NAME") && t.contains("PROCESSOR") {
            ps_header = true;
            continue;
        }
        if ps_header {
            ps_header = false;
            let cols: Vec<&str> = t.split_whitespace().collect();
            if let Some(m) = cols.first() {
                model = Some((*m).to_string());
            }
            if let Some(i) = cols
                .iter()
                .position(|c| *c == "GPU" || *c == "CPU" || c.contains("GPU"))
            {
                hardware = Some(
                    format!(
                        "{} {} (from ollama ps)",
                        cols.get(i.wrapping_sub(1)).unwrap_or(&""),
                        cols[i]
                    )
                    .trim()
                    .to_string(),
                );
            }
            continue;
        }
        if let Some(m) = text_model::models_in_text(t).pop() {
            if model.as_ref() != Some(&m) {
                flush(&mut cur, &mut runs, &model, &hardware);
                model = Some(m);
            }
            continue;
        }
        if let Some((k, v)) = t.split_once(':') {
            // The key may follow a prompt or spinner left on the line ("⠙ >>> eval rate").
            let k = k.trim().to_ascii_lowercase();
            let Some(key) = VERBOSE_KEYS
                .iter()
                .filter(|key| {
                    // Only spinner and prompt characters may come before the key: "The
                    // total duration: 3 hours" in an answer is prose.
                    k.strip_suffix(**key)
                        .is_some_and(|head| !head.chars().any(char::is_alphanumeric))
                })
                .max_by_key(|key| key.len())
            else {
                continue;
            };
            // A new block starts at "total duration", or when a key comes again.
            if *key == "total duration" || cur.iter().any(|(seen, _)| seen == key) {
                flush(&mut cur, &mut runs, &model, &hardware);
            }
            cur.push((key.to_string(), v.trim().to_string()));
        }
    }
    flush(&mut cur, &mut runs, &model, &hardware);
    if runs.is_empty() {
        return Err(wrong_format(
            Format::OllamaVerbose,
            "no \"eval count\" / \"eval rate\" lines",
        ));
    }
    Ok(runs)
}
