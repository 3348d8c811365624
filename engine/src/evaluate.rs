//! One call that answers everything the editor shows: costs per option with their
//! breakdown and explanation, break-evens, curves, hybrid routing and the projection.

use crate::breakeven::{self, CrossingKind, SEARCH_LIMIT};
use crate::catalog;
use crate::explain::{fmt_num, write_num, Explained};
use crate::hybrid::{self, Hybrid, OptionRef};
use crate::model::{Breakdown, Model, SelfModel};
use crate::projection::{self, Projection};
use crate::scenario::{Hosting, Scenario, ThroughputSource};
use crate::validate::{validate, ValidScenario, ValidationErrors};
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
    pub monthly: Explained,
    pub per_1k_output: Explained,
    pub breakdown: Breakdown,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SelfResult {
    pub name: String,
    pub unusable: Option<String>,
    pub monthly: Option<Explained>,
    pub breakdown: Breakdown,
    pub per_1k_output: Option<Explained>,
    pub replicas: Option<Explained>,
    /// Utilisation of the serving replicas at peak.
    pub utilisation: Option<f64>,
    pub fit: Option<String>,
    pub fits: Option<bool>,
    pub throughput: Option<Explained>,
    pub warnings: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CrossingOut {
    pub kind: CrossingKind,
    pub calls_per_month: f64,
    pub output_tokens_per_month: f64,
    pub api_cost: f64,
    pub self_cost: f64,
    pub replicas: f64,
    pub beyond_capacity: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PairResult {
    pub tier: usize,
    pub config: usize,
    pub crossings: Vec<CrossingOut>,
    pub more: u64,
    /// Plain-language answer ("cheaper above ...", "no crossing below ...").
    pub statement: String,
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

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Evaluation {
    pub volume: Volume,
    pub api: Vec<ApiResult>,
    pub selfhosted: Vec<SelfResult>,
    pub cheapest: Option<Cheapest>,
    pub break_even: Vec<PairResult>,
    /// Per configuration: calls/month ranges where it is the cheapest of all options.
    pub cheapest_overall: Vec<Vec<[f64; 2]>>,
    pub curves: Curves,
    pub hybrid: Hybrid,
    pub projection: Projection,
}

#[derive(Clone, Copy, Debug)]
pub struct Options {
    pub curve_points: usize,
    /// Upper end of the curves in calls/month; `None` picks a range that shows the crossings.
    pub curve_max_calls: Option<f64>,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            curve_points: 256,
            curve_max_calls: None,
        }
    }
}

/// Validates and evaluates a document.
pub fn evaluate_document(s: Scenario, opts: Options) -> Result<Evaluation, ValidationErrors> {
    let v = validate(s)?;
    Ok(evaluate(&v, opts))
}

pub fn evaluate(v: &ValidScenario, opts: Options) -> Evaluation {
    let s = v.get();
    let m = Model::build(v);
    let calls0 = v.total_calls();
    let out0: f64 = s
        .task_types
        .iter()
        .map(|t| t.calls_per_month * t.output_tokens)
        .sum();
    let in0: f64 = s
        .task_types
        .iter()
        .map(|t| t.calls_per_month * t.input_tokens)
        .sum();
    let volume = Volume {
        calls_per_month: calls0,
        input_tokens_per_month: in0,
        output_tokens_per_month: out0,
    };
    let api: Vec<ApiResult> = s
        .api_tiers
        .iter()
        .zip(&m.api)
        .map(|(tier, a)| api_result(s, tier, a, out0))
        .collect();
    let selfhosted: Vec<SelfResult> = s
        .gpu_configs
        .iter()
        .zip(&m.selfhosted)
        .enumerate()
        .map(|(k, (g, sh))| self_result(s, k, g, sh, out0))
        .collect();
    let cheapest = all_options(&m)
        .map(|o| (o, cost_at(&m, o, 1.0)))
        .min_by(|a, b| a.1.total_cmp(&b.1))
        .map(|(option, monthly_cost)| Cheapest {
            option,
            name: option_name(s, option),
            monthly_cost,
        });
    let mut break_even = Vec::with_capacity(m.api.len() * m.selfhosted.len());
    let mut max_first: f64 = 0.0;
    for (j, a) in m.api.iter().enumerate() {
        for (k, sh) in m.selfhosted.iter().enumerate() {
            let pair = breakeven::solve(j, k, a, sh);
            if let Some(f) = pair.first_cheaper_scale {
                max_first = max_first.max(f);
            }
            break_even.push(pair_result(s, &pair, calls0, out0));
        }
    }
    let max_scale = match opts.curve_max_calls {
        Some(c) if c.is_finite() && c > 0.0 => (c / calls0).min(SEARCH_LIMIT),
        _ => (max_first * 1.5).clamp(2.0, SEARCH_LIMIT),
    };
    let curves = curves(
        s,
        &m,
        calls0,
        out0 / calls0,
        max_scale,
        opts.curve_points
            .clamp(2, crate::validate::limits::CURVE_POINTS),
    );
    let cheapest_overall = cheapest_ranges(&m, max_scale.max(100.0))
        .into_iter()
        .map(|r| {
            r.into_iter()
                .map(|[a, b]| [a * calls0, b * calls0])
                .collect()
        })
        .collect();
    let hybrid = hybrid::route(v, &m);
    let baseline = projection::baseline_tier(v, &m);
    let projection = projection::project(v, &m, baseline);
    Evaluation {
        volume,
        api,
        selfhosted,
        cheapest,
        break_even,
        cheapest_overall,
        curves,
        hybrid,
        projection,
    }
}

fn all_options(m: &Model) -> impl Iterator<Item = OptionRef> + '_ {
    (0..m.api.len()).map(OptionRef::Tier).chain(
        (0..m.selfhosted.len())
            .filter(|&k| m.selfhosted[k].unusable.is_none())
            .map(OptionRef::Config),
    )
}

