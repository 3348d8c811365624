//! How many JSON values a usage file read whole may hold, counted before it is parsed.

/// Most JSON nodes (values at any depth) a file read whole may hold: a report's pages, a
/// JSON array. Held in memory they take ~85 bytes each, so this keeps a file near 200 MB
/// (a 48 MB array of zeros held 2 GB). A month of hourly buckets by model and project is
/// ~100,000; a log of requests is read a line at a time and has no such limit.
pub const MAX_NODES: usize = 2_500_000;

/// The JSON nodes of `text` at most: its commas and openings outside strings, plus one.
pub(super) fn nodes(text: &str) -> usize {
    let (mut n, mut in_string, mut escaped) = (1usize, false, false);
    for &b in text.as_bytes() {
        if in_string {
            match b {
                _ if escaped => escaped = false,
                b'\\' => escaped = true,
                b'"' => in_string = false,
                _ => {}
            }
        } else {
            match b {
                b'"' => in_string = true,
                b',' | b'[' | b'{' => n += 1,
                _ => {}
            }
        }
    }
    n
}

/// A file too large in nodes to read whole, said with what to do.
pub(super) fn too_many_nodes(text: &str) -> Option<String> {
    let n = nodes(text);
    (n > MAX_NODES).then(|| {
        format!(
            "this file holds about {} JSON values, more than the {} one file read at once may hold: split it (a report's pages as separate files read together), or export the requests as JSON lines, one a line, which are read a line at a time",
            crate::fmt_num(n as f64),
            crate::fmt_num(MAX_NODES as f64)
        )
    })
}
