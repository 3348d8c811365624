//! Values that follow their source. A GPU configuration's price and name come from
//! somewhere: the catalog's cheapest on-demand quote for its GPU, a team's quote, the
//! GPU's purchase price, or what the user typed. A value the user did not type follows
//! its source when the configuration changes (another GPU re-prices it and says from
//! where); a typed value stays and is marked typed. A price quoted for another GPU than
//! the configuration's is never used silently: [`crate::scenario::GpuConfig::price_mismatch`] names it.

use crate::catalog;

mod names;
use crate::scenario::{Billing, CloudPricing, GpuEntry, Hosting, OnPremPricing};
use crate::scenario::{
    Choice, Precision, PriceKind, Quote, Scenario, ThroughputSource, DEFAULT_GPU,
};

impl Default for CloudPricing {
    /// The catalog's cheapest on-demand quote for the default GPU (RTX 4090).
    fn default() -> Self {
        let mut c = CloudPricing {
            provider: String::new(),
            hourly_usd: 0.0,
            price_kind: PriceKind::OnDemand,
            billing: Billing::AlwaysOn,
            active_hours_per_day: 24.0,
            runtime_buffer: 0.2,
            price_source: String::new(),
            price_as_of: String::new(),
            typed: false,
            quoted_for: String::new(),
            commitment: None,
        };
        if let Some(q) = catalog::cheapest_on_demand(DEFAULT_GPU) {
            c.use_quote(&q, DEFAULT_GPU);
        }
        c
    }
}

/// The catalog's cheapest on-demand quote for `gpu`, if it has one.
pub fn cheapest_catalog_quote(gpu: &str) -> Option<Quote> {
    catalog::cheapest_on_demand(gpu)
}

impl CloudPricing {
    /// Takes `q` as the price of `gpu` (not typed).
    pub fn use_quote(&mut self, q: &Quote, gpu: &str) {
        self.provider = q.provider.clone();
        self.price_kind = q.kind;
        self.hourly_usd = q.hourly_usd;
        self.price_source = q.source.clone();
        self.price_as_of = q.as_of.clone();
        self.typed = false;
        self.quoted_for = gpu.to_string();
    }

    /// Where the price comes from, for a configuration on the GPU `gpu`: a quote for
    /// another GPU says so.
    pub fn source_text(&self, gpu: &str) -> String {
        if !self.typed && !self.quoted_for.is_empty() && self.quoted_for != gpu {
            return format!(
                "{} {} quote for another GPU ({}): pick a price for this GPU or type one",
                self.provider,
                self.price_kind.label(),
                catalog::gpu(&self.quoted_for)
                    .map_or(self.quoted_for.as_str(), |g| g.name.as_ref())
            );
        }
        if self.typed {
            match self.price_source.as_str() {
                "" | "typed by the user" => "typed by the user".into(),
                note => format!("typed by the user ({note})"),
            }
        } else if self.price_source.is_empty() {
            "no quote: type this GPU's price".into()
        } else {
            let when = if self.price_as_of.is_empty() {
                String::new()
            } else {
                format!(", {}", self.price_as_of)
            };
            format!(
                "{} {} quote ({}{when})",
                self.provider,
                self.price_kind.label(),
                self.price_source
            )
        }
    }
}

impl OnPremPricing {
    /// The purchase price of `gpu` from its catalog or custom entry (not typed); `false`
    /// when the entry has no price (the field then asks for one).
    pub fn use_purchase_price(&mut self, gpu: Option<&GpuEntry>) -> bool {
        match gpu.and_then(|g| g.purchase_usd.map(|p| (g, p))) {
            Some((g, price)) => {
                self.gpu_price_usd = price;
                self.gpu_price_typed = false;
                self.gpu_price_for = g.id.to_string();
                true
            }
            None => false,
        }
    }

    /// The purchase price of `gpu_id` (its entry `gpu`); without a known price the
    /// field asks for one rather than keep another GPU's.
    fn follow_purchase_price(&mut self, gpu: Option<&GpuEntry>, gpu_id: &str) {
        if !self.use_purchase_price(gpu) {
            self.gpu_price_usd = 0.0;
            self.gpu_price_for = gpu_id.to_string();
        }
    }

