//! Numeric inputs addressed by path (`gpu_configs[1].hosting.hourly_usd`), for
//! sensitivity, uncertainty ranges and field-level messages.

use crate::scenario::{Hosting, Scenario, ThroughputSource};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TaskField {
    Calls,
    Input,
    Output,
    Cached,
    Batch,
    Peak,
    Growth,
    /// The p95 latency targets, where the task type sets them.
    TtftTarget,
    TpotTarget,
}
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TierField {
    Input,
    Output,
    CacheRead,
}
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ConfigField {
    Hourly,
    GpuPrice,
    ServerPrice,
    KwhPrice,
    Throughput,
    Utilisation,
    Overhead,
    EngineerRate,
    SetupDays,
    MaintenanceHours,
    AmortisationMonths,
}

/// A resolved reference to one numeric input.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Param {
    HoursPerMonth,
    Task(usize, TaskField),
    Tier(usize, TierField),
    Config(usize, ConfigField),
}

const TASK_FIELDS: &[(&str, TaskField)] = &[
    ("calls_per_month", TaskField::Calls),
    ("input_tokens", TaskField::Input),
    ("output_tokens", TaskField::Output),
    ("cached_input_share", TaskField::Cached),
    ("batch_share", TaskField::Batch),
    ("peak_to_average", TaskField::Peak),
    ("monthly_growth", TaskField::Growth),
    ("ttft_p95_ms", TaskField::TtftTarget),
    ("tpot_p95_ms", TaskField::TpotTarget),
];
const TIER_FIELDS: &[(&str, TierField)] = &[
    ("input_per_mtok", TierField::Input),
    ("output_per_mtok", TierField::Output),
    ("cache_read_per_mtok", TierField::CacheRead),
];
const CONFIG_FIELDS: &[(&str, ConfigField)] = &[
    ("hosting.hourly_usd", ConfigField::Hourly),
    ("hosting.gpu_price_usd", ConfigField::GpuPrice),
    ("hosting.server_price_usd", ConfigField::ServerPrice),
    ("hosting.usd_per_kwh", ConfigField::KwhPrice),
    (
        "hosting.amortisation_months",
        ConfigField::AmortisationMonths,
    ),
    ("throughput.output_tokens_per_s", ConfigField::Throughput),
    ("target_utilisation", ConfigField::Utilisation),
    ("idle_overhead", ConfigField::Overhead),
    ("people.engineer_usd_per_hour", ConfigField::EngineerRate),
    ("people.setup_days", ConfigField::SetupDays),
    (
        "people.maintenance_hours_per_month",
        ConfigField::MaintenanceHours,
    ),
];

fn split_index(path: &str, prefix: &str) -> Option<(usize, String)> {
    let rest = path.strip_prefix(prefix)?.strip_prefix('[')?;
    let (idx, field) = rest.split_once("].")?;
    Some((idx.parse().ok()?, field.to_string()))
}

