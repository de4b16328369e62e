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
from polyarray import _everyday_einsum as einsums
from polyarray import _everyday_pad as padding
from polyarray import _everyday_shapes as shapes
from polyarray import _everyday_stats as stats
from polyarray import _names
from polyarray._results import TopKResult
from polyarray.backends.numpy import creation
from polyarray.backends.numpy._arrays import default_float, in_dtype, native_dtype, to_array

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
            return to_array(np.divide(total, count))
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
            return to_array(total)
    return shared.logsumexp(x, axis=axis, keepdims=keepdims)


def isclose(a: Any, b: Any, /, *, rtol: float, atol: float, equal_nan: bool) -> Any:
    shared.check_closeness("isclose", a, b, rtol, atol)
    # Floats of one dtype go to numpy.isclose (which answers a NumPy bool for 0-d arrays;
    # polyarray returns arrays); anything else to the shared code, whose comparison dtype
    # every backend shares (NumPy's own takes uint64 beside a float32 in float64).
    if type(b) is type(a) and a.dtype is b.dtype and a.dtype.kind in "fc":
        return to_array(np.isclose(a, b, rtol=rtol, atol=atol, equal_nan=equal_nan))
    return shared.isclose(a, b, rtol=rtol, atol=atol, equal_nan=equal_nan)


def allclose(a: Any, b: Any, /, *, rtol: float, atol: float, equal_nan: bool) -> bool:
    shared.check_closeness("allclose", a, b, rtol, atol)
    if type(b) is type(a) and a.dtype is b.dtype and a.dtype.kind in "fc":
        return bool(np.allclose(a, b, rtol=rtol, atol=atol, equal_nan=equal_nan))
    return bool(shared.isclose(a, b, rtol=rtol, atol=atol, equal_nan=equal_nan).all())


def nansum(x: Any, /, *, axis: Any, dtype: Any, keepdims: bool) -> Any:
    axis = shared.reduction_axis("nansum", x, axis)
    if dtype is None and x.dtype.kind == "f":
        return to_array(np.nansum(x, axis=axis, keepdims=keepdims))
    return shared.nansum(x, axis=axis, dtype=dtype, keepdims=keepdims)


def nanmax(x: Any, /, *, axis: Any, keepdims: bool) -> Any:
    axis = shared.reduction_axis("nanmax", x, axis)
    # (complex input: polyarray's TypeError, integers: the plain reduction, empty input:
    # polyarray's EmptyReductionError, all from the shared code)
    if _plain(x):
        return to_array(_FMAX.reduce(x, axis=axis, keepdims=keepdims))
    return shared.nanmax(x, axis=axis, keepdims=keepdims)


def nanmin(x: Any, /, *, axis: Any, keepdims: bool) -> Any:
    axis = shared.reduction_axis("nanmin", x, axis)
    # (complex input: polyarray's TypeError, integers: the plain reduction, empty input:
    # polyarray's EmptyReductionError, all from the shared code)
    if _plain(x):
        return to_array(_FMIN.reduce(x, axis=axis, keepdims=keepdims))
    return shared.nanmin(x, axis=axis, keepdims=keepdims)


def nanargmax(x: Any, /, *, axis: Any, keepdims: bool) -> Any:
    axis = shared.reduction_axis("nanargmax", x, axis, tuples=False)
    if _plain(x):  # (NumPy orders complex numbers by their parts; polyarray refuses them)
        try:
            return to_array(np.nanargmax(x, axis=axis, keepdims=keepdims))
        except ValueError:  # an all-NaN slice: polyarray's error, from the shared code
            pass
    return shared.nanargmax(x, axis=axis, keepdims=keepdims)


def nanargmin(x: Any, /, *, axis: Any, keepdims: bool) -> Any:
    axis = shared.reduction_axis("nanargmin", x, axis, tuples=False)
    if _plain(x):  # (NumPy orders complex numbers by their parts; polyarray refuses them)
        try:
            return to_array(np.nanargmin(x, axis=axis, keepdims=keepdims))
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


# Quantiles, covariances and padding (polyarray/_everyday_stats.py, _everyday_pad.py):
# the shared code, which gives no float64 for float32 input (numpy.cov does) and one
# answer at infinities; numpy.pad itself, once the arguments are checked as everywhere.
# (Any: NumPy's stubs take the method as a Literal, which a checked str is not to them)
_QUANTILE: Any = np.quantile


def _quantile(
    name: str, x: Any, q: Any, axis: Any, keepdims: bool, method: str, scale: float
) -> Any:
    axis = shared.reduction_axis(name, x, axis)
    stats.check_method(name, method)
    levels, shape = stats.quantile_levels(name, q, scale)
    # numpy.quantile for floats without infinities (where its interpolation gives NaN
    # that polyarray's limits do not); the levels in float64, so that the positions are
    # those of every backend (float32 levels move 0.58 of 51 elements from 28 to 29),
    # and the result in x's dtype (float32 stays float32).
    if x.dtype.kind == "f" and x.size and levels and not np.isinf(x).any():
        reduced = x.shape if axis is None else [x.shape[a] for a in shared._axes(x, axis)]
        if all(reduced):
            at = np.asarray(levels, dtype=np.float64).reshape(shape)
            result = _QUANTILE(x, at, axis=axis, keepdims=keepdims, method=method)
            return in_dtype(result, x.dtype)
    with np.errstate(invalid="ignore"):  # (inf - inf between infinities: NaN, not kept)
        return stats.quantile_at(
            name, x, tuple(levels), shape, axis=axis, keepdims=keepdims, method=method
        )


