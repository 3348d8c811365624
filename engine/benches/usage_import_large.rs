//! Usage import speed and memory for a large per-request log.
//!
//! Writes a Claude Code session JSONL of `BREAKEVEN_BENCH_MB` MB (default 50, the server's
//! usage upload limit) from the shared sample's shape to a temporary file: each call an
//! assistant line with a text block of ~1.5 KB, a unique `message.id`, times spread over
//! 30 days, four models; user lines in between. Then reads it (import, summary, pricing,
//! hourly load: what `POST /api/usage` does) three times each way:
//! - streamed from the file (`import_usage_reader`), memory growth the process's peak
//!   resident set (VmHWM) during the reads minus the resident set before them;
//! - from the bytes in memory (`import_usage`, as the server reads an upload), memory
//!   growth likewise, above the file's bytes.
//!
//! Each way runs in its own process (the bench starts itself twice), so memory that one
//! freed does not hide the other's growth (Linux `/proc`).
//! Run: `cargo bench -p engine --bench usage_import_large`.

use std::io::{BufReader, BufWriter, Write};
use std::time::Instant;

fn status_kb(field: &str) -> Option<u64> {
    let s = std::fs::read_to_string("/proc/self/status").ok()?;
    s.lines()
        .find(|l| l.starts_with(field))?
        .split_whitespace()
        .nth(1)?
        .parse()
        .ok()
}

fn log(target: usize, out: &mut impl Write) -> usize {
    let text = "Reading the file to find where the cost model rounds replicas. ".repeat(24);
    let models = [
        "claude-opus-4-6",
        "claude-sonnet-4-5-20250929",
        "claude-haiku-4-5-20251001",
        "claude-sonnet-4-6",
    ];
    let mut n = 0usize;
    let mut written = 0usize;
    while written < target {
        // Seconds into January 2026, spread over its first 30 days.
        let t = (n as i64 * 37) % (30 * 86_400);
        let (d, s) = (t / 86_400, t % 86_400);
        let ts = format!(
            "2026-01-{:02}T{:02}:{:02}:{:02}.000Z",
            d + 1,
            s / 3600,
            (s / 60) % 60,
            s % 60
        );
        let user = format!(
            r#"{{"type":"user","sessionId":"bench","timestamp":"{ts}","message":{{"role":"user","content":"{text}"}}}}"#
        );
        let call = format!(
            r#"{{"type":"assistant","sessionId":"bench","requestId":"req_{n}","timestamp":"{ts}","message":{{"id":"msg_{n}","model":"{}","role":"assistant","content":[{{"type":"text","text":"{text}"}}],"usage":{{"input_tokens":{},"cache_creation_input_tokens":{},"cache_read_input_tokens":{},"output_tokens":{}}}}}}}"#,
            models[n % 4],
            3 + n % 7,
            200 + n % 900,
            20_000 + n % 40_000,
            50 + n % 800
        );
        let _ = writeln!(out, "{user}\n{call}");
        written += user.len() + call.len() + 2;
        n += 1;
    }
    n
}

/// Three reads: their times (sorted) and the peak memory growth in MB.
fn measure(calls: usize, read: impl Fn() -> engine::usage::UsageImport) -> (Vec<f64>, f64) {
    let before = status_kb("VmRSS:").unwrap_or(0);
    let mut times = Vec::new();
    for _ in 0..3 {
        let start = Instant::now();
        let u = read();
        let f = engine::usage::file::describe(&u, "bench.jsonl", None).expect("described");
        times.push(start.elapsed().as_secs_f64());
        assert_eq!(u.records.len(), calls);
        assert_eq!(f.groups.len(), 4);
    }
    let peak = status_kb("VmHWM:").unwrap_or(0);
    times.sort_by(f64::total_cmp);
    (times, peak.saturating_sub(before) as f64 / 1024.0)
}

fn main() {
    if std::env::args().any(|a| a == "--list") {
        return;
    }
    let Ok(mode) = std::env::var("BREAKEVEN_BENCH_MODE") else {
        for mode in ["stream", "memory"] {
            let me = std::env::current_exe().expect("this bench");
            let ok = std::process::Command::new(me)
                .env("BREAKEVEN_BENCH_MODE", mode)
                .status()
                .is_ok_and(|s| s.success());
            assert!(ok, "the {mode} run failed");
        }
        return;
    };
    let mb: usize = std::env::var("BREAKEVEN_BENCH_MB")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(50);
    let path = std::env::temp_dir().join(format!(
        "breakeven-usage-bench-{}.jsonl",
        std::process::id()
    ));
    let calls = {
        let mut w = BufWriter::new(std::fs::File::create(&path).expect("temp file"));
        let n = log(mb * 1_000_000, &mut w);
        w.flush().expect("written");
        n
    };
    let size = std::fs::metadata(&path).expect("written").len() as f64 / 1e6;
    let line = |how: &str, t: &[f64], m: f64| {
        println!(
            "usage_import_large ({how}): log {size:.1} MB, {calls} calls; read time min {:.3} s, median {:.3} s, max {:.3} s ({:.0} MB/s at the median); peak memory growth {m:.1} MB",
            t[0],
            t[1],
            t[2],
            size / t[1],
        )
    };
    if mode == "stream" {
        let (t, m) = measure(calls, || {
            let f = std::fs::File::open(&path).expect("opens");
            engine::usage::import_usage_reader(BufReader::new(f)).expect("reads")
        });
        let _ = std::fs::remove_file(&path);
        line("streamed from the file", &t, m);
    } else {
        let bytes = std::fs::read(&path).expect("reads");
        let _ = std::fs::remove_file(&path);
        let (t, m) = measure(calls, || {
            engine::usage::import_usage(&bytes).expect("reads")
        });
        line("from the bytes in memory, growth above them", &t, m);
    }
}
