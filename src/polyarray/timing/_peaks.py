"""Peak compute and memory bandwidth of known devices, for "% of peak".

The figures are NVIDIA's datasheet peaks for dense matrix multiplication (no sparsity):
what cuBLAS can approach with the tensor cores for that dtype (float64 uses the FP64 tensor
cores; float32 uses plain FP32 unless TF32 is on). A measured figure above its peak means
the timing is wrong, most often an asynchronous call timed without synchronising.

CPU peaks depend on clock speed, core count and vector units that cannot be read reliably
from inside a process, so none are guessed: pass ``peak_gflops``/``peak_gbs`` (or
``--cpu-peak-gflops``/``--cpu-peak-gbs`` to ``polyarray bench``) to get % of peak on a CPU.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

__all__ = ["Peak", "gpu_peak"]


@dataclass(frozen=True)
class Peak:
    """A device's peaks: GFLOP/s by dtype (``"tf32"`` for float32 on TF32) and GB/s."""

    gflops: Mapping[str, float]
    gbs: float


_H100_SXM = {"float64": 67_000, "float32": 67_000, "tf32": 494_700, "bfloat16": 989_400}
_H100_PCIE = {"float64": 51_200, "float32": 51_200, "tf32": 378_000, "bfloat16": 756_000}
_A100 = {"float64": 19_500, "float32": 19_500, "tf32": 156_000, "bfloat16": 312_000}

#: (substrings that must all appear in the device name, peak), most specific first.
_GPUS: tuple[tuple[tuple[str, ...], Peak], ...] = (
    (("H200",), Peak(_H100_SXM, 4_800)),
    (("H100", "PCIe"), Peak(_H100_PCIE, 2_000)),
    (("H100",), Peak(_H100_SXM, 3_350)),
    (("A100", "80GB"), Peak(_A100, 2_039)),
    (("A100",), Peak(_A100, 1_555)),
)


def gpu_peak(device_name: str) -> Peak | None:
    """The datasheet peaks of a GPU named as torch names it, or None if unknown.

    Examples
    --------
    >>> gpu_peak("NVIDIA H100 80GB HBM3").gbs
    3350
    >>> gpu_peak("a GPU nobody has heard of") is None
    True
    """
    for needles, peak in _GPUS:
        if all(needle.lower() in device_name.lower() for needle in needles):
            return peak
    return None


def peaks_for(
    env: Mapping[str, Any],
    spec: str,
    dtype: str | None,
    *,
    cpu_gflops: float | None = None,
    cpu_gbs: float | None = None,
) -> tuple[float | None, float | None]:
    """(GFLOP/s, GB/s) peaks for a backend spec and dtype, from the environment's GPU names."""
    for gpu in env.get("gpus") or ():
        if gpu.get("spec") == spec:
            peak = gpu_peak(str(gpu.get("name", "")))
            if peak is None:
                return None, None
            key = dtype or "float32"
            if key == "float32" and tf32_active(env):
                key = "tf32"
            if key == "float16":
                key = "bfloat16"
            return peak.gflops.get(key), peak.gbs
    if ":" in spec and not spec.endswith(":cpu"):
        return None, None  # an accelerator we know nothing about
    return cpu_gflops, cpu_gbs


def tf32_active(env: Mapping[str, Any]) -> bool:
    """Whether torch runs float32 matmul on CUDA in TF32 (reduced precision)."""
    torch_facts = env.get("torch") or {}
    return bool(
        torch_facts.get("tf32_matmul")
        or torch_facts.get("float32_matmul_precision", "highest") != "highest"
    )
