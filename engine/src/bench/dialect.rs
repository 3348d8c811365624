//! Tables saved by a spreadsheet in another locale: a CSV separated by semicolons (where
//! the comma is often the decimal mark: "1.234,56") or by tabs (a table copied out of a
//! spreadsheet). They are rewritten as the comma-separated, point-decimal CSV every
//! importer reads, and the import says so.

/// A table rewritten as a comma-separated CSV, and what was done to it.
#[derive(Debug, Clone, PartialEq)]
pub struct Rewritten {
    pub text: String,
    /// For the import's notes: "read as a table separated by semicolons, …".
    pub note: String,
}

/// Rewrites a benchmark file's `text` as [`to_comma_csv`] does, unless the user chose a
/// format that is no CSV; returns the note for its runs.
pub(super) fn rewrite(format: Option<super::Format>, text: &mut String) -> Option<String> {
    if !format.is_none_or(super::Format::is_csv) {
        return None;
    }
    let d = to_comma_csv(text)?;
    *text = d.text;
    Some(d.note)
}

/// `text` as a comma-separated CSV when it is a table separated by semicolons or tabs;
/// `None` when it is not (JSON, a console capture, or already a comma-separated CSV). A
/// table is: a header (the first line that is not blank or a `#` comment) of at least
/// three fields, with more of the separator than of commas outside quotes, and nine in ten
/// of its other lines holding the separator (a report's sections may differ in width and
/// be parted by blank lines). Its numbers are rewritten with a point only when the file
/// writes decimal commas without doubt (see [`decimal_mark`]). Two passes over the text,
/// no copy of its fields: the memory is the text and the rewritten text.
pub fn to_comma_csv(text: &str) -> Option<Rewritten> {
    let content = |l: &&str| !l.trim().is_empty() && !l.trim_start().starts_with('#');
    let first = text.lines().find(content)?;
    if first.trim_start().starts_with(['{', '[', '|']) {
        return None;
    }
    let count = |line: &str, sep: char| unquoted(line).filter(|&c| c == sep).count();
    let commas = count(first, ',');
    let (sep, name) = [(';', "semicolons"), ('\t', "tabs")]
        .into_iter()
        .find(|&(sep, _)| count(first, sep) >= 2 && count(first, sep) > commas)?;
    let (mut lines, mut with_sep) = (0usize, 0usize);
    for l in text.lines().filter(content) {
        lines += 1;
        with_sep += usize::from(count(l, sep) > 0);
    }
    // (A header alone is a table too: it is then refused for having no rows, as such.)
    if with_sep * 10 < lines * 9 {
        return None;
    }
    let mark = decimal_mark(text, sep);
    // No number says its mark, but some read either way ("100.000"): in a table separated
    // by semicolons (a comma-decimal locale's save) the point groups thousands.
    let mark = match mark {
        Mark::Unsure if sep == ';' => Mark::Thousands,
        m => m,
    };
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    let mut field = String::new();
    for_each_field(text, sep, |raw, end| {
        if let Field::Comment(line) = raw {
            out.push_str(line);
            out.push('\n');
            return;
        }
        let Field::Value(f) = raw else { return };
        field.clear();
        let rewrite = matches!(mark, Mark::Comma | Mark::Thousands);
        match comma_number(f).filter(|_| rewrite) {
            Some(n) => field.push_str(&n),
            None => field.push_str(f),
        }
        quote_into(&mut out, &field);
        out.push(if end { '\n' } else { ',' });
    });
    let note = match mark {
        Mark::Comma => format!("read as a table separated by {name}, with decimal commas (\"1.234,5\" is 1234.5), as a spreadsheet in such a locale saves it"),
        Mark::Thousands => format!("read as a table separated by {name}, as a spreadsheet in a comma-decimal locale saves it: a point groups thousands (\"100.000\" is 100000; no number in the file has a decimal mark that only one locale writes)"),
        Mark::Point => format!("read as a table separated by {name}"),
        Mark::Unsure => format!("read as a table separated by {name}; numbers such as \"100.000\" read either way (a hundred, or a hundred thousand where a point groups thousands) and were read with a decimal point: if the file's points group thousands, save it as CSV from a spreadsheet set to that locale, or without the grouping"),
        Mark::Mixed => format!("read as a table separated by {name}; its numbers mix decimal commas and points, so none was rewritten: a number written with a decimal comma (\"511,28\") is not read"),
    };
    Some(Rewritten { text: out, note })
}

