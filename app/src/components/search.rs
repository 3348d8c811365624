//! A search box that asks the server only once typing pauses.

use leptos::prelude::*;
use std::time::Duration;

/// How long typing must pause before `debounced` takes the text.
const PAUSE: Duration = Duration::from_millis(200);

/// A labelled search input. What is typed shows at once; `debounced` (which a list's
/// resource reads) takes it only after a [`PAUSE`] with no further keystroke, so a
/// word typed quickly is one query, not one per letter.
#[component]
pub fn SearchBox(
    id: &'static str,
    label: &'static str,
    placeholder: &'static str,
    debounced: RwSignal<String>,
) -> impl IntoView {
    let query = RwSignal::new(String::new());
    let ticket = StoredValue::new(0u64);
    view! {
        <div class="search">
            <label for=id>{label}</label>
            <input
                id=id
                type="search"
                placeholder=placeholder
                prop:value=move || query.get()
                on:input=move |ev| {
                    let q = event_target_value(&ev);
                    query.set(q.clone());
                    ticket.update_value(|t| *t += 1);
                    let mine = ticket.get_value();
                    set_timeout(
                        move || {
                            if ticket.get_value() == mine {
                                debounced.set(q)
                            }
                        },
                        PAUSE,
                    );
                }
            />
        </div>
    }
}

/// What an empty list says: that nothing matches the search, or (no search) `empty`.
pub fn no_match(query: &str, what: &str, empty: &str) -> String {
    match query.trim() {
        "" => empty.to_string(),
        q => format!("No {what} match \u{201c}{q}\u{201d}. Clear the search to see them all."),
    }
}

#[cfg(test)]
mod tests {
    use super::no_match;

    #[test]
    fn an_empty_list_says_whether_a_search_hid_it() {
        assert_eq!(no_match("  ", "runs", "No runs yet."), "No runs yet.");
        assert_eq!(
            no_match("h100 ", "runs", "No runs yet."),
            "No runs match \u{201c}h100\u{201d}. Clear the search to see them all."
        );
    }
}
