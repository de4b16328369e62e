"""What ``polyarray.timing`` needs to know about torch: threads, build, TF32 and GPUs.

Imported by the torch backend's timing methods only, when torch is being measured.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Sequence
from typing import Any

import torch

__all__ = ["facts", "intra_op_threads", "limited_intra_op_threads"]


def intra_op_threads() -> int:
    """The threads of torch's intra-op pool, which its heavy CPU kernels use."""
    return int(torch.get_num_threads())


@contextlib.contextmanager
def limited_intra_op_threads(threads: int) -> Iterator[None]:
    """torch's intra-op pool set to ``threads`` threads for the block, then restored."""
    before = torch.get_num_threads()
    torch.set_num_threads(threads)
    try:
        yield
    finally:
        torch.set_num_threads(before)


def facts(specs: Sequence[str]) -> dict[str, Any]:
    """torch's build and TF32 settings, and the CUDA devices among the torch ``specs``."""
    cuda_settings: Any = torch.backends.cuda
    settings: dict[str, Any] = {
        "cuda_build": torch.version.cuda,
        "interop_threads": int(torch.get_num_interop_threads()),
        "tf32_matmul": bool(cuda_settings.matmul.allow_tf32),
        "tf32_cudnn": bool(torch.backends.cudnn.allow_tf32),
        "float32_matmul_precision": torch.get_float32_matmul_precision(),
    }
    gpus = []
    for spec in specs:
        device = spec.partition(":")[2]
        if not device.startswith("cuda"):
            continue
        index = torch.device(device).index or 0
        properties = torch.cuda.get_device_properties(index)
        gpus.append(
            {
                "spec": spec,
                "name": torch.cuda.get_device_name(index),
                "capability": ".".join(map(str, torch.cuda.get_device_capability(index))),
                "memory_gb": round(properties.total_memory / 1e9, 1),
                "driver_cuda": torch.version.cuda,
            }
        )
    return {"torch": settings, "gpus": gpus}
