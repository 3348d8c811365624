//! Usage exports as they arrive after a round trip through other hands: joined to
//! themselves, cut short, saved by a spreadsheet in another locale or encoding. Each is
//! made here from a fixture, and read against what the fixture itself reads as.

use engine::usage::{import_usage, summarise, UsageImport};

fn fixture(name: &str) -> String {
    let p = format!("{}/tests/fixtures/usage/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{p}: {e}"))
}

fn requests(u: &UsageImport) -> f64 {
    u.records.iter().filter_map(|r| r.requests).sum()
}

fn input(u: &UsageImport) -> f64 {
    summarise(u).iter().map(|g| g.tokens.input_total()).sum()
}

fn says(u: &UsageImport, what: &str) -> bool {
    u.notes.iter().any(|n| n.contains(what)) || u.skipped.iter().any(|(w, _)| w.contains(what))
}

/// `cat a.csv a.csv`: the header again in the middle, every row twice. Read once.
#[test]
fn a_table_joined_to_itself_counts_once() {
    for name in ["openai_dashboard_usage.csv", "helicone_export.csv"] {
        let one = fixture(name);
        let u1 = import_usage(one.as_bytes()).expect("reads");
        let u2 = import_usage(format!("{one}{one}").as_bytes()).expect("reads");
        assert_eq!(requests(&u2), requests(&u1), "{name}");
        assert_eq!(input(&u2), input(&u1), "{name}");
        assert!(
            says(&u2, "joined one after another"),
            "{name}: {:?}",
            u2.notes
        );
    }
    // The bill the same way: $2.99, not $5.97.
    let costs = fixture("openai_dashboard_costs.csv");
    let billed = |u: &UsageImport| u.costs.iter().map(|c| c.usd).sum::<f64>();
    let c1 = import_usage(costs.as_bytes()).expect("reads");
    let c2 = import_usage(format!("{costs}{costs}").as_bytes()).expect("reads");
    assert!(
        (billed(&c2) - billed(&c1)).abs() < 1e-9,
        "{} {}",
        billed(&c2),
        billed(&c1)
    );
}

/// A request log's rows name a request id: the same id again (rows joined without their
/// header) is the same request.
#[test]
fn a_request_id_met_again_is_one_request() {
    let one = fixture("helicone_export.csv");
    let body = one.split_once('\n').expect("header").1;
    let u1 = import_usage(one.as_bytes()).expect("reads");
    let u2 = import_usage(format!("{one}{body}").as_bytes()).expect("reads");
    assert_eq!(requests(&u2), requests(&u1));
    assert!(says(&u2, "a row met before"), "{:?}", u2.skipped);
}

/// The last row cut in the middle (a download that stopped): left out and said, not
/// read with its missing cells as 0.
#[test]
fn a_last_row_cut_short_is_left_out() {
    let full = fixture("openrouter_activity.csv");
    // The last row stops after its prompt tokens.
    let last = full.trim_end().rfind('\n').expect("rows");
    let cells: Vec<&str> = full[last + 1..].split(',').collect();
    let cut = format!("{}\n{}", &full[..last], cells[..6].join(","));
    let u = import_usage(cut.as_bytes()).expect("reads the first row");
    assert_eq!(requests(&u), 4115.0);
    assert!(says(&u, "the file is cut short"), "{:?}", u.skipped);
}

/// Saved by a German spreadsheet: semicolons, and points that group thousands.
#[test]
fn a_semicolon_table_with_thousands_points_reads_whole_counts() {
    let de = |t: &str| {
        t.lines()
            .map(|l| {
                l.split(',')
                    .map(|c| {
                        let c = c.trim_matches('"');
                        match c.parse::<u64>() {
                            Ok(n) if n >= 1000 => {
                                let s = n.to_string();
                                let mut out = String::new();
                                for (i, ch) in s.chars().enumerate() {
                                    if i > 0 && (s.len() - i) % 3 == 0 {
                                        out.push('.');
                                    }
                                    out.push(ch);
                                }
                                out
                            }
                            // A decimal as the locale writes it: "430.07" is "430,07".
                            _ if c.parse::<f64>().is_ok() => c.replace('.', ","),
                            _ => c.to_string(),
                        }
                    })
                    .collect::<Vec<_>>()
                    .join(";")
            })
            .collect::<Vec<_>>()
            .join("\n")
    };
    for name in ["anthropic_console_usage.csv", "openrouter_activity.csv"] {
        let t = fixture(name);
        let u1 = import_usage(t.as_bytes()).expect("reads");
        let u2 = import_usage(de(&t).as_bytes()).expect("reads");
        assert_eq!(input(&u2), input(&u1), "{name}: {:?}", u2.notes);
        assert_eq!(requests(&u2), requests(&u1), "{name}");
    }
}

