//! Dated inputs that may have gone stale by the day a page is drawn: the exchange rate
//! (flagged after a quarter, [`crate::scenario::RATE_FLAGGED_AFTER_DAYS`]) and the
//! catalog prices the options are costed at (after half a year). A price the user typed
//! carries no date and is theirs to keep current.

use crate::scenario::{Hosting, Scenario};
use crate::Evaluation;
use serde::{Deserialize, Serialize};

/// Older than this, a catalog price is flagged wherever the money is signed: list and
/// rental prices move within half a year (the catalog's are dated to the day or month).
pub const PRICE_FLAGGED_AFTER_DAYS: i64 = 183;

/// A price an option is costed at, from the catalog or a team's quote, with its date.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PriceDate {
    /// The option's name ("Claude Haiku 3.5", "RTX 4090 + Llama 3.1 8B").
    pub option: String,
    /// Which price: "prices" for a tier, "GPU-hour price (RunPod)", "GPU purchase price".
    pub what: String,
    pub as_of: String,
}

/// Every dated price the scenario's options rest on; typed ones have no date.
pub fn price_dates(s: &Scenario) -> Vec<PriceDate> {
    let mut out = Vec::new();
    for t in &s.api_tiers {
        if !t.source.trim().is_empty() && t.source != "typed by the user" {
            out.push(PriceDate {
                option: t.name.clone(),
                what: "prices".into(),
                as_of: t.as_of.clone(),
            });
        }
    }
    for g in &s.gpu_configs {
        match &g.hosting {
            Hosting::Cloud(c) if !c.typed && !c.price_as_of.is_empty() => out.push(PriceDate {
                option: g.name.clone(),
                what: format!("GPU-hour price ({})", c.provider),
                as_of: c.price_as_of.clone(),
            }),
            Hosting::OnPrem(o) if !o.gpu_price_typed && o.gpu_price_usd > 0.0 => {
                if let Some(entry) = crate::catalog::gpu_in(s, &g.gpu) {
                    out.push(PriceDate {
                        option: g.name.clone(),
                        what: "GPU purchase price".into(),
                        as_of: entry.as_of.to_string(),
                    })
                }
            }
            _ => {}
        }
    }
    out.retain(|p| crate::date::days_of(&p.as_of).is_some());
    out
}

/// What a page signed on `today` (YYYY-MM-DD) says about its dated inputs.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct AgeNotes {
    /// The exchange rate is older than a quarter.
    pub rate: Option<String>,
    /// The catalog prices older than half a year, in one sentence.
    pub prices: Option<String>,
}

impl AgeNotes {
    pub fn iter(&self) -> impl Iterator<Item = &String> {
        self.rate.iter().chain(&self.prices)
    }
}

/// The notes for an evaluation on `today`; none when `today` is not a date.
pub fn age_notes(e: &Evaluation, today: &str) -> AgeNotes {
    let Some(now) = crate::date::days_of(today) else {
        return AgeNotes::default();
    };
    let old: Vec<String> = e
        .price_dates
        .iter()
        .filter_map(|p| {
            let days = now - crate::date::days_of(&p.as_of)?;
            (days > PRICE_FLAGGED_AFTER_DAYS).then(|| {
                let months = (days as f64 / 30.4375).floor();
                format!("{}'s {} ({}, {months} months)", p.option, p.what, p.as_of)
            })
        })
        .collect();
    AgeNotes {
        rate: e.currency.as_ref().and_then(|c| c.age_note(today)),
        prices: (!old.is_empty()).then(|| {
            format!(
                "Catalog prices dated more than 6 months before {today}: {}. Check them against today's price list before signing.",
                old.join("; ")
            )
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn evaluated(s: Scenario) -> Evaluation {
        crate::evaluate_document(s, Default::default()).expect("valid")
    }

    /// The template's Haiku 3.5 is priced as of 2025-06-22 and its 4090 rents at a
    /// quote of 2026-11-01: on 2026-12-05 only the tier is old; typed, it is not
    /// flagged; a day inside half a year is not old, the day after is.
    #[test]
    fn old_catalog_prices_are_flagged_and_typed_ones_are_not() {
        let s = crate::templates::haiku_vs_4090();
        let e = evaluated(s.clone());
        let tier = &s.api_tiers[0];
        assert_eq!(tier.as_of, "2025-06-22", "the template's tier date");
        let notes = age_notes(&e, "2026-12-05");
        let prices = notes.prices.expect("an old tier price");
        assert!(
            prices.contains(&format!("{}'s prices (2025-06-22, 17 months)", tier.name)),
            "{prices}"
        );
        assert!(
            !prices.contains("GPU-hour"),
            "a recent quote is not old: {prices}"
        );
        assert_eq!(notes.rate, None, "no currency, no rate note");

        // 183 days after the date is still fresh; 184 is not.
        let day = crate::date::days_of("2025-06-22").expect("date");
        let on = |d: i64| {
            let (y, m, dd) = civil(d);
            age_notes(&e, &format!("{y:04}-{m:02}-{dd:02}"))
                .prices
                .is_some()
        };
        assert!(!on(day + PRICE_FLAGGED_AFTER_DAYS));
        assert!(on(day + PRICE_FLAGGED_AFTER_DAYS + 1));

        let mut typed = s.clone();
        for t in &mut typed.api_tiers {
            t.source = "typed by the user".into();
        }
        assert_eq!(age_notes(&evaluated(typed), "2026-12-05").prices, None);
        assert_eq!(age_notes(&e, "today").prices, None, "not a date: no note");
    }

    /// A bought GPU's catalog purchase price is dated by month.
    #[test]
    fn a_purchase_price_is_dated_by_its_catalog_month() {
        let s = crate::templates::sonnet_vs_2xa100();
        let dates = price_dates(&s);
        assert!(!dates.is_empty());
        let mut s = s;
        let snapshot = s.clone();
        for g in &mut s.gpu_configs {
            let entry = crate::catalog::gpu_in(&snapshot, &g.gpu).cloned();
            g.hosting = Hosting::OnPrem(Default::default());
            if let Hosting::OnPrem(o) = &mut g.hosting {
                o.use_purchase_price(entry.as_ref());
            }
        }
        let bought: Vec<_> = price_dates(&s)
            .into_iter()
            .filter(|p| p.what == "GPU purchase price")
            .collect();
        assert!(!bought.is_empty(), "{:?}", price_dates(&s));
        assert!(bought.iter().all(|p| p.as_of.len() == 7), "{bought:?}");
    }

    fn civil(days: i64) -> (i64, i64, i64) {
        // Inverse of days_from_civil, by search (tests only).
        let mut y = 1970 + days / 366;
        loop {
            for m in 1..=12 {
                for d in 1..=31 {
                    if crate::date::days_from_civil(y, m, d) == days {
                        return (y, m, d);
                    }
                }
            }
            y += 1;
        }
    }
}
