//! Every output value carries its explanation: the formula, the inputs it used (with
//! their sources for catalog values) and the result.

use serde::{Deserialize, Serialize};
use std::borrow::Cow;

pub type Text = Cow<'static, str>;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Input {
    pub name: Text,
    pub value: f64,
    pub unit: Text,
    /// Source and as-of date for catalog values.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<Text>,
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
        Explained { value, unit: Cow::Borrowed(unit), formula: formula.into(), inputs: Vec::new() }
    }
    pub fn input(mut self, name: impl Into<Text>, value: f64, unit: &'static str) -> Self {
        self.inputs.push(Input { name: name.into(), value, unit: Cow::Borrowed(unit), source: None });
        self
    }
    pub fn sourced(mut self, name: impl Into<Text>, value: f64, unit: &'static str, source: impl Into<Text>) -> Self {
        self.inputs.push(Input { name: name.into(), value, unit: Cow::Borrowed(unit), source: Some(source.into()) });
        self
    }
    /// A plain-text rendering, for logs, CSV notes and snapshot tests.
    pub fn render(&self) -> String {
        let mut s = format!("{} = {} {}\n", self.formula, fmt_num(self.value), self.unit);
        for i in &self.inputs {
            s.push_str(&format!("  {} = {} {}", i.name, fmt_num(i.value), i.unit));
            if let Some(src) = &i.source {
                s.push_str(&format!("  [{src}]"));
            }
            s.push('\n');
        }
        s
    }
}

/// Numbers for people: thousands separators, sensible precision.
pub fn fmt_num(v: f64) -> String {
    if !v.is_finite() {
        return "n/a".into();
    }
    let a = v.abs();
    let decimals = if a >= 1000.0 { 0 } else if a >= 10.0 { 2 } else if a >= 0.01 || a == 0.0 { 4 } else { 8 };
    let s = format!("{:.*}", decimals, a);
    let (int, frac) = s.split_once('.').map_or((s.as_str(), ""), |(i, f)| (i, f));
    let mut out = String::new();
    for (n, ch) in int.chars().enumerate() {
        if n > 0 && (int.len() - n) % 3 == 0 {
            out.push(',');
        }
        out.push(ch);
    }
    let frac = frac.trim_end_matches('0');
    if !frac.is_empty() {
        out.push('.');
        out.push_str(frac);
    }
    if v < 0.0 { format!("-{out}") } else { out }
}

#[cfg(test)]
mod tests {
    use super::fmt_num;
    #[test]
    fn formats_numbers_for_people() {
        assert_eq!(fmt_num(1_120.0), "1,120");
        assert_eq!(fmt_num(103_680_000.0), "103,680,000");
        assert_eq!(fmt_num(0.00224), "0.00224");
        assert_eq!(fmt_num(3.14159), "3.1416");
        assert_eq!(fmt_num(0.000_003), "0.000003");
        assert_eq!(fmt_num(-316.8), "-316.8");
        assert_eq!(fmt_num(f64::NAN), "n/a");
    }
}
