//! The usage importers on the real shared samples, read unmodified from
//! `engine/tests/usage-samples/` (a verbatim copy, with `FORMATS.md` and
//! `PROVENANCE.md`). Expected totals are copied from PROVENANCE.md, which took them from
//! the files, not from this parser.

use engine::usage::{import_usage, summarise, UsageFormat};

fn sample(path: &str) -> Vec<u8> {
    let p = format!("{}/tests/usage-samples/{path}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&p).unwrap_or_else(|e| panic!("{p}: {e}"))
}

fn near(got: f64, want: f64, within: f64, what: &str) {
    assert!(
        (got - want).abs() <= within,
        "{what}: {got}, want {want} ± {within}"
    );
}

fn close(got: f64, want: f64, what: &str) {
    assert!(
        (got - want).abs() <= 1e-9 * want.abs().max(1.0),
        "{what}: {got}, want {want}"
    );
}

#[test]
fn openai_organization_usage_keeps_cached_input_apart_and_counts_empty_days() {
    let u = import_usage(&sample(
        "openai-org-usage-costs/openai-cookbook_usage-completions_1d_30days.json",
    ))
    .expect("reads");
    assert_eq!(u.format, UsageFormat::OpenaiUsage);
    // 31 buckets: 26 with a result, 5 empty (still days of zero usage).
    assert_eq!(u.records.len(), 31);
    // A month of days is no short window.
    let f = engine::usage::file::describe(&u, "usage.json", None).expect("described");
    assert!(
        !f.notes.iter().any(|n| n.contains("covers only")),
        "{:?}",
        f.notes
    );
    let sum = |f: &dyn Fn(&engine::usage::UsageRecord) -> f64| u.records.iter().map(f).sum::<f64>();
    // OpenAI's input includes the cached part: uncached + cached = input_tokens.
    close(
        sum(&|r| r.tokens.uncached_input + r.tokens.cache_read),
        16_951_009.0,
        "input",
    );
    close(sum(&|r| r.tokens.cache_read), 168_128.0, "cached");
    close(sum(&|r| r.tokens.output), 729_421.0, "output");
    close(sum(&|r| r.tokens.input_audio), 49_963.0, "audio in");
    close(sum(&|r| r.tokens.output_audio), 18_042.0, "audio out");
    close(sum(&|r| r.requests.unwrap_or(0.0)), 19_347.0, "requests");
    assert!(
        u.notes.iter().any(|n| n.contains("partial")),
        "{:?}",
        u.notes
    );
    assert!(
        u.notes.iter().any(|n| n.contains("group_by=model")),
        "{:?}",
        u.notes
    );
    let g = summarise(&u);
    assert_eq!(g.len(), 1);
    // 2025-01-11T17:31:00Z to 2025-02-10T17:31:03Z: 30 days and 3 s.
    close(g[0].days, 30.0 + 3.0 / 86_400.0, "days");
    close(
        g[0].calls_per_month.expect("counted"),
        19_347.0 / g[0].days * 30.4375,
        "calls/month",
    );
    close(
        g[0].input_per_call.expect("per call"),
        16_951_009.0 / 19_347.0,
        "input per call",
    );
    close(
        g[0].cache_read_share,
        168_128.0 / 16_951_009.0,
        "cache share",
    );
    assert_eq!(
        g[0].peak_to_average, None,
        "daily buckets cannot show a peak hour"
    );
    assert!(g[0].peak_basis.contains("day"));
}

#[test]
fn openai_costs_are_dollars() {
    let u = import_usage(&sample(
        "openai-org-usage-costs/openai-cookbook_costs_1d_30days.json",
    ))
    .expect("reads");
    assert_eq!(u.format, UsageFormat::OpenaiCosts);
    assert_eq!(u.costs.len(), 31);
    close(
        u.costs.iter().map(|c| c.usd).sum(),
        284.939_439_372_749_86,
        "billed",
    );
}

#[test]
fn anthropic_reports_keep_cache_write_durations_apart_and_costs_are_cents() {
    let u = import_usage(&sample(
        "anthropic-admin-reports/anthropic-docs_usage-report-messages_example.json",
    ))
    .expect("reads");
    assert_eq!(u.format, UsageFormat::AnthropicUsage);
    let r = &u.records[0];
    assert_eq!(r.model.as_deref(), Some("claude-opus-4-6"));
    assert_eq!(
        (r.tokens.uncached_input, r.tokens.cache_read),
        (1500.0, 200.0)
    );
    assert_eq!(
        (r.tokens.cache_write_5m, r.tokens.cache_write_1h),
        (500.0, 1000.0)
    );
    assert_eq!(r.tokens.output, 500.0);
    // Anthropic's input excludes cached tokens: the total is the sum of all four.
    assert_eq!(r.tokens.input_total(), 3200.0);
    assert_eq!(r.requests, None, "the usage report counts no requests");
    assert!(r
        .keys
        .iter()
        .any(|(k, v)| &**k == "workspace_id" && &**v == "wrkspc_01JwQvzr7rXLA5AGx3HKfFUJ"));
    assert!(
        u.notes.iter().any(|n| n.contains("has_more")),
        "{:?}",
        u.notes
    );
    assert_eq!(summarise(&u)[0].calls_per_month, None);

    let c = import_usage(&sample(
        "anthropic-admin-reports/anthropic-docs_cost-report_example.json",
    ))
    .expect("reads");
    assert_eq!(c.format, UsageFormat::AnthropicCost);
    // "123.78912" is in cents.
    close(c.costs[0].usd, 1.237_891_2, "cost");
    assert_eq!(
        c.costs[0].item.as_deref(),
        Some("Claude Opus 5 Usage - Input Tokens")
    );
}

#[test]
fn a_claude_code_session_counts_each_call_once_with_its_last_output() {
    let u = import_usage(&sample(
        "claude-code-jsonl/cctrace-phase0-investigation_raw_messages.jsonl",
    ))
    .expect("reads");
    assert_eq!(u.format, UsageFormat::ClaudeCode);
    // 326 assistant lines are 100 calls.
    assert_eq!(u.records.len(), 100);
    let sum = |f: &dyn Fn(&engine::usage::UsageRecord) -> f64| u.records.iter().map(f).sum::<f64>();
    close(sum(&|r| r.tokens.uncached_input), 2_016.0, "input");
    close(
        sum(&|r| r.tokens.cache_write_5m),
        622_125.0,
        "cache write 5m",
    );
    close(sum(&|r| r.tokens.cache_write_1h), 0.0, "cache write 1h");
    close(sum(&|r| r.tokens.cache_read), 10_172_221.0, "cache read");
    // 64,185 output tokens as each call's last line says; 12 calls never had their
    // closing count written (every line keeps 1 to 8 tokens from the reply's start, 20 in
    // all): their output is estimated from the replies' 13,442 characters at 4 a token,
    // 3,363, and said.
    close(
        sum(&|r| r.tokens.output),
        64_185.0 - 20.0 + 3_363.0,
        "output (last line of each call, estimated where never closed)",
    );
    let note = u.notes.iter().find(|n| n.contains("no closing count"));
    assert!(
        note.is_some_and(|n| n.starts_with("12 of 100 calls")
            && n.contains("20 output tokens")
            && n.contains("3,363 tokens")),
        "{:?}",
        u.notes
    );
    // 170 user, 16 system and 24 snapshot lines skipped, with the reason; 226 more
    // assistant lines folded into their calls.
    let skipped: usize = u.skipped.iter().map(|(_, n)| n).sum();
    assert_eq!(skipped, 170 + 16 + 24, "{:?}", u.skipped);
    let g = summarise(&u);
    assert_eq!(g.len(), 1);
    assert_eq!(g[0].group, "claude-opus-4-5-20251101");
    assert_eq!(g[0].batch_share, Some(0.0));
    assert_eq!(
        g[0].start,
        engine::usage::parse_rfc3339("2026-01-06T09:16:06.951Z").expect("time")
    );
    let p = g[0].peak_to_average.expect("request times give a shape");
    assert!(p >= 1.0, "{p}");
    assert!(g[0].input_p90.expect("per request") >= g[0].input_per_call.expect("mean") * 0.5);
    // 96 minutes scaled to a month: said first, in words, where the file is described.
    let f = engine::usage::file::describe(&u, "session.jsonl", None).expect("described");
    assert!(
        f.notes[0].starts_with("the file covers only 1 hour 36 minutes: calls a month assume"),
        "{:?}",
        f.notes
    );
    // An Opus session is compared with frontier tiers, though this snapshot is unlisted.
    let task = f.task_types[0].task.as_ref().expect("a task type");
    assert_eq!(task.task_type.quality_floor, 3);
}

#[test]
fn a_claude_code_session_in_two_files_counts_a_shared_call_once() {
    // The session and a copy of its first 40 lines (as a sub-agent file would repeat
    // calls), uploaded together: still 100 calls.
    let text = String::from_utf8(sample(
        "claude-code-jsonl/cctrace-phase0-investigation_raw_messages.jsonl",
    ))
    .expect("utf8");
    let head: String = text.lines().take(40).map(|l| format!("{l}\n")).collect();
    let both = format!("{text}\n{head}");
    let u = import_usage(both.as_bytes()).expect("reads");
    assert_eq!(u.records.len(), 100);
    // The repeated lines are said, by their uuids (38 of the first 40 lines have one).
    let with_uuid = head
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter(|v| v.get("uuid").is_some())
        .count();
    assert_eq!(with_uuid, 38);
    let repeats = u
        .skipped
        .iter()
        .find(|(why, _)| why.starts_with("a line read before"))
        .map(|(_, n)| *n);
    assert_eq!(repeats, Some(with_uuid), "{:?}", u.skipped);
}

#[test]
fn a_request_log_read_with_a_part_of_itself_counts_each_answer_once() {
    // The batch output, then its first 50 lines again as a second file joined after it
    // (a byte-order mark and all, as files read as one log are joined): still 200 calls,
    // and the 50 repeats are said.
    let text = String::from_utf8(sample(
        "openai-batch-output/kmmlu-rag-gpt-4o-mini_batch_output.jsonl",
    ))
    .expect("utf8");
    let head: String = text.lines().take(50).map(|l| format!("{l}\n")).collect();
    let both = format!("{text}\n\u{feff}{head}");
    let u = import_usage(both.as_bytes()).expect("reads");
    assert_eq!(u.records.len(), 200);
    let repeats = u
        .skipped
        .iter()
        .find(|(why, _)| why.contains("already read"))
        .map(|(_, n)| *n);
    assert_eq!(repeats, Some(50), "{:?}", u.skipped);
    // Streamed, as an upload is read: the same.
    let streamed = engine::usage::import_usage_reader(both.as_bytes()).expect("reads");
    assert_eq!(streamed.records.len(), 200);
    // One id on two different answers (Ollama draws ids from 999 values) is two calls.
    let two = r#"{"id":"chatcmpl-7","object":"chat.completion","created":1733000000,"model":"llama3.1:8b","usage":{"prompt_tokens":10,"completion_tokens":5,"total_tokens":15}}
{"id":"chatcmpl-7","object":"chat.completion","created":1733000060,"model":"llama3.1:8b","usage":{"prompt_tokens":12,"completion_tokens":9,"total_tokens":21}}
"#;
    assert_eq!(
        import_usage(two.as_bytes()).expect("reads").records.len(),
        2
    );
}

#[test]
fn openai_batch_outputs_are_all_batch_with_cached_and_reasoning_apart() {
    for (file, n, prompt, cached, completion) in [
        (
            "openai-batch-output/kmmlu-rag-gpt-4o-mini_batch_output.jsonl",
            200,
            816_040.0,
            2_304.0,
            33_045.0,
        ),
        (
            "openai-batch-output/navirag-gpt-4o_batch_output.jsonl",
            65,
            36_501.0,
            0.0,
            11_980.0,
        ),
    ] {
        let u = import_usage(&sample(file)).expect("reads");
        assert_eq!(u.format, UsageFormat::OpenaiRequests, "{file}");
        assert_eq!(u.records.len(), n, "{file}");
        let sum =
            |f: &dyn Fn(&engine::usage::UsageRecord) -> f64| u.records.iter().map(f).sum::<f64>();
        close(
            sum(&|r| r.tokens.uncached_input + r.tokens.cache_read),
            prompt,
            file,
        );
        close(sum(&|r| r.tokens.cache_read), cached, file);
        close(sum(&|r| r.tokens.output), completion, file);
        assert!(u.records.iter().all(|r| r.batch == Some(true)));
        let g = summarise(&u);
        assert_eq!(g[0].batch_share, Some(1.0));
        assert_eq!(
            g[0].peak_to_average, None,
            "batch times are processing times"
        );
        assert!(u.notes.iter().any(|x| x.contains("Batch API")));
    }
}

#[test]
fn no_text_of_a_message_is_kept() {
    // A marker in a message body appears nowhere in what the importer returns.
    let marker = "SECRET-MARKER-7f3a";
    let line = format!(
        r#"{{"id":"msg_1","type":"message","role":"assistant","model":"claude-sonnet-4-6","content":[{{"type":"text","text":"{marker}"}}],"usage":{{"input_tokens":12,"cache_read_input_tokens":100,"cache_creation_input_tokens":0,"output_tokens":7}}}}"#
    );
    let two = format!("{line}\n{line}\n");
    let u = import_usage(two.as_bytes()).expect("reads");
    assert_eq!(u.format, UsageFormat::AnthropicMessages);
    assert_eq!(u.records[0].tokens.uncached_input, 12.0);
    let out = serde_json::to_string(&(&u, summarise(&u))).expect("json");
    assert!(!out.contains(marker));
}

#[test]
fn broken_lines_are_skipped_and_said() {
    let text = String::from_utf8(sample(
        "openai-batch-output/navirag-gpt-4o_batch_output.jsonl",
    ))
    .expect("utf8");
    let broken = format!("{{not json\n{text}");
    let u = import_usage(broken.as_bytes()).expect("reads the rest");
    assert_eq!(u.records.len(), 65);
    assert!(
        u.skipped
            .iter()
            .any(|(w, n)| w.contains("not JSON") && *n == 1),
        "{:?}",
        u.skipped
    );
}

#[test]
fn a_measured_group_becomes_a_task_type_that_validates() {
    let u = import_usage(&sample(
        "claude-code-jsonl/cctrace-phase0-investigation_raw_messages.jsonl",
    ))
    .expect("reads");
    let g = &summarise(&u)[0];
    let m = engine::usage::workload::task_type(g, "session.jsonl").expect("a task type");
    let t = &m.task_type;
    // 2,016 + 622,125 + 10,172,221 input over 100 calls; 64,185 output.
    // Rounded as typed: tokens to the hundredth, shares to 1 in 10,000.
    near(
        t.input_tokens,
        (2_016.0 + 622_125.0 + 10_172_221.0) / 100.0,
        0.005,
        "input per call",
    );
    close(t.output_tokens, 675.28, "output per call");
    near(
        t.cached_input_share,
        10_172_221.0 / 10_796_362.0,
        0.000_05,
        "cache read share",
    );
    near(
        t.cache_write_share,
        622_125.0 / 10_796_362.0,
        0.000_05,
        "cache write share",
    );
    assert!(m
        .provenance
        .iter()
        .any(|(f, p)| f == "calls_per_month" && p.contains("session.jsonl")));
    let mut s = engine::templates::sonnet_vs_2xa100();
    s.task_types = vec![t.clone()];
    engine::validate(s).expect("the measured task type is a valid workload");

    // A report that counts no requests gives no task type, and says why.
    let a = import_usage(&sample(
        "anthropic-admin-reports/anthropic-docs_usage-report-messages_example.json",
    ))
    .expect("reads");
    let e =
        engine::usage::workload::task_type(&summarise(&a)[0], "report.json").expect_err("refused");
    assert!(e.contains("no requests"), "{e}");
}

/// An OpenAI usage export of `days` daily buckets of gpt-4o-mini, `requests(d)` on day `d`
/// (500 input and 50 output tokens each).
fn daily_usage(days: i32, requests: impl Fn(i32) -> f64) -> engine::usage::UsageImport {
    let buckets: Vec<serde_json::Value> = (0..days)
        .map(|d| {
            let n = requests(d);
            serde_json::json!({
                "object": "bucket",
                "start_time": 1_736_640_000 + 86_400 * i64::from(d),
                "end_time": 1_736_640_000 + 86_400 * (i64::from(d) + 1),
                "results": [{ "object": "organization.usage.completions.result", "input_tokens": n * 500.0, "output_tokens": n * 50.0, "num_model_requests": n, "model": "gpt-4o-mini" }]
            })
        })
        .collect();
    import_usage(serde_json::to_string(&buckets).expect("json").as_bytes()).expect("reads")
}

#[test]
fn growth_is_fitted_over_whole_days_and_said() {
    // 60 daily buckets whose requests grow 2% a day: the fit gives 1.02^30.4375 − 1 a month.
    let u = daily_usage(60, |d| 1000.0 * 1.02f64.powi(d));
    let g = &summarise(&u)[0];
    close(
        g.monthly_growth.expect("fitted"),
        1.02f64.powf(30.4375) - 1.0,
        "monthly growth",
    );
    assert!(
        g.growth_basis.contains("60 whole days"),
        "{}",
        g.growth_basis
    );
    let t = engine::usage::workload::task_type(g, "usage.json").expect("task");
    // 81% a month is within the scenario's range and kept as fitted.
    near(
        t.task_type.monthly_growth,
        1.02f64.powf(30.4375) - 1.0,
        0.000_05,
        "task growth",
    );
    assert!(t
        .provenance
        .iter()
        .any(|(f, p)| f == "monthly_growth" && p.starts_with("fitted")));

    assert!(t
        .provenance
        .iter()
        .all(|(f, p)| f != "monthly_growth" || !p.contains("held at")));
    // The real OpenAI sample: 30 days, 5 without traffic, left out and said.
    let o = import_usage(&sample(
        "openai-org-usage-costs/openai-cookbook_usage-completions_1d_30days.json",
    ))
    .expect("reads");
    let g = &summarise(&o)[0];
    assert!(g.monthly_growth.is_some(), "{}", g.growth_basis);
    assert!(
        g.growth_basis.contains("without traffic left out"),
        "{}",
        g.growth_basis
    );

    // A session of an hour and a half: too short, the default stays.
    let c = import_usage(&sample(
        "claude-code-jsonl/cctrace-phase0-investigation_raw_messages.jsonl",
    ))
    .expect("reads");
    let g = &summarise(&c)[0];
    assert_eq!(g.monthly_growth, None);
    assert!(g.growth_basis.contains("too few"), "{}", g.growth_basis);

    // A log with calls on days 0, 1, 4 and 6 of a week: its partial first and last days
    // are left out, and the count of whole days says so (it read "4 days, 2 with
    // traffic" against a file of 7).
    let log: String = [0i64, 1, 4, 6]
        .iter()
        .map(|d| {
            format!(
                "{{\"id\":\"chatcmpl-{d}\",\"object\":\"chat.completion\",\"created\":{},\"model\":\"llama3.1:8b\",\"usage\":{{\"prompt_tokens\":10,\"completion_tokens\":5,\"total_tokens\":15}}}}\n",
                1_733_011_200 + 86_400 * d + 3_600
            )
        })
        .collect();
    let g = &summarise(&import_usage(log.as_bytes()).expect("reads"))[0];
    assert_eq!(g.monthly_growth, None);
    assert!(
        g.growth_basis
            .starts_with("4 whole days (its first and last, partial, left out), 2 with traffic"),
        "{}",
        g.growth_basis
    );
}

/// A fit steeper than a scenario takes (a fall of 91% a month) is not applied: the
/// default stays and its source says what the fit gave, never a silent -50% (nor a
/// +200% a month that projects trillions of calls from a day of 1 request and one of 363).
#[test]
fn a_growth_beyond_the_scenarios_range_is_not_applied_and_said() {
    let u = daily_usage(30, |d| 100_000.0 * 0.92f64.powi(d));
    let g = &summarise(&u)[0];
    let fitted = g.monthly_growth.expect("fitted");
    close(fitted, 0.92f64.powf(30.4375) - 1.0, "monthly growth");
    let t = engine::usage::workload::task_type(g, "usage.json").expect("task");
    assert_eq!(t.task_type.monthly_growth, 0.0);
    assert!(!t
        .task_type
        .measured
        .iter()
        .any(|m| m.field == "monthly_growth"));
    let source = t
        .provenance
        .iter()
        .find(|(f, _)| f == "monthly_growth")
        .map(|(_, p)| p.clone())
        .expect("growth's source");
    assert!(
        source.starts_with("not applied")
            && source.contains(&format!("gives {:+.1}% a month", fitted * 100.0)),
        "{source}"
    );
}

/// Every model of a log is counted over the file's period: one Sonnet request in a log
/// of 23 hours is one in 23 hours, not one an hour; three requests in 23 hours show no
/// busiest hour (mostly chance).
#[test]
fn every_group_is_counted_over_the_files_period() {
    let csv = "request_id,startTime,model,prompt_tokens,completion_tokens\n\
r1,2026-11-01T10:00:00Z,claude-haiku-4-5,1200,300\n\
r2,2026-11-01T10:05:00Z,claude-haiku-4-5,800,200\n\
r3,2026-11-01T11:00:00Z,claude-sonnet-4-5,2000,500\n\
r4,2026-11-02T09:00:00Z,claude-haiku-4-5,1000,250\n";
    let u = import_usage(csv.as_bytes()).expect("reads");
    let g = summarise(&u);
    let by = |m: &str| g.iter().find(|x| x.group == m).expect(m);
    let (haiku, sonnet) = (by("claude-haiku-4-5"), by("claude-sonnet-4-5"));
    let days = 23.0 / 24.0;
    close(
        haiku.calls_per_month.expect("calls"),
        3.0 / days * 30.4375,
        "haiku",
    );
    close(
        sonnet.calls_per_month.expect("calls"),
        1.0 / days * 30.4375,
        "sonnet",
    );
    assert_eq!((sonnet.start, sonnet.end), (haiku.start, haiku.end));
    assert_eq!(haiku.peak_to_average, None);
    assert!(
        haiku.peak_basis.contains("mostly chance"),
        "{}",
        haiku.peak_basis
    );
    let t = engine::usage::workload::task_type(sonnet, "litellm.csv").expect("task");
    let calls = &t
        .provenance
        .iter()
        .find(|(f, _)| f == "calls_per_month")
        .expect("calls")
        .1;
    assert!(
        calls.contains("measured: 1 request over 0.96 days (23 hours)"),
        "{calls}"
    );
}

/// A CSV without cache columns measures no cache share: its zero is not claimed as a
/// measurement, and the task type keeps the scenario's own shares, saying why. One with
/// a cached column measures it.
#[test]
fn a_file_without_cache_counts_measures_no_cache_share() {
    let rows = "2026-11-01T10:00:00Z,claude-haiku-4-5,1200,300\n\
2026-11-01T10:05:00Z,claude-haiku-4-5,800,200\n";
    let bare = format!("timestamp,model,input_tokens,output_tokens\n{rows}");
    let g = summarise(&import_usage(bare.as_bytes()).expect("reads"));
    assert!(!g[0].cache_counted);
    let t = engine::usage::workload::task_type(&g[0], "bare.csv").expect("task");
    let defaults = engine::scenario::TaskType::default();
    assert_eq!(t.task_type.cached_input_share, defaults.cached_input_share);
    assert!(!t
        .task_type
        .measured
        .iter()
        .any(|m| m.field == "cached_input_share"));
    let why = &t
        .provenance
        .iter()
        .find(|(f, _)| f == "cached_input_share")
        .expect("said")
        .1;
    assert!(
        why.starts_with("default: the file has no cache columns"),
        "{why}"
    );

    let cached = "timestamp,model,input_tokens,output_tokens,cached_tokens\n\
2026-11-01T10:00:00Z,claude-haiku-4-5,1200,300,0\n";
    let g = summarise(&import_usage(cached.as_bytes()).expect("reads"));
    assert!(g[0].cache_counted);
    let t = engine::usage::workload::task_type(&g[0], "cached.csv").expect("task");
    assert!(t
        .task_type
        .measured
        .iter()
        .any(|m| m.field == "cached_input_share"));
}

#[test]
fn times_that_are_not_times_are_skipped() {
    let bad = r#"[{"object":"bucket","start_time":9223372036854775000,"end_time":9223372036854775807,"results":[{"input_tokens":1,"output_tokens":1,"num_model_requests":1}]},
                  {"object":"bucket","start_time":1736640000,"end_time":1736726400,"results":[{"input_tokens":10,"output_tokens":2,"num_model_requests":3}]}]"#;
    let u = import_usage(bad.as_bytes()).expect("reads the good bucket");
    assert_eq!(u.records.len(), 1);
    assert!(
        u.skipped
            .iter()
            .any(|(w, _)| w.contains("not Unix seconds")),
        "{:?}",
        u.skipped
    );
    let g = summarise(&u);
    assert_eq!(g[0].requests, Some(3.0));
}