fn cost_at(m: &Model, o: OptionRef, s: f64) -> f64 {
    match o {
        OptionRef::Tier(j) => m.api[j].cost_at(s),
        OptionRef::Config(k) => m.selfhosted[k].cost_at(s),
    }
}

pub fn option_name(s: &Scenario, o: OptionRef) -> String {
    match o {
        OptionRef::Tier(j) => s
            .api_tiers
            .get(j)
            .map_or_else(String::new, |t| t.name.clone()),
        OptionRef::Config(k) => s
            .gpu_configs
            .get(k)
            .map_or_else(String::new, |g| g.name.clone()),
    }
}

fn api_result(
    s: &Scenario,
    tier: &crate::scenario::ApiTier,
    a: &crate::model::ApiModel,
    out0: f64,
) -> ApiResult {
    let src = format!("{} ({})", tier.source, tier.as_of);
    let mut monthly = Explained::new(a.slope, "USD/month", "sum over task types of calls x (uncached input x input price + cached input x cache-read price + cache writes x cache-write price + output x output price) / 1e6, batch-eligible calls x (1 - batch discount)")
        .sourced("input price", tier.input_per_mtok, "USD/Mtok", src.clone())
        .sourced("output price", tier.output_per_mtok, "USD/Mtok", src.clone())
        .sourced("cache-read price", tier.cache_read_per_mtok, "USD/Mtok", src.clone())
        .sourced("batch discount", tier.batch_discount, "share", src);
    for t in &s.task_types {
        monthly = monthly
            .input(
                format!("{}: calls", t.name),
                t.calls_per_month,
                "calls/month",
            )
            .input(
                format!("{}: input tokens", t.name),
                t.input_tokens,
                "tokens/call",
            )
            .input(
                format!("{}: output tokens", t.name),
                t.output_tokens,
                "tokens/call",
            );
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
        a.slope / (out0 / 1000.0),
        "USD/1K output tokens",
        "monthly cost / (output tokens per month / 1000) (input cost included)",
    )
    .input("monthly cost", a.slope, "USD/month")
    .input("output tokens", out0, "tokens/month");
    ApiResult {
        name: tier.name.clone(),
        monthly,
        per_1k_output,
        breakdown,
    }
}

