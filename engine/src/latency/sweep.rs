//! A benchmark sweep (runs of one model and hardware at several loads) as a capacity
//! curve: the highest measured throughput whose latencies meet the targets, interpolated
//! between the runs around the target, never extrapolated beyond the measured range.

pub use crate::scenario::SweepPoint;

use super::Targets;
use crate::fmt::fmt_num;
use serde::{Deserialize, Serialize};

/// Most runs a sweep keeps.
pub const MAX_POINTS: usize = 64;

/// The point of a sweep a configuration takes.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SweepPick {
    pub output_tokens_per_s: f64,
    pub ttft_ms: f64,
    pub tpot_ms: f64,
    /// "run X", or "between run X and run Y" when interpolated.
    pub at: String,
    /// The highest measured load met the targets: capacity may be higher, unmeasured.
    pub at_top: bool,
    /// Runs next to the pick within 20% of a target, in words.
    pub near_misses: Vec<String>,
    /// The highest throughput measured.
    pub max_tokens_per_s: f64,
}

/// Why runs cannot make one curve: they mix models.
pub fn check(points: &[SweepPoint]) -> Result<(), String> {
    let mut models: Vec<(&str, usize)> = Vec::new();
    for p in points {
        let m = p.model.as_deref().unwrap_or("unnamed model");
        match models.iter_mut().find(|(x, _)| *x == m) {
            Some((_, n)) => *n += 1,
            None => models.push((m, 1)),
        }
    }
    if models.len() > 1 {
        let list: Vec<String> = models
            .iter()
            .map(|(m, n)| format!("{m} ({n} run{})", if *n == 1 { "" } else { "s" }))
            .collect();
        return Err(format!(
            "the sweep's runs mix models: {}. A capacity curve needs runs of one model on one hardware",
            list.join(", ")
        ));
    }
    Ok(())
}

fn meets(p: &SweepPoint, t: Targets) -> bool {
    t.ttft_ms.is_none_or(|x| p.ttft_ms <= x) && t.tpot_ms.is_none_or(|x| p.tpot_ms <= x)
}

