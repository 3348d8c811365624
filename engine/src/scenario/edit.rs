//! The editor's structural changes to a scenario, as methods: each keeps the document
//! valid in shape (an index out of range changes nothing; the last task type stays).

use super::{ApiTier, GpuConfig, Scenario, TaskType};

impl Scenario {
    /// A new task type at the end, named "Task N" (the first N no task type is named).
    pub fn add_task(&mut self) {
        let taken: Vec<&str> = self.task_types.iter().map(|t| t.name.as_str()).collect();
        let name = (self.task_types.len() + 1..)
            .map(|n| format!("Task {n}"))
            .find(|n| !taken.contains(&n.as_str()))
            .unwrap_or_default();
        self.task_types.push(TaskType {
            name,
            ..TaskType::default()
        });
    }

    /// A copy of task type `i` right after it, named "... (copy)" ("... (copy 2)" and
    /// on when that name is taken).
    pub fn duplicate_task(&mut self, i: usize) {
        if let Some(t) = self.task_types.get(i).cloned() {
            let taken: Vec<&str> = self.task_types.iter().map(|t| t.name.as_str()).collect();
            let name = copy_name(&t.name, &taken);
            self.task_types.insert(i + 1, TaskType { name, ..t });
        }
    }

    /// Swaps task type `i` with the one before it.
    pub fn move_task_up(&mut self, i: usize) {
        if i > 0 && i < self.task_types.len() {
            self.task_types.swap(i - 1, i);
        }
    }

    /// Swaps task type `i` with the one after it.
    pub fn move_task_down(&mut self, i: usize) {
        if i + 1 < self.task_types.len() {
            self.task_types.swap(i, i + 1);
        }
    }

    /// Removes task type `i`, never the last one (a scenario has a workload).
    pub fn remove_task(&mut self, i: usize) {
        if self.task_types.len() > 1 && i < self.task_types.len() {
            self.task_types.remove(i);
        }
    }

    /// Adds an API tier (from the catalog: `catalog::tier(id).to_tier()`, or a custom one).
    pub fn add_tier(&mut self, tier: ApiTier) {
        self.api_tiers.push(tier);
    }

    pub fn remove_tier(&mut self, j: usize) {
        if j < self.api_tiers.len() {
            self.api_tiers.remove(j);
        }
    }

    pub fn add_config(&mut self) {
        self.gpu_configs.push(GpuConfig::default());
    }

    /// A copy of configuration `k` right after it, named "... (copy)" ("... (copy 2)" and
    /// on when that name is taken). The copy's name
    /// is typed if the original's was; if not, the copy's next change of GPU, model,
    /// count or precision names it after what it then is (a copy is made to be changed).
    pub fn duplicate_config(&mut self, k: usize) {
        if let Some(g) = self.gpu_configs.get(k).cloned() {
            let taken: Vec<&str> = self.gpu_configs.iter().map(|g| g.name.as_str()).collect();
            let name = copy_name(&g.name, &taken);
            self.gpu_configs.insert(k + 1, GpuConfig { name, ..g });
        }
    }

    pub fn remove_config(&mut self, k: usize) {
        if k < self.gpu_configs.len() {
            self.gpu_configs.remove(k);
        }
    }
}

/// "{name} (copy)", or "{name} (copy N)" with the first N from 2 that no name in `taken`
/// has. A copy of a copy copies the original's name: "A (copy)" gives "A (copy 2)".
fn copy_name(name: &str, taken: &[&str]) -> String {
    let base = match name.rfind(" (copy") {
        Some(at) if name.ends_with(')') && is_copy_suffix(&name[at..]) => &name[..at],
        _ => name,
    };
    std::iter::once(format!("{base} (copy)"))
        .chain((2u32..).map(|n| format!("{base} (copy {n})")))
        .find(|n| !taken.contains(&n.as_str()))
        .unwrap_or_default()
}

/// `name` if no name in `taken` is the same, else it numbered: "Plan (my copy)" gives
/// "Plan (my copy 2)", "Plan" gives "Plan (2)", with the first number from 2 not taken.
/// The result stays within `limit` characters (its start is cut to make room).
pub fn numbered(name: &str, taken: &[&str], limit: usize) -> String {
    if !taken.contains(&name) {
        return name.to_string();
    }
    (2..=taken.len() as u64 + 2)
        .map(|n| {
            // "Plan (my copy)": the "(my copy" stays whole, "Plan" is cut if need be.
            let (head, tail) = match name
                .strip_suffix(')')
                .and_then(|o| Some((o, o.rfind('(')?)))
            {
                Some((open, at)) => (open[..at].trim_end(), format!(" {} {n})", &open[at..])),
                None => (name, format!(" ({n})")),
            };
            let room = limit.saturating_sub(tail.chars().count());
            format!("{}{tail}", head.chars().take(room).collect::<String>())
        })
        .find(|n| !taken.contains(&n.as_str()))
        .unwrap_or_else(|| name.to_string())
}

