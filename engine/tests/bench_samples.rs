//! Every real benchmark file under `tests/bench-samples/` (a verbatim copy of
//! the shared sample set), imported unmodified. Expected values are copied from
//! the files themselves (and FORMATS.md's unit rules), not from the parser.

#![allow(clippy::excessive_precision)] // values are copied digit for digit from the files

use engine::bench::{import, ConcurrencyBasis, Format, ImportError, Imported, Run};
use std::path::{Path, PathBuf};

fn samples() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/bench-samples")
}

fn load(rel: &str) -> Result<Imported, ImportError> {
    let path = samples().join(rel);
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_default();
    let file = std::fs::File::open(&path).unwrap_or_else(|e| panic!("{rel}: {e}"));
    import(&name, file, None)
}

fn ok(rel: &str, format: Format, runs: usize) -> Imported {
    let imported = load(rel).unwrap_or_else(|e| panic!("{rel}: {e}"));
    assert_eq!(imported.format, format, "{rel}");
    assert_eq!(imported.runs.len(), runs, "{rel}: runs");
    imported
}

fn refused(rel: &str, needle: &str) {
    match load(rel) {
        Ok(i) => panic!("{rel}: expected a refusal, got {} runs", i.runs.len()),
        Err(e) => assert!(e.to_string().contains(needle), "{rel}: {e}"),
    }
}

#[track_caller]
fn close(got: Option<f64>, want: f64) {
    let g = got.unwrap_or_else(|| panic!("missing value, wanted {want}"));
    assert!(
        (g - want).abs() <= want.abs() * 1e-9 + 1e-9,
        "got {g}, wanted {want}"
    );
}

fn by_label<'a>(runs: &'a [Run], label: &str) -> &'a Run {
    runs.iter().find(|r| r.label == label).unwrap_or_else(|| {
        panic!(
            "no run labelled {label}: {:?}",
            runs.iter().map(|r| &r.label).collect::<Vec<_>>()
        )
    })
}

const V25: &str = "vllm/er0080-vllm-benchmarking-v0.25.1";
const K8S: &str = "vllm/llm-k8s-benchmark_serving-2025-04";

#[test]
fn vllm_serve_v0_25() {
    let r = &ok(
        &format!("{V25}/bench_serve_v0.25.1.json"),
        Format::VllmServe,
        1,
    )
    .runs[0];
    assert_eq!(r.model.as_deref(), Some("facebook/opt-125m"));
    close(r.output_tokens_per_s, 82.89297074037474);
    close(r.total_tokens_per_s, 248.6789122211242);
    close(r.requests_per_s, 5.180810671273421);
    close(r.duration_s, 1.5441598830002476);
    close(r.concurrency, 2.0);
    close(r.input_tokens, 256.0 / 8.0);
    close(r.output_tokens, 128.0 / 8.0);
    close(r.ttft_ms.mean, 215.53594200008774);
    close(r.ttft_ms.p50, 55.68139649994919);
    close(r.ttft_ms.p99, 734.4049174101428);
    close(r.tpot_ms.p99, 11.979541883350674);
    close(r.itl_ms.mean, 11.265836941667354);
    assert_eq!((r.completed, r.failed), (Some(8), Some(0)));
}

#[test]
fn vllm_all_failed_is_refused_with_the_reason() {
    refused(
        &format!("{V25}/bench_serve_all_requests_failed_v0.25.1.json"),
        "all 8 requests failed (0 completed)",
    );
}

#[test]
fn vllm_speculative_keeps_itl_apart_from_tpot() {
    let r = &ok(
        &format!("{V25}/bench_serve_speculative_v0.25.1.json"),
        Format::VllmServe,
        1,
    )
    .runs[0];
    close(r.itl_ms.mean, 45.7047650738137);
    close(r.tpot_ms.mean, 14.466563369200312);
    assert!(r.notes.iter().any(|n| n.contains("speculative")));
}

#[test]
fn vllm_sweep_runs_and_summary() {
    let dir = format!(
        "{V25}/vllm_sweep_v0.25.1/SERVE--max_num_seqs=4-BENCH--max_concurrency=2-num_prompts=8"
    );
    let r0 = ok(&format!("{dir}/run=0.json"), Format::VllmServe, 1)
        .runs
        .remove(0);
    close(r0.output_tokens_per_s, 93.74767963046672);
    close(r0.e2e_ms.p99, 876.8009717071254);
    let r1 = ok(&format!("{dir}/run=1.json"), Format::VllmServe, 1)
        .runs
        .remove(0);
    close(r1.output_tokens_per_s, 199.36907134182283);
    let summary = ok(&format!("{dir}/summary.json"), Format::VllmServe, 2);
    assert_eq!(summary.runs[0].output_tokens_per_s, r0.output_tokens_per_s);
    assert_eq!(summary.runs[1].output_tokens_per_s, r1.output_tokens_per_s);
}

