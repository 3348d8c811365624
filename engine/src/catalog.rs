//! Built-in facts: Claude API tiers, GPUs, cloud prices and models, each with its
//! source and as-of date (read November 2026; README, "Where the numbers come from").

use serde::Serialize;
use std::borrow::Cow;

#[derive(Clone, Copy, Debug, Serialize)]
pub struct TierEntry {
    pub id: &'static str,
    pub name: &'static str,
    pub input: f64,
    pub output: f64,
    pub cache_read: f64,
    pub cache_write_5m: f64,
    pub batch_discount: f64,
    /// Long-context premium: (threshold, input x, output x), when the tier bills one.
    pub long_context: Option<(f64, f64, f64)>,
    pub quality: u8,
    /// The article's 2025 price list rather than a current tier.
    pub article: bool,
    pub source: &'static str,
    pub as_of: &'static str,
}

const PRICING_PAGE: &str = "platform.claude.com/docs/about-claude/pricing";
const GENAI_PRICES: &str = "pydantic/genai-prices prices/providers/anthropic.yml";

pub const TIERS: &[TierEntry] = &[
    TierEntry {
        id: "claude-haiku-3.5",
        name: "Claude Haiku 3.5",
        input: 0.80,
        output: 4.00,
        cache_read: 0.08,
        cache_write_5m: 1.00,
        batch_discount: 0.5,
        long_context: None,
        quality: 1,
        article: true,
        source: GENAI_PRICES,
        as_of: "2025-06-22",
    },
    TierEntry {
        id: "claude-sonnet-3.5",
        name: "Claude Sonnet 3.5",
        input: 3.00,
        output: 15.00,
        cache_read: 0.30,
        cache_write_5m: 3.75,
        batch_discount: 0.5,
        long_context: None,
        quality: 2,
        article: true,
        source: GENAI_PRICES,
        as_of: "2025-06-22",
    },
    TierEntry {
        id: "claude-opus-4",
        name: "Claude Opus 4",
        input: 15.00,
        output: 75.00,
        cache_read: 1.50,
        cache_write_5m: 18.75,
        batch_discount: 0.5,
        long_context: None,
        quality: 3,
        article: true,
        source: PRICING_PAGE,
        as_of: "2026-11-01",
    },
    TierEntry {
        id: "claude-haiku-4.5",
        name: "Claude Haiku 4.5",
        input: 1.00,
        output: 5.00,
        cache_read: 0.10,
        cache_write_5m: 1.25,
        batch_discount: 0.5,
        long_context: None,
        quality: 1,
        article: false,
        source: PRICING_PAGE,
        as_of: "2026-11-01",
    },
    TierEntry {
        id: "claude-sonnet-4.5",
        name: "Claude Sonnet 4.5",
        input: 3.00,
        output: 15.00,
        cache_read: 0.30,
        cache_write_5m: 3.75,
        batch_discount: 0.5,
        long_context: Some((200_000.0, 2.0, 1.5)),
        quality: 2,
        article: false,
        source: PRICING_PAGE,
        as_of: "2026-11-01",
    },
    TierEntry {
        id: "claude-sonnet-4.6",
        name: "Claude Sonnet 4.6",
        input: 3.00,
        output: 15.00,
        cache_read: 0.30,
        cache_write_5m: 3.75,
        batch_discount: 0.5,
        long_context: None,
        quality: 2,
        article: false,
        source: PRICING_PAGE,
        as_of: "2026-11-01",
    },
    TierEntry {
        id: "claude-opus-4.6",
        name: "Claude Opus 4.6",
        input: 5.00,
        output: 25.00,
        cache_read: 0.50,
        cache_write_5m: 6.25,
        batch_discount: 0.5,
        long_context: None,
        quality: 3,
        article: false,
        source: PRICING_PAGE,
        as_of: "2026-11-01",
    },
];

/// A GPU's specs: document data, defined with the scenario (which carries custom ones).
pub use crate::scenario::GpuEntry;

