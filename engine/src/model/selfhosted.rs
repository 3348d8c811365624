//! A GPU configuration as numbers: fixed costs, a cost per replica, replicas from peak
//! demand, and what that costs at any volume.

use super::{ceil, Breakdown};
use crate::latency::{Binding, Capacity, Point};

impl Serving {
    /// The latencies at the load planned for: `share` of the replica's most load.
    pub fn planned(&self, share: f64) -> Point {
        crate::latency::at_rate(&self.replica, &self.shape, share * self.capacity.max_rate)
    }
    /// From one stream to the largest batch, `points` points.
    pub fn curve(&self, points: usize) -> Vec<Point> {
        crate::latency::curve(&self.replica, &self.shape, points)
    }
}
use crate::throughput::{Estimate, Fit};

/// What one request of one task type costs a GPU configuration.
#[derive(Clone, Debug)]
pub struct TaskLoad {
    /// The throughput estimate at this task's shape (when GPU and model are known and it fits).
    pub estimate: Option<Estimate>,
    /// Replica-seconds one request costs.
    pub sec_per_request: f64,
    /// Replicas of demand per call/month at peak (already / utilisation).
    pub demand_per_call: f64,
    /// Variable cost per call (scale-to-zero billing).
    pub var_per_call: f64,
    /// Share of a replica's throughput planned for: the target utilisation, or less
    /// when the task's latency targets allow less.
    pub capacity_share: f64,
    /// Latency at the planned load and the capacity the targets allow, by the estimate
    /// (when GPU and model are known and a request fits).
    pub serving: Option<Serving>,
}

/// How one task type's requests are served by one replica, by the latency model.
#[derive(Clone, Debug)]
pub struct Serving {
    /// The most load meeting the targets (with no targets: the most load).
    pub capacity: Capacity,
    pub binding: Binding,
    /// The replica and shape, for the planned point and the curve (drawn only when
    /// shown: the sensitivity runs rebuild models many times and never show them).
    pub replica: crate::throughput::Replica,
    pub shape: crate::latency::Shape,
    /// Share of the replica's throughput the targets allow: by the estimate, or by the
    /// attached sweep when there is one.
    pub allowed: f64,
    /// The point of the attached benchmark sweep the targets pick.
    pub sweep: Option<crate::latency::sweep::SweepPick>,
}

/// One GPU configuration as numbers.
#[derive(Clone, Debug)]
pub struct SelfModel {
    pub quality: u8,
    /// Why this option cannot serve the workload (does not fit, ...), if it cannot.
    pub unusable: Option<String>,
    pub fit: Option<Fit>,
    /// Per task type.
    pub tasks: Vec<TaskLoad>,
    /// Replicas the peak needs at scale = 1 (fractional).
    pub demand_base: f64,
    /// Replica-seconds of work at peak over the window at scale = 1 (before the planned
    /// share): what the serving replicas are busy with.
    pub busy_base: f64,
    pub fixed_replicas: Option<f64>,
    pub reserves: f64,
    pub per_replica: Breakdown,
    pub fixed: Breakdown,
    /// `per_replica.total()` and `fixed.total()`, kept because every cost evaluation needs them.
    pub replica_total: f64,
    pub fixed_total: f64,
    pub var_base: f64,
    /// One-off costs paid in cash (on-prem purchase per replica; setup).
    pub purchase_per_replica: f64,
    /// Amortisation + cost of capital per replica-month (in `per_replica.hardware`; not cash).
    pub capex_per_replica: f64,
    pub setup_total: f64,
    pub setup_months: f64,
    pub warnings: Vec<String>,
    pub gpus_per_replica: f64,
    pub is_on_prem: bool,
    /// Rented replicas committed for a term (0 without a commitment).
    pub commit: Commit,
    /// Value left in a purchased replica (its book value) after `age` months, USD.
    pub book: Book,
    /// A replica bought after month 1: under the marginal lens only the hardware owned
    /// at the start is already spent, and one that growth buys later is paid (in cash
    /// when bought, amortised in the accounts, with its book value). Under the fully
    /// loaded lens, the same as the month-1 figures above.
    pub later: Later,
    /// A benchmark run measured on other hardware: the factor its seconds per request
    /// were scaled by to this configuration's, and "4x H200 SXM 141 GB to 2x ..." (said
    /// in the throughput's explanation).
    pub run_scale: Option<(f64, String)>,
}

/// What a replica bought after month 1 costs (see [`SelfModel::later`]).
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Later {
    /// Cash paid when bought.
    pub purchase: f64,
    /// Amortisation + cost of capital a month not already in `per_replica` (the
    /// marginal lens leaves it out of the steady cost): accrued per replica above the
    /// month-1 count.
    pub extra_capex: f64,
    pub book: Book,
}

