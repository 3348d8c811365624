//! Several kept usage files read together: the workload (every group with a task type,
//! named apart where two files share a name), calls typed for groups whose file counts
//! none, the reconciliation with the bill, and the back-test's load.

use super::file::{GroupTask, UsageFile};
use super::reconcile::{self, FileForReconciling, Reconciliation};
use super::workload::MeasuredTask;
use serde::{Deserialize, Serialize};

/// The workload of several kept files: every group that has a task type, named by its
/// group (and its file, when two files have the same group), and the reconciliation.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Workload {
    pub task_types: Vec<MeasuredTask>,
    /// What the reader should know: the same group in two files, ...
    #[serde(default)]
    pub notes: Vec<String>,
    /// Groups with no task type, and why.
    pub unavailable: Vec<GroupTask>,
    /// One per provider with both usage and a bill of shared days.
    pub reconciliations: Vec<Reconciliation>,
    /// Keys of typed counts of calls no group took (its file no longer read, say): the
    /// page drops them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub typed_left_out: Vec<String>,
}

/// A task name already taken by an earlier file gets the file's name after it.
fn unique_name(taken: &[String], name: &str, file: &str) -> String {
    if taken.iter().any(|t| t == name) {
        let suffix = format!(" ({file})");
        let room = 80usize.saturating_sub(suffix.chars().count());
        format!("{}{suffix}", name.chars().take(room).collect::<String>())
    } else {
        name.to_string()
    }
}

/// Adds `t` to `task_types`: a name an earlier file took gets the file's name after it,
/// and the notes say the two are kept apart (and counted twice if they are one traffic).
fn add_named(
    task_types: &mut Vec<MeasuredTask>,
    notes: &mut Vec<String>,
    mut t: MeasuredTask,
    file: &str,
    log: bool,
) {
    let taken: Vec<String> = task_types
        .iter()
        .map(|x| x.task_type.name.clone())
        .collect();
    let name = unique_name(&taken, &t.task_type.name, file);
    if name != t.task_type.name {
        // Logs can be read as one, and a call in both then counts once.
        let logs = if log {
            "; logs of one session (a Claude Code session with its sub-agents' or resumed sessions' files) can be uploaded together with \u{201c}Read the .jsonl logs chosen together as one\u{201d} ticked, and a call in two of them counts once"
        } else {
            ""
        };
        notes.push(format!(
            "\u{201c}{}\u{201d} is in more than one file: kept as separate task types; if the files count the same traffic, read one of them only, or its calls are counted twice{logs}",
            t.task_type.name
        ));
        t.task_type.name = name;
    }
    task_types.push(t);
}

pub fn workload(files: &[UsageFile]) -> Workload {
    workload_with(files, &Default::default())
}

/// The workload of `files`, with calls a month typed for groups whose file counts no
/// requests (keyed as `typed_calls::key` names them).
pub fn workload_with(
    files: &[UsageFile],
    typed: &std::collections::BTreeMap<String, f64>,
) -> Workload {
    let mut task_types: Vec<MeasuredTask> = Vec::new();
    let mut unavailable = Vec::new();
    let (files, mut notes) = super::overlap::distinct(files);
    // Each file by its name, numbered where two read together share one (two months'
    // reports both saved as usage.json): a typed count names its group by it.
    let labels: Vec<String> = files
        .iter()
        .enumerate()
        .map(|(i, f)| {
            let same = files.iter().filter(|o| o.file_name == f.file_name).count();
            let nth = files[..i]
                .iter()
                .filter(|o| o.file_name == f.file_name)
                .count();
            if same > 1 {
                format!("{} #{}", f.file_name, nth + 1)
            } else {
                f.file_name.clone()
            }
        })
        .collect();
    for (f, label) in files.iter().zip(&labels) {
        for g in &f.task_types {
            match &g.task {
                Some(t) => add_named(
                    &mut task_types,
                    &mut notes,
                    t.clone(),
                    label,
                    f.format.is_request_log(),
                ),
                None => unavailable.push(GroupTask {
                    group: super::typed_calls::key(&g.group, label),
                    ..g.clone()
                }),
            }
        }
    }
    // Groups whose calls were typed join the measured ones, named apart as above.
    let labelled: Vec<(&UsageFile, String)> = files.iter().copied().zip(labels).collect();
    let mut typed_left_out = Vec::new();
    let (typed_tasks, unavailable) = super::typed_calls::apply(
        &labelled,
        unavailable,
        typed,
        &mut notes,
        &mut typed_left_out,
    );
    for (file, t) in typed_tasks {
        add_named(&mut task_types, &mut notes, t, &file, false);
    }
    let rec: Vec<FileForReconciling> = files.iter().filter_map(|f| f.for_reconciling()).collect();
    notes.extend(task_types.iter().filter_map(|t| t.short_log.clone()));
    notes.dedup();
    Workload {
        task_types,
        notes,
        unavailable,
        reconciliations: reconcile::reconcile(&rec),
        typed_left_out,
    }
}

/// The back-test of a scenario over the load of several files: each task type takes the
/// load of the first file that has it.
pub fn backtest(
    v: &crate::validate::ValidScenario,
    files: &[UsageFile],
) -> Option<super::backtest::Backtest> {
    // Named as `workload` names the task types: a name an earlier file took gets the
    // file's name after it.
    let mut loads: Vec<super::backtest::GroupLoad> = Vec::new();
    for f in super::overlap::distinct(files).0 {
        let taken: Vec<String> = loads.iter().map(|l| l.task.clone()).collect();
        for l in &f.load {
            let mut l = l.clone();
            l.task = unique_name(&taken, &l.task, &f.file_name);
            loads.push(l);
        }
    }
    super::backtest::backtest(v, &loads)
}
