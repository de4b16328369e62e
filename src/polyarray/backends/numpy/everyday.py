"""polyarray's everyday functions on NumPy: NumPy's own where it gives polyarray's answer.

The rest is written once against polyarray's namespace (``polyarray._everyday``).
``numpy.fmax.reduce`` ignores NaN as ``nanmax`` does, without the warning ``numpy.nanmax``
gives for an all-NaN slice; ``numpy.nanmean`` and friends warn too, and give float64 for
integers where polyarray gives the default float, so they are left to the shared code.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from polyarray import _everyday as shared

__all__ = [
    "allclose",
    "isclose",
    "log_softmax",
    "logsumexp",
    "nanargmax",
    "nanargmin",
    "nanmax",
    "nanmean",
    "nanmin",
    "nanstd",
    "nansum",
    "nanvar",
    "sigmoid",
    "softmax",
]

# (Any: NumPy's stubs type keepdims=True and False apart, which a flag cannot be told)
_FMAX: Any = np.fmax
_FMIN: Any = np.fmin

nanvar = shared.nanvar
nanstd = shared.nanstd


def _plain(x: Any) -> bool:
    """Float input of at least one dimension and element: the common case, written in
    NumPy here; anything else (integers, 0-d, empty) takes the shared code."""
    return bool(x.dtype.kind == "f" and x.ndim > 0 and x.size > 0)


def nanmean(x: Any, /, *, axis: Any, keepdims: bool) -> Any:
    if _plain(x):
        try:
            nan = np.isnan(x)
            total = np.sum(np.where(nan, 0, x), axis=axis, keepdims=keepdims)
            count = np.sum(~nan, axis=axis, keepdims=keepdims, dtype=x.dtype)
            with np.errstate(invalid="ignore"):  # an all-NaN slice: 0 / 0, NaN
                return np.asarray(np.divide(total, count))
        except Exception:  # a bad axis: polyarray's error, from the shared code
            pass
    return shared.nanmean(x, axis=axis, keepdims=keepdims)


def softmax(x: Any, /, *, axis: int) -> Any:
    if _plain(x):
        try:
            m = x.max(axis=axis, keepdims=True)
            if np.isfinite(m).all():  # (else the shared code's NaN for +inf slices)
                e = np.exp(x - m)
                e /= e.sum(axis=axis, keepdims=True)
                return e
        except Exception:
            pass
    return shared.softmax(x, axis=axis)


def log_softmax(x: Any, /, *, axis: int) -> Any:
    if _plain(x):
        try:
            m = x.max(axis=axis, keepdims=True)
            if np.isfinite(m).all():
                shifted = x - m
                shifted -= np.log(np.exp(shifted).sum(axis=axis, keepdims=True))
                return shifted
        except Exception:
            pass
    return shared.log_softmax(x, axis=axis)


def logsumexp(x: Any, /, *, axis: Any, keepdims: bool) -> Any:
    if _plain(x):
        try:
            m = x.max(axis=axis, keepdims=True)
            if np.isfinite(m).all():
                total = np.log(np.exp(x - m).sum(axis=axis, keepdims=True)) + m
                if not keepdims:
                    total = np.squeeze(total, axis=axis)
                return np.asarray(total)
        except Exception:
            pass
    return shared.logsumexp(x, axis=axis, keepdims=keepdims)


def isclose(a: Any, b: Any, /, *, rtol: float, atol: float, equal_nan: bool) -> Any:
    # numpy.isclose answers a NumPy bool for 0-d arrays; polyarray returns arrays.
    return np.asarray(np.isclose(a, b, rtol=rtol, atol=atol, equal_nan=equal_nan))


def allclose(a: Any, b: Any, /, *, rtol: float, atol: float, equal_nan: bool) -> bool:
    return bool(np.allclose(a, b, rtol=rtol, atol=atol, equal_nan=equal_nan))


def nansum(x: Any, /, *, axis: Any, dtype: Any, keepdims: bool) -> Any:
    if dtype is None and x.dtype.kind == "f":
        return np.asarray(np.nansum(x, axis=axis, keepdims=keepdims))
    return shared.nansum(x, axis=axis, dtype=dtype, keepdims=keepdims)


def nanmax(x: Any, /, *, axis: Any, keepdims: bool) -> Any:
    if x.ndim:  # (NumPy takes axis 0 of a 0-d array, which has no axes)
        try:
            return np.asarray(_FMAX.reduce(x, axis=axis, keepdims=keepdims))
        except Exception:  # polyarray's error, from the shared code
            pass
    return shared.nanmax(x, axis=axis, keepdims=keepdims)


def nanmin(x: Any, /, *, axis: Any, keepdims: bool) -> Any:
    if x.ndim:  # (NumPy takes axis 0 of a 0-d array, which has no axes)
        try:
            return np.asarray(_FMIN.reduce(x, axis=axis, keepdims=keepdims))
        except Exception:  # polyarray's error, from the shared code
            pass
    return shared.nanmin(x, axis=axis, keepdims=keepdims)


def nanargmax(x: Any, /, *, axis: Any, keepdims: bool) -> Any:
    if x.ndim:  # (NumPy takes axis 0 of a 0-d array, which has no axes)
        try:
            return np.asarray(np.nanargmax(x, axis=axis, keepdims=keepdims))
        except Exception:  # polyarray's error, from the shared code
            pass
    return shared.nanargmax(x, axis=axis, keepdims=keepdims)


def nanargmin(x: Any, /, *, axis: Any, keepdims: bool) -> Any:
    if x.ndim:  # (NumPy takes axis 0 of a 0-d array, which has no axes)
        try:
            return np.asarray(np.nanargmin(x, axis=axis, keepdims=keepdims))
        except Exception:  # polyarray's error, from the shared code
            pass
    return shared.nanargmin(x, axis=axis, keepdims=keepdims)


def sigmoid(x: Any, /) -> Any:
    if x.dtype.kind == "f":
        # exp(-log(1 + exp(-x))): no overflow, and no warning, for large |x|; in one new
        # array (ufuncs on a 0-d array would answer NumPy scalars).
        out = np.negative(x, out=np.empty_like(x))
        np.logaddexp(0, out, out=out)
        np.negative(out, out=out)
        return np.exp(out, out=out)
    return shared.sigmoid(x)
