//! What the charts write around their plots: the key under the plot, in rows (it covers
//! no bar, curve or label), and labels fitted to the room they have.

use super::cut::{
    closes_unopened, no_cut_number, opens_unclosed, whole_words_head, whole_words_tail,
};
use super::paint::{err, font};
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

/// How a key entry shows its colour: a line (the line charts) or a block (the bars).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Swatch {
    Line,
    Block,
}

pub(super) struct Entry<'a> {
    pub name: &'a str,
    pub color: RGBColor,
    pub swatch: Swatch,
}

/// A key laid out under the plot: each entry's left edge (pixels), first row and lines
/// (a name wider than the chart is wrapped, never cut off at its edge).
pub(super) struct Key {
    at: Vec<(f64, f64)>,
    lines: Vec<Vec<String>>,
    row_h: f64,
    /// The key's height (pixels), with the gap above it; 0 without entries.
    pub height: f64,
}

/// The width of `text` in `style` as the chart's font lays it out (an estimate from the
/// character count if the font cannot tell).
pub(super) fn text_width<DB: DrawingBackend, CT: plotters::coord::CoordTranslate>(
    root: &DrawingArea<DB, CT>,
    text: &str,
    style: &TextStyle<'_>,
) -> f64 {
    root.estimate_text_size(text, style).map_or(
        0.55 * style.font.get_size() * text.chars().count() as f64,
        |(w, _)| f64::from(w),
    )
}

/// Lays out the entries left to right from the plot's left edge, wrapping at the
/// chart's right margin. A name too wide for a whole row gets rows of its own, broken at
/// spaces (at most three; only a third that still does not fit is shortened). When that
/// would take more than a third of the chart's height (many long names), each name keeps
/// to one row, shortened in its middle, so the plot keeps its room (a key of more names
/// than rows in a third still takes what one row each needs).
pub(super) fn layout<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    entries: &[Entry<'_>],
    s: f64,
) -> Key {
    let style = font(14.0, s);
    let measure = |t: &str| text_width(root, t, &style);
    let (width, height) = root.dim_in_pixel();
    let third = f64::from(height) / 3.0;
    let wrapped = arrange(entries, f64::from(width), s, (3, 1), &measure);
    if wrapped.height <= third {
        return wrapped;
    }
    // One row each, then (still over a third: six long names or more) two or three to
    // a row, each shortened to its share of the row.
    let mut key = arrange(entries, f64::from(width), s, (1, 1), &measure);
    for per_row in 2..=3 {
        if key.height <= third {
            break;
        }
        key = arrange(entries, f64::from(width), s, (1, per_row), &measure);
    }
    key
}

/// [`layout`] with names of at most `lines` lines, each at most a `per_row` share of
/// the row wide.
fn arrange(
    entries: &[Entry<'_>],
    width: f64,
    s: f64,
    (max_lines, per_row): (usize, usize),
    measure: &dyn Fn(&str) -> f64,
) -> Key {
    let (left, right) = (100.0 * s, width - 16.0 * s);
    let n = per_row as f64;
    // Each entry's share: its swatch (30), its name, and the gap before the next (24).
    // (A pixel to spare when shared, so rounding does not push one to the next row.)
    let spare = if per_row > 1 { 1.0 } else { 0.0 };
    let room = ((right - left + 24.0 * s) / n - 54.0 * s - spare).max(40.0 * s);
    let (mut x, mut row) = (left, 0.0);
    let mut lines = Vec::with_capacity(entries.len());
    let mut at = Vec::with_capacity(entries.len());
    for e in entries {
        let text = if measure(e.name) > room {
            wrap(e.name, room, max_lines, measure)
        } else {
            vec![e.name.to_string()]
        };
        let w = 30.0 * s + text.iter().map(|l| measure(l)).fold(0.0, f64::max);
        if x > left && (x + w > right || text.len() > 1) {
            (x, row) = (left, row + 1.0);
        }
        at.push((x, row));
        if text.len() > 1 {
            // The next entry starts on the row after this one's last line.
            (x, row) = (right, row + text.len() as f64 - 1.0);
        } else {
            x += w + 24.0 * s;
        }
        lines.push(text);
    }
    let row_h = 22.0 * s;
    let rows = at
        .iter()
        .zip(&lines)
        .map(|(a, l)| a.1 + l.len() as f64)
        .fold(0.0, f64::max);
    let height = if at.is_empty() {
        0.0
    } else {
        rows * row_h + 10.0 * s
    };
    Key {
        at,
        lines,
        row_h,
        height,
    }
}

/// Splits the chart into the plot's area and the key's (at most half the height).
pub(super) fn split<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    key: &Key,
) -> (DrawingArea<DB, Shift>, DrawingArea<DB, Shift>) {
    let h = f64::from(root.dim_in_pixel().1);
    root.split_vertically((h - key.height).max(h / 2.0) as u32)
}

