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

/// The most one request can cost and be believed: more is a unit or a typing error.
const MAX_PER_REQUEST_USD: f64 = 1.0e6;

/// "1,250" or "12,500": one comma before three digits and no point, which a decimal-comma
/// file means as 1.25 and a thousands-comma file as 1,250.
fn is_either(s: &str) -> bool {
    s.split_once(',').is_some_and(|(a, b)| {
        (1..=3).contains(&a.len())
            && b.len() == 3
            && a.bytes().chain(b.bytes()).all(|c| c.is_ascii_digit())
    })
}

/// "0,125", "12,5": digits, one comma, digits, which only a decimal comma writes.
fn is_decimal_comma(s: &str) -> bool {
    s.split_once(',').is_some_and(|(a, b)| {
        !a.is_empty() && !b.is_empty() && a.bytes().chain(b.bytes()).all(|c| c.is_ascii_digit())
    })
}

/// The cost figures of a file's requests, as read.
#[derive(Default)]
pub(super) struct Estimate {
    total: f64,
    read: usize,
    empty: usize,
    negative: usize,
    too_large: usize,
    not_amount: usize,
    /// The first cell that is not an amount, as written (at most 24 characters).
    example: Option<String>,
    /// Cells written with a decimal comma ("0,125"), and the first of them.
    decimal_comma: usize,
    comma_example: Option<String>,
    /// Cells of one comma before three digits ("1,250"): a thousand and a quarter, or
    /// one and a quarter. Read as thousands unless the file writes decimal commas.
    either: Vec<f64>,
    either_example: Option<String>,
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
        let sign = if minus { -1.0 } else { 1.0 };
        match ungrouped(plain).and_then(|p| p.parse::<f64>().ok()) {
            Some(x) if is_either(plain) && x >= 0.0 && !minus => {
                self.either.push(x);
                self.either_example
                    .get_or_insert_with(|| t.chars().take(24).collect());
            }
            Some(x) => self.add(sign * x, t),
            None if is_decimal_comma(plain) => {
                self.decimal_comma += 1;
                self.comma_example
                    .get_or_insert_with(|| t.chars().take(24).collect());
            }
            None => self.not_amount(t),
        }
    }

    /// `x`, read from `cell`.
    fn add(&mut self, x: f64, cell: &str) {
        if !x.is_finite() {
            self.not_amount(cell);
        } else if x < 0.0 {
            self.negative += 1;
        } else if x > MAX_PER_REQUEST_USD {
            self.too_large += 1;
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
        // "1,250" is thousands, unless the file writes decimal commas: then it is left out.
        let (mut total, mut read) = (self.total, self.read);
        let mut left: Vec<String> = Vec::new();
        if self.decimal_comma > 0 {
            left.push(format!(
                "{} written with a decimal comma (the first: \u{201c}{}\u{201d})",
                self.decimal_comma,
                self.comma_example.as_deref().unwrap_or("")
            ));
            if !self.either.is_empty() {
                left.push(format!(
                    "{} that read{} either way beside them (the first: \u{201c}{}\u{201d})",
                    self.either.len(),
                    if self.either.len() == 1 { "s" } else { "" },
                    self.either_example.as_deref().unwrap_or("")
                ));
            }
        }
        // Read as thousands, and said: a file of costs like "1,250" may mean 1.25.
        let mut as_thousands = String::new();
        if self.decimal_comma == 0 && !self.either.is_empty() {
            total += self.either.iter().sum::<f64>();
            read += self.either.len();
            as_thousands = format!(
                "; {} with a comma read as thousands (the first: \u{201c}{}\u{201d})",
                self.either.len(),
                self.either_example.as_deref().unwrap_or("")
            );
        }
        if self.too_large > 0 {
            left.push(format!("{} over $1,000,000 a request", self.too_large));
        }
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
        let total = match read {
            0 => "no figure read as an amount".to_string(),
            n if n == requests => format!(
                "in all {} over the requests read",
                crate::report::decision::money(total)
            ),
            n => format!(
                "in all {} over {n} of the {requests} requests read",
                crate::report::decision::money(total)
            ),
        };
        let left = match left.is_empty() {
            true => String::new(),
            false => format!("; left out: {}", crate::report::and_list(&left)),
        };
        format!("{what} ({total}{as_thousands}{left}) is the exporting tool's own estimate (a gateway's or a tracker's price map), not a bill: it is not set against the usage priced here (a provider's cost report is)")
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
            note.split(" is the exporting tool").next(),
            Some("the column \u{201c}cost\u{201d} (in all $1,205 over 3 of the 10 requests read; left out: 2 empty, 1 negative and 4 not amounts in dollars (the first: \u{201c}n/a\u{201d}))")
        );
        // The note on `cells`, one request each, up to " is the exporting tool's…".
        let note = |what: &str, cells: &[&str]| {
            let mut e = Estimate::default();
            cells.iter().for_each(|c| e.add_text(c));
            let n = e.note(what, cells.len());
            n.split(" is the exporting tool")
                .next()
                .unwrap_or_default()
                .to_string()
        };
        assert_eq!(
            note("spend", &["0.5"]),
            "spend (in all $0.50 over the requests read)"
        );
        // A file of decimal commas: "1,250" beside "0,125" is not read as 1,250.
        assert_eq!(
            note("cost", &["0,125", "1,250", "2,375", "0.5"]),
            "cost (in all $0.50 over 1 of the 4 requests read; left out: 1 written with a decimal comma (the first: \u{201c}0,125\u{201d}) and 2 that read either way beside them (the first: \u{201c}1,250\u{201d}))"
        );
        // Alone, "1,250" is a thousand and a quarter; $1e300 is no request's cost.
        assert_eq!(
            note("cost", &["1,250", "1e300", "99999999999"]),
            "cost (in all $1,250 over 1 of the 3 requests read; 1 with a comma read as thousands (the first: \u{201c}1,250\u{201d}); left out: 2 over $1,000,000 a request)"
        );
        assert_eq!(
            note("spend", &[""]),
            "spend (no figure read as an amount; left out: 1 empty)"
        );
    }
}
