//! Tests of `reconcile.rs`.
use super::*;
use crate::usage::pricing::price_import;
use crate::usage::{Tokens, UsageImport, UsageRecord};

fn record(model: &str, tokens: Tokens, batch: Option<bool>) -> UsageRecord {
    UsageRecord {
        start: 0,
        end: 0,
        model: Some(model.into()),
        keys: Vec::new().into(),
        requests: Some(1.0),
        tokens,
        batch,
    }
}

fn file(
    format: crate::usage::UsageFormat,
    priced: Vec<GroupCost>,
    costs: Vec<CostRecord>,
) -> FileForReconciling {
    FileForReconciling {
        name: format!("{format:?}"),
        format,
        // Days 1 and 2 (a bill's row starting at 0 has no time).
        start: 86_400,
        end: 86_400 * 3,
        priced,
        costs,
        keys: Vec::new(),
        apart: crate::usage::billed_apart::Apart {
            other_tiers: Some(Vec::new()),
            ..Default::default()
        },
    }
}

#[test]
fn reconciliation_states_both_totals_the_residual_and_the_other_items() {
    use crate::usage::UsageFormat as F;
    let mut u = UsageImport::new(F::AnthropicUsage);
    let mut r = record(
        "claude-haiku-4-5",
        Tokens {
            uncached_input: 1e6,
            output: 1e6,
            ..Tokens::default()
        },
        None,
    );
    r.end = 86_400;
    u.records.push(r);
    let priced = price_import(&u, None);
    let cost = |day: i64, usd: f64, item: &str| CostRecord {
        start: day * 86_400,
        end: (day + 1) * 86_400,
        usd,
        item: Some(item.into()),
        model: None,
    };
    let rec = reconcile(&[
        file(F::AnthropicUsage, priced, Vec::new()),
        file(
            F::AnthropicCost,
            Vec::new(),
            vec![
                cost(1, 5.5, "Claude Haiku 4.5 Usage - Input Tokens"),
                cost(2, 1.0, "Web search"),
            ],
        ),
    ])
    .pop()
    .expect("both");
    assert_eq!(rec.provider, "Anthropic");
    assert!((rec.priced_usd - 6.0).abs() < 1e-9);
    assert!((rec.billed_usd - 6.5).abs() < 1e-9);
    assert!((rec.residual_usd - 0.5).abs() < 1e-9);
    assert!(
        rec.reasons.iter().any(|r| r.contains("Web search")),
        "{:?}",
        rec.reasons
    );
    assert!(rec.reasons.iter().any(|r| r.contains("Priority Tier")));
    // No usage, or no bill: nothing to set side by side.
    assert!(reconcile(&[file(F::AnthropicUsage, Vec::new(), Vec::new())]).is_empty());
}

fn gateway_group(model: &str, tokens: f64) -> GroupCost {
    use crate::usage::UsageFormat as F;
    let mut u = UsageImport::new(F::LitellmSpendLogs);
    let mut r = record(
        model,
        Tokens {
            uncached_input: tokens,
            output: 0.0,
            ..Tokens::default()
        },
        None,
    );
    r.end = 86_400;
    u.records.push(r);
    price_import(&u, None).remove(0)
}

