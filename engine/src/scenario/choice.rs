//! The document's closed sets of choices (precision, billing, cost lens, ...): each
//! value's stored name (as in the JSON document) and its label, written once. The
//! editor's selects and any text-to-value conversion go through [`Choice`].

use super::{Billing, CostLens, Precision, PriceKind, ReplicaMode, TaxSchedule};

/// A closed set of named values.
pub trait Choice: Copy + PartialEq + Sized + 'static {
    /// Every value, in the order a select lists them.
    const ALL: &'static [Self];
    /// The stored name (the serde name in documents).
    fn as_str(self) -> &'static str;
    /// What a person reads.
    fn label(self) -> &'static str;
    /// The value stored as `name`, if any.
    fn from_name(name: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|c| c.as_str() == name)
    }
}

/// A stored name that is not one of the choices.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("'{0}' is not one of the choices")]
pub struct UnknownChoice(pub String);

macro_rules! choices {
    ($t:ty { $($v:ident => $name:literal, $label:literal;)+ }) => {
        impl Choice for $t {
            const ALL: &'static [Self] = &[$(<$t>::$v),+];
            fn as_str(self) -> &'static str {
                match self { $(<$t>::$v => $name),+ }
            }
            fn label(self) -> &'static str {
                match self { $(<$t>::$v => $label),+ }
            }
        }
        impl std::str::FromStr for $t {
            type Err = UnknownChoice;
            fn from_str(s: &str) -> Result<Self, UnknownChoice> {
                <$t as Choice>::from_name(s).ok_or_else(|| UnknownChoice(s.to_string()))
            }
        }
    };
}

choices!(Precision {
    Bf16 => "bf16", "bf16";
    Fp8 => "fp8", "fp8";
    Int8 => "int8", "int8";
    Q4 => "q4", "4-bit (Q4_K_M)";
});
choices!(CostLens {
    FullyLoaded => "fully_loaded", "fully loaded (everything)";
    Marginal => "marginal", "marginal (hardware owned at the start and setup already spent)";
});
choices!(Billing {
    AlwaysOn => "always_on", "always on";
    ActiveWindow => "active_window", "active window (hours/day)";
    ScaleToZero => "scale_to_zero", "scale to zero";
});
choices!(ReplicaMode {
    AsNeeded => "as_needed", "as many as the load needs";
    Fixed => "fixed", "a fixed number";
});
choices!(TaxSchedule {
    StraightLine => "straight_line", "straight line over N years";
    DecliningBalance => "declining_balance", "declining balance (2 / N a year)";
    Immediate => "immediate", "immediate expensing";
});
choices!(PriceKind {
    OnDemand => "on_demand", "on-demand";
    Spot => "spot", "spot";
    Reserved => "reserved", "reserved";
});

#[cfg(test)]
mod tests {
    use super::*;

    /// The stored name is the serde name, so a select's value reads back as the same
    /// document field; every name parses back to its value.
    fn round_trip<T: Choice + serde::Serialize + std::str::FromStr + std::fmt::Debug>() {
        for &c in T::ALL {
            assert_eq!(
                serde_json::to_value(c).expect("serialize"),
                serde_json::Value::String(c.as_str().into())
            );
            assert_eq!(c.as_str().parse::<T>().ok(), Some(c));
            assert!(!c.label().is_empty());
        }
        assert!("no-such-choice".parse::<T>().is_err());
    }

    #[test]
    fn names_are_the_document_names_and_parse_back() {
        round_trip::<Precision>();
        round_trip::<CostLens>();
        round_trip::<Billing>();
        round_trip::<ReplicaMode>();
        round_trip::<PriceKind>();
        round_trip::<TaxSchedule>();
    }
}
