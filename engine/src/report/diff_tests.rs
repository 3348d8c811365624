//! The inputs' diff: the editor's words, entries paired by identity, bookkeeping left out.
use super::*;
use crate::report::diff_values;

#[test]
fn only_changed_inputs_are_listed_with_the_editors_words() {
    let a = crate::templates::template("haiku-vs-4090").unwrap_or_default();
    let mut b = a.clone();
    assert!(diff_inputs(&a, &b).is_empty());
    b.api_tiers[0].output_per_mtok = 5.0;
    b.task_types[0].calls_per_month = 1_500_000.0;
    let d = diff_inputs(&a, &b);
    assert_eq!(d.len(), 2, "{d:?}");
    let price = d
        .iter()
        .find(|x| x.path == "api_tiers[0].output_per_mtok")
        .expect("price");
    assert_eq!((price.a.as_str(), price.b.as_str()), ("4", "5"));
    assert!(
        price
            .label
            .as_deref()
            .is_some_and(|l| l.contains("output price")),
        "{price:?}"
    );
    let calls = d
        .iter()
        .find(|x| x.path.ends_with("calls_per_month"))
        .expect("calls");
    assert_eq!(
        (calls.a.as_str(), calls.b.as_str()),
        ("500,000", "1,500,000")
    );
    assert!(
        !d.iter()
            .any(|x| x.label.as_deref().unwrap_or("").contains('[')),
        "{d:?}"
    );
}

#[test]
fn the_exchange_rates_date_and_source_are_inputs() {
    let mut a = crate::templates::template("haiku-vs-4090").unwrap_or_default();
    a.currency = Some(crate::scenario::Currency {
        code: "EUR".into(),
        per_usd: 0.92,
        as_of: "2026-11-30".into(),
        source: String::new(),
    });
    let mut b = a.clone();
    if let Some(c) = &mut b.currency {
        c.as_of = "2026-12-01".into();
        c.source = "ECB reference rate".into();
    }
    let d = diff_inputs(&a, &b);
    let paths: Vec<&str> = d.iter().map(|x| x.path.as_str()).collect();
    assert_eq!(paths, ["currency.as_of", "currency.source"], "{d:?}");
    assert_eq!(d[1].b, "ECB reference rate");
    // A tier's source is still bookkeeping.
    let mut c = a.clone();
    c.api_tiers[0].source = "somewhere else".into();
    assert!(diff_inputs(&a, &c).is_empty());
}

#[test]
fn a_blanked_field_reads_empty_not_blank() {
    let mut a = crate::templates::template("haiku-vs-4090").unwrap_or_default();
    a.notes = "Budget from the Q3 plan".into();
    let mut b = a.clone();
    b.notes = "  ".into();
    let d = diff_inputs(&a, &b);
    let notes = d.iter().find(|x| x.path == "notes").expect("notes differ");
    assert_eq!(
        (notes.a.as_str(), notes.b.as_str()),
        ("Budget from the Q3 plan", "(empty)")
    );
    // And the other way round.
    let d = diff_inputs(&b, &a);
    assert_eq!(
        d.iter().find(|x| x.path == "notes").map(|x| x.a.as_str()),
        Some("(empty)")
    );
}

/// Two scenarios whose tier lists differ in order and content: entries are paired by
/// identity, never by position (Haiku 3.5 against Haiku 4.5).
#[test]
fn entries_pair_by_identity_not_position() {
    let a = crate::templates::template("haiku-vs-4090").unwrap_or_default();
    let mut b = a.clone();
    b.api_tiers.swap(0, 1);
    assert!(diff_inputs(&a, &b).is_empty(), "{:?}", diff_inputs(&a, &b));
    b.api_tiers.remove(0);
    let d = diff_inputs(&a, &b);
    assert_eq!(d.len(), 1, "{d:?}");
    assert_eq!(d[0].b, "–");
    assert!(
        d[0].label
            .as_deref()
            .is_some_and(|l| l.starts_with("API tier “") && l.ends_with(" removed")),
        "{d:?}"
    );
}

