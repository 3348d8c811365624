//! Python's JSON tokens (`Infinity`, `-Infinity`, `NaN`) made readable by a strict
//! parser, in one streaming pass.

use std::io::{self, Read};

/// Rewrites Python's bare `Infinity`, `-Infinity` and `NaN` (outside strings) into
/// the strings `"Infinity"`, `"-Infinity"` and `"NaN"`, so a strict JSON parser reads
/// them. Everything else passes through unchanged.
pub struct Lenient<R> {
    inner: R,
    buf: Vec<u8>,
    out: Vec<u8>,
    pos: usize,
    in_string: bool,
    escaped: bool,
    /// Bytes of a bare word being matched ("-Infinity", "NaN"), across chunk borders.
    word: Vec<u8>,
    done: bool,
}

impl<R: Read> Lenient<R> {
    pub fn new(inner: R) -> Self {
        Lenient {
            inner,
            buf: vec![0; 64 * 1024],
            out: Vec::with_capacity(72 * 1024),
            pos: 0,
            in_string: false,
            escaped: false,
            word: Vec::new(),
            done: false,
        }
    }

    fn flush_word(&mut self) {
        let w = std::mem::take(&mut self.word);
        match w.as_slice() {
            b"Infinity" | b"-Infinity" | b"NaN" => {
                self.out.push(b'"');
                self.out.extend_from_slice(&w);
                self.out.push(b'"');
            }
            _ => self.out.extend_from_slice(&w),
        }
    }

    fn fill(&mut self) -> io::Result<()> {
        self.out.clear();
        self.pos = 0;
        while self.out.is_empty() && !self.done {
            let n = self.inner.read(&mut self.buf)?;
            if n == 0 {
                self.done = true;
                self.flush_word();
                break;
            }
            for i in 0..n {
                let b = self.buf[i];
                if self.in_string {
                    self.out.push(b);
                    if self.escaped {
                        self.escaped = false;
                    } else if b == b'\\' {
                        self.escaped = true;
                    } else if b == b'"' {
                        self.in_string = false;
                    }
                    continue;
                }
                if !self.word.is_empty() {
                    let continues = b.is_ascii_alphabetic() || (self.word == b"-" && b == b'I');
                    if continues && self.word.len() < 10 {
                        self.word.push(b);
                        continue;
                    }
                    self.flush_word();
                }
                match b {
                    b'"' => {
                        self.in_string = true;
                        self.out.push(b);
                    }
                    b'I' | b'N' | b'-' => self.word.push(b),
                    _ => self.out.push(b),
                }
            }
        }
        Ok(())
    }
}

impl<R: Read> Read for Lenient<R> {
    fn read(&mut self, dst: &mut [u8]) -> io::Result<usize> {
        if self.pos >= self.out.len() {
            self.fill()?;
            if self.out.is_empty() {
                return Ok(0);
            }
        }
        let n = dst.len().min(self.out.len() - self.pos);
        dst[..n].copy_from_slice(&self.out[self.pos..self.pos + n]);
        self.pos += n;
        Ok(n)
    }
}

/// Whether a file's start (`body`, from its first non-blank byte) is JSON: a bracket that
/// [`bracketed_text`] does not find to be text.
pub(crate) fn starts_as_json(body: &[u8]) -> bool {
    matches!(body.first(), Some(b'{') | Some(b'[')) && !bracketed_text(body)
}

/// Text that starts with a bracket but is no JSON: markdown's `[toc]`, an MPI tag
/// (`[1,0]<stdout>:`), an answer a shell follows with its `%` on the same line. A `[`
/// whose first line breaks JSON before any quoted key, or a first value followed on its
/// line by more than JSON's punctuation. A JSON file with a mistake (`{'model': ...}`,
/// `{"a": 1}}`) keeps its JSON error. Read after the lenient rewrite (`Infinity` quoted),
/// so positions are the rewritten text's.
fn bracketed_text(body: &[u8]) -> bool {
    let mut text = Vec::with_capacity(body.len() + 64);
    if Lenient::new(body).read_to_end(&mut text).is_err() {
        return false;
    }
    let mut values =
        serde_json::Deserializer::from_slice(&text).into_iter::<serde::de::IgnoredAny>();
    match values.next() {
        Some(Err(e)) if !e.is_eof() && e.line() == 1 && text.first() == Some(&b'[') => {
            let before = &text[..e.column().min(text.len())];
            !before.contains(&b'"')
        }
        Some(Ok(_)) => {
            let rest = &text[values.byte_offset().min(text.len())..];
            let line = rest.split(|b| *b == b'\n').next().unwrap_or_default();
            line.iter()
                .find(|b| !b.is_ascii_whitespace())
                .is_some_and(|b| !matches!(b, b'{' | b'[' | b',' | b'}' | b']' | b'"' | b':'))
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bracket_is_json_unless_its_first_line_says_text() {
        let lines = b"{\"backend\":\"sglang\",\"request_rate\":Infinity,\"output_throughput\":10}\n{\"backend\":\"sglang\",\"request_rate\":Infinity,\"output_throughput\":20}\n";
        assert!(starts_as_json(lines), "JSON lines with a bare Infinity");
        assert!(starts_as_json(b"{'model': 'x', 'output_throughput': 1}"));
        assert!(starts_as_json(b"{\"a\":1}}"));
        assert!(starts_as_json(b"[{\"a\": NaN}, {\"a\": 2}]"));
        assert!(!starts_as_json(b"[toc]\n\n# Notes\n"));
        assert!(!starts_as_json(
            b"[1,0]<stdout>:====== Offline Throughput Benchmark Result\n"
        ));
        assert!(!starts_as_json(b"{\"model\":\"m\",\"eval_count\":3}%\n"));
    }

    fn read_all(s: &str) -> String {
        let mut out = String::new();
        Lenient::new(s.as_bytes()).read_to_string(&mut out).ok();
        out
    }

    #[test]
    fn python_tokens_become_strings_outside_strings_only() {
        assert_eq!(
            read_all(r#"{"a": Infinity, "b": -Infinity, "c": NaN, "d": -1.5}"#),
            r#"{"a": "Infinity", "b": "-Infinity", "c": "NaN", "d": -1.5}"#
        );
        assert_eq!(
            read_all(r#"{"s": "NaN Infinity \" -Infinity"}"#),
            r#"{"s": "NaN Infinity \" -Infinity"}"#
        );
        assert_eq!(
            read_all("[true, false, null, 1e-5]"),
            "[true, false, null, 1e-5]"
        );
    }
}
