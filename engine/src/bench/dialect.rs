//! Tables saved by a spreadsheet in another locale: a CSV separated by semicolons (where
//! the comma is the decimal mark: "1.234,56") or by tabs (a table copied out of a
//! spreadsheet). They are rewritten as the comma-separated, point-decimal CSV every
//! importer reads, and the import says so.

use super::common::csv_records_by;

/// A table rewritten as a comma-separated CSV, and what was done to it.
#[derive(Debug, Clone, PartialEq)]
pub struct Rewritten {
    pub text: String,
    /// For the import's notes: "read as a table separated by semicolons, …".
    pub note: String,
}

/// `text` as a comma-separated, point-decimal CSV when it is a table separated by
/// semicolons or tabs; `None` when it is not (JSON, a console capture, or already a
/// comma-separated CSV). A table is: a header of at least three fields, with more of the
/// separator than of commas outside quotes, and nine in ten of its non-empty lines holding
/// the separator (a report's sections may differ in width and be parted by blank lines).
pub fn to_comma_csv(text: &str) -> Option<Rewritten> {
    let first = text.lines().find(|l| !l.trim().is_empty())?;
    if first.trim_start().starts_with(['{', '[', '|', '#']) {
        return None;
    }
    let count = |sep: char| unquoted(first).filter(|&c| c == sep).count();
    let commas = count(',');
    let (sep, name) = [(';', "semicolons"), ('\t', "tabs")]
        .into_iter()
        .find(|&(sep, _)| count(sep) >= 2 && count(sep) > commas)?;
    // Most lines hold the separator (a section's title or a blank line may not).
    let lines: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
    let with_sep = lines
        .iter()
        .filter(|l| unquoted(l).any(|c| c == sep))
        .count();
    if lines.len() < 2 || with_sep * 10 < lines.len() * 9 {
        return None;
    }
    let rows = csv_records_by(text, sep);
    let decimal_comma = rows.iter().flatten().any(|f| comma_number(f).is_some());
    let mut out = String::with_capacity(text.len());
    for row in &rows {
        let fields: Vec<String> = row
            .iter()
            .map(|f| {
                let f = if decimal_comma {
                    comma_number(f).unwrap_or_else(|| f.clone())
                } else {
                    f.clone()
                };
                quote(&f)
            })
            .collect();
        out.push_str(&fields.join(","));
        out.push('\n');
    }
    let note = if decimal_comma {
        format!("read as a table separated by {name}, with decimal commas (\"1.234,5\" is 1234.5), as a spreadsheet in such a locale saves it")
    } else {
        format!("read as a table separated by {name}")
    };
    Some(Rewritten { text: out, note })
}

/// The characters of a line that are outside quotes.
fn unquoted(line: &str) -> impl Iterator<Item = char> + '_ {
    let mut quoted = false;
    line.chars().filter(move |&c| {
        if c == '"' {
            quoted = !quoted;
        }
        !quoted && c != '"'
    })
}

/// A number written with a decimal comma ("12,5", "-0,25", "1.234,5", "1 234,5"), as
/// the point-decimal text importers read ("12.5"); `None` for anything else. A field with
/// thousands groups but no decimals ("1.234") is a number only beside decimal commas, so
/// it is read as 1234 here too.
fn comma_number(field: &str) -> Option<String> {
    let f = field.trim();
    let (sign, digits) = match f.strip_prefix(['-', '+']) {
        Some(rest) => (&f[..1], rest),
        None => ("", f),
    };
    let (int, frac) = match digits.split_once(',') {
        Some((i, d)) if !d.is_empty() && d.chars().all(|c| c.is_ascii_digit()) => (i, Some(d)),
        Some(_) => return None,
        None => (digits, None),
    };
    let groups: Vec<&str> = int.split(['.', ' ', '\u{a0}', '\u{202f}']).collect();
    let grouped = groups.len() > 1
        && (1..=3).contains(&groups[0].len())
        && groups[1..].iter().all(|g| g.len() == 3)
        && groups.iter().all(|g| g.chars().all(|c| c.is_ascii_digit()));
    let plain = !int.is_empty() && int.chars().all(|c| c.is_ascii_digit());
    if !(grouped || (plain && frac.is_some())) {
        return None;
    }
    let int: String = groups.concat();
    Some(match frac {
        Some(d) => format!("{sign}{int}.{d}"),
        None => format!("{sign}{int}"),
    })
}

/// A field as CSV writes it: quoted when it holds a comma, a quote or a line break.
fn quote(f: &str) -> String {
    if f.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", f.replace('"', "\"\""))
    } else {
        f.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimal_commas_become_points_and_groups_go() {
        assert_eq!(comma_number("12,5").as_deref(), Some("12.5"));
        assert_eq!(comma_number("-0,25").as_deref(), Some("-0.25"));
        assert_eq!(comma_number("1.234,5").as_deref(), Some("1234.5"));
        assert_eq!(comma_number("1 234 567,0").as_deref(), Some("1234567.0"));
        assert_eq!(comma_number("1.234").as_deref(), Some("1234"));
        for not in [
            "12",
            "abc",
            "1,2,3",
            "12,",
            "1.23,4",
            "v1,5x",
            "",
            "2025-01-01",
        ] {
            assert_eq!(comma_number(not), None, "{not}");
        }
    }

    #[test]
    fn a_semicolon_table_is_rewritten_with_its_quotes_kept() {
        let t = "model;avg_ts;note\n\"llama; 8B\";1.234,5;\"say \"\"hi\"\", ok\"\nqwen;12,25;\n";
        let r = to_comma_csv(t).expect("a table");
        assert_eq!(
            r.text,
            "model,avg_ts,note\nllama; 8B,1234.5,\"say \"\"hi\"\", ok\"\nqwen,12.25,\n"
        );
        assert!(
            r.note.contains("semicolons") && r.note.contains("decimal commas"),
            "{}",
            r.note
        );
    }

    #[test]
    fn points_stay_where_no_field_has_a_decimal_comma() {
        let r = to_comma_csv("a\tb\tc\n1.5\t2\tx\n").expect("a table");
        assert_eq!(r.text, "a,b,c\n1.5,2,x\n");
        assert!(!r.note.contains("decimal"), "{}", r.note);
    }

    #[test]
    fn what_is_not_such_a_table_is_left_alone() {
        for t in [
            "a,b,c\n1,2,3\n",
            "{\"a\": \"x;y;z\"}",
            "| model | size | test |\n| --- | --- | --- |",
            "INFO: throughput; tokens; x\nsomething else entirely\n",
            "a;b;c\n",
            "a;b\n1;2\n",
        ] {
            assert_eq!(to_comma_csv(t), None, "{t}");
        }
    }
}
