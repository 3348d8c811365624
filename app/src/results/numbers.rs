//! The numbers under "Results", laid out on the server: a table of options, the
//! break-even table, finance, internal prices and the decisions.

use super::break_even::BreakEvenTable;
use super::decisions::Decisions;
use super::explain::Explain;
use super::finance::FinanceTable;
use super::finance_plan::PlanFinanceTable;
use super::internal_price::InternalPriceTable;
use super::serving::Serving;
use crate::dto::Evaluated;
use crate::format::money;
use engine::fmt_num;
use engine::Evaluation;
use engine::OptionRef;
use leptos::either::Either;
use leptos::prelude::*;

/// The numbers of a valid evaluation as HTML, money in its currency; empty for an
/// invalid one (the page lists the refused fields itself).
pub fn results_html(e: &Evaluated) -> String {
    let Evaluated::Ok(e) = e else {
        return String::new();
    };
    let code = crate::format::ShownCurrency::code_of(e);
    // Its own owner, dropped when drawn: nothing of it outlives the call.
    let owner = Owner::new();
    owner.with(|| {
        provide_context(crate::format::ShownCurrency(Signal::stored(code)));
        view! { <Numbers e=(**e).clone() /> }.to_html()
    })
}

pub(super) fn option_label(e: &Evaluation, o: OptionRef) -> String {
    match o {
        OptionRef::Tier(j) => e.api.get(j).map_or_else(String::new, |a| a.name.clone()),
        OptionRef::Config(k) => e
            .selfhosted
            .get(k)
            .map_or_else(String::new, |s| s.name.clone()),
    }
}