fn self_result(
    s: &Scenario,
    k: usize,
    g: &crate::scenario::GpuConfig,
    sh: &SelfModel,
    out0: f64,
) -> SelfResult {
    let fit = sh.fit.map(|f| f.message());
    let fits = sh.fit.map(|f| f.fits);
    let throughput = throughput_explained(s, g, sh);
    if let Some(reason) = &sh.unusable {
        return SelfResult {
            name: g.name.clone(),
            unusable: Some(reason.clone()),
            monthly: None,
            breakdown: Breakdown::default(),
            per_1k_output: None,
            replicas: None,
            utilisation: None,
            fit,
            fits,
            throughput,
            warnings: sh.warnings.clone(),
        };
    }
    let total = sh.cost_at(1.0);
    let b = sh.breakdown_at(1.0);
    let n = sh.needed(1.0);
    let (price_name, price, price_src) = match &g.hosting {
        Hosting::Cloud(c) => (
            "GPU price",
            c.hourly_usd,
            format!("{} {} ({})", c.provider, c.price_source, c.price_as_of),
        ),
        Hosting::OnPrem(o) => (
            "GPU purchase price",
            o.gpu_price_usd,
            "typed by the user".to_string(),
        ),
    };
    let monthly = Explained::new(total, "USD/month", "GPU time + idle overhead + power + hardware (amortised, capital, maintenance) + facility + people (setup amortised, maintenance, upgrades); per-replica costs x (replicas + reserves)")
        .sourced(price_name, price, if matches!(g.hosting, Hosting::Cloud(_)) { "USD/GPU-hour" } else { "USD" }, price_src)
        .input("GPUs per replica", sh.gpus_per_replica, "GPUs")
        .input("replicas serving load", n, "replicas")
        .input("reserve replicas", sh.reserves, "replicas")
        .input("hours per month", s.hours_per_month, "h")
        .input("GPU time", b.gpu_time, "USD/month")
        .input("idle overhead", b.overhead, "USD/month")
        .input("power", b.power, "USD/month")
        .input("hardware", b.hardware, "USD/month")
        .input("facility", b.facility, "USD/month")
        .input("people: setup (amortised)", b.people_setup, "USD/month")
        .input("people: maintenance", b.people_maintenance, "USD/month")
        .input("people: model upgrades", b.people_upgrades, "USD/month");
    let per_1k_output = Explained::new(
        total / (out0 / 1000.0),
        "USD/1K output tokens",
        "monthly TCO / (output tokens per month / 1000)",
    )
    .input("monthly TCO", total, "USD/month")
    .input("output tokens", out0, "tokens/month");
    let mut replicas = Explained::new(n + sh.reserves, "replicas", "max(1, ceil(sum over task types of calls/(hours x 3600) x peak-to-average x replica-seconds per request / target utilisation)) + reserves")
        .input("target utilisation", g.target_utilisation, "share")
        .input("demand at peak", sh.demand_base * g.target_utilisation, "replicas")
        .input("reserves", sh.reserves, "replicas");
    if let Some(fixed) = sh.fixed_replicas {
        replicas = Explained::new(fixed + sh.reserves, "replicas", "fixed replicas + reserves")
            .input("fixed replicas", fixed, "replicas")
            .input("reserves", sh.reserves, "replicas");
    }
    for (t, load) in s.task_types.iter().zip(&sh.tasks) {
        replicas = replicas.input(
            format!("{}: replica-seconds per request", t.name),
            load.sec_per_request,
            "s",
        );
    }
    let mut warnings = sh.warnings.clone();
    let util = sh.utilisation_at(1.0, g.target_utilisation);
    if let Some(cap) = sh.capacity_limit() {
        if cap < 1.0 {
            warnings.push(format!(
                "{} fixed replica(s) cannot carry the peak: they cover {:.0}% of it",
                sh.fixed_replicas.unwrap_or(0.0),
                cap * 100.0
            ));
        }
    }
    let _ = k;
    SelfResult {
        name: g.name.clone(),
        unusable: None,
        monthly: Some(monthly),
        breakdown: b,
        per_1k_output: Some(per_1k_output),
        replicas: Some(replicas),
        utilisation: Some(util),
        fit,
        fits,
        throughput,
        warnings,
    }
}

