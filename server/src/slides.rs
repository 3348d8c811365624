//! GET /v/{token}/slides.pdf (and a frozen link's): the presentation as a PDF, one slide
//! to a landscape page (see [`crate::onepager::deck`]).

use crate::exports::{pdf_answer, revision_file, saved, PdfQuery};
use crate::ServerState;
use app::charts::draw;
use app::dto::ChartKind;
use app::error::AppError;
use axum::extract::{MatchedPath, Path, Query, State};
use axum::response::Response;

#[tracing::instrument(skip_all, err(level = "info"))]
pub async fn slides(
    State(s): State<ServerState>,
    route: MatchedPath,
    Path(token): Path<String>,
    Query(q): Query<PdfQuery>,
) -> Result<Response, AppError> {
    let paper = q.paper()?;
    let (v, e, name, revision) = saved(&s, &route, &token).await?;
    let file = revision_file(&format!("{name}-slides"), revision.revision, "pdf");
    // Every input over its range (the decision's flips) and four charts: a compute slot.
    let body = app::compute::run(move || {
        let d = engine::report::decision::slide(&v, &e, 3);
        let mut charts = Vec::new();
        for k in ChartKind::ALL {
            let svg = draw::svg(&v, &e, &crate::onepager::deck::chart_options(k))?.svg;
            charts.push(svg);
        }
        let today = app::format::today();
        let footer = format!(
            "Breakeven · {} · generated {today} · planning estimates; prices change, check the dates",
            revision.text(),
        );
        crate::onepager::deck::build(&e, &name, &d, &charts, &footer, paper, &today)
    })
    .await?
    .map_err(|err| AppError::internal(anyhow::anyhow!("slides: {err}")))?;
    Ok(pdf_answer(&file, body))
}
