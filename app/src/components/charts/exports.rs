//! The links to a saved revision's exports under the chart: the chart of the tab shown
//! (PNG, SVG), the CSV, the workbook, the one-page PDF, and on a view link the printable
//! summary and the presentation.

use crate::dto::ChartOptions;
use leptos::prelude::*;

/// `base` is the revision's link ("/v/{token}" or "/f/{token}"); `opts` the chart shown.
pub(super) fn links(base: String, opts: RwSignal<ChartOptions>) -> impl IntoView {
    view! {
        <p class="exports" data-testid="exports">
            "Exports of the saved revision: "
            // The chart of the tab shown (break-even, cumulative, ...).
            <a
                href={
                    let base = base.clone();
                    move || { format!("{base}/chart/{}.png", opts.with(|o| o.kind.slug())) }
                }
                download
                data-testid="export-png"
            >
                "PNG 1920x1080"
            </a>
            " · "
            <a
                href={
                    let base = base.clone();
                    move || { format!("{base}/chart/{}.png?scale=2", opts.with(|o| o.kind.slug())) }
                }
                download
            >
                "PNG 2x"
            </a>
            " · "
            <a
                href={
                    let base = base.clone();
                    move || {
                        format!("{base}/chart/{}.svg?download=true", opts.with(|o| o.kind.slug()))
                    }
                }
                download
            >
                "SVG"
            </a>
            " · "
            <a href=format!("{base}/export.csv") download>
                "CSV"
            </a>
            " · "
            <a
                href=format!("{base}/export.xlsx")
                download
                data-testid="export-xlsx"
                title="Inputs, calculations and outputs on separate sheets, with live formulas"
            >
                "Spreadsheet (live formulas)"
            </a>
            " · "
            <a
                href=format!("{base}/summary.pdf")
                data-testid="export-pdf"
                title="The recommendation, three headline numbers, the chart, what moves the answer and every assumption (A4; add ?paper=letter for US Letter)"
            >
                "One-page PDF"
            </a>
            {(base.starts_with("/v/") || base.starts_with("/f/"))
                .then(|| {
                    view! {
                        " · "
                        <a href=format!("{base}/print")>"Printable summary"</a>
                        " · "
                        <a href=format!("{base}/present")>"Present"</a>
                        " · "
                        <a
                            href=format!("{base}/slides.pdf")
                            data-testid="export-slides"
                            title="The presentation's slides, one to a landscape page: the decision, then each chart (A4; add ?paper=letter for US Letter)"
                        >
                            "Slides (PDF)"
                        </a>
                    }
                })}
        </p>
    }
}
