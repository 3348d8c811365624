//! The PDF one-pager finance signs (`/v/{token}/summary.pdf`): the recommendation in one
//! sentence, three headline numbers (monthly saving, NPV at the hurdle rate, payback),
//! the break-even chart as vectors, the five inputs that move the saving most with their
//! ranges, and every assumption with its source and date.
//!
//! Written with krilla (the PDF writer typst uses: maintained, fonts embedded and subset,
//! standard-conforming output); krilla-svg draws the same SVG chart the pages show, so the
//! PDF's chart is vector and reads the same as the page's. A4 or US Letter.

pub mod deck;
mod notes;
mod text;

use engine::{Evaluation, ValidScenario};
use krilla::color::rgb;
use krilla::geom::{PathBuilder, Point, Rect, Size, Transform};
use krilla::num::NormalizedF32;
use krilla::page::PageSettings;
use krilla::paint::Fill;
use krilla::surface::Surface;
use krilla::text::TextDirection;
use krilla::Document;
use krilla_svg::{SurfaceExt, SvgSettings};
use notes::{list, notes, Note};
use std::sync::Arc;
use text::Metrics;

/// Paper sizes, in points.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Paper {
    A4,
    Letter,
}

impl Paper {
    fn size(self) -> (f32, f32) {
        match self {
            Paper::A4 => (595.0, 842.0),
            Paper::Letter => (612.0, 792.0),
        }
    }
}

const MARGIN: f32 = 42.0;
/// The chart's height over its width on the page, on either paper.
const CHART_RATIO: f32 = 0.5;
/// The smallest the chart is drawn to keep the page to one page (of its full width).
const MIN_CHART_SCALE: f32 = 0.6;

/// The chart as the one-pager draws it: drawn at the shape it is shown at (2:1), so its
/// text is not stretched to fit.
pub fn chart_options() -> app::dto::ChartOptions {
    let o = app::dto::ChartOptions::default();
    app::dto::ChartOptions {
        height: (o.width as f32 * CHART_RATIO).round() as u32,
        ..o
    }
}

/// A paragraph to write: text, size, colour, indent.
type Line = (String, f32, (u8, u8, u8), f32);

/// Line height, in font sizes.
const LEADING: f32 = 1.25;
/// The height of a headline number's panel.
const PANEL_H: f32 = 40.0;
const INK: (u8, u8, u8) = (0x1D, 0x23, 0x2B);
const GREY: (u8, u8, u8) = (0x55, 0x5E, 0x6A);
const PANEL: (u8, u8, u8) = (0xF1, 0xF3, 0xF6);
/// A warning's ink (the pages' warning colour).
const WARN: (u8, u8, u8) = (0x8A, 0x4B, 0x00);

pub use engine::report::decision::{code_of, money, money_in, summarise, Summary};

/// A pen on a page: the surface, the font and where the next line goes.
struct Pen<'a, 'b> {
    surface: &'a mut Surface<'b>,
    font: krilla::text::Font,
    metrics: &'a Metrics,
    y: f32,
    width: f32,
}

impl<'a, 'b> Pen<'a, 'b> {
    /// A pen at the top margin of a page `pw` points wide.
    fn new(
        surface: &'a mut Surface<'b>,
        font: &krilla::text::Font,
        metrics: &'a Metrics,
        pw: f32,
    ) -> Self {
        Pen {
            surface,
            font: font.clone(),
            metrics,
            y: MARGIN,
            width: pw - 2.0 * MARGIN,
        }
    }

    /// A chart SVG as vectors, `w` by `h`, centred in the text width at the pen's line
    /// (the pen does not move).
    fn chart(&mut self, svg: &str, w: f32, h: f32) -> Result<(), String> {
        if let Some(tree) = chart_tree(svg) {
            let size = Size::from_wh(w, h).ok_or("chart size")?;
            let x = MARGIN + (self.width - w) / 2.0;
            self.surface
                .push_transform(&Transform::from_translate(x, self.y));
            self.surface.draw_svg(&tree, size, SvgSettings::default());
            self.surface.pop();
        }
        Ok(())
    }
    fn colour(&mut self, (r, g, b): (u8, u8, u8)) {
        self.surface.set_fill(Some(Fill {
            paint: rgb::Color::new(r, g, b).into(),
            opacity: NormalizedF32::ONE,
            rule: Default::default(),
        }));
    }

    fn text_at(&mut self, x: f32, y: f32, size: f32, text: &str) {
        let font = self.font.clone();
        self.surface.draw_text(
            Point::from_xy(x, y),
            font,
            size,
            text,
            false,
            TextDirection::Auto,
        );
    }