#[test]
fn batch_output_is_priced_per_class_at_the_batch_discount() {
    use engine::usage::file::describe;
    let u = import_usage(&sample(
        "openai-batch-output/kmmlu-rag-gpt-4o-mini_batch_output.jsonl",
    ))
    .expect("reads");
    let f = describe(&u, "batch_output.jsonl", None).expect("described");
    // PROVENANCE: prompt 816,040 of which cached 2,304, completion 33,045, on
    // gpt-4o-mini ($0.15 in, $0.075 cached, $0.60 out), all batch (half price).
    let want = ((816_040.0 - 2_304.0) * 0.15 + 2_304.0 * 0.075 + 33_045.0 * 0.60) / 1e6 * 0.5;
    close(f.priced_usd.expect("priced"), want, "priced batch");
    assert_eq!(
        f.priced[0].price.as_ref().map(|p| p.id.as_str()),
        Some("gpt-4o-mini")
    );
}

#[test]
fn the_openai_pair_reconciles_with_the_residual_said_not_forced() {
    use engine::usage::file::{describe, workload};
    let usage = import_usage(&sample(
        "openai-org-usage-costs/openai-cookbook_usage-completions_1d_30days.json",
    ))
    .expect("reads");
    let costs = import_usage(&sample(
        "openai-org-usage-costs/openai-cookbook_costs_1d_30days.json",
    ))
    .expect("reads");
    let files = [
        describe(&usage, "usage.json", None).expect("described"),
        describe(&costs, "costs.json", None).expect("described"),
    ];
    let w = workload(&files);
    let r = w
        .reconciliations
        .first()
        .cloned()
        .expect("usage and bill overlap");
    // The usage runs from 1736616660 to 1739208663 (its first and last bucket); the
    // bill's daily rows inside that time, the edge rows by their share of time
    // (computed with Python over the JSON): $284.843937729373.
    assert_eq!((r.start, r.end), (1_736_616_660, 1_739_208_663));
    close(
        r.billed_usd,
        284.843_937_729_373_07,
        "billed in the shared time",
    );
    // The usage report is not grouped by model: nothing can be priced, and it says so.
    close(r.priced_usd, 0.0, "priced");
    close(r.residual_usd, r.billed_usd, "residual");
    assert!(
        r.reasons
            .iter()
            .any(|x| x.contains("not grouped by model") || x.contains("does not name the model")),
        "{:?}",
        r.reasons
    );
    assert!(
        r.reasons.iter().any(|x| x.contains("completions")),
        "{:?}",
        r.reasons
    );
    // Calls a month come from the usage (it counts requests); the bill gives none.
    assert_eq!(w.task_types.len(), 1);
    assert!(w.task_types[0]
        .task_type
        .measured
        .iter()
        .any(|m| m.field == "calls_per_month" && m.source.contains("usage.json")));
}

