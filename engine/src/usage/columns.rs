//! Which column of a usage table is which field: by name (`COLUMNS`, in order of
//! preference), then, for the cache counts, by what a name says (a column
//! `cacheCreationTokens` or `Cache Write (1h)` no list foresaw is still a cache write);
//! the token and cache columns left unread are named, never dropped without a word.

/// Column names (lower case, `_` and spaces dropped) for each field of a row.
pub(super) const COLUMNS: &[(&str, &[&str])] = &[
    (
        "time",
        &[
            "starttime",
            "requestcreatedat",
            "createdat",
            "timestamp",
            "time",
            "date",
            "datetime",
            "usagedateutc",
        ],
    ),
    // A row that covers a period (a table of totals) ends here.
    ("end", &["endtime"]),
    (
        "model",
        &[
            "model",
            "requestmodel",
            "responsemodel",
            "modelname",
            "modelpermaslug",
            "modelversion",
            "modelslug",
            "slug",
        ],
    ),
    (
        "prompt",
        &["prompttokens", "prompttokencount", "tokensprompt"],
    ),
    // An explicitly uncached count first: OpenAI's tables put the cached part inside
    // their `input_tokens` and give `input_uncached_tokens` beside it.
    (
        "input",
        &[
            "inputuncachedtokens",
            "uncachedinputtokens",
            "usageinputtokensnocache",
            // Cursor's usage events: "Input (w/o Cache Write)".
            "inputwocachewrite",
            "inputtokens",
        ],
    ),
    (
        "output",
        &[
            "completiontokens",
            "outputtokens",
            "completiontokencount",
            "tokenscompletion",
            "usageoutputtokens",
        ],
    ),
    // A row of totals counts its requests (OpenAI's usage table, OpenRouter's activity).
    (
        "requests",
        &[
            "nummodelrequests",
            "requests",
            "requestcount",
            "numrequests",
        ],
    ),
    // An HTTP status: a failed request (4xx, 5xx) is no traffic served.
    // Cursor's `Kind` says "Errored, Not Charged" or "Aborted, Not Charged" of one.
    (
        "status",
        &["responsestatus", "statuscode", "status", "kind"],
    ),
    ("batch", &["batch"]),
    // A request's own id: the same id twice is one request (a file joined to itself).
    ("id", &["requestid", "responseid", "generationid", "id"]),
    // A gateway's own cache answered (LiteLLM's `cache_hit`): no call reached a model.
    ("cache_hit", &["cachehit"]),
    (
        "cached",
        &[
            "cachedtokens",
            "inputcachedtokens",
            "tokenscached",
            "usageinputtokenscacheread",
            "cachereadinputtokens",
            "promptcachereadtokens",
            "cachereadtokens",
            "prompttokensdetailscachedtokens",
            "cacheread",
        ],
    ),
    (
        "written",
        &[
            "cachecreationinputtokens",
            "promptcachewritetokens",
            "cachewritetokens",
            "usageinputtokenscachewrite5m",
            // Cursor: "Input (w/ Cache Write)", the input written to the cache.
            "inputwcachewrite",
        ],
    ),
    ("written_1h", &["usageinputtokenscachewrite1h"]),
    (
        "cost",
        &[
            "cost",
            "spend",
            "totalcost",
            "costusd",
            "responsecost",
            "estimatedcost",
        ],
    ),
    ("user", &["user", "userid", "enduser"]),
    ("team", &["teamid", "team", "project", "projectid"]),
];

