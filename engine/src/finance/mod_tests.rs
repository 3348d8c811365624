//! Tests of `mod.rs`: NPV, IRR, paybacks.
use super::*;

#[test]
fn hand_computed() {
    // 10% a year is 0.7974% a month: 1.1^(1/12) = 1.0079741404...
    assert!((monthly_rate(0.10) - 0.007_974_140_428_903_741).abs() < 1e-15);
    // -1000 now, +600 in each of the next two months at 1% a month:
    // -1000 + 600/1.01 + 600/1.0201 = -1000 + 594.0594 + 588.1776 = 182.2370.
    let v = npv(&[-1000.0, 600.0, 600.0], 0.01);
    assert!((v - 182.237_035_584_746_6).abs() < 1e-9, "{v}");
    // IRR: -1000 + 600x + 600x² = 0, x = 1/(1+r): x = (-600 + √(360000 + 2400000)) / 1200
    // = 0.8844, r = 13.0662% a month.
    let r = irr_monthly(&[-1000.0, 600.0, 600.0]).unwrap_or(f64::NAN);
    let x = (-600.0 + (360_000.0f64 + 2_400_000.0).sqrt()) / 1200.0;
    assert!((r - (1.0 / x - 1.0)).abs() < 1e-12, "{r}");
    // Earned back exactly by the last month: the return is 0, not "never earned back".
    assert_eq!(irr_monthly(&[-1.0, 1.0]), Ok(0.0));
    // 799 a month lies between the last doubling (512) and the cap (1,000): found.
    let r = irr_monthly(&[-100.0, 80_000.0]).unwrap_or(f64::NAN);
    assert!((r - 799.0).abs() < 1e-9, "{r}");
    assert!(irr_monthly(&[-1.0, 2_000.0]).is_err_and(|w| w.contains("100,000%")));
    assert_eq!(irr_monthly(&[-300.0, 100.0, 100.0, 100.0]), Ok(0.0));
    assert!(irr_monthly(&[-300.0, 100.0, 100.0, 99.0]).is_err());
    assert!(irr_monthly(&[100.0, 50.0]).is_err());
    assert!(irr_monthly(&[-100.0, -50.0]).is_err());
    assert!(matches!(irr_monthly(&[-100.0, 300.0, -250.0]), Err(w) if w.contains("2 times")));
    // A later purchase month turns one month negative: the running total still
    // changes sign once, so the rate is unique (Norström) and found.
    let mut later = vec![-3600.0];
    later.extend([400.0; 11]);
    later.push(-100.0);
    later.extend([400.0; 11]);
    let r = irr_monthly(&later).unwrap_or(f64::NAN);
    assert!(npv(&later, r).abs() < 1e-6, "{r}");
    assert!(irr_monthly(&[-1.0, f64::NAN, 3.0]).is_err());
    // An API price that falls: paid back early, dearer again late. The running total
    // changes sign once and ends positive: the rate above 0 is found, not refused for
    // the one below 0 that makes the NPV 0 too.
    let mut falling = vec![-3000.0];
    falling.extend([1500.0; 10]);
    falling.extend([-400.0; 13]);
    let r = irr_monthly(&falling).expect("a rate");
    assert!(r > 0.0 && npv(&falling, r).abs() < 1e-6, "{r}");
    // A first month of -1e-12 next to 100s is no outlay.
    assert!(
        matches!(irr_monthly(&[-1e-12, 100.0, 100.0]), Err(w) if w.starts_with("no net outlay"))
    );
    // 120 months at the lower bound stay finite.
    let long: Vec<f64> = std::iter::once(-1000.0)
        .chain(std::iter::repeat_n(0.0, 119))
        .collect();
    assert!(irr_monthly(&long).is_err());
    // Cumulative: -1000, -400, +200: paid back in month 3.
    assert_eq!(payback([-1000.0, 600.0, 600.0].into_iter()), Some(3));
    assert_eq!(payback([-1000.0, 400.0, 400.0].into_iter()), None);
    // Ahead in month 1, behind again after a purchase in month 2, ahead from month 4.
    assert_eq!(
        payback([100.0, -300.0, 100.0, 200.0, 50.0].into_iter()),
        Some(4)
    );
    assert_eq!(payback([100.0, -300.0].into_iter()), None);
    assert_eq!(payback([100.0, 50.0].into_iter()), Some(1));
}
