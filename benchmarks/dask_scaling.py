"""Scale-out: polyarray on a Dask cluster against NumPy in one process and raw dask.array.

Run::

    python benchmarks/dask_scaling.py                  # 1 and 2 workers, 1.6 GB of float64
    python benchmarks/dask_scaling.py --rows 40000 --workers 1,2 --json scaling.json

The work: the mean over axis 0, the std over axis 1 and ``x.T @ y`` of ``x``, a
``(rows, cols)`` float64 array of uniform random numbers larger than one worker's memory
share (``--worker-memory``, 1 GiB by default; the array is 1.6 GB), and ``y``, ``(rows,
64)``. On the cluster ``x`` is never held whole: its chunks (``--chunk``, 64 MiB) are made
on the workers from Dask's random generator, inside each timed graph, for polyarray and for
raw Dask alike.

For each number of worker processes (``--workers``, a ``LocalCluster`` on 127.0.0.1, one
thread each), the same operations are timed as raw ``dask.array`` code
(``x.mean(axis=0)``) and as polyarray's (``pa.mean(x, axis=0)`` on the dask backend),
alternately, ``--repeat`` times each; the figures are the best of those. NumPy's times
are of the same operations on the materialised array in this process (one thread:
``OMP/OPENBLAS/MKL_NUM_THREADS=1``), the generation excluded, which favours NumPy.
Reported: seconds, throughput in GB/s of ``x`` read, and polyarray's cost over raw Dask
(goal: under 5% on large work).

NumPy's BLAS (the matmul) is slowed by this machine's ``OPENBLAS_CORETYPE`` and
``OPENBLAS_L2_SIZE``: unset both in the command when comparing against it::

    env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE python benchmarks/dask_scaling.py
"""

from __future__ import annotations

import os

for variable in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[variable] = "1"

import argparse  # noqa: E402
import json  # noqa: E402
import time  # noqa: E402
from collections.abc import Callable  # noqa: E402
from typing import Any  # noqa: E402

#: name -> (raw Dask or NumPy's form, polyarray's form) of each operation, on (x, y).
OPERATIONS: dict[str, tuple[Callable[[Any, Any], Any], Callable[[Any, Any], Any]]] = {}


def _operations() -> None:
    import polyarray as pa

    OPERATIONS.update(
        {
            "mean, axis 0": (lambda x, y: x.mean(axis=0), lambda x, y: pa.mean(x, axis=0)),
            "std, axis 1": (lambda x, y: x.std(axis=1), lambda x, y: pa.std(x, axis=1)),
            "x.T @ y": (
                lambda x, y: x.T @ y,
                lambda x, y: pa.matmul(pa.matrix_transpose(x), y),
            ),
        }
    )


def _inputs(rows: int, cols: int, chunk_rows: int) -> tuple[Any, Any]:
    import dask.array as da

    rng = da.random.default_rng(0)
    x = rng.random((rows, cols), chunks=(chunk_rows, cols))
    y = rng.random((rows, 64), chunks=(chunk_rows, 64))
    return x, y


def _best(run: Callable[[], Any], repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        best = min(best, time.perf_counter() - start)
    return best


def _numpy_times(rows: int, cols: int, repeat: int) -> dict[str, float]:
    import numpy as np

    rng = np.random.default_rng(0)
    x, y = rng.random((rows, cols)), rng.random((rows, 64))
    return {name: _best(lambda f=raw: f(x, y), repeat) for name, (raw, _) in OPERATIONS.items()}


def _cluster_times(
    workers: int, rows: int, cols: int, chunk_rows: int, memory: str, repeat: int
) -> dict[str, tuple[float, float]]:
    import dask

    import polyarray as pa
    from polyarray.backends.dask._cluster import local_cluster

    times: dict[str, tuple[float, float]] = {}
    with (
        local_cluster(workers, memory_limit=memory, default=False) as client,
        dask.config.set(scheduler=client),
        pa.use_backend("dask"),
    ):
        x, y = _inputs(rows, cols, chunk_rows)
        for name, (raw, ours) in OPERATIONS.items():
            raw_best, ours_best = float("inf"), float("inf")
            for _ in range(repeat):  # alternately, so both see the same load
                raw_best = min(raw_best, _best(lambda f=raw: dask.compute(f(x, y)), 1))
                ours_best = min(ours_best, _best(lambda f=ours: dask.compute(f(x, y)), 1))
            times[name] = (raw_best, ours_best)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=20_000)
    parser.add_argument("--cols", type=int, default=10_000)
    parser.add_argument("--chunk", type=int, default=64, help="MiB per chunk of x")
    parser.add_argument("--workers", default="1,2", help="comma-separated cluster sizes")
    parser.add_argument("--worker-memory", default="1GiB", help="each worker's memory limit")
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--json", help="write the figures to this file")
    args = parser.parse_args()
    _operations()

    gigabytes = args.rows * args.cols * 8 / 1e9
    chunk_rows = max(1, args.chunk * 2**20 // (8 * args.cols))
    print(f"x: {args.rows} x {args.cols} float64 ({gigabytes:.2f} GB), chunks of {chunk_rows} rows")
    report: dict[str, Any] = {
        "gigabytes": gigabytes,
        "numpy": _numpy_times(args.rows, args.cols, args.repeat),
    }
    for name, seconds in report["numpy"].items():
        print(f"  numpy, 1 process    {name:<14} {seconds:8.3f} s {gigabytes / seconds:7.2f} GB/s")
    for workers in (int(n) for n in args.workers.split(",")):
        found = _cluster_times(
            workers, args.rows, args.cols, chunk_rows, args.worker_memory, args.repeat
        )
        report[f"{workers} workers"] = found
        for name, (raw, ours) in found.items():
            print(
                f"  {workers} worker(s): dask {name:<14} {raw:8.3f} s {gigabytes / raw:7.2f} GB/s;"
                f" polyarray {ours:8.3f} s ({(ours / raw - 1) * 100:+.1f}% over dask)"
            )
    if args.json:
        with open(args.json, "w") as file:
            json.dump(report, file, indent=2)


if __name__ == "__main__":
    main()
