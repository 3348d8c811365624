//! A usage file read from a stream. A log of requests (JSON lines) is read one line at a
//! time, so a log of any size costs the memory of its counts, not of its bytes; any
//! other format (a report, a JSON array, a CSV) is read whole, up to `MAX_WHOLE_BYTES`.
//! Both give what `import_usage` gives for the same bytes (tested on every sample),
//! except that a log's line that is not UTF-8 text, or longer than `MAX_LINE_BYTES`, is
//! skipped and said (`import_usage` refuses a file that is not UTF-8, and reads any
//! line), and that the format is decided from the first 100 non-empty lines within
//! 4 MB (`import_usage` takes the first 100 non-empty lines, however long).

use super::detect::is_request_log;
use super::{bound, import_usage, per_request, UsageImport};
use std::io::{BufRead, Read};

/// Largest file that is not a log of JSON lines read by `import_usage_reader`.
pub const MAX_WHOLE_BYTES: u64 = 256 << 20;
/// Longest line of a log read; a longer one is skipped and said.
pub const MAX_LINE_BYTES: u64 = 16 << 20;
/// The start of a file that decides its format: `per_request::SNIFF` lines, at most this.
const HEAD_BYTES: u64 = 4 << 20;

/// One line into `buf` (cleared first), at most `MAX_LINE_BYTES` before its newline:
/// `None` at the end of the input, `Some(false)` for a longer line (the rest of it is
/// passed over).
fn read_line(input: &mut impl BufRead, buf: &mut Vec<u8>) -> std::io::Result<Option<bool>> {
    buf.clear();
    let n = input
        .by_ref()
        .take(MAX_LINE_BYTES + 1)
        .read_until(b'\n', buf)?;
    if n == 0 {
        return Ok(None);
    }
    if buf.last() == Some(&b'\n') || (n as u64) <= MAX_LINE_BYTES {
        return Ok(Some(true));
    }
    // Too long: pass over the rest of the line without keeping it.
    loop {
        let chunk = input.fill_buf()?;
        if chunk.is_empty() {
            return Ok(Some(false));
        }
        match chunk.iter().position(|&b| b == b'\n') {
            Some(i) => {
                input.consume(i + 1);
                return Ok(Some(false));
            }
            None => {
                let len = chunk.len();
                input.consume(len);
            }
        }
    }
}

fn unreadable(e: std::io::Error) -> String {
    format!("the file could not be read to its end ({})", e.kind())
}

/// Reads a usage or cost export from a stream (a file, an upload), detecting its format
/// as `import_usage` does.
pub fn import_usage_reader(input: impl BufRead) -> Result<UsageImport, String> {
    import_usage_stream(input, HEAD_BYTES)
}

/// `import_usage_reader` deciding the format from at most `head_bytes` (tests make it
/// small, so that small files take the streamed path).
#[doc(hidden)]
pub fn import_usage_stream(
    mut input: impl BufRead,
    head_bytes: u64,
) -> Result<UsageImport, String> {
    // The first lines, whole, until enough decide the format.
    let mut head: Vec<u8> = Vec::new();
    let mut lines = 0usize;
    let mut ended = false;
    while lines < per_request::SNIFF && (head.len() as u64) < head_bytes {
        let room = head_bytes - head.len() as u64;
        let before = head.len();
        let n = (&mut input)
            .take(room)
            .read_until(b'\n', &mut head)
            .map_err(unreadable)?;
        if n == 0 {
            ended = true;
            break;
        }
        // Non-empty lines, as `import_usage` counts them.
        if head[before..].iter().any(|b| !b.is_ascii_whitespace()) {
            lines += 1;
        }
    }
    // A packed file (a workbook, a .gz) says so, however large.
    if let Some(what) = crate::bench::packed(&head) {
        return Err(what);
    }
    if ended {
        return import_usage(&head);
    }
    // Whole lines decide; a line cut by the head's limit is finished below.
    let cut = head.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
    let head_text = std::str::from_utf8(&head[..cut])
        .ok()
        .map(|t| t.trim_start_matches('\u{feff}'));
    // As `import_any` decides (a log of requests), and the first line JSON on its own:
    // a document printed over many lines starts with a line that is not (`{`, `[`).
    let log = head_text.filter(|t| {
        let first = t.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
        let csv = !first.trim_start().starts_with(['{', '[']) && first.contains(',');
        !csv && serde_json::from_str::<serde_json::Value>(first).is_ok()
            && is_request_log(t.lines().filter(|l| !l.trim().is_empty()))
    });
    let Some(head_text) = log else {
        // Not a log of lines: the whole file, within its limit.
        if !ended {
            (&mut input)
                .take(MAX_WHOLE_BYTES + 1 - head.len() as u64)
                .read_to_end(&mut head)
                .map_err(unreadable)?;
            if head.len() as u64 > MAX_WHOLE_BYTES {
                return Err(format!(
                    "more than {} MB and not a log of JSON lines (a report or a JSON array is read whole): split it",
                    MAX_WHOLE_BYTES >> 20
                ));
            }
        }
        return import_usage(&head);
    };
    super::start_tally();
    let mut reader =
        per_request::Lines::new(head_text.lines().filter(|l| !l.trim().is_empty()), None);
    for l in head_text.lines().filter(|l| !l.trim().is_empty()) {
        reader.line(l);
    }
    let feed = |reader: &mut per_request::Lines, line: &[u8], whole: bool| {
        if !whole {
            reader.skip("a line longer than 16 MB");
            return;
        }
        match std::str::from_utf8(line) {
            Ok(l) if l.trim().is_empty() => {}
            Ok(l) => reader.line(l),
            Err(_) => reader.skip("a line that is not UTF-8 text"),
        }
    };
    // The head's last line, cut at its limit, and the rest of it.
    let mut buf = Vec::new();
    let partial = &head[cut..];
    if !partial.is_empty() {
        let whole = read_line(&mut input, &mut buf).map_err(unreadable)?;
        let mut line = partial.to_vec();
        line.extend_from_slice(&buf);
        let whole = whole != Some(false) && line.len() as u64 <= MAX_LINE_BYTES;
        feed(&mut reader, &line, whole);
    }
    while let Some(whole) = read_line(&mut input, &mut buf).map_err(unreadable)? {
        feed(&mut reader, &buf, whole);
    }
    let mut u = reader.finish()?;
    if let Some(note) = super::tally_note() {
        u.note(note);
    }
    bound(&mut u);
    Ok(u)
}
