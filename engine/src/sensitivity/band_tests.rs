//! The band's samples and percentiles.
use super::percentiles;
use proptest::prelude::*;

/// A sample's cost curve is the model's own, bought replicas (the marginal lens) and a
/// commitment included: the band is drawn around the line, not below it.
#[test]
fn a_samples_curve_is_the_models_cost() {
    use crate::scenario::{Commitment, CostLens, Hosting, OnPremPricing};
    let mut s = crate::templates::haiku_vs_4090();
    s.cost_lens = CostLens::Marginal;
    s.gpu_configs[0].hosting = Hosting::OnPrem(OnPremPricing::default());
    if let Hosting::Cloud(c) = &mut s.gpu_configs[1].hosting {
        c.commitment = Some(Commitment {
            term_months: 12,
            replicas: 2,
            discount: 0.3,
            upfront_share: 0.0,
        });
    }
    let m = crate::model::Model::build(&crate::validate(s).expect("valid"));
    assert!(m.selfhosted[0].later.extra_capex > 0.0);
    for sh in &m.selfhosted {
        let c = super::Coeffs::of(sh);
        for x in [0.1, 0.5, 1.0, 1.7, 3.0, 9.5, 40.0] {
            let (got, want) = (c.cost_at(x), sh.cost_at(x));
            assert!(
                (got - want).abs() <= 1e-9 * want.abs().max(1.0),
                "at {x}: {got} vs {want}"
            );
        }
    }
}

proptest! {
    #[test]
    fn percentiles_equal_sorting(mut xs in proptest::collection::vec(-1e6..1e6f64, 1..500), dup in 0usize..50) {
        // duplicates, as step-shaped costs produce
        let d: Vec<f64> = xs.iter().take(dup).copied().collect();
        xs.extend(d);
        let mut sorted = xs.clone();
        sorted.sort_by(|a, b| a.total_cmp(b));
        let n = xs.len();
        let want = [0.1, 0.5, 0.9].map(|q| sorted[((n - 1) as f64 * q).round() as usize]);
        prop_assert_eq!(percentiles(&xs), want);
    }
}
