//! Every sourced assumption of an evaluation (catalog and typed prices, hardware facts,
//! calibrations, latency targets), once each and by option: the footnotes of the presentation, the
//! printout and the one-pager.

use crate::Evaluation;
use serde::{Deserialize, Serialize};

/// The sourced assumptions of one option (or, with no owner, of the whole scenario:
/// the exchange rate): each input's name, value and source (date), once.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Assumptions {
    pub owner: String,
    pub rows: Vec<(String, String, String)>,
}

impl Assumptions {
    /// The group's heading: its options' names, or what a scenario-wide group (the
    /// exchange rate) applies to, so its rows never read as the option's above them.
    pub fn heading(&self) -> &str {
        if self.owner.is_empty() {
            "Every option"
        } else {
            &self.owner
        }
    }
}

/// Every sourced assumption once, by option: the API tiers, the configurations, then
/// the exchange rate when the scenario has a currency.
pub fn assumption_groups(e: &Evaluation) -> Vec<Assumptions> {
    groups(e, false)
}

/// [`assumption_groups`], each configuration's led by what sizes its replicas: the
/// throughput a replica makes of this workload (estimated, typed or measured) and the
/// target utilisation. The one-pager's: the printout says these in its inputs already.
pub fn assumption_groups_with_sizing(e: &Evaluation) -> Vec<Assumptions> {
    groups(e, true)
}

fn groups(e: &Evaluation, sizing: bool) -> Vec<Assumptions> {
    let mut out: Vec<Assumptions> = Vec::new();
    let push = |out: &mut Vec<Assumptions>, x: &crate::explain::Explained, owner: &str| {
        // The exchange rate is said once, at the end, not under every option.
        for i in x.inputs.iter().filter(|i| i.name != "exchange rate") {
            // A people default's range is in its explanations, to keep one sheet.
            let src = i.source.as_ref();
            if let Some(src) = src.filter(|s| !s.starts_with(crate::explain::ARTICLE_DEFAULT)) {
                row(
                    out,
                    owner,
                    (
                        i.name.to_string(),
                        format!(
                            "{} {}",
                            crate::explain::fmt_num(i.value),
                            crate::fmt::unit_for(i.value, &i.unit)
                        ),
                        src.to_string(),
                    ),
                );
            }
        }
    };
    for a in &e.api {
        push(&mut out, &a.monthly, &a.name);
    }
    for s in &e.selfhosted {
        // What sizes the replicas first: the throughput a replica makes of this workload
        // and the utilisation it is planned to, whatever their source.
        if let (true, Some(t), Some(_)) = (sizing, &s.throughput, &s.monthly) {
            row(
                &mut out,
                &s.name,
                (
                    "throughput per replica".into(),
                    format!("{} output tok/s", crate::explain::fmt_num(t.value)),
                    throughput_basis(t),
                ),
            );
        }
        if let Some(u) = s
            .replicas
            .as_ref()
            .filter(|_| sizing)
            .and_then(|r| r.inputs.iter().find(|i| i.name == "target utilisation"))
        {
            row(
                &mut out,
                &s.name,
                (
                    "target utilisation".into(),
                    match &s.throughput {
                        Some(t) => format!(
                            "{}% of {} output tok/s",
                            crate::explain::fmt_num(u.value * 100.0),
                            crate::explain::fmt_num(t.value)
                        ),
                        None => format!("{}%", crate::explain::fmt_num(u.value * 100.0)),
                    },
                    "the configuration's: the share of a replica's throughput it is planned to use"
                        .into(),
                ),
            );
        }
        if let Some(m) = &s.monthly {
            push(&mut out, m, &s.name);
        }
        if let Some(t) = &s.throughput {
            push(&mut out, t, &s.name);
        }
        // The latency targets that size the replicas (its only sourced inputs).
        if let Some(r) = &s.replicas {
            push(&mut out, r, &s.name);
        }
    }
    let mut out = shared_once(out);
    if let Some(c) = &e.currency {
        out.push(Assumptions {
            owner: String::new(),
            rows: vec![(
                format!("exchange rate (every figure in {}; sources in USD)", c.code),
                format!("{} {} per USD", c.per_usd, c.code),
                if c.source.trim().is_empty() {
                    format!("typed in the scenario ({})", c.as_of)
                } else {
                    format!("{} ({})", c.source, c.as_of)
                },
            )],
        });
    }
    out
}

/// Adds `r` to `owner`'s group (the last one, when it is the owner's), once.
fn row(out: &mut Vec<Assumptions>, owner: &str, r: (String, String, String)) {
    if out.last().is_none_or(|g| g.owner != owner) {
        out.push(Assumptions {
            owner: owner.to_string(),
            rows: Vec::new(),
        });
    }
    if let Some(group) = out.last_mut() {
        if !group.rows.contains(&r) {
            group.rows.push(r);
        }
    }
}

