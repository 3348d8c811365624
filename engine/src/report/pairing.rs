//! Which entries of two scenarios are the same entry: a tier by its catalog entry or
//! name, a configuration or task type by name, else by position (renamed in place). The
//! comparison of inputs and the comparison of costs pair them the same way.

use crate::Scenario;
use serde_json::Value;

/// An entry's identity within its list.
pub(super) fn identity(list: &str, v: &Value) -> String {
    let name = v.get("name").and_then(Value::as_str).unwrap_or_default();
    match (list, v.get("catalog_id").and_then(Value::as_str)) {
        ("api_tiers", Some(id)) if !id.is_empty() => format!("catalog:{id}"),
        _ => format!("name:{name}"),
    }
}

/// How the entries of two lists pair up, given each entry's identity: by identity first;
/// an entry of `a` that none of `b` matches takes `b`'s unmatched entry at its own
/// position (renamed in place, as a configuration's name follows its GPU, it is the same
/// entry with a new name, not one removed and another added). In `a`'s order, then `b`'s
/// unmatched entries.
pub fn pair_up(a: &[String], b: &[String]) -> Vec<(Option<usize>, Option<usize>)> {
    pair_up_if(a, b, |_, _| true)
}

/// [`pair_up`], where an entry is taken as renamed in place only if `in_place(i, j)`
/// says the two could be one entry renamed.
fn pair_up_if(
    a: &[String],
    b: &[String],
    in_place: impl Fn(usize, usize) -> bool,
) -> Vec<(Option<usize>, Option<usize>)> {
    let mut taken = vec![false; b.len()];
    let mut out: Vec<(Option<usize>, Option<usize>)> = a
        .iter()
        .enumerate()
        .map(|(i, id)| {
            let j = (0..b.len()).find(|&j| !taken[j] && b[j] == *id);
            if let Some(j) = j {
                taken[j] = true;
            }
            (Some(i), j)
        })
        .collect();
    for (i, slot) in out.iter_mut().enumerate() {
        if slot.1.is_none() && taken.get(i) == Some(&false) && in_place(i, i) {
            taken[i] = true;
            slot.1 = Some(i);
        }
    }
    out.extend((0..b.len()).filter(|&j| !taken[j]).map(|j| (None, Some(j))));
    out
}

/// Whether two entries of `list` at one position may be one entry renamed: a tier keeps
/// its catalog entry (another catalog entry is another tier: Sonnet in A's place is not
/// Haiku renamed); a configuration keeps its GPU or its model (its name follows them, so
/// a change of one renames it; a change of both is another configuration). Task types
/// have nothing but their name.
fn may_be_renamed(list: &str, a: &Value, b: &Value) -> bool {
    let field = |v: &Value, f: &str| {
        v.get(f)
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_string()
    };
    match list {
        "api_tiers" => field(a, "catalog_id") == field(b, "catalog_id"),
        "gpu_configs" => {
            field(a, "gpu") == field(b, "gpu") || field(a, "model") == field(b, "model")
        }
        // A task type measured by a usage import where a typed one (or one measured from
        // other files) stood is the workload replaced, not the typed one renamed
        // ("Support chat: calls 1,500,000 -> 45,490" where Support chat was removed).
        "task_types" => {
            let (ma, mb) = (measured_from(a), measured_from(b));
            mb.is_empty() || (!ma.is_empty() && ma.iter().any(|m| mb.contains(m)))
        }
        _ => true,
    }
}

/// The entries of two lists (as JSON) paired: by identity, else renamed in place where
/// [`may_be_renamed`] allows it.
pub(super) fn pair_entries(
    list: &str,
    a: &[Value],
    b: &[Value],
) -> Vec<(Option<usize>, Option<usize>)> {
    let ia: Vec<String> = a.iter().map(|e| identity(list, e)).collect();
    let ib: Vec<String> = b.iter().map(|e| identity(list, e)).collect();
    let mut out = pair_up_if(&ia, &ib, |i, j| may_be_renamed(list, &a[i], &b[j]));
    if list == "task_types" {
        by_measurement(&mut out, a, b, (&ia, &ib));
    }
    out
}

