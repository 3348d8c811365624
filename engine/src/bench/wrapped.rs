//! Known records inside a wrapper. Benchmark scripts wrap a tool's output in their own
//! JSON: an Ollama response under `response` beside the script's fields, llmperf
//! summaries keyed by concurrency, vLLM results in a list under `results`. When the top
//! of a file is no known record, the tree is searched (bounded depth and size) for
//! values that are, each is read as its tool's record, and each run says where it was
//! found. The wrapper's own fields still count: a model, GPU or framework named beside
//! the record is the run's when the record does not name its own.

use super::common::hardware_hint;
use super::detect::detect_json;
use super::facts::{framework_of, SKIP_KEYS};
use super::lean::Lean;
use super::{ConcurrencyBasis, Format, ImportError, Run};

const MAX_DEPTH: usize = 6;
const MAX_NODES: usize = 50_000;
/// The format read, its runs, and what was found but not read.
pub(super) type FileRead = (Format, Vec<Run>, Vec<String>);

/// Most records read from one wrapper file.
pub const MAX_FOUND: usize = 1_000;

struct Found<'a> {
    path: String,
    value: &'a Lean,
    format: Format,
    /// The objects between the file's top and the record, outermost first.
    ancestors: Vec<&'a Lean>,
}

fn search<'a>(
    v: &'a Lean,
    path: String,
    ancestors: Vec<&'a Lean>,
    want: Option<Format>,
    depth: usize,
    nodes: &mut usize,
    out: &mut Vec<Found<'a>>,
) {
    *nodes += 1;
    if *nodes > MAX_NODES || out.len() >= MAX_FOUND || depth > MAX_DEPTH {
        return;
    }
    // Saved requests, prompts and generated text hold look-alikes (a `usage` per sample
    // response), not the wrapper's results.
    let last = path.rsplit(['.', '[']).next().unwrap_or("");
    if SKIP_KEYS.contains(&last) {
        return;
    }
    if depth > 0 {
        if let Some(f) = detect_json(v).filter(|f| want.is_none_or(|w| w == *f)) {
            out.push(Found {
                path,
                value: v,
                format: f,
                ancestors,
            });
            return;
        }
    }
    let children: Vec<(String, &Lean)> = match v {
        Lean::Obj(fields) => fields
            .iter()
            .map(|(k, c)| {
                let p = if path.is_empty() {
                    k.clone()
                } else {
                    format!("{path}.{k}")
                };
                (p, c)
            })
            .collect(),
        Lean::Arr(items) => items
            .iter()
            .enumerate()
            .map(|(i, c)| (format!("{path}[{i}]"), c))
            .collect(),
        _ => return,
    };
    let mut chain = ancestors;
    if v.is_obj() {
        chain.push(v);
    }
    for (p, c) in children {
        search(c, p, chain.clone(), want, depth + 1, nodes, out);
    }
}

