//! Scenarios between server and browser: created, loaded, listed, evaluated.

use super::DrawnChart;
use engine::{Evaluation, FieldError, Scenario};
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ScenarioSummary {
    pub id: String,
    pub view_token: String,
    /// Members of the scenario's workspace may edit every scenario in it.
    pub edit_key: String,
    pub name: String,
    pub revision: i64,
    pub updated_at: String,
}

/// Returned once, when a scenario is created: the only time the edit key is shown.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Created {
    pub id: String,
    pub edit_key: String,
    pub view_token: String,
    pub revision: i64,
}

impl Created {
    pub fn edit_path(&self) -> String {
        format!("/s/{}?key={}", self.id, self.edit_key)
    }
}

/// The answer to an evaluation: numbers, or the fields that stop them.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Evaluated {
    Ok(Box<Evaluation>),
    Invalid(Vec<FieldError>),
}

/// A scenario as its editor or viewer loads it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Loaded {
    pub id: String,
    pub name: String,
    /// The revision shown (a frozen view link shows an older one).
    pub revision: i64,
    /// The scenario's newest revision.
    #[serde(default)]
    pub latest_revision: i64,
    pub view_token: String,
    pub updated_at: String,
    pub document: Scenario,
    /// The whole evaluation (the JSON API). It never reaches the browser: the editor and
    /// the view page get [`Loaded::shown`], the presentation and the printout
    /// [`Loaded::report`].
    #[cfg(feature = "ssr")]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub evaluated: Option<Evaluated>,
    /// What the presentation and the printout show (those pages only; none when the
    /// document is invalid).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub report: Option<super::Report>,
    /// What the editor and the view page hold of the evaluation (pages only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shown: Option<Shown>,
    /// The results panel as the server drew it (pages only). Never serialized: the page's
    /// HTML carries it, and hydration leaves it as it is. A page drawn in the browser (a
    /// link followed inside the app) gets it as [`Loaded::panel_html`].
    #[serde(skip)]
    pub results_html: String,
    /// The same panel in a server function's answer: a page drawn in the browser gets it
    /// with its data, so it does not ask the engine again. Empty in a page's own data.
    /// Read both through [`Loaded::panel`].
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub panel_html: String,
    /// The break-even chart as the page first shows it (pages only; the JSON API has
    /// none).
    #[serde(default)]
    pub chart: Option<DrawnChart>,
}

/// Searches (scenario and benchmark lists) read at most this many characters.
pub const MAX_SEARCH_CHARS: usize = 200;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RevisionSummary {
    pub revision: i64,
    pub name: String,
    pub author: String,
    pub saved_at: String,
    pub restored_from: Option<i64>,
    /// What changed from the revision before, in the editor's words (at most a few).
    #[serde(default)]
    pub changes: Vec<String>,
    /// How many inputs changed in all.
    #[serde(default)]
    pub changed: usize,
    /// The revision's headline: the cheapest option and its monthly cost.
    #[serde(default)]
    pub headline: Option<String>,
}

/// What the editor gets back for each edit: what the page holds of the numbers, the
/// results panel drawn as HTML, and the current chart.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Live {
    pub shown: Shown,
    /// The results panel (`components::results`), drawn by the server; empty when the
    /// document is invalid.
    pub results_html: String,
    pub chart: Option<DrawnChart>,
}

/// What the editor and the view page hold of an evaluation. The server draws the
/// results panel itself (as HTML, like the chart), so the browser neither decodes the
/// whole evaluation nor carries the code that lays it out: it keeps the field messages,
/// the headline and the currency.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Shown {
    Ok(Glance),
    Invalid(Vec<FieldError>),
}

/// The few figures the page's own parts read of a valid evaluation.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Glance {
    /// The cheapest option and its monthly cost, for the sticky head ("Cheapest: X at
    /// $Y/month"); none when no option meets the quality floor.
    pub cheapest: Option<(String, f64)>,
    /// How many caveats the cheapest option's figure carries (its row's notes).
    #[serde(default)]
    pub caveats: usize,
    /// The evaluation's currency code ("USD" when it has none).
    pub currency: String,
}

impl Loaded {
    /// The results panel as the server drew it, wherever it came: the page's own HTML
    /// (rendered on the server) or a server function's answer (drawn in the browser).
    pub fn panel(&self) -> String {
        match self.results_html.is_empty() {
            true => self.panel_html.clone(),
            false => self.results_html.clone(),
        }
    }

    /// Keeps of the whole evaluation only what the presentation and the printout show.
    #[cfg(feature = "ssr")]
    pub fn into_report(mut self) -> Loaded {
        self.report = match self.evaluated.take() {
            Some(Evaluated::Ok(e)) => Some(super::Report::of(&e, &crate::format::today())),
            _ => None,
        };
        self
    }

    /// Sends the panel with the data when the data goes out as a server function's
    /// answer (a page drawn in the browser); a page the server renders keeps it in its
    /// HTML only.
    #[cfg(feature = "ssr")]
    pub fn with_panel_sent(mut self, over_http: bool) -> Loaded {
        if over_http {
            self.panel_html = std::mem::take(&mut self.results_html);
        }
        self
    }
}

impl Shown {
    pub fn of(e: &Evaluated) -> Shown {
        match e {
            Evaluated::Ok(e) => Shown::Ok(Glance {
                cheapest: e
                    .cheapest
                    .as_ref()
                    .map(|c| (c.name.clone(), c.monthly_cost)),
                caveats: e.cheapest.as_ref().map_or(0, |c| e.caveats(c.option).len()),
                currency: crate::format::ShownCurrency::code_of(e),
            }),
            Evaluated::Invalid(errs) => Shown::Invalid(errs.clone()),
        }
    }

    /// What a page's load holds (a load without it, from a JSON API path, has the whole
    /// evaluation).
    pub fn loaded(l: &Loaded) -> Shown {
        #[cfg(feature = "ssr")]
        let whole = l.evaluated.as_ref().map(Shown::of);
        #[cfg(not(feature = "ssr"))]
        let whole = None;
        l.shown
            .clone()
            .or(whole)
            .unwrap_or(Shown::Invalid(Vec::new()))
    }

    /// The message for the field at `path`, if it is refused.
    pub fn field(&self, path: &str) -> Option<String> {
        match self {
            Shown::Invalid(errs) => errs
                .iter()
                .find(|e| e.path == path)
                .map(|e| e.message.clone()),
            Shown::Ok(_) => None,
        }
    }
}

impl Evaluated {
    /// What the engine says of a document, the way every page and the API ask it.
    pub fn of(doc: &Scenario, curve_points: usize) -> Evaluated {
        match engine::validate(doc.clone()) {
            Ok(v) => Evaluated::Ok(Box::new(engine::evaluate(
                &v,
                engine::Options {
                    curve_points,
                    curve_max_calls: None,
                },
            ))),
            Err(e) => Evaluated::Invalid(e.0),
        }
    }
}

/// An edit laid over the latest revision after a stale save (`engine::report::reapply`,
/// on the server): the document to check and save, and what it changes there.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Reapplied {
    /// The latest revision, the one a save of `document` builds on, and its document.
    pub revision: i64,
    pub latest: Scenario,
    pub document: Scenario,
    /// "Hours per month: 720 → 730", one per field the edit changes there.
    pub applied: Vec<String>,
    /// Those of them the other save changed too (the edit's value is the one kept).
    pub both: Vec<String>,
}
