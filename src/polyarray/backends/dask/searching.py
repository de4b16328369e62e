"""Searching functions of the standard, on Dask.

``nonzero`` is Dask's, with its sizes computed (they depend on the values: polyarray
promises NumPy's shapes); ``searchsorted`` is gathered (Dask's takes no ``sorter``, and
the sorted array is needed whole); the others are the NumPy backend's of Dask arrays.
"""

from __future__ import annotations

from typing import Any

from polyarray.backends.dask._arrays import known_sizes
from polyarray.backends.dask._gathered import gathered
from polyarray.backends.numpy import searching as numpy_searching

__all__ = ["nonzero", "searchsorted"]

searchsorted = gathered(numpy_searching.searchsorted)


def nonzero(x: Any, /) -> tuple[Any, ...]:
    """The standard's ``nonzero``: the indices of the nonzero elements, per axis."""
    return tuple(known_sizes(indices) for indices in numpy_searching.nonzero(x))
