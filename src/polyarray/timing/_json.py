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
Loading checks every field (``_schema``) and raises only :class:`TimingError`.
"""

from __future__ import annotations

import json
import math
import os
from pathlib import Path
from typing import Any

from polyarray.timing._errors import TimingError
from polyarray.timing._measurement import SCHEMA, Run
from polyarray.timing._schema import FieldError, parse, run_from_document

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


def _decode(data: bytes, source: str) -> str:
    try:
        return data.decode("utf-8-sig")  # -sig: an editor's byte-order mark is harmless
    except UnicodeDecodeError as exc:
        raise TimingError(
            f"{source} is not UTF-8 text (byte {data[exc.start]:#04x} at offset {exc.start}: "
            "a binary file?); expected a file written by `polyarray bench --json`"
        ) from None


def loads(text: str | bytes, *, source: str = "the JSON text") -> Run:
    """A run from JSON text; checks every field and says which one does not fit.

    Raises :class:`~polyarray.timing.TimingError`, and nothing else, for any text that is
    not a ``polyarray.timing/1`` document; its message names ``source`` and the field by
    JSON path (``results[3].times``).

    Examples
    --------
    >>> from polyarray.timing import loads
    >>> loads('{"schema": "polyarray.timing/1", "results": []}').results
    ()
    """
    if isinstance(text, (bytes, bytearray)):
        text = _decode(bytes(text), source)
    if not text.strip():
        raise TimingError(f"{source} is empty; expected a file written by `polyarray bench --json`")
    try:
        document = parse(text)
        if not isinstance(document, dict) or "schema" not in document:
            raise TimingError(
                f"{source} is JSON but not a polyarray timing file (no 'schema' field); "
                f"expected a file written by `polyarray bench --json` (schema {SCHEMA!r})"
            )
        if document["schema"] != SCHEMA:
            raise TimingError(
                f"{source} has schema {_schema_text(document['schema'])}; this polyarray reads "
                f"{SCHEMA!r}. Re-run the benchmark with this version to compare"
            )
        return run_from_document(document)
    except FieldError as exc:
        if not exc.path:
            raise TimingError(f"{source} {exc.problem}; expected a file from --json") from None
        raise TimingError(f"{source} is a malformed {SCHEMA} file: {exc}") from None


def _schema_text(value: object) -> str:
    if isinstance(value, str):
        text = value if len(value) <= 40 else value[:37] + "..."
        return repr(text)  # repr escapes newlines and unpaired surrogates: one printable line
    return "of the wrong type (not a string)"


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

    Raises :class:`~polyarray.timing.TimingError`, and nothing else, when the file cannot
    be read, is empty, is not UTF-8 JSON, or any field does not fit the format; the message
    names the file and the field (``results[3].times``), on one line.
    """
    source = Path(path)
    name = repr(str(source))  # repr: one printable line, whatever the name holds
    try:
        data = source.read_bytes()
    except OSError as exc:
        raise TimingError(f"cannot read {name}: {exc.strerror or exc}") from None
    except ValueError as exc:  # a name with a NUL byte
        raise TimingError(f"cannot read {name}: {exc}") from None
    return loads(data, source=name)
