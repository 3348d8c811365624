//! Benchmark files of tool versions other than the samples': early AIPerf, SGLang with
//! per-request details. Expected values copied from the files (tests/fixtures/README.md).

use engine::bench::import;

fn fixture(name: &str) -> Vec<u8> {
    let p = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&p).unwrap_or_else(|e| panic!("{p}: {e}"))
}

#[test]
fn early_and_current_aiperf_give_the_same_ttft_and_concurrency() {
    for name in [
        "aiperf-0.1.1_profile_export_aiperf.json",
        "aiperf-2025-10_profile_export_aiperf.json",
    ] {
        let imp = import(name, fixture(name).as_slice(), None).expect(name);
        let r = &imp.runs[0];
        assert_eq!(r.ttft_ms.mean, Some(85.5), "{name}");
        assert_eq!(r.ttft_ms.p50, Some(80.1), "{name}");
        assert_eq!(r.ttft_ms.p99, Some(190.2), "{name}");
        // input_config.loadgen.concurrency, as the tool was told.
        assert_eq!(r.concurrency, Some(8.0), "{name}");
        assert_eq!(r.model.as_deref(), Some("Qwen/Qwen3-0.6B"), "{name}");
    }
}

#[test]
fn sglangs_per_request_errors_count_as_failed_and_say_what_failed() {
    let name = "sglang_output_details.jsonl";
    let imp = import(name, fixture(name).as_slice(), None).expect("reads");
    let r = &imp.runs[0];
    assert_eq!(r.completed, Some(8));
    assert_eq!(r.failed, Some(2), "{:?}", r.notes);
    // The traceback's last line, not "Traceback (most recent call last):".
    assert_eq!(
        r.errors,
        ["ValueError: Bad status: 503 Service Unavailable"],
        "{:?}",
        r.errors
    );
}