    pub fn source_text(&self, gpu: Option<&GpuEntry>) -> String {
        if self.gpu_price_typed {
            "typed by the user".into()
        } else {
            match gpu {
                _ if self.gpu_price_usd == 0.0 => {
                    "no purchase price is known for this GPU: type one".into()
                }
                Some(g) if g.id == self.gpu_price_for.as_str() => format!(
                    "catalog purchase price of {} ({}, {})",
                    g.name,
                    g.price_source(),
                    g.as_of
                ),
                _ => format!(
                    "the purchase price of another GPU ({}): type this GPU's price",
                    self.gpu_price_for
                ),
            }
        }
    }
}

impl Scenario {
    /// Configuration `k`'s untyped prices follow its GPU (its name is not priced: a
    /// change of hosting keeps it; `follow_name` renames on a change of what it says).
    /// `team_quotes` are the team's own quotes for this GPU (a custom
    /// catalog); the cheapest of them and the catalog's on-demand quote is taken.
    pub fn follow_sources(&mut self, k: usize, team_quotes: &[Quote]) {
        let Some(g) = self.gpu_configs.get(k) else {
            return;
        };
        let gpu_id = g.gpu.clone();
        let entry = catalog::gpu_in(self, &gpu_id).cloned();
        // A chosen spot price stays spot (the cheapest spot quote of the new GPU);
        // otherwise the cheapest on-demand quote, the team's included.
        let spot = match &g.hosting {
            Hosting::Cloud(c) if !c.typed && c.price_kind == PriceKind::Spot => {
                catalog::cheapest_spot(&gpu_id)
            }
            _ => None,
        };
        let quote = spot.or_else(|| {
            cheapest_catalog_quote(&gpu_id)
                .into_iter()
                .chain(team_quotes.iter().cloned())
                .filter(|q| q.hourly_usd.is_finite() && q.hourly_usd > 0.0)
                .min_by(|a, b| a.hourly_usd.total_cmp(&b.hourly_usd))
        });
        let Some(g) = self.gpu_configs.get_mut(k) else {
            return;
        };
        match &mut g.hosting {
            Hosting::Cloud(c) if !c.typed => {
                if let Some(q) = quote {
                    c.use_quote(&q, &gpu_id);
                }
            }
            Hosting::OnPrem(o) if !o.gpu_price_typed => {
                o.follow_purchase_price(entry.as_ref(), &gpu_id)
            }
            _ => {}
        }
    }

    /// Configuration `k` runs on the GPU `id`. A GPU from the team's custom catalog
    /// (`custom`) is copied into the scenario, so the document carries what it needs;
    /// the name and untyped prices follow.
    pub fn use_gpu(&mut self, k: usize, id: &str, custom: Option<GpuEntry>, team_quotes: &[Quote]) {
        if let Some(x) = custom.filter(|x| x.id == id) {
            if !self.custom_gpus.iter().any(|c| c.id == x.id) {
                self.custom_gpus.push(x);
            }
        }
        if let Some(g) = self.gpu_configs.get_mut(k) {
            g.gpu = id.to_string();
        }
        self.follow_sources(k, team_quotes);
        self.follow_name(k);
    }

    /// Adds the catalog's tier `id` with its prices and their source; `false` when the
    /// catalog has no such tier.
    pub fn add_catalog_tier(&mut self, id: &str) -> bool {
        match catalog::tier(id) {
            Some(t) => {
                self.add_tier(t.to_tier());
                true
            }
            None => false,
        }
    }

    /// Configuration `k` serves the model `id`; an untyped name follows.
    pub fn use_model(&mut self, k: usize, id: &str) {
        if let Some(g) = self.gpu_configs.get_mut(k) {
            g.model = id.to_string();
        }
        self.follow_name(k);
    }

    /// Configuration `k` takes its throughput from `src`. An untyped name follows, so a
    /// name that said where the old figure came from ("article: 80 tok/s", "typed 80
    /// tok/s") does not outlive it.
    pub fn use_throughput(&mut self, k: usize, src: ThroughputSource) {
        if let Some(g) = self.gpu_configs.get_mut(k) {
            g.throughput = src;
        }
        self.follow_name(k);
    }

    pub fn use_precision(&mut self, k: usize, p: Precision) {
        if let Some(g) = self.gpu_configs.get_mut(k) {
            g.precision = p;
        }
        self.follow_name(k);
    }

    pub fn use_gpus_per_replica(&mut self, k: usize, n: u32) {
        if let Some(g) = self.gpu_configs.get_mut(k) {
            g.gpus_per_replica = n;
        }
        self.follow_name(k);
    }

