//! Tests of `decision.rs`: how money is written.
use super::money_in;

/// Cents from 10, whole units from 1,000, and below 10 the page's digits: a tiny
/// workload's token cost is not written as nothing.
#[test]
fn money_keeps_what_a_reader_needs() {
    assert_eq!(money_in(0.0, "USD"), "$0");
    assert_eq!(money_in(0.0042, "USD"), "$0.0042");
    assert_eq!(money_in(-0.0062, "EUR"), "−€0.0062");
    assert_eq!(money_in(0.01, "USD"), "$0.01");
    assert_eq!(money_in(12.5, "USD"), "$12.50");
    assert_eq!(money_in(1_234.5, "USD"), "$1,235");
    assert_eq!(money_in(3.14567, "USD"), "$3.1457");
    assert_eq!(money_in(-0.001, "USD"), "−$0.0010");
    // A column of per-1K costs: four decimals each under a cent.
    let column: Vec<String> = [0.0056, 0.007, 0.005918, 0.004651]
        .iter()
        .map(|&x| money_in(x, "USD"))
        .collect();
    assert_eq!(column, ["$0.0056", "$0.0070", "$0.0059", "$0.0047"]);
    assert_eq!(money_in(0.000012, "USD"), "$0.000012", "far under a cent");
    assert_eq!(money_in(-1e-13, "USD"), "$0", "no minus on a zero");
    assert_eq!(money_in(999.996, "USD"), "$1,000");
    assert_eq!(money_in(f64::NAN, "USD"), "–");
}
