//! The key and the labels: fitted, wrapped, laid out inside the chart.
use super::{fit, wrap, wrap_apart};

/// 7 pixels a character, as a monospaced font would be.
fn mono(t: &str) -> f64 {
    7.0 * t.chars().count() as f64
}

#[test]
fn a_fitted_label_keeps_what_it_measures_and_fits() {
    let label =
        "2x A100 80GB SXM + Llama 3.1 70B Int8 (cloud, on demand): $/GPU-hour (1.87 .. 3.11)";
    assert_eq!(fit(label, 1000.0, &mono), label, "room enough: unchanged");
    let short = fit(label, 350.0, &mono);
    assert!(mono(&short) <= 350.0, "{short}");
    assert!(short.ends_with(": $/GPU-hour (1.87 .. 3.11)"), "{short}");
    assert!(short.starts_with("2x A100"), "{short}");
    // Two configurations that differ at the end of their names still differ.
    let other = label.replace("on demand", "reserved");
    assert_ne!(fit(&other, 350.0, &mono), short);
    // An owner's name with ": " of its own is still the owner.
    let article = "RTX 4090 + Llama 3.1 8B (article: 80 tok/s): $/GPU-hour (0.34 .. 0.74)";
    let short = fit(article, 300.0, &mono);
    assert!(
        short.starts_with("RTX") && short.ends_with("tok/s): $/GPU-hour (0.34 .. 0.74)"),
        "{short}"
    );
    // Too narrow for what it measures and its range (a phone): what it measures alone,
    // so input and output tokens of one task are still told apart.
    let input = "Agentic workflow: input tokens/call (600 .. 1,000 tokens/call)";
    let output = "Agentic workflow: output tokens/call (300 .. 500 tokens/call)";
    let (i, o) = (fit(input, 210.0, &mono), fit(output, 210.0, &mono));
    assert!(mono(&i) <= 210.0 && mono(&o) <= 210.0, "{i} / {o}");
    assert!(
        i.ends_with(": input tokens/call") && o.ends_with(": output tokens/call"),
        "{i} / {o}"
    );
    assert!(i.starts_with("Ag"), "{i}");
    // A bracket that is no range stays: "(USD)".
    let desc = "monthly saving: the cheapest self-hosted option vs the baseline tier (USD)";
    let d = fit(desc, 300.0, &mono);
    assert!(mono(&d) <= 300.0 && d.ends_with("(USD)"), "{d}");
    // No "owner: what": shortened in the middle.
    let plain = fit(
        "monthly saving of the best self-hosted option",
        140.0,
        &mono,
    );
    assert!(mono(&plain) <= 140.0 && plain.contains("..."), "{plain}");
}

/// A name shortened inside its bracket keeps the bracket's opening: "(...on demand)",
/// never "...on demand)".
#[test]
fn a_bracket_cut_open_keeps_its_opening() {
    let label =
        "2x A100 80GB SXM + Llama 3.1 70B Int8 (cloud, on demand): $/GPU-hour (1.87 .. 3.11)";
    for room in [300.0, 330.0, 350.0, 400.0] {
        let short = fit(label, room, &mono);
        assert!(mono(&short) <= room, "{short}");
        let owner = short.rsplit_once(": ").expect("owner: what").0;
        assert_eq!(
            owner.matches('(').count(),
            owner.matches(')').count(),
            "{short}"
        );
        assert!(owner.ends_with(')'), "the tail keeps its bracket: {short}");
    }
    // A bracket kept whole in the tail, or none at all, gets no extra one.
    let plain = fit(
        "RTX 4090 + Llama 3.1 8B on two cards in the rack: $/GPU-hour",
        250.0,
        &mono,
    );
    assert!(!plain.contains('('), "{plain}");
}

