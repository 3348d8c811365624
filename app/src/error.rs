//! The one error type at the boundary: what the browser and API clients may see.
//! Internal causes are logged on the server and never sent.

use engine::FieldError;
use serde::{Deserialize, Serialize};
use server_fn::codec::JsonEncoding;
use server_fn::error::{FromServerFnError, ServerFnErrorErr};

/// On the wire (JSON API and server functions alike) an error is one object:
/// `{"error": "<code>", "message": "<what went wrong>", ...}` with the code's own
/// fields (`errors`, `base_revision`/`current_revision`, `file`, `limit_bytes`,
/// `reference`), see [`AppError::to_json`]; the browser reads the same shape back.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum AppError {
    /// Inputs that failed validation, each with the path of its field.
    #[error("{} input(s) need attention", .0.len())]
    Invalid(Vec<FieldError>),
    #[error("{0} not found")]
    NotFound(String),
    /// The request lacks the edit capability for this scenario.
    #[error(
        "this request does not carry the scenario's edit key: only its edit link can edit it, \
         save it or show its history (a view link or another key can only view it)"
    )]
    Forbidden,
    /// A save based on an older revision than the current one.
    #[error("someone saved revision {current} after you opened revision {base}; your edit was not saved")]
    Conflict { base: i64, current: i64 },
    /// An uploaded file that was not imported, with the reason.
    #[error("{file}: {message}")]
    BadFile { file: String, message: String },
    /// A request body over the configured size limit.
    #[error("the request body is larger than the {} limit", human_bytes(*.limit_bytes))]
    TooLarge { limit_bytes: u64 },
    /// A client that sends its request too slowly (or stops sending).
    #[error("{0}")]
    Timeout(String),
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
    /// The admin token is missing or wrong.
    #[error("the admin token is missing or wrong")]
    Unauthorised,
    /// A restore into an instance that already holds data.
    #[error("this instance already holds data; restore only into an empty one")]
    NotEmpty,
    /// A refusal by a layer in front of the handlers, in the same `{error, message}`
    /// shape: `rate_limited`, `cross_site`, `no_workspace_key`.
    #[error("{message}")]
    Refused { code: String, message: String },
}

impl From<engine::ValidationErrors> for AppError {
    fn from(e: engine::ValidationErrors) -> Self {
        AppError::Invalid(e.0)
    }
}

/// A byte count the way the settings are written: MiB when it is a whole number of
/// them, MB when a whole number of those, bytes otherwise.
pub fn human_bytes(n: u64) -> String {
    const MIB: u64 = 1024 * 1024;
    if n >= MIB && n.is_multiple_of(MIB) {
        format!("{} MiB", n / MIB)
    } else if n >= 1_000_000 && n.is_multiple_of(1_000_000) {
        format!("{} MB", n / 1_000_000)
    } else {
        format!("{n} bytes")
    }
}

impl AppError {
    /// The stable code clients branch on.
    pub fn code(&self) -> &'static str {
        match self {
            AppError::Invalid(_) => "invalid",
            AppError::NotFound(_) => "not_found",
            AppError::Forbidden => "forbidden",
            AppError::Conflict { .. } => "conflict",
            AppError::BadFile { .. } => "bad_file",
            AppError::TooLarge { .. } => "too_large",
            AppError::Timeout(_) => "timeout",
            AppError::Unavailable(_) => "unavailable",
            AppError::Internal { .. } => "internal",
            AppError::BadRequest(_) => "bad_request",
            AppError::Transport(_) => "transport",
            AppError::Unauthorised => "unauthorised",
            AppError::NotEmpty => "not_empty",
            AppError::Refused { .. } => "refused",
        }
    }

    /// The wire form: `{error, message}` plus the fields of this kind of error.
    pub fn to_json(&self) -> serde_json::Value {
        use serde_json::json;
        let mut v = json!({ "error": self.code(), "message": self.to_string() });
        let extra = match self {
            AppError::Invalid(errors) => json!({ "errors": errors }),
            AppError::NotFound(what) => json!({ "what": what }),
            AppError::Conflict { base, current } => {
                json!({ "base_revision": base, "current_revision": current })
            }
            AppError::BadFile { file, message } => {
                json!({ "file": file, "message": message })
            }
            AppError::TooLarge { limit_bytes } => json!({ "limit_bytes": limit_bytes }),
            AppError::Timeout(d)
            | AppError::Unavailable(d)
            | AppError::BadRequest(d)
            | AppError::Transport(d) => json!({ "detail": d }),
            AppError::Internal { reference } => json!({ "reference": reference }),
            AppError::Forbidden | AppError::Unauthorised | AppError::NotEmpty => json!({}),
            AppError::Refused { code, .. } => json!({ "error": code }),
        };
        if let (Some(v), serde_json::Value::Object(extra)) = (v.as_object_mut(), extra) {
            v.extend(extra);
        }
        v
    }

    /// Reads the wire form back (what the browser does with an error answer).
    pub fn from_json(v: &serde_json::Value) -> Option<AppError> {
        let s = |k: &str| v.get(k).and_then(|x| x.as_str()).map(str::to_string);
        let i = |k: &str| v.get(k).and_then(|x| x.as_i64());
        Some(match v.get("error")?.as_str()? {
            "invalid" => AppError::Invalid(serde_json::from_value(v.get("errors")?.clone()).ok()?),
            "not_found" => AppError::NotFound(s("what")?),
            "forbidden" => AppError::Forbidden,
            "unauthorised" => AppError::Unauthorised,
            "not_empty" => AppError::NotEmpty,
            "conflict" => AppError::Conflict {
                base: i("base_revision")?,
                current: i("current_revision")?,
            },
            "bad_file" => AppError::BadFile {
                file: s("file")?,
                message: s("message")?,
            },
            "too_large" => AppError::TooLarge {
                limit_bytes: v.get("limit_bytes")?.as_u64()?,
            },
            "timeout" => AppError::Timeout(s("detail")?),
            "unavailable" => AppError::Unavailable(s("detail")?),
            "internal" => AppError::Internal {
                reference: s("reference")?,
            },
            "bad_request" => AppError::BadRequest(s("detail")?),
            "transport" => AppError::Transport(s("detail")?),
            code => AppError::Refused {
                code: code.to_string(),
                message: s("message")?,
            },
        })
    }
}

