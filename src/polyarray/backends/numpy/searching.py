"""Searching functions of the standard, on NumPy.

``where`` and ``searchsorted`` promote their two arrays (or an array and a Python scalar)
to one dtype under polyarray's rules first.
"""

from __future__ import annotations

from typing import Any, Literal

import numpy as np

from polyarray._rules import arguments, checks
from polyarray._rules.elementwise import complex_refused
from polyarray.backends.numpy._arrays import ALL, COMPLEX, ndarray, promoted, to_array

__all__ = ["argmax", "argmin", "count_nonzero", "nonzero", "searchsorted", "where"]

_REAL = ALL - COMPLEX  # (searchsorted of complex numbers is refused)


def argmax(x: Any, /, *, axis: int | None = None, keepdims: bool = False) -> Any:
    """The standard's ``argmax``: the first index of ties and of the first NaN."""
    if axis is not None and (type(axis) is not int or not x.ndim):
        axis = checks.array_axis("argmax", x, axis, tuples=False)  # (NumPy: 0-d axis 0)
    if x.dtype in COMPLEX:  # (NumPy orders complex numbers by their parts; torch refused)
        raise complex_refused("argmax")
    # The method skips np.argmax's __array_function__ dispatch.
    result = x.argmax(axis=axis, keepdims=keepdims)
    return result if type(result) is ndarray else to_array(result)


def argmin(x: Any, /, *, axis: int | None = None, keepdims: bool = False) -> Any:
    """The standard's ``argmin``: the first index of ties and of the first NaN."""
    if axis is not None and (type(axis) is not int or not x.ndim):
        axis = checks.array_axis("argmin", x, axis, tuples=False)
    if x.dtype in COMPLEX:  # (as in argmax)
        raise complex_refused("argmin")
    result = x.argmin(axis=axis, keepdims=keepdims)
    return result if type(result) is ndarray else to_array(result)


def count_nonzero(x: Any, /, *, axis: Any = None, keepdims: bool = False) -> Any:
    """The standard's ``count_nonzero``, an array also where NumPy returns a Python int."""
    if axis is not None and (not x.ndim or (type(axis) is not int and type(axis) is not tuple)):
        axis = checks.array_axis("count_nonzero", x, axis)
    if axis is None and not keepdims:
        # NumPy's count over all axes is a Python int
        # (https://github.com/numpy/numpy/issues/17562).
        return to_array(np.count_nonzero(x))
    result = np.count_nonzero(x, axis=axis, keepdims=keepdims)
    return result if type(result) is ndarray else to_array(result)


def nonzero(x: Any, /) -> Any:
    """The standard's ``nonzero`` (``numpy.nonzero``, which refuses 0-d arrays)."""
    try:
        return np.nonzero(x)
    except ValueError:  # a 0-d array: in the words of every backend
        checks.check_dimensions("nonzero", x)
        raise


def searchsorted(
    x1: Any, x2: Any, /, *, side: Literal["left", "right"] = "left", sorter: Any = None
) -> Any:
    """The standard's ``searchsorted``, after promotion to one dtype."""
    try:
        same = x1.dtype is x2.dtype and x1.dtype in _REAL
    except AttributeError:  # a Python scalar: polyarray's promotion rules apply
        same = False
    if not same:
        x1, x2 = promoted(x1, x2, "searchsorted")
        if x1.dtype in COMPLEX:  # (NumPy orders complex numbers by their parts; torch refused)
            raise complex_refused("searchsorted")
    try:
        if side == "left" and sorter is None:  # NumPy's keyword parsing costs: only what differs
            result = np.searchsorted(x1, x2)
        else:
            result = np.searchsorted(x1, x2, side=side, sorter=sorter)
    except ValueError:  # a sorted array not 1-d, or another side: in polyarray's words
        arguments.check_search(x1, side)
        raise
    return result if type(result) is ndarray else to_array(result)


def where(condition: Any, x1: Any, x2: Any, /) -> Any:
    """The standard's ``where``, after promotion of ``x1`` and ``x2`` to one dtype."""
    try:
        if x1.dtype is x2.dtype and x1.dtype in ALL:
            return np.where(condition, x1, x2)
    except AttributeError:  # a Python scalar: polyarray's promotion rules apply
        pass
    return np.where(condition, *promoted(x1, x2, "where"))
