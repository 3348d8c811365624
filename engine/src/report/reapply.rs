//! Re-applying an edit made on an older revision onto the latest one: a save refused
//! because someone saved in between keeps the edit, and this lays it over their work.
//!
//! Field by field (on the documents' JSON): what the edit changed from the revision it
//! started from is set on the latest revision; what the edit left alone stays as the
//! latest has it. A field both changed takes the edit's value and is listed, so the user
//! checks it before saving. Lists (task types, tiers, configurations) are matched by
//! position while they keep their length; entries the edit added at the end are added;
//! a list whose length the other save changed takes the edit's list whole, listed too.

use super::{diff_inputs, InputDiff};
use crate::scenario::Scenario;
use serde_json::Value;

/// The latest revision with the edit laid over it.
#[derive(Clone, Debug)]
pub struct Reapplied {
    pub document: Scenario,
    /// What the edit changes in the latest revision, in the editor's words.
    pub applied: Vec<InputDiff>,
    /// Of those, the fields the other save changed too: the edit's value is the one kept.
    pub both_changed: Vec<InputDiff>,
}

/// `base`: the revision the edit started from; `mine`: the edit; `latest`: the current
/// revision. `Err` when the result is not a document (it always is when the three are).
pub fn reapply(base: &Scenario, mine: &Scenario, latest: &Scenario) -> Result<Reapplied, String> {
    // Through bytes, as the documents travel: in the browser this reuses the client's own
    // reader and writer of documents instead of compiling a second pair (~20 KB).
    let json = |s: &Scenario| {
        serde_json::to_vec(s)
            .and_then(|b| serde_json::from_slice::<Value>(&b))
            .map_err(|e| e.to_string())
    };
    let (b, m, mut l) = (json(base)?, json(mine)?, json(latest)?);
    let mut both = Vec::new();
    lay_over(&b, &m, &mut l, String::new(), &mut both);
    let document: Scenario = serde_json::to_vec(&l)
        .and_then(|b| serde_json::from_slice(&b))
        .map_err(|e| format!("the edit does not fit the latest revision: {e}"))?;
    let applied = diff_inputs(latest, &document);
    let both_changed = applied
        .iter()
        .filter(|d| {
            both.iter().any(|p| {
                d.path == *p
                    || d.path.starts_with(&format!("{p}."))
                    || d.path.starts_with(&format!("{p}["))
            })
        })
        .cloned()
        .collect();
    Ok(Reapplied {
        document,
        applied,
        both_changed,
    })
}

/// Sets on `l` what `m` changed from `b`, under `path`; paths both changed go in `both`.
fn lay_over(b: &Value, m: &Value, l: &mut Value, path: String, both: &mut Vec<String>) {
    if b == m {
        return;
    }
    let at = |k: &str| {
        if path.is_empty() {
            k.to_string()
        } else {
            format!("{path}.{k}")
        }
    };
    match (b, m, &mut *l) {
        (Value::Object(bo), Value::Object(mo), Value::Object(lo)) => {
            let keys: Vec<&String> = bo
                .keys()
                .chain(mo.keys().filter(|k| !bo.contains_key(*k)))
                .collect();
            for k in keys {
                let (bv, mv) = (bo.get(k), mo.get(k));
                if bv == mv {
                    continue;
                }
                if let (Some(bv), Some(mv), Some(lv)) = (bv, mv, lo.get_mut(k)) {
                    lay_over(bv, mv, lv, at(k), both);
                    continue;
                }
                // Added or removed by the edit: the other save's value, if it has one of
                // its own, is overruled and listed.
                if lo.get(k).is_some_and(|t| Some(t) != bv && Some(t) != mv) {
                    both.push(at(k));
                }
                match mv {
                    Some(mv) => {
                        lo.insert(k.clone(), mv.clone());
                    }
                    None => {
                        lo.remove(k);
                    }
                }
            }
        }
        // Entry by entry only while every side holds the same entries at the same places
        // (by name: the other save may have removed one and added another, or the edit
        // moved one); else the edit's list whole, listed if theirs changed too.
        (Value::Array(ba), Value::Array(ma), Value::Array(la))
            if la.len() == ba.len()
                && ma.len() >= ba.len()
                && same_entries(ba, la)
                && same_entries(ba, ma) =>
        {
            for (i, (bv, mv)) in ba.iter().zip(ma.iter()).enumerate() {
                lay_over(bv, mv, &mut la[i], format!("{path}[{i}]"), both);
            }
            la.extend(ma[ba.len()..].iter().cloned());
        }
        _ => {
            if *l != *b && *l != *m {
                both.push(path);
            }
            *l = m.clone();
        }
    }
}

