//! Where each configuration is the cheapest of all options: a log-grid scan refined by
//! bisection.

use super::{all_options, cost_at, serves};
use crate::hybrid::OptionRef;
use crate::model::Model;

/// Volume ranges (as multiples of the scenario) where each configuration is the
/// cheapest option meeting the quality floor, from one pass over a log grid refined by bisection to 1e-9 relative.
/// Fixed replicas are an option only up to where they are full: a range ends there.
pub(super) fn cheapest_ranges(m: &Model, floor: u8, max_scale: f64) -> Vec<Vec<[f64; 2]>> {
    let mut out = vec![Vec::new(); m.selfhosted.len()];
    let options: Vec<OptionRef> = all_options(m, floor).collect();
    let best = |x: f64| -> Option<OptionRef> {
        let mut cheapest = None;
        let mut lowest = f64::INFINITY;
        for &o in options.iter().filter(|&&o| serves(m, o, x)) {
            let v = cost_at(m, o, x);
            if v < lowest || cheapest.is_none() {
                lowest = v;
                cheapest = Some(o);
            }
        }
        cheapest
    };
    if options.is_empty() {
        return out;
    }
    let lo = 1e-3f64;
    let n = 96;
    let ratio = (max_scale / lo).powf(1.0 / (n - 1) as f64);
    let mut x = lo;
    let mut cur = best(x);
    let mut start = lo;
    for _ in 1..n {
        let next_x = x * ratio;
        let nb = best(next_x);
        if nb != cur {
            let (mut a, mut b) = (x, next_x);
            for _ in 0..60 {
                let mid = 0.5 * (a + b);
                if best(mid) == cur {
                    a = mid
                } else {
                    b = mid
                }
                if b - a <= 1e-9 * b {
                    break;
                }
            }
            let edge = 0.5 * (a + b);
            if let Some(OptionRef::Config(k)) = cur {
                out[k].push([start, edge]);
            }
            start = edge;
            cur = nb;
        }
        x = next_x;
    }
    if let Some(OptionRef::Config(k)) = cur {
        out[k].push([start, max_scale]);
    }
    out
}
