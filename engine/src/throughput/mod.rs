//! Throughput estimate and physical bound: decode is bound by memory bandwidth, prefill
//! by compute.

use crate::catalog::{GpuEntry, ModelEntry};
use crate::scenario::Precision;
use serde::{Deserialize, Serialize};

/// Calibrated on a measured Llama-3.1-8B-shaped run on one H100 SXM (2026-11-27; README,
/// "Where the numbers come from"): decode reads weights + KV at 2.09-2.29 TB/s of the
/// H100 SXM's 3.35 TB/s (mean 0.66); prefill runs at 571-590 of 989 dense TFLOP/s (0.59).
pub const DEFAULT_E_BW: f64 = 0.66;
pub const DEFAULT_E_COMPUTE: f64 = 0.59;
/// Share of VRAM the serving engine may use (vLLM's gpu_memory_utilization default).
pub const MEMORY_FRACTION: f64 = 0.9;
/// Runtime overhead per GPU (CUDA context, activations, graphs), GB.
pub const RUNTIME_OVERHEAD_GB: f64 = 1.5;
/// KV cache bytes per element (bf16/fp16 cache, the serving default).
pub const KV_BYTES: f64 = 2.0;

#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Fit {
    pub weights_gb: f64,
    pub kv_bytes_per_token: f64,
    pub usable_vram_gb: f64,
    /// KV room left after weights and runtime; negative when the model does not fit.
    pub kv_room_gb: f64,
    pub fits: bool,
}

impl Fit {
    pub fn message(&self) -> String {
        if self.fits {
            format!(
                "fits with {:.1} GB to spare for the KV cache",
                self.kv_room_gb
            )
        } else if -self.kv_room_gb < 0.05 {
            "does not fit: it fills the memory with no room left for a KV cache".to_string()
        } else {
            format!("does not fit by {:.1} GB", -self.kv_room_gb)
        }
    }
}

