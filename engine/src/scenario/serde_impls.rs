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
    /// A price that arrives without the GPU its quote is for comes from a document of
    /// before that was recorded, or from a client. The defaults and templates of before
    /// are recognised by their exact values (history, not live catalog data) and become
    /// the quotes they were, so a configuration on another GPU is flagged; a price picked
    /// from a list is the configuration's GPU's; an on-prem $2,000 (the old fallback for
    /// GPUs without a purchase price) asks for a price; anything else is the sender's own.
    fn mark_legacy_typed_prices(&mut self) {
        const OLD_QUOTES: [(&str, f64, &str, &str); 4] = [
            ("RunPod", 0.74, "typed by the user", "rtx-4090"),
            (
                "RunPod",
                0.74,
                "RunPod Secure, tgarg01/silybench-data",
                "rtx-4090",
            ),
            ("RunPod", 0.44, "the article ($0.44-0.74/h)", "rtx-4090"),
            (
                "RunPod",
                2.49,
                "the article (~$2.49/h per A100)",
                "a100-80gb",
            ),
        ];
        for g in &mut self.gpu_configs {
            match &mut g.hosting {
                super::Hosting::Cloud(c) if c.quoted_for.is_empty() && !c.typed => {
                    let old = OLD_QUOTES.iter().find(|(provider, price, source, _)| {
                        c.provider == *provider
                            && c.hourly_usd == *price
                            && c.price_source == *source
                    });
                    match old {
                        Some((_, _, source, gpu)) => {
                            if *source == "typed by the user" {
                                c.price_source =
                                    "the default of a new configuration (RunPod's RTX 4090 quote)"
                                        .into();
                            }
                            c.quoted_for = gpu.to_string();
                        }
                        None if !c.price_source.is_empty()
                            && c.price_source != "typed by the user" =>
                        {
                            c.quoted_for = g.gpu.clone();
                        }
                        None => c.typed = true,
                    }
                }
                super::Hosting::OnPrem(o) if o.gpu_price_for.is_empty() && !o.gpu_price_typed => {
                    if o.gpu_price_usd == 2000.0 {
                        o.gpu_price_usd = 0.0;
                        o.gpu_price_for = g.gpu.clone();
                    } else {
                        o.gpu_price_typed = true;
                    }
                }
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
