//! A number as people type it into a field: "1,000,000", "1 000 000" (a space, a
//! no-break or a thin space between thousands), "12,34,567" (Indian grouping), "0.92",
//! "-3", "1e6". A separator that does not sit between groups of digits is a mistake, not
//! something to drop: "0,92" is a decimal comma, and reading it as 92 (a rate 100 times
//! off) would be a silent wrong number.
//!
//! A shorthand for thousands, millions and billions is read: "500k" is 500,000, "1.5M"
//! 1,500,000 ("m" too: finance writes "$5m"), "2B" or "2bn" 2,000,000,000. The field
//! then says how it read it ("read as 1,500,000"), so a slip shows before it counts.
//!
//! One reading is ambiguous: "10,500" is ten thousand five hundred here (a comma between
//! groups of three digits is a thousands separator, as in English), though in a decimal-
//! comma locale it means 10.5. Every figure that depends on the field then moves by a
//! factor of 1,000, which the live numbers beside it show at once; README says the rule.

/// Characters that may separate groups of digits.
fn is_separator(c: char) -> bool {
    matches!(
        c,
        ',' | ' ' | '\u{a0}' | '\u{202f}' | '\u{2009}' | '\'' | '_'
    )
}

const NOT_A_NUMBER: &str = "enter a number";
const DECIMAL_COMMA: &str =
    "use a point for decimals (0.92); a comma goes only between thousands (1,000)";
const GROUPS: &str =
    "a separator goes only between groups of three digits (1,000,000 or 1 000 000)";

/// The shorthands read, longest first, with the power of ten each stands for.
const SHORTHANDS: [(&str, i32); 10] = [
    ("bn", 9),
    ("Bn", 9),
    ("BN", 9),
    // Finance's "MM" for a million.
    ("MM", 6),
    ("k", 3),
    ("K", 3),
    ("m", 6),
    ("M", 6),
    ("b", 9),
    ("B", 9),
];

/// `text` without its shorthand ("1.5M" -> "1.5", 6), if it ends in one after a number.
fn shorthand(text: &str) -> Option<(&str, i32)> {
    let t = text.trim();
    SHORTHANDS.iter().find_map(|(tail, power)| {
        let head = t.strip_suffix(tail)?.trim_end();
        let plain = head.trim_start_matches(['-', '+']);
        plain
            .starts_with(|c: char| c.is_ascii_digit() || c == '.')
            .then_some((head, *power))
    })
}

/// How a shorthand was read, for the field to say ("read as 1,500,000"); `None` for a
/// number written in full or no number.
pub fn shorthand_reading(text: &str) -> Option<String> {
    shorthand(text)?;
    let v = parse_number(text).ok()?;
    Some(format!("read as {}", every_digit(v)))
}

/// `v` with its thousands grouped and every decimal it has: "1,234.5", never rounded
/// ("1.2345k" is read as 1,234.5, and the field says so).
fn every_digit(v: f64) -> String {
    let plain = format!("{}", v.abs());
    if plain.contains(['e', 'E']) {
        return engine::fmt::fmt_num(v);
    }
    let (whole, frac) = plain.split_once('.').unwrap_or((&plain, ""));
    let mut grouped = String::new();
    for (k, c) in whole.chars().enumerate() {
        if k > 0 && (whole.len() - k) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(c);
    }
    let sign = if v < 0.0 { "-" } else { "" };
    match frac {
        "" => format!("{sign}{grouped}"),
        f => format!("{sign}{grouped}.{f}"),
    }
}

/// The value of `text`, or why it is not one, in words for the field.
pub fn parse_number(text: &str) -> Result<f64, &'static str> {
    let v = read_number(text).map_err(|why| with_unit(text).unwrap_or(why))?;
    // "1e-400" is no zero: a number too small for any field says so.
    let mantissa = text.trim().split(['e', 'E']).next().unwrap_or("");
    if v == 0.0 && mantissa.bytes().any(|b| (b'1'..=b'9').contains(&b)) {
        return Err("too small to be read (it would be 0): enter a number above 1e-300");
    }
    Ok(v)
}

/// Why a number written with its currency or unit ("$0.44", "0.44/h", "30%") is refused:
/// the field takes the number alone. `None` when the text is no number that way either.
fn with_unit(text: &str) -> Option<&'static str> {
    let t = text.trim();
    let currency = ['$', '€', '£', '¥'];
    // "1/2" is a fraction, not a number with a unit.
    let (head, per) = t.split_once('/').unwrap_or((t, ""));
    if per.trim_start().starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let (sign, head) = match head.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", head),
    };
    let bare = head
        .trim()
        .trim_start_matches(currency)
        .trim_end_matches(currency)
        .trim_end_matches('%')
        .trim();
    let bare = format!("{sign}{bare}");
    if bare == t || read_number(&bare).is_err() {
        return None;
    }
    Some(if t.contains(currency) {
        "type the number alone, without the currency sign: the unit is beside the field"
    } else if t.ends_with('%') {
        "type the number alone, without %: the unit is beside the field (a share is 0.3 for 30%)"
    } else {
        "type the number alone, without a unit such as /h: the unit is beside the field"
    })
}

