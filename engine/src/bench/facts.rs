//! Facts a file states outside the tool's own record: the model (in nested server info,
//! the tool's input config, a script's fields, a `model_name = ...` line), the serving
//! framework that answered (per-run metadata, SGLang's `server_info`, a known backend
//! name), and signs of a mock or test server. General rules, bounded searches: no file
//! gets a special case.

use super::lean::Lean;

/// Keys that name the model a run served, most specific first.
const MODEL_KEYS: [&str; 9] = [
    "model_id",
    "served_model_name",
    "model_name",
    "model_names",
    "model_path",
    "backend_model",
    "model",
    "models",
    "modelId",
];
/// Subtrees that hold requests or generated text, where a "model" is not the run's.
pub(super) const SKIP_KEYS: [&str; 8] = [
    "requests",
    "request_samples",
    "generated_texts",
    "messages",
    "prompt",
    "output",
    "choices",
    "inputs",
];
const MAX_DEPTH: usize = 6;
const MAX_NODES: usize = 20_000;

/// A plausible model name: one token, not a number, not a sentence.
pub(super) fn model_name(v: &Lean) -> Option<String> {
    let s = match v {
        Lean::Str(s) => s.trim().to_string(),
        Lean::Arr(items) => return items.iter().find_map(model_name),
        Lean::Obj(_) => return v.get("name").and_then(model_name),
        _ => return None,
    };
    let ok = !s.is_empty()
        && s.len() <= 200
        && !s.chars().any(char::is_whitespace)
        && s.chars().any(|c| c.is_ascii_alphabetic())
        && !matches!(
            s.to_ascii_lowercase().as_str(),
            "none" | "null" | "default" | "auto"
        );
    ok.then_some(s)
}

/// Every model the tree names, with the dotted path where it is named (distinct names,
/// in the order met, shallowest first).
pub(super) fn models_named(values: &[Lean]) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    let mut level: Vec<(&Lean, String)> = values
        .iter()
        .enumerate()
        .map(|(i, v)| {
            (
                v,
                if values.len() > 1 {
                    format!("[{i}]")
                } else {
                    String::new()
                },
            )
        })
        .collect();
    let mut nodes = 0;
    for _ in 0..MAX_DEPTH {
        let mut next = Vec::new();
        for (v, path) in level {
            nodes += 1;
            if nodes > MAX_NODES {
                return out;
            }
            match v {
                Lean::Obj(fields) => {
                    // The keys of one object are aliases for one model: the first counts.
                    if let Some((key, name)) = MODEL_KEYS
                        .iter()
                        .find_map(|k| v.get(k).and_then(model_name).map(|n| (*k, n)))
                    {
                        if !out.iter().any(|(n, _)| *n == name) {
                            out.push((name, join(&path, key)));
                        }
                    }
                    for (k, child) in fields {
                        if !SKIP_KEYS.contains(&k.as_str()) && !MODEL_KEYS.contains(&k.as_str()) {
                            next.push((child, join(&path, k)));
                        }
                    }
                }
                Lean::Arr(items) => {
                    for (i, child) in items.iter().enumerate().take(64) {
                        next.push((child, format!("{path}[{i}]")));
                    }
                }
                _ => {}
            }
        }
        level = next;
    }
    out
}

fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_string()
    } else {
        format!("{path}.{key}")
    }
}

/// A serving framework's display name from a word a file uses for it; `None` for
/// generic client backends (an OpenAI-compatible API can be any server).
pub fn framework_name(word: &str) -> Option<String> {
    let w = word.trim().to_ascii_lowercase();
    let known: [(&[&str], &str); 14] = [
        (&["sglang", "sglang-oai", "sglang-native", "sgl"], "SGLang"),
        (&["vllm", "vllm-chat", "vllm-openai"], "vLLM"),
        (&["tgi", "text-generation-inference", "hf-tgi"], "TGI"),
        (&["lmdeploy"], "LMDeploy"),
        (
            &["trt", "trtllm", "tensorrt-llm", "tensorrt_llm", "trt-llm"],
            "TensorRT-LLM",
        ),
        (
            &[
                "llama.cpp",
                "llamacpp",
                "llama-cpp",
                "llama_cpp",
                "llama-server",
            ],
            "llama.cpp",
        ),
        (&["ollama"], "Ollama"),
        (&["deepspeed-mii", "mii"], "DeepSpeed-MII"),
        (&["scalellm"], "ScaleLLM"),
        (&["mlc", "mlc-llm", "mlc_llm"], "MLC LLM"),
        (&["dynamo", "nvidia-dynamo"], "Dynamo"),
        (&["triton", "tritonserver"], "Triton"),
        (&["aphrodite"], "Aphrodite"),
        (&["mistral.rs", "mistralrs"], "mistral.rs"),
    ];
    if let Some((_, name)) = known.iter().find(|(words, _)| words.contains(&w.as_str())) {
        return Some((*name).to_string());
    }
    let generic = [
        "openai",
        "openai-chat",
        "openai-completions",
        "openai_http",
        "openai-compatible",
        "http",
        "https",
        "",
        "none",
        "null",
        "auto",
    ];
    if generic.contains(&w.as_str()) {
        return None;
    }
    // A prefix such as "sglang-v0.4" or "vllm_0.6".
    known
        .iter()
        .find(|(words, _)| {
            words.iter().any(|k| {
                w.strip_prefix(k)
                    .is_some_and(|rest| rest.starts_with(['-', '_', ' ', '@', '/']))
            })
        })
        .map(|(_, name)| (*name).to_string())
}