fn throughput_explained(
    s: &Scenario,
    g: &crate::scenario::GpuConfig,
    sh: &SelfModel,
) -> Option<Explained> {
    let t0 = s.task_types.first()?;
    let gpu = catalog::gpu_in(s, &g.gpu);
    let model = catalog::model(&g.model);
    let sec = sh.tasks.first()?.sec_per_request;
    let tok_s = t0.output_tokens / sec;
    Some(match &g.throughput {
        ThroughputSource::Estimated => {
            let e = sh.tasks.first()?.estimate?;
            let (gpu, model, fit) = (gpu?, model?, sh.fit?);
            Explained::new(tok_s, "output tok/s per replica", "decode step = max((W + B x L x KV) / (n x BW x e_bw), 2 x P_active x B / (n x FLOP/s x e_c)); tok/s = output / (prefill + output x step / B)")
                .cataloged_text("memory bandwidth BW", gpu.bandwidth_gbs, "GB/s", gpu.source.clone(), gpu.as_of.clone())
                .cataloged_text("dense TFLOP/s", gpu.bf16_tflops, "TFLOP/s", gpu.source.clone(), gpu.as_of.clone())
                .cataloged("parameters", model.params_b, "B", model.source, model.as_of)
                .input("bytes per parameter", g.precision.bytes_per_param(), "B")
                .input("weights W", fit.weights_gb, "GB")
                .input("active parameters P_active", model.active_params_b, "B")
                .input("KV bytes per token", fit.kv_bytes_per_token, "B")
                .input("GPUs per replica n", f64::from(g.gpus_per_replica), "GPUs")
                .input("batch B", e.batch, "sequences")
                .input("max concurrent sequences (KV room)", e.max_concurrency, "sequences")
                .input("mean context L", t0.input_tokens + t0.output_tokens / 2.0, "tokens")
                .cataloged("e_bw", e.e_bw, "share", "calibrated on reference/h100-llama8b-measured.md", "2026-11-27")
                .cataloged("e_c", e.e_compute, "share", "calibrated on reference/h100-llama8b-measured.md", "2026-11-27")
                .input("decode step", e.step_ms, "ms")
                .input("per-stream speed", e.per_stream_tok_s, "tok/s")
                .input("prefill per request", e.prefill_s, "s")
        }
        ThroughputSource::Typed { output_tokens_per_s } => Explained::new(tok_s, "output tok/s per replica", "typed by the user, at the workload's request shape")
            .input("typed throughput", *output_tokens_per_s, "tok/s"),
        ThroughputSource::Benchmark { output_tokens_per_s, input_tokens, output_tokens, label, .. } => Explained::new(tok_s, "output tok/s per replica", "measured seconds per request (bench output / bench tok/s) x estimated cost ratio (workload shape / bench shape)")
            .sourced("measured throughput", *output_tokens_per_s, "tok/s", format!("benchmark {label}"))
            .input("benchmark input tokens", *input_tokens, "tokens")
            .input("benchmark output tokens", *output_tokens, "tokens")
            .input("workload input tokens", t0.input_tokens, "tokens")
            .input("workload output tokens", t0.output_tokens, "tokens"),
    })
}

