//! The rule of values that follow their source, on the cases a team hit: another GPU,
//! a typed price, a renamed configuration, on-prem purchase prices, custom GPUs.

use super::*;
use crate::scenario::GpuConfig;

fn one_config() -> Scenario {
    let mut s = crate::templates::blank();
    s.gpu_configs.truncate(1);
    s.gpu_configs[0] = GpuConfig::default();
    s
}

fn cloud(s: &Scenario) -> &CloudPricing {
    match &s.gpu_configs[0].hosting {
        Hosting::Cloud(c) => c,
        Hosting::OnPrem(_) => panic!("cloud expected"),
    }
}

fn onprem(s: &Scenario) -> &OnPremPricing {
    match &s.gpu_configs[0].hosting {
        Hosting::OnPrem(o) => o,
        Hosting::Cloud(_) => panic!("on-prem expected"),
    }
}

#[test]
fn a_new_configuration_is_priced_from_the_catalog_not_typed() {
    let s = one_config();
    let c = cloud(&s);
    // The catalog's RunPod RTX 4090 on-demand quote.
    assert_eq!((c.hourly_usd, c.provider.as_str()), (0.74, "RunPod"));
    assert!(!c.typed);
    assert_eq!(c.quoted_for, "rtx-4090");
    assert!(
        !c.source_text("rtx-4090").contains("typed"),
        "{}",
        c.source_text("rtx-4090")
    );
}

#[test]
fn another_gpu_reprices_an_untyped_price_and_renames_an_unnamed_configuration() {
    let mut s = one_config();
    s.use_gpu(0, "h100-sxm", None, &[]);
    s.use_model(0, "llama-3.1-70b");
    s.use_precision(0, Precision::Fp8);
    s.use_gpus_per_replica(0, 2);
    let c = cloud(&s);
    assert_eq!(c.hourly_usd, 3.49, "RunPod's H100 SXM on-demand quote");
    assert_eq!(c.quoted_for, "h100-sxm");
    assert_eq!(
        s.gpu_configs[0].name,
        "2x H100 SXM 80 GB + Llama 3.1 70B fp8"
    );
    assert_eq!(s.gpu_configs[0].price_mismatch(&s), None);
}

#[test]
fn a_typed_price_and_a_typed_name_stay_and_are_marked_typed() {
    let mut s = one_config();
    s.type_hourly(0, 1.25);
    s.rename_config(0, "Our box".into());
    s.use_gpu(0, "h100-sxm", None, &[]);
    let c = cloud(&s);
    assert_eq!(c.hourly_usd, 1.25);
    assert_eq!(c.source_text("h100-sxm"), "typed by the user");
    assert_eq!(s.gpu_configs[0].name, "Our box");
    // An emptied name is no longer the user's: the next change names it again.
    s.rename_config(0, " ".into());
    assert_eq!(
        s.gpu_configs[0].name, " ",
        "not refilled while the user types"
    );
    s.use_model(0, "llama-3.1-70b");
    assert_eq!(s.gpu_configs[0].name, "H100 SXM 80 GB + Llama 3.1 70B");
}

#[test]
fn a_gpu_without_a_quote_keeps_the_old_price_flagged_never_silent() {
    let mut s = one_config();
    assert!(
        cheapest_catalog_quote("rtx-5090").is_none(),
        "the RTX 5090 has no cloud quote"
    );
    s.use_gpu(0, "rtx-5090", None, &[]);
    let warning = s.gpu_configs[0].price_mismatch(&s).expect("flagged");
    assert!(warning.contains("RTX 4090"), "{warning}");
    assert!(warning.contains("RTX 5090"), "{warning}");
    // The evaluation carries it beside the option.
    let v = crate::validate(s).expect("valid");
    let e = crate::evaluate(&v, crate::Options::default());
    assert!(
        e.selfhosted
            .iter()
            .any(|o| o.warnings.iter().any(|w| w == &warning)),
        "{:?}",
        e.selfhosted.iter().map(|o| &o.warnings).collect::<Vec<_>>()
    );
}

