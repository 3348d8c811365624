//! Does a measured run fit the configuration it is attached to? Model, precision, GPU and
//! GPUs per replica are compared with what the run's file says; every mismatch, and
//! every fact the file does not state, becomes one sentence for the editor to show. A
//! run is never scaled silently: the sentences say what the number measured.

use super::Run;
use crate::scenario::Choice;
use crate::scenario::{GpuConfig, Precision, Scenario};

/// Lowercase, without the organisation prefix (`meta-llama/`), spaces, dashes or
/// underscores: "meta-llama/Llama-3.1-70B-Instruct" -> "llama3.170binstruct".
fn squeeze(s: &str) -> String {
    let base = s.rsplit('/').next().unwrap_or(s);
    base.chars()
        .filter(|c| !matches!(c, ' ' | '-' | '_'))
        .flat_map(char::to_lowercase)
        .collect()
}

/// Every word of `name` ("Llama 3.1 70B") occurs in the squeezed `measured`.
fn names(measured: &str, name: &str) -> bool {
    let m = squeeze(measured);
    name.split_whitespace()
        .map(|w| w.to_lowercase())
        .all(|w| m.contains(&w))
}

/// The precision a model or label names, if any.
fn stated_precision(text: &str) -> Option<Precision> {
    let t = text.to_lowercase();
    if t.contains("fp8") {
        Some(Precision::Fp8)
    } else if t.contains("int8") || t.contains("w8a8") {
        Some(Precision::Int8)
    } else if ["int4", "awq", "gptq", "q4_", "q4k", "4bit", "w4a16"]
        .iter()
        .any(|k| t.contains(k))
    {
        Some(Precision::Q4)
    } else if t.contains("bf16") || t.contains("fp16") || t.contains("f16") {
        Some(Precision::Bf16)
    } else {
        None
    }
}

/// Most GPUs one replica of a run can have: a count a file states above it is not read
/// as one, and a scenario refuses more.
pub const MAX_RUN_GPUS: u32 = 1024;

/// GPUs a hardware text names: "8x H100", "8 x H100", "H100 x8", "H100x8", "tp=8", "TP8",
/// "8 GPUs". A model number is not a count: the "x" of "RTX 4090" or "RTX4090" follows
/// a letter, so its digits name the card.
fn stated_gpus(text: &str) -> Option<u32> {
    gpus_in(text).filter(|n| (1..=MAX_RUN_GPUS).contains(n))
}

fn gpus_in(text: &str) -> Option<u32> {
    let t = text.to_lowercase();
    let b = t.as_bytes();
    let at = |i: usize, f: fn(&u8) -> bool| b.get(i).is_some_and(f);
    // The whole number starting at `i` (after spaces and one '='), with where it ends.
    let number_from = |mut i: usize| -> Option<(u32, usize)> {
        while at(i, |c| *c == b' ' || *c == b'=') {
            i += 1;
        }
        let start = i;
        while at(i, u8::is_ascii_digit) {
            i += 1;
        }
        let n = t[start..i].parse().ok()?;
        (n > 0).then_some((n, i))
    };
    // The whole number ending just before `i` (before spaces), if a word starts it.
    let number_before = |mut i: usize| -> Option<u32> {
        while i > 0 && b[i - 1] == b' ' {
            i -= 1;
        }
        let end = i;
        while i > 0 && b[i - 1].is_ascii_digit() {
            i -= 1;
        }
        if i == end || (i > 0 && b[i - 1].is_ascii_alphabetic()) {
            return None;
        }
        t[i..end].parse().ok().filter(|n| *n > 0)
    };
    let word_start = |i: usize| i == 0 || !b[i - 1].is_ascii_alphanumeric();
    for (i, _) in t.match_indices("tp") {
        if word_start(i) {
            if let Some((n, _)) = number_from(i + 2) {
                return Some(n);
            }
        }
    }
    // "4 GPUs", "1 GPU"; not "GTX 980 GPU" (a card, then the word).
    for (i, _) in t.match_indices("gpu") {
        if let Some(n) = number_before(i).filter(|n| *n == 1 || t[i..].starts_with("gpus")) {
            return Some(n);
        }
    }
    for (i, _) in t.match_indices('x') {
        // "8x h100", "8 x h100": a count, then a name; not "7900 xtx" (a space before the
        // "x" needs one after it).
        let mut j = i + 1;
        while at(j, |c| *c == b' ') {
            j += 1;
        }
        let spaced_before = i > 0 && b[i - 1] == b' ';
        if at(j, u8::is_ascii_alphabetic) && (!spaced_before || j > i + 1) {
            if let Some(n) = number_before(i) {
                return Some(n);
            }
        }
        // "h100 x8", "h100x8": a name's digits or a space, then the count; not the "x"
        // inside a word such as "rtx 4090".
        let after_name = i > 0 && (b[i - 1] == b' ' || b[i - 1].is_ascii_digit());
        if after_name && !at(i + 1, u8::is_ascii_alphabetic) {
            if let Some((n, end)) = number_from(i + 1) {
                if !at(end, u8::is_ascii_alphanumeric) {
                    return Some(n);
                }
            }
        }
    }
    None
}