pub const GPUS: &[GpuEntry] = &[
    GpuEntry { id: Cow::Borrowed("a10g"), name: Cow::Borrowed("NVIDIA A10G 24 GB"), vram_gb: 24.0, bandwidth_gbs: 600.0, bf16_tflops: 125.0, fp8_tflops: None, tdp_w: 150.0, purchase_usd: None, source: Cow::Borrowed("baseten.co A10 vs A10G (24 GB, 600 GB/s); TFLOP/s and TDP of the A10 (A10G's not published)"), as_of: Cow::Borrowed("2026-11") },
    GpuEntry { id: Cow::Borrowed("l4"), name: Cow::Borrowed("NVIDIA L4 24 GB"), vram_gb: 24.0, bandwidth_gbs: 300.0, bf16_tflops: 121.0, fp8_tflops: Some(242.5), tdp_w: 72.0, purchase_usd: None, source: Cow::Borrowed("winston-zhang-orz/gpu-specs; grokipedia NVIDIA L4 vs L40S"), as_of: Cow::Borrowed("2026-11") },
    GpuEntry { id: Cow::Borrowed("l40s"), name: Cow::Borrowed("NVIDIA L40S 48 GB"), vram_gb: 48.0, bandwidth_gbs: 864.0, bf16_tflops: 362.05, fp8_tflops: Some(733.0), tdp_w: 350.0, purchase_usd: None, source: Cow::Borrowed("NVIDIA L40/L40S datasheet table (mullet.se)"), as_of: Cow::Borrowed("2026-11") },
    GpuEntry { id: Cow::Borrowed("a100-40gb"), name: Cow::Borrowed("NVIDIA A100 40 GB"), vram_gb: 40.0, bandwidth_gbs: 1555.0, bf16_tflops: 312.0, fp8_tflops: None, tdp_w: 400.0, purchase_usd: None, source: Cow::Borrowed("thundercompute.com A100 specs; glennklockwood.com A100"), as_of: Cow::Borrowed("2026-11") },
    GpuEntry { id: Cow::Borrowed("a100-80gb"), name: Cow::Borrowed("NVIDIA A100 80 GB SXM"), vram_gb: 80.0, bandwidth_gbs: 2039.0, bf16_tflops: 312.0, fp8_tflops: None, tdp_w: 400.0, purchase_usd: Some(12_000.0), source: Cow::Borrowed("thundercompute.com A100 specs; price: mercatus-ai.com refurb street $8-15k"), as_of: Cow::Borrowed("2026-11") },
    GpuEntry { id: Cow::Borrowed("h100-pcie"), name: Cow::Borrowed("NVIDIA H100 PCIe 80 GB"), vram_gb: 80.0, bandwidth_gbs: 2000.0, bf16_tflops: 756.5, fp8_tflops: Some(1513.0), tdp_w: 350.0, purchase_usd: Some(25_000.0), source: Cow::Borrowed("NVIDIA H100 PCIe product brief PB-11133-001; price: host360.ai 2026 guide"), as_of: Cow::Borrowed("2026-11") },
    GpuEntry { id: Cow::Borrowed("h100-sxm"), name: Cow::Borrowed("NVIDIA H100 SXM 80 GB"), vram_gb: 80.0, bandwidth_gbs: 3350.0, bf16_tflops: 989.4, fp8_tflops: Some(1978.9), tdp_w: 700.0, purchase_usd: Some(27_500.0), source: Cow::Borrowed("glennklockwood.com H100; codesota.com H100; price: awesomeagents.ai $25-30k"), as_of: Cow::Borrowed("2026-11") },
    GpuEntry { id: Cow::Borrowed("h200"), name: Cow::Borrowed("NVIDIA H200 SXM 141 GB"), vram_gb: 141.0, bandwidth_gbs: 4800.0, bf16_tflops: 989.0, fp8_tflops: Some(1979.0), tdp_w: 700.0, purchase_usd: None, source: Cow::Borrowed("citsjtu2020/LLM-Prof hardware_spec.md; saulelectric.com H200"), as_of: Cow::Borrowed("2026-11") },
    GpuEntry { id: Cow::Borrowed("rtx-4090"), name: Cow::Borrowed("NVIDIA RTX 4090 24 GB"), vram_gb: 24.0, bandwidth_gbs: 1008.0, bf16_tflops: 165.2, fp8_tflops: Some(330.3), tdp_w: 450.0, purchase_usd: Some(1_599.0), source: Cow::Borrowed("waredb.com RTX 4090 (FP32-accumulate rates); price: tomshardware launch MSRP"), as_of: Cow::Borrowed("2026-11") },
    GpuEntry { id: Cow::Borrowed("rtx-5090"), name: Cow::Borrowed("NVIDIA RTX 5090 32 GB"), vram_gb: 32.0, bandwidth_gbs: 1792.0, bf16_tflops: 209.5, fp8_tflops: Some(838.0), tdp_w: 575.0, purchase_usd: Some(1_999.0), source: Cow::Borrowed("spheron.network RTX 5090 specs (bf16 with FP32 accumulate is an estimate)"), as_of: Cow::Borrowed("2026-11") },
    GpuEntry { id: Cow::Borrowed("rtx-a6000"), name: Cow::Borrowed("NVIDIA RTX A6000 48 GB"), vram_gb: 48.0, bandwidth_gbs: 768.0, bf16_tflops: 149.7, fp8_tflops: None, tdp_w: 300.0, purchase_usd: Some(4_649.0), source: Cow::Borrowed("servethehome.com RTX A6000; TFLOP/s of the A40 (same GA102); launch price"), as_of: Cow::Borrowed("2026-11") },
    GpuEntry { id: Cow::Borrowed("mi300x"), name: Cow::Borrowed("AMD Instinct MI300X 192 GB"), vram_gb: 192.0, bandwidth_gbs: 5300.0, bf16_tflops: 1300.0, fp8_tflops: Some(2600.0), tdp_w: 750.0, purchase_usd: Some(12_500.0), source: Cow::Borrowed("jaredwatkins.com MI300 series; aiwiki.ai; price: awesomeagents.ai $10-15k street"), as_of: Cow::Borrowed("2026-11") },
];

