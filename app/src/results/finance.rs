//! What finance signs: each configuration against the tier it would replace (the
//! projection's baseline, the cheapest tier that meets the quality floor), over the
//! horizon: NPV at the hurdle rate next to the undiscounted savings, IRR, and the payback
//! month undiscounted and discounted. Every other compared pair is in the JSON API.

#[cfg(feature = "ssr")]
use super::explain::Explain;
use crate::format::{money_in, ShownCurrency};
use engine::Evaluation;
#[cfg(feature = "ssr")]
use leptos::prelude::*;

/// A rate as every page and report writes it ("10%", "12.5%", "0.49%").
fn pct(x: f64) -> String {
    engine::fmt::percent(x)
}

use engine::finance::irr_text;

#[cfg(feature = "ssr")]
fn month(m: Option<u32>, horizon: u32) -> String {
    m.map(|m| format!("month {m}"))
        .unwrap_or_else(|| format!("not within {}", engine::fmt::months(horizon)))
}

/// The NPV as a column of the printed page's options table: its header and, per
/// configuration index, the NPV, the IRR and the payback month (undiscounted, then
/// discounted), in words: "-$4,995 · not earned back within 24 months", "$1,234 · IRR
/// 35.2% a year · pays back in month 9 (discounted: month 11)".
pub fn print_column(e: &Evaluation) -> Option<(String, Vec<(usize, String)>)> {
    let f = &e.finance;
    let base = e.projection.baseline_tier?;
    let tier = e.api.get(base)?.name.clone();
    let code = ShownCurrency::code_of(e);
    let within = format!("within {}", engine::fmt::months(f.months));
    let cells: Vec<(usize, String)> = f
        .appraisals
        .iter()
        .filter(|a| a.tier == base)
        .map(|a| {
            let irr = match (a.irr_per_year, a.irr_missing.as_deref()) {
                (Some(r), _) => Some(format!("IRR {}", irr_text(r))),
                // Not earned back says so once, with the payback below.
                (None, Some(w)) if w.starts_with("not earned back") => None,
                // Another reason, whole: its first words alone ("no net outlay") would
                // read as contradicting a one-off setup on the same row.
                (None, Some(w)) => Some(format!("no IRR ({w})")),
                (None, None) => None,
            };
            let payback = match (a.payback_month, a.discounted_payback_month) {
                (None, _) => format!("not earned back {within}"),
                (Some(m), Some(d)) => format!("pays back in month {m} (discounted: month {d})"),
                (Some(m), None) => {
                    format!("pays back in month {m} (discounted: not {within})")
                }
            };
            let cell = [Some(money_in(a.npv.value, &code)), irr, Some(payback)]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join(" · ");
            let tax = a
                .after_tax
                .as_ref()
                .map(|t| format!(" · after tax {}", money_in(t.value, &code)))
                .unwrap_or_default();
            (a.config, format!("{cell}{tax}"))
        })
        .collect();
    (!cells.is_empty()).then(|| {
        (
            format!(
                "NPV vs {tier}, {} at {} a year, IRR and payback",
                engine::fmt::months(f.months),
                pct(f.rate_per_year)
            ),
            cells,
        )
    })
}

