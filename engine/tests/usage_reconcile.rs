//! Usage set against bills when files of two providers, and of other days, are read
//! together: each bill against its own provider's usage, over the days its rows cover.

use engine::usage::file::{describe, workload, UsageFile};
use engine::usage::import_usage;

const DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/usage-samples/");
const OPENAI_USAGE: &str =
    "openai-org-usage-costs/openai-cookbook_usage-completions_1d_30days.json";
const OPENAI_COSTS: &str = "openai-org-usage-costs/openai-cookbook_costs_1d_30days.json";
const KMMLU: &str = "openai-batch-output/kmmlu-rag-gpt-4o-mini_batch_output.jsonl";
const NAVIRAG: &str = "openai-batch-output/navirag-gpt-4o_batch_output.jsonl";
const ANTHROPIC_COST: &str = "anthropic-admin-reports/anthropic-docs_cost-report_example.json";
const ANTHROPIC_USAGE: &str =
    "anthropic-admin-reports/anthropic-docs_usage-report-messages_example.json";
const SESSION: &str = "claude-code-jsonl/cctrace-phase0-investigation_raw_messages.jsonl";

fn file(rel: &str) -> UsageFile {
    let bytes = std::fs::read(format!("{DIR}{rel}")).unwrap_or_else(|e| panic!("{rel}: {e}"));
    let imported = import_usage(&bytes).unwrap_or_else(|e| panic!("{rel}: {e}"));
    let name = rel.rsplit('/').next().unwrap_or(rel);
    describe(&imported, name, None).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

fn files(rels: &[&str]) -> Vec<UsageFile> {
    rels.iter().map(|r| file(r)).collect()
}

#[test]
fn each_bill_meets_its_own_providers_usage_on_its_own_days() {
    let all = workload(&files(&[
        OPENAI_USAGE,
        OPENAI_COSTS,
        KMMLU,
        NAVIRAG,
        ANTHROPIC_COST,
        ANTHROPIC_USAGE,
        SESSION,
    ]));
    let openai_pair = workload(&files(&[OPENAI_USAGE, OPENAI_COSTS]));
    let anthropic = workload(&files(&[ANTHROPIC_COST, ANTHROPIC_USAGE, SESSION]));
    let providers: Vec<&str> = all
        .reconciliations
        .iter()
        .map(|r| r.provider.as_str())
        .collect();
    assert_eq!(providers, ["OpenAI", "Anthropic"]);
    let (o, a) = (&all.reconciliations[0], &all.reconciliations[1]);
    // The OpenAI bill is set against OpenAI's usage only: the Claude files change nothing
    // of it, and neither do batch outputs of days its rows do not cover.
    let pair = &openai_pair.reconciliations[0];
    assert_eq!(
        (o.start, o.end, o.common_s),
        (pair.start, pair.end, pair.common_s)
    );
    assert_eq!(o.billed_usd, pair.billed_usd);
    assert_eq!(o.priced_usd, pair.priced_usd);
    // The batch outputs' days are not on the OpenAI bill (July and its ten days of
    // January are apart): each is named as not compared.
    for batch in [KMMLU, NAVIRAG] {
        let f = file(batch);
        let p = f.period.as_ref().expect("period");
        assert!(
            p.end_s <= pair.start || p.start_s >= pair.end,
            "{}: inside the bill",
            f.file_name
        );
        let named = o
            .reasons
            .iter()
            .any(|r| r.contains("not compared") && r.contains(&f.file_name));
        assert!(named, "{}: {:?}", f.file_name, o.reasons);
    }
    // The Anthropic bill likewise: the OpenAI bill is not added to it.
    assert_eq!(anthropic.reconciliations.len(), 1);
    let alone = &anthropic.reconciliations[0];
    assert_eq!(
        (a.start, a.end, a.billed_usd, a.priced_usd),
        (alone.start, alone.end, alone.billed_usd, alone.priced_usd)
    );
    assert!(
        a.billed_usd < o.billed_usd,
        "{} vs {}",
        a.billed_usd,
        o.billed_usd
    );
    // The window is within the bill's own days, never the span between two bills.
    let bill = file(ANTHROPIC_COST);
    let days = bill.period.as_ref().expect("bill period");
    assert!(
        a.start >= days.start_s && a.end <= days.end_s,
        "{a:?} {days:?}"
    );
}

/// Two bills of one provider with days between them cover their own days, not the days
/// between: usage across both is compared on the billed days only.
#[test]
fn two_bills_apart_cover_only_their_days() {
    let costs = file(OPENAI_COSTS);
    let usage = file(OPENAI_USAGE);
    let pair = workload(&[usage.clone(), costs.clone()]);
    let whole = &pair.reconciliations[0];
    // The bill's first and last ten days as two bills, each summarised as its own export
    // (rows, total, period), so neither is read as a copy of the other.
    let first_day = costs.costs.iter().map(|c| c.start).min().expect("rows");
    let last_day = costs.costs.iter().map(|c| c.end).max().expect("rows");
    let part = |keep: &dyn Fn(&engine::usage::CostRecord) -> bool, name: &str| {
        let mut f = costs.clone();
        f.costs.retain(|c| keep(c));
        f.file_name = name.into();
        f.cost_rows = f.costs.len();
        f.billed_usd = Some(f.costs.iter().map(|c| c.usd).sum());
        let p = f.period.as_mut().expect("period");
        p.start_s = f.costs.iter().map(|c| c.start).min().expect("rows");
        p.end_s = f.costs.iter().map(|c| c.end).max().expect("rows");
        f
    };
    let early = part(&|c| c.end <= first_day + 10 * 86_400, "early.json");
    let late = part(&|c| c.start >= last_day - 10 * 86_400, "late.json");
    let split = workload(&[usage, early.clone(), late.clone()]);
    assert!(
        !split.notes.iter().any(|n| n.contains("once")),
        "{:?}",
        split.notes
    );
    let r = &split.reconciliations[0];
    // Both bills' days count, and only they: about twenty of the usage's thirty days.
    let days = r.common_s as f64 / 86_400.0;
    assert!((19.0..=20.5).contains(&days), "{days} days in common");
    assert!(r.common_s < whole.common_s);
    assert!(r.start <= early.period.as_ref().expect("p").end_s, "{r:?}");
    assert!(r.end >= late.period.as_ref().expect("p").start_s, "{r:?}");
    // Billed: the two bills' rows inside the usage's time, less than the whole bill.
    let rows: f64 = early
        .costs
        .iter()
        .chain(late.costs.iter())
        .map(|c| c.usd)
        .sum();
    assert!(
        r.billed_usd <= rows + 1e-9 && r.billed_usd < whole.billed_usd,
        "{r:?}"
    );
    assert!(
        r.reasons
            .iter()
            .any(|x| x.contains("cover different times")),
        "{:?}",
        r.reasons
    );
}

#[test]
fn a_service_tier_is_a_reason_only_where_a_record_is_not_on_the_standard_one() {
    let tier_reason = |files: &[UsageFile]| {
        workload(files).reconciliations[0]
            .reasons
            .iter()
            .find(|r| r.contains("service tier"))
            .cloned()
    };
    // The example report says "standard" throughout: no reason, and none of Priority
    // Tier spend missing from the cost report either.
    assert_eq!(
        tier_reason(&files(&[ANTHROPIC_COST, ANTHROPIC_USAGE])),
        None
    );
    let priority_missing = |files: &[UsageFile]| {
        workload(files).reconciliations[0]
            .reasons
            .iter()
            .any(|r| r.starts_with("Priority Tier spend"))
    };
    assert!(!priority_missing(&files(&[
        ANTHROPIC_COST,
        ANTHROPIC_USAGE
    ])));
    // The same report with its records moved to the priority tier.
    let text = std::fs::read_to_string(format!("{DIR}{ANTHROPIC_USAGE}")).expect("sample");
    assert!(
        text.contains("\"service_tier\":\"standard\"")
            || text.contains("\"service_tier\": \"standard\"")
    );
    let priority = text
        .replace(
            "\"service_tier\":\"standard\"",
            "\"service_tier\":\"priority\"",
        )
        .replace(
            "\"service_tier\": \"standard\"",
            "\"service_tier\": \"priority\"",
        );
    let u = import_usage(priority.as_bytes()).expect("reads");
    let f = describe(&u, "priority.json", None).expect("described");
    assert_eq!(f.apart.other_tiers, Some(vec!["priority".to_string()]));
    let why = tier_reason(&[file(ANTHROPIC_COST), f.clone()]).expect("a tier reason");
    assert!(why.contains("the priority service tier"), "{why}");
    assert!(priority_missing(&[file(ANTHROPIC_COST), f]));
}

#[test]
fn web_searches_in_the_usage_are_named_beside_the_bill() {
    let f = file(ANTHROPIC_USAGE);
    assert_eq!(
        f.apart.server_tools,
        [("web_search_requests".to_string(), 10.0)]
    );
    assert!(
        f.notes
            .iter()
            .any(|n| n.starts_with("10 web searches (server tool use)")),
        "{:?}",
        f.notes
    );
    let w = workload(&[file(ANTHROPIC_COST), f]);
    let why = &w.reconciliations[0].reasons;
    assert!(
        why.iter()
            .any(|r| r.contains("the usage holds 10 web searches")),
        "{why:?}"
    );
    // The example bill is for claude-opus-5, its usage for claude-opus-4-6: said.
    assert!(
        why.iter()
            .any(|r| r.contains("the bill's rows name claude-opus-5")
                && r.contains("the usage names claude-opus-4-6")),
        "{why:?}"
    );
    // A session log with none says nothing of them.
    assert!(file(SESSION).apart.server_tools.is_empty());
}

#[test]
fn a_call_written_on_several_lines_counts_its_tool_uses_once_at_their_most() {
    // The session log's first call, its usage saying 1 web search on one line and 2 on a
    // later line of the same call (as a call's lines grow): 2, not 3.
    let text = std::fs::read_to_string(format!("{DIR}{SESSION}")).expect("sample");
    let line = text
        .lines()
        .find(|l| l.contains("\"usage\"") && l.contains("\"assistant\""))
        .expect("an assistant line");
    let mut v: serde_json::Value = serde_json::from_str(line).expect("json");
    // Each line of a call has its own uuid, as Claude Code writes them.
    let with = |v: &mut serde_json::Value, n: u32| {
        v["message"]["usage"]["server_tool_use"] = serde_json::json!({ "web_search_requests": n });
        v["uuid"] = serde_json::json!(format!("line-{n}"));
        v.to_string()
    };
    let log = format!("{}\n{}\n", with(&mut v, 1), with(&mut v, 2));
    let u = import_usage(log.as_bytes()).expect("reads");
    assert_eq!(u.server_tools, [("web_search_requests".to_string(), 2.0)]);
}

#[test]
fn a_days_bill_meets_a_log_of_that_day_whole() {
    // The session log covers some hours of its days; a bill of those whole days is set
    // against it whole, not cut to the hours between its first and last call.
    let session = file(SESSION);
    let p = session.period.clone().expect("a period");
    let day = |t: i64| t.div_euclid(86_400) * 86_400;
    let (first, last) = (day(p.start_s), day(p.end_s - 1) + 86_400);
    let rows: Vec<String> = (0..(last - first) / 86_400)
        .map(|i| {
            let s = engine::usage::fmt_rfc3339(first + i * 86_400);
            let e = engine::usage::fmt_rfc3339(first + (i + 1) * 86_400);
            format!(r#"{{"starting_at":"{s}","ending_at":"{e}","results":[{{"amount":"1100","currency":"USD","cost_type":"tokens","description":"Claude Opus 4.5 Usage - Input Tokens","model":"claude-opus-4-5"}}]}}"#)
        })
        .collect();
    let bill = format!(r#"{{"data":[{}],"has_more":false}}"#, rows.join(","));
    let u = import_usage(bill.as_bytes()).expect("reads");
    let bill = describe(&u, "cost.json", None).expect("described");
    let w = workload(&[bill, session]);
    let r = &w.reconciliations[0];
    assert!(
        (r.billed_usd - 11.0 * rows.len() as f64).abs() < 1e-9,
        "{} over {} days",
        r.billed_usd,
        rows.len()
    );
    assert!(
        !r.reasons
            .iter()
            .any(|x| x.contains("cover different times")),
        "{:?}",
        r.reasons
    );
    // But the log holds only some hours of those days, and the bill more than it priced:
    // the first reason says so, with the log's hours.
    assert!(r.residual_usd > 0.0, "{r:?}");
    let first = r.reasons.first().expect("reasons");
    assert!(
        first.starts_with("the bill is by whole days, but the log cctrace")
            && first.contains(&engine::usage::time_span(p.start_s, p.end_s)),
        "{:?}",
        r.reasons
    );
}

#[test]
fn reports_by_day_are_not_said_to_hold_part_of_their_days() {
    let w = workload(&files(&[
        ANTHROPIC_USAGE,
        ANTHROPIC_COST,
        OPENAI_USAGE,
        OPENAI_COSTS,
    ]));
    assert!(!w.reconciliations.is_empty());
    for r in &w.reconciliations {
        // The bill is more than the usage priced: the reason would be given if it held.
        assert!(r.residual_usd > 0.005, "{}: {}", r.provider, r.residual_usd);
        assert!(
            !r.reasons.iter().any(|x| x.contains("by whole days")),
            "{}: {:?}",
            r.provider,
            r.reasons
        );
    }
}

#[test]
fn a_cost_rows_type_says_whether_it_bills_tokens() {
    // The example cost report's row, once as tokens with a description that does not say
    // so, once as web searches: only the second is an item apart from tokens.
    let text = std::fs::read_to_string(format!("{DIR}{ANTHROPIC_COST}")).expect("sample");
    let v: serde_json::Value = serde_json::from_str(&text).expect("json");
    let mut rows = v["data"][0]["results"][0].clone();
    rows["description"] = "Claude Opus 5 Usage".into();
    let mut search = rows.clone();
    search["cost_type"] = "web_search".into();
    search["description"] = "Web Search".into();
    search["amount"] = "10".into();
    let mut bill = v.clone();
    bill["data"][0]["results"] = serde_json::json!([rows, search]);
    let u = import_usage(bill.to_string().as_bytes()).expect("reads");
    let f = describe(&u, "cost.json", None).expect("described");
    let w = workload(&[f, file(ANTHROPIC_USAGE)]);
    let apart = w.reconciliations[0]
        .reasons
        .iter()
        .find(|r| r.contains("items that are not tokens"))
        .cloned()
        .expect("the web searches are an item apart");
    assert!(
        apart.contains("$0.10") && apart.contains("Web Search"),
        "{apart}"
    );
    assert!(!apart.contains("Opus"), "{apart}");
}

/// A back-test prices its hours as the scenario bills them: GPU time over the scenario's
/// month (2/720 of it for two hours of 720-hour months), people over a calendar month
/// (2/730.5), not everything over one or the other.
#[test]
fn a_back_test_hour_is_the_scenarios_hour() {
    use engine::usage::backtest::{backtest, GroupLoad};
    let s = engine::templates::sonnet_vs_2xa100();
    assert_eq!(s.hours_per_month, 720.0);
    let v = engine::validate(s.clone()).expect("valid");
    let load = GroupLoad {
        task: s.task_types[0].name.clone(),
        start: 1_767_225_600,
        calls: vec![100.0, 50.0],
        hourly: true,
    };
    let e = engine::evaluate(&v, Default::default());
    let b = backtest(&v, &[load]).expect("a back-test");
    assert_eq!(b.hours, 2);
    let sh = &e.selfhosted[0];
    let r = &b.options[s.api_tiers.len()];
    // As many replicas as the planned volume needs (its busiest hour needs no more).
    assert_eq!(r.replicas, sh.replicas.as_ref().map(|x| x.value));
    let k = &sh.breakdown;
    assert!(k.gpu_time > 0.0 && k.people_maintenance > 0.0, "{k:?}");
    let hourly = k.gpu_time + k.overhead + k.power;
    let calendar = k.hardware + k.facility + k.people_maintenance + k.people_upgrades;
    let want = hourly * 2.0 / 720.0 + calendar * 2.0 / 730.5;
    let got = r.cost_usd.expect("priced");
    assert!((got - want).abs() < 1e-9 * want, "{got} vs {want}");
    assert!(
        b.notes[0].contains("the scenario's 720-hour month"),
        "{:?}",
        b.notes
    );
}
