//! The numbers under "Results", laid out on the server as HTML (the way the chart is
//! drawn there): each option's monthly cost, the break-even table, finance, internal
//! prices and the decisions, every number explained. The editor and the view page show
//! them as they come (`components::results`); the printout borrows two tables' figures.

mod break_even;
#[cfg(feature = "ssr")]
mod decisions;
#[cfg(feature = "ssr")]
mod explain;
mod finance;
#[cfg(feature = "ssr")]
mod internal_price;
#[cfg(feature = "ssr")]
mod numbers;
#[cfg(feature = "ssr")]
mod serving;
pub use break_even::grid as break_even_grid;
pub use finance::print_column as finance_print_column;
#[cfg(feature = "ssr")]
pub use numbers::results_html;