/// A batch column in a spreadsheet's own words (WAHR, VRAI) is read; a word it does not
/// know is said, not taken as "not batch".
#[test]
fn a_batch_column_in_another_language_is_read_or_said() {
    let t = fixture("openai_dashboard_usage.csv");
    let row = t.lines().nth(4).expect("a row of 21 requests");
    let with = |word: &str| t.replacen(row, &row.replacen("FALSE", word, 1), 1);
    for word in ["TRUE", "WAHR", "VRAI"] {
        let u = import_usage(with(word).as_bytes()).expect("reads");
        assert!(u.records.iter().any(|r| r.batch == Some(true)), "{word}");
    }
    let u = import_usage(with("JA-ISH").as_bytes()).expect("reads");
    assert!(says(&u, "read as neither yes nor no"), "{:?}", u.notes);
}

/// Amounts as a US spreadsheet writes them ("1,250.00", "$2,345.67") are dollars.
#[test]
fn cost_amounts_with_thousands_commas_are_read() {
    let t = "start_time,end_time,amount_value,amount_currency\n1759622400,1759708800,\"1,250.00\",usd\n1759708800,1759795200,\"$2,345.67\",usd\n";
    let u = import_usage(t.as_bytes()).expect("reads");
    let billed: f64 = u.costs.iter().map(|c| c.usd).sum();
    assert!((billed - 3_595.67).abs() < 1e-9, "{billed}");
    // A credit, as a minus or in brackets.
    let t = "start_time,end_time,amount_value,amount_currency\n1759622400,1759708800,-$12.50,usd\n1759708800,1759795200,($2.50),usd\n1759795200,1759881600,20,usd\n";
    let u = import_usage(t.as_bytes()).expect("reads");
    let billed: f64 = u.costs.iter().map(|c| c.usd).sum();
    assert!((billed - 5.0).abs() < 1e-9, "{billed}");
    // A date no reader can tell day from month: refused, naming it.
    let e = import_usage(b"usage_date_utc,model,token_type,cost_usd\n03/11/2026,x,input,1.0\n")
        .expect_err("refused");
    assert!(e.contains("03/11/2026"), "{e}");
}

/// The same table as UTF-16 (Excel's "Unicode text"), with a classic Mac's line ends,
/// and with NUL bytes after it: the same usage, and said.
#[test]
fn encodings_and_line_ends_read_as_the_same_usage() {
    let t = fixture("openai_dashboard_usage.csv");
    let base = import_usage(t.as_bytes()).expect("reads");
    let mut utf16 = vec![0xff, 0xfe];
    utf16.extend(t.encode_utf16().flat_map(u16::to_le_bytes));
    let mac = t.replace('\n', "\r");
    let mut nul = t.clone().into_bytes();
    nul.extend([0, 0, 0]);
    for (bytes, note) in [
        (utf16, "UTF-16"),
        (mac.into_bytes(), "lone CR"),
        (nul, "3 NUL bytes"),
    ] {
        let u = import_usage(&bytes).expect(note);
        assert_eq!(requests(&u), requests(&base), "{note}");
        assert!(says(&u, note), "{note}: {:?}", u.notes);
    }
}

/// What is not usage at all: refused, saying why and what to do.
#[test]
fn refuses_what_is_not_usage_with_a_reason() {
    assert!(import_usage(b"").expect_err("refused").contains("empty"));
    // Windows-1252's "é" in a CSV: where, which byte, and what to do.
    let e = import_usage(b"time,model,input_tokens,output_tokens\n2026-01-01,caf\xe9,1,1\n")
        .expect_err("refused");
    assert!(
        e.contains("offset 52 (0xE9)") && e.contains("CSV UTF-8"),
        "{e}"
    );
    // A PNG renamed .json is no text at all: said so, not "save it as CSV UTF-8".
    let e = import_usage(
        b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\x01\0\0\0\x01\0\x08\x06\0\0\0\x1f\x15\xc4\x89",
    )
    .expect_err("refused");
    assert!(
        e.contains("binary file") && !e.contains("UTF-8\u{201d}"),
        "{e}"
    );
    // UTF-16 with no byte order mark: said so, not "a binary file".
    let utf16: Vec<u8> = "time,model,input_tokens,output_tokens\n"
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .collect();
    let e = import_usage(&utf16).expect_err("refused");
    assert!(e.contains("UTF-16 text without a byte order mark"), "{e}");
    // A UTF-16 byte order mark and nothing after it: read, and empty.
    assert!(import_usage(&[0xff, 0xfe, 0x00])
        .expect_err("refused")
        .contains("empty"));
    let e = import_usage(&[0x1f, 0x8b, 8, 0]).expect_err("refused");
    assert!(e.contains("gzip"), "{e}");
    let e = import_usage(b"PK\x03\x04rest").expect_err("refused");
    assert!(e.contains("zip archive"), "{e}");
    // A workbook is a zip too: it is asked for as CSV, not to be unpacked.
    let e = import_usage(b"PK\x03\x04\x14\0\0\0[Content_Types].xml...").expect_err("refused");
    assert!(
        e.contains("spreadsheet workbook") && e.contains("CSV UTF-8"),
        "{e}"
    );
    let e = import_usage(b"BZh91AY&SY").expect_err("refused");
    assert!(e.contains("bzip2"), "{e}");
    let e = import_usage(br#"{"hello": 1}"#).expect_err("refused");
    assert!(e.contains("no usage"), "{e}");
}

/// Two pages of a report printed over many lines, one after another (`cat p1.json
/// p2.json`): read as the report's pages, though an inner line (a model's usage) reads as
/// JSON alone, not as a log whose other lines are not JSON.
#[test]
fn pages_printed_over_many_lines_and_joined_read_as_pages() {
    let page = r#"{
  "data": [
    {"date": "2026-03-01", "countObservations": 10,
     "usage": [
       {"model": "gpt-4o", "inputUsage": 1000, "outputUsage": 100, "countObservations": 10}
     ]}
  ],
  "meta": {"page": 1, "limit": 50, "totalItems": 1, "totalPages": 1}
}
"#;
    let one = import_usage(page.as_bytes()).expect("reads");
    let two = import_usage(format!("{page}\n{page}").as_bytes()).expect("reads");
    assert_eq!(two.format, one.format);
    assert_eq!(requests(&two), 10.0, "a page again counts once");
}

