//! Ready-made scenarios: the article's two worked cases.

use crate::catalog;
use crate::scenario::*;

fn tier(id: &str) -> ApiTier {
    catalog::tier(id).map(|t| t.to_tier()).unwrap_or_default()
}

/// The article's price for `gpu`: a quoted price, so another GPU re-prices it.
fn runpod(hourly: f64, source: &str, gpu: &str) -> Hosting {
    Hosting::Cloud(CloudPricing {
        provider: "RunPod".into(),
        hourly_usd: hourly,
        price_source: source.into(),
        price_as_of: "2025".into(),
        quoted_for: gpu.into(),
        ..CloudPricing::default()
    })
}

/// "Haiku vs RTX 4090 + Llama 3.1 8B": the article's first case, 800 in / 400 out,
/// 500,000 calls a month, a $0.44/h RunPod RTX 4090, a 30-day month.
pub fn haiku_vs_4090() -> Scenario {
    Scenario {
        name: "Haiku vs RTX 4090 + Llama 3.1 8B (the article)".into(),
        notes: "From 'Self-hosting vs API cost' (2025). The article's 80 tok/s is single-user speed; the second configuration estimates batched capacity.".into(),
        hours_per_month: 720.0,
        task_types: vec![TaskType { name: "Agentic workflow".into(), calls_per_month: 500_000.0, input_tokens: 800.0, output_tokens: 400.0, ..TaskType::default() }],
        api_tiers: vec![tier("claude-haiku-3.5"), tier("claude-haiku-4.5")],
        gpu_configs: vec![
            GpuConfig {
                name: "RTX 4090 + Llama 3.1 8B (article: 80 tok/s)".into(),
                hosting: runpod(0.44, "the article, $0.44-0.74/h", "rtx-4090"),
                throughput: ThroughputSource::Typed { output_tokens_per_s: 80.0 },
                target_utilisation: 0.5,
                idle_overhead: 0.0,
                // The article: 2-5 days of setup over 3 months, 2-4 h/month, $100-200/h: the defaults.
                people: PeopleCosts::default(),
                ..GpuConfig::default()
            },
            GpuConfig {
                name: "RTX 4090 + Llama 3.1 8B (estimated, batched)".into(),
                hosting: runpod(0.44, "the article, $0.44-0.74/h", "rtx-4090"),
                throughput: ThroughputSource::Estimated,
                target_utilisation: 0.5,
                idle_overhead: 0.2,
                people: PeopleCosts::default(),
                ..GpuConfig::default()
            },
        ],
        ..Scenario::default()
    }
}

/// "Sonnet vs 2x A100 + Llama 3.1 70B": the article's second case.
pub fn sonnet_vs_2xa100() -> Scenario {
    Scenario {
        name: "Sonnet vs 2x A100 + Llama 3.1 70B (the article)".into(),
        notes: "From 'Self-hosting vs API cost' (2025): two A100 80GB at ~$2.49/h each, 24/7. At bf16 the weights fill both cards, so the configuration uses int8 weights.".into(),
        hours_per_month: 720.0,
        task_types: vec![TaskType { name: "Agent reasoning".into(), calls_per_month: 1_000_000.0, input_tokens: 800.0, output_tokens: 400.0, quality_floor: 2, ..TaskType::default() }],
        api_tiers: vec![tier("claude-sonnet-3.5"), tier("claude-sonnet-4.6")],
        gpu_configs: vec![GpuConfig {
            // At bf16 the 141 GB of weights leave no room for a KV cache on 2x 80 GB (see
            // the article check); int8 weights are what makes two A100s serve it.
            name: "2x A100 80GB + Llama 3.1 70B (int8)".into(),
            gpu: "a100-80gb".into(),
            model: "llama-3.1-70b".into(),
            precision: Precision::Int8,
            gpus_per_replica: 2,
            hosting: runpod(2.49, "the article, ~$2.49/h per A100", "a100-80gb"),
            throughput: ThroughputSource::Estimated,
            target_utilisation: 0.6,
            idle_overhead: 0.2,
            people: PeopleCosts::default(),
            ..GpuConfig::default()
        }],
        ..Scenario::default()
    }
}

pub struct Template {
    pub id: &'static str,
    pub name: &'static str,
    pub build: fn() -> Scenario,
    /// One of the article's cases: its claims are shown beside the scenario.
    pub article: bool,
}

pub const TEMPLATES: &[Template] = &[
    Template {
        id: "blank",
        name: "New: the current Claude tiers vs one rented GPU (defaults to edit)",
        build: blank,
        article: false,
    },
    Template {
        id: "haiku-vs-4090",
        name: "Haiku vs RTX 4090 + Llama 3.1 8B (the article)",
        build: haiku_vs_4090,
        article: true,
    },
    Template {
        id: "sonnet-vs-2xa100",
        name: "Sonnet vs 2x A100 + Llama 3.1 70B (the article)",
        build: sonnet_vs_2xa100,
        article: true,
    },
];

pub fn blank() -> Scenario {
    Scenario {
        name: "New scenario".into(),
        api_tiers: vec![tier("claude-haiku-4.5"), tier("claude-sonnet-4.6")],
        gpu_configs: vec![GpuConfig::default()],
        ..Scenario::default()
    }
}

/// A new scenario from the template `id`; a scenario made from one of the article's
/// cases records which (see [`from_article`]).
pub fn template(id: &str) -> Option<Scenario> {
    TEMPLATES.iter().find(|t| t.id == id).map(|t| {
        let mut s = (t.build)();
        if t.article {
            s.template = Some(t.id.to_string());
        }
        s
    })
}

/// Whether `s` was made from one of the article's templates: recorded in its
/// `template` field when it was created, whatever its notes say now.
pub fn from_article(s: &Scenario) -> bool {
    s.template
        .as_deref()
        .is_some_and(|id| TEMPLATES.iter().any(|t| t.article && t.id == id))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_article_is_recognised_by_the_template_field_not_the_notes() {
        let mut a = template("haiku-vs-4090").expect("template");
        assert!(from_article(&a));
        a.notes = "rewritten by the user".into();
        assert!(from_article(&a), "notes are the user's to edit");
        let mut b = template("blank").expect("template");
        assert!(!from_article(&b));
        b.notes = "From 'Self-hosting vs API cost' (2025).".into();
        assert!(
            !from_article(&b),
            "a note alone does not make an article scenario"
        );
        b.template = Some("no-such-template".into());
        assert!(!from_article(&b));
    }
}
