"""The environment a timing was made in: what a reader needs to trust or reproduce it.

Versions, the CPU (model and the vector instructions that decide BLAS speed), the BLAS
library and its kernel (through threadpoolctl when installed), thread counts per backend,
the GPUs, the load average at the start, the variables that change BLAS and threading
behaviour (``OPENBLAS_*``, ``OMP_NUM_THREADS``...), TF32 settings and the clock used.

Frameworks are looked at only when a measured backend uses them (asking torch about CUDA
means importing torch). The torch-specific facts are gathered in one function below.
"""

from __future__ import annotations

import contextlib
import datetime
import os
import platform
import re
import subprocess
import sys
import time
from collections.abc import Sequence
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

__all__ = ["capture_environment", "competing_threads", "cpu_threads", "usable_cores"]

#: CPU flags that decide which BLAS kernel runs and how fast vector code is.
_SIMD_FLAGS = frozenset(
    {
        *("sse4_2", "avx", "avx2", "fma", "f16c"),
        *("avx512f", "avx512dq", "avx512bw", "avx512vl", "avx512ifma", "avx512_vnni"),
        *("avx512_bf16", "avx512_fp16", "amx_tile", "amx_bf16", "amx_int8"),
        *("neon", "asimd", "asimdhp", "sve", "sve2", "sme"),
    }
)
#: Environment variables that change BLAS kernels, thread counts or devices.
_VARIABLE_PREFIXES = ("OPENBLAS_", "OMP_", "MKL_", "POLYARRAY_", "CUDA_VISIBLE_DEVICES")
_VARIABLE_NAMES = ("OMP_NUM_THREADS", "MKL_NUM_THREADS", "VECLIB_MAXIMUM_THREADS")


def _version(distribution: str) -> str | None:
    try:
        return version(distribution)
    except PackageNotFoundError:
        return None


def usable_cores() -> int:
    """CPU cores this process may run on (its affinity mask), else the logical core count."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # not Linux
        return os.cpu_count() or 1


def _cpu() -> dict[str, Any]:
    model: str | None = None
    flags: list[str] = []
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        text = cpuinfo.read_text(errors="replace")
        found = re.search(r"^(?:model name|Model|Hardware)\s*:\s*(.+)$", text, re.MULTILINE)
        model = found.group(1).strip() if found else None
        listed = re.search(r"^(?:flags|Features)\s*:\s*(.+)$", text, re.MULTILINE)
        if listed:
            flags = sorted(set(listed.group(1).split()) & _SIMD_FLAGS)
    elif sys.platform == "darwin":
        try:
            model = subprocess.run(
                ["sysctl", "-n", "machdep.cpu.brand_string"],
                capture_output=True,
                text=True,
                timeout=5,
                check=False,
            ).stdout.strip()
        except (OSError, subprocess.SubprocessError):
            model = None
    return {
        "model": model or platform.processor() or platform.machine(),
        "flags": flags,
        "logical_cores": os.cpu_count(),
        "usable_cores": usable_cores(),
    }


def _load_average() -> list[float] | None:
    try:
        return [round(value, 2) for value in os.getloadavg()]
    except (AttributeError, OSError):  # Windows
        return None


def competing_threads() -> int | None:
    """Runnable threads of *other* processes right now (Linux), or None where unknown.

    ``/proc/loadavg`` counts the runnable threads of the whole machine; this process's own
    (the caller, BLAS workers that spin) are subtracted. Sampled during a run, it shows
    competition that the load average at the start missed.
    """
    try:
        running = int(Path("/proc/loadavg").read_text().split()[3].partition("/")[0])
        own = 0
        for stat in Path("/proc/self/task").glob("*/stat"):
            with contextlib.suppress(OSError):  # a thread that has just ended
                own += stat.read_text().rpartition(")")[2].split()[0] == "R"
    except (OSError, IndexError, ValueError):
        return None
    return max(0, running - own)


def _variables() -> dict[str, str]:
    return {
        name: value
        for name, value in sorted(os.environ.items())
        if name.startswith(_VARIABLE_PREFIXES) or name in _VARIABLE_NAMES
    }


def _threadpools() -> list[dict[str, Any]] | str:
    """The native thread pools loaded in this process (BLAS, OpenMP), via threadpoolctl."""
    try:
        import threadpoolctl  # type: ignore[import-untyped]
    except ImportError:
        return "unknown: install threadpoolctl (pip install 'polyarray[bench]')"
    return [
        {
            "api": info.get("user_api"),
            "library": info.get("internal_api"),
            "version": info.get("version"),
            "kernel": info.get("architecture"),
            "threads": info.get("num_threads"),
            "threading_layer": info.get("threading_layer"),
            "file": Path(str(info.get("filepath", ""))).name,
            "owner": _owner(str(info.get("filepath", ""))),
        }
        for info in threadpoolctl.threadpool_info()
    ]


def _owner(filepath: str) -> str | None:
    # Wheels vendor their native libraries under "<package>.libs" or "<package>/lib".
    parts = Path(filepath).parts
    for part in reversed(parts):
        name = part.removesuffix(".libs")
        if name in ("numpy", "torch", "scipy"):
            return name
    return None


def cpu_threads(
    threadpools: list[dict[str, Any]] | str, backend_names: Sequence[str]
) -> dict[str, int | None]:
    """Threads each CPU backend's heavy kernels use: NumPy's BLAS pool, torch's intra-op pool."""
    threads: dict[str, int | None] = {}
    if "numpy" in backend_names:
        numpy_blas = [
            pool["threads"]
            for pool in (threadpools if isinstance(threadpools, list) else [])
            if pool["api"] == "blas" and pool["owner"] == "numpy"
        ]
        threads["numpy"] = numpy_blas[0] if numpy_blas else None
    if "torch" in backend_names:
        import torch

        threads["torch"] = int(torch.get_num_threads())
    return threads


