"""Manipulation functions of the standard, on NumPy.

``concat`` and ``stack`` promote arrays of several dtypes under polyarray's rules first
(NumPy itself tells those from arrays of one dtype, which its ``"no"`` casting takes);
``squeeze`` and ``repeat`` refuse an axis for a 0-d array, which has none (NumPy takes
axis 0 there in these two only).
"""

from __future__ import annotations

from typing import Any, Final

import numpy as np

from polyarray._rules import arguments, checks, creation, mistakes
from polyarray._rules import shapes as shapes_rule
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

#: The end of a C int's range, in which NumPy reads permute_dims' axes.
_C_INT_END: Final = 2**31


def broadcast_arrays(*arrays: Any) -> Any:
    """The standard's ``broadcast_arrays`` (``numpy.broadcast_arrays``), as a tuple."""
    result = np.broadcast_arrays(*arrays)
    return result if type(result) is tuple else tuple(result)  # a tuple since NumPy 2.0


def broadcast_shapes(*shapes: Any) -> Any:
    """The standard's ``broadcast_shapes``: polyarray's own, the same on every backend
    (``numpy.broadcast_shapes`` took what torch refused, and the other way round)."""
    return shapes_rule.broadcast_shapes(*shapes)


def broadcast_to(x: Any, /, shape: Any) -> Any:
    """The standard's ``broadcast_to`` (``numpy.broadcast_to``: a read-only view)."""
    return np.broadcast_to(x, shape)


def concat(arrays: Any, /, *, axis: int | None = 0) -> Any:
    """The standard's ``concat``: arrays of several dtypes are promoted first."""
    if axis is not None and type(axis) is not int:
        axis = checks.axis_argument("concat", axis, tuples=False)
    try:  # arrays of one dtype, the common case, tested by NumPy itself ("no" casting)
        result = np.concatenate(arrays, axis, casting="no")
    except (TypeError, ValueError):
        result = None  # several dtypes, or an error: raised by the general path below
    if result is None:
        arrays = one_dtype(arrays, "concat")
        if axis is not None:  # 0-d arrays have no axis to join along (NumPy: ValueError)
            for array in arrays:
                checks.check_no_axes("concat", array, axis)
            arguments.check_same_ndim("concat", arrays, "the arrays")
        result = np.concatenate(arrays, axis)
    return result if type(result) is ndarray else to_array(result)


def expand_dims(x: Any, /, axis: int = 0) -> Any:
    """The standard's ``expand_dims`` (``numpy.expand_dims``)."""
    if type(axis) is not int:
        axis = checks.axis_argument("expand_dims", axis, none=False)
    return np.expand_dims(x, axis)


def flip(x: Any, /, *, axis: Any = None) -> Any:
    """The standard's ``flip`` (``numpy.flip``; a 0-d result is an array)."""
    if axis is not None and (type(axis) is not int or not x.ndim):  # (NumPy: axis=True)
        axis = checks.array_axis("flip", x, axis)
    result = np.flip(x, axis)
    return result if type(result) is ndarray else to_array(result)


def moveaxis(x: Any, source: Any, destination: Any, /) -> Any:
    """The standard's ``moveaxis`` (``numpy.moveaxis``)."""
    if type(source) is not int or type(destination) is not int:
        source, destination = arguments.moveaxis_axes(source, destination)
    return np.moveaxis(x, source, destination)


def permute_dims(x: Any, /, axes: Any) -> Any:
    """The standard's ``permute_dims`` (``numpy.transpose`` with its axes required)."""
    if type(axes) is not tuple and type(axes) is not list:  # (NumPy: None reverses them)
        raise arguments.permutation_error("permute_dims", x, axes)
    try:
        result = x.transpose(axes)  # (np.transpose's Python wrapper costs more than the check)
    except (TypeError, ValueError) as exc:  # "axes don't match array", AxisError: each
        # axis once; an entry that is no int
        raise arguments.permutation_error("permute_dims", x, axes) from exc
    if axes and (max(axes) >= _C_INT_END or min(axes) < -_C_INT_END):
        # NumPy reads each axis as a C int: 2**62 was silently axis 0.
        raise arguments.permutation_error("permute_dims", x, axes)
    return result if type(result) is ndarray else to_array(result)