#[test]
fn vllm_april_2025_with_per_request_arrays_and_the_goodput_typo() {
    let r = &ok(
        &format!("{K8S}/serving_meta-llama-Llama-3.3-70B-Instruct_tp8_pp1_sharegpt_qps_inf.json"),
        Format::VllmServe,
        1,
    )
    .runs[0];
    assert_eq!(
        r.model.as_deref(),
        Some("meta-llama/Llama-3.3-70B-Instruct")
    );
    close(r.output_tokens_per_s, 1780.3566341089636);
    close(r.input_tokens, 42659.0 / 200.0);
    close(r.output_tokens, 42398.0 / 200.0);
    assert_eq!(r.concurrency, None, "max_concurrency is null: unlimited");
    // No `failed` key in 2025 files, but an empty error for each of the 200 requests.
    assert_eq!(r.failed, Some(0), "{:?}", r.notes);
    assert!(r.notes.iter().any(|n| n.contains("request_goodput:")));
    let r = &ok(
        &format!("{K8S}/serving_meta-llama-Llama-3.3-70B-Instruct_tp8_pp1_sharegpt_qps_01.json"),
        Format::VllmServe,
        1,
    )
    .runs[0];
    close(r.output_tokens_per_s, 208.17717816867716);
    assert_eq!(r.label, "1 req/s");
}

#[test]
fn vllm_table_console_throughput_latency_and_the_commands_sidecar() {
    let t = ok(
        &format!("{K8S}/benchmark_results.json"),
        Format::VllmTable,
        4,
    );
    let r = by_label(&t.runs, "tp8_pp1_qps_01");
    assert_eq!(r.hardware.as_deref(), Some("1xStandard_ND96asr_v4 x 1"));
    close(r.output_tokens_per_s, 208.17717816867716);
    close(r.ttft_ms.p99, 143.80068917976584);
    let c = ok(
        &format!("{K8S}/benchmark-script-run.console.txt"),
        Format::VllmConsole,
        4,
    );
    let b = &c.runs[0];
    close(b.output_tokens_per_s, 208.18);
    close(b.total_tokens_per_s, 416.05);
    close(b.duration_s, 205.22);
    close(b.output_tokens, 42722.0 / 200.0);
    close(b.ttft_ms.p99, 143.80);
    close(b.itl_ms.p50, 24.31);
    assert_eq!(b.completed, Some(200));
    assert_eq!(
        b.model.as_deref(),
        Some("meta-llama/Llama-3.3-70B-Instruct")
    );
    close(c.runs[1].output_tokens_per_s, 673.92);
    let z = "vllm/zhangxinyuehfad-vllm-benchmarks-2025-02";
    let tp = &ok(
        &format!("{z}/throughput_llama8B_tp1.json"),
        Format::VllmThroughput,
        1,
    )
    .runs[0];
    assert_eq!(
        tp.output_tokens_per_s, None,
        "tokens_per_second is prompt + output"
    );
    close(tp.total_tokens_per_s, 1198.996134490826);
    close(tp.requests_per_s, 2.781764499305893);
    assert_eq!(tp.completed, Some(200));
    let lat = &ok(
        &format!("{z}/latency_llama8B_tp1.json"),
        Format::VllmLatency,
        1,
    )
    .runs[0];
    close(lat.e2e_ms.mean, 7109.1228867570555);
    close(lat.e2e_ms.p99, 7868.931790143251);
    assert_eq!(lat.completed, Some(15));
    let old = &ok(
        &format!("{z}/serving_llama8B_tp1_sharegpt_qps_inf.json"),
        Format::VllmServe,
        1,
    )
    .runs[0];
    assert_eq!(
        old.output_tokens_per_s, None,
        "the Feb 2025 file has latencies only"
    );
    close(old.ttft_ms.mean, 10484.147438658401);
    close(old.tpot_ms.p99, 1754.3902158858218);
    refused(
        &format!(
            "{K8S}/serving_meta-llama-Llama-3.3-70B-Instruct_tp8_pp1_sharegpt_qps_inf.commands"
        ),
        "sidecar",
    );
}

