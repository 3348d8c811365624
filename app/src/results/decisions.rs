//! Hybrid routing, "cheapest of all" ranges, then the month-by-month projection
//! (`projection.rs`).

use super::explain::Explain;
use super::numbers::option_label;
use super::projection::ProjectionTable;
use crate::format::money;
use engine::fmt_num;
use engine::Evaluation;
use engine::Explained;
use leptos::prelude::*;

/// Hybrid routing, "cheapest of all" ranges and the month-by-month projection.
#[component]
pub(super) fn Decisions(e: Evaluation) -> impl IntoView {
    let h = e.hybrid.clone();
    let overall: Vec<String> = e
        .cheapest_overall
        .iter()
        .enumerate()
        .flat_map(|(k, ranges)| {
            let name = e.selfhosted[k].name.clone();
            let searched = e.cheapest_searched_to;
            // A range that ends where fixed replicas are full says so.
            let full = e.selfhosted[k].capacity_calls;
            ranges
                .iter()
                .map(move |[a, b]| {
                    if engine::report::open_ended(*b, searched) {
                        format!(
                            "{name} is the cheapest of all options from {} calls/month and above (no end found up to {} calls/month, the limit searched)",
                            fmt_num(*a),
                            fmt_num(searched)
                        )
                    } else if full.is_some_and(|c| (b - c).abs() <= 1e-6 * c) {
                        format!(
                            "{name} is the cheapest of all options from {} to {} calls/month, where its fixed replicas are full at peak (past it they cannot carry the load)",
                            fmt_num(*a),
                            fmt_num(*b)
                        )
                    } else {
                        format!(
                            "{name} is the cheapest of all options from {} to {} calls/month",
                            fmt_num(*a),
                            fmt_num(*b)
                        )
                    }
                })
                .collect::<Vec<_>>()
        })
        .collect();
    let best = h.best.clone().map(|b| {
        let rows: Vec<(String, String)> = b
            .assignment
            .iter()
            .enumerate()
            .map(|(i, o)| {
                (
                    h.tasks
                        .get(i)
                        .cloned()
                        .unwrap_or_else(|| format!("task {}", i + 1)),
                    option_label(&e, *o),
                )
            })
            .collect();
        (rows, b.monthly_cost, b.explained)
    });
    let escalation = h
        .escalation
        .clone()
        .map(|x| (escalation_line(&e, &x), x.monthly_cost, x.explained));
    let best_x = h.best.as_ref().and_then(|b| b.explained.clone());
    let saving_api = saving(&best_x, &h.all_api, "the all-API plan", h.saving_vs_all_api);
    let saving_self = saving(
        &best_x,
        &h.all_self,
        "the all-self-hosted plan",
        h.saving_vs_all_self,
    );
    view! {
        <h3>"Cheapest of all options"</h3>
        <ul class="break-even" data-testid="cheapest-overall">
            {if overall.is_empty() {
                vec![
                    format!(
                        "No self-hosted option is the cheapest of all up to {} calls/month (the limit searched).",
                        fmt_num(e.cheapest_searched_to),
                    ),
                ]
            } else {
                overall
            }
                .into_iter()
                .map(|t| view! { <li>{t}</li> })
                .collect_view()}
        </ul>
        <h3>"Hybrid routing"</h3>
        <div class="hybrid" data-testid="hybrid">
            {best
                .map(|(rows, cost, x)| {
                    view! {
                        // A line, not a paragraph: a <details> (an explained figure) ends a <p>
                        // where the browser reads it.
                        <div class="hybrid-line">
                            "Best assignment within each task's quality floor: "
                            {figure(cost, x, "hybrid-best-cost")} "/month"
                            {if h.exhaustive { " (exhaustive search)" } else { " (local search)" }}
                        </div>
                        <ul>
                            {rows
                                .into_iter()
                                .map(|(t, o)| view! { <li>{t}" -> "{o}</li> })
                                .collect_view()}
                        </ul>
                    }
                })}
            <div class="hybrid-line">
                // A saving of nothing means the best assignment is that plan: said so.
                {match saving_api {
                    Some((s, _)) if money(s) == money(0.0) => "It is the all-API plan.".into_any(),
                    Some((_, x)) => {
                        view! {
                            "Saves "
                            <Explain e=x money_value=true test_id="hybrid-saving-api" />
                            "/month against all-API."
                        }
                            .into_any()
                    }
                    None => "No all-API plan meets every quality floor.".into_any(),
                }} " "
                {match saving_self {
                    Some((s, _)) if money(s) == money(0.0) => {
                        "It is the all-self-hosted plan.".into_any()
                    }
                    Some((_, x)) => {
                        view! {
                            "Saves "
                            <Explain e=x money_value=true />
                            "/month against all-self-hosted."
                        }
                            .into_any()
                    }
                    None => "No all-self-hosted plan meets every quality floor.".into_any(),
                }}
            </div>
            {escalation
                .map(|((head, below), cost, x)| {
                    view! {
                        <div class="hybrid-line" data-testid="hybrid-escalation">
                            {head}
                            {figure(cost, x, "hybrid-escalation-cost")}
                            "/month"
                            {below}
                        </div>
                    }
                })}
        </div>
        <ProjectionTable e=e />
    }
}

