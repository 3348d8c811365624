//! A configuration's throughput per replica, explained: estimated from the hardware
//! (bandwidth, TFLOP/s, the model's size and the calibrated efficiencies), typed, or
//! measured by an imported benchmark.

use crate::catalog;
use crate::explain::{formulas, Explained};
use crate::model::SelfModel;
use crate::scenario::{Scenario, ThroughputSource};

pub(super) fn explained(
    s: &Scenario,
    g: &crate::scenario::GpuConfig,
    sh: &SelfModel,
) -> Option<Explained> {
    let t0 = s.task_types.first()?;
    let gpu = catalog::gpu_in(s, &g.gpu);
    let model = catalog::model(&g.model);
    let sec = sh.tasks.first()?.sec_per_request;
    let tok_s = t0.output_tokens / sec;
    Some(match &g.throughput {
        ThroughputSource::Estimated => {
            let e = sh.tasks.first()?.estimate?;
            let (gpu, model, fit) = (gpu?, model?, sh.fit?);
            let tflops = crate::throughput::dense_tflops(gpu, g.precision);
            let ex = Explained::new(
                tok_s,
                "output tok/s per replica",
                formulas::THROUGHPUT_ESTIMATED,
            )
            .cataloged_text(
                "memory bandwidth BW",
                gpu.bandwidth_gbs,
                "GB/s",
                gpu.spec_source().to_string().into(),
                gpu.as_of.clone(),
            )
            .cataloged_text(
                match tflops.1 {
                    "fp8" => "dense TFLOP/s (fp8 tensor cores)",
                    _ => "dense TFLOP/s (bf16 tensor cores)",
                },
                tflops.0,
                "TFLOP/s",
                gpu.spec_source().to_string().into(),
                gpu.as_of.clone(),
            )
            .cataloged("parameters", model.params_b, "B", model.source, model.as_of)
            .computed("bytes per parameter", g.precision.bytes_per_param(), "B")
            .computed("weights W", fit.weights_gb, "GB")
            .cataloged(
                "active parameters P_active",
                model.active_params_b,
                "B",
                model.source,
                model.as_of,
            )
            .computed("KV bytes per token", fit.kv_bytes_per_token, "B")
            .input("GPUs per replica n", f64::from(g.gpus_per_replica), "GPUs")
            .computed("batch B", e.batch, "sequences")
            .computed(
                "max concurrent sequences (KV room)",
                e.max_concurrency,
                "sequences",
            )
            .computed(
                "mean context L",
                t0.input_tokens + t0.output_tokens / 2.0,
                "tokens",
            )
            .cataloged(
                "e_bw",
                e.e_bw,
                "share",
                "calibrated on a measured Llama 3.1 8B run on one H100 SXM (README: Where the numbers come from)",
                "2026-11-27",
            )
            .cataloged(
                "e_c",
                e.e_compute,
                "share",
                "calibrated on a measured Llama 3.1 8B run on one H100 SXM (README: Where the numbers come from)",
                "2026-11-27",
            )
            .computed("decode step", e.step_ms, "ms")
            .computed("per-stream speed", e.per_stream_tok_s, "tok/s")
            .computed("prefill per request", e.prefill_s, "s");
            with_prefilled(ex, g, t0)
        }
        ThroughputSource::Typed {
            output_tokens_per_s,
        } => Explained::new(
            tok_s,
            "output tok/s per replica",
            formulas::THROUGHPUT_TYPED,
        )
        .input("typed throughput", *output_tokens_per_s, "tok/s"),
        ThroughputSource::Benchmark {
            output_tokens_per_s,
            input_tokens,
            output_tokens,
            label,
            ..
        } => {
            // The two factors between the run's seconds per request and this task type's:
            // the run's hardware to this configuration's (1 on the same), then the shape.
            let measured_s = output_tokens / output_tokens_per_s;
            let hardware = sh.run_scale.as_ref().map_or(1.0, |(k, _)| *k);
            let shape = sec / (measured_s * hardware);
            let ex = Explained::new(
                tok_s,
                "output tok/s per replica",
                formulas::THROUGHPUT_BENCHMARK,
            )
            .sourced(
                "measured throughput",
                *output_tokens_per_s,
                "tok/s",
                format!("benchmark {label}"),
            )
            // The run is named once, with the throughput; its shape is the same run's.
            .sourced(
                "benchmark input tokens",
                *input_tokens,
                "tokens",
                "the same benchmark run",
            )
            .sourced(
                "benchmark output tokens",
                *output_tokens,
                "tokens",
                "the same benchmark run",
            )
            .input("workload input tokens", t0.input_tokens, "tokens")
            .input("workload output tokens", t0.output_tokens, "tokens")
            .computed("measured seconds per request", measured_s, "s");
            let ex = match &sh.run_scale {
                Some((k, what)) => ex.computed(
                    format!("hardware scale, {what} (estimator's ratio of seconds per request)"),
                    *k,
                    "x",
                ),
                None => ex,
            };
            let ex = ex
                .computed(
                    "cost ratio, workload shape / benchmark shape (estimator)",
                    shape,
                    "x",
                )
                .computed("seconds per workload request", sec, "s");
            // The workload's side of the ratio prefills only what the cache does not hold.
            with_prefilled(ex, g, t0)
        }
    })
}

/// `ex` with the prompt tokens a request computes, where prefix caching is on.
fn with_prefilled(
    ex: Explained,
    g: &crate::scenario::GpuConfig,
    t: &crate::scenario::TaskType,
) -> Explained {
    if g.prefix_caching {
        ex.computed(formulas::PREFILLED, g.prefilled_tokens(t), "tokens")
    } else {
        ex
    }
}
