//! GET /v/{token}/internal-price.json: each self-hosted option's internal price per
//! million tokens (`engine::internal_price`), with the entries the platform team pastes
//! into the tools it already runs:
//! - a LiteLLM proxy `model_list` entry whose `model_info` carries `input_cost_per_token`
//!   and `output_cost_per_token` (LiteLLM's custom pricing keys, USD per token);
//! - a Langfuse model definition (the body of `POST /api/public/models`): a `matchPattern`
//!   on the model name and one default pricing tier with `input` and `output` prices per
//!   token.

use crate::ServerState;
use app::error::AppError;
use axum::extract::{Path, State};
use axum::Json;
use serde_json::{json, Value};

/// A regular expression matching exactly `name`, any case (Langfuse's `matchPattern`).
fn exact_pattern(name: &str) -> String {
    let mut out = String::from("(?i)^(");
    for c in name.chars() {
        if "\\.^$|?*+()[]{}/".contains(c) {
            out.push('\\');
        }
        out.push(c);
    }
    out.push_str(")$");
    out
}

/// A configuration's name as a model-name suffix: lower case letters, digits and dashes.
fn slug(name: &str) -> String {
    let mut out = String::new();
    for c in name.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_matches('-').chars().take(60).collect()
}

/// The answer for one evaluated scenario (pure: tested without a server).
pub fn document(v: &engine::ValidScenario, e: &engine::Evaluation) -> Value {
    // LiteLLM and Langfuse take US dollars: a scenario shown in another currency is
    // priced here without its conversion.
    if v.get().currency.is_some() {
        let mut plain = v.get().clone();
        plain.currency = None;
        if let Ok(pv) = engine::validate(plain) {
            let pe = engine::evaluate(&pv, engine::Options::default());
            return document(&pv, &pe);
        }
    }
    let s = v.get();
    let prices: Vec<Value> = engine::internal_price::internal_prices(v, e)
        .into_iter()
        .map(|p| {
            let g = &s.gpu_configs[p.config];
            let (i, o) = (p.input_per_mtok.value / 1e6, p.output_per_mtok.value / 1e6);
            // One name per configuration: two configurations of one model have two prices.
            let name = format!("{}@{}", g.model, slug(&g.name));
            json!({
                "configuration": g.name,
                "model": g.model,
                "input_usd_per_mtok": p.input_per_mtok.value,
                "output_usd_per_mtok": p.output_per_mtok.value,
                "input_share_of_cost": p.input_share,
                "basis": p.basis,
                "monthly_cost_usd": p.monthly_cost,
                "explanation": { "input": p.input_per_mtok, "output": p.output_per_mtok },
                "litellm": {
                    "model_name": name,
                    "litellm_params": {
                        "model": format!("openai/{}", g.model),
                        "api_base": "http://<your-server>:8000/v1",
                        "api_key": "<your-key>",
                    },
                    "model_info": {
                        "input_cost_per_token": i,
                        "output_cost_per_token": o,
                        "mode": "chat",
                    },
                },
                "langfuse": {
                    "modelName": name,
                    "matchPattern": exact_pattern(&name),
                    "unit": "TOKENS",
                    "pricingTiers": [{
                        "name": "Standard",
                        "isDefault": true,
                        "priority": 0,
                        "conditions": [],
                        "prices": { "input": i, "output": o },
                    }],
                },
            })
        })
        .collect();
    json!({
        "scenario": s.name,
        "volume": e.volume,
        "note": "At the scenario's volume and planned utilisation; the price of a token rises when the load falls. LiteLLM and Langfuse take USD per token; the per-Mtok figures are the same prices times 1,000,000. In the LiteLLM entry, set api_base and api_key to your server, and litellm_params.model to openai/<the name your server serves>; the model_name (model@configuration) is what your applications call and what Langfuse matches.",
        "prices": prices,
    })
}

#[tracing::instrument(skip_all, err(level = "info"))]
pub async fn internal_price(
    State(s): State<ServerState>,
    route: axum::extract::MatchedPath,
    Path(token): Path<String>,
) -> Result<Json<Value>, AppError> {
    let (v, e, _, _) = crate::exports::saved(&s, &route, &token).await?;
    Ok(Json(document(&v, &e)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_entries_carry_the_engines_prices_per_token() {
        let v = engine::validate(engine::templates::haiku_vs_4090()).expect("valid");
        let e = engine::evaluate(&v, engine::Options::default());
        let d = document(&v, &e);
        let engine_prices = engine::internal_price::internal_prices(&v, &e);
        assert_eq!(
            d["prices"].as_array().map(Vec::len),
            Some(engine_prices.len())
        );
        for (p, want) in d["prices"]
            .as_array()
            .into_iter()
            .flatten()
            .zip(&engine_prices)
        {
            let input = want.input_per_mtok.value / 1e6;
            let output = want.output_per_mtok.value / 1e6;
            assert!(output > 0.0);
            assert_eq!(
                p["litellm"]["model_info"]["input_cost_per_token"].as_f64(),
                Some(input)
            );
            assert_eq!(
                p["litellm"]["model_info"]["output_cost_per_token"].as_f64(),
                Some(output)
            );
            let tier = &p["langfuse"]["pricingTiers"][0];
            assert_eq!(tier["isDefault"], true);
            assert_eq!(tier["prices"]["input"].as_f64(), Some(input));
            assert_eq!(tier["prices"]["output"].as_f64(), Some(output));
        }
        // Both configurations serve llama-3.1-8b: their names differ.
        let names: Vec<&str> = d["prices"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|p| p["langfuse"]["modelName"].as_str())
            .collect();
        assert_eq!(names.len(), 2);
        assert_ne!(names[0], names[1]);
        assert!(names[1].starts_with("llama-3.1-8b@rtx-4090"), "{names:?}");
        assert_eq!(
            d["prices"][1]["litellm"]["model_name"].as_str(),
            Some(names[1])
        );
        assert_eq!(exact_pattern("a+b.c"), "(?i)^(a\\+b\\.c)$");
    }

    /// A scenario shown in euros still exports US dollars per token.
    #[test]
    fn a_scenario_in_another_currency_exports_dollars() {
        let mut s = engine::templates::haiku_vs_4090();
        let usd = {
            let v = engine::validate(s.clone()).expect("valid");
            document(&v, &engine::evaluate(&v, engine::Options::default()))
        };
        s.currency = Some(engine::currency::Currency {
            code: "EUR".into(),
            per_usd: 0.5,
            as_of: "2026-11-30".into(),
            source: String::new(),
        });
        let v = engine::validate(s).expect("valid");
        let e = engine::evaluate(&v, engine::Options::default());
        assert!(e.internal_prices[0].output_per_mtok.unit.contains("EUR"));
        assert_eq!(document(&v, &e)["prices"], usd["prices"]);
    }
}
