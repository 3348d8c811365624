//! A gateway's own cost figures (LiteLLM's `spend`, a CSV's `cost` column): totalled and
//! said, never set against the usage as a bill, with every cell that is not an amount
//! counted and named rather than dropped without a word.

use serde_json::Value;

/// A number as a spreadsheet or a gateway writes it, its thousands commas taken out:
/// "1,204.50" is "1204.50". Commas anywhere else ("1.234,5", "12,34") are not grouping, and
/// give `None`: such a number is not read at all, rather than read a thousand times off.
pub(super) fn ungrouped(s: &str) -> Option<String> {
    let s = s.trim();
    if !s.contains(',') {
        return Some(s.to_string());
    }
    let (sign, body) = match s.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", s),
    };
    let (int, frac) = body
        .split_once('.')
        .map_or((body, None), |(i, f)| (i, Some(f)));
    let groups: Vec<&str> = int.split(',').collect();
    let digits = |g: &str| !g.is_empty() && g.bytes().all(|b| b.is_ascii_digit());
    // A first group of "0" is a decimal comma ("0,125"): grouping never starts with 0.
    let grouped = groups[0].len() <= 3
        && !groups[0].starts_with('0')
        && groups.iter().all(|g| digits(g))
        && groups[1..].iter().all(|g| g.len() == 3)
        && frac.is_none_or(|f| !f.contains(','));
    grouped.then(|| {
        let frac = frac.map(|f| format!(".{f}")).unwrap_or_default();
        format!("{sign}{}{frac}", groups.concat())
    })
}

/// The cost figures of a file's requests, as read.
#[derive(Default)]
pub(super) struct Estimate {
    total: f64,
    read: usize,
    empty: usize,
    negative: usize,
    not_amount: usize,
    /// The first cell that is not an amount, as written (at most 24 characters).
    example: Option<String>,
}

impl Estimate {
    /// One request's figure: a JSON number, or text as [`Estimate::add_text`] reads it;
    /// missing or null is empty.
    pub(super) fn add_value(&mut self, v: Option<&Value>) {
        match v {
            None | Some(Value::Null) => self.empty += 1,
            Some(Value::Number(n)) => match n.as_f64() {
                Some(x) => self.add(x, &n.to_string()),
                None => self.not_amount(&n.to_string()),
            },
            Some(Value::String(s)) => self.add_text(s),
            Some(other) => self.not_amount(&other.to_string()),
        }
    }

    /// One request's figure as a cell holds it: "0.0042", "$1,204.50"; an empty cell is
    /// empty; anything else ("n/a", "€0.10", "1.234,5") is not an amount.
    pub(super) fn add_text(&mut self, s: &str) {
        let t = s.trim();
        if t.is_empty() {
            self.empty += 1;
            return;
        }
        // "$1.50", "-$3" and "$-3" are dollars.
        let (minus, rest) = t.strip_prefix('-').map_or((false, t), |r| (true, r));
        let plain = rest.strip_prefix('$').unwrap_or(rest);
        match ungrouped(plain).and_then(|p| p.parse::<f64>().ok()) {
            Some(x) => self.add(if minus { -x } else { x }, t),
            None => self.not_amount(t),
        }
    }

    /// `x`, read from `cell`.
    fn add(&mut self, x: f64, cell: &str) {
        if !x.is_finite() {
            self.not_amount(cell);
        } else if x < 0.0 {
            self.negative += 1;
        } else {
            self.total += x;
            self.read += 1;
        }
    }

    fn not_amount(&mut self, s: &str) {
        self.not_amount += 1;
        if self.example.is_none() {
            self.example = Some(s.chars().take(24).collect());
        }
    }

    /// What `what` is and why it is not set against the usage: its total over the
    /// requests whose figure is an amount (of `requests` read), and the cells left out.
    pub(super) fn note(&self, what: &str, requests: usize) -> String {
        let mut left: Vec<String> = Vec::new();
        if self.empty > 0 {
            left.push(format!("{} empty", self.empty));
        }
        if self.negative > 0 {
            left.push(format!("{} negative", self.negative));
        }
        if self.not_amount > 0 {
            left.push(format!(
                "{} not {} in dollars (the first: \u{201c}{}\u{201d})",
                self.not_amount,
                if self.not_amount == 1 {
                    "an amount"
                } else {
                    "amounts"
                },
                self.example.as_deref().unwrap_or("")
            ));
        }
        let total = match self.read {
            0 => "no figure read as an amount".to_string(),
            n if n == requests => format!(
                "in all {} over the requests read",
                crate::report::decision::money(self.total)
            ),
            n => format!(
                "in all {} over {n} of the {requests} requests read",
                crate::report::decision::money(self.total)
            ),
        };
        let left = match left.is_empty() {
            true => String::new(),
            false => format!("; left out: {}", crate::report::and_list(&left)),
        };
        format!("{what} ({total}{left}) is the gateway's own estimate from its price map, not a bill: it is not set against the usage priced here (a provider's cost report is)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_thousands_commas_are_taken_out() {
        assert_eq!(ungrouped("1,204.50").as_deref(), Some("1204.50"));
        assert_eq!(ungrouped("12,345,678").as_deref(), Some("12345678"));
        assert_eq!(ungrouped("-1,000").as_deref(), Some("-1000"));
        assert_eq!(ungrouped("0.5").as_deref(), Some("0.5"));
        for not in [
            "1.234,5",
            "12,34",
            "1,2345",
            "1234,567",
            ",123",
            "1,,000",
            "1,000.5,0",
        ] {
            assert_eq!(ungrouped(not), None, "{not}");
        }
    }

    #[test]
    fn every_figure_is_counted_read_or_left_out() {
        let mut e = Estimate::default();
        for s in [
            "0.10",
            "$1,204.50",
            "",
            "n/a",
            "-3",
            "€0.10",
            "1.234,5",
            "1e400",
        ] {
            e.add_text(s);
        }
        e.add_value(Some(&serde_json::json!(0.4)));
        e.add_value(None);
        let note = e.note("the column \u{201c}cost\u{201d}", 10);
        assert_eq!(
            note.split(" is the gateway").next(),
            Some("the column \u{201c}cost\u{201d} (in all $1,205 over 3 of the 10 requests read; left out: 2 empty, 1 negative and 4 not amounts in dollars (the first: \u{201c}n/a\u{201d}))")
        );
        let mut all = Estimate::default();
        all.add_text("0.5");
        assert!(all
            .note("spend", 1)
            .starts_with("spend (in all $0.50 over the requests read) is"));
        let mut none = Estimate::default();
        none.add_text("");
        assert!(none
            .note("spend", 1)
            .starts_with("spend (no figure read as an amount; left out: 1 empty) is"));
    }
}
