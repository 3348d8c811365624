//! Sending chosen files: one upload each, or `.jsonl` logs joined into one ("read as
//! one"), through XMLHttpRequest (which reports upload progress); and where a refused
//! file belongs instead.

#[cfg(feature = "hydrate")]
use super::{Item, UploadState, Uploaded};
#[cfg(feature = "hydrate")]
use leptos::prelude::*;

/// The workspace's usage page, when a refusal sends the file there (a usage export
/// dropped on the benchmarks page) and the zone knows the workspace.
pub(super) fn usage_page(message: &str, access: Option<&crate::dto::Access>) -> Option<String> {
    match access {
        Some(crate::dto::Access::Workspace { token }) if message.contains("on the Usage page") => {
            Some(format!("/w/{token}/usage"))
        }
        _ => None,
    }
}

/// Which of the files chosen at once are read as one log: the logs of JSON lines, when
/// there are two or more of them (a CSV or a JSON document cannot be joined end to end).
#[cfg(any(feature = "hydrate", test))]
pub(super) fn logs_together(names: &[String]) -> Vec<usize> {
    let logs: Vec<usize> = names
        .iter()
        .enumerate()
        .filter(|(_, n)| {
            let n = n.to_ascii_lowercase();
            n.ends_with(".jsonl") || n.ends_with(".ndjson")
        })
        .map(|(i, _)| i)
        .collect();
    if logs.len() >= 2 {
        logs
    } else {
        Vec::new()
    }
}

/// "a.jsonl + b.jsonl", or "a.jsonl + 4 more": the name of logs read as one.
#[cfg(any(feature = "hydrate", test))]
pub(super) fn joined_name(names: &[String]) -> String {
    match names {
        [a, b] => format!("{a} + {b}"),
        [a, rest @ ..] => format!("{a} + {} more", rest.len()),
        [] => String::new(),
    }
}

/// Files joined end to end, a line break between each (a file need not end with one).
#[cfg(feature = "hydrate")]
pub(super) fn join<'a>(files: impl Iterator<Item = &'a web_sys::File>) -> Option<web_sys::Blob> {
    let parts = js_sys::Array::new();
    for f in files {
        parts.push(f);
        parts.push(&wasm_bindgen::JsValue::from_str("\n"));
    }
    if parts.length() == 0 {
        return None;
    }
    web_sys::Blob::new_with_blob_sequence(&parts).ok()
}

#[cfg(feature = "hydrate")]
pub(super) fn send<T: Uploaded>(
    file: web_sys::Blob,
    format: String,
    keep_original: bool,
    access: Option<crate::dto::Access>,
    item: Item,
    on_uploaded: Callback<T>,
) {
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::JsCast;
    let fail = move |msg: String| item.state.set(UploadState::Failed(msg));
    let Ok(xhr) = web_sys::XmlHttpRequest::new() else {
        return fail("this browser cannot upload files".into());
    };
    let name = String::from(js_sys::encode_uri_component(&item.name.get_value()));
    let mut url = format!("{}?name={name}&format={format}", T::ENDPOINT);
    if keep_original {
        url.push_str("&keep_original=true");
    }
    if xhr.open("POST", &url).is_err() {
        return fail("the upload could not start".into());
    }
    let headers = match access {
        Some(crate::dto::Access::Workspace { token }) => {
            xhr.set_request_header("X-Workspace-Key", &token)
        }
        Some(crate::dto::Access::Scenario { id, key }) => xhr
            .set_request_header("X-Scenario-Id", &id)
            .and_then(|_| xhr.set_request_header("X-Edit-Key", &key)),
        None => return fail("uploads need a workspace: open this from your workspace".into()),
    };
    if headers.is_err() {
        return fail("the upload could not start".into());
    }
    if let Ok(up) = xhr.upload() {
        let on_progress =
            Closure::<dyn FnMut(web_sys::ProgressEvent)>::new(move |e: web_sys::ProgressEvent| {
                if e.length_computable() && e.total() > 0.0 {
                    item.progress.set(e.loaded() / e.total());
                }
            });
        up.set_onprogress(Some(on_progress.as_ref().unchecked_ref()));
        on_progress.forget();
    }
    let size = file.size();
    let done_xhr = xhr.clone();
    let on_done = Closure::<dyn FnMut()>::new(move || {
        let status = done_xhr.status().unwrap_or(0);
        let text = done_xhr.response_text().ok().flatten().unwrap_or_default();
        match status {
            201 => match crate::dto::json::from_text::<T>(&text) {
                Ok(u) => {
                    item.state.set(UploadState::Done(u.summary(), u.warning()));
                    on_uploaded.run(u);
                }
                Err(_) => fail("the server's answer could not be read".into()),
            },
            // The server refuses a file over its upload limit before reading it and
            // closes the connection, which a browser may report as a lost connection.
            0 if size > 50_000_000.0 => fail(format!(
                "the upload was cut off: at {:.0} MB the file may be over the server's upload limit (200 MB unless the operator changed it)",
                size / 1e6
            )),
            0 => fail("the upload did not reach the server (connection lost?)".into()),
            _ => {
                let msg = serde_json::from_str::<serde_json::Value>(&text)
                    .ok()
                    .and_then(|v| {
                        v.get("message")
                            .and_then(|m| m.as_str())
                            .map(str::to_string)
                    });
                fail(msg.unwrap_or_else(|| format!("the server refused the file (HTTP {status})")));
            }
        }
    });
    xhr.set_onloadend(Some(on_done.as_ref().unchecked_ref()));
    on_done.forget();
    if xhr.send_with_opt_blob(Some(&file)).is_err() {
        fail("the upload could not be sent".into());
    }
}
