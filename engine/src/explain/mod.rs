//! Every output value carries its explanation: the formula, the inputs it used (with
//! their sources for catalog values) and the result.
//!
//! The formula texts are in `formulas.rs`, the sentences built from results in
//! `statements.rs`.

pub use crate::fmt::{fmt_num, write_num};
use serde::{Deserialize, Serialize};
use std::borrow::Cow;

pub(crate) mod formulas;
pub(crate) mod statements;

pub type Text = Cow<'static, str>;

/// How a people default's source begins (the one-pager and the printout leave such rows
/// to the explanations, for room).
pub const ARTICLE_DEFAULT: &str = "default: the article's ";

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Input {
    pub name: Text,
    pub value: f64,
    pub unit: Text,
    /// Source and as-of date for catalog values.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<Text>,
    /// As-of date of a catalog source.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub as_of: Option<Text>,
    /// Computed by the engine from other inputs (not entered, not from a catalog).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub computed: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Explained {
    pub value: f64,
    pub unit: Text,
    pub formula: Text,
    pub inputs: Vec<Input>,
}

impl Explained {
    pub fn new(value: f64, unit: &'static str, formula: impl Into<Text>) -> Self {
        Explained {
            value,
            unit: Cow::Borrowed(unit),
            formula: formula.into(),
            inputs: Vec::with_capacity(16),
        }
    }
    pub fn input(mut self, name: impl Into<Text>, value: f64, unit: &'static str) -> Self {
        self.inputs.push(Input {
            name: name.into(),
            value,
            unit: Cow::Borrowed(unit),
            source: None,
            as_of: None,
            computed: false,
        });
        self
    }
    /// A value the engine computed from other inputs: shown as computed, never as
    /// something the user entered.
    pub fn computed(mut self, name: impl Into<Text>, value: f64, unit: &'static str) -> Self {
        self.inputs.push(Input {
            name: name.into(),
            value,
            unit: Cow::Borrowed(unit),
            source: None,
            as_of: None,
            computed: true,
        });
        self
    }
    pub fn sourced(
        mut self,
        name: impl Into<Text>,
        value: f64,
        unit: &'static str,
        source: impl Into<Text>,
    ) -> Self {
        self.inputs.push(Input {
            name: name.into(),
            value,
            unit: Cow::Borrowed(unit),
            source: Some(source.into()),
            as_of: None,
            computed: false,
        });
        self
    }
    /// A task type's field: a value a usage import measured says so, with its file and
    /// period; one typed over a measurement says that; any other has no source (the
    /// scenario's own value).
    pub fn task_input(
        self,
        t: &crate::scenario::TaskType,
        what: &str,
        field: &str,
        unit: &'static str,
    ) -> Self {
        use crate::scenario::FieldOrigin;
        let name = format!("{}: {what}", t.name);
        let value = t.field(field).unwrap_or(f64::NAN);
        match t.origin(field) {
            FieldOrigin::NotMeasured => self.input(name, value, unit),
            FieldOrigin::Measured(m) => self.sourced(name, value, unit, m.source.clone()),
            FieldOrigin::TypedOver(m) => {
                self.sourced(name, value, unit, format!("typed; {}", m.typed_over()))
            }
        }
    }
    /// A catalog value: its source and date are static text, so nothing is allocated.
    pub fn cataloged(
        mut self,
        name: &'static str,
        value: f64,
        unit: &'static str,
        source: &'static str,
        as_of: &'static str,
    ) -> Self {
        self.inputs.push(Input {
            name: Cow::Borrowed(name),
            value,
            unit: Cow::Borrowed(unit),
            source: Some(Cow::Borrowed(source)),
            as_of: Some(Cow::Borrowed(as_of)),
            computed: false,
        });
        self
    }
    /// A catalog value whose source may be a team's own entry (no allocation for built-in ones).
    pub fn cataloged_text(
        mut self,
        name: &'static str,
        value: f64,
        unit: &'static str,
        source: Text,
        as_of: Text,
    ) -> Self {
        self.inputs.push(Input {
            name: Cow::Borrowed(name),
            value,
            unit: Cow::Borrowed(unit),
            source: Some(source),
            as_of: Some(as_of),
            computed: false,
        });
        self
    }
    /// `a − b` of two computed figures in one unit ("the all-API plan's cost − the best
    /// assignment's"): a saving shown beside the two it is the difference of.
    pub fn difference(a: (String, f64), b: (String, f64), unit: Text) -> Self {
        let formula = format!("{} − {}", a.0, b.0);
        let part = |(name, value): (String, f64)| Input {
            name: name.into(),
            value,
            unit: unit.clone(),
            source: None,
            as_of: None,
            computed: true,
        };
        Explained {
            value: a.1 - b.1,
            unit: unit.clone(),
            formula: formula.into(),
            inputs: vec![part(a), part(b)],
        }
    }
    /// Where a value comes from, with its date when it has one.
    pub fn source_text(i: &Input) -> Option<String> {
        match (&i.source, &i.as_of) {
            (Some(s), Some(d)) => Some(format!("{s} ({d})")),
            (Some(s), None) => Some(s.to_string()),
            _ => None,
        }
    }
    /// A plain-text rendering, for logs, CSV notes and snapshot tests.
    pub fn render(&self) -> String {
        let mut s = format!("{} = {} {}\n", self.formula, fmt_num(self.value), self.unit);
        for i in &self.inputs {
            s.push_str(&format!("  {} = {} {}", i.name, fmt_num(i.value), i.unit));
            if let (Some(src), Some(date)) = (&i.source, &i.as_of) {
                s.push_str(&format!("  [{src} ({date})]"));
            } else if let Some(src) = &i.source {
                s.push_str(&format!("  [{src}]"));
            }
            s.push('\n');
        }
        s
    }
}

