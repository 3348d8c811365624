//! CSV export, opening cleanly in Excel (UTF-8 BOM, CRLF, quoted): the inputs, the
//! curves, the breakdown, every break-even as numbers, and the month-by-month projection.

use engine::{Evaluation, Scenario};

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

/// `revision`: which saved revision it is ("revision 3, saved …"), beside the name.
pub fn csv(name: &str, revision: &str, doc: &Scenario, e: &Evaluation) -> String {
    // Money is in the evaluation's currency (USD unless the scenario sets one).
    let code = crate::format::ShownCurrency::code_of(e);
    let mut out = String::from("\u{feff}");
    let mut line = |cells: Vec<String>| {
        out.push_str(&cells.join(","));
        out.push_str("\r\n");
    };
    line(vec![
        field("Breakeven export"),
        field(name),
        field(revision),
    ]);
    line(vec![]);
    line(vec![field("Workload (inputs)")]);
    line(
        [
            "task type",
            "calls/month",
            "input tokens/call",
            "output tokens/call",
            "cached input share",
            "batch share",
            "lowest quality",
            "monthly growth",
        ]
        .iter()
        .map(|s| field(s))
        .collect(),
    );
    for t in &doc.task_types {
        line(vec![
            field(&t.name),
            num(t.calls_per_month),
            num(t.input_tokens),
            num(t.output_tokens),
            num(t.cached_input_share),
            num(t.batch_share),
            num(f64::from(t.quality_floor)),
            num(t.monthly_growth),
        ]);
    }
    line(vec![]);
    line(vec![field("Priced inputs and their sources")]);
    line(vec![field("input"), field("value"), field("source")]);
    for (what, value, source) in engine::report::assumptions(e) {
        line(vec![field(&what), field(&value), field(&source)]);
    }
    line(vec![]);
    line(vec![field(&format!(
        "Monthly cost by volume ({code}/month)"
    ))]);
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
        &format!("Cost breakdown at the current volume ({code}/month, steady state; the one-off setup apart)"),
    )]);
    line(
        [
            "option",
            "GPU time",
            "idle overhead",
            "power",
            "hardware",
            "facility",
            "people: maintenance",
            "people: upgrades",
            "API input",
            "API output",
            "total",
            &format!("one-off setup ({code}, not in total)"),
        ]
        .iter()
        .map(|s| field(s))
        .collect(),
    );
    let rows = e
        .api
        .iter()
        .map(|a| (a.name.clone(), a.breakdown, None))
        .chain(
            e.selfhosted
                .iter()
                .filter(|s| s.unusable.is_none())
                .map(|s| {
                    (
                        s.name.clone(),
                        s.breakdown,
                        s.setup.as_ref().map(|x| x.value),
                    )
                }),
        );
    for (n, b, setup) in rows {
        line(vec![
            field(&n),
            num(b.gpu_time),
            num(b.overhead),
            num(b.power),
            num(b.hardware),
            num(b.facility),
            num(b.people_maintenance),
            num(b.people_upgrades),
            num(b.api_input),
            num(b.api_output),
            num(b.total()),
            setup.map(num).unwrap_or_default(),
        ]);
    }
    line(vec![]);
    line(vec![field("Break-even (one row per crossing)")]);
    line(
        [
            "API tier",
            "configuration",
            "what happens",
            "calls/month",
            "output tokens/month",
            &format!("API cost {code}/month"),
            &format!("self-hosted cost {code}/month"),
            "replicas",
            "past capacity",
            "statement",
        ]
        .iter()
        .map(|s| field(s))
        .collect(),
    );
    for p in &e.break_even {
        let (tier, config) = (&e.api[p.tier].name, &e.selfhosted[p.config].name);
        if p.crossings.is_empty() {
            let mut row = vec![field(tier), field(config), field("no crossing")];
            row.extend((0..6).map(|_| String::new()));
            row.push(field(&p.statement));
            line(row);
        }
        for c in &p.crossings {
            let what = match c.kind {
                engine::CrossingKind::SelfBecomesCheaper => "self-hosting becomes cheaper",
                engine::CrossingKind::StepMakesSelfDearer => {
                    "a replica step makes self-hosting dearer"
                }
            };
            line(vec![
                field(tier),
                field(config),
                field(what),
                num(c.calls_per_month),
                num(c.output_tokens_per_month),
                num(c.api_cost),
                num(c.self_cost),
                num(c.replicas),
                field(if c.beyond_capacity { "yes" } else { "no" }),
                field(&p.statement),
            ]);
        }
    }
    line(vec![]);
    let p = &e.projection;
    line(vec![field(&format!(
        "Projection by month ({code}; self-hosted as cash: purchases up front)"
    ))]);
    let mut head = vec![field("month"), field("calls/month")];
    let configs: Vec<(usize, &_)> = p
        .configs
        .iter()
        .enumerate()
        .filter_map(|(k, c)| c.as_ref().map(|c| (k, c)))
        .collect();
    for t in &e.api {
        head.push(field(&format!("{} (month)", t.name)));
    }
    for (k, _) in &configs {
        head.push(field(&format!("{} (month)", e.selfhosted[*k].name)));
    }
    for t in &e.api {
        head.push(field(&format!("{} (cumulative)", t.name)));
    }
    for (k, _) in &configs {
        head.push(field(&format!("{} (cumulative)", e.selfhosted[*k].name)));
    }
    line(head);
    for m in 0..p.months as usize {
        let mut row = vec![
            num((m + 1) as f64),
            num(p.calls.get(m).copied().unwrap_or(f64::NAN)),
        ];
        let at = |v: &Vec<f64>| num(v.get(m).copied().unwrap_or(f64::NAN));
        row.extend(p.tiers.iter().map(|t| at(&t.monthly)));
        row.extend(configs.iter().map(|(_, c)| at(&c.cash.monthly)));
        row.extend(p.tiers.iter().map(|t| at(&t.cumulative)));
        row.extend(configs.iter().map(|(_, c)| at(&c.cash.cumulative)));
        line(row);
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
        let text = super::csv("t", "revision 1", &engine::templates::haiku_vs_4090(), &e);
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

    /// Break-evens as numbers, the projection month by month, and the inputs.
    #[test]
    fn csv_carries_numbers_projection_and_inputs() {
        let s = engine::templates::haiku_vs_4090();
        let e = engine::evaluate_document(s.clone(), Default::default()).expect("valid");
        let text = super::csv("t", "revision 1", &s, &e);
        let lines: Vec<&str> = text.split("\r\n").collect();
        let at = |title: &str| {
            lines
                .iter()
                .position(|l| l.starts_with(title))
                .expect(title)
        };
        // Every crossing is a row whose calls/month is the engine's number.
        let be = at("Break-even (one row per crossing)");
        let first = e
            .break_even
            .iter()
            .flat_map(|p| &p.crossings)
            .next()
            .expect("a crossing");
        let row = lines[be + 2];
        assert!(row.contains(&super::num(first.calls_per_month)), "{row}");
        assert!(row.contains(&super::num(first.self_cost)), "{row}");
        // One projection row per month of the horizon.
        let pr = at("Projection by month");
        let months = lines[pr + 2..].iter().take_while(|l| !l.is_empty()).count();
        assert_eq!(months, e.projection.months as usize);
        // The workload and the priced inputs with their sources.
        assert!(lines[at("Workload (inputs)") + 2].starts_with(&s.task_types[0].name));
        assert!(lines.len() > at("Priced inputs and their sources") + 2);
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
        let e = engine::evaluate_document(s.clone(), Default::default()).expect("valid");
        let text = super::csv("=cmd()", "revision 1", &s, &e);
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
