//! What the tests build from real samples, shared.

/// A CSV as a spreadsheet in a comma-decimal locale saves it: semicolons between fields,
/// decimal commas in its numbers ("160.38" -> "160,38"), CRLF line ends. Fields are split
/// at commas (the samples it is used on quote none).
pub fn semicolon_decimal_comma(csv: &str) -> String {
    csv.lines()
        .map(|l| {
            l.split(',')
                .map(|f| match f.parse::<f64>() {
                    Ok(_) => f.replace('.', ","),
                    Err(_) => f.to_string(),
                })
                .collect::<Vec<_>>()
                .join(";")
                + "\r\n"
        })
        .collect()
}
