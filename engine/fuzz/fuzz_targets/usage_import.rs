#![no_main]
//! The usage importers (detection included), read from memory and streamed with a small
//! head (so a log takes the line-by-line path), the per-model summary and the task type
//! on any bytes: never a panic.
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = engine::usage::import_usage_stream(std::io::BufReader::with_capacity(16, data), 64);
    if let Ok(u) = engine::usage::import_usage(data) {
        for g in engine::usage::summarise(&u) {
            let _ = engine::usage::workload::task_type(&g, "upload");
        }
    }
});
