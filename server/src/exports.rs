//! Downloads of a saved revision, by view token: chart SVG and PNG, and the CSV.
//! Also the evaluate-and-render endpoint the editor's speed is measured on.

use crate::ServerState;
use app::charts::{draw, export};
use app::dto::{ChartKind, ChartOptions};
use app::error::AppError;
use axum::extract::rejection::JsonRejection;
use axum::extract::{MatchedPath, Path, Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Deserialize;

/// Which link an export was asked by: a view link follows the latest revision, a frozen
/// link (`/f/...`) exports the one revision it was made for.
fn frozen(route: &MatchedPath) -> bool {
    route.as_str().starts_with("/f/")
}

pub(crate) async fn saved(
    s: &ServerState,
    route: &MatchedPath,
    token: &str,
) -> Result<
    (
        engine::ValidScenario,
        engine::Evaluation,
        String,
        app::db::Saved,
    ),
    AppError,
> {
    let (name, document, revision) = if frozen(route) {
        app::db::frozen_document(&s.app.db, token).await?
    } else {
        app::db::view_document(&s.app.db, token).await?
    };
    let heavy = app::compute::is_heavy(&document, 256);
    let (v, e) = app::compute::for_document(heavy, move || {
        let v = engine::validate(document)?;
        let e = engine::evaluate(&v, engine::Options::default());
        Ok::<_, AppError>((v, e))
    })
    .await??;
    Ok((v, e, name, revision))
}

/// A file name that says its revision ("plan-rev3.pdf"): the name is shortened, never
/// the revision.
pub(crate) fn revision_file(name: &str, revision: i64, ext: &str) -> String {
    let plain = file_name(name, ext);
    let stem = plain.strip_suffix(&format!(".{ext}")).unwrap_or(&plain);
    format!("{stem}-rev{revision}.{ext}")
}

/// A file name from a scenario name: letters, digits and dashes only (never a path).
fn file_name(name: &str, ext: &str) -> String {
    let mut s: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    while s.contains("--") {
        s = s.replace("--", "-");
    }
    let s = s.trim_matches('-');
    format!(
        "{}.{ext}",
        if s.is_empty() {
            "breakeven"
        } else {
            &s[..s.len().min(60)]
        }
    )
}

#[derive(Deserialize, Default)]
pub struct ChartQuery {
    #[serde(default)]
    scale: Option<u32>,
    #[serde(default)]
    log: Option<bool>,
    #[serde(default)]
    tokens: Option<bool>,
    /// A download: the SVG carries its font (about 1 MB more), so it reads the same
    /// anywhere. Pages that show the SVG leave it out.
    #[serde(default)]
    download: Option<bool>,
    /// Drawn for a phone's column (360 wide): its type stays legible there, where the
    /// 960-wide chart shrunk to the screen's width would not be.
    #[serde(default)]
    phone: Option<bool>,
}

#[tracing::instrument(skip_all, err(level = "info"))]
pub async fn chart(
    State(s): State<ServerState>,
    route: MatchedPath,
    Path((token, file)): Path<(String, String)>,
    Query(q): Query<ChartQuery>,
) -> Result<Response, AppError> {
    let (slug, ext) = file
        .rsplit_once('.')
        .ok_or_else(|| AppError::NotFound("chart".into()))?;
    let kind =
        ChartKind::from_slug(slug).ok_or_else(|| AppError::NotFound(format!("chart '{slug}'")))?;
    let (v, e, name, _) = saved(&s, &route, &token).await?;
    let mut o = ChartOptions {
        kind,
        log_x: q.log.unwrap_or(false),
        ..ChartOptions::default()
    };
    if q.tokens == Some(true) {
        o.axis = app::dto::VolumeAxis::OutputTokens;
    }
    if q.phone == Some(true) {
        (o.width, o.height) = (360, 440);
    }
    let disposition = |ext: &str| {
        format!(
            "inline; filename=\"{}\"",
            file_name(&format!("{name}-{slug}"), ext)
        )
    };
    match ext {
        "svg" => {
            let heavy = app::compute::is_heavy(v.get(), 256);
            let out = app::compute::for_document(heavy, move || draw::svg(&v, &e, &o))
                .await?
                .map_err(|m| AppError::internal(anyhow::anyhow!(m)))?;
            let body = if q.download == Some(true) {
                app::charts::embed::with_font(&out.svg)
            } else {
                out.svg
            };
            Ok((
                [
                    (header::CONTENT_TYPE, "image/svg+xml".to_string()),
                    (header::CONTENT_DISPOSITION, disposition("svg")),
                ],
                body,
            )
                .into_response())
        }
        "png" => {
            let o = ChartOptions {
                width: 1920,
                height: 1080,
                ..o
            };
            let scale = q.scale.unwrap_or(1);
            if !(1..=2).contains(&scale) {
                return Err(AppError::Invalid(vec![engine::FieldError {
                    path: "scale".into(),
                    message: "must be 1 or 2".into(),
                }]));
            }
            let png = app::compute::run(move || draw::png(&v, &e, &o, scale))
                .await?
                .map_err(|m| AppError::internal(anyhow::anyhow!(m)))?;
            Ok((
                [
                    (header::CONTENT_TYPE, "image/png".to_string()),
                    (header::CONTENT_DISPOSITION, disposition("png")),
                ],
                png,
            )
                .into_response())
        }
        _ => Err(AppError::NotFound(format!("chart format '{ext}'"))),
    }
}

#[tracing::instrument(skip_all, err(level = "info"))]
pub async fn csv(
    State(s): State<ServerState>,
    route: MatchedPath,
    Path(token): Path<String>,
) -> Result<Response, AppError> {
    let (v, e, name, revision) = saved(&s, &route, &token).await?;
    // Writing the CSV of an evaluation is linear in its size: no pool hop.
    let body = export::csv(&name, &revision.text(), v.get(), &e);
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!(
                    "attachment; filename=\"{}\"",
                    revision_file(&name, revision.revision, "csv")
                ),
            ),
        ],
        body,
    )
        .into_response())
}

