//! Import speed and memory for a large per-request benchmark file.
//!
//! Writes a ~100 MB vLLM `bench serve` JSON with per-request arrays (generated
//! texts, per-token ITLs) like `--save-detailed` produces, then imports it three
//! times. Memory growth is the process's peak resident set (VmHWM) during the
//! imports minus the resident set before them (Linux /proc).
//! Run: `cargo bench -p engine --bench import_large` (BREAKEVEN_BENCH_MB sets the size).

use std::io::{BufWriter, Write};
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

fn write_file(path: &std::path::Path, target_bytes: u64) -> std::io::Result<u64> {
    let mut w = BufWriter::new(std::fs::File::create(path)?);
    let text = "The quick brown fox jumps over the lazy dog. ".repeat(60);
    let per_request = 2_700 + 110 * 9 + 40;
    let n = (target_bytes / per_request).max(1);
    write!(
        w,
        r#"{{"date": "20260101-000000", "backend": "vllm", "model_id": "meta-llama/Llama-3.1-8B-Instruct", "num_prompts": {n}, "request_rate": "inf", "max_concurrency": 64, "duration": 600.5, "completed": {n}, "failed": 0, "total_input_tokens": {}, "total_output_tokens": {}, "request_throughput": {}, "output_throughput": 2345.6, "total_token_throughput": 4567.8, "mean_ttft_ms": 120.5, "median_ttft_ms": 110.0, "p99_ttft_ms": 400.0, "mean_tpot_ms": 20.1, "median_tpot_ms": 19.9, "p99_tpot_ms": 30.0, "mean_itl_ms": 20.0, "median_itl_ms": 19.5, "p99_itl_ms": 45.0"#,
        n * 200,
        n * 110,
        n as f64 / 600.5
    )?;
    for key in ["input_lens", "output_lens", "ttfts"] {
        write!(w, r#", "{key}": ["#)?;
        for i in 0..n {
            write!(w, "{}{}", if i > 0 { ", " } else { "" }, 100 + i % 50)?;
        }
        write!(w, "]")?;
    }
    write!(w, r#", "itls": ["#)?;
    for i in 0..n {
        write!(w, "{}[", if i > 0 { ", " } else { "" })?;
        for j in 0..110 {
            write!(
                w,
                "{}0.0{:05}",
                if j > 0 { ", " } else { "" },
                (i + j) % 99_999
            )?;
        }
        write!(w, "]")?;
    }
    write!(w, r#"], "generated_texts": ["#)?;
    for i in 0..n {
        write!(w, r#"{}"{} {}""#, if i > 0 { ", " } else { "" }, i, text)?;
    }
    write!(w, r#"], "errors": ["#)?;
    for i in 0..n {
        write!(w, r#"{}"""#, if i > 0 { ", " } else { "" })?;
    }
    write!(w, "]}}")?;
    w.flush()?;
    Ok(std::fs::metadata(path)?.len())
}

fn main() -> std::io::Result<()> {
    if std::env::args().any(|a| a == "--list") {
        return Ok(());
    }
    let mb: u64 = std::env::var("BREAKEVEN_BENCH_MB")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(100);
    let dir = std::env::temp_dir().join(format!("breakeven-import-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir)?;
    let path = dir.join("vllm-serve-detailed.json");
    let size = write_file(&path, mb * 1_000_000)?;
    let rss_before = status_kb("VmRSS:").unwrap_or(0);
    let mut times = Vec::new();
    for _ in 0..3 {
        let file = std::fs::File::open(&path)?;
        let start = Instant::now();
        let imported = engine::bench::import("vllm-serve-detailed.json", file, None);
        times.push(start.elapsed().as_secs_f64());
        match imported {
            Ok(i) => assert_eq!(i.runs[0].output_tokens_per_s, Some(2345.6)),
            Err(e) => panic!("import failed: {e}"),
        }
    }
    let peak = status_kb("VmHWM:").unwrap_or(0);
    std::fs::remove_dir_all(&dir)?;
    times.sort_by(f64::total_cmp);
    println!("import_large: file {:.1} MB; import time min {:.3} s, median {:.3} s, max {:.3} s; peak memory growth {:.1} MB (VmHWM {} kB - VmRSS before {} kB)", size as f64 / 1e6, times[0], times[1], times[2], peak.saturating_sub(rss_before) as f64 / 1024.0, peak, rss_before);
    Ok(())
}
