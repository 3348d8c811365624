//! Numbers written for people, one way: a leaf every module may use.

/// Numbers for people: thousands separators, sensible precision.
pub fn fmt_num(v: f64) -> String {
    let mut out = String::with_capacity(24);
    write_num(&mut out, v);
    out
}

/// [`fmt_num`] into an existing string (no allocation of its own for large numbers).
pub fn write_num(out: &mut String, v: f64) {
    use std::fmt::Write;
    if !v.is_finite() {
        out.push_str("n/a");
        return;
    }
    if v < 0.0 {
        out.push('-');
    }
    let a = v.abs();
    // From 999.995 on, two decimals would round to "1000": it is written as 1,000.
    if (999.995..9.0e15).contains(&a) {
        // Integer with separators, digits written directly.
        let n = a.round() as u64;
        let digits = n.to_string();
        for (i, ch) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i).is_multiple_of(3) {
                out.push(',');
            }
            out.push(ch);
        }
        return;
    }
    // Small numbers keep four significant digits (0.006129, not 0.00612859).
    let decimals = decimals_below_1000(a);
    let start = out.len();
    let _ = write!(out, "{}", Fixed(a, decimals));
    if out[start..].contains('.') {
        let trimmed = out.trim_end_matches('0').trim_end_matches('.').len();
        out.truncate(trimmed);
    }
}

/// The value [`fmt_num`] writes for `v`, as a number: a difference taken of two of these
/// is the difference of the figures on the page (9,155 - 4,853 reads 4,302, never the
/// 4,303 of the unrounded sums). NaN where `fmt_num` writes "n/a".
///
/// Cheap where most figures are (whole units from 999.995 on, rounded as `fmt_num`
/// rounds them); below, the decimals `fmt_num` writes, read back.
pub fn shown(v: f64) -> f64 {
    let a = v.abs();
    if !v.is_finite() {
        f64::NAN
    } else if (999.995..9.0e15).contains(&a) {
        v.round()
    } else {
        fmt_num(v).replace(',', "").parse().unwrap_or(f64::NAN)
    }
}

/// The decimals [`fmt_num`] writes for a number under 1,000 (before trailing zeros go).
fn decimals_below_1000(a: f64) -> usize {
    if a >= 10.0 {
        2
    } else if a >= 0.01 || a == 0.0 {
        4
    } else {
        (3.0 - a.log10().floor()).clamp(4.0, 12.0) as usize
    }
}

/// A number as a range's end is read: three significant digits below 1,000 ("1.87",
/// "0.675", "18.8"), [`fmt_num`] from 1,000 on.
pub fn fmt_approx(v: f64) -> String {
    let a = v.abs();
    if !v.is_finite() || a >= 1000.0 || a == 0.0 {
        return fmt_num(v);
    }
    let decimals = (2.0 - a.log10().floor()).max(0.0) as usize;
    let sign = if v < 0.0 { "-" } else { "" };
    let mut out = format!("{sign}{}", Fixed(a, decimals));
    if out.contains('.') {
        let trimmed = out.trim_end_matches('0').trim_end_matches('.').len();
        out.truncate(trimmed);
    }
    out
}

/// A non-negative number to `.1` decimals, a half rounded up (away from zero), as
/// people round: 11.25 reads "11.3" like 18.75 reads "18.8". Rust's `{:.1}` rounds an
/// exact half to even ("11.2"), so the two ends of one range would round differently.
struct Fixed(f64, usize);

impl std::fmt::Display for Fixed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let Fixed(a, d) = *self;
        // Most numbers are nowhere near a half at the last digit shown: one multiplication
        // says so. Near one, the exact decimal expansion decides, 25 digits past the ones
        // shown: an exact half is "5" and zeros there (a double has no more digits than
        // that at these scales). Formatting every number that long cost the live page
        // about a millisecond an edit.
        let scaled = a * 10f64.powi(d as i32);
        let near_half = (scaled - scaled.trunc() - 0.5).abs() < 1e-6;
        let half = near_half && {
            let long = format!("{:.*}", d + 25, a);
            let tail = &long[long.len() - 25..];
            tail.starts_with('5') && tail[1..].bytes().all(|b| b == b'0')
        };
        if half {
            write!(f, "{:.*}", d, a.next_up())
        } else {
            write!(f, "{:.*}", d, a)
        }
    }
}