#[derive(Clone, Copy, Debug, Serialize)]
pub struct CloudPriceEntry {
    pub provider: &'static str,
    pub gpu: &'static str,
    pub on_demand: Option<f64>,
    pub spot: Option<f64>,
    pub source: &'static str,
    pub as_of: &'static str,
}

const SILYBENCH: &str = "tgarg01/silybench-data gpu_prices.csv";

pub const CLOUD_PRICES: &[CloudPriceEntry] = &[
    CloudPriceEntry {
        provider: "RunPod",
        gpu: "h100-sxm",
        on_demand: Some(3.49),
        spot: Some(2.69),
        source: SILYBENCH,
        as_of: "2026-09-25",
    },
    CloudPriceEntry {
        provider: "RunPod",
        gpu: "h100-pcie",
        on_demand: Some(2.89),
        spot: Some(1.99),
        source: SILYBENCH,
        as_of: "2026-09-25",
    },
    CloudPriceEntry {
        provider: "RunPod",
        gpu: "h200",
        on_demand: Some(4.59),
        spot: Some(3.59),
        source: SILYBENCH,
        as_of: "2026-09-25",
    },
    CloudPriceEntry {
        provider: "RunPod",
        gpu: "a100-80gb",
        on_demand: Some(1.59),
        spot: Some(1.39),
        source: SILYBENCH,
        as_of: "2026-09-25",
    },
    CloudPriceEntry {
        provider: "RunPod",
        gpu: "l40s",
        on_demand: Some(1.09),
        spot: Some(0.79),
        source: SILYBENCH,
        as_of: "2026-09-25",
    },
    CloudPriceEntry {
        provider: "RunPod",
        gpu: "rtx-4090",
        on_demand: Some(0.74),
        spot: Some(0.34),
        source: SILYBENCH,
        as_of: "2026-09-25",
    },
    CloudPriceEntry {
        provider: "RunPod",
        gpu: "l4",
        on_demand: Some(0.44),
        spot: None,
        source: "skypilot-org/skypilot-catalog v7 runpod/vms.csv",
        as_of: "undated",
    },
    CloudPriceEntry {
        provider: "RunPod",
        gpu: "rtx-a6000",
        on_demand: Some(0.49),
        spot: Some(0.33),
        source: "skypilot-org/skypilot-catalog v7 runpod/vms.csv",
        as_of: "undated",
    },
    CloudPriceEntry {
        provider: "RunPod",
        gpu: "mi300x",
        on_demand: Some(2.49),
        spot: None,
        source: "skypilot-org/skypilot-catalog v7 runpod/vms.csv",
        as_of: "undated",
    },
    CloudPriceEntry {
        provider: "Lambda",
        gpu: "h100-sxm",
        on_demand: Some(4.29),
        spot: None,
        source: SILYBENCH,
        as_of: "2026-09-25",
    },
    CloudPriceEntry {
        provider: "Lambda",
        gpu: "h100-pcie",
        on_demand: Some(3.29),
        spot: None,
        source: SILYBENCH,
        as_of: "2026-09-25",
    },
    CloudPriceEntry {
        provider: "Lambda",
        gpu: "a100-40gb",
        on_demand: Some(1.99),
        spot: None,
        source: SILYBENCH,
        as_of: "2026-09-25",
    },
    CloudPriceEntry {
        provider: "Lambda",
        gpu: "a100-80gb",
        on_demand: Some(2.79),
        spot: None,
        source: SILYBENCH,
        as_of: "2026-09-25",
    },
    CloudPriceEntry {
        provider: "AWS",
        gpu: "a10g",
        on_demand: Some(1.006),
        spot: None,
        source: "factualminds.com EC2 on-demand pricing 2026 (g5.xlarge, us-east-1)",
        as_of: "2026-06",
    },
    CloudPriceEntry {
        provider: "AWS",
        gpu: "a100-40gb",
        on_demand: Some(2.7447),
        spot: None,
        source: "datareceipts hyperscalers.json (p4d.24xlarge / 8)",
        as_of: "2026-11-09",
    },
    CloudPriceEntry {
        provider: "AWS",
        gpu: "a100-80gb",
        on_demand: Some(3.4309),
        spot: None,
        source: "datareceipts hyperscalers.json (p4de.24xlarge / 8)",
        as_of: "2026-11-09",
    },
    CloudPriceEntry {
        provider: "AWS",
        gpu: "h100-sxm",
        on_demand: Some(6.88),
        spot: Some(2.25),
        source: "datareceipts hyperscalers.json (p5.48xlarge / 8); spot: costnimbus.com",
        as_of: "2026-11-09",
    },
    CloudPriceEntry {
        provider: "GCP",
        gpu: "h100-sxm",
        on_demand: Some(10.9791),
        spot: Some(6.571),
        source: "silybench gpu_prices.csv (a3-highgpu-1g incl. host, us-central1)",
        as_of: "2026-09-26",
    },
    CloudPriceEntry {
        provider: "GCP",
        gpu: "l4",
        on_demand: Some(0.75),
        spot: None,
        source: "costnimbus.com (g2-standard-4, ~0.70-0.80)",
        as_of: "2026-03",
    },
];

