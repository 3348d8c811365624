//! What the charts draw, in volumes and dollars: every usable option's monthly cost at
//! the volumes a chart asks for, the replica steps inside that range as vertical
//! segments, the P10-P90 band where inputs have ranges, and the tornado bars. The
//! chart layer only maps these numbers to pixels. Money is in the scenario's currency
//! (US dollars when it has none), as in the evaluation.

use crate::evaluate::option_name;
use crate::hybrid::OptionRef;
use crate::model::Model;
use crate::validate::ValidScenario;

/// Whose monthly saving the tornado measures: (baseline tier, configuration).
pub use crate::sensitivity::decision_names;

/// (P10 points, P90 points), each (calls/month, USD/month).
pub type Band = (Vec<(f64, f64)>, Vec<(f64, f64)>);

/// Samples of the band's Monte Carlo run, and its seed (the same band on every draw).
const BAND_SAMPLES: usize = 1000;
const BAND_SEED: u64 = 42;
/// The band is sampled at every 4th volume of the grid.
const BAND_STRIDE: usize = 4;
/// More replica steps than this in the range are not drawn (they would be a solid wall).
const MAX_STEPS: u64 = 512;

/// One option's cost over the requested volumes.
#[derive(Clone, Debug, PartialEq)]
pub struct SampledOption {
    pub option: OptionRef,
    pub name: String,
    /// (calls/month, USD/month) at every requested volume, plus the cost just before
    /// and just after each replica step, sorted by volume.
    pub points: Vec<(f64, f64)>,
    /// USD/month at each requested volume, in order (the hover table).
    pub at_volumes: Vec<f64>,
    /// P10 and P90 where inputs have ranges.
    pub band: Option<Band>,
}

pub use crate::sensitivity::Held;

/// Every usable option (API tiers first, then configurations that can serve the
/// workload) at `volumes` (calls/month, ascending), with the replica steps between
/// `lowest` and `highest` calls/month. `base_calls` is the scenario's own volume, the
/// unit the cost model scales from. `held`: the chart's x axis, which its band holds at
/// each x (calls, or the output tokens those calls make at the scenario's mix).
pub fn sample(
    v: &ValidScenario,
    base_calls: f64,
    volumes: &[f64],
    [lowest, highest]: [f64; 2],
    held: Held,
) -> Vec<SampledOption> {
    let m = Model::build(v);
    let options: Vec<OptionRef> = (0..m.api.len())
        .map(OptionRef::Tier)
        .chain(
            (0..m.selfhosted.len())
                .filter(|&k| m.selfhosted[k].unusable.is_none())
                .map(OptionRef::Config),
        )
        .collect();
    // Every 4th volume, and the last, so the band reaches the chart's right edge.
    let mut band_scales: Vec<f64> = volumes
        .iter()
        .step_by(BAND_STRIDE)
        .map(|x| x / base_calls)
        .collect();
    if volumes.len() % BAND_STRIDE != 1 {
        if let Some(last) = volumes.last() {
            band_scales.push(last / base_calls);
        }
    }
    let k = rate(v);
    // The x axis is the volume: at each x the volume is held, so a range on calls a
    // month moves only the mix of task types there (with one type, nothing).
    let bands =
        crate::sensitivity::uncertainty_at_volume(v, BAND_SAMPLES, &band_scales, BAND_SEED, held);
    options
        .into_iter()
        .map(|option| {
            let cost = |calls: f64| {
                k * match option {
                    OptionRef::Tier(j) => m.api[j].cost_at(calls / base_calls),
                    OptionRef::Config(c) => m.selfhosted[c].cost_at(calls / base_calls),
                }
            };
            let mut points: Vec<(f64, f64)> = volumes.iter().map(|&x| (x, cost(x))).collect();
            if let OptionRef::Config(k) = option {
                // Replica steps as vertical segments: the cost just before and just after.
                let sh = &m.selfhosted[k];
                if sh.fixed_replicas.is_none() && sh.replica_total > 0.0 {
                    let demand = sh.demand_base;
                    let first = (demand * lowest / base_calls).floor() as u64 + 1;
                    let last = (demand * highest / base_calls).floor() as u64;
                    if last >= first && last - first < MAX_STEPS {
                        for n in first..=last {
                            let x = n as f64 / demand * base_calls;
                            points.push((x, cost(x * (1.0 - 1e-12))));
                            points.push((x, cost(x * (1.0 + 1e-12))));
                        }
                        points.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.total_cmp(&b.1)));
                    }
                }
            }
            let band = bands
                .as_ref()
                .and_then(|u| u.bands.iter().find(|b| b.option == option))
                .map(|b| {
                    let at = |ys: &Vec<f64>| {
                        band_scales
                            .iter()
                            .zip(ys)
                            .map(|(scale, y)| (scale * base_calls, *y * k))
                            .collect::<Vec<_>>()
                    };
                    (at(&b.p10), at(&b.p90))
                });
            SampledOption {
                option,
                name: option_name(v.get(), option),
                at_volumes: volumes.iter().map(|&x| cost(x)).collect(),
                points,
                band,
            }
        })
        .collect()
}