impl Serialize for AppError {
    fn serialize<S: serde::Serializer>(&self, ser: S) -> Result<S::Ok, S::Error> {
        self.to_json().serialize(ser)
    }
}

impl<'de> Deserialize<'de> for AppError {
    fn deserialize<D: serde::Deserializer<'de>>(de: D) -> Result<Self, D::Error> {
        let v = serde_json::Value::deserialize(de)?;
        AppError::from_json(&v).ok_or_else(|| {
            serde::de::Error::custom(format!(
                "not an error answer: {}",
                v.to_string().chars().take(200).collect::<String>()
            ))
        })
    }
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;
    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        match value {
            // On the server these mean the arguments did not decode: the caller's mistake.
            // In the browser the same variants mean an answer it could not read.
            // A body cut off at the size limit surfaces as a read error of the body.
            #[cfg(feature = "ssr")]
            ServerFnErrorErr::Deserialization(e) | ServerFnErrorErr::Args(e)
                if e.contains("length limit exceeded") =>
            {
                AppError::TooLarge { limit_bytes: 0 }
            }
            #[cfg(feature = "ssr")]
            ServerFnErrorErr::Deserialization(e) | ServerFnErrorErr::Args(e) => {
                AppError::BadRequest(format!("its arguments are not valid: {e}"))
            }
            #[cfg(feature = "ssr")]
            ServerFnErrorErr::MissingArg(a) => {
                AppError::BadRequest(format!("the argument '{a}' is missing"))
            }
            // On the server, an answer that cannot be encoded is our fault.
            #[cfg(feature = "ssr")]
            ServerFnErrorErr::Serialization(e) | ServerFnErrorErr::Response(e) => {
                AppError::internal(anyhow::anyhow!("a server function's answer: {e}"))
            }
            other => AppError::Transport(other.to_string()),
        }
    }
}

impl AppError {
    /// What to show where no field carries the message: an invalid input's own
    /// messages, else the error's text.
    pub fn explain(&self) -> String {
        match self {
            AppError::Invalid(errs) if !errs.is_empty() => errs
                .iter()
                .map(|e| e.message.clone())
                .collect::<Vec<_>>()
                .join("; "),
            other => other.to_string(),
        }
    }

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
        let reference = crate::tokens::random_token(6);
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
            AppError::Unauthorised => StatusCode::UNAUTHORIZED,
            AppError::Conflict { .. } | AppError::NotEmpty => StatusCode::CONFLICT,
            AppError::TooLarge { .. } => StatusCode::PAYLOAD_TOO_LARGE,
            AppError::Timeout(_) => StatusCode::REQUEST_TIMEOUT,
            AppError::Unavailable(_) => StatusCode::SERVICE_UNAVAILABLE,
            AppError::Internal { .. } => StatusCode::INTERNAL_SERVER_ERROR,
            AppError::BadRequest(_) | AppError::Transport(_) => StatusCode::BAD_REQUEST,
            AppError::Refused { code, .. } => match code.as_str() {
                "rate_limited" => StatusCode::TOO_MANY_REQUESTS,
                "cross_site" => StatusCode::FORBIDDEN,
                "no_workspace_key" | "workspace_key_needed" => StatusCode::FORBIDDEN,
                "benchmark_file_in_use" => StatusCode::CONFLICT,
                _ => StatusCode::BAD_REQUEST,
            },
        }
    }
}

#[cfg(feature = "ssr")]
impl axum::response::IntoResponse for AppError {
    fn into_response(self) -> axum::response::Response {
        (self.status(), axum::Json(self.to_json())).into_response()
    }
}