/// A rate as a percentage, to a tenth (12.5%), or to a hundredth where a tenth would
/// change it by more than a hundredth of itself (0.49%, not 0.5%).
pub fn percent(x: f64) -> String {
    let tenth = (x * 1000.0).round() / 10.0;
    let shown = if (tenth / 100.0 - x).abs() > x.abs() / 100.0 {
        (x * 10_000.0).round() / 100.0
    } else {
        tenth
    };
    // + 0.0: a -0 rate reads "0%", not "-0%".
    format!("{}%", fmt_num(shown + 0.0))
}

/// A unit after a number, singular for exactly one of a counted thing ("1 month",
/// "1 replica", "2 months"); other units as they are ("1 USD", "1 s").
pub fn unit_for(value: f64, unit: &str) -> std::borrow::Cow<'_, str> {
    const COUNTED: [&str; 9] = [
        "months", "replicas", "days", "years", "GPUs", "hours", "calls", "tokens", "requests",
    ];
    match unit.strip_suffix('s') {
        Some(one) if value == 1.0 && COUNTED.contains(&unit) => one.into(),
        _ => unit.into(),
    }
}

/// A count of months in words: "1 month", "24 months".
pub fn months(n: u32) -> String {
    if n == 1 {
        "1 month".into()
    } else {
        format!("{n} months")
    }
}

/// "a" or "an" before a number as it is read aloud: "an 8% hurdle rate", "an 11.5%",
/// "a 12%".
pub fn article_for(number: &str) -> &'static str {
    let whole: String = number.chars().take_while(char::is_ascii_digit).collect();
    // Eight, eighty, eight hundred …; eleven and eighteen (and their thousands).
    let an = whole.starts_with('8')
        || matches!(whole.as_str(), "11" | "18")
        || (whole.len() % 3 == 2 && (whole.starts_with("11") || whole.starts_with("18")));
    if an {
        "an"
    } else {
        "a"
    }
}

/// An amount after its currency's symbol ("$817.70", "−€1,147", "–" for no number), as
/// every page writes money.
pub fn money_with(x: f64, symbol: &str) -> String {
    match money_digits(x) {
        None => "\u{2013}".into(),
        Some((negative, n)) => {
            let sign = if negative { "\u{2212}" } else { "" };
            format!("{sign}{symbol}{n}")
        }
    }
}

/// An amount's digits as every page writes money, and whether it takes a minus (not when
/// written as zero): `None` for a value that is not a number.
pub fn money_digits(x: f64) -> Option<(bool, String)> {
    if !x.is_finite() {
        return None;
    }
    let a = x.abs();
    // From a tenth of a cent to a cent, four decimals always, so a column of per-1K costs
    // lines up ("0.0070" beside "0.0056", not "0.007" beside "0.005918"); further under
    // (a per-token price, "0.000624"), the digits that matter.
    let mut n = if (0.001..0.01).contains(&a) {
        format!("{a:.4}")
    } else {
        fmt_num(a)
    };
    if n.find('.').is_some_and(|dot| n.len() - dot == 2) {
        n.push('0');
    }
    let negative = x < 0.0 && n.bytes().any(|b| (b'1'..=b'9').contains(&b));
    Some((negative, n))
}

/// The first sentence of `text` (up to a full stop followed by a space and a capital)
/// and the rest.
pub fn lead_sentence(text: &str) -> (&str, &str) {
    // Only outside brackets: a reason quoted in parentheses has sentences of its own.
    let mut depth = 0i32;
    let cut = text.char_indices().find(|&(i, c)| {
        match c {
            '(' | '[' => depth += 1,
            ')' | ']' => depth -= 1,
            _ => {}
        }
        depth <= 0
            && c == '.'
            && text[i + 1..].starts_with(' ')
            && text[i + 2..].chars().next().is_some_and(char::is_uppercase)
    });
    match cut {
        Some((i, _)) => (&text[..=i], text[i + 2..].trim()),
        None => (text, ""),
    }
}

#[cfg(test)]
mod tests {
    use super::{fmt_approx, fmt_num, shown};