#[test]
fn a_team_quote_counts_when_it_is_cheaper() {
    let mut s = one_config();
    let team = Quote {
        provider: "Acme".into(),
        kind: PriceKind::Reserved,
        hourly_usd: 2.0,
        source: "our contract".into(),
        as_of: "2026-11".into(),
    };
    s.use_gpu(0, "h100-sxm", None, std::slice::from_ref(&team));
    assert_eq!(
        (cloud(&s).hourly_usd, cloud(&s).provider.as_str()),
        (2.0, "Acme")
    );
    s.use_gpu(0, "rtx-4090", None, &[team]);
    assert_eq!(
        cloud(&s).hourly_usd,
        0.74,
        "the catalog's quote is cheaper here"
    );
}

#[test]
fn on_prem_follows_the_purchase_price_of_the_gpu_or_asks_for_one() {
    let mut s = one_config();
    s.use_hosting(0, false, &[]);
    assert_eq!(
        onprem(&s).gpu_price_usd,
        1_599.0,
        "the RTX 4090's purchase price"
    );
    s.use_gpu(0, "h100-sxm", None, &[]);
    assert_eq!(onprem(&s).gpu_price_usd, 27_500.0);
    // The H200 has no purchase price in the catalog: the field asks, the old one is gone.
    s.use_gpu(0, "h200", None, &[]);
    assert_eq!(onprem(&s).gpu_price_usd, 0.0);
    let err = crate::validate(s.clone()).expect_err("asks for a price");
    assert!(
        err.0
            .iter()
            .any(|e| e.path == "gpu_configs[0].hosting.gpu_price_usd"
                && e.message.contains("type one")),
        "{err:?}"
    );
    // A custom GPU brings its own purchase price.
    let mut x = crate::catalog::gpu("h100-sxm").expect("gpu").clone();
    x.id = "team-h100".into();
    x.name = "Team H100".into();
    x.purchase_usd = Some(21_000.0);
    s.use_gpu(0, "team-h100", Some(x), &[]);
    assert_eq!(onprem(&s).gpu_price_usd, 21_000.0);
    s.type_gpu_price(0, 19_000.0);
    s.use_gpu(0, "h100-sxm", None, &[]);
    assert_eq!(onprem(&s).gpu_price_usd, 19_000.0, "typed stays");
}

#[test]
fn documents_from_before_the_old_default_price_on_another_gpu_is_flagged() {
    // The bug as saved: an H100 configuration still carrying the old default (RunPod's
    // RTX 4090 price, labelled "typed by the user").
    let old = serde_json::json!({
        "gpu_configs": [{ "gpu": "h100-sxm", "name": "mine", "hosting": {
            "kind": "cloud", "provider": "RunPod", "hourly_usd": 0.74,
            "price_source": "typed by the user" } }]
    });
    let s: Scenario = serde_json::from_value(old).expect("reads");
    let warning = s.gpu_configs[0].price_mismatch(&s).expect("flagged");
    assert!(warning.contains("RTX 4090"), "{warning}");
    match &s.gpu_configs[0].hosting {
        Hosting::Cloud(c) => {
            assert!(!c.typed, "not the user's: the old default");
            assert!(c.source_text("h100-sxm").contains("another GPU"));
        }
        Hosting::OnPrem(_) => panic!("cloud"),
    }
    assert!(s.gpu_configs[0].name_typed, "a name from before stays");
}

