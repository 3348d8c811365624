//! Break-even for a configuration with committed replicas. With C committed replicas
//! paid M a month, R reserves and n serving, the self-hosted cost is
//! fixed + M + R_c * max(n + R - C, 0) + v*s = max(A + R_c*n, B) + v*s, with
//! A = fixed + M + R_c*(R - C) and B = fixed + M. On the first K = C - R pieces it is flat
//! at B (the committed replicas carry the load); from piece K + 1 on it is the plain model
//! with A in place of F, solved the same way on the integer intervals of m.

use super::{Crossing, CrossingKind, PairBreakEven, MAX_LISTED, SEARCH_LIMIT};
use crate::model::SelfModel;

/// The committed model's numbers: q = a - v, R_c, A, B, K, D.
struct Shape {
    q: f64,
    r: f64,
    a_fixed: f64,
    b_floor: f64,
    k: f64,
    d: f64,
}

impl Shape {
    fn of(q: f64, sh: &SelfModel) -> Shape {
        let r = sh.replica_total;
        let b_floor = sh.fixed_total + sh.commit.monthly;
        Shape {
            q,
            r,
            a_fixed: b_floor + r * (sh.reserves - sh.commit.replicas),
            b_floor,
            k: (sh.commit.replicas - sh.reserves).max(0.0).floor(),
            d: sh.demand_base,
        }
    }
    /// The self-hosted cost (without the per-call part) on n serving replicas.
    fn cost(&self, n: f64) -> f64 {
        (self.a_fixed + self.r * n).max(self.b_floor)
    }
}

/// Every crossing of a committed configuration against a tier of slope `a`.
pub(super) fn solve(out: &mut PairBreakEven, a: f64, sh: &SelfModel) {
    let v = sh.var_base;
    let x = Shape::of(a - v, sh);
    if x.q <= 0.0 {
        return;
    }
    let cap = sh.capacity_limit();
    let push = |out: &mut PairBreakEven, kind, s: f64, n: f64| {
        if s > SEARCH_LIMIT {
            return;
        }
        if out.crossings.len() < MAX_LISTED {
            out.crossings.push(Crossing {
                kind,
                scale: s,
                api_cost: a * s,
                self_cost: x.cost(n) + v * s,
                replicas: n,
                beyond_capacity: cap.is_some_and(|c| s > c),
            });
        } else {
            out.more = out.more.saturating_add(1);
        }
    };
    if let Some(n) = sh.fixed_replicas {
        push(out, CrossingKind::SelfBecomesCheaper, x.cost(n) / x.q, n);
        return;
    }
    if x.d <= 0.0 {
        push(
            out,
            CrossingKind::SelfBecomesCheaper,
            x.cost(1.0) / x.q,
            1.0,
        );
        return;
    }
    // The flat pieces 1..=K: one crossing at B / q if it falls inside them.
    let mut m0 = 1.0;
    if x.k >= 1.0 {
        let s = x.b_floor / x.q;
        let end = x.k / x.d;
        if s <= end {
            let n = (x.d * s).ceil().max(1.0);
            push(out, CrossingKind::SelfBecomesCheaper, s, n);
            // Past the committed replicas, one more on demand: dearer than the tier?
            if x.q * end < x.cost(x.k + 1.0) && end <= SEARCH_LIMIT {
                push(out, CrossingKind::StepMakesSelfDearer, end, x.k + 1.0);
            }
        }
        m0 = x.k + 1.0;
    }
    // Pieces m >= m0: crossing inside piece m iff (m-1)/D < (A + R_c m)/q <= m/D; the step
    // at m/D flips back iff cheaper at its end and dearer after one more replica.
    let (f, r, q, d) = (x.a_fixed, x.r, x.q, x.d);
    let beta = q - d * r;
    let m_max = (d * SEARCH_LIMIT).ceil();
    let (lo, hi) = if beta <= 0.0 {
        (m0, m0)
    } else {
        (
            (d * f / beta).ceil().max(m0),
            ((d * f + q) / beta).ceil() - 1.0,
        )
    };
    let mut m = lo;
    while m <= hi.min(m_max) {
        let s = (f + r * m) / q;
        if s > SEARCH_LIMIT {
            break;
        }
        let inside = s > (m - 1.0) / d && s <= m / d;
        if inside {
            push(out, CrossingKind::SelfBecomesCheaper, s, m);
        }
        let end = m / d;
        let cheaper_at_end = q * end >= f + r * m;
        if cheaper_at_end && q * end < f + r * (m + 1.0) && end <= SEARCH_LIMIT {
            push(out, CrossingKind::StepMakesSelfDearer, end, m + 1.0);
        }
        if out.crossings.len() >= MAX_LISTED && hi - m > 0.0 {
            // Count the rest (at most two a piece) without walking them.
            out.more = out
                .more
                .saturating_add((2.0 * (hi.min(m_max) - m)).min(1e15) as u64);
            break;
        }
        m += 1.0;
    }
}

/// The first volume where a committed configuration becomes cheaper than the tier.
pub(super) fn first_cheaper(a: f64, sh: &SelfModel) -> Option<f64> {
    let mut out = PairBreakEven {
        tier: 0,
        config: 0,
        crossings: Vec::new(),
        more: 0,
        first_cheaper_scale: None,
        unusable: None,
    };
    solve(&mut out, a, sh);
    out.crossings
        .iter()
        .find(|c| c.kind == CrossingKind::SelfBecomesCheaper)
        .map(|c| c.scale)
}