fn pair_result(s: &Scenario, p: &breakeven::PairBreakEven, calls0: f64, out0: f64) -> PairResult {
    let tier = &s.api_tiers[p.tier].name;
    let config = &s.gpu_configs[p.config].name;
    let crossings: Vec<CrossingOut> = p
        .crossings
        .iter()
        .map(|c| CrossingOut {
            kind: c.kind,
            calls_per_month: c.scale * calls0,
            output_tokens_per_month: c.scale * out0,
            api_cost: c.api_cost,
            self_cost: c.self_cost,
            replicas: c.replicas,
            beyond_capacity: c.beyond_capacity,
        })
        .collect();
    let statement = if let Some(reason) = &p.unusable {
        format!("{config} cannot serve this workload: {reason}")
    } else if crossings.is_empty() {
        format!(
            "{config} is never cheaper than {tier} below {} calls/month ({}x the current volume)",
            fmt_num(SEARCH_LIMIT * calls0),
            SEARCH_LIMIT
        )
    } else {
        let first = &crossings[0];
        let mut st = String::with_capacity(192);
        st.push_str(config);
        st.push_str(" becomes cheaper than ");
        st.push_str(tier);
        st.push_str(" at ");
        write_num(&mut st, first.calls_per_month);
        st.push_str(" calls/month (");
        write_num(&mut st, first.output_tokens_per_month);
        st.push_str(" output tokens/month, $");
        write_num(&mut st, first.api_cost);
        st.push_str("/month each)");
        let n = (crossings.len() as u64).saturating_add(p.more);
        if n > 1 {
            let last = crossings
                .iter()
                .rev()
                .find(|c| c.kind == CrossingKind::SelfBecomesCheaper)
                .unwrap_or(first);
            st.push_str("; replica steps make the lead change ");
            write_num(&mut st, n as f64);
            st.push_str(" times, for good above ");
            write_num(&mut st, last.calls_per_month);
            st.push_str(" calls/month");
        }
        st
    };
    PairResult {
        tier: p.tier,
        config: p.config,
        crossings,
        more: p.more,
        statement,
    }
}

fn curves(
    s: &Scenario,
    m: &Model,
    calls0: f64,
    out_per_call: f64,
    max_scale: f64,
    points: usize,
) -> Curves {
    let scales: Vec<f64> = (0..points)
        .map(|i| max_scale * i as f64 / (points - 1) as f64)
        .collect();
    let series = all_options(m)
        .map(|o| {
            let costs = scales.iter().map(|&x| cost_at(m, o, x)).collect();
            let steps = match o {
                OptionRef::Config(k)
                    if m.selfhosted[k].fixed_replicas.is_none()
                        && m.selfhosted[k].replica_total > 0.0 =>
                {
                    let d = m.selfhosted[k].demand_base;
                    let last = (d * max_scale).floor().min(points as f64) as usize;
                    (1..=last).map(|n| n as f64 / d * calls0).collect()
                }
                _ => Vec::new(),
            };
            CurveSeries {
                option: o,
                name: option_name(s, o),
                costs,
                steps,
            }
        })
        .collect();
    Curves {
        calls: scales.iter().map(|x| x * calls0).collect(),
        output_tokens: scales.iter().map(|x| x * calls0 * out_per_call).collect(),
        series,
    }
}

/// Volume ranges (as multiples of the scenario) where each configuration is the
/// cheapest option, from one pass over a log grid refined by bisection to 1e-9 relative.
fn cheapest_ranges(m: &Model, max_scale: f64) -> Vec<Vec<[f64; 2]>> {
    let mut out = vec![Vec::new(); m.selfhosted.len()];
    let options: Vec<OptionRef> = all_options(m).collect();
    let best = |x: f64| -> OptionRef {
        let mut b = options[0];
        let mut c = f64::INFINITY;
        for &o in &options {
            let v = cost_at(m, o, x);
            if v < c {
                c = v;
                b = o;
            }
        }
        b
    };
    if options.is_empty() {
        return out;
    }
    let lo = 1e-3f64;
    let n = 96;
    let ratio = (max_scale / lo).powf(1.0 / (n - 1) as f64);
    let mut x = lo;
    let mut cur = best(x);
    let mut start = lo;
    for _ in 1..n {
        let next_x = x * ratio;
        let nb = best(next_x);
        if nb != cur {
            let (mut a, mut b) = (x, next_x);
            for _ in 0..60 {
                let mid = 0.5 * (a + b);
                if best(mid) == cur {
                    a = mid
                } else {
                    b = mid
                }
                if b - a <= 1e-9 * b {
                    break;
                }
            }
            let edge = 0.5 * (a + b);
            if let OptionRef::Config(k) = cur {
                out[k].push([start, edge]);
            }
            start = edge;
            cur = nb;
        }
        x = next_x;
    }
    if let OptionRef::Config(k) = cur {
        out[k].push([start, max_scale]);
    }
    out
}