fn read_number(text: &str) -> Result<f64, &'static str> {
    match shorthand(text) {
        // The power goes on as an exponent so that "1.1k" is 1100, not 1100.0000000000002.
        Some((head, power)) => {
            let plain = full_number(head)?;
            let v = if plain.contains(['e', 'E']) {
                plain.parse::<f64>().map_err(|_| NOT_A_NUMBER)? * 10f64.powi(power)
            } else {
                format!("{plain}e{power}")
                    .parse::<f64>()
                    .map_err(|_| NOT_A_NUMBER)?
            };
            finite(v)
        }
        None => full_number(text)
            .and_then(|plain| finite(plain.parse::<f64>().map_err(|_| NOT_A_NUMBER)?)),
    }
}

fn finite(v: f64) -> Result<f64, &'static str> {
    if v.is_finite() {
        Ok(v)
    } else {
        // A number too large for any field (1e400) is not "not a number".
        Err("too large: no field takes a number this size")
    }
}

/// `text` as Rust reads a number (no separators), or why it is none.
fn full_number(text: &str) -> Result<String, &'static str> {
    let t = text.trim();
    let plain = if t.chars().any(is_separator) {
        ungroup(t)?
    } else {
        t.to_string()
    };
    // Rust reads "nan", "inf" and "infinity" as numbers; no field takes them.
    if plain
        .chars()
        .any(|c| c.is_ascii_alphabetic() && !matches!(c, 'e' | 'E'))
    {
        return Err(NOT_A_NUMBER);
    }
    plain
        .parse::<f64>()
        .map(|_| plain.clone())
        .map_err(|_| NOT_A_NUMBER)
}

