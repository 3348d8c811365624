//! A drawn SVG made lighter for the browser to build. plotters writes every grid line as
//! its own `<line>` with its full style, and `opacity="1"` on every element: an edit's
//! chart was ~200 elements, half of them grid lines, and building them is the largest
//! part of showing a new chart. Runs of lines that share their style become one `<path>`
//! (painted the same: opaque strokes, same order), and `opacity="1"` (the default) goes.

/// The coordinates of a `<line>`; everything else is its style.
const ENDS: [&str; 4] = ["x1", "y1", "x2", "y2"];

/// An element's attributes other than its ends, in order: (name, value).
type Style<'a> = Vec<(&'a str, &'a str)>;

/// A `<line .../>` read as (style attributes in order, its two ends), if it is one this
/// can merge: self-closed, every attribute quoted, both ends numbers, fully opaque.
fn line(el: &str) -> Option<(Style<'_>, [f64; 4])> {
    let body = el.strip_prefix("<line")?.strip_suffix("/>")?;
    let mut rest = body.trim();
    let mut style = Vec::new();
    let mut ends = [f64::NAN; 4];
    while !rest.is_empty() {
        let (name, after) = rest.split_once("=\"")?;
        let (value, after) = after.split_once('"')?;
        let name = name.trim();
        match ENDS.iter().position(|e| *e == name) {
            Some(k) => ends[k] = value.parse().ok()?,
            None => style.push((name, value)),
        }
        rest = after.trim_start();
    }
    let opaque = style
        .iter()
        .all(|(n, v)| !matches!(*n, "opacity" | "stroke-opacity") || *v == "1");
    (opaque && ends.iter().all(|x| x.is_finite())).then_some((style, ends))
}

/// The SVG with runs of same-style lines merged into paths and `opacity="1"` dropped.
pub fn compact(svg: &str) -> String {
    let mut out = String::with_capacity(svg.len());
    // The run being merged: its style and its path data.
    let mut run: Option<(Style, String)> = None;
    let flush = |out: &mut String, run: &mut Option<(Style, String)>| {
        if let Some((style, d)) = run.take() {
            out.push_str("<path fill=\"none\"");
            for (n, v) in style.iter().filter(|(n, _)| *n != "opacity") {
                out.push_str(&format!(" {n}=\"{v}\""));
            }
            out.push_str(&format!(" d=\"{d}\"/>"));
        }
    };
    let mut rest = svg;
    while let Some(start) = rest.find('<') {
        let Some(len) = rest[start..].find('>').map(|e| e + 1) else {
            break;
        };
        let (before, el) = (&rest[..start], &rest[start..start + len]);
        match line(el) {
            Some((style, [x1, y1, x2, y2])) => {
                let seg = format!("M{x1} {y1}L{x2} {y2}");
                match &mut run {
                    Some((s, d)) if *s == style && before.trim().is_empty() => d.push_str(&seg),
                    _ => {
                        flush(&mut out, &mut run);
                        out.push_str(before);
                        run = Some((style, seg));
                    }
                }
            }
            None => {
                flush(&mut out, &mut run);
                out.push_str(before);
                out.push_str(&el.replace(" opacity=\"1\"", ""));
            }
        }
        rest = &rest[start + len..];
    }
    flush(&mut out, &mut run);
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runs_of_same_style_lines_become_one_path() {
        let svg = "<svg>\n<rect x=\"0\" opacity=\"1\" fill=\"#FFF\"/>\n\
            <line opacity=\"1\" stroke=\"#ECE\" stroke-width=\"1\" x1=\"129\" y1=\"452\" x2=\"129\" y2=\"53\"/>\n\
            <line opacity=\"1\" stroke=\"#ECE\" stroke-width=\"1\" x1=\"145\" y1=\"452\" x2=\"145.5\" y2=\"53\"/>\n\
            <line opacity=\"1\" stroke=\"#D6D\" stroke-width=\"1\" x1=\"1\" y1=\"2\" x2=\"3\" y2=\"4\"/>\n\
            <text x=\"5\" opacity=\"1\">a &lt; b</text>\n\
            <line opacity=\"1\" stroke=\"#ECE\" stroke-width=\"1\" x1=\"7\" y1=\"8\" x2=\"9\" y2=\"10\"/>\n</svg>";
        let c = compact(svg);
        assert_eq!(
            c,
            "<svg>\n<rect x=\"0\" fill=\"#FFF\"/>\n\
            <path fill=\"none\" stroke=\"#ECE\" stroke-width=\"1\" d=\"M129 452L129 53M145 452L145.5 53\"/>\n\
            <path fill=\"none\" stroke=\"#D6D\" stroke-width=\"1\" d=\"M1 2L3 4\"/>\n\
            <text x=\"5\">a &lt; b</text>\n\
            <path fill=\"none\" stroke=\"#ECE\" stroke-width=\"1\" d=\"M7 8L9 10\"/>\n</svg>"
        );
    }

    #[test]
    fn translucent_or_unreadable_lines_are_left_as_they_are() {
        for el in [
            "<line opacity=\"0.5\" stroke=\"#000\" x1=\"1\" y1=\"2\" x2=\"3\" y2=\"4\"/>",
            "<line stroke=\"#000\" x1=\"1\" y1=\"2\" x2=\"3\"/>",
            "<line stroke=\"#000\" x1=\"a\" y1=\"2\" x2=\"3\" y2=\"4\"/>",
            "<line stroke=\"#000\" x1=\"1\" y1=\"2\" x2=\"3\" y2=\"4\">",
        ] {
            let svg = format!("<svg>{el}{el}</svg>");
            assert_eq!(compact(&svg), svg, "{el}");
        }
    }

    #[test]
    fn a_drawn_chart_keeps_its_text_and_loses_most_elements() {
        let v = engine::validate(engine::templates::haiku_vs_4090()).expect("valid");
        let e = engine::evaluate(&v, Default::default());
        let o = crate::dto::ChartOptions::default();
        let raw = super::super::draw::svg_as_drawn(&v, &e, &o)
            .expect("drawn")
            .svg;
        let svg = super::super::draw::svg(&v, &e, &o).expect("drawn").svg;
        let elements = |s: &str| s.matches('<').count() - 2 * s.matches("</").count();
        assert!(raw.matches("<line").count() > 50, "grid lines drawn");
        assert_eq!(svg.matches("<line").count(), 0);
        assert!(
            elements(&svg) * 2 < elements(&raw),
            "{} elements, against {}",
            elements(&svg),
            elements(&raw)
        );
        let text = |s: &str| {
            s.split('<')
                .filter(|t| t.starts_with("text"))
                .map(|t| t.split_once('>').map_or("", |x| x.1).trim().to_string())
                .collect::<Vec<_>>()
        };
        assert_eq!(text(&svg), text(&raw), "every label kept, in order");
        assert!(!svg.contains("opacity=\"1\""));
        assert!(svg.len() < raw.len());
    }
}
