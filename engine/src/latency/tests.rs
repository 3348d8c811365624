use super::*;
use crate::catalog;
use crate::scenario::Precision;
use crate::throughput::{self, DEFAULT_E_BW, DEFAULT_E_COMPUTE};

fn h100_8b() -> Replica {
    Replica::new(
        catalog::gpu("h100-sxm").expect("h100"),
        catalog::model("llama-3.1-8b").expect("8b"),
        Precision::Bf16,
        1,
        DEFAULT_E_BW,
        DEFAULT_E_COMPUTE,
        Some(catalog::link("h100-sxm")),
    )
    .expect("fits")
}

fn close(a: f64, b: f64, rel: f64) -> bool {
    (a - b).abs() <= rel * b.abs()
}

/// Computed by hand (Python, the formulas of the module doc) for 1024 + 256 tokens at
/// batch 32 on one H100 SXM: p = 2 x 8.03e9 x 1024 / (989.4e12 x 0.59) = 28.17 ms;
/// s(32) at context 1152 = (16.06 GB + 32 x 1152 x 131,072 B) / (3.35 TB/s x 0.66)
/// = 9.449 ms; rate = 32 / (256 x s + 32 x p) = 9.637/s; rho = 0.2715.
#[test]
fn one_point_by_hand() {
    let r = h100_8b();
    let sh = Shape::of(&r, 1024.0, 256.0, 1e9).expect("fits");
    assert_eq!(sh.max_batch, 324.0);
    assert!(sh.kv_limited);
    let pt = at_batch(&r, &sh, 32.0);
    assert!(close(pt.rate, 9.6372, 1e-4), "{}", pt.rate);
    assert!(close(pt.prefill_share, 0.27150, 1e-4));
    assert!(close(pt.ttft_p95_ms, 103.294, 1e-4), "{}", pt.ttft_p95_ms);
    assert!(close(pt.tpot_p95_ms, 13.3039, 1e-4), "{}", pt.tpot_p95_ms);
    assert!(close(pt.output_tok_s, 2467.12, 1e-4));
    assert!(pt.bandwidth_bound);
}

#[test]
fn without_targets_capacity_is_todays_estimate() {
    let r = h100_8b();
    for (prompt, out, cap) in [
        (1024.0, 256.0, 64.0),
        (200.0, 800.0, 4096.0),
        (8000.0, 50.0, 8.0),
    ] {
        let sh = Shape::of(&r, prompt, out, cap).expect("fits");
        let c = capacity(&r, &sh, Targets::default()).expect("no target");
        let e = throughput::estimate(
            catalog::gpu("h100-sxm").expect("h100"),
            catalog::model("llama-3.1-8b").expect("8b"),
            Precision::Bf16,
            1,
            prompt,
            out,
            cap,
            DEFAULT_E_BW,
            DEFAULT_E_COMPUTE,
        )
        .expect("fits");
        assert!(close(c.at.rate, 1.0 / e.seconds_per_request, 1e-9));
        assert_eq!(c.share, 1.0);
        let want = if cap < e.max_concurrency {
            Binding::MaxBatch
        } else {
            Binding::KvRoom
        };
        assert_eq!(c.binding, want, "{prompt}+{out} cap {cap}");
    }
}

#[test]
fn a_tpot_target_binds_at_the_target() {
    let r = h100_8b();
    let sh = Shape::of(&r, 1024.0, 256.0, 4096.0).expect("fits");
    let c = capacity(
        &r,
        &sh,
        Targets {
            ttft_ms: None,
            tpot_ms: Some(12.0),
        },
    )
    .expect("reachable");
    assert_eq!(c.binding, Binding::Tpot);
    assert!(close(c.at.tpot_p95_ms, 12.0, 1e-6), "{}", c.at.tpot_p95_ms);
    assert!(c.share < 1.0 && c.share > 0.0);
    assert!(c.at.batch < sh.max_batch);
}

#[test]
fn a_ttft_target_binds_when_prefill_queues() {
    let r = h100_8b();
    // Long prompts, short answers: prefill dominates and its queue sets the TTFT.
    let sh = Shape::of(&r, 8000.0, 100.0, 4096.0).expect("fits");
    let c = capacity(
        &r,
        &sh,
        Targets {
            ttft_ms: Some(600.0),
            tpot_ms: Some(200.0),
        },
    )
    .expect("reachable");
    assert_eq!(c.binding, Binding::Ttft);
    assert!(close(c.at.ttft_p95_ms, 600.0, 1e-6));
    assert!(c.at.tpot_p95_ms <= 200.0);
}

#[test]
fn targets_below_the_floor_are_refused_with_the_floor() {
    let r = h100_8b();
    let sh = Shape::of(&r, 1024.0, 256.0, 4096.0).expect("fits");
    let e = capacity(
        &r,
        &sh,
        Targets {
            ttft_ms: None,
            tpot_ms: Some(5.0),
        },
    )
    .expect_err("5 ms a token is below 16 GB read at 2.2 TB/s");
    assert_eq!(e.which, Binding::Tpot);
    // One stream at the full context: (16.06 GB + 1280 x 131,072 B) / 2.211 TB/s.
    assert!(close(e.floor_ms, 7.339, 1e-3), "{}", e.floor_ms);
    assert!(e
        .message()
        .contains("target of 5 ms is below this hardware's floor of 7.3 ms"));
    let e = capacity(
        &r,
        &sh,
        Targets {
            ttft_ms: Some(20.0),
            tpot_ms: None,
        },
    )
    .expect_err("a 1024-token prefill takes 28 ms");
    assert_eq!(e.which, Binding::Ttft);
    assert!(e.message().contains("time to first token target of 20 ms"));
}