/// Helicone's JSON lines with their last line cut short: the whole lines are read, the cut
/// one is skipped and said, not the file refused.
#[test]
fn json_rows_with_a_last_line_cut_short_read_the_rest() {
    let t = fixture("helicone_export.jsonl");
    let whole = import_usage(t.as_bytes()).expect("reads");
    let lines: Vec<&str> = t.lines().filter(|l| !l.trim().is_empty()).collect();
    let last = lines.last().expect("a line");
    let cut = format!(
        "{}\n{}",
        lines[..lines.len() - 1].join("\n"),
        &last[..last.len() / 2]
    );
    let u = import_usage(cut.as_bytes()).expect("reads the whole lines");
    assert!(requests(&u) < requests(&whole) && requests(&u) > 0.0);
    assert!(says(&u, "a line that is not JSON"), "{:?}", u.skipped);
}

/// An OpenAI usage page fetched again later, when its last day was complete: that day
/// is read once, from the fuller page.
#[test]
fn a_bucket_fetched_again_with_more_traffic_replaces_the_partial_one() {
    let bucket = |start: i64, n: u64| {
        format!(
            r#"{{"object":"bucket","start_time":{start},"end_time":{},"results":[{{"object":"organization.usage.completions.result","input_tokens":{},"output_tokens":{},"num_model_requests":{n},"input_cached_tokens":0}}]}}"#,
            start + 86_400,
            n * 100,
            n * 10
        )
    };
    let page = |buckets: &[String]| {
        format!(
            r#"{{"object":"page","data":[{}],"has_more":false,"next_page":null}}"#,
            buckets.join(",")
        )
    };
    let day = 1_759_622_400;
    // First fetch: day 2 partial (3 requests). Later fetch: day 2 complete (9), day 3.
    let first = page(&[bucket(day, 10), bucket(day + 86_400, 3)]);
    let later = page(&[bucket(day + 86_400, 9), bucket(day + 2 * 86_400, 5)]);
    let u = import_usage(format!("{first}\n{later}").as_bytes()).expect("reads");
    assert_eq!(requests(&u), 10.0 + 9.0 + 5.0);
    assert!(says(&u, "a page fetched again later"), "{:?}", u.skipped);
}

/// Dates with dots, as a German spreadsheet saves them ("22.03.2026"): day first, read.
#[test]
fn dotted_dates_are_day_first() {
    let t = fixture("anthropic_console_usage.csv");
    let iso = import_usage(t.as_bytes()).expect("reads");
    let de: String = t
        .lines()
        .map(|l| match l.split_once(',') {
            Some((d, rest)) if d.len() == 10 && d.as_bytes()[4] == b'-' => {
                format!("{}.{}.{},{rest}\n", &d[8..10], &d[5..7], &d[..4])
            }
            _ => format!("{l}\n"),
        })
        .collect();
    let u = import_usage(de.as_bytes()).expect("reads dotted dates");
    let span = |u: &UsageImport| {
        (
            u.records.iter().map(|r| r.start).min(),
            u.records.iter().map(|r| r.end).max(),
        )
    };
    assert_eq!(span(&u), span(&iso));
    assert_eq!(input(&u), input(&iso));
}
