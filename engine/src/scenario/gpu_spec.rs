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
    /// Where the specs come from, then "; price: " and where the purchase price comes
    /// from (the catalog's convention; a typed source may be one text for both).
    pub source: Cow<'static, str>,
    pub as_of: Cow<'static, str>,
}

/// What separates the specs' source from the price's in [`GpuEntry::source`].
const PRICE_MARK: &str = "; price: ";

impl GpuEntry {
    /// The source of the specs (bandwidth, TFLOP/s, memory): a spec is not cited to a
    /// price quote.
    pub fn spec_source(&self) -> &str {
        self.source
            .split_once(PRICE_MARK)
            .map_or(self.source.as_ref(), |(specs, _)| specs)
    }

    /// The source of the purchase price.
    pub fn price_source(&self) -> &str {
        self.source
            .split_once(PRICE_MARK)
            .map_or(self.source.as_ref(), |(_, price)| price)
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn specs_and_price_cite_their_own_sources() {
        let a100 = crate::catalog::gpu("a100-80gb").expect("A100");
        assert_eq!(a100.spec_source(), "thundercompute.com A100 specs");
        assert_eq!(a100.price_source(), "mercatus-ai.com refurb street $8-15k");
        // Every catalog entry with a price names a source for each.
        for g in crate::catalog::GPUS {
            assert!(!g.spec_source().contains("price"), "{}", g.id);
            if g.purchase_usd.is_some() {
                assert_ne!(g.price_source(), g.source, "{}: no price source", g.id);
            }
        }
        // A typed source without the mark is both.
        let mut own = a100.clone();
        own.source = "our vendor's sheet".into();
        assert_eq!(own.spec_source(), "our vendor's sheet");
        assert_eq!(own.price_source(), "our vendor's sheet");
    }
}
