//! Sentences people read, built from results: the break-even answer for one API tier
//! against one GPU configuration.

use super::{fmt_num, write_num};
use crate::breakeven::BreakEvenPoint;
use crate::breakeven::{CrossingKind, PairBreakEven, SEARCH_LIMIT};

/// "{config} becomes cheaper than {tier} at ...", "{config} is never cheaper than
/// {tier} below ...", or why the configuration cannot serve the workload. `crossings`
/// are `p`'s crossings in calls and output tokens a month.
pub(crate) fn break_even(
    tier: &str,
    config: &str,
    p: &PairBreakEven,
    crossings: &[BreakEvenPoint],
    base_calls: f64,
    (sym, rate): (&str, f64),
) -> String {
    if let Some(reason) = &p.unusable {
        format!("{config} cannot serve this workload: {reason}")
    } else if crossings.is_empty() {
        format!(
            "{config} is never cheaper than {tier} below {} calls/month ({}x the current volume)",
            fmt_num(SEARCH_LIMIT * base_calls),
            SEARCH_LIMIT
        )
    } else {
        let first = &crossings[0];
        let mut st = String::with_capacity(192);
        st.push_str(config);
        st.push_str(" becomes cheaper than ");
        st.push_str(tier);
        st.push_str(" at ");
        write_num(&mut st, first.calls_per_month);
        st.push_str(" calls/month (");
        write_num(&mut st, first.output_tokens_per_month);
        st.push_str(" output tokens/month, ");
        // Money as every page writes it: cents in two digits ("$817.70").
        st.push_str(&crate::fmt::money_with(first.api_cost * rate, sym));
        st.push_str("/month each)");
        let n = (crossings.len() as u64).saturating_add(p.more);
        let last_event = crossings.last().filter(|_| p.more == 0);
        if let Some(step) = last_event.filter(|c| c.kind == CrossingKind::StepMakesSelfDearer) {
            // The replicas past this volume cost more than the API calls they serve (bought
            // ones under the marginal lens, on-demand ones past a commitment).
            st.push_str("; replica steps make the lead change ");
            write_num(&mut st, n as f64);
            st.push_str(" times, and from ");
            write_num(&mut st, step.calls_per_month);
            st.push_str(" calls/month on ");
            st.push_str(tier);
            st.push_str(" stays cheaper (searched up to ");
            write_num(&mut st, SEARCH_LIMIT * base_calls);
            st.push_str(" calls/month)");
        } else if p.more > 0 {
            // Past the listed crossings the lead may change again: no "for good".
            st.push_str("; replica steps make the lead change ");
            write_num(&mut st, n as f64);
            st.push_str(" times (the first ");
            write_num(&mut st, crossings.len() as f64);
            st.push_str(" are listed)");
        } else if n > 1 {
            let last = crossings
                .iter()
                .rev()
                .find(|c| c.kind == CrossingKind::SelfBecomesCheaper)
                .unwrap_or(first);
            st.push_str("; replica steps make the lead change ");
            write_num(&mut st, n as f64);
            st.push_str(" times, for good above ");
            write_num(&mut st, last.calls_per_month);
            st.push_str(" calls/month");
        }
        st
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::breakeven::Crossing;

    fn event(kind: CrossingKind, scale: f64) -> (Crossing, BreakEvenPoint) {
        let c = Crossing {
            kind,
            scale,
            api_cost: 100.0 * scale,
            self_cost: 100.0 * scale,
            replicas: 1.0,
            beyond_capacity: false,
        };
        let p = BreakEvenPoint {
            kind,
            calls_per_month: 1000.0 * scale,
            output_tokens_per_month: 1.0e5 * scale,
            api_cost: c.api_cost,
            self_cost: c.self_cost,
            replicas: 1.0,
            beyond_capacity: false,
        };
        (c, p)
    }

    /// Cheaper, then a replica step after which the tier stays cheaper: the sentence must
    /// not say self-hosting wins "for good".
    #[test]
    fn a_last_step_back_says_the_tier_stays_cheaper() {
        let (c1, p1) = event(CrossingKind::SelfBecomesCheaper, 0.5);
        let (c2, p2) = event(CrossingKind::StepMakesSelfDearer, 2.0);
        let pair = PairBreakEven {
            tier: 0,
            config: 0,
            crossings: vec![c1.clone(), c2],
            more: 0,
            first_cheaper_scale: Some(0.5),
            unusable: None,
        };
        let st = break_even(
            "Haiku",
            "4090",
            &pair,
            &[p1.clone(), p2],
            1000.0,
            ("$", 1.0),
        );
        assert!(
            st.contains("from 2,000 calls/month on Haiku stays cheaper"),
            "{st}"
        );
        assert!(!st.contains("for good"), "{st}");
        // Ending on a crossing, it does win for good.
        let (c3, p3) = event(CrossingKind::SelfBecomesCheaper, 3.0);
        let (c2, p2) = event(CrossingKind::StepMakesSelfDearer, 2.0);
        let pair = PairBreakEven {
            crossings: vec![c1, c2, c3],
            ..pair
        };
        let points = [p1, p2, p3];
        let st = break_even("Haiku", "4090", &pair, &points, 1000.0, ("$", 1.0));
        assert!(
            st.contains("3 times, for good above 3,000 calls/month"),
            "{st}"
        );
        // More crossings than listed: what follows the last listed one is not known here.
        let pair = PairBreakEven { more: 7, ..pair };
        let st = break_even("Haiku", "4090", &pair, &points, 1000.0, ("$", 1.0));
        assert!(
            st.contains("10 times (the first 3 are listed)") && !st.contains("for good"),
            "{st}"
        );
    }
}