#[test]
fn sglang_lines_with_bare_infinity() {
    let d = ok(
        "sglang/h200-benchmarks/deepseek_dp_mla_output.jsonl",
        Format::Sglang,
        1,
    );
    let r = &d.runs[0];
    close(r.output_tokens_per_s, 12412.394674113431);
    close(r.duration_s, 412.49091206211597);
    close(r.output_tokens, 5_120_000.0 / 10_000.0);
    close(r.e2e_ms.mean, 381236.82297268615);
    close(r.ttft_ms.p50, 10014.104524045251);
    assert_eq!(r.completed, Some(10_000));
    // The file states no request rate: completed over duration, said so.
    close(r.requests_per_s, 10_000.0 / 412.49091206211597);
    assert!(r
        .notes
        .iter()
        .any(|n| n.contains("completed requests over the duration")));
    assert_eq!(r.model, None, "SGLang writes no model id");
    let off = ok(
        "sglang/h200-benchmarks/llama_3_3_70b_offline_output.jsonl",
        Format::Sglang,
        7,
    );
    close(off.runs[0].output_tokens_per_s, 4520.698730654741);
    // SGLang writes no model id; the file's name gives it, and the run says so.
    assert_eq!(off.runs[0].model.as_deref(), Some("Llama 3.3 70B"));
    assert!(off.runs[0].model_from_name);
    assert!(off.runs[0]
        .notes
        .iter()
        .any(|n| n.contains("taken from the file's name")));
    close(off.runs[0].input_tokens, 1_525_074.0 / 3000.0);
    assert!(
        off.runs[0].label.contains("all requests at once"),
        "{}",
        off.runs[0].label
    );
    ok(
        "sglang/h200-benchmarks/llama_3_3_70b_online_output.jsonl",
        Format::Sglang,
        7,
    );
}

#[test]
fn llmperf_summary_and_individual_responses() {
    let s = &ok(
        "llmperf/llmperf-leaderboard/summary/groq_70b.json",
        Format::LlmperfSummary,
        1,
    )
    .runs[0];
    assert_eq!(s.model.as_deref(), Some("llama2-70b-4096"));
    close(s.output_tokens_per_s, 441.84737788500206);
    close(s.concurrency, 5.0);
    close(s.requests_per_s, 176.73895115400083 / 60.0);
    close(s.ttft_ms.mean, 0.22786034579078357 * 1000.0);
    close(s.e2e_ms.mean, 0.8151081097126007 * 1000.0);
    close(s.output_tokens, 150.0);
    assert_eq!((s.completed, s.failed), (Some(150), Some(0)));
    let b = &ok(
        "llmperf/llmperf-leaderboard/summary/bedrock_70b.json",
        Format::LlmperfSummary,
        1,
    )
    .runs[0];
    assert_eq!((b.completed, b.failed), (Some(101), Some(49)));
    ok(
        "llmperf/llmperf-leaderboard/summary/anyscale_70b.json",
        Format::LlmperfSummary,
        1,
    );
    // 150 requests of which 49 carry error_code -100 (counted from the file).
    let i = &ok(
        "llmperf/llmperf-leaderboard/individual/bedrock_70b.json",
        Format::LlmperfIndividual,
        1,
    )
    .runs[0];
    assert_eq!((i.completed, i.failed), (Some(101), Some(49)));
    assert_eq!(i.output_tokens_per_s, None);
    // The summary's means were computed over the same successful requests.
    close(i.ttft_ms.mean, b.ttft_ms.mean.unwrap_or(f64::NAN));
    let g = &ok(
        "llmperf/llmperf-leaderboard/individual/groq_70b.json",
        Format::LlmperfIndividual,
        1,
    )
    .runs[0];
    close(g.e2e_ms.mean, 0.8151081097126007 * 1000.0);
    ok(
        "llmperf/llmperf-leaderboard/individual/anyscale_70b.json",
        Format::LlmperfIndividual,
        1,
    );
}

