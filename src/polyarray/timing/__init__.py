"""Timing that compares backends correctly: ``polyarray.timing`` and ``polyarray bench``.

Timing array code looks easy and is easy to get wrong: CUDA kernels return before they
finish, the first call pays for initialisation, a single ``perf_counter`` pair measures
noise, and two libraries may use different thread counts or precisions. This module times
through each backend's ``synchronize()`` (and device clock), warms up, groups calls into
blocks, stops when the spread is small, checks answers against NumPy, records the
environment and says when figures may mislead.

>>> import polyarray as pa
>>> from polyarray import timing
>>> a = pa.to_backend([[1.0, 2.0], [3.0, 4.0]], "numpy")
>>> m = timing.measure(lambda: pa.matmul(a, a), backend="numpy", min_time=0.01)
>>> m.median > 0
True

Module layout (one purpose each): ``_timer`` (measurement), ``_stats`` (statistics),
``_measurement`` (result types), ``_env`` (environment), ``_peaks`` (device peaks),
``_warnings`` (when figures mislead), ``_load`` (the machine's load and threads),
``_suite`` (benchmarks and the seed suite), ``_runner`` (backends x sizes x dtypes),
``_cold`` (fresh-process mode), ``_table`` and ``_layout`` (text that fits its width),
``_json``, ``_schema`` (the file format, checked on loading), ``_csv``, ``_plot``,
``_compare`` (outputs), ``_progress`` and ``_cli``
(the ``polyarray bench`` command). Importing it imports neither NumPy nor torch,
and the names below load their module on first use (PEP 562), so the ``polyarray``
command starts fast.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the real imports, for type checkers and IDEs
    from polyarray.timing._compare import Change, Comparison, compare_runs
    from polyarray.timing._csv import to_csv, write_csv
    from polyarray.timing._env import capture_environment
    from polyarray.timing._errors import TimingError
    from polyarray.timing._json import SCHEMA, dumps, load, loads, save
    from polyarray.timing._measurement import Measurement, Problem, Run
    from polyarray.timing._peaks import Peak, gpu_peak
    from polyarray.timing._plot import plot
    from polyarray.timing._runner import compare
    from polyarray.timing._stats import Stats, mann_whitney_p, summarize
    from polyarray.timing._suite import SEED_SUITE, Benchmark
    from polyarray.timing._table import format_run
    from polyarray.timing._timer import MODES, Timer, measure
    from polyarray.timing._warnings import TimingWarning

#: Public name -> the private module that defines it.
_EXPORTS: dict[str, str] = {
    "MODES": "_timer",
    "SCHEMA": "_json",
    "SEED_SUITE": "_suite",
    "Benchmark": "_suite",
    "Change": "_compare",
    "Comparison": "_compare",
    "Measurement": "_measurement",
    "Peak": "_peaks",
    "Problem": "_measurement",
    "Run": "_measurement",
    "Stats": "_stats",
    "Timer": "_timer",
    "TimingError": "_errors",
    "TimingWarning": "_warnings",
    "capture_environment": "_env",
    "compare": "_runner",
    "compare_runs": "_compare",
    "dumps": "_json",
    "format_run": "_table",
    "gpu_peak": "_peaks",
    "load": "_json",
    "loads": "_json",
    "mann_whitney_p": "_stats",
    "measure": "_timer",
    "plot": "_plot",
    "save": "_json",
    "summarize": "_stats",
    "to_csv": "_csv",
    "write_csv": "_csv",
}

__all__ = [
    "Benchmark",
    "Change",
    "Comparison",
    "MODES",
    "Measurement",
    "Peak",
    "Problem",
    "Run",
    "SCHEMA",
    "SEED_SUITE",
    "Stats",
    "Timer",
    "TimingError",
    "TimingWarning",
    "capture_environment",
    "compare",
    "compare_runs",
    "dumps",
    "format_run",
    "gpu_peak",
    "load",
    "loads",
    "mann_whitney_p",
    "measure",
    "plot",
    "save",
    "summarize",
    "to_csv",
    "write_csv",
]


def __getattr__(name: str) -> Any:
    if name not in _EXPORTS:
        raise AttributeError(f"module 'polyarray.timing' has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{_EXPORTS[name]}"), name)
    globals()[name] = value  # later lookups skip __getattr__
    return value


def __dir__() -> list[str]:
    return list(__all__)