/// What a usage import measured for a task type (its fields' sources: file, period,
/// group): it stays through a rename and an edit, so it says which entry is which.
fn measured_from(v: &Value) -> Vec<String> {
    let mut m: Vec<String> = v
        .get("measured")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|m| Some(format!("{}={}", m.get("field")?, m.get("source")?)))
        .collect();
    m.sort();
    m
}

/// Task types renamed where one before them was removed: paired in place, the renamed
/// one would be taken for the removed one ("claude-opus: calls 20,378 -> 1,000,000"). An
/// entry of `b` paired in place (or left alone) whose measurement is exactly that of an
/// entry of `a` paired otherwise (or left alone) is that entry.
fn by_measurement(
    out: &mut Vec<(Option<usize>, Option<usize>)>,
    a: &[Value],
    b: &[Value],
    (ia, ib): (&[String], &[String]),
) {
    // A pair of one name is that entry, whatever it measured (a copy measures the same).
    let by_name = |pair: (Option<usize>, Option<usize>)| match pair {
        (Some(i), Some(j)) => ia[i] == ib[j],
        _ => false,
    };
    let ma: Vec<Vec<String>> = a.iter().map(measured_from).collect();
    let mb: Vec<Vec<String>> = b.iter().map(measured_from).collect();
    let same = |i: usize, j: usize| !ma[i].is_empty() && ma[i] == mb[j];
    for j in 0..b.len() {
        let Some(now) = out.iter().position(|&(_, y)| y == Some(j)) else {
            continue;
        };
        if out[now].0.is_some_and(|i| same(i, j)) || by_name(out[now]) {
            continue;
        }
        // The one entry of `a` measured as `j` was, if there is exactly one.
        let mut owners = (0..a.len()).filter(|&i| same(i, j));
        let (Some(i), None) = (owners.next(), owners.next()) else {
            continue;
        };
        let Some(at) = out.iter().position(|&(x, _)| x == Some(i)) else {
            continue;
        };
        if by_name(out[at]) {
            continue;
        }
        // `i` keeps `j`; what `i` had and the entry `j` was paired with go alone.
        let freed_b = out[at].1.replace(j);
        out[now].1 = None;
        if let Some(fb) = freed_b {
            out.push((None, Some(fb)));
        }
        if out[now].0.is_none() {
            out.remove(now);
        }
    }
}

/// Each side's options (the API tiers, then the configurations, as an evaluation lists
/// them) paired as [`diff_inputs`] pairs their entries.
pub fn pair_options(a: &Scenario, b: &Scenario) -> Vec<(Option<usize>, Option<usize>)> {
    let entries = |s: &Scenario, list: &str| -> Vec<Value> {
        serde_json::to_value(s)
            .ok()
            .and_then(|v| v.get(list).and_then(Value::as_array).cloned())
            .unwrap_or_default()
    };
    let pair = |list: &str| pair_entries(list, &entries(a, list), &entries(b, list));
    let (na, nb) = (a.api_tiers.len(), b.api_tiers.len());
    let shift = |(i, j): (Option<usize>, Option<usize>)| (i.map(|i| i + na), j.map(|j| j + nb));
    pair("api_tiers")
        .into_iter()
        .chain(pair("gpu_configs").into_iter().map(shift))
        .collect()
}

#[cfg(test)]
mod tests {