    #[test]
    fn a_shown_value_is_what_the_page_reads() {
        assert_eq!(shown(9155.4), 9155.0);
        assert_eq!(shown(4852.6), 4853.0);
        assert_eq!(shown(9155.4) - shown(4852.6), 4302.0);
        assert_eq!(shown(419.604), 419.6);
        assert_eq!(shown(-1234.5), -1235.0);
        assert!(shown(f64::NAN).is_nan());
        for v in [0.0, 0.00612859, 2.71, 12.345, 999.996, 1_234_567.8] {
            assert_eq!(fmt_num(shown(v)), fmt_num(v), "{v}");
        }
        // Over every magnitude the page shows, a shown value reads as the value does.
        let mut x: u64 = 0x2545_f491_4f6c_dd1d;
        for _ in 0..200_000 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let mantissa = (x >> 11) as f64 / (1u64 << 53) as f64;
            let v = (mantissa * 18.0 - 6.0).exp2() * 10f64.powi((x % 13) as i32 - 4);
            assert_eq!(fmt_num(shown(v)), fmt_num(v), "{v}");
        }
    }

    #[test]
    fn range_ends_read_to_three_digits() {
        assert_eq!(fmt_approx(1.8675), "1.87");
        assert_eq!(fmt_approx(3.1125), "3.11");
        assert_eq!(fmt_approx(0.675), "0.675");
        assert_eq!(fmt_approx(18.75), "18.8");
        assert_eq!(fmt_approx(540.0), "540");
        assert_eq!(fmt_approx(1_250_000.0), "1,250,000");
        assert_eq!(fmt_approx(-0.0312), "-0.0312");
        assert_eq!(fmt_approx(0.0), "0");
        // A range of ±25% around 15: both ends round their half up, as people round.
        assert_eq!(fmt_approx(11.25), "11.3");
        assert_eq!(fmt_approx(-11.25), "-11.3");
        assert_eq!(fmt_approx(0.1125), "0.113");
        // Not a half in binary (2.675 is 2.67499999...): rounds to its nearest.
        assert_eq!(fmt_approx(2.675), "2.67");
        assert_eq!(fmt_num(10.125), "10.13");
        assert_eq!(fmt_num(0.00003125), "0.00003125");
    }

    #[test]
    fn formats_numbers_for_people() {
        assert_eq!(fmt_num(1_120.0), "1,120");
        assert_eq!(fmt_num(103_680_000.0), "103,680,000");
        assert_eq!(fmt_num(0.00224), "0.00224");
        assert_eq!(fmt_num(1.23456), "1.2346");
        assert_eq!(fmt_num(0.000_003), "0.000003");
        assert_eq!(fmt_num(-316.8), "-316.8");
        assert_eq!(fmt_num(f64::NAN), "n/a");
        assert_eq!(fmt_num(0.0), "0");
        assert_eq!(fmt_num(0.00612859), "0.006129");
        assert_eq!(fmt_num(10.0), "10");
        // Rounds up to a thousand: written as one, with its separator.
        assert_eq!(fmt_num(999.999), "1,000");
        assert_eq!(fmt_num(-1_234_567.8), "-1,234,568");
    }

    #[test]
    fn months_and_articles_read_as_english() {
        use super::{article_for, months};
        assert_eq!(months(1), "1 month");
        assert_eq!(months(24), "24 months");
        assert_eq!(super::unit_for(1.0, "months"), "month");
        assert_eq!(super::unit_for(2.0, "months"), "months");
        assert_eq!(super::unit_for(1.0, "USD"), "USD");
        for (n, a) in [
            ("8", "an"),
            ("8.5", "an"),
            ("80", "an"),
            ("11", "an"),
            ("18.2", "an"),
            ("1", "a"),
            ("12", "a"),
            ("110", "a"),
            ("0.49", "a"),
        ] {
            assert_eq!(article_for(n), a, "{n}");
        }
        use super::percent;
        assert_eq!(percent(0.08), "8%");
        assert_eq!(percent(0.125), "12.5%");
        assert_eq!(percent(0.0049), "0.49%");
    }
}

#[cfg(test)]
mod lead_tests {
    #[test]
    fn the_advice_is_split_after_its_first_sentence() {
        let (lead, rest) = crate::fmt::lead_sentence(
            "Stay on Claude Sonnet 4.6: it costs $1,493.50 a month more. Against every task type on Claude Sonnet 4.6 ($5,040 a month), e.g. this.",
        );
        assert_eq!(
            lead,
            "Stay on Claude Sonnet 4.6: it costs $1,493.50 a month more."
        );
        assert_eq!(
            rest,
            "Against every task type on Claude Sonnet 4.6 ($5,040 a month), e.g. this."
        );
        assert_eq!(
            crate::fmt::lead_sentence("One sentence."),
            ("One sentence.", "")
        );
    }
}
