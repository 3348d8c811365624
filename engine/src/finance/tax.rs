//! The after-tax view: a configuration's operating cash (everything but hardware
//! purchases) and the API's cost are deducted when paid, hardware is deducted on the
//! user's schedule, and a saving is taxed at the user's rate (a loss is assumed to
//! offset other profit in the same month). No country's rules are built in.

use crate::scenario::{TaxSchedule, TaxView};

/// Each month's tax deduction for hardware bought as `purchases` (cash per month), and
/// the tax basis not yet deducted at the horizon's end.
pub fn depreciation(purchases: &[f64], tax: &TaxView) -> (Vec<f64>, f64) {
    let months = purchases.len();
    let mut dep = vec![0.0; months];
    let mut left = 0.0;
    for (m, &p) in purchases.iter().enumerate() {
        if p <= 0.0 {
            continue;
        }
        let mut basis = p;
        match tax.schedule {
            TaxSchedule::Immediate => {
                dep[m] += p;
                basis = 0.0;
            }
            TaxSchedule::StraightLine => {
                let life = tax.years * 12.0;
                for (t, d) in dep.iter_mut().enumerate().skip(m) {
                    // A fractional life deducts its last part in its last month.
                    let covered = (life - (t - m) as f64).clamp(0.0, 1.0);
                    let x = p / life * covered;
                    *d += x;
                    basis -= x;
                }
            }
            TaxSchedule::DecliningBalance => {
                let rate = 2.0 / tax.years / 12.0;
                for d in dep.iter_mut().skip(m) {
                    let x = basis * rate.min(1.0);
                    *d += x;
                    basis -= x;
                }
            }
        }
        left += basis.max(0.0);
    }
    (dep, left)
}

/// After-tax savings per month. `savings` are the pre-tax cash savings (tier cash minus
/// the configuration's cash), `purchases` the configuration's hardware cash per month,
/// `value_left` the credit at the horizon's end (`None` when not credited): it is taxed
/// on what it exceeds the basis not yet deducted, so a credited value of 0 still deducts
/// that basis.
pub fn after_tax_flows(
    savings: &[f64],
    purchases: &[f64],
    value_left: Option<f64>,
    tax: &TaxView,
) -> Vec<f64> {
    let (dep, basis_left) = depreciation(purchases, tax);
    let mut flows: Vec<f64> = savings
        .iter()
        .zip(purchases.iter().chain(std::iter::repeat(&0.0)))
        .zip(dep.iter().chain(std::iter::repeat(&0.0)))
        .map(|((s, p), d)| (s + p) * (1.0 - tax.rate) - p + tax.rate * d)
        .collect();
    if let (Some(last), Some(v)) = (flows.last_mut(), value_left) {
        *last += v - tax.rate * (v - basis_left);
    }
    flows
}

#[cfg(test)]
mod tests {
    use super::*;

    fn view(schedule: TaxSchedule, years: f64) -> TaxView {
        TaxView {
            rate: 0.25,
            schedule,
            years,
        }
    }

    #[test]
    fn schedules_by_hand() {
        // 12,000 bought in month 1 over 1 year: 1,000 a month, nothing left.
        let (d, left) = depreciation(&[12_000.0, 0.0, 0.0], &view(TaxSchedule::StraightLine, 1.0));
        assert_eq!(d, vec![1000.0, 1000.0, 1000.0]);
        assert!((left - 9000.0).abs() < 1e-9);
        // Immediate: all in the month of purchase.
        let (d, left) = depreciation(&[0.0, 600.0], &view(TaxSchedule::Immediate, 5.0));
        assert_eq!((d, left), (vec![0.0, 600.0], 0.0));
        // Declining balance over 2 years: 1/12 a month of what is left.
        let (d, left) = depreciation(&[1200.0, 0.0], &view(TaxSchedule::DecliningBalance, 2.0));
        assert!(
            (d[0] - 100.0).abs() < 1e-9 && (d[1] - 1100.0 / 12.0).abs() < 1e-9,
            "{d:?}"
        );
        assert!((left - (1100.0 - 1100.0 / 12.0)).abs() < 1e-9);
        // Half a year: 2,000 a month for 6 months, the basis gone.
        let (d, left) = depreciation(
            &[12_000.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0],
            &view(TaxSchedule::StraightLine, 0.5),
        );
        assert_eq!(d[..6], [2000.0; 6]);
        assert_eq!((d[6], left), (0.0, 0.0));
    }

    #[test]
    fn after_tax_by_hand() {
        // Month 1: hardware 1,200 bought, API cost 500, config's operating cash 100:
        // savings = 500 - 1300 = -800; immediate expensing at 25%:
        // (-800 + 1200) * 0.75 - 1200 + 0.25 * 1200 = 300 - 1200 + 300 = -600.
        // Month 2: savings 400, no purchase: 400 * 0.75 = 300.
        let f = after_tax_flows(
            &[-800.0, 400.0],
            &[1200.0, 0.0],
            None,
            &view(TaxSchedule::Immediate, 1.0),
        );
        assert_eq!(f, vec![-600.0, 300.0]);
        // A value left of 500 over a basis of 0 is taxed: 500 - 125.
        let f = after_tax_flows(
            &[-800.0, 400.0],
            &[1200.0, 0.0],
            Some(500.0),
            &view(TaxSchedule::Immediate, 1.0),
        );
        assert_eq!(f, vec![-600.0, 675.0]);
        // Credited at a value of 0: 12,000 bought, straight line over a year, 2,000
        // deducted in two months; the 10,000 left is deducted at 25% in the last: +2,500.
        let sl = view(TaxSchedule::StraightLine, 1.0);
        let plain = after_tax_flows(&[0.0, 0.0], &[12_000.0, 0.0], None, &sl);
        let at_zero = after_tax_flows(&[0.0, 0.0], &[12_000.0, 0.0], Some(0.0), &sl);
        assert!(
            (at_zero[1] - plain[1] - 2_500.0).abs() < 1e-9,
            "{plain:?} {at_zero:?}"
        );
        // At a rate of 0 the flows are the savings.
        let zero = TaxView {
            rate: 0.0,
            ..view(TaxSchedule::StraightLine, 3.0)
        };
        assert_eq!(
            after_tax_flows(&[-800.0, 400.0], &[1200.0, 0.0], None, &zero),
            vec![-800.0, 400.0]
        );
    }
}
