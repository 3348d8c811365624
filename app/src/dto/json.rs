//! The codec of the pages' data (their resources): JSON, read with serde_json's byte
//! reader. A server function's answer is read with that reader too, so a type that
//! arrives both ways (a page's data: in the page when the server renders it, from a
//! server function after a link followed in the app) has one decoder in the client.
//! Leptos' default resource codec reads strings, which compiled a second decoder for
//! every such type (measured on the wasm with `scripts/wasm-breakdown.sh`).

use leptos::prelude::*;
use leptos::server::codee::{Decoder, Encoder};
use serde::{de::DeserializeOwned, Serialize};
use std::future::Future;

/// JSON, decoded from bytes.
pub struct Json;

impl<T: Serialize> Encoder<T> for Json {
    type Error = serde_json::Error;
    type Encoded = String;

    fn encode(val: &T) -> Result<String, Self::Error> {
        serde_json::to_string(val)
    }
}

impl<T: DeserializeOwned> Decoder<T> for Json {
    type Error = serde_json::Error;
    type Encoded = str;

    fn decode(val: &str) -> Result<T, Self::Error> {
        from_text(val)
    }
}

/// A page's data, as `Resource::new` makes it, with this codec.
#[track_caller]
pub fn resource<S, T, Fut>(
    source: impl Fn() -> S + Send + Sync + 'static,
    fetcher: impl Fn(S) -> Fut + Send + Sync + 'static,
) -> Resource<T, Json>
where
    S: Send + Sync + Clone + PartialEq + 'static,
    T: Serialize + DeserializeOwned + Send + Sync + 'static,
    Fut: Future<Output = T> + Send + 'static,
{
    Resource::new_with_options(source, fetcher, false)
}

/// Decodes JSON text with the same reader (drafts, remembered keys, upload answers).
pub fn from_text<T: DeserializeOwned>(text: &str) -> serde_json::Result<T> {
    serde_json::from_slice(text.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_is_encoded_decodes_to_the_same_and_bad_text_is_an_error() {
        let v = vec![(String::from("a \"b\" é"), 1.5f64)];
        let text = <Json as Encoder<_>>::encode(&v).expect("encodes");
        let back: Vec<(String, f64)> = <Json as Decoder<_>>::decode(&text).expect("decodes");
        assert_eq!(back, v);
        assert!(from_text::<Vec<(String, f64)>>("[1,").is_err());
    }
}
