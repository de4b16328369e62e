"""Per-call cost of ``pa.<fn>(x)`` over the native call, on small arrays.

Run: ``python benchmarks/overhead.py`` (add ``--backends numpy`` to skip torch,
``--repeat 31`` for steadier figures).

Each op is timed as a pair, polyarray and the native call that gives the same result,
in interleaved samples (so both see the same machine load), on one thread. A sample is
many calls in a loop, long enough that the timer is negligible. The table gives the
per-call time of both (min and median over samples) and polyarray's overhead in ns.
Goal: at most 300 ns over native for every op on every backend.

The native call for ``linspace`` passes the dtype polyarray chooses (float32), so both
sides build the same array.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import timeit
from collections.abc import Callable
from typing import Any

# One thread everywhere, set before NumPy or torch start their thread pools.
for variable in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[variable] = "1"

import numpy as np  # noqa: E402

import polyarray as pa  # noqa: E402

GOAL_NS = 300.0
Case = tuple[str, Callable[[], Any], Callable[[], Any]]


def numpy_cases() -> list[Case]:
    pa.set_backend("numpy")
    x = np.linspace(0, 1, 1000, dtype=np.float32)
    y = np.linspace(1, 2, 1000, dtype=np.float32)
    small = np.arange(128, dtype=np.float32).reshape(8, 16)
    flat = np.arange(48)
    m = np.ones((64, 64), dtype=np.float32)
    return [
        ("mean(x[1000])", lambda: pa.mean(x), lambda: np.mean(x)),
        ("add(x, y)", lambda: pa.add(x, y), lambda: np.add(x, y)),
        (
            "argmax(8x16, axis=-1)",
            lambda: pa.argmax(small, axis=-1),
            lambda: np.argmax(small, axis=-1),
        ),
        (
            "reshape(48 -> 3x4x4)",
            lambda: pa.reshape(flat, (3, 4, 4)),
            lambda: np.reshape(flat, (3, 4, 4)),
        ),
        ("matmul(64x64)", lambda: pa.matmul(m, m), lambda: np.matmul(m, m)),
        (
            "linspace(0, 5, 4)",
            lambda: pa.linspace(0, 5, 4),
            lambda: np.linspace(0, 5, 4, dtype=np.float32),
        ),
    ]


def torch_cases() -> list[Case]:
    import torch

    torch.set_num_threads(1)
    pa.set_backend("torch")  # for linspace: creation follows the active backend
    x = torch.linspace(0, 1, 1000)
    y = torch.linspace(1, 2, 1000)
    small = torch.arange(128, dtype=torch.float32).reshape(8, 16)
    flat = torch.arange(48)
    m = torch.ones((64, 64))
    return [
        ("mean(x[1000])", lambda: pa.mean(x), lambda: torch.mean(x)),
        ("add(x, y)", lambda: pa.add(x, y), lambda: torch.add(x, y)),
        (
            "argmax(8x16, axis=-1)",
            lambda: pa.argmax(small, axis=-1),
            lambda: torch.argmax(small, dim=-1),
        ),
        (
            "reshape(48 -> 3x4x4)",
            lambda: pa.reshape(flat, (3, 4, 4)),
            lambda: torch.reshape(flat, (3, 4, 4)),
        ),
        ("matmul(64x64)", lambda: pa.matmul(m, m), lambda: torch.matmul(m, m)),
        ("linspace(0, 5, 4)", lambda: pa.linspace(0, 5, 4), lambda: torch.linspace(0, 5, 4)),
    ]


def per_call_seconds(function: Callable[[], Any], number: int) -> float:
    return timeit.timeit(function, number=number) / number


def calibrate(function: Callable[[], Any], target: float = 0.02) -> int:
    """Calls per sample so that one sample takes about ``target`` seconds."""
    number = 1
    while True:
        elapsed = timeit.timeit(function, number=number)
        if elapsed > target / 4:
            return max(1, int(number * target / elapsed))
        number *= 4


def measure(case: Case, repeat: int) -> dict[str, float]:
    _, ours, native = case
    number = calibrate(native)
    for function in (ours, native):  # warm-up: caches, first-call paths
        per_call_seconds(function, number)
    ours_samples, native_samples = [], []
    for _ in range(repeat):  # interleaved, so both see the same load
        ours_samples.append(per_call_seconds(ours, number))
        native_samples.append(per_call_seconds(native, number))
    return {
        "native_min": min(native_samples) * 1e9,
        "native_median": statistics.median(native_samples) * 1e9,
        "pa_min": min(ours_samples) * 1e9,
        "pa_median": statistics.median(ours_samples) * 1e9,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--backends", default="numpy,torch")
    parser.add_argument("--repeat", type=int, default=15)
    arguments = parser.parse_args(argv)
    suites = {"numpy": numpy_cases, "torch": torch_cases}
    worst = 0.0
    header = (
        f"{'backend':<7} {'op':<22} {'native min':>11} {'pa min':>9} {'over (min)':>11} "
        f"{'native med':>11} {'pa med':>9} {'over (med)':>11}"
    )
    print(f"Python {sys.version.split()[0]}, numpy {np.__version__}, one thread; times in ns")
    print(header)
    for name in arguments.backends.split(","):
        if name == "torch" and not pa.backends.installed("torch"):
            print("torch    (not installed: skipped)")
            continue
        for case in suites[name]():
            r = measure(case, arguments.repeat)
            over_min = r["pa_min"] - r["native_min"]
            over_median = r["pa_median"] - r["native_median"]
            worst = max(worst, over_min)
            print(
                f"{name:<7} {case[0]:<22} {r['native_min']:>11.0f} {r['pa_min']:>9.0f} "
                f"{over_min:>+11.0f} {r['native_median']:>11.0f} {r['pa_median']:>9.0f} "
                f"{over_median:>+11.0f}"
            )
    verdict = "met" if worst <= GOAL_NS else "NOT met"
    print(f"largest overhead (min): {worst:.0f} ns; goal <= {GOAL_NS:.0f} ns: {verdict}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
