//! How the app writes numbers and times, one way each: money, optional numbers,
//! short axis labels, and UTC timestamps cut from their RFC 3339 text.

use engine::fmt_num;
use leptos::prelude::*;

/// The currency money is written in where a page shows an evaluation: the evaluation's
/// own (its figures are converted by the engine), so the symbol and the numbers change
/// together. Provided by the pages; absent means US dollars.
#[derive(Clone, Copy)]
pub struct ShownCurrency(pub Signal<String>);

impl ShownCurrency {
    /// The code of an evaluation's currency ("USD" when it has none).
    pub fn code_of(e: &engine::Evaluation) -> String {
        e.currency
            .as_ref()
            .map_or_else(|| "USD".to_string(), |c| c.code.clone())
    }
}

std::thread_local! {
    /// The currency of a drawing made outside any page (the server's charts): set for
    /// the drawing's synchronous extent by [`drawing_in`].
    static DRAWING: std::cell::RefCell<Option<String>> = const { std::cell::RefCell::new(None) };
}

/// Runs `f` (synchronous: a chart drawing) with money written in `code`.
pub fn drawing_in<T>(code: &str, f: impl FnOnce() -> T) -> T {
    let before = DRAWING.with(|d| d.replace(Some(code.to_string())));
    let out = f();
    DRAWING.with(|d| *d.borrow_mut() = before);
    out
}

/// The code of the currency money is written in here ("USD" by default).
pub fn code() -> String {
    if let Some(c) = use_context::<ShownCurrency>() {
        return c.0.get_untracked();
    }
    DRAWING
        .with(|d| d.borrow().clone())
        .unwrap_or_else(|| "USD".into())
}

/// The symbol money is written with here: the page's currency, a drawing's, else "$".
fn symbol() -> std::borrow::Cow<'static, str> {
    if let Some(c) = use_context::<ShownCurrency>() {
        return engine::currency::symbol(&c.0.get_untracked());
    }
    DRAWING.with(|d| {
        d.borrow()
            .as_deref()
            .map_or(std::borrow::Cow::Borrowed("$"), engine::currency::symbol)
    })
}

/// "$1,235" (see `fmt_num`) in the page's currency ("€1,235"); "-$12" for a negative
/// amount; "n/a" for a value that is not a number.
pub fn money(v: f64) -> String {
    with_symbol(v, &symbol())
}

/// `money` in the currency `code`, whatever the page's.
pub fn money_in(v: f64, code: &str) -> String {
    with_symbol(v, &engine::currency::symbol(code))
}

/// A cost per unit (per 1K output tokens) in the page's currency: four decimals below 10,
/// so a column of them lines up ("$0.0210" beside "$0.0336", not "$0.021"); as `money`
/// from 10 on and under a tenth of a cent (a per-token price keeps its digits).
pub fn unit_cost(v: f64) -> String {
    unit_cost_with(v, &symbol())
}

/// `unit_cost` in the currency `code`.
pub fn unit_cost_in(v: f64, code: &str) -> String {
    unit_cost_with(v, &engine::currency::symbol(code))
}

fn unit_cost_with(v: f64, sym: &str) -> String {
    written(engine::report::decision::unit_cost_digits(v), sym)
}

fn with_symbol(v: f64, sym: &str) -> String {
    // The digits the reports write too (cents in two digits: "$419.60").
    written(engine::report::decision::money_digits(v), sym)
}

/// Digits with their sign and the currency's symbol; "n/a" for no number.
fn written(digits: Option<(bool, String)>, sym: &str) -> String {
    match digits {
        None => "n/a".into(),
        Some((true, n)) => format!("-{sym}{n}"),
        Some((false, n)) => format!("{sym}{n}"),
    }
}

/// A measured value or "–" when the source does not have it.
pub fn opt(v: Option<f64>) -> String {
    v.map(fmt_num).unwrap_or_else(|| "–".into())
}

/// 1,771,250 -> "1.77M".
pub fn short_volume(x: f64) -> String {
    let a = x.abs();
    let (v, s) = if a >= 1e12 {
        (x / 1e12, "T")
    } else if a >= 1e9 {
        (x / 1e9, "B")
    } else if a >= 1e6 {
        (x / 1e6, "M")
    } else if a >= 1e3 {
        (x / 1e3, "k")
    } else {
        (x, "")
    };
    let t = if v.abs() >= 100.0 {
        format!("{v:.0}")
    } else if v.abs() >= 10.0 {
        format!("{v:.1}")
    } else {
        format!("{v:.2}")
    };
    let t = if t.contains('.') {
        t.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        t
    };
    format!("{t}{s}")
}

pub fn short_money(x: f64) -> String {
    let sym = symbol();
    if x < 0.0 {
        format!("-{sym}{}", short_volume(-x))
    } else {
        format!("{sym}{}", short_volume(x))
    }
}

/// "2026-11-28T13:45:07.123Z" -> "2026-11-28 13:45" (UTC, to the minute).
pub fn utc_minute(rfc3339: &str) -> String {
    rfc3339.replace('T', " ").chars().take(16).collect()
}

/// "2026-11-28T13:45:07.123Z" -> "2026-11-28 13:45:07" (UTC, to the second).
pub fn utc_second(rfc3339: &str) -> String {
    rfc3339.replace('T', " ").chars().take(19).collect()
}

