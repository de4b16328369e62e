"""Statistical functions of the standard, on NumPy.

Reductions return 0-d arrays where NumPy returns NumPy scalars. ``mean``, ``var`` and
``std`` of integers and booleans are computed in float64 and returned in polyarray's
default float (NumPy returns float64); floating-point inputs take NumPy's methods
directly (the methods skip the ``__array_function__`` dispatch of ``numpy.mean``).

``sum``, ``mean``, ``var`` and ``std`` of float32 and complex64 over axes whose elements
NumPy adds one by one (see :func:`wide_accumulator`) accumulate in double precision and
round once, as torch's are accurate: the result is within a few units in the last place
of the exact one on every backend. An axis is an int or a tuple of them (NumPy integers
count), and a 0-d array has none (NumPy's reductions take axes 0 and -1 there).
"""

from __future__ import annotations

from typing import Any, Final

import numpy as np

from polyarray._rules import arguments, checks
from polyarray._rules.elementwise import complex_refused
from polyarray.backends.numpy._arrays import (
    COMPLEX,
    default_float,
    in_dtype,
    native_dtype,
    ndarray,
    to_array,
)

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

_INEXACT: Final = "fc"  # dtype kinds averaged as they are; the others go through float64

#: Single-precision dtypes and the ones their sums accumulate in where NumPy's would not
#: be accurate (see wide_accumulator), with the real dtype of their var and std.
_WIDE: Final = {
    np.dtype(np.float32): np.dtype(np.float64),
    np.dtype(np.complex64): np.dtype(np.complex128),
}
_FLOAT32: Final = np.dtype(np.float32)
#: From how many elements the element-by-element sums of float32 are accurate no more:
#: measured, their worst relative error over 20 draws of uniform values in [1, 2) was
#: 5.7e-7 for 256 elements, 1.2e-6 for 1,024, 2.3e-6 for 4,096 (polyarray's assert_close
#: allows 1.3e-6 for float32); an array smaller than this sums fewer per result.
SERIAL_FROM_SIZE: Final = 512


def _c_contiguous(x: Any) -> bool:
    """Whether ``x`` is a C-contiguous NumPy array (a Dask array has no such layout: its
    chunks are reduced one by one, then combined, and are widened as others are)."""
    flags = getattr(x, "flags", None)
    return flags is not None and bool(flags.c_contiguous)


def wide_accumulator(x: Any, axis: Any) -> Any:
    """The dtype to reduce the single-precision ``x`` over ``axis`` (not None) in, or None
    where NumPy's own float32 reduction is accurate.

    NumPy sums pairwise (error ~ log n) only along a trailing block of axes of a
    C-contiguous array; over other axes it adds element by element (error ~ n), e.g. the
    std of a (32, 224, 224, 3) float32 image batch over its first three axes was 3e-4 off
    in relative terms (of offset data, 100 + [0, 1): 80%), where torch's is 4e-8. In
    double precision the same reductions cost 10% (sum, mean) to 40% (std) more there
    (measured on such batches; ``benchmarks/overhead.py``'s small arrays do not reach this
    path), and the result is rounded once.
    """
    wide = _WIDE.get(x.dtype)
    if wide is None or x.size < SERIAL_FROM_SIZE:
        return None
    ndim = x.ndim
    if type(axis) is int:
        if (axis == -1 or axis == ndim - 1) and _c_contiguous(x):
            return None
        return wide
    if not axis:
        return None
    if _c_contiguous(x) and sorted(a % ndim for a in axis) == list(range(ndim - len(axis), ndim)):
        return None
    return wide


def as_float(x: Any) -> Any:
    """Integers and booleans in float64, for averaging; other arrays as they are."""
    return x.astype(np.float64) if x.dtype.kind in "biu" else x


def finish_float(result: Any, x: Any) -> Any:
    """A statistic of ``as_float(x)`` as an array: integers give the default float."""
    if x.dtype.kind in "biu":
        return in_dtype(result, default_float())
    return result if type(result) is ndarray else result[...]


