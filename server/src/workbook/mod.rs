//! The spreadsheet finance audits (`/v/{token}/export.xlsx`), laid out the FAST way:
//! sheet `Inputs` holds every input as a named cell (value, unit, source and date),
//! sheet `Calc` the cost model as formulas over those names, sheet `Outputs` what the
//! decision reads (monthly cost per option, NPV, IRR, paybacks, break-evens and the
//! chart). A finance user changes a price in `Inputs` and every output follows.
//!
//! Written as values, not formulas, and said so in the sheet:
//! - each configuration's seconds of replica time per request (the throughput estimate or
//!   a benchmark; a roofline model or a measurement, not a spreadsheet formula);
//! - the break-even volumes (a search over a step function);
//! - the shape of the model: which hosting and billing a configuration uses and the
//!   horizon's length (the number of rows of the projection), and the tax schedule.
//!   Changing those means exporting again.
//!
//! `Calc` computes in US dollars, where the catalog prices are sourced; `Outputs` shows
//! money in the scenario's currency, each figure × the named exchange rate `fx_per_usd`.

mod calc;
mod config_inputs;
mod inputs;
mod outputs;
mod projection;
mod tax;

use engine::internals::Model;
use engine::{Evaluation, ValidScenario};
use rust_xlsxwriter::{Format, Formula, Workbook, Worksheet, XlsxError};

/// One sheet being written: the next free row and the formats every sheet uses.
pub(crate) struct Sheet {
    pub ws: Worksheet,
    pub title: &'static str,
    pub row: u32,
}

/// The formats of the three sheets.
pub(crate) struct Formats {
    pub heading: Format,
    pub bold: Format,
    pub note: Format,
    pub input: Format,
}

impl Formats {
    fn new() -> Formats {
        Formats {
            heading: Format::new().set_bold().set_font_size(13),
            bold: Format::new().set_bold(),
            note: Format::new().set_italic().set_font_color("#555555"),
            // Inputs are the cells a reader may change: blue, the modelling convention.
            input: Format::new().set_font_color("#0000FF"),
        }
    }
}

/// Names defined so far (a workbook-wide name per input and per intermediate result).
pub(crate) struct Names(Vec<(String, String)>);

impl Sheet {
    /// A sheet with its columns' widths, in characters.
    fn new(title: &'static str, widths: &[f64]) -> Result<Sheet, XlsxError> {
        let mut ws = Worksheet::new();
        ws.set_name(title)?;
        for (c, w) in widths.iter().enumerate() {
            ws.set_column_width(c as u16, *w)?;
        }
        Ok(Sheet { ws, title, row: 0 })
    }

    pub fn heading(&mut self, f: &Formats, text: &str) -> Result<(), XlsxError> {
        if self.row > 0 {
            self.row += 1;
        }
        self.ws
            .write_string_with_format(self.row, 0, text, &f.heading)?;
        self.row += 1;
        Ok(())
    }

    pub fn note(&mut self, f: &Formats, text: &str) -> Result<(), XlsxError> {
        self.ws
            .write_string_with_format(self.row, 0, text, &f.note)?;
        self.row += 1;
        Ok(())
    }

    /// The absolute address of column B of the current row, for a defined name.
    fn here(&self) -> String {
        format!("='{}'!$B${}", self.title, self.row + 1)
    }

    /// A named cell holding a formula over other names: label, formula, unit, and the
    /// engine's value as the cached result.
    pub fn formula(
        &mut self,
        names: &mut Names,
        name: &str,
        label: &str,
        formula: &str,
        unit: &str,
        value: f64,
    ) -> Result<(), XlsxError> {
        self.ws.write_string(self.row, 0, label)?;
        self.ws.write_formula(self.row, 1, cached(formula, value))?;
        self.ws.write_string(self.row, 2, unit)?;
        names.0.push((name.to_string(), self.here()));
        self.row += 1;
        Ok(())
    }
}

/// A formula with the engine's value as its cached result, so a reader that does not
/// recalculate on opening (LibreOffice's default for XLSX files) still shows the numbers.
pub(crate) fn cached(formula: impl AsRef<str>, value: f64) -> Formula {
    let f = Formula::new(formula.as_ref());
    if value.is_finite() {
        f.set_result(value.to_string())
    } else {
        f
    }
}

/// A formula whose cached result is text ("none", "no"; an empty text reads back as 0).
pub(crate) fn cached_text(formula: impl AsRef<str>, text: &str) -> Formula {
    Formula::new(formula.as_ref()).set_result(text)
}

impl Names {
    /// The name of a projection column (rows `first..=last` of `sheet`).
    pub fn column(&mut self, name: &str, sheet: &str, col: u16, first: u32, last: u32) {
        let c = rust_xlsxwriter::utility::column_number_to_name(col);
        self.0.push((
            name.to_string(),
            format!("='{sheet}'!${c}${}:${c}${}", first + 1, last + 1),
        ));
    }
}

