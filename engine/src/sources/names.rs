//! What a GPU configuration is called when nobody named it, and the sentence that says
//! its price was quoted for another GPU.

use crate::catalog;
use crate::scenario::{Choice, GpuConfig, Hosting, Precision, Scenario};

impl GpuConfig {
    /// "2x H100 SXM 80 GB + Llama 3.1 70B fp8": count, GPU, model and precision, as the
    /// templates and the article write a configuration ("2x A100 80GB + Llama 3.1 70B").
    pub fn auto_name(&self, s: &Scenario) -> String {
        let gpu = catalog::gpu_in(s, &self.gpu).map_or(self.gpu.as_str(), |g| g.name.as_ref());
        let gpu = gpu.strip_prefix("NVIDIA ").unwrap_or(gpu);
        let model = catalog::model(&self.model).map_or(self.model.as_str(), |m| m.name);
        let count = if self.gpus_per_replica > 1 {
            format!("{}x ", self.gpus_per_replica)
        } else {
            String::new()
        };
        let precision = if self.precision == Precision::Bf16 {
            String::new()
        } else {
            format!(" {}", self.precision.as_str())
        };
        let name = format!("{count}{gpu} + {model}{precision}");
        name.chars()
            .take(crate::validate::limits::NAME_CHARS)
            .collect()
    }

    /// A price that was not typed but quoted for another GPU than this one: the
    /// sentence that says so (the evaluation shows it as a warning).
    pub fn price_mismatch(&self, s: &Scenario) -> Option<String> {
        let name = |id: &str| {
            catalog::gpu_in(s, id).map_or_else(|| id.to_string(), |g| g.name.to_string())
        };
        match &self.hosting {
            Hosting::Cloud(c) if !c.typed && !c.quoted_for.is_empty() && c.quoted_for != self.gpu => {
                Some(format!(
                    "The GPU price ${}/h is {}'s quote for {}, not for {}: pick a price for this GPU or type one.",
                    c.hourly_usd,
                    c.provider,
                    name(&c.quoted_for),
                    name(&self.gpu)
                ))
            }
            Hosting::OnPrem(o)
                if !o.gpu_price_typed
                    && !o.gpu_price_for.is_empty()
                    && o.gpu_price_for != self.gpu =>
            {
                Some(format!(
                    "The purchase price ${} is the one of {}, not of {}: type this GPU's price.",
                    o.gpu_price_usd,
                    name(&o.gpu_price_for),
                    name(&self.gpu)
                ))
            }
            _ => None,
        }
    }
}
