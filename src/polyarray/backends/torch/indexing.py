"""Indexing functions of the standard, on torch.

Negative indices count from the end (torch's ``index_select`` and ``take_along_dim``
refuse them, https://github.com/pytorch/pytorch/issues/146211: array-api-compat maps them);
indices of every integer dtype work (torch takes int64, and int32 in some functions only);
uint16/uint32/uint64 values move as the signed integers of the same bits.
"""

from __future__ import annotations

from typing import Any, Final

import numpy as np
import torch

from polyarray._dtypes import PYTHON_SCALARS
from polyarray._rules import arguments, checks, mistakes
from polyarray.backends.torch import _unsigned as unsigned
from polyarray.backends.torch._arrays import UNSIGNED, compat

__all__ = ["take", "take_along_axis"]

_take_bits: Final = unsigned.through(compat.take, order=False, values_out="all")
_take_along_axis_bits: Final = unsigned.through(
    compat.take_along_axis, order=False, values_out="all"
)


def _int64_indices(name: str, indices: Any) -> Any:
    """Integer indices of any dtype as int64, which every torch indexing function takes;
    booleans and floats are refused (NumPy took booleans as 0 and 1)."""
    dtype = indices.dtype
    if dtype is torch.bool or indices.is_floating_point() or indices.is_complex():
        raise arguments.integer_indices_error(name, str(dtype).removeprefix("torch."))
    if dtype is torch.uint64:
        # Values from 2**63 up would wrap to negative int64 indices, counted from the end:
        # no array has that many elements, so they are out of range.
        bits = indices.view(torch.int64)
        if bits.numel() and bool((bits < 0).any()):
            raise IndexError("index 2**63 or larger is out of bounds")
        return bits
    return indices.to(torch.int64)


def _check_in_bounds(name: str, indices: Any, x: Any, axis: int | None) -> None:
    """IndexError, as NumPy raises it, for an index outside ``[-size, size)``.

    torch wraps some of them silently (``take_along_dim`` on the CPU gives element 0 for
    index ``size``) and reports others as a RuntimeError; the standard leaves them
    undefined, and polyarray refuses them on every backend. This costs one reduction of
    the indices (and, on a GPU, a wait for it).
    """
    if axis is None:
        size, axis = x.numel(), 0
    elif -x.ndim <= axis < x.ndim:
        size, axis = x.shape[axis], axis % x.ndim
    else:  # the axis itself is wrong: as NumPy's is reported (torch: IndexError)
        detail = f"axis {axis} is out of bounds for array of dimension {x.ndim}"
        raise checks.beyond_int64(name, axis) or mistakes.mistake_error(
            mistakes.AXIS, name, (x, indices), detail
        )
    if not indices.numel():
        return
    low, high = (int(v) for v in torch.aminmax(indices))  # (int64: see _int64_indices)
    if high >= size or low < -size:
        bad = high if high >= size else low
        raise IndexError(f"index {bad} is out of bounds for axis {axis} with size {size}")


def take(x: Any, indices: Any, /, *, axis: int | None = None) -> Any:
    """The standard's ``take``: the elements at ``indices`` along ``axis``."""
    if type(x) in PYTHON_SCALARS:  # (a 0-d x, refused below in the order of NumPy's checks)
        x = np.asarray(x)
    if indices.dtype is not torch.int64:
        indices = _int64_indices("take", indices)
    ndim = x.ndim
    if indices.ndim != 1:  # (index_select refuses others, and 0-d ones gave shape (1,))
        arguments.check_take_indices("take", indices)
    if axis is None:
        if ndim != 1:  # (array-api-compat's take refuses it too, in other words)
            arguments.take_without_axis("take", x)
    elif type(axis) is not int or not ndim:
        axis = checks.array_axis("take", x, axis, tuples=False)
    _check_in_bounds("take", indices, x, axis)
    if (
        ndim == 1
        and x.is_cpu
        and (axis is None or axis == 0 or axis == -1)
        and x.dtype not in UNSIGNED
    ):
        # torch.take of a vector counts negative indices from the end; on the CPU it
        # raises for indices out of range, which then take array-api-compat's path for
        # its error. (On a GPU they would be a device-side assert: not tried there.)
        try:  # (cheaper than contextlib.suppress)
            return torch.take(x, indices)
        except (IndexError, RuntimeError):
            pass
    if x.dtype in UNSIGNED:
        return _take_bits(x, indices, axis=axis)
    return compat.take(x, indices, axis=axis)


def take_along_axis(x: Any, indices: Any, /, *, axis: int = -1) -> Any:
    """The standard's ``take_along_axis``."""
    if type(x) in PYTHON_SCALARS:  # (a 0-d x, refused below in the order of NumPy's checks)
        x = np.asarray(x)
    if indices.dtype is not torch.int64:
        indices = _int64_indices("take_along_axis", indices)
    ndim = x.ndim
    if type(axis) is not int or not ndim:  # (a 0-d tensor has no axis: refused)
        axis = checks.array_axis("take_along_axis", x, axis, tuples=False, none=False)
    if indices.ndim != ndim:  # (torch: RuntimeError; the bounds test would fail first)
        arguments.check_same_ndim("take_along_axis", (x, indices), "x and indices")
    if x.shape != indices.shape and -ndim <= axis < ndim:  # (before the bounds, as NumPy)
        arguments.check_along_shapes("take_along_axis", x, indices, axis)
    _check_in_bounds("take_along_axis", indices, x, axis)
    if x.is_cpu and x.dtype not in UNSIGNED:
        # On the CPU torch.take_along_dim counts negative indices from the end, as
        # array-api-compat maps them; versions that refuse them take its path.
        try:
            return torch.take_along_dim(x, indices, axis)  # (positional: parsed faster)
        except (IndexError, RuntimeError):
            pass
    if x.dtype in UNSIGNED:
        return _take_along_axis_bits(x, indices, axis=axis)
    return compat.take_along_axis(x, indices, axis=axis)
