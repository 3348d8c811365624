//! What follows the chart on the one-pager: how the two monthly costs are built and
//! every assumption, laid out until a page's foot and continued on further pages.

use super::{Pen, GREY, INK, LEADING};
use engine::Evaluation;

/// What follows the chart, over as many pages as it takes: the monthly cost of the two
/// options the recommendation weighs, rebuilt from their parts, then every assumption by option (its name once, then each
/// input under it).
pub(super) fn notes(e: &Evaluation) -> Vec<Note> {
    let lines = engine::report::decided_cost_lines(e);
    let heading = (!lines.is_empty())
        .then(|| Note::Heading("How the two monthly costs are built (at today's volume)".into()));
    let built = lines
        .into_iter()
        .map(|l| Note::Input(format!("{}: {}", l.option, l.text)));
    let assumed = engine::report::assumption_groups_with_sizing(e)
        .into_iter()
        .flat_map(|g| {
            std::iter::once(Note::Owner(g.heading().to_string())).chain(
                g.rows
                    .into_iter()
                    .map(|(w, v, s)| Note::Input(format!("{w}: {v} ({s})"))),
            )
        });
    // What the reader must know of an option's figure (a run that may not measure it, a
    // measurement above the hardware's bound), before the assumptions.
    let warned: Vec<_> = e
        .selfhosted
        .iter()
        .filter(|s| !s.warnings.is_empty())
        .collect();
    let caveats = (!warned.is_empty())
        .then(|| Note::Heading("Caveats".into()))
        .into_iter()
        .chain(warned.into_iter().flat_map(|s| {
            std::iter::once(Note::Owner(s.name.clone()))
                .chain(s.warnings.iter().map(|w| Note::Input(w.clone())))
        }));
    // An option the figures leave out because it cannot serve the workload.
    let left_out = engine::report::not_served(e);
    let not_compared = (!left_out.is_empty())
        .then(|| Note::Heading("Not compared".into()))
        .into_iter()
        .chain(left_out.into_iter().map(Note::Input));
    heading
        .into_iter()
        .chain(built)
        .chain(not_compared)
        .chain(caveats)
        .chain(std::iter::once(Note::Heading(
            "Assumptions (source and date)".into(),
        )))
        .chain(assumed)
        .collect()
}

/// A line after the chart: a section's heading, an option's name, or one of its inputs.
pub(super) enum Note {
    Heading(String),
    Owner(String),
    Input(String),
}

impl Note {
    pub(super) fn text(&self) -> &str {
        match self {
            Note::Heading(t) | Note::Owner(t) | Note::Input(t) => t,
        }
    }

    /// Size, colour and indent.
    pub(super) fn style(&self) -> (f32, (u8, u8, u8), f32) {
        match self {
            Note::Heading(_) => (9.0, INK, 0.0),
            Note::Owner(_) => (7.5, INK, 8.0),
            Note::Input(_) => (7.0, GREY, 16.0),
        }
    }
}

/// Writes assumptions until the page's bottom; the rest stay in `rest`. An option's name
/// goes to the next page rather than end one with none of its inputs under it. `owner`
/// is the last option's name written.
pub(super) fn list<'a>(
    pen: &mut Pen,
    rest: &mut std::iter::Peekable<impl ExactSizeIterator<Item = &'a Note>>,
    bottom: f32,
    owner: &mut Option<&'a str>,
) {
    while let Some(note) = rest.peek() {
        let (size, colour, indent) = note.style();
        let lines = pen
            .metrics
            .wrap(note.text(), size, pen.width - indent)
            .len() as f32;
        // A heading or an option's name is not left at a page's foot with nothing under it.
        let after = if matches!(note, Note::Input(_)) {
            0.0
        } else {
            7.0 * LEADING
        };
        if pen.y + lines * size * LEADING + after > bottom {
            break;
        }
        pen.para(note.text(), size, colour, indent);
        match note {
            Note::Owner(o) => *owner = Some(o),
            Note::Heading(_) => *owner = None,
            Note::Input(_) => {}
        }
        rest.next();
    }
}
