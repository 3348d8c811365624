//! Finance against the API as used: where each task type on the cheapest tier within its
//! own quality floor costs less than the baseline tier, each configuration's NPV and
//! payback against that plan (what the advice, the slides and the one-pager weigh), under
//! the NPV table against the baseline tier.

use super::explain::Explain;
use crate::format::money_in;
use crate::format::ShownCurrency;
use engine::Evaluation;
use leptos::prelude::*;

#[component]
pub fn PlanFinanceTable(e: Evaluation) -> impl IntoView {
    let cost = e.hybrid.all_api.as_ref().map(|p| p.monthly_cost);
    let rows = e.finance.against_plan.clone();
    let (true, Some(cost)) = (e.projection.plan.is_some(), cost) else {
        return None;
    };
    if rows.is_empty() {
        return None;
    }
    let code = ShownCurrency::code_of(&e);
    let routing = e.plan_routing();
    let names: Vec<String> = e.selfhosted.iter().map(|s| s.name.clone()).collect();
    let horizon = e.finance.months;
    let basis = format!(
        "Against the API as used: each task type on the cheapest tier within its own quality floor ({}; {} a month at today's volume), the same months, hurdle rate and hardware terms as above. The advice, the slides and the one-page PDF measure against this plan, as it is what the API costs this workload.",
        routing.join(", "),
        money_in(cost, &code)
    );
    Some(view! {
        <h3>"Net present value against the API as used"</h3>
        <p class="hint" data-testid="plan-finance-basis">
            {basis}
        </p>
        <div class="table-wrap">
            <table class="list finance" data-testid="plan-finance-table">
                <thead>
                    <tr>
                        <th scope="col">"Configuration"</th>
                        <th scope="col" class="n">
                            "NPV"
                        </th>
                        <th scope="col">"Payback"</th>
                    </tr>
                </thead>
                <tbody>
                    {rows
                        .into_iter()
                        .map(|a| {
                            let k = a.config;
                            view! {
                                <tr>
                                    <th scope="row">{names.get(k).cloned().unwrap_or_default()}</th>
                                    <td class="n">
                                        <Explain
                                            e=a.npv.clone()
                                            money_value=true
                                            test_id=format!("plan-npv-{k}")
                                        />
                                    </td>
                                    <td data-testid=format!(
                                        "plan-payback-{k}",
                                    )>
                                        {match (a.payback_explained.clone(), a.payback_month) {
                                            (Some(x), Some(m)) => {
                                                view! { <Explain e=x shown=format!("month {m}") /> }
                                                    .into_any()
                                            }
                                            _ => {
                                                format!("not within {}", engine::fmt::months(horizon))
                                                    .into_any()
                                            }
                                        }}
                                    </td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        </div>
    })
}

#[cfg(test)]
mod tests {
    use crate::dto::Evaluated;

    /// A Sonnet task and a Haiku task: the panel shows each configuration's NPV against
    /// the API as used, the figure the advice states; one task type: no such table.
    #[test]
    fn the_npv_against_the_api_as_used_is_shown_where_it_differs() {
        let mut s = engine::templates::sonnet_vs_2xa100();
        s.api_tiers.push(
            engine::catalog::tier("claude-haiku-4.5")
                .expect("in the catalog")
                .to_tier(),
        );
        let mut small = s.task_types[0].clone();
        small.name = "Triage".into();
        small.quality_floor = 1;
        s.task_types[0].quality_floor = 2;
        s.task_types.push(small);
        let e = engine::evaluate(&engine::validate(s).expect("valid"), Default::default());
        let a = e
            .finance
            .against_plan
            .first()
            .expect("against the plan")
            .clone();
        let html = super::super::numbers::results_html(&Evaluated::Ok(Box::new(e)));
        assert!(html.contains("data-testid=\"plan-finance-table\""));
        assert!(html.contains("Triage on Claude Haiku 4.5"), "{html}");
        let npv = crate::format::money_in(a.npv.value, "USD");
        let cell = html
            .split(&format!("data-testid=\"plan-npv-{}\"", a.config))
            .nth(1)
            .expect("the NPV cell");
        assert!(
            cell[..cell.len().min(400)].contains(&npv),
            "{npv}: {}",
            &cell[..cell.len().min(400)]
        );
        let one = engine::evaluate(
            &engine::validate(engine::templates::sonnet_vs_2xa100()).expect("valid"),
            Default::default(),
        );
        let html = super::super::numbers::results_html(&Evaluated::Ok(Box::new(one)));
        assert!(!html.contains("plan-finance-table"));
    }
}