/// A gateway's log: its Claude traffic routed to Anthropic meets the Anthropic bill; the
/// same model through Bedrock is on another bill, said and not compared. Two cost reports
/// repeating a day's row count it once, and a row with no time bills no day.
#[test]
fn a_gateways_groups_meet_the_bill_of_the_provider_they_route_to() {
    use crate::usage::UsageFormat as F;
    let direct = gateway_group("anthropic/claude-haiku-4-5", 1e6);
    let bedrock = gateway_group("bedrock/anthropic.claude-haiku-4-5", 2e6);
    assert!(
        direct.reason.is_none() && bedrock.reason.is_none(),
        "both priced"
    );
    let cost = |start: i64, end: i64, usd: f64| CostRecord {
        start,
        end,
        usd,
        item: Some("Claude Haiku 4.5 Usage - Input Tokens".into()),
        model: None,
    };
    let bill = |rows: Vec<CostRecord>| file(F::AnthropicCost, Vec::new(), rows);
    let recs = reconcile(&[
        file(
            F::LitellmSpendLogs,
            vec![direct.clone(), bedrock],
            Vec::new(),
        ),
        bill(vec![cost(86_400, 2 * 86_400, 1.0), cost(0, 86_400, 50.0)]),
        bill(vec![cost(86_400, 2 * 86_400, 1.0)]),
    ]);
    assert_eq!(recs.len(), 1, "{recs:?}");
    let r = &recs[0];
    assert_eq!(r.provider, "Anthropic");
    // Only the routed group is priced: $1 of input at Haiku 4.5's $1/M, half of it in the
    // billed day (the log covers two days).
    let direct_usd = direct.cost.expect("cost").total();
    assert!((r.priced_usd - direct_usd * 0.5).abs() < 1e-9, "{r:?}");
    // The repeated row once; the row starting at 0 not at all.
    assert!((r.billed_usd - 1.0).abs() < 1e-9, "{r:?}");
    assert!(
        r.reasons
            .iter()
            .any(|x| x.contains("1 bill rows appear in more than one")),
        "{:?}",
        r.reasons
    );
    assert!(
        r.reasons.iter().any(|x| x
            .contains("2,000,000 tokens of a gateway's log route through another provider's bill")),
        "{:?}",
        r.reasons
    );
}

/// A log is said to hold part of its days only against the billed time: a log from 10:00
/// on day 1 to 23:59 on day 2 holds day 2 whole, and a bill of day 2 alone gets no such
/// reason; a bill of both days does (day 1's morning is billed and not in the log).
#[test]
fn a_log_holds_part_of_the_billed_days_only_if_it_misses_billed_time() {
    use crate::usage::UsageFormat as F;
    const DAY: i64 = 86_400;
    let mut log = file(
        F::LitellmSpendLogs,
        vec![gateway_group("anthropic/claude-haiku-4-5", 1e6)],
        Vec::new(),
    );
    (log.start, log.end) = (DAY + 36_000, 3 * DAY - 60);
    let bill = |start: i64| {
        file(
            F::AnthropicCost,
            Vec::new(),
            vec![CostRecord {
                start,
                end: 3 * DAY,
                usd: 100.0,
                item: Some("Claude Haiku 4.5 Usage - Input Tokens".into()),
                model: None,
            }],
        )
    };
    let said = |start: i64| {
        let r = reconcile(&[log.clone(), bill(start)]).remove(0);
        assert!(r.residual_usd > 1.0, "{r:?}");
        r.reasons.iter().any(|x| x.contains("by whole days"))
    };
    assert!(!said(2 * DAY), "day 2 is in the log whole");
    assert!(said(DAY), "day 1's morning is billed, not in the log");
}

/// Usage not grouped by context window: the premium it may hide is a reason for a bill
/// larger than the usage priced, and not given where the two agree.
#[test]
fn the_long_context_reason_is_given_only_for_a_larger_bill() {
    use crate::usage::UsageFormat as F;
    let mut u = UsageImport::new(F::AnthropicUsage);
    let mut r = record(
        "claude-sonnet-4-5",
        Tokens {
            uncached_input: 1e6,
            output: 0.0,
            ..Tokens::default()
        },
        None,
    );
    r.end = 86_400;
    u.records.push(r);
    let mut priced = price_import(&u, None);
    priced[0].long_context_unknown = true;
    let usd = priced[0].cost.as_ref().expect("priced").total();
    let bill = |usd: f64| CostRecord {
        start: 86_400,
        end: 3 * 86_400,
        usd,
        item: Some("Claude Sonnet 4.5 Usage - Input Tokens".into()),
        model: None,
    };
    let reasons = |billed: f64| {
        reconcile(&[
            file(F::AnthropicUsage, priced.clone(), Vec::new()),
            file(F::AnthropicCost, Vec::new(), vec![bill(billed)]),
        ])
        .pop()
        .expect("both")
        .reasons
    };
    let long = |rs: &[String]| rs.iter().any(|r| r.contains("context_window"));
    assert!(!long(&reasons(usd)), "{:?}", reasons(usd));
    assert!(long(&reasons(usd + 3.0)), "{:?}", reasons(usd + 3.0));
}
