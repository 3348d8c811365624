//! What a request's log lines say of it: its method and its path, with secrets masked
//! and overlong segments cut.

/// The request span logs the method and the path with its secrets masked: query
/// strings carry edit keys (`/s/{id}?key=...`) and headers carry them too
/// (`X-Edit-Key`, `X-Workspace-Key`), so neither is logged; a path's workspace, view or
/// frozen token (`/w/{token}`, `/v/{token}`, `/f/{token}`) is logged as `…`.
pub fn request_span<B>(req: &axum::http::Request<B>) -> tracing::Span {
    tracing::info_span!("request", method = %req.method(), path = %masked_path(req.uri().path()))
}

/// `path` with the segment after `/w/`, `/v/` or `/f/` replaced by `…`, and any segment
/// longer than `MAX_LOGGED_SEGMENT` cut to its first 16 characters and its length.
pub fn masked_path(path: &str) -> String {
    let mut out = Vec::new();
    let mut secret_next = false;
    for (i, seg) in path.split('/').enumerate() {
        if secret_next && !seg.is_empty() {
            out.push("…".to_string());
        } else if seg.len() > MAX_LOGGED_SEGMENT {
            // No id is this long: a request that sends one gets its first characters
            // logged, not its whole length on every line of its span.
            let head: String = seg.chars().take(16).collect();
            out.push(format!("{head}…({} bytes)", seg.len()));
        } else {
            out.push(seg.to_string());
        }
        secret_next = i == 1 && matches!(seg, "w" | "v" | "f");
    }
    out.join("/")
}

/// The longest path segment logged whole (ids and tokens are 24-32 characters).
const MAX_LOGGED_SEGMENT: usize = 64;

#[cfg(test)]
mod tests {
    #[test]
    fn secrets_in_paths_are_masked_in_logs() {
        let t = "ab".repeat(24);
        assert_eq!(
            super::masked_path(&format!("/w/{t}/benchmarks/x")),
            "/w/…/benchmarks/x"
        );
        assert_eq!(super::masked_path(&format!("/v/{t}/print")), "/v/…/print");
        assert_eq!(super::masked_path(&format!("/f/{t}")), "/f/…");
        assert_eq!(super::masked_path("/s/abc/history"), "/s/abc/history");
        assert_eq!(super::masked_path("/api/workspace"), "/api/workspace");
        assert_eq!(super::masked_path("/"), "/");
        let long = "a".repeat(10_000);
        assert_eq!(
            super::masked_path(&format!("/api/benchmark-files/{long}")),
            "/api/benchmark-files/aaaaaaaaaaaaaaaa…(10000 bytes)"
        );
    }
}