#[test]
fn guidellm_every_layout() {
    let v05 = &ok("guidellm/guidellm-bench-v0.5.0.dev0/guidellm_results/20260302_1917/openai_gpt-oss-20b_tp4_quant-none_benchmarks.json", Format::GuidellmJson, 1).runs[0];
    assert_eq!(v05.model.as_deref(), Some("openai/gpt-oss-20b"));
    close(v05.output_tokens_per_s, 33.417378943280085);
    // The measured mean in flight (metrics.request_concurrency.successful.mean), not the
    // scheduler's cap of 1.
    close(v05.concurrency, 0.9999630507495668);
    assert_eq!(v05.concurrency_basis, Some(ConcurrencyBasis::Measured));
    assert!(
        v05.notes
            .iter()
            .any(|n| n.contains("scheduler's cap was 1")),
        "{:?}",
        v05.notes
    );
    close(v05.duration_s, 720.0);
    close(v05.output_tokens, 25600.0 / 25.0);
    close(v05.ttft_ms.p50, 47.66058921813965);
    assert_eq!(
        v05.completed,
        Some(25),
        "request_totals, not the 30 listed records"
    );
    assert!(
        v05.e2e_ms.mean.unwrap_or(0.0) > 30_000.0,
        "request_latency is seconds: ~30.6 s per 1024-token request"
    );
    let sanity = &ok("guidellm/guidellm-bench-v0.5.0.dev0/guidellm_sanity_results/20260302_1856/Qwen_Qwen3-4B-Thinking-2507_tp4_quant-fp8_benchmarks.json", Format::GuidellmJson, 1).runs[0];
    close(sanity.concurrency, 3.9998399194047565);
    close(sanity.output_tokens_per_s, 165.59511945248636);
    let j = &ok(
        "guidellm/guidellm-v0.2-test-assets/benchmarks_stripped.json",
        Format::GuidellmJson,
        1,
    )
    .runs[0];
    assert_eq!(j.model.as_deref(), Some("example_model"));
    close(j.output_tokens_per_s, 198.13346751788123);
    close(j.ttft_ms.p50, 16.38054847717285);
    // request_totals: 46 successful, 0 errored, 1 incomplete (still running when the
    // benchmark's limit ended it: not a failure, said in the notes).
    assert_eq!((j.completed, j.failed), (Some(46), Some(0)));
    assert!(j.warnings.is_empty(), "{:?}", j.warnings);
    assert!(
        j.notes
            .iter()
            .any(|n| n.contains("1 request(s) were still running")),
        "{:?}",
        j.notes
    );
    let y = &ok(
        "guidellm/guidellm-v0.2-test-assets/benchmarks_stripped.yaml",
        Format::GuidellmYaml,
        1,
    )
    .runs[0];
    close(y.output_tokens_per_s, 198.13346751788123);
    assert_eq!(y.completed, j.completed);
    close(y.ttft_ms.mean, j.ttft_ms.mean.unwrap_or(f64::NAN));
    refused(
        "guidellm/guidellm-v0.2-test-assets/benchmarks_stripped_output.txt",
        "GuideLLM console output",
    );
}

#[test]
fn aiperf_json_and_csv_agree() {
    let dir = "aiperf/qwen36-vllm-aiperf-benchmark/results/nvfp4/5090/agent/c2";
    let j = &ok(
        &format!("{dir}/profile_export_aiperf.json"),
        Format::AiperfJson,
        1,
    )
    .runs[0];
    assert_eq!(j.model.as_deref(), Some("qwen3.6-nvfp4"));
    close(j.concurrency, 2.0);
    close(j.output_tokens_per_s, 324.31424631925347);
    close(j.total_tokens_per_s, 2454.2643011558785);
    close(j.duration_s, 128.677665177);
    close(j.tpot_ms.mean, 5.670039629867334);
    close(j.itl_ms.mean, 5.69182754358604);
    close(j.ttft_ms.p99, 292.49688644999986);
    assert_eq!(j.completed, Some(96));
    let c = &ok(
        &format!("{dir}/profile_export_aiperf.csv"),
        Format::AiperfCsv,
        1,
    )
    .runs[0];
    close(c.output_tokens_per_s, 324.31);
    close(c.duration_s, 128.68);
    close(c.ttft_ms.p99, 292.50);
    close(c.tpot_ms.mean, 5.67);
    close(c.input_tokens, 2854.97);
    assert_eq!(c.completed, Some(96));
}

