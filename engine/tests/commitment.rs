//! Commitments for rented GPUs: a fixed cash flow for the term (up front plus monthly),
//! paid whether used or not; load above the committed replicas on demand; after the
//! term, every replica on demand. Hand-computed on the article's RTX 4090 template.

use engine::scenario::{Billing, Commitment, Hosting, ReplicaMode, Scenario};
use engine::{evaluate_document, templates, validate, Evaluation, Options};

/// The article's RTX 4090 (config 0) at a fixed number of replicas, committed.
fn committed(replicas: u32, fixed: u32, k: Commitment) -> Scenario {
    let mut s = templates::haiku_vs_4090();
    s.horizon_months = 24;
    let g = &mut s.gpu_configs[0];
    g.replica_mode = ReplicaMode::Fixed;
    g.replicas = fixed;
    g.reserve_replicas = 0;
    if let Hosting::Cloud(c) = &mut g.hosting {
        c.billing = Billing::AlwaysOn;
        c.commitment = Some(Commitment { replicas, ..k });
    }
    s
}

fn eval(s: Scenario) -> Evaluation {
    evaluate_document(s, Options::default()).unwrap_or_else(|e| panic!("{e:?}"))
}

fn hourly(s: &Scenario) -> f64 {
    match &s.gpu_configs[0].hosting {
        Hosting::Cloud(c) => c.hourly_usd,
        Hosting::OnPrem(_) => f64::NAN,
    }
}

#[test]
fn a_commitment_is_paid_up_front_and_monthly_for_its_term_then_on_demand() {
    let k = Commitment {
        term_months: 12,
        replicas: 2,
        discount: 0.4,
        upfront_share: 0.5,
    };
    let plain = {
        let mut s = committed(2, 3, k.clone());
        if let Hosting::Cloud(c) = &mut s.gpu_configs[0].hosting {
            c.commitment = None;
        }
        eval(s)
    };
    let s = committed(2, 3, k);
    let (h, hours, idle) = (
        hourly(&s),
        s.hours_per_month,
        s.gpu_configs[0].idle_overhead,
    );
    let e = eval(s);
    let cp = e.projection.configs[0].as_ref().expect("usable");
    let base = plain.projection.configs[0].as_ref().expect("usable");
    // Two committed RTX 4090s at 60% of the on-demand price, every hour of the month,
    // with the idle overhead as on demand.
    let commit = 2.0 * h * 0.6 * hours * (1.0 + idle);
    // On demand, one replica costs its GPU time plus the idle overhead.
    let on_demand_replica = h * hours * (1.0 + idle);
    let gap = 2.0 * on_demand_replica - commit;
    for t in 0..24 {
        let saved = base.accrual.monthly[t] - cp.accrual.monthly[t];
        let want = if t < 12 { gap } else { 0.0 };
        assert!(
            (saved - want).abs() < 1e-6,
            "accrual, month {}: {saved} vs {want}",
            t + 1
        );
        let cash_gap = base.cash.monthly[t] - cp.cash.monthly[t];
        let want = match t {
            0 => 2.0 * on_demand_replica - (0.5 * commit * 12.0 + 0.5 * commit),
            1..=11 => 2.0 * on_demand_replica - 0.5 * commit,
            _ => 0.0,
        };
        assert!(
            (cash_gap - want).abs() < 1e-6,
            "cash, month {}: {cash_gap} vs {want}",
            t + 1
        );
    }
    // Cash and accrual pay the same in total.
    let (cash, accrual) = (cp.cash.cumulative[23], cp.accrual.cumulative[23]);
    assert!((cash - accrual).abs() < 1e-6 * cash, "{cash} vs {accrual}");
    // The explanation says what was committed.
    let m = e.selfhosted[0].monthly.as_ref().expect("monthly");
    assert!(m.formula.contains("committed replicas"), "{}", m.formula);
    assert!(m
        .inputs
        .iter()
        .any(|i| i.name == "committed replicas" && i.value == 2.0));
}

#[test]
fn committed_replicas_are_paid_when_idle() {
    let k = Commitment {
        term_months: 24,
        replicas: 5,
        discount: 0.3,
        upfront_share: 0.0,
    };
    let s = committed(5, 1, k);
    let (h, hours, idle) = (
        hourly(&s),
        s.hours_per_month,
        s.gpu_configs[0].idle_overhead,
    );
    let e = eval(s);
    let cp = e.projection.configs[0].as_ref().expect("usable");
    // One replica serves, five are paid: the cost is the five, with nothing on demand.
    let people = cp.accrual.monthly[5] - 5.0 * h * 0.7 * hours * (1.0 + idle);
    let more = committed(
        5,
        4,
        Commitment {
            term_months: 24,
            replicas: 5,
            discount: 0.3,
            upfront_share: 0.0,
        },
    );
    let e4 = eval(more);
    let cp4 = e4.projection.configs[0].as_ref().expect("usable");
    assert!((cp4.accrual.monthly[5] - cp.accrual.monthly[5]).abs() < 1e-9);
    assert!(people > 0.0 && people < 1000.0, "people costs {people}");
}

