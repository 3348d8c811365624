//! The article's claims, recomputed by the engine: each with the article's value, the
//! right value, a verdict and the reason (README, "Where the numbers come from").

use crate::catalog;
use crate::scenario::Precision;
use crate::throughput;
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    Right,
    SlightlyWrong,
    Wrong,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Claim {
    pub claim: String,
    /// The article's number; for a claim it makes in words only, the value the verdict
    /// is measured against (see `article_words`).
    pub article_value: f64,
    /// What the article says, when it gives no number ("runs", "fits, 'tight'"): shown
    /// instead of `article_value`, which is then the stand-in the verdict is judged by
    /// (about 10 GB of KV room for "runs", about 0 GB to spare for "tight").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub article_words: Option<String>,
    pub correct_value: f64,
    pub unit: String,
    pub verdict: Verdict,
    pub reason: String,
}

fn verdict(article: f64, correct: f64) -> Verdict {
    let err = ((article - correct) / correct).abs();
    if err <= 0.02 {
        Verdict::Right
    } else if err <= 0.15 {
        Verdict::SlightlyWrong
    } else {
        Verdict::Wrong
    }
}

fn claim(text: &str, article: f64, correct: f64, unit: &str, reason: String) -> Claim {
    Claim {
        claim: text.into(),
        article_value: article,
        article_words: None,
        correct_value: correct,
        unit: unit.into(),
        verdict: verdict(article, correct),
        reason,
    }
}

/// A claim whose honest value is a range (`correct` its mid-point): a figure inside the
/// range is not wrong, only one end of it; outside, the usual verdict.
fn in_range(mut c: Claim, lo: f64, hi: f64) -> Claim {
    if (lo..=hi).contains(&c.article_value) && c.verdict == Verdict::Wrong {
        c.verdict = Verdict::SlightlyWrong;
    }
    c
}

/// A claim the article makes in words only: shown as those words.
fn in_words(mut c: Claim, words: &str) -> Claim {
    c.article_words = Some(words.into());
    c
}

