//! `/v/{token}/print`: a one-page summary for finance: the chart, the key numbers and
//! every assumption with its source and date. Print styles in style/main.css.

use crate::dto::Evaluated;
use crate::format::money;
use crate::pages::not_found::LoadError;
use crate::pages::print_inputs::PrintInputs;
use crate::server_fns::load_for_view;
use engine::fmt_num;
use engine::report::{assumptions, headline};
use leptos::either::Either;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

/// An option on the printed page: name, USD a month, USD per 1K output tokens, one-off
/// setup, and the configuration's index (self-hosted options only).
type OptionRow = (String, f64, f64, Option<f64>, Option<usize>);

#[component]
pub fn PrintPage() -> impl IntoView {
    let params = use_params_map();
    let token = move || params.read().get("token").unwrap_or_default();
    let loaded = crate::dto::json::resource(token, |t| load_for_view(t, false));
    view! {
        <Suspense fallback=|| {
            view! { <p class="page">"Loading..."</p> }
        }>
            {move || Suspend::new(async move {
                match loaded.await {
                    Err(e) => Either::Left(view! { <LoadError err=e /> }),
                    Ok(l) => {
                        let code = match &l.evaluated {
                            Some(Evaluated::Ok(e)) => crate::format::ShownCurrency::code_of(e),
                            _ => "USD".into(),
                        };
                        provide_context(crate::format::ShownCurrency(Signal::stored(code)));
                        let base = format!("/v/{}", token());
                        let Some(Evaluated::Ok(e)) = &l.evaluated else {
                            return Either::Left(
                                // Money in the evaluation's currency.
                                view! {
                                    <LoadError err=crate::error::AppError::NotFound(
                                        "numbers".into(),
                                    ) />
                                },
                            );
                        };
                        let h = headline(e);
                        let notes = assumptions(e);
                        let rows: Vec<OptionRow> = e
                            .api
                            .iter()
                            .map(|a| (
                                a.name.clone(),
                                a.monthly.value,
                                a.per_1k_output.value,
                                None,
                                None,
                            ))
                            .chain(
                                e
                                    .selfhosted
                                    .iter()
                                    .enumerate()
                                    .filter_map(|(k, s)| Some((
                                        s.name.clone(),
                                        s.monthly.as_ref()?.value,
                                        s.per_1k_output.as_ref()?.value,
                                        s.setup.as_ref().map(|x| x.value),
                                        Some(k),
                                    ))),
                            )
                            .collect();
                        let pairs = crate::results::break_even_grid(e);
                        let (npv_head, npv_cells) = crate::results::finance_print_column(e).unzip();
                        let npv_cells = npv_cells.unwrap_or_default();
                        let volume = e.volume;
                        Either::Right(
                            view! {
                                <article class="print-page page narrow" data-testid="print">
                                    <header>
                                        <h1>{l.name.clone()}</h1>
                                        <p class="meta">
                                            {format!(
                                                "Revision {} · saved {} UTC · {} calls/month, {} output tokens/month",
                                                l.revision,
                                                crate::format::utc_minute(&l.updated_at),
                                                fmt_num(volume.calls_per_month),
                                                fmt_num(volume.output_tokens_per_month),
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
                                                        {h
                                                            .saving
                                                            .map(|(vs, s)| {
                                                                format!(" (saves {}/month vs {vs})", money(s))
                                                            })}
                                                    </li>
                                                    <li>
                                                        <strong>"Break-even: "</strong>
                                                        {h
                                                            .break_even_calls
                                                            .map(|c| format!("{} calls/month", fmt_num(c)))
                                                            .unwrap_or_else(|| "no crossing in range".into())}
                                                    </li>
                                                    <li>
                                                        <strong>"Payback: "</strong>
                                                        {h
                                                            .payback_month
                                                            .map(|m| format!("month {m}"))
                                                            .unwrap_or_else(|| "not within the horizon".into())}
                                                    </li>
                                                </ul>
                                            }
                                        })}
                                    <img
                                        class="print-chart"
                                        src=format!("{base}/chart/break-even.svg")
                                        alt="Monthly cost vs volume"
                                    />
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
                                                .map(|(n, m, p, setup, k)| {
                                                    let npv = k
                                                        .and_then(|k| npv_cells.iter().find(|(c, _)| *c == k))
                                                        .map(|(_, cell)| cell.clone())
                                                        .unwrap_or_default();
                                                    let has_npv = npv_head.is_some();
                                                    view! {
                                                        <tr>
                                                            <td>{n}</td>
                                                            <td class="n">{money(m)}</td>
                                                            <td class="n">{money(p)}</td>
                                                            <td class="n">
                                                                {setup.map_or_else(|| "-".to_string(), money)}
                                                            </td>
                                                            {has_npv.then(|| view! { <td class="n">{npv}</td> })}
                                                        </tr>
                                                    }
                                                })
                                                .collect_view()}
                                        </tbody>
                                    </table>
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
                                                    .map(|t| view! { <th scope="col">{t.clone()}</th> })
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
                                            {notes
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