pub fn fit(gpu: &GpuEntry, model: &ModelEntry, precision: Precision, n_gpus: u32) -> Fit {
    let n = f64::from(n_gpus);
    let weights_gb = model.params_b * precision.bytes_per_param();
    let kv_bytes_per_token = 2.0
        * f64::from(model.layers)
        * f64::from(model.kv_heads)
        * f64::from(model.head_dim)
        * KV_BYTES;
    let usable_vram_gb = n * gpu.vram_gb * MEMORY_FRACTION;
    let kv_room_gb = usable_vram_gb - weights_gb - n * RUNTIME_OVERHEAD_GB;
    Fit {
        weights_gb,
        kv_bytes_per_token,
        usable_vram_gb,
        kv_room_gb,
        fits: kv_room_gb > 0.0,
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Estimate {
    /// Sequences decoded together.
    pub batch: f64,
    /// Most sequences of this shape the KV room holds.
    pub max_concurrency: f64,
    pub step_ms: f64,
    /// Of the step, tensor-parallel communication.
    pub comm_ms: f64,
    /// Aggregate decode tokens/s at `batch`.
    pub decode_tok_s: f64,
    pub per_stream_tok_s: f64,
    pub prefill_s: f64,
    /// Replica-seconds one request of this shape costs (prefill + its share of batched decode).
    pub seconds_per_request: f64,
    /// Output tokens/s one replica sustains on requests of this shape.
    pub output_tok_s: f64,
    pub bandwidth_bound: bool,
    pub e_bw: f64,
    pub e_compute: f64,
}

fn flops(gpu: &GpuEntry, precision: Precision) -> f64 {
    dense_tflops(gpu, precision).0 * 1e12
}

/// The dense TFLOP/s the matmuls run at, and the tensor cores' format: fp8 weights use
/// fp8 tensor cores where the GPU has them; weight-only int8/4-bit dequantise to bf16.
pub fn dense_tflops(gpu: &GpuEntry, precision: Precision) -> (f64, &'static str) {
    match (precision, gpu.fp8_tflops) {
        (Precision::Fp8, Some(f8)) => (f8, "fp8"),
        _ => (gpu.bf16_tflops, "bf16"),
    }
}

/// One replica as a roofline: what a decode step and a prefill cost at a batch and
/// context. Tensor parallelism over `n_gpus` adds two all-reduces per layer (Megatron-LM,
/// Shoeybi et al. 2019, section 3) over the catalog's link between the GPUs.
#[derive(Clone, Copy, Debug)]
pub struct Replica {
    pub fit: Fit,
    /// Effective memory bandwidth and compute of the whole replica, bytes/s and FLOP/s.
    pub bw: f64,
    pub flops: f64,
    w_total: f64,
    w_active: f64,
    active_params: f64,
    layers: f64,
    hidden: f64,
    n: f64,
    link: Option<crate::catalog::LinkEntry>,
}

/// One decode step's time, in seconds, by part.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Step {
    pub memory: f64,
    pub compute: f64,
    /// Tensor-parallel all-reduces (0 on one GPU).
    pub comm: f64,
}

impl Step {
    pub fn total(&self) -> f64 {
        self.memory.max(self.compute) + self.comm
    }
    pub fn bandwidth_bound(&self) -> bool {
        self.memory >= self.compute
    }
}

impl Replica {
    /// Every number the step and prefill times depend on, as bits: a memo key.
    pub fn key(&self) -> [u64; 12] {
        let (gbs, us) = self
            .link
            .map_or((0.0, 0.0), |l| (l.gbs_per_direction, l.latency_us));
        [
            self.bw,
            self.flops,
            self.w_total,
            self.w_active,
            self.active_params,
            self.layers,
            self.hidden,
            self.n,
            gbs,
            us,
            self.fit.kv_room_gb,
            self.fit.kv_bytes_per_token,
        ]
        .map(f64::to_bits)
    }

    /// The replica, or `None` when the model's weights do not fit. `link` is the link
    /// between its GPUs (`None`: no communication cost, the physical bound).
    pub fn new(
        gpu: &GpuEntry,
        model: &ModelEntry,
        precision: Precision,
        n_gpus: u32,
        e_bw: f64,
        e_c: f64,
        link: Option<crate::catalog::LinkEntry>,
    ) -> Option<Replica> {
        let f = fit(gpu, model, precision, n_gpus);
        if !f.fits {
            return None;
        }
        let n = f64::from(n_gpus);
        Some(Replica {
            fit: f,
            bw: n * gpu.bandwidth_gbs * 1e9 * e_bw,
            flops: n * flops(gpu, precision) * e_c,
            w_total: f.weights_gb * 1e9,
            w_active: model.active_params_b * precision.bytes_per_param() * 1e9,
            active_params: model.active_params_b * 1e9,
            layers: f64::from(model.layers),
            hidden: f64::from(model.hidden),
            n,
            link,
        })
    }

    /// Most sequences of `prompt + output` tokens the KV room holds at once.
    pub fn max_concurrency(&self, prompt: f64, output: f64) -> f64 {
        (self.fit.kv_room_gb * 1e9 / (self.fit.kv_bytes_per_token * (prompt + output).max(1.0)))
            .floor()
    }

    /// Two all-reduces per layer of `tokens` activations (bf16), ring cost
    /// `latency + 2(n-1)/n x bytes / bandwidth` (NCCL's bus-bandwidth model).
    pub fn all_reduce_s(&self, tokens: f64) -> f64 {
        match self.link {
            Some(l) if self.n > 1.0 => {
                let bytes = tokens * self.hidden * 2.0;
                let bw = l.gbs_per_direction * 1e9 * crate::catalog::ALL_REDUCE_EFFICIENCY;
                2.0 * self.layers
                    * (l.latency_us * 1e-6 + 2.0 * (self.n - 1.0) / self.n * bytes / bw)
            }
            _ => 0.0,
        }
    }

    /// One decode step of `batch` sequences at mean context `context` tokens.
    pub fn step(&self, batch: f64, context: f64) -> Step {
        // MoE: a step reads the experts its batch touches: the active ones at batch 1,
        // and the expected share of all of them when `b` tokens each pick an active
        // share `a` independently, `1 - (1 - a)^b` (dense models: a = 1, all of them).
        let a = (self.w_active / self.w_total).clamp(0.0, 1.0);
        let touched = 1.0 - (1.0 - a).powf(batch.max(1.0));
        let weights_read = self.w_total * touched;
        Step {
            memory: (weights_read + batch * context * self.fit.kv_bytes_per_token) / self.bw,
            compute: 2.0 * self.active_params * batch / self.flops,
            comm: self.all_reduce_s(batch),
        }
    }

    /// Prefill of one prompt of `prompt` tokens: compute-bound, plus its all-reduces.
    pub fn prefill_s(&self, prompt: f64) -> f64 {
        2.0 * self.active_params * prompt / self.flops + self.all_reduce_s(prompt)
    }
}

/// Decode and prefill at the request shape (`prompt`, `output` tokens), or `None` when
/// the model does not fit or one sequence of this shape has no room. `link` as in
/// [`Replica::new`].
#[allow(clippy::too_many_arguments)]
pub fn estimate_linked(
    gpu: &GpuEntry,
    model: &ModelEntry,
    precision: Precision,
    n_gpus: u32,
    (prompt, prefill): (f64, f64),
    output: f64,
    max_batch: f64,
    e_bw: f64,
    e_c: f64,
    link: Option<crate::catalog::LinkEntry>,
) -> Option<Estimate> {
    let r = Replica::new(gpu, model, precision, n_gpus, e_bw, e_c, link)?;
    let max_concurrency = r.max_concurrency(prompt, output);
    if max_concurrency < 1.0 {
        return None;
    }
    let batch = max_concurrency.min(max_batch);
    let st = r.step(batch, prompt + output / 2.0);
    let step = st.total();
    let decode_tok_s = batch / step;
    // The KV cache holds the whole prompt; only its uncached part is computed.
    let prefill_s = r.prefill_s(prefill);
    let seconds_per_request = prefill_s + output / decode_tok_s;
    Some(Estimate {
        batch,
        max_concurrency,
        step_ms: step * 1e3,
        comm_ms: st.comm * 1e3,
        decode_tok_s,
        per_stream_tok_s: 1.0 / step,
        prefill_s,
        seconds_per_request,
        output_tok_s: output / seconds_per_request,
        bandwidth_bound: st.bandwidth_bound(),
        e_bw,
        e_compute: e_c,
    })
}

/// [`estimate_linked`] over the catalog's link between `gpu`'s GPUs.
#[allow(clippy::too_many_arguments)]
pub fn estimate(
    gpu: &GpuEntry,
    model: &ModelEntry,
    precision: Precision,
    n_gpus: u32,
    prompt: f64,
    output: f64,
    max_batch: f64,
    e_bw: f64,
    e_c: f64,
) -> Option<Estimate> {
    estimate_prefilled(
        gpu,
        model,
        precision,
        n_gpus,
        (prompt, prompt),
        output,
        max_batch,
        (e_bw, e_c),
    )
}

/// [`estimate`] where a request prefills `prefill` of its `prompt` tokens (the rest
/// comes from the prefix cache; the KV cache still holds them all).
#[allow(clippy::too_many_arguments)]
pub fn estimate_prefilled(
    gpu: &GpuEntry,
    model: &ModelEntry,
    precision: Precision,
    n_gpus: u32,
    (prompt, prefill): (f64, f64),
    output: f64,
    max_batch: f64,
    (e_bw, e_c): (f64, f64),
) -> Option<Estimate> {
    let link = crate::catalog::link(&gpu.id);
    estimate_linked(
        gpu,
        model,
        precision,
        n_gpus,
        (prompt, prefill.clamp(0.0, prompt)),
        output,
        max_batch,
        e_bw,
        e_c,
        Some(link),
    )
}

/// The most output tokens/s the hardware could make at this shape: perfect efficiency,
/// every sequence the KV room holds, no communication cost. No honest measurement
/// exceeds it.
pub fn physical_bound(
    gpu: &GpuEntry,
    model: &ModelEntry,
    precision: Precision,
    n_gpus: u32,
    (prompt, prefill): (f64, f64),
    output: f64,
) -> Option<f64> {
    estimate_linked(
        gpu,
        model,
        precision,
        n_gpus,
        (prompt, prefill.clamp(0.0, prompt)),
        output,
        f64::INFINITY,
        1.0,
        1.0,
        None,
    )
    .map(|e| e.output_tok_s)
}

#[cfg(test)]
mod tests;
