#![no_main]
//! Format detection and every parser it can reach: any bytes, any name.
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = engine::bench::import("upload", data, None);
});
