//! A refused save names the fields it refuses, as the results name them.

use engine::validate::FieldError;
use engine::Scenario;

/// "not saved: fix the marked fields first (RTX 4090 + Llama 3.1 8B: GPUs per replica)":
/// at most three fields, then how many more.
pub(super) fn refusal(errs: &[FieldError], doc: &Scenario) -> String {
    let mut labels: Vec<String> = Vec::new();
    for e in errs {
        let l = engine::report::label_of(&e.path, doc);
        if !labels.contains(&l) {
            labels.push(l);
        }
    }
    let named = match labels.len() {
        0 => String::new(),
        n if n <= 3 => format!(" ({})", labels.join(", ")),
        n => format!(" ({} and {} more)", labels[..3].join(", "), n - 3),
    };
    format!("not saved: fix the marked fields first{named}")
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_refusal_names_up_to_three_fields() {
        let doc = engine::templates::template("haiku-vs-4090").expect("template");
        let err = |path: &str| engine::validate::FieldError {
            path: path.into(),
            message: "x".into(),
        };
        let one = super::refusal(&[err("gpu_configs[0].gpus_per_replica")], &doc);
        assert!(
            one.starts_with("not saved: fix the marked fields first ("),
            "{one}"
        );
        assert!(one.contains(&doc.gpu_configs[0].name), "{one}");
        let many: Vec<_> = (0..2)
            .flat_map(|k| {
                [
                    err(&format!("api_tiers[{k}].input_per_mtok")),
                    err(&format!("api_tiers[{k}].output_per_mtok")),
                ]
            })
            .collect();
        assert!(super::refusal(&many, &doc).ends_with(" and 1 more)"));
        assert_eq!(
            super::refusal(&[], &doc),
            "not saved: fix the marked fields first"
        );
    }
}
