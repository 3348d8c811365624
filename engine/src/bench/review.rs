//! What every imported run is checked for, whatever its tool: failures counted and said,
//! timings that cannot be measurements, a mock or test server, and labels that tell
//! every run of a file apart. Runs come out with warnings, never silently clean.

use super::facts::mock_model;
use super::{Format, Run, Stat};

/// Checks every run of one file (in place).
pub(super) fn review(format: Format, runs: &mut [Run]) {
    for run in runs.iter_mut() {
        super::plausible::check(run);
        if run.framework.is_none() {
            run.framework = server_tool(format).map(str::to_string);
        }
        failures(run);
        nominal_spread(run);
        not_streamed(run);
        if !matches!(
            format,
            Format::LlamaBenchJson
                | Format::LlamaBenchCsv
                | Format::LlamaBenchMarkdown
                | Format::OllamaApi
                | Format::OllamaVerbose
                | Format::ArticleScript
        ) {
            // (Not for a local tool's repetitions: they are not served requests.)
            rate_from_counts(run);
        }
        shape_from_rates(run);
        if let Some(m) = run.model.as_deref().filter(|m| mock_model(m)) {
            let m = m.to_string();
            push_once(
                &mut run.warnings,
                format!("the model is named \"{m}\", which looks like a mock or test model: these numbers measure the benchmark client and a stand-in server, not a model on a GPU"),
            );
        }
    }
    tell_apart(runs);
}

/// A run that counts its completed requests and its duration but states no request
/// rate: the rate is the one over the other, and the note says so.
fn rate_from_counts(run: &mut Run) {
    if run.requests_per_s.is_some() {
        return;
    }
    let (Some(done), Some(d)) = (run.completed, run.duration_s) else {
        return;
    };
    if done == 0 || !(d.is_finite() && d > 0.0) {
        return;
    }
    run.requests_per_s = Some(done as f64 / d);
    push_once(
        &mut run.notes,
        "requests/s are the completed requests over the duration: the file states no achieved rate (a rate it was set to send at, as its label may give, is not one)".into(),
    );
}

/// A run with throughputs and a request rate but no tokens per request (a derived
/// table): the mean request shape follows from the rates, and the note says so.
fn shape_from_rates(run: &mut Run) {
    let (Some(rps), Some(out), Some(total)) = (
        run.requests_per_s,
        run.output_tokens_per_s,
        run.total_tokens_per_s,
    ) else {
        return;
    };
    if !(rps > 0.0 && out > 0.0 && total >= out) || rps.is_infinite() || total.is_infinite() {
        return;
    }
    let mut derived = Vec::new();
    if run.output_tokens.is_none() {
        run.output_tokens = Some(out / rps);
        derived.push("output");
    }
    if run.input_tokens.is_none() {
        run.input_tokens = Some((total - out) / rps);
        derived.push("input");
    }
    if !derived.is_empty() {
        push_once(
            &mut run.notes,
            format!(
                "mean {} tokens per request derived from the rates: output = output tok/s / requests/s, input = (total - output tok/s) / requests/s",
                derived.join(" and ")
            ),
        );
    }
}

/// The framework a format's tool is itself (it served the requests it measured).
fn server_tool(format: Format) -> Option<&'static str> {
    match format {
        Format::OllamaApi | Format::OllamaVerbose => Some("Ollama (the tool is the server)"),
        Format::LlamaBenchJson | Format::LlamaBenchCsv | Format::LlamaBenchMarkdown => {
            Some("llama.cpp (llama-bench runs the model itself)")
        }
        Format::VllmThroughput | Format::VllmLatency => {
            Some("vLLM (offline engine, run by the benchmark itself)")
        }
        _ => None,
    }
}

fn push_once(list: &mut Vec<String>, line: String) {
    if !list.contains(&line) {
        list.push(line);
    }
}

/// A run with failed requests says how many, and that its figures are over the rest.
fn failures(run: &mut Run) {
    let (Some(failed), Some(done)) = (run.failed, run.completed) else {
        return;
    };
    if failed == 0 || done == 0 {
        return;
    }
    let total = failed + done;
    let share = failed as f64 / total as f64 * 100.0;
    // Without the errors' causes the file does not say that the server failed (a client
    // timeout, a cancellation the benchmark made): it is said as not known.
    let why = if run.errors.is_empty() {
        " The file does not say why they failed; if the server failed them, it did not sustain this load cleanly.".to_string()
    } else {
        format!(
            " The server did not sustain this load cleanly. Errors recorded: {}.",
            run.errors.join("; ")
        )
    };
    push_once(
        &mut run.warnings,
        format!(
            "{failed} of {total} requests failed ({share:.1}%); latencies and throughput describe the {done} that succeeded.{why}"
        ),
    );
}