/// Units of the scenario's currency per US dollar (1 without a currency).
fn rate(v: &ValidScenario) -> f64 {
    v.get().currency.as_ref().map_or(1.0, |c| c.per_usd)
}

/// One bar of the tornado: the input (with its low and high values) and the monthly
/// saving at each end.
#[derive(Clone, Debug, PartialEq)]
pub struct TornadoBar {
    pub label: String,
    pub saving_at_low: f64,
    pub saving_at_high: f64,
    /// Why an end (low, high) has no saving, where it has none: the bar is drawn from the
    /// base on that side.
    pub no_saving: [Option<NoSaving>; 2],
}

/// Why an end of a sensitivity bar has no saving.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NoSaving {
    /// No configuration can serve the workload there (a latency target below every
    /// configuration's floor).
    Unservable,
    /// Some can, but none meets the quality of the tier the saving is counted against.
    NoneComparable,
}

impl NoSaving {
    pub fn text(self) -> &'static str {
        match self {
            NoSaving::Unservable => "none can be self-hosted",
            NoSaving::NoneComparable => "no configuration to compare with",
        }
    }
    /// For a chart's note beside the bar.
    pub fn short(self) -> &'static str {
        match self {
            NoSaving::Unservable => "none self-hosted",
            NoSaving::NoneComparable => "none to compare",
        }
    }
}