/// The short code a GPU is known by in benchmark files: the first part of its id that
/// holds a digit ("h100-sxm" -> "h100", "rtx-4090" -> "4090").
fn gpu_code(gpu_id: &str) -> Option<String> {
    gpu_id
        .split('-')
        .find(|p| p.chars().any(|c| c.is_ascii_digit()))
        .map(str::to_lowercase)
}

/// The words of a hardware text, lowercase, without a count stuck to them: "2x
/// A100-SXM4-80GB" -> ["a100", "sxm4", "80gb"], "8xH100" -> ["h100"], "H100x8" -> ["h100"].
fn hw_tokens(text: &str) -> Vec<String> {
    text.to_lowercase()
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|t| !t.is_empty())
        .map(|t| {
            let t = match t.find('x') {
                Some(i) if i > 0 && t[..i].chars().all(|c| c.is_ascii_digit()) => &t[i + 1..],
                _ => t,
            };
            match t.rfind('x') {
                Some(i) if i + 1 < t.len() && t[i + 1..].chars().all(|c| c.is_ascii_digit()) => {
                    &t[..i]
                }
                _ => t,
            }
            .to_string()
        })
        .filter(|t| !t.is_empty())
        .collect()
}

/// How well a hardware text names GPU `id`: `None` unless its code is one of the words
/// (so "l4" is not found in "L40S"); then 1 + each other part of the id a word starts
/// with ("h100-sxm" scores 2 on "H100 SXM5", 1 on "H100 80GB").
fn gpu_score(tokens: &[String], id: &str) -> Option<usize> {
    let code = gpu_code(id)?;
    tokens.contains(&code).then(|| {
        1 + id
            .split('-')
            .map(str::to_lowercase)
            .filter(|p| *p != code)
            .filter(|p| tokens.iter().any(|t| t.starts_with(p.as_str())))
            .count()
    })
}

/// How closely `run` measured `config`: 2 when it names the configuration's model
/// and its GPU, 1 its model only, 0 neither (or no model). A list of runs to pick from
/// puts the closest first.
pub fn closeness(run: &Run, config: &GpuConfig) -> u8 {
    let model_name = crate::catalog::model(&config.model)
        .map(|m| m.name.to_string())
        .unwrap_or_else(|| config.model.clone());
    if !run.model.as_deref().is_some_and(|m| names(m, &model_name)) {
        return 0;
    }
    let gpu = run
        .hardware
        .as_deref()
        .is_some_and(|h| gpu_score(&hw_tokens(h), &config.gpu).is_some());
    1 + u8::from(gpu)
}

/// One sentence per way `run` may not measure `config` of `s`.
pub fn mismatches(run: &Run, s: &Scenario, config: &GpuConfig) -> Vec<String> {
    mismatches_at(run, (run.concurrency, run.little_in_flight()), s, config)
}

