//! How the GPUs of one replica talk to each other: what tensor parallelism pays per
//! layer. A GPU not listed here (a custom one) is taken to talk over PCIe, the slower
//! case, and the explanation says so.

use serde::Serialize;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum LinkKind {
    NvLink,
    InfinityFabric,
    Pcie,
}

#[derive(Clone, Copy, Debug, Serialize)]
pub struct LinkEntry {
    pub kind: LinkKind,
    /// Peak bandwidth out of one GPU to its peers, one direction, GB/s.
    pub gbs_per_direction: f64,
    /// Fixed cost of one small all-reduce over this link, microseconds.
    pub latency_us: f64,
    pub source: &'static str,
    pub as_of: &'static str,
}

impl LinkEntry {
    pub fn label(&self) -> String {
        let kind = match self.kind {
            LinkKind::NvLink => "NVLink",
            LinkKind::InfinityFabric => "Infinity Fabric",
            LinkKind::Pcie => "PCIe",
        };
        format!("{kind} {:.0} GB/s per direction", self.gbs_per_direction)
    }
}

/// Share of a link's peak that an all-reduce reaches (nccl-tests bus bandwidth on
/// 4x H100: 366 GB/s, 77% of the per-GPU NVLink budget; waynehacking8.github.io
/// "Where tensor-parallel inference hits the NVLink wall", 2026-05-31).
pub const ALL_REDUCE_EFFICIENCY: f64 = 0.77;

const NVLINK_US: f64 = 10.0;
const PCIE_US: f64 = 25.0;
const LATENCY_NOTE: &str = "; all-reduce latency floor: an assumption of the order nccl-tests shows for small messages (about 10 us NVLink, 25 us PCIe), not a measurement";

const fn pcie(gbs: f64, source: &'static str) -> LinkEntry {
    LinkEntry {
        kind: LinkKind::Pcie,
        gbs_per_direction: gbs,
        latency_us: PCIE_US,
        source,
        as_of: "2026-12",
    }
}

const fn nvlink(gbs: f64, source: &'static str) -> LinkEntry {
    LinkEntry {
        kind: LinkKind::NvLink,
        gbs_per_direction: gbs,
        latency_us: NVLINK_US,
        source,
        as_of: "2026-12",
    }
}

const PCIE4: &str = "PCI-SIG: PCIe 4.0 x16, 32 GB/s per direction; no NVLink on this card";
const PCIE5: &str = "PCI-SIG: PCIe 5.0 x16, 64 GB/s per direction; no NVLink on this card";

/// The link between the GPUs of a replica of catalog GPU `gpu_id`.
pub fn link(gpu_id: &str) -> LinkEntry {
    match gpu_id {
        "a100-40gb" | "a100-80gb" => nvlink(
            300.0,
            "NVIDIA A100 datasheet: NVLink 3, 600 GB/s total (300 per direction), SXM4 with NVSwitch",
        ),
        "h100-sxm" | "h200" => nvlink(
            450.0,
            "NVIDIA H100/H200 datasheets: NVLink 4, 900 GB/s total (450 per direction)",
        ),
        "mi300x" => LinkEntry {
            kind: LinkKind::InfinityFabric,
            gbs_per_direction: 448.0,
            latency_us: NVLINK_US,
            source: "AMD MI300X datasheet: 896 GB/s peak aggregate Infinity Fabric (448 per direction)",
            as_of: "2026-12",
        },
        "h100-pcie" | "rtx-5090" => pcie(64.0, PCIE5),
        _ => pcie(32.0, PCIE4),
    }
}

/// Whether `gpu_id` is one this table knows (a custom GPU is not).
pub fn link_known(gpu_id: &str) -> bool {
    super::gpu(gpu_id).is_some()
}

/// The source text of a link, with the latency assumption.
pub fn link_source(l: &LinkEntry) -> String {
    format!("{}{LATENCY_NOTE}", l.source)
}
