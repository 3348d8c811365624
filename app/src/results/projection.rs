//! The month-by-month projection: each configuration's payback, and the cumulative cost
//! of every option a month, the last month's figures open to their working.

use super::explain::Explain;
use crate::format::money;
use engine::fmt_num;
use engine::Evaluation;
use leptos::prelude::*;

#[component]
pub(super) fn ProjectionTable(e: Evaluation) -> impl IntoView {
    let p = e.projection.clone();
    let tier_names: Vec<String> = e.api.iter().map(|a| a.name.clone()).collect();
    let config_names: Vec<(usize, String)> = e
        .selfhosted
        .iter()
        .enumerate()
        .filter(|(k, _)| p.configs[*k].is_some())
        .map(|(k, s)| (k, s.name.clone()))
        .collect();
    let paybacks = payback_lines(&e, &config_names);
    // The horizon's last month's figures open to their working, under the table (a
    // projection of an older evaluation has none).
    let last_row = usize::from(
        p.months > 0
            && p.totals.tiers.len() == p.tiers.len()
            && p.totals.configs.len() == p.configs.len(),
    );
    view! {
        <h3>"Projection"</h3>
        <ul class="break-even" data-testid="payback">
            {paybacks.into_iter().map(|t| view! { <li>{t}</li> }).collect_view()}
        </ul>
        <div class="projection-wrap">
            <table class="projection" data-testid="projection">
                <caption>
                    {format!(
                        "Cumulative cost, {} (self-hosted as cash: purchases and setup up front); how the last month's figures are worked out is under the table",
                        crate::format::code(),
                    )}
                </caption>
                <thead>
                    <tr>
                        <th scope="col">"Month"</th>
                        <th scope="col">"Calls"</th>
                        {tier_names
                            .iter()
                            .map(|n| view! { <th scope="col">{n.clone()}</th> })
                            .collect_view()}
                        {config_names
                            .iter()
                            .map(|(_, n)| view! { <th scope="col">{n.clone()}</th> })
                            .collect_view()}
                    </tr>
                </thead>
                <tbody>
                    {(0..p.months as usize)
                        .map(|m| {
                            view! {
                                <tr>
                                    <td class="n">{m + 1}</td>
                                    <td class="n">{fmt_num(p.calls[m])}</td>
                                    {p
                                        .tiers
                                        .iter()
                                        .map(|t| {
                                            view! { <td class="n">{money(t.cumulative[m])}</td> }
                                        })
                                        .collect_view()}
                                    {config_names
                                        .iter()
                                        .map(|(k, _)| {
                                            view! {
                                                <td class="n">
                                                    {p
                                                        .configs[*k]
                                                        .as_ref()
                                                        .map(|c| money(c.cash.cumulative[m]))}
                                                </td>
                                            }
                                        })
                                        .collect_view()}
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        </div>
        {(last_row == 1)
            .then(|| {
                let t = p.totals.clone();
                let tiers = tier_names.clone().into_iter().zip(t.tiers);
                let configs: Vec<(String, engine::Explained)> = config_names
                    .iter()
                    .filter_map(|(k, n)| {
                        t.configs.get(*k).cloned().flatten().map(|x| (n.clone(), x))
                    })
                    .collect();
                view! {
                    // Under the table, not in it: the table scrolls in its own box, which
                    // would hide an explanation opened in its last row.
                    <div class="projection-totals" data-testid="projection-last">
                        {format!("Month {}, each figure worked out: ", p.months)}
                        <span class="total">
                            "calls "{t.calls.map(|x| view! { <Explain e=x /> })}
                        </span>
                        {tiers
                            .chain(configs)
                            .map(|(n, x)| {
                                view! {
                                    <span class="total">
                                        {n}" " <Explain e=x money_value=true />
                                    </span>
                                }
                            })
                            .collect_view()}
                    </div>
                }
            })}
    }
}

/// Each configuration's payback against the baseline tier, as the NPV weighs it: a
/// configuration not compared with that tier (below the workload's quality floor) has
/// no payback to claim, and says why.
fn payback_lines(e: &Evaluation, config_names: &[(usize, String)]) -> Vec<String> {
    let p = &e.projection;
    let apart = |k: usize| {
        e.not_compared
            .iter()
            .find(|n| Some(n.tier) == p.baseline_tier && n.config == k)
    };
    config_names
        .iter()
        .map(|(k, n)| {
            match (
                apart(*k),
                p.configs[*k].as_ref().and_then(|c| c.payback_month),
            ) {
                (Some(why), _) => format!("{n}: not compared ({})", why.reason),
                (None, Some(m)) => format!("{n}: pays back in month {m} (cash basis)"),
                (None, None) => format!("{n}: no payback within {}", engine::fmt::months(p.months)),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_configuration_below_the_floor_claims_no_payback() {
        let mut s = engine::templates::sonnet_vs_2xa100();
        s.api_tiers = vec![engine::catalog::TIERS
            .iter()
            .find(|t| t.quality == 3)
            .expect("a frontier tier")
            .to_tier()];
        s.task_types[0].quality_floor = 3;
        let e = engine::evaluate(&engine::validate(s).expect("valid"), Default::default());
        let names = vec![(0, e.selfhosted[0].name.clone())];
        let lines = super::payback_lines(&e, &names);
        assert!(lines[0].contains("not compared"), "{lines:?}");
        assert!(!lines[0].contains("pays back"), "{lines:?}");
    }

    /// The projection's last month opens to its working, under the table: the calls and
    /// every column, each figure as the table's last row shows it.
    #[test]
    fn the_projection_s_last_month_explains_itself() {
        let e = engine::evaluate(
            &engine::validate(engine::templates::sonnet_vs_2xa100()).expect("valid"),
            Default::default(),
        );
        let columns = 1 + e.api.len() + e.projection.configs.iter().flatten().count();
        let n = e.projection.months as usize;
        let last_tier = crate::format::money(e.projection.tiers[0].cumulative[n - 1]);
        let html = super::super::numbers::results_html(&crate::dto::Evaluated::Ok(Box::new(e)));
        let (table, after) = html
            .split_once("data-testid=\"projection-last\"")
            .expect("the last month's working");
        // The table holds no explanation (it scrolls in its own box).
        let table = table
            .split("data-testid=\"projection\"")
            .nth(1)
            .expect("the table");
        assert!(!table.contains("class=\"explain\""));
        let line = after.split("<h3").next().expect("the line");
        assert_eq!(line.matches("class=\"explain\"").count(), columns, "{line}");
        assert!(line.contains("Σ months m = 1…N"), "{line}");
        assert!(line.contains(&last_tier), "{last_tier}: {line}");
    }
}