#[test]
fn tensor_parallel_pays_for_its_link() {
    let m = catalog::model("llama-3.1-70b").expect("70b");
    let gpu = catalog::gpu("a100-80gb").expect("a100");
    let at = |link| {
        Replica::new(
            gpu,
            m,
            Precision::Int8,
            2,
            DEFAULT_E_BW,
            DEFAULT_E_COMPUTE,
            Some(link),
        )
        .expect("fits on two")
        .step(1.0, 1000.0)
    };
    let nv = at(catalog::link("a100-80gb"));
    let pcie = at(catalog::link("l40s"));
    // 160 all-reduces of 16 KB: 160 x (10 us + 16,384 B / 231 GB/s) = 1.61 ms on NVLink.
    assert!(close(nv.comm * 1e3, 1.611, 1e-2), "{}", nv.comm * 1e3);
    assert!(pcie.comm > 2.0 * nv.comm);
    assert_eq!(nv.memory, pcie.memory);
    let one = Replica::new(
        catalog::gpu("h100-sxm").expect("h100"),
        catalog::model("llama-3.1-8b").expect("8b"),
        Precision::Bf16,
        1,
        1.0,
        1.0,
        Some(catalog::link("h100-sxm")),
    )
    .expect("fits");
    assert_eq!(one.step(8.0, 100.0).comm, 0.0, "one GPU talks to nobody");
}

#[test]
fn moe_reads_active_experts_at_batch_one() {
    let m = catalog::model("mixtral-8x7b").expect("mixtral");
    let r = Replica::new(
        catalog::gpu("h100-sxm").expect("h100"),
        m,
        Precision::Fp8,
        1,
        1.0,
        1.0,
        None,
    )
    .expect("46.7 GB at fp8 fits 80 GB");
    let one = r.step(1.0, 0.0).memory;
    let many = r.step(64.0, 0.0).memory;
    // Batch 1 reads 12.9 GB of active weights; a large batch touches nearly all 46.7 GB:
    // 1 - (1 - 12.9/46.7)^64 of them.
    assert!(close(one, 12.9e9 / 3350e9, 1e-9));
    assert!(close(
        many,
        46.7e9 * (1.0 - (1.0 - 12.9 / 46.7f64).powi(64)) / 3350e9,
        1e-9
    ));
    assert!(close(many, 46.7e9 / 3350e9, 1e-6));
    // In between it rises smoothly, never reading more than the batch's active share.
    let eight = r.step(8.0, 0.0).memory;
    assert!(eight > one && eight < many && eight <= 8.0 * one);
}

#[test]
fn the_curve_runs_from_one_stream_to_the_largest_batch() {
    let r = h100_8b();
    let sh = Shape::of(&r, 1024.0, 256.0, 128.0).expect("fits");
    let c = curve(&r, &sh, 12);
    assert_eq!(c.len(), 12);
    assert!(c[0].batch < 1e-5, "zero load first");
    assert!(close(c[1].batch, 1.0, 1e-12));
    assert!(close(c[11].batch, 128.0, 1e-9));
    for w in c.windows(2) {
        assert!(w[1].output_tok_s > w[0].output_tok_s);
        assert!(w[1].tpot_p95_ms >= w[0].tpot_p95_ms);
        assert!(w[1].ttft_p95_ms >= w[0].ttft_p95_ms);
    }
}

/// The KV pressure of long contexts the article warns about: at 32K tokens a request
/// holds 4.4 GB of KV cache, so an H100 with an 8B model takes 12 of them, whatever the
/// server's batch cap, and the line names the KV room as binding; on a 24 GB card not
/// one fits.
#[test]
fn long_contexts_are_bound_by_kv_room() {
    let r = h100_8b();
    // (80 x 0.9 - 16.06 - 1.5) GB / (33,792 x 131,072 B) = 12.3.
    let sh = Shape::of(&r, 32_768.0, 1024.0, 64.0).expect("fits");
    assert_eq!(sh.max_batch, 12.0);
    assert!(sh.kv_limited);
    let c = capacity(&r, &sh, Targets::default()).expect("no target");
    assert_eq!(c.binding, Binding::KvRoom);
    let short = Shape::of(&r, 1024.0, 1024.0, 64.0).expect("fits");
    assert_eq!(short.max_batch, 64.0, "short requests reach the batch cap");
    let small = Replica::new(
        catalog::gpu("rtx-4090").expect("4090"),
        catalog::model("llama-3.1-8b").expect("8b"),
        Precision::Bf16,
        1,
        DEFAULT_E_BW,
        DEFAULT_E_COMPUTE,
        None,
    )
    .expect("the weights fit");
    assert!(Shape::of(&small, 32_768.0, 1024.0, 64.0).is_none());
}

#[test]
fn long_floors_read_with_separators() {
    let e = BelowFloor {
        which: Binding::Ttft,
        target_ms: 5000.0,
        floor_ms: 12_660.7,
    };
    assert!(
        e.message().contains("floor of 12,661 ms"),
        "{}",
        e.message()
    );
    assert_eq!(thousands(1_234_567.0), "1,234,567");
    assert_eq!(thousands(999.0), "999");
}