/// Where an option's throughput comes from, by the formula that made it (a run on other
/// hardware says it was scaled, and from what), and what prefix caching spares.
fn throughput_basis(t: &crate::explain::Explained) -> String {
    let basis = basis_of(t);
    match t.inputs.iter().find(|i| i.name == crate::explain::formulas::PREFILLED) {
        Some(i) => format!("{basis}; with prefix caching: {} prompt tokens computed a request, the rest reused (an upper bound)", crate::explain::fmt_num(i.value.round())),
        None => basis,
    }
}

fn basis_of(t: &crate::explain::Explained) -> String {
    use crate::explain::formulas as f;
    if t.formula == f::THROUGHPUT_TYPED {
        "typed in the scenario, at the workload's request shape".into()
    } else if t.formula == f::THROUGHPUT_BENCHMARK {
        let scaled = t
            .inputs
            .iter()
            .find_map(|i| i.name.strip_prefix("hardware scale, "))
            .and_then(|n| n.strip_suffix(" (estimator's ratio of seconds per request)"))
            .map_or_else(String::new, |from_to| {
                format!(", scaled from its hardware by the estimator ({from_to})")
            });
        format!("measured by a benchmark run (below){scaled}, converted to the workload's request shape")
    } else {
        "estimated from the GPU's and the model's specs (a roofline), not measured".into()
    }
}

/// A row several options share (the same input, value and source: two configurations
/// of one GPU) is said once, under all their names, after the first one's own rows.
fn shared_once(groups: Vec<Assumptions>) -> Vec<Assumptions> {
    type Row = (String, String, String);
    // Groups by position, not name: two options may share a name (a rented and a bought
    // RTX 4090 are both named after it).
    let owners_of = |row: &Row| -> Vec<usize> {
        (0..groups.len())
            .filter(|&i| groups[i].rows.contains(row))
            .collect()
    };
    let mut out: Vec<Assumptions> = Vec::new();
    // Each set of owners' shared rows, and whether they are written out yet.
    let mut shared: Vec<(Vec<usize>, Vec<Row>)> = Vec::new();
    for (gi, g) in groups.iter().enumerate() {
        let mut own = Vec::new();
        for row in &g.rows {
            let owners = owners_of(row);
            if owners.len() < 2 {
                own.push(row.clone());
            } else if owners[0] == gi {
                match shared.iter_mut().find(|(o, _)| *o == owners) {
                    Some((_, rows)) => rows.push(row.clone()),
                    None => shared.push((owners, vec![row.clone()])),
                }
            }
        }
        if !own.is_empty() {
            out.push(Assumptions {
                owner: g.owner.clone(),
                rows: own,
            });
        }
        // The shared rows that start with this option follow its own; each set once.
        for (owners, rows) in shared.iter_mut().filter(|(o, _)| o[0] == gi) {
            let mut names: Vec<String> = Vec::new();
            for &i in owners.iter() {
                if !names.contains(&groups[i].owner) {
                    names.push(groups[i].owner.clone());
                }
            }
            out.push(Assumptions {
                owner: super::and_list(&names),
                rows: std::mem::take(rows),
            });
        }
    }
    out
}

/// [`assumption_groups`] as one list: "owner: input", value, source (date).
pub fn assumptions(e: &Evaluation) -> Vec<(String, String, String)> {
    assumption_groups(e)
        .into_iter()
        .flat_map(|g| {
            g.rows
                .into_iter()
                .map(move |(what, value, source)| match g.owner.as_str() {
                    "" => (what, value, source),
                    owner => (format!("{owner}: {what}"), value, source),
                })
        })
        .collect()
}

#[cfg(test)]
mod shared_tests {
    use super::{assumption_groups, assumptions};

    /// Two options of one name (a rented and a bought GPU of the same model) with another
    /// between them: each shared row once, under a name, never under none.
    #[test]
    fn options_of_one_name_share_without_losing_their_heading() {
        let mut s = crate::templates::sonnet_vs_2xa100();
        let a = s.gpu_configs[0].clone();
        let mut other = a.clone();
        other.name = "Other".into();
        other.gpu = "h100-sxm".into();
        s.gpu_configs.push(other);
        s.gpu_configs.push(a.clone());
        let e = crate::evaluate_document(s, Default::default()).expect("valid");
        let groups = assumption_groups(&e);
        assert!(groups.iter().all(|g| !g.owner.is_empty()), "{groups:?}");
        assert!(groups.iter().all(|g| !g.rows.is_empty()), "{groups:?}");
        assert!(
            !groups
                .iter()
                .any(|g| g.owner == format!("{} and {}", a.name, a.name)),
            "{groups:?}"
        );
        let flat = assumptions(&e);
        for (i, r) in flat.iter().enumerate() {
            assert!(!flat[i + 1..].contains(r), "listed twice: {r:?}");
        }
    }

