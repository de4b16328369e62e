"""polyarray's own functions (``max_with_indices``, ``min_with_indices``, ``median``), on
NumPy."""

from __future__ import annotations

from typing import Any

import numpy as np

from polyarray._results import MinMaxResult
from polyarray.backends.numpy.statistical import as_float, finish_float

__all__ = ["max_with_indices", "median", "min_with_indices"]


def max_with_indices(x: Any, /, *, axis: int | None = None, keepdims: bool = False) -> Any:
    """The largest values and their indices: the first index of ties and of the first NaN
    (``argmax`` picks those), so NaN wins, as in ``max``."""
    if axis is None:
        return _flat_extreme(x, x.reshape(-1).argmax(keepdims=True), keepdims)
    return _extreme(x, x.argmax(axis=axis, keepdims=True), axis, keepdims)


def min_with_indices(x: Any, /, *, axis: int | None = None, keepdims: bool = False) -> Any:
    """The smallest values and their indices: the first index of ties and of the first
    NaN (``argmin`` picks those), so NaN wins, as in ``min``."""
    if axis is None:
        return _flat_extreme(x, x.reshape(-1).argmin(keepdims=True), keepdims)
    return _extreme(x, x.argmin(axis=axis, keepdims=True), axis, keepdims)


def _flat_extreme(x: Any, index: Any, keepdims: bool) -> MinMaxResult:
    values = x.reshape(-1)[index]
    shape = (1,) * x.ndim if keepdims else ()
    return MinMaxResult(values.reshape(shape), index.reshape(shape))


def _extreme(x: Any, index: Any, axis: int, keepdims: bool) -> MinMaxResult:
    values = np.take_along_axis(x, index, axis=axis)
    if not keepdims:
        values, index = values.squeeze(axis=axis), index.squeeze(axis=axis)
    return MinMaxResult(values, index)


def median(x: Any, /, *, axis: Any = None, keepdims: bool = False) -> Any:
    """The median: the mean of the two middle values of an even count; of integers, in
    the default float (computed in float64)."""
    return finish_float(np.median(as_float(x), axis=axis, keepdims=keepdims), x)