/// "2026-11-28T13:45:07.123Z" -> "2026-11-28".
pub fn date(rfc3339: &str) -> String {
    rfc3339.chars().take(10).collect()
}

/// A period's days, the last one inclusive (`engine::usage::day_span`), and a span of
/// time as days or to the minute (`engine::usage::time_span`).
pub use engine::usage::{day_span, time_span};

#[cfg(test)]
mod tests {
    use super::*;

    /// The one-pager and the decision slide write money with the engine's report
    /// formatter: the same figures as the page (whole units from 1,000, cents from 10,
    /// fmt_num's digits below), only its minus sign is the typographic one.
    #[test]
    fn the_reports_write_money_as_the_page_does() {
        for v in [
            0.0, 0.5, 12.0, 419.6, 930.16, 999.994, 999.996, 1_000.0, 1_234.5, 4_995.26, -63.6,
            -4_995.26, 1.5e9, 0.000624, 0.0042, -0.0062, 0.0099, 3.14567, 1.23456, 9.999, -2.5,
            0.125,
        ] {
            let report = engine::report::decision::money_in(v, "USD").replace('−', "-");
            assert_eq!(report, money_in(v, "USD"), "{v}");
        }
    }

    #[test]
    fn one_way_to_write_each() {
        assert_eq!(
            money(1234.5),
            "$1,235",
            "whole dollars from 1,000 (fmt_num)"
        );
        assert_eq!(money(-12.0), "-$12");
        assert_eq!(money(f64::NAN), "n/a");
        assert_eq!(opt(None), "–");
        assert_eq!(short_volume(1_771_250.0), "1.77M");
        assert_eq!(short_volume(500_000.0), "500k");
        assert_eq!(short_volume(2e9), "2B");
        assert_eq!(short_money(-1234.0), "-$1.23k");
        assert_eq!(drawing_in("EUR", || short_money(1234.0)), "€1.23k");
        assert_eq!(drawing_in("CHF", || money(-12.0)), "-CHF 12");
        assert_eq!(money(5.0), "$5", "the drawing's currency ends with it");
        assert_eq!(money(419.6), "$419.60", "cents in two digits");
        assert_eq!(money(-0.5), "-$0.50");
        assert_eq!(money(930.16), "$930.16");
        assert_eq!(
            money(0.000624),
            "$0.000624",
            "a per-token price keeps its digits"
        );
        assert_eq!(money_in(1234.5, "GBP"), "£1,235");
        // A column of costs per 1K tokens lines up.
        let column: Vec<String> = [0.021, 0.0336, 0.0056, 2.5, 12.0, 0.000624]
            .iter()
            .map(|&x| unit_cost_in(x, "USD"))
            .collect();
        assert_eq!(
            column,
            [
                "$0.0210",
                "$0.0336",
                "$0.0056",
                "$2.5000",
                "$12",
                "$0.000624"
            ]
        );
        let t = "2026-11-28T13:45:07.123Z";
        assert_eq!(utc_minute(t), "2026-11-28 13:45");
        assert_eq!(utc_second(t), "2026-11-28 13:45:07");
        assert_eq!(date(t), "2026-11-28");
    }
}

/// A browser timestamp (ms since 1970) as "YYYY-MM-DD HH:MM UTC"; "earlier" when unknown.
pub fn local_time_ms(ms: f64) -> String {
    if !ms.is_finite() || ms <= 0.0 {
        return "earlier".into();
    }
    // "2026-12-01T13:05:00Z" -> "2026-12-01 13:05 UTC".
    let t = engine::date::fmt_rfc3339((ms / 1000.0) as i64);
    format!("{} {} UTC", &t[..10], &t[11..16])
}

#[cfg(test)]
mod time_tests {
    #[test]
    fn browser_times_read_as_utc() {
        // 2026-12-01T13:05:00Z
        assert_eq!(
            super::local_time_ms(1_796_130_300_000.0),
            "2026-12-01 13:05 UTC"
        );
        assert_eq!(super::local_time_ms(f64::NAN), "earlier");
    }
}

/// The warnings that the exchange rate or a catalog price is old
/// (`engine::report::age_notes`), where the money is read: the editor's NPV section, the
/// printout and the presentation.
pub fn age_notes_view(notes: engine::report::AgeNotes) -> impl IntoView {
    let note = |n: Option<String>, id: &'static str| {
        n.map(|n| {
            view! {
                <p class="notice warn" data-testid=id>
                    {n}
                </p>
            }
        })
    };
    (
        note(notes.rate, "rate-note"),
        note(notes.prices, "price-note"),
    )
}

/// Today's UTC date (YYYY-MM-DD) from the server's clock.
#[cfg(feature = "ssr")]
pub fn today() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let mut t = engine::usage::fmt_rfc3339(i64::try_from(secs).unwrap_or(0));
    t.truncate(10);
    t
}

#[cfg(all(test, feature = "ssr"))]
mod today_tests {
    #[test]
    fn today_is_a_date() {
        let t = super::today();
        assert!(engine::scenario::is_date(&t), "{t}");
        assert!(t.as_str() >= "2026-01-01", "{t}");
    }
}