#[test]
fn the_back_test_prices_the_real_days_for_every_option() {
    use engine::usage::file::{backtest, describe};
    let u = import_usage(&sample(
        "claude-code-jsonl/cctrace-phase0-investigation_raw_messages.jsonl",
    ))
    .expect("reads");
    let f = describe(&u, "session.jsonl", None).expect("described");
    assert!(f.load.iter().all(|l| l.hourly), "request times: hourly");
    let mut s = engine::templates::sonnet_vs_2xa100();
    s.task_types = f
        .task_types
        .iter()
        .filter_map(|g| g.task.as_ref().map(|t| t.task_type.clone()))
        .collect();
    // The session's model is Opus; the template's tiers are below its quality: let
    // every tier serve it, to price them all.
    for t in &mut s.task_types {
        t.quality_floor = 1;
    }
    let v = engine::validate(s).expect("valid");
    let b = backtest(&v, std::slice::from_ref(&f)).expect("a back-test");
    assert_eq!(b.calls, 100.0, "the session's 100 requests");
    // Sonnet 3.5 by hand from the file's totals: 2,016 uncached × $3, 10,172,221 cache
    // reads × $0.30, 622,125 cache writes × $3.75, 67,528 output × $15 (per million; 3,363
    // of it estimated for calls never closed); the task type's rounding (tokens to 0.01,
    // shares to 1e-4) stays within 0.1%.
    let want = (2_016.0 * 3.0 + 10_172_221.0 * 0.3 + 622_125.0 * 3.75 + 67_528.0 * 15.0) / 1e6;
    let sonnet = b
        .options
        .iter()
        .find(|o| o.name.contains("Sonnet 3.5"))
        .expect("tier");
    let got = sonnet.cost_usd.expect("cost");
    assert!((got - want).abs() / want < 1e-3, "{got} vs {want}");
    for o in &b.options {
        let Some(c) = o.cost_usd else { continue };
        let last = *o.by_day.last().expect("days");
        assert!(
            (last - c).abs() <= 1e-6 * c.max(1.0),
            "{}: {last} vs {c}",
            o.name
        );
        assert!(o.by_day.windows(2).all(|w| w[1] >= w[0]));
        if o.self_hosted {
            assert!(o.replicas.expect("replicas") >= 1.0);
        }
    }
    // Twice the load, hour by hour: no option costs less.
    let mut f2 = f.clone();
    for l in &mut f2.load {
        for c in &mut l.calls {
            *c *= 2.0;
        }
    }
    let b2 = backtest(&v, &[f2]).expect("a back-test");
    for (a, b) in b.options.iter().zip(&b2.options) {
        if let (Some(x), Some(y)) = (a.cost_usd, b.cost_usd) {
            assert!(y >= x, "{}: {y} < {x}", a.name);
        }
    }
    // With the session's own floor (Opus, quality 3), every option below it says so:
    // the API tiers and the self-hosted models alike.
    let mut s = v.get().clone();
    for t in &mut s.task_types {
        t.quality_floor = 3;
    }
    let v3 = engine::validate(s).expect("valid");
    let b3 = backtest(&v3, std::slice::from_ref(&f)).expect("a back-test");
    let below = |o: &&engine::usage::backtest::OptionCost| {
        o.note
            .as_deref()
            .is_some_and(|n| n.contains("below the quality floor"))
    };
    assert!(
        b3.options
            .iter()
            .filter(|o| o.self_hosted)
            .all(|o| below(&o)),
        "{:?}",
        b3.options
    );
    assert!(b3
        .options
        .iter()
        .filter(|o| !o.self_hosted)
        .any(|o| below(&o)));
    assert!(!b.options.iter().any(|o| below(&o)), "floor 1: none below");
}

