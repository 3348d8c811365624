//! The back-test: what the usage's real days would have cost under every option of a
//! scenario, as a table and a chart of the cumulative cost day by day.

use crate::dto::Access;
use crate::format::date;
use crate::usage_fns::usage_backtest;
use engine::usage::backtest::Backtest;
use leptos::prelude::*;

use super::preview::dollars;

const COLOURS: [&str; 6] = [
    "#2563eb", "#16a34a", "#dc2626", "#9333ea", "#ea580c", "#0891b2",
];

#[component]
pub(super) fn BacktestPanel(
    access: Access,
    ids: Vec<String>,
    /// The scenario to back-test: (id, edit key).
    scenario: RwSignal<Option<(String, String)>>,
) -> impl IntoView {
    let r = crate::dto::json::resource(
        move || scenario.get(),
        move |sc| {
            let (access, ids) = (access.clone(), ids.clone());
            async move {
                let (id, key) = sc?;
                Some(usage_backtest(access, ids, id, key).await)
            }
        },
    );
    view! {
        <Transition fallback=|| {
            view! { <p>"Back-testing..."</p> }
        }>
            {move || Suspend::new(async move {
                match r.await {
                    None => ().into_any(),
                    Some(Err(e)) => {
                        view! {
                            <p class="notice warn" role="alert" data-testid="backtest-error">
                                {e.explain()}
                            </p>
                        }
                            .into_any()
                    }
                    Some(Ok(b)) => view! { <Table b=b /> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn Table(b: Backtest) -> impl IntoView {
    let start = engine::usage::fmt_rfc3339(b.start);
    let end = engine::usage::fmt_rfc3339(b.start + b.hours as i64 * 3600);
    let chart = chart(&b);
    view! {
        <div class="card" data-testid="backtest">
            <h2>"What these days would have cost"</h2>
            <p class="fineprint">
                {format!(
                    "{} to {}: {} calls, {} in the busiest hour. Each GPU configuration sized for the busiest real hour, not the typed peak.",
                    date(&start),
                    date(&end),
                    engine::fmt_num(b.calls.round()),
                    engine::fmt_num(b.busiest_hour_calls.round()),
                )}
            </p>
            <div class="table-wrap">
                <table class="list">
                    <thead>
                        <tr>
                            <th scope="col">"Option"</th>
                            <th scope="col" class="n">
                                "Cost of the period"
                            </th>
                            <th scope="col" class="n">
                                "Replicas (busiest hour)"
                            </th>
                            <th scope="col" class="n">
                                "Replicas (typed peak)"
                            </th>
                            <th scope="col">"Note"</th>
                        </tr>
                    </thead>
                    <tbody>
                        {b
                            .options
                            .iter()
                            .enumerate()
                            .map(|(i, o)| {
                                view! {
                                    <tr data-testid="backtest-row">
                                        <td>
                                            <span
                                                class="swatch"
                                                style=format!("background:{}", COLOURS[i % COLOURS.len()])
                                            ></span>
                                            {o.name.clone()}
                                        </td>
                                        <td class="n">
                                            {o
                                                .cost_usd
                                                .map(dollars)
                                                .unwrap_or_else(|| "cannot serve".into())}
                                        </td>
                                        <td class="n">{crate::format::opt(o.replicas)}</td>
                                        <td class="n">{crate::format::opt(o.replicas_typed)}</td>
                                        <td>{o.note.clone().unwrap_or_default()}</td>
                                    </tr>
                                }
                            })
                            .collect_view()}
                    </tbody>
                </table>
            </div>
            {chart}
            <ul class="fineprint">
                {b.notes.iter().map(|n| view! { <li>{n.clone()}</li> }).collect_view()}
            </ul>
        </div>
    }
}

/// Cumulative cost per day, one line per option, as SVG.
fn chart(b: &Backtest) -> impl IntoView {
    let (w, h, pad, left) = (720.0, 260.0, 32.0, 84.0);
    let days = b.options.iter().map(|o| o.by_day.len()).max().unwrap_or(0);
    let top = b
        .options
        .iter()
        .flat_map(|o| o.by_day.last().copied())
        .fold(0.0, f64::max);
    if days < 2 || top <= 0.0 {
        return None;
    }
    let x = move |d: usize| left + (w - left - pad) * d as f64 / (days - 1) as f64;
    let y = move |v: f64| h - pad - (h - 2.0 * pad) * v / top;
    let lines = b
        .options
        .iter()
        .enumerate()
        .filter(|(_, o)| !o.by_day.is_empty())
        .map(|(i, o)| {
            let pts: Vec<String> = o
                .by_day
                .iter()
                .enumerate()
                .map(|(d, v)| format!("{:.1},{:.1}", x(d), y(*v)))
                .collect();
            view! {
                <polyline
                    points=pts.join(" ")
                    fill="none"
                    stroke=COLOURS[i % COLOURS.len()]
                    stroke-width="2"
                >
                    <title>{o.name.clone()}</title>
                </polyline>
            }
        })
        .collect_view();
    Some(view! {
        <svg
            class="backtest-chart"
            viewBox=format!("0 0 {w} {h}")
            role="img"
            aria-label="Cumulative cost per day for each option"
            data-testid="backtest-chart"
        >
            <line x1=left y1=h - pad x2=w - pad y2=h - pad stroke="#94a3b8" />
            <line x1=left y1=pad x2=left y2=h - pad stroke="#94a3b8" />
            <text x=left - 6.0 y=pad + 4.0 text-anchor="end" font-size="11">
                {dollars(top)}
            </text>
            <text x=left - 6.0 y=h - pad text-anchor="end" font-size="11">
                "$0"
            </text>
            <text x=(w + left) / 2.0 y=h - 8.0 text-anchor="middle" font-size="11">
                {format!("day 1 to day {days}: cumulative cost")}
            </text>
            {lines}
        </svg>
    })
}
