//! A GPU's specs, as the catalog lists them and as a scenario carries a private SKU.

use serde::{Deserialize, Serialize};
use std::borrow::Cow;

/// A GPU's specs. Catalog entries are static; a scenario may carry its own (a private
/// SKU from the team's custom catalog), with the same fields.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct GpuEntry {
    pub id: Cow<'static, str>,
    pub name: Cow<'static, str>,
    pub vram_gb: f64,
    pub bandwidth_gbs: f64,
    /// Dense (no sparsity) tensor TFLOP/s.
    pub bf16_tflops: f64,
    pub fp8_tflops: Option<f64>,
    pub tdp_w: f64,
    pub purchase_usd: Option<f64>,
    pub source: Cow<'static, str>,
    pub as_of: Cow<'static, str>,
}
