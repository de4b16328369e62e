"""Manipulation functions of the standard, on torch.

``concat`` and ``stack`` promote their arrays to one dtype by polyarray's rules; an axis
given for a 0-d tensor is out of range (torch accepts 0 and -1); uint16/uint32/uint64,
which many of torch's data-movement kernels lack, move as the signed integers of the same
bits; ``broadcast_shapes`` gives a tuple (torch: ``torch.Size``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Final

import torch

from polyarray._rules import arguments, checks, creation, mistakes
from polyarray._rules import shapes as shapes_rule
from polyarray.backends.torch import _unsigned as unsigned
from polyarray.backends.torch._arrays import UNSIGNED, compat, sequence_promoted

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

# torch's stubs leave these untyped.
_broadcast_tensors: Final[Callable[..., Any]] = torch.broadcast_tensors
# The unsigned dtypes' path: every tensor of the argument's dtype viewed as signed bits.
_repeat_bits: Final = unsigned.through(compat.repeat, order=False, values_out="all")
_roll_bits: Final = unsigned.through(torch.roll, order=False, values_out="all")
_tile_bits: Final = unsigned.through(torch.tile, order=False, values_out="all")
_unstack_bits: Final = unsigned.through(compat.unstack, order=False, values_out="all")


def broadcast_arrays(*arrays: Any) -> Any:
    """The standard's ``broadcast_arrays``: a tuple of broadcast views."""
    return _broadcast_tensors(*arrays)


def broadcast_shapes(*shapes: Any) -> tuple[int, ...]:
    """The standard's ``broadcast_shapes``: polyarray's own, the same on every backend
    (torch read None as (), took floats and bools, failed on NumPy integers)."""
    return shapes_rule.broadcast_shapes(*shapes)


def broadcast_to(x: Any, /, shape: Any) -> Any:
    """The standard's ``broadcast_to``."""
    result = torch.broadcast_to(x, shape)
    if type(shape) is tuple and (0 in shape or result.numel() >= _HUGE):
        # Beside a 0 torch takes negative sizes, and it makes views of more bytes than
        # int64 counts: NumPy refuses both (NegativeSizeError, AllocationError).
        if min(shape) < 0:
            raise mistakes.mistake_error(
                mistakes.NEGATIVE_SIZE, "broadcast_to", (shape,), "sizes must be at least 0"
            )
        creation.check_countable("broadcast_to", shape, x.dtype.itemsize)
    return result


#: The fewest elements whose bytes int64 may fail to count (16 bytes an element at most).
_HUGE = 2**59


def concat(arrays: Any, /, *, axis: int | None = 0) -> Any:
    """The standard's ``concat``, of the arrays promoted to one dtype."""
    if axis is not None and type(axis) is not int:
        axis = checks.axis_argument("concat", axis, tuples=False)
    if type(arrays) is not list:
        arrays = list(arrays)
    if arrays:
        dtype = arrays[0].dtype
        for array in arrays:
            if array.dtype is not dtype:
                error = checks.beyond_int64("concat", axis)  # (before the dtypes, as NumPy)
                if error is not None:
                    raise error
                arrays = sequence_promoted(arrays)
                break
    if axis is None:
        # torch.concat has no axis=None (https://github.com/pytorch/pytorch/issues/70925).
        return torch.cat([a.reshape(-1) for a in arrays])
    # (torch parses its arguments slowly: the default axis is left to it; torch.cat, of
    # which torch.concat is an alias, is found ~70 ns sooner)
    try:
        result = torch.cat(arrays) if axis == 0 else torch.cat(arrays, axis)
    except RuntimeError:
        for array in arrays:  # 0-d tensors have no axis to join along: AxisError
            checks.check_no_axes("concat", array, axis)
        arguments.check_same_ndim("concat", arrays, "the arrays")
        raise
    ndim = result.ndim
    for array in arrays:
        if array.ndim != ndim:
            # torch skips 1-d empty tensors whatever their neighbours and the axis (its
            # legacy rule, https://github.com/pytorch/pytorch/issues/86918): NumPy's errors.
            arguments.check_same_ndim("concat", arrays, "the arrays")
    if ndim == 1 and axis != 0 and axis != -1:
        checks.distinct_axes("concat", (axis,), 1)  # (all of them skipped)
    return result