/// A time between tokens that is 0 everywhere, or below 0 (SGLang prints "-0.00"), on
/// answers of more than one token: the client got each answer at once, not token by
/// token, so its TTFT is the whole answer and no time per token is measured.
fn not_streamed(run: &mut Run) {
    let values = |s: &Stat| {
        [s.mean, s.p50, s.p99]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
    };
    let (tpot, itl) = (values(&run.tpot_ms), values(&run.itl_ms));
    let negative = tpot.iter().chain(&itl).any(|x| x.is_sign_negative());
    let zero_itl = !itl.is_empty() && itl.iter().all(|x| *x == 0.0);
    if !(negative || zero_itl) || run.output_tokens.is_some_and(|o| o <= 1.0) {
        return;
    }
    run.tpot_ms = Stat::default();
    run.itl_ms = Stat::default();
    push_once(
        &mut run.warnings,
        "the time between tokens is 0 or below 0 (TPOT, ITL): the client did not receive the answers token by token, so TTFT is each whole answer and TPOT and ITL are not measured; both are left out".into(),
    );
}

/// Zero spread in a latency over several requests: mean, median and p99 all equal is
/// what a stand-in server with a fixed delay per token gives, not a GPU.
fn nominal_spread(run: &mut Run) {
    if run.completed.unwrap_or(0) < 3 {
        return;
    }
    let flat = |s: &Stat| match (s.mean, s.p50, s.p99) {
        (Some(m), Some(a), Some(b)) => m > 0.0 && m == a && a == b,
        _ => false,
    };
    let which: Vec<&str> = [
        ("TPOT", &run.tpot_ms),
        ("ITL", &run.itl_ms),
        ("E2E", &run.e2e_ms),
    ]
    .into_iter()
    .filter(|(_, s)| flat(s))
    .map(|(n, _)| n)
    .collect();
    if !which.is_empty() {
        push_once(
            &mut run.warnings,
            format!(
                "{} is exactly the same at the mean, median and p99 over {} requests: nominal timings (a fixed delay per token), not a measurement",
                which.join(", "),
                run.completed.unwrap_or(0)
            ),
        );
    }
}

/// Runs of one file with the same label get what differs between them (framework,
/// model, hardware) added, and a number when nothing else differs.
fn tell_apart(runs: &mut [Run]) {
    let frameworks: Vec<Option<String>> = distinct(runs.iter().map(|r| short(&r.framework)));
    if frameworks.len() > 1 {
        for r in runs.iter_mut() {
            let f = short(&r.framework).unwrap_or_else(|| "framework not stated".into());
            r.label = join_label(&r.label, &f);
        }
    }
    let labels: Vec<String> = runs.iter().map(|r| r.label.clone()).collect();
    for label in distinct(labels.iter().cloned()) {
        let group: Vec<usize> = (0..runs.len()).filter(|i| labels[*i] == label).collect();
        if group.len() < 2 {
            continue;
        }
        let extras: Vec<String> = group
            .iter()
            .map(|i| {
                [runs[*i].model.clone(), runs[*i].hardware.clone()]
                    .into_iter()
                    .flatten()
                    .collect::<Vec<_>>()
                    .join(", ")
            })
            .collect();
        let by_extra =
            distinct(extras.iter()).len() == group.len() && extras.iter().all(|e| !e.is_empty());
        for (k, i) in group.iter().enumerate() {
            let tail = if by_extra {
                extras[k].clone()
            } else {
                format!("#{}", k + 1)
            };
            runs[*i].label = join_label(&label, &tail);
        }
    }
}

fn distinct<T: PartialEq>(items: impl Iterator<Item = T>) -> Vec<T> {
    let mut out = Vec::new();
    for i in items {
        if !out.contains(&i) {
            out.push(i);
        }
    }
    out
}

/// "SGLang 0.4.6 (from \"server_info\")" → "SGLang 0.4.6".
fn short(f: &Option<String>) -> Option<String> {
    f.as_ref()
        .map(|f| f.split(" (").next().unwrap_or(f).to_string())
}

fn join_label(label: &str, extra: &str) -> String {
    match (label.is_empty(), extra.is_empty()) {
        (_, true) => label.to_string(),
        (true, false) => extra.to_string(),
        (false, false) => format!("{label} · {extra}"),
    }
}