def cumulative_prod(
    x: Any, /, *, axis: int | None = None, dtype: Any = None, include_initial: bool = False
) -> Any:
    """The standard's ``cumulative_prod`` (``numpy.cumulative_prod``); not of 0-d arrays."""
    if (axis is not None and type(axis) is not int) or not x.ndim:
        axis = checks.array_axis("cumulative_prod", x, axis, tuples=False)
        checks.check_dimensions("cumulative_prod", x)
    native = None if dtype is None else native_dtype(dtype)
    if not include_initial and (axis is not None or x.ndim == 1):
        result = x.cumprod(axis, native)  # the same, without numpy.cumulative_prod's Python layer
    else:
        result = np.cumulative_prod(x, axis=axis, dtype=native, include_initial=include_initial)
    return result if type(result) is ndarray else to_array(result)


def cumulative_sum(
    x: Any, /, *, axis: int | None = None, dtype: Any = None, include_initial: bool = False
) -> Any:
    """The standard's ``cumulative_sum`` (``numpy.cumulative_sum``); not of 0-d arrays."""
    if (axis is not None and type(axis) is not int) or not x.ndim:
        axis = checks.array_axis("cumulative_sum", x, axis, tuples=False)
        checks.check_dimensions("cumulative_sum", x)
    native = None if dtype is None else native_dtype(dtype)
    if not include_initial and (axis is not None or x.ndim == 1):
        result = x.cumsum(axis, native)  # the same, without numpy.cumulative_sum's Python layer
    else:
        result = np.cumulative_sum(x, axis=axis, dtype=native, include_initial=include_initial)
    return result if type(result) is ndarray else to_array(result)


def max(x: Any, /, *, axis: Any = None, keepdims: bool = False) -> Any:
    """The standard's ``max``: the values only (see ``max_with_indices``)."""
    if axis is not None and (not x.ndim or (type(axis) is not int and type(axis) is not tuple)):
        axis = checks.array_axis("max", x, axis)  # types; no axis of a 0-d array
    if x.dtype in COMPLEX:  # (NumPy orders complex numbers by their parts; torch refused)
        raise complex_refused("max")
    result = x.max(axis=axis, keepdims=keepdims)
    return result if type(result) is ndarray else to_array(result)


def mean(x: Any, /, *, axis: Any = None, keepdims: bool = False) -> Any:
    """The standard's ``mean``; of integers, in the default float."""
    if axis is not None:
        if not x.ndim or (type(axis) is not int and type(axis) is not tuple):
            axis = checks.array_axis("mean", x, axis)  # types; no axis of a 0-d array
        wide = wide_accumulator(x, axis) if x.size >= SERIAL_FROM_SIZE else None
        if wide is not None:  # (in double precision where NumPy's float32 sum is not exact)
            return in_dtype(x.mean(axis=axis, dtype=wide, keepdims=keepdims), x.dtype)
    if x.dtype.kind in _INEXACT:
        result = x.mean(axis=axis, keepdims=keepdims)
        return result if type(result) is ndarray else result[...]
    return finish_float(as_float(x).mean(axis=axis, keepdims=keepdims), x)


def min(x: Any, /, *, axis: Any = None, keepdims: bool = False) -> Any:
    """The standard's ``min``: the values only (see ``min_with_indices``)."""
    if axis is not None and (not x.ndim or (type(axis) is not int and type(axis) is not tuple)):
        axis = checks.array_axis("min", x, axis)  # types; no axis of a 0-d array
    if x.dtype in COMPLEX:  # (as in max)
        raise complex_refused("min")
    result = x.min(axis=axis, keepdims=keepdims)
    return result if type(result) is ndarray else to_array(result)


