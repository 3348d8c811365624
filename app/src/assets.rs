//! The site's asset names. A release build names the two clients' JS and wasm and the
//! CSS by their content (`breakeven.<hash>.wasm`, `editor.<hash>.wasm`) and writes the
//! hashes to `hash.txt` beside the server binary (`scripts/precompress.mjs`); such names
//! are cached for a year. Without that file (tests, a debug build) the plain names are
//! used.

use std::sync::OnceLock;

/// The content hashes of the built assets, when the build wrote them.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Hashes {
    pub js: String,
    pub wasm: String,
    pub css: String,
    pub editor_js: String,
    pub editor_wasm: String,
}

/// Reads `hash.txt` lines ("css: 0a1b..."); `None` unless all five are there.
pub fn parse(text: &str) -> Option<Hashes> {
    let mut h = Hashes::default();
    for line in text.lines() {
        let Some((k, v)) = line.split_once(':') else {
            continue;
        };
        let v = v.trim();
        if v.is_empty() || !v.chars().all(|c| c.is_ascii_hexdigit()) {
            continue;
        }
        match k.trim() {
            "js" => h.js = v.to_string(),
            "wasm" => h.wasm = v.to_string(),
            "css" => h.css = v.to_string(),
            "editor_js" => h.editor_js = v.to_string(),
            "editor_wasm" => h.editor_wasm = v.to_string(),
            _ => {}
        }
    }
    [&h.js, &h.wasm, &h.css, &h.editor_js, &h.editor_wasm]
        .iter()
        .all(|x| !x.is_empty())
        .then_some(h)
}

/// The hashes beside the running binary, read once.
pub fn hashes() -> Option<&'static Hashes> {
    static H: OnceLock<Option<Hashes>> = OnceLock::new();
    H.get_or_init(|| {
        let exe = std::env::current_exe().ok()?;
        let text = std::fs::read_to_string(exe.parent()?.join("hash.txt")).ok()?;
        parse(&text)
    })
    .as_ref()
}

/// The stylesheet's address.
pub fn css_href() -> String {
    match hashes() {
        Some(h) => format!("/pkg/breakeven.{}.css", h.css),
        None => "/pkg/breakeven.css".to_string(),
    }
}

/// A client's script and wasm addresses.
pub fn client_files(c: crate::split::Client) -> (String, String) {
    let stem = crate::split::file_stem(c);
    match (hashes(), c) {
        (Some(h), crate::split::Client::Site) => (
            format!("/pkg/{stem}.{}.js", h.js),
            format!("/pkg/{stem}.{}.wasm", h.wasm),
        ),
        (Some(h), crate::split::Client::Editor) => (
            format!("/pkg/{stem}.{}.js", h.editor_js),
            format!("/pkg/{stem}.{}.wasm", h.editor_wasm),
        ),
        (None, _) => (format!("/pkg/{stem}.js"), format!("/pkg/{stem}.wasm")),
    }
}

/// Whether a `/pkg/` file name is content-hashed (and so can be cached forever).
pub fn is_hashed(file: &str) -> bool {
    file.split('.')
        .any(|part| part.len() == 20 && part.chars().all(|c| c.is_ascii_hexdigit()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hash_file_lines_are_read_and_incomplete_ones_refused() {
        let h = parse(
            "js: 0123456789abcdef0123\nwasm: aaaaaaaaaaaaaaaaaaaa\ncss: bbbbbbbbbbbbbbbbbbbb\n\
             editor_js: cccccccccccccccccccc\neditor_wasm: dddddddddddddddddddd\n",
        )
        .expect("complete");
        assert_eq!(h.js, "0123456789abcdef0123");
        assert_eq!(h.css, "bbbbbbbbbbbbbbbbbbbb");
        assert_eq!(h.editor_wasm, "dddddddddddddddddddd");
        assert_eq!(
            parse("js: 01\nwasm: 02\ncss: 03\neditor_js: 04\n"),
            None,
            "a build without the editor's client"
        );
        assert_eq!(parse("js: 01\nwasm: 02\n"), None, "no css");
        assert_eq!(parse("js: ../x\nwasm: 02\ncss: 03"), None, "not hex");
    }

    #[test]
    fn only_content_hashed_names_count_as_hashed() {
        assert!(is_hashed("breakeven.0123456789abcdef0123.wasm"));
        assert!(is_hashed("breakeven.0123456789abcdef0123.wasm.br"));
        assert!(!is_hashed("breakeven.wasm"));
        assert!(!is_hashed("breakeven.css.gz"));
    }
}