/// Shortened in the middle at word boundaries where it can: no "Llama 3...stimated".
#[test]
fn a_shortened_name_keeps_whole_words_where_it_can() {
    let name = "RTX 4090 + Llama 3.1 8B (estimated, batched)";
    let short = fit(name, 200.0, &mono);
    assert!(mono(&short) <= 200.0, "{short}");
    let (head, tail) = short.split_once("...").expect("shortened");
    // The cut bracket's opening, said before the "...", is not a word of the head.
    let head = head.strip_suffix(" (").unwrap_or(head);
    let words: Vec<&str> = name.split(' ').collect();
    assert!(
        words.iter().any(|w| head.ends_with(w)),
        "the head ends on a whole word: {short}"
    );
    assert!(
        words.iter().any(|w| tail.starts_with(w)),
        "the tail starts on a whole word: {short}"
    );
}

#[test]
fn an_owner_reads_the_same_on_each_of_its_labels() {
    let owner = "On-prem experiment in the basement rack: Llama 3.1 70B";
    let labels = vec![
        format!("{owner}: $/GPU-hour (1.87 .. 3.11)"),
        format!("{owner}: target utilisation (0.45 .. 0.75)"),
        "Hours per month (540 .. 900)".to_string(),
    ];
    let out = super::fit_all(&labels, 400.0, &mono);
    let owners: Vec<&str> = out[..2]
        .iter()
        .filter_map(|l| l.rsplit_once(": ").map(|x| x.0))
        .collect();
    assert_eq!(owners[0], owners[1], "{out:?}");
    assert!(out.iter().all(|l| mono(l) <= 400.0), "{out:?}");
    assert!(out[0].ends_with(": $/GPU-hour (1.87 .. 3.11)"), "{out:?}");
    assert!(!out[0].contains("...."), "no dot beside the cut: {out:?}");
    assert_eq!(out[2], labels[2]);
}

/// A tier's name wider than a narrow chart is wrapped onto rows of its own, every line
/// inside the chart's right margin and no word lost; the next entry starts below it.
#[test]
fn a_key_name_wider_than_the_chart_is_wrapped_not_cut() {
    use plotters::prelude::*;
    let mut svg = String::new();
    let root = SVGBackend::with_string(&mut svg, (390, 420)).into_drawing_area();
    let long = "Claude Sonnet 4.6 (priority tier, European data-residency, long context)";
    let entries = [
        super::Entry {
            name: "Claude Haiku 4.5",
            color: RGBColor(0, 0, 0),
            swatch: super::Swatch::Line,
        },
        super::Entry {
            name: long,
            color: RGBColor(0, 0, 0),
            swatch: super::Swatch::Line,
        },
        super::Entry {
            name: "RTX 4090",
            color: RGBColor(0, 0, 0),
            swatch: super::Swatch::Line,
        },
    ];
    let key = super::layout(&root, &entries, 1.0);
    let style = super::font(14.0, 1.0);
    let right = 390.0 - 16.0;
    for ((x, _), lines) in key.at.iter().zip(&key.lines) {
        for l in lines {
            let w = super::text_width(&root, l, &style);
            assert!(
                x + 30.0 + w <= right + 0.5,
                "{l:?} ends at {}",
                x + 30.0 + w
            );
        }
    }
    assert!(key.lines[1].len() > 1, "wrapped: {:?}", key.lines[1]);
    assert_eq!(key.lines[1].join(" "), long, "no word lost");
    // Its own rows: after the first entry's row, and the third entry below its last line.
    assert_eq!(key.at[1].1, 1.0);
    assert_eq!(key.at[2].1, 1.0 + key.lines[1].len() as f64);
    assert!(key.height >= (key.at[2].1 + 1.0) * key.row_h);
}

#[test]
fn a_word_wider_than_the_room_is_shortened_alone_and_a_blank_name_keeps_a_line() {
    let long = "Supercalifragilisticexpialidocious-GPU-cluster on demand (3-year)";
    let lines = wrap(long, 150.0, 3, &mono);
    assert!(lines.iter().all(|l| mono(l) <= 150.0), "{lines:?}");
    assert!(
        lines[0].contains("..."),
        "the long word is shortened: {lines:?}"
    );
    assert_eq!(
        lines[1..].join(" "),
        "on demand (3-year)",
        "the rest is whole"
    );
    assert_eq!(wrap("   ", 150.0, 3, &mono), vec![String::new()]);
    assert_eq!(wrap("", 150.0, 3, &mono).len(), 1);
}