#[component]
fn Numbers(e: Evaluation) -> impl IntoView {
    let decisions = e.clone();
    let table = e.clone();
    let money_table = e.clone();
    let price_table = e.clone();
    let volume = e.volume;
    // The throughput is at the first task type's request shape: named where there are
    // several, so it is not read as the whole workload's.
    let shape = match e.hybrid.tasks.as_slice() {
        [first, _, ..] => format!(" (at {first}'s request shape)"),
        _ => String::new(),
    };
    let headline = e.cheapest.as_ref().map(|c| {
        let kind = match c.option {
            OptionRef::Tier(_) => "API",
            OptionRef::Config(_) => "self-hosted",
        };
        // A figure with caveats (a run that may not measure it, a measurement above the
        // hardware's bound) is not headlined without them.
        let mark = engine::report::caveat_mark(e.caveats(c.option).len(), "in its row's notes");
        format!(
            "Cheapest at {} calls/month: {} ({kind}) at {}/month{mark}",
            fmt_num(volume.calls_per_month),
            c.name,
            money(c.monthly_cost)
        )
    });
    // No option at the floor is a gap to fill, not a result: said as a warning.
    let class = if headline.is_some() {
        "headline"
    } else {
        "headline notice warn"
    };
    view! {
        <p class=class data-testid="headline">
            {headline
                .unwrap_or_else(|| {
                    format!(
                        "No option meets the workload's quality floor ({}): add a tier or a configuration of that level",
                        e.quality_floor,
                    )
                })}
        </p>
        {e
            .floor_note
            .clone()
            .map(|n| {
                view! {
                    <p class="notice warn" data-testid="floor-note">
                        {n}
                    </p>
                }
            })}
        <p class="volume">
            {fmt_num(volume.calls_per_month)}" calls/month, "
            {fmt_num(volume.output_tokens_per_month)}" output tokens/month"
        </p>
        <table class="options">
            <caption>
                "Monthly cost at the current volume (steady state; one-off setup apart)"
            </caption>
            <thead>
                <tr>
                    <th scope="col">"Option"</th>
                    <th scope="col">"Monthly cost"</th>
                    <th scope="col">{format!("{} / 1K output tokens", crate::format::code())}</th>
                    <th scope="col">"Replicas"</th>
                    <th scope="col">"Notes"</th>
                </tr>
            </thead>
            <tbody>
                {e
                    .api
                    .into_iter()
                    .enumerate()
                    .map(|(j, a)| {
                        view! {
                            <tr>
                                <th scope="row">{a.name}" "<span class="tag">"API"</span></th>
                                <td class="n">
                                    <Explain
                                        e=a.monthly
                                        money_value=true
                                        test_id=format!("api-cost-{j}")
                                    />
                                </td>
                                <td class="n">
                                    <Explain e=a.per_1k_output unit_cost=true />
                                </td>
                                <td class="n">"-"</td>
                                <td></td>
                            </tr>
                        }
                    })
                    .collect_view()}
                {e
                    .selfhosted
                    .into_iter()
                    .enumerate()
                    .map(|(k, s)| {
                        let notes: Vec<String> = s
                            .fit
                            .iter()
                            .cloned()
                            .chain(s.warnings.iter().cloned())
                            .collect();
                        let serving = s.serving;
                        match (s.monthly, s.per_1k_output, s.replicas) {
                            (Some(m), Some(p), Some(r)) => {
                                Either::Left(
                                    view! {
                                        <tr>
                                            <th scope="row">
                                                {s.name}" "<span class="tag">"self-hosted"</span>
                                            </th>
                                            <td class="n">
                                                <Explain
                                                    e=m
                                                    money_value=true
                                                    test_id=format!("self-cost-{k}")
                                                />
                                            </td>
                                            <td class="n">
                                                <Explain e=p unit_cost=true />
                                            </td>
                                            <td class="n">
                                                <Explain e=r test_id=format!("self-replicas-{k}") />
                                            </td>
                                            <td>
                                                {s
                                                    .throughput
                                                    .map(|t| {
                                                        view! {
                                                            <span class="tp">
                                                                {format!("Throughput at full load{shape}: ")}
                                                                <Explain e=t /> " tok/s/replica"
                                                            </span>
                                                        }
                                                    })}
                                                {s
                                                    .latency_allowed
                                                    .map(|a| {
                                                        view! {
                                                            <span class="tp" data-testid=format!("latency-allowed-{k}")>
                                                                "The p95 latency targets allow "
                                                                <Explain e=a />
                                                                " tok/s of it per replica (the tightest task type's): the replicas are sized to that, not to the throughput"
                                                            </span>
                                                        }
                                                    })}
                                                {s
                                                    .setup
                                                    .filter(|x| x.value > 0.0)
                                                    .map(|x| {
                                                        view! {
                                                            <span class="tp">
                                                                "One-off setup: "
                                                                <Explain
                                                                    e=x
                                                                    money_value=true
                                                                    test_id=format!("self-setup-{k}")
                                                                />", not in the monthly cost"
                                                            </span>
                                                        }
                                                    })}
                                                <ul class="notes">
                                                    {notes
                                                        .into_iter()
                                                        .map(|n| view! { <li>{n}</li> })
                                                        .collect_view()}
                                                </ul> <Serving lines=serving config=k />
                                            </td>
                                        </tr>
                                    },
                                )
                            }
                            _ => {
                                Either::Right(
                                    view! {
                                        <tr class="unusable">
                                            <th scope="row">{s.name}</th>
                                            <td colspan="4" data-testid=format!("self-cost-{k}")>
                                                {s.unusable.unwrap_or_default()}
                                            </td>
                                        </tr>
                                    },
                                )
                            }
                        }
                    })
                    .collect_view()}
            </tbody>
        </table>
        <BreakEvenTable e=table />
        <FinanceTable e=money_table.clone() />
        <PlanFinanceTable e=money_table />
        <InternalPriceTable e=price_table />
        <Decisions e=decisions />
    }
}

#[cfg(test)]
mod tests {
    use crate::dto::Evaluated;

    /// The throughput beside a configuration is at the first task type's request shape:
    /// with two task types it says whose, with one it needs not.
    #[test]
    fn the_throughput_names_the_shape_it_is_at() {
        let mut s = engine::templates::sonnet_vs_2xa100();
        let mut other = s.task_types[0].clone();
        other.name = "Triage".into();
        other.output_tokens = 20.0;
        s.task_types.push(other);
        let first = s.task_types[0].name.clone();
        let e = engine::evaluate(&engine::validate(s).expect("valid"), Default::default());
        // As the page reads it (the HTML keeps markers between the parts).
        let read = super::results_html(&Evaluated::Ok(Box::new(e))).replace("<!>", "");
        assert!(
            read.contains(&format!(
                "Throughput at full load (at {first}'s request shape): "
            )),
            "{read}"
        );
        let one = engine::evaluate(
            &engine::validate(engine::templates::sonnet_vs_2xa100()).expect("valid"),
            Default::default(),
        );
        let html = super::results_html(&Evaluated::Ok(Box::new(one))).replace("<!>", "");
        assert!(html.contains("Throughput at full load: "), "{html}");
    }
}