#[derive(Clone, Copy, Debug, PartialEq)]
enum Mark {
    /// Decimal commas, and points (if any) only as thousands groups.
    Comma,
    /// Decimal points, or no decimals at all: numbers are left as written.
    Point,
    /// Both without doubt: left as written, and said.
    Mixed,
    /// No number sure of its mark, some that read either way ("100.000", "1,250").
    Unsure,
    /// Points that group thousands ("100.000", "1.234.567"), no decimals.
    Thousands,
}

/// The file's decimal mark, from its fields that can only be read one way: "0,5", "12,25",
/// "1.234,5" are commas; "0.5", "12.25", "1,234.5" are points. "1,024" and "45.125"
/// (three digits after one mark) could be either and decide nothing.
/// Points in two groups or more ("70.965.665") group thousands: a comma is then the
/// decimal mark. A file with no sure mark but numbers that read either way is `Unsure`.
fn decimal_mark(text: &str, sep: char) -> Mark {
    let (mut comma, mut point, mut either) = (false, false, false);
    for_each_field(text, sep, |f, _| {
        if let Field::Value(f) = f {
            match sure_mark(f) {
                Some(',') => comma = true,
                Some(_) => point = true,
                None => either |= reads_either_way(f),
            }
        }
    });
    match (comma, point) {
        (true, false) => Mark::Comma,
        (true, true) => Mark::Mixed,
        (false, true) => Mark::Point,
        (false, false) if either => Mark::Unsure,
        (false, false) => Mark::Point,
    }
}

/// "100.000", "1,250": one mark before three digits, which one locale reads as a
/// fraction and another as thousands.
fn reads_either_way(field: &str) -> bool {
    let f = field.trim().trim_start_matches(['-', '+']);
    let marks = f.matches([',', '.']).count();
    marks == 1
        && f.split_once([',', '.']).is_some_and(|(int, frac)| {
            frac.len() == 3
                && !int.is_empty()
                && int.bytes().all(|b| b.is_ascii_digit())
                && frac.bytes().all(|b| b.is_ascii_digit())
        })
}

/// The decimal mark a number can only have been written with, if any.
fn sure_mark(field: &str) -> Option<char> {
    let f = field.trim().trim_start_matches(['-', '+']);
    if f.is_empty()
        || !f
            .bytes()
            .all(|b| b.is_ascii_digit() || b == b',' || b == b'.')
    {
        return None;
    }
    let (commas, points) = (f.matches(',').count(), f.matches('.').count());
    match (commas, points) {
        // Both: the last one is the decimal mark ("1.234,5", "1,234.5").
        (1.., 1..) => f.rfind([',', '.']).map(|i| f.as_bytes()[i] as char),
        // "70.965.665": points that can only group thousands.
        (0, 2..) if grouped_by(f, '.') => Some(','),
        (2.., 0) if grouped_by(f, ',') => Some('.'),
        (1, 0) | (0, 1) => {
            let mark = if commas == 1 { ',' } else { '.' };
            let (int, frac) = f.split_once(mark)?;
            // Four digits or more before the mark: a grouping would have parted them.
            let sure = frac.len() != 3
                || int.is_empty()
                || int.len() > 3
                || int.bytes().all(|b| b == b'0');
            (sure && !frac.is_empty()).then_some(mark)
        }
        _ => None,
    }
}

/// Whether `f` is digits in groups of three after the first, parted by `mark`.
fn grouped_by(f: &str, mark: char) -> bool {
    let groups: Vec<&str> = f.split(mark).collect();
    (1..=3).contains(&groups[0].len())
        && groups[1..].iter().all(|g| g.len() == 3)
        && groups.iter().all(|g| g.bytes().all(|b| b.is_ascii_digit()))
}

