#![no_main]
//! The guidellm_csv parser on any bytes (format forced, no detection).
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let format = engine::bench::Format::from_id("guidellm_csv").expect("known format");
    let _ = engine::bench::import("upload", data, Some(format));
});
