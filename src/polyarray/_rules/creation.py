"""Rules of the creation functions shared by every backend: the order in which wrong
arguments are reported, ``arange``'s and ``eye``'s argument domains, and the empty shapes
NumPy cannot make (docs/errors.md, docs/semantics.md).

Each is called on a path off the common call (a device given, an argument not a plain
int, an empty result), never on ``zeros(3)`` or ``arange(n)``.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

from polyarray._rules import checks
from polyarray._rules.promotion import KIND, RANGES

__all__ = [
    "arange_is_float",
    "check_arange_values",
    "check_countable",
    "check_options",
    "check_repetitions",
    "empty_range",
    "eye_arguments",
    "plain_numbers",
]

_INT64_END = 2**63


def check_options(
    dtype: Any,
    device: Any,
    native_dtype: Callable[[Any], Any],
    check_device: Callable[[Any], Any],
) -> None:
    """Check a creation function's ``dtype``, then its ``device``, before its values:
    polyarray's order where several arguments are wrong (docs/errors.md), whatever order
    the framework looks at them in. ``native_dtype`` and ``check_device`` are the
    backend's, raising ``UnknownDtypeError`` and ``ValueError``.

    Backends call it where a device is given, before looking at fill values, bounds or
    the values to convert (NumPy's backend refused the device first, torch's the value).
    """
    if dtype is not None:
        native_dtype(dtype)
    if device is not None:
        check_device(device)


def eye_arguments(n_rows: Any, n_cols: Any, k: Any) -> tuple[int, int | None, int]:
    """``eye``'s sizes and diagonal as Python ints (NumPy integers count); a bool or a
    float is a ``TypeError`` on every backend (NumPy took ``k=True`` as 1, torch refused
    it; torch took ``n_cols=True`` as 1, NumPy refused it). Called only where one of them
    is not a plain int."""
    n_rows = checks.as_integer("eye", "n_rows", n_rows, "an int")
    if n_cols is not None:
        n_cols = checks.as_integer("eye", "n_cols", n_cols, "an int or None")
    return n_rows, n_cols, checks.as_integer("eye", "k", k, "an int")


def check_countable(name: str, shape: Any, itemsize: int = 16) -> None:
    """An ``AllocationError`` for a result of ``shape`` whose nonzero sizes times
    ``itemsize`` (by default the widest, complex128's) reach 2**63 bytes: NumPy counts an
    array's bytes over its nonzero sizes and refuses such shapes, ``zeros((2**62, 3,
    0))``; torch made the empty ones, and XLA aborts the whole process on any of them
    ("overflow in static extent product"). torch calls it for shapes holding a 0; JAX
    for every result shape that comes from Python ints (creation, ``broadcast_to``,
    ``repeat``, ``tile``, the FFTs' lengths)."""
    count = itemsize
    for size in shape:
        if size:
            count *= size
    if count >= _INT64_END:
        from polyarray._rules import mistakes

        raise mistakes.mistake_error(
            mistakes.TOO_LARGE, name, (tuple(shape),), "more bytes than int64 counts"
        )


def check_repetitions(name: str, repetitions: tuple[int, ...], x: Any) -> tuple[int, ...]:
    """``tile``'s counts checked against the result they make of ``x``: a negative count
    is a ``NegativeSizeError`` whatever the array (NumPy tiled an empty array -1 times,
    or reported a reshape); a count beyond int64 the ``ScalarOverflowError`` such ints
    are; a result with a size beyond int64, or more bytes than int64 counts over its
    nonzero sizes, an ``AllocationError`` (NumPy reported some as an overflow, torch as a
    negative size, or made them beside a 0). Returns the result's shape."""
    from polyarray._rules import mistakes

    for count in repetitions:
        if count < 0:
            raise mistakes.mistake_error(
                mistakes.NEGATIVE_SIZE, name, (repetitions,), "a negative repetition"
            )
        if count >= _INT64_END:
            raise mistakes.mistake_error(mistakes.INT_OVERFLOW, name, (count,), "")
    shape = tuple(x.shape)
    width = max(len(shape), len(repetitions))
    shape = (1,) * (width - len(shape)) + shape
    counts = (1,) * (width - len(repetitions)) + repetitions
    result = [size * count for size, count in zip(shape, counts, strict=True)]
    if any(size >= _INT64_END for size in result):
        raise mistakes.mistake_error(mistakes.TOO_LARGE, name, (), "a size beyond int64")
    # (Without a 0 too: NumPy reported some such counts as "negative dimensions".)
    check_countable(name, result, x.dtype.itemsize)
    return tuple(result)


def _dtype_kind(value: Any) -> int | None:
    """The kind (promotion.KIND) of an array or scalar bound, None for Python numbers."""
    dtype = getattr(value, "dtype", None)
    if dtype is None:
        return None
    from polyarray._dtypes import canonical_name

    try:
        return KIND[canonical_name(dtype)]
    except TypeError:  # (UnknownDtypeError: a dtype polyarray refuses elsewhere)
        # A NumPy scalar's dtype before the NumPy backend has loaded (under torch alone
        # np.float32(14.6) was no float: arange(np.float32(14.6), dtype=int64) counted).
        name = getattr(dtype, "name", None)
        return KIND.get(name) if type(name) is str else None


def plain_numbers(start: Any, stop: Any, step: Any) -> bool:
    """Whether ``arange``'s bounds and step are Python ints (stop may be None)."""
    return type(start) is int and type(step) is int and (stop is None or type(stop) is int)


def empty_range(start: Any, stop: Any, step: Any) -> bool:
    """Whether ``arange(start, stop, step)`` holds no value (stop on the wrong side)."""
    low, high = (0, start) if stop is None else (start, stop)
    return bool(high <= low if step > 0 else high >= low)


def exact_int_count(start: Any, stop: Any, step: Any) -> int | None:
    """The count of ``arange(start, stop, step)`` with int bounds beyond float64's exact
    integers (2**53), or more than 2**53 apart, ``ceil((stop - start) / step)`` in
    integers; None for the others.

    NumPy counted in float64 there: ``arange(5, -2**63, -2**62)`` gave 2 values where
    ``5 - 2 * 2**62`` is a third, and ``arange(-2**53, 2**53 - 1, 2**53 - 1)`` lost its
    third, ``2**53 - 2`` (the quotient ``2 + 1 / (2**53 - 1)`` rounded to 2); torch
    counted exactly. Closer bounds give a quotient whose ceiling float64 keeps."""
    plain = type(start) is int and type(stop) is int and type(step) is int and step
    if plain and max(abs(start), abs(stop), abs(step), abs(stop - start)) > 2**53:
        count: int = max(0, -((start - stop) // step))
        return count
    return None


def arange_is_float(start: Any, stop: Any, step: Any) -> bool:
    """Whether ``arange`` without a dtype gives the default float: a bound or the step is
    a Python float or a floating-point array or scalar (NumPy's backend gave int64 for a
    0-d float32 array, torch its default float)."""
    for value in (start, stop, step):
        if type(value) is float or (_dtype_kind(value) or 0) >= 2:
            return True
    return False


def check_arange_values(start: Any, stop: Any, step: Any, dtype_name: str | None) -> None:
    """Refuse the ``arange`` arguments the frameworks answer differently, after the
    checks of :func:`polyarray._rules.checks.check_arange`.

    A step of None (NumPy took it as 1, torch refused) and complex bounds (NumPy refused,
    torch dropped the imaginary part) are a ``TypeError``; NaN or an infinity a
    ``ValueError`` (NumPy: ``ValueError`` or too large an array, or one element for an
    infinite step; torch: ``RuntimeError``, or an empty array); a floating-point array
    bound with an integer dtype the ``TypeError`` a float bound is.
    """
    for value in (start, stop, step):  # the common call, Python numbers in range, first
        kind = type(value)
        if kind is float:
            if value - value != 0.0:  # (NaN or an infinity)
                break
        elif kind is not int or not -_INT64_END <= value < _INT64_END:
            break
    else:
        if dtype_name is not None:
            _check_integer_range(start, stop, step, dtype_name)
        return
    _check_values(start, stop, step, dtype_name)


def _check_values(start: Any, stop: Any, step: Any, dtype_name: str | None) -> None:
    for parameter, value in (("start", start), ("stop", stop), ("step", step)):
        kind = type(value)
        if kind is float:
            if not math.isfinite(value):
                raise ValueError(
                    f"pa.arange: {parameter} must be a finite number, not {value}; an "
                    "infinite or NaN bound or step has no range of values."
                )
            continue
        if kind is int:
            if not -_INT64_END <= value < (2**64 if dtype_name == "uint64" else _INT64_END):
                from polyarray._rules import mistakes

                # (NumPy made an empty range of arange(-2**63 - 1, 0.5))
                raise mistakes.mistake_error(mistakes.INT_OVERFLOW, "arange", (value,), "")
            continue
        if value is None and parameter == "stop":
            continue
        code = 3 if kind is complex else _dtype_kind(value)
        if value is None or code == 3:
            raise TypeError(f"pa.arange takes a real Python number as {parameter}, not {value!r}.")
        if code == 2:
            as_float = float(value)
            if not math.isfinite(as_float):
                raise ValueError(
                    f"pa.arange: {parameter} must be a finite number, not {as_float}; an "
                    "infinite or NaN bound or step has no range of values."
                )
            if dtype_name is not None and KIND[dtype_name] < 2:
                checks.check_arange(as_float, None, 1, dtype_name)
    ints = _integers(start, stop, step)
    if ints is not None:
        _check_integer_range(*ints, dtype_name)


def _integers(start: Any, stop: Any, step: Any) -> tuple[int, int | None, int] | None:
    """The bounds and step as Python ints where all are ints or integer 0-d arrays."""
    if plain_numbers(start, stop, step):
        return start, stop, step
    found: list[Any] = []
    for value in (start, stop, step):
        if value is None or type(value) is int:
            found.append(value)
        elif (_dtype_kind(value) or 2) < 2 and getattr(value, "shape", None) == ():
            found.append(int(value))
        else:
            return None
    return found[0], found[1], found[2]


def _check_integer_range(start: int, stop: int | None, step: int, dtype_name: str | None) -> None:
    """Python int bounds: every value of the range within an integer ``dtype_name``
    (NumPy refused a start out of it, torch wrapped: ``arange(250, 260, dtype=uint8)``
    ended 0, 1, 2, 3), a bool range at most two long (NumPy's rule; torch made
    ``[False, True, True, ...]``)."""
    if dtype_name is None or KIND[dtype_name] > 1:
        return
    first, end = (0, start) if stop is None else (start, stop)
    count = max(0, -((first - end) // step))  # (ceil of the quotient, exactly)
    if dtype_name == "bool":
        if count > 2:
            raise TypeError(
                f"pa.arange with dtype bool makes at most two values (False, True), not "
                f"{count}; use an integer dtype."
            )
        return
    smallest, largest = RANGES[dtype_name]
    for value in (first, first + (count - 1) * step) if count else ():
        if not smallest <= value <= largest:
            from polyarray.errors import ScalarOverflowError

            raise ScalarOverflowError(
                f"pa.arange: the value {value} of the range lies beyond {dtype_name}'s "
                f"range [{smallest}, {largest}]; choose a wider dtype."
            )
