//! The live round trip: each change of the document or of the chart options asks the
//! server for numbers and the chart again, at once; while one request is in flight the
//! newest change waits for it (older ones are dropped), and a late answer never
//! replaces a newer one. An answer's chart is shown first, and its numbers (laid out by
//! the server) in a task after the frame that shows the chart.

use crate::dto::{ChartOptions, DrawnChart, Shown};
use crate::error::AppError;
use crate::server_fns::evaluate_live;
use engine::Scenario;
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::time::Duration;

/// Wires a document to the server: each change (of the document or of the chart
/// options) asks for numbers and the chart again. `drawn` is the chart the server drew
/// with the page (default options): with it, nothing is asked until the first change.
/// Returns (chart, options, busy, error).
pub type LiveSignals = (
    RwSignal<Option<DrawnChart>>,
    RwSignal<ChartOptions>,
    RwSignal<bool>,
    RwSignal<Option<String>>,
);

/// The live round trip's state; every field is a handle, so it is `Copy`.
#[derive(Clone, Copy)]
struct Live {
    chart: RwSignal<Option<DrawnChart>>,
    shown: RwSignal<Shown>,
    /// The results panel as the server laid it out.
    html: RwSignal<String>,
    busy: RwSignal<bool>,
    error: RwSignal<Option<String>>,
    /// Bumped by every change; an answer for an older ticket is dropped.
    ticket: StoredValue<u64>,
    in_flight: StoredValue<bool>,
    /// The newest change made while a request was in flight: sent when it returns.
    pending: StoredValue<Option<(Scenario, ChartOptions, u64)>>,
    /// The newest answer's numbers (and its ticket), shown once its chart is painted.
    numbers: StoredValue<Option<(Shown, String, u64)>>,
}

impl Live {
    /// Sends at once (no timer): while a request is in flight, only the newest change
    /// waits, and goes out the moment the answer comes back.
    fn send(self, d: Scenario, o: ChartOptions, mine: u64) {
        self.in_flight.set_value(true);
        spawn_local(async move {
            let r = evaluate_live(d, o).await;
            // The page may be gone by now: its handles then read as None.
            self.in_flight.try_update_value(|f| *f = false);
            if self.ticket.try_get_value() == Some(mine) {
                match r {
                    Ok(live) => {
                        if self.error.with_untracked(Option::is_some) {
                            self.error.set(None);
                        }
                        // Coming back from refused fields: the chart must not show, even
                        // for one frame, under the notice that it is out of date.
                        if self
                            .shown
                            .with_untracked(|s| matches!(s, Shown::Invalid(_)))
                        {
                            self.shown.set(live.shown.clone());
                        }
                        self.numbers
                            .set_value(Some((live.shown, live.results_html, mine)));
                        // The chart first, alone in its frame: the numbers (a larger
                        // part of the page to lay out) are replaced in a task after that
                        // frame, so the chart is never held back by their work. A timer
                        // set now would often fire before the frame (measured: 8.4 ms of
                        // panel work ahead of the chart's frame). The panel says
                        // "updating" until its numbers are in.
                        if live.chart.is_some() {
                            self.chart.set(live.chart);
                            let later =
                                move || set_timeout(move || self.show_numbers(), Duration::ZERO);
                            // A hidden tab draws no frames: there, at once.
                            if document().hidden() {
                                later();
                            } else {
                                request_animation_frame(later);
                            }
                        } else {
                            self.show_numbers();
                        }
                    }
                    Err(AppError::Invalid(errs)) => {
                        self.busy.set(false);
                        self.numbers.set_value(None);
                        self.shown.set(Shown::Invalid(errs));
                    }
                    Err(e) => {
                        self.busy.set(false);
                        self.error.set(Some(e.to_string()));
                    }
                }
            }
            if let Some((d, o, t)) = self.pending.try_update_value(Option::take).flatten() {
                self.send(d, o, t);
            }
        });
    }

    /// Shows the newest answer's numbers, if not shown yet (a later invalid answer drops
    /// them).
    fn show_numbers(self) {
        if let Some((shown, html, mine)) = self.numbers.try_update_value(Option::take).flatten() {
            if !html.is_empty() {
                self.html.set(html);
            }
            self.shown.set(shown);
            // A newer edit, made since, is still on its way.
            if self.ticket.try_get_value() == Some(mine) {
                self.busy.set(false);
            }
        }
    }
}

/// Notified by a results panel that has no numbers for a valid document. A page the
/// server sent holds its panel, and one drawn in the browser (a link followed inside the
/// app) gets it with its data; a panel that is missing all the same (a chart that could
/// not be drawn) is asked for once.
#[derive(Clone, Copy)]
pub struct NumbersMissing(pub RwSignal<bool>);

pub fn use_live(
    doc: RwSignal<Scenario>,
    (shown, html): (RwSignal<Shown>, RwSignal<String>),
    on_edit: Callback<()>,
    drawn: Option<DrawnChart>,
) -> LiveSignals {
    let drawn_with_page = drawn.is_some();
    let live = Live {
        chart: RwSignal::new(drawn),
        shown,
        html,
        busy: RwSignal::new(false),
        error: RwSignal::new(None::<String>),
        ticket: StoredValue::new(0u64),
        in_flight: StoredValue::new(false),
        pending: StoredValue::new(None),
        numbers: StoredValue::new(None),
    };
    // Money on the page in the evaluation's currency; an invalid edit keeps the last.
    let code = Memo::new(move |prev: Option<&String>| {
        shown.with(|s| match s {
            Shown::Ok(g) => g.currency.clone(),
            Shown::Invalid(_) => prev.cloned().unwrap_or_else(|| "USD".into()),
        })
    });
    provide_context(crate::format::ShownCurrency(code.into()));
    let missing = NumbersMissing(RwSignal::new(false));
    provide_context(missing);
    let opts = RwSignal::new(ChartOptions::default());
    let last_doc = StoredValue::new(None::<Scenario>);
    Effect::new(move |_| {
        let d = doc.get();
        let o = opts.get();
        let first = last_doc.with_value(Option::is_none);
        let edited = last_doc.with_value(|l| l.as_ref().is_some_and(|l| *l != d));
        last_doc.set_value(Some(d.clone()));
        // Asked at once when the results panel finds itself empty (whenever it does).
        let missing = missing.0.get();
        if first && drawn_with_page && o == ChartOptions::default() && !missing {
            return;
        }
        if edited {
            on_edit.run(());
        }
        live.ticket.update_value(|t| *t += 1);
        let mine = live.ticket.get_value();
        live.busy.set(true);
        if live.in_flight.get_value() {
            live.pending.set_value(Some((d, o, mine)));
        } else {
            live.send(d, o, mine);
        }
    });
    (live.chart, opts, live.busy, live.error)
}