    /// Wrapped lines at the left margin (indented by `indent`), advancing the pen.
    fn para(&mut self, text: &str, size: f32, colour: (u8, u8, u8), indent: f32) {
        self.colour(colour);
        for line in self.metrics.wrap(text, size, self.width - indent) {
            self.y += size * LEADING;
            self.text_at(MARGIN + indent, self.y, size, &line);
        }
    }

    fn rect(&mut self, x: f32, y: f32, w: f32, h: f32, colour: (u8, u8, u8)) {
        let mut pb = PathBuilder::new();
        if let Some(r) = Rect::from_xywh(x, y, w, h) {
            pb.push_rect(r);
        }
        if let Some(path) = pb.finish() {
            self.colour(colour);
            self.surface.draw_path(&path);
        }
    }
}

/// The chart SVG parsed with the chart's own font (no system fonts are read).
fn chart_tree(svg: &str) -> Option<usvg::Tree> {
    let mut db = usvg::fontdb::Database::new();
    db.load_font_data(app::charts::embed::font_ttf().to_vec());
    db.set_sans_serif_family("DejaVu Sans");
    let opt = usvg::Options {
        font_family: "DejaVu Sans".into(),
        fontdb: Arc::new(db),
        ..usvg::Options::default()
    };
    usvg::Tree::from_str(svg, &opt).ok()
}