/// A purchased replica's book: bought at `purchase` (0 under the marginal lens), written
/// down in a straight line to `residual` over `months`.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Book {
    pub purchase: f64,
    pub residual: f64,
    pub months: f64,
}

impl Book {
    /// The book value of one replica `age` months after it was bought.
    pub fn value_after(&self, age: f64) -> f64 {
        if self.purchase <= 0.0 || self.months <= 0.0 {
            return 0.0;
        }
        let written = (self.purchase - self.residual) * (age / self.months).clamp(0.0, 1.0);
        self.purchase - written
    }
}

/// A commitment as numbers: replicas paid every hour of the term whether used or not.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Commit {
    pub replicas: f64,
    /// What the committed replicas cost a month (all of them), USD, their idle
    /// overhead included.
    pub monthly: f64,
    /// The idle overhead's part of `monthly`.
    pub overhead: f64,
    pub term_months: f64,
    /// Paid in month 1 of the term, USD: the up-front share of the term's total.
    pub upfront: f64,
}

impl SelfModel {
    /// Replicas serving load (>= 1) at volume `scale`, before reserves.
    pub fn needed(&self, scale: f64) -> f64 {
        match self.fixed_replicas {
            Some(n) => n,
            None => ceil(self.demand_base * scale).max(1.0),
        }
    }
    pub fn needed_for(&self, calls: &[f64]) -> f64 {
        match self.fixed_replicas {
            Some(n) => n,
            None => ceil(
                calls
                    .iter()
                    .zip(&self.tasks)
                    .map(|(c, t)| c * t.demand_per_call)
                    .sum::<f64>(),
            )
            .max(1.0),
        }
    }
    /// What `total` replicas (serving and reserves) cost a month: while a commitment
    /// runs, the committed replicas at their fixed price whether used or not, and the
    /// rest on demand; after it, all on demand.
    pub fn replicas_cost(&self, total: f64, in_term: bool) -> f64 {
        if in_term && self.commit.replicas > 0.0 {
            self.commit.monthly + self.replica_total * (total - self.commit.replicas).max(0.0)
        } else {
            self.replica_total * total
        }
    }
    /// The steady monthly cost at volume `scale` (a commitment running). Under the
    /// marginal lens the replicas the scenario's own volume needs are owned; a volume that
    /// needs more pays for the ones it adds ([`Self::later_capex_at`]).
    pub fn cost_at(&self, scale: f64) -> f64 {
        self.fixed_total
            + self.replicas_cost(self.needed(scale) + self.reserves, true)
            + self.var_base * scale
            + self.later_capex_at(scale)
    }
    /// What the replicas above those serving at the scenario's volume add a month when
    /// they have to be bought (the marginal lens; 0 otherwise): amortisation and cost of
    /// capital each.
    pub fn later_capex_at(&self, scale: f64) -> f64 {
        self.later.extra_capex * (self.needed(scale) - self.needed(1.0)).max(0.0)
    }
    /// The monthly cost of `calls` (each task type's calls a month), a commitment running.
    pub fn cost_for(&self, calls: &[f64]) -> f64 {
        self.cost_in_month(calls, true)
    }
    /// The monthly cost of `calls`, inside a commitment's term or not.
    pub fn cost_in_month(&self, calls: &[f64], in_term: bool) -> f64 {
        let var: f64 = calls
            .iter()
            .zip(&self.tasks)
            .map(|(c, t)| c * t.var_per_call)
            .sum();
        self.fixed_total + self.replicas_cost(self.needed_for(calls) + self.reserves, in_term) + var
    }
    pub fn breakdown_at(&self, scale: f64) -> Breakdown {
        let total = self.needed(scale) + self.reserves;
        let on_demand = (total - self.commit.replicas).max(0.0);
        let mut b = self.fixed.plus(&self.per_replica.scaled(on_demand));
        b.gpu_time += self.var_base * scale + self.commit.monthly - self.commit.overhead;
        b.overhead += self.commit.overhead;
        b.hardware += self.later_capex_at(scale);
        b
    }
    /// Utilisation of the serving replicas at peak.
    pub fn utilisation_at(&self, scale: f64) -> f64 {
        (self.busy_base * scale / self.needed(scale)).min(f64::MAX)
    }
    /// Volume multiplier at which a fixed-size option runs out of capacity.
    pub fn capacity_limit(&self) -> Option<f64> {
        self.fixed_replicas.map(|n| n / self.demand_base)
    }
}
