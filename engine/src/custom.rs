//! A team's own catalog entries (a private API price, a cloud price, a GPU SKU) and
//! the checks they get before any editor is offered them: the same checks a scenario
//! gets, reported under `entry.` (the catalog page's form).

use crate::FieldError;
use serde::{Deserialize, Serialize};

/// Where the catalog page's form finds a field's problems: `entry.<field>`, with a tier's
/// or a GPU's fields named as in the scenario (`scenario::paths`).
pub fn entry(field: &str) -> String {
    format!("entry.{field}")
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", content = "data", rename_all = "snake_case")]
pub enum CustomItem {
    /// A negotiated or otherwise private API price.
    ApiTier(crate::scenario::ApiTier),
    /// A cloud price for a catalog or custom GPU.
    CloudPrice(CustomCloudPrice),
    /// A private GPU SKU.
    Gpu(crate::catalog::GpuEntry),
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CustomCloudPrice {
    pub provider: String,
    /// GPU id (built-in or custom).
    pub gpu: String,
    pub hourly_usd: f64,
    pub note: String,
}

impl CustomCloudPrice {
    /// This entry as a quote (added on `as_of`).
    pub fn quote(&self, as_of: &str) -> crate::scenario::Quote {
        crate::scenario::Quote {
            provider: self.provider.clone(),
            kind: crate::scenario::PriceKind::OnDemand,
            hourly_usd: self.hourly_usd,
            source: if self.note.is_empty() {
                "custom catalog entry".into()
            } else {
                format!("custom catalog entry: {}", self.note)
            },
            as_of: as_of.to_string(),
        }
    }
}

impl CustomItem {
    pub fn name(&self) -> String {
        match self {
            CustomItem::ApiTier(t) => t.name.clone(),
            CustomItem::CloudPrice(p) => format!("{} {} ${}/h", p.provider, p.gpu, p.hourly_usd),
            CustomItem::Gpu(g) => g.name.to_string(),
        }
    }
    pub fn kind(&self) -> &'static str {
        match self {
            CustomItem::ApiTier(_) => "api_tier",
            CustomItem::CloudPrice(_) => "cloud_price",
            CustomItem::Gpu(_) => "gpu",
        }
    }

    /// Field-level problems, with paths under `entry.` (the catalog page's form).
    pub fn check(&self) -> Vec<FieldError> {
        let mut errs = Vec::new();
        let mut bad = |path: &str, message: &str| {
            errs.push(FieldError {
                path: entry(path),
                message: message.to_string(),
            })
        };
        let pos = |x: f64| x.is_finite() && x > 0.0;
        let nonneg = |x: f64| x.is_finite() && x >= 0.0;
        match self {
            CustomItem::ApiTier(t) => {
                if t.name.trim().is_empty() {
                    bad("name", "needs a name");
                }
                for (f, v) in [
                    ("input_per_mtok", t.input_per_mtok),
                    ("output_per_mtok", t.output_per_mtok),
                    ("cache_read_per_mtok", t.cache_read_per_mtok),
                ] {
                    if !nonneg(v) {
                        bad(f, "must be a number, 0 or more");
                    }
                }
                if !(1..=3).contains(&t.quality) {
                    bad("quality", "must be 1, 2 or 3");
                }
            }
            CustomItem::CloudPrice(p) => {
                if p.provider.trim().is_empty() {
                    bad("provider", "needs a provider");
                }
                if !pos(p.hourly_usd) {
                    bad("hourly_usd", "must be a number > 0");
                }
            }
            CustomItem::Gpu(g) => {
                if g.name.trim().is_empty() {
                    bad("name", "needs a name");
                }
                for (f, v) in [
                    ("vram_gb", g.vram_gb),
                    ("bandwidth_gbs", g.bandwidth_gbs),
                    ("bf16_tflops", g.bf16_tflops),
                ] {
                    if !pos(v) {
                        bad(f, "must be a number > 0");
                    }
                }
                if !nonneg(g.tdp_w) {
                    bad("tdp_w", "must be a number, 0 or more");
                }
            }
        }
        // The same checks a scenario gets (ranges, the 1e12 cap, text lengths), so an
        // entry every editor is offered never makes a scenario invalid.
        for e in self.engine_check() {
            if !errs.iter().any(|x| x.path == e.path) {
                errs.push(e);
            }
        }
        errs
    }

    /// Runs the engine's validation on a scenario that uses only this entry, and
    /// reports its problems under `entry.`.
    fn engine_check(&self) -> Vec<FieldError> {
        let mut s = crate::templates::blank();
        let prefix = match self {
            CustomItem::ApiTier(t) => {
                s.api_tiers = vec![t.clone()];
                "api_tiers[0]."
            }
            CustomItem::Gpu(g) => {
                // The stored entry gets a fresh `custom-` id; check the specs under one.
                let mut g = g.clone();
                g.id = "custom-check".into();
                s.custom_gpus = vec![g];
                s.gpu_configs[0].gpu = "custom-check".into();
                "custom_gpus[0]."
            }
            CustomItem::CloudPrice(p) => {
                if let Some(crate::scenario::Hosting::Cloud(c)) =
                    s.gpu_configs.get_mut(0).map(|g| &mut g.hosting)
                {
                    c.hourly_usd = p.hourly_usd;
                    c.provider = p.provider.clone();
                    c.price_source = p.note.clone();
                }
                let mut errs = Vec::new();
                // Custom GPUs are checked when the price is used; a built-in id must exist.
                if p.gpu.chars().count() > crate::validate::limits::TEXT_CHARS {
                    errs.push(FieldError {
                        path: entry("gpu"),
                        message: "is too long to be a GPU id".into(),
                    });
                } else if !p.gpu.starts_with("custom-") && crate::catalog::gpu(&p.gpu).is_none() {
                    errs.push(FieldError {
                        path: entry("gpu"),
                        message: format!(
                            "unknown GPU '{}'",
                            p.gpu.chars().take(60).collect::<String>()
                        ),
                    });
                }
                return errs
                    .into_iter()
                    .chain(
                        crate::validate(s)
                            .err()
                            .into_iter()
                            .flat_map(|e| e.0)
                            .filter_map(|e| {
                                let field = match e.path.as_str() {
                                    "gpu_configs[0].hosting.hourly_usd" => "hourly_usd",
                                    "gpu_configs[0].hosting.provider" => "provider",
                                    "gpu_configs[0].hosting.price_source" => "note",
                                    _ => return None,
                                };
                                Some(FieldError {
                                    path: entry(field),
                                    message: e.message,
                                })
                            }),
                    )
                    .collect();
            }
        };
        match crate::validate(s) {
            Ok(_) => Vec::new(),
            Err(e) => {
                e.0.into_iter()
                    .filter_map(|e| {
                        e.path.strip_prefix(prefix).map(|field| FieldError {
                            path: entry(field),
                            message: e.message.clone(),
                        })
                    })
                    .collect()
            }
        }
    }
}
