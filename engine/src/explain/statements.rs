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
        st.push_str(sym);
        write_num(&mut st, first.api_cost * rate);
        st.push_str("/month each)");
        let n = (crossings.len() as u64).saturating_add(p.more);
        if n > 1 {
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
