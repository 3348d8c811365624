//! The presentation as a PDF to send or print (`/v/{token}/slides.pdf`): the slides the
//! presentation page shows, one to a landscape page. First the decision (the advice, its
//! three numbers, what would flip the cheaper option at today's volume), then each chart
//! as vectors, from the SVG the pages draw. Every page carries its revision and its date.

use super::{text, Paper, Pen, GREY, INK, MARGIN, PANEL, PANEL_H, WARN};
use engine::report::decision::{code_of, money_in, DecisionSlide};
use krilla::page::PageSettings;
use krilla::Document;
use text::Metrics;

/// A chart's height over its width on a slide: the landscape page's text area, less the
/// footer.
pub const SLIDE_RATIO: f32 = 0.62;

/// The chart as a slide draws it (its text not stretched to fit the page): as wide as the
/// text area and as tall as the page allows.
pub fn chart_options(kind: app::dto::ChartKind) -> app::dto::ChartOptions {
    let o = app::dto::ChartOptions::default();
    app::dto::ChartOptions {
        kind,
        height: (o.width as f32 * SLIDE_RATIO).round() as u32,
        ..o
    }
}

/// What would flip the cheaper option, as the presentation page writes it.
fn flips_text(d: &DecisionSlide, money: &dyn Fn(f64) -> String) -> Vec<String> {
    let end = |x: Option<f64>| x.map_or("none (no configuration compares there)".into(), money);
    if d.flips.is_empty() {
        return vec![format!(
            "None of the {} ranged inputs, moved alone across its range, reverses the monthly saving: it keeps its sign at today's volume.",
            d.tried
        )];
    }
    d.flips
        .iter()
        .map(|f| {
            format!(
                "{}: at {} (entered {}; range {}) the cheaper option changes. Monthly saving {} at the low end, {} at the high end.",
                f.label,
                f.flips_at_text,
                f.value_text,
                f.range_text,
                end(f.saving_at_low),
                end(f.saving_at_high)
            )
        })
        .collect()
}

/// The slides as PDF bytes: `d` the decision slide, `charts` each chart's SVG (drawn with
/// [`chart_options`], its title in it), `footer` the line at the foot of every page.
pub fn build(
    e: &engine::Evaluation,
    name: &str,
    d: &DecisionSlide,
    charts: &[String],
    footer: &str,
    paper: Paper,
    today: &str,
) -> Result<Vec<u8>, String> {
    let font = text::font().ok_or("the font did not load")?;
    let metrics = Metrics::new().ok_or("the font did not parse")?;
    // Landscape: the paper turned.
    let (ph, pw) = paper.size();
    let settings = PageSettings::from_wh(pw, ph).ok_or("page size")?;
    let mut doc = Document::new();
    doc.set_metadata(
        krilla::metadata::Metadata::new()
            .title(format!("{name}: slides"))
            .creator("Breakeven".into())
            .language("en".into()),
    );
    let money = |x: f64| money_in(x, code_of(e));
    let pages = 1 + charts.len();
    let mut page = doc.start_page_with(settings.clone());
    let mut surface = page.surface();
    let mut pen = Pen::new(&mut surface, &font, &metrics, pw);
    pen.para(name, 22.0, INK, 0.0);
    pen.para("Decision", 12.0, GREY, 0.0);
    pen.y += 6.0;
    pen.para(&d.summary.recommendation, 14.0, INK, 0.0);
    for c in &d.summary.caveats {
        pen.para(c, 9.0, WARN, 0.0);
    }
    // One line on the slide, whatever their number: the one-pager says each one's why.
    let left_out = engine::report::not_served(e);
    match left_out.as_slice() {
        [] => {}
        [one] => pen.para(&format!("Not compared: {one}"), 9.0, GREY, 0.0),
        several => {
            let names: Vec<&str> = e
                .selfhosted
                .iter()
                .filter(|s| s.unusable.is_some())
                .map(|s| s.name.as_str())
                .collect();
            let line = format!(
                "Not compared ({} configurations cannot serve this workload; the one-page PDF says why): {}",
                several.len(),
                names.join(", ")
            );
            let shown = match line.char_indices().nth(400) {
                Some((at, _)) => format!("{}\u{2026}", &line[..at]),
                None => line,
            };
            pen.para(&shown, 9.0, GREY, 0.0);
        }
    }
    pen.y += 10.0;
    let gap = 12.0;
    let w = (pen.width - 2.0 * gap) / 3.0;
    let top = pen.y;
    for (i, (label, value)) in d.summary.headline.iter().enumerate() {
        let x = MARGIN + i as f32 * (w + gap);
        pen.rect(x, top, w, PANEL_H * 1.4, PANEL);
        pen.colour(GREY);
        let small = ((w - 14.0) / metrics.width(label, 1.0).max(1.0)).min(9.0);
        pen.text_at(x + 7.0, top + 16.0, small, label);
        pen.colour(INK);
        let fit = (w - 14.0) / metrics.width(value, 1.0).max(1.0);
        pen.text_at(x + 7.0, top + 44.0, fit.min(22.0), value);
    }
    pen.y = top + PANEL_H * 1.4 + 8.0;
    // Prices and rates past their age say so here, as on every page.
    for note in engine::report::age_notes(e, today).iter() {
        pen.para(note, 9.0, WARN, 0.0);
    }
    pen.y += 6.0;
    pen.para(
        "What would flip the cheaper option at today's volume",
        12.0,
        INK,
        0.0,
    );
    if let Some(t) = &d.without_targets {
        pen.para(t, 10.0, INK, 8.0);
    }
    for line in flips_text(d, &money) {
        pen.para(&format!("• {line}"), 10.0, INK, 8.0);
    }
    pen.y += 8.0;
    pen.para("Every assumption, with its source and date, and each monthly cost rebuilt from its parts: the one-page PDF (summary.pdf) and the printable summary of this revision.", 9.0, GREY, 0.0);
    foot(&mut pen, ph, footer, 1, pages);
    drop(pen);
    surface.finish();
    page.finish();
    for (i, svg) in charts.iter().enumerate() {
        let mut page = doc.start_page_with(settings.clone());
        let mut surface = page.surface();
        let mut pen = Pen::new(&mut surface, &font, &metrics, pw);
        // The chart carries its own title.
        // As wide as the text area, or as tall as the room above the footer allows.
        let room = ph - MARGIN - 18.0 - pen.y;
        let chart_w = pen.width.min(room / SLIDE_RATIO);
        let chart_h = chart_w * SLIDE_RATIO;
        pen.chart(svg, chart_w, chart_h)?;
        foot(&mut pen, ph, footer, i + 2, pages);
        drop(pen);
        surface.finish();
        page.finish();
    }
    doc.finish().map_err(|e| format!("{e:?}"))
}

/// The footer: what the slides are (revision, date) and the page's number.
fn foot(pen: &mut Pen, ph: f32, footer: &str, n: usize, of: usize) {
    pen.colour(GREY);
    let text = format!("{footer} · {n} of {of}");
    pen.text_at(MARGIN, ph - MARGIN + 10.0, 7.5, &text);
}
