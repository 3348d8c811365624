//! The numbers under "Results", laid out on the server as HTML (the way the chart is
//! drawn there): each option's monthly cost, the break-even table, finance, internal
//! prices and the decisions, every number explained. The editor and the view page show
//! them as they come (`components::results`). The presentation, the printout and the
//! comparison get their figures worked out here too (`report`).

mod break_even;
#[cfg(feature = "ssr")]
mod decisions;
#[cfg(feature = "ssr")]
mod explain;
mod finance;
#[cfg(feature = "ssr")]
mod finance_plan;
#[cfg(feature = "ssr")]
mod internal_price;
#[cfg(feature = "ssr")]
mod numbers;
#[cfg(feature = "ssr")]
mod projection;
mod report;
#[cfg(feature = "ssr")]
mod serving;
#[cfg(feature = "ssr")]
pub use numbers::results_html;
