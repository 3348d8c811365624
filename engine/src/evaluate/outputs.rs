//! What [`super::evaluate`] returns: the evaluation and its parts, as serialized to
//! the app and the JSON API.

use crate::explain::Explained;
use crate::hybrid::{Hybrid, OptionRef};
use crate::model::Breakdown;
use crate::projection::Projection;
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Volume {
    pub calls_per_month: f64,
    pub input_tokens_per_month: f64,
    pub output_tokens_per_month: f64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ApiResult {
    pub name: String,
    /// Quality level, 1 small, 2 mid, 3 frontier.
    #[serde(default)]
    pub quality: u8,
    pub monthly: Explained,
    pub per_1k_output: Explained,
    pub breakdown: Breakdown,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SelfResult {
    pub name: String,
    /// Quality level of the model served, 1 small, 2 mid, 3 frontier.
    #[serde(default)]
    pub quality: u8,
    pub unusable: Option<String>,
    /// Steady-state monthly cost (no setup).
    pub monthly: Option<Explained>,
    /// The one-off setup, apart from the monthly cost (zero under the marginal lens).
    pub setup: Option<Explained>,
    pub breakdown: Breakdown,
    pub per_1k_output: Option<Explained>,
    pub replicas: Option<Explained>,
    /// Utilisation of the serving replicas at peak.
    pub utilisation: Option<f64>,
    pub fit: Option<String>,
    pub fits: Option<bool>,
    pub throughput: Option<Explained>,
    /// What the p95 latency targets let a replica make of `throughput`, where that is
    /// less than the target utilisation does: it, not the throughput, sizes the replicas.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub latency_allowed: Option<Explained>,
    /// Calls/month at which a fixed number of replicas is full at peak: past it the option
    /// cannot carry the load, and is no one's cheapest.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub capacity_calls: Option<f64>,
    pub warnings: Vec<String>,
    /// Per task type: the load a replica is planned for and the latency it gets, by the
    /// latency model (when GPU and model are known and a request fits).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub serving: Vec<ServingLine>,
}

/// How one replica serves one task type: streams, p95 latencies and throughput at the
/// planned load, what stops it taking more, and the latency curve with the targets.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ServingLine {
    pub task: String,
    /// Concurrent streams (sequences decoding together) at the planned load.
    pub streams: f64,
    pub ttft_p95_ms: f64,
    pub tpot_p95_ms: f64,
    /// Output tokens/s one replica makes at the planned load.
    pub output_tok_s: f64,
    pub binding: crate::latency::Binding,
    /// "Serves 31 concurrent streams at p95 TTFT 103 ms and 13.3 ms/token; ..."
    pub text: String,
    /// Why the binding constraint binds, with its numbers.
    pub why: String,
    pub targets: crate::latency::Targets,
    /// The most load meeting the targets, and with no targets, output tok/s per replica.
    pub capacity_tok_s: f64,
    pub max_tok_s: f64,
    /// From one stream to the largest batch.
    pub curve: Vec<CurvePoint>,
    /// Whether the option's throughput is the estimate (else measured or typed, and the
    /// line is the estimate's view of the same hardware).
    pub estimated: bool,
    /// The runs of an attached benchmark sweep, and the load the targets pick on it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub measured: Vec<CurvePoint>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub chosen: Option<CurvePoint>,
    /// The statistic of the sweep's latencies ("p99", "mean", "median"), held against
    /// the p95 targets; empty without a sweep.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub measured_stat: String,
}

/// One point of a latency curve: throughput per replica and p95 latencies.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct CurvePoint {
    pub output_tok_s: f64,
    pub ttft_p95_ms: f64,
    pub tpot_p95_ms: f64,
    /// Sequences in flight, when known (a benchmark run may not say).
    pub streams: Option<f64>,
}

pub use crate::breakeven::BreakEvenPoint;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PairResult {
    pub tier: usize,
    pub config: usize,
    pub crossings: Vec<BreakEvenPoint>,
    pub more: u64,
    /// Plain-language answer ("cheaper above ...", "no crossing below ...").
    pub statement: String,
}

