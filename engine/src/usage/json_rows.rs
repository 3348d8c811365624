//! Flat JSON rows read as a usage table (a gateway's rows as JSON lines).

use serde_json::Value;

/// JSON rows of such a table (Helicone's JSON-lines export, a gateway's rows as JSON):
/// flat objects whose keys name a time, input and output tokens as the CSV's columns do.
/// Their rows, header first.
pub(super) fn json_table(values: &[Value]) -> Option<Vec<Vec<String>>> {
    let flat = |v: &Value| {
        v.as_object()
            .is_some_and(|o| o.values().all(|x| !x.is_object() && !x.is_array()))
    };
    if !values.iter().all(flat) {
        return None;
    }
    let header: Vec<String> = values.first()?.as_object()?.keys().cloned().collect();
    if !super::request_csv::is_request_csv(&header.join(",")) {
        return None;
    }
    let cell = |v: Option<&Value>| match v {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Null) | None => String::new(),
        Some(v) => v.to_string(),
    };
    let mut rows = vec![header.clone()];
    rows.extend(
        values
            .iter()
            .map(|v| header.iter().map(|k| cell(v.get(k))).collect()),
    );
    Some(rows)
}
