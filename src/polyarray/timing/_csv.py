"""Runs as CSV: one row per measurement, the summary figures only (times in seconds).

For the per-sample times, use the JSON output.
"""

from __future__ import annotations

import csv
import io
import os
from pathlib import Path

from polyarray.timing._measurement import Run, params_label

__all__ = ["COLUMNS", "to_csv", "write_csv"]

COLUMNS = (
    "name",
    "params",
    "dtype",
    "backend",
    "mode",
    "median_s",
    "iqr_s",
    "spread",
    "p10_s",
    "p90_s",
    "min_s",
    "mean_s",
    "samples",
    "calls_per_sample",
    "gflops",
    "gbs",
    "pct_peak",
    "warnings",
)


def _cell(value: float | None) -> str:
    return "" if value is None else repr(float(value))


def to_csv(run: Run) -> str:
    """The CSV text of a run's measurements, with a header row.

    Examples
    --------
    >>> from polyarray.timing import Measurement, Run, to_csv
    >>> run = Run(env={}, results=(Measurement("f", "numpy", "throughput", (1e-3,)),))
    >>> to_csv(run).splitlines()[1].split(",")[:6]
    ['f', '', '', 'numpy', 'throughput', '0.001']
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(COLUMNS)
    for m in run.results:
        stats = m.stats
        writer.writerow(
            [
                m.name,
                params_label(m.params),
                m.dtype or "",
                m.backend,
                m.mode,
                _cell(stats.median),
                _cell(stats.iqr),
                _cell(stats.spread),
                _cell(stats.p10),
                _cell(stats.p90),
                _cell(stats.min),
                _cell(stats.mean),
                stats.samples,
                m.number,
                _cell(m.gflops),
                _cell(m.gbs),
                _cell(m.pct_peak),
                "; ".join(m.warnings),
            ]
        )
    return buffer.getvalue()


def write_csv(run: Run, path: str | os.PathLike[str]) -> Path:
    """Write :func:`to_csv` of ``run`` to ``path``; returns the path."""
    target = Path(path)
    target.write_text(to_csv(run), encoding="utf-8")
    return target