#[derive(Clone, Copy, Debug, Serialize)]
pub struct ModelEntry {
    pub id: &'static str,
    pub name: &'static str,
    /// Billions of parameters.
    pub params_b: f64,
    pub active_params_b: f64,
    pub layers: u32,
    pub kv_heads: u32,
    pub head_dim: u32,
    pub context: u32,
    pub quality: u8,
    pub source: &'static str,
    pub as_of: &'static str,
}

pub const MODELS: &[ModelEntry] = &[
    ModelEntry {
        id: "llama-3.1-8b",
        name: "Llama 3.1 8B",
        params_b: 8.03,
        active_params_b: 8.03,
        layers: 32,
        kv_heads: 8,
        head_dim: 128,
        context: 131_072,
        quality: 1,
        source: "HF config.json via citsjtu2020/LLM-Prof Model_Config.md",
        as_of: "2026-11",
    },
    ModelEntry {
        id: "llama-3.1-70b",
        name: "Llama 3.1 70B",
        params_b: 70.55,
        active_params_b: 70.55,
        layers: 80,
        kv_heads: 8,
        head_dim: 128,
        context: 131_072,
        quality: 2,
        source: "GenZ-LLM-Analyzer meta.py; oumi llama3_1 README",
        as_of: "2026-11",
    },
    ModelEntry {
        id: "llama-3.3-70b",
        name: "Llama 3.3 70B",
        params_b: 70.55,
        active_params_b: 70.55,
        layers: 80,
        kv_heads: 8,
        head_dim: 128,
        context: 131_072,
        quality: 2,
        source: "oumi-ai/oumi llama3_3 README",
        as_of: "2026-11",
    },
    ModelEntry {
        id: "mistral-7b",
        name: "Mistral 7B v0.3",
        params_b: 7.25,
        active_params_b: 7.25,
        layers: 32,
        kv_heads: 8,
        head_dim: 128,
        context: 32_768,
        quality: 1,
        source: "GenZ mistral.py; mistralai/mistral-inference README",
        as_of: "2026-11",
    },
    ModelEntry {
        id: "mistral-nemo-12b",
        name: "Mistral Nemo 12B",
        params_b: 12.25,
        active_params_b: 12.25,
        layers: 40,
        kv_heads: 8,
        head_dim: 128,
        context: 131_072,
        quality: 1,
        source: "GenZ mistral.py (Mistral-Nemo-Base-2407)",
        as_of: "2026-11",
    },
    ModelEntry {
        id: "qwen-2.5-7b",
        name: "Qwen 2.5 7B",
        params_b: 7.62,
        active_params_b: 7.62,
        layers: 28,
        kv_heads: 4,
        head_dim: 128,
        context: 32_768,
        quality: 1,
        source: "LLM-Prof Model_Config.md (Qwen2.5 config)",
        as_of: "2026-11",
    },
    ModelEntry {
        id: "qwen-2.5-72b",
        name: "Qwen 2.5 72B",
        params_b: 72.7,
        active_params_b: 72.7,
        layers: 80,
        kv_heads: 8,
        head_dim: 128,
        context: 32_768,
        quality: 2,
        source: "Qwen2.5-72B-Instruct config.json; GenZ alibaba.py",
        as_of: "2026-11",
    },
    ModelEntry {
        id: "qwen3-8b",
        name: "Qwen3 8B",
        params_b: 8.19,
        active_params_b: 8.19,
        layers: 36,
        kv_heads: 8,
        head_dim: 128,
        context: 40_960,
        quality: 1,
        source: "LLM-Prof Model_Config.md",
        as_of: "2026-11",
    },
    ModelEntry {
        id: "qwen3-32b",
        name: "Qwen3 32B",
        params_b: 32.8,
        active_params_b: 32.8,
        layers: 64,
        kv_heads: 8,
        head_dim: 128,
        context: 40_960,
        quality: 2,
        source: "LLM-Prof Model_Config.md",
        as_of: "2026-11",
    },
    ModelEntry {
        id: "qwen3-30b-a3b",
        name: "Qwen3 30B-A3B (MoE)",
        params_b: 30.5,
        active_params_b: 3.35,
        layers: 48,
        kv_heads: 4,
        head_dim: 128,
        context: 40_960,
        quality: 2,
        source: "LLM-Prof Model_Config.md",
        as_of: "2026-11",
    },
    ModelEntry {
        id: "gpt-oss-20b",
        name: "gpt-oss-20b (MoE)",
        params_b: 21.0,
        active_params_b: 3.6,
        layers: 24,
        kv_heads: 8,
        head_dim: 64,
        context: 131_072,
        quality: 1,
        source: "tinygrad gpt_oss.py config; oumi gpt_oss README",
        as_of: "2026-11",
    },
    ModelEntry {
        id: "gpt-oss-120b",
        name: "gpt-oss-120b (MoE)",
        params_b: 117.0,
        active_params_b: 5.1,
        layers: 36,
        kv_heads: 8,
        head_dim: 64,
        context: 131_072,
        quality: 2,
        source: "openai/gpt-oss jax/config.py; oumi gpt_oss README",
        as_of: "2026-11",
    },
];