/// The one table from a [`Param`] to its field, for reading (`slot`) and writing
/// (`slot_mut`): `$get` is `get` or `get_mut`, `$opt` `as_ref` or `as_mut` (a value that
/// may be unset: a latency target), `$m` is empty or `mut`.
macro_rules! field_of {
    ($p:expr, $s:expr, $get:ident, $opt:ident $(, $m:tt)?) => {
        match *$p {
            Param::HoursPerMonth => Some(&$($m)? $s.hours_per_month),
            Param::Task(i, f) => $s.task_types.$get(i).and_then(|t| match f {
                TaskField::Calls => Some(&$($m)? t.calls_per_month),
                TaskField::Input => Some(&$($m)? t.input_tokens),
                TaskField::Output => Some(&$($m)? t.output_tokens),
                TaskField::Cached => Some(&$($m)? t.cached_input_share),
                TaskField::Batch => Some(&$($m)? t.batch_share),
                TaskField::Peak => Some(&$($m)? t.peak_to_average),
                TaskField::Growth => Some(&$($m)? t.monthly_growth),
                TaskField::TtftTarget => t.ttft_p95_ms.$opt(),
                TaskField::TpotTarget => t.tpot_p95_ms.$opt(),
            }),
            Param::Tier(i, f) => $s.api_tiers.$get(i).map(|t| match f {
                TierField::Input => &$($m)? t.input_per_mtok,
                TierField::Output => &$($m)? t.output_per_mtok,
                TierField::CacheRead => &$($m)? t.cache_read_per_mtok,
            }),
            Param::Config(i, f) => $s.gpu_configs.$get(i).and_then(|g| match (f, &$($m)? g.hosting, &$($m)? g.throughput) {
                (ConfigField::Hourly, Hosting::Cloud(c), _) => Some(&$($m)? c.hourly_usd),
                (ConfigField::GpuPrice, Hosting::OnPrem(o), _) => Some(&$($m)? o.gpu_price_usd),
                (ConfigField::ServerPrice, Hosting::OnPrem(o), _) => Some(&$($m)? o.server_price_usd),
                (ConfigField::KwhPrice, Hosting::OnPrem(o), _) => Some(&$($m)? o.usd_per_kwh),
                (ConfigField::AmortisationMonths, Hosting::OnPrem(o), _) => Some(&$($m)? o.amortisation_months),
                (ConfigField::Throughput, _, ThroughputSource::Typed { output_tokens_per_s }) => Some(output_tokens_per_s),
                (ConfigField::Throughput, _, ThroughputSource::Benchmark { output_tokens_per_s, .. }) => Some(output_tokens_per_s),
                (ConfigField::Utilisation, _, _) => Some(&$($m)? g.target_utilisation),
                (ConfigField::Overhead, _, _) => Some(&$($m)? g.idle_overhead),
                (ConfigField::EngineerRate, _, _) => Some(&$($m)? g.people.engineer_usd_per_hour),
                (ConfigField::SetupDays, _, _) => Some(&$($m)? g.people.setup_days),
                (ConfigField::MaintenanceHours, _, _) => Some(&$($m)? g.people.maintenance_hours_per_month),
                _ => None,
            }),
        }
    };
}

impl Param {
    /// Resolves a path against a scenario; `None` if it names nothing numeric there.
    pub fn parse(path: &str, s: &Scenario) -> Option<Param> {
        if path == "hours_per_month" {
            return Some(Param::HoursPerMonth);
        }
        let p = if let Some((i, f)) = split_index(path, "task_types") {
            (i < s.task_types.len()).then_some(())?;
            Param::Task(i, TASK_FIELDS.iter().find(|(n, _)| *n == f)?.1)
        } else if let Some((i, f)) = split_index(path, "api_tiers") {
            (i < s.api_tiers.len()).then_some(())?;
            Param::Tier(i, TIER_FIELDS.iter().find(|(n, _)| *n == f)?.1)
        } else if let Some((i, f)) = split_index(path, "gpu_configs") {
            (i < s.gpu_configs.len()).then_some(())?;
            Param::Config(i, CONFIG_FIELDS.iter().find(|(n, _)| *n == f)?.1)
        } else {
            return None;
        };
        // Only inputs that exist in this configuration's variant (cloud vs on-prem, typed throughput).
        p.slot(s).is_some().then_some(p)
    }

    pub fn path(&self) -> String {
        match *self {
            Param::HoursPerMonth => "hours_per_month".into(),
            Param::Task(i, f) => format!(
                "task_types[{i}].{}",
                TASK_FIELDS
                    .iter()
                    .find(|(_, x)| *x == f)
                    .map_or("", |x| x.0)
            ),
            Param::Tier(i, f) => format!(
                "api_tiers[{i}].{}",
                TIER_FIELDS
                    .iter()
                    .find(|(_, x)| *x == f)
                    .map_or("", |x| x.0)
            ),
            Param::Config(i, f) => format!(
                "gpu_configs[{i}].{}",
                CONFIG_FIELDS
                    .iter()
                    .find(|(_, x)| *x == f)
                    .map_or("", |x| x.0)
            ),
        }
    }

