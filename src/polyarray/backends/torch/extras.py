"""polyarray's own reductions, on torch: ``max_with_indices``, ``min_with_indices``, ``median``.

- ``max_with_indices``/``min_with_indices`` give the first index of ties and of NaN (NaN
  wins: it is the value), on every device (``torch.max(x, dim)`` leaves ties unspecified).
- ``median`` of an even count is the mean of the two middle values (torch returns the
  lower one); of integers, the default float; of anything with a NaN, NaN.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any, Final

import torch

from polyarray._results import MinMaxResult
from polyarray._rules import checks
from polyarray._rules.elementwise import complex_refused
from polyarray.backends.torch import _unsigned as unsigned
from polyarray.backends.torch._arrays import (
    INTEGRAL,
    NATIVE,
    axes_of,
    default_float,
    take_along,
)

__all__ = ["max_with_indices", "median", "min_with_indices"]

# Where torch.max/min(x, dim) are known to pick the first index of ties and of NaN as
# argmax/argmin do: checked against NumPy on torch's CPU kernels (random arrays with many
# ties and NaN, contiguous or not), where they are 3-5x faster than argmax with a gather.
# Elsewhere (CUDA) the documented argmax path is used.
_FIRST_INDEX_DTYPES: Final = frozenset(
    NATIVE[n] for n in ("bool", "int8", "int16", "int32", "int64", "uint8", "float32", "float64")
)
# torch.argmax/argmin for every dtype (unsigned ones through an order-preserving map).
_argmax: Final = unsigned.through(torch.argmax, order=True, values_out="none")
_argmin: Final = unsigned.through(torch.argmin, order=True, values_out="none")
# torch's (values, indices) named tuple as polyarray's: tuple.__new__ skips the keyword
# handling of the named tuple's constructor (~100 ns), called inline on the hot paths.
_new_tuple: Final[Callable[..., Any]] = tuple.__new__


def max_with_indices(x: Any, /, *, axis: int | None = None, keepdims: bool = False) -> Any:
    """The largest values along ``axis`` and their first indices (a ``MinMaxResult``)."""
    if axis is not None and type(axis) is not int:
        axis = checks.axis_argument("max_with_indices", axis, tuples=False)
    if axis is not None and x.dtype in _FIRST_INDEX_DTYPES and x.is_cpu and x.ndim:
        try:
            return _new_tuple(MinMaxResult, torch.max(x, axis, keepdims))
        except IndexError:
            pass  # an axis out of range: the general path raises polyarray's error
    return _with_indices("max_with_indices", _argmax, x, axis, keepdims)


def min_with_indices(x: Any, /, *, axis: int | None = None, keepdims: bool = False) -> Any:
    """The smallest values along ``axis`` and their first indices (a ``MinMaxResult``)."""
    if axis is not None and type(axis) is not int:
        axis = checks.axis_argument("min_with_indices", axis, tuples=False)
    if axis is not None and x.dtype in _FIRST_INDEX_DTYPES and x.is_cpu and x.ndim:
        try:
            return _new_tuple(MinMaxResult, torch.min(x, axis, keepdims))
        except IndexError:
            pass
    return _with_indices("min_with_indices", _argmin, x, axis, keepdims)


def _with_indices(
    name: str, arg_function: Callable[..., Any], x: Any, axis: int | None, keepdims: bool
) -> Any:
    """Through argmax/argmin, which give the first index of ties and of the first NaN on
    the CPU and on CUDA, for every dtype and device."""
    checks.check_no_axes(name, x, axis)
    keys = x.to(torch.uint8) if x.dtype is torch.bool else x  # (no boolean argmax in torch)
    if axis is None:
        flat = x.reshape(-1)
        index = arg_function(keys.reshape(-1), axis=0, keepdims=True)
        values = flat[index]
        shape = (1,) * x.ndim if keepdims else ()
        return MinMaxResult(values.reshape(shape), index.reshape(shape))
    index = arg_function(keys, axis=axis, keepdims=True)
    values = take_along(x, index, axis)
    if not keepdims:
        values, index = values.squeeze(axis), index.squeeze(axis)
    return MinMaxResult(values, index)


def median(x: Any, /, *, axis: Any = None, keepdims: bool = False) -> Any:
    """The median along ``axis``: the mean of the middle two values for an even count."""
    if axis is not None and type(axis) is not int:
        axis = checks.axis_argument("median", axis)
    if x.dtype.is_complex and axis != ():  # (0-d ones too, which torch never sorts: NumPy's
        raise complex_refused("median")  # check, after the axis's type, as on NumPy)
    if axis is not None and x.ndim:  # (torch's permute fails on a repeated axis)
        checks.distinct_axes("median", axis if type(axis) is tuple else (axis,), x.ndim)
    integral = x.dtype in INTEGRAL
    if axis == ():  # each element its own median (torch sorts no complex numbers)
        return x.to(default_float()) if integral else x.clone()
    values = x.to(torch.float64) if integral else x  # integers: in float64
    ndim = values.ndim
    if ndim == 0:
        if axis not in (None, ()):
            raise checks.no_axes_error("median", axis)
        result = values.clone()
    else:
        axes = axes_of(axis, ndim)
        kept = [d for d in range(ndim) if d not in axes]
        # Move the reduced axes to the end and flatten them into one.
        # (The count written out: -1 is ambiguous for an empty array, over no axes too.)
        count = math.prod(values.shape[d] for d in axes)
        moved = values.permute(*kept, *axes).reshape(*(values.shape[d] for d in kept), count)
        if count == 0:
            result = torch.full(moved.shape[:-1], float("nan"), dtype=values.dtype, device=x.device)
        else:
            ordered = torch.sort(moved, dim=-1).values
            low, high = ordered[..., (count - 1) // 2], ordered[..., count // 2]
            result = low if count % 2 else (low + high) / 2  # (no sum to overflow)
            # torch sorts NaN last; the median of anything with a NaN is NaN, as in NumPy.
            if values.is_floating_point() or values.is_complex():
                result = torch.where(torch.isnan(moved).any(dim=-1), ordered[..., -1], result)
        if keepdims:
            result = result.reshape([1 if d in axes else values.shape[d] for d in range(ndim)])
    return result.to(default_float()) if integral else result
