//! Break-even volumes, solved exactly on the replica steps.
//!
//! On piece m (m replicas serving, volume s in ((m-1)/D, m/D]) the self-hosted cost is
//! F + R*m + v*s and the API cost a*s. Writing q = a - v and beta = q - D*R, a
//! crossing inside piece m exists iff D*F <= m*beta < D*F + q, and the replica step
//! at s = m/D flips the order back iff D*F <= m*beta < D*(F + R). Both are integer
//! intervals of m, so every crossing is found without scanning the volume axis.

use crate::model::{ApiModel, SelfModel};

mod kinked;
use serde::{Deserialize, Serialize};

/// Volumes up to this multiple of the scenario's volume are searched.
pub const SEARCH_LIMIT: f64 = 1000.0;
/// At most this many crossings are listed per pair; the rest are counted.
pub const MAX_LISTED: usize = 40;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CrossingKind {
    /// Costs meet: above this volume self-hosting is cheaper than the tier.
    SelfBecomesCheaper,
    /// One more replica is needed here and the self-hosted cost jumps above the tier's.
    StepMakesSelfDearer,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Crossing {
    pub kind: CrossingKind,
    /// Volume as a multiple of the scenario's current volume.
    pub scale: f64,
    pub api_cost: f64,
    /// Self-hosted cost just after the crossing.
    pub self_cost: f64,
    /// Replicas serving load just after the crossing.
    pub replicas: f64,
    /// Past the capacity of a fixed-size configuration.
    pub beyond_capacity: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PairBreakEven {
    pub tier: usize,
    pub config: usize,
    pub crossings: Vec<Crossing>,
    /// Crossings found but not listed (beyond MAX_LISTED).
    pub more: u64,
    pub first_cheaper_scale: Option<f64>,
    /// Why there is no answer (the configuration cannot serve the workload), if so.
    pub unusable: Option<String>,
}

pub fn solve(
    tier_index: usize,
    config_index: usize,
    api: &ApiModel,
    sh: &SelfModel,
) -> PairBreakEven {
    let mut out = PairBreakEven {
        tier: tier_index,
        config: config_index,
        crossings: Vec::new(),
        more: 0,
        first_cheaper_scale: None,
        unusable: sh.unusable.clone(),
    };
    if sh.unusable.is_some() {
        return out;
    }
    if kinked::applies(sh) {
        kinked::solve(&mut out, api.slope, sh);
        out.first_cheaper_scale = out
            .crossings
            .iter()
            .find(|c| c.kind == CrossingKind::SelfBecomesCheaper)
            .map(|c| c.scale);
        return out;
    }
    let a = api.slope;
    let v = sh.var_base;
    let q = a - v;
    let r = sh.replica_total;
    let f = sh.fixed_total + r * sh.reserves;
    if q <= 0.0 {
        return out; // self-hosting costs at least as much per call as the API, plus fixed costs
    }
    let cap = sh.capacity_limit();
    let crossing = |kind, s: f64, replicas: f64| Crossing {
        kind,
        scale: s,
        api_cost: a * s,
        self_cost: f + r * replicas + v * s,
        replicas,
        beyond_capacity: cap.is_some_and(|c| s > c),
    };
    if let Some(n) = sh.fixed_replicas {
        let s = (f + r * n) / q;
        if s <= SEARCH_LIMIT {
            out.crossings
                .push(crossing(CrossingKind::SelfBecomesCheaper, s, n));
        }
    } else {
        let d = sh.demand_base;
        let beta = q - d * r;
        if beta <= 0.0 || d <= 0.0 {
            // Each replica's cost outruns the API cost of the volume it serves: past the
            // first piece the gap only widens, so only piece 1 can hold a crossing.
            let s = (f + r) / q;
            if d <= 0.0 || s <= 1.0 / d {
                if s <= SEARCH_LIMIT {
                    out.crossings
                        .push(crossing(CrossingKind::SelfBecomesCheaper, s, 1.0));
                }
                if d > 0.0 && 1.0 / d <= SEARCH_LIMIT && beta < 0.0 && q / d - f - 2.0 * r < 0.0 {
                    out.crossings
                        .push(crossing(CrossingKind::StepMakesSelfDearer, 1.0 / d, 2.0));
                }
            }
        } else {
            let m_max = (d * SEARCH_LIMIT).ceil();
            let m_lo = (d * f / beta).ceil().max(1.0);
            let cont_hi = ((d * f + q) / beta).ceil() - 1.0;
            let step_hi = (d * (f + r) / beta).ceil() - 1.0;
            let mut m = m_lo;
            let mut listed = 0usize;
            while m <= cont_hi.min(m_max) {
                let s = (f + r * m) / q;
                if s > SEARCH_LIMIT {
                    break;
                }
                if listed < MAX_LISTED {
                    out.crossings
                        .push(crossing(CrossingKind::SelfBecomesCheaper, s, m));
                    listed += 1;
                } else {
                    out.more += 1;
                }
                let step_s = m / d;
                if m <= step_hi && step_s <= SEARCH_LIMIT {
                    if listed < MAX_LISTED {
                        out.crossings.push(crossing(
                            CrossingKind::StepMakesSelfDearer,
                            step_s,
                            m + 1.0,
                        ));
                        listed += 1;
                    } else {
                        out.more += 1;
                    }
                }
                if listed >= MAX_LISTED {
                    // Count the rest without walking them one by one.
                    let last_c = cont_hi.min(m_max).min(((SEARCH_LIMIT * q - f) / r).floor());
                    let last_s = step_hi.min((d * SEARCH_LIMIT).floor());
                    out.more = out.more.saturating_add(
                        ((last_c - m).max(0.0) + (last_s - m).max(0.0)).min(1e15) as u64,
                    );
                    break;
                }
                m += 1.0;
            }
        }
    }
    out.first_cheaper_scale = out
        .crossings
        .iter()
        .find(|c| c.kind == CrossingKind::SelfBecomesCheaper)
        .map(|c| c.scale);
    out
}

/// The first volume where self-hosting becomes cheaper, without listing the rest:
/// what sensitivity and Monte Carlo need thousands of times. Equals
/// `solve(..).first_cheaper_scale` (a property test holds it to that).
pub fn first_cheaper(api: &ApiModel, sh: &SelfModel) -> Option<f64> {
    if sh.unusable.is_some() {
        return None;
    }
    if kinked::applies(sh) {
        return kinked::first_cheaper(api.slope, sh);
    }
    let q = api.slope - sh.var_base;
    if q <= 0.0 {
        return None;
    }
    let r = sh.replica_total;
    let f = sh.fixed_total + r * sh.reserves;
    let s = if let Some(n) = sh.fixed_replicas {
        (f + r * n) / q
    } else {
        let d = sh.demand_base;
        let beta = q - d * r;
        if beta <= 0.0 || d <= 0.0 {
            let s = (f + r) / q;
            if d > 0.0 && s > 1.0 / d {
                return None;
            }
            s
        } else {
            let m = (d * f / beta).ceil().max(1.0);
            if m > ((d * f + q) / beta).ceil() - 1.0 {
                return None;
            }
            (f + r * m) / q
        }
    };
    (s <= SEARCH_LIMIT).then_some(s)
}

/// A crossing as the evaluation reports it: where, at what costs, on how many replicas.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BreakEvenPoint {
    pub kind: CrossingKind,
    pub calls_per_month: f64,
    pub output_tokens_per_month: f64,
    pub api_cost: f64,
    pub self_cost: f64,
    pub replicas: f64,
    pub beyond_capacity: bool,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Breakdown, CallPrice, TaskLoad};

    fn self_model(d: f64, replica: f64, fixed: f64) -> SelfModel {
        SelfModel {
            quality: 1,
            unusable: None,
            fit: None,
            tasks: vec![TaskLoad {
                estimate: None,
                sec_per_request: 1.0,
                demand_per_call: d,
                var_per_call: 0.0,
                capacity_share: 1.0,
                serving: None,
            }],
            demand_base: d,
            busy_base: d,
            fixed_replicas: None,
            reserves: 0.0,
            per_replica: Breakdown {
                gpu_time: replica,
                ..Breakdown::default()
            },
            fixed: Breakdown {
                people_maintenance: fixed,
                ..Breakdown::default()
            },
            replica_total: replica,
            fixed_total: fixed,
            var_base: 0.0,
            purchase_per_replica: 0.0,
            capex_per_replica: 0.0,
            setup_total: 0.0,
            setup_months: 1.0,
            warnings: vec![],
            run_scale: None,
            gpus_per_replica: 1.0,
            is_on_prem: false,
            commit: Default::default(),
            book: Default::default(),
            later: Default::default(),
        }
    }
    fn api(slope: f64) -> ApiModel {
        ApiModel {
            quality: 1,
            per_call: vec![CallPrice {
                input: 0.0,
                output: slope,
            }],
            slope,
        }
    }

    #[test]
    fn hand_computed_single_crossing() {
        // A replica serves s <= 1 (D = 1) for $300; API $1000 per unit of s; fixed $200.
        // Crossing at s = (200 + 300) / 1000 = 0.5, inside piece 1. Past s = 1, a second
        // replica: 200 + 600 = 800 < 1000 -> self stays cheaper, no step crossing.
        let r = solve(0, 0, &api(1000.0), &self_model(1.0, 300.0, 200.0));
        assert_eq!(r.crossings.len(), 1);
        assert!((r.crossings[0].scale - 0.5).abs() < 1e-12);
        assert_eq!(r.first_cheaper_scale, Some(0.5));
    }

    #[test]
    fn sawtooth_crosses_several_times_and_reports_each() {
        // Replica $900 per unit of volume it serves, API $1000: self wins only slowly.
        // F = 250: piece m crossing at s = (250 + 900 m) / 1000 within (m-1, m].
        let r = solve(0, 0, &api(1000.0), &self_model(1.0, 900.0, 250.0));
        let kinds: Vec<_> = r
            .crossings
            .iter()
            .map(|c| (c.kind, (c.scale * 1000.0).round() / 1000.0))
            .collect();
        // m=1: s=1.15 > 1, not in piece 1. m=2: s=2.05 > 2 no. m=3: s=2.95 in (2,3]: cheaper;
        // step at 3: 1000*3 - 250 - 900*4 = -850 < 0: dearer. m=4: 3.85 in (3,4]. ...
        assert_eq!(kinds[0], (CrossingKind::SelfBecomesCheaper, 2.95));
        assert_eq!(kinds[1], (CrossingKind::StepMakesSelfDearer, 3.0));
        assert_eq!(kinds[2], (CrossingKind::SelfBecomesCheaper, 3.85));
        // Eventually (m >= 25/... ) steps no longer flip: the last event is a "cheaper".
        assert_eq!(
            r.crossings.last().map(|c| c.kind),
            Some(CrossingKind::SelfBecomesCheaper)
        );
        for c in &r.crossings {
            if c.kind == CrossingKind::SelfBecomesCheaper {
                assert!((c.api_cost - c.self_cost).abs() <= 1e-4 * c.api_cost);
            }
        }
    }

    #[test]
    fn replicas_bought_past_the_owned_ones_make_steps_that_owned_ones_do_not() {
        // The marginal lens: 1 replica owned (D = 1, scale 1), running $100; one bought
        // for more volume adds $400 of amortisation; fixed $200; the API $600 per unit.
        // Piece 1: 300 = 600 s at s = 0.5. At s = 1 a bought replica: 800 > 600, dearer.
        // Piece 2: 800 = 600 s at 1.333; at s = 2: 1,300 > 1,200, dearer; piece 3: 1,300
        // = 600 s at 2.1667; at s = 3 one more makes 1,800 = 1,800: not dearer, and past
        // it self-hosting stays cheaper.
        let mut sh = self_model(1.0, 100.0, 200.0);
        sh.later.extra_capex = 400.0;
        let r = solve(0, 0, &api(600.0), &sh);
        let got: Vec<_> = r
            .crossings
            .iter()
            .map(|c| (c.kind, (c.scale * 1e4).round() / 1e4, c.self_cost))
            .collect();
        use CrossingKind::*;
        assert_eq!(
            got,
            vec![
                (SelfBecomesCheaper, 0.5, 300.0),
                (StepMakesSelfDearer, 1.0, 800.0),
                (SelfBecomesCheaper, 1.3333, 800.0),
                (StepMakesSelfDearer, 2.0, 1300.0),
                (SelfBecomesCheaper, 2.1667, 1300.0),
            ]
        );
        assert_eq!(first_cheaper(&api(600.0), &sh), Some(0.5));
        // The same replicas all owned: cheaper from 0.5 on, with no step back.
        sh.later.extra_capex = 0.0;
        let owned = solve(0, 0, &api(600.0), &sh);
        assert_eq!(owned.crossings.len(), 1);
    }

    #[test]
    fn no_crossing_when_api_is_cheaper_per_unit() {
        let r = solve(0, 0, &api(100.0), &self_model(1.0, 300.0, 200.0));
        assert!(r.crossings.is_empty());
        assert_eq!(r.first_cheaper_scale, None);
    }
}