/// The inputs that move the monthly saving most (at most `n`, zero swings left out),
/// and the saving at the scenario's own inputs.
pub fn tornado(v: &ValidScenario, n: usize) -> (f64, Vec<TornadoBar>) {
    let m = Model::build(v);
    let k = rate(v);
    let base = k * crate::sensitivity::decision(v, &m)
        .monthly_saving
        .unwrap_or(0.0);
    let rows = crate::sensitivity::sensitivity(v, &crate::params::Param::all(v.get()));
    let bars = rows
        .into_iter()
        // An end where no configuration can serve (a latency target below the hardware's
        // floor) has no saving: the bar keeps its other end and says so, as the input
        // that moves the decision most, never left out.
        .filter(|r| r.saving_swing > 0.0)
        .filter(|r| r.at_low.monthly_saving.is_some() || r.at_high.monthly_saving.is_some())
        .take(n)
        .map(|r| {
            let p = crate::params::Param::parse(&r.path, v.get());
            let written = |x: f64| p.map_or_else(|| crate::fmt_num(x), |p| p.value_text(x));
            // Why an end has no saving: nothing can be self-hosted there, or nothing of
            // the compared tier's quality.
            let why = |saving: Option<f64>, x: f64| {
                saving.is_none().then(|| {
                    let mut w = v.get().clone();
                    if let Some(p) = p {
                        p.set(&mut w, x);
                    }
                    let m = Model::build_from(&w);
                    if m.selfhosted.iter().all(|c| c.unusable.is_some()) {
                        NoSaving::Unservable
                    } else {
                        NoSaving::NoneComparable
                    }
                })
            };
            let no_saving = [
                why(r.at_low.monthly_saving, r.low),
                why(r.at_high.monthly_saving, r.high),
            ];
            let gone = match no_saving {
                [Some(g), _] => format!("; at {} {}", written(r.low), g.text()),
                [_, Some(g)] => format!("; at {} {}", written(r.high), g.text()),
                _ => String::new(),
            };
            TornadoBar {
                label: match p {
                    Some(p) => format!("{} ({}{gone})", r.label, p.range_text(r.low, r.high)),
                    None => r.label.clone(),
                },
                saving_at_low: r.at_low.monthly_saving.map_or(base, |x| x * k),
                saving_at_high: r.at_high.monthly_saving.map_or(base, |x| x * k),
                no_saving,
            }
        })
        .collect();
    (base, bars)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn samples_hold_every_volume_and_each_step_twice() {
        let v = crate::validate(crate::templates::haiku_vs_4090()).expect("valid");
        let base = v.get().task_types[0].calls_per_month;
        let volumes: Vec<f64> = (0..=20).map(|i| base * f64::from(i) / 4.0).collect();
        let sampled = sample(&v, base, &volumes, [0.0, 5.0 * base], Held::Calls);
        let m = Model::build(&v);
        let usable = m.selfhosted.iter().filter(|c| c.unusable.is_none()).count();
        assert_eq!(
            sampled.len(),
            m.api.len() + usable,
            "every tier and usable configuration"
        );
        for s in &sampled {
            assert_eq!(s.at_volumes.len(), volumes.len());
            for (x, y) in volumes.iter().zip(&s.at_volumes) {
                assert!(s.points.contains(&(*x, *y)), "{x} missing from {}", s.name);
            }
            assert!(s.points.windows(2).all(|w| w[0].0 <= w[1].0), "sorted");
        }
        let config = sampled
            .iter()
            .find(|s| s.option == OptionRef::Config(0))
            .expect("the first configuration is usable");
        let demand = m.selfhosted[0].demand_base;
        let steps = (demand * 5.0).floor() as usize;
        assert!(
            steps > 0,
            "the article case adds replicas within 5x its volume"
        );
        assert_eq!(config.points.len(), volumes.len() + 2 * steps);
        assert!(config.band.is_none(), "no ranges, no band");
    }

    #[test]
    fn tornado_bars_swing_around_the_base_saving() {
        let v = crate::validate(crate::templates::haiku_vs_4090()).expect("valid");
        let (base, bars) = tornado(&v, 3);
        assert!(!bars.is_empty() && bars.len() <= 3);
        for b in &bars {
            assert!(b.saving_at_low != b.saving_at_high, "{}", b.label);
            assert!(b.label.contains(" .. "), "{}", b.label);
        }
        assert!(base.is_finite());
    }

    /// At a given volume on the x axis an uncertain volume moves nothing: a range on
    /// calls a month gives no band, and beside a range on a GPU's price an API tier's
    /// band is its line. The band reaches the last volume.
    #[test]
    fn the_band_holds_the_volume_at_each_x() {
        let mut s = crate::templates::haiku_vs_4090();
        let base = s.task_types[0].calls_per_month;
        s.ranges.push(crate::scenario::InputRange {
            path: "task_types[0].calls_per_month".into(),
            low: 0.5 * base,
            high: 2.0 * base,
        });
        let volumes: Vec<f64> = (0..=10).map(|i| base * f64::from(i) / 4.0).collect();
        let v = crate::validate(s.clone()).expect("valid");
        let sampled = sample(&v, base, &volumes, [0.0, 2.5 * base], Held::Calls);
        assert!(
            sampled.iter().all(|o| o.band.is_none()),
            "a volume range alone: no band"
        );

        s.ranges.push(crate::scenario::InputRange {
            path: "gpu_configs[1].hosting.hourly_usd".into(),
            low: 0.34,
            high: 0.74,
        });
        let v = crate::validate(s).expect("valid");
        let sampled = sample(&v, base, &volumes, [0.0, 2.5 * base], Held::Calls);
        let tier = &sampled[0];
        let (p10, p90) = tier.band.as_ref().expect("a band beside the price range");
        for ((x, lo), (_, hi)) in p10.iter().zip(p90) {
            let at = volumes
                .iter()
                .position(|v| v == x)
                .expect("a volume of the grid");
            let line = tier.at_volumes[at];
            assert!(
                (lo - line).abs() <= 1e-9 * line.max(1.0)
                    && (hi - line).abs() <= 1e-9 * line.max(1.0),
                "the tier's band at {x}: {lo}..{hi}, its line {line}"
            );
        }
        assert_eq!(
            p10.last().map(|p| p.0),
            volumes.last().copied(),
            "to the last volume"
        );
        let config = sampled
            .iter()
            .find(|o| o.option == OptionRef::Config(1))
            .expect("the priced configuration");
        let (lo, hi) = config.band.as_ref().expect("its band");
        assert!(
            lo.iter().zip(hi).any(|(a, b)| b.1 > a.1),
            "the price range widens it"
        );
    }
}
