//! `/compare?a={view_token}&b={view_token}` two scenarios, and
//! `/s/{id}/compare?key=...&a={rev}&b={rev}` two revisions of one: the inputs that
//! differ, highlighted, and the answers next to each other.

use crate::dto::CompareSide;
use crate::format::money_in;
use crate::pages::not_found::LoadError;
use crate::server_fns::compare;
use engine::fmt::shown;
use leptos::either::Either;
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

#[component]
pub fn ComparePage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let sides = move || {
        let q = query.read();
        let (a, b) = (
            q.get("a").unwrap_or_default(),
            q.get("b").unwrap_or_default(),
        );
        match params.read().get("id") {
            Some(id) => {
                let key = q.get("key").unwrap_or_default();
                let rev = |s: &str| s.parse::<i64>().unwrap_or(0);
                (
                    CompareSide::Revision {
                        id: id.clone(),
                        key: key.clone(),
                        revision: rev(&a),
                    },
                    CompareSide::Revision {
                        id,
                        key,
                        revision: rev(&b),
                    },
                )
            }
            None => (
                CompareSide::View { token: a },
                CompareSide::View { token: b },
            ),
        }
    };
    // Where the reader came from: a scenario's history and editor, or each side's page.
    let back = move || match sides() {
        (CompareSide::Revision { id, key, .. }, _) => vec![
            (format!("/s/{id}/history?key={key}"), "History".to_string()),
            (
                format!("/s/{id}?key={key}"),
                "Open the scenario".to_string(),
            ),
        ],
        (CompareSide::View { token: a }, CompareSide::View { token: b }) => vec![
            (format!("/v/{a}"), "Open A".to_string()),
            (format!("/v/{b}"), "Open B".to_string()),
        ],
        _ => Vec::new(),
    };
    let data = crate::dto::json::resource(sides, |(a, b)| compare(a, b));
    view! {
        <Suspense fallback=|| {
            view! { <p class="page">"Loading..."</p> }
        }>
            {move || Suspend::new(async move {
                match data.await {
                    Err(e) => Either::Right(view! { <LoadError err=e /> }),
                    Ok(c) => {
                        let (code_a, code_b) = (&c.a.answers.currency, &c.b.answers.currency);
                        Either::Left(
                            view! {
                                <section class="page compare" data-testid="compare">
                                    <h1>"Compare"</h1>
                                    <nav class="links" aria-label="Back" data-testid="compare-back">
                                        {back()
                                            .into_iter()
                                            .enumerate()
                                            .map(|(i, (href, label))| {
                                                view! {
                                                    {(i > 0).then_some(" · ")}
                                                    <a href=href>{label}</a>
                                                }
                                            })
                                            .collect_view()}
                                    </nav>
                                    <div class="compare-heads">
                                        <div>
                                            <span class="badge">"A"</span>
                                            " "
                                            {c.a.title.clone()}
                                            <p data-testid="compare-summary-a">
                                                {c.a.answers.summary.clone()}
                                            </p>
                                        </div>
                                        <div>
                                            <span class="badge">"B"</span>
                                            " "
                                            {c.b.title.clone()}
                                            <p data-testid="compare-summary-b">
                                                {c.b.answers.summary.clone()}
                                            </p>
                                        </div>
                                    </div>
                                    <h2>"Inputs that differ"</h2>
                                    {if c.diffs.is_empty() {
                                        view! {
                                            <p class="empty" data-testid="no-diffs">
                                                "The two have identical inputs."
                                            </p>
                                        }
                                            .into_any()
                                    } else {
                                        view! {
                                            <table class="list diffs" data-testid="diffs">
                                                <thead>
                                                    <tr>
                                                        <th scope="col">"Input"</th>
                                                        <th scope="col">"A"</th>
                                                        <th scope="col">"B"</th>
                                                    </tr>
                                                </thead>
                                                <tbody>
                                                    {c
                                                        .diffs
                                                        .iter()
                                                        .map(|d| {
                                                            view! {
                                                                <tr class="changed">
                                                                    <th scope="row">
                                                                        {d.label.clone().unwrap_or_else(|| d.path.clone())}
                                                                    </th>
                                                                    <td>{d.a.clone()}</td>
                                                                    <td class="b">{d.b.clone()}</td>
                                                                </tr>
                                                            }
                                                        })
                                                        .collect_view()}
                                                </tbody>
                                            </table>
                                        }
                                            .into_any()
                                    }}
                                    <h2>"Monthly cost at each side's volume"</h2>
                                    <table class="list" data-testid="compare-costs">
                                        <thead>
                                            <tr>
                                                <th scope="col">"Option"</th>
                                                <th scope="col" class="n">
                                                    "A"
                                                </th>
                                                <th scope="col" class="n">
                                                    "B"
                                                </th>
                                                <th scope="col" class="n">
                                                    "B − A"
                                                </th>
                                            </tr>
                                        </thead>
                                        <tbody>
                                            {c
                                                .costs
                                                .iter()
                                                .map(|row| {
                                                    let (x, y) = (
                                                        row.a.clone().map(shown),
                                                        row.b.clone().map(shown),
                                                    );
                                                    let delta = match (&row.a, &row.b) {
                                                        (Ok(x), Ok(y)) if code_a != code_b => {
                                                            let d = ((y / c.b.answers.per_usd - x / c.a.answers.per_usd)
                                                                * 100.0)
                                                                .round() / 100.0;
                                                            let m = money_in(d.abs(), "USD");
                                                            let sign = if m == money_in(0.0, "USD") {
                                                                ""
                                                            } else if d > 0.0 {
                                                                "+"
                                                            } else {
                                                                "−"
                                                            };
                                                            format!("{sign}{m} (in USD, each at its own rate)")
                                                        }
                                                        _ if code_a != code_b => "–".into(),
                                                        _ => {
                                                            match (&x, &y) {
                                                                (Ok(x), Ok(y)) if x == y => money_in(0.0, code_a),
                                                                (Ok(x), Ok(y)) => {
                                                                    format!(
                                                                        "{}{}",
                                                                        if y > x { "+" } else { "−" },
                                                                        money_in((y - x).abs(), code_a),
                                                                    )
                                                                }
                                                                _ => "–".into(),
                                                            }
                                                        }
                                                    };
                                                    let show = |v: &Result<f64, String>, code: &str| match v {
                                                        Ok(v) => {
                                                            // Across currencies, the difference of the unrounded figures
                                                            // (a rounded €4,465 read back in dollars is not $4,852.72),
                                                            // to the cent.
                                                            // Each side at its own rate, told apart in US dollars.
                                                            view! { {money_in(*v, code)} }
                                                                .into_any()
                                                        }
                                                        Err(why) => {
                                                            view! {
                                                                "–"
                                                                <small class="why">{why.clone()}</small>
                                                            }
                                                                .into_any()
                                                        }
                                                    };
                                                    // The difference of the figures shown, so the row adds
                                                    // up on the page; equal figures are no change.
                                                    view! {
                                                        <tr class:changed=x != y>
                                                            <th scope="row">{row.name.clone()}</th>
                                                            <td class="n">{show(&x, code_a)}</td>
                                                            <td class="n">{show(&y, code_b)}</td>
                                                            <td class="n">{delta}</td>
                                                        </tr>
                                                    }
                                                })
                                                .collect_view()}
                                        </tbody>
                                    </table>
                                    <h2>"Break-even"</h2>
                                    <div class="compare-cols">
                                        <div>
                                            <h3>"A"</h3>
                                            <ul>
                                                {c
                                                    .a
                                                    .answers
                                                    .break_even
                                                    .iter()
                                                    .map(|s| view! { <li>{s.clone()}</li> })
                                                    .collect_view()}
                                            </ul>
                                        </div>
                                        <div>
                                            <h3>"B"</h3>
                                            <ul>
                                                {c
                                                    .b
                                                    .answers
                                                    .break_even
                                                    .iter()
                                                    .map(|s| view! { <li>{s.clone()}</li> })
                                                    .collect_view()}
                                            </ul>
                                        </div>
                                    </div>
                                </section>
                            },
                        )
                    }
                }
            })}
        </Suspense>
    }
}
