//! The presentation's, the printout's and the comparison's figures, worked out here so
//! that the browser gets only what those pages show (`crate::dto::Report`).

use crate::dto::{CompareAnswers, Evaluated, Report, ReportOption};
use crate::format::{money_in, ShownCurrency};
use engine::report::{assumption_groups, headline};
use engine::{fmt_num, Evaluation};

impl Report {
    /// The report of `e` as drawn on `today` (YYYY-MM-DD), which dates the exchange rate.
    pub fn of(e: &Evaluation, today: &str) -> Report {
        let (npv_head, npv_cells) = super::finance::print_column(e).unzip();
        let npv_cells = npv_cells.unwrap_or_default();
        let npv = |k: usize| {
            npv_cells
                .iter()
                .find(|(c, _)| *c == k)
                .map(|(_, cell)| cell.clone())
        };
        let options = e
            .api
            .iter()
            .map(|a| ReportOption {
                name: a.name.clone(),
                monthly: a.monthly.value,
                per_1k_output: a.per_1k_output.value,
                setup: None,
                npv: None,
                warnings: Vec::new(),
            })
            .chain(e.selfhosted.iter().enumerate().filter_map(|(k, s)| {
                Some(ReportOption {
                    name: s.name.clone(),
                    monthly: s.monthly.as_ref()?.value,
                    per_1k_output: s.per_1k_output.as_ref()?.value,
                    setup: s.setup.as_ref().map(|x| x.value),
                    npv: npv(k),
                    warnings: s.warnings.clone(),
                })
            }))
            .collect();
        Report {
            currency: ShownCurrency::code_of(e),
            headline: headline(e),
            calls_per_month: e.volume.calls_per_month,
            output_tokens_per_month: e.volume.output_tokens_per_month,
            options,
            cannot_serve: e
                .selfhosted
                .iter()
                .filter_map(|s| Some((s.name.clone(), s.unusable.clone()?)))
                .collect(),
            npv_head,
            break_even: super::break_even::grid(e),
            assumptions: assumption_groups(e),
            age_notes: engine::report::age_notes(e, today),
        }
    }
}

impl CompareAnswers {
    pub fn of(evaluated: &Evaluated) -> CompareAnswers {
        let e = match evaluated {
            Evaluated::Ok(e) => e,
            Evaluated::Invalid(errs) => {
                return CompareAnswers {
                    currency: "USD".into(),
                    per_usd: 1.0,
                    summary: format!(
                        "{} input(s) are invalid, so there are no answers",
                        errs.len()
                    ),
                    costs: Vec::new(),
                    break_even: Vec::new(),
                }
            }
        };
        let currency = ShownCurrency::code_of(e);
        let summary = match headline(e) {
            Some(h) => {
                let be = h
                    .break_even_calls
                    .map(|x| {
                        let note = h
                            .break_even_note
                            .as_ref()
                            .map(|n| format!(" ({n})"))
                            .unwrap_or_default();
                        format!(
                            "; self-hosting breaks even at {} calls/month{note}",
                            fmt_num(x)
                        )
                    })
                    .unwrap_or_default();
                // The compare page shows no notes: the caveat itself, the first of several.
                let caveat = match engine::report::first_caveat(&h.cheapest_caveats) {
                    c if c.is_empty() => c,
                    c => format!(" ({c})"),
                };
                format!(
                    "Cheapest: {} at {}/month{caveat}{be}",
                    h.cheapest,
                    money_in(h.cheapest_cost, &currency),
                )
            }
            None => "No option can serve this workload".into(),
        };
        CompareAnswers {
            per_usd: e.currency.as_ref().map_or(1.0, |c| c.per_usd),
            summary,
            costs: e
                .api
                .iter()
                .map(|a| (a.name.clone(), Ok(a.monthly.value)))
                .chain(e.selfhosted.iter().map(|s| {
                    let cost = match (&s.monthly, &s.unusable) {
                        (Some(m), _) => Ok(m.value),
                        (None, Some(why)) => Err(format!("cannot serve: {why}")),
                        (None, None) => Err("no cost worked out".to_string()),
                    };
                    (s.name.clone(), cost)
                }))
                .collect(),
            break_even: e.break_even.iter().map(|p| p.statement.clone()).collect(),
            currency,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A configuration that cannot serve (a model too large for its GPUs) has no row of
    /// costs; the report keeps it with why, for the printout to say.
    #[test]
    fn a_configuration_that_cannot_serve_is_kept_with_why() {
        let mut s = engine::templates::sonnet_vs_2xa100();
        let mut small = s.gpu_configs[0].clone();
        small.name = "One A100".into();
        small.gpus_per_replica = 1;
        s.gpu_configs.push(small);
        let e = engine::evaluate_document(s, engine::Options::default()).expect("valid");
        let r = Report::of(&e, "2026-12-07");
        assert!(!r.options.iter().any(|o| o.name == "One A100"));
        let (name, why) = r.cannot_serve.first().expect("one left out");
        assert_eq!(name, "One A100");
        assert!(why.contains("does not fit"), "{why}");
    }
}
