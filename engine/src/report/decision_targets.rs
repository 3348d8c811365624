//! What the decision is without the latency targets: said on the decision slide, as the
//! targets are no ranged input the slide swings.

use super::{code_of, money_in};
use crate::{Evaluation, Scenario};

/// The latency targets size the replicas; each is swung over its range with the other
/// inputs, and this says the answer without any target at all, whether or not the
/// cheaper option changes. `None` where none is set.
pub(super) fn without_targets(s: &Scenario, saving: Option<f64>, e: &Evaluation) -> Option<String> {
    let set = s
        .task_types
        .iter()
        .any(|t| t.ttft_p95_ms.is_some() || t.tpot_p95_ms.is_some());
    if !set {
        return None;
    }
    let mut loose = s.clone();
    for t in &mut loose.task_types {
        t.ttft_p95_ms = None;
        t.tpot_p95_ms = None;
    }
    let k = s.currency.as_ref().map_or(1.0, |c| c.per_usd);
    let money = |x: f64| money_in(x * k, code_of(e));
    let without = crate::sensitivity::decision_at(&loose).monthly_saving;
    Some(match (saving, without) {
        (Some(a), Some(b)) if (a > 0.0) != (b > 0.0) => format!(
            "The p95 latency targets decide it: without them the cheaper option changes (monthly saving {} instead of {}).",
            money(b),
            money(a)
        ),
        // The saving shown does not move; other configurations the targets rule out
        // (a floor above the target) are named, as the editor names them.
        (Some(a), Some(b)) if money(a) == money(b) => {
            let out: Vec<&str> = e
                .selfhosted
                .iter()
                .filter(|c| c.unusable.as_deref().is_some_and(|u| u.contains("target of")))
                .map(|c| c.name.as_str())
                .collect();
            if out.is_empty() {
                "The p95 latency targets do not bind: without them the replicas and the saving are the same.".to_string()
            } else {
                format!(
                    "The p95 latency targets do not change this saving; they rule out {} (its floor is above a target).",
                    out.join(", ")
                )
            }
        }
        (Some(a), Some(b)) => format!(
            "Without the p95 latency targets the cheaper option stays (monthly saving {} instead of {}).",
            money(b),
            money(a)
        ),
        (None, Some(b)) => format!(
            "The p95 latency targets rule out every configuration here; without them self-hosting would be compared (monthly saving {}).",
            money(b)
        ),
        (Some(a), None) => format!(
            "Without the p95 latency targets there is no pair to compare (monthly saving {} with them).",
            money(a)
        ),
        (None, None) => return None,
    })
}
