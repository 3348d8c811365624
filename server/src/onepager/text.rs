//! Text on the one-pager: the chart's own font (DejaVu Sans, embedded and subset by
//! krilla), measured with its advance widths so lines wrap inside the page.

use std::sync::{Arc, OnceLock};

/// The embedded font, loaded once.
pub(super) fn font() -> Option<krilla::text::Font> {
    static FONT: OnceLock<Option<krilla::text::Font>> = OnceLock::new();
    FONT.get_or_init(|| {
        let bytes: Arc<Vec<u8>> = Arc::new(app::charts::embed::font_ttf().to_vec());
        krilla::text::Font::new(bytes.into(), 0)
    })
    .clone()
}

/// Advance widths of the font, per em, by character (looked up once per character).
pub(super) struct Metrics {
    face: ttf_parser::Face<'static>,
}

impl Metrics {
    pub fn new() -> Option<Metrics> {
        let face = ttf_parser::Face::parse(app::charts::embed::font_ttf(), 0).ok()?;
        Some(Metrics { face })
    }

    /// Width of `text` at `size` points.
    pub fn width(&self, text: &str, size: f32) -> f32 {
        let upem = f32::from(self.face.units_per_em());
        let units: f32 = text
            .chars()
            .map(|c| {
                self.face
                    .glyph_index(c)
                    .and_then(|g| self.face.glyph_hor_advance(g))
                    .map_or(upem * 0.6, f32::from)
            })
            .sum();
        units / upem * size
    }

    /// `text` broken into lines no wider than `max` points at `size`, at spaces; a word
    /// wider than a line is cut.
    pub fn wrap(&self, text: &str, size: f32, max: f32) -> Vec<String> {
        let mut lines = Vec::new();
        let mut line = String::new();
        for word in text.split_whitespace() {
            let candidate = if line.is_empty() {
                word.to_string()
            } else {
                format!("{line} {word}")
            };
            if self.width(&candidate, size) <= max {
                line = candidate;
                continue;
            }
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
            }
            let mut rest = word.to_string();
            while self.width(&rest, size) > max {
                let mut cut = String::new();
                for c in rest.chars() {
                    if self.width(&format!("{cut}{c}"), size) > max && !cut.is_empty() {
                        break;
                    }
                    cut.push(c);
                }
                rest = rest[cut.len()..].to_string();
                lines.push(cut);
            }
            line = rest;
        }
        if !line.is_empty() {
            lines.push(line);
        }
        lines
    }
}

#[cfg(test)]
mod tests {
    use super::Metrics;

    #[test]
    fn lines_fit_and_keep_every_word() {
        let m = Metrics::new().expect("font");
        let text = "Self-host RTX 4090 + Llama 3.1 8B: it costs $930.16 a month, $469.84 less than Claude Haiku 4.5 at today's volume.";
        let lines = m.wrap(text, 11.0, 200.0);
        assert!(lines.len() >= 3, "{lines:?}");
        for l in &lines {
            assert!(m.width(l, 11.0) <= 200.0, "{l}");
        }
        assert_eq!(lines.join(" "), text);
        // A word longer than a line is cut, not dropped.
        let long = "x".repeat(200);
        let cut = m.wrap(&long, 10.0, 50.0);
        assert_eq!(cut.concat(), long);
        assert!(m.width("WWW", 10.0) > m.width("iii", 10.0));
    }
}