/// GET /v/{token}/export.xlsx: the workbook with live formulas (see [`crate::workbook`]).
#[tracing::instrument(skip_all, err(level = "info"))]
pub async fn xlsx(
    State(s): State<ServerState>,
    route: MatchedPath,
    Path(token): Path<String>,
) -> Result<Response, AppError> {
    let (v, e, name, revision) = saved(&s, &route, &token).await?;
    let file = revision_file(&name, revision.revision, "xlsx");
    let body = app::compute::run(move || {
        let o = ChartOptions {
            width: 1200,
            height: 675,
            ..ChartOptions::default()
        };
        // The chart is a picture beside the numbers: the workbook is still useful without it.
        let png = draw::png(&v, &e, &o, 1)
            .map_err(|m| tracing::warn!("workbook chart: {m}"))
            .ok();
        crate::workbook::build(
            &v,
            &e,
            &name,
            &revision.text(),
            png.as_deref(),
            &app::format::today(),
        )
    })
    .await?
    .map_err(|err| AppError::internal(anyhow::anyhow!("workbook: {err}")))?;
    Ok((
        [
            (
                header::CONTENT_TYPE,
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet".to_string(),
            ),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{file}\""),
            ),
        ],
        body,
    )
        .into_response())
}

#[derive(Deserialize, Default)]
pub struct PdfQuery {
    /// `a4` (the default) or `letter`.
    #[serde(default)]
    paper: Option<String>,
}