#[test]
fn a_price_sent_without_a_source_is_the_senders_own_and_a_missing_one_is_asked_for() {
    let sent = serde_json::json!({
        "gpu_configs": [
            { "gpu": "h100-sxm", "hosting": { "kind": "cloud", "hourly_usd": 2.1 } },
            { "gpu": "h100-sxm", "hosting": { "kind": "on_prem" } },
            { "gpu": "h200", "hosting": { "kind": "on_prem", "gpu_price_usd": 2000.0 } }
        ]
    });
    let s: Scenario = serde_json::from_value(sent).expect("reads");
    match &s.gpu_configs[0].hosting {
        Hosting::Cloud(c) => assert!(c.typed && c.source_text("h100-sxm") == "typed by the user"),
        Hosting::OnPrem(_) => panic!("cloud"),
    }
    for k in [1, 2] {
        match &s.gpu_configs[k].hosting {
            Hosting::OnPrem(o) => assert_eq!(o.gpu_price_usd, 0.0, "config {k} asks for a price"),
            Hosting::Cloud(_) => panic!("on-prem"),
        }
    }
    let err = crate::validate(s).expect_err("asks");
    assert!(err
        .0
        .iter()
        .any(|e| e.path == "gpu_configs[1].hosting.gpu_price_usd"));
}

#[test]
fn a_copy_is_named_after_what_it_becomes_unless_its_name_was_typed() {
    let mut s = one_config();
    s.duplicate_config(0);
    assert_eq!(
        s.gpu_configs[1].name,
        "RTX 4090 24 GB + Llama 3.1 8B (copy)"
    );
    s.use_gpu(1, "h100-sxm", None, &[]);
    assert_eq!(
        s.gpu_configs[1].name,
        s.gpu_configs[1].auto_name(&s),
        "an H100 is not called an RTX 4090"
    );
    assert!(
        s.gpu_configs[1].name.contains("H100"),
        "{}",
        s.gpu_configs[1].name
    );
    s.rename_config(0, "Our box".into());
    s.duplicate_config(0);
    s.use_gpu(1, "a100-80gb", None, &[]);
    assert_eq!(
        s.gpu_configs[1].name, "Our box (copy)",
        "a typed name stays"
    );
}

#[test]
fn a_templates_configuration_is_renamed_when_its_gpu_changes() {
    for t in crate::templates::TEMPLATES {
        let mut s = (t.build)();
        for k in 0..s.gpu_configs.len() {
            let before = s.gpu_configs[k].name.clone();
            assert!(
                !s.gpu_configs[k].name_typed,
                "{}: {before} is the template's, not typed",
                t.id
            );
            s.use_hosting(k, false, &[]);
            assert_eq!(
                s.gpu_configs[k].name, before,
                "{}: bought, the same GPU and model",
                t.id
            );
            s.use_gpu(k, "h200", None, &[]);
            let after = &s.gpu_configs[k].name;
            assert!(
                after.contains("H200") && *after != before,
                "{}: {before} -> {after}",
                t.id
            );
        }
    }
}

#[test]
fn a_chosen_spot_price_stays_spot_on_another_gpu() {
    let mut s = one_config();
    let spot = catalog::quote_of("rtx-4090", "RunPod", PriceKind::Spot).expect("spot");
    s.use_quote(0, &spot);
    s.use_gpu(0, "h100-sxm", None, &[]);
    let c = cloud(&s);
    assert_eq!(
        (c.price_kind, c.hourly_usd),
        (PriceKind::Spot, 2.25),
        "AWS, the cheapest H100 SXM spot quote"
    );
}

#[test]
fn a_tier_from_the_catalog_carries_its_prices_and_source() {
    let mut s = one_config();
    let before = s.api_tiers.len();
    assert!(s.add_catalog_tier("claude-haiku-4.5"));
    assert!(!s.add_catalog_tier("no-such-tier"));
    assert_eq!(s.api_tiers.len(), before + 1);
    let t = s.api_tiers.last().expect("tier");
    assert_eq!(t.catalog_id.as_deref(), Some("claude-haiku-4.5"));
    assert!(t.input_per_mtok > 0.0 && !t.source.is_empty());
}

