//! The inputs a configuration's monthly cost rests on beyond its price and replicas: the
//! idle overhead's share and the people's rates, and a bought configuration's hardware and
//! power, so the explanation (and the one-pager that prints it) rebuilds the cost by hand.

use crate::explain::Explained;
use crate::model::Breakdown;
use crate::scenario::{Hosting, Scenario};

/// The rates behind the monthly parts that are not already inputs: the idle overhead's
/// share of GPU time and the people's hours and rate (each only where its part is paid).
pub(super) fn with_rates(m: Explained, g: &crate::scenario::GpuConfig, b: &Breakdown) -> Explained {
    let p = &g.people;
    let mut m = m;
    if b.overhead > 0.0 {
        m = m.input("idle overhead", g.idle_overhead, "share of GPU time");
    }
    if b.people_maintenance > 0.0 || b.people_upgrades > 0.0 {
        m = m.input("engineer rate", p.engineer_usd_per_hour, "USD/h");
    }
    if b.people_maintenance > 0.0 {
        m = m.input("maintenance", p.maintenance_hours_per_month, "h/month");
    }
    if b.people_upgrades > 0.0 {
        m = m
            .input("model upgrades", p.upgrades_per_year, "a year")
            .input("days per upgrade", p.days_per_upgrade, "days")
            .input("hours per day", p.hours_per_day, "h");
    }
    m
}

/// A bought configuration's hardware and power inputs, so its monthly cost can be worked
/// again from what the explanation lists: (GPUs x price + server + installation - value
/// left) / months written off, the capital and maintenance on it, and watts x hours x PUE x
/// price of a kWh. Under the marginal lens nothing is written off, so neither is listed.
pub(super) fn with_purchase(
    m: Explained,
    s: &Scenario,
    g: &crate::scenario::GpuConfig,
    b: &Breakdown,
) -> Explained {
    let Hosting::OnPrem(o) = &g.hosting else {
        return m;
    };
    let mut m = m;
    let written_off = s.cost_lens != crate::scenario::CostLens::Marginal;
    // The purchase: what is written off, and (the server's price) what maintenance is a
    // share of with the GPUs' (under the marginal lens too).
    if written_off || o.maintenance_share_per_year != 0.0 {
        m = m.input("server per replica", o.server_price_usd, "USD");
        if o.installation_usd != 0.0 {
            m = m.input("installation per replica", o.installation_usd, "USD");
        }
    }
    if written_off {
        m = m
            .input("written off over", o.amortisation_months, "months")
            .input(
                "value left after the write-off",
                o.residual_share,
                "share of GPUs and server",
            );
        if o.cost_of_capital != 0.0 {
            m = m.input(
                "cost of capital",
                o.cost_of_capital,
                "share a year, on the mean book value",
            );
        }
    }
    if o.maintenance_share_per_year != 0.0 {
        m = m.input(
            "hardware maintenance",
            o.maintenance_share_per_year,
            "share of the GPUs' and server's price a year",
        );
    }
    if b.power > 0.0 {
        if let Some(gpu) = crate::catalog::gpu_in(s, &g.gpu) {
            m = m.cataloged_text(
                "GPU TDP",
                gpu.tdp_w,
                "W",
                gpu.spec_source().to_string().into(),
                gpu.as_of.clone(),
            );
        }
        m = m
            .input("GPU power at load", o.gpu_power_share, "share of TDP")
            .input("server base power", o.server_base_watts, "W per replica")
            .input("PUE", o.pue, "")
            .input("electricity", o.usd_per_kwh, "USD/kWh");
    }
    if b.facility > 0.0 {
        m = m.input(
            "facility",
            o.facility_usd_per_month,
            "USD/month per replica",
        );
    }
    m
}