/// A key entry drawn as a black line per name.
fn lines_named<S: AsRef<str>>(names: &[S]) -> Vec<super::Entry<'_>> {
    names
        .iter()
        .map(|n| super::Entry {
            name: n.as_ref(),
            color: plotters::style::RGBColor(0, 0, 0),
            swatch: super::Swatch::Line,
        })
        .collect()
}

/// Four long names would take eight rows wrapped, over a third of the chart: each
/// keeps to one row instead, shortened, and the key stays within a third.
#[test]
fn many_long_names_keep_to_one_row_each_so_the_plot_keeps_its_room() {
    use plotters::prelude::*;
    let mut svg = String::new();
    let root = SVGBackend::with_string(&mut svg, (600, 400)).into_drawing_area();
    let names = [
        "Claude Sonnet 4.6 (priority tier, European data-residency, long context) A",
        "Claude Sonnet 4.6 (priority tier, European data-residency, long context) B",
        "4x H100 SXM 80GB + Llama 3.1 70B FP8 (bought, 3-year, with a support contract)",
        "2x A100 80GB SXM + Llama 3.1 70B Int8 (cloud, on demand, in Frankfurt region)",
    ];
    let entries = lines_named(&names);
    let key = super::layout(&root, &entries, 1.0);
    assert!(key.height <= 400.0 / 3.0, "{}", key.height);
    let style = super::font(14.0, 1.0);
    for ((x, _), lines) in key.at.iter().zip(&key.lines) {
        assert_eq!(lines.len(), 1, "{lines:?}");
        let w = super::text_width(&root, &lines[0], &style);
        assert!(x + 30.0 + w <= 600.0 - 16.0 + 0.5, "{lines:?}");
    }
    // The two Sonnet names still differ where they differ: at their ends.
    assert_ne!(key.lines[0], key.lines[1]);
}

#[test]
fn wrapped_lines_fit_their_room_and_lose_no_word_that_fits() {
    let name = "4x H100 SXM 80GB + Llama 3.1 70B FP8 (bought, 3-year)";
    let lines = wrap(name, 150.0, 2, &mono);
    assert_eq!(lines.len(), 2, "{lines:?}");
    assert!(lines.iter().all(|l| mono(l) <= 150.0), "{lines:?}");
    assert_eq!(lines[0], "4x H100 SXM 80GB +", "{lines:?}");
    assert!(lines[1].ends_with("3-year)"), "{lines:?}");
    assert_eq!(
        wrap("Claude Haiku 3.5", 150.0, 2, &mono),
        vec!["Claude Haiku 3.5"]
    );
    // Two lines are enough: every word is kept.
    assert_eq!(
        wrap("Claude Sonnet 4.6 batch", 120.0, 2, &mono).join(" "),
        "Claude Sonnet 4.6 batch"
    );
    // One line: shortened to fit.
    let one = wrap(name, 150.0, 1, &mono);
    assert!(one.len() == 1 && mono(&one[0]) <= 150.0, "{one:?}");
}

