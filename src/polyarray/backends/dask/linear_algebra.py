"""Linear algebra functions of the standard's main namespace, on Dask: ``matrix_transpose``
is a swap of the last two axes (Dask implements no ``numpy.matrix_transpose``); the
products are the NumPy backend's of Dask arrays (Dask's own, chunked)."""

from __future__ import annotations

from typing import Any

from polyarray.backends.numpy import linear_algebra as numpy_linear_algebra

__all__ = ["matrix_transpose"]


def matrix_transpose(x: Any, /) -> Any:
    """The standard's ``matrix_transpose``: the last two axes swapped (lazily)."""
    if x.ndim < 2:  # (the NumPy backend's error for fewer than two dimensions)
        return numpy_linear_algebra.matrix_transpose(x.compute())
    return x.swapaxes(-1, -2)