/// The highest-throughput load meeting `targets`, or why none does (the lowest measured
/// load already misses: a lower one is not measured).
pub fn pick(points: &[SweepPoint], targets: Targets) -> Result<SweepPick, String> {
    let mut pts: Vec<&SweepPoint> = points.iter().collect();
    pts.sort_by(|a, b| a.output_tokens_per_s.total_cmp(&b.output_tokens_per_s));
    let (Some(lowest), Some(top)) = (pts.first(), pts.last()) else {
        return Err("the sweep has no runs".into());
    };
    let max_tokens_per_s = top.output_tokens_per_s;
    let Some(i) = pts.iter().rposition(|p| meets(p, targets)) else {
        return Err(format!(
            "no measured load meets the targets: the lightest run ('{}', {} tok/s) already has p95 TTFT {} ms and {} ms/token ({}). A lower load is not measured: run the benchmark at lower concurrency, or loosen the targets",
            lowest.label,
            fmt_num(lowest.output_tokens_per_s.round()),
            fmt_num(lowest.ttft_ms),
            fmt_num(lowest.tpot_ms),
            lowest.stat
        ));
    };
    let a = pts[i];
    let mut near_misses = Vec::new();
    let mut near = |p: &SweepPoint| {
        for (what, got, target) in [
            ("TTFT", p.ttft_ms, targets.ttft_ms),
            ("time per token", p.tpot_ms, targets.tpot_ms),
        ] {
            if let Some(t) = target {
                if (got - t).abs() <= 0.2 * t {
                    near_misses.push(format!(
                        "run '{}' ({} tok/s) has {what} {} ms, within 20% of the {} ms target",
                        p.label,
                        fmt_num(p.output_tokens_per_s.round()),
                        fmt_num(got),
                        fmt_num(t)
                    ));
                }
            }
        }
    };
    near(a);
    let Some(b) = pts.get(i + 1).copied() else {
        return Ok(SweepPick {
            output_tokens_per_s: a.output_tokens_per_s,
            ttft_ms: a.ttft_ms,
            tpot_ms: a.tpot_ms,
            at: format!("run '{}', the highest load measured", a.label),
            at_top: true,
            near_misses,
            max_tokens_per_s,
        });
    };
    near(b);
    // Where the first latency to miss crosses its target, linearly between a and b.
    let mut f: f64 = 1.0;
    for (lo, hi, target) in [
        (a.ttft_ms, b.ttft_ms, targets.ttft_ms),
        (a.tpot_ms, b.tpot_ms, targets.tpot_ms),
    ] {
        if let Some(t) = target {
            if hi > t && hi > lo {
                f = f.min((t - lo) / (hi - lo));
            }
        }
    }
    let f = f.clamp(0.0, 1.0);
    let lerp = |x: f64, y: f64| x + f * (y - x);
    Ok(SweepPick {
        output_tokens_per_s: lerp(a.output_tokens_per_s, b.output_tokens_per_s),
        ttft_ms: lerp(a.ttft_ms, b.ttft_ms),
        tpot_ms: lerp(a.tpot_ms, b.tpot_ms),
        at: format!("between run '{}' and run '{}'", a.label, b.label),
        at_top: false,
        near_misses,
        max_tokens_per_s,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pt(label: &str, tok: f64, ttft: f64, tpot: f64) -> SweepPoint {
        SweepPoint {
            label: label.into(),
            model: Some("m".into()),
            in_flight: None,
            output_tokens_per_s: tok,
            ttft_ms: ttft,
            tpot_ms: tpot,
            stat: "p99".into(),
        }
    }

    fn sweep() -> Vec<SweepPoint> {
        vec![
            pt("c8", 1000.0, 80.0, 12.0),
            pt("c1", 150.0, 60.0, 10.0),
            pt("c32", 3000.0, 200.0, 20.0),
            pt("c64", 4000.0, 600.0, 40.0),
        ]
    }

    #[test]
    fn interpolates_between_the_runs_around_the_target() {
        let t = Targets {
            ttft_ms: None,
            tpot_ms: Some(30.0),
        };
        let p = pick(&sweep(), t).expect("met");
        // 20 ms at 3,000 tok/s, 40 ms at 4,000: 30 ms is half way, 3,500 tok/s.
        assert!((p.output_tokens_per_s - 3500.0).abs() < 1e-9);
        assert!((p.tpot_ms - 30.0).abs() < 1e-9);
        assert_eq!(p.at, "between run 'c32' and run 'c64'");
        assert!(!p.at_top);
        assert_eq!(p.max_tokens_per_s, 4000.0);
    }

    #[test]
    fn the_first_target_to_miss_decides() {
        let t = Targets {
            ttft_ms: Some(400.0),
            tpot_ms: Some(30.0),
        };
        // TTFT crosses 400 at half way too (200 -> 600); TPOT at half way: 3,500.
        let p = pick(&sweep(), t).expect("met");
        assert!((p.output_tokens_per_s - 3500.0).abs() < 1e-9);
        let t = Targets {
            ttft_ms: Some(300.0),
            tpot_ms: Some(30.0),
        };
        // TTFT crosses 300 a quarter of the way: 3,250.
        let p = pick(&sweep(), t).expect("met");
        assert!((p.output_tokens_per_s - 3250.0).abs() < 1e-9);
    }

    #[test]
    fn never_extrapolates_and_says_so() {
        let p = pick(&sweep(), Targets::default()).expect("no target");
        assert_eq!(p.output_tokens_per_s, 4000.0);
        assert!(p.at_top);
        let e = pick(
            &sweep(),
            Targets {
                ttft_ms: Some(50.0),
                tpot_ms: None,
            },
        )
        .expect_err("the lightest run misses");
        assert!(
            e.contains("the lightest run ('c1', 150 tok/s) already has p95 TTFT 60 ms"),
            "{e}"
        );
        // A saturated run's latency is written as people read it: 178,348 ms.
        let mut slow = sweep();
        for p in &mut slow {
            p.ttft_ms = 178_348.3;
        }
        let e = pick(
            &slow,
            Targets {
                ttft_ms: Some(500.0),
                tpot_ms: None,
            },
        )
        .expect_err("misses");
        assert!(e.contains("p95 TTFT 178,348 ms"), "{e}");
    }

    #[test]
    fn near_misses_are_named() {
        let t = Targets {
            ttft_ms: None,
            tpot_ms: Some(22.0),
        };
        let p = pick(&sweep(), t).expect("met");
        assert_eq!(p.near_misses.len(), 1, "{:?}", p.near_misses);
        assert!(p.near_misses[0].contains(
            "run 'c32' (3,000 tok/s) has time per token 20 ms, within 20% of the 22 ms target"
        ));
    }

    #[test]
    fn mixed_models_are_refused_with_the_counts() {
        let mut s = sweep();
        s[0].model = Some("other".into());
        let e = check(&s).expect_err("mixed");
        assert!(e.contains("mix models: other (1 run), m (3 runs)"), "{e}");
        assert!(check(&sweep()).is_ok());
    }
}
