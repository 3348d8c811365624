//! The scenario's currency: every money figure converts at the typed rate, sources stay
//! in USD, each explanation shows the figure in USD and the rate with its date; volumes
//! and break-even calls do not move; a rate of 0 or without its date is refused.

use engine::currency::Currency;
use engine::{evaluate_document, templates, Evaluation, Options, Scenario};

fn eur(rate: f64, as_of: &str) -> Currency {
    Currency {
        code: "EUR".into(),
        per_usd: rate,
        as_of: as_of.into(),
        source: "ECB reference rate".into(),
    }
}

fn eval(s: Scenario) -> Evaluation {
    evaluate_document(s, Options::default()).unwrap_or_else(|e| panic!("{e:?}"))
}

fn near(a: f64, b: f64, what: &str) {
    assert!(
        (a - b).abs() <= 1e-9 * b.abs().max(1.0),
        "{what}: {a} vs {b}"
    );
}

#[test]
fn every_money_figure_converts_and_says_its_rate() {
    for template in [templates::haiku_vs_4090(), templates::sonnet_vs_2xa100()] {
        let usd = eval(template.clone());
        let mut s = template;
        s.currency = Some(eur(0.92, "2026-11-30"));
        let e = eval(s);
        let k = 0.92;
        for (a, b) in e.api.iter().zip(&usd.api) {
            near(a.monthly.value, b.monthly.value * k, "tier monthly");
            near(
                a.breakdown.total(),
                b.breakdown.total() * k,
                "tier breakdown",
            );
            assert_eq!(a.monthly.unit, "EUR/month");
            let rate = a
                .monthly
                .inputs
                .iter()
                .find(|i| i.name == "exchange rate")
                .expect("rate");
            assert_eq!(
                (rate.value, rate.as_of.as_deref()),
                (0.92, Some("2026-11-30"))
            );
            let in_usd = a
                .monthly
                .inputs
                .iter()
                .find(|i| i.name == "the figure in USD")
                .expect("usd");
            near(in_usd.value, b.monthly.value, "the figure in USD");
            // The catalog price stays in USD at its source.
            let price = a
                .monthly
                .inputs
                .iter()
                .find(|i| i.name == "input price")
                .expect("price");
            assert_eq!(price.unit, "USD/Mtok");
        }
        for (a, b) in e.selfhosted.iter().zip(&usd.selfhosted) {
            if let (Some(x), Some(y)) = (&a.monthly, &b.monthly) {
                near(x.value, y.value * k, "config monthly");
            }
        }
        for (a, b) in e.finance.appraisals.iter().zip(&usd.finance.appraisals) {
            near(a.npv.value, b.npv.value * k, "NPV");
            near(a.undiscounted, b.undiscounted * k, "undiscounted");
            // Its explanation too: the value, and a unit that names the currency shown.
            let (ua, ub) = (
                a.undiscounted_explained.as_ref().expect("explained"),
                b.undiscounted_explained.as_ref().expect("explained"),
            );
            near(ua.value, ub.value * k, "undiscounted explained");
            near(ua.value, a.undiscounted, "the cell and its explanation");
            assert!(!ua.unit.contains("USD"), "{}", ua.unit);
            assert_eq!(a.irr_per_year, b.irr_per_year, "a rate does not convert");
            assert_eq!(a.payback_month, b.payback_month);
        }
        for (a, b) in e.projection.tiers.iter().zip(&usd.projection.tiers) {
            for (x, y) in a.cumulative.iter().zip(&b.cumulative) {
                near(*x, y * k, "projection");
            }
        }
        for (a, b) in e.curves.series.iter().zip(&usd.curves.series) {
            for (x, y) in a.costs.iter().zip(&b.costs) {
                near(*x, y * k, "curve");
            }
        }
        for (a, b) in e.break_even.iter().zip(&usd.break_even) {
            for (x, y) in a.crossings.iter().zip(&b.crossings) {
                near(
                    x.calls_per_month,
                    y.calls_per_month,
                    "break-even calls do not convert",
                );
                near(x.api_cost, y.api_cost * k, "cost at the crossing");
            }
            if !a.crossings.is_empty() {
                assert!(a.statement.contains('€'), "{}", a.statement);
            }
        }
        for (a, b) in e.internal_prices.iter().zip(&usd.internal_prices) {
            near(
                a.output_per_mtok.value,
                b.output_per_mtok.value * k,
                "internal price",
            );
        }
        near(
            e.volume.calls_per_month,
            usd.volume.calls_per_month,
            "volume",
        );
        assert_eq!(e.currency.as_ref().map(|c| c.code.as_str()), Some("EUR"));
    }
}

#[test]
fn a_bad_currency_gets_a_message_at_its_field() {
    let cases: [(Currency, &str, &str); 8] = [
        (
            Currency {
                code: "USD".into(),
                ..eur(0.5, "2026-11-30")
            },
            "currency.code",
            "no conversion",
        ),
        (
            eur(0.0, "2026-11-30"),
            "currency.per_usd",
            "once the rate and its date are set",
        ),
        (
            eur(-0.9, "2026-11-30"),
            "currency.per_usd",
            "a rate of -0.9 would",
        ),
        (
            eur(2e6, "2026-11-30"),
            "currency.per_usd",
            "at most 1,000,000",
        ),
        (eur(f64::NAN, "2026-11-30"), "currency.per_usd", "number"),
        (eur(0.92, ""), "currency.as_of", "date of the rate"),
        (eur(0.92, "30/11/2026"), "currency.as_of", "YYYY-MM-DD"),
        (
            Currency {
                code: "euro".into(),
                ..eur(0.92, "2026-11-30")
            },
            "currency.code",
            "ISO 4217",
        ),
    ];
    for (c, path, says) in cases {
        let mut s = templates::haiku_vs_4090();
        s.currency = Some(c.clone());
        let Err(errors) = evaluate_document(s, Options::default()) else {
            panic!("{c:?}: accepted");
        };
        assert!(
            errors
                .0
                .iter()
                .any(|f| f.path == path && f.message.contains(says)),
            "{c:?}: {errors:?}"
        );
    }
    assert!(engine::currency::is_date("2028-02-29"));
    assert!(!engine::currency::is_date("2026-02-29"));
}
