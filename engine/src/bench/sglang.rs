//! SGLang: `python -m sglang.bench_serving --output-file X.jsonl` JSON lines (s.2 of
//! `engine/tests/bench-samples/FORMATS.md`). They carry vLLM's serving keys, so vLLM's
//! serving reader reads them; its SGLang-only rules (the observed mean concurrency when
//! no limit was set, the random input/output lengths in the label) check `Format::Sglang`.
//!
//! Also SGLang's one-batch benchmarks, one record a batch size: `bench_one_batch_server`
//! (`batch_size`, `input_len`, `output_len`, `latency` in s, `output_throughput`,
//! `overall_throughput`, `last_ttft`) and the offline `bench_one_batch`
//! (`prefill_latency`, `median_decode_latency` in s, `median_decode_throughput`,
//! `total_latency`), as sglang/bench_one_batch*.py write them.

use super::lean::Lean;
use super::vllm;
use super::{ConcurrencyBasis, Format, ImportError, Run, Stat};

/// A one-batch record: a batch size, the lengths and the batch's time.
pub(super) fn is_one_batch(v: &Lean) -> bool {
    v.has("batch_size")
        && v.has("input_len")
        && v.has("output_len")
        && (v.has("latency") || v.has("total_latency"))
}

/// Every JSON line with a serving key is a run; so is every one-batch record.
pub(super) fn read(values: &[Lean]) -> Result<Vec<Run>, ImportError> {
    let records = super::common::records(values);
    if !records.is_empty() && records.iter().all(|r| is_one_batch(r)) {
        return Ok(records.iter().map(|r| one_batch(r)).collect());
    }
    vllm::read_serving(Format::Sglang, values)
}

fn one_batch(r: &Lean) -> Run {
    let batch = r.n("batch_size").filter(|b| b.is_finite() && *b >= 1.0);
    let server = r.has("latency");
    let ms = |k: &str| {
        r.n(k)
            .filter(|x| x.is_finite() && *x >= 0.0)
            .map(|s| s * 1000.0)
    };
    let name = r.s("run_name").filter(|n| n != "default");
    let label = [batch.map(|b| format!("batch {b:.0}")), name]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" · ");
    let mut notes = vec![format!(
        "one static batch: {} requests sent together, each {} tokens in and {} out; concurrency is the batch size",
        batch.map_or("?".into(), |b| format!("{b:.0}")),
        r.n("input_len").map_or("?".into(), |x| format!("{x:.0}")),
        r.n("output_len").map_or("?".into(), |x| format!("{x:.0}")),
    )];
    // Output tokens over the batch's whole time, as a serving run's rate is: the file's
    // own `output_throughput` (server) and `median_decode_throughput` (offline) are the
    // decoding steps' rates, without the prefill the batch waited for first.
    let tokens = match (batch, r.n("output_len")) {
        (Some(b), Some(o)) if o.is_finite() && o > 0.0 => Some(b * o),
        _ => None,
    };
    let (stated, ttft, tpot, duration, framework) = if server {
        if let Some(t) = r.n("last_ttft").filter(|x| x.is_finite()) {
            notes.push(format!("last_ttft ({t:.3} s) is the batch's last request's first token, not a TTFT a request waits at this load: not taken as one"));
        }
        (
            r.n("output_throughput"),
            None,
            None,
            r.n("latency"),
            "SGLang (bench_one_batch_server)",
        )
    } else {
        (
            r.n("median_decode_throughput"),
            ms("prefill_latency"),
            ms("median_decode_latency"),
            r.n("total_latency"),
            "SGLang (bench_one_batch: the engine, no server)",
        )
    };
    let duration = duration.filter(|x| x.is_finite() && *x > 0.0);
    let output = match (tokens, duration) {
        (Some(t), Some(d)) => Some(t / d),
        _ => None,
    };
    if let (Some(x), Some(_)) = (stated.filter(|x| x.is_finite()), output) {
        notes.push(format!("output tokens/s are the batch's output tokens over its whole time; the file's {x:.2} tok/s is the decoding steps' rate alone, without the prefill first"));
    }
    Run {
        label,
        concurrency: batch,
        concurrency_basis: batch.map(|_| ConcurrencyBasis::Configured),
        input_tokens: r.n("input_len"),
        output_tokens: r.n("output_len"),
        output_tokens_per_s: output.filter(|x| x.is_finite()),
        total_tokens_per_s: r.n("overall_throughput").filter(|x| x.is_finite()),
        duration_s: duration,
        ttft_ms: Stat {
            mean: ttft,
            ..Stat::default()
        },
        tpot_ms: Stat {
            mean: tpot,
            ..Stat::default()
        },
        completed: batch.map(|b| b as u64),
        framework: Some(framework.into()),
        notes,
        ..Run::default()
    }
}