/// A tier and a configuration whose break-even is not computed: one of them does not
/// meet the workload's quality floor, or the configuration is below the tier's level
/// (an 8B model is no substitute for a frontier tier).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct NotCompared {
    pub tier: usize,
    pub config: usize,
    pub reason: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CurveSeries {
    pub option: OptionRef,
    pub name: String,
    pub costs: Vec<f64>,
    /// Calls/month at which one more replica starts (inside the curve's range).
    pub steps: Vec<f64>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Curves {
    pub calls: Vec<f64>,
    pub output_tokens: Vec<f64>,
    pub series: Vec<CurveSeries>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Cheapest {
    pub option: OptionRef,
    pub name: String,
    pub monthly_cost: f64,
}

impl Evaluation {
    /// The API as used ([`crate::projection::PlanProjection`]), task by task: "Support chat
    /// on Claude Sonnet 4.6"; empty where the projection has no such plan.
    pub fn plan_routing(&self) -> Vec<String> {
        let Some(plan) = &self.projection.plan else {
            return Vec::new();
        };
        self.hybrid
            .tasks
            .iter()
            .zip(&plan.tiers)
            .filter_map(|(task, j)| Some(format!("{task} on {}", self.api.get(*j)?.name)))
            .collect()
    }

    /// An option's caveats: a configuration's warnings (a run that may not measure it, a
    /// measurement above the hardware's bound, a scaled run); a tier has none.
    pub fn caveats(&self, o: OptionRef) -> &[String] {
        match o {
            OptionRef::Config(k) => self.selfhosted.get(k).map_or(&[], |s| &s.warnings[..]),
            OptionRef::Tier(_) => &[],
        }
    }
    /// Whether an option may be the answer: it meets the workload's quality floor (and,
    /// for a configuration, fits its GPUs). `cheapest` is the cheapest of these; a chart
    /// that names a cheapest or a payback names one of these too.
    pub fn meets_floor(&self, o: OptionRef) -> bool {
        match o {
            OptionRef::Tier(j) => self
                .api
                .get(j)
                .is_some_and(|a| a.quality >= self.quality_floor),
            OptionRef::Config(k) => self
                .selfhosted
                .get(k)
                .is_some_and(|c| c.unusable.is_none() && c.quality >= self.quality_floor),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Evaluation {
    pub volume: Volume,
    pub api: Vec<ApiResult>,
    pub selfhosted: Vec<SelfResult>,
    pub cheapest: Option<Cheapest>,
    /// The break-even of every tier and configuration that may replace each other.
    pub break_even: Vec<PairResult>,
    /// The pairs left out of `break_even`, with the reason.
    #[serde(default)]
    pub not_compared: Vec<NotCompared>,
    /// The workload's quality floor: the highest of its task types' floors.
    #[serde(default)]
    pub quality_floor: u8,
    /// When that floor comes from task types with a small share of the calls (one Opus
    /// call among a thousand of a small model's): said, as it holds every option to it
    /// for all the traffic.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub floor_note: Option<String>,
    /// Per configuration: calls/month ranges where it is the cheapest of all options.
    pub cheapest_overall: Vec<Vec<[f64; 2]>>,
    /// Calls/month up to which `cheapest_overall` was searched: a range that ends here
    /// has no end found (it may go on), and is stated as "and above".
    #[serde(default)]
    pub cheapest_searched_to: f64,
    pub curves: Curves,
    pub hybrid: Hybrid,
    pub projection: Projection,
    /// NPV at the hurdle rate, IRR and paybacks of every compared pair.
    pub finance: crate::finance::Finance,
    /// Each usable configuration's price per million input and output tokens at the
    /// planned volume, for charging it back (`crate::internal_price`).
    #[serde(default)]
    pub internal_prices: Vec<crate::internal_price::InternalPrice>,
    /// The currency every money figure is in, when not US dollars (`crate::currency`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub currency: Option<crate::scenario::Currency>,
    /// The catalog prices the options are costed at, with their dates, so a page can
    /// say which have gone stale on the day it is drawn (`crate::report::age_notes`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub price_dates: Vec<crate::report::PriceDate>,
}

#[cfg(test)]
mod tests {
    use crate::hybrid::OptionRef;

    /// `meets_floor` is the rule `cheapest` follows: with the floor raised to the
    /// frontier, the 8B configuration and the small tiers are out, and the cheapest is
    /// the cheapest of those left.
    #[test]
    fn the_cheapest_is_the_cheapest_of_the_options_that_meet_the_floor() {
        let mut s = crate::templates::haiku_vs_4090();
        s.api_tiers.push(
            crate::catalog::tier("claude-opus-4.6")
                .expect("opus")
                .to_tier(),
        );
        for t in &mut s.task_types {
            t.quality_floor = 3;
        }
        let e = crate::evaluate_document(s, Default::default()).expect("valid");
        let options: Vec<OptionRef> = (0..e.api.len())
            .map(OptionRef::Tier)
            .chain((0..e.selfhosted.len()).map(OptionRef::Config))
            .collect();
        let ok: Vec<OptionRef> = options
            .iter()
            .copied()
            .filter(|o| e.meets_floor(*o))
            .collect();
        assert!(!ok.is_empty() && ok.len() < options.len(), "{ok:?}");
        assert!(
            ok.iter().all(|o| matches!(o, OptionRef::Tier(_))),
            "an 8B model is not frontier"
        );
        let cheapest = e.cheapest.as_ref().expect("a cheapest");
        assert!(e.meets_floor(cheapest.option));
        let cost = |o: &OptionRef| match o {
            OptionRef::Tier(j) => e.api[*j].monthly.value,
            OptionRef::Config(k) => e.selfhosted[*k]
                .monthly
                .as_ref()
                .map_or(f64::INFINITY, |m| m.value),
        };
        let min = ok.iter().map(cost).fold(f64::INFINITY, f64::min);
        assert!((cost(&cheapest.option) - min).abs() < 1e-6);
        // Below the floor, even when cheaper: the 4090 costs less than Opus.
        assert!(!e.meets_floor(OptionRef::Config(0)));
        assert!(!e.meets_floor(OptionRef::Tier(99)), "no such option");
    }
}
