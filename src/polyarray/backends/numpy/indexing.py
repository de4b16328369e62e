"""Indexing functions of the standard, on NumPy."""

from __future__ import annotations

from typing import Any

import numpy as np

from polyarray.backends.numpy._arrays import ndarray, to_array

__all__ = ["take", "take_along_axis"]


def take(x: Any, indices: Any, /, *, axis: int | None = None) -> Any:
    """The standard's ``take`` (``numpy.take``; a 0-d result is an array)."""
    result = np.take(x, indices, axis=axis)
    return result if type(result) is ndarray else to_array(result)


def take_along_axis(x: Any, indices: Any, /, *, axis: int = -1) -> Any:
    """The standard's ``take_along_axis`` (``numpy.take_along_axis``)."""
    result = np.take_along_axis(x, indices, axis=axis)
    return result if type(result) is ndarray else to_array(result)
