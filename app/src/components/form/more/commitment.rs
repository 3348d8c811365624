//! A rented configuration's commitment: none, or a term with committed replicas, the
//! provider's discount and the up-front share. Choosing a term shows its fields.

use super::{number_hint, opts, Ctx};
use crate::components::fields::SelectField;
use engine::scenario::*;
use leptos::prelude::*;

/// The commitment of configuration `k` (rented).
pub fn commitment(ctx: Ctx, k: usize, c: &CloudPricing) -> impl IntoView {
    let p = move |f: &str| paths::config::at(k, f);
    let term = c
        .commitment
        .as_ref()
        .map_or_else(|| "none".to_string(), |x| x.term_months.to_string());
    let mut terms = opts(&[
        ("none", "none (on demand or spot)"),
        ("12", "1 year"),
        ("36", "3 years"),
    ]);
    if !terms.iter().any(|(v, _)| *v == term) {
        terms.push((term.clone(), format!("{term} months")));
    }
    let with = move |f: fn(&mut Commitment, f64)| {
        move |d: &mut Scenario, v: f64| {
            if let Some(Hosting::Cloud(c)) = d.gpu_configs.get_mut(k).map(|g| &mut g.hosting) {
                if let Some(x) = &mut c.commitment {
                    f(x, v);
                }
            }
        }
    };
    let fields = c.commitment.clone().map(|x| {
        view! {
            {number_hint(
                ctx,
                "Commitment term",
                "months",
                "paid whether used or not",
                p(paths::config::COMMITMENT_TERM_MONTHS),
                f64::from(x.term_months),
                with(|x, v| x.term_months = whole(v)),
            )}
            {number_hint(
                ctx,
                "Committed replicas",
                "replicas",
                "load above them runs on demand",
                p(paths::config::COMMITMENT_REPLICAS),
                f64::from(x.replicas),
                with(|x, v| x.replicas = whole(v)),
            )}
            {number_hint(
                ctx,
                "Commitment discount",
                "share",
                "off the on-demand price: your provider's quote (0 until you type one)",
                p(paths::config::COMMITMENT_DISCOUNT),
                x.discount,
                with(|x, v| x.discount = v),
            )}
            {number_hint(
                ctx,
                "Paid up front",
                "share",
                "of the term's total, paid in month 1",
                p(paths::config::COMMITMENT_UPFRONT_SHARE),
                x.upfront_share,
                with(|x, v| x.upfront_share = v),
            )}
        }
    });
    view! {
        <div class="row commitment">
            <SelectField
                label="Commitment"
                path=p("hosting.commitment")
                read_only=ctx.read_only
                options=terms
                selected=term
                on_change=Callback::new(move |v: String| {
                    ctx.restructure(|d| {
                        if let Some(Hosting::Cloud(c)) = d
                            .gpu_configs
                            .get_mut(k)
                            .map(|g| &mut g.hosting)
                        {
                            c.commitment = v
                                .parse::<u32>()
                                .ok()
                                .map(|term_months| Commitment {
                                    term_months,
                                    ..c.commitment.clone().unwrap_or_default()
                                });
                        }
                    })
                })
            />
            {fields}
        </div>
    }
}

/// Whole numbers only; anything else is sent as 0 for the validator to refuse.
fn whole(v: f64) -> u32 {
    if v.fract() == 0.0 && (0.0..=1e6).contains(&v) {
        v as u32
    } else {
        0
    }
}