    /// A short human label ("Haiku 3.5: output price"); its unit goes with its values
    /// ([`Param::unit`]).
    pub fn label(&self, s: &Scenario) -> String {
        match *self {
            Param::HoursPerMonth => "Hours per month".into(),
            Param::Task(i, f) => format!(
                "{}: {}",
                s.task_types[i].name,
                match f {
                    TaskField::Calls => "calls a month",
                    TaskField::Input => "input tokens",
                    TaskField::Output => "output tokens",
                    TaskField::Cached => "cached input share",
                    TaskField::Batch => "batch share",
                    TaskField::Peak => "peak to average",
                    TaskField::Growth => "monthly growth",
                    TaskField::TtftTarget => "p95 time-to-first-token target",
                    TaskField::TpotTarget => "p95 time-per-output-token target",
                }
            ),
            Param::Tier(i, f) => format!(
                "{}: {} price",
                s.api_tiers[i].name,
                match f {
                    TierField::Input => "input",
                    TierField::Output => "output",
                    TierField::CacheRead => "cache-read",
                }
            ),
            Param::Config(i, f) => format!(
                "{}: {}",
                s.gpu_configs[i].name,
                match f {
                    ConfigField::Hourly => "GPU-hour price",
                    ConfigField::GpuPrice => "GPU price",
                    ConfigField::ServerPrice => "server price",
                    ConfigField::KwhPrice => "electricity price",
                    ConfigField::Throughput => "throughput",
                    ConfigField::Utilisation => "target utilisation",
                    ConfigField::Overhead => "idle overhead",
                    ConfigField::EngineerRate => "engineer rate",
                    ConfigField::SetupDays => "setup",
                    ConfigField::MaintenanceHours => "maintenance",
                    ConfigField::AmortisationMonths => "amortisation",
                }
            ),
        }
    }

    /// How a value of this input is written: (scale, suffix). A share of 0.3 reads
    /// "30%" (scale 100, suffix "%"), a price "0.44 USD/GPU-hour". Prices and rates are
    /// the inputs' own, in US dollars, whatever currency the pages show.
    pub fn unit(&self) -> (f64, &'static str) {
        match *self {
            Param::HoursPerMonth => (1.0, " h/month"),
            Param::Task(_, f) => match f {
                TaskField::Calls => (1.0, " calls"),
                TaskField::Input | TaskField::Output => (1.0, " tokens/call"),
                TaskField::Cached | TaskField::Batch => (100.0, "%"),
                TaskField::Peak => (1.0, "x"),
                TaskField::Growth => (100.0, "%/month"),
                TaskField::TtftTarget | TaskField::TpotTarget => (1.0, " ms"),
            },
            Param::Tier(..) => (1.0, " USD/Mtok"),
            Param::Config(_, f) => match f {
                ConfigField::Hourly => (1.0, " USD/GPU-hour"),
                ConfigField::GpuPrice | ConfigField::ServerPrice => (1.0, " USD"),
                ConfigField::KwhPrice => (1.0, " USD/kWh"),
                ConfigField::Throughput => (1.0, " output tok/s"),
                ConfigField::Utilisation | ConfigField::Overhead => (100.0, "%"),
                ConfigField::EngineerRate => (1.0, " USD/h"),
                ConfigField::SetupDays => (1.0, " days"),
                ConfigField::MaintenanceHours => (1.0, " h/month"),
                ConfigField::AmortisationMonths => (1.0, " months"),
            },
        }
    }

    /// `lo .. hi` with the unit once ("0.33 .. 0.55 USD/GPU-hour", "22.5% .. 37.5%"): three
    /// significant digits, unless they make both ends read the same.
    pub fn range_text(&self, lo: f64, hi: f64) -> String {
        let (k, unit) = self.unit();
        let (a, b) = match (
            crate::fmt::fmt_approx(lo * k),
            crate::fmt::fmt_approx(hi * k),
        ) {
            (a, b) if a == b => (crate::fmt::fmt_num(lo * k), crate::fmt::fmt_num(hi * k)),
            ends => ends,
        };
        if unit.starts_with('%') || unit == "x" {
            format!("{a}{} .. {b}{unit}", &unit[..1])
        } else {
            format!("{a} .. {b}{unit}")
        }
    }

    /// One value with its unit ("0.44 USD/GPU-hour", "30%").
    pub fn value_text(&self, x: f64) -> String {
        let (k, unit) = self.unit();
        format!("{}{unit}", crate::fmt::fmt_num(x * k))
    }

