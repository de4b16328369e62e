"""Indexing functions of the standard, on NumPy.

Indices must be integers of any dtype (NumPy also took booleans as 0 and 1, and wrapped
uint64 indices from 2**63 up to negative ones); ``take`` takes 1-d indices and, without an
axis, a 1-d array only, as the standard says (NumPy took any shape, and flattened).
"""

from __future__ import annotations

from typing import Any, Final

import numpy as np

from polyarray._dtypes import PYTHON_SCALARS
from polyarray._rules import arguments, checks
from polyarray.backends.numpy._arrays import INTEGRAL, ndarray, to_array

__all__ = ["take", "take_along_axis"]

#: The index dtypes NumPy takes as they are (uint64 ones are checked first).
_INTEGER_INDICES: Final = INTEGRAL - {np.dtype(np.bool_), np.dtype(np.uint64)}
_UINT64: Final = np.dtype(np.uint64)
_INTP_MAX: Final = np.iinfo(np.intp).max


def _checked_indices(name: str, indices: Any) -> Any:
    """Refuse indices that are not integers, and uint64 ones NumPy would wrap."""
    if indices.dtype is not _UINT64:
        raise arguments.integer_indices_error(name, str(indices.dtype))
    if indices.size and indices.max() > _INTP_MAX:
        # (NumPy casts them to intp, where 2**64 - 1 is -1: the last element)
        raise IndexError(f"index {int(indices.max())} is out of bounds")
    return indices


def take(x: Any, indices: Any, /, *, axis: int | None = None) -> Any:
    """The standard's ``take`` (``numpy.take``; a 0-d result is an array)."""
    if type(x) in PYTHON_SCALARS:  # (a 0-d x, refused below in the order of NumPy's checks)
        x = np.asarray(x)
    if indices.dtype not in _INTEGER_INDICES:
        indices = _checked_indices("take", indices)
    if indices.ndim != 1:
        arguments.check_take_indices("take", indices)
    if axis is None:
        if x.ndim != 1:
            arguments.take_without_axis("take", x)
    elif type(axis) is not int or not x.ndim:
        axis = checks.array_axis("take", x, axis, tuples=False)
    result = np.take(x, indices, axis=axis)
    return result if type(result) is ndarray else to_array(result)


def take_along_axis(x: Any, indices: Any, /, *, axis: int = -1) -> Any:
    """The standard's ``take_along_axis`` (``numpy.take_along_axis``)."""
    if type(x) in PYTHON_SCALARS:  # (a 0-d x, refused below in the order of NumPy's checks)
        x = np.asarray(x)
    if indices.dtype not in _INTEGER_INDICES:
        indices = _checked_indices("take_along_axis", indices)
    if type(axis) is not int or not x.ndim:
        # (NumPy takes axis=None, flattening, which the standard does not)
        axis = checks.array_axis("take_along_axis", x, axis, tuples=False, none=False)
    try:
        result = np.take_along_axis(x, indices, axis=axis)
    except ValueError:  # "must have the same number of dimensions": polyarray's words
        arguments.check_same_ndim("take_along_axis", (x, indices), "x and indices")
        raise
    return result if type(result) is ndarray else to_array(result)
