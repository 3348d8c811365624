//! What travels between the server and the browser (never an edit key to a view),
//! one module per subject. Domain computations on these live in the engine
//! (`engine::report`, `engine::custom`); these are data only.

mod benchmarks;
mod catalog;
mod charts;
mod compare;
pub mod json;
mod report;
mod scenario;
mod usage;
mod workspace;

pub use benchmarks::*;
pub use catalog::*;
pub use charts::*;
pub use compare::*;
pub use engine::report::{Headline, InputDiff};
pub use report::*;
pub use scenario::*;
pub use usage::*;
pub use workspace::*;
