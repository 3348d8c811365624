//! Tests of `pricing.rs`: names to prices, and prices per token class.
use super::*;

#[test]
fn claude_names_map_by_family_and_version_never_by_guess() {
    let id = |m: &str| price_for(m).map(|p| p.id);
    assert_eq!(
        id("claude-3-5-haiku-20241022").as_deref(),
        Some("claude-haiku-3.5")
    );
    assert_eq!(
        id("claude-haiku-4-5-20251001").as_deref(),
        Some("claude-haiku-4.5")
    );
    assert_eq!(
        id("claude-sonnet-4-5").as_deref(),
        Some("claude-sonnet-4.5")
    );
    assert_eq!(id("claude-opus-4-6").as_deref(), Some("claude-opus-4.6"));
    assert_eq!(
        id("claude-opus-4-20250514").as_deref(),
        Some("claude-opus-4")
    );
    assert_eq!(
        id("claude-opus-4-1-20250805").as_deref(),
        Some("claude-opus-4.1")
    );
    assert_eq!(
        id("claude-opus-4-5-20251101").as_deref(),
        Some("claude-opus-4.5")
    );
    // Not in the catalog: listed, not rounded to a neighbour.
    assert_eq!(id("claude-3-opus-20240229"), None);
    assert_eq!(id("claude-opus-4-7"), None);
}

#[test]
fn other_names_take_the_longest_id_with_only_a_date_after_it() {
    let id = |m: &str| price_for(m).map(|p| p.id);
    assert_eq!(id("gpt-4o-mini-2024-07-18").as_deref(), Some("gpt-4o-mini"));
    assert_eq!(id("gpt-4o-2024-08-06").as_deref(), Some("gpt-4o"));
    assert_eq!(
        id("gpt-4o-2024-05-13").as_deref(),
        Some("gpt-4o-2024-05-13")
    );
    assert_eq!(id("gpt-4o-audio-preview"), None);
    assert_eq!(id("llama-3.1-8b"), None);
}

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

#[test]
fn each_class_at_its_own_rate_and_batch_at_the_discount() {
    // Haiku 4.5: $1 in, $0.10 cache read, $1.25 5m write, $2 1h write, $5 out.
    let t = Tokens {
        uncached_input: 1e6,
        cache_read: 2e6,
        cache_write_5m: 1e6,
        cache_write_1h: 1e6,
        output: 1e6,
        ..Tokens::default()
    };
    let mut u = UsageImport::new(super::super::UsageFormat::AnthropicMessages);
    u.records.push(record("claude-haiku-4-5", t, Some(false)));
    u.records.push(record("claude-haiku-4-5", t, Some(true)));
    let g = &price_import(&u, None)[0];
    let c = g.cost.expect("priced");
    let whole = 1.0 + 0.2 + 1.25 + 2.0 + 5.0;
    assert!((c.total() - whole * 1.5).abs() < 1e-9, "{}", c.total());
    assert!((c.cache_write - (1.25 + 2.0) * 1.5).abs() < 1e-9);
}

#[test]
fn long_context_premium_per_request_above_the_threshold() {
    let t = Tokens {
        uncached_input: 250_000.0,
        output: 1_000.0,
        ..Tokens::default()
    };
    let mut u = UsageImport::new(super::super::UsageFormat::AnthropicMessages);
    u.records.push(record("claude-sonnet-4-5", t, None));
    let c = price_import(&u, None)[0].cost.expect("priced");
    // Sonnet 4.5 over 200K: input ×2, output ×1.5.
    let want = 0.25 * 3.0 * 2.0 + 0.001 * 15.0 * 1.5;
    assert!((c.total() - want).abs() < 1e-9);
}
