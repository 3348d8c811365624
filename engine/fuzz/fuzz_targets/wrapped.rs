#![no_main]
//! Known records inside a wrapper: any bytes put under a script's key, detected, and
//! with a format forced (both walk the JSON tree for known records).
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let mut wrapped = b"{\"script\": \"bench.sh\", \"results\": {\"c4\": ".to_vec();
    wrapped.extend_from_slice(data);
    wrapped.extend_from_slice(b"}}");
    let _ = engine::bench::import("upload.json", wrapped.as_slice(), None);
    let forced = engine::bench::Format::from_id("llmperf_summary").expect("known format");
    let _ = engine::bench::import("upload.json", wrapped.as_slice(), Some(forced));
});
