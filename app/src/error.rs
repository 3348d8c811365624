//! The one error type at the boundary: what the browser and API clients may see.
//! Internal causes are logged on the server and never sent.

use engine::FieldError;
use serde::{Deserialize, Serialize};
use server_fn::codec::JsonEncoding;
use server_fn::error::{FromServerFnError, ServerFnErrorErr};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, thiserror::Error)]
pub enum AppError {
    /// Inputs that failed validation, each with the path of its field.
    #[error("{} input(s) need attention", .0.len())]
    Invalid(Vec<FieldError>),
    #[error("{0} not found")]
    NotFound(String),
    /// The request lacks the edit capability for this scenario.
    #[error("this link can only view the scenario; saving needs the edit link")]
    Forbidden,
    /// A save based on an older revision than the current one.
    #[error("someone saved revision {current} after you opened revision {base}; your edit was not saved")]
    Conflict { base: i64, current: i64 },
    /// An uploaded file that was not imported, with the reason.
    #[error("{file}: {message}")]
    BadFile { file: String, message: String },
    /// An upload over the configured size limit.
    #[error("the upload is larger than the {limit_mb} MB limit")]
    TooLarge { limit_mb: u64 },
    #[error("cannot save right now: {0}")]
    Unavailable(String),
    /// Something broke on our side; the cause is in the server log under `reference`.
    #[error("something went wrong on our side (reference {reference})")]
    Internal { reference: String },
    /// The request reached the server but its arguments could not be read (wrong
    /// types, missing fields, NaN, a truncated body): the client's mistake, answered 400.
    #[error("the request could not be read: {0}")]
    BadRequest(String),
    /// The request never reached the handler (network, encoding).
    #[error("the server could not be reached: {0}")]
    Transport(String),
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;
    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        match value {
            // On the server these mean the arguments did not decode: the caller's mistake.
            // In the browser the same variants mean an answer it could not read.
            #[cfg(feature = "ssr")]
            ServerFnErrorErr::Deserialization(e) | ServerFnErrorErr::Args(e) => {
                AppError::BadRequest(format!("its arguments are not valid: {e}"))
            }
            #[cfg(feature = "ssr")]
            ServerFnErrorErr::MissingArg(a) => {
                AppError::BadRequest(format!("the argument '{a}' is missing"))
            }
            other => AppError::Transport(other.to_string()),
        }
    }
}

impl AppError {
    /// The message for one field, if this error names it.
    pub fn field(&self, path: &str) -> Option<String> {
        match self {
            AppError::Invalid(errs) => errs
                .iter()
                .find(|e| e.path == path)
                .map(|e| e.message.clone()),
            _ => None,
        }
    }
}

#[cfg(feature = "ssr")]
impl AppError {
    /// Logs the cause chain and returns an opaque error with a reference to find it.
    pub fn internal(err: impl Into<anyhow::Error>) -> Self {
        let err = err.into();
        let reference = crate::db::random_token(6);
        tracing::error!(reference = %reference, error = ?err, "internal error");
        AppError::Internal { reference }
    }
}

#[cfg(feature = "ssr")]
impl AppError {
    /// The HTTP status this error is answered with.
    pub fn status(&self) -> axum::http::StatusCode {
        use axum::http::StatusCode;
        match self {
            AppError::Invalid(_) | AppError::BadFile { .. } => StatusCode::UNPROCESSABLE_ENTITY,
            AppError::NotFound(_) => StatusCode::NOT_FOUND,
            AppError::Forbidden => StatusCode::FORBIDDEN,
            AppError::Conflict { .. } => StatusCode::CONFLICT,
            AppError::TooLarge { .. } => StatusCode::PAYLOAD_TOO_LARGE,
            AppError::Unavailable(_) => StatusCode::SERVICE_UNAVAILABLE,
            AppError::Internal { .. } => StatusCode::INTERNAL_SERVER_ERROR,
            AppError::BadRequest(_) | AppError::Transport(_) => StatusCode::BAD_REQUEST,
        }
    }
}

#[cfg(feature = "ssr")]
impl axum::response::IntoResponse for AppError {
    fn into_response(self) -> axum::response::Response {
        use serde_json::json;
        let message = self.to_string();
        let body = match &self {
            AppError::Invalid(errors) => {
                json!({ "error": "invalid", "message": message, "errors": errors })
            }
            AppError::NotFound(_) => json!({ "error": "not_found", "message": message }),
            AppError::Forbidden => json!({ "error": "forbidden", "message": message }),
            AppError::Conflict { base, current } => {
                json!({ "error": "conflict", "message": message, "base_revision": base, "current_revision": current })
            }
            AppError::BadFile { file, message } => {
                json!({ "error": "bad_file", "message": message, "file": file })
            }
            AppError::TooLarge { limit_mb } => {
                json!({ "error": "too_large", "message": message, "limit_mb": limit_mb })
            }
            AppError::Unavailable(_) => json!({ "error": "unavailable", "message": message }),
            AppError::Internal { reference } => {
                json!({ "error": "internal", "message": message, "reference": reference })
            }
            AppError::BadRequest(_) | AppError::Transport(_) => {
                json!({ "error": "bad_request", "message": message })
            }
        };
        (self.status(), axum::Json(body)).into_response()
    }
}
