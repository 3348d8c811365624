//! The editor's run picker narrows its list as the user types: every word, in any order,
//! anywhere in what the list says of a run (model, label, file, hardware, format,
//! throughput).

use crate::dto::BenchRunRow;
use engine::fmt_num;
use leptos::prelude::*;

/// The runs a configuration can attach (with output tok/s and a request shape), newest
/// first, those of its model and GPU before the others: re-sorted when the runs, the
/// model or the GPU change, not on every edit.
pub(super) fn usable_runs(
    ctx: super::Ctx,
    k: usize,
    rows: impl Fn() -> Option<Vec<BenchRunRow>> + Send + Sync + 'static,
) -> Memo<Vec<BenchRunRow>> {
    let fit_key = Memo::new(move |_| {
        ctx.doc.with(|d| {
            d.gpu_configs
                .get(k)
                .map(|g| (g.model.clone(), g.gpu.clone()))
        })
    });
    Memo::new(move |_| {
        fit_key.track();
        let mut v: Vec<BenchRunRow> = rows()
            .unwrap_or_default()
            .into_iter()
            .filter(|r| r.source().is_ok())
            .collect();
        ctx.doc.with_untracked(|d| {
            if let Some(g) = d.gpu_configs.get(k) {
                v.sort_by_cached_key(|r| {
                    std::cmp::Reverse(engine::bench::fit::closeness(&r.run, g))
                });
            }
        });
        v
    })
}

/// The filter box and how many runs it leaves, shown once there are more than five.
pub(super) fn filter_box(
    k: usize,
    filter: RwSignal<String>,
    usable: impl Fn() -> Vec<BenchRunRow> + Copy + Send + Sync + 'static,
) -> impl IntoView {
    move || {
        let n = usable().len();
        (n > 5).then(|| {
            view! {
                <input
                    type="search"
                    class="run-filter"
                    aria-label="Filter the stored runs"
                    placeholder="filter the runs: model, GPU, file, label, tok/s"
                    data-testid=format!("run-filter-{k}")
                    prop:value=move || filter.get()
                    on:input=move |ev| filter.set(event_target_value(&ev))
                />
                <span class="fineprint run-count" data-testid=format!("run-count-{k}")>
                    {move || {
                        let wanted = filter.get();
                        if wanted.trim().is_empty() {
                            format!(" {n} runs")
                        } else {
                            let shown = usable().iter().filter(|r| matches(r, &wanted)).count();
                            format!(" {shown} of {n} runs")
                        }
                    }}
                </span>
            }
        })
    }
}

/// Whether every word of `filter` (any case) is in what the run list says of `r`.
pub(super) fn matches(r: &BenchRunRow, filter: &str) -> bool {
    let text = format!(
        "{} {} {} {}",
        r.short_label(),
        r.run.hardware.as_deref().unwrap_or(""),
        r.format,
        r.run.output_tokens_per_s.map(fmt_num).unwrap_or_default()
    )
    .to_lowercase();
    // "4288" finds "4,288": numbers are also matched without their thousands commas.
    let plain = text.replace(',', "");
    filter.split_whitespace().all(|w| {
        let w = w.to_lowercase();
        text.contains(&w) || plain.contains(&w.replace(',', ""))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_word_is_found_anywhere_in_any_case() {
        let r = BenchRunRow {
            id: "r".into(),
            file_id: "f".into(),
            file_name: "h100_sweep.jsonl".into(),
            format: "SGLang bench_serving".into(),
            uploaded_at: "2026-12-06".into(),
            run: engine::bench::Run {
                model: Some("meta-llama/Llama-3.3-70B-Instruct".into()),
                label: "#3 concurrency 32".into(),
                hardware: Some("NVIDIA H100 80GB".into()),
                output_tokens_per_s: Some(3515.2),
                ..Default::default()
            },
        };
        for yes in [
            "",
            "llama h100",
            "H100 LLAMA",
            "sglang 70b",
            "sweep.jsonl",
            "concurrency 32",
            "3,515",
            "3515",
        ] {
            assert!(matches(&r, yes), "{yes}");
        }
        for no in ["qwen", "llama a100", "8b", "35152"] {
            assert!(!matches(&r, no), "{no}");
        }
    }
}