#[test]
fn bad_commitments_get_a_message_at_the_field() {
    let k = Commitment {
        term_months: 36,
        replicas: 0,
        discount: 1.2,
        upfront_share: -0.1,
    };
    let mut s = committed(0, 1, k);
    s.horizon_months = 24;
    if let Hosting::Cloud(c) = &mut s.gpu_configs[0].hosting {
        c.billing = Billing::ScaleToZero;
    }
    let errors = validate(s).expect_err("invalid").0;
    let at = |path: &str| {
        errors
            .iter()
            .find(|e| e.path == path)
            .map(|e| e.message.clone())
            .unwrap_or_else(|| panic!("no message at {path}: {errors:?}"))
    };
    assert!(at("gpu_configs[0].hosting.commitment.term_months")
        .contains("longer than the 24-month horizon"));
    assert!(at("gpu_configs[0].hosting.commitment.replicas").contains("between 1"));
    assert!(at("gpu_configs[0].hosting.commitment.discount").contains("below 1"));
    assert!(at("gpu_configs[0].hosting.commitment.upfront_share").contains("between 0 and 1"));
    assert!(at("gpu_configs[0].hosting.billing").contains("cannot scale to zero"));
}

mod break_even {
    use super::*;
    use engine::internals::{first_cheaper, solve, Model};
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(48))]
        /// With committed replicas the break-even is still exact: every crossing lies on
        /// both cost lines, and the first volume where self-hosting is cheaper (found by a
        /// fine scan of the two costs) is the one the solver gives.
        #[test]
        fn crossings_with_a_commitment_match_a_scan(
            replicas in 1u32..8, reserves in 0u32..3, discount in 0.0..0.9f64, calls in 50_000.0..2_000_000.0f64,
        ) {
            let mut s = templates::haiku_vs_4090();
            s.task_types[0].calls_per_month = calls;
            let g = &mut s.gpu_configs[1];
            g.reserve_replicas = reserves;
            if let Hosting::Cloud(c) = &mut g.hosting {
                c.commitment = Some(Commitment { term_months: 24, replicas, discount, upfront_share: 0.0 });
            }
            let v = validate(s).unwrap_or_else(|e| panic!("{e:?}"));
            let m = Model::build(&v);
            let (api, sh) = (&m.api[0], &m.selfhosted[1]);
            let p = solve(0, 1, api, sh);
            for c in &p.crossings {
                let after = c.scale * (1.0 + 1e-9);
                prop_assert!((c.api_cost - api.cost_at(c.scale)).abs() <= 1e-6 * c.api_cost.max(1.0));
                prop_assert!((c.self_cost - sh.cost_at(after)).abs() <= 1e-6 * c.self_cost.max(1.0),
                    "{:?}: self {} vs model {}", c.kind, c.self_cost, sh.cost_at(after));
            }
            prop_assert_eq!(first_cheaper(api, sh), p.first_cheaper_scale);
            // The scan: the first scale (step 1e-3, up to 20x) where self-hosting costs less.
            let scan = (1..=20_000).map(|i| f64::from(i) * 1e-3).find(|&x| sh.cost_at(x) < api.cost_at(x));
            match (scan, p.first_cheaper_scale) {
                (Some(x), Some(y)) => prop_assert!((x - y).abs() <= 1.01e-3, "scan {} vs solver {}", x, y),
                (None, Some(y)) => prop_assert!(y > 20.0 - 1e-3, "solver {} but the scan found none", y),
                (Some(x), None) => prop_assert!(false, "scan {} but the solver found none", x),
                (None, None) => {}
            }
        }
    }
}

/// Four replicas committed where two serve the load: the replicas' explanation lists the
/// four paid for, beside the two it counts.
#[test]
fn committed_replicas_above_the_load_are_listed_with_the_count() {
    let k = Commitment {
        term_months: 12,
        replicas: 4,
        discount: 0.3,
        upfront_share: 0.0,
    };
    let e = eval(committed(4, 2, k.clone()));
    let r = e.selfhosted[0].replicas.as_ref().expect("usable");
    assert_eq!(r.value, 2.0);
    let listed = r
        .inputs
        .iter()
        .find(|i| i.name.starts_with("committed replicas paid for the term"))
        .map(|i| i.value);
    assert_eq!(listed, Some(4.0), "{}", r.render());
    // Two committed of two serving: nothing more to say.
    let e = eval(committed(2, 2, k));
    let r = e.selfhosted[0].replicas.as_ref().expect("usable");
    assert!(!r
        .inputs
        .iter()
        .any(|i| i.name.starts_with("committed replicas")));
}

/// A commitment at 0% off costs what the same replicas cost always on, month by month:
/// committing buys nothing without a discount.
#[test]
fn a_commitment_without_a_discount_costs_what_on_demand_does() {
    let k = Commitment {
        term_months: 12,
        replicas: 2,
        discount: 0.0,
        upfront_share: 0.0,
    };
    let mut s = committed(2, 2, k);
    s.gpu_configs[0].idle_overhead = 0.2;
    let mut plain = s.clone();
    if let Hosting::Cloud(c) = &mut plain.gpu_configs[0].hosting {
        c.commitment = None;
    }
    let (e, p) = (eval(s), eval(plain));
    let monthly = |e: &Evaluation| e.selfhosted[0].monthly.as_ref().expect("usable").value;
    assert!(
        (monthly(&e) - monthly(&p)).abs() < 1e-9,
        "{} vs {}",
        monthly(&e),
        monthly(&p)
    );
    let (b, pb) = (&e.selfhosted[0].breakdown, &p.selfhosted[0].breakdown);
    assert!(
        (b.overhead - pb.overhead).abs() < 1e-9 && b.overhead > 0.0,
        "{b:?} vs {pb:?}"
    );
    assert!((b.gpu_time - pb.gpu_time).abs() < 1e-9);
}