def stack(arrays: Any, /, *, axis: int = 0) -> Any:
    """The standard's ``stack``, of the arrays promoted to one dtype."""
    if type(axis) is not int:
        axis = checks.axis_argument("stack", axis, tuples=False, none=False)
    if type(arrays) is not list:
        arrays = list(arrays)
    if arrays:
        dtype = arrays[0].dtype
        for array in arrays:
            if array.dtype is not dtype:
                arrays = sequence_promoted(arrays)
                break
    try:
        return torch.stack(arrays) if axis == 0 else torch.stack(arrays, axis)
    except (IndexError, RuntimeError, TypeError, ValueError) as exc:  # an axis out of range,
        # or beyond int64: the shapes are looked at first, as NumPy does (docs/errors.md)
        shapes = {tuple(array.shape) for array in arrays}
        if len(shapes) > 1:
            raise mistakes.mistake_error(mistakes.SHAPES, "stack", (arrays,), str(exc)) from exc
        raise


def expand_dims(x: Any, /, axis: Any = 0) -> Any:
    """The standard's ``expand_dims``; several axes at once too."""
    if type(axis) is int:
        return torch.unsqueeze(x, axis)
    axis = checks.axis_argument("expand_dims", axis, none=False)
    if type(axis) is tuple:  # (the range of the result's axes; array-api-compat: ValueError)
        checks.distinct_axes("expand_dims", axis, x.ndim + len(axis))
    # torch has no expand_dims (https://github.com/pytorch/pytorch/issues/58742);
    # array-api-compat's inserts several axes and checks them.
    return compat.expand_dims(x, axis)


def flip(x: Any, /, *, axis: Any = None) -> Any:
    """The standard's ``flip``: every axis by default (torch.flip needs them)."""
    if axis is None:
        ndim = x.ndim
        axis = _ALL_AXES[ndim] if ndim < len(_ALL_AXES) else tuple(range(ndim))
    else:
        if type(axis) is not int:  # (NumPy integers, and polyarray's TypeError for lists)
            axis = checks.axis_argument("flip", axis)
        checks.check_no_axes("flip", x, axis)
        if type(axis) is int:
            # torch.flip takes no int axis (https://github.com/pytorch/pytorch/issues/18095).
            axis = (axis,)
    if x.dtype in UNSIGNED:
        return unsigned.from_bits(torch.flip(unsigned.to_bits(x), axis), x.dtype)
    return torch.flip(x, axis)


# Every axis of tensors of up to 64 dimensions, made once (for flip).
_ALL_AXES: Final = [tuple(range(ndim)) for ndim in range(65)]


def moveaxis(x: Any, source: Any, destination: Any, /) -> Any:
    """The standard's ``moveaxis``."""
    if type(source) is not int or type(destination) is not int:
        # (torch takes lists, and neither an int with a tuple nor NumPy integers)
        source, destination = arguments.moveaxis_axes(source, destination)
    if not x.ndim:  # (torch takes axes 0 and -1 of 0-d tensors)
        _check_axes_in_order(x, source, destination)
    try:
        return torch.moveaxis(x, source, destination)
    except (IndexError, RuntimeError, TypeError, ValueError):  # (the last two: beyond int64)
        _check_axes_in_order(x, source, destination)
        raise  # (an axis out of range or repeated: translated as an AxisError)


def _check_axes_in_order(x: Any, source: Any, destination: Any) -> None:
    """NumPy's order of ``moveaxis`` checks: the source's axes, then the destination's,
    each a ``ScalarOverflowError`` where no int64 holds it, and the first out of range
    ends the checks (``moveaxis(x, -5, 2**64)`` of a 2-d ``x`` is an ``AxisError``)."""
    for axes in (source, destination):
        for a in axes if type(axes) is tuple else (axes,):
            huge = checks.beyond_int64("moveaxis", a)
            if huge is not None:
                raise huge from None
            if not -x.ndim <= a < x.ndim:
                checks.check_no_axes("moveaxis", x, a)  # (a 0-d x has none)
                raise mistakes.mistake_error(mistakes.AXIS, "moveaxis", (x,), f"axis {a}")


