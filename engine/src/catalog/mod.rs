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
    GpuEntry { id: Cow::Borrowed("rtx-5090"), name: Cow::Borrowed("NVIDIA RTX 5090 32 GB"), vram_gb: 32.0, bandwidth_gbs: 1792.0, bf16_tflops: 209.5, fp8_tflops: Some(838.0), tdp_w: 575.0, purchase_usd: Some(1_999.0), source: Cow::Borrowed("spheron.network RTX 5090 specs (bf16 with FP32 accumulate is an estimate); price: nodeninja.top launch price (low-authority source)"), as_of: Cow::Borrowed("2026-11") },
    GpuEntry { id: Cow::Borrowed("rtx-a6000"), name: Cow::Borrowed("NVIDIA RTX A6000 48 GB"), vram_gb: 48.0, bandwidth_gbs: 768.0, bf16_tflops: 149.7, fp8_tflops: None, tdp_w: 300.0, purchase_usd: Some(4_649.0), source: Cow::Borrowed("servethehome.com RTX A6000; TFLOP/s of the A40 (same GA102); price: sysrqmts.com A6000 launch price"), as_of: Cow::Borrowed("2026-11") },
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

mod links;
mod models;

pub use links::*;
pub use models::*;

mod lookup;

pub use lookup::*;
