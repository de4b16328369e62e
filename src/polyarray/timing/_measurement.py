"""What a timing produces: :class:`Measurement` (one function, one backend, one mode),
:class:`Problem` (a case that could not be timed) and :class:`Run` (many of both, plus the
environment they were measured in). Plain data, convertible to and from JSON dictionaries.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from polyarray.timing._stats import Stats, summarize

__all__ = ["Measurement", "Problem", "Run", "format_seconds"]

#: The schema tag of the JSON files (bump the number when a field changes meaning).
SCHEMA = "polyarray.timing/1"


def format_seconds(seconds: float) -> str:
    """A time with a unit that keeps three significant digits: ``'1.23 ms'``.

    Examples
    --------
    >>> format_seconds(0.00123)
    '1.23 ms'
    """
    if not math.isfinite(seconds):
        return str(seconds)
    for unit, scale in (("s", 1.0), ("ms", 1e-3), ("µs", 1e-6)):
        if abs(seconds) >= scale:
            return f"{seconds / scale:.3g} {unit}"
    return f"{seconds / 1e-9:.3g} ns"


@dataclass(frozen=True, eq=False)
class Measurement:
    """The timing of one function on one backend in one mode.

    ``times`` holds one entry per sample: the average time of one call within a block of
    ``number`` calls, in seconds. Everything else (median, spread, GFLOP/s) derives from it.

    Attributes
    ----------
    name:
        What was timed (``"matmul"``).
    backend:
        The backend spec it ran on (``"torch:cuda:0"``).
    mode:
        ``"throughput"``, ``"device"``, ``"latency"`` or ``"cold"``.
    times:
        Per-call seconds, one per sample, in the order measured.
    number:
        Calls per sample (1 in ``latency`` and ``cold`` mode).
    params:
        The case's parameters (``{"n": 1000}``), for display and for matching runs.
    dtype:
        The dtype name the case used, if any.
    flops, bytes:
        Work per call (floating-point operations; bytes read plus written), if modelled.
    peak_gflops, peak_gbs:
        The device's peak for this dtype (GFLOP/s) and its memory bandwidth (GB/s), where
        known; ``pct_peak`` needs them.
    warmup_calls:
        Calls made before the first sample.
    warnings:
        Why these figures may mislead (large spread, above the peak...), for display.
    labels:
        Extra facts about the case (``{"tf32": True}``, the correctness check's error).
    """

    name: str
    backend: str
    mode: str
    times: tuple[float, ...]
    number: int = 1
    params: Mapping[str, Any] = field(default_factory=dict)
    dtype: str | None = None
    flops: float | None = None
    bytes: float | None = None
    peak_gflops: float | None = None
    peak_gbs: float | None = None
    warmup_calls: int = 0
    warnings: tuple[str, ...] = ()
    labels: Mapping[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if not self.times:
            raise ValueError("a Measurement needs at least one time")

    @cached_property
    def stats(self) -> Stats:
        """Median, quartiles, p10/p90, min, max, mean and count of :attr:`times`."""
        return summarize(self.times)

    @property
    def median(self) -> float:
        """Median seconds per call: the headline figure."""
        return self.stats.median

    @property
    def iqr(self) -> float:
        """Interquartile range of the per-call times, in seconds."""
        return self.stats.iqr

    @property
    def spread(self) -> float:
        """IQR relative to the median (0.05 = 5 %)."""
        return self.stats.spread

    @property
    def gflops(self) -> float | None:
        """Billions of floating-point operations per second at the median, if modelled."""
        return self.flops / self.median / 1e9 if self.flops and self.median > 0 else None

    @property
    def gbs(self) -> float | None:
        """Gigabytes per second moved at the median, if modelled."""
        return self.bytes / self.median / 1e9 if self.bytes and self.median > 0 else None

    @property
    def pct_peak(self) -> float | None:
        """Percent of the device's peak: the larger of the compute and the memory fraction.

        An operation is bound by whichever resource it uses most, so the larger fraction
        says how close it is to its limit. None where no peak is known.
        """
        fractions = [
            achieved / peak * 100
            for achieved, peak in ((self.gflops, self.peak_gflops), (self.gbs, self.peak_gbs))
            if achieved is not None and peak
        ]
        return max(fractions) if fractions else None

    @property
    def key(self) -> tuple[str, str, str, str | None, str]:
        """What identifies the case across runs: name, params, backend, dtype, mode."""
        return (self.name, params_label(self.params), self.backend, self.dtype, self.mode)

    def with_warnings(self, *extra: str) -> Measurement:
        """A copy with ``extra`` warnings appended (duplicates dropped)."""
        merged = tuple(dict.fromkeys((*self.warnings, *extra)))
        return dataclasses.replace(self, warnings=merged)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dictionary (the ``results`` entries of the JSON file)."""
        return {
            "name": self.name,
            "backend": self.backend,
            "params": dict(self.params),
            "dtype": self.dtype,
            "mode": self.mode,
            "times": list(self.times),
            "number": self.number,
            "warmup_calls": self.warmup_calls,
            "stats": self.stats.to_dict(),
            "flops": self.flops,
            "bytes": self.bytes,
            "gflops": self.gflops,
            "gbs": self.gbs,
            "peak_gflops": self.peak_gflops,
            "peak_gbs": self.peak_gbs,
            "pct_peak": self.pct_peak,
            "warnings": list(self.warnings),
            "labels": dict(self.labels),
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Measurement:
        """Rebuild a Measurement from :meth:`to_dict`'s output (derived fields are recomputed)."""
        return cls(
            name=str(data["name"]),
            backend=str(data["backend"]),
            mode=str(data["mode"]),
            times=tuple(float(t) for t in data["times"]),
            number=int(data.get("number", 1)),
            params=dict(data.get("params") or {}),
            dtype=data.get("dtype"),
            flops=data.get("flops"),
            bytes=data.get("bytes"),
            peak_gflops=data.get("peak_gflops"),
            peak_gbs=data.get("peak_gbs"),
            warmup_calls=int(data.get("warmup_calls", 0)),
            warnings=tuple(data.get("warnings") or ()),
            labels=dict(data.get("labels") or {}),
        )

    def __str__(self) -> str:
        stats = self.stats
        parts = [
            f"{describe(self.name, self.params, self.dtype)} on {self.backend} [{self.mode}]: "
            f"{format_seconds(stats.median)} per call (IQR {stats.spread:.1%} of the median, "
            f"{stats.samples} samples x {self.number} calls)"
        ]
        if self.gflops is not None:
            parts.append(f"{self.gflops:.3g} GFLOP/s")
        if self.gbs is not None:
            parts.append(f"{self.gbs:.3g} GB/s")
        if self.pct_peak is not None:
            parts.append(f"{self.pct_peak:.0f}% of peak")
        text = ", ".join(parts)
        return text + "".join(f"\n  warning: {w}" for w in self.warnings)

    def __repr__(self) -> str:
        return (
            f"<Measurement {describe(self.name, self.params, self.dtype)} on {self.backend} "
            f"[{self.mode}] median={format_seconds(self.median)} spread={self.spread:.1%}>"
        )


def params_label(params: Mapping[str, Any]) -> str:
    """``{"n": 1000}`` as ``"n=1000"``; the parameters' display form and matching key.

    A ``shape`` is shown bare (``"256x256x3"``): it explains itself and keeps tables narrow.
    """
    return " ".join(
        str(value) if key == "shape" else f"{key}={value}" for key, value in params.items()
    )


def describe(name: str, params: Mapping[str, Any], dtype: str | None) -> str:
    """``"matmul n=1000 float32"``: a case in words."""
    return " ".join(part for part in (name, params_label(params), dtype or "") if part)


@dataclass(frozen=True)
class Problem:
    """A case that was not timed: skipped, failed, or computed a wrong answer.

    Attributes
    ----------
    kind:
        ``"skipped"`` (the backend cannot run it: not an error), ``"error"`` (it raised)
        or ``"wrong"`` (its result disagreed with NumPy's, so timing it would mislead).
    """

    name: str
    backend: str
    mode: str
    kind: str
    message: str
    params: Mapping[str, Any] = field(default_factory=dict)
    dtype: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dictionary (the ``problems`` entries of the JSON file)."""
        return {
            "name": self.name,
            "backend": self.backend,
            "params": dict(self.params),
            "dtype": self.dtype,
            "mode": self.mode,
            "kind": self.kind,
            "message": self.message,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Problem:
        """Rebuild a Problem from :meth:`to_dict`'s output."""
        return cls(
            name=str(data["name"]),
            backend=str(data["backend"]),
            mode=str(data["mode"]),
            kind=str(data["kind"]),
            message=str(data["message"]),
            params=dict(data.get("params") or {}),
            dtype=data.get("dtype"),
        )

    def __str__(self) -> str:
        case = describe(self.name, self.params, self.dtype)
        return f"{case} on {self.backend} [{self.mode}]: {self.kind}: {self.message}"


@dataclass(frozen=True)
class Run:
    """Everything one benchmark run produced, ready for display, JSON, CSV and plots.

    Attributes
    ----------
    env:
        The environment (:func:`polyarray.timing.capture_environment`).
    results:
        The measurements, in the order they were made.
    problems:
        Cases that were skipped, failed or gave a wrong answer.
    warnings:
        Run-wide warnings: a loaded machine, thread counts that differ, TF32 on.
    options:
        How the run was made (min_time, max_time, modes...).
    """

    env: Mapping[str, Any]
    results: tuple[Measurement, ...]
    problems: tuple[Problem, ...] = ()
    warnings: tuple[str, ...] = ()
    options: Mapping[str, Any] = field(default_factory=dict)

    @property
    def failed(self) -> bool:
        """Whether a case raised or computed a wrong answer (skips do not count)."""
        return any(problem.kind != "skipped" for problem in self.problems)

    @property
    def backends(self) -> list[str]:
        """The backends of the results, in first-seen order."""
        return list(dict.fromkeys(m.backend for m in self.results))

    def to_dict(self) -> dict[str, Any]:
        """The JSON document, schema ``polyarray.timing/1``."""
        return {
            "schema": SCHEMA,
            "env": dict(self.env),
            "options": dict(self.options),
            "warnings": list(self.warnings),
            "results": [m.to_dict() for m in self.results],
            "problems": [p.to_dict() for p in self.problems],
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Run:
        """Rebuild a Run from :meth:`to_dict`'s output (the schema is checked by the caller)."""
        return cls(
            env=dict(data.get("env") or {}),
            results=tuple(Measurement.from_dict(m) for m in data.get("results") or ()),
            problems=tuple(Problem.from_dict(p) for p in data.get("problems") or ()),
            warnings=tuple(data.get("warnings") or ()),
            options=dict(data.get("options") or {}),
        )
