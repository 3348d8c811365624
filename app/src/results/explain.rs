//! A number that explains itself: click or focus it to see its formula, inputs and sources.
//! Laid out on the server; Escape closes it through the results' own listener
//! (`components::results`).

use crate::format::money_in;
use engine::{fmt_num, Explained};
use leptos::prelude::*;

#[component]
pub fn Explain(
    e: Explained,
    #[prop(optional)] money_value: bool,
    /// A cost per unit: four decimals below 10 (`format::unit_cost`).
    #[prop(optional)]
    unit_cost: bool,
    #[prop(optional, into)] test_id: Option<String>,
    /// The figure as its cell writes it ("month 4", "> 1,000%"), where not a number.
    #[prop(optional, into)]
    shown: Option<String>,
) -> impl IntoView {
    // A money figure is written in the currency its unit names ("EUR/month").
    let code = e.unit.split(['/', ' ']).next().unwrap_or("USD").to_string();
    let written = shown;
    let shown = if let Some(w) = written.clone() {
        w
    } else if unit_cost {
        crate::format::unit_cost_in(e.value, &code)
    } else if money_value {
        money_in(e.value, &code)
    } else {
        fmt_num(e.value)
    };
    let unit = e.unit.to_string();
    let inputs = e.inputs.clone();
    view! {
        <details class="explain" data-testid=test_id>
            <summary title="Show how this number is computed">
                <span class="num">{shown}</span>
            </summary>
            <div class="explain-body" role="note">
                <p class="formula">
                    <strong>"Formula: "</strong>
                    <code>{e.formula.to_string()}</code>
                </p>
                <p class="result">
                    <strong>"Result: "</strong>
                    {written.unwrap_or_else(|| format!("{} {unit}", fmt_num(e.value)))}
                </p>
                <table class="inputs">
                    <caption>"Inputs"</caption>
                    <thead>
                        <tr>
                            <th scope="col">"Input"</th>
                            <th scope="col">"Value"</th>
                            <th scope="col">"Source"</th>
                        </tr>
                    </thead>
                    <tbody>
                        {inputs
                            .into_iter()
                            .map(|i| {
                                view! {
                                    <tr>
                                        <td>{i.name.to_string()}</td>
                                        <td class="n">
                                            {input_value(i.value, &i.unit)}" "
                                            {engine::fmt::unit_for(i.value, &i.unit).to_string()}
                                        </td>
                                        <td>
                                            {if i.computed {
                                                "computed from the scenario's inputs".to_string()
                                            } else {
                                                Explained::source_text(&i)
                                                    .unwrap_or_else(|| NO_SOURCE.into())
                                            }}
                                        </td>
                                    </tr>
                                }
                            })
                            .collect_view()}
                    </tbody>
                </table>
            </div>
        </details>
    }
}

/// An input's value as its row writes it: a price per call to four significant digits
/// (a cent and a half a call is not "0.02"), anything else as numbers are written.
fn input_value(v: f64, unit: &str) -> String {
    if unit.ends_with("/call") && v.is_finite() && v != 0.0 && v.abs() < 1.0 {
        let digits = (3 - v.abs().log10().floor() as i32).clamp(0, 10) as usize;
        let s = format!("{v:.digits$}");
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        fmt_num(v)
    }
}

/// An input with no source and not computed: the scenario's own value, which may be a
/// value someone typed or a default nobody changed (the document does not say which).
pub const NO_SOURCE: &str =
    "the scenario's own value: typed, or the default it started with (no source)";

#[cfg(test)]
mod tests {
    /// A price per call keeps four significant digits, so calls × price rebuilds the
    /// figure; other inputs are written as every number is.
    #[test]
    fn a_price_per_call_keeps_its_digits() {
        assert_eq!(super::input_value(0.010049, "USD/call"), "0.01005");
        assert_eq!(super::input_value(0.0008609, "EUR/call"), "0.0008609");
        assert_eq!(super::input_value(0.0084, "USD/call"), "0.0084");
        assert_eq!(super::input_value(1_200_000.0, "calls/month"), "1,200,000");
    }
}
