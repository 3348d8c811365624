//! What a report says about an evaluation, beside the numbers themselves: the three
//! headline figures finance asks for first, every sourced assumption once, and the
//! inputs that differ between two scenarios.

use crate::Evaluation;
use serde::{Deserialize, Serialize};

/// The three numbers finance asks for first.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Headline {
    /// Cheapest option at the current volume and its monthly cost.
    pub cheapest: String,
    pub cheapest_cost: f64,
    /// The cheapest option's caveats (a configuration's warnings: a run that may not
    /// measure it, a measurement above the hardware's bound): its figure is not
    /// headlined without them.
    #[serde(default)]
    pub cheapest_caveats: Vec<String>,
    /// What the cheapest option saves per month against the next-best of the other
    /// kind (self-hosted vs API or the reverse).
    pub saving: Option<(String, f64)>,
    /// The caveats of the option the saving is counted against (a configuration's, when
    /// the cheapest is a tier): the saving stands on that figure too.
    #[serde(default)]
    pub saving_caveats: Vec<String>,
    /// Where the best self-hosted option first beats the baseline tier.
    pub break_even_calls: Option<f64>,
    /// When the costs cross more than once (a replica step makes self-hosting dearer
    /// again): how many times, and from where self-hosting stays cheaper, if it does.
    /// The first crossing alone would claim a break-even that does not hold.
    #[serde(default)]
    pub break_even_note: Option<String>,
    pub break_even_pair: Option<(String, String)>,
    pub payback_month: Option<u32>,
    /// The best self-hosted option, which the break-even and the payback are counted
    /// for, and its caveats: both figures stand on its cost.
    #[serde(default)]
    pub self_caveats: Option<(String, Vec<String>)>,
}

impl Headline {
    /// ", on {configuration}'s figure, with a caveat {place}" after the break-even or the
    /// payback when the configuration they are counted for has caveats; nothing otherwise.
    pub fn self_caveat_mark(&self, place: &str) -> String {
        match &self.self_caveats {
            Some((name, caveats)) if !caveats.is_empty() => format!(
                ", on {name}'s figure, which has {} {place}",
                caveats_count(caveats.len())
            ),
            _ => String::new(),
        }
    }
}

/// ", with a caveat {place}" or ", with 3 caveats {place}" after a headlined figure that
/// has caveats; nothing for one that has none.
pub fn caveat_mark(n: usize, place: &str) -> String {
    match n {
        0 => String::new(),
        n => format!(", with {} {place}", caveats_count(n)),
    }
}

/// "a caveat", "3 caveats".
pub fn caveats_count(n: usize) -> String {
    match n {
        1 => "a caveat".into(),
        n => format!("{n} caveats"),
    }
}

/// "Caveat: …" with the first of a figure's caveats, the count first so that a line cut
/// short still says it: "Caveats (3; the printout lists them all): …".
pub fn first_caveat(caveats: &[String]) -> String {
    match caveats {
        [] => String::new(),
        [one] => format!("Caveat: {one}"),
        [first, ..] => format!(
            "Caveats ({}; the printout lists them all): {first}",
            caveats.len()
        ),
    }
}

/// Whether a "cheapest of all" range that ends at `to` calls/month really ends there,
/// or only reaches the limit searched (`searched`): then it is stated as "and above".
pub fn open_ended(to: f64, searched: f64) -> bool {
    searched > 0.0 && to >= searched * (1.0 - 1e-9)
}

pub fn headline(e: &Evaluation) -> Option<Headline> {
    use crate::hybrid::OptionRef;
    let c = e.cheapest.as_ref()?;
    // Only options that meet the workload's quality floor are weighed, as for `cheapest`.
    let floor = e.quality_floor;
    let best_self = e
        .selfhosted
        .iter()
        .enumerate()
        .filter(|(_, s)| s.quality >= floor)
        .filter_map(|(k, s)| s.monthly.as_ref().map(|m| (k, m.value)))
        .min_by(|a, b| a.1.total_cmp(&b.1));
    let best_api = e
        .api
        .iter()
        .enumerate()
        .filter(|(_, a)| a.quality >= floor)
        .map(|(j, a)| (j, a.monthly.value))
        .min_by(|a, b| a.1.total_cmp(&b.1));
    let saving = match c.option {
        OptionRef::Tier(_) => {
            best_self.map(|(k, v)| (e.selfhosted[k].name.clone(), v - c.monthly_cost))
        }
        OptionRef::Config(_) => best_api.map(|(j, v)| (e.api[j].name.clone(), v - c.monthly_cost)),
    };
    let baseline = e.projection.baseline_tier;
    let pair = match (baseline, best_self) {
        (Some(b), Some((k, _))) => e.break_even.iter().find(|p| p.tier == b && p.config == k),
        _ => None,
    };
    Some(Headline {
        cheapest: c.name.clone(),
        cheapest_cost: c.monthly_cost,
        cheapest_caveats: e.caveats(c.option).to_vec(),
        saving_caveats: match (c.option, &saving) {
            (OptionRef::Tier(_), Some(_)) => best_self
                .map(|(k, _)| e.caveats(OptionRef::Config(k)).to_vec())
                .unwrap_or_default(),
            _ => Vec::new(),
        },
        saving,
        break_even_calls: pair.and_then(|p| p.crossings.first().map(|x| x.calls_per_month)),
        break_even_note: pair.and_then(several_crossings),
        break_even_pair: pair.map(|p| {
            (
                e.api[p.tier].name.clone(),
                e.selfhosted[p.config].name.clone(),
            )
        }),
        payback_month: best_self
            .and_then(|(k, _)| e.projection.configs.get(k)?.as_ref()?.payback_month),
        self_caveats: best_self.map(|(k, _)| {
            (
                e.selfhosted[k].name.clone(),
                e.caveats(OptionRef::Config(k)).to_vec(),
            )
        }),
    })
}

