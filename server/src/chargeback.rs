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

/// The answer for one evaluated scenario (pure: tested without a server).
pub fn document(v: &engine::ValidScenario, e: &engine::Evaluation) -> Value {
    let s = v.get();
    let prices: Vec<Value> = engine::internal_price::internal_prices(v, e)
        .into_iter()
        .map(|p| {
            let g = &s.gpu_configs[p.config];
            let (i, o) = (p.input_per_mtok.value / 1e6, p.output_per_mtok.value / 1e6);
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
                    "model_name": g.model,
                    "litellm_params": { "model": format!("openai/{}", g.model) },
                    "model_info": {
                        "input_cost_per_token": i,
                        "output_cost_per_token": o,
                        "mode": "chat",
                    },
                },
                "langfuse": {
                    "modelName": g.model,
                    "matchPattern": exact_pattern(&g.model),
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
        "note": "At the scenario's volume and planned utilisation; the price of a token rises when the load falls. LiteLLM and Langfuse take USD per token; the per-Mtok figures are the same prices times 1,000,000.",
        "prices": prices,
    })
}

#[tracing::instrument(skip_all, err(level = "info"))]
pub async fn internal_price(
    State(s): State<ServerState>,
    Path(token): Path<String>,
) -> Result<Json<Value>, AppError> {
    let (v, e, _) = crate::exports::saved(&s, &token).await?;
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
        let p = &d["prices"][1];
        let per_mtok = p["output_usd_per_mtok"].as_f64().expect("a number");
        assert!(per_mtok > 0.0);
        let per_token = p["litellm"]["model_info"]["output_cost_per_token"].as_f64();
        assert_eq!(per_token, Some(per_mtok / 1e6));
        let tier = &p["langfuse"]["pricingTiers"][0];
        assert_eq!(tier["isDefault"], true);
        assert_eq!(tier["prices"]["output"].as_f64(), Some(per_mtok / 1e6));
        assert_eq!(p["langfuse"]["matchPattern"], "(?i)^(llama-3\\.1-8b)$");
        assert_eq!(exact_pattern("a+b"), "(?i)^(a\\+b)$");
    }
}
