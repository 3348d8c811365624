//! Units and numbers shared by the importers: counts, percentiles, time-unit scales and
//! Go durations. Section numbers refer to `engine/tests/bench-samples/FORMATS.md`.

use super::Stat;

/// A count from a number: a negative one is no count; fractions round.
pub(super) fn count(x: Option<f64>) -> Option<u64> {
    x.filter(|c| *c >= 0.0).map(|c| c.round() as u64)
}

/// Linear-interpolated percentile (numpy's default) of sorted values.
pub fn percentile(sorted: &[f64], p: f64) -> Option<f64> {
    if sorted.is_empty() {
        return None;
    }
    let rank = p / 100.0 * (sorted.len() - 1) as f64;
    let lo = rank.floor() as usize;
    let hi = rank.ceil() as usize;
    Some(sorted[lo] + (sorted[hi] - sorted[lo]) * (rank - lo as f64))
}

/// Mean, median and 99th percentile of the finite values, times `scale`.
pub(super) fn summarise(mut xs: Vec<f64>, scale: f64) -> Stat {
    xs.retain(|x| x.is_finite());
    if xs.is_empty() {
        return Stat::default();
    }
    xs.sort_by(f64::total_cmp);
    let mean = xs.iter().sum::<f64>() / xs.len() as f64;
    Stat {
        mean: Some(mean * scale),
        p50: percentile(&xs, 50.0).map(|x| x * scale),
        p99: percentile(&xs, 99.0).map(|x| x * scale),
    }
}

/// The constant rate (tokens per second) when every request's time is exactly its token
/// count divided by one constant: what a stand-in server with a fixed delay per token
/// gives. Real timings vary; `None` unless there are 3 or more requests and all agree to
/// 1e-9.
pub(super) fn nominal_rate(requests: &[(f64, f64)]) -> Option<f64> {
    let rates: Vec<f64> = requests
        .iter()
        .filter(|(tokens, secs)| *tokens > 0.0 && *secs > 0.0)
        .map(|(tokens, secs)| tokens / secs)
        .collect();
    if rates.len() < 3 || rates.len() < requests.len() {
        return None;
    }
    let first = rates[0];
    rates
        .iter()
        .all(|r| ((r - first) / first).abs() < 1e-9)
        .then_some(first)
}

/// Scale of a time unit string to milliseconds.
pub(super) fn ms_scale(unit: Option<String>) -> f64 {
    match unit.as_deref() {
        Some("ns") => 1e-6,
        Some("us") | Some("µs") => 1e-3,
        Some("s") | Some("sec") => 1000.0,
        _ => 1.0,
    }
}

/// Go `Duration.String()`: `7m54.442550589s`, `18.0556ms`, `403ms`, `1h2m3s`, `12µs`, in seconds.
pub fn go_duration(s: &str) -> Option<f64> {
    let s = s.trim();
    if s.is_empty() {
        return None;
    }
    let mut total = 0.0;
    let mut num = String::new();
    let mut chars = s.chars().peekable();
    let mut any = false;
    while let Some(c) = chars.next() {
        if c.is_ascii_digit() || c == '.' {
            num.push(c);
            continue;
        }
        let mut unit = c.to_string();
        while let Some(&n) = chars.peek() {
            if n.is_ascii_digit() || n == '.' {
                break;
            }
            unit.push(n);
            chars.next();
        }
        let x: f64 = num.parse().ok()?;
        num.clear();
        total += x * match unit.as_str() {
            "h" => 3600.0,
            "m" => 60.0,
            "s" => 1.0,
            "ms" => 1e-3,
            "µs" | "μs" | "us" => 1e-6,
            "ns" => 1e-9,
            _ => return None,
        };
        any = true;
    }
    (any && num.is_empty()).then_some(total)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nominal_rates() {
        assert_eq!(
            nominal_rate(&[(100.0, 2.0), (50.0, 1.0), (150.0, 3.0)]),
            Some(50.0)
        );
        assert_eq!(
            nominal_rate(&[(100.0, 2.0), (50.0, 1.1), (150.0, 3.0)]),
            None
        );
        assert_eq!(
            nominal_rate(&[(100.0, 2.0), (50.0, 1.0)]),
            None,
            "two requests prove nothing"
        );
        assert_eq!(
            nominal_rate(&[(100.0, 2.0), (50.0, 1.0), (0.0, 3.0), (150.0, 3.0)]),
            None
        );
    }

    #[test]
    fn go_durations() {
        assert_eq!(go_duration("403ms"), Some(0.403));
        assert!((go_duration("7m54.442550589s").unwrap_or(0.0) - 474.442550589).abs() < 1e-9);
        assert_eq!(go_duration("1h2m3s"), Some(3723.0));
        assert!((go_duration("12µs").unwrap_or(0.0) - 12e-6).abs() < 1e-15);
        assert_eq!(go_duration("12 parsecs"), None);
        assert_eq!(go_duration("5"), None);
    }
}
