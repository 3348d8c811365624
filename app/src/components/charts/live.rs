//! The live round trip: each change of the document or of the chart options asks the
//! server for numbers and the chart again; a late answer never replaces a newer one.

use crate::dto::{ChartOptions, DrawnChart, Evaluated};
use crate::error::AppError;
use crate::server_fns::evaluate_live;
use engine::Scenario;
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::time::Duration;

/// Wires a document to the server: each change (of the document or of the chart
/// options) asks for numbers and the chart again. Returns (chart, options, busy, error).
pub type LiveSignals = (
    RwSignal<Option<DrawnChart>>,
    RwSignal<ChartOptions>,
    RwSignal<bool>,
    RwSignal<Option<String>>,
);

pub fn use_live(
    doc: RwSignal<Scenario>,
    evaluated: RwSignal<Evaluated>,
    on_edit: Callback<()>,
) -> LiveSignals {
    let chart = RwSignal::new(None::<DrawnChart>);
    let opts = RwSignal::new(ChartOptions::default());
    let busy = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let ticket = StoredValue::new(0u64);
    let last_doc = StoredValue::new(None::<Scenario>);
    Effect::new(move |_| {
        let d = doc.get();
        let o = opts.get();
        let edited = last_doc.with_value(|l| l.as_ref().is_some_and(|l| *l != d));
        last_doc.set_value(Some(d.clone()));
        if edited {
            on_edit.run(());
        }
        ticket.update_value(|t| *t += 1);
        let mine = ticket.get_value();
        busy.set(true);
        set_timeout(
            move || {
                if ticket.get_value() != mine {
                    return; // a newer edit is already waiting
                }
                spawn_local(async move {
                    let r = evaluate_live(d, o).await;
                    if ticket.get_value() != mine {
                        return; // late answer: a newer request is in flight
                    }
                    busy.set(false);
                    match r {
                        Ok(live) => {
                            error.set(None);
                            evaluated.set(live.evaluated);
                            if live.chart.is_some() {
                                chart.set(live.chart);
                            }
                        }
                        Err(AppError::Invalid(errs)) => evaluated.set(Evaluated::Invalid(errs)),
                        Err(e) => error.set(Some(e.to_string())),
                    }
                });
            },
            Duration::from_millis(16),
        );
    });
    (chart, opts, busy, error)
}
