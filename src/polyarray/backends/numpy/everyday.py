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
from polyarray import _names

# Every everyday function of the name table (each module defines all of them).
__all__ = sorted(_names.EVERYDAY_FUNCTIONS)

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
    axis = shared.reduction_axis("nanmean", x, axis)
    if _plain(x):
        nan = np.isnan(x)
        total = np.sum(np.where(nan, 0, x), axis=axis, keepdims=keepdims)
        count = np.sum(~nan, axis=axis, keepdims=keepdims, dtype=x.dtype)
        with np.errstate(invalid="ignore"):  # an all-NaN slice: 0 / 0, NaN
            return np.asarray(np.divide(total, count))
    return shared.nanmean(x, axis=axis, keepdims=keepdims)


def softmax(x: Any, /, *, axis: int) -> Any:
    axis = shared.reduction_axis("softmax", x, axis)
    if _plain(x):
        m = x.max(axis=axis, keepdims=True)
        if np.isfinite(m).all():  # (else the shared code's NaN for +inf slices)
            e = np.exp(x - m)
            e /= e.sum(axis=axis, keepdims=True)
            return e
    return shared.softmax(x, axis=axis)


def log_softmax(x: Any, /, *, axis: int) -> Any:
    axis = shared.reduction_axis("log_softmax", x, axis)
    if _plain(x):
        m = x.max(axis=axis, keepdims=True)
        if np.isfinite(m).all():
            shifted = x - m
            shifted -= np.log(np.exp(shifted).sum(axis=axis, keepdims=True))
            return shifted
    return shared.log_softmax(x, axis=axis)


def logsumexp(x: Any, /, *, axis: Any, keepdims: bool) -> Any:
    axis = shared.reduction_axis("logsumexp", x, axis)
    if _plain(x):
        m = x.max(axis=axis, keepdims=True)
        if np.isfinite(m).all():
            total = np.log(np.exp(x - m).sum(axis=axis, keepdims=True)) + m
            if not keepdims:
                total = np.squeeze(total, axis=axis)
            return np.asarray(total)
    return shared.logsumexp(x, axis=axis, keepdims=keepdims)


def isclose(a: Any, b: Any, /, *, rtol: float, atol: float, equal_nan: bool) -> Any:
    shared.check_closeness("isclose", a, b, rtol, atol)
    # Floats of one dtype go to numpy.isclose (which answers a NumPy bool for 0-d arrays;
    # polyarray returns arrays); anything else to the shared code, whose comparison dtype
    # every backend shares (NumPy's own takes uint64 beside a float32 in float64).
    if type(b) is type(a) and a.dtype is b.dtype and a.dtype.kind in "fc":
        return np.asarray(np.isclose(a, b, rtol=rtol, atol=atol, equal_nan=equal_nan))
    return shared.isclose(a, b, rtol=rtol, atol=atol, equal_nan=equal_nan)


def allclose(a: Any, b: Any, /, *, rtol: float, atol: float, equal_nan: bool) -> bool:
    shared.check_closeness("allclose", a, b, rtol, atol)
    if type(b) is type(a) and a.dtype is b.dtype and a.dtype.kind in "fc":
        return bool(np.allclose(a, b, rtol=rtol, atol=atol, equal_nan=equal_nan))
    return bool(shared.isclose(a, b, rtol=rtol, atol=atol, equal_nan=equal_nan).all())


def nansum(x: Any, /, *, axis: Any, dtype: Any, keepdims: bool) -> Any:
    axis = shared.reduction_axis("nansum", x, axis)
    if dtype is None and x.dtype.kind == "f":
        return np.asarray(np.nansum(x, axis=axis, keepdims=keepdims))
    return shared.nansum(x, axis=axis, dtype=dtype, keepdims=keepdims)


def nanmax(x: Any, /, *, axis: Any, keepdims: bool) -> Any:
    axis = shared.reduction_axis("nanmax", x, axis)
    # (complex input: polyarray's TypeError, integers: the plain reduction, empty input:
    # polyarray's EmptyReductionError, all from the shared code)
    if _plain(x):
        return np.asarray(_FMAX.reduce(x, axis=axis, keepdims=keepdims))
    return shared.nanmax(x, axis=axis, keepdims=keepdims)


def nanmin(x: Any, /, *, axis: Any, keepdims: bool) -> Any:
    axis = shared.reduction_axis("nanmin", x, axis)
    # (complex input: polyarray's TypeError, integers: the plain reduction, empty input:
    # polyarray's EmptyReductionError, all from the shared code)
    if _plain(x):
        return np.asarray(_FMIN.reduce(x, axis=axis, keepdims=keepdims))
    return shared.nanmin(x, axis=axis, keepdims=keepdims)


def nanargmax(x: Any, /, *, axis: Any, keepdims: bool) -> Any:
    axis = shared.reduction_axis("nanargmax", x, axis, tuples=False)
    if _plain(x):  # (NumPy orders complex numbers by their parts; polyarray refuses them)
        try:
            return np.asarray(np.nanargmax(x, axis=axis, keepdims=keepdims))
        except ValueError:  # an all-NaN slice: polyarray's error, from the shared code
            pass
    return shared.nanargmax(x, axis=axis, keepdims=keepdims)


def nanargmin(x: Any, /, *, axis: Any, keepdims: bool) -> Any:
    axis = shared.reduction_axis("nanargmin", x, axis, tuples=False)
    if _plain(x):  # (NumPy orders complex numbers by their parts; polyarray refuses them)
        try:
            return np.asarray(np.nanargmin(x, axis=axis, keepdims=keepdims))
        except ValueError:  # an all-NaN slice: polyarray's error, from the shared code
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
