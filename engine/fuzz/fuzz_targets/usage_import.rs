#![no_main]
//! The usage importers (detection included), the per-model summary and the task type
//! on any bytes: never a panic.
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(u) = engine::usage::import_usage(data) {
        for g in engine::usage::summarise(&u) {
            let _ = engine::usage::workload::task_type(&g, "upload");
        }
    }
});
