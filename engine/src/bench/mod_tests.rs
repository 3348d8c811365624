//! Tests of `mod.rs`: runs as stored, format ids.
use super::*;

#[test]
fn runs_stored_before_the_new_fields_still_read() {
    // A run as stored in SQLite before framework, basis, warnings and errors existed.
    let old = r#"{"label":"x","model":null,"hardware":null,"concurrency":2.0,"input_tokens":null,"output_tokens":null,"output_tokens_per_s":10.0,"total_tokens_per_s":null,"requests_per_s":null,"duration_s":null,"ttft_ms":{"mean":null,"p50":null,"p99":null},"tpot_ms":{"mean":null,"p50":null,"p99":null},"itl_ms":{"mean":null,"p50":null,"p99":null},"e2e_ms":{"mean":null,"p50":null,"p99":null},"completed":3,"failed":0,"notes":[]}"#;
    let run: Run = serde_json::from_str(old).unwrap_or_default();
    assert_eq!(run.output_tokens_per_s, Some(10.0));
    assert_eq!((run.framework, run.concurrency_basis), (None, None));
    assert!(run.warnings.is_empty() && run.errors.is_empty());
}

#[test]
fn format_ids_round_trip() {
    for f in Format::ALL {
        assert_eq!(Format::from_id(f.id()), Some(f));
        assert_eq!(
            serde_json::to_value(f).ok(),
            Some(serde_json::Value::String(f.id().into()))
        );
    }
}
