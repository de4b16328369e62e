"""The argument checks of ``pa.random``'s distributions, written once against polyarray's
own namespace: a distribution parameter in its range, ``choice``'s pool and probabilities.

Values are read (a device round trip) only where the argument is an array; a Python
number is checked in Python. Under ``jax.jit`` a traced parameter is given unchecked: its
values cannot be read.
"""

from __future__ import annotations

import math
import operator
from typing import Any

import polyarray
from polyarray import _selection
from polyarray._dispatch import backend_of
from polyarray.backends import Backend
from polyarray.errors import MixedBackendsError

__all__ = ["count", "is_count", "on_backend", "parameter", "pool", "probabilities"]

#: How far from 1 the probabilities of ``choice`` may sum, by their dtype: NumPy's
#: tolerance, the square root of the dtype's machine epsilon (and never below float64's).
_SUM_TOLERANCE = {
    "float16": math.sqrt(2.0**-10),
    "float32": math.sqrt(2.0**-23),
    "float64": math.sqrt(2.0**-52),
}


def on_backend(backend: Backend, value: Any, dtype: Any = None) -> Any:
    """``value`` as an array of ``backend`` (a native array of it is taken as it is); an
    array of another backend is a ``MixedBackendsError``, as everywhere in polyarray (0-d
    ones, NumPy's scalars among them, are converted as numbers are)."""
    if isinstance(value, backend.array_types()):
        return value
    if getattr(value, "ndim", 0):
        owner = backend_of(value)
        if owner is not None and owner.name != backend.name:
            raise MixedBackendsError(
                f"pa.random: the generator is on {backend.name!r} and an argument is an array "
                f"of {owner.name!r}; polyarray never converts silently: convert it first, "
                f"e.g. pa.to_backend(x, {backend.name!r})."
            )
    with _selection.use_backend(backend):
        return polyarray.asarray(value, dtype=dtype)


def is_count(value: Any) -> bool:
    """Whether ``value`` stands for a count rather than an array: anything but a list, a
    tuple or an array of at least one dimension (0-d arrays are counts, as NumPy's
    ``choice`` reads them)."""
    return not isinstance(value, (list, tuple)) and not getattr(value, "ndim", 0)


def _is_number(value: Any) -> bool:
    """A Python int or float (subclasses too, ``numpy.float64`` among them)."""
    return type(value) in (int, float) or (
        isinstance(value, (int, float)) and type(value) is not bool
    )


def parameter(
    backend: Backend, name: str, argument: str, value: Any, low: float, high: float
) -> Any:
    """A distribution parameter checked to lie in [low, high]: a Python number stays one, an
    array (or list) becomes an array of ``backend``; NaN and values outside are a
    ``ValueError``, bools, complex numbers and strings a ``TypeError``."""
    if type(value) is bool or isinstance(value, (complex, str, bytes)):
        raise TypeError(f"pa.random.{name}: {argument} must be a real number, not {value!r}.")
    if _is_number(value):
        if not low <= value <= high:
            raise ValueError(
                f"pa.random.{name}: {argument} must lie in [{low}, {high}], not {value!r}."
            )
        return float(value)
    values = on_backend(backend, value, None if hasattr(value, "dtype") else "float64")
    kind = backend.polyarray_dtype(values.dtype).kind
    if kind not in ("real floating", "signed integer", "unsigned integer"):
        raise TypeError(f"pa.random.{name}: {argument} must hold real numbers, not {values.dtype}.")
    if backend.concrete(values):
        inside = polyarray.logical_and(
            polyarray.greater_equal(values, low), polyarray.less_equal(values, high)
        )
        if not bool(polyarray.all(inside)):
            raise ValueError(
                f"pa.random.{name}: every {argument} must lie in [{low}, {high}] (NaN does not)."
            )
    return values


def count(name: str, argument: str, value: Any) -> int:
    """A count (an int from 0 up, NumPy integers too): bools and floats a ``TypeError``,
    negative counts a ``NegativeSizeError``."""
    message = f"pa.random.{name}: {argument} must be an int, not {value!r}."
    if type(value) is bool or not hasattr(type(value), "__index__"):
        raise TypeError(message)
    try:
        number = operator.index(value)
    except TypeError:  # a 0-d array of floats or booleans
        raise TypeError(message) from None
    if number < 0:
        from polyarray.errors import NegativeSizeError

        raise NegativeSizeError(f"pa.random.{name}: {argument} must be at least 0, not {number}.")
    return number


def pool(backend: Backend, a: Any) -> tuple[Any, int]:
    """``choice``'s ``a``: (None, n) for an int n, (the array, its length) for a 1-D array."""
    if is_count(a):
        return None, count("choice", "a", a)
    values = on_backend(backend, a)
    if values.ndim != 1:
        raise ValueError(
            "pa.random.choice: a must be an int or a 1-D array, not of shape "
            f"{tuple(values.shape)}."
        )
    return values, int(values.shape[0])


def probabilities(backend: Backend, p: Any, n: int) -> Any:
    """``choice``'s ``p`` as a float64 array of ``backend``, checked: 1-D of length ``n``,
    finite, non-negative, summing to 1 within NumPy's tolerance (a ``ValueError`` each)."""
    weights = on_backend(backend, p, None if hasattr(p, "dtype") else "float64")
    dtype = backend.polyarray_dtype(weights.dtype)
    if dtype.kind not in ("real floating", "signed integer", "unsigned integer"):
        raise TypeError(f"pa.random.choice: p must hold real numbers, not {dtype.name}.")
    if weights.ndim != 1:
        raise ValueError(f"pa.random.choice: p must be 1-D, not of shape {tuple(weights.shape)}.")
    if weights.shape[0] != n:
        raise ValueError(
            f"pa.random.choice: a and p must have the same length, not {n} and {weights.shape[0]}."
        )
    tolerance = _SUM_TOLERANCE.get(dtype.name, _SUM_TOLERANCE["float64"])
    weights = polyarray.astype(weights, polyarray.float64)
    if backend.concrete(weights):
        if not bool(polyarray.all(polyarray.isfinite(weights))):
            raise ValueError("pa.random.choice: the probabilities p must be finite.")
        if bool(polyarray.any(polyarray.less(weights, 0.0))):
            raise ValueError("pa.random.choice: the probabilities p must not be negative.")
        total = float(polyarray.sum(weights))
        if abs(total - 1.0) > tolerance:
            raise ValueError(f"pa.random.choice: the probabilities p sum to {total}, not 1.")
    return weights