#[test]
fn llama_bench_json_jsonl_markdown() {
    let j = ok("llama-bench/llama-bench-dashboard/static/results/amd-7900xtx/rocm-7.12/gpt-oss-20b-q8_0-q8_0-20260206.json", Format::LlamaBenchJson, 84);
    let tg = by_label(&j.runs, "tg128");
    close(tg.output_tokens_per_s, 168.128437);
    assert_eq!(
        tg.hardware.as_deref(),
        Some("AMD Radeon RX 7900 XTX (ROCm 7.12)")
    );
    assert_eq!(tg.model.as_deref(), Some("gpt-oss 20B MXFP4 MoE"));
    let pp = by_label(&j.runs, "pp128");
    assert_eq!(
        pp.output_tokens_per_s, None,
        "prompt processing is not output tok/s"
    );
    close(pp.total_tokens_per_s, 737.300172);
    close(pp.duration_s, 173636815.0 / 1e9);
    close(
        by_label(&j.runs, "tg128 @ d512").output_tokens_per_s,
        162.050604,
    );
    let l = ok(
        "llama-bench/m5-max-pro-vs-rog-z13-llamacpp-benchmarks/results/standard-llama-metal.jsonl",
        Format::LlamaBenchJson,
        5,
    );
    assert_eq!(
        l.runs[0].hardware.as_deref(),
        Some("Apple M5 Max (MTL,BLAS)")
    );
    let m = ok(
        "llama-bench/rx7900xtx-llama-bench-vulcan/vulkan_benchmark_20251211_072744.txt",
        Format::LlamaBenchMarkdown,
        12,
    );
    let r = by_label(&m.runs, "GPU 0 ONLY, tg128, ngl=100 fa=0");
    close(r.output_tokens_per_s, 86.06);
    assert_eq!(r.model.as_deref(), Some("llama 7B Q4_0"));
    close(
        by_label(&m.runs, "DUAL GPU, pp512, ngl=100 fa=1").total_tokens_per_s,
        1043.22,
    );
}

#[test]
fn ollama_api_text_and_recordings() {
    let x = &ok(
        "ollama/ollama-bash-lib/2b390a1/demos/ollama_generate_json.extracted-response.json",
        Format::OllamaApi,
        1,
    )
    .runs[0];
    let md = &ok(
        "ollama/ollama-bash-lib/2b390a1/demos/ollama_generate_json.md",
        Format::OllamaApi,
        1,
    )
    .runs[0];
    assert_eq!(x, md, "the .md fence holds the same response");
    let turbo = &ok(
        "ollama/ollama-bash-lib/613b8cb/demos/ollama_generate_json.extracted-response.json",
        Format::OllamaApi,
        1,
    )
    .runs[0];
    assert_eq!(turbo.model.as_deref(), Some("gpt-oss:20b"));
    assert_eq!(
        turbo.output_tokens_per_s, None,
        "cloud responses have no eval_duration"
    );
    close(turbo.output_tokens, 104.0);
    close(turbo.input_tokens, 81.0);
    close(turbo.duration_s, 502221716.0 / 1e9);
    ok(
        "ollama/ollama-bash-lib/613b8cb/demos/ollama_generate_json.md",
        Format::OllamaApi,
        1,
    );
    let gpu = &ok(
        "ollama/dambergn-ollama-benchmarks/data/Llama3.2_1b 4060Ti_16gb.md",
        Format::OllamaVerbose,
        1,
    )
    .runs[0];
    assert_eq!(gpu.model.as_deref(), Some("llama3.2:1b"));
    close(gpu.output_tokens, 448.0);
    close(gpu.output_tokens_per_s, 448.0 / 3.443);
    close(gpu.duration_s, 3.8668078);
    let pi = &ok(
        "ollama/dambergn-ollama-benchmarks/data/qwen2.5_7b Raspberry Pi 4.md",
        Format::OllamaVerbose,
        1,
    )
    .runs[0];
    close(pi.duration_s, 7.0 * 60.0 + 54.442550589);
    close(pi.output_tokens_per_s, 351.0 / (7.0 * 60.0 + 27.388));
    let rec = "ollama/llama-stack-recordings-2025-08/tests/integration/recordings/responses";
    let s = ok(&format!("{rec}/0ff78129bb3a.json"), Format::OllamaApi, 1);
    assert!(
        s.refused.is_empty(),
        "stream chunks without counters are not runs: {:?}",
        s.refused
    );
    assert_eq!(
        s.runs[0].model.as_deref(),
        Some("llama3.2:3b-instruct-fp16")
    );
    ok(&format!("{rec}/00ba04f74a96.json"), Format::OllamaApi, 1);
    let u = &ok(&format!("{rec}/0e8f2b001dd9.json"), Format::OpenaiUsage, 1).runs[0];
    assert!(u.input_tokens.is_some() && u.output_tokens.is_some());
    refused(&format!("{rec}/0b3f2e4754ff.json"), "include_usage");
}