    /// Latency targets size the replicas, so the footnotes finance reads list them; with
    /// none set, none is listed.
    #[test]
    fn latency_targets_are_listed_where_set() {
        let mut s = crate::templates::sonnet_vs_2xa100();
        let e = crate::evaluate_document(s.clone(), Default::default()).expect("valid");
        assert!(!assumptions(&e).iter().any(|r| r.0.contains("p95")));
        s.task_types[0].ttft_p95_ms = Some(1000.0);
        s.task_types[0].tpot_p95_ms = Some(30.0);
        let e = crate::evaluate_document(s.clone(), Default::default()).expect("valid");
        let rows = assumptions(&e);
        let name = &s.gpu_configs[0].name;
        for (what, value) in [
            ("p95 TTFT target", "1,000 ms"),
            ("p95 time-per-token target", "30 ms"),
        ] {
            assert!(
                rows.iter()
                    .any(|r| r.0 == format!("{name}: Agent reasoning: {what}") && r.1 == value),
                "{what}: {rows:?}"
            );
        }
    }

    /// On the one-pager, what sizes a configuration's replicas is listed first under it,
    /// whatever its source: the throughput a replica makes of this workload, and the
    /// utilisation. The printout's and the presentation's lists are as they were.
    #[test]
    fn the_throughput_and_the_utilisation_are_listed_with_their_basis() {
        let s = crate::templates::sonnet_vs_2xa100();
        let e = crate::evaluate_document(s.clone(), Default::default()).expect("valid");
        assert!(!assumptions(&e)
            .iter()
            .any(|r| r.0.contains("throughput per replica")));
        let groups = super::assumption_groups_with_sizing(&e);
        for (k, g) in s.gpu_configs.iter().enumerate() {
            let group = groups.iter().find(|x| x.owner == g.name).expect("a group");
            let tput = e.selfhosted[k]
                .throughput
                .as_ref()
                .expect("throughput")
                .value;
            assert_eq!(group.rows[0].0, "throughput per replica");
            assert_eq!(
                group.rows[0].1,
                format!("{} output tok/s", crate::explain::fmt_num(tput))
            );
            let want = match g.throughput {
                crate::scenario::ThroughputSource::Typed { .. } => "typed in the scenario",
                _ => "estimated from the GPU's and the model's specs",
            };
            assert!(group.rows[0].2.starts_with(want), "{:?}", group.rows[0]);
            assert_eq!(
                group.rows[1].1,
                format!(
                    "{}% of {} output tok/s",
                    crate::explain::fmt_num(g.target_utilisation * 100.0),
                    crate::explain::fmt_num(tput)
                )
            );
        }
    }

    /// The exchange rate applies to every figure: its group is last and headed so, never
    /// read as the last option's.
    #[test]
    fn the_exchange_rate_is_headed_as_every_options() {
        let mut s = crate::templates::sonnet_vs_2xa100();
        s.currency = Some(crate::scenario::Currency {
            code: "EUR".into(),
            per_usd: 0.92,
            as_of: "2026-11-30".into(),
            source: "ECB".into(),
        });
        let e = crate::evaluate_document(s, Default::default()).expect("valid");
        let groups = assumption_groups(&e);
        let last = groups.last().expect("groups");
        assert_eq!(last.heading(), "Every option");
        assert!(last.rows[0].0.starts_with("exchange rate"), "{last:?}");
        assert!(groups[..groups.len() - 1]
            .iter()
            .all(|g| g.heading() == g.owner && !g.owner.is_empty()));
    }

    #[test]
    fn what_two_configurations_share_is_said_once_under_both_names() {
        let mut s = crate::templates::sonnet_vs_2xa100();
        let mut b = s.gpu_configs[0].clone();
        b.name = "B".into();
        if let crate::scenario::Hosting::Cloud(c) = &mut b.hosting {
            c.hourly_usd = 1.99;
            c.price_source = "a team quote".into();
            c.typed = true;
        }
        s.gpu_configs.push(b);
        let a_name = s.gpu_configs[0].name.clone();
        let e = crate::evaluate_document(s, Default::default()).expect("valid");
        let groups = assumption_groups(&e);
        let both = format!("{a_name} and B");
        let shared = groups
            .iter()
            .find(|g| g.owner == both)
            .expect("a shared group");
        assert!(
            shared.rows.iter().any(|r| r.0 == "memory bandwidth BW"),
            "{shared:?}"
        );
        // Each keeps what differs: its own GPU price, under its own name.
        for (owner, price) in [
            (a_name.as_str(), "2.49 USD/GPU-hour"),
            ("B", "1.99 USD/GPU-hour"),
        ] {
            let own = groups.iter().find(|g| g.owner == owner).expect(owner);
            assert!(own.rows.iter().any(|r| r.1 == price), "{owner}: {own:?}");
            assert!(!own.rows.iter().any(|r| r.0 == "memory bandwidth BW"));
        }
        // The shared rows follow the first configuration's own.
        let at = |o: &str| groups.iter().position(|g| g.owner == o).expect(o);
        assert_eq!(at(&both), at(&a_name) + 1);
        // The flat list names every row once.
        let flat = assumptions(&e);
        let mut seen = flat.clone();
        seen.dedup();
        assert_eq!(seen.len(), flat.len());
    }
}