/// Draws the key laid out by [`layout`] into its area.
pub(super) fn draw<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    entries: &[Entry<'_>],
    key: &Key,
    s: f64,
) -> Result<(), String> {
    for ((e, (x, row)), lines) in entries.iter().zip(&key.at).zip(&key.lines) {
        let y = (row * key.row_h + key.row_h / 2.0) as i32;
        let x = *x as i32;
        match e.swatch {
            Swatch::Line => area.draw(&PathElement::new(
                vec![(x, y), (x + (22.0 * s) as i32, y)],
                e.color.stroke_width((3.0 * s) as u32),
            )),
            Swatch::Block => area.draw(&Rectangle::new(
                [
                    (x + (4.0 * s) as i32, y - (7.0 * s) as i32),
                    (x + (18.0 * s) as i32, y + (7.0 * s) as i32),
                ],
                e.color.filled(),
            )),
        }
        .map_err(err)?;
        for (k, line) in lines.iter().enumerate() {
            area.draw(&Text::new(
                line.clone(),
                (x + (30.0 * s) as i32, y + (k as f64 * key.row_h) as i32),
                font(14.0, s).pos(Pos::new(HPos::Left, VPos::Center)),
            ))
            .map_err(err)?;
        }
    }
    Ok(())
}

/// `text` shortened to fit `room` pixels. A label "owner: what" (split at its last ": ",
/// as an owner's name may hold one: "(article: 80 tok/s)") keeps "what" whole and
/// shortens the owner in its middle ("2x A100 80GB (...on demand): $/GPU-hour"), where
/// names that share a start still differ; where even that is too wide, "what" drops its
/// range in brackets; any other text is shortened in its middle.
pub(super) fn fit(text: &str, room: f64, width: &dyn Fn(&str) -> f64) -> String {
    if width(text) <= room {
        return text.to_string();
    }
    let (owner, rest) = match text.rsplit_once(": ") {
        Some((o, r)) if width(&format!("...: {r}")) < room => (o, format!(": {r}")),
        // Too narrow (a phone) for what it measures and its range: what it measures
        // alone, never its range without it ("Agentic...: output tokens/call").
        Some((o, r)) => match without_range(r) {
            Some(what) if width(&format!("...: {what}")) < room => (o, format!(": {what}")),
            _ => (text, String::new()),
        },
        _ => (text, String::new()),
    };
    let chars: Vec<char> = owner.chars().collect();
    // Fewer characters until it fits; half from the start, half from the end.
    for keep in (1..chars.len()).rev() {
        let head = keep.div_ceil(2);
        let tail = keep - head;
        // No dot or space beside the "...": "3.1" cut after its "3." would read "3....".
        let edge = |c: char| c == '.' || c.is_whitespace();
        let head_s: String = chars[..head].iter().collect();
        let tail_s: String = chars[chars.len() - tail..].iter().collect();
        // A number is never cut ("RTX 409...", "...90"): its word goes whole or not at all.
        let head_cut = chars.get(head).is_some_and(|c| !c.is_whitespace());
        let tail_cut = tail > 0 && !chars[chars.len() - tail - 1].is_whitespace();
        let head_s = no_cut_number(head_s, head_cut, false);
        let tail_s = no_cut_number(tail_s, tail_cut, true);
        let (head_w, tail_w) = (
            whole_words_head(&head_s).trim_end_matches(edge),
            whole_words_tail(&tail_s).trim_start_matches(edge),
        );
        // A bracket whose opening was cut keeps it: "2x A100 (...on demand)", not
        // "2x A100...on demand)".
        let open = if opens_unclosed(head_w) || !closes_unopened(tail_w) {
            ""
        } else {
            " ("
        };
        let candidate = format!("{head_w}{open}...{tail_w}{rest}");
        if width(&candidate) <= room {
            return candidate;
        }
    }
    format!("...{rest}")
}

/// A sensitivity label's "what" without the range that ends it: "input tokens/call" of
/// "input tokens/call (600 .. 1,000 tokens/call)". Only a bracket at the end holding
/// " .. " is a range: "(USD)" or "(spot)" are not.
fn without_range(what: &str) -> Option<&str> {
    let (bare, range) = what.strip_suffix(')')?.rsplit_once(" (")?;
    range.contains(" .. ").then_some(bare)
}

/// A title or an axis' description fitted to the width of `area` (less `margin` pixels):
/// whole; else without its closing aside in brackets ("What moves the monthly saving",
/// "month"), which a phone's chart has no room for; else whole all the same (a heading
/// cut in its middle reads worse than one a few pixels over).
pub(super) fn fit_heading<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    text: &str,
    style: &TextStyle<'_>,
    margin: f64,
) -> String {
    let room = f64::from(area.dim_in_pixel().0) - margin;
    let width = |t: &str| text_width(area, t, style);
    if width(text) <= room {
        return text.to_string();
    }
    match text.strip_suffix(')').and_then(|t| t.rsplit_once(" (")) {
        Some((bare, _)) => bare.to_string(),
        None => text.to_string(),
    }
}

