//! The inputs a configuration's monthly cost rests on beyond its price and replicas: the
//! idle overhead's share and the people's rates, and a bought configuration's hardware and
//! power, so the explanation (and the one-pager that prints it) rebuilds the cost by hand.

use crate::explain::Explained;
use crate::model::Breakdown;
use crate::scenario::{Hosting, Scenario};

use crate::explain::ARTICLE_DEFAULT;

/// Where the people defaults come from: the article behind the product (its ranges,
/// taken at their midpoint). `None` for an input with no published range.
fn article_range(name: &str) -> Option<&'static str> {
    Some(match name {
        "engineer rate" => "$100–200/h, midpoint",
        "maintenance" => "2–4 h/month, midpoint",
        "setup days" => "2–5 days",
        _ => return None,
    })
}

/// A people input: where it holds the default the article's range gave, it says so
/// (a value typed equal to the default reads the same: the scenario keeps no mark of
/// which); any other value is the scenario's own.
pub(super) fn people_input(
    m: Explained,
    name: &'static str,
    value: f64,
    default: f64,
    unit: &'static str,
) -> Explained {
    match article_range(name) {
        Some(range) if value == default => {
            m.sourced(name, value, unit, format!("{ARTICLE_DEFAULT}{range}"))
        }
        _ => m.input(name, value, unit),
    }
}

/// The rates behind the monthly parts that are not already inputs: the idle overhead's
/// share of GPU time and the people's hours and rate (each only where its part is paid).
pub(super) fn with_rates(m: Explained, g: &crate::scenario::GpuConfig, b: &Breakdown) -> Explained {
    let p = &g.people;
    let d = crate::scenario::PeopleCosts::default();
    let mut m = m;
    if b.overhead > 0.0 {
        m = m.input("idle overhead", g.idle_overhead, "share of GPU time");
    }
    if b.people_maintenance > 0.0 || b.people_upgrades > 0.0 {
        m = people_input(
            m,
            "engineer rate",
            p.engineer_usd_per_hour,
            d.engineer_usd_per_hour,
            "USD/h",
        );
    }
    if b.people_maintenance > 0.0 {
        m = people_input(
            m,
            "maintenance",
            p.maintenance_hours_per_month,
            d.maintenance_hours_per_month,
            "h/month",
        );
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

#[cfg(test)]
mod people_tests {
    /// A people default cites the article's range it came from; a value typed away from
    /// it is the scenario's own, with no source claimed.
    #[test]
    fn a_people_default_cites_the_article_and_a_typed_rate_does_not() {
        let rate = |v: f64| {
            let mut s = crate::templates::haiku_vs_4090();
            s.gpu_configs[0].people.engineer_usd_per_hour = v;
            let e = crate::evaluate_document(s, Default::default()).expect("valid");
            let m = e.selfhosted[0].monthly.clone().expect("usable");
            m.inputs
                .into_iter()
                .find(|i| i.name == "engineer rate")
                .expect("the rate")
        };
        let default = rate(150.0);
        assert!(
            default
                .source
                .as_deref()
                .is_some_and(|s| s.contains("$100–200/h")),
            "{default:?}"
        );
        let typed = rate(180.0);
        assert_eq!(typed.source, None);
        assert_eq!(typed.value, 180.0);
    }
}
