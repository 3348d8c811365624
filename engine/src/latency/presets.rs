//! Default latency targets by kind of task, each with its reasoning.

use super::Targets;
use serde::Serialize;

#[derive(Clone, Copy, Debug, Serialize)]
pub struct Preset {
    pub id: &'static str,
    pub name: &'static str,
    pub ttft_ms: Option<f64>,
    pub tpot_ms: Option<f64>,
    pub why: &'static str,
}

impl Preset {
    pub fn targets(&self) -> Targets {
        Targets {
            ttft_ms: self.ttft_ms,
            tpot_ms: self.tpot_ms,
        }
    }
}

pub const PRESETS: &[Preset] = &[
    Preset {
        id: "chat",
        name: "Interactive chat",
        ttft_ms: Some(500.0),
        tpot_ms: Some(50.0),
        why: "A person watches the answer appear: the first words within half a second feel immediate, and 50 ms a token (20 tokens/s, about 15 words/s) streams faster than anyone reads (4-5 words/s)",
    },
    Preset {
        id: "agent",
        name: "Agent step",
        ttft_ms: Some(2000.0),
        tpot_ms: Some(25.0),
        why: "A program waits for the whole answer before its next step, many steps a task: time to first token matters less than the total, so tokens must come fast (40 tokens/s: a 500-token step in about 12.5 s)",
    },
    Preset {
        id: "batch",
        name: "Batch job",
        ttft_ms: None,
        tpot_ms: None,
        why: "Nobody waits: sized for throughput alone, as with no target",
    },
];
