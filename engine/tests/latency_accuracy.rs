//! The latency model against every shared benchmark sample that is a sweep with TTFT and
//! TPOT on hardware and a model the catalog has. Prints the table the README shows:
//! `cargo test -p engine --test latency_accuracy -- --nocapture`.

use engine::bench::{self, Run};
use engine::catalog;
use engine::internals::Replica;
use engine::latency::{at_batch, Shape};
use engine::scenario::Precision;
use std::path::Path;

struct Sweep {
    file: &'static str,
    gpu: &'static str,
    gpus: u32,
    model: &'static str,
    /// What the file does not say and the comparison assumes.
    assumed: &'static str,
}

const SWEEPS: &[Sweep] = &[
    Sweep {
        file: "vllm/llm-k8s-benchmark_serving-2025-04/benchmark_results.json",
        gpu: "a100-40gb",
        gpus: 8,
        model: "llama-3.3-70b",
        assumed: "8x A100 40GB from the Azure SKU Standard_ND96asr_v4; TP 8 from the test name",
    },
    Sweep {
        file: "sglang/h200-benchmarks/llama_3_3_70b_online_output.jsonl",
        gpu: "h200",
        gpus: 4,
        model: "llama-3.3-70b",
        assumed: "4x H200, TP 4, bf16: the launch command in the same commit's sglang/experiments/llama_3_3_70b_sglang.sh (the output file does not say)",
    },
];

fn runs(file: &str) -> Vec<Run> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/bench-samples")
        .join(file);
    let f = std::fs::File::open(&path).expect("sample");
    bench::import(file, f, None).expect("imports").runs
}

/// The request rate a run offered, from its label ("8 req/s"; "all requests at once").
fn offered(run: &Run) -> Option<f64> {
    if run.label.contains("all requests at once") || run.label.ends_with("qps_inf") {
        return Some(f64::INFINITY);
    }
    let words: Vec<&str> = run.label.split([' ', '_', ',']).collect();
    words
        .windows(2)
        .find_map(|w| match (w[0].parse::<f64>(), w[1]) {
            (Ok(r), "req/s") => Some(r),
            _ => None,
        })
        .or_else(|| run.label.rsplit("qps_").next().and_then(|r| r.parse().ok()))
}

fn first(s: &bench::Stat) -> Option<f64> {
    s.mean.or(s.p50)
}

#[test]
fn estimate_against_measured_sweeps() {
    println!("| file | run | in flight | measured tok/s | estimate tok/s | error | measured TPOT ms | estimate TPOT ms | error | measured TTFT ms | estimate TTFT ms |");
    println!("|---|---|---|---|---|---|---|---|---|---|---|");
    let mut checked = 0;
    for sw in SWEEPS {
        let r = Replica::new(
            catalog::gpu(sw.gpu).expect("gpu"),
            catalog::model(sw.model).expect("model"),
            Precision::Bf16,
            sw.gpus,
            0.66,
            0.59,
            Some(catalog::link(sw.gpu)),
        )
        .expect("fits");
        for run in runs(sw.file) {
            let (Some(inp), Some(out), Some(tok_s)) =
                (run.input_tokens, run.output_tokens, run.output_tokens_per_s)
            else {
                println!(
                    "| {} | {} | skipped: no request shape or throughput |",
                    sw.file, run.label
                );
                continue;
            };
            let rate = run.requests_per_s.unwrap_or(tok_s / out);
            let e2e = first(&run.e2e_ms);
            let ttft = first(&run.ttft_ms);
            let tpot = first(&run.tpot_ms).or(first(&run.itl_ms));
            // Sequences decoding at once: Little's law on the decode phase.
            let in_flight = match (e2e, ttft) {
                (Some(e), Some(t)) => rate * (e - t) / 1e3,
                (Some(e), None) => rate * e / 1e3,
                _ => tpot.map_or(f64::NAN, |t| rate * out * t / 1e3),
            };
            let sh = Shape::of(&r, inp, out, 4096.0).expect("fits");
            let p = at_batch(&r, &sh, in_flight.min(sh.max_batch));
            let err = |est: f64, m: f64| format!("{:+.0}%", (est / m - 1.0) * 100.0);
            // Offered more than it served (by over 15%): requests queue, and the count
            // in flight includes waiting ones.
            let saturated = offered(&run).is_some_and(|o| o * out > tok_s * 1.15);
            if let Some(t) = tpot {
                let e = (p.tpot_mean_ms / t - 1.0).abs();
                assert!(
                    e <= 0.25,
                    "{} {}: TPOT {:.1} ms vs measured {t:.1} ms",
                    sw.file,
                    run.label,
                    p.tpot_mean_ms
                );
                checked += 1;
            }
            println!(
                "| {} | {}{} | {:.1} | {:.0} | {:.0} | {} | {} | {:.1} | {} | {} | {:.0} |",
                sw.file.rsplit('/').next().unwrap_or(sw.file),
                run.label,
                if saturated { " (saturated)" } else { "" },
                in_flight,
                tok_s,
                p.output_tok_s,
                err(p.output_tok_s, tok_s),
                tpot.map_or("-".into(), |t| format!("{t:.1}")),
                p.tpot_mean_ms,
                tpot.map_or("-".into(), |t| err(p.tpot_mean_ms, t)),
                ttft.map_or("-".into(), |t| format!("{t:.0}")),
                p.ttft_mean_ms,
            );
        }
    }
    println!();
    for sw in SWEEPS {
        println!("- `{}`: {}", sw.file, sw.assumed);
    }
    assert_eq!(checked, 11, "every run with a TPOT is compared");
}