/// Eight long names take eight rows even one each, over a third of the chart: they share
/// rows, each shortened to its share, and the key stays within a third.
#[test]
fn eight_long_names_share_rows_so_the_key_keeps_to_a_third() {
    use plotters::prelude::*;
    let mut svg = String::new();
    let root = SVGBackend::with_string(&mut svg, (900, 450)).into_drawing_area();
    let names: Vec<String> = (1..=8)
        .map(|i| {
            format!(
                "Configuration {i}: 4x H100 SXM 80GB + Llama 3.1 70B FP8 (bought, 3-year, support)"
            )
        })
        .collect();
    let entries = lines_named(&names);
    let key = super::layout(&root, &entries, 1.0);
    assert!(key.height <= 450.0 / 3.0, "{}", key.height);
    let style = super::font(14.0, 1.0);
    let mut rows = std::collections::BTreeSet::new();
    for ((x, row), lines) in key.at.iter().zip(&key.lines) {
        assert_eq!(lines.len(), 1, "{lines:?}");
        let w = super::text_width(&root, &lines[0], &style);
        assert!(x + 30.0 + w <= 900.0 - 16.0 + 0.5, "{lines:?}");
        rows.insert(*row as i64);
    }
    assert!(rows.len() < 8, "{rows:?}");
    // Shortened, each still tells itself from the others.
    let distinct: std::collections::BTreeSet<&String> = key.lines.iter().map(|l| &l[0]).collect();
    assert_eq!(distinct.len(), 8, "{:?}", key.lines);
}

/// On a phone every row of one owner drops its range, and the owner reads the same on
/// each ("Ag...: input tokens/call" beside "Ag...: output tokens/call").
#[test]
fn on_a_phone_an_owners_rows_drop_their_ranges_together() {
    let labels = [
        "Agentic workflow: input tokens/call (600 .. 1,000 tokens/call)".to_string(),
        "Agentic workflow: output tokens/call (300 .. 500 tokens/call)".to_string(),
        "Agentic workflow: calls a month (750,000 .. 1,250,000 calls)".to_string(),
    ];
    let fitted = super::fit_all(&labels, 210.0, &mono);
    let owners: Vec<&str> = fitted
        .iter()
        .map(|l| l.rsplit_once(": ").expect("owner: what").0)
        .collect();
    assert!(owners.iter().all(|o| *o == owners[0]), "{fitted:?}");
    assert!(
        fitted
            .iter()
            .all(|l| mono(l) <= 210.0 && !l.contains(" .. ")),
        "{fitted:?}"
    );
    assert!(fitted[0].ends_with(": input tokens/call"), "{fitted:?}");
    assert!(fitted[1].ends_with(": output tokens/call"), "{fitted:?}");
}

/// Two configurations of one GPU and model under narrow bars (a phone): each keeps the
/// words that tell it apart whole, on its own line, rather than both ending "Ll...".
#[test]
fn names_that_share_their_start_keep_what_tells_them_apart() {
    let names = [
        "RTX 4090 + Llama 3.1 8B (bench: 1,234 tok/s)".to_string(),
        "RTX 4090 + Llama 3.1 8B (estimated, batched)".to_string(),
        "Claude Haiku 3.5".to_string(),
    ];
    let lines = wrap_apart(&names, 150.0, &mono);
    assert_eq!(lines[0][1], "(bench: 1,234 tok/s)", "{lines:?}");
    assert_eq!(lines[1][1], "(estimated, batched)", "{lines:?}");
    assert!(lines[0][0].starts_with("RTX 4090"), "{lines:?}");
    assert_eq!(
        lines[2],
        vec!["Claude Haiku 3.5"],
        "fits: as wrap writes it"
    );
    assert!(
        lines.iter().flatten().all(|l| mono(l) <= 150.0),
        "{lines:?}"
    );
    // With room for both lines whole, the plain wrap.
    assert_eq!(
        wrap_apart(&names[..1], 400.0, &mono)[0],
        wrap(&names[0], 400.0, 2, &mono)
    );
}

#[test]
fn a_shortened_name_never_cuts_a_number() {
    let name = "RTX 4090 + Llama 3.1 8B (estimated, batched)";
    for room in (40..460).step_by(10) {
        let short = fit(name, f64::from(room), &mono);
        for part in short.split("...") {
            for word in part.split([' ', '(', ')', ',']) {
                if word.chars().any(|c| c.is_ascii_digit()) {
                    assert!(
                        name.split([' ', '(', ')', ',']).any(|w| w == word),
                        "{room}: '{word}' of '{short}' is a cut number"
                    );
                }
            }
        }
    }
}
