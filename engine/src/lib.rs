//! Breakeven's cost engine: LLM inference cost of Claude API tiers against
//! self-hosted open models on GPUs. Pure: no I/O, no async, nothing web.
//!
//! Entry points: [`upgrade::parse_document`] reads a saved document of any version,
//! [`validate::validate`] turns it into a [`validate::ValidScenario`], and
//! [`evaluate::evaluate`] answers everything the app shows; [`sensitivity`] holds the
//! tornado and the uncertainty band.

pub mod article;
pub mod bench;
pub mod breakeven;
pub mod catalog;
pub mod curves;
pub mod custom;
pub mod evaluate;
pub mod explain;
pub mod hybrid;
pub mod model;
pub mod params;
pub mod projection;
pub mod report;
pub mod scenario;
pub mod sensitivity;
pub mod templates;
pub mod throughput;
pub mod upgrade;
pub mod validate;

pub use evaluate::{evaluate, evaluate_document, Evaluation, Options};
pub use scenario::Scenario;
pub use validate::{validate, FieldError, ValidScenario, ValidationErrors};