pub fn tier(id: &str) -> Option<&'static TierEntry> {
    TIERS.iter().find(|t| t.id == id)
}
pub fn gpu(id: &str) -> Option<&'static GpuEntry> {
    GPUS.iter().find(|g| g.id == id)
}
/// A scenario's own GPU (custom catalog entry) or, failing that, the built-in one.
pub fn gpu_in<'a>(s: &'a crate::scenario::Scenario, id: &str) -> Option<&'a GpuEntry> {
    s.custom_gpus
        .iter()
        .find(|g| g.id == id)
        .or_else(|| gpu(id))
}
pub fn model(id: &str) -> Option<&'static ModelEntry> {
    MODELS.iter().find(|m| m.id == id)
}
/// The catalog's `kind` quote of `provider` for `gpu_id`.
pub fn quote_of(
    gpu_id: &str,
    provider: &str,
    kind: crate::scenario::PriceKind,
) -> Option<crate::scenario::Quote> {
    use crate::scenario::PriceKind;
    let e = cloud_prices_for(gpu_id).find(|e| e.provider == provider)?;
    let price = match kind {
        PriceKind::OnDemand => e.on_demand,
        PriceKind::Spot => e.spot,
        PriceKind::Reserved => None,
    }?;
    Some(crate::scenario::Quote {
        provider: e.provider.to_string(),
        kind,
        hourly_usd: price,
        source: e.source.to_string(),
        as_of: e.as_of.to_string(),
    })
}

