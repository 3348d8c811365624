//! File upload: drag and drop or a file picker, several files at once, each with a
//! progress bar and its own result. Files go to their endpoint (`POST /api/benchmarks`,
//! `POST /api/usage`: raw body, streamed) through XMLHttpRequest, which reports upload
//! progress. What a file becomes is the [`Uploaded`] type's business.

pub use kinds::Uploaded;
use leptos::prelude::*;

mod kinds;
mod send;

use send::usage_page;
#[cfg(feature = "hydrate")]
use send::{join, joined_name, logs_together, send};

#[derive(Clone, Debug, PartialEq)]
pub enum UploadState {
    Sending,
    /// The answer's line, and a warning if it has one.
    Done(String, Option<String>),
    Failed(String),
}

#[derive(Clone, Copy)]
struct Item {
    id: u32,
    name: StoredValue<String>,
    size: f64,
    progress: RwSignal<f64>,
    state: RwSignal<UploadState>,
}

/// The formats a user can force, for the override select.
fn format_options<T: Uploaded>() -> Vec<(String, String)> {
    let mut v = vec![("auto".to_string(), "detect automatically".to_string())];
    v.extend(T::formats());
    v
}

/// "1.2 MB", "18 KB", "312 bytes", "empty".
pub fn human_size(bytes: f64) -> String {
    if bytes >= 1e6 {
        format!("{:.1} MB", bytes / 1e6)
    } else if bytes >= 1e3 {
        format!("{:.0} KB", bytes / 1e3)
    } else if bytes >= 2.0 {
        format!("{bytes:.0} bytes")
    } else if bytes >= 1.0 {
        "1 byte".into()
    } else {
        "empty".into()
    }
}

#[component]
pub fn UploadZone<T: Uploaded>(
    /// Called once per file that was imported.
    #[prop(into)]
    on_uploaded: Callback<T>,
    /// A single-line zone for inside a form.
    #[prop(optional)]
    compact: bool,
    #[prop(into, optional)] test_id: Option<String>,
    /// Whose file it becomes: a workspace (its key) or a scenario's workspace (its edit
    /// link). Without one, nothing can be uploaded.
    #[prop(into)]
    access: Option<crate::dto::Access>,
) -> impl IntoView {
    let access = StoredValue::new(access);
    let items = RwSignal::new(Vec::<Item>::new());
    let next = StoredValue::new(0u32);
    let format = RwSignal::new("auto".to_string());
    let keep = RwSignal::new(false);
    let together = RwSignal::new(false);
    let over = RwSignal::new(false);
    let input_id = format!(
        "upload-{}",
        test_id.clone().unwrap_or_else(|| "main".into())
    );
    #[cfg(feature = "hydrate")]
    let start = move |files: web_sys::FileList| {
        let files: Vec<web_sys::File> = (0..files.length()).filter_map(|i| files.get(i)).collect();
        let names: Vec<String> = files.iter().map(web_sys::File::name).collect();
        let joined = if together.get_untracked() {
            logs_together(&names)
        } else {
            Vec::new()
        };
        let mut uploads: Vec<(String, web_sys::Blob, f64)> = Vec::new();
        if let Some(blob) = join(
            files
                .iter()
                .enumerate()
                .filter(|(i, _)| joined.contains(i))
                .map(|(_, f)| f),
        ) {
            let picked: Vec<String> = joined.iter().map(|&i| names[i].clone()).collect();
            uploads.push((joined_name(&picked), blob.clone(), blob.size()));
            // For these files: the next ones chosen are read one by one unless ticked again.
            together.set(false);
        }
        for (i, f) in files
            .iter()
            .enumerate()
            .filter(|(i, _)| !joined.contains(i))
        {
            uploads.push((names[i].clone(), f.clone().into(), f.size()));
        }
        for (name, body, size) in uploads {
            let id = next.get_value();
            next.set_value(id + 1);
            let item = Item {
                id,
                name: StoredValue::new(name),
                size,
                progress: RwSignal::new(0.0),
                state: RwSignal::new(UploadState::Sending),
            };
            items.update(|v| v.insert(0, item));
            send(
                body,
                format.get_untracked(),
                keep.get_untracked(),
                access.get_value(),
                item,
                on_uploaded,
            );
        }
    };
    #[cfg(not(feature = "hydrate"))]
    let _ = (on_uploaded, next);
    let on_drop = move |ev: leptos::ev::DragEvent| {
        ev.prevent_default();
        over.set(false);
        #[cfg(feature = "hydrate")]
        if let Some(files) = ev.data_transfer().and_then(|dt| dt.files()) {
            start(files);
        }
    };
    let on_pick = move |ev: leptos::ev::Event| {
        #[cfg(feature = "hydrate")]
        {
            use wasm_bindgen::JsCast;
            if let Some(input) = ev
                .target()
                .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
            {
                if let Some(files) = input.files() {
                    start(files);
                }
                input.set_value("");
            }
        }
        let _ = ev;
    };
    view! {
        <div
            class="upload"
            class:compact=compact
            data-testid=test_id.clone().unwrap_or_else(|| "upload".into())
        >
            <div
                class="dropzone"
                class:over=move || over.get()
                on:dragover=move |ev: leptos::ev::DragEvent| {
                    ev.prevent_default();
                    over.set(true);
                }
                on:dragleave=move |_| over.set(false)
                on:drop=on_drop
            >
                <p>
                    {if compact {
                        format!("Drop a {} file here, or ", T::NOUN)
                    } else {
                        format!("Drop {} files here (several at once), or ", T::NOUN)
                    }} <label class="linklike" for=input_id.clone()>
                        "choose files"
                    </label>
                    <input
                        id=input_id.clone()
                        class="visually-hidden"
                        type="file"
                        multiple=true
                        on:change=on_pick
                        data-testid="upload-input"
                    />
                </p>
                {(!compact)
                    .then(|| {
                        view! { <p class="fineprint">{T::HINT}</p> }
                    })}
                {(!T::formats().is_empty())
                    .then(|| {
                        view! {
                            <label class="format-override">
                                "Format "
                                <select
                                    on:change=move |ev| format.set(event_target_value(&ev))
                                    aria-label="File format"
                                >
                                    {format_options::<T>()
                                        .into_iter()
                                        .map(|(v, l)| view! { <option value=v>{l}</option> })
                                        .collect_view()}
                                </select>
                            </label>
                        }
                    })}
                {T::TOGETHER.map(|label| tick(label, "read-together", together))}
                {T::KEEP_ORIGINAL.map(|label| tick(label, "keep-original", keep))}
            </div>
            <ul class="uploads" aria-live="polite">
                <For each=move || items.get() key=|i| i.id let:item>
                    <li class="upload-item" data-testid="upload-item">
                        <span class="name">{item.name.get_value()}</span>
                        <span class="size">{human_size(item.size)}</span>
                        {move || match item.state.get() {
                            UploadState::Sending => {
                                view! {
                                    <progress
                                        max="1"
                                        value=move || item.progress.get()
                                        aria-label=format!("Uploading {}", item.name.get_value())
                                    ></progress>
                                }
                                    .into_any()
                            }
                            UploadState::Done(line, warning) => {
                                view! {
                                    <span class="ok" data-testid="upload-ok">
                                        {line}
                                    </span>
                                    {warning
                                        .map(|w| {
                                            view! {
                                                <span class="warn" role="status" data-testid="upload-warn">
                                                    {w}
                                                </span>
                                            }
                                        })}
                                }
                                    .into_any()
                            }
                            UploadState::Failed(msg) => {
                                let elsewhere = usage_page(&msg, access.get_value().as_ref());
                                view! {
                                    <span class="bad" role="alert" data-testid="upload-error">
                                        {msg}
                                    </span>
                                    {elsewhere
                                        .map(|href| {
                                            view! {
                                                " "
                                                <a href=href data-testid="upload-elsewhere">
                                                    "Open the Usage page"
                                                </a>
                                            }
                                        })}
                                }
                                    .into_any()
                            }
                        }}
                    </li>
                </For>
            </ul>
        </div>
    }
}

