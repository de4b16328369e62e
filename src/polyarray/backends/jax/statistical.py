"""Statistical functions of the standard, on JAX.

``jax.numpy`` already gives the standard's dtypes for sums and products (uint64 for
unsigned integers, int64 for signed ones and booleans, as NumPy) and accurate float32
reductions (XLA sums pairwise, on every axis). What differs, and is decided here as on
NumPy and torch:

- ``mean``/``var``/``std`` of integers and booleans are computed in float64 and returned
  in polyarray's default float (JAX's 64-bit mode would return float64);
- ``var``/``std`` with a ``correction`` at least the number of elements divide by zero,
  as NumPy and torch do (inf, or NaN where the spread is 0; JAX gives NaN);
- an axis is an int or a tuple of them (JAX also takes lists), and a 0-d array has none;
- ``max``/``min`` of complex numbers are refused (JAX orders them by their parts);
- ``cumulative_*`` of 0-d arrays are refused, in polyarray's words.
"""

from __future__ import annotations

import builtins
import math
from typing import Any, Final

import jax.numpy as jnp

from polyarray._rules import arguments, checks, mistakes
from polyarray._rules.elementwise import complex_refused
from polyarray.backends.jax._arrays import COMPLEX, INTEGRAL, default_float, native_dtype

__all__ = [
    "cumulative_prod",
    "cumulative_sum",
    "max",
    "mean",
    "min",
    "prod",
    "std",
    "sum",
    "var",
]

_FLOAT64: Final = jnp.dtype(jnp.float64)
#: The dtypes accumulations of the narrower integers and booleans give.
_WIDENED: Final = {
    jnp.dtype(name): jnp.dtype("uint64" if name.startswith("u") else "int64")
    for name in ("bool", "int8", "int16", "int32", "uint8", "uint16", "uint32")
}


def reduction_axes(name: str, x: Any, axis: Any) -> Any:
    """``axis`` checked: its type, no axis of a 0-d ``x``, each in range and given once
    (JAX's mean, var and std raise a plain IndexError for an axis out of range)."""
    if axis is None:
        return None
    if type(axis) is not int or not x.ndim:
        axis = checks.array_axis(name, x, axis)  # (the entries of a tuple too)
        if axis is None:
            return None
    checks.distinct_axes(name, (axis,) if type(axis) is int else axis, x.ndim)
    return axis


def sum(x: Any, /, *, axis: Any = None, dtype: Any = None, keepdims: bool = False) -> Any:
    """The standard's ``sum`` (unsigned integers give uint64, others int64 or their own)."""
    axis = reduction_axes("sum", x, axis)
    native = None if dtype is None else native_dtype(dtype)
    return jnp.sum(x, axis=axis, dtype=native, keepdims=keepdims)


def prod(x: Any, /, *, axis: Any = None, dtype: Any = None, keepdims: bool = False) -> Any:
    """The standard's ``prod``: in the same dtypes as ``sum``."""
    axis = reduction_axes("prod", x, axis)
    native = None if dtype is None else native_dtype(dtype)
    return jnp.prod(x, axis=axis, dtype=native, keepdims=keepdims)


def _cumulative(
    name: str, native: Any, x: Any, axis: Any, dtype: Any, include_initial: bool
) -> Any:
    if (axis is not None and type(axis) is not int) or not x.ndim:
        axis = checks.array_axis(name, x, axis, tuples=False)
        # The standard leaves 0-d input undefined, and NumPy and torch disagree: refused.
        checks.check_dimensions(name, x)
    if axis is not None:
        checks.distinct_axes(name, (axis,), x.ndim)
    # Without a dtype, the standard's as sum's: jax.numpy's cumulative_prod keeps small
    # integers' dtypes (its cumulative_sum and prod widen them, as NumPy does).
    dtype = _WIDENED.get(x.dtype) if dtype is None else native_dtype(dtype)
    return native(x, axis=axis, dtype=dtype, include_initial=include_initial)


def cumulative_sum(
    x: Any, /, *, axis: int | None = None, dtype: Any = None, include_initial: bool = False
) -> Any:
    """The standard's ``cumulative_sum`` (``jax.numpy.cumulative_sum``); not of 0-d arrays."""
    return _cumulative("cumulative_sum", jnp.cumulative_sum, x, axis, dtype, include_initial)


