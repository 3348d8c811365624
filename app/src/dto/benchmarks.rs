//! Stored benchmark runs, uploads and a run's page.

use serde::{Deserialize, Serialize};

/// Most runs a list gives (the newest first): a longer list says so and a search finds
/// the others.
pub const RUNS_LISTED: usize = 500;

/// One stored benchmark run with where it came from.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BenchRunRow {
    pub id: String,
    pub file_id: String,
    pub file_name: String,
    /// Human name of the format the file was read as.
    pub format: String,
    pub uploaded_at: String,
    pub run: engine::bench::Run,
}

impl BenchRunRow {
    /// The throughput source a GPU configuration gets from this run, or why it cannot.
    pub fn source(&self) -> Result<engine::scenario::ThroughputSource, String> {
        let r = &self.run;
        let tps = r
            .output_tokens_per_s
            .filter(|x| *x > 0.0)
            .ok_or("this run has no output tokens/s (see its notes)")?;
        let out = r.output_tokens.filter(|x| *x > 0.0).ok_or("this run does not say how many output tokens a request had, so its throughput cannot be converted to your workload")?;
        Ok(engine::scenario::ThroughputSource::Benchmark {
            run_id: self.id.clone(),
            output_tokens_per_s: tps,
            input_tokens: r.input_tokens.unwrap_or(0.0).max(0.0),
            output_tokens: out,
            // As the run states it, else worked out by Little's law, else 0 (unknown):
            // never a made-up 1.
            concurrency: r
                .concurrency
                .or_else(|| r.little_in_flight())
                .unwrap_or(0.0),
            label: self.dated_label(),
            run_gpu: None,
            run_gpus: None,
            sweep: Vec::new(),
            run_facts: Some(engine::scenario::RunFacts {
                model: r.model.clone(),
                model_from_name: r.model_from_name,
                hardware: r.hardware.clone(),
                concurrency_stated: Some(r.concurrency.is_some()),
            }),
        })
    }

    /// "model, label (file, measured 2026-08-16 16:08)": the scenario's explanation
    /// names when the run was measured, where its file says.
    /// The run as an attachment reads it: labelled with its file's name and date, so a
    /// count the name states ("..._tp8_...json") is read before and after attaching.
    pub fn as_attached(&self) -> engine::bench::Run {
        engine::bench::Run {
            label: self.dated_label(),
            ..self.run.clone()
        }
    }

    pub fn dated_label(&self) -> String {
        let label = self.short_label();
        match (&self.run.measured_at, label.strip_suffix(')')) {
            (Some(at), Some(open)) => format!("{open}, measured {at})"),
            _ => label,
        }
    }

    /// "model, label (file)" for lists.
    pub fn short_label(&self) -> String {
        let model = self.run.model_said();
        let label = if self.run.label.is_empty() {
            String::new()
        } else {
            format!(", {}", self.run.label)
        };
        format!("{model}{label} ({})", self.file_name)
    }
}

/// What an upload stored.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BenchUpload {
    pub file_id: String,
    pub file_name: String,
    pub format: String,
    pub format_id: String,
    pub size_bytes: i64,
    /// Whether the original file was kept (it is when within the stored-size cap).
    pub original_kept: bool,
    pub runs: Vec<BenchRunRow>,
    /// Runs in the file that were not kept, with the reason.
    pub refused: Vec<String>,
    /// The same file (byte for byte) already stored in this workspace, if one is: it was
    /// imported again all the same, and its runs are now listed more than once. Known only for
    /// files whose original was kept.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub duplicate_of: Option<SameFile>,
}

/// A file stored earlier that an upload repeats: the same bytes (a benchmark file) or the
/// same usage (a usage file).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SameFile {
    pub file_id: String,
    pub file_name: String,
    pub uploaded_at: String,
}

/// What a deletion took away: the file (by name) and its runs.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DeletedFile {
    pub file_name: String,
    pub runs: usize,
}

/// A scenario whose current revision takes throughput from a run.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct UsedBy {
    pub name: String,
    pub view_token: String,
    /// Its editor (`/s/{id}?key=...`), for the workspace's key only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub edit_path: Option<String>,
}

