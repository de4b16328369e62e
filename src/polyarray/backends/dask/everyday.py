"""The everyday functions on Dask.

``nanmax``/``nanmin`` of float arrays are Dask reductions of NumPy's ``fmax``/``fmin``
(NaN only where a slice holds nothing else, without warnings), as the NumPy backend's;
``quantile``, ``percentile``, ``top_k``, ``pad`` and ``diag`` are gathered
(:mod:`._gathered`: Dask's quantile takes one axis and one method, it has no stable
``top_k``, and NumPy's padding modes and ``diag`` checks hold there). The others are the
NumPy backend's functions of Dask arrays.
"""

from __future__ import annotations

from typing import Any

import dask.array as da
import numpy as np

from polyarray import _everyday as shared
from polyarray.backends.dask._gathered import gathered
from polyarray.backends.numpy import everyday as numpy_everyday

__all__ = ["diag", "nanmax", "nanmin", "pad", "percentile", "quantile", "top_k"]

diag = gathered(numpy_everyday.diag)
pad = gathered(numpy_everyday.pad)
percentile = gathered(numpy_everyday.percentile)
quantile = gathered(numpy_everyday.quantile)
top_k = gathered(numpy_everyday.top_k)


# (Any: NumPy's stubs type keepdims=True and False apart, which a flag cannot be told)
_FMAX: Any = np.fmax
_FMIN: Any = np.fmin


def _fmax(block: Any, axis: Any, keepdims: bool) -> Any:
    return _FMAX.reduce(block, axis=axis, keepdims=keepdims)


def _fmin(block: Any, axis: Any, keepdims: bool) -> Any:
    return _FMIN.reduce(block, axis=axis, keepdims=keepdims)


def _floats(x: Any) -> bool:
    return bool(x.dtype.kind == "f" and x.ndim > 0 and x.size > 0)


def nanmax(x: Any, /, *, axis: Any, keepdims: bool) -> Any:
    if not _floats(x):  # (integers, 0-d, empty: the NumPy backend's checks and results)
        return numpy_everyday.nanmax(x, axis=axis, keepdims=keepdims)
    axis = shared.reduction_axis("nanmax", x, axis)
    return da.reduction(x, _fmax, _fmax, axis=axis, keepdims=keepdims, dtype=x.dtype)


def nanmin(x: Any, /, *, axis: Any, keepdims: bool) -> Any:
    if not _floats(x):
        return numpy_everyday.nanmin(x, axis=axis, keepdims=keepdims)
    axis = shared.reduction_axis("nanmin", x, axis)
    return da.reduction(x, _fmin, _fmin, axis=axis, keepdims=keepdims, dtype=x.dtype)
