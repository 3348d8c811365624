use leptos::prelude::*;

#[component]
pub fn NotFound() -> impl IntoView {
    #[cfg(feature = "ssr")]
    {
        if let Some(resp) = use_context::<leptos_axum::ResponseOptions>() {
            resp.set_status(axum::http::StatusCode::NOT_FOUND);
        }
    }
    view! {
        <section class="page narrow">
            <h1>"Not found"</h1>
            <p>"There is nothing at this address. "<a href="/">"Back to the start page"</a></p>
        </section>
    }
}

/// `text` with its first letter in capitals. ASCII only: the nouns of `AppError::NotFound`
/// are, and Unicode's case tables would weigh 4 KB in each client.
fn capitalised(text: &str) -> String {
    let mut out = text.to_string();
    if let Some(first) = out.get_mut(..1) {
        first.make_ascii_uppercase();
    }
    out
}

/// A load error as a person should read it: what happened, and what to do. `back`: where
/// the page's reader goes from here (`(href, text)`), the start page when not given.
#[component]
pub fn LoadError(
    err: crate::error::AppError,
    #[prop(optional)] back: Option<(String, String)>,
) -> impl IntoView {
    use crate::error::AppError;
    let mistyped = "The link may be mistyped";
    let (title, text) = match &err {
        AppError::NotFound(what) if what == "scenario" => (
            "Scenario not found".to_string(),
            format!("{mistyped}, or the scenario was never saved here."),
        ),
        // What a workspace may delete: say so.
        AppError::NotFound(what)
            if matches!(
                what.as_str(),
                "benchmark run" | "benchmark file" | "usage file"
            ) =>
        {
            (
                format!("{} not found", capitalised(what)),
                format!("{mistyped}, or the {what} was deleted or never saved here."),
            )
        }
        AppError::NotFound(_) => (
            "Not found".to_string(),
            format!("{}. {mistyped}.", capitalised(&err.to_string())),
        ),
        AppError::Forbidden => (
            "This link cannot edit".to_string(),
            "The edit key in this link is wrong. Ask for the edit link, or open the view-only \
             link."
                .to_string(),
        ),
        other => ("Could not load this page".to_string(), other.to_string()),
    };
    let (href, back) = back.unwrap_or_else(|| ("/".into(), "Back to the start page".into()));
    #[cfg(feature = "ssr")]
    {
        let code = match err {
            AppError::NotFound(_) => axum::http::StatusCode::NOT_FOUND,
            AppError::Forbidden => axum::http::StatusCode::FORBIDDEN,
            _ => axum::http::StatusCode::INTERNAL_SERVER_ERROR,
        };
        if let Some(resp) = use_context::<leptos_axum::ResponseOptions>() {
            resp.set_status(code);
        }
    }
    view! {
        <section class="page narrow">
            <h1>{title}</h1>
            <p role="alert">{text}</p>
            <p>
                <a href=href>{back}</a>
            </p>
        </section>
    }
}