/// " (copy)" or " (copy N)".
fn is_copy_suffix(s: &str) -> bool {
    let inner = &s[" (copy".len()..s.len() - 1];
    inner.is_empty()
        || inner
            .strip_prefix(' ')
            .is_some_and(|n| n.parse::<u32>().is_ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(s: &Scenario) -> Vec<&str> {
        s.task_types.iter().map(|t| t.name.as_str()).collect()
    }

    #[test]
    fn task_edits_keep_order_and_the_last_task() {
        let mut s = Scenario::default();
        s.task_types[0].name = "A".into();
        s.add_task();
        s.duplicate_task(0);
        assert_eq!(names(&s), ["A", "A (copy)", "Task 2"]);
        s.move_task_down(0);
        assert_eq!(names(&s), ["A (copy)", "A", "Task 2"]);
        s.move_task_up(2);
        assert_eq!(names(&s), ["A (copy)", "Task 2", "A"]);
        s.move_task_up(0);
        s.move_task_down(2);
        s.duplicate_task(9);
        assert_eq!(
            names(&s),
            ["A (copy)", "Task 2", "A"],
            "out of range: no change"
        );
        s.remove_task(0);
        s.remove_task(0);
        s.remove_task(0);
        assert_eq!(names(&s), ["A"], "the last task type stays");
    }

    #[test]
    fn a_taken_name_is_numbered() {
        assert_eq!(numbered("Plan", &["Other"], 200), "Plan");
        assert_eq!(numbered("Plan", &["Plan"], 200), "Plan (2)");
        assert_eq!(
            numbered(
                "Plan (my copy)",
                &["Plan (my copy)", "Plan (my copy 2)"],
                200
            ),
            "Plan (my copy 3)"
        );
        // A name at the limit stays within it.
        let long = format!("{} (my copy)", "x".repeat(190));
        let n = numbered(&long, &[long.as_str()], 200);
        assert!(
            n.ends_with(" (my copy 2)") && n.chars().count() <= 200,
            "{n}"
        );
    }

    /// Two copies of one task type, a copy of a copy and a task added after a removal
    /// each get a name no other has.
    #[test]
    fn copies_and_new_task_types_get_names_of_their_own() {
        let mut s = Scenario::default();
        s.task_types[0].name = "Chat".into();
        s.duplicate_task(0);
        s.duplicate_task(0);
        assert_eq!(names(&s), ["Chat", "Chat (copy 2)", "Chat (copy)"]);
        s.duplicate_task(2);
        assert_eq!(names(&s)[3], "Chat (copy 3)");
        s.task_types[0].name = "Rewrite (copy 12) draft (copy)".into();
        s.duplicate_task(0);
        assert_eq!(names(&s)[1], "Rewrite (copy 12) draft (copy 2)");
        let mut s = Scenario::default();
        s.add_task();
        s.add_task();
        s.remove_task(1);
        s.add_task();
        assert_eq!(names(&s)[1..], ["Task 3", "Task 4"]);
        s.duplicate_config(9);
        s.add_config();
        s.duplicate_config(s.gpu_configs.len() - 1);
        s.duplicate_config(s.gpu_configs.len() - 2);
        let configs: Vec<&str> = s.gpu_configs.iter().map(|g| g.name.as_str()).collect();
        let mut unique = configs.clone();
        unique.sort_unstable();
        unique.dedup();
        assert_eq!(unique.len(), configs.len(), "{configs:?}");
    }

    #[test]
    fn config_and_tier_edits() {
        let mut s = Scenario::default();
        s.add_config();
        s.gpu_configs[0].name = "G".into();
        s.duplicate_config(0);
        assert_eq!(s.gpu_configs[1].name, "G (copy)");
        s.remove_config(5);
        s.remove_config(0);
        assert_eq!(s.gpu_configs.len(), 1);
        s.add_tier(ApiTier::default());
        s.remove_tier(3);
        assert_eq!(s.api_tiers.len(), 1);
        s.remove_tier(0);
        assert!(s.api_tiers.is_empty());
    }

    #[test]
    fn a_custom_gpu_is_copied_into_the_scenario_once() {
        let mut s = Scenario::default();
        s.add_config();
        let mut x = crate::catalog::gpu("h100-sxm")
            .expect("catalog gpu")
            .clone();
        x.id = "team-h100".into();
        s.use_gpu(0, "team-h100", Some(x.clone()), &[]);
        s.use_gpu(0, "team-h100", Some(x), &[]);
        assert_eq!(s.gpu_configs[0].gpu, "team-h100");
        assert_eq!(s.custom_gpus.len(), 1);
        s.use_gpu(0, "h100-sxm", None, &[]);
        assert_eq!(s.gpu_configs[0].gpu, "h100-sxm");
        assert_eq!(
            s.custom_gpus.len(),
            1,
            "kept: other configurations may use it"
        );
    }
}