#[cfg(feature = "ssr")]
#[component]
pub fn FinanceTable(e: Evaluation) -> impl IntoView {
    let f = e.finance.clone();
    let base = e.projection.baseline_tier;
    let tier = base
        .and_then(|j| e.api.get(j))
        .map(|a| a.name.clone())
        .unwrap_or_default();
    let rows: Vec<_> = f
        .appraisals
        .iter()
        .filter(|a| Some(a.tier) == base)
        .cloned()
        .collect();
    let horizon = f.months;
    let names: Vec<String> = e.selfhosted.iter().map(|s| s.name.clone()).collect();
    let code = ShownCurrency::code_of(&e);
    let taxed = rows.iter().any(|a| a.after_tax.is_some());
    let currency = e.currency.as_ref().map(|c| {
        format!(
            " Figures in {} at {}; catalog prices stay in USD at their source.",
            c.code,
            c.rate_text()
        )
    });
    let age_notes = engine::report::age_notes(&e, &crate::format::today());
    (base.is_some() && !rows.is_empty()).then(move || {
        view! {
            <h3>"Net present value"</h3>
            {crate::format::age_notes_view(age_notes)}
            <p class="hint" data-testid="finance-basis">
                {basis(&f, &tier, horizon, currency.unwrap_or_default())}
            </p>
            <div class="table-wrap">
                <table class="list finance" data-testid="finance-table">
                    <thead>
                        <tr>
                            <th scope="col">"Configuration"</th>
                            <th scope="col" class="n">
                                "NPV"
                            </th>
                            <th scope="col" class="n">
                                "Undiscounted"
                            </th>
                            {taxed
                                .then(|| {
                                    view! {
                                        <th scope="col" class="n">
                                            "NPV after tax"
                                        </th>
                                    }
                                })}
                            <th scope="col" class="n">
                                "IRR, a year"
                            </th>
                            <th scope="col">"Payback"</th>
                            <th scope="col">"Discounted payback"</th>
                        </tr>
                    </thead>
                    <tbody>
                        {rows
                            .into_iter()
                            .map(|a| {
                                let code = code.clone();
                                let after = taxed
                                    .then(|| {
                                        let t = a.after_tax.clone();
                                        view! {
                                            <td class="n">
                                                {t
                                                    .map(|t| {
                                                        view! {
                                                            <Explain
                                                                e=t
                                                                money_value=true
                                                                test_id=format!("after-tax-{k2}", k2 = a.config)
                                                            />
                                                        }
                                                    })}
                                            </td>
                                        }
                                    });
                                let k = a.config;
                                let irr = a
                                    .irr_per_year
                                    .map(irr_text)
                                    .unwrap_or_else(|| "–".into());
                                let why = a.irr_missing.clone();
                                let explained = |e: Option<engine::Explained>, text: String| match e {
                                    Some(e) => view! { <Explain e=e shown=text /> }.into_any(),
                                    None => text.into_any(),
                                };
                                let irr = match (a.irr_explained.clone(), why.clone()) {
                                    (None, Some(w)) => {
                                        // No rate: the reason opens from the dash, as a number's
                                        // working opens (a tooltip alone is out of a phone's reach).
                                        view! {
                                            <details class="explain">
                                                <summary title="Why there is no rate">
                                                    <span class="num">{irr}</span>
                                                </summary>
                                                <div class="explain-body" role="note">
                                                    <p>{format!("No IRR: {w}")}</p>
                                                </div>
                                            </details>
                                        }
                                            .into_any()
                                    }
                                    (e, _) => explained(e, irr),
                                };
                                let payback = explained(
                                    a.payback_explained.clone(),
                                    month(a.payback_month, horizon),
                                );
                                let discounted = explained(
                                    a.discounted_payback_explained.clone(),
                                    month(a.discounted_payback_month, horizon),
                                );
                                view! {
                                    <tr>
                                        <th scope="row">
                                            {names.get(k).cloned().unwrap_or_default()}
                                        </th>
                                        <td class="n">
                                            <Explain
                                                e=a.npv.clone()
                                                money_value=true
                                                test_id=format!("npv-{k}")
                                            />
                                        </td>
                                        <td class="n" data-testid=format!("undiscounted-{k}")>
                                            {match a.undiscounted_explained.clone() {
                                                Some(x) => {
                                                    view! { <Explain e=x money_value=true /> }.into_any()
                                                }
                                                None => money_in(a.undiscounted, &code).into_any(),
                                            }}
                                        </td>
                                        {after}
                                        <td class="n" data-testid=format!("irr-{k}") title=why>
                                            {irr}
                                        </td>
                                        <td data-testid=format!("payback-{k}")>{payback}</td>
                                        <td data-testid=format!(
                                            "discounted-payback-{k}",
                                        )>{discounted}</td>
                                    </tr>
                                }
                            })
                            .collect_view()}
                    </tbody>
                </table>
            </div>
        }
    })
}

/// What the NPV table counts: against which tier, over how long, at what rate, and how
/// hardware counts (paid when bought; on the marginal lens, what is owned at the start
/// counts as spent).
fn basis(f: &engine::finance::Finance, tier: &str, horizon: u32, currency: String) -> String {
    format!(
        "Against {tier}, over {horizon} months of cash flows, at a hurdle rate of {} a year ({:.3}% a month; month 1 not discounted). Positive: self-hosting saves. {}; {}{currency}",
        pct(f.rate_per_year),
        f.monthly_rate * 100.0,
        if f.marginal {
            "On the marginal lens the hardware owned at the start and the setup count as already spent, and hardware bought later for growth counts when paid"
        } else {
            "Purchased hardware counts when paid"
        },
        if f.credit_value_left {
            "its book value left at the end is credited in the last month."
        } else {
            "its value left at the end is not credited."
        },
    )
}

#[cfg(test)]
mod tests {
    use engine::{evaluate, templates, validate, Options};

    #[test]
    fn the_basis_says_how_the_lens_counts_hardware() {
        let mut s = templates::sonnet_vs_2xa100();
        let said = |s: &engine::Scenario| {
            let e = evaluate(&validate(s.clone()).expect("valid"), Options::default());
            super::basis(&e.finance, "Sonnet", 24, String::new())
        };
        assert!(said(&s).contains("Purchased hardware counts when paid;"));
        s.cost_lens = engine::scenario::CostLens::Marginal;
        let m = said(&s);
        assert!(
            m.contains("hardware owned at the start and the setup count as already spent"),
            "{m}"
        );
        assert!(!m.contains("Purchased hardware counts when paid"), "{m}");
    }

    fn cells(s: engine::Scenario) -> Vec<String> {
        let e = evaluate(&validate(s).expect("valid"), Options::default());
        let (_, cells) = super::print_column(&e).expect("a baseline tier");
        cells.into_iter().map(|(_, c)| c).collect()
    }

    #[test]
    fn the_printed_npv_column_says_payback_in_words() {
        let mut all = cells(templates::sonnet_vs_2xa100());
        // The Sonnet template earns its outlay back: an IRR and a month.
        assert!(
            all[0].contains("IRR ") && all[0].contains("pays back in month"),
            "{all:?}"
        );
        all.extend(cells(templates::haiku_vs_4090()));
        for c in &all {
            assert!(
                c.contains("pays back in month") != c.contains("not earned back within"),
                "{c}"
            );
            assert!(!c.contains("none"), "{c}");
        }
        assert!(
            all.iter()
                .any(|c| c.contains("not earned back within 24 months")),
            "{all:?}"
        );
    }
}
