use super::*;

fn run() -> Run {
    Run {
        output_tokens_per_s: Some(124.5),
        requests_per_s: Some(0.97),
        duration_s: Some(204.4),
        output_tokens: Some(128.0),
        ttft_ms: Stat {
            mean: Some(98.0),
            p50: Some(97.0),
            p99: Some(113.0),
        },
        ..Run::default()
    }
}

#[test]
fn a_plausible_run_is_left_as_it_is() {
    let mut r = run();
    check(&mut r);
    assert_eq!(r, run());
}

#[test]
fn negative_huge_and_zero_figures_are_left_out_and_said() {
    let mut r = run();
    r.output_tokens_per_s = Some(-124.5);
    r.duration_s = Some(0.0);
    r.output_tokens = Some(1e300);
    r.ttft_ms.p99 = Some(f64::INFINITY);
    r.itl_ms.p50 = Some(-1.0);
    check(&mut r);
    assert_eq!(r.itl_ms.p50, None);
    assert_eq!(r.output_tokens_per_s, None);
    assert_eq!(r.duration_s, None);
    assert_eq!(r.output_tokens, None);
    assert_eq!(r.ttft_ms.p99, None);
    // What stays is untouched.
    assert_eq!(r.requests_per_s, Some(0.97));
    assert_eq!(r.ttft_ms.p50, Some(97.0));
    let w = r.warnings.join(" ");
    assert!(
        w.contains("output tok/s read as -124.5 cannot be negative"),
        "{w}"
    );
    assert!(w.contains("duration (s) read as 0 cannot be zero"), "{w}");
    assert!(
        w.contains("output tokens per request read as 1e300 is beyond"),
        "{w}"
    );
    assert!(
        w.contains("TTFT p99 (ms) read as inf is not a finite number"),
        "{w}"
    );
}

#[test]
fn the_caps_sit_above_the_largest_real_runs() {
    // A large cluster's aggregate (2 million tok/s), a 1-million-token prompt, a
    // 10-minute request, a week-long soak: all kept.
    let mut r = run();
    r.total_tokens_per_s = Some(2e6);
    r.input_tokens = Some(1e6);
    r.e2e_ms.p99 = Some(600_000.0);
    r.duration_s = Some(7.0 * 86_400.0);
    let kept = r.clone();
    check(&mut r);
    assert_eq!(r, kept);
}

fn obj(fields: &[(&str, Lean)]) -> Lean {
    Lean::Obj(
        fields
            .iter()
            .map(|(k, v)| (k.to_string(), v.clone()))
            .collect(),
    )
}

#[test]
fn nan_and_infinities_are_named_but_an_infinite_rate_means_no_limit() {
    let v = obj(&[
        ("request_rate", Lean::Str("inf".into())),
        ("output_throughput", Lean::Str("NaN".into())),
        ("mean_ttft_ms", Lean::Str("Infinity".into())),
        (
            "generated_texts",
            Lean::Arr(vec![Lean::Str("NaN is a word".into())]),
        ),
        (
            "per_run",
            Lean::Arr(vec![obj(&[("duration", Lean::Num(f64::NAN))])]),
        ),
    ]);
    let (keys, all) = non_finite_keys(&[v]);
    // Named by their path, so "avg" of one metric is told from another's.
    assert_eq!(
        keys,
        ["output_throughput", "mean_ttft_ms", "per_run.duration"]
    );
    assert_eq!(all, 3);
    let note = non_finite_note(&keys, all).expect("a note");
    assert!(
        note.contains("output_throughput, mean_ttft_ms, per_run.duration"),
        "{note}"
    );
    assert_eq!(non_finite_note(&[], 0), None);
}

#[test]
fn a_long_list_of_keys_is_cut_and_counted() {
    let fields: Vec<(String, Lean)> = (0..9)
        .map(|i| (format!("k{i}"), Lean::Str("nan".into())))
        .collect();
    let (keys, all) = non_finite_keys(&[Lean::Obj(fields)]);
    assert_eq!((keys.len(), all), (MAX_NAMED, 9));
    assert!(non_finite_note(&keys, all)
        .expect("a note")
        .contains("and 3 more"));
}

#[test]
fn a_duration_shorter_than_any_request_is_left_out() {
    let mut r = run();
    r.duration_s = Some(1e-300);
    check(&mut r);
    assert_eq!(r.duration_s, None);
    assert!(r.warnings[0].contains("duration (s) read as 1e-300 is shorter than any request"));
}

#[test]
fn a_total_below_the_output_is_said_and_nothing_is_changed() {
    let mut r = Run {
        output_tokens_per_s: Some(1_660.0),
        total_tokens_per_s: Some(248.68),
        ..Run::default()
    };
    check(&mut r);
    assert_eq!(r.warnings.len(), 1, "{:?}", r.warnings);
    assert!(r.warnings[0].starts_with("total tok/s (248.68) is below output tok/s (1,660)"));
    assert_eq!(r.output_tokens_per_s, Some(1_660.0));
    assert_eq!(r.total_tokens_per_s, Some(248.68));
    // A total at or above the output is what every real file has: nothing said.
    let mut ok = Run {
        output_tokens_per_s: Some(1_660.0),
        total_tokens_per_s: Some(4_979.0),
        ..Run::default()
    };
    check(&mut ok);
    assert!(ok.warnings.is_empty());
}
