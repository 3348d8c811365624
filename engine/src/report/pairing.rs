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
        if slot.1.is_none() && taken.get(i) == Some(&false) {
            taken[i] = true;
            slot.1 = Some(i);
        }
    }
    out.extend((0..b.len()).filter(|&j| !taken[j]).map(|j| (None, Some(j))));
    out
}

/// Each side's options (the API tiers, then the configurations, as an evaluation lists
/// them) paired as [`diff_inputs`] pairs their entries.
pub fn pair_options(a: &Scenario, b: &Scenario) -> Vec<(Option<usize>, Option<usize>)> {
    let ids = |s: &Scenario, list: &str| -> Vec<String> {
        serde_json::to_value(s)
            .ok()
            .and_then(|v| v.get(list).and_then(Value::as_array).cloned())
            .unwrap_or_default()
            .iter()
            .map(|e| identity(list, e))
            .collect()
    };
    let (na, nb) = (a.api_tiers.len(), b.api_tiers.len());
    let shift = |(i, j): (Option<usize>, Option<usize>)| (i.map(|i| i + na), j.map(|j| j + nb));
    pair_up(&ids(a, "api_tiers"), &ids(b, "api_tiers"))
        .into_iter()
        .chain(
            pair_up(&ids(a, "gpu_configs"), &ids(b, "gpu_configs"))
                .into_iter()
                .map(shift),
        )
        .collect()
}

#[cfg(test)]
mod tests {
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
