//! How an appraisal's IRR and paybacks were found: the flows they rest on, so the finance
//! table's every figure explains itself as its NPV does.

use crate::explain::Explained;

/// The IRR's explanation, where there is one: the monthly rate solved for, the first
/// months' flows, and why a rate above 1,000% a year is written "> 1,000%".
pub(super) fn irr(flows: &[f64], per_year: f64) -> Explained {
    let monthly = (1.0 + per_year).powf(1.0 / 12.0) - 1.0;
    let capped = if per_year > super::IRR_SHOWN_UP_TO {
        "; above 1,000% a year it is written \"> 1,000%\": the outlay is small next to the savings that follow it, so it is earned back within weeks and a larger figure would say nothing more"
    } else {
        ""
    };
    let mut e = Explained::new(
        per_year,
        "share a year",
        format!(
            "the yearly rate r at which the NPV of the same {} monthly flows is 0: Σ flowₜ / (1 + m)^(t − 1) = 0 for the monthly rate m, and r = (1 + m)^12 − 1{capped}",
            flows.len()
        ),
    );
    if per_year <= super::IRR_SHOWN_UP_TO {
        e = e.computed("monthly rate m", monthly, "per month");
    }
    for (t, f) in flows.iter().enumerate().take(3) {
        e = e.computed(format!("flow, month {}", t + 1), *f, "USD");
    }
    e.computed("undiscounted sum of the flows", flows.iter().sum(), "USD")
}

/// A payback month's explanation: the running total of the savings just before and at
/// that month (`rate` the monthly discount rate for the discounted payback, else none).
pub(super) fn payback(savings: &[f64], month: u32, rate: Option<f64>) -> Explained {
    let formula = match rate {
        None => "the first month from which the running total of cash savings (the tier's cost − the configuration's, hardware counted when bought; a value left is not cash until sold) stays at or above 0 to the horizon's end",
        Some(_) => "the first month from which the running total of discounted cash savings (each month's saving / (1 + r)^(t − 1), hardware counted when bought) stays at or above 0 to the horizon's end",
    };
    let discount = |t: usize| rate.map_or(1.0, |r| (1.0 + r).powi(-(t as i32)));
    let total_at = |m: usize| -> f64 {
        savings
            .iter()
            .take(m)
            .enumerate()
            .map(|(t, s)| s * discount(t))
            .sum()
    };
    let m = month as usize;
    let mut e = Explained::new(f64::from(month), "month", formula);
    if let Some(r) = rate {
        e = e.computed("monthly rate r", r, "per month");
    }
    e = e.computed(
        "saving, month 1",
        savings.first().copied().unwrap_or(0.0),
        "USD",
    );
    if m > 1 {
        e = e.computed(
            format!("running total, month {}", m - 1),
            total_at(m - 1),
            "USD",
        );
    }
    e.computed(format!("running total, month {m}"), total_at(m), "USD")
}

/// The undiscounted sum's explanation: the months summed, the first and last, and the
/// value left when credited.
pub(super) fn undiscounted(flows: &[f64], value_left: f64) -> Explained {
    let mut e = Explained::new(
        flows.iter().sum(),
        "USD",
        format!(
            "Σ over the {} months of (the tier's cash − the configuration's cash), not discounted; hardware counted when bought{}",
            flows.len(),
            if value_left > 0.0 {
                ", and its value left credited in the last month"
            } else {
                ""
            }
        ),
    );
    if let Some(f) = flows.first() {
        e = e.computed("saving, month 1", *f, "USD");
    }
    if let Some(f) = flows.last().filter(|_| flows.len() > 1) {
        let with = if value_left > 0.0 {
            " (the value left included)"
        } else {
            ""
        };
        e = e.computed(format!("saving, month {}{with}", flows.len()), *f, "USD");
    }
    if value_left > 0.0 {
        e = e.computed(
            "hardware value left, credited in the last month",
            value_left,
            "USD",
        );
    }
    e
}
