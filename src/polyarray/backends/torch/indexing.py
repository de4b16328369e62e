"""Indexing functions of the standard, on torch.

Negative indices count from the end (torch's ``index_select`` and ``take_along_dim``
refuse them, https://github.com/pytorch/pytorch/issues/146211: array-api-compat maps them);
uint16/uint32/uint64 values move as the signed integers of the same bits.
"""

from __future__ import annotations

from typing import Any, Final

import torch

from polyarray._rules import checks
from polyarray.backends.torch import _unsigned as unsigned
from polyarray.backends.torch._arrays import UNSIGNED, compat

__all__ = ["take", "take_along_axis"]

_take_bits: Final = unsigned.through(compat.take, order=False, values_out="all")
_take_along_axis_bits: Final = unsigned.through(
    compat.take_along_axis, order=False, values_out="all"
)


def _check_in_bounds(indices: Any, x: Any, axis: int | None) -> None:
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
    else:
        return  # the axis itself is wrong: the call reports that
    if not indices.numel() or indices.is_floating_point() or indices.is_complex():
        return
    low, high = (int(v) for v in torch.aminmax(indices.to(torch.int64)))
    if high >= size or low < -size:
        bad = high if high >= size else low
        raise IndexError(f"index {bad} is out of bounds for axis {axis} with size {size}")


def take(x: Any, indices: Any, /, *, axis: int | None = None) -> Any:
    """The standard's ``take``: the elements at ``indices`` along ``axis``."""
    _check_in_bounds(indices, x, axis)
    if (
        x.ndim == 1
        and x.is_cpu
        and (axis is None or axis == 0 or axis == -1)
        and indices.dtype is torch.int64
        and indices.ndim == 1
        and x.dtype not in UNSIGNED
    ):
        # torch.take of a vector counts negative indices from the end; on the CPU it
        # raises for indices out of range, which then take array-api-compat's path for
        # its error. (On a GPU they would be a device-side assert: not tried there.)
        try:  # (cheaper than contextlib.suppress)
            return torch.take(x, indices)
        except (IndexError, RuntimeError):
            pass
    checks.check_no_axes("take", x, axis)
    if x.dtype in UNSIGNED:
        return _take_bits(x, indices, axis=axis)
    return compat.take(x, indices, axis=axis)


def take_along_axis(x: Any, indices: Any, /, *, axis: int = -1) -> Any:
    """The standard's ``take_along_axis``."""
    if x.ndim:
        _check_in_bounds(indices, x, axis)
    if x.is_cpu and x.ndim and x.dtype not in UNSIGNED:
        # On the CPU torch.take_along_dim counts negative indices from the end, as
        # array-api-compat maps them; versions that refuse them take its path.
        try:
            return torch.take_along_dim(x, indices, axis)  # (positional: parsed faster)
        except (IndexError, RuntimeError):
            pass
    checks.check_no_axes("take_along_axis", x, axis)
    if x.dtype in UNSIGNED:
        return _take_along_axis_bits(x, indices, axis=axis)
    return compat.take_along_axis(x, indices, axis=axis)
