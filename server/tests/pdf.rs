//! The PDF one-pager read back by poppler (Debian's `poppler-utils`, installed by
//! `scripts/setup.sh`): `pdfinfo` for the paper and page count, `pdffonts` for the
//! embedded font, `pdftotext` for the words and numbers, `pdftoppm` for a page that
//! renders. Expected numbers come from the engine's evaluation, formatted here.

use engine::{evaluate, validate, Evaluation, Options, ValidScenario};
use server::onepager::{build, Paper};
use std::path::Path;
use std::process::Command;

/// The day the test's one-pagers are generated on.
const TODAY: &str = "2026-12-05";

fn run(bin: &str, args: &[&str]) -> String {
    let out = Command::new(bin)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{bin}: {e} (scripts/setup.sh installs poppler-utils)"));
    assert!(
        out.status.success(),
        "{bin} {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// "$1,147" from 1,000 on, "$930.16" below (and "$12" for a whole amount), thousands
/// separated: as the page writes money (the test's own formatting).
fn dollars(x: f64) -> String {
    let cents = (x.abs() * 100.0).round() as u64;
    let cents = if cents >= 100_000 {
        x.abs().round() as u64 * 100
    } else {
        cents
    };
    let whole = (cents / 100).to_string();
    let mut grouped = String::new();
    for (i, c) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(c);
    }
    let sign = if x < 0.0 { "−" } else { "" };
    if cents % 100 == 0 {
        format!("{sign}${grouped}")
    } else {
        format!("{sign}${grouped}.{:02}", cents % 100)
    }
}

fn pdf(v: &ValidScenario, e: &Evaluation, paper: Paper, dir: &Path, file: &str) -> String {
    let svg = app::charts::draw::svg(v, e, &server::onepager::chart_options())
        .expect("chart")
        .svg;
    let bytes = build(v, e, &v.get().name, "test meta line", &svg, paper, TODAY).expect("pdf");
    assert!(bytes.starts_with(b"%PDF-"));
    let path = dir.join(file);
    std::fs::write(&path, &bytes).expect("write");
    if let Ok(keep) = std::env::var("KEEP_PDF") {
        std::fs::write(Path::new(&keep).join(file), &bytes).expect("keep");
    }
    path.to_string_lossy().into_owned()
}

/// Euros at the ECB's rate of 2025-06-02: 18 months before the test's day, so flagged.
fn euros_dated_2025_06_02() -> engine::currency::Currency {
    engine::currency::Currency {
        code: "EUR".into(),
        per_usd: 0.92,
        as_of: "2025-06-02".into(),
        source: "ECB reference rate".into(),
    }
}

/// The words of the text, whitespace collapsed (pdftotext breaks lines where the page does).
fn words(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn the_one_pager_states_the_engines_numbers_on_one_a4_page() {
    let dir = tempfile::tempdir().expect("dir");
    let v = validate(engine::templates::haiku_vs_4090()).expect("valid");
    let e = evaluate(&v, Options::default());
    let path = pdf(&v, &e, Paper::A4, dir.path(), "a4.pdf");
    let info = run("pdfinfo", &[&path]);
    assert!(info.contains("Pages:           1"), "{info}");
    assert!(info.contains("595 x 842 pts (A4)"), "{info}");
    let fonts = run("pdffonts", &[&path]);
    assert!(
        fonts.contains("DejaVuSans") && fonts.contains(" yes yes "),
        "{fonts}"
    );
    let text = words(&run("pdftotext", &[&path, "-"]));

    // The baseline tier, the best self-hosted option and their appraisal, from the engine.
    let b = e.projection.baseline_tier.expect("a baseline");
    let (k, best) = e
        .selfhosted
        .iter()
        .enumerate()
        .filter_map(|(k, c)| Some((k, c.monthly.as_ref()?.value)))
        .min_by(|x, y| x.1.total_cmp(&y.1))
        .expect("a configuration");
    let a = e
        .finance
        .appraisals
        .iter()
        .find(|a| a.tier == b && a.config == k)
        .expect("appraised");
    let saving = e.api[b].monthly.value - best;
    assert!(saving > 0.0 && a.npv.value > 0.0);
    for want in [
        format!("Self-host {}", e.selfhosted[k].name),
        dollars(saving),
        dollars(a.npv.value),
        format!(
            "paid back in month {}.",
            a.payback_month.expect("paid back")
        ),
        format!("NPV at 10% over {} months", v.get().horizon_months),
        "Monthly cost vs volume".to_string(),
    ] {
        assert!(text.contains(&want), "'{want}' not in: {text}");
    }
    // The five inputs that move the saving most, each with its range.
    let (_, bars) = engine::curves::tornado(&v, 5);
    assert_eq!(bars.len(), 5);
    for bar in &bars {
        assert!(
            text.contains(&words(&bar.label)),
            "'{}' not in the text",
            bar.label
        );
    }
    // The two monthly costs the sentence compares, rebuilt from their parts.
    let built = engine::report::decided_cost_lines(&e);
    assert_eq!(built.len(), 2);
    for l in &built {
        let line = words(&format!("{}: {}", l.option, l.text));
        assert!(text.contains(&line), "'{line}' not in: {text}");
    }
    // Every assumption with its source, under its option's name.
    for g in engine::report::assumption_groups_with_sizing(&e) {
        assert!(
            text.contains(&words(&g.owner)),
            "'{}' not in the text",
            g.owner
        );
        for (what, value, source) in &g.rows {
            let line = words(&format!("{what}: {value} ({source})"));
            assert!(text.contains(&line), "'{line}' not in the text");
        }
    }

    // The page renders, with ink on it.
    run(
        "pdftoppm",
        &[
            "-r",
            "30",
            "-gray",
            &path,
            &dir.path().join("page").to_string_lossy(),
        ],
    );
    let pgm = std::fs::read(dir.path().join("page-1.pgm")).expect("rendered page");
    let body = &pgm[pgm.len() - (248 * 351)..];
    let ink = body.iter().filter(|&&p| p < 160).count();
    // A blank page has none; this one has ~2,000 at 30 dpi since the chart draws one
    // faint grid line between labelled ones, not ten (2026-12-03), which had darkened
    // more pixels at this resolution.
    assert!(ink > 1_000, "only {ink} dark pixels");
}

/// The haiku-vs-4090 template with `n` more configurations of different GPUs (cycling
/// through the catalog): each has inputs of its own, so the assumptions run long.
fn many_gpus(n: usize) -> (ValidScenario, Evaluation) {
    let mut s = engine::templates::haiku_vs_4090();
    let base = s.gpu_configs[1].clone();
    for (i, gpu) in engine::catalog::GPUS.iter().cycle().take(n).enumerate() {
        let mut g = base.clone();
        g.gpu = gpu.id.to_string();
        g.name = format!("Option {i} on {}", gpu.name);
        s.gpu_configs.push(g);
    }
    let v = validate(s).expect("valid");
    let e = evaluate(&v, Options::default());
    (v, e)
}

#[test]
fn letter_paper_and_assumptions_that_overflow_go_on_further_pages() {
    let dir = tempfile::tempdir().expect("dir");
    // Configurations of different GPUs: each has inputs of its own (what they share is
    // said once).
    let (v, e) = many_gpus(12);
    let path = pdf(&v, &e, Paper::Letter, dir.path(), "letter.pdf");
    let info = run("pdfinfo", &[&path]);
    assert!(info.contains("612 x 792 pts (letter)"), "{info}");
    let pages: u32 = info
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .expect("a page count");
    assert!(pages >= 2, "{info}");
    let text = words(&run("pdftotext", &[&path, "-"]));
    assert!(text.contains("notes (continued)"));
    for g in engine::report::assumption_groups_with_sizing(&e) {
        assert!(text.contains(&words(&g.owner)), "'{}' dropped", g.owner);
        for (what, value, _) in &g.rows {
            let line = words(&format!("{what}: {value}"));
            assert!(text.contains(&line), "'{line}' dropped");
        }
    }
}

/// The first words after each further page's heading, for a scenario of `n` more
/// configurations of different GPUs.
fn continued_pages(n: usize, dir: &Path) -> (Vec<String>, Vec<String>) {
    let (v, e) = many_gpus(n);
    let path = pdf(&v, &e, Paper::A4, dir, &format!("n{n}.pdf"));
    let pages: u32 = run("pdfinfo", &[&path])
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .expect("a page count");
    let starts = (2..=pages)
        .map(|page| {
            let n = page.to_string();
            let text = words(&run("pdftotext", &["-f", &n, "-l", &n, &path, "-"]));
            let start = text
                .split("notes (continued) ")
                .nth(1)
                .unwrap_or_else(|| panic!("page {page} has no heading: {text}"));
            // A page may open a section (its heading, then an option's name).
            ["Caveats ", "Assumptions (source and date) "]
                .iter()
                .find_map(|h| start.strip_prefix(h))
                .unwrap_or(start)
                .to_string()
        })
        .collect();
    let owners = engine::report::assumption_groups_with_sizing(&e)
        .iter()
        .map(|g| words(g.heading()))
        .collect();
    (starts, owners)
}

#[test]
fn a_further_page_opens_with_the_name_of_the_option_it_continues() {
    let dir = tempfile::tempdir().expect("dir");
    let mut split = 0;
    // Enough sizes that some page breaks fall inside an option's inputs.
    for n in 6..=14 {
        let (starts, owners) = continued_pages(n, dir.path());
        for start in starts {
            let owner = owners
                .iter()
                .find(|o| start.starts_with(o.as_str()))
                .unwrap_or_else(|| {
                    panic!(
                        "{n}: a page starts with no option's name: {}",
                        &start[..start.len().min(120)]
                    )
                });
            if start[owner.len()..].starts_with(" (continued)") {
                split += 1;
            }
        }
    }
    assert!(
        split > 0,
        "no page break fell inside an option: the test proves nothing"
    );
}

#[test]
fn at_a_low_volume_the_sentence_says_stay_and_why() {
    // 50,000 calls a month: Haiku 3.5 costs $112 a month, any GPU far more.
    let mut s = engine::templates::haiku_vs_4090();
    s.task_types[0].calls_per_month = 50_000.0;
    let v = validate(s).expect("valid");
    let e = evaluate(&v, Options::default());
    let sum = server::onepager::summarise(v.get(), &e);
    let b = e.projection.baseline_tier.expect("baseline");
    let a = e
        .finance
        .appraisals
        .iter()
        .filter(|a| a.tier == b)
        .min_by(|x, y| x.npv.value.total_cmp(&y.npv.value).reverse())
        .expect("appraised");
    assert!(a.npv.value < 0.0);
    assert!(
        sum.recommendation
            .starts_with(&format!("Stay on {}:", e.api[b].name)),
        "{}",
        sum.recommendation
    );
    assert!(
        sum.recommendation.contains("a month more than"),
        "{}",
        sum.recommendation
    );
    assert_eq!(sum.headline[2].1, "none in 24 months");
    assert!(sum.headline[1].1.starts_with('−'), "{:?}", sum.headline);
    // Written as the page writes them: whole units from 1,000, cents below.
    assert_eq!(dollars(-1234.5), "−$1,235");
    assert_eq!(dollars(-63.6), "−$63.60");
    assert_eq!(server::onepager::money(-1234.5), dollars(-1234.5));
    assert_eq!(server::onepager::money(16_000.0), "$16,000");
}

/// With no self-hosted option compared as entered (a model no GPU here can hold), the
/// page states no "$0" saving as entered, and the sentence says why.
#[test]
fn with_nothing_to_compare_no_saving_is_stated() {
    let mut s = engine::templates::sonnet_vs_2xa100();
    for g in &mut s.gpu_configs {
        g.gpus_per_replica = 1;
        g.gpu = "rtx-4090".into();
        g.model = "llama-3.1-70b".into();
    }
    let v = validate(s).expect("valid");
    let e = evaluate(&v, Options::default());
    assert!(engine::report::decision::decided_pair(&e).is_none());
    let dir = tempfile::tempdir().expect("dir");
    let path = pdf(&v, &e, Paper::A4, dir.path(), "none.pdf");
    let text = words(&run("pdftotext", &[&path, "-"]));
    assert!(text.contains("no self-hosted option is compared"), "{text}");
    assert!(!text.contains("as entered) at each end"), "{text}");
    assert!(text.contains("can be compared with it ("), "{text}");
}

/// The article's Sonnet scenario in euros at a rate dated 18 months back: the PDF flags
/// the rate, rebuilds the A100 pair's €4,465 from its parts and the one-off setup, and
/// marks the range end where the saving does not move.
#[test]
fn an_old_rate_is_flagged_and_an_end_that_moves_nothing_says_so() {
    let dir = tempfile::tempdir().expect("dir");
    let mut s = engine::templates::sonnet_vs_2xa100();
    s.currency = Some(euros_dated_2025_06_02());
    let v = validate(s).expect("valid");
    let e = evaluate(&v, Options::default());
    let path = pdf(&v, &e, Paper::A4, dir.path(), "eur.pdf");
    // The rate's line and the age notes still fit the one page.
    let info = run("pdfinfo", &[&path]);
    assert!(info.contains("Pages:           1"), "{info}");
    let text = words(&run("pdftotext", &[&path, "-"]));
    assert!(
        text.contains("is dated 2025-06-02, 18 months before 2026-12-05"),
        "{text}"
    );
    // Setup and the parts of the configuration's monthly cost, in euros.
    let k = e
        .selfhosted
        .iter()
        .position(|c| c.name.contains("A100"))
        .expect("A100");
    let setup = e.selfhosted[k].setup.as_ref().expect("setup").value;
    let b = &e.selfhosted[k].breakdown;
    for want in [
        format!("One-off setup {}", server::onepager::money_in(setup, "EUR")),
        format!(
            "idle overhead {}",
            server::onepager::money_in(b.overhead, "EUR")
        ),
        "hours per month 720 h".to_string(),
        "idle overhead 20% of GPU time".to_string(),
        // The step from the USD prices to the page's euros.
        "USD prices and rates × 0.92 EUR per USD.".to_string(),
        // The IRR beside the NPV it explains, as the workbook and the printout give it.
        "(an internal rate of return of".to_string(),
    ] {
        assert!(text.contains(&want), "'{want}' not in: {text}");
    }
    // Sonnet 3.5's output price made dearer leaves Sonnet 4.6, at the same price, as
    // the tier compared with: the saving does not move at that end, and the line says so.
    let (base, bars) = engine::curves::tornado(&v, 5);
    let flat = bars
        .iter()
        .find(|b| (b.saving_at_high - base).abs() < 0.005)
        .expect("a bar with a flat end");
    assert!(
        flat.label.contains("(11.3 .. 18.8 USD/Mtok)"),
        "{}",
        flat.label
    );
    let line = words(&format!("{}: ", flat.label));
    let at = text.find(&line).expect("the bar's line");
    assert!(
        text[at..]
            .split(" .. ")
            .nth(2)
            .is_some_and(|end| end.contains("(no change)")),
        "{}",
        &text[at..at + 120]
    );
    assert!(text.contains("No change: at that end the saving stays as entered"));
    // A rate from last week is not flagged.
    let mut fresh = v.get().clone();
    if let Some(c) = &mut fresh.currency {
        c.as_of = "2026-11-30".into();
    }
    let v = validate(fresh).expect("valid");
    let e = evaluate(&v, Options::default());
    let path = pdf(&v, &e, Paper::A4, dir.path(), "fresh.pdf");
    let text = words(&run("pdftotext", &[&path, "-"]));
    assert!(!text.contains("the rate to sign with"), "{text}");
    // Sonnet 3.5's catalog prices (2025-06-22) are over half a year old: flagged.
    assert!(
        text.contains("Catalog prices dated more than 6 months before 2026-12-05"),
        "{text}"
    );
    assert!(
        text.contains("Claude Sonnet 3.5's prices (2025-06-22, 17 months)"),
        "{text}"
    );
}

#[test]
fn a_recommendation_on_a_figure_with_a_caveat_points_to_it() {
    let dir = tempfile::tempdir().expect("dir");
    let mut s = engine::templates::haiku_vs_4090();
    s.task_types[0].calls_per_month = 2_000_000.0;
    s.gpu_configs[0].throughput = engine::scenario::ThroughputSource::Typed {
        output_tokens_per_s: 1.0e6,
    };
    let v = validate(s).expect("valid");
    let e = evaluate(&v, Options::default());
    let path = pdf(&v, &e, Paper::A4, dir.path(), "caveat.pdf");
    let text = words(&run("pdftotext", &[&path, "-"]));
    let pointer = "This figure carries a caveat: see \u{201c}Caveats\u{201d} in the notes below.";
    let (before, after) = text.split_once(pointer).expect("the pointer");
    assert!(before.contains("Self-host"), "{text}");
    // The notes hold the caveat itself, under its heading.
    let notes = after.split_once("Caveats").expect("the heading").1;
    assert!(notes.contains("above the physical bound"), "{text}");
    let info = run("pdfinfo", &[&path]);
    assert!(info.contains("Pages:           1"), "{info}");
}

/// The presentation as a PDF: one landscape page a slide (the decision, then each chart),
/// the decision's advice and flips as the page writes them, every page numbered.
#[test]
fn the_slides_are_the_decision_and_each_chart_on_landscape_pages() {
    use app::dto::ChartKind;
    let dir = tempfile::tempdir().expect("dir");
    let v = validate(engine::templates::haiku_vs_4090()).expect("valid");
    let e = evaluate(&v, Options::default());
    let d = engine::report::decision::slide(&v, &e, 3);
    let charts: Vec<String> = ChartKind::ALL
        .iter()
        .map(|k| {
            let o = server::onepager::deck::chart_options(*k);
            app::charts::draw::svg(&v, &e, &o).expect("chart").svg
        })
        .collect();
    let bytes = server::onepager::deck::build(
        &e,
        &v.get().name,
        &d,
        &charts,
        "Revision 1",
        Paper::A4,
        TODAY,
    )
    .expect("pdf");
    let path = dir.path().join("slides.pdf");
    std::fs::write(&path, &bytes).expect("write");
    let path = path.to_string_lossy().into_owned();
    let info = run("pdfinfo", &[&path]);
    assert!(
        info.contains(&format!("Pages:           {}", 1 + ChartKind::ALL.len())),
        "{info}"
    );
    assert!(info.contains("842 x 595 pts"), "{info}");
    let text = words(&run("pdftotext", &[&path, "-"]));
    assert!(text.contains(&words(&d.summary.recommendation)), "{text}");
    assert!(
        text.contains("What would flip the cheaper option at today's volume"),
        "{text}"
    );
    for f in &d.flips {
        assert!(
            text.contains(&format!("at {} (entered {}", f.flips_at_text, f.value_text)),
            "{text}"
        );
    }
    for k in ChartKind::ALL {
        assert!(text.contains(k.title()), "{}: {text}", k.title());
    }
    assert!(
        text.contains(&format!("Revision 1 · 5 of {}", 1 + ChartKind::ALL.len())),
        "{text}"
    );
    // Every page draws: poppler renders the last (a chart) without an error.
    run(
        "pdftoppm",
        &[
            "-f",
            "5",
            "-l",
            "5",
            "-r",
            "30",
            "-png",
            &path,
            &dir.path().join("p").to_string_lossy(),
        ],
    );
}

/// A rate past its age is flagged on the slides as on the one-pager.
#[test]
fn the_slides_flag_an_old_exchange_rate() {
    use app::dto::ChartKind;
    let mut s = engine::templates::haiku_vs_4090();
    s.currency = Some(engine::scenario::Currency {
        code: "EUR".into(),
        per_usd: 0.92,
        as_of: "2025-06-02".into(),
        source: "ECB".into(),
    });
    let v = validate(s).expect("valid");
    let e = evaluate(&v, Options::default());
    let d = engine::report::decision::slide(&v, &e, 0);
    let charts: Vec<String> = ChartKind::ALL
        .iter()
        .map(|k| {
            app::charts::draw::svg(&v, &e, &server::onepager::deck::chart_options(*k))
                .expect("chart")
                .svg
        })
        .collect();
    let bytes = server::onepager::deck::build(&e, "x", &d, &charts, "Revision 1", Paper::A4, TODAY)
        .expect("pdf");
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("s.pdf");
    std::fs::write(&path, &bytes).expect("write");
    let text = words(&run("pdftotext", &[&path.to_string_lossy(), "-"]));
    let notes = engine::report::age_notes(&e, TODAY);
    assert!(notes.iter().next().is_some(), "an old rate is flagged");
    for n in notes.iter() {
        assert!(text.contains(&words(n)), "{n}: {text}");
    }
}

/// A configuration that cannot serve the workload is not in the figures; the one-pager
/// and the slides say it is left out and why, rather than drop it without a word.
#[test]
fn an_option_that_cannot_serve_is_named_as_not_compared() {
    let mut s = engine::templates::sonnet_vs_2xa100();
    let mut small = s.gpu_configs[0].clone();
    small.name = "One A100 for 70B".into();
    small.gpus_per_replica = 1;
    s.gpu_configs.push(small);
    let v = validate(s).expect("valid");
    let e = evaluate(&v, Options::default());
    let why = e.selfhosted[1]
        .unusable
        .clone()
        .expect("70B int8 does not fit one A100");
    let dir = tempfile::tempdir().expect("dir");
    let path = pdf(&v, &e, Paper::A4, dir.path(), "left-out.pdf");
    let text = words(&run("pdftotext", &[&path, "-"]));
    let said = words(&format!(
        "One A100 for 70B cannot serve this workload: {why}"
    ));
    assert!(text.contains(&format!("Not compared {said}")), "{text}");
    let d = engine::report::decision::slide(&v, &e, 3);
    let bytes = server::onepager::deck::build(&e, "x", &d, &[], "Revision 1", Paper::A4, TODAY)
        .expect("pdf");
    let path = dir.path().join("slides.pdf");
    std::fs::write(&path, &bytes).expect("write");
    let text = words(&run("pdftotext", &[&path.to_string_lossy(), "-"]));
    assert!(text.contains(&format!("Not compared: {said}")), "{text}");
}

/// Euros at a dated rate and a second configuration of the same GPU, growing: its notes
/// fit the one page, the chart drawn smaller (down to 60% of the width) to leave them room.
#[test]
fn a_euro_scenario_with_two_configurations_stays_on_one_page() {
    let dir = tempfile::tempdir().expect("dir");
    let mut s = engine::templates::sonnet_vs_2xa100();
    s.currency = Some(euros_dated_2025_06_02());
    s.task_types[0].monthly_growth = 0.05;
    let mut second = s.gpu_configs[0].clone();
    second.name = "2x A100 80GB + Llama 3.1 70B (int8), second provider".into();
    second.name_typed = true;
    s.gpu_configs.push(second);
    s.type_hourly(1, 1.99);
    let v = validate(s).expect("valid");
    let e = evaluate(&v, Options::default());
    let path = pdf(&v, &e, Paper::A4, dir.path(), "eur2.pdf");
    let info = run("pdfinfo", &[&path]);
    assert!(info.contains("Pages:           1"), "{info}");
}

/// A bought server cheaper by the month but worth less over the horizon than renting: the
/// advice names renting (the higher NPV), and the inputs that move the monthly saving say
/// whose saving that is (the bought server's).
#[test]
fn whose_saving_the_inputs_move_is_named_where_the_advice_weighs_another() {
    use engine::scenario::{Hosting, OnPremPricing};
    let mut s = engine::templates::sonnet_vs_2xa100();
    s.horizon_months = 24;
    let mut bought = s.gpu_configs[0].clone();
    bought.name = "Bought 2x A100".into();
    bought.hosting = Hosting::OnPrem(OnPremPricing {
        gpu_price_usd: 70_000.0,
        amortisation_months: 48.0,
        ..OnPremPricing::default()
    });
    s.gpu_configs.push(bought);
    let v = validate(s).expect("valid");
    let e = evaluate(&v, Options::default());
    let (_, k) = engine::report::decision::decided_pair(&e).expect("a pair");
    let (tier, config) = engine::curves::decision_names(&v).expect("a pair");
    assert_ne!(
        config, e.selfhosted[k].name,
        "the case: two different options"
    );
    let dir = tempfile::tempdir().expect("dir");
    let path = pdf(&v, &e, Paper::A4, dir.path(), "whose.pdf");
    let text = words(&run("pdftotext", &[&path, "-"]));
    assert!(
        text.contains(&words(&format!("Self-host {}", e.selfhosted[k].name))),
        "{text}"
    );
    let whose = words(&format!("the monthly saving of {config} over {tier}"));
    assert!(text.contains(&whose), "'{whose}' not in: {text}");
}