/// A column name as the readers compare it: lower case, letters and digits only.
pub(crate) fn key(name: &str) -> String {
    name.chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

/// The column of `field` among `names` (as [`key`] writes them): the first of its names
/// present, else for the cache counts a name that says what it holds.
pub(super) fn column(names: &[String], field: &str) -> Option<usize> {
    let alts = COLUMNS.iter().find(|(f, _)| *f == field)?.1;
    alts.iter()
        .find_map(|a| names.iter().position(|n| n == a))
        .or_else(|| names.iter().position(|n| says(n) == Some(field)))
}

/// The cache field a column's name says it holds: a cache read, a write (of an hour when
/// it says `1h`), whatever the tool calls it.
fn says(name: &str) -> Option<&'static str> {
    if !name.contains("cache") || name.contains("cost") || name.contains("price") {
        return None;
    }
    if name.contains("read") || name.contains("cached") {
        Some("cached")
    } else if name.contains("creat") || name.contains("writ") {
        Some(if name.contains("1h") {
            "written_1h"
        } else {
            "written"
        })
    } else {
        None
    }
}

/// The cache columns no field reads and whose name does not say what they hold (a read
/// or a write), named: a count that may change what the workload costs is never dropped
/// without a word. (A breakdown of a cache count that is read, by modality, is not one.)
pub(super) fn unread_note(header: &[String], names: &[String]) -> Option<String> {
    let used: Vec<usize> = COLUMNS
        .iter()
        .filter_map(|(f, _)| column(names, f))
        .collect();
    let unread: Vec<String> = names
        .iter()
        .enumerate()
        .filter(|(i, n)| {
            !used.contains(i)
                && n.contains("cache")
                && says(n).is_none()
                && !n.contains("cost")
                && !n.contains("price")
        })
        .map(|(i, _)| {
            let h = header.get(i).map_or("", |h| h.trim());
            format!("\u{201c}{}\u{201d}", h.chars().take(40).collect::<String>())
        })
        .collect();
    (!unread.is_empty()).then(|| {
        format!(
            "cache column{} not read (neither a cache read nor a write by {} name): {}",
            if unread.len() == 1 { "" } else { "s" },
            if unread.len() == 1 { "its" } else { "their" },
            unread.join(", ")
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(h: &[&str]) -> Vec<String> {
        h.iter().map(|n| key(n)).collect()
    }

    /// A cache write no list names is still read as one (claudash's export writes
    /// `cache_creation_tokens`, ccusage `cacheCreationTokens`), and a read as a read.
    #[test]
    fn cache_columns_are_found_by_what_their_names_say() {
        let n = names(&[
            "timestamp",
            "model",
            "input_tokens",
            "output_tokens",
            "cache_read_tokens",
            "cache_creation_tokens",
        ]);
        assert_eq!(column(&n, "written"), Some(5));
        assert_eq!(column(&n, "cached"), Some(4));
        let n = names(&[
            "time",
            "Cache Write (1h)",
            "Cache Write (5m)",
            "cacheReadTokens",
        ]);
        assert_eq!(column(&n, "written_1h"), Some(1));
        assert_eq!(column(&n, "written"), Some(2));
        assert_eq!(column(&n, "cached"), Some(3));
        // A cost of the cache is no count of tokens; a gateway's cache hit is no read.
        let n = names(&["cache_write_cost", "cache_hit"]);
        assert_eq!(column(&n, "written"), None);
        assert_eq!(column(&n, "cached"), None);
    }

    #[test]
    fn cache_columns_no_field_reads_are_named() {
        let h = [
            "time",
            "model",
            "input_tokens",
            "output_tokens",
            "cache_tokens",
            "cache_read",
            "input_cached_text_tokens",
            "cache_cost",
        ];
        let header: Vec<String> = h.iter().map(|s| s.to_string()).collect();
        let note = unread_note(&header, &names(&h)).expect("a note");
        assert!(note.contains("\u{201c}cache_tokens\u{201d}"), "{note}");
        // Read, a breakdown of one read, a cost: not named.
        for other in ["cache_read\u{201d}", "text_tokens", "cache_cost"] {
            assert!(!note.contains(other), "{note}");
        }
        let h = ["time", "input_tokens", "output_tokens", "total_tokens"];
        let header: Vec<String> = h.iter().map(|s| s.to_string()).collect();
        assert_eq!(unread_note(&header, &names(&h)), None);
    }
}
