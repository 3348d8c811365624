//! Sheet `Calc`: the cost model as formulas over the names on `Inputs`, in the order the
//! engine computes it (`engine/src/model/`, `projection.rs`, `finance.rs`): the price of
//! one call on each tier, each configuration's costs per replica and per month, then the
//! month-by-month projection with the savings, discount factors and paybacks.

use super::{Formats, Names, Sheet};
use engine::internals::Model;
use engine::scenario::{Billing, Hosting, Scenario};
use engine::Evaluation;
use rust_xlsxwriter::XlsxError;

/// The configurations that have formulas (those that can serve the workload).
pub(super) fn usable(m: &Model) -> impl Iterator<Item = usize> + '_ {
    m.selfhosted
        .iter()
        .enumerate()
        .filter(|(_, sm)| sm.unusable.is_none())
        .map(|(k, _)| k)
}

pub(super) fn write(
    sh: &mut Sheet,
    names: &mut Names,
    f: &Formats,
    s: &Scenario,
    m: &Model,
    e: &Evaluation,
) -> Result<(), XlsxError> {
    sh.ws
        .write_string_with_format(0, 0, "Calculations", &f.heading)?;
    sh.row = 1;
    sh.note(
        f,
        "Every cell here is a formula over the names on Inputs (no typed numbers).",
    )?;
    let tasks = s.task_types.len();
    for (j, a) in s.api_tiers.iter().enumerate() {
        let p = format!("api{}", j + 1);
        sh.heading(
            f,
            &format!("API tier {}: {}: price of one call", j + 1, a.name),
        )?;
        for (i, t) in s.task_types.iter().enumerate() {
            let q = format!("t{}", i + 1);
            let long = |x: &str| format!("IF(ISNUMBER({p}_lthr),IF({q}_in>{p}_lthr,{p}_{x},1),1)");
            let formula = format!(
                "=({q}_in*((1-{q}_cached-{q}_cwrite)*{p}_in+{q}_cached*{p}_cread+{q}_cwrite*((1-{q}_cw1h)*{p}_cwrite+{q}_cw1h*{}*{p}_in))*{}/1000000+{q}_out*{p}_out*{}/1000000)*(1-{q}_batch*{p}_batch)",
                engine::scenario::CACHE_WRITE_1H_INPUT_MULTIPLE,
                long("lmi"),
                long("lmo"),
            );
            let value = m.api[j].per_call[i].total();
            sh.formula(
                names,
                &format!("{p}_{q}_call"),
                &t.name,
                &formula,
                "USD / call",
                value,
            )?;
        }
    }
    let rate = e.finance.monthly_rate;
    let label = "Monthly discount rate: (1 + hurdle)^(1/12) − 1";
    sh.formula(
        names,
        "monthly_rate",
        label,
        "=(1+hurdle_rate)^(1/12)-1",
        "per month",
        rate,
    )?;
    for k in usable(m) {
        config(sh, names, f, s, m, k)?;
    }
    super::projection::write(sh, names, f, s, m, e, tasks)
}