/// The workbook of one saved scenario. `revision` says which ("revision 3, saved …"), on
/// `Outputs`; `chart_png` is the break-even chart, placed there when given.
pub fn build(
    v: &ValidScenario,
    e: &Evaluation,
    name: &str,
    revision: &str,
    chart_png: Option<&[u8]>,
    today: &str,
) -> Result<Vec<u8>, XlsxError> {
    let s = v.get();
    let m = Model::build(v);
    // Calc is in USD: with a currency, its cached values come from the evaluation
    // without one (the same model; only the conversion differs).
    let usd;
    let calc_e = if s.currency.is_some() {
        let mut plain = s.clone();
        plain.currency = None;
        let pv = engine::validate(plain)
            .map_err(|_| XlsxError::ParameterError("the scenario without its currency".into()))?;
        usd = engine::evaluate(&pv, engine::Options::default());
        &usd
    } else {
        e
    };
    let f = Formats::new();
    let mut names = Names(Vec::new());
    let mut input = Sheet::new("Inputs", &[58.0, 14.0, 24.0, 70.0])?;
    let mut calc = Sheet::new(
        "Calc",
        &[[52.0, 16.0, 14.0].as_slice(), &[18.0; 60]].concat(),
    )?;
    let mut out = Sheet::new("Outputs", &[44.0, 26.0, 16.0, 18.0, 14.0, 14.0, 14.0, 60.0])?;
    inputs::write(&mut input, &mut names, &f, s, &m, name)?;
    calc::write(&mut calc, &mut names, &f, s, &m, calc_e)?;
    outputs::write(&mut out, &f, s, e, revision, chart_png, today)?;
    // FAST order: inputs, calculations, outputs; the file opens on the outputs.
    out.ws.set_active(true);
    let mut wb = Workbook::new();
    wb.push_worksheet(input.ws);
    wb.push_worksheet(calc.ws);
    wb.push_worksheet(out.ws);
    for (n, at) in &names.0 {
        wb.define_name(n, at)?;
    }
    wb.save_to_buffer()
}

#[cfg(test)]
mod tests {
    /// Every text cell of the workbook (its shared strings), joined.
    fn strings(bytes: Vec<u8>) -> String {
        use std::io::Read;
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a zip");
        let mut s = String::new();
        zip.by_name("xl/sharedStrings.xml")
            .expect("shared strings")
            .read_to_string(&mut s)
            .expect("text");
        s
    }

    fn workbook(s: engine::Scenario) -> String {
        let v = engine::validate(s).expect("valid");
        let e = engine::evaluate(&v, engine::Options::default());
        strings(super::build(&v, &e, "t", "revision 1", None, "2026-12-07").expect("built"))
    }

    #[test]
    fn a_measured_input_names_its_import_and_one_typed_over_it_says_so() {
        use engine::scenario::paths::task as p;
        let mut s = engine::templates::haiku_vs_4090();
        let t = &mut s.task_types[0];
        t.measured.push(engine::scenario::Measured {
            field: p::INPUT_TOKENS.into(),
            value: t.input_tokens,
            source: "measured: mean input (usage.jsonl, 3 days)".into(),
        });
        t.measured.push(engine::scenario::Measured {
            field: p::CALLS_PER_MONTH.into(),
            value: t.calls_per_month + 1.0,
            source: "usage.jsonl, 3 days".into(),
        });
        let x = workbook(s);
        assert!(
            x.contains("measured: mean input (usage.jsonl, 3 days)"),
            "{x}"
        );
        assert!(!x.contains("measured: measured"), "{x}");
        assert!(x.contains("typed (over "), "{x}");
        // The rest of the task type is still the scenario's.
        assert!(x.contains(super::inputs::SCENARIO));
    }

    #[test]
    fn a_pair_that_never_breaks_even_has_its_row_on_the_outputs() {
        let mut s = engine::templates::haiku_vs_4090();
        // An API that costs nothing: self-hosting never costs less.
        for a in &mut s.api_tiers {
            (
                a.input_per_mtok,
                a.output_per_mtok,
                a.cache_read_per_mtok,
                a.cache_write_per_mtok,
            ) = (0.0, 0.0, 0.0, 0.0);
        }
        let v = engine::validate(s).expect("valid");
        let e = engine::evaluate(&v, engine::Options::default());
        assert!(e.break_even.iter().all(|p| p.crossings.is_empty()));
        let x = strings(super::build(&v, &e, "t", "r", None, "2026-12-07").expect("built"));
        // The engine's sentence for the pair, as the pages say it (XML-escaped).
        let said = e.break_even[0]
            .statement
            .replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;");
        assert!(x.contains(&said), "{said} not in {x}");
    }
}
