//! The workload (task types) and the API tiers that could serve it.

use super::clean_name;
use serde::{Deserialize, Serialize};

/// A 1-hour prompt-cache write costs this many times the tier's input price
/// (Anthropic's pricing page; a 5-minute write costs the tier's cache-write price).
pub const CACHE_WRITE_1H_INPUT_MULTIPLE: f64 = 2.0;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct TaskType {
    #[serde(deserialize_with = "clean_name")]
    pub name: String,
    pub calls_per_month: f64,
    pub input_tokens: f64,
    pub output_tokens: f64,
    /// Share of input tokens read from the prompt cache (0..1).
    pub cached_input_share: f64,
    /// Share of input tokens written to the prompt cache (0..1).
    pub cache_write_share: f64,
    /// Share of those cache writes that are 1-hour writes (0..1), priced at
    /// [`CACHE_WRITE_1H_INPUT_MULTIPLE`] times the input price; the rest are 5-minute
    /// writes at the tier's cache-write price.
    pub cache_write_1h_share: f64,
    /// Share of calls that can wait for a batch API (0..1).
    pub batch_share: f64,
    /// Lowest quality level that may serve this task: 1 small, 2 mid, 3 frontier.
    pub quality_floor: u8,
    /// Monthly growth of calls (0.05 = +5% a month), for projections.
    pub monthly_growth: f64,
    /// Peak load divided by average load; self-hosted capacity must cover the peak.
    pub peak_to_average: f64,
    /// The p95 time to first token the product needs, ms (`None`: no target).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ttft_p95_ms: Option<f64>,
    /// The p95 time per output token the product needs, ms (`None`: no target).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tpot_p95_ms: Option<f64>,
    /// The fields a usage import measured, with the value it gave and where it came
    /// from. A field whose value still equals the measured one follows the next import;
    /// one the user has changed since is typed and stays.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub measured: Vec<Measured>,
}

/// One field of a task type measured from real usage.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Measured {
    /// The field's name (`paths::task::CALLS_PER_MONTH`, ...).
    pub field: String,
    pub value: f64,
    /// File, period, group and how it was measured.
    pub source: String,
}

/// How the source of calls typed with an import begins (a report that counts no
/// requests: `usage::typed_calls`).
pub const TYPED_WITH_IMPORT: &str = "typed with the import: ";

impl Measured {
    /// What the import said of a field the user has since typed over: "the usage
    /// measured 61 (…)", or, for calls typed with the import of a report that counts
    /// none, "the import had 61, typed with it (…)": never "measured" for those.
    pub fn typed_over(&self) -> String {
        if self.source.starts_with(TYPED_WITH_IMPORT) {
            format!(
                "the import had {}, typed with it ({})",
                crate::fmt_num(self.value),
                self.source
            )
        } else {
            format!(
                "the usage measured {} ({})",
                crate::fmt_num(self.value),
                self.source
            )
        }
    }
}

