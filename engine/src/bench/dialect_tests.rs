use super::*;

#[test]
fn decimal_commas_become_points_and_groups_go() {
    assert_eq!(comma_number("12,5").as_deref(), Some("12.5"));
    assert_eq!(comma_number("-0,25").as_deref(), Some("-0.25"));
    assert_eq!(comma_number("1.234,5").as_deref(), Some("1234.5"));
    assert_eq!(comma_number("1 234 567,0").as_deref(), Some("1234567.0"));
    assert_eq!(comma_number("1.234").as_deref(), Some("1234"));
    for not in [
        "12",
        "abc",
        "1,2,3",
        "12,",
        "1.23,4",
        "v1,5x",
        "",
        "2025-01-01",
    ] {
        assert_eq!(comma_number(not), None, "{not}");
    }
}

#[test]
fn only_a_number_that_reads_one_way_decides_the_mark() {
    for (f, want) in [
        ("0,5", Some(',')),
        ("12,25", Some(',')),
        ("1.234,5", Some(',')),
        ("0.125", Some('.')),
        ("12.25", Some('.')),
        ("1,234.5", Some('.')),
        ("70.965.665", Some(',')),
        ("1,234,567", Some('.')),
        ("1.2.3", None),
        ("1234.500", Some('.')),
        ("12345,125", Some(',')),
        ("03.11.2026", None),
        ("1,024", None),
        ("45.125", None),
        ("7", None),
        ("x,5", None),
    ] {
        assert_eq!(sure_mark(f), want, "{f}");
    }
}

#[test]
fn a_semicolon_table_is_rewritten_with_its_quotes_kept() {
    let t = "# exported 2026-12-01; by hand, twice\nmodel;avg_ts;note\n\"llama; 8B\";1.234,5;\"say \"\"hi\"\", ok\"\r\nqwen;12,25;\n";
    let r = to_comma_csv(t).expect("a table");
    assert_eq!(
        r.text,
        "# exported 2026-12-01; by hand, twice\nmodel,avg_ts,note\n\"llama; 8B\",1234.5,\"say \"\"hi\"\", ok\"\nqwen,12.25,\n"
    );
    assert!(
        r.note.contains("semicolons") && r.note.contains("decimal commas"),
        "{}",
        r.note
    );
    // What it wrote is a comma CSV: not rewritten again.
    assert_eq!(to_comma_csv(&r.text), None);
}

#[test]
fn an_english_tab_table_keeps_its_thousands_and_points() {
    // "1,024" could be 1.024 in another locale; "45.25" can only be a point decimal.
    let r = to_comma_csv("model\tn_prompt\tavg_ts\nllama 8B\t1,024\t45.25\n").expect("a table");
    assert_eq!(r.text, "model,n_prompt,avg_ts\nllama 8B,\"1,024\",45.25\n");
    assert!(!r.note.contains("decimal"), "{}", r.note);
    // Ambiguous both ways ("1,024", "45.125"): nothing is rewritten either.
    let r = to_comma_csv("a\tb\tc\nx\t1,024\t45.125\n").expect("a table");
    assert_eq!(r.text, "a,b,c\nx,\"1,024\",45.125\n");
}

#[test]
fn semicolons_with_point_decimals_and_lists_keep_both() {
    let r = to_comma_csv("gpus;ttft_s;model\n0,1;0.125;x\n").expect("a table");
    assert_eq!(r.text, "gpus,ttft_s,model\n\"0,1\",0.125,x\n");
    // Both marks without doubt: left as written, and said.
    let r = to_comma_csv("a;b;c\n0,5;0.25;x\n").expect("a table");
    assert!(
        r.note.contains("mix decimal commas and points"),
        "{}",
        r.note
    );
    assert_eq!(r.text, "a,b,c\n\"0,5\",0.25,x\n");
}

#[test]
fn a_header_alone_is_rewritten_so_its_refusal_says_it_has_no_rows() {
    assert_eq!(
        to_comma_csv("a;b;c\n").map(|r| r.text).as_deref(),
        Some("a,b,c\n")
    );
}

#[test]
fn what_is_not_such_a_table_is_left_alone() {
    for t in [
        "a,b,c\n1,2,3\n",
        "{\"a\": \"x;y;z\"}",
        "| model | size | test |\n| --- | --- | --- |",
        "INFO: throughput; tokens; x\nsomething else entirely\n",
        "a;b\n1;2\n",
        "",
    ] {
        assert_eq!(to_comma_csv(t), None, "{t}");
    }
}

/// A comma-decimal locale's save with no decimals in it: "100.000" groups thousands.
/// Points in two groups decide it wherever they are; with none, the semicolons do.
#[test]
fn a_semicolon_table_of_whole_numbers_reads_points_as_thousands() {
    let r =
        to_comma_csv("day;model;input;output\n2026-03-01;sonnet;100.000;5.000\n").expect("a table");
    assert_eq!(
        r.text,
        "day,model,input,output\n2026-03-01,sonnet,100000,5000\n"
    );
    assert!(r.note.contains("groups thousands"), "{}", r.note);
    let r = to_comma_csv("Date;Requests;Prompt Tokens\n2026-03-01;8.369;70.965.665\n")
        .expect("a table");
    assert_eq!(
        r.text,
        "Date,Requests,Prompt Tokens\n2026-03-01,8369,70965665\n"
    );
    // Tabs (a table copied in any locale) decide nothing: "1.250" is left as written,
    // and said.
    let r = to_comma_csv("a\tb\tc\nx\t1.250\t7\n").expect("a table");
    assert_eq!(r.text, "a,b,c\nx,1.250,7\n");
    assert!(r.note.contains("read either way"), "{}", r.note);
    // A point after four digits is a decimal point (a grouping would part them): the
    // semicolons' file then reads "45.125" as it is written.
    let r = to_comma_csv("model;tput;ttft\nllama;45.125;1234.500\n").expect("a table");
    assert_eq!(r.text, "model,tput,ttft\nllama,45.125,1234.500\n");
}