def cumulative_prod(
    x: Any, /, *, axis: int | None = None, dtype: Any = None, include_initial: bool = False
) -> Any:
    """The standard's ``cumulative_prod`` (``jax.numpy.cumulative_prod``); not of 0-d
    arrays."""
    return _cumulative("cumulative_prod", jnp.cumulative_prod, x, axis, dtype, include_initial)


def max(x: Any, /, *, axis: Any = None, keepdims: bool = False) -> Any:
    """The standard's ``max``: the values only (see ``max_with_indices``)."""
    axis = reduction_axes("max", x, axis)
    if x.dtype in COMPLEX:  # (JAX orders complex numbers by their parts; torch refused)
        raise complex_refused("max")
    return jnp.max(x, axis=axis, keepdims=keepdims)


def min(x: Any, /, *, axis: Any = None, keepdims: bool = False) -> Any:
    """The standard's ``min``: the values only (see ``min_with_indices``)."""
    axis = reduction_axes("min", x, axis)
    if x.dtype in COMPLEX:  # (as in max)
        raise complex_refused("min")
    return jnp.min(x, axis=axis, keepdims=keepdims)


def mean(x: Any, /, *, axis: Any = None, keepdims: bool = False) -> Any:
    """The standard's ``mean``; of integers and booleans, in the default float."""
    axis = reduction_axes("mean", x, axis)
    if x.dtype in INTEGRAL:
        return jnp.mean(x, axis=axis, dtype=_FLOAT64, keepdims=keepdims).astype(default_float())
    if x.dtype in COMPLEX:
        # A complex sum divided by the count as a complex number, as NumPy and torch do
        # (JAX divides the parts: the mean of [nan + 0j] was nan + 0j, theirs nan + nan j).
        total = jnp.sum(x, axis=axis, keepdims=keepdims)
        count = x.size // total.size if total.size else 0
        return total / jnp.asarray(count, dtype=x.dtype)
    return jnp.mean(x, axis=axis, keepdims=keepdims)


def var(x: Any, /, *, axis: Any = None, correction: float = 0.0, keepdims: bool = False) -> Any:
    """The standard's ``var``; of integers and booleans, in the default float."""
    if (type(correction) is not int and type(correction) is not float) or correction != correction:
        correction = arguments.correction_argument("var", correction)
    return _moment(jnp.var, x, reduction_axes("var", x, axis), correction, keepdims)


def std(x: Any, /, *, axis: Any = None, correction: float = 0.0, keepdims: bool = False) -> Any:
    """The standard's ``std``; of integers and booleans, in the default float."""
    if (type(correction) is not int and type(correction) is not float) or correction != correction:
        correction = arguments.correction_argument("std", correction)
    return _moment(jnp.std, x, reduction_axes("std", x, axis), correction, keepdims)


def _moment(reduce: Any, x: Any, axis: Any, correction: float, keepdims: bool) -> Any:
    """``var`` or ``std`` (``reduce``) of ``x`` (axes checked)."""
    if type(correction) is int and not -(2**63) <= correction < 2**63:
        # (NumPy converts it to a C integer and fails: polyarray's ScalarOverflowError.)
        name = "std" if reduce is jnp.std else "var"
        raise mistakes.mistake_error(mistakes.INT_OVERFLOW, name, (correction,), "correction")
    integral = x.dtype in INTEGRAL
    values = x.astype(_FLOAT64) if integral else x
    count = _count(x, axis) if correction else None
    if count is not None and correction >= count:
        # No degrees of freedom left: NumPy and torch divide by max(n - correction, 0),
        # giving inf (NaN for no spread); JAX gives NaN for all. (n is static: the shape.)
        variance = jnp.var(values, axis=axis, keepdims=keepdims) * count
        result = variance / builtins.max(count - correction, 0)
        if reduce is jnp.std:
            result = jnp.sqrt(result)
    else:
        result = reduce(values, axis=axis, correction=correction, keepdims=keepdims)
    return result.astype(default_float()) if integral else result


def _count(x: Any, axis: Any) -> int | None:
    """How many elements of ``x`` each result of a reduction over ``axis`` takes (None for
    an axis out of range: JAX's own error, in polyarray's words, follows)."""
    if axis is None:
        return int(math.prod(x.shape))
    axes = (axis,) if type(axis) is int else axis
    try:
        return int(math.prod(x.shape[a] for a in axes))
    except (IndexError, TypeError):
        return None
