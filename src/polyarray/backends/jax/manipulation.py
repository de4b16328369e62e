"""Manipulation functions of the standard, on JAX.

The same decisions as on NumPy (``backends/numpy/manipulation.py``), on ``jax.numpy``:
``concat`` and ``stack`` promote arrays of several dtypes by polyarray's rules (JAX's
own table gives float64 for int64 with uint64); an axis given for a 0-d array is out of
range; repeated axes are an ``AxisError`` (JAX: ``TypeError``); ``broadcast_arrays``
gives a tuple (JAX: a list). Every check here is of shapes, dtypes and arguments, which
tracing knows, except ``repeat``'s negative counts, read on concrete arrays only.
"""

from __future__ import annotations

from typing import Any

import jax
import jax.numpy as jnp

from polyarray._rules import arguments, checks, creation, mistakes
from polyarray._rules import shapes as shapes_rule
from polyarray._rules.creation import check_countable
from polyarray.backends.jax._arrays import Array, concrete, one_dtype

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
    """The standard's ``broadcast_arrays``, as a tuple (``jax.numpy``'s gives a list)."""
    return tuple(jnp.broadcast_arrays(*arrays))


def broadcast_shapes(*shapes: Any) -> Any:
    """The standard's ``broadcast_shapes``: polyarray's own, the same on every backend."""
    return shapes_rule.broadcast_shapes(*shapes)


def broadcast_to(x: Any, /, shape: Any) -> Any:
    """The standard's ``broadcast_to``; a negative size is a ``NegativeSizeError`` (JAX:
    TypeError from broadcast_in_dim)."""
    if type(shape) is tuple and checks.all_ints(shape):
        if min(shape, default=0) < 0:
            raise mistakes.mistake_error(mistakes.NEGATIVE_SIZE, "broadcast_to", (x, shape), "")
        # (XLA makes the broadcast array, where NumPy makes a view: within int64 bytes.)
        check_countable("broadcast_to", shape, x.dtype.itemsize)
    try:
        return jnp.broadcast_to(x, shape)
    except ValueError as exc:  # (JAX's words: "Cannot broadcast to shape with fewer...")
        raise mistakes.mistake_error(
            mistakes.BROADCAST, "broadcast_to", (x, shape), str(exc)
        ) from exc


def concat(arrays: Any, /, *, axis: int | None = 0) -> Any:
    """The standard's ``concat``: arrays of several dtypes are promoted first."""
    if axis is not None and type(axis) is not int:
        axis = checks.axis_argument("concat", axis, tuples=False)
    elif axis is not None and not -(2**63) <= axis < 2**63:
        _raise_huge_axis("concat", axis, None)  # (before the dtypes, as on NumPy)
    arrays = one_dtype(arrays, "concat")
    if axis is not None:
        # 0-d arrays have no axis to join along, and the arrays must have as many
        # dimensions (JAX: ValueError and TypeError in its own words).
        for array in arrays:
            checks.check_no_axes("concat", array, axis)
        arguments.check_same_ndim("concat", arrays, "the arrays")
    try:
        return jnp.concatenate(arrays, axis)
    except TypeError as exc:  # shapes that differ off the axis (JAX: TypeError)
        raise mistakes.mistake_error(mistakes.SHAPES, "concat", (arrays,), str(exc)) from exc


def expand_dims(x: Any, /, axis: Any = 0) -> Any:
    """The standard's ``expand_dims`` (``jax.numpy.expand_dims``)."""
    if type(axis) is not int:
        axis = checks.axis_argument("expand_dims", axis, none=False)
        if type(axis) is tuple:  # (the range of the result's axes)
            checks.distinct_axes("expand_dims", axis, x.ndim + len(axis))
    try:
        return jnp.expand_dims(x, axis)
    except ValueError as exc:  # an axis beyond int64: NumPy's ScalarOverflowError
        _raise_huge_axis("expand_dims", axis, exc)
        raise


def flip(x: Any, /, *, axis: Any = None) -> Any:
    """The standard's ``flip``; a repeated axis is an ``AxisError`` (JAX: TypeError)."""
    if axis is not None and (type(axis) is not int or not x.ndim):
        axis = checks.array_axis("flip", x, axis)
        if type(axis) is tuple and x.ndim:
            checks.distinct_axes("flip", axis, x.ndim)
    try:
        return jnp.flip(x, axis)
    except ValueError as exc:  # (as in expand_dims)
        _raise_huge_axis("flip", axis, exc)
        raise


def _raise_huge_axis(name: str, axis: Any, exc: Exception | None) -> None:
    """Raise the ``ScalarOverflowError`` of an axis no int64 holds (JAX: out of range)."""
    huge = checks.beyond_int64(name, axis)
    if huge is not None:
        raise huge from exc


