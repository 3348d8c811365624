//! Cost curves: every usable option's monthly cost sampled over a volume range, with
//! the volumes where a configuration adds a replica.

use super::{all_options, cost_at, option_name, CurveSeries, Curves};
use crate::hybrid::OptionRef;
use crate::model::Model;
use crate::scenario::Scenario;

pub(super) fn curves(
    s: &Scenario,
    m: &Model,
    base_calls: f64,
    out_per_call: f64,
    max_scale: f64,
    points: usize,
) -> Curves {
    let scales: Vec<f64> = (0..points)
        .map(|i| max_scale * i as f64 / (points - 1) as f64)
        .collect();
    // Every usable option is drawn, those under the quality floor too (the chart says so).
    let series = all_options(m, 0)
        .map(|o| {
            let costs = scales.iter().map(|&x| cost_at(m, o, x)).collect();
            let steps = match o {
                OptionRef::Config(k)
                    if m.selfhosted[k].fixed_replicas.is_none()
                        && m.selfhosted[k].replica_total > 0.0 =>
                {
                    let d = m.selfhosted[k].demand_base;
                    let last = (d * max_scale).floor().min(points as f64) as usize;
                    (1..=last).map(|n| n as f64 / d * base_calls).collect()
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
        calls: scales.iter().map(|x| x * base_calls).collect(),
        output_tokens: scales
            .iter()
            .map(|x| x * base_calls * out_per_call)
            .collect(),
        series,
    }
}
