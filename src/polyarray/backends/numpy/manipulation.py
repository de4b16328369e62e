"""Manipulation functions of the standard, on NumPy.

``concat`` and ``stack`` promote arrays of several dtypes under polyarray's rules first
(NumPy itself tells those from arrays of one dtype, which its ``"no"`` casting takes);
``squeeze`` and ``repeat`` refuse an axis for a 0-d array, which has none (NumPy takes
axis 0 there in these two only).
"""

from __future__ import annotations

from typing import Any

import numpy as np

from polyarray._rules import checks
from polyarray.backends.numpy._arrays import ndarray, one_dtype, to_array

__all__ = [
    "broadcast_arrays",
    "broadcast_shapes",
    "broadcast_to",
    "concat",
    "expand_dims",
    "flip",
    "moveaxis",
    "permute_dims",
    "repeat",
    "reshape",
    "roll",
    "squeeze",
    "stack",
    "tile",
    "unstack",
]


def broadcast_arrays(*arrays: Any) -> Any:
    """The standard's ``broadcast_arrays`` (``numpy.broadcast_arrays``), as a tuple."""
    result = np.broadcast_arrays(*arrays)
    return result if type(result) is tuple else tuple(result)  # a tuple since NumPy 2.0


def broadcast_shapes(*shapes: Any) -> Any:
    """The standard's ``broadcast_shapes`` (``numpy.broadcast_shapes``)."""
    return np.broadcast_shapes(*shapes)


def broadcast_to(x: Any, /, shape: Any) -> Any:
    """The standard's ``broadcast_to`` (``numpy.broadcast_to``: a read-only view)."""
    return np.broadcast_to(x, shape)


def concat(arrays: Any, /, *, axis: int | None = 0) -> Any:
    """The standard's ``concat``: arrays of several dtypes are promoted first."""
    try:  # arrays of one dtype, the common case, tested by NumPy itself ("no" casting)
        result = np.concatenate(arrays, axis, casting="no")
    except (TypeError, ValueError):
        result = None  # several dtypes, or an error: raised by the general path below
    if result is None:
        result = np.concatenate(one_dtype(arrays, "concat"), axis)
    return result if type(result) is ndarray else to_array(result)


def expand_dims(x: Any, /, axis: int = 0) -> Any:
    """The standard's ``expand_dims`` (``numpy.expand_dims``)."""
    return np.expand_dims(x, axis)


def flip(x: Any, /, *, axis: Any = None) -> Any:
    """The standard's ``flip`` (``numpy.flip``; a 0-d result is an array)."""
    result = np.flip(x, axis)
    return result if type(result) is ndarray else to_array(result)


def moveaxis(x: Any, source: Any, destination: Any, /) -> Any:
    """The standard's ``moveaxis`` (``numpy.moveaxis``)."""
    return np.moveaxis(x, source, destination)


def permute_dims(x: Any, /, axes: Any) -> Any:
    """The standard's ``permute_dims`` (``numpy.transpose`` with its axes required)."""
    result = np.transpose(x, axes)
    return result if type(result) is ndarray else to_array(result)


def repeat(x: Any, repeats: Any, /, *, axis: int | None = None) -> Any:
    """The standard's ``repeat`` (``numpy.repeat``); no axis for a 0-d array."""
    checks.check_no_axes("repeat", x, axis)
    result = np.repeat(x, repeats, axis)
    return result if type(result) is ndarray else to_array(result)


def reshape(x: Any, /, shape: Any, *, copy: bool | None = None) -> Any:
    """The standard's ``reshape``: a view where possible; ``copy=False`` refuses to copy."""
    if copy is None:
        return x.reshape(shape)
    return np.reshape(x, shape, copy=copy)


def roll(x: Any, /, shift: Any, *, axis: Any = None) -> Any:
    """The standard's ``roll`` (``numpy.roll``)."""
    result = np.roll(x, shift, axis)
    return result if type(result) is ndarray else to_array(result)


def squeeze(x: Any, /, axis: Any) -> Any:
    """The standard's ``squeeze`` (``numpy.squeeze``); no axis for a 0-d array."""
    checks.check_no_axes("squeeze", x, axis)
    result = np.squeeze(x, axis)
    return result if type(result) is ndarray else to_array(result)


def stack(arrays: Any, /, *, axis: int = 0) -> Any:
    """The standard's ``stack``: arrays of several dtypes are promoted first."""
    try:  # as in concat: one dtype, tested by NumPy
        result = np.stack(arrays, axis=axis, casting="no")
    except (TypeError, ValueError):
        result = None
    if result is None:
        result = np.stack(one_dtype(arrays, "stack"), axis=axis)
    return result if type(result) is ndarray else to_array(result)


def tile(x: Any, repetitions: Any, /) -> Any:
    """The standard's ``tile`` (``numpy.tile``)."""
    result = np.tile(x, repetitions)
    return result if type(result) is ndarray else to_array(result)


def unstack(x: Any, /, *, axis: int = 0) -> Any:
    """The standard's ``unstack`` (``numpy.unstack``): a tuple of arrays."""
    parts = np.unstack(x, axis=axis)
    # The parts of a 1-d array are NumPy scalars; those of others arrays already.
    return parts if x.ndim > 1 else to_array(parts)
