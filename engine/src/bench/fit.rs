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

/// GPUs a hardware text names: "8x H100", "H100 x8", "tp=8", "TP8", "8 GPUs".
fn stated_gpus(text: &str) -> Option<u32> {
    let t = text.to_lowercase().replace(' ', "");
    let digits_after = |i: usize| -> Option<u32> {
        let n: String = t[i..].chars().take_while(char::is_ascii_digit).collect();
        n.parse().ok()
    };
    let digits_before = |i: usize| -> Option<u32> {
        let n: String = t[..i]
            .chars()
            .rev()
            .take_while(char::is_ascii_digit)
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        n.parse().ok()
    };
    for key in ["tp=", "tp"] {
        if let Some(i) = t.find(key) {
            if let Some(n) = digits_after(i + key.len()) {
                return Some(n);
            }
        }
    }
    if let Some(i) = t.find("gpus") {
        if let Some(n) = digits_before(i) {
            return Some(n);
        }
    }
    // "8xh100" or "h100x8".
    for (i, c) in t.char_indices() {
        if c == 'x' {
            if let Some(n) = digits_before(i).filter(|_| {
                t[i + 1..]
                    .chars()
                    .next()
                    .is_some_and(|c| c.is_ascii_alphabetic())
            }) {
                return Some(n);
            }
            if let Some(n) = digits_after(i + 1).filter(|_| i > 0) {
                return Some(n);
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

/// One sentence per way `run` may not measure `config` of `s`.
pub fn mismatches(run: &Run, s: &Scenario, config: &GpuConfig) -> Vec<String> {
    let mut out = Vec::new();
    let model_name = crate::catalog::model(&config.model)
        .map(|m| m.name.to_string())
        .unwrap_or_else(|| config.model.clone());
    match &run.model {
        None => out.push(format!(
            "The run does not name its model: check that it measured {model_name}."
        )),
        Some(m) if !names(m, &model_name) => out.push(format!(
            "The run measured {m}; this configuration serves {model_name}. Its throughput is another model's."
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
            "The run does not record its hardware: it is taken as measured on {run_hw}. Change the run's GPU below if it was another."
        )),
        (Some(h), Some(code)) if !squeeze(h).contains(&code) => out.push(format!(
            "The file names the hardware {h}, but the run is taken as measured on {run_hw}. Set the run's GPU below."
        )),
        _ => {}
    }
    let file_n = [run.hardware.as_deref(), Some(run.label.as_str())]
        .into_iter()
        .flatten()
        .find_map(stated_gpus);
    if let Some(n) = file_n.filter(|n| *n != run_n) {
        out.push(format!(
            "The file says {n} GPUs per replica, but the run is taken as measured on {run_n}. Set the run's GPU count below."
        ));
    }
    if run_gpu != config.gpu || run_n != config.gpus_per_replica {
        out.push(format!(
            "The run was measured on {run_hw}; this configuration runs {}x {gpu_name}. Its throughput is scaled by the estimator's ratio: an estimate from a measurement.",
            config.gpus_per_replica
        ));
    }
    with_concurrency(out, run)
}

fn with_concurrency(mut out: Vec<String>, run: &Run) -> Vec<String> {
    if run.concurrency.is_none() {
        out.push(
            "The run does not say how many requests were in flight: its throughput is taken as measured at concurrency 1."
                .into(),
        );
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
        .filter(|n| *n != config.gpus_per_replica && *n > 0);
    let gpu = run.hardware.as_deref().and_then(|h| {
        let h = squeeze(h);
        if gpu_code(&config.gpu).is_some_and(|c| h.contains(&c)) {
            return None;
        }
        crate::catalog::GPUS
            .iter()
            .map(|g| g.id.as_ref())
            .chain(s.custom_gpus.iter().map(|g| g.id.as_ref()))
            .filter_map(|id: &str| {
                gpu_code(id)
                    .filter(|c| h.contains(c))
                    .map(|c| (c.len(), id))
            })
            // The longest code named wins: "l40s" over "l4".
            .max_by_key(|(len, _)| *len)
            .map(|(_, id)| id.to_string())
    });
    (gpu, n)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(model: Option<&str>, hardware: Option<&str>, label: &str) -> Run {
        Run {
            label: label.into(),
            model: model.map(str::to_string),
            hardware: hardware.map(str::to_string),
            concurrency: Some(16.0),
            ..Run::default()
        }
    }

    fn a100_70b_int8() -> (Scenario, GpuConfig) {
        let s = crate::templates::template("sonnet-vs-2xa100").expect("template");
        let mut c = s.gpu_configs[0].clone();
        c.model = "llama-3.1-70b".into();
        c.gpu = "a100-80gb".into();
        c.precision = Precision::Int8;
        c.gpus_per_replica = 2;
        (s, c)
    }

    /// The review's case: a Llama 3.3 70B tensor-parallel-8 run on unknown hardware,
    /// attached to 2x A100 Llama 3.1 70B int8, warns on model, precision, hardware.
    #[test]
    fn another_model_on_unknown_hardware_is_called_out() {
        let (s, c) = a100_70b_int8();
        let r = run(
            Some("meta-llama/Llama-3.3-70B-Instruct"),
            None,
            "tp8 qps inf",
        );
        let m = mismatches(&r, &s, &c);
        assert!(
            m.iter()
                .any(|x| x.contains("Llama-3.3-70B") && x.contains("Llama 3.1 70B")),
            "{m:?}"
        );
        assert!(
            m.iter().any(|x| x.contains("does not record its hardware")),
            "{m:?}"
        );
        assert!(m.iter().any(|x| x.contains("8 GPUs per replica")), "{m:?}");
        assert!(
            m.iter().any(|x| x.contains("does not state its precision")),
            "{m:?}"
        );
    }

    #[test]
    fn a_run_of_the_same_setup_raises_nothing() {
        let (s, c) = a100_70b_int8();
        let r = run(
            Some("meta-llama/Llama-3.1-70B-Instruct-INT8"),
            Some("2x A100-SXM4-80GB"),
            "c16",
        );
        assert_eq!(mismatches(&r, &s, &c), Vec::<String>::new());
    }

    #[test]
    fn precision_gpu_and_count_mismatches_are_named() {
        let (s, c) = a100_70b_int8();
        let r = run(Some("Llama-3.1-70B-FP8"), Some("H100 x4"), "");
        let m = mismatches(&r, &s, &c);
        assert!(
            m.iter().any(|x| x.contains("fp8") && x.contains("int8")),
            "{m:?}"
        );
        assert!(
            m.iter()
                .any(|x| x.contains("H100 x4") && x.contains("A100")),
            "{m:?}"
        );
        assert!(m.iter().any(|x| x.contains("4 GPUs per replica")), "{m:?}");
        let mut open = run(Some("Llama-3.1-70B int8"), Some("2x A100"), "");
        open.concurrency = None;
        assert!(mismatches(&open, &s, &c)
            .iter()
            .any(|x| x.contains("requests were in flight")));
    }

    #[test]
    fn gpu_counts_are_read_in_the_usual_spellings() {
        assert_eq!(stated_gpus("8x H100"), Some(8));
        assert_eq!(stated_gpus("H100 x8"), Some(8));
        assert_eq!(stated_gpus("tp=4"), Some(4));
        assert_eq!(stated_gpus("TP2 c16"), Some(2));
        assert_eq!(stated_gpus("4 GPUs"), Some(4));
        assert_eq!(stated_gpus("NVIDIA H100 80GB HBM3"), None);
        assert_eq!(stated_gpus("c16 qps inf"), None);
    }

    #[test]
    fn stated_hardware_names_the_runs_gpu_and_count_when_they_differ() {
        let (s, c) = a100_70b_int8();
        let r = run(
            Some("meta-llama/Llama-3.1-70B-Instruct"),
            Some("NVIDIA L40S x4"),
            "",
        );
        assert_eq!(stated_hardware(&r, &s, &c), (Some("l40s".into()), Some(4)));
        // The configuration's own GPU and count state nothing to scale.
        let r = run(
            Some("meta-llama/Llama-3.1-70B-Instruct"),
            Some("2x A100-SXM4-80GB"),
            "",
        );
        assert_eq!(stated_hardware(&r, &s, &c), (None, None));
        let r = run(Some("m"), None, "tp=8");
        assert_eq!(stated_hardware(&r, &s, &c), (None, Some(8)));
    }

    #[test]
    fn the_given_run_hardware_is_what_the_sentences_name() {
        let (s, mut c) = a100_70b_int8();
        let r = run(Some("meta-llama/Llama-3.1-70B-Instruct"), None, "int8");
        assert!(mismatches(&r, &s, &c)
            .iter()
            .any(|m| m.contains("does not record its hardware")));
        c.throughput = crate::scenario::ThroughputSource::Benchmark {
            run_id: "r".into(),
            output_tokens_per_s: 100.0,
            input_tokens: 100.0,
            output_tokens: 100.0,
            concurrency: 16.0,
            label: "l".into(),
            run_gpu: Some("h100-sxm".into()),
            run_gpus: Some(8),
        };
        let m = mismatches(&r, &s, &c);
        assert!(
            m.iter()
                .any(|m| m.contains("taken as measured on 8x NVIDIA H100 SXM 80 GB")),
            "{m:?}"
        );
        assert!(
            m.iter()
                .any(|m| m.contains("2x NVIDIA A100 80 GB SXM") && m.contains("scaled")),
            "{m:?}"
        );
    }
}