#[cfg(test)]
mod kind_tests {
    /// An explanation tells entered, catalog and computed inputs apart: a derived amount
    /// such as GPU time is never shown as something the user entered.
    #[test]
    fn computed_amounts_are_not_entered_inputs() {
        let e = crate::evaluate_document(crate::templates::haiku_vs_4090(), Default::default())
            .expect("valid");
        let monthly = e.selfhosted[0].monthly.as_ref().expect("usable");
        let find = |n: &str| {
            monthly
                .inputs
                .iter()
                .find(|i| i.name == n)
                .unwrap_or_else(|| panic!("no input {n}"))
        };
        assert!(find("GPU time").computed);
        assert!(find("replicas serving load").computed);
        let entered = find("GPUs per replica");
        assert!(!entered.computed && entered.source.is_none());
    }
}

#[cfg(test)]
mod tests {
    use super::Explained;
    use crate::scenario::{paths::task as f, Measured};

    /// A task type's measured value names its file; one typed over a measurement says
    /// so; the rest claim no source (the app says it is the scenario's own value, typed or a default).
    #[test]
    fn a_task_input_says_where_its_value_came_from() {
        let mut t = crate::templates::template("haiku-vs-4090")
            .expect("template")
            .task_types[0]
            .clone();
        let source = "measured: 400 requests over 26.88 days (usage.csv)".to_string();
        t.measured = vec![
            Measured {
                field: f::CALLS_PER_MONTH.into(),
                value: t.calls_per_month,
                source: source.clone(),
            },
            Measured {
                field: f::INPUT_TOKENS.into(),
                value: t.input_tokens + 1.0,
                source: source.clone(),
            },
        ];
        let e = Explained::new(1.0, "USD", "x")
            .task_input(&t, "calls", f::CALLS_PER_MONTH, "calls/month")
            .task_input(&t, "input tokens", f::INPUT_TOKENS, "tokens/call")
            .task_input(&t, "output tokens", f::OUTPUT_TOKENS, "tokens/call");
        let sources: Vec<Option<String>> = e.inputs.iter().map(Explained::source_text).collect();
        assert_eq!(sources[0].as_deref(), Some(source.as_str()));
        let typed = sources[1].clone().expect("typed over a measurement");
        assert!(typed.starts_with("typed; the usage measured "), "{typed}");
        assert!(typed.contains("usage.csv"), "{typed}");
        assert_eq!(sources[2], None);
        assert_eq!(e.inputs[0].value, t.calls_per_month);
        assert_eq!(e.inputs[1].name, format!("{}: input tokens", t.name));
    }
}
