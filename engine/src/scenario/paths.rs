//! The document paths of the fields, written once: the validator marks errors at these
//! paths and the editor binds its fields to them, so a renamed field cannot leave an
//! error message behind without a field to show it. The test below checks that every
//! path names a field of a serialized scenario.

macro_rules! paths {
    ($(#[$m:meta])* $module:ident, $list:literal { $($c:ident = $p:literal,)+ }) => {
        $(#[$m])*
        pub mod $module {
            /// The list these fields belong to.
            pub const LIST: &str = $list;
            $(pub const $c: &str = $p;)+
            /// Every field of the list.
            pub const ALL: &[&str] = &[$($c),+];
            /// The path of `field` in entry `i`: `list[i].field`.
            pub fn at(i: usize, field: &str) -> String {
                format!("{LIST}[{i}].{field}")
            }
        }
    };
}

/// Fields at the top of the document.
pub mod general {
    pub const NAME: &str = "name";
    pub const NOTES: &str = "notes";
    pub const HOURS_PER_MONTH: &str = "hours_per_month";
    pub const HORIZON_MONTHS: &str = "horizon_months";
    pub const API_PRICE_CHANGE_PER_YEAR: &str = "api_price_change_per_year";
    pub const DISCOUNT_RATE_PER_YEAR: &str = "discount_rate_per_year";
    pub const COST_LENS: &str = "cost_lens";
    pub const ESCALATE_SHARE: &str = "escalate_share";
    pub const CREDIT_VALUE_LEFT: &str = "credit_value_left";
    pub const CURRENCY_CODE: &str = "currency.code";
    pub const CURRENCY_PER_USD: &str = "currency.per_usd";
    pub const CURRENCY_AS_OF: &str = "currency.as_of";
    pub const CURRENCY_SOURCE: &str = "currency.source";
    pub const TAX_RATE: &str = "tax.rate";
    pub const TAX_SCHEDULE: &str = "tax.schedule";
    pub const TAX_YEARS: &str = "tax.years";
    /// Every top-level field with a path of its own.
    pub const ALL: &[&str] = &[
        NAME,
        NOTES,
        HOURS_PER_MONTH,
        HORIZON_MONTHS,
        API_PRICE_CHANGE_PER_YEAR,
        DISCOUNT_RATE_PER_YEAR,
        COST_LENS,
        ESCALATE_SHARE,
        CREDIT_VALUE_LEFT,
        CURRENCY_CODE,
        CURRENCY_PER_USD,
        CURRENCY_AS_OF,
        CURRENCY_SOURCE,
        TAX_RATE,
        TAX_SCHEDULE,
        TAX_YEARS,
    ];
}

paths!(
    /// A task type of the workload.
    task, "task_types" {
    NAME = "name",
    CALLS_PER_MONTH = "calls_per_month",
    INPUT_TOKENS = "input_tokens",
    OUTPUT_TOKENS = "output_tokens",
    CACHED_INPUT_SHARE = "cached_input_share",
    CACHE_WRITE_SHARE = "cache_write_share",
    CACHE_WRITE_1H_SHARE = "cache_write_1h_share",
    BATCH_SHARE = "batch_share",
    QUALITY_FLOOR = "quality_floor",
    MONTHLY_GROWTH = "monthly_growth",
    PEAK_TO_AVERAGE = "peak_to_average",
    TTFT_P95_MS = "ttft_p95_ms",
    TPOT_P95_MS = "tpot_p95_ms",
});

/// The editor's label of a task type's field ("calls_per_month" -> "Calls per month"), for
/// lists that name fields; the field itself for one the editor does not show.
pub fn task_label(field: &str) -> &str {
    match field {
        task::NAME => "Task type",
        task::CALLS_PER_MONTH => "Calls per month",
        task::INPUT_TOKENS => "Input tokens per call",
        task::OUTPUT_TOKENS => "Output tokens per call",
        task::CACHED_INPUT_SHARE => "Input read from the prompt cache",
        task::CACHE_WRITE_SHARE => "Input written to the cache",
        task::CACHE_WRITE_1H_SHARE => "Of those writes, 1-hour ones",
        task::BATCH_SHARE => "Calls that can wait for a batch",
        task::QUALITY_FLOOR => "Lowest quality that may serve it",
        task::MONTHLY_GROWTH => "Monthly growth",
        task::PEAK_TO_AVERAGE => "Peak-to-average load",
        task::TTFT_P95_MS => "p95 time to first token",
        task::TPOT_P95_MS => "p95 time per output token",
        other => other,
    }
}

paths!(
    /// A Claude API tier.
    tier, "api_tiers" {
    NAME = "name",
    INPUT_PER_MTOK = "input_per_mtok",
    OUTPUT_PER_MTOK = "output_per_mtok",
    CACHE_READ_PER_MTOK = "cache_read_per_mtok",
    CACHE_WRITE_PER_MTOK = "cache_write_per_mtok",
    BATCH_DISCOUNT = "batch_discount",
    LONG_CONTEXT_THRESHOLD = "long_context_threshold",
    LONG_CONTEXT_INPUT_MULTIPLIER = "long_context_input_multiplier",
    LONG_CONTEXT_OUTPUT_MULTIPLIER = "long_context_output_multiplier",
    QUALITY = "quality",
});

paths!(
    /// A self-hosted GPU configuration (hosting fields exist for cloud or on-prem only;
    /// the throughput fields for a typed or benchmark source only).
    config, "gpu_configs" {
    NAME = "name",
    GPU = "gpu",
    MODEL = "model",
    PRECISION = "precision",
    GPUS_PER_REPLICA = "gpus_per_replica",
    REPLICA_MODE = "replica_mode",
    REPLICAS = "replicas",
    RESERVE_REPLICAS = "reserve_replicas",
    TARGET_UTILISATION = "target_utilisation",
    IDLE_OVERHEAD = "idle_overhead",
    QUALITY = "quality",
    MAX_BATCH = "max_batch",
    PREFIX_CACHING = "prefix_caching",
    EFFICIENCY_BW = "efficiency_bw",
    EFFICIENCY_COMPUTE = "efficiency_compute",
    HOSTING_KIND = "hosting.kind",
    HOSTING_HOURLY_USD = "hosting.hourly_usd",
    HOSTING_BILLING = "hosting.billing",
    HOSTING_ACTIVE_HOURS_PER_DAY = "hosting.active_hours_per_day",
    HOSTING_RUNTIME_BUFFER = "hosting.runtime_buffer",
    COMMITMENT_TERM_MONTHS = "hosting.commitment.term_months",
    COMMITMENT_REPLICAS = "hosting.commitment.replicas",
    COMMITMENT_DISCOUNT = "hosting.commitment.discount",
    COMMITMENT_UPFRONT_SHARE = "hosting.commitment.upfront_share",
    HOSTING_GPU_PRICE_USD = "hosting.gpu_price_usd",
    HOSTING_SERVER_PRICE_USD = "hosting.server_price_usd",
    HOSTING_INSTALLATION_USD = "hosting.installation_usd",
    HOSTING_AMORTISATION_MONTHS = "hosting.amortisation_months",
    HOSTING_RESIDUAL_SHARE = "hosting.residual_share",
    HOSTING_COST_OF_CAPITAL = "hosting.cost_of_capital",
    HOSTING_MAINTENANCE_SHARE_PER_YEAR = "hosting.maintenance_share_per_year",
    HOSTING_GPU_POWER_SHARE = "hosting.gpu_power_share",
    HOSTING_SERVER_BASE_WATTS = "hosting.server_base_watts",
    HOSTING_USD_PER_KWH = "hosting.usd_per_kwh",
    HOSTING_PUE = "hosting.pue",
    HOSTING_FACILITY_USD_PER_MONTH = "hosting.facility_usd_per_month",
    THROUGHPUT_KIND = "throughput.kind",
    THROUGHPUT_OUTPUT_TOKENS_PER_S = "throughput.output_tokens_per_s",
    THROUGHPUT_INPUT_TOKENS = "throughput.input_tokens",
    THROUGHPUT_OUTPUT_TOKENS = "throughput.output_tokens",
    THROUGHPUT_RUN_GPU = "throughput.run_gpu",
    THROUGHPUT_RUN_GPUS = "throughput.run_gpus",
    THROUGHPUT_SWEEP = "throughput.sweep",
    THROUGHPUT_RUN_FACTS = "throughput.run_facts",
    PEOPLE_ENGINEER_USD_PER_HOUR = "people.engineer_usd_per_hour",
    PEOPLE_SETUP_DAYS = "people.setup_days",
    PEOPLE_HOURS_PER_DAY = "people.hours_per_day",
    PEOPLE_SETUP_AMORTISATION_MONTHS = "people.setup_amortisation_months",
    PEOPLE_MAINTENANCE_HOURS_PER_MONTH = "people.maintenance_hours_per_month",
    PEOPLE_UPGRADES_PER_YEAR = "people.upgrades_per_year",
    PEOPLE_DAYS_PER_UPGRADE = "people.days_per_upgrade",
});

paths!(
    /// An input's low/high range.
    range, "ranges" {
    PATH = "path",
    LOW = "low",
    HIGH = "high",
});

paths!(
    /// A GPU that is not in the built-in catalog.
    custom_gpu, "custom_gpus" {
    ID = "id",
    NAME = "name",
    VRAM_GB = "vram_gb",
    BANDWIDTH_GBS = "bandwidth_gbs",
    BF16_TFLOPS = "bf16_tflops",
    TDP_W = "tdp_w",
    PURCHASE_USD = "purchase_usd",
});

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::*;
    use serde_json::Value;

    /// Every task field has a label a reader can read, and no two share one.
    #[test]
    fn every_task_field_has_its_own_label() {
        let labels: std::collections::BTreeSet<&str> =
            task::ALL.iter().map(|f| task_label(f)).collect();
        assert_eq!(labels.len(), task::ALL.len());
        for f in task::ALL {
            assert!(!task_label(f).contains('_'), "{f}");
        }
    }

    /// The value at `path` ("hosting.hourly_usd") inside `v`, if there is one.
    fn at<'a>(v: &'a Value, path: &str) -> Option<&'a Value> {
        path.split('.').try_fold(v, |v, key| v.get(key))
    }

    /// A document holding every variant: a cloud configuration with typed throughput, an
    /// on-prem one with a benchmark, a range, a custom GPU, a long-context tier.
    fn everything() -> Value {
        let mut s = crate::templates::haiku_vs_4090();
        let mut onprem = s.gpu_configs[0].clone();
        onprem.hosting = Hosting::OnPrem(OnPremPricing::default());
        onprem.throughput = ThroughputSource::Benchmark {
            run_id: "r".into(),
            output_tokens_per_s: 1.0,
            input_tokens: 1.0,
            output_tokens: 1.0,
            concurrency: 1.0,
            label: String::new(),
            run_gpu: Some("h100-sxm".into()),
            run_gpus: Some(8),
            sweep: vec![crate::scenario::SweepPoint::default()],
            run_facts: Some(crate::scenario::RunFacts {
                model: Some("m".into()),
                model_from_name: true,
                hardware: Some("8x H100".into()),
                concurrency_stated: Some(false),
            }),
        };
        onprem.quality = Some(1);
        onprem.efficiency_bw = Some(0.5);
        onprem.efficiency_compute = Some(0.5);
        if let Hosting::Cloud(c) = &mut s.gpu_configs[0].hosting {
            c.commitment = Some(Commitment::default());
        }
        s.gpu_configs[0].throughput = ThroughputSource::Typed {
            output_tokens_per_s: 100.0,
        };
        s.gpu_configs.push(onprem);
        s.api_tiers[0].long_context_threshold = Some(200_000.0);
        s.credit_value_left = true;
        s.task_types[0].ttft_p95_ms = Some(500.0);
        s.task_types[0].tpot_p95_ms = Some(50.0);
        s.tax = Some(TaxView::default());
        s.currency = Some(Currency::default());
        s.ranges.push(InputRange {
            path: general::HOURS_PER_MONTH.into(),
            low: 700.0,
            high: 744.0,
        });
        let mut gpu = crate::catalog::gpu("h100-sxm").expect("gpu").clone();
        gpu.id = "team-gpu".into();
        s.custom_gpus.push(gpu);
        serde_json::to_value(&s).expect("serialize")
    }

    #[test]
    fn every_path_names_a_field_of_the_document() {
        let doc = everything();
        for p in general::ALL {
            assert!(at(&doc, p).is_some(), "{p}");
        }
        let lists: [(&str, &[&str]); 5] = [
            (task::LIST, task::ALL),
            (tier::LIST, tier::ALL),
            (config::LIST, config::ALL),
            (range::LIST, range::ALL),
            (custom_gpu::LIST, custom_gpu::ALL),
        ];
        for (list, fields) in lists {
            let entries = doc[list].as_array().expect(list);
            assert!(!entries.is_empty(), "{list}");
            for f in fields {
                assert!(
                    entries.iter().any(|e| at(e, f).is_some()),
                    "{list}[..].{f} is in no entry"
                );
            }
        }
        assert_eq!(
            task::at(2, task::CALLS_PER_MONTH),
            "task_types[2].calls_per_month"
        );
    }
}
