"""Searching functions of the standard, on torch.

``argmax``/``argmin`` give the first index of ties and of NaN (torch does, on the CPU and
on CUDA); ``where`` and ``searchsorted`` promote their arguments by polyarray's rules;
uint16/uint32/uint64 go through an order-preserving map onto signed integers, which torch
has kernels for.
"""

from __future__ import annotations

from typing import Any, Final

import torch

from polyarray._rules import arguments, checks
from polyarray._rules import arrays as array_rules
from polyarray._rules.elementwise import complex_refused
from polyarray.backends.torch import _unsigned as unsigned
from polyarray.backends.torch._arrays import (
    COMPLEX,
    OPS,
    UNSIGNED,
    Tensor,
    compat,
    promoted,
    scalar_tensor,
)

__all__ = ["argmax", "argmin", "count_nonzero", "nonzero", "searchsorted", "where"]

_argmax_ordered: Final = unsigned.through(torch.argmax, order=True, values_out="none")
_argmin_ordered: Final = unsigned.through(torch.argmin, order=True, values_out="none")
_count_nonzero_bits: Final = unsigned.through(compat.count_nonzero, order=False, values_out="none")


def argmax(x: Any, /, *, axis: int | None = None, keepdims: bool = False) -> Any:
    """The standard's ``argmax``: the first index of the largest value (or of NaN)."""
    if axis is not None and (type(axis) is not int or not x.ndim):
        # Types, and no axis of a 0-d tensor (torch takes 0 and -1 there): reading
        # x.ndim costs a call with an axis ~60 ns, the default call nothing.
        axis = checks.array_axis("argmax", x, axis, tuples=False)
    try:
        return x.argmax(axis, keepdims)
    except NotImplementedError:  # an unsigned dtype without kernel
        return _argmax_ordered(x, axis=axis, keepdims=keepdims)
    except RuntimeError:
        if x.dtype is not torch.bool:
            raise
    return x.to(torch.uint8).argmax(axis, keepdims)  # torch has no boolean argmax


def argmin(x: Any, /, *, axis: int | None = None, keepdims: bool = False) -> Any:
    """The standard's ``argmin``: the first index of the smallest value (or of NaN)."""
    if axis is not None and type(axis) is not int:
        axis = checks.axis_argument("argmin", axis, tuples=False)
    if x.dtype in UNSIGNED or not x.ndim:
        checks.check_no_axes("argmin", x, axis)
        if x.dtype is torch.bool:  # torch has no boolean argmin (0-d ones come here)
            x = x.to(torch.uint8)
        return _argmin_ordered(x, axis=axis, keepdims=keepdims)
    try:
        return x.argmin(axis, keepdims)
    except RuntimeError:
        if x.dtype is not torch.bool:
            raise
    return x.to(torch.uint8).argmin(axis, keepdims)  # torch has no boolean argmin


def count_nonzero(x: Any, /, *, axis: Any = None, keepdims: bool = False) -> Any:
    """The standard's ``count_nonzero``."""
    if axis is not None and type(axis) is not int and type(axis) is not tuple:
        axis = checks.axis_argument("count_nonzero", axis)
    if not keepdims and x.dtype not in UNSIGNED and (axis is None or (x.ndim and axis != ())):
        return torch.count_nonzero(x, axis)
    axis = checks.array_axis(
        "count_nonzero", x, axis
    )  # (tuples too: array-api-compat takes floats)
    if axis == ():  # no reduction (torch would reduce over every axis)
        return (x != 0).to(torch.int64)
    # array-api-compat's count_nonzero keeps dimensions, which torch's cannot.
    return _count_nonzero_bits(x, axis=axis, keepdims=keepdims)


def nonzero(x: Any, /) -> Any:
    """The standard's ``nonzero``: a tuple of index tensors, one per dimension."""
    if x.dtype in UNSIGNED:
        x = unsigned.to_bits(x)  # the same zeros
    elif x.ndim:
        return torch.nonzero(x, as_tuple=True)
    # 0-d tensors are refused, as the standard leaves them undefined (torch.nonzero takes
    # them; array-api-compat's refuses them in other words).
    checks.check_dimensions("nonzero", x)
    return compat.nonzero(x)


