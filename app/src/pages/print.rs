//! `/v/{token}/print` (and `/f/{token}/print`, of a frozen revision): a one-page summary
//! for finance: the chart, the key numbers and every assumption with its source and date.
//! Print styles in style/main.css.

use crate::format::money;
use crate::pages::not_found::LoadError;
use crate::pages::print_inputs::PrintInputs;
use crate::pages::ReportLink;
use crate::server_fns::load_report;
use engine::fmt_num;
use leptos::either::Either;
use leptos::prelude::*;

#[component]
pub fn PrintPage() -> impl IntoView {
    let link = ReportLink::of_route();
    let loaded = crate::dto::json::resource(move || link.get(), |l| load_report(l.token, l.frozen));
    view! {
        <Suspense fallback=|| {
            view! { <p class="page">"Loading..."</p> }
        }>
            {move || Suspend::new(async move {
                match loaded.await {
                    Err(e) => Either::Left(view! { <LoadError err=e /> }),
                    Ok(l) => {
                        let code = l
                            .report
                            .as_ref()
                            .map_or_else(|| "USD".into(), |r| r.currency.clone());
                        provide_context(crate::format::ShownCurrency(Signal::stored(code)));
                        let base = link.get_untracked().base();
                        let Some(r) = l.report else {
                            return Either::Left(
                                // Money in the evaluation's currency.
                                view! {
                                    <LoadError err=crate::error::AppError::NotFound(
                                        "numbers".into(),
                                    ) />
                                },
                            );
                        };
                        let h = r.headline;
                        let notes = r.assumptions;
                        let rows = r.options;
                        let caveats: Vec<String> = rows
                            .iter()
                            .flat_map(|o| {
                                o.warnings.iter().map(move |w| format!("{}: {w}", o.name))
                            })
                            .chain(
                                r
                                    .cannot_serve
                                    .iter()
                                    .map(|(n, why)| {
                                        format!("{n} cannot serve this workload: {why}")
                                    }),
                            )
                            .collect();
                        let pairs = r.break_even;
                        let npv_head = r.npv_head;
                        let age_notes = r.age_notes;
                        Either::Right(
                            // Each option's caveats, then each configuration left out of the
                            // table with why: it cannot serve the workload.
                            view! {
                                <article class="print-page page narrow" data-testid="print">
                                    <header>
                                        <h1>{l.name.clone()}</h1>
                                        <p class="meta">
                                            {format!(
                                                "Revision {} · saved {} UTC · {} calls/month, {} output tokens/month",
                                                l.revision,
                                                crate::format::utc_minute(&l.updated_at),
                                                fmt_num(r.calls_per_month),
                                                fmt_num(r.output_tokens_per_month),
                                            )}
                                        </p>
                                        <button
                                            type="button"
                                            class="primary no-print"
                                            data-testid="print-button"
                                            on:click=|_| {
                                                let _ = window().print();
                                            }
                                        >
                                            "Print"
                                        </button>
                                    </header>
                                    {crate::format::age_notes_view(age_notes)}
                                    {h
                                        .map(|h| {
                                            view! {
                                                <ul class="key-numbers">
                                                    <li>
                                                        <strong>"Cheapest now: "</strong>
                                                        {format!(
                                                            "{} at {}/month",
                                                            h.cheapest,
                                                            money(h.cheapest_cost),
                                                        )}
                                                        {saving_text(&h)}
                                                        {engine::report::caveat_mark(
                                                            h.cheapest_caveats.len(),
                                                            "(under the options)",
                                                        )}
                                                    </li>
                                                    <li>
                                                        <strong>"Break-even: "</strong>
                                                        {h
                                                            .break_even_calls
                                                            .map(|c| format!("{} calls/month", fmt_num(c)))
                                                            .unwrap_or_else(|| "no crossing in range".into())}
                                                        {h.break_even_note.clone().map(|n| format!(" ({n})"))}
                                                        {h
                                                            .break_even_calls
                                                            .map(|_| h.self_caveat_mark("(under the options)"))}
                                                    </li>
                                                    <li>
                                                        <strong>"Payback: "</strong>
                                                        {h
                                                            .payback_month
                                                            .map(|m| format!("month {m}"))
                                                            .unwrap_or_else(|| "not within the horizon".into())}
                                                        {h
                                                            .payback_month
                                                            .map(|_| h.self_caveat_mark("(under the options)"))}
                                                    </li>
                                                </ul>
                                            }
                                        })}
                                    // A phone's screen gets the chart drawn for its column; paper
                                    // the wide one.
                                    <picture>
                                        <source
                                            media="screen and (max-width: 600px)"
                                            srcset=format!("{base}/chart/break-even.svg?phone=true")
                                        />
                                        <img
                                            class="print-chart"
                                            src=format!("{base}/chart/break-even.svg")
                                            alt="Monthly cost vs volume"
                                        />
                                    </picture>
                                    <table class="options">
                                        <thead>
                                            <tr>
                                                <th scope="col">"Option"</th>
                                                <th scope="col">
                                                    {format!("{} / month", crate::format::code())}
                                                </th>
                                                <th scope="col">
                                                    {format!("{} / 1K output tokens", crate::format::code())}
                                                </th>
                                                <th scope="col">
                                                    {format!("One-off setup, {}", crate::format::code())}
                                                </th>
                                                {npv_head
                                                    .clone()
                                                    .map(|h| {
                                                        view! {
                                                            <th scope="col" data-testid="print-npv">
                                                                {h}
                                                            </th>
                                                        }
                                                    })}
                                            </tr>
                                        </thead>
                                        <tbody>
                                            {rows
                                                .into_iter()
                                                .map(|o| {
                                                    let (n, m, p, setup) = (
                                                        o.name,
                                                        o.monthly,
                                                        o.per_1k_output,
                                                        o.setup,
                                                    );
                                                    let npv = o.npv.unwrap_or_default();
                                                    let has_npv = npv_head.is_some();
                                                    view! {
                                                        <tr>
                                                            <td>{n}</td>
                                                            <td class="n">{money(m)}</td>
                                                            <td class="n">{crate::format::unit_cost(p)}</td>
                                                            <td class="n">
                                                                {setup.map_or_else(|| "-".to_string(), money)}
                                                            </td>
                                                            {has_npv.then(|| view! { <td class="n npv">{npv}</td> })}
                                                        </tr>
                                                    }
                                                })
                                                .collect_view()}
                                        </tbody>
                                    </table>
                                    {(!caveats.is_empty())
                                        .then(|| {
                                            view! {
                                                <ul class="caveats" data-testid="print-caveats">
                                                    {caveats
                                                        .into_iter()
                                                        .map(|c| view! { <li>{c}</li> })
                                                        .collect_view()}
                                                </ul>
                                            }
                                        })}
                                    <table
                                        class="options break-even-print"
                                        data-testid="print-break-even"
                                    >
                                        <caption>
                                            "Break-even: calls a month from which the configuration costs less than the tier"
                                        </caption>
                                        <thead>
                                            <tr>
                                                <th scope="col">"Configuration"</th>
                                                {pairs
                                                    .tiers
                                                    .iter()
                                                    .map(|t| {
                                                        view! {
                                                            <th scope="col" class="n">
                                                                {t.clone()}
                                                            </th>
                                                        }
                                                    })
                                                    .collect_view()}
                                            </tr>
                                        </thead>
                                        <tbody>
                                            {pairs
                                                .rows
                                                .into_iter()
                                                .map(|(name, cells)| {
                                                    view! {
                                                        <tr>
                                                            <td>{name}</td>
                                                            {cells
                                                                .into_iter()
                                                                .map(|c| view! { <td class="n">{c}</td> })
                                                                .collect_view()}
                                                        </tr>
                                                    }
                                                })
                                                .collect_view()}
                                        </tbody>
                                    </table>
                                    <PrintInputs doc=l.document.clone() />
                                    <h2>"Assumptions, with sources and dates"</h2>
                                    <table class="assumption-table" data-testid="assumptions">
                                        <thead>
                                            <tr>
                                                <th scope="col">"Input"</th>
                                                <th scope="col">"Value"</th>
                                                <th scope="col">"Source (date)"</th>
                                            </tr>
                                        </thead>
                                        <tbody>
                                            // Each option's inputs under its name, on one
                                            // line each: the page stays one sheet.
                                            {notes
                                                .into_iter()
                                                .map(|g| {
                                                    let head = view! {
                                                        <tr class="group">
                                                            <th colspan="3" scope="colgroup">
                                                                {g.heading().to_string()}
                                                            </th>
                                                        </tr>
                                                    };
                                                    let rows = g
                                                        .rows
                                                        .into_iter()
                                                        .map(|(w, v, s)| {
                                                            view! {
                                                                <tr>
                                                                    <td>{w}</td>
                                                                    <td class="n">{v}</td>
                                                                    <td>{s}</td>
                                                                </tr>
                                                            }
                                                        })
                                                        .collect_view();
                                                    view! {
                                                        {head}
                                                        {rows}
                                                    }
                                                })
                                                .collect_view()}
                                        </tbody>
                                    </table>
                                    <p class="fineprint">
                                        "Planning estimates from Breakeven's cost engine; every other input is the scenario's own. Prices change: check the dates."
                                    </p>
                                </article>
                            },
                        )
                    }
                }
            })}
        </Suspense>
    }
}

/// " (saves $864.56/month vs X)", and when X's figure carries caveats, that it does.
fn saving_text(h: &engine::report::Headline) -> String {
    h.saving
        .as_ref()
        .map(|(vs, s)| {
            let caveats = match h.saving_caveats.len() {
                0 => String::new(),
                n => format!(
                    ", whose figure carries {}: under the options",
                    engine::report::caveats_count(n)
                ),
            };
            format!(" (saves {}/month vs {vs}{caveats})", money(*s))
        })
        .unwrap_or_default()
}
