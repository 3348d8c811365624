//! Usage import speed and memory for a large per-request log.
//!
//! Writes a Claude Code session JSONL of `BREAKEVEN_BENCH_MB` MB (default 50, the server's
//! usage upload limit) from the shared sample's shape: each call an assistant line with
//! a text block of ~1.5 KB, a unique `message.id`, times spread over 30 days, four models;
//! user lines in between. Then reads it (import, summary, pricing, hourly load: what
//! `POST /api/usage` does) three times. Memory growth is the process's peak resident set
//! (VmHWM) during the reads minus the resident set before them, the file's bytes already
//! in memory (Linux /proc).
//! Run: `cargo bench -p engine --bench usage_import_large`.

use std::io::Write;
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

fn log(target: usize) -> (Vec<u8>, usize) {
    let text = "Reading the file to find where the cost model rounds replicas. ".repeat(24);
    let models = [
        "claude-opus-4-6",
        "claude-sonnet-4-5-20250929",
        "claude-haiku-4-5-20251001",
        "claude-sonnet-4-6",
    ];
    let mut out = Vec::with_capacity(target + 4096);
    let mut n = 0usize;
    while out.len() < target {
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
        let _ = writeln!(
            out,
            r#"{{"type":"user","sessionId":"bench","timestamp":"{ts}","message":{{"role":"user","content":"{text}"}}}}"#
        );
        let _ = writeln!(
            out,
            r#"{{"type":"assistant","sessionId":"bench","requestId":"req_{n}","timestamp":"{ts}","message":{{"id":"msg_{n}","model":"{}","role":"assistant","content":[{{"type":"text","text":"{text}"}}],"usage":{{"input_tokens":{},"cache_creation_input_tokens":{},"cache_read_input_tokens":{},"output_tokens":{}}}}}}}"#,
            models[n % 4],
            3 + n % 7,
            200 + n % 900,
            20_000 + n % 40_000,
            50 + n % 800
        );
        n += 1;
    }
    (out, n)
}

fn main() {
    if std::env::args().any(|a| a == "--list") {
        return;
    }
    let mb: usize = std::env::var("BREAKEVEN_BENCH_MB")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(50);
    let (bytes, calls) = log(mb * 1_000_000);
    let rss_before = status_kb("VmRSS:").unwrap_or(0);
    let mut times = Vec::new();
    for _ in 0..3 {
        let start = Instant::now();
        let u = engine::usage::import_usage(&bytes).expect("reads");
        let f = engine::usage::file::describe(&u, "bench.jsonl", None).expect("described");
        times.push(start.elapsed().as_secs_f64());
        assert_eq!(u.records.len(), calls);
        assert_eq!(f.groups.len(), 4);
    }
    let peak = status_kb("VmHWM:").unwrap_or(0);
    times.sort_by(f64::total_cmp);
    println!(
        "usage_import_large: log {:.1} MB, {calls} calls; read time min {:.3} s, median {:.3} s, max {:.3} s ({:.0} MB/s at the median); peak memory growth {:.1} MB (VmHWM {peak} kB - VmRSS before {rss_before} kB)",
        bytes.len() as f64 / 1e6,
        times[0],
        times[1],
        times[2],
        bytes.len() as f64 / 1e6 / times[1],
        peak.saturating_sub(rss_before) as f64 / 1024.0,
    );
}
