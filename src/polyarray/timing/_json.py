"""Runs as JSON, schema ``polyarray.timing/1``::

    {"schema": "polyarray.timing/1",
     "env": {...},                       # capture_environment()
     "options": {...}, "warnings": [...],
     "results": [{"name", "backend", "params", "dtype", "mode",
                  "times": [per-call seconds, one per sample], "number",
                  "stats": {"median", "q1", "q3", "iqr", "spread", "p10", "p90", ...},
                  "flops", "bytes", "gflops", "gbs", "peak_gflops", "peak_gbs",
                  "pct_peak", "warnings", "labels"}, ...],
     "problems": [{"name", "backend", "params", "dtype", "mode", "kind", "message"}, ...]}

All times are in seconds. ``stats``, ``gflops``, ``gbs`` and ``pct_peak`` are derived from
``times`` and are recomputed on loading, so a file edited by hand stays consistent.
"""

from __future__ import annotations

import json
import math
import os
from pathlib import Path
from typing import Any

from polyarray.timing._errors import TimingError
from polyarray.timing._measurement import SCHEMA, Run

__all__ = ["SCHEMA", "dumps", "load", "loads", "save"]


def _finite(value: Any) -> Any:
    # JSON has no inf or NaN; a spread of a zero median is infinite, stored as null.
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, dict):
        return {key: _finite(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_finite(item) for item in value]
    return value


def dumps(run: Run) -> str:
    """The JSON text of a run (schema ``polyarray.timing/1``).

    Examples
    --------
    >>> from polyarray.timing import Measurement, Run, dumps, loads
    >>> run = Run(env={}, results=(Measurement("f", "numpy", "throughput", (1e-3, 2e-3)),))
    >>> loads(dumps(run)).results[0].median
    0.0015
    """
    return json.dumps(_finite(run.to_dict()), indent=1, allow_nan=False, default=str) + "\n"


def loads(text: str, *, source: str = "the JSON text") -> Run:
    """A run from JSON text; checks the schema tag and says what is wrong if it does not fit.

    Examples
    --------
    >>> from polyarray.timing import loads
    >>> loads('{"schema": "polyarray.timing/1", "results": []}').results
    ()
    """
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise TimingError(f"{source} is not JSON ({exc}); expected a file from --json") from None
    if not isinstance(data, dict) or "schema" not in data:
        raise TimingError(
            f"{source} is JSON but not a polyarray timing file (no 'schema' field); expected "
            f"a file written by `polyarray bench --json` (schema {SCHEMA!r})"
        )
    if data["schema"] != SCHEMA:
        raise TimingError(
            f"{source} has schema {data['schema']!r}; this polyarray reads {SCHEMA!r}. "
            "Re-run the benchmark with this version to compare"
        )
    try:
        return Run.from_dict(data)
    except (KeyError, TypeError, ValueError) as exc:
        raise TimingError(
            f"{source} says it is {SCHEMA!r} but an entry is malformed ({type(exc).__name__}: "
            f"{exc})"
        ) from None


def save(run: Run, path: str | os.PathLike[str]) -> Path:
    """Write ``run`` as JSON to ``path``; returns the path.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> from polyarray.timing import Measurement, Run, load, save
    >>> run = Run(env={}, results=(Measurement("f", "numpy", "throughput", (1e-3,)),))
    >>> path = save(run, pathlib.Path(tempfile.mkdtemp()) / "run.json")
    >>> load(path).results[0].times
    (0.001,)
    """
    target = Path(path)
    target.write_text(dumps(run), encoding="utf-8")
    return target


def load(path: str | os.PathLike[str]) -> Run:
    """Read a run written by :func:`save` (or ``polyarray bench --json``); see :func:`save`.

    Raises :class:`~polyarray.timing.TimingError` saying what is wrong when the file cannot
    be read, is not JSON, or is not a ``polyarray.timing/1`` file.
    """
    source = Path(path)
    try:
        text = source.read_text(encoding="utf-8")
    except OSError as exc:
        raise TimingError(f"cannot read {str(source)!r}: {exc.strerror or exc}") from None
    return loads(text, source=repr(str(source)))