/// [`mismatches`] with the run's load given as (stated, worked out by Little's law): what
/// an attachment recorded of a run no longer at hand.
pub fn mismatches_at(
    run: &Run,
    (stated, worked_out): (Option<f64>, Option<f64>),
    s: &Scenario,
    config: &GpuConfig,
) -> Vec<String> {
    let mut out = Vec::new();
    let model_name = crate::catalog::model(&config.model)
        .map(|m| m.name.to_string())
        .unwrap_or_else(|| config.model.clone());
    match &run.model {
        None => out.push(format!(
            "The run does not name its model: check that it measured {model_name}."
        )),
        Some(m) if run.model_from_name && !names(m, &model_name) => out.push(format!(
            "The file names no model, but its name says {m}; this configuration serves {model_name}. If the name is right, its throughput is another model's."
        )),
        Some(m) if !names(m, &model_name) => out.push(format!(
            "The run measured {m}; this configuration serves {model_name}. Its throughput is another model's."
        )),
        Some(m) if run.model_from_name => out.push(format!(
            "The file names no model; its name says {m}: check that it measured it."
        )),
        Some(_) => {}
    }
    let said = [
        run.model.as_deref(),
        Some(run.label.as_str()),
        run.hardware.as_deref(),
    ]
    .into_iter()
    .flatten()
    .find_map(stated_precision);
    match said {
        Some(p) if p != config.precision => out.push(format!(
            "The run names {} weights; this configuration uses {}.",
            p.as_str(),
            config.precision.as_str()
        )),
        Some(_) => {}
        None => out.push(format!(
            "The run does not state its precision: it is taken as {}.",
            config.precision.as_str()
        )),
    }
    let name_of = |id: &str| {
        crate::catalog::gpu_in(s, id).map_or_else(|| id.to_string(), |g| g.name.to_string())
    };
    let gpu_name = name_of(&config.gpu);
    // The hardware the run is taken as measured on: as given with the attachment, else
    // the configuration's.
    let (given_gpu, given_n) = match &config.throughput {
        crate::scenario::ThroughputSource::Benchmark {
            run_gpu, run_gpus, ..
        } => (run_gpu.clone(), *run_gpus),
        _ => (None, None),
    };
    let run_gpu = given_gpu.unwrap_or_else(|| config.gpu.clone());
    let run_n = given_n.unwrap_or(config.gpus_per_replica);
    let run_hw = format!("{run_n}x {}", name_of(&run_gpu));
    match (&run.hardware, gpu_code(&run_gpu)) {
        (None, _) => out.push(format!(
            "The run does not record its hardware: it is taken as measured on {run_hw} (the configuration's \u{201c}Run's GPU\u{201d}, which whoever edits the scenario can change)."
        )),
        (Some(h), Some(_)) if gpu_score(&hw_tokens(h), &run_gpu).is_none() => out.push(format!(
            "The file names the hardware {h}, but the run is taken as measured on {run_hw} (the configuration's \u{201c}Run's GPU\u{201d}, which whoever edits the scenario can set to the one it names)."
        )),
        _ => {}
    }
    let file_n = [run.hardware.as_deref(), Some(run.label.as_str())]
        .into_iter()
        .flatten()
        .find_map(stated_gpus);
    if let Some(n) = file_n.filter(|n| *n != run_n) {
        out.push(format!(
            "The file says {n} GPUs per replica, but the run is taken as measured on {run_n} (the configuration's \u{201c}Run's GPUs per replica\u{201d}, which whoever edits the scenario can change)."
        ));
    }
    if run_gpu != config.gpu || run_n != config.gpus_per_replica {
        out.push(format!(
            "The run was measured on {run_hw}; this configuration runs {}x {gpu_name}. Its throughput is scaled by the estimator's ratio: an estimate from a measurement.",
            config.gpus_per_replica
        ));
    }
    if stated.is_none() {
        out.push(match worked_out {
            Some(n) => format!(
                "The run does not state its concurrency; its rate and mean end-to-end latency put about {} requests in flight (Little's law). Throughput is used as measured at that load.",
                crate::fmt_num(n.round().max(1.0))
            ),
            None => "The run does not say how many requests were in flight, nor give the rate and latency to work it out: whether its load matches yours is unknown."
                .into(),
        });
    }
    out
}

/// The run's hardware as its file states it, where it differs from `config`'s: a GPU
/// of the catalog (or the scenario's custom GPUs) whose code the hardware text names,
/// and the GPUs per replica the text or label names. What is attached starts from these;
/// the user may change them.
pub fn stated_hardware(
    run: &Run,
    s: &Scenario,
    config: &GpuConfig,
) -> (Option<String>, Option<u32>) {
    let n = [run.hardware.as_deref(), Some(run.label.as_str())]
        .into_iter()
        .flatten()
        .find_map(stated_gpus)
        .filter(|n| *n != config.gpus_per_replica);
    // The best-named GPU of the catalog and the scenario's custom ones; nothing when the
    // configuration's own GPU is among the best, or when two GPUs tie (an "H100" that
    // may be PCIe or SXM): the user is asked instead of being given a guess.
    let gpu = run.hardware.as_deref().and_then(|h| {
        let tokens = hw_tokens(h);
        let scored: Vec<(usize, &str)> = crate::catalog::GPUS
            .iter()
            .map(|g| g.id.as_ref())
            .chain(s.custom_gpus.iter().map(|g| g.id.as_ref()))
            .filter_map(|id: &str| gpu_score(&tokens, id).map(|k| (k, id)))
            .collect();
        let best = scored.iter().map(|(k, _)| *k).max()?;
        let top: Vec<&str> = scored
            .iter()
            .filter(|(k, _)| *k == best)
            .map(|(_, id)| *id)
            .collect();
        match top.as_slice() {
            [only] if *only != config.gpu => Some(only.to_string()),
            _ => None,
        }
    });
    (gpu, n)
}

#[cfg(test)]
#[path = "fit_tests.rs"]
mod tests;
