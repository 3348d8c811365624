//! The model a text file names: a config line (`model_name = X`) or a command line
//! (`$ ollama run X`, `python bench.py --model X`); prose in a model's answer does not
//! count.

use super::facts::model_name;
use super::lean::Lean;

/// The model a text file names: `model_name = X`, `model: X`, `--model X`,
/// `--model=X`, `ollama run X`. Distinct names in order.
pub(super) fn models_in_text(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut push = |s: &str| {
        let s = s.trim().trim_matches(|c| c == '"' || c == '\'' || c == '`');
        if let Some(n) = model_name(&Lean::Str(s.to_string())) {
            if !out.contains(&n) {
                out.push(n);
            }
        }
    };
    for line in logical_lines(text).take(100_000) {
        let line = line.as_str();
        let t = line.trim().trim_start_matches(['#', '*', '-', ' ']).trim();
        let lower = t.to_ascii_lowercase();
        // A config line: `model_name = X`, `model = X`, `model_name: X` (a bare
        // "Model: X" is too common in prose to count).
        for key in ["model_name", "model name", "model_id", "model"] {
            if let Some(rest) = lower.strip_prefix(key) {
                let rest_t = rest.trim_start();
                let v = rest_t
                    .strip_prefix('=')
                    .or_else(|| rest_t.strip_prefix(':').filter(|_| key != "model"));
                if let Some(v) = v {
                    // Only a whole value: "model_name: the best one" names no model,
                    // nor an argument in code (`model='deepseek-chat',`).
                    let value = t[t.len() - v.len()..].trim();
                    let code = value.ends_with([',', ';', '(', ')', '\\']);
                    if !value.contains(char::is_whitespace) && !code {
                        push(value);
                    }
                }
                break;
            }
        }
        // GenAI-Perf's own log: "genai_perf.parser:115 - Profiling these models: X".
        if let Some((_, m)) = t.split_once("Profiling these models: ") {
            if !m.contains(',') {
                push(m);
            }
        }
        // A command line: `$ ollama run X`, `python bench.py --model X`.
        let Some(cmd) = command(line) else {
            continue;
        };
        let words: Vec<&str> = cmd.split_whitespace().collect();
        // Anywhere in the command: after a pipe, in a loop (`for ...; do echo q | ollama
        // run X --verbose; done`).
        if let Some(i) = words
            .windows(2)
            .position(|w| w[0].ends_with("ollama") && w[1] == "run")
        {
            if let Some(m) = words[i + 2..].iter().find(|w| !w.starts_with('-')) {
                push(m);
            }
        }
        // `-m` names the model to GenAI-Perf, AIPerf and perf_analyzer (to Python, a module).
        let perf = words.iter().any(|w| {
            ["genai-perf", "aiperf", "perf_analyzer"].contains(&w.rsplit('/').next().unwrap_or(w))
        });
        for (k, w) in words.iter().enumerate() {
            // SGLang names the model by its path (`--model-path`).
            if let Some(m) = w
                .strip_prefix("--model=")
                .or_else(|| w.strip_prefix("--model-path="))
            {
                push(m);
            } else if *w == "--model"
                || *w == "--model-path"
                || (perf && *w == "-m" && k > 0 && !words[k - 1].starts_with("python"))
            {
                if let Some(m) = words.get(k + 1) {
                    push(m);
                }
            }
        }
    }
    out
}

/// The devices a text file names on a line of their own, as a report's header or notes
/// write them: `**Hardware:** DGX Spark NVIDIA GB10 128GB`, `- GPU: 8x H100 SXM`.
/// Distinct values in order.
pub(super) fn hardware_in_text(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for line in text.lines().take(100_000) {
        let t = line.replace("**", "");
        let t = t
            .trim()
            .trim_start_matches(['#', '*', '-', '>', ' '])
            .trim();
        let lower = t.to_ascii_lowercase();
        let Some(key) = ["hardware:", "gpu:"]
            .iter()
            .find(|k| lower.starts_with(**k))
        else {
            continue;
        };
        let v = t[key.len()..].trim();
        if names_a_device(v) && v.len() <= 100 && !v.contains('|') && !out.iter().any(|o| o == v) {
            out.push(v.to_string());
        }
    }
    out
}

