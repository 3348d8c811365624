//! A usage file's bytes as the text it holds: UTF-8, UTF-16 with its byte order mark,
//! and what is no text (an archive, an image, text in another encoding) refused with
//! what to do.

/// A file's bytes as the text it holds, and what was done to read it: UTF-16 (a byte
/// order mark first: Excel's "Unicode text", PowerShell 5's `>`) decoded, NUL bytes at
/// the end left out, a classic Mac's lone CR line ends read as line ends. A compressed
/// file, or text in another encoding, is refused with what to do.
pub(super) fn as_text(bytes: &[u8]) -> Result<(std::borrow::Cow<'_, str>, Vec<String>), String> {
    let mut notes = Vec::new();
    let head = &bytes[..bytes.len().min(64 * 1024)];
    if let Some(what) = crate::bench::packed(head) {
        return Err(what);
    }
    // An image, a PDF, an executable: no text at all (a NUL in its first bytes, and not
    // UTF-16, or bytes no text encoding writes), where "save it as UTF-8" would mislead.
    let utf16 = matches!(bytes, [0xFF, 0xFE, ..] | [0xFE, 0xFF, ..]);
    let text_end = head.iter().rposition(|&b| b != 0).map_or(0, |i| i + 1);
    // UTF-16 with no byte order mark (Python's encoding="utf-16-le" writes none): every
    // other byte a NUL, the others text.
    let nul_at = |odd: usize| {
        head[..text_end]
            .iter()
            .skip(odd)
            .step_by(2)
            .filter(|&&b| b == 0)
            .count()
    };
    let half = text_end / 2;
    if !utf16 && half >= 8 && (nul_at(0) * 10 >= half * 9 || nul_at(1) * 10 >= half * 9) {
        return Err("UTF-16 text without a byte order mark: save it as UTF-8 (or as UTF-16 with its byte order mark) and upload it again".into());
    }
    if !utf16
        && crate::bench::looks_binary(&head[..text_end])
        && head[..text_end]
            .iter()
            .filter(|b| !(b.is_ascii_graphic() || b.is_ascii_whitespace()))
            .count()
            * 10
            > text_end
    {
        return Err("this is a binary file (an image, a PDF, an archive?), not a usage export: usage exports are JSON, JSON lines or CSV text".into());
    }
    let end = bytes.iter().rposition(|&b| b != 0).map_or(0, |i| i + 1);
    if end < bytes.len() && !matches!(bytes, [0xFF, 0xFE, ..] | [0xFE, 0xFF, ..]) {
        let n = bytes.len() - end;
        notes.push(format!(
            "{n} NUL byte{} at the end of the file left out",
            if n == 1 { "" } else { "s" }
        ));
    }
    let mut text: std::borrow::Cow<'_, str> = match crate::bench::utf16_bom(bytes) {
        Some(big_endian) => {
            let units: Vec<u16> = bytes[2..]
                .chunks(2)
                .map(|c| {
                    let pair = [c[0], c.get(1).copied().unwrap_or(0)];
                    if big_endian { u16::from_be_bytes(pair) } else { u16::from_le_bytes(pair) }
                })
                .collect();
            notes.push("read as UTF-16 text (it starts with a UTF-16 byte order mark)".into());
            let t = String::from_utf16(&units).map_err(|_| "it starts with a UTF-16 byte order mark but holds an unpaired surrogate; save it as UTF-8".to_string())?;
            t.trim_end_matches('\0').to_string().into()
        }
        None => std::str::from_utf8(&bytes[..end])
            .map_err(|e| {
                let at = e.valid_up_to();
                format!("not UTF-8 text: the byte at offset {at} (0x{:02X}) is not UTF-8; the file may be Latin-1 or Windows-1252 (Excel's \u{201c}CSV (Comma delimited)\u{201d} saves so): save it as \u{201c}CSV UTF-8\u{201d} and upload it again", bytes[at])
            })?
            .into(),
    };
    if text.contains('\r') && !text.contains('\n') {
        notes.push("its lines end with a lone CR (a classic Mac's \u{201c}CSV (Macintosh)\u{201d}): read as line ends".into());
        text = text.replace('\r', "\n").into();
    }
    Ok((text, notes))
}