def repeat(x: Any, repeats: Any, /, *, axis: int | None = None) -> Any:
    """The standard's ``repeat`` (``numpy.repeat``); no axis for a 0-d array."""
    if type(repeats) is not int:
        if type(repeats) is ndarray:
            arguments.check_repeat_counts("repeat", repeats)  # (NumPy takes booleans)
        else:  # (NumPy takes 2.0 and True as counts)
            repeats = checks.integer_argument("repeat", "repeats", repeats)
    if (
        type(repeats) is int and repeats < 0
    ):  # (NumPy repeats an empty array -1 times; torch refuses)
        raise mistakes.mistake_error(mistakes.NEGATIVE_SIZE, "repeat", (x, repeats), "repeats < 0")
    if axis is not None:
        axis = checks.array_axis("repeat", x, axis, tuples=False)
    if type(repeats) is int and repeats >= 2**31:  # (NumPy's count overflowed to negative)
        if repeats >= 2**63:  # beyond int64 first, as on torch and JAX
            raise mistakes.mistake_error(mistakes.INT_OVERFLOW, "repeat", (repeats,), "")
        if axis is not None:
            checks.distinct_axes("repeat", (axis,), x.ndim)
        length = x.size if axis is None else x.shape[axis]
        others = x.size // max(length, 1) if axis is not None else 1
        creation.check_countable("repeat", (length * repeats, others), x.dtype.itemsize)
    result = np.repeat(x, repeats, axis)
    return result if type(result) is ndarray else to_array(result)


def reshape(x: Any, /, shape: Any, *, copy: bool | None = None) -> Any:
    """The standard's ``reshape``: a view where possible; ``copy=False`` refuses to copy."""
    try:
        result = x.reshape(shape) if copy is None else np.reshape(x, shape, copy=copy)
    except ValueError:
        if not x.size and type(shape) is tuple:  # ("array is too big": as on every backend)
            creation.check_countable("reshape", [s for s in shape if s > 0], x.dtype.itemsize)
        raise
    if result.shape != shape and (type(shape) is not tuple or -1 not in shape):
        # A shape not a tuple, or a negative size other than -1 (NumPy refuses two
        # negative sizes itself): NumPy takes -2 for -1 and an int for a 1-d shape.
        arguments.check_reshape_shape("reshape", shape)
    return result


def roll(x: Any, /, shift: Any, *, axis: Any = None) -> Any:
    """The standard's ``roll`` (``numpy.roll``)."""
    if type(shift) is not int:  # (NumPy takes float shifts)
        shift = checks.integer_argument("roll", "shift", shift, tuples=True)
        arguments.check_roll_shift(shift, axis)
    if axis is not None and (type(axis) is not int or not x.ndim):
        axis = checks.array_axis("roll", x, axis)
        if axis == ():  # over no axes, nothing moves (NumPy fails for 0-d arrays)
            return x.copy()
    result = np.roll(x, shift, axis)
    return result if type(result) is ndarray else to_array(result)


def squeeze(x: Any, /, axis: Any) -> Any:
    """The standard's ``squeeze`` (``numpy.squeeze``); no axis for a 0-d array."""
    if type(axis) is not int or not x.ndim:
        # The axis is required, as the standard's signature says (NumPy's None squeezes
        # every axis of length 1); NumPy takes axis 0 of a 0-d array.
        axis = checks.array_axis("squeeze", x, axis, none=False)
    result = np.squeeze(x, axis)
    return result if type(result) is ndarray else to_array(result)


def stack(arrays: Any, /, *, axis: int = 0) -> Any:
    """The standard's ``stack``: arrays of several dtypes are promoted first."""
    if type(axis) is not int:
        axis = checks.axis_argument("stack", axis, tuples=False, none=False)
    try:  # as in concat: one dtype, tested by NumPy
        result = np.stack(arrays, axis=axis, casting="no")
    except (TypeError, ValueError, OverflowError):  # (an axis beyond a C int: the dtypes
        result = None  # first, as for axis=5 and on every backend; docs/errors.md)
    if result is None:
        result = np.stack(one_dtype(arrays, "stack"), axis=axis)
    return result if type(result) is ndarray else to_array(result)


def tile(x: Any, repetitions: Any, /) -> Any:
    """The standard's ``tile`` (``numpy.tile``)."""
    if type(repetitions) is not tuple or not checks.all_ints(repetitions):
        repetitions = checks.integer_sequence("tile", "repetitions", repetitions)
    shape = creation.check_repetitions("tile", repetitions, x)
    if 0 in shape:  # (NumPy tiles through arrays that may be too large, before the 0)
        return np.empty(shape, dtype=x.dtype)
    result = np.tile(x, repetitions)
    return result if type(result) is ndarray else to_array(result)


def unstack(x: Any, /, *, axis: int = 0) -> Any:
    """The standard's ``unstack`` (``numpy.unstack``): a tuple of arrays."""
    if type(axis) is not int or not x.ndim:
        axis = checks.array_axis("unstack", x, axis, tuples=False, none=False)
    parts = np.unstack(x, axis=axis)
    # The parts of a 1-d array are NumPy scalars; those of others arrays already.
    return parts if x.ndim > 1 else to_array(parts)
