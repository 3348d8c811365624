//! A downloaded SVG carries its font: the DejaVu Sans the chart was measured with, as an
//! `@font-face` data URL, so its labels fit and read the same on any machine, in any
//! editor that opens it.

use super::paint::FONT;

/// The family name the embedded face is given (not a system font's name, so the embedded
/// one is always the one used).
pub const FAMILY: &str = "Breakeven DejaVu Sans";

fn base64(bytes: &[u8]) -> String {
    const T: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for c in bytes.chunks(3) {
        let n = (u32::from(c[0]) << 16)
            | (u32::from(*c.get(1).unwrap_or(&0)) << 8)
            | u32::from(*c.get(2).unwrap_or(&0));
        for (i, shift) in [18, 12, 6, 0].into_iter().enumerate() {
            if i <= c.len() {
                out.push(char::from(T[(n >> shift) as usize & 63]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// `svg` with the chart font embedded right after its opening tag; unchanged when it has
/// no `<svg` tag.
pub fn with_font(svg: &str) -> String {
    let Some(open) = svg
        .find("<svg")
        .and_then(|i| svg[i..].find('>').map(|j| i + j + 1))
    else {
        return svg.to_string();
    };
    let style = format!(
        "<defs><style>@font-face{{font-family:\"{FAMILY}\";src:url(data:font/ttf;base64,{})format(\"truetype\");}}text{{font-family:\"{FAMILY}\",sans-serif;}}</style></defs>",
        base64(FONT)
    );
    let mut out = String::with_capacity(svg.len() + style.len());
    out.push_str(&svg[..open]);
    out.push_str(&style);
    out.push_str(&svg[open..]);
    out
}

/// The chart font's TrueType bytes (DejaVu Sans), for documents drawn beside the chart.
pub fn font_ttf() -> &'static [u8] {
    super::paint::FONT
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_matches_the_rfc_4648_vectors() {
        for (i, o) in [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("fooba", "Zm9vYmE="),
            ("foobar", "Zm9vYmFy"),
        ] {
            assert_eq!(base64(i.as_bytes()), o);
        }
    }

    #[test]
    fn the_font_goes_inside_the_svg_and_every_text_uses_it() {
        let svg = "<?xml version=\"1.0\"?>\n<svg width=\"10\" height=\"10\" xmlns=\"http://www.w3.org/2000/svg\"><text>a</text></svg>";
        let out = with_font(svg);
        let defs = out.find("<defs>").expect("defs");
        assert!(defs > out.find("<svg").expect("svg") && defs < out.find("<text>").expect("text"));
        assert!(out.contains(&format!(
            "src:url(data:font/ttf;base64,{}",
            &base64(FONT)[..64]
        )));
        assert!(out.contains(&format!("text{{font-family:\"{FAMILY}\"")));
        assert_eq!(with_font("not svg"), "not svg");
    }
}
