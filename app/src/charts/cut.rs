//! Where a shortened label may be cut: at whole words, a bracket kept open, and never
//! inside a number.

/// Whether `text` opens a bracket it does not close.
pub(super) fn opens_unclosed(text: &str) -> bool {
    text.rfind('(').is_some_and(|i| !text[i..].contains(')'))
}

/// Whether `text` closes a bracket it did not open.
pub(super) fn closes_unopened(text: &str) -> bool {
    text.find(')').is_some_and(|i| !text[..i].contains('('))
}

/// `head` cut back to its last space when that keeps at least half of it: "Llama 3.1 8B
/// (est" reads "Llama 3.1 8B", not a word cut in two.
pub(super) fn whole_words_head(head: &str) -> &str {
    match head.rfind(' ') {
        Some(i) if 2 * i >= head.len() => &head[..i],
        _ => head,
    }
}

/// `tail` from just after its first space when that keeps at least half of it.
pub(super) fn whole_words_tail(tail: &str) -> &str {
    match tail.find(' ') {
        Some(i) if 2 * i <= tail.len() => &tail[i + 1..],
        _ => tail,
    }
}

/// `part` (the kept start of a name, or with `from_end` its kept end) without the word
/// the cut runs through when that word holds a digit: a number ("4090") goes whole or not
/// at all. `cut` says whether the cut runs through a word.
pub(super) fn no_cut_number(part: String, cut: bool, from_end: bool) -> String {
    let numbered = |w: &str| w.chars().any(|c| c.is_ascii_digit());
    if !cut {
        return part;
    }
    let space = if from_end {
        part.find(' ')
    } else {
        part.rfind(' ')
    };
    match space {
        Some(i) if from_end && numbered(&part[..i]) => part[i + 1..].to_string(),
        Some(i) if !from_end && numbered(&part[i..]) => part[..i].to_string(),
        None if numbered(&part) => String::new(),
        _ => part,
    }
}