/// One configuration's costs per replica, per call and per month (named cells).
fn config(
    sh: &mut Sheet,
    names: &mut Names,
    f: &Formats,
    s: &Scenario,
    m: &Model,
    k: usize,
) -> Result<(), XlsxError> {
    let g = &s.gpu_configs[k];
    let sm = &m.selfhosted[k];
    let p = format!("gpu{}", k + 1);
    sh.heading(f, &format!("GPU configuration {}: {}", k + 1, g.name))?;
    let mut put = |name: &str, label: &str, formula: String, unit: &str, value: f64| {
        sh.formula(names, &format!("{p}_{name}"), label, &formula, unit, value)
    };
    let billing = match &g.hosting {
        Hosting::Cloud(c) => Some(c.billing),
        Hosting::OnPrem(_) => None,
    };
    let (window, hours) = match &g.hosting {
        Hosting::Cloud(c) if c.billing == Billing::ActiveWindow => (
            format!("={p}_active*hours_per_month/24"),
            c.active_hours_per_day * s.hours_per_month / 24.0,
        ),
        _ => ("=hours_per_month".to_string(), s.hours_per_month),
    };
    put(
        "window",
        "Hours a month the load falls in",
        window,
        "h",
        hours,
    )?;
    for (i, (t, load)) in s.task_types.iter().zip(&sm.tasks).enumerate() {
        let (q, n) = (format!("t{}", i + 1), i + 1);
        let label = format!("Replicas at peak per call a month: {}", t.name);
        let demand = format!("={q}_peak*{p}_sec{n}/({p}_window*3600)/MIN({p}_util,{p}_allow{n})");
        put(
            &format!("{q}_demand"),
            &label,
            demand,
            "replicas",
            load.demand_per_call,
        )?;
        let var = if billing == Some(Billing::ScaleToZero) {
            format!("={p}_gpus*{p}_hourly*{p}_sec{n}/3600*(1+{p}_buffer)")
        } else {
            "=0".to_string()
        };
        let label = format!("Billed GPU time per call (scale to zero): {}", t.name);
        put(
            &format!("{q}_var"),
            &label,
            var,
            "USD / call",
            load.var_per_call,
        )?;
    }
    let r = &sm.per_replica;
    if let Hosting::OnPrem(o) = &g.hosting {
        let gpus = f64::from(g.gpus_per_replica);
        let purchase = gpus * o.gpu_price_usd + o.server_price_usd + o.installation_usd;
        let residual = (gpus * o.gpu_price_usd + o.server_price_usd) * o.residual_share;
        put(
            "purchase",
            "Purchase per replica",
            format!("={p}_gpus*{p}_gpu_price+{p}_server+{p}_install"),
            "USD",
            purchase,
        )?;
        put(
            "residual_usd",
            "Residual value per replica",
            format!("=({p}_gpus*{p}_gpu_price+{p}_server)*{p}_residual"),
            "USD",
            residual,
        )?;
        put("capex", "Amortisation + cost of capital per replica", format!("=(1-marginal_lens)*(({p}_purchase-{p}_residual_usd)/{p}_amort+{p}_coc*({p}_purchase+{p}_residual_usd)/2/12)"), "USD / month", sm.capex_per_replica)?;
        // The marginal lens spends only the replicas of month 1: one bought later is
        // amortised on top of the steady cost (Projection), and paid when bought.
        put("later_capex", "Amortisation + cost of capital per replica bought after month 1, not in the cost per replica (marginal lens)", format!("=marginal_lens*(({p}_purchase-{p}_residual_usd)/{p}_amort+{p}_coc*({p}_purchase+{p}_residual_usd)/2/12)"), "USD / month", sm.later.extra_capex)?;
        put(
            "hardware",
            "Hardware per replica (capex + maintenance)",
            format!("={p}_capex+{p}_maint*({p}_gpus*{p}_gpu_price+{p}_server)/12"),
            "USD / month",
            r.hardware,
        )?;
        put("power", "Power per replica", format!("=({p}_gpus*{p}_tdp*{p}_power_share+{p}_base_w)/1000*hours_per_month*{p}_pue*{p}_kwh"), "USD / month", r.power)?;
        put(
            "replica_total",
            "Cost per replica",
            format!("={p}_power+{p}_hardware+{p}_facility"),
            "USD / month",
            sm.replica_total,
        )?;
        put(
            "buy",
            "Cash paid per replica bought in month 1 (after it: the purchase, whatever the lens)",
            format!("=(1-marginal_lens)*{p}_purchase"),
            "USD",
            sm.purchase_per_replica,
        )?;
        put(
            "written_off",
            "Book value written off per replica-month (straight line to the residual)",
            format!("=({p}_purchase-{p}_residual_usd)/{p}_amort"),
            "USD / month",
            (purchase - residual) / o.amortisation_months,
        )?;
    } else {
        let gpu_time = if billing == Some(Billing::ScaleToZero) {
            "=0".to_string()
        } else {
            format!("={p}_gpus*{p}_hourly*{p}_window")
        };
        put(
            "gpu_time",
            "GPU time per replica",
            gpu_time,
            "USD / month",
            r.gpu_time,
        )?;
        let with_idle = if billing == Some(Billing::ScaleToZero) {
            // Billed per request: no idle time to pay for (and no idle input).
            format!("={p}_gpu_time")
        } else {
            format!("={p}_gpu_time+{p}_gpu_time*{p}_idle")
        };
        put(
            "replica_total",
            "Cost per replica (GPU time + idle overhead)",
            with_idle,
            "USD / month",
            sm.replica_total,
        )?;
        if sm.commit.replicas > 0.0 {
            put(
                "commit",
                "Commitment: all committed replicas, every hour, whether used or not, with the idle overhead",
                format!("={p}_c_reps*{p}_gpus*{p}_hourly*(1-{p}_c_disc)*hours_per_month*(1+{p}_idle)"),
                "USD / month",
                sm.commit.monthly,
            )?;
            put(
                "upfront",
                "Commitment paid up front in month 1",
                format!("={p}_c_up*{p}_commit*{p}_c_term"),
                "USD",
                sm.commit.upfront,
            )?;
        }
        put(
            "capex",
            "Amortisation per replica (rented: none)",
            "=0".into(),
            "USD / month",
            0.0,
        )?;
        put(
            "buy",
            "Cash paid per replica bought (rented: none)",
            "=0".into(),
            "USD",
            0.0,
        )?;
    }
    put(
        "people",
        "People per month (maintenance + upgrades)",
        format!("={p}_maint_h*{p}_eng+{p}_upgrades*{p}_upgrade_days*{p}_hpd*{p}_eng/12"),
        "USD / month",
        sm.fixed_total,
    )?;
    put(
        "setup",
        "Setup, one-off",
        format!("=(1-marginal_lens)*{p}_setup_days*{p}_hpd*{p}_eng"),
        "USD",
        sm.setup_total,
    )?;
    Ok(())
}
