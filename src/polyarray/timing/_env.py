"""The environment a timing was made in: what a reader needs to trust or reproduce it.

Versions, the CPU (model and the vector instructions that decide BLAS speed), the BLAS
library and its kernel (through threadpoolctl when installed), thread counts per backend,
the GPUs, the load average at the start, the variables that change BLAS and threading
behaviour (``OPENBLAS_*``, ``OMP_NUM_THREADS``...), TF32 settings and the clock used.

Frameworks are looked at only when a measured backend uses them (asking torch about CUDA
means importing torch). What is specific to a framework (its thread pool, its build, TF32,
its GPUs) each backend reports itself, through its timing methods
(:meth:`~polyarray.backends.Backend.timing_facts`, ``cpu_threads``, ``package_versions``);
this module gathers the rest.
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
from collections.abc import Iterable, Sequence
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from polyarray.backends import Backend

__all__ = [
    "TOOL_PACKAGES",
    "capture_environment",
    "competing_threads",
    "cpu_threads",
    "usable_cores",
]

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
#: The tools whose versions a report records besides the backends' packages.
TOOL_PACKAGES = ("array-api-compat", "threadpoolctl", "rich")


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


def _threadpools(owners: Sequence[str]) -> list[dict[str, Any]] | str:
    """The native thread pools loaded in this process (BLAS, OpenMP), via threadpoolctl.

    ``owner`` is the package (one of ``owners`` or SciPy) whose wheel holds the library.
    """
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
            "owner": _owner(str(info.get("filepath", "")), (*owners, "scipy")),
        }
        for info in threadpoolctl.threadpool_info()
    ]


def _owner(filepath: str, owners: Sequence[str]) -> str | None:
    # Wheels vendor their native libraries under "<package>.libs" or "<package>/lib".
    parts = Path(filepath).parts
    for part in reversed(parts):
        name = part.removesuffix(".libs")
        if name in owners:
            return name
    return None


def _backend_class(name: str) -> type[Backend] | None:
    from polyarray.backends import backend_class

    try:
        return backend_class(name)
    except ImportError:  # a broken third-party plug-in must not break the report
        return None


def _backend_classes(names: Iterable[str]) -> list[type[Backend]]:
    """The classes of the named backends; a broken third-party plug-in is left out."""
    return [cls for name in names if (cls := _backend_class(name)) is not None]


def cpu_threads(
    threadpools: list[dict[str, Any]] | str, backend_names: Sequence[str]
) -> dict[str, int | None]:
    """Threads each CPU backend's heavy kernels use (NumPy's BLAS pool, torch's intra-op pool).

    Each backend answers for itself (:meth:`~polyarray.backends.Backend.cpu_threads`).
    """
    return {cls.name: cls.cpu_threads(threadpools) for cls in _backend_classes(backend_names)}


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
    from polyarray.backends import registered

    names = list(dict.fromkeys(spec.partition(":")[0] for spec in backends))
    measured = _backend_classes(names)
    # Each measured backend's facts first: that loads its framework, so that threadpoolctl
    # sees the framework's native thread pools.
    facts: dict[str, Any] = {}
    gpus: list[dict[str, Any]] = []
    for cls in measured:
        own = dict(cls.timing_facts([s for s in backends if s.partition(":")[0] == cls.name]))
        gpus.extend(own.pop("gpus", ()))
        facts.update(own)
    every_backend = _backend_classes(registered())
    packages: dict[str, str | None] = {}
    for cls in every_backend:
        packages.update(cls.package_versions())
    packages.update({distribution: _version(distribution) for distribution in TOOL_PACKAGES})
    threadpools = _threadpools([cls.module for cls in every_backend])
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
        "threads": cpu_threads(threadpools, names),
        "variables": _variables(),
        "gpus": gpus,
        "timer": {
            "clock": "time.perf_counter",
            "implementation": time.get_clock_info("perf_counter").implementation,
            "resolution": time.get_clock_info("perf_counter").resolution,
        },
    }
    env.update(facts)
    return env
