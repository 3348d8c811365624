//! The scenario's currency. The engine computes in US dollars, where every catalog price
//! is sourced; a scenario with a currency gets its evaluation converted at the end at
//! the user's exchange rate and its date (stored with the revision). Every money figure
//! converts; an explanation keeps its sources in USD and shows the figure in USD and the
//! rate next to the converted value.

use crate::evaluate::Evaluation;
use crate::explain::{Explained, Input};
use crate::model::Breakdown;
use crate::projection::Series;
pub use crate::scenario::{is_date, symbol, Currency};
use std::borrow::Cow;

fn series(s: &mut Series, k: f64) {
    s.monthly.iter_mut().for_each(|x| *x *= k);
    s.cumulative.iter_mut().for_each(|x| *x *= k);
}

fn breakdown(b: &mut Breakdown, k: f64) {
    *b = b.scaled(k);
}

/// A unit written in USD, in `code` ("USD/month" -> "EUR/month").
fn unit(u: &str, code: &str) -> Option<String> {
    u.contains("USD").then(|| u.replace("USD", code))
}

/// The money among the inputs of a figure that is no money (a rate, a month), in the
/// page's currency.
fn money_inputs(e: &mut Explained, c: &Currency) {
    for i in e.inputs.iter_mut().filter(|i| i.computed) {
        if let Some(u) = unit(&i.unit, &c.code) {
            i.value *= c.per_usd;
            i.unit = Cow::Owned(u);
        }
    }
}

/// Converts an explained money figure: its value and its computed money inputs; its
/// sources stay in USD; the figure in USD and the rate are added.
fn explained(e: &mut Explained, c: &Currency) {
    let Some(u) = unit(&e.unit, &c.code) else {
        return;
    };
    let usd = e.value;
    let usd_unit = e.unit.to_string();
    e.value *= c.per_usd;
    e.unit = Cow::Owned(u);
    for i in e.inputs.iter_mut().filter(|i| i.computed) {
        if let Some(u) = unit(&i.unit, &c.code) {
            i.value *= c.per_usd;
            i.unit = Cow::Owned(u);
        }
    }
    e.formula = Cow::Owned(format!(
        "({}) × exchange rate; sources stay in USD",
        e.formula
    ));
    e.inputs.push(Input {
        name: Cow::Borrowed("the figure in USD"),
        value: usd,
        unit: Cow::Owned(usd_unit),
        source: None,
        as_of: None,
        computed: true,
    });
    e.inputs.push(Input {
        name: Cow::Borrowed("exchange rate"),
        value: c.per_usd,
        unit: Cow::Owned(format!("{} per USD", c.code)),
        source: Some(Cow::Owned(if c.source.trim().is_empty() {
            "typed in the scenario".into()
        } else {
            c.source.clone()
        })),
        as_of: Some(Cow::Owned(c.as_of.clone())),
        computed: false,
    });
}

impl Evaluation {
    /// Every money figure in `c`'s currency.
    pub fn convert(&mut self, c: &Currency) {
        let k = c.per_usd;
        for a in &mut self.api {
            explained(&mut a.monthly, c);
            explained(&mut a.per_1k_output, c);
            breakdown(&mut a.breakdown, k);
        }
        for s in &mut self.selfhosted {
            for e in [&mut s.monthly, &mut s.setup, &mut s.per_1k_output]
                .into_iter()
                .flatten()
            {
                explained(e, c);
            }
            breakdown(&mut s.breakdown, k);
        }
        if let Some(ch) = &mut self.cheapest {
            ch.monthly_cost *= k;
        }
        for p in &mut self.break_even {
            for x in &mut p.crossings {
                x.api_cost *= k;
                x.self_cost *= k;
            }
        }
        for s in &mut self.curves.series {
            s.costs.iter_mut().for_each(|x| *x *= k);
        }
        let h = &mut self.hybrid;
        for p in [&mut h.best, &mut h.all_api, &mut h.all_self]
            .into_iter()
            .flatten()
        {
            p.monthly_cost *= k;
            if let Some(x) = &mut p.explained {
                explained(x, c);
            }
        }
        for x in [&mut h.saving_vs_all_api, &mut h.saving_vs_all_self]
            .into_iter()
            .flatten()
        {
            *x *= k;
        }
        if let Some(e) = &mut h.escalation {
            e.monthly_cost *= k;
            if let Some(x) = &mut e.explained {
                explained(x, c);
            }
        }
        for t in &mut self.projection.tiers {
            series(t, k);
        }
        for cp in self.projection.configs.iter_mut().flatten() {
            series(&mut cp.accrual, k);
            series(&mut cp.cash, k);
            cp.purchases.iter_mut().for_each(|x| *x *= k);
            cp.value_left *= k;
        }
        let totals = &mut self.projection.totals;
        for x in totals
            .tiers
            .iter_mut()
            .chain(totals.configs.iter_mut().flatten())
        {
            explained(x, c);
        }
        if let Some(plan) = &mut self.projection.plan {
            series(&mut plan.series, k);
        }
        for a in &mut self.finance.against_plan {
            explained(&mut a.npv, c);
            if let Some(e) = &mut a.payback_explained {
                money_inputs(e, c);
            }
        }
        for a in &mut self.finance.appraisals {
            explained(&mut a.npv, c);
            a.undiscounted *= k;
            a.value_left *= k;
            if let Some(t) = &mut a.after_tax {
                explained(t, c);
            }
            if let Some(u) = &mut a.undiscounted_explained {
                explained(u, c);
            }
            for e in [
                &mut a.irr_explained,
                &mut a.payback_explained,
                &mut a.discounted_payback_explained,
            ]
            .into_iter()
            .flatten()
            {
                money_inputs(e, c);
            }
        }
        for p in &mut self.internal_prices {
            explained(&mut p.input_per_mtok, c);
            explained(&mut p.output_per_mtok, c);
            p.monthly_cost *= k;
        }
        self.currency = Some(c.clone());
    }
}
