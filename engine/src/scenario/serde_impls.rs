//! How a scenario is read: as a JSON object only, with names cleaned of characters that
//! make text display as something else.

use super::Scenario;
use serde::{Deserialize, Serialize};

impl Serialize for Scenario {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        Scenario::serialize(self, serializer)
    }
}

impl<'de> Deserialize<'de> for Scenario {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Object;
        impl<'de> serde::de::Visitor<'de> for Object {
            type Value = Scenario;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a scenario (a JSON object)")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, map: A) -> Result<Scenario, A::Error> {
                let mut s =
                    Scenario::deserialize(serde::de::value::MapAccessDeserializer::new(map))?;
                s.mark_legacy_typed_prices();
                Ok(s)
            }
        }
        d.deserialize_map(Object)
    }
}

impl Scenario {
    /// A price that arrives without the GPU its quote is for (a document from before
    /// prices recorded their source, or a client that sends its own number) is the
    /// sender's own: it is kept as typed, never re-priced and never called a quote.
    fn mark_legacy_typed_prices(&mut self) {
        for g in &mut self.gpu_configs {
            match &mut g.hosting {
                super::Hosting::Cloud(c) if c.quoted_for.is_empty() => c.typed = true,
                super::Hosting::OnPrem(o) if o.gpu_price_for.is_empty() => o.gpu_price_typed = true,
                _ => {}
            }
        }
    }
}

/// Names lose bidirectional overrides and zero-width characters when a document is
/// read (from a client, the database or a backup): they could make a name display as
/// something else ("Invoice \u{202E}gnp.exe").
pub(super) fn clean_name<'de, D: serde::Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    let s = String::deserialize(d)?;
    Ok(if s.chars().any(is_deceptive_char) {
        s.chars().filter(|c| !is_deceptive_char(*c)).collect()
    } else {
        s
    })
}

/// Characters that reorder or hide text (bidirectional overrides, isolates and marks,
/// the zero-width space, word joiner and BOM): a name holding them can display as
/// something else. The zero-width joiner and non-joiner stay (emoji, Persian, Indic).
pub fn is_deceptive_char(c: char) -> bool {
    matches!(c,
        '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200B}' | '\u{200E}' | '\u{200F}'
        | '\u{061C}' | '\u{2060}' | '\u{FEFF}')
}
