//! Charts, drawn on the server by plotters from engine data: the same picture in the
//! page (SVG), the exports (SVG, PNG at 1920x1080 and 2x) and the printout.
//!
//! `data` shapes the engine's answers into series (pure, tested); `draw` paints them.

mod bars;
pub mod data;
pub mod draw;
pub mod embed;
pub mod export;
mod labels;
mod lines;
mod paint;

pub use crate::dto::{ChartKind, ChartOptions, DrawnChart};

use crate::dto::{Evaluated, Live};
use crate::error::AppError;

/// Points on the live chart's curves.
pub const LIVE_POINTS: usize = 256;

/// Evaluates and draws in one go (the editor's live path and the load-tested endpoint).
pub fn evaluate_and_draw(
    document: engine::Scenario,
    chart: &ChartOptions,
) -> Result<Live, AppError> {
    match engine::validate(document) {
        Err(e) => Ok(Live {
            evaluated: Evaluated::Invalid(e.0),
            chart: None,
        }),
        Ok(v) => {
            let mut e = engine::evaluate(
                &v,
                engine::Options {
                    curve_points: LIVE_POINTS,
                    curve_max_calls: chart.max_calls,
                },
            );
            let out =
                draw::svg(&v, &e, chart).map_err(|m| AppError::internal(anyhow::anyhow!(m)))?;
            // The page's tables need no 256-point curves.
            for s in &mut e.curves.series {
                s.costs.clear();
            }
            e.curves.calls.clear();
            e.curves.output_tokens.clear();
            Ok(Live {
                evaluated: Evaluated::Ok(Box::new(e)),
                chart: Some(out),
            })
        }
    }
}