/// Where a task type's field stands against its usage import.
#[derive(Clone, Debug, PartialEq)]
pub enum FieldOrigin<'a> {
    /// Not from a usage import: typed, or the default.
    NotMeasured,
    /// Still the measured value.
    Measured(&'a Measured),
    /// Measured once, then typed over: the measured value is shown for reference.
    TypedOver(&'a Measured),
}

impl TaskType {
    /// The latency targets of this task type.
    pub fn targets(&self) -> super::Targets {
        super::Targets {
            ttft_ms: self.ttft_p95_ms,
            tpot_ms: self.tpot_p95_ms,
        }
    }

    /// The numeric value of a field by its name.
    pub fn field(&self, field: &str) -> Option<f64> {
        use super::paths::task as p;
        Some(match field {
            p::CALLS_PER_MONTH => self.calls_per_month,
            p::INPUT_TOKENS => self.input_tokens,
            p::OUTPUT_TOKENS => self.output_tokens,
            p::CACHED_INPUT_SHARE => self.cached_input_share,
            p::CACHE_WRITE_SHARE => self.cache_write_share,
            p::CACHE_WRITE_1H_SHARE => self.cache_write_1h_share,
            p::BATCH_SHARE => self.batch_share,
            p::QUALITY_FLOOR => f64::from(self.quality_floor),
            p::MONTHLY_GROWTH => self.monthly_growth,
            p::PEAK_TO_AVERAGE => self.peak_to_average,
            _ => return None,
        })
    }

    fn set_field(&mut self, field: &str, v: f64) {
        use super::paths::task as p;
        match field {
            p::CALLS_PER_MONTH => self.calls_per_month = v,
            p::INPUT_TOKENS => self.input_tokens = v,
            p::OUTPUT_TOKENS => self.output_tokens = v,
            p::CACHED_INPUT_SHARE => self.cached_input_share = v,
            p::CACHE_WRITE_SHARE => self.cache_write_share = v,
            p::CACHE_WRITE_1H_SHARE => self.cache_write_1h_share = v,
            p::BATCH_SHARE => self.batch_share = v,
            p::QUALITY_FLOOR => self.quality_floor = v.round().clamp(1.0, 3.0) as u8,
            p::MONTHLY_GROWTH => self.monthly_growth = v,
            p::PEAK_TO_AVERAGE => self.peak_to_average = v,
            _ => {}
        }
    }

    /// Whether `field` is measured, typed over a measurement, or neither.
    pub fn origin(&self, field: &str) -> FieldOrigin<'_> {
        match self.measured.iter().find(|m| m.field == field) {
            None => FieldOrigin::NotMeasured,
            Some(m) if self.field(field) == Some(m.value) => FieldOrigin::Measured(m),
            Some(m) => FieldOrigin::TypedOver(m),
        }
    }

    /// This task type after a newer measurement of the same traffic: every field that
    /// still holds its measured value (or was never typed) takes the new value and its
    /// source; a field the user typed keeps the typed value, and its new measurement is
    /// kept for reference. A field the newer file does not measure (a CSV without cache
    /// columns, a log that says nothing of batch) keeps its value and the record of the
    /// file that measured it, so it is not then shown as the scenario's own. The name stays.
    pub fn follow(&mut self, newer: &TaskType) {
        let mut next: Vec<Measured> = self
            .measured
            .iter()
            .filter(|old| !newer.measured.iter().any(|m| m.field == old.field))
            .cloned()
            .collect();
        for m in &newer.measured {
            let typed = match self.origin(&m.field) {
                FieldOrigin::TypedOver(_) => true,
                // Never measured before: a field the user set away from the default (an
                // import sets every field it does not measure to the default), whether
                // or not other fields were measured.
                FieldOrigin::NotMeasured => {
                    self.field(&m.field) != TaskType::default().field(&m.field)
                }
                FieldOrigin::Measured(_) => false,
            };
            if !typed {
                self.set_field(&m.field, m.value);
            }
            next.push(m.clone());
        }
        self.measured = next;
    }
}

impl Default for TaskType {
    fn default() -> Self {
        TaskType {
            name: "Main workload".into(),
            calls_per_month: 500_000.0,
            input_tokens: 800.0,
            output_tokens: 400.0,
            cached_input_share: 0.0,
            cache_write_share: 0.0,
            cache_write_1h_share: 0.0,
            batch_share: 0.0,
            quality_floor: 1,
            monthly_growth: 0.0,
            peak_to_average: 1.0,
            ttft_p95_ms: None,
            tpot_p95_ms: None,
            measured: Vec::new(),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ApiTier {
    /// Catalog id this tier was picked from, if any (prices may have been edited).
    pub catalog_id: Option<String>,
    #[serde(deserialize_with = "clean_name")]
    pub name: String,
    pub provider: String,
    pub input_per_mtok: f64,
    pub output_per_mtok: f64,
    pub cache_read_per_mtok: f64,
    pub cache_write_per_mtok: f64,
    /// Batch API discount (0.5 = half price).
    pub batch_discount: f64,
    /// Input size above which the whole request is billed at the long-context premium.
    pub long_context_threshold: Option<f64>,
    pub long_context_input_multiplier: f64,
    pub long_context_output_multiplier: f64,
    /// 1 small, 2 mid, 3 frontier.
    pub quality: u8,
    pub source: String,
    pub as_of: String,
}

impl Default for ApiTier {
    fn default() -> Self {
        ApiTier {
            catalog_id: None,
            name: "Custom tier".into(),
            provider: String::new(),
            input_per_mtok: 1.0,
            output_per_mtok: 5.0,
            cache_read_per_mtok: 0.1,
            cache_write_per_mtok: 1.25,
            batch_discount: 0.5,
            long_context_threshold: None,
            long_context_input_multiplier: 1.0,
            long_context_output_multiplier: 1.0,
            quality: 1,
            source: "typed by the user".into(),
            as_of: String::new(),
        }
    }
}