/// Whether `b`'s entries are `o`'s first ones, told apart by their names.
fn same_entries(b: &[Value], o: &[Value]) -> bool {
    b.iter().zip(o).all(|(x, y)| x.get("name") == y.get("name"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::templates;

    #[test]
    fn an_edit_is_laid_over_another_save_and_a_field_both_changed_is_listed() {
        let base = templates::haiku_vs_4090();
        // They: a tier's output price, and a configuration's utilisation.
        let mut latest = base.clone();
        latest.api_tiers[0].output_per_mtok = 5.0;
        latest.gpu_configs[0].target_utilisation = 0.7;
        // I: the calls, and the same utilisation to another value; a new task type.
        let mut mine = base.clone();
        mine.task_types[0].calls_per_month = 2_000_000.0;
        mine.gpu_configs[0].target_utilisation = 0.4;
        let mut extra = mine.task_types[0].clone();
        extra.name = "Support".into();
        mine.task_types.push(extra);
        let r = reapply(&base, &mine, &latest).expect("re-applied");
        let d = &r.document;
        assert_eq!(d.api_tiers[0].output_per_mtok, 5.0, "theirs kept");
        assert_eq!(d.task_types[0].calls_per_month, 2_000_000.0, "mine applied");
        assert_eq!(d.gpu_configs[0].target_utilisation, 0.4, "both: mine");
        assert_eq!(d.task_types.len(), 2, "my new task type");
        let paths: Vec<&str> = r.both_changed.iter().map(|x| x.path.as_str()).collect();
        assert_eq!(paths, ["gpu_configs[0].target_utilisation"]);
        assert!(r
            .applied
            .iter()
            .any(|x| x.path == "task_types[0].calls_per_month"));
        assert!(
            !r.applied.iter().any(|x| x.path.starts_with("api_tiers")),
            "theirs is no change"
        );
    }

    #[test]
    fn an_entry_removed_and_another_added_is_not_taken_for_the_same_one() {
        let base = templates::haiku_vs_4090();
        // They: the first configuration gone, a new one at the end (same length).
        let mut latest = base.clone();
        let mut new_one = latest.gpu_configs[1].clone();
        new_one.name = "Their H100".into();
        latest.gpu_configs.remove(0);
        latest.gpu_configs.push(new_one);
        // I: the first configuration's utilisation.
        let mut mine = base.clone();
        mine.gpu_configs[0].target_utilisation = 0.3;
        let r = reapply(&base, &mine, &latest).expect("re-applied");
        // Not written onto the configuration that took its place: the list is mine, and
        // the clash is listed.
        assert_eq!(r.document.gpu_configs[0].name, base.gpu_configs[0].name);
        assert_eq!(r.document.gpu_configs[0].target_utilisation, 0.3);
        assert!(!r.both_changed.is_empty());
    }

    #[test]
    fn a_list_the_other_save_changed_in_length_takes_the_edits_list_and_says_so() {
        let base = templates::haiku_vs_4090();
        let mut latest = base.clone();
        latest.gpu_configs.pop();
        let mut mine = base.clone();
        mine.gpu_configs[1].target_utilisation = 0.3;
        let r = reapply(&base, &mine, &latest).expect("re-applied");
        assert_eq!(r.document.gpu_configs.len(), 2);
        assert!(!r.both_changed.is_empty());
        // Nothing changed on either side: the latest as it is.
        let r = reapply(&base, &base, &latest).expect("re-applied");
        assert_eq!(r.document, latest);
        assert!(r.applied.is_empty());
    }
}