pub fn check() -> Vec<Claim> {
    let haiku = catalog::tier("claude-haiku-3.5").map_or((0.8, 4.0), |t| (t.input, t.output));
    let sonnet_out = catalog::tier("claude-sonnet-3.5").map_or(15.0, |t| t.output);
    let per_call = 800.0 * haiku.0 / 1e6 + 400.0 * haiku.1 / 1e6;
    let hours = 720.0;
    let gpu_month = 0.44 * hours;
    let tokens = 80.0 * 3600.0 * hours * 0.5;
    let per_1k = gpu_month / (tokens / 1000.0);
    let a10g = catalog::gpu("a10g").map_or(600.0, |g| g.bandwidth_gbs);
    let l8b = catalog::model("llama-3.1-8b").map_or(8.03, |m| m.params_b);
    let a10g_fp16_roofline = a10g / (l8b * 2.0);
    let bf16_2x = match (catalog::gpu("a100-80gb"), catalog::model("llama-3.1-70b")) {
        (Some(g), Some(m)) => throughput::fit(g, m, Precision::Bf16, 2).kv_room_gb,
        _ => f64::NAN,
    };
    let q4_fit = match (catalog::gpu("a100-80gb"), catalog::model("llama-3.1-70b")) {
        (Some(g), Some(m)) => throughput::fit(g, m, Precision::Q4, 1).kv_room_gb,
        _ => f64::NAN,
    };
    vec![
        claim("A Haiku 3.5 call of 800 input + 400 output tokens costs about $0.0024", 0.0024, per_call, "USD/call",
            format!("800 x ${}/M + 400 x ${}/M = ${per_call:.5}; $0.0024 would need 1,000 input tokens", haiku.0, haiku.1)),
        claim("50,000 calls a month cost $120", 120.0, 50_000.0 * per_call, "USD/month", "inherits the +7% of the per-call figure".into()),
        claim("500,000 calls a month cost $1,200", 1200.0, 500_000.0 * per_call, "USD/month", "inherits the +7% of the per-call figure".into()),
        claim("A $0.44/h RunPod RTX 4090 24/7 costs about $316/month", 316.0, gpu_month, "USD/month", "0.44 x 720 h (a 30-day month); 730 h gives $321".into()),
        claim("80 tok/s at ~50% utilisation generates ~104 billion tokens/month", 104e9, tokens, "tokens/month",
            format!("80 x 3,600 x 720 x 0.5 = {:.1} million: million, not billion (1,000x off)", tokens / 1e6)),
        claim("Effective cost well under $0.001 per 1K tokens", 0.001, per_1k, "USD/1K output tokens",
            format!("$316.80 / 103,680 K tokens = ${per_1k:.5} per 1K: about 3x above $0.001, only ~24% below Haiku 3.5's output price")),
        claim("Break-even against Haiku at ~80M output tokens/month", 80e6, gpu_month / haiku.1 * 1e6, "output tokens/month",
            "right as output-only arithmetic ($316.80 / $4 per M); ignores Haiku's input cost (which lowers it) and exceeds the card's own 103.7M-token capacity at 50% utilisation".into()),
        claim("Two A100s at ~$2.49/h cost $3,600/month", 3600.0, 2.0 * 2.49 * hours, "USD/month", "2 x 2.49 x 720 h".into()),
        claim("Break-even against Sonnet at ~240M output tokens/month", 240e6, 3600.0 / sonnet_out * 1e6, "output tokens/month", "$3,600 / $15 per M, output only (ignores input tokens)".into()),
        in_range(claim("A 400 W GPU at full load costs ~$43/month in electricity", 43.0, 0.4 * 730.0 * 0.125, "USD/month",
            "0.4 kW x 730 h = 292 kWh: $29.20 at $0.10/kWh to $43.80 at $0.15; $43 is only the top of the range (mid-point shown), before host power and PUE".into()), 0.4 * 730.0 * 0.10, 0.4 * 730.0 * 0.15),
        claim("An A10G at 60% uptime costs ~$250-300/month", 275.0, 1.006 * 730.0 * 0.6, "USD/month",
            "AWS g5.xlarge on-demand $1.006/h x 730 h x 0.6 = $441; $250-300 needs spot or savings-plan prices".into()),
        claim("Llama 3.1 8B on an A10G runs 80-120 tok/s single-user", 100.0, a10g_fp16_roofline, "tok/s",
            format!("at FP16 the bandwidth ceiling is 600 GB/s / 16.06 GB = {a10g_fp16_roofline:.0} tok/s: the claim is physically impossible at FP16 (plausible only at 4-bit)")),
        in_words(claim("Llama 3.1 70B at FP16 runs on two A100 80GBs", 10.0, bf16_2x, "GB of KV room to spare",
            format!("141.1 GB of bf16 weights on 2 x 80 GB leave {bf16_2x:.1} GB after a 10% memory reserve and runtime overhead: no room for a KV cache, so no batching; use int8/fp8 weights or more GPUs")),
            "\"runs\""),
        in_words(claim("Llama 3.1 70B at Q4 fits a single A100 80GB, 'tight'", 0.0, q4_fit, "GB of KV room to spare",
            format!("Q4_K_M weights ~42 GB leave {q4_fit:.1} GB for the KV cache (after a 10% memory reserve and runtime overhead): not tight")),
            "\"fits, tight\""),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn find<'a>(c: &'a [Claim], prefix: &str) -> &'a Claim {
        c.iter()
            .find(|x| x.claim.starts_with(prefix))
            .unwrap_or_else(|| panic!("no claim {prefix}"))
    }

    /// Claims the article makes in words show those words, never a made-up number.
    #[test]
    fn worded_claims_show_their_words() {
        let c = check();
        let fp16 = find(&c, "Llama 3.1 70B at FP16");
        assert!(fp16
            .article_words
            .as_deref()
            .is_some_and(|w| w.contains("runs")));
        let q4 = find(&c, "Llama 3.1 70B at Q4");
        assert!(q4
            .article_words
            .as_deref()
            .is_some_and(|w| w.contains("tight")));
        assert!(find(&c, "Two A100s").article_words.is_none());
    }

    #[test]
    fn reproduces_the_articles_correct_numbers_and_flags_the_wrong_ones() {
        let c = check();
        let per_call = find(&c, "A Haiku 3.5 call");
        assert!((per_call.correct_value - 0.00224).abs() < 1e-12);
        assert_eq!(per_call.verdict, Verdict::SlightlyWrong);
        assert!((find(&c, "500,000 calls").correct_value - 1120.0).abs() < 1e-9);
        let gpu = find(&c, "A $0.44/h");
        assert!((gpu.correct_value - 316.8).abs() < 1e-9);
        assert_eq!(gpu.verdict, Verdict::Right);
        let tokens = find(&c, "80 tok/s");
        assert!((tokens.correct_value - 103_680_000.0).abs() < 1.0);
        assert_eq!(tokens.verdict, Verdict::Wrong);
        let per_1k = find(&c, "Effective cost");
        assert!((per_1k.correct_value - 0.003056).abs() < 1e-5);
        assert_eq!(per_1k.verdict, Verdict::Wrong);
        assert_eq!(find(&c, "Break-even against Haiku").verdict, Verdict::Right);
        assert_eq!(find(&c, "Two A100s").verdict, Verdict::Right);
        assert_eq!(
            find(&c, "Break-even against Sonnet").verdict,
            Verdict::Right
        );
        assert_eq!(find(&c, "An A10G at 60%").verdict, Verdict::Wrong);
        // $43 is inside $29.20-43.80: the top of the range, not a wrong figure.
        let power = find(&c, "A 400 W GPU");
        assert!((power.correct_value - 36.5).abs() < 1e-9);
        assert_eq!(power.verdict, Verdict::SlightlyWrong);
        let a10g = find(&c, "Llama 3.1 8B on an A10G");
        assert!(a10g.correct_value < 38.0 && a10g.verdict == Verdict::Wrong);
        assert!(find(&c, "Llama 3.1 70B at Q4").correct_value > 25.0);
        let two = find(&c, "Llama 3.1 70B at FP16");
        assert!(two.correct_value < 1.0 && two.verdict == Verdict::Wrong);
    }
}
