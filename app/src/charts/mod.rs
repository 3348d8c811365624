//! Charts, drawn on the server by plotters from engine data: the same picture in the
//! page (SVG), the exports (SVG, PNG at 1920x1080 and 2x) and the printout.
//!
//! `data` shapes the engine's answers into series (pure, tested); `draw` paints them.

mod bars;
mod cut;
pub mod data;
pub mod draw;
pub mod embed;
pub mod export;
mod key;
mod labels;
mod lines;
mod paint;
mod palette;
mod simplify;
mod ticks;
mod tornado;

pub use crate::dto::{ChartKind, ChartOptions, DrawnChart};

use crate::dto::{Evaluated, Live, Shown};
use crate::error::AppError;

/// Points on the live chart's curves.
pub const LIVE_POINTS: usize = 256;

/// Evaluates and draws in one go: the evaluation (without the 256-point curves, which
/// only the chart reads) and the chart. An invalid document has no chart.
pub fn evaluate_and_draw(
    document: engine::Scenario,
    chart: &ChartOptions,
) -> Result<(Evaluated, Option<DrawnChart>), AppError> {
    match engine::validate(document) {
        Err(e) => Ok((Evaluated::Invalid(e.0), None)),
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
            Ok((Evaluated::Ok(Box::new(e)), Some(out)))
        }
    }
}

/// What an edit gets back (the editor's live path): the chart, the results panel drawn
/// as HTML, and the few figures the page reads.
pub fn live(document: engine::Scenario, chart: &ChartOptions) -> Result<Live, AppError> {
    let (evaluated, chart) = evaluate_and_draw(document, chart)?;
    Ok(Live {
        shown: Shown::of(&evaluated),
        results_html: crate::results::results_html(&evaluated),
        chart,
    })
}