/// A configuration whose name followed its new GPU is the same configuration: the
/// history says what changed in it, not that it was removed and another added.
#[test]
fn an_entry_renamed_in_place_is_the_same_entry() {
    let a = crate::templates::template("sonnet-vs-2xa100").unwrap_or_default();
    let mut b = a.clone();
    b.use_gpu(0, "h100-sxm", None, &[]);
    b.gpu_configs[0].people.engineer_usd_per_hour = 120.0;
    let d = diff_inputs(&a, &b);
    assert!(
        !d.iter().any(|x| x
            .label
            .as_deref()
            .is_some_and(|l| l.ends_with(" added") || l.ends_with(" removed"))),
        "{d:?}"
    );
    let field = |end: &str| d.iter().find(|x| x.path == format!("gpu_configs[0].{end}"));
    assert_eq!(
        field("gpu").map(|x| (x.a.as_str(), x.b.as_str())),
        Some(("NVIDIA A100 80 GB SXM", "NVIDIA H100 SXM 80 GB")),
        "{d:?}"
    );
    assert!(field("name").is_some_and(|x| x.b.contains("H100")), "{d:?}");
    assert!(field("people.engineer_usd_per_hour").is_some(), "{d:?}");
    // Every row of the entry names it one way: by A's name, never B's.
    let old_name = &a.gpu_configs[0].name;
    let rows: Vec<&str> = d
        .iter()
        .filter(|x| x.path.starts_with("gpu_configs[0]"))
        .filter_map(|x| x.label.as_deref())
        .collect();
    assert!(rows.len() >= 3, "{d:?}");
    for l in &rows {
        assert!(
            l.contains(old_name.as_str()),
            "{l} names {old_name}: {rows:?}"
        );
    }
    // Another configuration added at the end is still a whole new entry.
    b.add_config();
    let d = diff_inputs(&a, &b);
    assert!(
        d.iter().any(|x| x.path == "gpu_configs[1]"
            && x.a == "–"
            && x.label.as_deref().is_some_and(|l| l.ends_with(" added"))),
        "{d:?}"
    );
}

#[test]
fn a_field_path_reads_as_the_editor_names_it() {
    let s = crate::templates::template("haiku-vs-4090").unwrap_or_default();
    let l = label_of("gpu_configs[0].hosting.gpu_price_usd", &s);
    assert!(l.starts_with("Configuration \u{201c}RTX 4090"), "{l}");
    assert!(!l.contains('[') && l.ends_with("GPU price USD"), "{l}");
    let calls = label_of("task_types[0].calls_per_month", &s);
    assert!(!calls.contains('['), "{calls}");
}

#[test]
fn bookkeeping_is_not_an_input() {
    let a = crate::templates::template("haiku-vs-4090").unwrap_or_default();
    let mut b = a.clone();
    b.api_tiers[0].source = "another page".into();
    b.api_tiers[0].as_of = "2030-01-01".into();
    assert!(diff_inputs(&a, &b).is_empty(), "{:?}", diff_inputs(&a, &b));
}

#[test]
fn the_main_inputs_come_first_and_every_field_has_the_editors_label() {
    let a = crate::templates::template("haiku-vs-4090").unwrap_or_default();
    let mut b = a.clone();
    // Changed together: the alphabet would list the currency and the tier first and the
    // calls last, where a summary of four cuts them off.
    b.currency = Some(crate::scenario::Currency {
        code: "EUR".into(),
        per_usd: 0.92,
        as_of: "2026-11-30".into(),
        source: "ECB".into(),
    });
    b.discount_rate_per_year = 0.12;
    b.task_types[0].calls_per_month = 900_000.0;
    b.type_hourly(0, 0.69);
    let d = diff_inputs(&a, &b);
    let paths: Vec<&str> = d.iter().map(|x| x.path.as_str()).collect();
    assert_eq!(
        &paths[..2],
        [
            "task_types[0].calls_per_month",
            "gpu_configs[0].hosting.hourly_usd"
        ],
        "{d:?}"
    );
    let label = |p: &str| {
        d.iter()
            .find(|x| x.path == p)
            .and_then(|x| x.label.clone())
            .unwrap_or_else(|| panic!("{p}: {d:?}"))
    };
    assert_eq!(label("discount_rate_per_year"), "Hurdle rate (for the NPV)");
    // A currency set where there was none: one row, by the editor's name.
    assert!(
        d.iter()
            .all(|x| !x.label.as_deref().unwrap_or("").contains("per USD")),
        "{d:?}"
    );
}

#[test]
fn a_typed_gpu_price_is_one_line_and_a_new_currency_reads_from_us_dollars() {
    let a = crate::templates::template("haiku-vs-4090").unwrap_or_default();
    let mut b = a.clone();
    b.type_hourly(0, 0.69);
    b.currency = Some(crate::scenario::Currency {
        code: "EUR".into(),
        per_usd: 0.92,
        as_of: "2026-11-30".into(),
        source: String::new(),
    });
    b.discount_rate_per_year = 0.12;
    b.notes = "edited".into();
    let d = diff_inputs(&a, &b);
    let paths: Vec<&str> = d.iter().map(|x| x.path.as_str()).collect();
    // The price's source and date follow the price: not lines of their own.
    assert!(
        !paths
            .iter()
            .any(|p| p.contains("price_source") || p.contains("price_as_of")),
        "{paths:?}"
    );
    // An empty rate source where there was no currency is no change.
    assert!(!paths.contains(&"currency.source"), "{paths:?}");
    let code = d
        .iter()
        .find(|x| x.path == "currency.code")
        .expect("currency");
    assert_eq!((code.a.as_str(), code.b.as_str()), ("USD", "EUR"));
    // What moves numbers first (the price, the rate, the hurdle rate), the notes last.
    assert_eq!(paths.last(), Some(&"notes"), "{paths:?}");
    let at = |p: &str| paths.iter().position(|x| *x == p).unwrap_or(usize::MAX);
    // The configurations' inputs first; the rate with its date, before the notes.
    assert_eq!(paths[0], "gpu_configs[0].hosting.hourly_usd", "{paths:?}");
    assert!(
        at("currency.as_of") < at("discount_rate_per_year"),
        "{paths:?}"
    );
    assert!(at("discount_rate_per_year") < at("notes"), "{paths:?}");
}

