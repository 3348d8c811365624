//! The model a benchmark file's *name* gives, for runs whose file names none: people name
//! result files after what they measured ("llama_3_3_70b_online_output.jsonl",
//! "qwen2.5_7b Raspberry Pi 4.md"). Only a catalog model whose every part appears in the
//! name, in order and whole, counts ("qwen-2.5-7b" is not found in "qwen2.5-72b"); a name
//! that gives two models gives none.

use super::Run;
use crate::catalog::{ModelEntry, MODELS};

/// The words of `text`: lowercase runs of letters or of digits ("Qwen2.5_7B" -> qwen, 2,
/// 5, 7, b), so a name's spelling (separators, case, joined version) does not matter.
fn words(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut last: Option<bool> = None;
    for c in text.chars() {
        let kind = if c.is_ascii_digit() {
            Some(true)
        } else if c.is_alphabetic() {
            Some(false)
        } else {
            None
        };
        match (kind, out.last_mut()) {
            (Some(k), Some(w)) if last == Some(k) => w.extend(c.to_lowercase()),
            (Some(_), _) => out.push(c.to_lowercase().collect()),
            (None, _) => {}
        }
        last = kind;
    }
    out
}

/// The catalog model `name` gives, if exactly one (the most specific of those found, so
/// "qwen3-30b-a3b" wins over a "qwen3-30b" if both were listed).
pub fn model_in_name(name: &str) -> Option<&'static ModelEntry> {
    let have = words(name);
    let found: Vec<(usize, &ModelEntry)> = MODELS
        .iter()
        .filter_map(|m| {
            let want = words(m.id);
            (!want.is_empty() && have.windows(want.len()).any(|w| w == want.as_slice()))
                .then_some((want.len(), m))
        })
        .collect();
    let most = found.iter().map(|(n, _)| *n).max()?;
    let mut best = found.iter().filter(|(n, _)| *n == most).map(|(_, m)| *m);
    let first = best.next()?;
    let want = words(first.id);
    // Two models as specific as each other ("llama-3.1-8b vs qwen-2.5-7b"): not said.
    let joined = want.join(" ");
    let others_contained = found
        .iter()
        .filter(|(n, _)| *n < most)
        .all(|(_, m)| joined.contains(&words(m.id).join(" ")));
    let at = have
        .windows(want.len())
        .position(|w| w == want.as_slice())?;
    // Anything else in the name that says otherwise gives none: another size ("8b vs
    // 70b"), or another version than the catalog's ("Mistral-7B-v0.2" is not v0.3).
    let rest: Vec<&String> = have[..at].iter().chain(&have[at + want.len()..]).collect();
    let another_size = rest
        .windows(2)
        .any(|w| w[0].bytes().all(|b| b.is_ascii_digit()) && w[1] == "b");
    let version = |ws: &[&String]| -> Option<String> {
        let i = ws.iter().position(|w| *w == "v")?;
        let digits: Vec<&str> = ws[i + 1..]
            .iter()
            .take_while(|w| w.bytes().all(|b| b.is_ascii_digit()))
            .map(|w| w.as_str())
            .collect();
        (!digits.is_empty()).then(|| digits.join("."))
    };
    let catalog_words = words(first.name);
    let catalog_version = version(&catalog_words.iter().collect::<Vec<_>>());
    let other_version = matches!(
        (version(&rest), catalog_version),
        (Some(a), Some(b)) if a != b
    );
    (best.next().is_none() && others_contained && !another_size && !other_version).then_some(first)
}

