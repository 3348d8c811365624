//! CSV export: curves and breakdown, opening cleanly in Excel (UTF-8 BOM, CRLF, quoted).

use engine::Evaluation;

/// A text cell. One starting with `= + - @`, TAB or CR would be a live formula in a
/// spreadsheet (OWASP "CSV injection"): it gets a leading `'`, which spreadsheets show
/// as text. Numbers go through [`num`], never here.
fn field(s: &str) -> String {
    let s = if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{s}")
    } else {
        s.to_string()
    };
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s
    }
}

fn num(v: f64) -> String {
    if v.is_finite() {
        format!("{v:.6}")
            .trim_end_matches('0')
            .trim_end_matches('.')
            .to_string()
    } else {
        String::new()
    }
}

pub fn csv(name: &str, e: &Evaluation) -> String {
    let mut out = String::from("\u{feff}");
    let mut line = |cells: Vec<String>| {
        out.push_str(&cells.join(","));
        out.push_str("\r\n");
    };
    line(vec![field("Breakeven export"), field(name)]);
    line(vec![]);
    line(vec![field("Monthly cost by volume (USD/month)")]);
    let mut head = vec![field("calls/month"), field("output tokens/month")];
    head.extend(e.curves.series.iter().map(|s| field(&s.name)));
    line(head);
    for (i, calls) in e.curves.calls.iter().enumerate() {
        let mut row = vec![num(*calls), num(e.curves.output_tokens[i])];
        row.extend(e.curves.series.iter().map(|s| num(s.costs[i])));
        line(row);
    }
    line(vec![]);
    line(vec![field(
        "Cost breakdown at the current volume (USD/month)",
    )]);
    line(
        [
            "option",
            "GPU time",
            "idle overhead",
            "power",
            "hardware",
            "facility",
            "people: setup",
            "people: maintenance",
            "people: upgrades",
            "API input",
            "API output",
            "total",
        ]
        .iter()
        .map(|s| field(s))
        .collect(),
    );
    let rows = e.api.iter().map(|a| (a.name.clone(), a.breakdown)).chain(
        e.selfhosted
            .iter()
            .filter(|s| s.unusable.is_none())
            .map(|s| (s.name.clone(), s.breakdown)),
    );
    for (n, b) in rows {
        line(vec![
            field(&n),
            num(b.gpu_time),
            num(b.overhead),
            num(b.power),
            num(b.hardware),
            num(b.facility),
            num(b.people_setup),
            num(b.people_maintenance),
            num(b.people_upgrades),
            num(b.api_input),
            num(b.api_output),
            num(b.total()),
        ]);
    }
    line(vec![]);
    line(vec![field("Break-even")]);
    for p in &e.break_even {
        line(vec![field(&p.statement)]);
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn csv_is_excel_friendly_and_rectangular_per_section() {
        let mut s = engine::templates::haiku_vs_4090();
        s.gpu_configs[0].name = "Quoted \"name\", with comma".into();
        let e = engine::evaluate_document(s, Default::default()).expect("valid");
        let text = super::csv("t", &e);
        assert!(text.starts_with('\u{feff}'));
        assert!(text.contains("\r\n") && !text.replace("\r\n", "").contains('\n'));
        assert!(text.contains("\"Quoted \"\"name\"\", with comma\""));
        let lines: Vec<&str> = text.split("\r\n").collect();
        let head = lines
            .iter()
            .position(|l| l.starts_with("calls/month"))
            .expect("curve header");
        // Fields outside quotes.
        let fields = |l: &str| {
            l.chars()
                .fold((1, false), |(n, q), c| match c {
                    '"' => (n, !q),
                    ',' if !q => (n + 1, q),
                    _ => (n, q),
                })
                .0
        };
        let cols = fields(lines[head]);
        assert_eq!(cols, 2 + 4);
        for l in &lines[head + 1..head + 257] {
            assert_eq!(fields(l), cols, "{l}");
        }
        assert!(text.contains("becomes cheaper than"));
    }

    /// The review's cells (robustness M3): every text cell that a spreadsheet would
    /// run as a formula is neutralised, wherever it appears (names, statements).
    #[test]
    fn text_cells_never_start_a_formula() {
        let mut s = engine::templates::haiku_vs_4090();
        s.gpu_configs[0].name = "=HYPERLINK(\"http://evil.example\",\"x\")".into();
        s.gpu_configs[1].name = "@SUM(1+1)*cmd|' /C calc'!A0".into();
        s.api_tiers[0].name = "+1".into();
        s.api_tiers[1].name = "-2\tx".into();
        let e = engine::evaluate_document(s, Default::default()).expect("valid");
        let text = super::csv("=cmd()", &e);
        for cell in text.split("\r\n").flat_map(|l| l.split(',')) {
            let c = cell.trim_start_matches('"');
            assert!(
                !c.starts_with(['=', '+', '@', '\t']),
                "a live formula cell: {cell:?}"
            );
        }
        assert!(text.contains("\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"x\"\")\""));
        assert!(text.contains("'@SUM(1+1)*cmd|' /C calc'!A0"));
        assert!(text.contains("Breakeven export,'=cmd()"));
        // Numbers, negative ones included, stay numbers.
        assert_eq!(super::num(-3.5), "-3.5");
    }
}
