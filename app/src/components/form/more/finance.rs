//! What finance sets beyond the hurdle rate: the currency figures are shown in (with its
//! rate and date), the tax view, and whether the hardware's value left at the horizon
//! counts. Drawn again when one is switched on or off (its fields appear).

use super::{number_hint, opts, Ctx};
use crate::components::fields::{NumField, SelectField, TextField};
use engine::currency::Currency;
use engine::scenario::*;
use leptos::prelude::*;

/// Currencies offered; any other ISO code can be sent through the JSON API.
const CURRENCIES: &[(&str, &str)] = &[
    ("USD", "US dollar (catalog prices as they are)"),
    ("EUR", "euro"),
    ("GBP", "pound sterling"),
    ("CHF", "Swiss franc"),
    ("JPY", "yen"),
    ("CAD", "Canadian dollar"),
    ("AUD", "Australian dollar"),
    ("SEK", "Swedish krona"),
    ("INR", "Indian rupee"),
];

pub fn finance(ctx: Ctx, s: &Scenario) -> impl IntoView {
    let code = s
        .currency
        .as_ref()
        .map_or_else(|| "USD".to_string(), |c| c.code.clone());
    let mut currencies = opts(CURRENCIES);
    if !currencies.iter().any(|(v, _)| *v == code) {
        currencies.push((code.clone(), code.clone()));
    }
    let tax = s.tax.as_ref().map_or("none", |t| t.schedule.as_str());
    let mut taxes = vec![("none".to_string(), "none (pre-tax NPV only)".to_string())];
    taxes.extend(
        TaxSchedule::ALL
            .iter()
            .map(|t| (t.as_str().to_string(), t.label().to_string())),
    );
    let set_rate = ctx.num(|d, v| {
        if let Some(c) = &mut d.currency {
            c.per_usd = v;
        }
    });
    // Keyed by the currency: another currency gets fields drawn anew. Updated in place, a
    // field keeps the text typed into it, so GBP would show EUR's rate in a field the
    // document holds empty.
    let currency = s.currency.clone();
    let code_key = currency
        .as_ref()
        .map(|c| c.code.clone())
        .unwrap_or_default();
    let currency_fields = move |c: Currency| {
        view! {
            <NumField
                label=format!("Exchange rate: {} per US dollar", c.code)
                unit="per USD"
                path=paths::general::CURRENCY_PER_USD
                value=c.per_usd
                blank=c.per_usd == 0.0
                hint="e.g. 0.92 for 0.92 per US dollar"
                read_only=ctx.read_only
                on_change=set_rate
                // Emptied: no rate yet (0), which the field's message asks for.
                on_clear=Callback::new(move |()| set_rate.run(0.0))
            />
            <TextField
                label="Rate as of (YYYY-MM-DD)"
                path=paths::general::CURRENCY_AS_OF
                value=c.as_of.clone()
                read_only=ctx.read_only
                on_change=ctx
                    .text(|d, v| {
                        if let Some(c) = &mut d.currency {
                            c.as_of = v.trim().to_string();
                        }
                    })
            />
            <TextField
                label="Rate source"
                path=paths::general::CURRENCY_SOURCE
                value=c.source.clone()
                read_only=ctx.read_only
                on_change=ctx
                    .text(|d, v| {
                        if let Some(c) = &mut d.currency {
                            c.source = v;
                        }
                    })
            />
        }
    };
    let tax_fields = s.tax.clone().map(|t| {
        view! {
            {number_hint(
                ctx,
                "Tax rate",
                "share",
                "of profit (0.25 = 25%)",
                paths::general::TAX_RATE.into(),
                t.rate,
                |d, v| {
                    if let Some(t) = &mut d.tax {
                        t.rate = v;
                    }
                },
            )}
            {number_hint(
                ctx,
                "Tax life of hardware",
                "years",
                "straight line over it; declining balance at 2 / years a year",
                paths::general::TAX_YEARS.into(),
                t.years,
                |d, v| {
                    if let Some(t) = &mut d.tax {
                        t.years = v;
                    }
                },
            )}
        }
    });
    let credit = if s.credit_value_left { "yes" } else { "no" };
    view! {
        <div class="row finance-inputs">
            <SelectField
                label="Currency shown"
                path=paths::general::CURRENCY_CODE
                read_only=ctx.read_only
                options=currencies
                selected=code
                on_change=Callback::new(move |v: String| {
                    ctx.restructure(|d| {
                        d.currency = (v != "USD")
                            .then(|| Currency {
                                code: v,
                                ..Currency::default()
                            });
                    })
                })
            />
            <For each=move || [code_key.clone()] key=|k| k.clone() let:_k>
                {currency.clone().map(currency_fields)}
            </For>
        </div>
        <div class="row finance-inputs">
            <SelectField
                label="Tax view (after-tax NPV)"
                path=paths::general::TAX_SCHEDULE
                read_only=ctx.read_only
                options=taxes
                selected=tax.to_string()
                on_change=Callback::new(move |v: String| {
                    ctx.restructure(|d| {
                        d.tax = match v.parse::<TaxSchedule>() {
                            Ok(schedule) => {
                                Some(TaxView {
                                    schedule,
                                    ..d.tax.clone().unwrap_or_default()
                                })
                            }
                            Err(_) => None,
                        };
                    })
                })
            />
            {tax_fields}
            <SelectField
                label="Hardware value left at the horizon"
                path=paths::general::CREDIT_VALUE_LEFT
                read_only=ctx.read_only
                options=opts(&[("no", "not credited"), ("yes", "credited at book value")])
                selected=credit.to_string()
                on_change=ctx.text(|d, v| d.credit_value_left = v == "yes")
            />
        </div>
    }
}