/// A plan's monthly cost, explained where the engine explained it.
fn figure(cost: f64, x: Option<Explained>, test_id: &'static str) -> AnyView {
    match x {
        Some(x) => view! { <Explain e=x money_value=true test_id=test_id /> }.into_any(),
        None => view! { <strong data-testid=test_id>{money(cost)}</strong> }.into_any(),
    }
}

/// The best plan's saving against `other` (a plan meeting every floor), explained as the
/// difference of the two plans' explained costs.
fn saving(
    best: &Option<Explained>,
    other: &Option<engine::Plan>,
    what: &'static str,
    plain: Option<f64>,
) -> Option<(f64, Explained)> {
    let o = other.as_ref()?;
    let Some(b) = best.as_ref() else {
        // An evaluation from before plans were explained: the saving as it stands.
        return plain.map(|v| {
            (
                v,
                Explained::difference((what.into(), v), ("".into(), 0.0), "USD/month".into()),
            )
        });
    };
    let x = Explained::difference(
        (format!("{what}'s monthly cost"), o.monthly_cost),
        ("the best assignment's monthly cost".into(), b.value),
        b.unit.clone(),
    );
    Some((x.value, x))
}

/// "Self-host first on …, escalate 10% of calls to …: " and, after the figure, where the
/// model that keeps the rest is below the workload's quality floor (the pattern lets it
/// answer them).
fn escalation_line(e: &Evaluation, x: &engine::Escalation) -> (String, String) {
    let below = if e.selfhosted[x.config].quality < e.quality_floor {
        format!(
            " ({} is below the workload's quality floor: this assumes it answers the {:.0}% it keeps well enough)",
            e.selfhosted[x.config].name,
            (1.0 - x.share) * 100.0
        )
    } else {
        String::new()
    };
    (
        format!(
            "Self-host first on {}, escalate {:.0}% of calls to {}: ",
            e.selfhosted[x.config].name,
            x.share * 100.0,
            e.api[x.tier].name,
        ),
        below,
    )
}

#[cfg(test)]
mod tests {
    #[test]
    fn escalating_from_a_configuration_below_the_floor_says_so() {
        let mut s = engine::templates::sonnet_vs_2xa100();
        s.api_tiers = vec![engine::catalog::TIERS
            .iter()
            .find(|t| t.quality == 3)
            .expect("a frontier tier")
            .to_tier()];
        s.task_types[0].quality_floor = 3;
        let e = engine::evaluate(&engine::validate(s).expect("valid"), Default::default());
        // Escalating from it says it answers the calls it keeps below the floor.
        let x = engine::Escalation {
            config: 0,
            tier: 0,
            share: 0.1,
            monthly_cost: 1.0,
            explained: None,
        };
        let (head, below) = super::escalation_line(&e, &x);
        assert!(head.contains("escalate 10% of calls"), "{head}");
        assert!(
            below.contains("below the workload's quality floor"),
            "{below}"
        );
        assert!(below.contains("the 90% it keeps"), "{below}");
    }

    /// The hybrid plan's cost, its savings and the escalation's cost open to their
    /// working, as every other figure of the panel does.
    #[test]
    fn hybrid_routing_figures_explain_themselves() {
        let mut s = engine::templates::haiku_vs_4090();
        s.api_tiers.push(
            engine::catalog::tier("claude-sonnet-4.6")
                .expect("tier")
                .to_tier(),
        );
        s.task_types[0].calls_per_month = 5_000_000.0;
        let mut hard = s.task_types[0].clone();
        hard.name = "Hard reasoning".into();
        hard.calls_per_month = 100_000.0;
        hard.quality_floor = 2;
        s.task_types.push(hard);
        let e = engine::evaluate(&engine::validate(s).expect("valid"), Default::default());
        let best = e.hybrid.best.clone().expect("a plan");
        let html = super::super::numbers::results_html(&crate::dto::Evaluated::Ok(Box::new(e)));
        // Each figure is an explained figure of its own (a <details>, never inside a <p>,
        // which the browser would end before it).
        let after = |id: &str| {
            let tag = format!("<details data-testid=\"{id}\" class=\"explain\">");
            let at = html
                .split(&tag)
                .nth(1)
                .unwrap_or_else(|| panic!("no explained {id}: {html}"));
            at[..at.len().min(1500)].to_string()
        };
        let cost = after("hybrid-best-cost");
        assert!(
            cost.contains(&crate::format::money(best.monthly_cost)),
            "{cost}"
        );
        assert!(cost.contains("price per call"), "{cost}");
        let saving = after("hybrid-saving-api");
        assert!(saving.contains("the all-API plan"), "{saving}");
        let esc = after("hybrid-escalation-cost");
        assert!(esc.contains("escalated to the API"), "{esc}");
        let hybrid = html
            .split("data-testid=\"hybrid\"")
            .nth(1)
            .and_then(|h| h.split("<h3>").next())
            .expect("the hybrid block");
        // (The explanations' own paragraphs sit inside their <details>.)
        let own = hybrid
            .match_indices("<p")
            .filter(|(i, _)| {
                let rest = &hybrid[*i..];
                !rest.starts_with("<p class=\"formula\"")
                    && !rest.starts_with("<p class=\"result\"")
            })
            .count();
        assert_eq!(own, 0, "{hybrid}");
    }
}