/// A tick under the drop zone that sets `on` for the files chosen next.
fn tick(label: &'static str, test_id: &'static str, on: RwSignal<bool>) -> impl IntoView {
    view! {
        <label class="keep-original">
            <input
                type="checkbox"
                data-testid=test_id
                prop:checked=move || on.get()
                on:change=move |ev| on.set(event_target_checked(&ev))
            />
            " "
            {label}
        </label>
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn sizes_say_bytes_below_a_kilobyte_and_empty_for_nothing() {
        use super::human_size;
        assert_eq!(human_size(0.0), "empty");
        assert_eq!(human_size(1.0), "1 byte");
        assert_eq!(human_size(312.0), "312 bytes");
        assert_eq!(human_size(18_400.0), "18 KB");
        assert_eq!(human_size(1_250_000.0), "1.2 MB");
    }

    #[test]
    fn only_two_or_more_logs_of_json_lines_are_read_as_one() {
        use super::send::{joined_name, logs_together};
        let names = |n: &[&str]| n.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(
            logs_together(&names(&[
                "main.jsonl",
                "costs.csv",
                "agent-1.JSONL",
                "x.ndjson"
            ])),
            vec![0, 2, 3]
        );
        // One log with other files: nothing to join.
        assert!(logs_together(&names(&["main.jsonl", "costs.csv"])).is_empty());
        assert!(logs_together(&names(&["a.json", "b.json"])).is_empty());
        assert_eq!(
            joined_name(&names(&["a.jsonl", "b.jsonl"])),
            "a.jsonl + b.jsonl"
        );
        assert_eq!(
            joined_name(&names(&["a.jsonl", "b.jsonl", "c.jsonl"])),
            "a.jsonl + 2 more"
        );
    }

    #[test]
    fn a_usage_export_refused_as_a_benchmark_links_to_the_usage_page() {
        use super::send::usage_page;
        use crate::dto::Access;
        let ws = Access::Workspace { token: "k1".into() };
        let why = engine::usage::usage_instead(include_bytes!(
            "../../../../engine/tests/usage-samples/openai-org-usage-costs/openai-cookbook_usage-completions_1d_30days.json"
        ));
        let why = why.expect("an OpenAI usage page is a usage export");
        assert_eq!(usage_page(&why, Some(&ws)).as_deref(), Some("/w/k1/usage"));
        // Another refusal, or a zone without the workspace's key, has no link.
        assert_eq!(usage_page("not a benchmark", Some(&ws)), None);
        let scenario = Access::Scenario {
            id: "s".into(),
            key: "e".into(),
        };
        assert_eq!(usage_page(&why, Some(&scenario)), None);
    }
}
