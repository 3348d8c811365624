//! The tax deduction of bought hardware on sheet `Calc`, one column per configuration, on
//! the schedule the scenario picked (`engine::finance::tax`): immediate expensing, straight
//! line over the tax life, or double-declining balance (with a column of the basis left).

use super::{cached, Formats, Sheet};
use engine::scenario::{TaxSchedule, TaxView};
use rust_xlsxwriter::utility::row_col_to_cell;
use rust_xlsxwriter::XlsxError;

/// Where the projection's rows and the columns a deduction reads are.
pub(super) struct Cols {
    pub head: u32,
    pub first: u32,
    pub last: u32,
    pub month: u16,
    pub bought: u16,
}

/// Writes the deduction column (and, for declining balance, the basis column after it)
/// headed `name`; returns the deduction's column. Cached values: the engine's.
pub(super) fn deduction(
    sh: &mut Sheet,
    f: &Formats,
    tax: &TaxView,
    name: &str,
    at: Cols,
    purchases: &[f64],
    col: &mut u16,
) -> Result<u16, XlsxError> {
    let c = *col;
    *col += 1;
    sh.ws.write_string_with_format(at.head, c, name, &f.bold)?;
    let (dep, _) = engine::finance::tax::depreciation(purchases, tax);
    let cell = |r: u32, c: u16| row_col_to_cell(r, c);
    let abs = |c: u16| {
        let a = row_col_to_cell(at.first, c);
        let letters: String = a.chars().take_while(|x| x.is_ascii_alphabetic()).collect();
        format!("${letters}${}", at.first + 1)
    };
    let basis = match tax.schedule {
        TaxSchedule::DecliningBalance => {
            let b = *col;
            *col += 1;
            let label = format!("{name}: basis not yet deducted");
            sh.ws.write_string_with_format(at.head, b, label, &f.bold)?;
            Some(b)
        }
        _ => None,
    };
    let mut left = 0.0;
    for r in at.first..=at.last {
        let i = (r - at.first) as usize;
        let (t, p) = (cell(r, at.month), cell(r, at.bought));
        let fm = match tax.schedule {
            TaxSchedule::Immediate => format!("={p}"),
            TaxSchedule::StraightLine => {
                let (pr, mr) = (
                    format!("{}:{p}", abs(at.bought)),
                    format!("{}:{t}", abs(at.month)),
                );
                format!(
                    "=(SUMPRODUCT({pr}*(({t}-{mr})<INT(tax_life*12)))+SUMPRODUCT({pr}*(({t}-{mr})=INT(tax_life*12)))*(tax_life*12-INT(tax_life*12)))/(tax_life*12)"
                )
            }
            TaxSchedule::DecliningBalance => {
                let prev = match (basis, r > at.first) {
                    (Some(b), true) => cell(r - 1, b),
                    _ => "0".into(),
                };
                format!("=({prev}+{p})*MIN(2/tax_life/12,1)")
            }
        };
        sh.ws.write_formula(r, c, cached(fm, dep[i]))?;
        if let Some(b) = basis {
            let prev = if r > at.first {
                cell(r - 1, b)
            } else {
                "0".into()
            };
            left += purchases.get(i).copied().unwrap_or(0.0) - dep[i];
            let fm = format!("={prev}+{p}-{}", cell(r, c));
            sh.ws.write_formula(r, b, cached(fm, left))?;
        }
    }
    Ok(c)
}
