//! Figures no measurement can have: a negative throughput or duration, a duration of
//! zero, a rate or a latency beyond anything a benchmark run records (a file edited by
//! hand, a unit mix-up, an overflow). Each is left out with a warning that says what
//! the file gave and why, so it never reaches a capacity estimate or a table silently;
//! and a file's `NaN` and infinities are named, never silently empty.

use super::lean::Lean;
use super::{Run, Stat};

/// Above these, a figure is not a benchmark run's: 100 million tokens a second, a
/// million requests a second or in flight, 100 million tokens a request, a run of three
/// years, a latency of eleven days.
const MAX_TOKENS_PER_S: f64 = 1e8;
const MAX_REQUESTS_PER_S: f64 = 1e6;
const MAX_CONCURRENCY: f64 = 1e6;
const MAX_TOKENS_PER_REQUEST: f64 = 1e8;
const MAX_DURATION_S: f64 = 1e8;
const MAX_LATENCY_MS: f64 = 1e9;
/// Below this, a run's duration is not one: no request over a network or through a
/// model is answered in under a millisecond.
const MIN_DURATION_S: f64 = 1e-3;

/// Leaves out `run`'s impossible figures, each with a warning.
pub(super) fn check(run: &mut Run) {
    let mut said = Vec::new();
    let mut field = |v: &mut Option<f64>, what: &str, max: f64, zero_ok: bool| {
        let Some(x) = *v else { return };
        let why = if !x.is_finite() {
            "is not a finite number"
        } else if x < 0.0 {
            "cannot be negative"
        } else if x == 0.0 && !zero_ok {
            "cannot be zero for a run that measured anything"
        } else if x > max {
            "is beyond any benchmark run"
        } else {
            return;
        };
        said.push(format!("{what} read as {} {why}", shown(x)));
        *v = None;
    };
    field(
        &mut run.output_tokens_per_s,
        "output tok/s",
        MAX_TOKENS_PER_S,
        true,
    );
    field(
        &mut run.total_tokens_per_s,
        "total tok/s",
        MAX_TOKENS_PER_S,
        true,
    );
    field(
        &mut run.requests_per_s,
        "requests/s",
        MAX_REQUESTS_PER_S,
        true,
    );
    field(&mut run.concurrency, "concurrency", MAX_CONCURRENCY, false);
    field(
        &mut run.input_tokens,
        "prompt tokens per request",
        MAX_TOKENS_PER_REQUEST,
        true,
    );
    field(
        &mut run.output_tokens,
        "output tokens per request",
        MAX_TOKENS_PER_REQUEST,
        true,
    );
    field(&mut run.duration_s, "duration (s)", MAX_DURATION_S, false);
    let stats: [(&mut Stat, &str); 4] = [
        (&mut run.ttft_ms, "TTFT"),
        (&mut run.tpot_ms, "TPOT"),
        (&mut run.itl_ms, "ITL"),
        (&mut run.e2e_ms, "E2E latency"),
    ];
    for (s, name) in stats {
        field(
            &mut s.mean,
            &format!("{name} mean (ms)"),
            MAX_LATENCY_MS,
            true,
        );
        field(
            &mut s.p50,
            &format!("{name} median (ms)"),
            MAX_LATENCY_MS,
            true,
        );
        field(
            &mut s.p99,
            &format!("{name} p99 (ms)"),
            MAX_LATENCY_MS,
            true,
        );
    }
    if let Some(d) = run.duration_s.filter(|d| *d < MIN_DURATION_S) {
        said.push(format!(
            "duration (s) read as {} is shorter than any request",
            shown(d)
        ));
        run.duration_s = None;
    }
    if !said.is_empty() {
        run.warnings.push(format!(
            "left out, as no measurement can have them: {}",
            said.join("; ")
        ));
    }
    // A total counts prompt and output tokens: below the output alone, the file
    // contradicts itself. Said, not changed: which figure is wrong is the reader's call.
    if let (Some(out), Some(total)) = (run.output_tokens_per_s, run.total_tokens_per_s) {
        if out > 0.0 && total < out * 0.999 {
            run.warnings.push(format!(
                "total tok/s ({}) is below output tok/s ({}), though a total counts prompt and output tokens: one of the two figures is wrong; the output figure is the one used for capacity",
                crate::fmt_num(total),
                crate::fmt_num(out)
            ));
        }
    }
}

/// A figure as the file gave it, short: "-124.5", "1e308".
fn shown(x: f64) -> String {
    if x.is_finite() && (x == 0.0 || (1e-3..1e9).contains(&x.abs())) {
        format!("{}", (x * 1000.0).round() / 1000.0)
    } else {
        format!("{x:e}")
    }
}

/// Most keys named in a note about a file's `NaN` and infinities.
const MAX_NAMED: usize = 6;

