//! Lookups in the catalog: by id, a scenario's own GPUs, and price quotes.

use super::*;

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

/// The catalog entry a tier was picked from, when one of its prices (input, output, cache
/// read and write, batch discount) was typed over: the tier's source then holds only for
/// the prices that still match it.
pub fn tier_typed_over(t: &crate::scenario::ApiTier) -> Option<&'static TierEntry> {
    let c = tier(t.catalog_id.as_deref()?)?;
    let f = c.to_tier();
    let changed = f.input_per_mtok != t.input_per_mtok
        || f.output_per_mtok != t.output_per_mtok
        || f.cache_read_per_mtok != t.cache_read_per_mtok
        || f.cache_write_per_mtok != t.cache_write_per_mtok
        || f.batch_discount != t.batch_discount;
    changed.then_some(c)
}

/// One of a tier's prices that the catalog also lists.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TierPrice {
    Input,
    Output,
    CacheRead,
    CacheWrite,
    BatchDiscount,
}

impl TierPrice {
    fn in_tier(self, t: &crate::scenario::ApiTier) -> f64 {
        match self {
            TierPrice::Input => t.input_per_mtok,
            TierPrice::Output => t.output_per_mtok,
            TierPrice::CacheRead => t.cache_read_per_mtok,
            TierPrice::CacheWrite => t.cache_write_per_mtok,
            TierPrice::BatchDiscount => t.batch_discount,
        }
    }
    fn unit(self) -> &'static str {
        match self {
            TierPrice::BatchDiscount => "share",
            _ => "USD/Mtok",
        }
    }
    fn in_catalog(self, c: &TierEntry) -> f64 {
        match self {
            TierPrice::Input => c.input,
            TierPrice::Output => c.output,
            TierPrice::CacheRead => c.cache_read,
            TierPrice::CacheWrite => c.cache_write_5m,
            TierPrice::BatchDiscount => c.batch_discount,
        }
    }
}

/// Where one price of a tier comes from, as every output writes it (the explanations,
/// the workbook): its source and date while it is the catalog's; "typed by the user (the
/// catalog has …)" once typed over; for a tier picked before the catalog's last update,
/// its own source with what the catalog has since.
pub fn tier_price_source(t: &crate::scenario::ApiTier, p: TierPrice) -> String {
    let (src, date) = (t.source.trim(), t.as_of.trim());
    let listed = match (src, date) {
        ("", _) => "typed by the user".to_string(),
        (s, "") => s.to_string(),
        (s, d) => format!("{s} ({d})"),
    };
    let picked = t.catalog_id.as_deref().and_then(tier);
    let v = p.in_tier(t);
    match picked {
        Some(c) if p.in_catalog(c) != v && c.as_of == t.as_of => format!(
            "typed by the user (the catalog has {} {}: {}, {})",
            crate::fmt::fmt_num(p.in_catalog(c)),
            p.unit(),
            c.source,
            c.as_of
        ),
        Some(c) if p.in_catalog(c) != v => format!(
            "{listed}; the catalog has {} {} since {}",
            crate::fmt::fmt_num(p.in_catalog(c)),
            p.unit(),
            c.as_of
        ),
        _ => listed,
    }
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
    fn each_tier_price_names_its_own_source() {
        let c = tier("claude-sonnet-4.5").expect("in the catalog");
        let mut t = c.to_tier();
        let listed = format!("{} ({})", c.source, c.as_of);
        assert_eq!(tier_price_source(&t, TierPrice::Input), listed);
        t.output_per_mtok = 6.0;
        assert_eq!(
            tier_price_source(&t, TierPrice::Output),
            format!(
                "typed by the user (the catalog has {} USD/Mtok: {}, {})",
                crate::fmt::fmt_num(c.output),
                c.source,
                c.as_of
            )
        );
        assert_eq!(tier_price_source(&t, TierPrice::Input), listed);
        // Picked before the catalog's last update: its own date, and what the catalog has.
        t.as_of = "2025-01-01".into();
        let old = tier_price_source(&t, TierPrice::Output);
        assert!(
            old.starts_with(&format!("{} (2025-01-01); the catalog has", c.source)),
            "{old}"
        );
        // A tier of the user's own: no empty date in parentheses.
        let own = crate::scenario::ApiTier {
            catalog_id: None,
            source: "our contract".into(),
            as_of: String::new(),
            ..t
        };
        assert_eq!(tier_price_source(&own, TierPrice::Input), "our contract");
    }

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
