//! Every price names its own source: a price typed over the catalog's is the user's, and
//! the catalog's source stays only on the prices that still match it.

use engine::{evaluate, templates, validate, Options};

fn source_of(e: &engine::Evaluation, tier: usize, name: &str) -> String {
    e.api[tier]
        .monthly
        .inputs
        .iter()
        .find(|i| i.name == name)
        .and_then(|i| i.source.clone())
        .unwrap_or_else(|| panic!("{name} has a source"))
        .to_string()
}

#[test]
fn a_catalog_price_typed_over_is_sourced_to_the_user_not_the_catalog() {
    let s = templates::haiku_vs_4090();
    let catalog_source = s.api_tiers[0].source.clone();
    assert!(s.api_tiers[0].catalog_id.is_some(), "a catalog tier");
    let e = evaluate(&validate(s.clone()).expect("valid"), Options::default());
    assert!(source_of(&e, 0, "input price").starts_with(&catalog_source));

    let mut edited = s.clone();
    edited.api_tiers[0].input_per_mtok = 0.9;
    let v = validate(edited).expect("valid");
    assert!(engine::catalog::tier_typed_over(&v.get().api_tiers[0]).is_some());
    let e = evaluate(&v, Options::default());
    let input = source_of(&e, 0, "input price");
    assert!(input.starts_with("typed by the user"), "{input}");
    assert!(
        input.contains(&catalog_source),
        "names the catalog's: {input}"
    );
    // The prices left as the catalog has them keep its source.
    assert!(source_of(&e, 0, "output price").starts_with(&catalog_source));
    // The other tiers are untouched.
    assert!(source_of(&e, 1, "input price").starts_with(&s.api_tiers[1].source));
}

/// A tier picked before the catalog's last update keeps its date's prices: they are not
/// typed, and the source says the catalog has changed since.
#[test]
fn a_tier_from_an_older_catalog_is_not_said_to_be_typed() {
    let mut s = templates::haiku_vs_4090();
    s.api_tiers[0].as_of = "2020-01-01".into();
    s.api_tiers[0].input_per_mtok += 0.1;
    let e = evaluate(&validate(s).expect("valid"), Options::default());
    let input = source_of(&e, 0, "input price");
    assert!(!input.contains("typed by the user"), "{input}");
    assert!(
        input.contains("2020-01-01") && input.contains("the catalog has"),
        "{input}"
    );
}

/// A price cleared and typed back as it was (the catalog's, or the quote's) still
/// follows its source: no "typed by the user", no change to the document. Another value
/// is typed.
#[test]
fn a_price_typed_back_as_it_was_still_follows_its_source() {
    use engine::scenario::{Hosting, OnPremPricing};
    let mut s = engine::templates::sonnet_vs_2xa100();
    let before = s.clone();
    let hourly = match &s.gpu_configs[0].hosting {
        Hosting::Cloud(c) => c.hourly_usd,
        Hosting::OnPrem(_) => panic!("rented in the template"),
    };
    s.type_hourly(0, hourly);
    assert_eq!(s, before, "the same GPU-hour price typed back");
    s.type_hourly(0, hourly + 0.5);
    assert!(matches!(&s.gpu_configs[0].hosting, Hosting::Cloud(c) if c.typed));

    let mut o = OnPremPricing::default();
    assert!(o.use_purchase_price(engine::catalog::gpu("h100-sxm")));
    let catalog = o.gpu_price_usd;
    let mut s = engine::templates::sonnet_vs_2xa100();
    s.gpu_configs[0].gpu = "h100-sxm".into();
    s.gpu_configs[0].hosting = Hosting::OnPrem(o);
    let before = s.clone();
    s.type_gpu_price(0, catalog);
    assert_eq!(s, before, "the catalog's purchase price typed back");
    s.type_gpu_price(0, catalog - 1000.0);
    assert!(matches!(&s.gpu_configs[0].hosting, Hosting::OnPrem(o) if o.gpu_price_typed));
}
