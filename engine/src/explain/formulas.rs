//! The formulas explanations show, as people read them. Each is the `formula` of an
//! [`super::Explained`] built in `evaluate/per_option.rs`, which adds the inputs it names.

/// An API tier's monthly cost.
pub const API_MONTHLY: &str = "sum over task types of calls x (uncached input x input price + cached input x cache-read price + cache writes x ((1 - 1-hour share) x cache-write price + 1-hour share x 2 x input price) + output x output price) / 1e6, batch-eligible calls x (1 - batch discount)";
/// An API tier's cost per 1K output tokens.
pub const API_PER_1K_OUTPUT: &str =
    "monthly cost / (output tokens per month / 1000) (input cost included)";
/// A GPU configuration's monthly total cost of ownership.
pub const SELF_MONTHLY: &str = "GPU time + idle overhead + power + hardware (amortised, capital, maintenance) + facility + people (maintenance, upgrades); per-replica costs x (replicas + reserves). Steady state: the one-off setup is not in it";
/// A rented configuration with a commitment.
pub const SELF_MONTHLY_COMMITTED: &str = "committed replicas x GPUs x on-demand price x (1 - discount) x hours per month x (1 + idle overhead), paid whether used or not (the overhead's part in the idle overhead, the rest in the GPU time), + on-demand per-replica costs x (replicas + reserves - committed, at least 0) + people (maintenance, upgrades). While the commitment runs; after its term the projection prices every replica on demand (no renewal assumed), and in cash its up-front share is paid in month 1";
/// A GPU configuration's one-off setup.
pub const SETUP_ONE_OFF: &str = "setup days x hours per day x engineer rate, paid once; not in the monthly cost (the projection charges it in month 1 as cash, or spread over the amortisation months as accrual)";
/// The setup under the marginal lens.
pub const SETUP_MARGINAL: &str = "0: the marginal lens treats setup as already spent";
/// A GPU configuration's cost per 1K output tokens.
pub const SELF_PER_1K_OUTPUT: &str = "monthly TCO / (output tokens per month / 1000)";
/// Replicas when the configuration scales with the load.
pub const REPLICAS_AS_NEEDED: &str = "max(1, ceil(sum over task types of calls/(hours x 3600) x peak-to-average x replica-seconds per request / planned share)) + reserves, where the planned share is the target utilisation, or less when the task's p95 latency targets allow less";
/// The output a replica may make under the p95 latency targets.
pub const LATENCY_ALLOWED: &str = "throughput at full load x the share of a replica the tightest task type's p95 latency targets allow";
/// Replicas when the configuration has a fixed number.
pub const REPLICAS_FIXED: &str = "fixed replicas + reserves";
/// Throughput estimated from GPU and model specs (see [`crate::throughput`]).
pub const THROUGHPUT_ESTIMATED: &str = "decode step = max((W + B x L x KV) / (n x BW x e_bw), 2 x P_active x B / (n x FLOP/s x e_c)); tok/s = output / (prefill + output x step / B)";
/// Throughput typed by the user.
pub const THROUGHPUT_TYPED: &str = "typed by the user, at the workload's request shape";
/// Throughput measured by a benchmark, converted to the workload's request shape.
pub const THROUGHPUT_BENCHMARK: &str = "workload output tokens / (measured seconds per request (bench output / bench tok/s) x hardware scale (the run's GPUs to this configuration's, by the estimator; none on the same hardware) x estimated cost ratio (workload shape / bench shape))";
/// The name of a throughput's input that says what prefix caching spares (the
/// printout's assumptions find it by this name).
pub const PREFILLED: &str =
    "prompt tokens computed at prefill (prefix caching: input x (1 - cached share))";
