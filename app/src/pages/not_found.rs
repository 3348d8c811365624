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

/// A load error as a person should read it: what happened, and what to do.
#[component]
pub fn LoadError(err: crate::error::AppError) -> impl IntoView {
    use crate::error::AppError;
    let (title, text) = match &err {
        AppError::NotFound(_) => ("Scenario not found", "The link may be mistyped, or the scenario was never saved here.".to_string()),
        AppError::Forbidden => ("This link cannot edit", "The edit key in this link is wrong. Ask for the edit link, or open the view-only link.".to_string()),
        other => ("Could not load the scenario", other.to_string()),
    };
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
                <a href="/">"Back to the start page"</a>
            </p>
        </section>
    }
}
