//! One result per API tier and per GPU configuration: monthly cost, cost per 1K output
//! tokens, replicas and throughput, each with its explanation (formulas in
//! `explain/formulas.rs`).

use super::{ApiResult, SelfResult};
use crate::catalog;
use crate::explain::{formulas, Explained};
use crate::model::{Breakdown, SelfModel};
use crate::scenario::{Hosting, Scenario, ThroughputSource};

/// Where a task type's latency targets come from.
const LATENCY_SOURCE: &str = "the latency the product needs, set in the scenario";

pub(super) fn api_result(
    s: &Scenario,
    tier: &crate::scenario::ApiTier,
    a: &crate::model::ApiModel,
    base_out: f64,
) -> ApiResult {
    use catalog::{tier_price_source as source_of, TierPrice};
    let mut monthly = Explained::new(a.slope, "USD/month", formulas::API_MONTHLY)
        .sourced(
            "input price",
            tier.input_per_mtok,
            "USD/Mtok",
            source_of(tier, TierPrice::Input),
        )
        .sourced(
            "output price",
            tier.output_per_mtok,
            "USD/Mtok",
            source_of(tier, TierPrice::Output),
        )
        .sourced(
            "cache-read price",
            tier.cache_read_per_mtok,
            "USD/Mtok",
            source_of(tier, TierPrice::CacheRead),
        )
        .sourced(
            "batch discount",
            tier.batch_discount,
            "share",
            source_of(tier, TierPrice::BatchDiscount),
        );
    // The cache-write price weighs only where a task type writes to the cache: listed
    // there, with its source (the printout's assumptions stay one sheet otherwise).
    if s.task_types.iter().any(|t| t.cache_write_share > 0.0) {
        monthly = monthly.sourced(
            "cache-write price",
            tier.cache_write_per_mtok,
            "USD/Mtok",
            source_of(tier, TierPrice::CacheWrite),
        );
    }
    if s.task_types
        .iter()
        .any(|t| t.cache_write_1h_share > 0.0 && t.cache_write_share > 0.0)
    {
        monthly = monthly.sourced(
            "1-hour cache-write price (2 x the input price)",
            crate::scenario::CACHE_WRITE_1H_INPUT_MULTIPLE * tier.input_per_mtok,
            "USD/Mtok",
            "Anthropic's pricing: a 1-hour cache write costs twice the input price",
        );
    }
    for t in &s.task_types {
        use crate::scenario::paths::task as f;
        monthly = monthly
            .task_input(t, "calls", f::CALLS_PER_MONTH, "calls/month")
            .task_input(t, "input tokens", f::INPUT_TOKENS, "tokens/call")
            .task_input(t, "output tokens", f::OUTPUT_TOKENS, "tokens/call");
        // The shares the formula weighs, where they weigh anything.
        for (what, field) in [
            ("cached input share", f::CACHED_INPUT_SHARE),
            ("cache-write share", f::CACHE_WRITE_SHARE),
            ("1-hour share of the cache writes", f::CACHE_WRITE_1H_SHARE),
            ("batch share", f::BATCH_SHARE),
        ] {
            if t.field(field).unwrap_or(0.0) > 0.0 {
                monthly = monthly.task_input(t, what, field, "share");
            }
        }
    }
    let breakdown = Breakdown {
        api_input: s
            .task_types
            .iter()
            .zip(&a.per_call)
            .map(|(t, p)| t.calls_per_month * p.input)
            .sum(),
        api_output: s
            .task_types
            .iter()
            .zip(&a.per_call)
            .map(|(t, p)| t.calls_per_month * p.output)
            .sum(),
        ..Breakdown::default()
    };
    let per_1k_output = Explained::new(
        a.slope / (base_out / 1000.0),
        "USD/1K output tokens",
        formulas::API_PER_1K_OUTPUT,
    )
    .computed("monthly cost", a.slope, "USD/month")
    .computed("output tokens", base_out, "tokens/month");
    ApiResult {
        name: tier.name.clone(),
        quality: a.quality,
        monthly,
        per_1k_output,
        breakdown,
    }
}

