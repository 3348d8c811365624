//! Prompt-cache writes priced by their lifetime: 5-minute writes at the tier's
//! cache-write price, 1-hour writes at twice its input price (Anthropic's pricing), so a
//! workload measured with 1-hour writes is not priced as if they were 5-minute ones.

use engine::{templates, Options};

/// The API's monthly cost of the template's first tier, with `h` of the writes 1-hour.
fn api_monthly(h: f64) -> (f64, engine::Evaluation) {
    let mut s = templates::sonnet_vs_2xa100();
    let t = &mut s.task_types[0];
    t.cached_input_share = 0.5;
    t.cache_write_share = 0.2;
    t.cache_write_1h_share = h;
    t.batch_share = 0.0;
    let v = engine::validate(s).expect("valid");
    let e = engine::evaluate(&v, Options::default());
    (e.api[0].monthly.value, e)
}

#[test]
fn a_one_hour_write_costs_twice_the_input_price_and_a_five_minute_one_the_write_price() {
    let s = templates::sonnet_vs_2xa100();
    let (tier, t) = (&s.api_tiers[0], &s.task_types[0]);
    let (five, _) = api_monthly(0.0);
    let (hour, e) = api_monthly(1.0);
    // Only the written fifth of the input changes price.
    let written = t.calls_per_month * t.input_tokens * 0.2 / 1e6;
    let expected = written * (2.0 * tier.input_per_mtok - tier.cache_write_per_mtok);
    assert!(
        ((hour - five) - expected).abs() < 1e-6 * hour,
        "{hour} - {five} != {expected}"
    );
    // Half and half is the mean.
    let (half, _) = api_monthly(0.5);
    assert!((half - (five + hour) / 2.0).abs() < 1e-6 * hour);
    // The explanation lists the 1-hour price and the task type's share.
    let m = &e.api[0].monthly;
    assert!(m
        .inputs
        .iter()
        .any(|i| i.name.starts_with("1-hour cache-write price")
            && (i.value - 2.0 * tier.input_per_mtok).abs() < 1e-9));
    assert!(m
        .inputs
        .iter()
        .any(|i| i.name.contains("1-hour share of the cache writes")));
}

#[test]
fn a_share_outside_zero_to_one_is_refused_at_its_field() {
    let mut s = templates::sonnet_vs_2xa100();
    s.task_types[0].cache_write_1h_share = 1.5;
    let err = engine::validate(s).expect_err("refused");
    assert!(err
        .0
        .iter()
        .any(|f| f.path == "task_types[0].cache_write_1h_share"));
}
