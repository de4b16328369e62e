"""Indexing functions on Dask: ``take_along_axis`` is gathered (:mod:`._gathered`: Dask
implements no ``take_along_axis``, and NumPy's checks of out-of-range indices need their
values); ``take`` too (Dask's needs an axis, and checks its indices only when they are
NumPy's)."""

from __future__ import annotations

from polyarray.backends.dask._gathered import gathered
from polyarray.backends.numpy import indexing as numpy_indexing

__all__ = ["take", "take_along_axis"]

take = gathered(numpy_indexing.take)
take_along_axis = gathered(numpy_indexing.take_along_axis)
