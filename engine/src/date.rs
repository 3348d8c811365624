//! Calendar dates without a date crate: a leaf every module may use.

/// Days from 1970-01-01 to a civil date (Howard Hinnant's algorithm).
pub fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// Days since 1970-01-01 of a date written YYYY-MM-DD, or YYYY-MM (its first day, as
/// the catalog dates a month's price); `None` for anything else.
pub fn days_of(date: &str) -> Option<i64> {
    let b = date.as_bytes();
    let digits = |r: std::ops::Range<usize>| {
        b.get(r.clone())
            .filter(|d| d.iter().all(u8::is_ascii_digit))
            .and_then(|_| date.get(r)?.parse::<i64>().ok())
    };
    let (y, m) = (digits(0..4)?, digits(5..7)?);
    let d = match b.len() {
        7 if b[4] == b'-' => 1,
        10 if b[4] == b'-' && b[7] == b'-' => digits(8..10)?,
        _ => return None,
    };
    ((1..=12).contains(&m) && (1..=31).contains(&d)).then(|| days_from_civil(y, m, d))
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_month_counts_from_its_first_day() {
        assert_eq!(super::days_of("1970-01-01"), Some(0));
        assert_eq!(super::days_of("1970-02"), Some(31));
        assert_eq!(super::days_of("2026-12-05"), Some(20_792)); // Python: (date(2026,12,5) - date(1970,1,1)).days
        for bad in [
            "",
            "2026",
            "2026-13",
            "2026-1-05",
            "2026-12-5",
            "20x6-12-05",
            "2026/12/05",
            "2026-12-00",
        ] {
            assert_eq!(super::days_of(bad), None, "{bad}");
        }
    }
}
