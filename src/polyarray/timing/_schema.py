"""The ``polyarray.timing/1`` file format, checked field by field.

:func:`parse` turns JSON text into plain Python values without ever raising anything but
:class:`FieldError` (numbers Python cannot hold, duplicate keys and nesting too deep are
marked or refused, not raised as ``ValueError``, ``OverflowError`` or ``RecursionError``);
:func:`run_from_document` turns the parsed document into a :class:`Run`, checking every
field. Each complaint names its field by JSON path (``results[3].times``).

The rule: every file :func:`~polyarray.timing.save` writes from a valid :class:`Run` loads
back unchanged, and a file that could not be one is refused. Fields with a fixed meaning
are checked for type and range (times are finite non-negative numbers, counts are integers,
lists of warnings are lists of strings, unknown keys are refused as likely typos); the
free-form records (``params``, ``labels``, most of ``env`` and ``options``) may hold any JSON
but still no number Python cannot hold, no unpaired surrogate and no nesting past
:data:`MAX_DEPTH`. ``stats``, ``gflops``, ``gbs`` and ``pct_peak`` are derived from
``times``: their types are checked, their values are recomputed.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Iterable
from typing import Any

from polyarray.timing._measurement import SCHEMA, Measurement, Problem, Run

__all__ = ["MAX_DEPTH", "FieldError", "parse", "run_from_document"]

#: How deeply a file's values may nest (the format itself needs five levels).
MAX_DEPTH = 32


class FieldError(Exception):
    """What is wrong with one field: ``path`` (``results[3].times``) and ``problem``."""

    def __init__(self, path: str, problem: str) -> None:
        super().__init__(f"{path or 'the document'} {problem}")
        self.path = path
        self.problem = problem


class _BadNumber:
    """A JSON number Python cannot hold as such (NaN, 1e999, a 5000-digit integer)."""

    __slots__ = ("text",)

    def __init__(self, text: str) -> None:
        self.text = text


class _PairsWithDuplicates(dict[str, Any]):
    """A JSON object in which a key appears more than once (the last value is kept)."""

    duplicate: str = ""


def _parse_int(text: str) -> int | _BadNumber:
    try:
        return int(text)
    except ValueError:  # more digits than sys.get_int_max_str_digits() allows
        return _BadNumber(text)


def _parse_float(text: str) -> float | _BadNumber:
    value = float(text)
    return value if math.isfinite(value) else _BadNumber(text)


def _object_pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result = dict(pairs)
    if len(result) == len(pairs):
        return result
    marked = _PairsWithDuplicates(result)
    seen: set[str] = set()
    for key, _ in pairs:
        if key in seen:
            marked.duplicate = key
            break
        seen.add(key)
    return marked


def parse(text: str) -> Any:
    """The JSON value of ``text``; :class:`FieldError` (path ``""``) if it is not JSON."""
    try:
        return json.loads(
            text,
            parse_int=_parse_int,
            parse_float=_parse_float,
            parse_constant=_BadNumber,  # NaN, Infinity, -Infinity: not JSON numbers
            object_pairs_hook=_object_pairs,
        )
    except json.JSONDecodeError as exc:
        raise FieldError("", f"is not JSON ({exc})") from None
    except RecursionError:
        raise FieldError("", "is not JSON that can be read: it nests too deeply") from None


# -- describing values in messages ---------------------------------------------------------


def _short(text: str, limit: int = 40) -> str:
    return repr(text if len(text) <= limit else text[: limit - 3] + "...")


def _number_text(text: str) -> str:
    unit = "digits" if text.lstrip("-").isdigit() else "characters"
    return text if len(text) <= 24 else f"{text[:12]}... ({len(text)} {unit})"


def _describe(value: Any) -> str:
    if isinstance(value, _BadNumber):
        return f"the number {_number_text(value.text)}"
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return f"the number {_number_text(str(value))}"
    if isinstance(value, float):
        return f"the number {value!r}"
    if isinstance(value, str):
        return f"the string {_short(value)}"
    return "a list" if isinstance(value, list) else "an object"


def _member(path: str, key: str) -> str:
    if key.isidentifier():
        return f"{path}.{key}" if path else key
    quoted = json.dumps(key)  # ASCII, quoted and escaped: one printable line
    return f"{path}[{quoted if len(quoted) <= 40 else quoted[:36] + '...' + chr(34)}]"


# -- free-form JSON ------------------------------------------------------------------------


def _unheld(value: _BadNumber) -> str:
    return f"is {_describe(value)}, which is not a finite number Python can hold"


def _text(value: str, path: str) -> str:
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise FieldError(path, "holds an unpaired surrogate (\\ud800-\\udfff), not text") from None
    return value


def _object(value: Any, path: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise FieldError(path, f"must be an object, not {_describe(value)}")
    if isinstance(value, _PairsWithDuplicates):
        raise FieldError(_member(path, value.duplicate), "is given twice; keep one")
    try:
        "".join(value).encode("utf-8")
    except UnicodeEncodeError:
        raise FieldError(path, "has a key with an unpaired surrogate, not text") from None
    return value


def _free(value: Any, path: str, depth: int = 1) -> Any:
    """Any JSON value, checked for what Python cannot hold or the format forbids."""
    if isinstance(value, _BadNumber):
        raise FieldError(path, _unheld(value))
    if isinstance(value, str):
        return _text(value, path)
    if isinstance(value, (list, dict)) and depth > MAX_DEPTH:
        raise FieldError(path, f"nests deeper than {MAX_DEPTH} levels")
    if isinstance(value, list):
        return [_free(item, f"{path}[{i}]", depth + 1) for i, item in enumerate(value)]
    if isinstance(value, dict):
        return {
            key: _free(item, _member(path, key), depth + 1)
            for key, item in _object(value, path).items()
        }
    return value  # null, true, false, an int or a finite float


def _free_object(value: Any, path: str) -> dict[str, Any]:
    return _free(_object(value, path), path)  # type: ignore[no-any-return]


# -- typed fields --------------------------------------------------------------------------


def _string(value: Any, path: str) -> str:
    if not isinstance(value, str):
        raise FieldError(path, f"must be a string, not {_describe(value)}")
    return _text(value, path)


def _number(value: Any, path: str) -> int | float:
    """A finite non-negative number (an int stays an int, as save wrote it)."""
    if isinstance(value, _BadNumber):
        raise FieldError(path, _unheld(value))
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise FieldError(path, f"must be a number, not {_describe(value)}")
    try:
        as_float = float(value)
    except OverflowError:  # an int beyond the largest float
        raise FieldError(path, f"is {_describe(value)}, larger than any float") from None
    if as_float < 0:
        raise FieldError(path, f"is {_describe(value)}; it must not be negative")
    return value


def _integer(value: Any, path: str, minimum: int) -> int:
    if isinstance(value, _BadNumber):
        raise FieldError(path, _unheld(value))
    if isinstance(value, bool) or not isinstance(value, int):
        raise FieldError(path, f"must be an integer, not {_describe(value)}")
    if value < minimum:
        raise FieldError(path, f"is {_describe(value)}; it must be at least {minimum}")
    return value


def _or_null(check: Callable[[Any, str], Any]) -> Callable[[Any, str], Any]:
    return lambda value, path: None if value is None else check(value, path)


def _list(value: Any, path: str, item: Callable[[Any, str], Any]) -> list[Any]:
    if not isinstance(value, list):
        raise FieldError(path, f"must be a list, not {_describe(value)}")
    return [item(element, f"{path}[{index}]") for index, element in enumerate(value)]


def _strings(value: Any, path: str) -> tuple[str, ...]:
    return tuple(_list(value, path, _string))


def _times(value: Any, path: str) -> tuple[float, ...]:
    if not isinstance(value, list):
        raise FieldError(path, f"must be a list of seconds per call, not {_describe(value)}")
    if not value:
        raise FieldError(path, "is empty; a measurement needs at least one time")
    return tuple(float(t) for t in _list(value, path, _number))


def _boolean(value: Any, path: str) -> bool:
    if not isinstance(value, bool):
        raise FieldError(path, f"must be true or false, not {_describe(value)}")
    return value


def _nonnegative_integer(value: Any, path: str) -> int:
    return _integer(value, path, 0)


def _positive_integer(value: Any, path: str) -> int:
    return _integer(value, path, 1)


def _members(
    value: Any, path: str, required: Iterable[str], optional: Iterable[str]
) -> dict[str, Any]:
    """``value`` as an object with every ``required`` key and no key outside both lists."""
    data = _object(value, path)
    required = tuple(required)
    missing = [key for key in required if key not in data]
    if missing:
        raise FieldError(path, f"lacks the required {', '.join(map(repr, missing))}")
    known = (*required, *optional)
    for key in data:
        if key not in known:
            raise FieldError(_member(path, key), f"is unknown (known: {', '.join(known)})")
    return data


def _typed_record(value: Any, path: str, types: dict[str, Callable[[Any, str], Any]]) -> Any:
    """A free-form object whose listed keys, where present, have the listed types."""
    data = _free_object(value, path)
    for key, check in types.items():
        if key in data:
            check(data[key], _member(path, key))
    return data


def _values(check: Callable[[Any, str], Any]) -> Callable[[Any, str], Any]:
    """A check of an object every value of which passes ``check``."""
    return lambda data, path: _typed_record(data, path, dict.fromkeys(_object(data, path), check))


# -- the format ----------------------------------------------------------------------------

_count = _or_null(_nonnegative_integer)
_optional_number = _or_null(_number)
_optional_string = _or_null(_string)

#: The environment fields polyarray reads back (to display a loaded run); others are free.
_ENV: dict[str, Callable[[Any, str], Any]] = {
    **dict.fromkeys(("timestamp", "polyarray", "python", "platform", "machine"), _string),
    "packages": _values(_optional_string),
    "backends": _strings,
    "cpu": lambda v, p: _typed_record(
        v,
        p,
        {
            "model": _optional_string,
            "flags": _strings,
            "logical_cores": _count,
            "usable_cores": _count,
        },
    ),
    "load_average": _or_null(lambda v, p: _list(v, p, _number)),
    "blas": lambda v, p: (
        _string(v, p) if isinstance(v, str) else _list(v, p, _free_object)  # str: no threadpoolctl
    ),
    "threads": _values(_count),
    "variables": _values(_string),
    "gpus": lambda v, p: _list(v, p, _free_object),
    "numpy_blas_build": _free_object,
}

#: The options ``compare`` records; others are free.
_OPTIONS: dict[str, Callable[[Any, str], Any]] = {
    "modes": _strings,
    "quick": _boolean,
    **dict.fromkeys(("min_time", "max_time", "warmup", "target_spread"), _optional_number),
    "min_samples": _count,
    "threads": _count,
    "baseline": _optional_string,
}

_STATS = ("median", "q1", "q3", "iqr", "spread", "p10", "p90", "min", "max", "mean", "stdev")


def _stats(value: Any, path: str) -> None:
    # Derived from times and recomputed: only the types are checked (null where infinite).
    data = _members(value, path, (), (*_STATS, "samples"))
    for key, item in data.items():
        check = _positive_integer if key == "samples" else _optional_number
        check(item, _member(path, key))


def _measurement(value: Any, path: str) -> Measurement:
    data = _members(
        value,
        path,
        ("name", "backend", "mode", "times"),
        (
            *("number", "warmup_calls", "params", "dtype", "flops", "bytes", "peak_gflops"),
            *("peak_gbs", "warnings", "labels", "stats", "gflops", "gbs", "pct_peak"),
        ),
    )
    for derived in ("gflops", "gbs", "pct_peak"):
        _optional_number(data.get(derived), _member(path, derived))
    if "stats" in data:
        _stats(data["stats"], _member(path, "stats"))

    def field(key: str, check: Callable[[Any, str], Any], default: Any = None) -> Any:
        return check(data[key], _member(path, key)) if key in data else default

    return Measurement(
        name=field("name", _string),
        backend=field("backend", _string),
        mode=field("mode", _string),
        times=field("times", _times),
        number=field("number", _positive_integer, 1),
        params=field("params", _free_object, {}),
        dtype=field("dtype", _optional_string),
        flops=field("flops", _optional_number),
        bytes=field("bytes", _optional_number),
        peak_gflops=field("peak_gflops", _optional_number),
        peak_gbs=field("peak_gbs", _optional_number),
        warmup_calls=field("warmup_calls", _nonnegative_integer, 0),
        warnings=field("warnings", _strings, ()),
        labels=field("labels", _free_object, {}),
    )


def _problem(value: Any, path: str) -> Problem:
    required = ("name", "backend", "mode", "kind", "message")
    data = _members(value, path, required, ("params", "dtype"))
    texts = {key: _string(data[key], _member(path, key)) for key in required}
    params = _free_object(data["params"], _member(path, "params")) if "params" in data else {}
    dtype = _optional_string(data.get("dtype"), _member(path, "dtype"))
    return Problem(**texts, params=params, dtype=dtype)


def run_from_document(document: Any) -> Run:
    """The :class:`Run` a parsed ``polyarray.timing/1`` document describes.

    Raises :class:`FieldError` naming the first field that does not fit; a document that is
    not an object, or has no or another ``schema``, gets the path ``""``.
    """
    if not isinstance(document, dict) or "schema" not in document:
        raise FieldError("", f"is {_describe(document)} without a 'schema' field")
    if document["schema"] != SCHEMA:
        raise FieldError("schema", f"is {_describe(document['schema'])}, not {SCHEMA!r}")
    data = _members(document, "", ("schema", "results"), ("env", "options", "warnings", "problems"))
    return Run(
        env=_typed_record(data.get("env", {}), "env", _ENV),
        results=tuple(_list(data["results"], "results", _measurement)),
        problems=tuple(_list(data.get("problems", []), "problems", _problem)),
        warnings=_strings(data.get("warnings", []), "warnings"),
        options=_typed_record(data.get("options", {}), "options", _OPTIONS),
    )
