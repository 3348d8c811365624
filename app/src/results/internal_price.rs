//! The internal price of each self-hosted option: what a million input and a million
//! output tokens cost at the planned volume, so the platform team can charge it back.
//! The same prices are exported as LiteLLM and Langfuse entries
//! (`/v/{token}/internal-price.json`).

use super::explain::Explain;
use engine::Evaluation;
use leptos::prelude::*;

#[component]
pub fn InternalPriceTable(e: Evaluation) -> impl IntoView {
    let names: Vec<String> = e.selfhosted.iter().map(|s| s.name.clone()).collect();
    let rows = e.internal_prices.clone();
    (!rows.is_empty()).then(move || {
        view! {
            <h3>"Internal price"</h3>
            <p class="hint">
                "What each self-hosted option costs per million tokens at the planned volume and utilisation: input times input tokens plus output times output tokens is its monthly cost. Charge it back through LiteLLM or Langfuse with the view link's internal-price.json."
            </p>
            <div class="table-wrap">
                <table class="list internal-price" data-testid="internal-price-table">
                    <thead>
                        <tr>
                            <th scope="col">"Configuration"</th>
                            <th scope="col" class="n">
                                "Input, per Mtok"
                            </th>
                            <th scope="col" class="n">
                                "Output, per Mtok"
                            </th>
                            <th scope="col">"Split"</th>
                        </tr>
                    </thead>
                    <tbody>
                        {rows
                            .into_iter()
                            .map(|p| {
                                let k = p.config;
                                view! {
                                    <tr>
                                        <th scope="row">
                                            {names.get(k).cloned().unwrap_or_default()}
                                        </th>
                                        <td class="n">
                                            <Explain
                                                e=p.input_per_mtok.clone()
                                                money_value=true
                                                test_id=format!("internal-input-{k}")
                                            />
                                        </td>
                                        <td class="n">
                                            <Explain
                                                e=p.output_per_mtok.clone()
                                                money_value=true
                                                test_id=format!("internal-output-{k}")
                                            />
                                        </td>
                                        <td class="hint">
                                            {format!(
                                                "{:.0}% of the cost to input: {}",
                                                p.input_share * 100.0 + 0.0,
                                                p.basis,
                                            )}
                                        </td>
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
