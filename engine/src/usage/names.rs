//! Names as kept: each model name and key set of a file once, shared by its records.

use super::bounded;
use std::collections::HashMap;
use std::sync::Arc;

/// A model name or key as read from a file (cut to `MAX_TEXT` characters), one copy
/// shared by every record that carries it.
pub type Name = Arc<str>;
/// The grouping keys of a record, one copy shared by the records that carry the same.
pub type Keys = Arc<[(Name, Name)]>;

/// Most distinct names and key sets kept shared; past it each record gets its own copy
/// (a file of a million different API keys costs what it did before, no more).
const MAX_SHARED: usize = 100_000;

/// One copy of each name and key set of a file: a log of a million requests to four
/// models holds four model names, not a million.
#[derive(Clone, Debug, Default)]
pub(crate) struct Names {
    names: HashMap<Box<str>, Name>,
    keys: HashMap<Vec<(Name, Name)>, Keys>,
}

/// The shared copies say nothing about the import: two imports of the same file are
/// equal whatever order their names were first seen in.
impl PartialEq for Names {
    fn eq(&self, _: &Names) -> bool {
        true
    }
}

impl Names {
    pub(super) fn name(&mut self, raw: &str) -> Name {
        if let Some(n) = self.names.get(raw) {
            return n.clone();
        }
        let n: Name = bounded(raw).into();
        // A raw name far longer than what is kept is not held as a key (a log's names
        // may be up to a line long).
        if self.names.len() < MAX_SHARED && raw.len() <= 4 * super::MAX_TEXT {
            self.names.insert(raw.into(), n.clone());
        }
        n
    }
    pub(super) fn keys<'a>(&mut self, pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> Keys {
        let v: Vec<(Name, Name)> = pairs
            .into_iter()
            .map(|(k, x)| (self.name(k), self.name(x)))
            .collect();
        if let Some(k) = self.keys.get(&v) {
            return k.clone();
        }
        let k: Keys = v.clone().into();
        if self.keys.len() < MAX_SHARED {
            self.keys.insert(v, k.clone());
        }
        k
    }
}