    /// An untyped name follows the configuration's GPU, count, model and precision. Where
    /// another configuration already has that name, it says how this one differs (its
    /// throughput's source, else its number), so no two rows of the results read the same.
    fn follow_name(&mut self, k: usize) {
        let Some(g) = self.gpu_configs.get(k).filter(|g| !g.name_typed) else {
            return;
        };
        let taken = |n: &str| {
            self.gpu_configs
                .iter()
                .enumerate()
                .any(|(j, o)| j != k && o.name == n)
        };
        let mut name = g.auto_name(self);
        let bought = matches!(g.hosting, Hosting::OnPrem(_));
        // Told apart from a namesake by how it is paid for, where that differs.
        let other_hosting = self.gpu_configs.iter().enumerate().any(|(j, o)| {
            j != k && o.name == name && matches!(o.hosting, Hosting::OnPrem(_)) != bought
        });
        if taken(&name) {
            let note = match &g.throughput {
                _ if other_hosting => if bought { "bought" } else { "rented" }.to_string(),
                ThroughputSource::Estimated => "estimated".to_string(),
                ThroughputSource::Typed {
                    output_tokens_per_s,
                } => format!("typed {} tok/s", crate::fmt_num(*output_tokens_per_s)),
                ThroughputSource::Benchmark { .. } => "measured".to_string(),
            };
            let noted = format!("{name} ({note})");
            name = if taken(&noted) {
                format!("{name} (configuration {})", k + 1)
            } else {
                noted
            };
        }
        if let Some(g) = self.gpu_configs.get_mut(k) {
            g.name = name;
        }
    }

    /// The user names configuration `k`. An emptied name is no longer the user's: the
    /// next change of GPU, model, count or precision names it again (not at once, which
    /// would refill the field while the user clears it to type).
    pub fn rename_config(&mut self, k: usize, name: String) {
        if let Some(g) = self.gpu_configs.get_mut(k) {
            g.name_typed = !name.trim().is_empty();
            g.name = name;
        }
    }

    /// The user types configuration `k`'s GPU-hour price. The value it already holds,
    /// typed again over a quote (a field cleared and filled back), changes nothing: the
    /// price still follows its quote.
    pub fn type_hourly(&mut self, k: usize, usd: f64) {
        if let Some(Hosting::Cloud(c)) = self.gpu_configs.get_mut(k).map(|g| &mut g.hosting) {
            if !c.typed && c.hourly_usd == usd {
                return;
            }
            c.hourly_usd = usd;
            c.typed = true;
            c.price_source = "typed by the user".into();
            c.price_as_of = String::new();
        }
    }

    /// The user picks a quote for configuration `k`'s GPU.
    pub fn use_quote(&mut self, k: usize, q: &Quote) {
        if let Some(g) = self.gpu_configs.get_mut(k) {
            let gpu = g.gpu.clone();
            if let Hosting::Cloud(c) = &mut g.hosting {
                c.use_quote(q, &gpu);
            }
        }
    }

    /// The user types configuration `k`'s GPU purchase price; the catalog's price typed
    /// back over itself changes nothing (it still follows the catalog).
    pub fn type_gpu_price(&mut self, k: usize, usd: f64) {
        if let Some(Hosting::OnPrem(o)) = self.gpu_configs.get_mut(k).map(|g| &mut g.hosting) {
            if !o.gpu_price_typed && o.gpu_price_usd == usd {
                return;
            }
            o.gpu_price_usd = usd;
            o.gpu_price_typed = true;
        }
    }

    /// Configuration `k` is rented (`cloud`) or bought, priced from its sources. An untyped
    /// copy's name ("… (copy)", "… (bought)") follows what it now is, so a rented one and its
    /// bought copy no longer read alike; other names stay (a template's still describes it).
    pub fn use_hosting(&mut self, k: usize, cloud: bool, team_quotes: &[Quote]) {
        let mut copy = false;
        if let Some(g) = self.gpu_configs.get_mut(k) {
            if cloud == matches!(g.hosting, Hosting::Cloud(_)) {
                return;
            }
            g.hosting = if cloud {
                Hosting::Cloud(CloudPricing::default())
            } else {
                Hosting::OnPrem(OnPremPricing::default())
            };
            // A copy's name, or one this rule gave ("… (bought)", "… (rented)").
            copy = !g.name_typed
                && [" (copy)", " (bought)", " (rented)"]
                    .iter()
                    .any(|end| g.name.ends_with(end));
        }
        self.follow_sources(k, team_quotes);
        if copy {
            self.follow_name(k);
        }
    }
}

#[cfg(test)]
mod tests;