def quantile(x: Any, q: Any, /, *, axis: Any, keepdims: bool, method: str) -> Any:
    return _quantile("quantile", x, q, axis, keepdims, method, 1.0)


def percentile(x: Any, q: Any, /, *, axis: Any, keepdims: bool, method: str) -> Any:
    return _quantile("percentile", x, q, axis, keepdims, method, 100.0)


def cov(x: Any, /, *, rowvar: bool, correction: Any) -> Any:
    with np.errstate(divide="ignore", invalid="ignore"):  # (no degree of freedom left)
        return stats.cov(x, rowvar=rowvar, correction=correction)


def corrcoef(x: Any, /, *, rowvar: bool) -> Any:
    with np.errstate(divide="ignore", invalid="ignore"):  # (a variable of variance 0)
        return stats.corrcoef(x, rowvar=rowvar)


# (Any: NumPy's stubs take the mode as a Literal, which a checked str is not to them)
_PAD: Any = np.pad


def pad(x: Any, pad_width: Any, /, *, mode: str, constant_values: Any) -> Any:
    padding.check_mode(mode)
    widths = padding.pad_widths(pad_width, x.ndim)
    padding.check(x, widths, mode)
    if not widths:  # (a 0-d array; numpy.pad reads an empty pad_width wrongly)
        if mode == "constant":
            padding.fill_value(x, constant_values)
        return x.copy()
    if mode == "constant":
        if type(constant_values) is int and constant_values == 0:  # (the default, in
            return _PAD(x, widths)  # every dtype: no conversion to check)
        fill = padding.fill_value(x, constant_values)
        return _PAD(x, widths, mode="constant", constant_values=fill)
    return _PAD(x, widths, mode=mode)


# einsum, top_k, diag, one_hot, split (polyarray/_everyday_einsum.py, _everyday_shapes.py):
# the arguments checked as everywhere, then NumPy's own functions; their views of the
# input (einsum('ij->ji'), diag of a matrix) copied, as polyarray returns new memory.


def _literal(value: Any, like: Any) -> Any:
    return creation.asarray(value)


def einsum(subscripts: Any, /, *operands: Any) -> Any:
    operands = einsums.as_arrays(operands, np.ndarray, _literal)
    equation, view, _ = einsums.equation(subscripts, operands)  # (NumPy sums nothing itself)
    dtype = einsums.common_dtype(operands)
    if dtype is not None:
        operands = tuple(o.astype(native_dtype(dtype), copy=False) for o in operands)
    result = np.einsum(equation, *operands)
    if view or type(result) is not np.ndarray:  # (a transpose, a diagonal: NumPy's views)
        return np.array(result)
    return result


def top_k(x: Any, k: Any, /, *, axis: Any, largest: bool) -> Any:
    k, axis = shapes.top_k_arguments(x, k, axis, x.dtype.kind == "c")
    if largest:
        # A stable descending order, ties first index first: the stable ascending order
        # of the reversed axis, reversed (NaN, last ascending, comes first).
        n = x.shape[axis]
        order = np.flip(np.argsort(np.flip(x, axis), axis=axis, kind="stable"), axis)
        indices = shapes.along(order, axis, 0, k)
        indices = (n - 1) - indices
    else:
        indices = shapes.along(np.argsort(x, axis=axis, kind="stable"), axis, 0, k)
    indices = indices.astype(np.int64, copy=False)
    return TopKResult(np.take_along_axis(x, indices, axis), indices)


def diag(x: Any, /, *, k: Any) -> Any:
    k = shapes.diag_arguments(x, k)
    result = np.diag(x, k)
    return result.copy() if x.ndim == 2 else result  # (NumPy's diagonal: a view)


def one_hot(x: Any, num_classes: Any, /, *, dtype: Any, axis: Any) -> Any:
    num_classes, axis = shapes.one_hot_arguments(x, num_classes, axis, x.dtype.kind in "iu")
    out = default_float() if dtype is None else native_dtype(dtype)
    # Compared with int64 classes (uint64 ones for uint64, which NumPy would compare in
    # float64): a label outside [0, num_classes) matches no class, a row of zeros.
    shape = [1] * (x.ndim + 1)
    shape[axis] = num_classes
    classes = np.arange(num_classes, dtype=np.uint64 if x.dtype == np.uint64 else np.int64)
    return (np.expand_dims(x, axis) == classes.reshape(shape)).astype(out)


def split(x: Any, indices_or_sections: Any, /, *, axis: Any) -> list[Any]:
    return shapes.split(x, indices_or_sections, axis=axis)