/// The keys whose value is `NaN` or an infinity, in the file's order (each once), and
/// how many there are in all. An infinite `*rate` is the tools' way of saying "no rate
/// limit" and is read as such, so it is not named.
pub(super) fn non_finite_keys(values: &[Lean]) -> (Vec<String>, usize) {
    keys_where(values, |key, v| {
        let word = match v {
            Lean::Str(s) if s.len() <= 12 => s.trim().to_ascii_lowercase(),
            Lean::Num(x) if x.is_nan() => "nan".into(),
            Lean::Num(x) if x.is_infinite() => "inf".into(),
            _ => return false,
        };
        let inf = matches!(word.as_str(), "inf" | "-inf" | "infinity" | "-infinity");
        let no_limit = key.to_ascii_lowercase().ends_with("rate");
        word == "nan" || (inf && !no_limit)
    })
}

/// The keys that name a count (of requests or tokens) and hold a negative number: the
/// importers read such a count as not stated, and the file's runs say which.
pub(super) fn negative_count_keys(values: &[Lean]) -> (Vec<String>, usize) {
    keys_where(values, |key, v| {
        let k = key.to_ascii_lowercase();
        let count = [
            "count",
            "completed",
            "failed",
            "successful",
            "errored",
            "num_",
            "total_",
        ]
        .iter()
        .any(|w| k.contains(w))
            || k.ends_with("tokens");
        count && matches!(v, Lean::Num(x) if *x < 0.0)
    })
}

/// The keys (each once, in the file's order; at most [`MAX_NAMED`]) whose scalar value
/// `hit` picks, and how many there are in all.
fn keys_where(values: &[Lean], hit: impl Fn(&str, &Lean) -> bool) -> (Vec<String>, usize) {
    // `path` names the value as a reader finds it ("output_token_throughput.avg");
    // `hit` judges it by its own key ("avg").
    fn walk(
        v: &Lean,
        (key, path): (&str, &str),
        hit: &dyn Fn(&str, &Lean) -> bool,
        found: &mut Vec<String>,
        depth: usize,
    ) {
        match v {
            Lean::Obj(fields) if depth < 16 => {
                for (k, x) in fields {
                    let inner = if path.is_empty() {
                        k.to_string()
                    } else {
                        format!("{path}.{k}")
                    };
                    walk(x, (k, &inner), hit, found, depth + 1);
                }
            }
            Lean::Arr(items) if depth < 16 => {
                for x in items {
                    walk(x, (key, path), hit, found, depth + 1);
                }
            }
            Lean::Str(_) | Lean::Num(_)
                if !key.is_empty() && hit(key, v) && !found.iter().any(|f| f == path) =>
            {
                found.push(path.to_string());
            }
            _ => {}
        }
    }
    let mut found = Vec::new();
    for v in values {
        walk(v, ("", ""), &hit, &mut found, 0);
    }
    let all = found.len();
    found.truncate(MAX_NAMED);
    (found, all)
}

/// The note for a file with negative counts at `keys`.
pub(super) fn negative_count_note(keys: &[String], all: usize) -> Option<String> {
    let named = named(keys, all)?;
    Some(format!(
        "the file gives a negative count for {named}: a count cannot be negative, so it is read as not stated"
    ))
}

/// "a, b and 3 more", or none for no keys.
fn named(keys: &[String], all: usize) -> Option<String> {
    if keys.is_empty() {
        return None;
    }
    let more = if all > keys.len() {
        format!(" and {} more", all - keys.len())
    } else {
        String::new()
    };
    Some(format!("{}{more}", keys.join(", ")))
}

/// The note for a file whose values at `keys` are `NaN` or infinite.
pub(super) fn non_finite_note(keys: &[String], all: usize) -> Option<String> {
    let named = named(keys, all)?;
    Some(format!(
        "the file gives NaN or infinity for {named}: no figure is read from those"
    ))
}

/// The versions of a tool's file format these importers were checked on, for the tools
/// whose files say theirs: a file of another version may have moved or renamed fields,
/// so its run says so rather than read silently.
pub(super) fn version_note(format: super::Format, first: &Lean) -> Option<String> {
    use super::Format;
    let (field, known, stated) = match format {
        Format::AiperfJson => {
            let v = first.s("schema_version")?;
            let major = v.split('.').next().unwrap_or("");
            if major == "1" {
                return None;
            }
            ("schema_version", "1.x", v.clone())
        }
        Format::LlmperfSummary => {
            let v = first.s("version")?;
            if v == "2023-08-31" {
                return None;
            }
            ("version", "2023-08-31", v.clone())
        }
        _ => return None,
    };
    Some(format!(
        "the file's {field} is {stated}; these importers were checked on {known}: fields may have moved or changed meaning, so check the figures against the file"
    ))
}

#[cfg(test)]
#[path = "plausible_tests.rs"]
mod tests;

/// Every run of a file that writes `NaN` or an infinity for a figure, or a negative
/// count, says which: the importers read no figure from them, and an empty value must
/// not go unexplained.
pub(super) fn note_non_finite(
    format: super::Format,
    values: &[super::lean::Lean],
    runs: &mut [super::Run],
) {
    let (keys, all) = non_finite_keys(values);
    let (negative, negatives) = negative_count_keys(values);
    let version = values.first().and_then(|v| version_note(format, v));
    for note in [
        non_finite_note(&keys, all),
        negative_count_note(&negative, negatives),
        version,
    ]
    .into_iter()
    .flatten()
    {
        for r in runs.iter_mut() {
            r.notes.push(note.clone());
        }
    }
}