pub(super) fn self_result(
    s: &Scenario,
    g: &crate::scenario::GpuConfig,
    sh: &SelfModel,
    base_out: f64,
) -> SelfResult {
    let fit = sh.fit.map(|f| f.message());
    let fits = sh.fit.map(|f| f.fits);
    let throughput = super::throughput::explained(s, g, sh);
    if let Some(reason) = &sh.unusable {
        return SelfResult {
            name: g.name.clone(),
            quality: sh.quality,
            unusable: Some(reason.clone()),
            monthly: None,
            setup: None,
            breakdown: Breakdown::default(),
            per_1k_output: None,
            replicas: None,
            utilisation: None,
            fit,
            fits,
            throughput,
            latency_allowed: None,
            capacity_calls: None,
            warnings: sh.warnings.clone(),
            serving: Vec::new(),
        };
    }
    let total = sh.cost_at(1.0);
    let b = sh.breakdown_at(1.0);
    let n = sh.needed(1.0);
    let (price_name, price, price_src) = match &g.hosting {
        Hosting::Cloud(c) => ("GPU price", c.hourly_usd, c.source_text(&g.gpu)),
        Hosting::OnPrem(o) => (
            "GPU purchase price",
            o.gpu_price_usd,
            o.source_text(crate::catalog::gpu_in(s, &g.gpu)),
        ),
    };
    let monthly = Explained::new(total, "USD/month", formulas::SELF_MONTHLY)
        .sourced(
            price_name,
            price,
            if matches!(g.hosting, Hosting::Cloud(_)) {
                "USD/GPU-hour"
            } else {
                "USD"
            },
            price_src,
        )
        .input("GPUs per replica", sh.gpus_per_replica, "GPUs")
        .computed("replicas serving load", n, "replicas")
        .input("reserve replicas", sh.reserves, "replicas")
        .input("hours per month", s.hours_per_month, "h")
        .computed("GPU time", b.gpu_time, "USD/month")
        .computed("idle overhead", b.overhead, "USD/month")
        .computed("power", b.power, "USD/month")
        .computed("hardware", b.hardware, "USD/month")
        .computed("facility", b.facility, "USD/month")
        .computed("people: maintenance", b.people_maintenance, "USD/month")
        .computed("people: model upgrades", b.people_upgrades, "USD/month");
    let monthly =
        super::cost_inputs::with_purchase(super::cost_inputs::with_rates(monthly, g, &b), s, g, &b);
    let monthly = if let (Hosting::Cloud(c), true) = (&g.hosting, sh.commit.replicas > 0.0) {
        let k = c.commitment.clone().unwrap_or_default();
        let mut m = monthly;
        m.formula = formulas::SELF_MONTHLY_COMMITTED.into();
        m.input("committed replicas", sh.commit.replicas, "replicas")
            .input("commitment term", sh.commit.term_months, "months")
            .input("commitment discount", k.discount, "share off on-demand")
            .computed(
                "commitment, all committed replicas",
                sh.commit.monthly,
                "USD/month",
            )
            .input(
                "paid up front",
                k.upfront_share,
                "share of the term's total",
            )
    } else {
        monthly
    };
    let per_1k_output = Explained::new(
        total / (base_out / 1000.0),
        "USD/1K output tokens",
        formulas::SELF_PER_1K_OUTPUT,
    )
    .computed("monthly TCO", total, "USD/month")
    .computed("output tokens", base_out, "tokens/month");
    let mut replicas = Explained::new(n + sh.reserves, "replicas", formulas::REPLICAS_AS_NEEDED)
        .input("target utilisation", g.target_utilisation, "share")
        .computed("demand at peak", sh.busy_base, "replicas")
        .input("reserves", sh.reserves, "replicas");
    if let Some(fixed) = sh.fixed_replicas {
        replicas = Explained::new(fixed + sh.reserves, "replicas", formulas::REPLICAS_FIXED)
            .input("fixed replicas", fixed, "replicas")
            .input("reserves", sh.reserves, "replicas");
    }
    for (t, load) in s.task_types.iter().zip(&sh.tasks) {
        replicas = replicas.computed(
            format!("{}: replica-seconds per request", t.name),
            load.sec_per_request,
            "s",
        );
        // Sourced, so the printout's, the presentation's and the one-pager's assumptions
        // list the targets that size the replicas.
        if let Some(ttft) = t.ttft_p95_ms {
            replicas = replicas.sourced(
                format!("{}: p95 TTFT target", t.name),
                ttft,
                "ms",
                LATENCY_SOURCE,
            );
        }
        if let Some(tpot) = t.tpot_p95_ms {
            replicas = replicas.sourced(
                format!("{}: p95 time-per-token target", t.name),
                tpot,
                "ms",
                LATENCY_SOURCE,
            );
        }
        if load.capacity_share < g.target_utilisation {
            replicas = replicas.computed(
                format!("{}: share of a replica the latency targets allow", t.name),
                load.capacity_share,
                "share",
            );
        }
    }
    // Committed replicas are paid for the term whether they serve or not: where there are
    // more of them than the load needs, listed beside the count, which is of replicas
    // serving.
    if sh.commit.replicas > replicas.value {
        replicas = replicas.input(
            "committed replicas paid for the term (more than serve the load)",
            sh.commit.replicas,
            "replicas",
        );
    }
    let tightest = sh
        .tasks
        .iter()
        .map(|l| l.capacity_share)
        .fold(f64::INFINITY, f64::min);
    // Only where the replicas follow the load: a fixed number is not sized by anything.
    let latency_allowed = throughput
        .as_ref()
        .filter(|_| tightest < g.target_utilisation && sh.fixed_replicas.is_none())
        .map(|t| {
            Explained::new(t.value * tightest, "tok/s", formulas::LATENCY_ALLOWED)
                .computed("throughput at full load", t.value, "tok/s")
                .computed(
                    "share of a replica the latency targets allow",
                    tightest,
                    "share",
                )
        });
    let mut warnings = sh.warnings.clone();
    // An attached run that may not measure this configuration says so on every page, as
    // the editor says it beside the run.
    if let ThroughputSource::Benchmark {
        run_facts: Some(f),
        label,
        concurrency,
        ..
    } = &g.throughput
    {
        let run = crate::bench::Run {
            label: label.clone(),
            model: f.model.clone(),
            model_from_name: f.model_from_name,
            hardware: f.hardware.clone(),
            ..Default::default()
        };
        // The load the attachment recorded: as stated, or worked out (0: not known).
        let known = (*concurrency > 0.0).then_some(*concurrency);
        let load = match f.concurrency_stated {
            Some(false) => (None, known),
            _ => (known, None),
        };
        warnings.extend(crate::bench::fit::mismatches_at(&run, load, s, g));
    }
    warnings.extend(super::caveats::shape_stretch(s, g));
    warnings.extend(super::caveats::prefix_reuse(s, g));
    let util = sh.utilisation_at(1.0);
    if let Some(cap) = sh.capacity_limit() {
        if cap < 1.0 {
            warnings.push(format!(
                "{} fixed replica(s) cannot carry the peak: they cover {:.0}% of it",
                sh.fixed_replicas.unwrap_or(0.0),
                cap * 100.0
            ));
        }
    }
    let serving = super::serving::serving_lines(s, g, sh);
    warnings.extend(super::caveats::no_target_slow(&serving));
    SelfResult {
        name: g.name.clone(),
        quality: sh.quality,
        unusable: None,
        monthly: Some(monthly),
        setup: Some(setup_explained(s, g, sh)),
        breakdown: b,
        per_1k_output: Some(per_1k_output),
        replicas: Some(replicas),
        utilisation: Some(util),
        fit,
        fits,
        throughput,
        latency_allowed,
        capacity_calls: sh
            .capacity_limit()
            .map(|c| c * s.task_types.iter().map(|t| t.calls_per_month).sum::<f64>()),
        warnings,
        serving,
    }
}

/// The one-off setup: days x hours x rate, or nothing under the marginal lens.
fn setup_explained(s: &Scenario, g: &crate::scenario::GpuConfig, sh: &SelfModel) -> Explained {
    let p = &g.people;
    let formula = if s.cost_lens == crate::scenario::CostLens::Marginal {
        formulas::SETUP_MARGINAL
    } else {
        formulas::SETUP_ONE_OFF
    };
    let d = crate::scenario::PeopleCosts::default();
    let m = Explained::new(sh.setup_total, "USD", formula);
    let m = super::cost_inputs::people_input(m, "setup days", p.setup_days, d.setup_days, "days")
        .input("hours per day", p.hours_per_day, "h");
    super::cost_inputs::people_input(
        m,
        "engineer rate",
        p.engineer_usd_per_hour,
        d.engineer_usd_per_hour,
        "USD/h",
    )
}