/// Reads every known record found below the top of `values` (only records of `want`
/// when given), with `read` reading one record in its format. `None` when the file holds
/// no known record anywhere.
pub(super) fn read(
    values: &[Lean],
    want: Option<Format>,
    read: impl Fn(Format, &[Lean]) -> Result<Vec<Run>, ImportError>,
) -> Option<Result<FileRead, ImportError>> {
    let mut found = Vec::new();
    let mut nodes = 0;
    if values.len() == 1 {
        search(
            &values[0],
            String::new(),
            Vec::new(),
            want,
            0,
            &mut nodes,
            &mut found,
        );
    } else {
        // JSON lines: each line may itself be a known record (after a header line).
        for (i, v) in values.iter().enumerate() {
            search(
                v,
                format!("line {}", i + 1),
                Vec::new(),
                want,
                1,
                &mut nodes,
                &mut found,
            );
        }
    }
    if found.is_empty() {
        return None;
    }
    // One format per file: the one found most often (the first found on a tie).
    let mut counts: Vec<(Format, usize)> = Vec::new();
    for f in &found {
        match counts.iter_mut().find(|(k, _)| *k == f.format) {
            Some((_, n)) => *n += 1,
            None => counts.push((f.format, 1)),
        }
    }
    // A benchmark tool's records come before bare `usage` objects (a weak look-alike).
    let rank = |f: Format, n: usize| (f != Format::OpenaiUsage, n);
    let best = counts
        .iter()
        .fold(None::<(Format, usize)>, |acc, &(f, n)| match acc {
            Some((g, m)) if rank(g, m) >= rank(f, n) => acc,
            _ => Some((f, n)),
        })
        .map(|(f, _)| f)?;
    let mut runs = Vec::new();
    let mut refused = Vec::new();
    for f in &found {
        if f.format != best {
            refused.push(format!(
                "at \"{}\": a {} record, not read (the file's records are {}); upload it on its own",
                f.path,
                f.format.label(),
                best.label()
            ));
            continue;
        }
        match read(best, std::slice::from_ref(f.value)) {
            Ok(rs) => {
                for mut run in rs {
                    place(&mut run, f);
                    runs.push(run);
                }
            }
            Err(e) => refused.push(format!("at \"{}\": {e}", f.path)),
        }
    }
    if runs.is_empty() {
        return Some(Err(ImportError::NoMeasurement(format!(
            "{} record(s) of {} were found inside the file, and none could be read: {}",
            found.iter().filter(|f| f.format == best).count(),
            best.label(),
            refused.join("; ")
        ))));
    }
    Some(Ok((best, runs, refused)))
}

/// Labels a run by where it was found and fills what the wrapper states.
fn place(run: &mut Run, f: &Found) {
    let at = f.path.as_str();
    run.label = if run.label.is_empty() {
        at.to_string()
    } else {
        format!("{at} · {}", run.label)
    };
    // A line of JSON lines that is a record itself (a stream's last chunk, with its
    // figures) was not wrapped by anything.
    run.notes.push(if f.ancestors.is_empty() && at.starts_with("line ") {
        format!(
            "read from {at} of the file, a {} record; the other lines are not (a stream's partial answers, say)",
            f.format.label()
        )
    } else {
        format!(
            "read from \"{at}\" inside the file: a script wrapped the {} record in its own JSON",
            f.format.label()
        )
    });
    for a in f.ancestors.iter().rev() {
        if run.model.is_none() {
            if let Some(m) = a
                .s("model")
                .or_else(|| a.s("model_name"))
                .or_else(|| a.s("model_id"))
            {
                run.notes
                    .push(format!("model read from the wrapper's fields: {m}"));
                run.model = Some(m);
            }
        }
        if run.hardware.is_none() {
            run.hardware = hardware_hint(a);
        }
        if run.framework.is_none() {
            run.framework = framework_of(a);
        }
        if run.concurrency.is_none() {
            if let Some(c) = concurrency_of(a) {
                run.concurrency = Some(c);
                run.concurrency_basis = Some(ConcurrencyBasis::Configured);
                run.label = format!("{} · concurrency {c}", run.label);
                run.notes.push(format!(
                    "concurrency {c} read from the wrapper's fields: the limit the run was configured with"
                ));
            }
        }
    }
}

/// A concurrency the wrapper states beside the record, or in its parameters (a sweep
/// keeps each point's `parameters` beside its `metrics`).
fn concurrency_of(a: &Lean) -> Option<f64> {
    const KEYS: [&str; 3] = ["concurrency", "max_concurrency", "num_concurrent_requests"];
    let direct = |o: &Lean| KEYS.iter().find_map(|k| o.get(k)?.num());
    direct(a)
        .or_else(|| {
            ["parameters", "params", "config"]
                .iter()
                .find_map(|p| direct(a.get(p)?))
        })
        .filter(|c| *c >= 1.0)
}
