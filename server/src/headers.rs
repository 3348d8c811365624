//! Security headers on every response: a page's own Content-Security-Policy (with its
//! nonce), a locked-down one for everything else, and the headers that keep keys in
//! URLs from leaking.

use axum::extract::Request;
use axum::http::{header, HeaderMap, HeaderValue};
use axum::middleware::Next;
use axum::response::Response;

/// Headers every response carries. HTML pages set their own Content-Security-Policy
/// (with a per-response nonce, see `app::shell`); everything else gets a locked-down one.
pub async fn security_headers(req: Request, next: Next) -> Response {
    let present = req.uri().path().ends_with("/present");
    let mut res = next.run(req).await;
    let html = res
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"));
    if html && !res.headers().contains_key(header::CONTENT_SECURITY_POLICY) {
        res = page_policy_from_body(res, present).await;
    }
    let h = res.headers_mut();
    let set = |h: &mut HeaderMap, name: header::HeaderName, value: &'static str| {
        if !h.contains_key(&name) {
            h.insert(name, HeaderValue::from_static(value));
        }
    };
    set(h, header::CONTENT_SECURITY_POLICY, "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'");
    set(h, header::X_CONTENT_TYPE_OPTIONS, "nosniff");
    // Edit keys live in URLs: never send them to another site as a referrer.
    set(h, header::REFERRER_POLICY, "no-referrer");
    set(
        h,
        header::HeaderName::from_static("cross-origin-opener-policy"),
        "same-origin",
    );
    set(
        h,
        header::HeaderName::from_static("permissions-policy"),
        "camera=(), microphone=(), geolocation=(), payment=()",
    );
    res
}

/// Most of a page read to find its nonce (the hydration script's comes in the head).
const NONCE_WINDOW: usize = 64 * 1024;

/// A page that reached this layer without its policy (seen rarely in the browser tests,
/// cause not found): the policy is rebuilt from the nonce the page's own scripts carry,
/// so the page works and stays locked to its nonce. Without a nonce, the locked-down
/// policy applies.
async fn page_policy_from_body(res: Response, present: bool) -> Response {
    use futures_util::StreamExt;
    let (mut parts, body) = res.into_parts();
    let mut stream = body.into_data_stream();
    let mut head: Vec<u8> = Vec::new();
    let mut failed = None;
    while head.len() < NONCE_WINDOW && nonce_in(&head).is_none() {
        match stream.next().await {
            Some(Ok(chunk)) => head.extend_from_slice(&chunk),
            Some(Err(e)) => {
                failed = Some(e);
                break;
            }
            None => break,
        }
    }
    let nonce = nonce_in(&head);
    tracing::warn!(
        found = nonce.is_some(),
        "a page came without its Content-Security-Policy; rebuilt from its nonce"
    );
    if let Some(v) = nonce
        .map(|n| app::page_csp(&n, present))
        .and_then(|csp| HeaderValue::from_str(&csp).ok())
    {
        parts.headers.insert(header::CONTENT_SECURITY_POLICY, v);
        if !present {
            parts
                .headers
                .insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
        }
    }
    let first = futures_util::stream::iter(
        std::iter::once(Ok(axum::body::Bytes::from(head))).chain(failed.map(Err)),
    );
    Response::from_parts(parts, axum::body::Body::from_stream(first.chain(stream)))
}

/// The value of the first `nonce="..."` attribute in an HTML head (base64url characters).
fn nonce_in(html: &[u8]) -> Option<String> {
    let at = html.windows(7).position(|w| w == b"nonce=\"")? + 7;
    let value: Vec<u8> = html[at..]
        .iter()
        .take_while(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'+' | b'/' | b'='))
        .copied()
        .collect();
    let closed = html.get(at + value.len()) == Some(&b'"');
    (closed && !value.is_empty()).then(|| String::from_utf8_lossy(&value).into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A page without its policy gets one built from its own nonce; other answers keep
    /// the locked-down one.
    #[tokio::test]
    async fn a_page_without_its_policy_gets_one_from_its_nonce() {
        use tower::ServiceExt;
        let page = "<!DOCTYPE html><html><head><script nonce=\"n0Nce_1\">hydrate()</script></head><body>x</body></html>";
        let app = axum::Router::new()
            .route(
                "/w/x",
                axum::routing::get(move || async move { axum::response::Html(page) }),
            )
            .route("/api/x", axum::routing::get(|| async { "plain" }))
            .layer(axum::middleware::from_fn(security_headers));
        let get = |uri: &'static str| {
            let app = app.clone();
            async move {
                app.oneshot(
                    axum::http::Request::get(uri)
                        .body(axum::body::Body::empty())
                        .unwrap_or_default(),
                )
                .await
                .map_err(|e| e.to_string())
            }
        };
        let csp = |res: &Response| {
            res.headers()
                .get(header::CONTENT_SECURITY_POLICY)
                .and_then(|v| v.to_str().ok())
                .unwrap_or("")
                .to_string()
        };
        let res = get("/w/x").await.unwrap_or_default();
        assert!(csp(&res).contains("'nonce-n0Nce_1'"), "{}", csp(&res));
        let body = axum::body::to_bytes(res.into_body(), 1 << 20)
            .await
            .unwrap_or_default();
        assert_eq!(body, page.as_bytes(), "the page passes through whole");
        let res = get("/api/x").await.unwrap_or_default();
        assert!(csp(&res).starts_with("default-src 'none'"), "{}", csp(&res));
    }

    #[test]
    fn a_nonce_is_found_only_whole() {
        assert_eq!(
            nonce_in(b"<head><script nonce=\"Ab-_9z\">x</script>").as_deref(),
            Some("Ab-_9z")
        );
        assert_eq!(
            nonce_in(b"<script nonce=\"Ab-"),
            None,
            "cut off: not a nonce yet"
        );
        assert_eq!(nonce_in(b"<script nonce=\"a b\">"), None);
        assert_eq!(nonce_in(b"<p>no script</p>"), None);
    }
}