def prod(x: Any, /, *, axis: Any = None, dtype: Any = None, keepdims: bool = False) -> Any:
    """The standard's ``prod`` (unsigned integers give uint64, others int64 or their own)."""
    if axis is not None and (not x.ndim or (type(axis) is not int and type(axis) is not tuple)):
        axis = checks.array_axis("prod", x, axis)  # types; no axis of a 0-d array
    native = None if dtype is None else native_dtype(dtype)
    result = x.prod(axis=axis, dtype=native, keepdims=keepdims)
    return result if type(result) is ndarray else to_array(result)


#: The end of int64's range: a correction beyond it is a ScalarOverflowError.
_INT64_END: Final = 2**63


def std(x: Any, /, *, axis: Any = None, correction: float = 0.0, keepdims: bool = False) -> Any:
    """The standard's ``std`` (``correction`` is NumPy's ``ddof``); of integers, in the
    default float."""
    if (
        (type(correction) is not int and type(correction) is not float)
        or correction != correction
        or not -_INT64_END <= correction < _INT64_END  # (NumPy warned, then overflowed)
    ):
        correction = arguments.correction_argument("std", correction)
    if axis is not None:
        if not x.ndim or (type(axis) is not int and type(axis) is not tuple):
            axis = checks.array_axis("std", x, axis)
        wide = wide_accumulator(x, axis) if x.size >= SERIAL_FROM_SIZE else None
        if wide is not None:  # (see mean; the real part: NumPy keeps the complex dtype)
            result = x.std(axis=axis, dtype=wide, ddof=correction, keepdims=keepdims)
            return in_dtype(result.real, _FLOAT32)
    y = x if x.dtype.kind in _INEXACT else as_float(x)
    # Without a correction, NumPy's default ddof: a float ddof takes a slower path there.
    if correction == 0:
        result = y.std(axis=axis, keepdims=keepdims)
    else:
        result = y.std(axis=axis, ddof=correction, keepdims=keepdims)
    return finish_float(result, x)


def sum(x: Any, /, *, axis: Any = None, dtype: Any = None, keepdims: bool = False) -> Any:
    """The standard's ``sum`` (unsigned integers give uint64, others int64 or their own)."""
    if axis is not None:
        if not x.ndim or (type(axis) is not int and type(axis) is not tuple):
            axis = checks.array_axis("sum", x, axis)  # types; no axis of a 0-d array
        wide = wide_accumulator(x, axis) if dtype is None and x.size >= SERIAL_FROM_SIZE else None
        if wide is not None:  # (see mean)
            return in_dtype(x.sum(axis=axis, dtype=wide, keepdims=keepdims), x.dtype)
    native = None if dtype is None else native_dtype(dtype)
    result = x.sum(axis=axis, dtype=native, keepdims=keepdims)
    return result if type(result) is ndarray else to_array(result)


def var(x: Any, /, *, axis: Any = None, correction: float = 0.0, keepdims: bool = False) -> Any:
    """The standard's ``var`` (``correction`` is NumPy's ``ddof``); of integers, in the
    default float."""
    if (
        (type(correction) is not int and type(correction) is not float)
        or correction != correction
        or not -_INT64_END <= correction < _INT64_END  # (NumPy warned, then overflowed)
    ):
        correction = arguments.correction_argument("var", correction)
    if axis is not None:
        if not x.ndim or (type(axis) is not int and type(axis) is not tuple):
            axis = checks.array_axis("var", x, axis)
        wide = wide_accumulator(x, axis) if x.size >= SERIAL_FROM_SIZE else None
        if wide is not None:  # (see mean; the real part: NumPy keeps the complex dtype)
            result = x.var(axis=axis, dtype=wide, ddof=correction, keepdims=keepdims)
            return in_dtype(result.real, _FLOAT32)
    y = x if x.dtype.kind in _INEXACT else as_float(x)
    # Without a correction, NumPy's default ddof: a float ddof takes a slower path there.
    if correction == 0:
        result = y.var(axis=axis, keepdims=keepdims)
    else:
        result = y.var(axis=axis, ddof=correction, keepdims=keepdims)
    return finish_float(result, x)