/// A flag turned off is "no": the document leaves it out while off, and it read
/// "(absent)".
#[test]
fn a_flag_turned_off_reads_no() {
    let mut a = crate::templates::template("haiku-vs-4090").unwrap_or_default();
    a.credit_value_left = true;
    let mut b = a.clone();
    b.credit_value_left = false;
    let d = diff_inputs(&a, &b);
    let flag = d
        .iter()
        .find(|x| x.path == "credit_value_left")
        .unwrap_or_else(|| panic!("{d:?}"));
    assert_eq!((flag.a.as_str(), flag.b.as_str()), ("yes", "no"));
    let d = diff_inputs(&b, &a);
    let flag = d
        .iter()
        .find(|x| x.path == "credit_value_left")
        .unwrap_or_else(|| panic!("{d:?}"));
    assert_eq!((flag.a.as_str(), flag.b.as_str()), ("no", "yes"));
}

/// The value at a flattened path, through objects and arrays; none past the document.
#[test]
fn a_flattened_path_finds_its_value() {
    let v = serde_json::json!({"a": [{"b": true}, {"b": [1, {"c": "x"}]}], "n": 2});
    assert_eq!(value_at(&v, "a[0].b"), Some(&serde_json::json!(true)));
    assert_eq!(value_at(&v, "a[1].b[1].c"), Some(&serde_json::json!("x")));
    assert_eq!(value_at(&v, "n"), Some(&serde_json::json!(2)));
    assert_eq!(value_at(&v, "a[2].b"), None);
    assert_eq!(value_at(&v, "a[0].z"), None);
}

/// Settings read as words, a commitment added is one line with its terms, and a run's
/// unstated load and GPU read as the editor shows them.
#[test]
fn settings_and_groups_of_fields_read_as_the_editor_shows_them() {
    use crate::scenario::{Commitment, CostLens, Hosting};
    let a = crate::templates::template("haiku-vs-4090").unwrap_or_default();
    let mut b = a.clone();
    b.cost_lens = CostLens::Marginal;
    if let Hosting::Cloud(c) = &mut b.gpu_configs[0].hosting {
        c.commitment = Some(Commitment {
            term_months: 12,
            replicas: 2,
            discount: 0.35,
            upfront_share: 0.0,
        });
    }
    let d = diff_inputs(&a, &b);
    let lens = d
        .iter()
        .find(|x| x.label.as_deref() == Some("Cost lens"))
        .expect("lens");
    assert_eq!(
        (lens.a.as_str(), lens.b.as_str()),
        ("fully loaded", "marginal")
    );
    let commit: Vec<_> = d.iter().filter(|x| x.path.contains("commitment")).collect();
    assert_eq!(commit.len(), 1, "{d:?}");
    assert_eq!(commit[0].a, "none");
    assert!(
        commit[0].b.contains("term months 12") && commit[0].b.contains("discount 0.35"),
        "{:?}",
        commit[0]
    );
    assert!(
        commit[0]
            .label
            .as_deref()
            .is_some_and(|l| l.ends_with("hosting: commitment")),
        "{:?}",
        commit[0]
    );
    let s = &a;
    assert_eq!(
        diff_values::shown("gpu_configs[0].throughput.run_gpu", "h100-sxm", s),
        crate::catalog::gpu_in(s, "h100-sxm")
            .map(|g| g.name.to_string())
            .unwrap_or_default()
    );
    assert_eq!(
        diff_values::shown("gpu_configs[0].throughput.concurrency", "0", s),
        "not stated"
    );
    // A name is as typed, underscores and all; a setting reads as its words.
    assert_eq!(
        diff_values::shown("task_types[0].name", "support_bot", s),
        "support_bot"
    );
    assert_eq!(
        diff_values::shown("gpu_configs[0].hosting.billing", "always_on", s),
        "always on"
    );
    assert_eq!(
        diff_values::shown("gpu_configs[0].throughput.concurrency", "32", s),
        "32"
    );
}

/// A bought configuration's idle overhead changes nothing (the editor does not show it):
/// its change is not listed; on a rented one it is.
#[test]
fn a_field_without_effect_is_not_a_change() {
    use crate::scenario::{Hosting, OnPremPricing};
    let mut a = crate::templates::template("haiku-vs-4090").unwrap_or_default();
    a.gpu_configs[0].hosting = Hosting::OnPrem(OnPremPricing::default());
    let mut b = a.clone();
    b.gpu_configs[0].idle_overhead = 0.25;
    b.gpu_configs[1].idle_overhead = 0.25;
    let d = diff_inputs(&a, &b);
    let paths: Vec<&str> = d.iter().map(|x| x.path.as_str()).collect();
    assert_eq!(paths, ["gpu_configs[1].idle_overhead"], "{d:?}");
}
