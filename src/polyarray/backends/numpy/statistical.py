"""Statistical functions of the standard, on NumPy.

Reductions return 0-d arrays where NumPy returns NumPy scalars. ``mean``, ``var`` and
``std`` of integers and booleans are computed in float64 and returned in polyarray's
default float (NumPy returns float64); floating-point inputs take NumPy's methods
directly (the methods skip the ``__array_function__`` dispatch of ``numpy.mean``).
"""

from __future__ import annotations

from typing import Any, Final

import numpy as np

from polyarray._rules import checks
from polyarray.backends.numpy._arrays import default_float, native_dtype, ndarray, to_array

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


def as_float(x: Any) -> Any:
    """Integers and booleans in float64, for averaging; other arrays as they are."""
    return x.astype(np.float64) if x.dtype.kind in "biu" else x


def finish_float(result: Any, x: Any) -> Any:
    """A statistic of ``as_float(x)`` as an array: integers give the default float."""
    if x.dtype.kind in "biu":
        return np.asarray(result, dtype=default_float())
    return result if type(result) is ndarray else result[...]


def cumulative_prod(
    x: Any, /, *, axis: int | None = None, dtype: Any = None, include_initial: bool = False
) -> Any:
    """The standard's ``cumulative_prod`` (``numpy.cumulative_prod``); not of 0-d arrays."""
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
    checks.check_dimensions("cumulative_sum", x)
    native = None if dtype is None else native_dtype(dtype)
    if not include_initial and (axis is not None or x.ndim == 1):
        result = x.cumsum(axis, native)  # the same, without numpy.cumulative_sum's Python layer
    else:
        result = np.cumulative_sum(x, axis=axis, dtype=native, include_initial=include_initial)
    return result if type(result) is ndarray else to_array(result)


def max(x: Any, /, *, axis: Any = None, keepdims: bool = False) -> Any:
    """The standard's ``max``: the values only (see ``max_with_indices``)."""
    result = x.max(axis=axis, keepdims=keepdims)
    return result if type(result) is ndarray else to_array(result)


def mean(x: Any, /, *, axis: Any = None, keepdims: bool = False) -> Any:
    """The standard's ``mean``; of integers, in the default float."""
    if x.dtype.kind in _INEXACT:
        result = x.mean(axis=axis, keepdims=keepdims)
        return result if type(result) is ndarray else result[...]
    return finish_float(as_float(x).mean(axis=axis, keepdims=keepdims), x)


def min(x: Any, /, *, axis: Any = None, keepdims: bool = False) -> Any:
    """The standard's ``min``: the values only (see ``min_with_indices``)."""
    result = x.min(axis=axis, keepdims=keepdims)
    return result if type(result) is ndarray else to_array(result)


def prod(x: Any, /, *, axis: Any = None, dtype: Any = None, keepdims: bool = False) -> Any:
    """The standard's ``prod`` (unsigned integers give uint64, others int64 or their own)."""
    native = None if dtype is None else native_dtype(dtype)
    result = x.prod(axis=axis, dtype=native, keepdims=keepdims)
    return result if type(result) is ndarray else to_array(result)


def std(x: Any, /, *, axis: Any = None, correction: float = 0.0, keepdims: bool = False) -> Any:
    """The standard's ``std`` (``correction`` is NumPy's ``ddof``); of integers, in the
    default float."""
    y = x if x.dtype.kind in _INEXACT else as_float(x)
    # Without a correction, NumPy's default ddof: a float ddof takes a slower path there.
    if correction == 0:
        result = y.std(axis=axis, keepdims=keepdims)
    else:
        result = y.std(axis=axis, ddof=correction, keepdims=keepdims)
    return finish_float(result, x)


def sum(x: Any, /, *, axis: Any = None, dtype: Any = None, keepdims: bool = False) -> Any:
    """The standard's ``sum`` (unsigned integers give uint64, others int64 or their own)."""
    native = None if dtype is None else native_dtype(dtype)
    result = x.sum(axis=axis, dtype=native, keepdims=keepdims)
    return result if type(result) is ndarray else to_array(result)


def var(x: Any, /, *, axis: Any = None, correction: float = 0.0, keepdims: bool = False) -> Any:
    """The standard's ``var`` (``correction`` is NumPy's ``ddof``); of integers, in the
    default float."""
    y = x if x.dtype.kind in _INEXACT else as_float(x)
    # Without a correction, NumPy's default ddof: a float ddof takes a slower path there.
    if correction == 0:
        result = y.var(axis=axis, keepdims=keepdims)
    else:
        result = y.var(axis=axis, ddof=correction, keepdims=keepdims)
    return finish_float(result, x)
