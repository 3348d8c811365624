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
    // A caveat several options share (two configurations on one GPU, one run) is
    // written once, under all their names.
    let warned = shared_caveats(e);
    let caveats = (!warned.is_empty())
        .then(|| Note::Heading("Caveats".into()))
        .into_iter()
        .chain(warned.into_iter().flat_map(|(names, ws)| {
            std::iter::once(Note::Owner(names.join(", "))).chain(ws.into_iter().map(Note::Input))
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

/// The self-hosted options' caveats, each once: groups of (the options that have it,
/// their caveats), in the order the options come, an option's caveats in its order.
pub(super) fn shared_caveats(e: &Evaluation) -> Vec<(Vec<String>, Vec<String>)> {
    let mut groups: Vec<(Vec<String>, Vec<String>)> = Vec::new();
    for o in &e.selfhosted {
        for w in &o.warnings {
            let holders: Vec<String> = e
                .selfhosted
                .iter()
                .filter(|x| x.warnings.contains(w))
                .map(|x| x.name.clone())
                .collect();
            if groups.iter().any(|(_, ws)| ws.contains(w)) {
                continue;
            }
            match groups.iter_mut().find(|(names, _)| *names == holders) {
                Some((_, ws)) => ws.push(w.clone()),
                None => groups.push((holders, vec![w.clone()])),
            }
        }
    }
    groups
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

#[cfg(test)]
mod tests {
    #[test]
    fn a_caveat_two_options_share_is_written_once_under_both_names() {
        let mut s = engine::templates::sonnet_vs_2xa100();
        let mut second = s.gpu_configs[0].clone();
        second.name = "second".into();
        second.name_typed = true;
        s.gpu_configs.push(second);
        let v = engine::validate(s).expect("valid");
        let mut e = engine::evaluate(&v, engine::Options::default());
        e.selfhosted[0].warnings = vec!["shared".into(), "first only".into()];
        e.selfhosted[1].warnings = vec!["shared".into()];
        let first = e.selfhosted[0].name.clone();
        let g = super::shared_caveats(&e);
        assert_eq!(
            g,
            vec![
                (
                    vec![first.clone(), "second".into()],
                    vec!["shared".to_string()]
                ),
                (vec![first], vec!["first only".to_string()]),
            ]
        );
    }
}
