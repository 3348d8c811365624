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
        if t.source.trim().is_empty() || t.source.starts_with("typed by the user") {
            continue;
        }
        // A tier picked from the catalog keeps the catalog's source when a price is typed
        // over (the editor then reads "typed by the user, edited from ..."): the typed
        // prices are the user's and undated, the others are still the catalog's of its date.
        let what = match crate::catalog::tier(t.catalog_id.as_deref().unwrap_or(""))
            .filter(|c| c.as_of == t.as_of)
        {
            Some(c) => match (c.input == t.input_per_mtok, c.output == t.output_per_mtok) {
                (true, true) => "prices",
                (true, false) => "input price",
                (false, true) => "output price",
                (false, false) => continue,
            },
            None => "prices",
        };
        out.push(PriceDate {
            option: t.name.clone(),
            what: what.into(),
            as_of: t.as_of.clone(),
        });
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
    // A date that is not a day ("2025", a word) stays: the note says how old it may be.
    out.retain(|p| !p.as_of.trim().is_empty());
    out
}

/// The latest day a date may mean, and whether it is only a year: a day or a month reads
/// as `days_of` reads it; a year alone ("2025", as the article dates its quotes) as its
/// last day, so it is flagged only once even that is old.
fn latest_day(as_of: &str) -> Option<(i64, bool)> {
    let t = as_of.trim();
    match crate::date::days_of(t) {
        Some(d) => Some((d, false)),
        None if t.len() == 4 && t.bytes().all(|b| b.is_ascii_digit()) => {
            crate::date::days_of(&format!("{t}-12-31")).map(|d| (d, true))
        }
        None => None,
    }
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
    // Each old (what, date) once, with every option it prices: three configurations of
    // one quote are one item, "every configuration's" when it is all of them.
    let mut old: Vec<(&str, &str, Vec<&str>)> = Vec::new();
    for p in &e.price_dates {
        let flagged = match latest_day(&p.as_of) {
            Some((day, _)) => now - day > PRICE_FLAGGED_AFTER_DAYS,
            None => true,
        };
        if !flagged {
            continue;
        }
        match old
            .iter_mut()
            .find(|(w, d, _)| *w == p.what.as_str() && *d == p.as_of.as_str())
        {
            Some((_, _, owners)) => owners.push(&p.option),
            None => old.push((&p.what, &p.as_of, vec![&p.option])),
        }
    }
    let configs: Vec<&str> = e.selfhosted.iter().map(|x| x.name.as_str()).collect();
    let old: Vec<String> = old
        .into_iter()
        .map(|(what, as_of, owners)| {
            let whose = if owners.len() > 1
                && owners.len() == configs.len()
                && owners.iter().all(|o| configs.contains(o))
            {
                "every configuration's".to_string()
            } else {
                let names: Vec<String> = owners.iter().map(|o| o.to_string()).collect();
                format!("{}'s", super::and_list(&names))
            };
            match latest_day(as_of) {
                Some((day, year_only)) => {
                    let months = ((now - day) as f64 / 30.4375).floor();
                    let at_least = if year_only { "at least " } else { "" };
                    format!("{whose} {what} ({as_of}, {at_least}{months} months)")
                }
                // Not a date at all: its age is unknown, which is as much to check.
                None => format!("{whose} {what} (dated \u{201c}{as_of}\u{201d}, not a day)"),
            }
        })
        .collect();
    AgeNotes {
        rate: e.currency.as_ref().and_then(|c| c.age_note(today)),
        prices: (!old.is_empty()).then(|| {
            format!(
                "Catalog prices dated more than 6 months before {today}: {}. Check against today's price lists before signing.",
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

    /// The template's Haiku 3.5 is priced as of 2025-06-22: on 2026-12-05 it is old;
    /// typed, it is not flagged; a day inside half a year is not old, the day after is.
    #[test]
    fn old_catalog_prices_are_flagged_and_typed_ones_are_not() {
        let mut s = crate::templates::haiku_vs_4090();
        // Its GPU quotes dated recently, so that only the tiers' dates are at stake here.
        for g in &mut s.gpu_configs {
            if let Hosting::Cloud(c) = &mut g.hosting {
                c.price_as_of = "2026-11-01".into();
            }
        }
        let e = evaluated(s.clone());
        let tier = &s.api_tiers[0];
        assert_eq!(tier.as_of, "2025-06-22", "the template's tier date");
        let notes = age_notes(&e, "2026-12-05");
        let prices = notes.prices.expect("an old tier price");
        assert!(
            prices.contains(&format!("{}'s prices (2025-06-22, 17 months)", tier.name)),
            "{prices}"
        );
        // The blank template's prices are the catalog's recent ones: nothing is old.
        let blank = crate::templates::template("blank").expect("blank");
        assert_eq!(age_notes(&evaluated(blank), "2026-12-05").prices, None);
        assert_eq!(notes.rate, None, "no currency, no rate note");

        // 183 days after the date is still fresh; 184 is not (Python: date(2025, 6, 22) +
        // timedelta(183) is 2025-12-22).
        assert_eq!(PRICE_FLAGGED_AFTER_DAYS, 183);
        assert_eq!(age_notes(&e, "2025-12-22").prices, None);
        assert!(age_notes(&e, "2025-12-23").prices.is_some());

        // A tier typed from scratch is not flagged.
        let mut typed = s.clone();
        typed.api_tiers[0].source = "typed by the user".into();
        assert_eq!(age_notes(&evaluated(typed), "2026-12-05").prices, None);

        // Prices typed over the catalog's in the editor (the source stays the catalog's):
        // both typed, nothing is flagged; one typed, the other is still the catalog's.
        let mut edited = s.clone();
        edited.api_tiers[0].input_per_mtok += 0.5;
        let one = age_notes(&evaluated(edited.clone()), "2026-12-05").prices;
        let one = one.expect("the output price is still the catalog's");
        assert!(
            one.contains(&format!("{}'s output price (2025-06-22", tier.name)),
            "{one}"
        );
        edited.api_tiers[0].output_per_mtok += 1.0;
        assert_eq!(age_notes(&evaluated(edited), "2026-12-05").prices, None);
        assert_eq!(age_notes(&e, "today").prices, None, "not a date: no note");
    }

    /// The article's quotes are dated by year only ("2025"): flagged once even the year's
    /// last day is older than half a year, and said as "at least"; a date that is no date
    /// is flagged as such, never dropped.
    #[test]
    fn a_price_dated_by_year_or_not_at_all_is_flagged_not_dropped() {
        let s = crate::templates::sonnet_vs_2xa100();
        let dates = price_dates(&s);
        assert!(
            dates
                .iter()
                .any(|p| p.as_of == "2025" && p.what.starts_with("GPU-hour")),
            "{dates:?}"
        );
        let e = evaluated(s.clone());
        let gpu = &s.gpu_configs[0].name;
        // 2025-12-31 + 183 days is 2026-07-02 (Python: date(2025,12,31) + timedelta(183)).
        let fresh = age_notes(&e, "2026-07-02").prices.unwrap_or_default();
        assert!(!fresh.contains("GPU-hour"), "{fresh}");
        let old = age_notes(&e, "2026-12-06").prices.expect("old");
        assert!(
            old.contains(&format!(
                "{gpu}'s GPU-hour price (RunPod) (2025, at least 11 months)"
            )),
            "{old}"
        );
        let mut undated = s.clone();
        if let Hosting::Cloud(c) = &mut undated.gpu_configs[0].hosting {
            c.price_as_of = "last spring".into();
        }
        let notes = age_notes(&evaluated(undated), "2026-07-02")
            .prices
            .expect("undated");
        assert!(
            notes.contains("(dated \u{201c}last spring\u{201d}, not a day)"),
            "{notes}"
        );
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
}