def moveaxis(x: Any, source: Any, destination: Any, /) -> Any:
    """The standard's ``moveaxis``; repeated axes are an ``AxisError`` (JAX: TypeError)."""
    if type(source) is not int or type(destination) is not int:
        source, destination = arguments.moveaxis_axes(source, destination)
        for axes in (source, destination):
            checks.distinct_axes("moveaxis", axes if type(axes) is tuple else (axes,), x.ndim)
    try:
        return jnp.moveaxis(x, source, destination)
    except ValueError:
        # The source's axes, then the destination's, as NumPy checks them: one no int64
        # holds is a ScalarOverflowError, one out of range an AxisError.
        for axes in (source, destination):
            for a in axes if type(axes) is tuple else (axes,):
                huge = checks.beyond_int64("moveaxis", a)
                if huge is not None:
                    raise huge from None
                if not -x.ndim <= a < x.ndim:
                    checks.array_axis("moveaxis", x, a, tuples=False, none=False)
                    raise  # (the first out of range: JAX's error, an AxisError)
        raise


def permute_dims(x: Any, /, axes: Any) -> Any:
    """The standard's ``permute_dims``: each axis once (JAX: TypeError, ValueError)."""
    if (type(axes) is not tuple and type(axes) is not list) or bool in map(type, axes):
        raise arguments.permutation_error("permute_dims", x, axes)  # (JAX took booleans)
    try:
        return jnp.permute_dims(x, tuple(axes))
    except (TypeError, ValueError) as exc:
        # jax.numpy.permute_dims refuses negative axes, which NumPy, torch and the
        # standard take (counted from the end): retried here, off the common path.
        ndim = x.ndim
        if isinstance(axes, (tuple, list)) and all(type(a) is int and a >= -ndim for a in axes):
            forward = tuple(a + ndim if a < 0 else a for a in axes)
            if sorted(forward) == list(range(ndim)):
                return jnp.permute_dims(x, forward)
        raise arguments.permutation_error("permute_dims", x, axes) from exc