/// No real sample holds a count that is read as 0: the note about such counts is for
/// broken files only.
#[test]
fn no_real_sample_has_counts_read_as_zero() {
    for path in [
        "anthropic-admin-reports/anthropic-docs_cost-report_example.json",
        "anthropic-admin-reports/anthropic-docs_usage-report-messages_example.json",
        "claude-code-jsonl/cctrace-phase0-investigation_raw_messages.jsonl",
        "openai-batch-output/kmmlu-rag-gpt-4o-mini_batch_output.jsonl",
        "openai-batch-output/navirag-gpt-4o_batch_output.jsonl",
        "openai-org-usage-costs/openai-cookbook_costs_1d_30days.json",
        "openai-org-usage-costs/openai-cookbook_usage-completions_1d_30days.json",
    ] {
        let u = import_usage(&sample(path)).unwrap_or_else(|e| panic!("{path}: {e}"));
        assert!(
            u.notes.iter().all(|n| !n.contains("read as 0")),
            "{path}: {:?}",
            u.notes
        );
    }
}

/// Newer Claude Code writes the thinking part of a call's output
/// (`usage.output_tokens_details.thinking_tokens`): the real session's first call,
/// with that field added, keeps its output and says how much of it was thinking.
#[test]
fn claude_code_thinking_tokens_are_the_reasoning_part_of_output() {
    let text = String::from_utf8(sample(
        "claude-code-jsonl/cctrace-phase0-investigation_raw_messages.jsonl",
    ))
    .expect("UTF-8");
    let line = text
        .lines()
        .find(|l| l.contains(r#""type":"assistant""#) && l.contains(r#""usage":{"#))
        .expect("an assistant line");
    let with = line.replacen(
        r#""usage":{"#,
        r#""usage":{"output_tokens_details":{"thinking_tokens":322},"#,
        1,
    );
    assert_ne!(with, line);
    let plain = import_usage(line.as_bytes()).expect("reads");
    let u = import_usage(with.as_bytes()).expect("reads");
    assert_eq!(u.records[0].tokens.reasoning, 322.0);
    assert_eq!(plain.records[0].tokens.reasoning, 0.0);
    assert_eq!(u.records[0].tokens.output, plain.records[0].tokens.output);
}

/// Claude Code logs a failed call (529 overloaded) and retries it: as a `system` line of
/// subtype `api_error`, or as an assistant message marked `isApiErrorMessage` (made by
/// the client, all-zero usage). Neither is billed; the import says they were failed
/// calls rather than fold them into "not an API call".
#[test]
fn claude_code_api_errors_are_counted_as_failed_calls() {
    let text = String::from_utf8(sample(
        "claude-code-jsonl/cctrace-phase0-investigation_raw_messages.jsonl",
    ))
    .expect("UTF-8");
    let plain = import_usage(text.as_bytes()).expect("reads");
    let system = r#"{"type":"system","subtype":"api_error","level":"error","error":{"status":529,"error":{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}},"retryInMs":1000,"retryAttempt":1,"maxRetries":10,"timestamp":"2025-08-01T10:00:00.000Z"}"#;
    let shown = r#"{"type":"assistant","isApiErrorMessage":true,"timestamp":"2025-08-01T10:00:01.000Z","message":{"id":"c0ffee","model":"<synthetic>","role":"assistant","content":[{"type":"text","text":"API Error: 529 Overloaded"}],"usage":{"input_tokens":0,"output_tokens":0}}}"#;
    let with = format!("{text}\n{system}\n{shown}\n{system}\n");
    let u = import_usage(with.as_bytes()).expect("reads");
    assert_eq!(
        u.records.len(),
        plain.records.len(),
        "no record for a failed call"
    );
    let failed = u
        .skipped
        .iter()
        .find(|(why, _)| why.starts_with("a failed API call"))
        .map(|(_, n)| *n);
    assert_eq!(failed, Some(3), "{:?}", u.skipped);
    assert!(!plain
        .skipped
        .iter()
        .any(|(why, _)| why.starts_with("a failed API call")));
}

/// A report a script wrapped (`{"export": {"report": ...}}`) is found by its fields and
/// read as the report itself, with a note of where; a file cut short says so.
#[test]
fn a_wrapped_report_is_found_inside_and_a_cut_file_is_called_cut() {
    let path = "anthropic-admin-reports/anthropic-docs_usage-report-messages_example.json";
    let bare = import_usage(&sample(path)).expect("reads");
    let report: serde_json::Value = serde_json::from_slice(&sample(path)).expect("json");
    let wrapped = serde_json::json!({ "exported_by": "a script", "export": { "report": report } });
    let u = import_usage(wrapped.to_string().as_bytes()).expect("reads inside the wrapper");
    assert_eq!(u.format, UsageFormat::AnthropicUsage);
    assert_eq!(u.records, bare.records);
    assert!(
        u.notes
            .iter()
            .any(|n| n.contains("under \"export.report\"")),
        "{:?}",
        u.notes
    );
    let text = String::from_utf8(sample(path)).expect("utf-8");
    let cut = &text[..text.len() / 2];
    let why = import_usage(cut.as_bytes()).expect_err("cut short");
    assert!(
        why.contains("the file ends in the middle of a value"),
        "{why}"
    );
}

/// A count every record carries, under another name (a renamed column), is read as 0 and
/// said with the fields that name tokens there; no real sample reads any as missing.
#[test]
fn a_renamed_output_count_is_said_not_silently_zero() {
    let original =
        sample("anthropic-admin-reports/anthropic-docs_usage-report-messages_example.json");
    let u = import_usage(&original).expect("reads");
    assert!(
        u.notes.iter().all(|n| !n.contains("have no")),
        "{:?}",
        u.notes
    );
    let renamed = String::from_utf8(original)
        .expect("text")
        .replace("\"output_tokens\"", "\"output_tokens_count\"");
    let u = import_usage(renamed.as_bytes()).expect("reads");
    let note = u
        .notes
        .iter()
        .find(|n| n.contains("have no output_tokens field"))
        .unwrap_or_else(|| panic!("{:?}", u.notes));
    // The field most like the missing one is named first.
    assert!(
        note.contains("fields there that name tokens: output_tokens_count"),
        "{note}"
    );
    assert!(note.contains("a renamed column?"), "{note}");

    // Every real sample: nothing missing.
    // The usage samples, and the benchmark samples that are API responses (llama-stack's
    // recordings of OpenAI and Ollama answers, read as request logs).
    let dir =
        |d: &str| std::path::PathBuf::from(format!("{}/tests/{d}", env!("CARGO_MANIFEST_DIR")));
    let mut files = vec![
        dir("usage-samples"),
        dir("bench-samples/openai-usage"),
        dir("bench-samples/ollama"),
    ];
    let mut read = 0;
    while let Some(p) = files.pop() {
        if p.is_dir() {
            files.extend(
                std::fs::read_dir(&p)
                    .expect("dir")
                    .map(|e| e.expect("entry").path()),
            );
            continue;
        }
        let Ok(u) = import_usage(&std::fs::read(&p).expect("file")) else {
            continue;
        };
        read += 1;
        assert!(
            u.notes.iter().all(|n| !n.contains("field: their")),
            "{}: {:?}",
            p.display(),
            u.notes
        );
    }
    assert!(read >= 7, "{read} samples read");
}