/// Whether a value names a device ("DGX Spark NVIDIA GB10 128GB", "8x H100 SXM",
/// "Apple M2 Max"), not "yes", "none" or "0,1": a vendor's or a device family's word.
fn names_a_device(v: &str) -> bool {
    const WORDS: &[&str] = &[
        "nvidia", "amd", "intel", "apple", "google", "tpu", "gaudi", "h100", "h200", "h20", "b200",
        "b100", "gb200", "gb10", "a100", "a10", "a10g", "l40", "l40s", "l4", "t4", "v100", "rtx",
        "geforce", "quadro", "tesla", "radeon", "instinct", "mi250", "mi300", "mi300x", "mi325x",
        "mi355x", "arc", "xeon", "epyc", "ryzen", "dgx", "hgx", "jetson",
    ];
    let lower = v.to_ascii_lowercase();
    lower
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .any(|w| {
            WORDS.contains(&w)
                || WORDS
                    .iter()
                    .any(|k| w.starts_with(k) && w[k.len()..].chars().all(|c| c.is_ascii_digit()))
                || (w.len() > 1
                    && w.starts_with('m')
                    && w[1..].chars().all(|c| c.is_ascii_digit())
                    && lower.contains("apple"))
        })
}

/// The file's lines, a shell command continued over several (`vllm bench serve \`,
/// `  --model X \`) joined into one.
fn logical_lines(text: &str) -> impl Iterator<Item = String> + '_ {
    let mut lines = text.lines();
    std::iter::from_fn(move || {
        let mut out = lines.next()?.to_string();
        // At most 200 lines a command: a file of backslashes stays bounded.
        for _ in 0..200 {
            let Some(head) = out.trim_end().strip_suffix('\\') else {
                break;
            };
            let Some(next) = lines.next() else { break };
            out = format!("{head} {}", next.trim());
        }
        Some(out)
    })
}

/// The command of a line that is a shell command: after a prompt (`$ `, `% `, `> `,
/// `user@host:~$ `) or starting with a program that runs benchmarks; `None` for prose.
fn command(line: &str) -> Option<&str> {
    let t = line.trim();
    let after_prompt = t
        .find("$ ")
        .filter(|i| !t[..*i].trim_end().contains(char::is_whitespace))
        .map(|i| &t[i + 2..])
        .or_else(|| t.strip_prefix("% "))
        .or_else(|| t.strip_prefix("> "));
    if let Some(cmd) = after_prompt {
        return Some(cmd.trim());
    }
    // A program run by its path (`./ollama`, `/usr/local/bin/vllm`): its name.
    let first = t.split_whitespace().next()?.rsplit('/').next()?;
    let programs = [
        "ollama",
        "python",
        "python3",
        "uv",
        "vllm",
        "sglang",
        "guidellm",
        "llmperf",
        "aiperf",
        "genai-perf",
        "docker",
        "bash",
        "sh",
        "torchrun",
    ];
    (programs.contains(&first) || first.ends_with(".py") || first.ends_with(".sh")).then_some(t)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_models() {
        assert_eq!(
            models_in_text("model_name = llama3.2:1b\n"),
            vec!["llama3.2:1b"]
        );
        assert_eq!(
            models_in_text("$ ollama run --verbose qwen2.5:7b\npython bench.py --model=meta-llama/Llama-3.1-8B\n"),
            vec!["qwen2.5:7b", "meta-llama/Llama-3.1-8B"]
        );
        assert!(models_in_text("Model: the best one\n").is_empty());
        // Prose in a model's answer names no model.
        assert!(models_in_text(
            "Model: gpt-4\nTo start, type ollama run mistral.\nUse --model x.\n"
        )
        .is_empty());
        assert_eq!(
            models_in_text("pi@rpi:~ $ ollama run qwen2.5:7b --verbose\n"),
            vec!["qwen2.5:7b"]
        );
        // A command over several lines, and a model argument in code, which is no config
        // line (vllm-project/recipes' DeepSeek-V3.2 page).
        assert_eq!(
            models_in_text("vllm bench serve \\\n  --model deepseek-ai/DeepSeek-V3.2 \\\n  --dataset-name random\n    model='deepseek-chat',\n"),
            vec!["deepseek-ai/DeepSeek-V3.2"]
        );
    }

    #[test]
    fn perf_tools_name_the_model_with_m_and_python_does_not() {
        assert_eq!(
            models_in_text("genai-perf profile -m Qwen/Qwen3-14B --streaming\n"),
            vec!["Qwen/Qwen3-14B"]
        );
        assert_eq!(
            models_in_text("$ python -m aiperf profile --model Qwen/Qwen3-0.6B\n"),
            vec!["Qwen/Qwen3-0.6B"]
        );
    }

    #[test]
    fn a_hardware_line_names_a_device_or_nothing() {
        assert_eq!(
            hardware_in_text("**Hardware:** DGX Spark NVIDIA GB10 128GB\n"),
            vec!["DGX Spark NVIDIA GB10 128GB"]
        );
        assert_eq!(
            hardware_in_text("- GPU: 8x H100 SXM\n"),
            vec!["8x H100 SXM"]
        );
        for line in [
            "GPU: yes",
            "GPU: none",
            "gpu: 0,1",
            "Hardware: the usual one",
        ] {
            assert!(hardware_in_text(line).is_empty(), "{line}");
        }
    }
}