def repeat(x: Any, repeats: Any, /, *, axis: int | None = None) -> Any:
    """The standard's ``repeat``; no axis for a 0-d array, no negative counts."""
    if type(repeats) is not int:
        if isinstance(repeats, Array):
            arguments.check_repeat_counts("repeat", repeats)  # (JAX takes booleans)
            if concrete(repeats) and repeats.size and bool((repeats < 0).any()):
                # (JAX: TypeError from broadcast_in_dim; NumPy: ValueError)
                raise mistakes.mistake_error(
                    mistakes.NEGATIVE_SIZE, "repeat", (x, repeats), "repeats < 0"
                )
        else:  # (JAX takes 2.0 and True as counts)
            repeats = checks.integer_argument("repeat", "repeats", repeats)
    if type(repeats) is int and repeats >= 2**63:  # (before its size, as NumPy reports it)
        raise mistakes.mistake_error(mistakes.INT_OVERFLOW, "repeat", (repeats,), "repeats")
    if type(repeats) is int and repeats < 0:
        raise mistakes.mistake_error(mistakes.NEGATIVE_SIZE, "repeat", (x, repeats), "repeats < 0")
    if axis is not None:  # (JAX takes axis 0 of a 0-d array)
        huge = checks.beyond_int64("repeat", axis)  # (as NumPy reports such an axis)
        if huge is not None:
            raise huge
        axis = checks.array_axis("repeat", x, axis, tuples=False)
    if type(repeats) is int and (axis is None or -x.ndim <= axis < x.ndim):
        length = x.size if axis is None else x.shape[axis]
        check_countable("repeat", (length * repeats, x.size // max(length, 1)), x.dtype.itemsize)
    return jnp.repeat(x, repeats, axis)


def reshape(x: Any, /, shape: Any, *, copy: bool | None = None) -> Any:
    """The standard's ``reshape``. JAX arrays are immutable and never share memory in a
    way a program can see, so ``copy=False`` is always possible."""
    if type(shape) is tuple and shape == x.shape and x.ndim and checks.all_ints(shape):
        return x  # (jax.numpy's answer, after 6 us of Python: lax.reshape returns x itself)
    if type(shape) is not tuple or not checks.all_ints(shape) or min(shape, default=0) < -1:
        # A shape not a tuple of ints, a size below -1: polyarray's error (JAX takes an int
        # for a 1-d shape).
        arguments.check_reshape_shape("reshape", shape)
        shape = tuple(checks.integer_sequence("reshape", "shape", shape))
    if shape.count(-1) > 1:
        arguments.check_reshape_shape("reshape", shape)
    if max(shape, default=0) >= 2**63:  # (JAX: TypeError, "cannot reshape")
        raise mistakes.mistake_error(mistakes.INT_OVERFLOW, "reshape", (x, shape), "")
    if not x.size:  # (sizes beside the 0 too large to count: XLA aborts the process)
        creation.check_countable("reshape", [s for s in shape if s > 0], x.dtype.itemsize)
    try:
        return _reshaped(x, shape)
    except (TypeError, ZeroDivisionError) as exc:
        # Sizes that do not hold x's elements (JAX: TypeError), or -1 beside a 0 for an
        # empty x (JAX: ZeroDivisionError; -1 could be any size there).
        raise mistakes.mistake_error(mistakes.RESHAPE, "reshape", (x, shape), str(exc)) from exc


# (compiled once per shape: eager, jax.numpy's reshape costs some 15 us of Python)
_reshaped = jax.jit(jnp.reshape, static_argnums=1)


def roll(x: Any, /, shift: Any, *, axis: Any = None) -> Any:
    """The standard's ``roll``; over no axes (``axis=()``), ``x`` unchanged."""
    if type(shift) is not int:  # (JAX takes float shifts)
        shift = checks.integer_argument("roll", "shift", shift, tuples=True)
        arguments.check_roll_shift(shift, axis)
    if axis is not None and (type(axis) is not int or not x.ndim):
        axis = checks.array_axis("roll", x, axis)
        if axis == ():
            return x
    if not _in_int64(shift):
        shift = _reduced_shift(x, shift, axis)  # the same roll (JAX overflows on them)
    return jnp.roll(x, shift, axis)


def _in_int64(shift: Any) -> bool:
    """Whether a shift (or a tuple of them) lies within int64."""
    shifts = shift if type(shift) is tuple else (shift,)
    return all(-(2**63) <= s < 2**63 for s in shifts)


def _reduced_shift(x: Any, shift: Any, axis: Any) -> Any:
    """Each shift modulo its axis's length (of the flattened array for axis=None)."""
    if axis is None:
        return shift % max(x.size, 1)
    if type(axis) is int:
        return shift % max(x.shape[axis], 1)
    if type(shift) is int:  # one shift for every axis
        return tuple(shift % max(x.shape[a], 1) for a in axis)
    return tuple(s % max(x.shape[a], 1) for s, a in zip(shift, axis, strict=True))


def squeeze(x: Any, /, axis: Any) -> Any:
    """The standard's ``squeeze``: the axis is required; no axis for a 0-d array."""
    if type(axis) is not int or not x.ndim:
        axis = checks.array_axis("squeeze", x, axis, none=False)
        if type(axis) is tuple and x.ndim:
            checks.distinct_axes("squeeze", axis, x.ndim)
    return jnp.squeeze(x, axis)


def stack(arrays: Any, /, *, axis: int = 0) -> Any:
    """The standard's ``stack``: arrays of several dtypes are promoted first."""
    if type(axis) is not int:
        axis = checks.axis_argument("stack", axis, tuples=False, none=False)
    arrays = one_dtype(arrays, "stack")
    if len({tuple(array.shape) for array in arrays}) > 1:  # (JAX: ValueError, its words)
        shapes = ", ".join(str(tuple(array.shape)) for array in arrays)
        raise mistakes.mistake_error(mistakes.SHAPES, "stack", (arrays,), shapes)
    return jnp.stack(arrays, axis=axis)


def tile(x: Any, repetitions: Any, /) -> Any:
    """The standard's ``tile``."""
    if type(repetitions) is not tuple or not checks.all_ints(repetitions):
        repetitions = checks.integer_sequence("tile", "repetitions", repetitions)
    shape = creation.check_repetitions("tile", repetitions, x)  # (and its countable size)
    if 0 in shape:
        return jnp.zeros(shape, dtype=x.dtype)
    return _tiled(x, tuple(repetitions))


# (compiled once per shape and counts: eager, jax.numpy's tile costs some 13 us of Python
# around its broadcast and reshape)
_tiled = jax.jit(jnp.tile, static_argnums=1)


def unstack(x: Any, /, *, axis: int = 0) -> Any:
    """The standard's ``unstack``: a tuple of arrays."""
    if type(axis) is not int or not x.ndim:
        axis = checks.array_axis("unstack", x, axis, tuples=False, none=False)
    try:
        return jnp.unstack(x, axis=axis)
    except ValueError as exc:  # (as in expand_dims)
        _raise_huge_axis("unstack", axis, exc)
        raise
