use super::*;
use crate::catalog;

fn h100() -> &'static GpuEntry {
    catalog::gpu("h100-sxm").expect("h100")
}
fn l8b() -> &'static ModelEntry {
    catalog::model("llama-3.1-8b").expect("8b")
}

/// Decode step times of the measured H100 run, batch 1..128 at context 1024:
/// the estimate must land within 10% of every row.
#[test]
fn decode_matches_measured_h100_run() {
    let rows = [
        (1.0, 7.29),
        (8.0, 8.19),
        (32.0, 9.53),
        (64.0, 11.12),
        (128.0, 14.52),
    ];
    for (batch, measured_ms) in rows {
        // prompt 1024, output ~0 so mean context = 1024, batch pinned by max_batch.
        let e = estimate(
            h100(),
            l8b(),
            Precision::Bf16,
            1,
            1024.0,
            1e-9,
            batch,
            DEFAULT_E_BW,
            DEFAULT_E_COMPUTE,
        )
        .expect("fits");
        assert_eq!(e.batch, batch);
        let err = (e.step_ms - measured_ms).abs() / measured_ms;
        assert!(
            err < 0.10,
            "batch {batch}: estimate {:.2} ms vs measured {measured_ms} ms",
            e.step_ms
        );
    }
}

#[test]
fn prefill_matches_measured_h100_run() {
    // 2048-token prompt measured at 57.6 ms.
    let e = estimate(
        h100(),
        l8b(),
        Precision::Bf16,
        1,
        2048.0,
        1.0,
        1.0,
        DEFAULT_E_BW,
        DEFAULT_E_COMPUTE,
    )
    .expect("fits");
    let err = (e.prefill_s * 1e3 - 57.6).abs() / 57.6;
    assert!(err < 0.10, "prefill {:.1} ms", e.prefill_s * 1e3);
}

#[test]
fn seventy_b_bf16_does_not_fit_one_a100_and_says_by_how_much() {
    let f = fit(
        catalog::gpu("a100-80gb").expect("a100"),
        catalog::model("llama-3.1-70b").expect("70b"),
        Precision::Bf16,
        1,
    );
    assert!(!f.fits);
    // 141.1 GB of weights vs 72 GB usable minus 1.5 GB runtime.
    assert!((f.kv_room_gb - (72.0 - 141.1 - 1.5)).abs() < 0.01);
    assert_eq!(f.message(), "does not fit by 70.6 GB");
    let two = fit(
        catalog::gpu("a100-80gb").expect("a100"),
        catalog::model("llama-3.1-70b").expect("70b"),
        Precision::Q4,
        1,
    );
    assert!(two.fits, "Q4 70B fits one A100 80GB: {}", two.message());
}

#[test]
fn batch_one_bound_is_bandwidth_over_weights() {
    // RTX 4090, 8B bf16 roofline at batch 1: 1,008 GB/s over 16.06 GB of weights, ~63 tok/s.
    let g = catalog::gpu("rtx-4090").expect("4090");
    let e = estimate(g, l8b(), Precision::Bf16, 1, 0.0, 1.0, 1.0, 1.0, 1.0).expect("fits");
    assert!(
        (e.per_stream_tok_s - 1008.0 / 16.06).abs() < 1.0,
        "{}",
        e.per_stream_tok_s
    );
}
