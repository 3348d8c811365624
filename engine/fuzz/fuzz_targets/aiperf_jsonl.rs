#![no_main]
//! The aiperf_jsonl parser on any bytes (format forced, no detection).
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let format = engine::bench::Format::from_id("aiperf_jsonl").expect("known format");
    let _ = engine::bench::import("upload", data, Some(format));
});
