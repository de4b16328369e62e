"""polyarray's extras on Dask.

``max_with_indices``/``min_with_indices`` are Dask's ``max`` and ``argmax`` (``min``,
``argmin``) of the same array, lazy, each with polyarray's rule: Dask's arg-reductions
keep the first index of ties and of the first NaN across chunks, and its ``max`` gives
NaN where one is, so values and indices agree. ``median`` is gathered
(:mod:`._gathered`: Dask's takes one axis and differs on NaN).
"""

from __future__ import annotations

from typing import Any

import numpy as np

from polyarray._results import MinMaxResult
from polyarray.backends.dask._gathered import gathered
from polyarray.backends.numpy import extras as numpy_extras
from polyarray.backends.numpy import searching as numpy_searching
from polyarray.backends.numpy import statistical as numpy_statistical

__all__ = ["max_with_indices", "median", "min_with_indices"]

median = gathered(numpy_extras.median)


def _probe(function: Any, x: Any, axis: Any, keepdims: bool) -> None:
    """The NumPy backend's checks (axis, dtype), on a tiny array of x's dimensions."""
    function(np.ones(tuple(min(n, 1) for n in x.shape), x.dtype), axis=axis, keepdims=keepdims)


def max_with_indices(x: Any, /, *, axis: int | None = None, keepdims: bool = False) -> Any:
    """The largest values and their indices: the first index of ties and of the first NaN."""
    _probe(numpy_extras.max_with_indices, x, axis, keepdims)
    values = numpy_statistical.max(x, axis=axis, keepdims=keepdims)
    indices = numpy_searching.argmax(x, axis=axis, keepdims=keepdims)
    return MinMaxResult(values, indices)


def min_with_indices(x: Any, /, *, axis: int | None = None, keepdims: bool = False) -> Any:
    """The smallest values and their indices: the first index of ties and of the first NaN."""
    _probe(numpy_extras.min_with_indices, x, axis, keepdims)
    values = numpy_statistical.min(x, axis=axis, keepdims=keepdims)
    indices = numpy_searching.argmin(x, axis=axis, keepdims=keepdims)
    return MinMaxResult(values, indices)
