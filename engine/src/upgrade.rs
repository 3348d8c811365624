//! Old saved documents keep loading: every earlier schema version has an upgrade step
//! to the next, applied in order.
//!
//! Version 1 (the first shape, kept by early API clients) had one workload, plain
//! tiers and GPUs priced per hour with a typed tokens/s:
//! `{"version":1,"name",..,"calls_per_month","input_tokens","output_tokens",
//!   "hours_per_month","tiers":[{"name","input_per_mtok","output_per_mtok"}],
//!   "gpus":[{"name","gpu","model","gpu_count","hourly_usd","tokens_per_sec"}]}`.

use crate::scenario::*;
use serde_json::Value;

#[derive(Debug, thiserror::Error, PartialEq)]
pub enum UpgradeError {
    #[error("the document is not a JSON object")]
    NotAnObject,
    #[error("schema version {0} is newer than this app understands ({SCHEMA_VERSION})")]
    TooNew(u64),
    #[error("{0}")]
    Invalid(String),
}

fn version_of(v: &Value) -> u64 {
    v.get("schema_version")
        .or_else(|| v.get("version"))
        .and_then(Value::as_u64)
        .unwrap_or(SCHEMA_VERSION as u64)
}

fn num(v: &Value, key: &str, default: f64) -> f64 {
    v.get(key).and_then(Value::as_f64).unwrap_or(default)
}
fn text(v: &Value, key: &str, default: &str) -> String {
    v.get(key)
        .and_then(Value::as_str)
        .unwrap_or(default)
        .to_string()
}

fn v1_to_v2(v: &Value) -> Scenario {
    let task = TaskType {
        name: "Main workload".into(),
        calls_per_month: num(v, "calls_per_month", 0.0),
        input_tokens: num(v, "input_tokens", 0.0),
        output_tokens: num(v, "output_tokens", 0.0),
        ..TaskType::default()
    };
    let tiers = v
        .get("tiers")
        .and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .map(|t| ApiTier {
                    name: text(t, "name", "Tier"),
                    input_per_mtok: num(t, "input_per_mtok", f64::NAN),
                    output_per_mtok: num(t, "output_per_mtok", f64::NAN),
                    // v1 had no cache or batch prices: none are applied.
                    cache_read_per_mtok: num(t, "input_per_mtok", 0.0),
                    cache_write_per_mtok: num(t, "input_per_mtok", 0.0),
                    batch_discount: 0.0,
                    source: "upgraded from a version-1 document".into(),
                    ..ApiTier::default()
                })
                .collect()
        })
        .unwrap_or_default();
    let gpus = v
        .get("gpus")
        .and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .map(|g| GpuConfig {
                    name: text(g, "name", "GPU"),
                    gpu: text(g, "gpu", "rtx-4090"),
                    model: text(g, "model", "llama-3.1-8b"),
                    gpus_per_replica: g
                        .get("gpu_count")
                        .and_then(Value::as_u64)
                        .map_or(1, |n| n.min(64) as u32),
                    // The document's own price: typed, never re-priced or called a quote.
                    hosting: Hosting::Cloud(CloudPricing {
                        hourly_usd: num(g, "hourly_usd", f64::NAN),
                        provider: String::new(),
                        price_source: "upgraded from a version-1 document".into(),
                        price_as_of: String::new(),
                        typed: true,
                        quoted_for: String::new(),
                        ..CloudPricing::default()
                    }),
                    name_typed: true,
                    throughput: match g.get("tokens_per_sec").and_then(Value::as_f64) {
                        Some(t) => ThroughputSource::Typed {
                            output_tokens_per_s: t,
                        },
                        None => ThroughputSource::Estimated,
                    },
                    // v1 priced GPU time only.
                    idle_overhead: 0.0,
                    people: PeopleCosts {
                        setup_days: 0.0,
                        maintenance_hours_per_month: 0.0,
                        upgrades_per_year: 0.0,
                        ..PeopleCosts::default()
                    },
                    ..GpuConfig::default()
                })
                .collect()
        })
        .unwrap_or_default();
    Scenario {
        name: text(v, "name", "Upgraded scenario"),
        hours_per_month: num(v, "hours_per_month", 730.0),
        task_types: vec![task],
        api_tiers: tiers,
        gpu_configs: gpus,
        ..Scenario::default()
    }
}

/// Reads a document of any known version as the current [`Scenario`].
pub fn upgrade(v: Value) -> Result<Scenario, UpgradeError> {
    if !v.is_object() {
        return Err(UpgradeError::NotAnObject);
    }
    match version_of(&v) {
        1 => Ok(v1_to_v2(&v)),
        2 => serde_json::from_value(v).map_err(|e| UpgradeError::Invalid(e.to_string())),
        n => Err(UpgradeError::TooNew(n)),
    }
}

/// Parses a JSON text of any known version.
pub fn parse_document(text: &str) -> Result<Scenario, UpgradeError> {
    let v: Value = serde_json::from_str(text)
        .map_err(|e| UpgradeError::Invalid(format!("not valid JSON: {e}")))?;
    upgrade(v)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn version_1_documents_upgrade_and_evaluate() {
        let v1 = r#"{"version":1,"name":"old","calls_per_month":500000,"input_tokens":800,"output_tokens":400,
            "hours_per_month":720,"tiers":[{"name":"Haiku","input_per_mtok":0.8,"output_per_mtok":4}],
            "gpus":[{"name":"4090","gpu":"rtx-4090","model":"llama-3.1-8b","gpu_count":1,"hourly_usd":0.44,"tokens_per_sec":80}]}"#;
        let s = parse_document(v1).expect("upgrades");
        assert_eq!(s.schema_version, SCHEMA_VERSION);
        assert_eq!(s.hours_per_month, 720.0);
        let e = crate::evaluate::evaluate_document(s, Default::default()).expect("valid");
        assert!((e.api[0].monthly.value - 1120.0).abs() < 1e-6);
        // GPU time only, as v1 priced it: 0.44 x 720 = $316.8 per replica.
        // Replicas: typed 80 tok/s and 400-token answers = 5 s per request; v1 has no
        // utilisation field, so the default target 0.6 applies, peak/average 1:
        // 500,000 x 5 s / (720 h x 3600 s) = 0.96451 busy replicas / 0.6 = 1.6075 -> 2.
        // No idle overhead, no people costs (v1 priced neither): 2 x 316.8 = $633.6.
        let replicas = e.selfhosted[0].replicas.as_ref().expect("usable").value;
        assert_eq!(replicas, 2.0);
        let sh = e.selfhosted[0].monthly.as_ref().expect("usable");
        assert!((sh.value - 633.6).abs() < 1e-6, "{}", sh.value);
    }

    #[test]
    fn current_documents_round_trip_and_newer_ones_are_refused() {
        let s = crate::templates::haiku_vs_4090();
        let text = serde_json::to_string(&s).expect("serialises");
        assert_eq!(parse_document(&text).expect("parses"), s);
        assert_eq!(
            parse_document(r#"{"schema_version":99}"#),
            Err(UpgradeError::TooNew(99))
        );
        assert_eq!(parse_document("[1]"), Err(UpgradeError::NotAnObject));
        assert!(matches!(parse_document("{"), Err(UpgradeError::Invalid(_))));
    }
}
