//! SGLang: `python -m sglang.bench_serving --output-file X.jsonl` JSON lines (s.2 of
//! `engine/tests/bench-samples/FORMATS.md`). They carry vLLM's serving keys, so vLLM's
//! serving reader reads them; its SGLang-only rules (the observed mean concurrency when
//! no limit was set, the random input/output lengths in the label) check `Format::Sglang`.

use super::lean::Lean;
use super::vllm;
use super::{Format, ImportError, Run};

/// Every JSON line with a serving key is a run.
pub(super) fn read(values: &[Lean]) -> Result<Vec<Run>, ImportError> {
    vllm::read_serving(Format::Sglang, values)
}
