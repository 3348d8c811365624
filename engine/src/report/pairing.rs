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
    pair_up_if(&ia, &ib, |i, j| may_be_renamed(list, &a[i], &b[j]))
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