/// The one-pager as PDF bytes. `chart_svg` is the break-even chart (drawn with
/// [`chart_options`]); `meta` the line under
/// the title (revision, date, volume); `today` (YYYY-MM-DD) dates the exchange rate's age.
pub fn build(
    v: &ValidScenario,
    e: &Evaluation,
    name: &str,
    meta: &str,
    chart_svg: &str,
    paper: Paper,
    today: &str,
) -> Result<Vec<u8>, String> {
    let s = v.get();
    let summary = summarise(s, e);
    let font = text::font().ok_or("the font did not load")?;
    let metrics = Metrics::new().ok_or("the font did not parse")?;
    let (pw, ph) = paper.size();
    let mut doc = Document::new();
    doc.set_metadata(
        krilla::metadata::Metadata::new()
            .title(name.to_string())
            .creator("Breakeven".into())
            .language("en".into()),
    );
    let settings = PageSettings::from_wh(pw, ph).ok_or("page size")?;
    let mut page = doc.start_page_with(settings.clone());
    let mut surface = page.surface();
    let mut pen = Pen::new(&mut surface, &font, &metrics, pw);
    pen.para(name, 17.0, INK, 0.0);
    pen.para(meta, 7.5, GREY, 0.0);
    pen.y += 4.0;
    pen.para(&summary.recommendation, 11.0, INK, 0.0);
    // The figure's caveats are in the notes, under "Caveats": one line here says so.
    if !summary.caveats.is_empty() {
        pen.para(
            &format!(
                "This figure carries {}: see \u{201c}Caveats\u{201d} in the notes below.",
                engine::report::caveats_count(summary.caveats.len())
            ),
            9.0,
            WARN,
            0.0,
        );
    }

    // Three headline numbers in panels.
    pen.y += 8.0;
    let gap = 10.0;
    let w = (pen.width - 2.0 * gap) / 3.0;
    let top = pen.y;
    for (i, (label, value)) in summary.headline.iter().enumerate() {
        let x = MARGIN + i as f32 * (w + gap);
        pen.rect(x, top, w, PANEL_H, PANEL);
        pen.colour(GREY);
        // Labels and values shrink to fit their panel rather than run over or be cut.
        let small = ((w - 12.0) / metrics.width(label, 1.0).max(1.0)).min(7.5);
        pen.text_at(x + 6.0, top + 13.0, small, label);
        pen.colour(INK);
        let fit = (w - 12.0) / metrics.width(value, 1.0).max(1.0);
        pen.text_at(x + 6.0, top + 33.0, fit.min(16.0), value);
    }
    pen.y = top + PANEL_H + 6.0;
    for note in engine::report::age_notes(e, today).iter() {
        pen.para(note, 8.0, WARN, 0.0);
        pen.y += 4.0;
    }

    // What follows the chart: the inputs that move the saving most, then the notes.
    let (base, bars) = engine::curves::tornado(v, 5);
    let money = |x: f64| money_in(x, code_of(e));
    // With no pair to compare as entered there is no saving to state (it read "$0").
    let head = match engine::report::decision::decided_pair(e) {
        Some((_, k)) => {
            // Whose saving: the cheapest configuration by the month against the baseline
            // tier. Named where the advice above weighs another (by its NPV).
            // Always named where the advice measures against the API as used: this
            // saving is against one tier for every task type.
            let plan = e.projection.plan.is_some();
            let of = engine::curves::decision_names(v)
                .filter(|(_, config)| plan || *config != e.selfhosted[k].name)
                .map(|(tier, config)| {
                    let every = if plan { "every task type on " } else { "" };
                    format!(" of {config} over {every}{tier}")
                })
                .unwrap_or_default();
            format!("What moves the answer most: the monthly saving{of} ({} as entered) at each end of an input's range", money(base))
        }
        None => "What moves the answer most: as entered, no self-hosted option is compared, so there is no monthly saving; at each end of an input's range, the saving where one is".into(),
    };
    let mut moves: Vec<Line> = vec![(head, 9.0, INK, 0.0)];
    if bars.is_empty() {
        moves.push((
            "No input moves the saving within its range.".into(),
            8.0,
            GREY,
            8.0,
        ));
    }
    // An end that leaves the saving as entered says so (the chart writes "no change"
    // there too): a range "€1,883 .. €3,263" would otherwise read as a move.
    let mut unchanged = false;
    for b in &bars {
        let mut end = |x: f64, gone: Option<engine::curves::NoSaving>| {
            let m = money(x);
            if let Some(g) = gone {
                g.text().to_string()
            } else if m == money(base) {
                unchanged = true;
                format!("{m} (no change)")
            } else {
                m
            }
        };
        let line = format!(
            "{}: {} .. {}",
            b.label,
            end(b.saving_at_low, b.no_saving[0]),
            end(b.saving_at_high, b.no_saving[1])
        );
        moves.push((line, 8.0, INK, 8.0));
    }
    if unchanged {
        moves.push((
            "No change: at that end the saving stays as entered, e.g. a tier made dearer is no longer the cheapest, so the tier compared with becomes another of the same or a lower price.".into(),
            7.0,
            GREY,
            8.0,
        ));
    }
    let notes = notes(e);
    let bottom = ph - MARGIN;

    // The chart, as vectors, the full text width; drawn smaller (down to
    // [`MIN_CHART_SCALE`], centred) when that keeps every note on the one page.
    let tall = |text: &str, size: f32, indent: f32| {
        metrics.wrap(text, size, pen.width - indent).len() as f32 * size * LEADING
    };
    let below: f32 = moves
        .iter()
        .map(|(t, s, _, i)| tall(t, *s, *i))
        .sum::<f32>()
        + 4.0
        + notes
            .iter()
            .map(|n| {
                let (size, _, indent) = n.style();
                tall(n.text(), size, indent)
            })
            .sum::<f32>();
    let full_h = CHART_RATIO * pen.width;
    let over = pen.y + full_h + 4.0 + below - bottom;
    let scale = if over > 0.0 && full_h - over >= MIN_CHART_SCALE * full_h {
        // A point to spare for rounding in the wrap.
        (full_h - over - 1.0) / full_h
    } else {
        1.0
    };
    let (chart_w, chart_h) = (pen.width * scale, full_h * scale);
    pen.chart(chart_svg, chart_w, chart_h)?;
    pen.y += chart_h + 4.0;
    for (text, size, colour, indent) in &moves {
        pen.para(text, *size, *colour, *indent);
    }
    let mut rest = notes.iter().peekable();
    let mut owner = None;
    list(&mut pen, &mut rest, bottom, &mut owner);
    drop(pen);
    surface.finish();
    page.finish();
    // What did not fit goes on further pages, never dropped.
    while rest.peek().is_some() {
        let mut page = doc.start_page_with(settings.clone());
        let mut surface = page.surface();
        let mut pen = Pen::new(&mut surface, &font, &metrics, pw);
        // The notes go on: the caveats, the assumptions, or the start of either.
        pen.para(&format!("{name}: notes (continued)"), 9.0, INK, 0.0);
        // A page that starts inside an option's inputs names the option again.
        if let (Some(Note::Input(_)), Some(o)) = (rest.peek(), owner) {
            let (size, colour, indent) = Note::Owner(String::new()).style();
            pen.para(&format!("{o} (continued)"), size, colour, indent);
        }
        let before = rest.len();
        list(&mut pen, &mut rest, bottom, &mut owner);
        if rest.len() == before {
            // A single assumption taller than a page: written anyway, so the loop ends.
            if let Some(note) = rest.next() {
                let (size, colour, indent) = note.style();
                pen.para(note.text(), size, colour, indent);
            }
        }
        drop(pen);
        surface.finish();
        page.finish();
    }
    doc.finish().map_err(|e| format!("{e:?}"))
}