def permute_dims(x: Any, /, axes: Any) -> Any:
    """The standard's ``permute_dims``."""
    try:
        return torch.permute(x, axes)
    except (RuntimeError, IndexError, TypeError) as exc:  # as many axes as x has, each
        # once; a tuple of ints
        raise arguments.permutation_error("permute_dims", x, axes) from exc


def repeat(x: Any, repeats: Any, /, *, axis: int | None = None) -> Any:
    """The standard's ``repeat`` (torch's ``repeat_interleave``)."""
    if (
        type(repeats) is int
        and repeats >= 0
        and x.dtype not in UNSIGNED
        and (axis is None or x.ndim)
    ):
        try:
            return torch.repeat_interleave(x, repeats, axis)
        except RuntimeError:
            if x.numel():
                raise
            return _empty_repeat(x, repeats, axis)  # (torch refused huge counts of nothing)
    if not isinstance(repeats, torch.Tensor):
        repeats = checks.integer_argument("repeat", "repeats", repeats)
        if repeats < 0:  # before the axis and int64's range, as on NumPy
            raise mistakes.mistake_error(
                mistakes.NEGATIVE_SIZE, "repeat", (x, repeats), "repeats < 0"
            )
    elif repeats.dtype is not torch.int64:  # (torch counts in int64 only)
        arguments.check_repeat_counts("repeat", repeats)
        repeats = repeats.to(torch.int64)
    if axis is not None:
        axis = checks.array_axis("repeat", x, axis, tuples=False)
    # array-api-compat's repeat widens int8/int16 repeats, which torch refuses
    # (https://github.com/pytorch/pytorch/issues/151311).
    try:
        return _repeat_bits(x, repeats, axis=axis)
    except RuntimeError as exc:  # counts that do not fit the axis: as NumPy reports it
        if not isinstance(repeats, torch.Tensor):
            raise
        raise mistakes.mistake_error(mistakes.BROADCAST, "repeat", (x, repeats), str(exc)) from exc


def _empty_repeat(x: Any, repeats: int, axis: int | None) -> Any:
    """``repeat`` of an ``x`` without elements: NumPy's shape, its count checked as NumPy
    checks it (an ``AllocationError`` for more than int64 counts)."""
    if axis is None:
        return x.new_empty((0,))
    checks.distinct_axes("repeat", (axis,), x.ndim)
    shape = list(x.shape)
    shape[axis] *= repeats
    creation.check_countable("repeat", [n for n in shape if n], x.element_size())
    return x.new_empty(shape)


def reshape(x: Any, /, shape: Any, *, copy: bool | None = None) -> Any:
    """The standard's ``reshape``; ``copy=False`` refuses to copy, ``copy=True`` always does."""
    try:
        # (torch.reshape: the method is slower with a tuple)
        result = torch.reshape(x, shape) if copy is None else compat.reshape(x, shape, copy=copy)
    except (RuntimeError, TypeError):
        # In polyarray's words: a shape not a tuple, sizes below -1, two -1 (torch's
        # "only one dimension can be inferred"); other errors are translated.
        arguments.check_reshape_shape("reshape", shape)
        if not x.numel() and type(shape) is tuple:  # (sizes no int64 counts, before the
            # element count, as on NumPy and JAX)
            sizes = [s for s in shape if type(s) is int and s > 0]
            creation.check_countable("reshape", sizes, x.element_size())
        raise
    if not result.numel():  # (sizes beside the 0 that NumPy cannot count: refused)
        creation.check_countable("reshape", result.shape, x.element_size())
    return result


