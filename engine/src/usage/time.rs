//! RFC 3339 timestamps to Unix seconds (UTC), without a date crate.

/// The latest time read, Unix seconds (2286-11-20): later values are not times.
pub(crate) const LATEST: i64 = 9_999_999_999;

pub use crate::date::{fmt_rfc3339, parse_rfc3339};

/// The days a period covers (Unix seconds, its end exclusive, as usage files keep it),
/// the last one inclusive: "2025-08-01" for one day's bucket (00:00 to the next 00:00),
/// "2025-08-01 to 2025-08-31" for August.
pub fn day_span(start_s: i64, end_s: i64) -> String {
    let last = if end_s > start_s { end_s - 1 } else { end_s };
    let (a, b) = (fmt_rfc3339(start_s), fmt_rfc3339(last));
    let (a, b) = (a.get(..10).unwrap_or(&a), b.get(..10).unwrap_or(&b));
    if a == b {
        a.to_string()
    } else {
        format!("{a} to {b}")
    }
}

/// A span of time as a reader takes it in: whole UTC days as [`day_span`]
/// ("2025-08-01"), else to the minute ("2026-01-06 10:04 to 11:40 UTC").
pub fn time_span(start_s: i64, end_s: i64) -> String {
    let minute = |t: i64| -> String {
        let s = fmt_rfc3339(t);
        s.get(..16).unwrap_or(&s).replace('T', " ")
    };
    // One instant (a log of one call): its minute, even at midnight, never a whole day.
    if end_s <= start_s {
        return format!("{} UTC", minute(start_s));
    }
    if start_s % 86_400 == 0 && end_s % 86_400 == 0 {
        return day_span(start_s, end_s);
    }
    let (a, b) = (minute(start_s), minute(end_s));
    match (a.get(..10), b.get(..10), b.get(11..)) {
        (Some(da), Some(db), Some(hm)) if da == db => format!("{a} to {hm} UTC"),
        _ => format!("{a} to {b} UTC"),
    }
}

#[cfg(test)]
mod tests {
    use super::{day_span, fmt_rfc3339, parse_rfc3339, time_span};

    #[test]
    fn a_period_shows_its_last_day_not_the_midnight_after_it() {
        let aug1 = 1_754_006_400; // 2025-08-01T00:00:00Z
        assert_eq!(day_span(aug1, aug1 + 86_400), "2025-08-01");
        assert_eq!(
            day_span(aug1, aug1 + 31 * 86_400),
            "2025-08-01 to 2025-08-31"
        );
        // A log's one request: its day.
        assert_eq!(day_span(aug1 + 3_600, aug1 + 3_600), "2025-08-01");
        assert_eq!(
            time_span(aug1, aug1 + 2 * 86_400),
            "2025-08-01 to 2025-08-02"
        );
        assert_eq!(
            time_span(aug1 + 36_240, aug1 + 42_000),
            "2025-08-01 10:04 to 11:40 UTC"
        );
        assert_eq!(
            time_span(aug1 + 36_240, aug1 + 86_400 + 60),
            "2025-08-01 10:04 to 2025-08-02 00:01 UTC"
        );
        // One call: its minute, at midnight too.
        assert_eq!(
            time_span(aug1 + 36_240, aug1 + 36_240),
            "2025-08-01 10:04 UTC"
        );
        assert_eq!(time_span(aug1, aug1), "2025-08-01 00:00 UTC");
        // A log from 10:00 on the 1st to 09:00 on the 3rd.
        assert_eq!(
            day_span(aug1 + 36_000, aug1 + 2 * 86_400 + 32_400),
            "2025-08-01 to 2025-08-03"
        );
    }

    #[test]
    fn known_instants() {
        // 1736616660 is the first bucket of the OpenAI sample: 2025-01-11T17:31:00Z.
        assert_eq!(parse_rfc3339("2025-01-11T17:31:00Z"), Some(1_736_616_660));
        assert_eq!(parse_rfc3339("1970-01-01T00:00:00Z"), Some(0));
        assert_eq!(
            parse_rfc3339("2026-01-06T09:16:06.951Z"),
            Some(1_767_690_966)
        );
        assert_eq!(
            parse_rfc3339("2025-08-01T02:00:00+02:00"),
            parse_rfc3339("2025-08-01T00:00:00Z")
        );
        assert_eq!(parse_rfc3339("2024-02-29T00:00:00Z"), Some(1_709_164_800));
        for t in [
            0,
            1_736_616_660,
            1_709_164_800,
            1_767_690_966,
            4_102_444_799,
        ] {
            assert_eq!(parse_rfc3339(&fmt_rfc3339(t)), Some(t), "{t}");
        }
        assert_eq!(fmt_rfc3339(1_736_616_660), "2025-01-11T17:31:00Z");
        for bad in [
            "",
            "2025-13-01T00:00:00Z",
            "yesterday",
            "2025-01-11T17:31:00Q",
            "2025-01-11",
        ] {
            assert_eq!(parse_rfc3339(bad), None, "{bad}");
        }
    }
}
