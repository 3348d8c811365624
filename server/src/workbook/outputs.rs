//! Sheet `Outputs`: what the decision reads, as formulas over `Calc` (break-evens and the
//! chart are the engine's, written as values and said so).

use super::{cached, cached_text, Formats, Sheet};
use engine::finance::{IRR_OVER, IRR_SHOWN_UP_TO};
use engine::scenario::Scenario;
use engine::{CrossingKind, Evaluation};
use rust_xlsxwriter::{Format, Image, XlsxError};

pub(super) fn write(
    sh: &mut Sheet,
    f: &Formats,
    s: &Scenario,
    e: &Evaluation,
    revision: &str,
    chart_png: Option<&[u8]>,
    today: &str,
) -> Result<(), XlsxError> {
    let money = Format::new().set_num_format("#,##0.00");
    let share = Format::new().set_num_format("0.0%");
    sh.ws.write_string_with_format(0, 0, &s.name, &f.heading)?;
    sh.row = 1;
    sh.note(f, &format!("Breakeven · {revision} · generated {today}"))?;
    sh.note(
        f,
        "Formulas over Calc, which reads Inputs: change a blue input there and these follow.",
    )?;

    let proj = &e.projection;
    let code = e.currency.as_ref().map_or("USD", |c| c.code.as_str());
    if let Some(c) = &e.currency {
        sh.note(
            f,
            &format!(
                "Money here is in {}: Calc's US dollars × fx_per_usd ({}).",
                c.code,
                c.rate_text()
            ),
        )?;
    }
    for old in engine::report::age_notes(e, today).iter() {
        sh.note(f, old)?;
    }
    let per_month = format!("{code} / month");
    let over = format!("Cash over the horizon ({code})");
    let total = |cumulative: &[f64]| cumulative.last().copied().unwrap_or(0.0);
    // A number, or "none" when the engine has none.
    let month_or = |fm: String, v: Option<f64>| match v {
        Some(x) => cached(fm, x),
        None => cached_text(fm, "none"),
    };
    // The running cost is the steady month; month 1's cash adds the one-off setup (and
    // any purchase or up-front commitment), so it is its own column.
    sh.heading(
        f,
        "Monthly cost per option: the running cost in month 1, and month 1's cash with the one-off setup",
    )?;
    let first_cash = format!("Cash in month 1 ({code})");
    for (c, h) in ["Option", &per_month, &over, "Replicas", &first_cash]
        .iter()
        .enumerate()
    {
        sh.ws
            .write_string_with_format(sh.row, c as u16, *h, &f.bold)?;
    }
    sh.row += 1;
    for (j, a) in s.api_tiers.iter().enumerate() {
        sh.ws.write_string(sh.row, 0, &a.name)?;
        sh.ws.write_formula_with_format(
            sh.row,
            1,
            cached(
                format!("=INDEX(tier{}_cost,1)*fx_per_usd", j + 1),
                e.api[j].monthly.value,
            ),
            &money,
        )?;
        sh.ws.write_formula_with_format(
            sh.row,
            2,
            cached(
                format!("=SUM(tier{}_cost)*fx_per_usd", j + 1),
                total(&proj.tiers[j].cumulative),
            ),
            &money,
        )?;
        sh.ws.write_formula_with_format(
            sh.row,
            4,
            cached(
                format!("=INDEX(tier{}_cost,1)*fx_per_usd", j + 1),
                proj.tiers[j].monthly.first().copied().unwrap_or(f64::NAN),
            ),
            &money,
        )?;
        sh.row += 1;
    }
    for (k, (g, r)) in s.gpu_configs.iter().zip(&e.selfhosted).enumerate() {
        sh.ws.write_string(sh.row, 0, &g.name)?;
        if let Some(why) = &r.unusable {
            sh.ws
                .write_string(sh.row, 1, format!("cannot serve: {why}"))?;
        } else {
            let p = format!("gpu{}", k + 1);
            let cp = proj.configs[k].as_ref();
            sh.ws.write_formula_with_format(
                sh.row,
                1,
                cached(
                    format!("=INDEX({p}_monthly,1)*fx_per_usd"),
                    r.monthly.as_ref().map_or(f64::NAN, |x| x.value),
                ),
                &money,
            )?;
            sh.ws.write_formula_with_format(
                sh.row,
                2,
                cached(
                    format!("=SUM({p}_cash)*fx_per_usd"),
                    cp.map_or(f64::NAN, |c| total(&c.cash.cumulative)),
                ),
                &money,
            )?;
            sh.ws.write_formula(
                sh.row,
                3,
                cached(
                    format!("=INDEX({p}_replicas,1)"),
                    cp.map_or(f64::NAN, |c| {
                        c.replicas.first().copied().unwrap_or(f64::NAN)
                    }),
                ),
            )?;
            sh.ws.write_formula_with_format(
                sh.row,
                4,
                cached(
                    format!("=INDEX({p}_cash,1)*fx_per_usd"),
                    cp.map_or(f64::NAN, |c| {
                        c.cash.monthly.first().copied().unwrap_or(f64::NAN)
                    }),
                ),
                &money,
            )?;
        }
        sh.row += 1;
    }

    sh.heading(
        f,
        &format!(
            "Savings of self-hosting against each tier over {} months, at the hurdle rate",
            s.horizon_months
        ),
    )?;
    let (npv_h, und_h, tax_h) = (
        format!("NPV ({code})"),
        format!("Undiscounted ({code})"),
        format!("NPV after tax ({code})"),
    );
    let cols = [
        "Configuration",
        "API tier",
        &npv_h,
        &und_h,
        "IRR (per year)",
        "Payback month",
        "Discounted payback month",
        "Note",
        &tax_h,
    ];
    let taxed = s.tax.is_some();
    let cols = if taxed { &cols[..] } else { &cols[..8] };
    for (c, h) in cols.iter().enumerate() {
        sh.ws
            .write_string_with_format(sh.row, c as u16, *h, &f.bold)?;
    }
    sh.row += 1;
    for a in &e.finance.appraisals {
        let pair = format!("g{}_a{}", a.config + 1, a.tier + 1);
        sh.ws
            .write_string(sh.row, 0, &s.gpu_configs[a.config].name)?;
        sh.ws.write_string(sh.row, 1, &s.api_tiers[a.tier].name)?;
        sh.ws.write_formula_with_format(
            sh.row,
            2,
            cached(
                format!("=SUMPRODUCT(sav_{pair},discount)*fx_per_usd"),
                a.npv.value,
            ),
            &money,
        )?;
        sh.ws.write_formula_with_format(
            sh.row,
            3,
            cached(format!("=SUM(sav_{pair})*fx_per_usd"), a.undiscounted),
            &money,
        )?;
        sh.ws
            .write_formula_with_format(sh.row, 4, irr_cell(&pair, a.irr_per_year), &share)?;
        sh.ws.write_formula(
            sh.row,
            5,
            month_or(
                format!("=IF(COUNT(pb_{pair})=0,\"none\",MIN(pb_{pair}))"),
                a.payback_month.map(f64::from),
            ),
        )?;
        sh.ws.write_formula(
            sh.row,
            6,
            month_or(
                format!("=IF(COUNT(dpb_{pair})=0,\"none\",MIN(dpb_{pair}))"),
                a.discounted_payback_month.map(f64::from),
            ),
        )?;
        let note = match &a.irr_missing {
            Some(why) => format!("IRR at export: none ({why})"),
            None => String::new(),
        };
        sh.ws.write_string(sh.row, 7, note)?;
        if let Some(t) = &a.after_tax {
            sh.ws.write_formula_with_format(
                sh.row,
                8,
                cached(
                    format!("=SUMPRODUCT(at_{pair},discount)*fx_per_usd"),
                    t.value,
                ),
                &money,
            )?;
        }
        sh.row += 1;
    }
    for n in &e.not_compared {
        sh.ws
            .write_string(sh.row, 0, &s.gpu_configs[n.config].name)?;
        sh.ws.write_string(sh.row, 1, &s.api_tiers[n.tier].name)?;
        sh.ws
            .write_string(sh.row, 7, format!("not compared: {}", n.reason))?;
        sh.row += 1;
    }
    sh.note(f, "NPV: Σ saving × discount factor, month 1 undiscounted. Purchased hardware counts as paid when bought; its book value left at the horizon's end is credited in the last month when credit_value_left is 1 (Inputs).")?;
    if taxed {
        sh.note(f, "NPV after tax: each month (saving + hardware bought) × (1 − tax_rate) − hardware bought + tax_rate × the hardware's tax deduction (Calc, on the schedule named on Inputs); a negative month offsets other profit.")?;
    }
    sh.note(f, "IRR: none without an outlay in month 1 or when the savings do not earn it back; the engine also refuses flows whose running total changes sign more than once (see Note), which IRR() would still answer. Above 1,000% a year it reads \"> 1,000%\", as on the pages: a tiny month-1 outlay makes IRR() answer numbers like 10^24%.")?;
    sh.note(f, "Replicas: CEILING in a spreadsheet rounds to about 15 significant digits first, so a demand a hair above a whole number (2.0000000000000004) can be one replica fewer here than in the engine.")?;

    sh.heading(
        f,
        "Break-even volumes (the engine's search over a step function: values, not formulas)",
    )?;
    for (c, h) in ["Configuration", "API tier", "Calls per month", "Kind"]
        .iter()
        .enumerate()
    {
        sh.ws
            .write_string_with_format(sh.row, c as u16, *h, &f.bold)?;
    }
    sh.row += 1;
    for p in &e.break_even {
        if p.crossings.is_empty() {
            // No crossing: say why, as the pages do, rather than leave the pair out.
            sh.ws
                .write_string(sh.row, 0, &s.gpu_configs[p.config].name)?;
            sh.ws.write_string(sh.row, 1, &s.api_tiers[p.tier].name)?;
            sh.ws.write_string(sh.row, 2, "none")?;
            let unusable = e.selfhosted.get(p.config).and_then(|c| c.unusable.as_ref());
            let why = match unusable {
                Some(reason) => format!("cannot serve: {reason}"),
                // The engine's sentence: never, as far as the search went.
                None => p.statement.clone(),
            };
            sh.ws.write_string(sh.row, 3, &why)?;
            sh.row += 1;
        }
        for x in &p.crossings {
            sh.ws
                .write_string(sh.row, 0, &s.gpu_configs[p.config].name)?;
            sh.ws.write_string(sh.row, 1, &s.api_tiers[p.tier].name)?;
            sh.ws.write_number_with_format(
                sh.row,
                2,
                x.calls_per_month,
                &Format::new().set_num_format("#,##0"),
            )?;
            let kind = match x.kind {
                CrossingKind::SelfBecomesCheaper => "self-hosting becomes cheaper",
                CrossingKind::StepMakesSelfDearer => "one more replica makes self-hosting dearer",
            };
            sh.ws.write_string(sh.row, 3, kind)?;
            sh.row += 1;
        }
    }
    if let Some(png) = chart_png {
        sh.heading(f, "Break-even chart (at export)")?;
        let image = Image::new_from_buffer(png)?
            .set_scale_width(0.5)
            .set_scale_height(0.5);
        sh.ws.insert_image(sh.row, 0, &image)?;
    }
    Ok(())
}

