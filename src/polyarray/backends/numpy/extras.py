"""polyarray's own functions (``max_with_indices``, ``min_with_indices``, ``median``), on
NumPy."""

from __future__ import annotations

from typing import Any

import numpy as np

from polyarray._results import MinMaxResult
from polyarray._rules import checks
from polyarray._rules.elementwise import complex_refused
from polyarray.backends.numpy._arrays import COMPLEX, ndarray
from polyarray.backends.numpy.statistical import as_float, finish_float

__all__ = ["max_with_indices", "median", "min_with_indices"]


def max_with_indices(x: Any, /, *, axis: int | None = None, keepdims: bool = False) -> Any:
    """The largest values and their indices: the first index of ties and of the first NaN
    (``argmax`` picks those), so NaN wins, as in ``max``."""
    if axis is not None and (type(axis) is not int or not x.ndim):
        axis = checks.array_axis("max_with_indices", x, axis, tuples=False)
    if x.dtype in COMPLEX:  # (NumPy orders complex numbers by their parts; torch refused)
        raise complex_refused("max_with_indices")
    if axis is None:
        return _flat_extreme(x, x.reshape(-1).argmax(keepdims=True), keepdims)
    return _extreme(x, x.argmax(axis=axis, keepdims=True), axis, keepdims)


def min_with_indices(x: Any, /, *, axis: int | None = None, keepdims: bool = False) -> Any:
    """The smallest values and their indices: the first index of ties and of the first
    NaN (``argmin`` picks those), so NaN wins, as in ``min``."""
    if axis is not None and (type(axis) is not int or not x.ndim):
        axis = checks.array_axis("min_with_indices", x, axis, tuples=False)
    if x.dtype in COMPLEX:  # (as in max_with_indices)
        raise complex_refused("min_with_indices")
    if axis is None:
        return _flat_extreme(x, x.reshape(-1).argmin(keepdims=True), keepdims)
    return _extreme(x, x.argmin(axis=axis, keepdims=True), axis, keepdims)


def _flat_extreme(x: Any, index: Any, keepdims: bool) -> MinMaxResult:
    values = x.reshape(-1)[index]
    shape = (1,) * x.ndim if keepdims else ()
    return MinMaxResult(values.reshape(shape), index.reshape(shape))


# The index arrays numpy.take_along_axis builds on every call (an arange per other axis,
# about 3 us of its 4 us on small arrays), by (shape, axis): the ones before and after the
# axis. Read-only, and bounded, as every shape makes an entry.
_ALONG: dict[tuple[tuple[int, ...], int], tuple[tuple[Any, ...], tuple[Any, ...]]] = {}


def _along(shape: tuple[int, ...], axis: int) -> tuple[tuple[Any, ...], tuple[Any, ...]]:
    ndim = len(shape)
    parts = []
    for dimension, size in enumerate(shape):
        part = np.arange(size).reshape((1,) * dimension + (size,) + (1,) * (ndim - dimension - 1))
        part.flags.writeable = False
        parts.append(part)
    found = (tuple(parts[:axis]), tuple(parts[axis + 1 :]))
    if len(_ALONG) < 256:
        _ALONG[shape, axis] = found
    return found


def _extreme(x: Any, index: Any, axis: int, keepdims: bool) -> MinMaxResult:
    # ``index`` exists, so ``axis`` is one of x's (argmin and argmax check it).
    if x.ndim:
        axis %= x.ndim
        shape = x.shape
        found = _ALONG.get((shape, axis))
        before, after = found if found is not None else _along(shape, axis)
        along = (*before, index, *after)
        values = x[along]  # what np.take_along_axis computes
    else:
        values = np.take_along_axis(x, index, axis=axis)
    if not keepdims:
        values, index = values.squeeze(axis=axis), index.squeeze(axis=axis)
    return MinMaxResult(values, index)


def median(x: Any, /, *, axis: Any = None, keepdims: bool = False) -> Any:
    """The median: the mean of the two middle values of an even count; of integers, in
    the default float (computed in float64)."""
    if axis is not None and type(axis) is not int:
        axis = checks.axis_argument("median", axis)  # (NumPy takes lists)
        if axis == ():  # each element's median is itself (NumPy fails on empty arrays)
            return finish_float(as_float(x).copy(), x)
    if x.dtype.kind not in "biu":  # as_float and finish_float inline: nothing to convert
        if x.dtype in COMPLEX:  # (NumPy sorts complex numbers by their parts; torch refused)
            raise complex_refused("median")
        if axis is None and keepdims is False:
            result = np.median(x)  # NumPy's keyword parsing costs; pass only what differs
        else:
            result = np.median(x, axis=axis, keepdims=keepdims)
        return result if type(result) is ndarray else result[...]
    return finish_float(np.median(as_float(x), axis=axis, keepdims=keepdims), x)
