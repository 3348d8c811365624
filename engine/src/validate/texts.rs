//! Every text field of a value, found by serializing it (so a new text field is covered
//! without being listed anywhere): each string longer than its cap, with its path as
//! the JSON form spells it (`gpu_configs[0].name`).
//!
//! The walk is a `serde::Serializer` that looks at strings only: no JSON value is built
//! and no path is spelled unless a string is over its cap, so a valid document costs
//! one pass over its fields.

use super::limits;
use serde::ser::{self, Serialize};
use std::fmt;

/// `(path, message)` for each string over its cap.
pub(super) fn too_long<T: Serialize + ?Sized>(value: &T) -> Vec<(String, String)> {
    let mut w = Walker {
        path: Vec::new(),
        found: Vec::new(),
    };
    // The walker never fails; a type whose `Serialize` fails is reported by the
    // other checks.
    let _ = value.serialize(&mut w);
    w.found
}

enum Seg {
    Field(&'static str),
    Key(String),
    Index(usize),
}

struct Walker {
    path: Vec<Seg>,
    found: Vec<(String, String)>,
}

impl Walker {
    /// The name of the innermost field (array items take their array's name).
    fn key(&self) -> &str {
        self.path
            .iter()
            .rev()
            .find_map(|s| match s {
                Seg::Field(k) => Some(*k),
                Seg::Key(k) => Some(k.as_str()),
                Seg::Index(_) => None,
            })
            .unwrap_or("")
    }
    fn spell(&self) -> String {
        let mut out = String::new();
        for seg in &self.path {
            match seg {
                Seg::Field(k) if out.is_empty() => out.push_str(k),
                Seg::Key(k) if out.is_empty() => out.push_str(k),
                Seg::Field(k) => {
                    out.push('.');
                    out.push_str(k);
                }
                Seg::Key(k) => {
                    out.push('.');
                    out.push_str(k);
                }
                Seg::Index(i) => out.push_str(&format!("[{i}]")),
            }
        }
        out
    }
    fn nested<T: Serialize + ?Sized>(&mut self, seg: Seg, value: &T) -> Result<(), Never> {
        self.path.push(seg);
        let r = value.serialize(&mut *self);
        self.path.pop();
        r
    }
    fn next_index(&mut self) {
        if let Some(Seg::Index(i)) = self.path.last_mut() {
            *i += 1;
        }
    }
}

#[derive(Debug)]
pub(super) struct Never;

impl fmt::Display for Never {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("text walk")
    }
}
impl std::error::Error for Never {}
impl ser::Error for Never {
    fn custom<T: fmt::Display>(_: T) -> Self {
        Never
    }
}

macro_rules! ignore {
    ($($f:ident: $t:ty),*) => {
        $(fn $f(self, _: $t) -> Result<(), Never> { Ok(()) })*
    };
}

impl ser::Serializer for &mut Walker {
    type Ok = ();
    type Error = Never;
    type SerializeSeq = Self;
    type SerializeTuple = Self;
    type SerializeTupleStruct = Self;
    type SerializeTupleVariant = Self;
    type SerializeMap = Self;
    type SerializeStruct = Self;
    type SerializeStructVariant = Self;