/// A number written with a decimal comma ("12,5", "-0,25", "1.234,5", "1 234,5"), as
/// the point-decimal text importers read ("12.5"); `None` for anything else. In a file of
/// decimal commas, thousands groups alone ("1.234") are read as 1234.
fn comma_number(field: &str) -> Option<String> {
    let f = field.trim();
    let (sign, digits) = match f.strip_prefix(['-', '+']) {
        Some(rest) => (&f[..1], rest),
        None => ("", f),
    };
    let (int, frac) = match digits.split_once(',') {
        Some((i, d)) if !d.is_empty() && d.bytes().all(|b| b.is_ascii_digit()) => (i, Some(d)),
        Some(_) => return None,
        None => (digits, None),
    };
    let groups: Vec<&str> = int.split(['.', ' ', '\u{a0}', '\u{202f}']).collect();
    let grouped = groups.len() > 1
        && (1..=3).contains(&groups[0].len())
        && groups[1..].iter().all(|g| g.len() == 3)
        && groups.iter().all(|g| g.bytes().all(|b| b.is_ascii_digit()));
    let plain = !int.is_empty() && int.bytes().all(|b| b.is_ascii_digit());
    if !(grouped || (plain && frac.is_some())) {
        return None;
    }
    let int: String = groups.concat();
    Some(match frac {
        Some(d) => format!("{sign}{int}.{d}"),
        None => format!("{sign}{int}"),
    })
}

enum Field<'a> {
    Value(&'a str),
    /// A whole `#` line where a record would start: kept as it is.
    Comment(&'a str),
}

/// Calls `f` with each field of `text` split at `sep` (quoted fields may hold the
/// separator, doubled quotes and line breaks; their quotes are removed) and whether it
/// ends its record. Fields are borrowed where they hold no quote.
fn for_each_field(text: &str, sep: char, mut f: impl FnMut(Field<'_>, bool)) {
    let mut buf = String::new();
    let mut rest = text;
    while !rest.is_empty() {
        // A record starts here.
        let line_end = rest.find('\n').map_or(rest.len(), |i| i + 1);
        let line = rest[..line_end].trim_end_matches(['\n', '\r']);
        if line.trim_start().starts_with('#') {
            f(Field::Comment(line), true);
            rest = &rest[line_end..];
            continue;
        }
        loop {
            // One field from `rest`.
            let (value, after, end) = if let Some(q) = rest.strip_prefix('"') {
                buf.clear();
                let mut chars = q.char_indices().peekable();
                let mut close = q.len();
                while let Some((i, c)) = chars.next() {
                    if c == '"' {
                        if chars.peek().map(|(_, c)| *c) == Some('"') {
                            buf.push('"');
                            chars.next();
                        } else {
                            close = i + 1;
                            break;
                        }
                    } else {
                        buf.push(c);
                    }
                }
                // Whatever follows the closing quote up to the separator is kept too.
                let tail = &q[close.min(q.len())..];
                let stop = tail.find([sep, '\n']).unwrap_or(tail.len());
                buf.push_str(tail[..stop].trim_end_matches('\r'));
                let end = !tail[stop..].starts_with(sep);
                let skip = if stop < tail.len() { stop + 1 } else { stop };
                (None, &tail[skip..], end)
            } else {
                let stop = rest.find([sep, '\n']).unwrap_or(rest.len());
                let value = rest[..stop].trim_end_matches('\r');
                let end = !rest[stop..].starts_with(sep);
                let skip = if stop < rest.len() { stop + 1 } else { stop };
                (Some(value), &rest[skip..], end)
            };
            f(Field::Value(value.unwrap_or(&buf)), end);
            rest = after;
            if end {
                break;
            }
        }
    }
}

/// Appends a field as CSV writes it: quoted when it holds a comma, a quote, a line break,
/// a semicolon or a tab (so the rewritten text never reads as such a table again).
fn quote_into(out: &mut String, f: &str) {
    if f.contains([',', '"', '\n', '\r', ';', '\t']) {
        out.push('"');
        out.push_str(&f.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(f);
    }
}

/// Characters of a line outside quotes.
fn unquoted(line: &str) -> impl Iterator<Item = char> + '_ {
    let mut quoted = false;
    line.chars().filter(move |&c| {
        if c == '"' {
            quoted = !quoted;
        }
        !quoted && c != '"'
    })
}

#[cfg(test)]
#[path = "dialect_tests.rs"]
mod tests;
