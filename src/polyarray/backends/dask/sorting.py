"""Sorting functions of the standard, on Dask: the NumPy backend's sorts (stable by
default, descending on request) of each chunk, every chunk whole along the sorted axis
(Dask has no sort of its own; ``array_api_compat`` sorts in one chunk too)."""

from __future__ import annotations

from typing import Any

from polyarray.backends.dask._arrays import along_axis
from polyarray.backends.numpy import sorting as numpy_sorting

__all__ = ["argsort", "sort"]


def argsort(x: Any, /, *, axis: int = -1, descending: bool = False, stable: bool = True) -> Any:
    """The standard's ``argsort``: a descending stable sort keeps equal values in order."""
    return along_axis(numpy_sorting.argsort, x, axis, descending=descending, stable=stable)


def sort(x: Any, /, *, axis: int = -1, descending: bool = False, stable: bool = True) -> Any:
    """The standard's ``sort``."""
    return along_axis(numpy_sorting.sort, x, axis, descending=descending, stable=stable)