    /// A copy of a task type measures what its original did: the original keeps its
    /// pair by name, and the copy is an entry added.
    #[test]
    fn a_copied_task_type_is_added_not_taken_for_its_original() {
        use crate::scenario::{paths::task as p, Measured};
        let mut a = crate::templates::sonnet_vs_2xa100();
        a.task_types[0].name = "X".into();
        a.task_types[0].measured = vec![Measured {
            field: p::CALLS_PER_MONTH.into(),
            value: a.task_types[0].calls_per_month,
            source: "measured (log.jsonl, X)".into(),
        }];
        let mut b = a.clone();
        let mut copy = b.task_types[0].clone();
        copy.name = "X (copy)".into();
        b.task_types.push(copy);
        let text: Vec<String> = crate::report::diff_inputs(&a, &b)
            .iter()
            .map(crate::report::InputDiff::line)
            .collect();
        assert_eq!(text.len(), 1, "{text:?}");
        assert!(text[0].contains("X (copy)"), "{text:?}");
    }

    /// A typed workload replaced by a measured one (a usage import's "Replace its
    /// workload"): the typed task types are removed and the measured one added, not the
    /// first typed one renamed with its calls changed.
    #[test]
    fn a_workload_replaced_by_an_import_is_not_a_rename() {
        use crate::scenario::{paths::task as p, Measured};
        let mut a = crate::templates::sonnet_vs_2xa100();
        a.task_types[0].name = "Support chat".into();
        let mut tagging = a.task_types[0].clone();
        tagging.name = "Nightly tagging".into();
        a.task_types.push(tagging);
        let mut b = a.clone();
        let mut opus = b.task_types[0].clone();
        opus.name = "claude-opus-4-5".into();
        opus.calls_per_month = 45_490.0;
        opus.measured = vec![Measured {
            field: p::CALLS_PER_MONTH.into(),
            value: 45_490.0,
            source: "measured (session.jsonl, claude-opus-4-5)".into(),
        }];
        b.task_types = vec![opus];
        let text = crate::report::diff_inputs(&a, &b)
            .iter()
            .map(crate::report::InputDiff::line)
            .collect::<Vec<_>>()
            .join("\n");
        assert!(!text.contains("→ 45,490"), "{text}");
        if std::env::var("SHOW").is_ok() {
            eprintln!("{text}");
        }
        for name in ["Support chat", "Nightly tagging", "claude-opus-4-5"] {
            assert!(text.contains(name), "{name}: {text}");
        }
    }

    /// A task type removed and the one after it renamed and edited: the history names
    /// the removal and the rename, not the removed one's calls moved to the other's.
    #[test]
    fn a_task_type_renamed_after_a_removed_one_is_known_by_its_measurement() {
        use crate::scenario::{paths::task as p, Measured};
        let measured = |group: &str, v: f64| Measured {
            field: p::CALLS_PER_MONTH.into(),
            value: v,
            source: format!("measured (log.jsonl, {group})"),
        };
        let mut a = crate::templates::sonnet_vs_2xa100();
        let mut opus = a.task_types[0].clone();
        opus.name = "claude-opus".into();
        opus.calls_per_month = 20_378.0;
        opus.measured = vec![measured("claude-opus", 20_378.0)];
        let mut sonnet = a.task_types[0].clone();
        sonnet.name = "claude-sonnet".into();
        sonnet.calls_per_month = 90_000.0;
        sonnet.measured = vec![measured("claude-sonnet", 90_000.0)];
        a.task_types = vec![opus, sonnet.clone()];
        let mut b = a.clone();
        let mut edited = sonnet;
        edited.name = "assistant".into();
        edited.calls_per_month = 1_000_000.0;
        b.task_types = vec![edited];
        let lines: Vec<String> = crate::report::diff_inputs(&a, &b)
            .iter()
            .map(crate::report::InputDiff::line)
            .collect();
        let text = lines.join("\n");
        assert!(!text.contains("claude-opus\u{201d}: calls"), "{text}");
        assert!(text.contains("90,000 → 1,000,000"), "{text}");
        // The removal is one line that names it once.
        assert!(
            text.lines()
                .any(|l| l == "Task type \u{201c}claude-opus\u{201d} removed"),
            "{text}"
        );
    }
    use super::{pair_options, pair_up};