/// Most other runs of a file listed on a run's page.
pub const SIBLINGS_LISTED: usize = 200;

/// A run's page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BenchRunDetail {
    pub row: BenchRunRow,
    pub size_bytes: i64,
    pub original_kept: bool,
    pub refused: Vec<String>,
    pub used_by: Vec<UsedBy>,
    /// Other runs of the same file.
    pub siblings: Vec<BenchRunRow>,
}

#[cfg(test)]
mod tests {
    use super::BenchRunRow;
    use engine::scenario::ThroughputSource;

    fn concurrency_of(run: engine::bench::Run) -> f64 {
        let row = BenchRunRow {
            id: "r".into(),
            file_id: "f".into(),
            file_name: "run.json".into(),
            format: "vLLM".into(),
            uploaded_at: "2026-12-06".into(),
            run,
        };
        match row.source() {
            Ok(ThroughputSource::Benchmark { concurrency, .. }) => concurrency,
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_run_attached_keeps_its_load_as_stated_or_worked_out_never_a_made_up_one() {
        let mut run = engine::bench::Run {
            output_tokens_per_s: Some(800.0),
            output_tokens: Some(200.0),
            concurrency: Some(32.0),
            ..Default::default()
        };
        assert_eq!(concurrency_of(run.clone()), 32.0);
        // Not stated: 4 requests/s (800 / 200) × 13 s of mean latency = 52 in flight.
        run.concurrency = None;
        run.e2e_ms.mean = Some(13_000.0);
        assert!((concurrency_of(run.clone()) - 52.0).abs() < 1e-9);
        // Nothing to work it out from: 0, "not stated".
        run.e2e_ms.mean = None;
        assert_eq!(concurrency_of(run), 0.0);
    }

    /// A file named "..._tp8_...json" states 8 GPUs per replica: attaching its run to a
    /// 2-GPU configuration records the run as measured on 8, so the engine scales it
    /// instead of crediting 8 GPUs' throughput to 2.
    #[test]
    fn a_gpu_count_the_files_name_states_is_the_runs() {
        let row = BenchRunRow {
            id: "r".into(),
            file_id: "f".into(),
            file_name: "serving_meta-llama-Llama-3.3-70B-Instruct_tp8_pp1_sharegpt_qps_inf.json"
                .into(),
            format: "vLLM".into(),
            uploaded_at: "2026-12-06".into(),
            run: engine::bench::Run {
                model: Some("meta-llama/Llama-3.3-70B-Instruct".into()),
                label: "all requests at once".into(),
                output_tokens_per_s: Some(1780.0),
                output_tokens: Some(212.0),
                ..Default::default()
            },
        };
        let mut s = engine::templates::sonnet_vs_2xa100();
        s.gpu_configs[0].gpus_per_replica = 2;
        let g = &s.gpu_configs[0];
        let (_, gpus) = engine::bench::fit::stated_hardware(&row.as_attached(), &s, g);
        assert_eq!(gpus, Some(8));
        assert_eq!(engine::bench::fit::stated_hardware(&row.run, &s, g).1, None);
    }

    #[test]
    fn an_attached_run_says_when_it_was_measured_where_the_file_does() {
        let mut row = BenchRunRow {
            id: "r".into(),
            file_id: "f".into(),
            file_name: "run.json".into(),
            format: "vLLM".into(),
            uploaded_at: "2026-12-06".into(),
            run: engine::bench::Run {
                model: Some("m".into()),
                label: "c32".into(),
                output_tokens_per_s: Some(800.0),
                output_tokens: Some(200.0),
                measured_at: Some("2026-08-16 16:08".into()),
                ..Default::default()
            },
        };
        let label = |row: &BenchRunRow| match row.source() {
            Ok(ThroughputSource::Benchmark { label, .. }) => label,
            other => panic!("{other:?}"),
        };
        assert_eq!(label(&row), "m, c32 (run.json, measured 2026-08-16 16:08)");
        assert_eq!(row.short_label(), "m, c32 (run.json)");
        row.run.measured_at = None;
        assert_eq!(label(&row), "m, c32 (run.json)");
    }
}
