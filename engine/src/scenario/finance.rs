//! The finance inputs of a scenario beyond the hurdle rate: the currency figures are
//! shown in (converted by `crate::currency`), the tax view, and the credit for hardware
//! value left at the horizon's end.

use serde::{Deserialize, Serialize};
use std::borrow::Cow;

/// An optional tax view: after-tax NPV at the user's tax rate, with purchased hardware
/// deducted on the user's depreciation schedule. No country's rules are built in.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct TaxView {
    /// Marginal rate on profit (0.25 = 25%).
    pub rate: f64,
    pub schedule: TaxSchedule,
    /// Years of the straight-line schedule; the declining balance runs at 2 / years a
    /// year (double declining).
    pub years: f64,
}

impl Default for TaxView {
    fn default() -> Self {
        TaxView {
            rate: 0.25,
            schedule: TaxSchedule::StraightLine,
            years: 5.0,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum TaxSchedule {
    /// The purchase deducted evenly over `years`.
    #[default]
    StraightLine,
    /// Each month 2 / years / 12 of what is left deducted (no switch to straight line).
    DecliningBalance,
    /// The whole purchase deducted in the month it is paid.
    Immediate,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Currency {
    /// ISO 4217 code: "EUR", "GBP", "JPY".
    pub code: String,
    /// Units of the currency one US dollar buys (0.92 EUR per USD).
    pub per_usd: f64,
    /// The date of the rate (YYYY-MM-DD).
    pub as_of: String,
    /// Where the rate comes from ("ECB reference rate", "treasury's budget rate").
    pub source: String,
}

impl Default for Currency {
    fn default() -> Self {
        Currency {
            code: "EUR".into(),
            per_usd: 0.0,
            as_of: String::new(),
            source: String::new(),
        }
    }
}

impl Currency {
    /// "0.92 EUR per USD (ECB, 2026-11-30)".
    pub fn rate_text(&self) -> String {
        let src = if self.source.trim().is_empty() {
            "typed".to_string()
        } else {
            self.source.clone()
        };
        // The rate as typed (Rust's shortest round-trip form: 0.92, 1.0831).
        format!(
            "{} {} per USD ({src}, as of {})",
            self.per_usd, self.code, self.as_of
        )
    }
}

/// Older than this, a rate is flagged wherever the money is signed (a quarter: a budget
/// rate is set for the year, a market rate moves a few percent in a quarter).
pub const RATE_FLAGGED_AFTER_DAYS: i64 = 92;

impl Currency {
    /// A warning when the rate is dated more than [`RATE_FLAGGED_AFTER_DAYS`] before
    /// `today` (YYYY-MM-DD): "dated 2025-06-02, 18 months before 2026-12-05". None for a
    /// recent rate, or when either date is not a date.
    pub fn age_note(&self, today: &str) -> Option<String> {
        let days = days(today)? - days(&self.as_of)?;
        // A day ahead is a rate dated in another time zone; more is a mistyped date.
        if days < -1 {
            return Some(format!(
                "The exchange rate ({} {} per USD) is dated {}, after today ({today}): check its date before signing.",
                self.per_usd, self.code, self.as_of
            ));
        }
        if days <= RATE_FLAGGED_AFTER_DAYS {
            return None;
        }
        // Whole months by the calendar (2025-06-02 to 2026-12-05 is 18), at least 3.
        let months = (days as f64 / 30.4375).floor().max(3.0);
        Some(format!(
            "The exchange rate ({} {} per USD) is dated {}, {months} months before {today}: check it is still the rate to sign with.",
            self.per_usd, self.code, self.as_of
        ))
    }
}

/// Days since 1970-01-01 of a YYYY-MM-DD date (a rate is dated to the day).
fn days(date: &str) -> Option<i64> {
    is_date(date).then(|| crate::date::days_of(date)).flatten()
}

/// The symbol or code a money figure is written with: "$", "€", "£", "¥", else the code
/// and a space ("CHF ").
pub fn symbol(code: &str) -> Cow<'static, str> {
    match code {
        "" | "USD" => Cow::Borrowed("$"),
        "EUR" => Cow::Borrowed("€"),
        "GBP" => Cow::Borrowed("£"),
        "JPY" | "CNY" => Cow::Borrowed("¥"),
        "INR" => Cow::Borrowed("₹"),
        other => Cow::Owned(format!("{other} ")),
    }
}

/// What is wrong with a date meant to be written YYYY-MM-DD, in words; `None` for a
/// real date.
pub fn date_problem(s: &str) -> Option<String> {
    if is_date(s) {
        return None;
    }
    let b = s.as_bytes();
    let num = |r: std::ops::Range<usize>| s.get(r).and_then(|x| x.parse::<u32>().ok());
    let shaped = b.len() == 10 && b[4] == b'-' && b[7] == b'-';
    Some(match (shaped, num(0..4), num(5..7), num(8..10)) {
        (true, Some(y), _, _) if !(1970..=9999).contains(&y) => {
            format!("{s} is not a date this model reads: give a year from 1970")
        }
        (true, Some(_), Some(m), _) if !(1..=12).contains(&m) => {
            format!("{s} is not a date: a year has no month {m} (write YYYY-MM-DD)")
        }
        (true, Some(y), Some(m), Some(d)) => {
            format!("{s} is not a date: {y}-{m:02} has no day {d}")
        }
        _ => format!("must be a date written YYYY-MM-DD, for example 2026-11-30 (not {s})"),
    })
}

/// A calendar date written YYYY-MM-DD (years 1970-9999).
pub fn is_date(s: &str) -> bool {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return false;
    }
    let num = |r: std::ops::Range<usize>| s.get(r).and_then(|x| x.parse::<u32>().ok());
    let (Some(y), Some(m), Some(d)) = (num(0..4), num(5..7), num(8..10)) else {
        return false;
    };
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    (1970..=9999).contains(&y) && (1..=days).contains(&d)
}

#[cfg(test)]
mod tests {
    use super::Currency;

    fn eur(as_of: &str) -> Currency {
        Currency {
            code: "EUR".into(),
            per_usd: 0.92,
            as_of: as_of.into(),
            source: "ECB reference rate".into(),
        }
    }

    #[test]
    fn an_old_rate_is_flagged_with_its_age() {
        let note = eur("2025-06-02")
            .age_note("2026-12-05")
            .expect("18 months old");
        assert!(
            note.contains("dated 2025-06-02, 18 months before 2026-12-05"),
            "{note}"
        );
        assert!(note.contains("0.92 EUR per USD"), "{note}");
        // A quarter is not flagged; a day more is, leap years counted.
        assert_eq!(eur("2026-09-04").age_note("2026-12-05"), None);
        assert!(eur("2024-02-28").age_note("2024-05-31").is_some());
        assert_eq!(eur("2024-02-29").age_note("2024-05-31"), None);
        // A rate dated later than today is called so (a day ahead is another time zone);
        // no date is not "old".
        let ahead = eur("2028-06-05").age_note("2026-12-05").expect("ahead");
        assert!(
            ahead.contains("dated 2028-06-05, after today (2026-12-05)"),
            "{ahead}"
        );
        assert_eq!(eur("2026-12-06").age_note("2026-12-05"), None);
        assert_eq!(eur("").age_note("2026-12-05"), None);
        assert_eq!(eur("2025-06-02").age_note("today"), None);
    }

    #[test]
    fn a_wrong_date_is_told_what_is_wrong() {
        use super::date_problem;
        assert_eq!(date_problem("2024-02-29"), None);
        let says = |d: &str| date_problem(d).expect("not a date");
        assert!(
            says("2026-13-45").contains("no month 13"),
            "{}",
            says("2026-13-45")
        );
        assert!(
            says("2026-02-29").contains("2026-02 has no day 29"),
            "{}",
            says("2026-02-29")
        );
        assert!(says("1969-12-31").contains("from 1970"));
        assert!(says("30/11/2026").contains("YYYY-MM-DD"));
        assert!(says("2026-1-5").contains("YYYY-MM-DD"));
    }
}