/// The serving framework one record names, with where: a user's `framework` (or
/// similar) key, SGLang's `server_info` (its server arguments carry `model_path`), or a
/// backend key naming a specific server.
pub(super) fn framework_of(v: &Lean) -> Option<String> {
    stated_framework(v).or_else(|| backend_framework(v, None))
}

/// A backend setting naming a server; `default` is the client's default backend, which
/// states nothing (users leave it as it is whatever server they measure).
pub(super) fn backend_framework(v: &Lean, default: Option<&str>) -> Option<String> {
    v.s("backend")
        .filter(|b| Some(b.as_str()) != default)
        .and_then(|b| framework_name(&b))
        .map(|name| format!("{name} (from the client's \"backend\" setting)"))
}

/// The framework stated by metadata: a `framework`-like key or a server's own info.
pub(super) fn stated_framework(v: &Lean) -> Option<String> {
    for key in [
        "framework",
        "serving_framework",
        "inference_engine",
        "serving_engine",
        "inference_server",
        "server_type",
        "engine",
        "metadata.framework",
        "metadata.engine",
    ] {
        if let Some(word) = v.s(key) {
            let version = v
                .s(&format!("{key}_version"))
                .map(|x| format!(" {x}"))
                .unwrap_or_default();
            let name = framework_name(&word).unwrap_or(word);
            return Some(format!("{name}{version} (from \"{key}\")"));
        }
    }
    if let Some(info) = v.get("server_info").filter(|i| i.is_obj()) {
        let version = info
            .s("version")
            .map(|x| format!(" {x}"))
            .unwrap_or_default();
        if info.has("model_path") || info.has("sglang_version") {
            return Some(format!("SGLang{version} (from \"server_info\")"));
        }
        if let Some(name) = info.s("framework").or_else(|| info.s("engine")) {
            return Some(format!("{name}{version} (from \"server_info\")"));
        }
    }
    None
}

/// A model name that says it is a mock, a stub or a random test model.
pub(super) fn mock_model(name: &str) -> bool {
    name.to_ascii_lowercase()
        .split(|c: char| !c.is_ascii_alphanumeric())
        .any(|w| {
            matches!(
                w,
                "mock" | "mocked" | "dummy" | "fake" | "stub" | "echo" | "random"
            )
        })
}

/// A target URL on this machine (localhost, 127.x, 0.0.0.0, ::1), anywhere near the top
/// of the tree.
pub(super) fn local_target(values: &[Lean]) -> Option<String> {
    fn visit(v: &Lean, depth: usize, nodes: &mut usize) -> Option<String> {
        *nodes += 1;
        if depth > 4 || *nodes > MAX_NODES {
            return None;
        }
        match v {
            Lean::Str(s) => {
                let l = s.to_ascii_lowercase();
                let url = l.starts_with("http://") || l.starts_with("https://");
                (url && ["//localhost", "//127.", "//0.0.0.0", "//[::1]"]
                    .iter()
                    .any(|h| l.contains(h)))
                .then(|| s.clone())
            }
            Lean::Obj(fields) => fields
                .iter()
                .filter(|(k, _)| !SKIP_KEYS.contains(&k.as_str()))
                .find_map(|(_, c)| visit(c, depth + 1, nodes)),
            Lean::Arr(items) => items
                .iter()
                .take(16)
                .find_map(|c| visit(c, depth + 1, nodes)),
            _ => None,
        }
    }
    let mut nodes = 0;
    values.iter().take(4).find_map(|v| visit(v, 0, &mut nodes))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn framework_words() {
        assert_eq!(framework_name("sglang-oai").as_deref(), Some("SGLang"));
        assert_eq!(framework_name("vllm_0.6.3").as_deref(), Some("vLLM"));
        assert_eq!(framework_name("openai-chat"), None);
        assert_eq!(framework_name("MyServer"), None);
        assert!(mock_model("mock-llm"));
        assert!(mock_model(
            "hf-internal-testing/tiny-random-LlamaForCausalLM"
        ));
        assert!(!mock_model("meta-llama/Llama-3.1-8B-Instruct"));
    }
}