#[test]
fn openai_usage_and_lookalikes() {
    let base = "openai-usage/llama-stack-recordings/tests/integration";
    let u = |rel: &str| {
        ok(&format!("{base}/{rel}"), Format::OpenaiUsage, 1)
            .runs
            .remove(0)
    };
    let vllm = u("inference/recordings/2367bed24bc3297a70b3c54a1c3e6267ef53986f8974b83364e43a41c06f76b5.json");
    assert_eq!(
        (vllm.input_tokens, vllm.output_tokens),
        (Some(7.0), Some(2.0))
    );
    assert_eq!(vllm.model.as_deref(), Some("Qwen/Qwen3-0.6B"));
    assert_eq!(vllm.output_tokens_per_s, None);
    let anthropic = u(
        "messages/recordings/0d76cd7b3dae3f44e2990645cb1617d5c84b80daf77535a00ce1ab680308881a.json",
    );
    assert!(anthropic.notes.iter().any(|n| n.contains("Anthropic")));
    let gemini = u("interactions/recordings/190a176922b96f8a452160eeee2fde26c1184e0e138693a079e3521c6dd57eba.json");
    assert_eq!(
        (gemini.input_tokens, gemini.output_tokens),
        (Some(58.0), Some(15.0))
    );
    let bedrock = u("inference/recordings/0eca8ac9656056d4fd9b1802f01f6ae9f7ff628af04d5ed39f779a78a41a159b.json");
    assert!(bedrock
        .notes
        .iter()
        .any(|n| n.contains("32 of the prompt tokens")));
    let stream = u("openresponses/recordings/55f733f042c071060e387ebfbc1608711de845ad6b91147aaa730461f07a81ec.json");
    assert!(
        stream.output_tokens.is_some(),
        "the include_usage final chunk carries the counts"
    );
    for rel in [
        "batches/recordings/92d49675c90319c093846b731bdc33d7b261cc73e12a914c9c3661a028c19adc.json",
        "inference/recordings/440d2fa92833ebdb48a846e628ade5b5b4e2c4351b76c33cc08970fbea66d027.json",
        "messages/recordings/06931312f62d0b59939d9a2d8cf674611bde5725285ce77ffaae46af1dba9065.json",
    ] {
        let r = u(rel);
        assert!(r.input_tokens.unwrap_or(0.0) > 0.0 && r.output_tokens.unwrap_or(0.0) > 0.0, "{rel}");
    }
}

/// No sample is left out of the tests above: each file is named in this source.
#[test]
fn every_sample_file_is_covered() {
    let source = include_str!("bench_samples.rs");
    let mut missing = Vec::new();
    let mut stack = vec![samples()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir)
            .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
            .flatten()
        {
            let p = entry.path();
            if p.is_dir() {
                stack.push(p);
                continue;
            }
            let name = p
                .file_name()
                .map(|n| n.to_string_lossy().to_string())
                .unwrap_or_default();
            if name == "FORMATS.md" || name == "PROVENANCE.md" {
                continue;
            }
            let stem = name.trim_end_matches(".json");
            if !source.contains(stem) {
                missing.push(p.display().to_string());
            }
        }
    }
    assert!(
        missing.is_empty(),
        "sample files without a test: {missing:#?}"
    );
}

/// Every file under the samples folder, at any depth.
fn sample_files() -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut stack = vec![samples()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
            let p = entry.path();
            if p.is_dir() {
                stack.push(p);
            } else {
                files.push(p);
            }
        }
    }
    files
}

/// Every sample either imports or is refused with a file-level message; none panics.
#[test]
fn no_sample_panics_under_any_forced_format() {
    for p in sample_files() {
        let bytes = std::fs::read(&p).unwrap_or_default();
        for f in Format::ALL {
            let _ = import("x", bytes.as_slice(), Some(f));
        }
    }
}

/// The notes for damaged files (NaN, negative counts, impossible figures) fire on no real
/// file: each real sample, detected as it is, reads without them.
#[test]
fn no_real_sample_gets_a_damage_note() {
    let mut read = 0;
    for p in sample_files() {
        let bytes = std::fs::read(&p).unwrap_or_default();
        let Ok(i) = import("x", bytes.as_slice(), None) else {
            continue;
        };
        read += 1;
        for r in &i.runs {
            let notes = r.notes.join(" ");
            assert!(
                !notes.contains("negative count"),
                "{}: {notes}",
                p.display()
            );
            assert!(
                !notes.contains("NaN or infinity"),
                "{}: {notes}",
                p.display()
            );
        }
    }
    assert!(read > 20, "only {read} samples read");
}
