//! `import_usage_reader` (a stream, a log read one line at a time) gives what
//! `import_usage` (the bytes in memory) gives, on every real sample and fixture, read
//! through buffers small enough to cut lines anywhere; and its own limits hold.

use engine::usage::{import_usage, import_usage_reader, import_usage_stream, MAX_LINE_BYTES};
use std::io::BufReader;

fn files(dir: &str, out: &mut Vec<std::path::PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{dir}: {e}")) {
        let p = e.expect("entry").path();
        if p.is_dir() {
            files(p.to_str().expect("utf-8 path"), out);
        } else if p.extension().is_none_or(|x| x != "md") {
            out.push(p);
        }
    }
}

#[test]
fn streamed_reads_equal_reads_in_memory_on_every_sample() {
    let mut all = Vec::new();
    for d in ["tests/usage-samples", "tests/fixtures/usage"] {
        files(&format!("{}/{d}", env!("CARGO_MANIFEST_DIR")), &mut all);
    }
    assert!(all.len() >= 11, "{all:?}");
    let mut logs = 0;
    for p in &all {
        let bytes = std::fs::read(p).expect("reads");
        let whole = import_usage(&bytes);
        // Heads smaller than the file: a log streams past them, cut anywhere.
        for (cap, head) in [(7, 1), (7, 3000), (4096, 5000), (64, 65_536)] {
            let streamed = import_usage_stream(BufReader::with_capacity(cap, &bytes[..]), head);
            assert_eq!(
                streamed,
                whole,
                "{} (buffer {cap}, head {head})",
                p.display()
            );
        }
        logs += usize::from(p.extension().is_some_and(|x| x == "jsonl"));
    }
    assert!(logs >= 3, "JSON lines logs among the samples: {logs}");
}

fn call(i: usize, text: &str) -> String {
    format!(
        r#"{{"type":"message","id":"msg_{i}","model":"claude-haiku-4-5","content":[{{"type":"text","text":"{text}"}}],"usage":{{"input_tokens":10,"output_tokens":{}}},"created_at":"2026-01-01T00:00:{:02}Z"}}"#,
        i + 1,
        i % 60
    )
}

#[test]
fn a_log_streams_past_its_head_and_its_long_lines_are_skipped_and_said() {
    // 60 answers of ~100 KB: the 4 MB head ends inside a line, which is finished from
    // the stream; then a line over the limit and a line that is not UTF-8.
    let text = "x".repeat(100_000);
    let mut log = String::new();
    for i in 0..60 {
        log.push_str(&call(i, &text));
        log.push('\n');
    }
    let whole = import_usage(log.as_bytes()).expect("reads");
    assert_eq!(whole.records.len(), 60);
    let streamed = import_usage_reader(BufReader::new(log.as_bytes())).expect("reads");
    assert_eq!(streamed, whole);
    let output: f64 = streamed.records.iter().map(|r| r.tokens.output).sum();
    assert_eq!(output, (1..=60).sum::<usize>() as f64);

    let mut bytes = log.into_bytes();
    bytes.extend(call(60, &"y".repeat(MAX_LINE_BYTES as usize)).into_bytes());
    bytes.push(b'\n');
    // A line of exactly the limit is read.
    let exact = call(
        62,
        &"z".repeat(MAX_LINE_BYTES as usize - call(62, "").len()),
    );
    assert_eq!(exact.len() as u64, MAX_LINE_BYTES);
    bytes.extend(exact.into_bytes());
    bytes.push(b'\n');
    bytes.extend(b"{\"usage\": \"\xff\xfe\"}\n");
    bytes.extend(call(61, "after").into_bytes());
    let u = import_usage_reader(BufReader::new(&bytes[..])).expect("reads");
    assert_eq!(
        u.records.len(),
        62,
        "the long line skipped, the one at the limit and the one after read"
    );
    let said = |w: &str| u.skipped.iter().any(|(why, n)| why.contains(w) && *n == 1);
    assert!(said("longer than 16 MB"), "{:?}", u.skipped);
    assert!(said("not UTF-8"), "{:?}", u.skipped);
}

#[test]
fn what_is_not_a_log_is_read_whole_and_refused_as_before() {
    let e = import_usage_reader(BufReader::new(&b""[..])).expect_err("empty");
    assert!(e.contains("empty"), "{e}");
    let e = import_usage_reader(BufReader::new(&br#"{"hello": 1}"#[..])).expect_err("no usage");
    assert!(e.contains("no usage"), "{e}");
    let e = import_usage_reader(BufReader::new(&b"a,b\n1,2\n"[..])).expect_err("not usage");
    assert!(e.contains("CSV"), "{e}");
}

#[test]
fn edge_inputs_read_streamed_as_in_memory() {
    let inputs: [&[u8]; 4] = [
        // A first line that is JSON but reads as a CSV header (a comma, no brace).
        b"\"a,b\"\n{\"x\": 1}\n{\"y\": 2}\n",
        // Blank lines between the lines of a log.
        b"\n\n{\"type\":\"message\",\"model\":\"claude-haiku-4-5\",\"usage\":{\"input_tokens\":5,\"output_tokens\":7}}\n\n\n{\"type\":\"message\",\"model\":\"claude-haiku-4-5\",\"usage\":{\"input_tokens\":1,\"output_tokens\":2}}\n",
        // No newline at the end.
        b"{\"type\":\"message\",\"model\":\"m\",\"usage\":{\"input_tokens\":1,\"output_tokens\":1}}\n{\"type\":\"message\",\"model\":\"m\",\"usage\":{\"input_tokens\":1,\"output_tokens\":1}}",
        // A document printed over many lines.
        b"{\n \"object\": \"page\",\n \"data\": []\n}\n",
    ];
    for bytes in inputs {
        let whole = import_usage(bytes);
        for head in [1, 8, 30, 64, 4096] {
            let streamed = import_usage_stream(BufReader::with_capacity(3, bytes), head);
            assert_eq!(
                streamed,
                whole,
                "{:?} (head {head})",
                String::from_utf8_lossy(bytes)
            );
        }
    }
}