def _torch_facts(specs: Sequence[str]) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """torch's build, TF32 settings and the CUDA devices among ``specs``."""
    import torch

    cuda_settings: Any = torch.backends.cuda
    facts: dict[str, Any] = {
        "cuda_build": torch.version.cuda,
        "interop_threads": int(torch.get_num_interop_threads()),
        "tf32_matmul": bool(cuda_settings.matmul.allow_tf32),
        "tf32_cudnn": bool(torch.backends.cudnn.allow_tf32),
        "float32_matmul_precision": torch.get_float32_matmul_precision(),
    }
    gpus = []
    for spec in specs:
        name, _, device = spec.partition(":")
        if name != "torch" or not device.startswith("cuda"):
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
    return facts, gpus


def _numpy_build() -> dict[str, Any] | None:
    import numpy

    try:
        show_config: Any = numpy.show_config  # typed as returning None in older stubs
        config = show_config(mode="dicts")
        blas = config["Build Dependencies"]["blas"]
        return {"name": blas.get("name"), "version": blas.get("version")}
    except (TypeError, KeyError, AttributeError):  # NumPy < 1.25 prints instead of returning
        return None


def capture_environment(backends: Sequence[str] = ()) -> dict[str, Any]:
    """Describe this machine and process for a timing report (JSON-ready).

    Parameters
    ----------
    backends:
        Specs of the backends being measured; their frameworks are inspected (thread
        counts, GPU names, TF32), and no others are imported.

    Examples
    --------
    >>> from polyarray.timing import capture_environment
    >>> env = capture_environment(["numpy"])
    >>> env["cpu"]["usable_cores"] >= 1
    True
    """
    import polyarray

    names = list(dict.fromkeys(spec.partition(":")[0] for spec in backends))
    # Load the frameworks measured, so that threadpoolctl sees their native thread pools.
    if "numpy" in names:
        import numpy  # noqa: F401
    if "torch" in names:
        import torch  # noqa: F401
    packages = {
        distribution: _version(distribution)
        for distribution in ("numpy", "torch", "array-api-compat", "threadpoolctl", "rich")
    }
    threadpools = _threadpools()
    env: dict[str, Any] = {
        "timestamp": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
        "polyarray": polyarray.__version__,
        "python": platform.python_version(),
        "platform": platform.platform(),
        "machine": platform.machine(),
        "packages": packages,
        "backends": list(backends),
        "cpu": _cpu(),
        "load_average": _load_average(),
        "blas": threadpools,
        "numpy_blas_build": _numpy_build() if "numpy" in names else None,
        "threads": cpu_threads(threadpools, names),
        "variables": _variables(),
        "gpus": [],
        "timer": {
            "clock": "time.perf_counter",
            "implementation": time.get_clock_info("perf_counter").implementation,
            "resolution": time.get_clock_info("perf_counter").resolution,
        },
    }
    if "torch" in names:
        env["torch"], env["gpus"] = _torch_facts(backends)
    return env
