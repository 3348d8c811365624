//! The finance inputs of a scenario beyond the hurdle rate: the tax view and the credit
//! for hardware value left at the horizon's end.

use serde::{Deserialize, Serialize};

/// An optional tax view: after-tax NPV at the user's tax rate, with purchased hardware
/// deducted on the user's depreciation schedule. No country's rules are built in.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct TaxView {
    /// Marginal rate on profit (0.25 = 25%).
    pub rate: f64,
    pub schedule: TaxSchedule,
    /// Years of the straight-line schedule; the declining balance runs at 2 / years a
    /// year (double declining).
    pub years: f64,
}

impl Default for TaxView {
    fn default() -> Self {
        TaxView {
            rate: 0.25,
            schedule: TaxSchedule::StraightLine,
            years: 5.0,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum TaxSchedule {
    /// The purchase deducted evenly over `years`.
    #[default]
    StraightLine,
    /// Each month 2 / years / 12 of what is left deducted (no switch to straight line).
    DecliningBalance,
    /// The whole purchase deducted in the month it is paid.
    Immediate,
}
