//! A bounded JSON value for benchmark files, read in one streaming pass.
//!
//! Benchmark files can be hundreds of megabytes of per-request arrays and generated
//! text that an importer never needs. [`Lean`] keeps every scalar and key, cuts long
//! strings, and replaces long nested arrays by their length, so memory stays bounded
//! whatever the file size. [`Lenient`] lets the parser read the non-standard tokens
//! Python writes (`Infinity`, `-Infinity`, `NaN`) by turning them into strings.

use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use std::fmt;

pub use super::lenient::Lenient;

/// Longest string kept, in bytes; longer strings keep their head.
pub const MAX_STRING: usize = 512;
/// Longest nested array kept; a longer one becomes [`Lean::Big`] with its length.
pub const MAX_NESTED_ARRAY: usize = 4096;
/// Most records a top-level array (or a JSON-lines file) may hold.
pub const MAX_RECORDS: usize = 200_000;
/// Nested-array elements kept over one file (a JSON-lines file of 100,000 requests, each
/// with thousands of chunk gaps, would otherwise keep them all); past it, a nested array
/// keeps only its length.
pub const MAX_KEPT_ELEMENTS: usize = 2_000_000;

thread_local! {
    static KEPT: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

/// Starts the budget of kept nested-array elements for a new file (on this thread).
pub fn new_file() {
    KEPT.with(|k| k.set(0));
}

/// Most keys kept of one object; the rest are skipped (no benchmark record has more, and
/// a file of one object with millions of keys held gigabytes).
pub const MAX_KEYS: usize = 4096;

/// Deepest nesting read; deeper content is skipped.
const MAX_DEPTH: usize = 64;

#[derive(Clone, Debug, PartialEq)]
pub enum Lean {
    Null,
    Bool(bool),
    Num(f64),
    Str(String),
    Arr(Vec<Lean>),
    Obj(Vec<(String, Lean)>),
    /// A nested array too long to keep, with its length.
    Big(usize),
}

impl Lean {
    pub fn get(&self, key: &str) -> Option<&Lean> {
        match self {
            Lean::Obj(fields) => fields.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    /// Follows a dotted path of object keys.
    pub fn at(&self, path: &str) -> Option<&Lean> {
        path.split('.').try_fold(self, |v, k| v.get(k))
    }

    pub fn has(&self, key: &str) -> bool {
        self.get(key).is_some()
    }

    /// A finite number, also from a numeric string ("550", "1,234.56").
    /// `NaN`, infinities, null and non-numbers give `None`.
    pub fn num(&self) -> Option<f64> {
        let x = match self {
            Lean::Num(x) => *x,
            Lean::Str(s) => parse_number(s)?,
            _ => return None,
        };
        x.is_finite().then_some(x)
    }

    /// Whether the value is an infinity (`Infinity`, `"inf"`).
    pub fn is_infinite(&self) -> bool {
        match self {
            Lean::Num(x) => x.is_infinite(),
            Lean::Str(s) => matches!(
                s.trim().to_ascii_lowercase().as_str(),
                "inf" | "infinity" | "+inf"
            ),
            _ => false,
        }
    }

    pub fn str(&self) -> Option<&str> {
        match self {
            Lean::Str(s) => Some(s),
            _ => None,
        }
    }

    pub fn arr(&self) -> Option<&[Lean]> {
        match self {
            Lean::Arr(v) => Some(v),
            _ => None,
        }
    }

    pub fn is_obj(&self) -> bool {
        matches!(self, Lean::Obj(_))
    }

    pub fn keys(&self) -> impl Iterator<Item = &str> {
        let fields: &[(String, Lean)] = match self {
            Lean::Obj(f) => f,
            _ => &[],
        };
        fields.iter().map(|(k, _)| k.as_str())
    }

    /// Number at a dotted path.
    pub fn n(&self, path: &str) -> Option<f64> {
        self.at(path).and_then(Lean::num)
    }

    /// Non-empty string at a dotted path.
    pub fn s(&self, path: &str) -> Option<String> {
        self.at(path)
            .and_then(Lean::str)
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_string)
    }
}

/// Parses a number as tools print it: optional thousands separators, `inf`, `nan`.
pub fn parse_number(s: &str) -> Option<f64> {
    let t = s.trim();
    if t.is_empty() || t.eq_ignore_ascii_case("n/a") {
        return None;
    }
    // A comma only groups thousands ("1,234.5"): "511,28" is a decimal comma, not read.
    if t.contains(',') {
        let int = t.split(['.', 'e', 'E']).next().unwrap_or("");
        let int = int.trim_start_matches(['-', '+']);
        let groups: Vec<&str> = int.split(',').collect();
        let grouped = (1..=3).contains(&groups[0].len())
            && groups[1..].iter().all(|g| g.len() == 3)
            && groups.iter().all(|g| g.bytes().all(|b| b.is_ascii_digit()));
        if !grouped || t.split(['.', 'e', 'E']).skip(1).any(|p| p.contains(',')) {
            return None;
        }
    }
    let cleaned: String = t.chars().filter(|c| *c != ',').collect();
    match cleaned.to_ascii_lowercase().as_str() {
        "inf" | "+inf" | "infinity" => return Some(f64::INFINITY),
        "-inf" | "-infinity" => return Some(f64::NEG_INFINITY),
        "nan" => return Some(f64::NAN),
        _ => {}
    }
    cleaned.parse::<f64>().ok()
}

fn cut(mut s: String) -> String {
    if s.len() > MAX_STRING {
        let mut end = MAX_STRING;
        while !s.is_char_boundary(end) {
            end -= 1;
        }
        s.truncate(end);
    }
    s
}

/// Reads one [`Lean`] value with the given nesting depth (0 = the document).
pub struct LeanSeed {
    pub depth: usize,
}

impl<'de> DeserializeSeed<'de> for LeanSeed {
    type Value = Lean;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Lean, D::Error> {
        d.deserialize_any(LeanVisitor { depth: self.depth })
    }
}

impl<'de> serde::Deserialize<'de> for Lean {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Lean, D::Error> {
        LeanSeed { depth: 0 }.deserialize(d)
    }
}

struct LeanVisitor {
    depth: usize,
}

impl<'de> Visitor<'de> for LeanVisitor {
    type Value = Lean;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a JSON value")
    }
    fn visit_unit<E>(self) -> Result<Lean, E> {
        Ok(Lean::Null)
    }
    fn visit_none<E>(self) -> Result<Lean, E> {
        Ok(Lean::Null)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Lean, D::Error> {
        LeanSeed { depth: self.depth }.deserialize(d)
    }
    fn visit_bool<E>(self, v: bool) -> Result<Lean, E> {
        Ok(Lean::Bool(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Lean, E> {
        Ok(Lean::Num(v as f64))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Lean, E> {
        Ok(Lean::Num(v as f64))
    }
    fn visit_f64<E>(self, v: f64) -> Result<Lean, E> {
        Ok(Lean::Num(v))
    }
    fn visit_str<E>(self, v: &str) -> Result<Lean, E> {
        Ok(Lean::Str(cut(v.chars().take(MAX_STRING).collect())))
    }
    fn visit_string<E>(self, v: String) -> Result<Lean, E> {
        Ok(Lean::Str(cut(v)))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Lean, A::Error> {
        if self.depth >= MAX_DEPTH {
            let mut n = 0;
            while seq.next_element::<IgnoredAny>()?.is_some() {
                n += 1;
            }
            return Ok(Lean::Big(n));
        }
        let cap = if self.depth == 0 {
            MAX_RECORDS
        } else {
            MAX_NESTED_ARRAY
        };
        let mut items = Vec::new();
        while let Some(v) = seq.next_element_seed(LeanSeed {
            depth: self.depth + 1,
        })? {
            items.push(v);
            let spent = self.depth > 0
                && KEPT.with(|k| {
                    k.set(k.get() + 1);
                    k.get() > MAX_KEPT_ELEMENTS
                });
            if items.len() > cap || spent {
                if self.depth == 0 {
                    return Err(de::Error::custom(format_args!(
                        "more than {MAX_RECORDS} records in one file"
                    )));
                }
                let mut n = items.len();
                drop(items);
                while seq.next_element::<IgnoredAny>()?.is_some() {
                    n += 1;
                }
                return Ok(Lean::Big(n));
            }
        }
        Ok(Lean::Arr(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Lean, A::Error> {
        let mut fields = Vec::new();
        while let Some(k) = map.next_key::<String>()? {
            if self.depth >= MAX_DEPTH || fields.len() >= MAX_KEYS {
                map.next_value::<IgnoredAny>()?;
                continue;
            }
            let v = map.next_value_seed(LeanSeed {
                depth: self.depth + 1,
            })?;
            fields.push((cut(k), v));
        }
        Ok(Lean::Obj(fields))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_object_keeps_at_most_max_keys() {
        let body: Vec<String> = (0..MAX_KEYS + 10)
            .map(|i| format!("\"k{i}\": {i}"))
            .collect();
        let text = format!("{{{}}}", body.join(","));
        let v: Lean = serde_json::from_str(&text).unwrap_or(Lean::Null);
        let Lean::Obj(fields) = &v else {
            panic!("an object")
        };
        assert_eq!(fields.len(), MAX_KEYS);
        assert_eq!(v.n("k0"), Some(0.0));
        assert_eq!(v.get(&format!("k{MAX_KEYS}")), None);
    }

    #[test]
    fn long_nested_arrays_and_strings_are_bounded() {
        let long: Vec<f64> = (0..10_000).map(f64::from).collect();
        let text = serde_json::json!({"xs": long, "t": "x".repeat(10_000), "n": 3}).to_string();
        let v: Lean = serde_json::from_str(&text).unwrap_or(Lean::Null);
        assert_eq!(v.get("xs"), Some(&Lean::Big(10_000)));
        assert_eq!(v.s("t").map(|s| s.len()), Some(MAX_STRING));
        assert_eq!(v.n("n"), Some(3.0));
    }

    #[test]
    fn numbers_as_tools_print_them() {
        assert_eq!(parse_number("1,234.56"), Some(1234.56));
        assert_eq!(parse_number("-12,345,678"), Some(-12_345_678.0));
        // A decimal comma, a list, a comma after the point: not a number.
        for not in ["511,28", "0,1", "1,2345", "1.234,5", ",5"] {
            assert_eq!(parse_number(not), None, "{not}");
        }
        assert_eq!(parse_number(" 550 "), Some(550.0));
        assert_eq!(parse_number("N/A"), None);
        assert!(Lean::Str("inf".into()).is_infinite());
        assert_eq!(Lean::Str("inf".into()).num(), None);
    }
}
