//! The month-by-month projection on sheet `Calc`: calls, each tier's cost, each
//! configuration's replicas, cash and accrual, the discount factors, and per compared pair
//! the savings and the paybacks (`engine/src/projection.rs`, `finance.rs`).

use super::calc::usable;
use super::{cached, cached_text, Formats, Names, Sheet};
use engine::internals::Model;
use engine::scenario::Scenario;
use engine::Evaluation;
use rust_xlsxwriter::utility::row_col_to_cell;
use rust_xlsxwriter::XlsxError;

/// The month-by-month table: one row per month of the horizon, each cell a formula with
/// the engine's projection as its cached value.
pub(super) fn write(
    sh: &mut Sheet,
    names: &mut Names,
    f: &Formats,
    s: &Scenario,
    m: &Model,
    e: &Evaluation,
    tasks: usize,
) -> Result<(), XlsxError> {
    let label = "Projection, month by month (cash: purchases when bought; accrual: amortised)";
    sh.heading(f, label)?;
    let head = sh.row;
    let first = head + 1;
    let months = s.horizon_months.max(1);
    let last = first + months - 1;
    let title = sh.title;
    let p = &e.projection;
    let mut col: u16 = 0;
    let header = |sh: &mut Sheet, col: &mut u16, text: String| -> Result<u16, XlsxError> {
        sh.ws.write_string_with_format(head, *col, text, &f.bold)?;
        *col += 1;
        Ok(*col - 1)
    };
    let cell = |r: u32, c: u16| row_col_to_cell(r, c);
    // Month index (0-based) of a row, and a row's calls of each task type.
    let t_of = |r: u32| (r - first) as usize;
    let calls_at = |r: u32| -> Vec<f64> {
        s.task_types
            .iter()
            .map(|t| t.calls_per_month * (1.0 + t.monthly_growth).powi(t_of(r) as i32))
            .collect()
    };
    let month = header(sh, &mut col, "Month".into())?;
    let mut calls = Vec::new();
    for (i, t) in s.task_types.iter().enumerate() {
        let c = header(sh, &mut col, format!("Calls: {}", t.name))?;
        for r in first..=last {
            let n = i + 1;
            let fm = format!("=t{n}_calls*(1+t{n}_growth)^({}-1)", cell(r, month));
            sh.ws.write_formula(r, c, cached(fm, calls_at(r)[i]))?;
        }
        calls.push(c);
    }
    let sum_over = |r: u32, per: &dyn Fn(usize) -> String| -> String {
        if tasks == 0 {
            return "0".into();
        }
        (0..tasks)
            .map(|i| format!("{}*{}", cell(r, calls[i]), per(i)))
            .collect::<Vec<_>>()
            .join("+")
    };
    let mut tier_cols = Vec::new();
    for (j, a) in s.api_tiers.iter().enumerate() {
        let c = header(sh, &mut col, format!("{} cost", a.name))?;
        for r in first..=last {
            let sum = sum_over(r, &|i| format!("api{}_t{}_call", j + 1, i + 1));
            let fm = format!(
                "=({sum})*(1+api_price_change)^INT(({}-1)/12)",
                cell(r, month)
            );
            sh.ws
                .write_formula(r, c, cached(fm, p.tiers[j].monthly[t_of(r)]))?;
        }
        names.column(&format!("tier{}_cost", j + 1), title, c, first, last);
        tier_cols.push(c);
    }
    let mut cash_cols = vec![None; m.selfhosted.len()];
    // Per configuration: (purchases column, tax deduction column) and its value left.
    let mut bought_cols = vec![None; m.selfhosted.len()];
    let h = months;
    for k in usable(m) {
        let (Some(cp), sm) = (&p.configs[k], &m.selfhosted[k]) else {
            continue;
        };
        let g = &s.gpu_configs[k];
        let q = format!("gpu{}", k + 1);
        let committed = sm.commit.replicas > 0.0;
        let rep = header(sh, &mut col, format!("{}: replicas", g.name))?;
        let steady = header(sh, &mut col, format!("{}: monthly cost", g.name))?;
        let owned = header(sh, &mut col, format!("{}: replicas owned", g.name))?;
        let cash = header(sh, &mut col, format!("{}: cash", g.name))?;
        let accrual = header(sh, &mut col, format!("{}: accrual", g.name))?;
        let bought = sm
            .is_on_prem
            .then(|| header(sh, &mut col, format!("{}: hardware bought", g.name)))
            .transpose()?;
        let left = sm
            .is_on_prem
            .then(|| {
                header(
                    sh,
                    &mut col,
                    format!("{}: its book value at month {h}", g.name),
                )
            })
            .transpose()?;
        let mut have = 0.0f64;
        for r in first..=last {
            let i = t_of(r);
            let demand = sum_over(r, &|n| format!("{q}_t{}_demand", n + 1));
            let var = sum_over(r, &|n| format!("{q}_t{}_var", n + 1));
            let n = cell(r, rep);
            let (t, st) = (cell(r, month), cell(r, steady));
            let fm = format!(
                "=IF(ISNUMBER({q}_fixed),{q}_fixed,MAX(1,CEILING({demand},1)))+{q}_reserves"
            );
            sh.ws.write_formula(r, rep, cached(fm, cp.replicas[i]))?;
            let replicas_cost = if committed {
                format!("IF({t}<={q}_c_term,{q}_commit+{q}_replica_total*MAX({n}-{q}_c_reps,0),{q}_replica_total*{n})")
            } else {
                format!("{q}_replica_total*{n}")
            };
            let fm = format!("={q}_people+{replicas_cost}+{var}");
            let in_term = (i as f64) < sm.commit.term_months;
            sh.ws.write_formula(
                r,
                steady,
                cached(fm, sm.cost_in_month(&calls_at(r), in_term)),
            )?;
            let before = if r == first {
                "0".to_string()
            } else {
                cell(r - 1, owned)
            };
            have = have.max(cp.replicas[i]);
            sh.ws
                .write_formula(r, owned, cached(format!("=MAX({before},{n})"), have))?;
            let commit_cash = if committed {
                format!("+IF({t}<={q}_c_term,IF({t}=1,{q}_upfront,0)-{q}_upfront/{q}_c_term,0)")
            } else {
                String::new()
            };
            // A replica bought after month 1 is paid its purchase under either lens.
            let price = if sm.is_on_prem {
                format!("IF({t}=1,{q}_buy,{q}_purchase)")
            } else {
                format!("{q}_buy")
            };
            let fm = format!(
                "={st}-{q}_capex*{n}+MAX({n}-{before},0)*{price}+IF({t}=1,{q}_setup,0){commit_cash}"
            );
            sh.ws
                .write_formula(r, cash, cached(fm, cp.cash.monthly[i]))?;
            let later = if sm.is_on_prem {
                format!("+{q}_later_capex*MAX({n}-{},0)", cell(first, rep))
            } else {
                String::new()
            };
            let fm = format!(
                "={st}+IF({q}_setup_months>0,{q}_setup/{q}_setup_months*MIN(MAX({q}_setup_months-({t}-1),0),1),0){later}"
            );
            sh.ws
                .write_formula(r, accrual, cached(fm, cp.accrual.monthly[i]))?;
            if let (Some(b), Some(l)) = (bought, left) {
                let paid = cp.purchases.get(i).copied().unwrap_or(0.0);
                let fm = format!("=MAX({n}-{before},0)*{price}");
                sh.ws.write_formula(r, b, cached(fm, paid))?;
                let (unit, book) = if i == 0 {
                    (sm.purchase_per_replica, &sm.book)
                } else {
                    (sm.later.purchase, &sm.later.book)
                };
                let per = if unit > 0.0 { paid / unit } else { 0.0 };
                let fm = format!(
                    "=MAX({n}-{before},0)*IF(OR({q}_buy>0,{t}>1),{q}_purchase-{q}_written_off*MIN({h}-{t}+1,{q}_amort),0)"
                );
                let value = per * book.value_after(f64::from(h) - i as f64);
                sh.ws.write_formula(r, l, cached(fm, value))?;
            }
        }
        names.column(&format!("{q}_replicas"), title, rep, first, last);
        names.column(&format!("{q}_monthly"), title, steady, first, last);
        names.column(&format!("{q}_cash"), title, cash, first, last);
        names.column(&format!("{q}_accrual"), title, accrual, first, last);
        if let (Some(b), Some(l)) = (bought, left) {
            names.column(&format!("{q}_bought"), title, b, first, last);
            names.column(&format!("{q}_left"), title, l, first, last);
            let dep = match &s.tax {
                Some(x) => {
                    let name = format!("{}: tax deduction", g.name);
                    let at = super::tax::Cols {
                        head,
                        first,
                        last,
                        month,
                        bought: b,
                    };
                    Some(super::tax::deduction(
                        sh,
                        f,
                        x,
                        &name,
                        at,
                        &cp.purchases,
                        &mut col,
                    )?)
                }
                None => None,
            };
            if let Some(d) = dep {
                names.column(&format!("{q}_dep"), title, d, first, last);
            }
            bought_cols[k] = Some((b, dep, cp.value_left, cp.purchases.clone()));
        }
        cash_cols[k] = Some(cash);
    }
    let disc = header(
        sh,
        &mut col,
        "Discount factor (month 1 undiscounted)".into(),
    )?;
    let factor = |r: u32| 1.0 / (1.0 + e.finance.monthly_rate).powi(t_of(r) as i32);
    for r in first..=last {
        let fm = format!("=1/(1+monthly_rate)^({}-1)", cell(r, month));
        sh.ws.write_formula(r, disc, cached(fm, factor(r)))?;
    }
    names.column("discount", title, disc, first, last);
    for a in &e.finance.appraisals {
        let cash = cash_cols.get(a.config).copied().flatten();
        let (Some(cash), Some(&tier)) = (cash, tier_cols.get(a.tier)) else {
            continue;
        };
        let Some(cp) = &p.configs[a.config] else {
            continue;
        };
        let pair = format!("g{}_a{}", a.config + 1, a.tier + 1);
        let label = format!(
            "{} vs {}",
            s.gpu_configs[a.config].name, s.api_tiers[a.tier].name
        );
        let sav = header(sh, &mut col, format!("{label}: saving"))?;
        let cum = header(sh, &mut col, format!("{label}: cumulative cash saving"))?;
        let mark = header(sh, &mut col, format!("{label}: paid back"))?;
        let dcum = header(
            sh,
            &mut col,
            format!("{label}: discounted cumulative cash saving"),
        )?;
        let dmark = header(sh, &mut col, format!("{label}: paid back, discounted"))?;
        let own = bought_cols.get(a.config).cloned().flatten();
        let at = match &s.tax {
            Some(_) => Some(header(sh, &mut col, format!("{label}: saving after tax"))?),
            None => None,
        };
        let after: Vec<f64> = match &s.tax {
            Some(x) => {
                let savings: Vec<f64> = p.tiers[a.tier]
                    .monthly
                    .iter()
                    .zip(&cp.cash.monthly)
                    .map(|(t, c)| t - c)
                    .collect();
                let purchases = own
                    .as_ref()
                    .map_or_else(|| vec![0.0; savings.len()], |o| o.3.clone());
                engine::finance::tax::after_tax_flows(
                    &savings,
                    &purchases,
                    s.credit_value_left.then_some(a.value_left),
                    x,
                )
            }
            None => Vec::new(),
        };
        let q = format!("gpu{}", a.config + 1);
        // Whether the running totals (cash, discounted) stay at or above 0 from each month
        // to the horizon's end: the payback is the first month that does (the engine's).
        let stays = {
            let (mut acc, mut dacc) = (0.0, 0.0);
            let totals: Vec<(f64, f64)> = (first..=last)
                .map(|r| {
                    let i = t_of(r);
                    let cash_saving = p.tiers[a.tier].monthly[i] - cp.cash.monthly[i];
                    acc += cash_saving;
                    dacc += cash_saving * factor(r);
                    (acc, dacc)
                })
                .collect();
            let mut ok = (true, true);
            let mut out = vec![(true, true); totals.len()];
            for (k, (c, d)) in totals.iter().enumerate().rev() {
                ok = (ok.0 && *c >= -1e-9, ok.1 && *d >= -1e-9);
                out[k] = ok;
            }
            out
        };
        let (mut acc, mut dacc) = (0.0, 0.0);
        for r in first..=last {
            let i = t_of(r);
            let t = cell(r, month);
            let last_month = i + 1 == months as usize;
            let credit = if last_month { a.value_left } else { 0.0 };
            let cash_saving = p.tiers[a.tier].monthly[i] - cp.cash.monthly[i];
            let saving = cash_saving + credit;
            // The book value left, credited in the last month when the scenario says so.
            let credit_fm = match &own {
                Some(_) => format!("+IF({t}={months},credit_value_left*SUM({q}_left),0)"),
                None => String::new(),
            };
            if let Some(c) = at {
                let (paid, dep) = match &own {
                    Some((b, d, ..)) => (cell(r, *b), d.map_or("0".to_string(), |d| cell(r, d))),
                    None => ("0".to_string(), "0".to_string()),
                };
                let end = match &own {
                    Some(_) => format!("+IF({t}={months},credit_value_left*(SUM({q}_left)-tax_rate*(SUM({q}_left)-(SUM({q}_bought)-SUM({q}_dep)))),0)"),
                    None => String::new(),
                };
                let fm = format!(
                    "=({}-{}+{paid})*(1-tax_rate)-{paid}+tax_rate*{dep}{end}",
                    cell(r, tier),
                    cell(r, cash)
                );
                sh.ws.write_formula(r, c, cached(fm, after[i]))?;
            }
            // Paybacks count cash only (the engine's): without the value left.
            acc += cash_saving;
            dacc += cash_saving * factor(r);
            let prev = |c: u16| {
                if r == first {
                    "0".to_string()
                } else {
                    cell(r - 1, c)
                }
            };
            let fm = format!("={}-{}{credit_fm}", cell(r, tier), cell(r, cash));
            sh.ws.write_formula(r, sav, cached(fm, saving))?;
            let cash_fm = format!("({}-{})", cell(r, tier), cell(r, cash));
            let fm = format!("={}+{cash_fm}", prev(cum));
            sh.ws.write_formula(r, cum, cached(fm, acc))?;
            let fm = format!("={}+{cash_fm}*{}", prev(dcum), cell(r, disc));
            sh.ws.write_formula(r, dcum, cached(fm, dacc))?;
            let (k, end) = ((r - first) as usize, cell(last, cum));
            for (c, stay, at, end) in [
                (mark, stays[k].0, cum, end),
                (dmark, stays[k].1, dcum, cell(last, dcum)),
            ] {
                // Paid back from this month: no running total from here on is below 0.
                let fm = format!(
                    "=IF(COUNTIF({}:{end},\"<-0.000000001\")=0,{t},\"no\")",
                    cell(r, at)
                );
                let f = if stay {
                    cached(fm, (i + 1) as f64)
                } else {
                    cached_text(fm, "no")
                };
                sh.ws.write_formula(r, c, f)?;
            }
        }
        names.column(&format!("sav_{pair}"), title, sav, first, last);
        names.column(&format!("pb_{pair}"), title, mark, first, last);
        names.column(&format!("dpb_{pair}"), title, dmark, first, last);
        if let Some(c) = at {
            names.column(&format!("at_{pair}"), title, c, first, last);
        }
    }
    for r in first..=last {
        sh.ws.write_number(r, month, f64::from(r - first + 1))?;
    }
    sh.row = last + 1;
    Ok(())
}