/// The cheapest spot quote for `gpu_id` in the catalog.
pub fn cheapest_spot(gpu_id: &str) -> Option<crate::scenario::Quote> {
    cloud_prices_for(gpu_id)
        .filter_map(|e| e.spot.map(|p| (e, p)))
        .min_by(|a, b| a.1.total_cmp(&b.1))
        .and_then(|(e, _)| quote_of(gpu_id, e.provider, crate::scenario::PriceKind::Spot))
}

/// The cheapest on-demand quote for `gpu_id` in the catalog.
pub fn cheapest_on_demand(gpu_id: &str) -> Option<crate::scenario::Quote> {
    cloud_prices_for(gpu_id)
        .filter_map(|e| e.on_demand.map(|p| (e, p)))
        .min_by(|a, b| a.1.total_cmp(&b.1))
        .map(|(e, p)| crate::scenario::Quote {
            provider: e.provider.to_string(),
            kind: crate::scenario::PriceKind::OnDemand,
            hourly_usd: p,
            source: e.source.to_string(),
            as_of: e.as_of.to_string(),
        })
}

pub fn cloud_prices_for(gpu_id: &str) -> impl Iterator<Item = &'static CloudPriceEntry> + '_ {
    CLOUD_PRICES.iter().filter(move |p| p.gpu == gpu_id)
}

impl TierEntry {
    /// A scenario tier filled from this catalog entry.
    pub fn to_tier(&self) -> crate::scenario::ApiTier {
        let (th, mi, mo) = match self.long_context {
            Some((t, i, o)) => (Some(t), i, o),
            None => (None, 1.0, 1.0),
        };
        crate::scenario::ApiTier {
            catalog_id: Some(self.id.to_string()),
            name: self.name.to_string(),
            provider: "Anthropic".into(),
            input_per_mtok: self.input,
            output_per_mtok: self.output,
            cache_read_per_mtok: self.cache_read,
            cache_write_per_mtok: self.cache_write_5m,
            batch_discount: self.batch_discount,
            long_context_threshold: th,
            long_context_input_multiplier: mi,
            long_context_output_multiplier: mo,
            quality: self.quality,
            source: self.source.to_string(),
            as_of: self.as_of.to_string(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_entry_has_a_source_and_date_and_sane_numbers() {
        for t in TIERS {
            assert!(!t.source.is_empty() && !t.as_of.is_empty(), "{}", t.id);
            assert!(t.output > t.input && t.cache_read < t.input, "{}", t.id);
        }
        for g in GPUS {
            assert!(!g.source.is_empty() && !g.as_of.is_empty(), "{}", g.id);
            assert!(g.vram_gb > 0.0 && g.bandwidth_gbs > 0.0 && g.bf16_tflops > 0.0);
            if let Some(f8) = g.fp8_tflops {
                assert!(f8 >= g.bf16_tflops, "{}: fp8 below bf16", g.id);
            }
        }
        for m in MODELS {
            assert!(m.active_params_b <= m.params_b, "{}", m.id);
        }
        for p in CLOUD_PRICES {
            assert!(
                gpu(p.gpu).is_some(),
                "cloud price names unknown gpu {}",
                p.gpu
            );
        }
    }

    #[test]
    fn ids_are_unique() {
        let mut ids: Vec<&str> = TIERS
            .iter()
            .map(|t| t.id)
            .chain(GPUS.iter().map(|g| g.id.as_ref()))
            .chain(MODELS.iter().map(|m| m.id))
            .collect();
        let n = ids.len();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), n);
    }

    #[test]
    fn kv_bytes_per_token_matches_reference_table() {
        // 2 x layers x KV heads x head dim x 2 bytes: Llama 3.1 8B = 131,072 B/token,
        // 70B = 327,680, Qwen2.5 7B = 57,344.
        let kv = |id: &str| {
            let m = model(id).expect("model");
            2 * m.layers * m.kv_heads * m.head_dim * 2
        };
        assert_eq!(kv("llama-3.1-8b"), 131_072);
        assert_eq!(kv("llama-3.1-70b"), 327_680);
        assert_eq!(kv("qwen-2.5-7b"), 57_344);
    }
}
