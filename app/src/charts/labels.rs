//! Axis labels that fit and stay apart.

/// Labels of at most `max` characters that stay apart: a long one keeps its start and
/// its end around "..." (where option names differ: "(article: 80 tok/s)" against
/// "(estimated, batched)"), and labels that still coincide are numbered.
pub fn short_labels(names: &[String], max: usize) -> Vec<String> {
    let max = max.max(8);
    let mut out: Vec<String> = names
        .iter()
        .map(|n| {
            let chars: Vec<char> = n.chars().collect();
            if chars.len() <= max {
                return n.clone();
            }
            // ASCII dots: every chart font has them.
            let head = (max - 3) / 2;
            let tail = max - 3 - head;
            let mut s: String = chars[..head].iter().collect();
            s.push_str("...");
            s.extend(&chars[chars.len() - tail..]);
            s
        })
        .collect();
    let dup = |out: &Vec<String>, i: usize| out.iter().filter(|o| **o == out[i]).count() > 1;
    let numbered: Vec<bool> = (0..out.len()).map(|i| dup(&out, i)).collect();
    for (i, o) in out.iter_mut().enumerate() {
        if numbered[i] {
            *o = format!("{}. {o}", i + 1);
        }
    }
    out
}

#[cfg(test)]
mod label_tests {
    use super::short_labels;

    #[test]
    fn long_names_keep_what_tells_them_apart() {
        let names = vec![
            "RTX 4090 + Llama 3.1 8B (article: 80 tok/s)".to_string(),
            "RTX 4090 + Llama 3.1 8B (estimated, batched)".to_string(),
            "Claude Haiku 3.5".to_string(),
        ];
        let l = short_labels(&names, 26);
        assert!(l.iter().all(|x| x.chars().count() <= 26), "{l:?}");
        assert_ne!(l[0], l[1], "{l:?}");
        assert!(
            l[0].starts_with("RTX 4090") && l[0].ends_with("tok/s)"),
            "{l:?}"
        );
        assert_eq!(l[2], "Claude Haiku 3.5");
        // Names that differ only in the middle are numbered.
        let same = vec![
            format!("A{x}1{x}Z", x = "x".repeat(20)),
            format!("A{x}2{x}Z", x = "x".repeat(20)),
        ];
        let l = short_labels(&same, 20);
        assert!(l[0].starts_with("1. ") && l[1].starts_with("2. "), "{l:?}");
    }
}
