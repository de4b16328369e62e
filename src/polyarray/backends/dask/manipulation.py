"""Manipulation functions on Dask: the NumPy backend's of Dask arrays (Dask's own, lazy),
but ``unstack``, which Dask does not implement (slices along the axis, after the NumPy
backend's checks of it), and ``repeat`` without an axis (Dask's needs one: gathered)."""

from __future__ import annotations

from typing import Any

import numpy as np

from polyarray.backends.dask._gathered import gathered
from polyarray.backends.numpy import manipulation as numpy_manipulation

__all__ = ["repeat", "unstack"]

_GATHERED_REPEAT = gathered(numpy_manipulation.repeat)


def unstack(x: Any, /, *, axis: int = 0) -> Any:
    """The standard's ``unstack``: a tuple of arrays, the slices of ``x`` along ``axis``."""
    # (the NumPy backend's checks, on a tiny array of x's dimensions: what it refuses)
    numpy_manipulation.unstack(np.zeros((1,) * x.ndim, x.dtype), axis=axis)
    before = (slice(None),) * (axis % x.ndim)
    keys = [(*before, i) for i in range(x.shape[axis])]
    return tuple(x[key] for key in keys)


def repeat(x: Any, repeats: Any, /, *, axis: int | None = None) -> Any:
    """The standard's ``repeat``: Dask's along an axis, gathered without one (flattened)."""
    if axis is None:
        return _GATHERED_REPEAT(x, repeats, axis=None)
    return numpy_manipulation.repeat(x, repeats, axis=axis)