# The dtypes of sorter indices (torch's own unsigned types included).
_INDEX_DTYPES: Final = frozenset(
    {
        torch.int8,
        torch.int16,
        torch.int32,
        torch.int64,
        torch.uint8,
        torch.uint16,
        torch.uint32,
        torch.uint64,
    }
)


def searchsorted(x1: Any, x2: Any, /, *, side: str = "left", sorter: Any = None) -> Any:
    """The standard's ``searchsorted``, of ``x1`` and ``x2`` promoted to one dtype."""
    if not isinstance(x1, Tensor):  # a Python scalar: a 0-d array, refused below, as NumPy's
        array_rules.check_scalar(x1, "searchsorted")
        x1 = scalar_tensor(x1, promoted([x1, x2], "searchsorted"), x2.device)
    if not isinstance(x2, Tensor):
        array_rules.check_scalar(x2, "searchsorted")
        x2 = scalar_tensor(x2, promoted([x1, x2], "searchsorted"), x1.device)
    if x1.dtype is not x2.dtype:
        name = array_rules.promoted_name(OPS, [x1, x2], "searchsorted")
        x1, x2 = array_rules.as_name(OPS, [x1, x2], name)
    if x1.dtype in COMPLEX:  # the dtype before the shape and side, as on NumPy (torch
        raise complex_refused("searchsorted")  # searched empty arrays of them)
    if x1.ndim != 1 or side != "left":  # (torch also searches stacks of sorted arrays)
        arguments.check_search(x1, side)
    if sorter is not None:
        integer = isinstance(sorter, Tensor) and sorter.dtype in _INDEX_DTYPES
        arguments.check_sorter(x1, sorter, integer=integer)
        sorter = sorter.to(torch.int64)  # (torch takes int64 sorters only)
    if x1.dtype in UNSIGNED:
        x1, x2 = unsigned.ordered(x1), unsigned.ordered(x2)
    elif x1.dtype is torch.bool:  # torch has no boolean kernel: False < True as 0 < 1
        x1, x2 = x1.to(torch.uint8), x2.to(torch.uint8)
    elif side == "left" and sorter is None:
        return torch.searchsorted(x1, x2)  # (each keyword costs torch ~100 ns)
    if side == "right" and sorter is None and x1.is_floating_point():
        # NaN sorts last and above every number, as in NumPy: torch's right side takes a
        # NaN it meets for smaller than the value (3, not 2, for 0.0 into [-0.0, 0.0, nan];
        # 1, not 0, for -16.0 into [1e-45, nan]). Searched with the NaNs as infinities,
        # then kept before them; a NaN value goes after everything.
        nan = torch.isnan(x1)
        numbers = x1.shape[-1] - nan.sum(-1, keepdim=True)
        if x1.ndim == 1:
            numbers = numbers.reshape(())
        result = torch.searchsorted(x1.masked_fill(nan, float("inf")), x2, side="right")
        return torch.where(torch.isnan(x2), x1.shape[-1], torch.minimum(result, numbers))
    return torch.searchsorted(x1, x2, side=side, sorter=sorter)


def where(condition: Any, x1: Any, x2: Any, /) -> Any:
    """The standard's ``where``, of ``x1`` and ``x2`` promoted to one dtype."""
    try:
        if x1.dtype is x2.dtype:
            return torch.where(condition, x1, x2)
    except AttributeError:  # a Python scalar: polyarray's promotion rules apply
        pass
    except RuntimeError:
        if getattr(condition, "dtype", torch.bool) is torch.bool:
            raise
        # A condition of numbers is their truth, as NumPy takes it (torch refuses).
        return where(condition != 0, x1, x2)
    name = array_rules.promoted_name(OPS, [x1, x2], "where")
    if not isinstance(x1, Tensor) and not isinstance(x2, Tensor):
        x1 = OPS.scalar(x1, name, condition)
    a1, a2 = array_rules.as_name(OPS, [x1, x2], name)
    if getattr(condition, "dtype", torch.bool) is not torch.bool:
        condition = condition != 0  # their truth, as above
    return torch.where(condition, a1, a2)