def roll(x: Any, /, shift: Any, *, axis: Any = None) -> Any:
    """The standard's ``roll``; over no axes (``axis=()``), a copy of ``x``."""
    if type(shift) is not int:
        shift = checks.integer_argument("roll", "shift", shift, tuples=True)
        arguments.check_roll_shift(shift, axis)
    if axis is not None and type(axis) is not int:
        axis = checks.axis_argument("roll", axis)
        if type(shift) is int and type(axis) is tuple and axis:
            # One shift for every axis, as the standard says (torch wants one per axis).
            shift = (shift,) * len(axis)
    if axis == ():
        # torch takes dims=() for "flatten and roll", NumPy (and the standard's "the
        # axes to roll") for none at all.
        return x.clone()
    if x.ndim and x.dtype not in UNSIGNED:  # (only 0-d tensors have no axes to check)
        try:
            result = torch.roll(x, shift, axis)
        except (RuntimeError, ValueError, TypeError):  # (TypeError: a tuple of shifts)
            if not _huge_shift(shift):
                raise
        else:
            if axis is not None and not result.numel():  # (torch rolls empty tensors
                _check_roll_axes(x, axis)  # without a look at the axis)
            return result
        shift = _reduced_shift(x, shift, axis)  # (torch cannot take it: NumPy's answer)
    checks.check_no_axes("roll", x, axis)
    if x.dtype in UNSIGNED:
        if _huge_shift(shift):  # (as above)
            shift = _reduced_shift(x, shift, axis)
        if axis is not None and not x.numel():
            _check_roll_axes(x, axis)
        return _roll_bits(x, shift, axis)
    if _huge_shift(shift):  # (a 0-d x: torch cannot take it either)
        shift = _reduced_shift(x, shift, axis)
    return torch.roll(x, shift, axis)


def _check_roll_axes(x: Any, axis: Any) -> None:
    """An ``AxisError`` for an axis out of range of ``x``: torch looks at none of an empty
    tensor's (NumPy does; a repeated axis rolls twice, on every backend)."""
    ndim = x.ndim
    for a in axis if type(axis) is tuple else (axis,):
        if not -ndim <= a < ndim:
            raise checks.beyond_int64("roll", a) or mistakes.mistake_error(
                mistakes.AXIS, "roll", (x,), f"axis {a} is out of bounds for {ndim} dimension(s)"
            )


def _huge_shift(shift: Any) -> bool:
    """Whether a shift (or a tuple of them) lies beyond int64, which torch cannot take."""
    shifts = shift if type(shift) is tuple else (shift,)
    return any(not -(2**63) <= s < 2**63 for s in shifts)


def _reduced_shift(x: Any, shift: Any, axis: Any) -> Any:
    """Each shift modulo its axis's length (of the flattened tensor for axis=None): the same
    roll, within what torch takes."""
    if axis is None:
        return shift % max(x.numel(), 1)
    if type(shift) is int:
        return shift % max(x.shape[axis], 1)
    return tuple(s % max(x.shape[a], 1) for s, a in zip(shift, axis, strict=True))


def squeeze(x: Any, /, axis: Any) -> Any:
    """The standard's ``squeeze``: only axes of length 1, and at least one of them."""
    if type(axis) is not int:
        axis = checks.axis_argument("squeeze", axis, none=False)  # (None: TypeError)
    else:
        try:  # (an axis out of range is one of the tuple's: the check below raises)
            if x.shape[axis] == 1:
                return torch.squeeze(x, axis)
        except IndexError:
            pass
    checks.check_no_axes("squeeze", x, axis)
    if x.ndim:  # (torch and array-api-compat: IndexError for an axis out of range)
        checks.distinct_axes("squeeze", axis if type(axis) is tuple else (axis,), x.ndim)
    # torch.squeeze leaves axes longer than 1 silently; array-api-compat's refuses them
    # (https://github.com/pytorch/pytorch/issues/70924).
    return compat.squeeze(x, axis)


def tile(x: Any, repetitions: Any, /) -> Any:
    """The standard's ``tile``."""
    if type(repetitions) is not tuple or not checks.all_ints(repetitions):
        repetitions = checks.integer_sequence("tile", "repetitions", repetitions)
    creation.check_repetitions("tile", repetitions, x)
    if x.dtype in UNSIGNED:
        return _tile_bits(x, repetitions)
    return torch.tile(x, repetitions)


def unstack(x: Any, /, *, axis: int = 0) -> Any:
    """The standard's ``unstack``: a tuple of views along ``axis``."""
    if type(axis) is not int:
        axis = checks.axis_argument("unstack", axis, tuples=False, none=False)
    if x.ndim and x.dtype not in UNSIGNED:  # (only 0-d tensors have no axes to check)
        return torch.unbind(x, axis)
    checks.check_no_axes("unstack", x, axis)
    return _unstack_bits(x, axis=axis)
