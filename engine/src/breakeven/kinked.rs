//! Break-even where a replica costs one rate up to a count and another past it: a
//! commitment (the committed replicas are paid whether used or not, the rest on demand)
//! or the marginal lens with growth (the replicas owned at the start are spent, a replica
//! bought for more volume is paid for). On n serving replicas the self-hosted cost is
//! F + r*n + e*max(n - K, 0) + v*s:
//! - a commitment of C replicas paid M a month, R reserves, R_c a replica on demand:
//!   F = fixed + M, r = 0, e = R_c, K = C - R (flat while the committed replicas carry
//!   the load);
//! - the marginal lens: F = fixed + r*R, r a replica's running cost, e what a replica
//!   bought later adds (amortisation and cost of capital), K the replicas serving at
//!   the scenario's volume.
//!
//! On pieces 1..=floor(K) it is the plain model (F, r); past them the plain model
//! (F - e*K, r + e). Each is solved on the integer intervals of m, as `super::solve`.

use super::{Crossing, CrossingKind, PairBreakEven, MAX_LISTED, SEARCH_LIMIT};
use crate::model::SelfModel;

/// The two-rate cost: F, r, e, K, with q = a - v and D.
struct Kinked {
    q: f64,
    f: f64,
    r: f64,
    e: f64,
    k: f64,
    d: f64,
}

impl Kinked {
    fn of(q: f64, sh: &SelfModel) -> Kinked {
        let rc = sh.replica_total;
        if sh.commit.replicas > 0.0 {
            Kinked {
                q,
                f: sh.fixed_total + sh.commit.monthly,
                r: 0.0,
                e: rc,
                k: sh.commit.replicas - sh.reserves,
                d: sh.demand_base,
            }
        } else {
            Kinked {
                q,
                f: sh.fixed_total + rc * sh.reserves,
                r: rc,
                e: sh.later.extra_capex,
                k: sh.needed(1.0),
                d: sh.demand_base,
            }
        }
    }
    /// The self-hosted cost (without the per-call part) on n serving replicas.
    fn cost(&self, n: f64) -> f64 {
        self.f + self.r * n + self.e * (n - self.k).max(0.0)
    }
}

/// Whether `sh` needs this solver: a commitment, or replicas bought later that cost more
/// than those owned.
pub(super) fn applies(sh: &SelfModel) -> bool {
    sh.commit.replicas > 0.0 || (sh.later.extra_capex > 0.0 && sh.fixed_replicas.is_none())
}

/// Every crossing against a tier of slope `a`.
pub(super) fn solve(out: &mut PairBreakEven, a: f64, sh: &SelfModel) {
    let v = sh.var_base;
    let x = Kinked::of(a - v, sh);
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
    let last_low = x.k.floor().max(0.0);
    let m_max = (x.d * SEARCH_LIMIT).ceil();
    // Pieces 1..=last_low at (F, r), then the pieces past them at (F - e*K, r + e).
    let segments = [
        (1.0, last_low, x.f, x.r),
        (last_low + 1.0, m_max, x.f - x.e * x.k, x.r + x.e),
    ];
    for (first, last, f, r) in segments {
        if first > last {
            continue;
        }
        // With g(m) = f + r m - q m/D the gap at piece m's end (self-hosted less API),
        // a crossing lies inside piece m iff -q/D < g(m) <= 0, and the step at its end
        // makes self-hosting dearer iff -r' < g(m) <= 0 (r' what the next replica adds).
        // g moves by -beta/D a piece (beta = q - D r), so both are integer intervals of
        // m: for beta > 0, m in [D f/beta, (D f + q)/beta) (the steps' within it); for
        // beta < 0, m in (D (f + r)/beta, D f/beta] (the crossings' within it); for
        // beta = 0, every piece or none.
        let beta = x.q - x.d * r;
        let (lo, hi) = if beta > 0.0 {
            (
                (x.d * f / beta).ceil(),
                ((x.d * f + x.q) / beta).ceil() - 1.0,
            )
        } else if beta < 0.0 {
            (
                (x.d * (f + r) / beta).floor() + 1.0,
                (x.d * f / beta).floor(),
            )
        } else if f <= 0.0 && f > -r.max(x.q / x.d) {
            (first, last)
        } else {
            (1.0, 0.0)
        };
        let (lo, hi) = (lo.max(first), hi.min(last));
        if out.crossings.len() >= MAX_LISTED {
            // Listed enough: this segment's events (at most two a piece) are counted.
            if hi >= lo {
                out.more = out
                    .more
                    .saturating_add((2.0 * (hi - lo + 1.0)).min(1e15) as u64);
            }
            continue;
        }
        let mut m = lo;
        while m <= hi {
            if (m - 1.0) / x.d > SEARCH_LIMIT {
                break;
            }
            let s = (f + r * m) / x.q;
            if s > (m - 1.0) / x.d && s <= m / x.d {
                push(out, CrossingKind::SelfBecomesCheaper, s, m);
            }
            step_at(out, &x, m, &push);
            if out.crossings.len() >= MAX_LISTED && hi - m > 0.0 {
                // Count the rest (at most two a piece) without walking them.
                out.more = out.more.saturating_add((2.0 * (hi - m)).min(1e15) as u64);
                break;
            }
            m += 1.0;
        }
        // The step out of the segment's last piece into the dearer rate, if the loop did
        // not reach it (self-hosting cheaper all through the segment's last pieces).
        if first == 1.0 && last_low >= 1.0 && !(lo..=hi).contains(&last_low) {
            step_at(out, &x, last_low, &push);
        }
    }
}

/// A step crossing at the end of piece m: self-hosting cheaper there, dearer with one
/// more replica.
fn step_at(
    out: &mut PairBreakEven,
    x: &Kinked,
    m: f64,
    push: &impl Fn(&mut PairBreakEven, CrossingKind, f64, f64),
) {
    let end = m / x.d;
    if end <= SEARCH_LIMIT && x.q * end >= x.cost(m) && x.q * end < x.cost(m + 1.0) {
        push(out, CrossingKind::StepMakesSelfDearer, end, m + 1.0);
    }
}

/// The first volume where the configuration becomes cheaper than the tier.
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
