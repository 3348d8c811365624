//! The break-evens as a compact table, tier by configuration, each figure opening its
//! sentence; pairs of unequal quality say why they are not compared.

use engine::fmt_num;
use engine::{Evaluation, PairResult};
#[cfg(feature = "ssr")]
use leptos::{either::EitherOf3, prelude::*};

/// The figure a cell shows: where self-hosting starts to cost less, or why it never does.
fn short(e: &Evaluation, p: &PairResult) -> String {
    if e.selfhosted
        .get(p.config)
        .is_some_and(|s| s.unusable.is_some())
    {
        return "cannot serve".into();
    }
    match p.crossings.first() {
        // As far as the search went (the sentence under it says the same).
        None => format!(
            "never (to {} calls)",
            fmt_num(e.volume.calls_per_month * engine::SEARCH_LIMIT)
        ),
        Some(c) => {
            let n = (p.crossings.len() as u64).saturating_add(p.more);
            let mut s = format!("{} calls/month", fmt_num(c.calls_per_month));
            if n > 1 {
                s.push_str(&format!(" ({n} crossings)"));
            }
            s
        }
    }
}

/// The break-evens as text cells, tier by configuration, for the printed page.
pub fn grid(e: &Evaluation) -> crate::dto::BreakEvenGrid {
    crate::dto::BreakEvenGrid {
        tiers: e.api.iter().map(|a| a.name.clone()).collect(),
        rows: e
            .selfhosted
            .iter()
            .enumerate()
            .map(|(k, s)| {
                let cells = (0..e.api.len())
                    .map(
                        |j| match e.break_even.iter().find(|p| p.tier == j && p.config == k) {
                            Some(p) => short(e, p),
                            None => "not compared (quality)".into(),
                        },
                    )
                    .collect();
                (s.name.clone(), cells)
            })
            .collect(),
    }
}

#[cfg(feature = "ssr")]
fn level(q: u8) -> &'static str {
    match q {
        0 | 1 => "1 (small models)",
        2 => "2 (mid)",
        _ => "3 (frontier)",
    }
}

#[cfg(feature = "ssr")]
#[component]
pub fn BreakEvenTable(e: Evaluation) -> impl IntoView {
    let tiers: Vec<String> = e.api.iter().map(|a| a.name.clone()).collect();
    let rows: Vec<(usize, String)> = e
        .selfhosted
        .iter()
        .enumerate()
        .map(|(k, s)| (k, s.name.clone()))
        .collect();
    let floor = level(e.quality_floor);
    let n = e.api.len();
    let cell = move |j: usize, k: usize| {
        if let Some(p) = e.break_even.iter().find(|p| p.tier == j && p.config == k) {
            let first = p.crossings.first().map(|c| c.calls_per_month);
            EitherOf3::A(view! {
                <details
                    class="pair"
                    data-testid=format!("break-even-{j}-{k}")
                    data-calls=first.map(|c| format!("{c:.3}"))
                >
                    <summary>{short(&e, p)}</summary>
                    <p>{p.statement.clone()}</p>
                </details>
            })
        } else if let Some(n) = e.not_compared.iter().find(|n| n.tier == j && n.config == k) {
            EitherOf3::B(view! {
                <details class="pair not-compared" data-testid=format!("not-compared-{j}-{k}")>
                    <summary>"not compared"</summary>
                    <p>{n.reason.clone()}</p>
                </details>
            })
        } else {
            EitherOf3::C(view! { <span>"-"</span> })
        }
    };
    view! {
        <h3>"Break-even"</h3>
        <p class="hint">
            "Calls a month from which the configuration costs less than the tier; open a figure for the sentence. The workload's quality floor is "
            {floor}
            ": a configuration is compared with the tiers that meet it, at its level or lower."
        </p>
        <div class="table-wrap">
            <table class="break-even-table" data-testid="break-even-table">
                <thead>
                    <tr>
                        <th scope="col">"Configuration"</th>
                        {tiers
                            .into_iter()
                            .map(|t| view! { <th scope="col">{t}</th> })
                            .collect_view()}
                    </tr>
                </thead>
                <tbody>
                    {rows
                        .into_iter()
                        .map(|(k, name)| {
                            let cell = cell.clone();
                            view! {
                                <tr>
                                    <th scope="row">{name}</th>
                                    {(0..n).map(|j| view! { <td>{cell(j, k)}</td> }).collect_view()}
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use engine::scenario::{CloudPricing, Hosting};

    /// A configuration never cheaper: its cell names the volume the search went to, the
    /// one its sentence names.
    #[test]
    fn never_names_the_volume_the_search_went_to() {
        let mut s = engine::templates::haiku_vs_4090();
        s.gpu_configs[0].hosting = Hosting::Cloud(CloudPricing {
            hourly_usd: 500.0,
            ..CloudPricing::default()
        });
        let e = engine::evaluate_document(s, engine::Options::default()).expect("valid");
        let p = &e.break_even[0];
        assert!(p.crossings.is_empty());
        let reach = fmt_num(e.volume.calls_per_month * engine::SEARCH_LIMIT);
        assert_eq!(short(&e, p), format!("never (to {reach} calls)"));
        assert!(p.statement.contains(&reach), "{}", p.statement);
    }
}
