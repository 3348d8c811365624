//! Chart data from the engine's answers: pure functions, tested without drawing.

use crate::dto::{ChartOptions, VolumeAxis};
use crate::format::short_volume;
use engine::OptionRef;
use engine::{Evaluation, ValidScenario};

pub type Rgb = (u8, u8, u8);
pub use engine::curves::Band;

pub use super::palette::{color_of, hex, PAYBACK_COLOR};

pub fn key_of(o: OptionRef) -> String {
    match o {
        OptionRef::Tier(j) => format!("t{j}"),
        OptionRef::Config(k) => format!("c{k}"),
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Line {
    pub key: String,
    pub name: String,
    pub color: Rgb,
    pub hidden: bool,
    /// (volume in axis units, USD/month), replica steps as vertical segments.
    pub points: Vec<(f64, f64)>,
    /// P10 and P90 where inputs have ranges.
    pub band: Option<Band>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Marker {
    pub x: f64,
    pub y: f64,
    pub label: String,
    pub color: Rgb,
}

#[derive(Clone, Debug, PartialEq)]
pub struct BreakEvenData {
    pub lines: Vec<Line>,
    pub crossings: Vec<Marker>,
    pub current_x: f64,
    pub x_min: f64,
    pub x_max: f64,
    pub x_label: &'static str,
    /// Axis units per call: 1 on the calls axis, output tokens per call on the other.
    pub per_call: f64,
    pub log_x: bool,
    /// Hover table: grid volumes and each visible series' cost there.
    pub grid: Vec<f64>,
    pub hover: Vec<(String, Vec<f64>)>,
    /// Per hover series: whether it may be the answer (meets the quality floor).
    pub hover_ok: Vec<bool>,
}

/// Volumes (calls/month) of the grid: linear from 0, or log-spaced over 3 decades.
pub fn grid(x_min: f64, x_max: f64, n: usize, log: bool) -> Vec<f64> {
    (0..n)
        .map(|i| {
            let t = i as f64 / (n - 1) as f64;
            if log {
                x_min * (x_max / x_min).powf(t)
            } else {
                x_min + (x_max - x_min) * t
            }
        })
        .collect()
}

pub fn break_even(v: &ValidScenario, e: &Evaluation, o: &ChartOptions) -> BreakEvenData {
    let calls0 = e.volume.calls_per_month;
    let per_call = match o.axis {
        VolumeAxis::Calls => 1.0,
        VolumeAxis::OutputTokens => e.volume.output_tokens_per_month / calls0,
    };
    let default_max = e.curves.calls.last().copied().unwrap_or(2.0 * calls0);
    let x_max_calls = o
        .max_calls
        .filter(|c| c.is_finite() && *c > 0.0)
        .unwrap_or(default_max)
        .min(1000.0 * calls0);
    let x_min_calls = if o.log_x {
        (x_max_calls / 1000.0).min(calls0 / 10.0)
    } else {
        0.0
    };
    let xs = grid(x_min_calls, x_max_calls, 256, o.log_x);
    let held = match o.axis {
        VolumeAxis::Calls => engine::curves::Held::Calls,
        VolumeAxis::OutputTokens => engine::curves::Held::OutputTokens,
    };
    let sampled = engine::curves::sample(v, calls0, &xs, [x_min_calls, x_max_calls], held);
    let mut hover = Vec::new();
    let mut hover_ok = Vec::new();
    let lines = sampled
        .into_iter()
        .map(|mut c| {
            // Fixed replicas serve up to where they are full at peak: the line ends there,
            // and the hover has no cost for them past it.
            if let OptionRef::Config(k) = c.option {
                if let Some(full) = e.selfhosted.get(k).and_then(|r| r.capacity_calls) {
                    end_at(&mut c.points, full);
                    if let Some((p10, p90)) = &mut c.band {
                        end_at(p10, full);
                        end_at(p90, full);
                    }
                    for (x, y) in xs.iter().zip(c.at_volumes.iter_mut()) {
                        if *x > full * (1.0 + 1e-9) {
                            *y = f64::NAN;
                        }
                    }
                }
            }
            let key = key_of(c.option);
            let hidden = o.hidden.contains(&key);
            if !hidden {
                hover_ok.push(e.meets_floor(c.option));
                hover.push((
                    e.curves
                        .series
                        .iter()
                        .find(|s| s.option == c.option)
                        .map_or_else(String::new, |s| s.name.clone()),
                    c.at_volumes,
                ));
            }
            let to_axis = |points: Vec<(f64, f64)>| {
                points
                    .into_iter()
                    .map(|(x, y)| (x * per_call, y))
                    .collect::<Vec<_>>()
            };
            Line {
                key,
                name: c.name,
                color: color_of(c.option),
                hidden,
                points: to_axis(c.points),
                band: c.band.map(|(p10, p90)| (to_axis(p10), to_axis(p90))),
            }
        })
        .collect::<Vec<_>>();
    let visible = |o: OptionRef| !lines.iter().any(|l| l.hidden && l.key == key_of(o));
    let mut crossings = Vec::new();
    for p in &e.break_even {
        if !visible(OptionRef::Tier(p.tier)) || !visible(OptionRef::Config(p.config)) {
            continue;
        }
        for c in p
            .crossings
            .iter()
            // Past its fixed replicas' capacity a configuration has no line to cross.
            .filter(|c| {
                c.calls_per_month <= x_max_calls
                    && c.calls_per_month >= x_min_calls
                    && !c.beyond_capacity
            })
            .take(5)
        {
            let x = c.calls_per_month * per_call;
            // Label where self-hosting becomes cheaper; a replica step that flips it back is a plain dot.
            let label = if c.kind == engine::CrossingKind::SelfBecomesCheaper {
                short_volume(x)
            } else {
                String::new()
            };
            crossings.push(Marker {
                x,
                y: c.api_cost,
                label,
                color: color_of(OptionRef::Config(p.config)),
            });
        }
    }
    BreakEvenData {
        lines,
        crossings,
        current_x: calls0 * per_call,
        x_min: x_min_calls * per_call,
        x_max: x_max_calls * per_call,
        x_label: match o.axis {
            VolumeAxis::Calls => "calls / month",
            VolumeAxis::OutputTokens => "output tokens / month",
        },
        per_call,
        log_x: o.log_x,
        grid: xs.iter().map(|x| x * per_call).collect(),
        hover,
        hover_ok,
    }
}

/// A line's points up to `full` calls/month, its last point there (interpolated).
fn end_at(points: &mut Vec<(f64, f64)>, full: f64) {
    let Some(past) = points.iter().position(|p| p.0 > full) else {
        return;
    };
    let end = match past.checked_sub(1).map(|i| points[i]) {
        Some((x0, y0)) => {
            let (x1, y1) = points[past];
            let t = if x1 > x0 {
                (full - x0) / (x1 - x0)
            } else {
                0.0
            };
            Some((full, y0 + t * (y1 - y0)))
        }
        None => None,
    };
    points.truncate(past);
    points.extend(end);
}

/// Stacked cost categories at the current volume, per option.
pub const CATEGORIES: [(&str, Rgb); 8] = [
    ("GPU time", (26, 127, 55)),
    ("Idle overhead", (116, 196, 118)),
    ("Power", (219, 109, 40)),
    ("Hardware", (154, 103, 0)),
    ("Facility", (110, 119, 129)),
    ("People", (130, 80, 223)),
    ("API input", (84, 174, 255)),
    ("API output", (31, 111, 235)),
];

pub fn breakdown(e: &Evaluation) -> Vec<(String, [f64; 8])> {
    let row = |b: &engine::Breakdown| {
        [
            b.gpu_time,
            b.overhead,
            b.power,
            b.hardware,
            b.facility,
            b.people_maintenance + b.people_upgrades,
            b.api_input,
            b.api_output,
        ]
    };
    e.api
        .iter()
        .map(|a| (a.name.clone(), row(&a.breakdown)))
        .chain(
            e.selfhosted
                .iter()
                .filter(|s| s.unusable.is_none())
                .map(|s| (s.name.clone(), row(&s.breakdown))),
        )
        .collect()
}

#[derive(Clone, Debug, PartialEq)]
pub struct Cumulative {
    pub lines: Vec<Line>,
    pub payback: Option<(u32, String)>,
}

/// Cumulative cost per option (self-hosted as cash: purchases up front), and the
/// payback month of the configuration that ends the horizon cheapest.
pub fn cumulative(v: &ValidScenario, e: &Evaluation) -> Cumulative {
    let p = &e.projection;
    let months = |ys: &[f64]| {
        ys.iter()
            .enumerate()
            .map(|(i, y)| ((i + 1) as f64, *y))
            .collect::<Vec<_>>()
    };
    let mut lines: Vec<Line> = p
        .tiers
        .iter()
        .enumerate()
        .map(|(j, t)| Line {
            key: key_of(OptionRef::Tier(j)),
            name: engine::evaluate::option_name(v.get(), OptionRef::Tier(j)),
            color: color_of(OptionRef::Tier(j)),
            hidden: false,
            points: months(&t.cumulative),
            band: None,
        })
        .collect();
    let mut best: Option<(f64, usize)> = None;
    for (k, c) in p.configs.iter().enumerate() {
        if let Some(c) = c {
            // The payback named is that of a configuration that may be the answer.
            let ok = e.meets_floor(OptionRef::Config(k));
            lines.push(Line {
                key: key_of(OptionRef::Config(k)),
                name: engine::evaluate::option_name(v.get(), OptionRef::Config(k)),
                color: color_of(OptionRef::Config(k)),
                hidden: false,
                points: months(&c.cash.cumulative),
                band: None,
            });
            let end = c.cash.cumulative.last().copied().unwrap_or(f64::INFINITY);
            if ok && best.is_none_or(|(b, _)| end < b) {
                best = Some((end, k));
            }
        }
    }
    let payback = best.and_then(|(_, k)| {
        let c = p.configs[k].as_ref()?;
        Some((
            c.payback_month?,
            engine::evaluate::option_name(v.get(), OptionRef::Config(k)),
        ))
    });
    Cumulative { lines, payback }
}

#[cfg(test)]
#[path = "data_tests.rs"]
mod tests;