/// "first of 3 crossings; cheaper for good from 586,094 calls/month", or `None` when the
/// costs cross once (or never).
fn several_crossings(p: &crate::PairResult) -> Option<String> {
    let n = (p.crossings.len() as u64).saturating_add(p.more);
    if n < 2 {
        return None;
    }
    let last = p.crossings.last()?;
    let for_good = p.more == 0
        && last.kind == crate::CrossingKind::SelfBecomesCheaper
        && !last.beyond_capacity;
    Some(if for_good {
        format!(
            "first of {n} crossings; cheaper for good from {} calls/month",
            crate::fmt_num(last.calls_per_month)
        )
    } else {
        format!("first of {n} crossings: replica steps make self-hosting dearer again")
    })
}

/// Each self-hosted option that cannot serve the workload, with why: "{name} cannot serve
/// this workload: {reason}". A report that leaves an option out of its figures says so.
pub fn not_served(e: &Evaluation) -> Vec<String> {
    e.selfhosted
        .iter()
        .filter_map(|s| {
            let why = s.unusable.as_deref()?;
            Some(format!("{} cannot serve this workload: {why}", s.name))
        })
        .collect()
}

/// "A", "A and B", "A, B and C".
pub(crate) fn and_list(names: &[String]) -> String {
    match names {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

mod ages;
pub use ages::{age_notes, price_dates, AgeNotes, PriceDate, PRICE_FLAGGED_AFTER_DAYS};
mod assumed;
pub use assumed::{assumption_groups, assumption_groups_with_sizing, assumptions, Assumptions};
pub mod decision;
mod rebuilt;
pub use rebuilt::{cost_lines, decided_cost_lines, CostLine};
mod diff;
mod diff_values;
pub use diff::{diff_inputs, label_of, InputDiff};
pub use diff_values::run_elsewhere;
mod reapply;
pub use reapply::{reapply, Reapplied};
mod pairing;
pub use pairing::{pair_options, pair_up};

#[cfg(test)]
mod tests {
    use super::*;

    fn at(kind: crate::CrossingKind, calls: f64) -> crate::evaluate::BreakEvenPoint {
        crate::evaluate::BreakEvenPoint {
            kind,
            calls_per_month: calls,
            output_tokens_per_month: calls * 100.0,
            api_cost: 1.0,
            self_cost: 1.0,
            replicas: 1.0,
            beyond_capacity: false,
        }
    }

    #[test]
    fn a_break_even_that_does_not_hold_says_so() {
        use crate::CrossingKind::{SelfBecomesCheaper as In, StepMakesSelfDearer as Out};
        let mut p = crate::PairResult {
            tier: 0,
            config: 0,
            crossings: vec![at(In, 462_344.0)],
            more: 0,
            statement: String::new(),
        };
        assert_eq!(several_crossings(&p), None, "one crossing needs no note");
        p.crossings.extend([at(Out, 518_400.0), at(In, 586_094.0)]);
        assert_eq!(
            several_crossings(&p).as_deref(),
            Some("first of 3 crossings; cheaper for good from 586,094 calls/month")
        );
        // Ending on a step up, or with crossings past those listed: no "for good".
        p.crossings.push(at(Out, 700_000.0));
        assert_eq!(
            several_crossings(&p).as_deref(),
            Some("first of 4 crossings: replica steps make self-hosting dearer again")
        );
        p.crossings.pop();
        p.more = 2;
        assert!(several_crossings(&p).is_some_and(|n| n.starts_with("first of 5 crossings:")));
    }

    #[test]
    fn a_cheapest_figure_above_the_hardwares_bound_is_headlined_with_its_caveat() {
        let mut s = crate::templates::haiku_vs_4090();
        s.task_types[0].calls_per_month = 2_000_000.0;
        let e = crate::evaluate_document(s.clone(), Default::default()).expect("valid");
        let h = headline(&e).expect("numbers");
        assert!(h.cheapest_caveats.is_empty(), "{:?}", h.cheapest_caveats);
        assert_eq!(caveat_mark(h.cheapest_caveats.len(), "below"), "");
        assert_eq!(h.self_caveat_mark("below"), "", "no caveat, no mark");
        // A typed throughput no RTX 4090 can reach: still the cheapest, never without
        // the caveat.
        s.gpu_configs[0].throughput = crate::scenario::ThroughputSource::Typed {
            output_tokens_per_s: 1.0e6,
        };
        let e = crate::evaluate_document(s.clone(), Default::default()).expect("valid");
        let h = headline(&e).expect("numbers");
        assert_eq!(h.cheapest, e.selfhosted[0].name);
        assert!(
            h.cheapest_caveats
                .iter()
                .any(|c| c.contains("above the physical bound")),
            "{:?}",
            h.cheapest_caveats
        );
        // At a low volume the tier is the cheapest, and its saving is counted against that
        // configuration: the caveat goes with it.
        let mut low = s.clone();
        low.task_types[0].calls_per_month = 1_000.0;
        let e = crate::evaluate_document(low, Default::default()).expect("valid");
        let h = headline(&e).expect("numbers");
        assert!(matches!(
            e.cheapest.as_ref().map(|c| c.option),
            Some(crate::hybrid::OptionRef::Tier(_))
        ));
        assert_eq!(
            h.saving.as_ref().map(|s| s.0.as_str()),
            Some(e.selfhosted[0].name.as_str())
        );
        assert!(h.cheapest_caveats.is_empty(), "a tier's price has none");
        assert!(
            h.saving_caveats
                .iter()
                .any(|c| c.contains("above the physical bound")),
            "{:?}",
            h.saving_caveats
        );
        // The break-even and the payback are counted for that configuration: they say
        // they stand on its figure.
        let name = &e.selfhosted[0].name;
        assert_eq!(
            h.self_caveats.as_ref().map(|(n, c)| (n, c.len())),
            Some((name, h.saving_caveats.len()))
        );
        assert_eq!(
            h.self_caveat_mark("below"),
            format!(
                ", on {name}'s figure, which has {} below",
                caveats_count(h.saving_caveats.len())
            )
        );
        assert_eq!(caveat_mark(1, "below"), ", with a caveat below");
        assert_eq!(caveat_mark(3, "below"), ", with 3 caveats below");
    }

    #[test]
    fn headline_of_the_article_case() {
        let mut s = crate::templates::haiku_vs_4090();
        s.task_types[0].calls_per_month = 2_000_000.0;
        let e = crate::evaluate_document(s, Default::default()).expect("valid");
        let h = headline(&e).expect("numbers");
        assert_eq!(h.cheapest, "RTX 4090 + Llama 3.1 8B (estimated, batched)");
        let (vs, saving) = h.saving.expect("saving");
        assert_eq!(vs, "Claude Haiku 3.5");
        assert!((saving - (e.api[0].monthly.value - h.cheapest_cost)).abs() < 1e-9);
        assert!(h.break_even_calls.is_some_and(|c| c < 2_000_000.0));
        assert!(h.payback_month.is_some());
        // By option: each group's rows name the input alone; the flat list names its
        // owner, in the same order.
        let groups = assumption_groups(&e);
        assert_eq!(groups[0].owner, "Claude Haiku 3.5");
        assert!(groups.iter().all(|g| !g.rows.is_empty()));
        assert!(groups
            .iter()
            .flat_map(|g| &g.rows)
            .all(|r| !r.0.contains("Claude") && !r.0.contains("RTX")));
        let a = assumptions(&e);
        let flat: Vec<String> = groups
            .iter()
            .flat_map(|g| g.rows.iter().map(move |r| format!("{}: {}", g.owner, r.0)))
            .collect();
        assert_eq!(a.iter().map(|r| r.0.clone()).collect::<Vec<_>>(), flat);
        assert!(
            a.iter().any(|r| r.2.contains("2025-06-22")),
            "Haiku 3.5 price source and date"
        );
        assert!(
            a.iter()
                .any(|r| r.2.contains("measured Llama 3.1 8B run on one H100 SXM")),
            "efficiency calibration source"
        );
    }
}

#[cfg(test)]
mod open_ended_tests {
    use super::open_ended;

    #[test]
    fn a_range_reaching_the_search_limit_has_no_end() {
        assert!(open_ended(50_000_000.0, 50_000_000.0));
        assert!(
            open_ended(49_999_999.99, 50_000_000.0),
            "rounding at the limit"
        );
        assert!(!open_ended(1_200_000.0, 50_000_000.0));
        assert!(!open_ended(0.0, 0.0), "nothing searched: nothing is open");
    }

    /// The evaluation says how far it searched, and every range lies within it.
    #[test]
    fn the_evaluation_states_how_far_it_searched() {
        let doc = crate::templates::template("sonnet-vs-2xa100").expect("template");
        let v = crate::validate(doc).expect("valid");
        let e = crate::evaluate(&v, crate::Options::default());
        let base = e.volume.calls_per_month;
        assert!(
            e.cheapest_searched_to >= 100.0 * base * (1.0 - 1e-9),
            "{}",
            e.cheapest_searched_to
        );
        for ranges in &e.cheapest_overall {
            for [from, to] in ranges {
                assert!(from < to && *to <= e.cheapest_searched_to * (1.0 + 1e-9));
            }
        }
    }
}