/// Labels fitted to `room` as [`fit`] fits one, an owner shortened the same way in each
/// of its labels (to the room its longest "what" leaves), so "2x A100 (...on demand)" reads
/// the same on every row of that configuration.
pub(super) fn fit_all(labels: &[String], room: f64, width: &dyn Fn(&str) -> f64) -> Vec<String> {
    let split = |l: &str| {
        l.rsplit_once(": ")
            .map(|(o, r)| (o.to_string(), format!(": {r}")))
    };
    labels
        .iter()
        .map(|l| {
            let Some((owner, rest)) = split(l) else {
                return fit(l, room, width);
            };
            if width(l) <= room {
                // Fits whole here; shortened only where another label of its owner is.
                let others = labels
                    .iter()
                    .filter_map(|x| split(x))
                    .filter(|(o, _)| *o == owner);
                if others
                    .clone()
                    .all(|(_, r)| width(&format!("{owner}{r}")) <= room)
                {
                    return l.clone();
                }
            }
            // The owner's shortest form among its labels, then this label's own rest.
            let widest_rest = labels
                .iter()
                .filter_map(|x| split(x))
                .filter(|(o, _)| *o == owner)
                .map(|(_, r)| r)
                .max_by(|a, b| width(a).total_cmp(&width(b)))
                .unwrap_or_else(|| rest.clone());
            let short = fit(&format!("{owner}{widest_rest}"), room, width);
            if let Some(o) = short.strip_suffix(&widest_rest) {
                return format!("{o}{rest}");
            }
            // Too narrow for the ranges (a phone): every label of this owner drops its
            // range, and the owner is shortened once, against the widest of the rest.
            let bare = |r: &str| without_range(r).unwrap_or(r).to_string();
            let widest_bare = labels
                .iter()
                .filter_map(|x| split(x))
                .filter(|(o, _)| *o == owner)
                .map(|(_, r)| bare(&r))
                .max_by(|a, b| width(a).total_cmp(&width(b)))
                .unwrap_or_else(|| bare(&rest));
            let short = fit(&format!("{owner}{widest_bare}"), room, width);
            match short.strip_suffix(&widest_bare) {
                Some(o) if width(&format!("{o}{}", bare(&rest))) <= room => {
                    format!("{o}{}", bare(&rest))
                }
                _ => fit(l, room, width),
            }
        })
        .collect()
}

/// `text` in at most `lines` lines of `room` pixels, broken at spaces; a word wider than
/// the room is shortened on a line of its own ([`fit`]), and what does not fit in the
/// last line is shortened there. Always at least one line (a blank name gives one blank
/// line, so its entry keeps its row).
pub(super) fn wrap(
    text: &str,
    room: f64,
    lines: usize,
    width: &dyn Fn(&str) -> f64,
) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let words: Vec<&str> = text.split_whitespace().collect();
    let mut i = 0;
    while i < words.len() && out.len() + 1 < lines.max(1) {
        let mut line = words[i].to_string();
        i += 1;
        while i < words.len() && width(&format!("{line} {}", words[i])) <= room {
            line = format!("{line} {}", words[i]);
            i += 1;
        }
        // Only a single word can be wider than the room here.
        out.push(fit(&line, room, width));
    }
    if i < words.len() {
        out.push(fit(&words[i..].join(" "), room, width));
    }
    if out.is_empty() {
        out.push(String::new());
    }
    out
}

/// Names wrapped as [`wrap`] wraps one, in two lines, except that a name which must be
/// shortened and shares its first words with another keeps the words that tell it apart
/// whole on its own line ("RTX 4090 + Llama..." over "(bench: 1,234 tok/s)"), rather
/// than cutting both names' ends alike.
pub(super) fn wrap_apart(
    names: &[String],
    room: f64,
    width: &dyn Fn(&str) -> f64,
) -> Vec<Vec<String>> {
    let words: Vec<Vec<&str>> = names
        .iter()
        .map(|n| n.split_whitespace().collect())
        .collect();
    names
        .iter()
        .enumerate()
        .map(|(i, name)| {
            let plain = wrap(name, room, 2, width);
            if !plain.iter().any(|l| l.contains("...")) {
                return plain;
            }
            // The most first words it shares with another name.
            let shared = words
                .iter()
                .enumerate()
                .filter(|(j, _)| *j != i)
                .map(|(_, w)| w.iter().zip(&words[i]).take_while(|(a, b)| a == b).count())
                .max()
                .unwrap_or(0);
            if shared == 0 || shared >= words[i].len() {
                return plain;
            }
            let (head, tail) = words[i].split_at(shared);
            vec![
                fit(&head.join(" "), room, width),
                fit(&tail.join(" "), room, width),
            ]
        })
        .collect()
}

#[cfg(test)]
#[path = "key_tests.rs"]
mod tests;