/// `t` without the separators of its whole part, if they separate its digits in groups.
fn ungroup(t: &str) -> Result<String, &'static str> {
    let (sign, rest) = match t.strip_prefix(['-', '+']) {
        Some(r) => (&t[..1], r),
        None => ("", t),
    };
    let end = rest.find(['.', 'e', 'E']).unwrap_or(rest.len());
    let (whole, tail) = rest.split_at(end);
    if tail.chars().any(is_separator) {
        // "1.000,5" is a decimal comma; "1e3,000" is no number at all.
        return Err(if tail.starts_with(['e', 'E']) {
            NOT_A_NUMBER
        } else if tail.contains(',') {
            DECIMAL_COMMA
        } else {
            GROUPS
        });
    }
    let mut kinds: Vec<char> = whole.chars().filter(|c| is_separator(*c)).collect();
    kinds.dedup();
    let groups: Vec<&str> = whole.split(is_separator).collect();
    let digits = |g: &str| !g.is_empty() && g.bytes().all(|b| b.is_ascii_digit());
    let (first, others) = groups.split_first().ok_or(NOT_A_NUMBER)?;
    let thousands = others.iter().all(|g| g.len() == 3);
    // Lakh and crore: 12,34,567 (twos, then the last three).
    let indian = others.split_last().is_some_and(|(last, twos)| {
        last.len() == 3 && !twos.is_empty() && twos.iter().all(|g| g.len() == 2) && first.len() <= 2
    });
    let grouped = kinds.len() == 1
        && groups.iter().all(|g| digits(g))
        && (1..=3).contains(&first.len())
        && *first != "0"
        && (thousands || indian);
    if grouped {
        return Ok(format!("{sign}{}{tail}", groups.concat()));
    }
    let decimal_comma =
        kinds == [','] && groups.len() == 2 && groups.iter().all(|g| digits(g)) && tail.is_empty();
    Err(if decimal_comma {
        DECIMAL_COMMA
    } else if groups.iter().all(|g| digits(g)) {
        GROUPS
    } else {
        NOT_A_NUMBER
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_shorthand_is_read_and_says_how() {
        for (text, v) in [
            ("500k", 500_000.0),
            ("1.5M", 1_500_000.0),
            ("2 m", 2_000_000.0),
            ("1,000K", 1_000_000.0),
            ("1.1k", 1_100.0),
            ("0.3M", 300_000.0),
            ("2bn", 2e9),
            ("2B", 2e9),
            ("-1.5k", -1_500.0),
            (".5k", 500.0),
            ("1e3k", 1e6),
        ] {
            assert_eq!(parse_number(text), Ok(v), "{text:?}");
        }
        assert_eq!(
            shorthand_reading("1.5M").as_deref(),
            Some("read as 1,500,000")
        );
        assert_eq!(shorthand_reading("1500000"), None);
        assert_eq!(
            shorthand_reading("1.2345k").as_deref(),
            Some("read as 1,234.5")
        );
        assert_eq!(
            shorthand_reading("-2.5k").as_deref(),
            Some("read as -2,500")
        );
        assert_eq!(shorthand_reading("0.5k").as_deref(), Some("read as 500"));
        for text in ["2Bn", "2BN", "2bn"] {
            assert_eq!(parse_number(text), Ok(2e9), "{text:?}");
        }
        assert_eq!(parse_number("1.5MM"), Ok(1.5e6));
        assert_eq!(
            shorthand_reading("1,5M"),
            None,
            "a decimal comma is refused"
        );
        assert_eq!(parse_number("1,5M"), Err(DECIMAL_COMMA));
        for text in ["k", "M", "1e6k5", "abc", "kM", "1kk", "1k k", "1e400M"] {
            assert!(parse_number(text).is_err(), "{text:?}");
        }
        assert_eq!(parse_number("k"), Err(NOT_A_NUMBER));
    }

    #[test]
    fn grouped_numbers_read_as_people_write_them() {
        for (text, v) in [
            ("1,000,000", 1e6),
            ("1 000 000", 1e6),
            ("1\u{a0}000\u{a0}000", 1e6),
            ("1\u{202f}000", 1e3),
            ("1'000'000", 1e6),
            ("12,34,567", 1_234_567.0),
            ("1,000.5", 1000.5),
            ("-2,500", -2500.0),
            (" 0.92 ", 0.92),
            ("1e6", 1e6),
            ("450", 450.0),
            ("+3", 3.0),
        ] {
            assert_eq!(parse_number(text), Ok(v), "{text:?}");
        }
    }

    #[test]
    fn a_separator_out_of_place_is_refused_never_dropped() {
        // The decimal comma: read as 92 it would make a rate 100 times off.
        for text in ["0,92", "1,5", "0,920", "3,14"] {
            assert_eq!(parse_number(text), Err(DECIMAL_COMMA), "{text:?}");
        }
        for text in ["1,00", "10,0000", "1 00 000 0", "1,000 000", "1.000,5"] {
            assert!(
                parse_number(text).is_err(),
                "{text:?}: {:?}",
                parse_number(text)
            );
        }
        assert_eq!(parse_number("1.000.000"), Err(NOT_A_NUMBER));
        assert_eq!(parse_number("lots"), Err(NOT_A_NUMBER));
        assert_eq!(parse_number(""), Err(NOT_A_NUMBER));
        assert_eq!(parse_number("1,5x"), Err(NOT_A_NUMBER));
        for text in ["nan", "NaN", "inf", "-infinity", "1e3,000", "1e3 000"] {
            assert_eq!(parse_number(text), Err(NOT_A_NUMBER), "{text:?}");
        }
        assert_eq!(parse_number("1.000,5"), Err(DECIMAL_COMMA));
        assert_eq!(
            parse_number("1e400"),
            Err("too large: no field takes a number this size")
        );
        // Far below any price or share: refused, not read as 0.
        assert_eq!(
            parse_number("1e-400"),
            Err("too small to be read (it would be 0): enter a number above 1e-300")
        );
        assert_eq!(parse_number("0e-400"), Ok(0.0));
        assert_eq!(parse_number("0.000"), Ok(0.0));
    }

    #[test]
    fn a_number_with_its_unit_says_to_type_it_alone() {
        for text in ["$0.44", "0.44$", "€1,200", "£3"] {
            let why = parse_number(text).expect_err(text);
            assert!(why.contains("without the currency sign"), "{text:?}: {why}");
        }
        for text in ["0.44/h", "0.44 /hour", "3/Mtok"] {
            let why = parse_number(text).expect_err(text);
            assert!(why.contains("without a unit"), "{text:?}: {why}");
        }
        assert!(parse_number("30%").expect_err("%").contains("0.3 for 30%"));
        for text in ["0.44 $/h", "5 €/h", "-$5"] {
            let why = parse_number(text).expect_err(text);
            assert!(why.contains("without the currency sign"), "{text:?}: {why}");
        }
        // A fraction is no number with a unit.
        assert_eq!(parse_number("1/2"), Err(NOT_A_NUMBER));
        assert_eq!(parse_number("1/1000"), Err(NOT_A_NUMBER));
        // No number under the unit: the plain refusal.
        assert_eq!(parse_number("$"), Err(NOT_A_NUMBER));
        assert_eq!(parse_number("abc/h"), Err(NOT_A_NUMBER));
        assert_eq!(parse_number("$abc"), Err(NOT_A_NUMBER));
    }
}