    fn ids(xs: &[&str]) -> Vec<String> {
        xs.iter().map(|x| x.to_string()).collect()
    }

    #[test]
    fn entries_pair_by_identity_then_in_place_then_alone() {
        // Reordered: by identity.
        assert_eq!(
            pair_up(&ids(&["a", "b"]), &ids(&["b", "a"])),
            vec![(Some(0), Some(1)), (Some(1), Some(0))]
        );
        // "b" renamed to "c" in place: the same entry.
        assert_eq!(
            pair_up(&ids(&["a", "b"]), &ids(&["a", "c"])),
            vec![(Some(0), Some(0)), (Some(1), Some(1))]
        );
        // One removed, two added: the first added takes the removed one's place, the
        // other stands alone.
        assert_eq!(
            pair_up(&ids(&["a", "b"]), &ids(&["a", "c", "d"])),
            vec![(Some(0), Some(0)), (Some(1), Some(1)), (None, Some(2))]
        );
        // Removed at the end: alone on `a`'s side.
        assert_eq!(
            pair_up(&ids(&["a", "b"]), &ids(&["a"])),
            vec![(Some(0), Some(0)), (Some(1), None)]
        );
    }

    /// Two scenarios that hold different options in the same places: another catalog
    /// tier, a configuration with another GPU and another model, are not one entry
    /// renamed. A configuration that keeps its model (its GPU changed) is.
    #[test]
    fn another_catalog_tier_or_configuration_in_the_same_place_is_not_a_rename() {
        let a = crate::templates::haiku_vs_4090();
        let mut b = a.clone();
        b.api_tiers[0].catalog_id = Some("another-tier".into());
        b.api_tiers[0].name = "Another tier".into();
        b.gpu_configs[0].name = "Another configuration".into();
        b.gpu_configs[0].gpu = "another-gpu".into();
        b.gpu_configs[0].model = "another-model".into();
        let (n, m) = (a.api_tiers.len(), a.gpu_configs.len());
        let pairs = pair_options(&a, &b);
        assert!(pairs.contains(&(Some(0), None)), "{pairs:?}");
        assert!(pairs.contains(&(None, Some(0))), "{pairs:?}");
        assert!(pairs.contains(&(Some(n), None)), "{pairs:?}");
        assert!(pairs.contains(&(None, Some(n))), "{pairs:?}");
        assert_eq!(pairs.len(), n + m + 2, "{pairs:?}");
        // The same configuration on another GPU, renamed to follow it: one entry.
        b.gpu_configs[0].model = a.gpu_configs[0].model.clone();
        assert!(pair_options(&a, &b).contains(&(Some(n), Some(n))));
        // A tier without a catalog entry, renamed: one entry.
        let mut c = a.clone();
        let mut d = a.clone();
        c.api_tiers[0].catalog_id = None;
        d.api_tiers[0].catalog_id = None;
        d.api_tiers[0].name = "Our own tier".into();
        assert!(pair_options(&c, &d).contains(&(Some(0), Some(0))));
    }

    #[test]
    fn options_pair_within_their_kind_in_the_evaluations_order() {
        let a = crate::templates::haiku_vs_4090();
        let mut b = a.clone();
        b.gpu_configs[0].name = "renamed".into();
        b.api_tiers.remove(0);
        let n = a.api_tiers.len();
        let pairs = pair_options(&a, &b);
        // The first tier is gone; the others keep their pairs, shifted on `b`'s side.
        assert_eq!(pairs[0], (Some(0), None));
        assert_eq!(pairs[1], (Some(1), Some(0)));
        // The renamed configuration is paired with itself, after the tiers.
        assert!(pairs.contains(&(Some(n), Some(n - 1))), "{pairs:?}");
        assert_eq!(pairs.len(), n + a.gpu_configs.len());
    }
}