    ignore!(serialize_bool: bool, serialize_i8: i8, serialize_i16: i16,
        serialize_i32: i32, serialize_i64: i64, serialize_i128: i128, serialize_u8: u8,
        serialize_u16: u16, serialize_u32: u32, serialize_u64: u64, serialize_u128: u128,
        serialize_f32: f32, serialize_f64: f64, serialize_char: char, serialize_bytes: &[u8],
        serialize_unit_struct: &'static str);

    fn serialize_str(self, t: &str) -> Result<(), Never> {
        let cap = match self.key() {
            "notes" => limits::NOTES_CHARS,
            "name" => limits::NAME_CHARS,
            _ => limits::TEXT_CHARS,
        };
        // A string of at most `cap` bytes has at most `cap` characters.
        if t.len() > cap {
            let n = t.chars().count();
            if n > cap {
                let message = format!("is {n} characters long; at most {cap} are allowed");
                self.found.push((self.spell(), message));
            }
        }
        Ok(())
    }
    fn serialize_none(self) -> Result<(), Never> {
        Ok(())
    }
    fn serialize_some<T: Serialize + ?Sized>(self, v: &T) -> Result<(), Never> {
        v.serialize(self)
    }
    fn serialize_unit(self) -> Result<(), Never> {
        Ok(())
    }
    fn serialize_unit_variant(self, _: &'static str, _: u32, _: &'static str) -> Result<(), Never> {
        Ok(())
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        v: &T,
    ) -> Result<(), Never> {
        v.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        v: &T,
    ) -> Result<(), Never> {
        self.nested(Seg::Field(variant), v)
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Self, Never> {
        self.path.push(Seg::Index(0));
        Ok(self)
    }
    fn serialize_tuple(self, len: usize) -> Result<Self, Never> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_struct(self, _: &'static str, len: usize) -> Result<Self, Never> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _: usize,
    ) -> Result<Self, Never> {
        self.path.push(Seg::Field(variant));
        self.path.push(Seg::Index(0));
        Ok(self)
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Self, Never> {
        Ok(self)
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Self, Never> {
        Ok(self)
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _: usize,
    ) -> Result<Self, Never> {
        self.path.push(Seg::Field(variant));
        Ok(self)
    }
}

impl ser::SerializeSeq for &mut Walker {
    type Ok = ();
    type Error = Never;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, v: &T) -> Result<(), Never> {
        v.serialize(&mut **self)?;
        self.next_index();
        Ok(())
    }
    fn end(self) -> Result<(), Never> {
        self.path.pop();
        Ok(())
    }
}

/// Tuples, tuple structs and tuple variants are sequences: their items are numbered,
/// and `end` pops the index (and, for a variant, its name).
macro_rules! like_seq {
    ($trait:ident, $method:ident, $($pop:ident)?) => {
        impl ser::$trait for &mut Walker {
            type Ok = ();
            type Error = Never;
            fn $method<T: Serialize + ?Sized>(&mut self, v: &T) -> Result<(), Never> {
                ser::SerializeSeq::serialize_element(self, v)
            }
            fn end(self) -> Result<(), Never> {
                $(self.path.$pop();)?
                ser::SerializeSeq::end(self)
            }
        }
    };
}

like_seq!(SerializeTuple, serialize_element,);
like_seq!(SerializeTupleStruct, serialize_field,);
like_seq!(SerializeTupleVariant, serialize_field, pop);

impl ser::SerializeMap for &mut Walker {
    type Ok = ();
    type Error = Never;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, k: &T) -> Result<(), Never> {
        // Keys are checked as texts too; the path then names the entry by its key.
        let name = match k.serialize(serde_json::value::Serializer) {
            Ok(serde_json::Value::String(s)) => s,
            Ok(other) => other.to_string(),
            Err(_) => String::new(),
        };
        k.serialize(&mut **self)?;
        self.path.push(Seg::Key(name));
        Ok(())
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, v: &T) -> Result<(), Never> {
        let r = v.serialize(&mut **self);
        self.path.pop();
        r
    }
    fn end(self) -> Result<(), Never> {
        Ok(())
    }
}

impl ser::SerializeStruct for &mut Walker {
    type Ok = ();
    type Error = Never;
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        v: &T,
    ) -> Result<(), Never> {
        self.nested(Seg::Field(key), v)
    }
    fn end(self) -> Result<(), Never> {
        Ok(())
    }
}

impl ser::SerializeStructVariant for &mut Walker {
    type Ok = ();
    type Error = Never;
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        v: &T,
    ) -> Result<(), Never> {
        self.nested(Seg::Field(key), v)
    }
    fn end(self) -> Result<(), Never> {
        self.path.pop();
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Serialize;
    use std::collections::BTreeMap;

    #[derive(Serialize)]
    struct Inner {
        name: String,
        tags: Vec<String>,
    }
    #[derive(Serialize)]
    #[serde(tag = "kind")]
    enum Tagged {
        A { source: String },
    }
    #[derive(Serialize)]
    enum External {
        B(Inner),
    }
    #[derive(Serialize)]
    struct Outer {
        notes: String,
        items: Vec<Inner>,
        tagged: Tagged,
        external: External,
        map: BTreeMap<String, String>,
        maybe: Option<String>,
    }

    /// The paths are those of the JSON form, for every shape serde produces, and
    /// strings at their cap pass.
    #[test]
    fn paths_follow_the_json_form() {
        let long = |n: usize| "x".repeat(n);
        let v = Outer {
            notes: long(limits::NOTES_CHARS),
            items: vec![
                Inner {
                    name: long(limits::NAME_CHARS),
                    tags: vec![],
                },
                Inner {
                    name: long(limits::NAME_CHARS + 1),
                    tags: vec![String::new(), long(limits::TEXT_CHARS + 1)],
                },
            ],
            tagged: Tagged::A {
                source: long(limits::TEXT_CHARS + 1),
            },
            external: External::B(Inner {
                name: long(limits::NAME_CHARS + 1),
                tags: vec![],
            }),
            map: BTreeMap::from([("k".to_string(), long(limits::TEXT_CHARS + 1))]),
            maybe: Some(long(limits::TEXT_CHARS + 1)),
        };
        let paths: Vec<String> = too_long(&v).into_iter().map(|(p, _)| p).collect();
        assert_eq!(
            paths,
            [
                "items[1].name",
                "items[1].tags[1]",
                "tagged.source",
                "external.B.name",
                "map.k",
                "maybe"
            ]
        );
        let same_as_json = serde_json::to_value(&v).expect("json");
        assert!(same_as_json["external"]["B"]["name"].is_string());
        assert!(same_as_json["items"][1]["tags"][1].is_string());
    }
}