/// When no run of a file names a model, its runs take the one the file's name gives, and
/// say so (a file whose runs name models names them; the others stay unknown). A run
/// that names another model than the file's name is warned so (one of the two is wrong,
/// and the run may not measure the model it is taken for): its own statement stands.
pub(super) fn from_file_name(name: &str, runs: &mut [Run]) {
    let Some(m) = model_in_name(name) else {
        return;
    };
    if runs.iter().any(|r| r.model.is_some()) {
        for r in runs.iter_mut() {
            let Some(stated) = r.model.as_deref() else {
                continue;
            };
            // Another catalog model is a conflict; an alias the catalog cannot place
            // ("/models/l70") may well be the same model: a note.
            let (said, to) = match model_in_name(stated) {
                Some(s) if s.id == m.id => continue,
                Some(_) => (format!("the run names {stated}"), &mut r.warnings),
                None => (
                    format!("the run names {stated}, which was not matched to a catalog model"),
                    &mut r.notes,
                ),
            };
            to.push(format!(
                "the file's name (\u{201c}{name}\u{201d}) gives {}; {said}: the run's own statement is used",
                m.name
            ));
        }
        return;
    }
    for r in runs.iter_mut().filter(|r| r.model.is_none()) {
        r.notes.push(format!(
            "the model is taken from the file's name (\u{201c}{name}\u{201d}): the file names none"
        ));
        r.model = Some(m.name.to_string());
        r.model_from_name = true;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id(name: &str) -> Option<&'static str> {
        model_in_name(name).map(|m| m.id)
    }

    #[test]
    fn a_name_gives_a_catalog_model_whole_and_only_one() {
        assert_eq!(
            id("llama_3_3_70b_online_output.jsonl"),
            Some("llama-3.3-70b")
        );
        assert_eq!(id("qwen2.5_7b Raspberry Pi 4.md"), Some("qwen-2.5-7b"));
        assert_eq!(id("Qwen2.5-72B-Instruct_tp4.json"), Some("qwen-2.5-72b"));
        assert_eq!(
            id("serving_meta-llama-Llama-3.1-8B-Instruct_qps_inf.json"),
            Some("llama-3.1-8b")
        );
        assert_eq!(
            id("openai_gpt-oss-20b_tp4_quant-none_benchmarks.json"),
            Some("gpt-oss-20b")
        );
        assert_eq!(id("Qwen3-30B-A3B-fp8.json"), Some("qwen3-30b-a3b"));
        // No version, another size, a model not in the catalog, two models: none.
        assert_eq!(id("serving_llama8B_tp1_sharegpt_qps_inf.json"), None);
        assert_eq!(id("bedrock_70b.json"), None);
        assert_eq!(id("Llama3.2_1b 4060Ti_16gb.md"), None);
        assert_eq!(
            id("Qwen_Qwen3-4B-Thinking-2507_tp4_quant-fp8_benchmarks.json"),
            None
        );
        assert_eq!(id("llama-3.1-8b-vs-qwen-2.5-7b.json"), None);
        // Another size or another version than the catalog's in the name: none.
        assert_eq!(id("llama-3.1-8b vs 70b.jsonl"), None);
        assert_eq!(id("Mistral-7B-Instruct-v0.2_sglang.jsonl"), None);
        assert_eq!(
            id("Mistral-7B-Instruct-v0.3_sglang.jsonl"),
            Some("mistral-7b")
        );
        assert_eq!(id("mistral-7b_h100.json"), Some("mistral-7b"));
        assert_eq!(id("results.json"), None);
    }

    #[test]
    fn the_name_speaks_only_for_a_file_that_names_no_model() {
        let mut runs = vec![Run::default(), Run::default()];
        from_file_name("llama_3_3_70b_online_output.jsonl", &mut runs);
        for r in &runs {
            assert_eq!(r.model.as_deref(), Some("Llama 3.3 70B"));
            assert!(r.model_from_name);
            assert!(
                r.notes[0].contains("taken from the file's name"),
                "{:?}",
                r.notes
            );
        }
        // One run names its model: the file names models, and the other stays unknown.
        let mut runs = vec![
            Run {
                model: Some("meta-llama/Llama-3.1-8B".into()),
                ..Run::default()
            },
            Run::default(),
        ];
        from_file_name("llama_3_3_70b_online_output.jsonl", &mut runs);
        assert_eq!(runs[0].model.as_deref(), Some("meta-llama/Llama-3.1-8B"));
        assert_eq!(runs[1].model, None);
        assert!(runs.iter().all(|r| !r.model_from_name));
        // The name and the run disagree: a warning on the run that names another model.
        assert!(
            runs[0].warnings[0]
                .contains("gives Llama 3.3 70B; the run names meta-llama/Llama-3.1-8B:"),
            "{:?}",
            runs[0].warnings
        );
        assert!(
            runs[0].notes.is_empty() && runs[1].notes.is_empty() && runs[1].warnings.is_empty()
        );
        // They agree (the run spells it its way): nothing said.
        let mut runs = vec![Run {
            model: Some("meta-llama/Llama-3.3-70B-Instruct".into()),
            ..Run::default()
        }];
        from_file_name("llama_3_3_70b_online_output.jsonl", &mut runs);
        assert!(runs[0].notes.is_empty(), "{:?}", runs[0].notes);
        // A served alias the catalog cannot place is said as such.
        let mut runs = vec![Run {
            model: Some("/models/l70".into()),
            ..Run::default()
        }];
        from_file_name("llama_3_3_70b_online_output.jsonl", &mut runs);
        assert!(
            runs[0].notes[0]
                .contains("the run names /models/l70, which was not matched to a catalog model"),
            "{:?}",
            runs[0].notes
        );
    }
}