    fn slot<'a>(&self, s: &'a Scenario) -> Option<&'a f64> {
        field_of!(self, s, get, as_ref)
    }

    fn slot_mut<'a>(&self, s: &'a mut Scenario) -> Option<&'a mut f64> {
        field_of!(self, s, get_mut, as_mut, mut)
    }

    pub fn get(&self, s: &Scenario) -> f64 {
        self.slot(s).copied().unwrap_or(f64::NAN)
    }

    /// Sets the value, clamped into the input's valid domain (a +25% swing of a 0.9
    /// utilisation stops at 1).
    pub fn set(&self, s: &mut Scenario, v: f64) {
        let (lo, hi) = self.domain();
        let v = v.clamp(lo, hi);
        let slot = self.slot_mut(s);
        if let Some(slot) = slot {
            *slot = v;
        }
    }

    /// The values the input may take (a peak-to-average of at least 1, a share within
    /// 0..1): what a swing is clamped to, and what a default range says it swings over.
    pub fn domain(&self) -> (f64, f64) {
        match *self {
            Param::HoursPerMonth => (1.0, 744.0),
            Param::Task(_, TaskField::Cached | TaskField::Batch) => (0.0, 1.0),
            Param::Task(_, TaskField::Peak) => (1.0, 1_000.0),
            Param::Task(_, TaskField::Output) => (1e-9, f64::MAX),
            Param::Task(_, TaskField::Growth) => (-0.5, 2.0),
            Param::Task(_, TaskField::TtftTarget | TaskField::TpotTarget) => (1e-3, f64::MAX),
            Param::Config(_, ConfigField::Utilisation) => (0.01, 1.0),
            Param::Config(_, ConfigField::AmortisationMonths) => (1.0, 240.0),
            Param::Config(_, ConfigField::Hourly | ConfigField::GpuPrice) => (1e-9, f64::MAX),
            // A token a minute, as validation takes a throughput.
            Param::Config(_, ConfigField::Throughput) => (1.0 / 60.0, f64::MAX),
            Param::Config(_, ConfigField::Overhead) => (0.0, 10.0),
            _ => (0.0, f64::MAX),
        }
    }

    /// Every numeric input of the scenario that sensitivity analysis moves.
    pub fn all(s: &Scenario) -> Vec<Param> {
        let mut v = vec![Param::HoursPerMonth];
        for i in 0..s.task_types.len() {
            v.extend(
                TASK_FIELDS
                    .iter()
                    .map(|(_, f)| Param::Task(i, *f))
                    .filter(|p| p.slot(s).is_some()),
            );
        }
        for i in 0..s.api_tiers.len() {
            v.extend(TIER_FIELDS.iter().map(|(_, f)| Param::Tier(i, *f)));
        }
        for i in 0..s.gpu_configs.len() {
            v.extend(
                CONFIG_FIELDS
                    .iter()
                    .map(|(_, f)| Param::Config(i, *f))
                    .filter(|p| p.slot(s).is_some()),
            );
        }
        v
    }
}

impl Scenario {
    /// Task type `i`'s p95 latency targets (`None`: no target). A target cleared takes
    /// its uncertainty range with it: a range on an input that is not set would refuse
    /// the whole scenario. Whether a range went (the form then lays its rows out again).
    pub fn set_targets(&mut self, i: usize, ttft: Option<f64>, tpot: Option<f64>) -> bool {
        let Some(t) = self.task_types.get_mut(i) else {
            return false;
        };
        t.ttft_p95_ms = ttft;
        t.tpot_p95_ms = tpot;
        let cleared: Vec<String> = [(ttft, TaskField::TtftTarget), (tpot, TaskField::TpotTarget)]
            .into_iter()
            .filter(|(v, _)| v.is_none())
            .map(|(_, f)| Param::Task(i, f).path())
            .collect();
        let before = self.ranges.len();
        self.ranges.retain(|r| !cleared.contains(&r.path));
        self.ranges.len() != before
    }
}

#[cfg(test)]
#[path = "params_tests.rs"]
mod tests;
