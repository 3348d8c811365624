//! Terminal captures: what a user gets when they save a terminal session (`script`,
//! tmux, a CI log). Colour and cursor escape codes (ECMA-48 CSI and OSC sequences) are
//! removed, and a carriage return that redraws a line (a spinner, a progress bar) keeps
//! only what was drawn last, so the text reads as it looked on screen.

/// The text without escape codes and overwritten line starts, and whether anything was
/// removed.
pub(super) fn clean(text: &str) -> (String, bool) {
    if !text.contains(['\u{1b}', '\r', '\u{9b}', '\u{8}', '\u{7}']) {
        return (text.to_string(), false);
    }
    let mut out = String::with_capacity(text.len());
    let mut changed = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\u{1b}' => {
                changed = true;
                match chars.peek() {
                    // CSI: ESC [ parameters and intermediates, then one final byte @..~.
                    Some('[') => {
                        chars.next();
                        for n in chars.by_ref() {
                            if ('@'..='~').contains(&n) {
                                break;
                            }
                        }
                    }
                    // OSC (and DCS, PM, APC): up to BEL or ESC \, never past the line.
                    Some(']') | Some('P') | Some('^') | Some('_') => {
                        chars.next();
                        while let Some(&n) = chars.peek() {
                            if n == '\n' {
                                break;
                            }
                            chars.next();
                            if n == '\u{7}' {
                                break;
                            }
                            if n == '\u{1b}' && chars.peek() == Some(&'\\') {
                                chars.next();
                                break;
                            }
                        }
                    }
                    // Two-character sequences (ESC 7, ESC =, ESC ( B ...).
                    Some('(') | Some(')') => {
                        chars.next();
                        chars.next();
                    }
                    Some(_) => {
                        chars.next();
                    }
                    None => {}
                }
            }
            // The 8-bit CSI.
            '\u{9b}' => {
                changed = true;
                for n in chars.by_ref() {
                    if ('@'..='~').contains(&n) {
                        break;
                    }
                }
            }
            '\r' => {
                // "\r\n" and "\r\r\n" (CRLF written twice) end a line; a "\r" before
                // anything else redraws the line from its start.
                while chars.peek() == Some(&'\r') {
                    chars.next();
                }
                if matches!(chars.peek(), Some('\n') | None) {
                    continue;
                }
                changed = true;
                let start = out.rfind('\n').map(|i| i + 1).unwrap_or(0);
                out.truncate(start);
            }
            '\u{8}' => {
                // Backspace deletes the character before it on the line.
                changed = true;
                if out.ends_with(|c| c != '\n') {
                    out.pop();
                }
            }
            '\u{7}' => changed = true,
            _ => out.push(c),
        }
    }
    (out, changed)
}

#[cfg(test)]
mod tests {
    use super::clean;

    #[test]
    fn escape_codes_and_redraws() {
        let (t, changed) = clean("\u{1b}[?25l\u{1b}[2K\u{1b}[1G⠙ \u{1b}[?25h\rtotal duration:       2m21.88s\r\n\u{1b}[1;32meval rate:\u{1b}[0m 3.2 tokens/s\n");
        assert!(changed);
        assert_eq!(
            t,
            "total duration:       2m21.88s\neval rate: 3.2 tokens/s\n"
        );
        let (t, changed) = clean("plain\r\ntext\n");
        assert!(!changed);
        assert_eq!(
            t, "plain\ntext\n",
            "CRLF line ends become LF; nothing else changes"
        );
        assert_eq!(clean("\u{1b}]0;title\u{7}ok").0, "ok");
        // CRLF written twice still ends lines; nothing is erased.
        assert_eq!(clean("a,b\r\r\nc,d\r\r\n").0, "a,b\nc,d\n");
        // An OSC left open ends at the line, not at the end of the file.
        assert_eq!(clean("\u{1b}]0;title\nkept\n").0, "\nkept\n");
        assert_eq!(clean("tokx\u{8}ens\n").0, "tokens\n");
    }
}