/// The article's two 4090 configurations, both moved to two GPUs: their names follow, and
/// the second says how it differs instead of repeating the first's.
#[test]
fn configurations_that_would_share_a_name_say_how_they_differ() {
    let mut s = crate::templates::haiku_vs_4090();
    s.use_gpus_per_replica(0, 2);
    s.use_gpus_per_replica(1, 2);
    assert_eq!(s.gpu_configs[0].name, "2x RTX 4090 24 GB + Llama 3.1 8B");
    assert_eq!(
        s.gpu_configs[1].name,
        "2x RTX 4090 24 GB + Llama 3.1 8B (estimated)"
    );
    // A third of the same kind and source: its number.
    s.duplicate_config(1);
    s.use_gpus_per_replica(2, 1);
    s.use_gpus_per_replica(2, 2);
    assert_eq!(
        s.gpu_configs[2].name,
        "2x RTX 4090 24 GB + Llama 3.1 8B (configuration 3)"
    );
    let names: std::collections::BTreeSet<_> = s.gpu_configs.iter().map(|g| &g.name).collect();
    assert_eq!(names.len(), 3);
}

/// A name that said where the throughput came from follows a change of source: the
/// article's "(article: 80 tok/s)" once a run is attached, a noted "typed 80 tok/s" when
/// another number is typed. A typed name stays.
#[test]
fn a_name_follows_the_throughputs_source_unless_typed() {
    let mut s = crate::templates::haiku_vs_4090();
    assert!(s.gpu_configs[0].name.contains("article: 80 tok/s"));
    let run = ThroughputSource::Benchmark {
        run_id: "r".into(),
        output_tokens_per_s: 900.0,
        input_tokens: 800.0,
        output_tokens: 400.0,
        concurrency: 16.0,
        label: String::new(),
        run_gpu: None,
        run_gpus: None,
        sweep: Vec::new(),
        run_facts: None,
    };
    s.use_throughput(0, run.clone());
    assert_eq!(s.gpu_configs[0].throughput, run);
    assert_eq!(s.gpu_configs[0].name, "RTX 4090 24 GB + Llama 3.1 8B");
    // The second configuration now shares the first's GPU and model: typed, it says its
    // number, and the number follows what is typed.
    let typed = |v| ThroughputSource::Typed {
        output_tokens_per_s: v,
    };
    s.use_throughput(1, typed(80.0));
    assert_eq!(
        s.gpu_configs[1].name,
        "RTX 4090 24 GB + Llama 3.1 8B (typed 80 tok/s)"
    );
    s.use_throughput(1, typed(95.0));
    assert_eq!(
        s.gpu_configs[1].name,
        "RTX 4090 24 GB + Llama 3.1 8B (typed 95 tok/s)"
    );
    s.rename_config(1, "Our 4090".into());
    s.use_throughput(1, ThroughputSource::Estimated);
    assert_eq!(s.gpu_configs[1].name, "Our 4090");
}

/// A copy switched to bought is named for it: it read "… (copy)" beside its rented
/// original in the NPV table and the slides. A template's own name stays.
#[test]
fn a_copy_switched_to_bought_says_so_in_its_name() {
    let mut s = crate::templates::sonnet_vs_2xa100();
    s.gpu_configs.truncate(1);
    let original = s.gpu_configs[0].name.clone();
    s.use_gpus_per_replica(0, s.gpu_configs[0].gpus_per_replica);
    let auto = s.gpu_configs[0].name.clone();
    s.duplicate_config(0);
    assert_eq!(s.gpu_configs[1].name, format!("{auto} (copy)"));
    s.use_hosting(1, false, &[]);
    assert_eq!(s.gpu_configs[1].name, format!("{auto} (bought)"));
    assert_eq!(s.gpu_configs[0].name, auto, "the original stays");
    // Back to rented: the same name as the original, so told apart by its source.
    s.use_hosting(1, true, &[]);
    assert_ne!(s.gpu_configs[1].name, s.gpu_configs[0].name);
    // A template's configuration switched to bought keeps its name.
    let mut t = crate::templates::sonnet_vs_2xa100();
    t.use_hosting(0, false, &[]);
    assert_eq!(t.gpu_configs[0].name, original);
}
