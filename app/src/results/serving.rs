//! Under each GPU configuration: how a replica serves each task type (streams, p95
//! latencies, tok/s, the binding constraint) and a small latency-vs-throughput chart
//! with the targets and the planned load drawn on it.

use engine::evaluate::{CurvePoint, ServingLine};
use engine::fmt_num;
use leptos::prelude::*;

const W: f64 = 260.0;
const H: f64 = 130.0;
const LEFT: f64 = 40.0;
const BOTTOM: f64 = 24.0;
const TOP: f64 = 16.0;
const RIGHT: f64 = 8.0;

/// One panel: p95 latency (`get`) against output tok/s per replica, the target as a
/// dashed line, the planned load as a dot.
/// The measured runs of a sweep and the load the targets pick on it.
#[derive(Clone, Copy)]
struct Measured<'a> {
    runs: &'a [CurvePoint],
    chosen: Option<CurvePoint>,
}

fn panel(
    title: &'static str,
    curve: &[CurvePoint],
    get: fn(&CurvePoint) -> f64,
    target: Option<f64>,
    planned: (f64, f64),
    measured: Measured,
) -> impl IntoView {
    let all = || {
        curve
            .iter()
            .chain(measured.runs)
            .chain(measured.chosen.as_ref())
    };
    let x_max = all()
        .map(|p| p.output_tok_s)
        .filter(|v| v.is_finite())
        .fold(planned.0, f64::max)
        .max(1.0)
        * 1.05;
    let y_max = all()
        .map(get)
        .chain(target)
        .filter(|v| v.is_finite())
        .fold(planned.1, f64::max)
        .max(1.0)
        * 1.1;
    let x = move |v: f64| LEFT + v / x_max * (W - LEFT - RIGHT);
    let y = move |v: f64| H - BOTTOM - v / y_max * (H - BOTTOM - TOP);
    let path: String = curve
        .iter()
        .enumerate()
        .map(|(i, p)| {
            format!(
                "{}{:.1},{:.1}",
                if i == 0 { "M" } else { " L" },
                x(p.output_tok_s),
                y(get(p))
            )
        })
        .collect();
    let target_line = target.filter(|t| *t <= y_max).map(|t| {
        view! {
            <line
                class="target"
                x1=LEFT
                x2=W - RIGHT
                y1=format!("{:.1}", y(t))
                y2=format!("{:.1}", y(t))
            />
            <text
                class="target-label"
                x=W - RIGHT - 2.0
                y=format!("{:.1}", y(t) - 3.0)
                text-anchor="end"
            >
                {format!("target {} ms", fmt_num(t))}
            </text>
        }
    });
    view! {
        <svg
            class="latency-chart"
            viewBox=format!("0 0 {W} {H}")
            role="img"
            aria-label=format!("{title} against output tokens per second per replica")
        >
            <text class="axis-title" x="4" y="10">
                {title}
            </text>
            <line class="axis" x1=LEFT x2=LEFT y1=TOP y2=H - BOTTOM />
            <line class="axis" x1=LEFT x2=W - RIGHT y1=H - BOTTOM y2=H - BOTTOM />
            <text class="tick" x=LEFT - 3.0 y=format!("{:.1}", TOP + 8.0) text-anchor="end">
                {fmt_num((y_max).round())}
            </text>
            <text class="tick" x=LEFT - 3.0 y=H - BOTTOM text-anchor="end">
                "0"
            </text>
            <text class="tick" x=LEFT y=H - 6.0>
                "0"
            </text>
            <text class="tick" x=(LEFT + W - RIGHT) / 2.0 y=H - 6.0 text-anchor="middle">
                "output tok/s per replica"
            </text>
            <text class="tick" x=W - RIGHT y=H - 6.0 text-anchor="end">
                {fmt_num(x_max.round())}
            </text>
            <path class="curve" d=path />
            {target_line}
            {measured
                .runs
                .iter()
                .map(|p| {
                    view! {
                        <circle
                            class="measured"
                            cx=format!("{:.1}", x(p.output_tok_s))
                            cy=format!("{:.1}", y(get(p).min(y_max)))
                            r="3"
                        />
                    }
                })
                .collect_view()}
            {measured
                .chosen
                .map(|p| {
                    let (cx, cy) = (x(p.output_tok_s), y(get(&p).min(y_max)));
                    view! {
                        <path
                            class="chosen"
                            d=format!("M{:.1},{:.1} l4,4 l-4,4 l-4,-4 z", cx, cy - 4.0)
                        />
                    }
                })}
            <circle
                class="planned"
                cx=format!("{:.1}", x(planned.0))
                cy=format!("{:.1}", y(planned.1))
                r="3.5"
            />
        </svg>
    }
}

#[component]
pub fn Serving(lines: Vec<ServingLine>, config: usize) -> impl IntoView {
    lines
        .into_iter()
        .enumerate()
        .map(|(i, l)| {
            let planned_tpot = (l.output_tok_s, l.tpot_p95_ms);
            let planned_ttft = (l.output_tok_s, l.ttft_p95_ms);
            let m = Measured {
                runs: &l.measured,
                chosen: l.chosen,
            };
            view! {
                <div class="serving" data-testid=format!("serving-{config}-{i}")>
                    <p class="serving-line">
                        <strong>{l.task.clone()}": "</strong>
                        {l.text.clone()}
                    </p>
                    <details class="serving-why">
                        <summary>"Why, and the latency curve"</summary>
                        <p>{l.why.clone()}</p>
                        <div class="latency-charts">
                            {panel(
                                "p95 ms per output token",
                                &l.curve,
                                |p| p.tpot_p95_ms,
                                l.targets.tpot_ms,
                                planned_tpot,
                                m,
                            )}
                            {panel(
                                "p95 ms to first token",
                                &l.curve,
                                |p| p.ttft_p95_ms,
                                l.targets.ttft_ms,
                                planned_ttft,
                                m,
                            )}
                        </div>
                        <p class="hint">
                            "Estimate from no load to the largest batch; the dot is the planned load. "
                            {(!l.estimated)
                                .then_some(
                                    "This configuration's throughput is measured or typed: the curve is the estimate for its hardware. ",
                                )}
                            {(!l.measured.is_empty())
                                .then_some(
                                    "Circles: the attached sweep's runs; the diamond: the load the targets pick on it. ",
                                )}
                            {matches!(l.measured_stat.as_str(), "mean" | "median")
                                .then(|| {
                                    format!(
                                        "The circles are the runs' {} latencies (not every run has a p99): their p95 is higher.",
                                        l.measured_stat,
                                    )
                                })}
                        </p>
                    </details>
                </div>
            }
        })
        .collect_view()
}