/// The IRR a year as a formula over a pair's savings, as the pages show it: "none" where
/// the engine has none, "> 1,000%" above 1,000% a year (a tiny month-1 outlay makes
/// IRR() answer 10^24%, a number nobody signs), else the rate.
fn irr_cell(pair: &str, irr_per_year: Option<f64>) -> rust_xlsxwriter::Formula {
    // IRR() starts its search at the engine's monthly rate: where the savings change sign
    // more than once another rate may make the NPV 0 too, and IRR() would find the one
    // nearest its start (the engine's is the one above 0, as the running total says).
    let guess = irr_per_year
        .map(|x| (1.0 + x).powf(1.0 / 12.0) - 1.0)
        .filter(|g| g.is_finite() && *g > -0.9 && *g < 10.0)
        .unwrap_or(0.01);
    let rate = format!("(1+IRR(sav_{pair},{guess:.6}))^12-1");
    let formula = format!(
        "=IF(OR(INDEX(sav_{pair},1)>=0,SUM(sav_{pair})<0),\"none\",IFERROR(IF({rate}>{IRR_SHOWN_UP_TO},\"{IRR_OVER}\",{rate}),\"none\"))"
    );
    match irr_per_year {
        Some(x) if x > IRR_SHOWN_UP_TO => cached_text(formula, IRR_OVER),
        Some(x) => cached(formula, x),
        None => cached_text(formula, "none"),
    }
}