impl PdfQuery {
    /// The paper asked for: "A4" and "Letter" as people write them are the same papers.
    pub(crate) fn paper(&self) -> Result<crate::onepager::Paper, AppError> {
        match self
            .paper
            .as_deref()
            .map(|p| p.trim().to_ascii_lowercase())
            .as_deref()
        {
            None | Some("a4") => Ok(crate::onepager::Paper::A4),
            Some("letter") => Ok(crate::onepager::Paper::Letter),
            Some(_) => Err(AppError::Invalid(vec![engine::FieldError {
                path: "paper".into(),
                message: "must be a4 or letter".into(),
            }])),
        }
    }
}

/// GET /v/{token}/summary.pdf: the one-pager (see [`crate::onepager`]).
#[tracing::instrument(skip_all, err(level = "info"))]
pub async fn pdf(
    State(s): State<ServerState>,
    route: MatchedPath,
    Path(token): Path<String>,
    Query(q): Query<PdfQuery>,
) -> Result<Response, AppError> {
    let paper = q.paper()?;
    let (v, e, name, revision) = saved(&s, &route, &token).await?;
    let file = revision_file(&name, revision.revision, "pdf");
    let body = app::compute::run(move || {
        let svg = draw::svg(&v, &e, &crate::onepager::chart_options())?.svg;
        let today = app::format::today();
        let meta = format!(
            "Breakeven · {} · {} calls a month, {} output tokens a month · generated {today}",
            revision.text(),
            engine::fmt_num(e.volume.calls_per_month),
            engine::fmt_num(e.volume.output_tokens_per_month),
        );
        crate::onepager::build(&v, &e, &name, &meta, &svg, paper, &today)
    })
    .await?
    .map_err(|err| AppError::internal(anyhow::anyhow!("one-pager: {err}")))?;
    Ok(pdf_answer(&file, body))
}

/// A PDF download's answer: shown inline, saved under `file`.
pub(crate) fn pdf_answer(file: &str, body: Vec<u8>) -> Response {
    (
        [
            (header::CONTENT_TYPE, "application/pdf".to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!("inline; filename=\"{file}\""),
            ),
        ],
        body,
    )
        .into_response()
}

#[derive(Deserialize)]
pub struct RenderBody {
    document: serde_json::Value,
    #[serde(default)]
    chart: Option<ChartOptions>,
}

/// POST /api/render: evaluate a document and draw one chart (SVG); what an edit costs.
#[tracing::instrument(skip_all, err(level = "info"))]
pub async fn render(b: Result<Json<RenderBody>, JsonRejection>) -> Result<Response, AppError> {
    let b = crate::extract::body(b)?;
    let doc = crate::extract::document(b.document)?;
    let o = b.chart.unwrap_or_default();
    let heavy = app::compute::is_heavy(&doc, 256);
    let out = app::compute::for_document(heavy, move || {
        let v = engine::validate(doc)?;
        let e = engine::evaluate(
            &v,
            engine::Options {
                curve_points: 256,
                curve_max_calls: o.max_calls,
            },
        );
        draw::svg(&v, &e, &o).map_err(|m| AppError::internal(anyhow::anyhow!(m)))
    })
    .await??;
    Ok(([(header::CONTENT_TYPE, "image/svg+xml")], out.svg).into_response())
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_long_name_is_shortened_and_keeps_its_revision() {
        let long = "x".repeat(80);
        let f = super::revision_file(&long, 12, "pdf");
        assert!(f.ends_with("-rev12.pdf"), "{f}");
        assert_eq!(f.len(), 60 + "-rev12.pdf".len());
        assert_eq!(
            super::revision_file("Q3 plan", 3, "csv"),
            "q3-plan-rev3.csv"
        );
    }

    #[test]
    fn file_names_never_become_paths() {
        assert_eq!(
            super::file_name("../../etc/passwd", "csv"),
            "etc-passwd.csv"
        );
        assert_eq!(
            super::file_name("Haiku vs RTX 4090", "png"),
            "haiku-vs-rtx-4090.png"
        );
        assert_eq!(super::file_name("///", "svg"), "breakeven.svg");
    }
}
